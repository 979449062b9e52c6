"""spaCy component ``eventcoder_actors``: finds dictionary actor names in a Doc.

The pure part (`ActorIndex.match`) returns matches; the component only writes them to
``doc._.ec_actor_matches`` as ``(start_token, end_token, entry_index, kind)`` tuples, where kind is
``name`` (the entry's own name), ``adjective`` (a demonym: country only) or ``metonym`` (a capital or
seat of power standing for the government; ``entry_index`` then points into ``ActorIndex.metonyms``).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

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
    """Compiled, immutable look-up structures over an ``ActorDictionary`` for one vocab."""

    def __init__(self, dictionary: ActorDictionary, nlp: Language):
        self.dictionary = dictionary
        self.entries: tuple[ActorEntry, ...] = dictionary.entries
        metonyms: list[Metonym] = []
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        make = nlp.make_doc
        patterns: dict[str, list[Doc]] = {}

        def add(key: str, text: str) -> None:
            text = _strip_article(text.strip())
            if not text:
                return
            docs = patterns.setdefault(key, [])
            docs.append(make(text))
            if text.isupper() is False and text[:1].islower():
                docs.append(make(text[:1].upper() + text[1:]))

        for i, e in enumerate(self.entries):
            for n in {e.name, *e.names}:
                if n:
                    add(f"name:{i}", n)
            for a in e.adjectives:
                add(f"adjective:{i}", a)
            for text, sectors in e.metonyms:
                j = len(metonyms)
                metonyms.append(Metonym(e, text, tuple(sectors) or ("GOV",)))
                add(f"metonym:{j}", text)
        for key, docs in patterns.items():
            self.matcher.add(key, docs)
        self.metonyms: tuple[Metonym, ...] = tuple(metonyms)
        self.strings = nlp.vocab.strings
        # sector terms keyed by tuple of lowercase lemmas
        terms: dict[tuple[str, ...], tuple[str, bool]] = {}
        for st in dictionary.sector_terms:
            key = tuple(st.term.lower().split())
            terms.setdefault(key, (st.sector, st.title))
        self.sector_terms = terms
        self.max_term_len = max((len(k) for k in terms), default=1)

    def match(self, doc: Doc) -> list[tuple[int, int, int, str]]:
        """Non-overlapping (longest first) dictionary matches in ``doc``."""
        spans = []
        for match_id, start, end in self.matcher(doc):
            key = self.strings[match_id]
            kind, idx = key.split(":", 1)
            span = doc[start:end]
            span.label_ = key
            spans.append(span)
        out = []
        for span in filter_spans(spans):
            kind, idx = span.label_.split(":", 1)
            out.append((span.start, span.end, int(idx), kind))
        out.sort()
        return out

    def entry_of(self, idx: int, kind: str) -> ActorEntry:
        return self.metonyms[idx].entry if kind == "metonym" else self.entries[idx]


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
