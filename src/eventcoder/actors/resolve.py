"""Actor resolution inside one document: noun phrase -> Actor(s), with in-document coreference.

``DocActors`` walks a parsed Doc sentence by sentence.  ``prepare(sent)`` registers the people a
sentence introduces ("Iraqi Foreign Minister Fuad Hussein"); ``resolve(token)`` turns the head token
of a noun phrase into actors, following surnames, pronouns, "the Iraqi side", "the two sides",
"the government" back to what they refer to.  Every Actor records how it was resolved.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Optional

from spacy.tokens import Doc, Span, Token

from ..model import Actor
from .component import ActorIndex

#: dependents that belong to a noun phrase (for actor resolution)
PHRASE_DEPS = frozenset({"compound", "amod", "det", "poss", "case", "nmod", "flat", "nummod",
                         "quantmod", "predet", "appos", "punct"})
PLACE_NOUNS = frozenset({"village", "town", "city", "area", "region", "district", "province", "camp",
                         "neighbourhood", "neighborhood", "settlement", "border", "market", "hospital",
                         "school", "mosque", "church", "facility", "port", "airport", "compound", "outpost",
                         "checkpoint", "capital", "enclave", "territory", "zone", "site", "base"})
QUANTITY_NOUNS = frozenset({"thousand", "hundred", "dozen", "score", "million", "member", "some", "many",
                            "group", "number", "handful", "majority", "most", "all", "one", "two", "several",
                            "team", "contingent", "unit", "delegation", "crowd"})
GROUP_PRONOUNS = frozenset({"it", "its", "they", "them", "their", "itself", "themselves"})
SPEAKER_PRONOUNS = frozenset({"it", "they", "we", "he", "she"})
REPORT_VERBS = frozenset({"say", "tell", "announce", "state", "add", "note", "declare", "insist", "claim",
                          "report", "confirm", "reiterate", "stress", "warn", "vow", "pledge", "promise",
                          "deny", "admit", "acknowledge", "threaten", "signal", "indicate"})
PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "himself", "herself"})
BOTH_WORDS = frozenset({"side", "country", "nation", "leader", "minister", "government", "party",
                        "state", "president", "foreign minister", "counterpart"})
#: words that make a preceding place name a disease's name
DISEASE_NOUNS = frozenset({"virus", "variant", "strain", "flu", "fever", "pox"})


def _names_disease(h: Token) -> bool:
    """Is ``h`` a place name used for a disease ("Corona virus", "Delta variant", "Wuhan flu")?"""
    return h.i + 1 < len(h.doc) and h.doc[h.i + 1].lower_ in DISEASE_NOUNS


FOCUS_NOUNS = frozenset({"government", "country", "kingdom", "regime", "administration",
                         "authorities", "republic", "state", "nation"})
SIDE_NOUNS = frozenset({"side"})
#: entry kinds that resolve to their own code/country/sectors (dictionary people included)
UNKNOWN_ENT_LABELS = frozenset({"PERSON", "ORG", "NORP", "FAC", "GPE"})
ORG_KINDS = frozenset({"igo", "ngo", "media", "business", "armed_group", "party", "person"})


def make_code(country: Optional[str], sectors: tuple[str, ...]) -> str:
    return (country or "") + (sectors[0] if sectors else "")


def _span_offsets(tokens: list[Token]) -> tuple[str, int, int]:
    first, last = tokens[0], tokens[-1]
    start, end = first.idx, last.idx + len(last.text)
    # the span's own text: Doc.text would be rebuilt from every token on each call
    return first.doc[first.i:last.i + 1].text, start, end


_DATELINE = re.compile(r"\s*[A-Z][A-Z'.\- ]{2,}(?:/[A-Z][A-Za-z ]+)?"
                       r"(?:,\s*(?:[A-Z][A-Za-z]+\.?\s*\d{1,2}|[A-Z][a-z]+))?\s*"
                       r"(?:\([^)]{1,40}\)\s*(?:--|\u2014|\u2013|-|:)|\s(?:--|\u2014|\u2013|-)|--|\u2014)\s+")
_DATELINE2 = re.compile(r"\s*[A-Z][a-z]+(?: [A-Z][a-z]+)?, [A-Z][a-z]+\.? \d{1,2},? \(?[A-Z][A-Za-z]+\)?\s*"
                        r"(?:--|\u2014|\u2013|-|:)\s+")


def _strip_the(name: str) -> str:
    return name[4:] if name.lower().startswith("the ") else name


@dataclass(frozen=True)
class DictPlace:
    name: str
    country: str
    kind: str
    population: Optional[int]
    #: listed as a major city or territory by the country dictionary
    listed: bool = False


class DocActors:
    """Per-document actor state.  Not thread-safe; one per Doc."""

    def __init__(self, doc: Doc, index: ActorIndex, *, date=None, country_as_government: bool = True,
                 unknown_actors: bool = True, gazetteer=None):
        self.doc = doc
        self.gazetteer = gazetteer
        self.unknown_actors = unknown_actors
        self.date = date
        self.index = index
        self.country_as_government = country_as_government
        self.match_at: dict[int, tuple[int, int, int, str]] = {}
        #: people the dictionaries know but not in office on the article's date: their country still holds
        self.stale_at: dict[int, object] = {}
        for m in doc._.ec_actor_matches or ():
            if index.choose(m[2], date)[0] is None:
                # no entry of this name applies on the article's date (e.g. out of office)
                if m[3] == "name":
                    # former office holders only (CAMEO's ELI); before their term a name is not theirs yet
                    day = date.date() if hasattr(date, "date") else date
                    people = [index.entries[c] for c in index.candidates[m[2]]
                              if index.entries[c].kind == "person" and index.entries[c].country
                              and index.entries[c].end is not None and day is not None
                              and day > index.entries[c].end]
                    if people and len({p.country for p in people}) == 1:
                        for i in range(m[0], m[1]):
                            self.stale_at[i] = people[-1]
                continue
            for i in range(m[0], m[1]):
                self.match_at[i] = m
        self.persons: dict[str, Actor] = {}  # name -> template actor (no offsets)
        self.person_mentions: list[tuple[int, Actor]] = []
        self.focus: list[tuple[int, Actor]] = []
        self.cache: dict[int, tuple[Actor, ...]] = {}
        self._named: dict[int, dict[str, bool]] = {}
        self.notes: list[str] = []
        self.text = doc.text
        m = _DATELINE.match(self.text) or _DATELINE2.match(self.text)
        #: "KABUL (Reuters) -", "ADDIS ABABA, May 15 (Xinhua) --": a dateline names where the story was
        #: filed and who filed it, never a participant
        self.dateline_end = m.end() if m else 0

    # ------------------------------------------------------------------ helpers
    def phrase(self, head: Token) -> list[Token]:
        out = [head]
        stack = [head]
        while stack:
            t = stack.pop()
            for c in t.children:
                if c.dep_ == "npadvmod" and t.dep_ == "amod" and c.i < t.i \
                        and t.lemma_.lower() in ("lead", "run", "command", "own", "dominate"):
                    # "Vietnamese-led forces", "Saudi-backed militia"
                    out.append(c)
                    stack.append(c)
                    continue
                if c.dep_ in PHRASE_DEPS:
                    if c.dep_ == "punct" and not (head.left_edge.i <= c.i <= head.i):
                        continue
                    if c.dep_ == "appos" and c.i > head.i and c.i - head.i > 12:
                        continue
                    out.append(c)
                    stack.append(c)
        out.sort(key=lambda t: t.i)
        if self.dateline_end and head.idx >= self.dateline_end:
            out = [t for t in out if t.idx >= self.dateline_end]
        # trim punctuation / determiners at the edges for offsets
        while out and out[0].dep_ in ("punct", "case") and len(out) > 1:
            out.pop(0)
        while out and out[-1].dep_ == "punct" and len(out) > 1:
            out.pop()
        # keep parentheses balanced: "the Islamic State (IS)"
        covered = head.doc[out[0].i:out[-1].i + 1]
        if sum(t.text == "(" for t in covered) > sum(t.text == ")" for t in covered):
            nxt = out[-1].i + 1
            if nxt < len(head.doc) and head.doc[nxt].text == ")":
                out.append(head.doc[nxt])
        return out

    def sectors_in(self, tokens: list[Token]) -> tuple[list[str], set[int], bool]:
        """Sector codes implied by titles / nouns among ``tokens`` (longest lemma match first)."""
        terms = self.index.sector_terms
        maxlen = self.index.max_term_len
        sectors: list[str] = []
        used: set[int] = set()
        is_title = False
        lemmas = [t.lemma_.lower() for t in tokens]
        i = 0
        while i < len(tokens):
            hit = None
            for n in range(min(maxlen, len(tokens) - i), 0, -1):
                key = tuple(lemmas[i:i + n])
                if key in terms:
                    hit = (n, terms[key])
                    break
                # plural / surface forms of multi-word terms ("security forces")
                key2 = tuple(t.lower_ for t in tokens[i:i + n])
                if key2 in terms:
                    hit = (n, terms[key2])
                    break
            if hit and hit[0] == 1 and hit[1][1] and tokens[i].pos_ == "ADJ" and tokens[i].dep_ == "amod":
                hit = None  # "a general strike", "the general election": an adjective, not the title
            if hit and all(tokens[i + k].ent_type_ in ("GPE", "LOC", "FAC") and tokens[i + k].pos_ == "PROPN"
                           for k in range(hit[0])):
                hit = None  # part of a place name ("the West Bank"), not a bank
            if hit and not any(tokens[i + k].i in self.match_at for k in range(hit[0])):
                n, (sector, title) = hit
                if sector not in sectors:
                    sectors.append(sector)
                is_title = is_title or title
                used.update(tokens[i + k].i for k in range(n))
                i += n
            else:
                i += 1
        return sectors, used, is_title

    def _actor(self, tokens: list[Token], **kw) -> Actor:
        text, start, end = _span_offsets(tokens)
        return Actor(text=text, start=start, end=end, **kw)

    # ------------------------------------------------------------------ public
    def prepare(self, sent: Span) -> None:
        """Register the people introduced in ``sent`` and record mentions in document order."""
        for ent in sent.ents:
            if ent.label_ in ("PERSON", "ORG", "NORP", "GPE") and ent.root.pos_ == "PROPN":
                if ent.label_ != "PERSON" and ent.root.i in self.match_at:
                    continue
                if ent.label_ != "PERSON" and ent.text not in self.persons and ent[-1].text not in self.persons:
                    continue
                self.resolve(ent.root)

    def resolve(self, tok: Token) -> tuple[Actor, ...]:
        if tok.i in self.cache:
            return self.cache[tok.i]
        if tok.idx < self.dateline_end:
            # the parser often hangs the real subject under the dateline ("THE HAGUE -- A UN prosecutor
            # charged ..." with "HAGUE" as subject and "prosecutor" as its apposition)
            after = [t for t in tok.subtree if t.idx >= self.dateline_end and t.head.idx < self.dateline_end
                     and t.dep_ in ("appos", "conj", "npadvmod", "nmod", "dep", "compound")]
            result = self.resolve(after[0]) if after else ()
            self.cache[tok.i] = result
            return result
        result = self._resolve(tok)
        if len(result) == 1 and result[0].country is None and result[0].sectors \
                and result[0].resolved_by in ("title", "sector-noun"):
            a = result[0]
            country = self._sentence_country(tok, domestic=not ({"GOV", "MIL"} & set(a.sectors)))
            if country:
                result = (replace(a, code=make_code(country, a.sectors), country=country,
                                  resolved_by=a.resolved_by + "+sentence-country"),)
        self.cache[tok.i] = result
        for a in result:
            if a.country:
                self.focus.append((tok.i, a))
        return result

    def resolve_with_conjuncts(self, tok: Token) -> tuple[Actor, ...]:
        out = list(self.resolve(tok))
        first = out[0] if out else None
        m = self.match_at.get(tok.i)
        conj = list(tok.conjuncts)
        if m is not None:
            # a name the parser split ("Barack" as head, "Obama ... and Vladimir Putin" below it)
            for t in self.doc[m[0]:m[1]]:
                if t is not tok:
                    conj += [c for c in t.conjuncts if not (m[0] <= c.i < m[1])]
        for c in conj:
            if c.i > tok.i:
                for a in self.resolve(c):
                    if first is not None and first.country and a.country is None and a.sectors \
                            and (a.resolved_by or "").startswith("sector-noun"):
                        # "Palestinian homes and civilian buildings", "Israeli helicopters and tanks"
                        a = replace(a, code=make_code(first.country, a.sectors), country=first.country,
                                    resolved_by=a.resolved_by + "+conj-country")
                    out.append(a)
        return tuple(out)

    # ------------------------------------------------------------------ core
    def _resolve(self, h: Token) -> tuple[Actor, ...]:
        low = h.lower_
        if h.pos_ == "PRON":
            # "The Israeli military says it has opened ...": the speaker of the reporting verb
            speaker = self._reporting_subject(h)
            if speaker:
                return tuple(replace(a, text=h.text, start=h.idx, end=h.idx + len(h.text),
                                     resolved_by=f"coref:speaker->{a.name or a.code}") for a in speaker)
            if low in PERSON_PRONOUNS:
                prev = self._last_person(h.i)
                if prev is not None:
                    return (replace(prev, text=h.text, start=h.idx, end=h.idx + len(h.text),
                                    resolved_by=f"coref:pronoun->{prev.name or prev.code}"),)
            elif low in GROUP_PRONOUNS:
                prev = self._last_group(h)
                if prev is not None:
                    return (replace(prev, text=h.text, start=h.idx, end=h.idx + len(h.text),
                                    resolved_by=f"coref:pronoun->{prev.name or prev.code}"),)
            return ()
        toks = self.phrase(h)
        if h.lemma_.lower() == "counterpart":
            got = self._counterpart(h, toks)
            if got:
                return got
        # "the two sides", "both countries"
        if ({"two", "both"} & {t.lower_ for t in toks}) and (h.lemma_.lower() in BOTH_WORDS):
            pair = self._last_two_countries(h.i)
            if pair:
                return tuple(self._actor(toks, code=make_code(c, ("GOV",)), country=c, sectors=("GOV",),
                                         name=c, resolved_by="coref:two-sides") for c in pair)
        matches = []
        seen = set()
        for t in toks:
            m = self.match_at.get(t.i)
            if m and m not in seen:
                seen.add(m)
                matches.append(m)
        sectors, used, is_title = self.sectors_in(toks)
        # person name tokens: proper nouns not in a dictionary match nor a title word
        name_toks = [t for t in toks if t.pos_ == "PROPN" and t.i not in self.match_at and t.i not in used
                     and t.ent_type_ not in ("GPE", "NORP", "DATE", "LOC")]
        if name_toks and h.pos_ == "PROPN" and h.i in {t.i for t in name_toks}:
            # keep only the contiguous name ending at the head
            cont = [h]
            for t in reversed([x for x in name_toks if x.i < h.i]):
                if t.i == cont[0].i - 1:
                    cont.insert(0, t)
            name_toks = cont
        else:
            name_toks = []
        org = None
        country_m = None
        for m in matches:
            entry, _ = self.index.choose(m[2], self.date)
            if entry is None:
                continue
            if entry.kind in ORG_KINDS and m[3] == "name":
                if entry.kind in ("business", "media") and is_title \
                        and all(self.doc[i].ent_type_ == "PERSON" for i in range(m[0], m[1])):
                    continue  # "President Ilir Meta" is a person, not the company
                if org is None or m[0] <= h.i < m[1]:
                    org = (m, entry)
            elif entry.kind == "country" or entry.country:
                if country_m is None or m[0] <= h.i < m[1]:
                    if country_m is not None and m[3] == "adjective" and h.tag_ in ("NNS", "NNPS") \
                            and m[0] <= h.i < m[1] and country_m[1] is not entry and country_m[0][1] <= m[0]:
                        # "Bosnian Serbs", "Iraqi Kurds": an ethnic group is coded by where it lives
                        continue
                    country_m = (m, entry)
        if country_m is not None and org is None and country_m[0][3] == "adjective" and h.tag_ in ("NNS", "NNPS") \
                and country_m[0][0] <= h.i < country_m[0][1]:
            # "ethnic Albanians in southern Serbia", "the Albanians of Kosovo": the country they live in
            for c in h.children:
                if c.dep_ == "prep" and c.lower_ in ("in", "of", "from") and c.lower_ != "from":
                    for g in c.children:
                        if g.dep_ == "pobj":
                            got = self.resolve(g)
                            if got and got[0].country and got[0].country != (country_m[1].country or country_m[1].code):
                                toks2 = sorted(set(toks) | set(g.subtree) | {c}, key=lambda t: t.i)
                                return (self._actor(toks2, code=make_code(got[0].country, ("CVL",)),
                                                    country=got[0].country, sectors=("CVL",),
                                                    name=country_m[1].name,
                                                    resolved_by=f"ethnic-group+{c.lower_}-country"),)
        if org is not None and country_m is not None and org[1].kind in ("party", "business", "media") \
                and country_m[0][3] == "adjective" and country_m[0][1] <= org[0][0] \
                and (country_m[1].country or country_m[1].code) != org[1].country:
            org = None  # "Serbian Labour Minister X": a title, not the British Labour Party
        if org is not None:
            m, entry = org
            secs = tuple(entry.sectors) or tuple(sectors)
            actor = self._actor(toks, code=entry.code, country=entry.country, sectors=secs, name=entry.name,
                                resolved_by="dictionary", entry=entry.id)
            if entry.kind == "person":  # later surnames and "he"/"she" refer back to a dictionary person
                self._register(list(self.doc[m[0]:m[1]]), actor)
            return (actor,)
        if country_m is not None:
            m, entry = country_m
            country = entry.country or entry.code
            secs = list(sectors)
            how = f"dictionary:{m[3]}"
            if m[3] == "metonym":
                for s in self.index.choose(m[2], self.date)[1].sectors:
                    if s not in secs:
                        secs.insert(0, s)
            if not secs and m[3] in ("name", "metonym") and self.country_as_government:
                secs = ["GOV"]
                how += "+government"
            if not secs and h.lemma_.lower() in SIDE_NOUNS:
                secs = ["GOV"]
                how = "coref:side"
            secs_t = tuple(secs)
            if m[3] == "adjective" and not name_toks:
                others = self._coordinated_adjectives(m)
                if others:
                    out = [self._actor(toks, code=make_code(country, secs_t), country=country, sectors=secs_t,
                                       name=entry.name, resolved_by=how + "+coordinated", entry=entry.id)]
                    for e2 in others:
                        c2 = e2.country or e2.code
                        out.append(self._actor(toks, code=make_code(c2, secs_t), country=c2, sectors=secs_t,
                                               name=e2.name, resolved_by=how + "+coordinated", entry=e2.id))
                    return tuple(out)
            name = " ".join(t.text for t in name_toks) if name_toks else (entry.name)
            actor = self._actor(toks, code=make_code(country, secs_t), country=country, sectors=secs_t,
                                name=name, resolved_by=how + ("+title" if name_toks else ""), entry=entry.id)
            if name_toks:
                self._register(name_toks, actor)
            return (actor,)
        if name_toks:
            key_full = " ".join(t.text for t in name_toks)
            known = self.persons.get(key_full) or self.persons.get(name_toks[-1].text) \
                or self.persons.get(name_toks[0].text)
            if known is not None:
                actor = self._actor(toks, code=known.code, country=known.country, sectors=known.sectors,
                                    name=known.name, resolved_by=f"coref:name->{known.name}", entry=known.entry)
                self.person_mentions.append((h.i, actor))
                return (actor,)
            stale = next((self.stale_at[t.i] for t in name_toks if t.i in self.stale_at), None)
            if sectors and is_title:
                # a titled person of unknown country: inherit from a coordinated title ("Chinese State
                # Councilor and Foreign Minister Wang Yi") or take "King Hassan of Morocco"
                country = self._conj_country(h) or self._of_country(h)
                how = "title" + ("+conj-country" if country else "")
                if country is None and stale is not None:
                    country, how = stale.country, "title+person-country"
                secs_t = tuple(sectors)
                actor = self._actor(toks, code=make_code(country, secs_t), country=country, sectors=secs_t,
                                    name=key_full, resolved_by=how, entry=stale.id if stale else None)
                self._register(name_toks, actor)
                return (actor,)
            if stale is not None:
                # a known person out of office on this date: CAMEO's elite (ELI) of their country
                actor = self._actor(toks, code=make_code(stale.country, ("ELI",)), country=stale.country,
                                    sectors=("ELI",), name=stale.name, resolved_by="dictionary:out-of-office",
                                    entry=stale.id)
                self._register(name_toks, actor)
                return (actor,)
            country = self._conj_country(h)
            if country:
                head_secs = self._conj_sectors(h)
                actor = self._actor(toks, code=make_code(country, head_secs), country=country,
                                    sectors=head_secs, name=key_full, resolved_by="title+conj-country")
                self._register(name_toks, actor)
                return (actor,)
            return self._unknown(h, toks)
        example = self._such_as(h)
        if example:
            return example
        if h.lemma_.lower() in PLACE_NOUNS and not sectors:
            # "a village in northern Nigeria", "the town of Bakhmut": the place's country
            for c in h.children:
                if c.dep_ == "prep" and c.lower_ in ("in", "of", "near", "outside"):
                    for g in c.children:
                        if g.dep_ == "pobj":
                            got = self.resolve(g)
                            if got and got[0].country and (got[0].resolved_by or "").startswith(
                                    ("gazetteer", "dictionary:name", "dictionary:metonym")):
                                country = got[0].country
                                return (self._actor(toks, code=country, country=country, sectors=(),
                                                    name=got[0].name, resolved_by=f"place-noun+{c.lower_}"),)
        if (h.lemma_.lower() in QUANTITY_NOUNS or h.like_num or h.pos_ == "NUM") and not sectors:
            # "thousands of Kenyans", "dozens of protesters", "members of Hamas"
            for c in h.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    for g in c.children:
                        if g.dep_ == "pobj":
                            got = self.resolve_with_conjuncts(g)
                            if got:
                                return tuple(replace(a, text=self.text[toks[0].idx:a.end] if a.end else a.text,
                                                     start=toks[0].idx if a.start is not None else None)
                                             for a in got)
        if sectors:
            secs_t = tuple(sectors)
            # "the president of Chile", "officials from Iraq", "protesters in Hong Kong"
            for c in h.children:
                if c.dep_ == "prep" and c.lower_ in ("of", "from", "in"):
                    for g in c.children:
                        if g.dep_ != "pobj":
                            continue
                        got = self.resolve(g)
                        if got and got[0].country and (c.lower_ != "in" or not got[0].entry
                                                       or self._is_country_entry(got[0].entry)):
                            country = got[0].country
                            toks2 = sorted(set(toks) | set(t for t in g.subtree) | {c}, key=lambda t: t.i)
                            actor = self._actor(toks2, code=make_code(country, secs_t), country=country,
                                                sectors=secs_t, name=None, resolved_by=f"sector-noun+{c.lower_}-country")
                            if name_toks:
                                self._register(name_toks, actor)
                            return (actor,)
            for t in toks:
                # "the Bush administration", "the Assad regime": a known person's government, in or out of office
                if t.i < h.i and t.i in self.stale_at and t.pos_ == "PROPN" and h.lemma_.lower() in FOCUS_NOUNS:
                    country = self.stale_at[t.i].country
                    return (self._actor(toks, code=make_code(country, secs_t), country=country, sectors=secs_t,
                                        name=None, resolved_by="sector-noun+person-modifier",
                                        entry=self.stale_at[t.i].id),)
            for t in toks:
                # "Darfur rebels", "Donetsk separatists": a place name in the phrase gives the country
                if t.dep_ in ("compound", "amod") and t.pos_ == "PROPN" and t.i < h.i and t.i not in self.match_at:
                    place = self._place(t)
                    if place is not None and place.country:
                        return (self._actor(toks, code=make_code(place.country, secs_t), country=place.country,
                                            sectors=secs_t, name=None, resolved_by="sector-noun+place-modifier"),)
            if h.lemma_.lower() in FOCUS_NOUNS and any(t.lower_ in ("the", "this", "its") for t in toks):
                prev = self._last_country(h.i)
                if prev:
                    return (self._actor(toks, code=make_code(prev, secs_t), country=prev, sectors=secs_t,
                                        name=prev, resolved_by="coref:focus-country"),)
            return (self._actor(toks, code=make_code(None, secs_t), country=None, sectors=secs_t,
                                name=None, resolved_by="sector-noun"),)
        return self._unknown(h, toks)

    def _named_countries(self, sent: Span) -> dict[str, bool]:
        """The countries the dictionaries find in ``sent`` (names, adjectives, metonyms, people, groups;
        not companies or media, not the dateline), each with whether it is named as a place ("in Sudan").
        Computed once per sentence."""
        got = self._named.get(sent.start)
        if got is not None:
            return got
        found: dict[str, bool] = {}
        for m in self.doc._.ec_actor_matches or ():
            if not (sent.start <= m[0] < sent.end) or self.doc[m[0]].idx < self.dateline_end:
                continue
            e, _ = self.index.choose(m[2], self.date)
            if e is None or not (e.kind == "country" or (e.country and e.kind not in ("business", "media"))):
                continue
            c = e.country or e.code
            tok = self.doc[m[1] - 1]
            place = tok.head.dep_ == "prep" and tok.head.lower_ in ("in", "inside", "across", "throughout")
            found[c] = found.get(c, False) or place
        self._named[sent.start] = found
        return found

    def sentence_countries(self, h: Token) -> set[str]:
        """The countries the dictionaries find in ``h``'s sentence."""
        return set(self._named_countries(h.sent))

    def _sentence_country(self, h: Token, domestic: bool) -> Optional[str]:
        """The one country a sentence names, for a titled person or sector noun of unknown country
        ("President Mugabe ... in Zimbabwe", "the judge ... Chilean officials"). Domestic sectors (judges,
        police, parties, rebels ...) take it from any mention; government and military only from a place
        phrase ("in Sudan"), as a foreign leader's country is as likely to be the other party's."""
        found = self._named_countries(h.sent)
        if len(found) != 1:
            return None
        (c, place), = found.items()
        return c if (domestic or place) else None

    def _coordinated_adjectives(self, m) -> list:
        """Other country adjectives coordinated with the one matched at ``m`` ("Indian and Chinese")."""
        tok = self.doc[m[0]]
        out = []
        for c in tok.conjuncts:
            m2 = self.match_at.get(c.i)
            if m2 and m2 != m and m2[3] == "adjective":
                e2, _ = self.index.choose(m2[2], self.date)
                if e2 is not None and (e2.kind == "country" or e2.country):
                    out.append(e2)
        return out

    def _place(self, h: Token):
        if self.gazetteer is None:
            return None
        if _names_disease(h):
            return None
        ent = next((e for e in self.doc.ents if e.start <= h.i < e.end), None)
        name = ent.text if ent is not None else h.text
        if name.lower().startswith("the "):
            name = name[4:]
        place = None if name.lower() in self.index.city_country else self.gazetteer.resolve(name)
        if place is None and name.lower() in self.index.city_country:
            # a city or territory the country dictionary lists ("the West Bank", "the Gaza Strip")
            return DictPlace(name=name, country=self.index.city_country[name.lower()], kind="city",
                             population=None, listed=True)
        if place is None or not place.country or place.kind == "country":
            return None
        if place.kind == "city" and (place.population or 0) < 50000 and not getattr(place, "listed", False):
            return None  # small towns share names with people and things too often
        return place

    def _is_country_entry(self, entry_id: str) -> bool:
        e = self.index.dictionary.by_id(entry_id) if hasattr(self.index.dictionary, "by_id") else None
        return e is not None and e.kind == "country"

    def _such_as(self, h: Token) -> tuple[Actor, ...]:
        """"terrorist forces such as the Islamic State": the named example is the actor."""
        for c in h.children:
            if c.dep_ == "prep" and c.lower_ in ("as", "like", "including") and \
                    (c.lower_ != "as" or any(g.lower_ == "such" for g in list(c.children) + list(h.children))):
                for g in c.children:
                    if g.dep_ == "pobj":
                        got = self.resolve_with_conjuncts(g)
                        named = tuple(a for a in got if a.entry)
                        if named:
                            return named
        return ()

    def _unknown(self, h: Token, toks: list[Token]) -> tuple[Actor, ...]:
        """A named entity no dictionary knows: kept as an actor with an empty code (``ner:LABEL``),
        so the event is still recorded, unless ``unknown_actors`` is off."""
        if _names_disease(h):
            return ()
        label = h.ent_type_
        named_place = h.pos_ == "PROPN" and (
            (h.head.lower_ == "of" and h.head.head.lemma_.lower() in PLACE_NOUNS)
            or _strip_the(next((e.text for e in self.doc.ents if e.start <= h.i < e.end), h.text)).lower()
            in self.index.city_country)
        if label in ("GPE", "LOC", "FAC", "ORG") or (h.pos_ == "PROPN" and not label) or named_place:
            # a place as an actor ("shelled Kharkiv", "airstrikes on Gaza"): its country
            place = self._place(h)
            if place is not None and label == "ORG" and (place.population or 0) < 100000 \
                    and not getattr(place, "listed", False):
                place = None  # spaCy thinks it is an organisation: only trust a large city
            if place is not None:
                return (self._actor(toks, code=place.country, country=place.country, sectors=(),
                                    name=place.name, resolved_by=f"gazetteer:{place.kind}",
                                    entry=None),)
        if not self.unknown_actors:
            return ()
        if label in UNKNOWN_ENT_LABELS or (h.pos_ == "PROPN" and label not in ("DATE", "TIME", "MONEY",
                                                                              "PERCENT", "CARDINAL")):
            name = self.doc[h.left_edge.i if h.left_edge.i >= toks[0].i else toks[0].i:h.i + 1].text
            return (self._actor(toks, code="", country=None, sectors=(), name=name,
                                resolved_by=f"ner:{label or 'PROPN'}"),)
        return ()

    def _of_country(self, h: Token) -> Optional[str]:
        for c in h.children:
            if c.dep_ == "prep" and c.lower_ in ("of", "from"):
                for g in c.children:
                    if g.dep_ == "pobj" and g.i in self.match_at:
                        e, _ = self.index.choose(self.match_at[g.i][2], self.date)
                        if e is not None and e.kind == "country":
                            return e.country or e.code
        return None

    def _reporting_subject(self, h: Token) -> tuple[Actor, ...]:
        """For a subject pronoun of a clause reported by a speech verb, the speaker ("X said it would")."""
        if h.dep_ not in ("nsubj", "nsubjpass") or h.lower_ not in SPEAKER_PRONOUNS:
            return ()
        clause = h.head
        if clause.dep_ != "ccomp" or clause.head.lemma_ not in REPORT_VERBS:
            return ()
        for c in clause.head.children:
            if c.dep_ == "nsubj" and c.i != h.i and c.pos_ != "PRON":
                got = self.resolve_with_conjuncts(c)
                if got and (h.lower_ not in PERSON_PRONOUNS or all(a.name for a in got)):
                    return got
        return ()

    def _last_group(self, h: Token) -> Optional[Actor]:
        """"it"/"they": the last organisation, group or government named in this or the previous sentence."""
        sent_start = h.sent.start
        prev_sent = self.doc[sent_start - 1].sent.start if sent_start > 0 else sent_start
        for j, a in reversed(self.focus):
            if prev_sent <= j < h.i and a.code and (a.entry or a.sectors):
                return a
        return None

    def _counterpart(self, h: Token, toks: list[Token]) -> tuple[Actor, ...]:
        """"his Iraqi counterpart" / "her counterpart": same office, the other country in focus."""
        owner = None
        for c in h.children:
            if c.dep_ == "poss":
                got = self.resolve(c)
                owner = got[0] if got else None
        explicit = [m for t in toks if (m := self.match_at.get(t.i))]
        if explicit:
            e, _ = self.index.choose(explicit[0][2], self.date)
            country = (e.country or e.code) if e is not None else None
        else:
            country = None
            for j, a in reversed(self.focus):
                if j < h.i and a.country and (owner is None or a.country != owner.country):
                    country = a.country
                    break
        if not country:
            return ()
        secs = owner.sectors if owner is not None and owner.sectors else ("GOV",)
        return (self._actor(toks, code=make_code(country, secs), country=country, sectors=secs, name=None,
                            resolved_by="coref:counterpart"),)

    def _register(self, name_toks: list[Token], actor: Actor) -> None:
        template = replace(actor, text=None, start=None, end=None)
        full = " ".join(t.text for t in name_toks)
        self.persons[full] = template
        if len(name_toks) > 1:
            self.persons.setdefault(name_toks[-1].text, template)
            self.persons.setdefault(name_toks[0].text, template)
        self.person_mentions.append((name_toks[-1].i, actor))

    def _conj_country(self, h: Token) -> Optional[str]:
        head = h.head if h.dep_ == "conj" else None
        if head is None or head.i == h.i:
            return None
        for t in self.phrase(head):
            m = self.match_at.get(t.i)
            if m:
                e, _ = self.index.choose(m[2], self.date)
                if e is not None and (e.kind == "country" or e.country):
                    return e.country or e.code
        return None

    def _conj_sectors(self, h: Token) -> tuple[str, ...]:
        head = h.head if h.dep_ == "conj" else None
        if head is None:
            return ()
        secs, _, _ = self.sectors_in(self.phrase(head))
        return tuple(secs)

    def _last_person(self, i: int) -> Optional[Actor]:
        for j, a in reversed(self.person_mentions):
            if j < i:
                return a
        return None

    def _last_country(self, i: int) -> Optional[str]:
        for j, a in reversed(self.focus):
            if j < i and a.country:
                return a.country
        return None

    def country_in_focus(self, i: int) -> Optional[str]:
        """The country most recently mentioned before token ``i`` (or anywhere, failing that)."""
        prev = self._last_country(i)
        if prev:
            return prev
        for m in self.doc._.ec_actor_matches or ():
            e, _ = self.index.choose(m[2], self.date)
            if e is not None and (e.kind == "country" or e.country):
                return e.country or e.code
        return None

    def _last_two_countries(self, i: int) -> Optional[tuple[str, str]]:
        found: list[str] = []
        for j, a in reversed(self.focus):
            if j < i and a.country and a.country not in found:
                found.append(a.country)
                if len(found) == 2:
                    return (found[1], found[0])
        return None
