"""The data model: frozen dataclasses shared by every stage.

This module is the one place where record and column names are defined.  Every
exporter, the store and the CLI derive their columns from ``EVENT_FIELDS`` /
``ACTOR_FIELDS`` / ``flat_columns()`` below.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
from dataclasses import dataclass, fields, asdict
from typing import Any, Optional

#: modality values of an event
MODALITIES = ("asserted", "future", "hypothetical")
#: how precisely an event's date is known
DATE_PRECISIONS = ("day", "month", "year", "publication")


@dataclass(frozen=True)
class Article:
    """One dated input document.  ``text`` is the body; all offsets point into it."""

    id: str
    date: _dt.date
    text: str
    title: Optional[str] = None
    url: Optional[str] = None
    source: Optional[str] = None  # outlet / publisher
    origin: Optional[str] = None  # file (or "<stdin>") the article came from
    line: Optional[int] = None  # 1-based line in ``origin`` where the article starts

    @property
    def content_hash(self) -> str:
        h = hashlib.sha256()
        h.update(self.date.isoformat().encode())
        h.update(b"\0")
        h.update(self.text.encode("utf-8"))
        return h.hexdigest()[:16]


@dataclass(frozen=True)
class Actor:
    """A resolved actor mention.  ``code`` is CAMEO style: country + sectors (``CHNGOV``)."""

    code: str
    country: Optional[str]
    sectors: tuple[str, ...] = ()
    name: Optional[str] = None  # canonical name (dictionary entry or person)
    text: Optional[str] = None  # surface text in the article
    start: Optional[int] = None  # char offsets into Article.text
    end: Optional[int] = None
    implicit: bool = False  # inferred from the event type, not named in the text
    resolved_by: Optional[str] = None  # how it was resolved ("dictionary", "title", "coref:surname" ...)
    entry: Optional[str] = None  # dictionary entry id that fired

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["sectors"] = list(self.sectors)
        return d


ACTOR_FIELDS = ("code", "country", "sectors", "name", "text", "start", "end")
ACTOR_EXTRA_FIELDS = ("implicit", "resolved_by", "entry")


@dataclass(frozen=True)
class Span:
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Location:
    name: str
    country: Optional[str]
    admin1: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    gazetteer_id: Optional[str] = None
    precision: Optional[str] = None  # city | admin1 | country
    text: Optional[str] = None
    start: Optional[int] = None
    end: Optional[int] = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Event:
    """One coded event occurrence (a *mention* of an event in one sentence of one article)."""

    event_id: str
    doc_id: str
    sentence_index: int
    sentence: str
    date: _dt.date
    date_precision: str
    publication_date: _dt.date
    source: Actor
    target: Optional[Actor]
    cameo_code: str
    cameo_root: str
    quad_class: int
    goldstein: float
    plover_type: Optional[str]
    negated: bool
    modality: str
    historical: bool
    trigger: Span
    rule: str
    plover_mode: Optional[str] = None
    location: Optional[Location] = None
    doc_source: Optional[str] = None  # outlet of the article (for de-duplication)
    url: Optional[str] = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields(self):
            v = getattr(self, f.name)
            if isinstance(v, (_dt.date,)):
                v = v.isoformat()
            elif isinstance(v, (Actor, Span, Location)):
                v = v.to_dict()
            out[f.name] = v
        return out

    def flat(self) -> dict[str, Any]:
        """One level dict with ``source_code``, ``target_country``, ``trigger_start`` ... (CSV/TSV/SQL)."""
        d = self.to_dict()
        out: dict[str, Any] = {}
        for key in EVENT_FIELDS:
            v = d[key]
            if key in ("source", "target"):
                for af in ACTOR_FIELDS + ACTOR_EXTRA_FIELDS:
                    val = None if v is None else v.get(af)
                    if af == "sectors" and val is not None:
                        val = ";".join(val)
                    out[f"{key}_{af}"] = val
            elif key == "trigger":
                for tf in ("text", "start", "end"):
                    out[f"trigger_{tf}"] = v[tf]
            elif key == "location":
                for lf in LOCATION_FIELDS:
                    out[f"location_{lf}"] = None if v is None else v.get(lf)
            else:
                out[key] = v
        return out


#: order of the fields of one event record (JSONL); do not rename.
EVENT_FIELDS = tuple(f.name for f in fields(Event))
LOCATION_FIELDS = ("name", "country", "admin1", "lat", "lon", "gazetteer_id", "precision")


def flat_columns() -> list[str]:
    """Column names of flattened event records (CSV/TSV), in order."""
    cols: list[str] = []
    for key in EVENT_FIELDS:
        if key in ("source", "target"):
            cols += [f"{key}_{af}" for af in ACTOR_FIELDS + ACTOR_EXTRA_FIELDS]
        elif key == "trigger":
            cols += ["trigger_text", "trigger_start", "trigger_end"]
        elif key == "location":
            cols += [f"location_{lf}" for lf in LOCATION_FIELDS]
        else:
            cols.append(key)
    return cols


@dataclass(frozen=True)
class Mention:
    """Link between a de-duplicated event and one of its occurrences (GDELT's mentions table)."""

    event_key: str  # id of the de-duplicated event
    event_id: str  # id of the occurrence (Event.event_id)
    doc_id: str
    doc_source: Optional[str]
    date: _dt.date


@dataclass(frozen=True)
class Reject:
    """An input document that could not be coded, and why (the quarantine)."""

    origin: str
    line: Optional[int]
    reason: str
    doc_id: Optional[str] = None
    excerpt: Optional[str] = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def make_event_id(doc_id: str, sentence_index: int, trigger_start: int, code: str,
                  source_code: str, target_code: Optional[str]) -> str:
    key = f"{doc_id}|{sentence_index}|{trigger_start}|{code}|{source_code}|{target_code or ''}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
