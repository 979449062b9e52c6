"""spaCy component ``eventcoder_actors``: finds dictionary actor names in a Doc.

The pure part (`ActorIndex.match`) returns matches; the component only writes them to
``doc._.ec_actor_matches`` as ``(start_token, end_token, key, kind)`` tuples, where kind is
``name`` (the entry's own name), ``adjective`` (a demonym: country only) or ``metonym`` (a capital or
seat of power standing for the government); ``ActorIndex.choose(key, date)`` gives the entry.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional, Sequence

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.util import filter_spans

from .dictionary import ActorDictionary, ActorEntry, load_dictionary

if not Doc.has_extension("ec_actor_matches"):
    Doc.set_extension("ec_actor_matches", default=None)

KINDS = ("name", "adjective", "metonym")
_LEADING_ARTICLES = ("the ", "The ")


def _strip_article(text: str) -> str:
    for art in _LEADING_ARTICLES:
        if text.startswith(art) and len(text) > len(art):
            return text[len(art):]
    return text


@dataclass(frozen=True)
class Metonym:
    entry: ActorEntry
    text: str
    sectors: tuple[str, ...]


class ActorIndex:
    """Compiled, immutable look-up structures over an ``ActorDictionary`` for one vocab.

    Match keys are ``kind:surface``; one surface may name several entries (dated entries such as
    the Taliban before and after 2021, or a name another entry marks ``ambiguous``), and
    ``choose()`` picks the one that applies on the article's date.
    """

    def __init__(self, dictionary: ActorDictionary, nlp: Language):
        self.dictionary = dictionary
        self.entries: tuple[ActorEntry, ...] = dictionary.entries
        metonyms: list[Metonym] = []
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        make = nlp.make_doc
        surfaces: dict[str, list[int]] = {}

        def add(kind: str, text: str, idx: int, ambiguous: bool) -> None:
            text = _strip_article(text.strip())
            if not text:
                return
            key = f"{kind}:{text}"
            lst = surfaces.setdefault(key, [])
            # entries that call the form ambiguous go last: another entry has the better claim
            if ambiguous:
                lst.append(-1 - idx)
            else:
                lst.insert(sum(1 for x in lst if x >= 0), idx)

        for i, e in enumerate(self.entries):
            is_amb = getattr(e, "is_ambiguous", lambda t: False)
            for n in dict.fromkeys((e.name, *e.names)):
                if n:
                    add("name", n, i, is_amb(n))
            for a in e.adjectives:
                add("adjective", a, i, is_amb(a))
                # plural demonyms as nouns: "the Iraqis", "Americans"
                if a[-1:].isalpha() and not a.endswith(("s", "sh", "ch", "ese", "x", "z")):
                    add("adjective", a + "s", i, is_amb(a))
            for text, sectors in e.metonyms:
                j = len(metonyms)
                metonyms.append(Metonym(e, text, tuple(sectors) or ("GOV",)))
                add("metonym", text, j, is_amb(text))
        self.keys: tuple[str, ...] = tuple(surfaces)
        self.candidates: tuple[tuple[int, ...], ...] = tuple(
            tuple(x if x >= 0 else -1 - x for x in surfaces[k]) for k in self.keys)
        for k_i, key in enumerate(self.keys):
            text = key.split(":", 1)[1]
            forms = [text]
            if text[:1].islower():
                forms.append(text[:1].upper() + text[1:])
            # news writes "People’s" and "People's" alike
            forms += [f.replace("'", "\u2019") for f in forms if "'" in f]
            docs = [make(f) for f in forms]
            self.matcher.add(str(k_i), docs)
        self.metonyms: tuple[Metonym, ...] = tuple(metonyms)
        #: the dictionaries' major cities and territories ("Gaza Strip", "West Bank"): places, not actors
        self.city_country: dict[str, str] = {
            c.lower(): (e.country or e.code) for e in self.entries if e.kind == "country" for c in e.cities}
        self.strings = nlp.vocab.strings
        # sector terms keyed by tuple of lowercase lemmas
        terms: dict[tuple[str, ...], tuple[str, bool]] = {}
        for st in dictionary.sector_terms:
            key = tuple(st.term.lower().replace("-", " - ").split())
            terms.setdefault(key, (st.sector, st.title))
        self.sector_terms = terms
        self.max_term_len = max((len(k) for k in terms), default=1)

    def match(self, doc: Doc) -> list[tuple[int, int, int, str]]:
        """Non-overlapping (longest first) dictionary matches in ``doc``: (start, end, key, kind)."""
        spans = []
        for match_id, start, end in self.matcher(doc):
            span = doc[start:end]
            span.label_ = self.strings[match_id]
            spans.append(span)
        out = []
        for span in filter_spans(spans):
            k = int(span.label_)
            out.append((span.start, span.end, k, self.keys[k].split(":", 1)[0]))
        out.sort()
        return out

    def choose(self, key: int, on=None) -> tuple[Optional[ActorEntry], Optional[Metonym]]:
        """The entry a match key stands for on date ``on`` (first active candidate);
        ``(None, None)`` when no candidate is active on that date (a person out of office)."""
        kind = self.keys[key].split(":", 1)[0]
        cands = self.candidates[key]
        pick = cands[0]
        if on is not None:
            for c in cands:
                e = self.metonyms[c].entry if kind == "metonym" else self.entries[c]
                if e.active_on(on):
                    pick = c
                    break
            else:
                return None, None
        if kind == "metonym":
            m = self.metonyms[pick]
            return m.entry, m
        return self.entries[pick], None


@lru_cache(maxsize=8)
def _dictionary(extra: tuple[str, ...]) -> ActorDictionary:
    return load_dictionary([Path(p) for p in extra])


class ActorMatcherComponent:
    def __init__(self, nlp: Language, name: str, extra_dicts: Sequence[str]):
        self.name = name
        self.index = ActorIndex(_dictionary(tuple(extra_dicts)), nlp)

    def __call__(self, doc: Doc) -> Doc:
        doc._.ec_actor_matches = self.index.match(doc)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128):
        for doc in docs:
            yield self(doc)


@Language.factory("eventcoder_actors", default_config={"extra_dicts": []})
def make_actor_matcher(nlp: Language, name: str, extra_dicts: list[str]):
    return ActorMatcherComponent(nlp, name, extra_dicts)
