"""Attach date expressions of a parsed document to the events of its clauses."""
from __future__ import annotations

import datetime as _dt
from dataclasses import replace
from typing import Optional

from spacy.tokens import Doc, Token

from .. import dates
from .modality import REPORT_VERBS

CLIMB_DEPS = frozenset({"xcomp", "acomp", "conj", "ccomp", "advcl", "pcomp", "prep", "pobj", "relcl", "attr"})
LEDE_MAX_DAYS = 7
LEDE_SENTENCES = 3
LEDE = "lede"  # provisional precision, settled by DocDates.settle


def _owner(tok: Token) -> Optional[Token]:
    t = tok
    for _ in range(5):
        if t.pos_ in ("VERB", "AUX"):
            return t
        if t.head is t:
            return None
        t = t.head
    return t if t.pos_ in ("VERB", "AUX") else None


class DocDates:
    def __init__(self, doc: Doc, publication_date: _dt.date):
        self.pub = publication_date
        self.by_owner: dict[int, dates.ResolvedDate] = {}
        self.lede: Optional[dates.ResolvedDate] = None
        self.lede_sentence = 0
        # the lede: the first sentences of the story (a headline may come first)
        lede_starts = [s.start for _, s in zip(range(LEDE_SENTENCES), doc.sents)]
        for ent in doc.ents:
            if ent.label_ not in ("DATE", "TIME"):
                continue
            text = ent.text
            low = text.lower()
            if ent.label_ == "TIME" and not any(w in low for w in ("night", "morning", "evening", "afternoon")):
                continue
            r = dates.resolve(text, publication_date)
            if r is None:
                continue
            owner = _owner(ent.root)
            if owner is None:
                continue
            self.by_owner.setdefault(owner.i, r)
            # (a date equal to the publication date is usually the dateline: it adds nothing)
            if self.lede is None and r.precision == "day" and ent.sent.start in lede_starts \
                    and 0 < (publication_date - r.date).days <= LEDE_MAX_DAYS:
                self.lede = r
                self.lede_sentence = lede_starts.index(ent.sent.start)

    def date_of(self, trigger: Token, governor: Optional[Token]) -> tuple[_dt.date, str, bool]:
        t = governor if governor is not None else trigger
        if t.pos_ not in ("VERB", "AUX"):
            t = _owner(t) or t
        for _ in range(6):
            r = self.by_owner.get(t.i)
            if r is not None:
                historical = r.historical or (self.pub - r.date).days > 31
                return r.date, r.precision, historical
            if t.dep_ not in CLIMB_DEPS or t.head is t:
                break
            if t.dep_ == "ccomp" and t.head.lemma_ not in REPORT_VERBS:
                break
            t = t.head
        if self.lede is not None:
            return self.lede.date, LEDE, False
        return self.pub, "publication", False

    def settle(self, events: list) -> list:
        """Resolve the provisional ``lede`` precision: an undated event takes the date of the story's
        lede ("..., Wang said on Friday") only when it involves the lede's own dyad; otherwise it
        falls back to the publication date."""
        pairs = {frozenset((e.source.country, e.target.country if e.target else None))
                 for e in events if e.sentence_index == self.lede_sentence and e.date_precision != "publication"}
        out = []
        for e in events:
            if e.date_precision == LEDE:
                pair = frozenset((e.source.country, e.target.country if e.target else None))
                e = replace(e, date_precision="day") if pair in pairs else \
                    replace(e, date=self.pub, date_precision="publication")
            out.append(e)
        return out
