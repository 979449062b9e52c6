"""Write events as JSONL, CSV, TSV or Parquet, natively or in another data set's layout."""
from __future__ import annotations

import csv
import datetime as _dt
import io
import json
import math
import os
from typing import IO, Any, Iterable, Iterator, Mapping, Optional, Sequence, Union

import pyarrow as pa
import pyarrow.parquet as pq

from eventcoder.export.profiles import PROFILES, Profile
from eventcoder.model import (
    ACTOR_EXTRA_FIELDS,
    ACTOR_FIELDS,
    EVENT_FIELDS,
    LOCATION_FIELDS,
    Event,
    flat_columns,
)

FORMATS = ("jsonl", "csv", "tsv", "parquet")
PROFILE_NAMES = ("native",) + tuple(PROFILES)

Record = Union[Event, Mapping[str, Any]]
Out = Union[str, "os.PathLike[str]", IO[str], IO[bytes]]

#: arrow types of the native flat columns that are not strings
_NATIVE_TYPES = {
    "sentence_index": "int64", "source_start": "int64", "source_end": "int64", "target_start": "int64",
    "target_end": "int64", "trigger_start": "int64", "trigger_end": "int64", "quad_class": "int64",
    "goldstein": "float64", "location_lat": "float64", "location_lon": "float64",
    "source_implicit": "bool", "target_implicit": "bool", "negated": "bool", "historical": "bool",
    "date": "date", "publication_date": "date", "end_date": "date", "first_seen": "date", "last_seen": "date",
    "num_mentions": "int64", "num_sources": "int64", "num_articles": "int64", "n_events": "int64",
    "n_mentions": "int64", "line": "int64",
}
_ARROW = {"int64": pa.int64(), "float64": pa.float64(), "bool": pa.bool_(), "date": pa.date32(),
          "string": pa.string()}
_NESTED_KEYS = ("source", "target", "trigger", "location")


# --------------------------------------------------------------------------- record shapes

def flatten(record: Mapping[str, Any]) -> dict[str, Any]:
    """An ``Event.to_dict()``-shaped dict -> ``Event.flat()``-shaped dict (extra keys kept at the end)."""
    out: dict[str, Any] = {}
    for key in EVENT_FIELDS:
        v = record.get(key)
        if key in ("source", "target"):
            for af in ACTOR_FIELDS + ACTOR_EXTRA_FIELDS:
                val = None if v is None else v.get(af)
                if af == "sectors" and isinstance(val, (list, tuple)):
                    val = ";".join(val)
                out[f"{key}_{af}"] = val
        elif key == "trigger":
            for tf in ("text", "start", "end"):
                out[f"trigger_{tf}"] = None if v is None else v.get(tf)
        elif key == "location":
            for lf in LOCATION_FIELDS:
                out[f"location_{lf}"] = None if v is None else v.get(lf)
        else:
            out[key] = v
    for k, v in record.items():
        if k not in EVENT_FIELDS:
            out[k] = v
    return out


def unflatten(flat: Mapping[str, Any]) -> dict[str, Any]:
    """A flat record -> the ``Event.to_dict()`` shape (extra keys kept at the end)."""
    out: dict[str, Any] = {}
    for key in EVENT_FIELDS:
        if key in ("source", "target"):
            if flat.get(f"{key}_code") is None:
                out[key] = None
                continue
            actor = {}
            for af in ACTOR_FIELDS + ACTOR_EXTRA_FIELDS:
                val = flat.get(f"{key}_{af}")
                if af == "sectors":
                    val = [s for s in (val or "").split(";") if s] if not isinstance(val, list) else val
                actor[af] = val
            out[key] = actor
        elif key == "trigger":
            out[key] = {"text": flat.get("trigger_text"), "start": flat.get("trigger_start"),
                        "end": flat.get("trigger_end")}
        elif key == "location":
            if flat.get("location_name") is None and flat.get("location_country") is None:
                out[key] = None
            else:
                loc = {lf: flat.get(f"location_{lf}") for lf in LOCATION_FIELDS}
                for extra in ("text", "start", "end"):
                    loc[extra] = flat.get(f"location_{extra}")
                out[key] = loc
        else:
            out[key] = flat.get(key)
    flat_set = set(flat_columns())
    for k, v in flat.items():
        if k not in flat_set:
            out[k] = v
    return out


def _is_flat_event(rec: Mapping[str, Any]) -> bool:
    return "source_code" in rec and "cameo_code" in rec


def _is_nested_event(rec: Mapping[str, Any]) -> bool:
    return isinstance(rec.get("source"), Mapping) and "cameo_code" in rec


def _as_flat(rec: Record) -> dict[str, Any]:
    if isinstance(rec, Event):
        return rec.flat()
    if not isinstance(rec, Mapping):
        raise TypeError(f"expected Event objects or dicts, got {type(rec).__name__}")
    if _is_nested_event(rec):
        return flatten(rec)
    return dict(rec)


# --------------------------------------------------------------------------- value conversion

def _text(v: Any) -> str:
    """A cell of a CSV/TSV file."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        if math.isnan(v):
            return ""
        return repr(v)
    if isinstance(v, (_dt.date, _dt.datetime)):
        return v.isoformat()
    if isinstance(v, (list, tuple, dict)):
        return json.dumps(v, ensure_ascii=False, default=_json_default)
    return str(v)


def _tsv_cell(v: Any) -> str:
    return _text(v).replace("\t", " ").replace("\r\n", " ").replace("\n", " ").replace("\r", " ")


def _json_default(v: Any) -> Any:
    if isinstance(v, (_dt.date, _dt.datetime)):
        return v.isoformat()
    if hasattr(v, "item"):  # numpy scalars
        return v.item()
    raise TypeError(f"cannot write {type(v).__name__} as JSON")


def _json_clean(v: Any) -> Any:
    if isinstance(v, float) and math.isnan(v):
        return None
    return v


def _arrow_value(v: Any, kind: str) -> Any:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    if kind == "string":
        if isinstance(v, (list, tuple, dict)):
            return json.dumps(v, ensure_ascii=False, default=_json_default)
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, (_dt.date, _dt.datetime)):
            return v.isoformat()
        return str(v)
    if kind == "date":
        if isinstance(v, _dt.datetime):
            return v.date()
        return v if isinstance(v, _dt.date) else _dt.date.fromisoformat(str(v)[:10])
    if kind == "int64":
        return int(v)
    if kind == "float64":
        return float(v)
    if kind == "bool":
        return bool(v) if not isinstance(v, str) else v.lower() in ("true", "1", "yes")
    return v


# --------------------------------------------------------------------------- rows

_Rows = tuple[Optional[list[str]], Iterator[dict[str, Any]], dict[str, str]]


def _rows(records: Iterable[Record], fmt: str, profile: str, columns: Optional[Sequence[str]]) -> _Rows:
    """``(columns, rows, types)``; columns is None for free-form native JSONL."""
    it = iter(records)
    if profile != "native":
        prof: Profile = PROFILES[profile]
        cols = list(columns) if columns else list(prof.columns)
        types = {c: prof.types.get(c, "string") for c in cols}

        def gen() -> Iterator[dict[str, Any]]:
            for rec in it:
                yield prof.row(_as_flat(rec))
        return cols, gen(), types

    try:
        first = next(it)
    except StopIteration:
        cols = list(columns) if columns else (None if fmt == "jsonl" else flat_columns())
        types = {c: _NATIVE_TYPES.get(c, "string") for c in (cols or [])}
        return cols, iter(()), types

    def chain() -> Iterator[Record]:
        yield first
        yield from it

    if columns:
        cols = list(columns)

        def gen_cols() -> Iterator[dict[str, Any]]:
            for rec in chain():
                flat = _as_flat(rec)
                yield {c: flat.get(c) for c in cols}
        return cols, gen_cols(), {c: _NATIVE_TYPES.get(c, "string") for c in cols}

    event_like = isinstance(first, Event) or (isinstance(first, Mapping) and
                                              (_is_flat_event(first) or _is_nested_event(first)))
    if fmt == "jsonl":
        def gen_json() -> Iterator[dict[str, Any]]:
            for rec in chain():
                if isinstance(rec, Event):
                    yield rec.to_dict()
                elif _is_nested_event(rec):
                    yield dict(rec)
                elif _is_flat_event(rec):
                    yield unflatten(rec)
                else:
                    yield dict(rec)
        return None, gen_json(), {}
    if event_like:
        base = flat_columns()
        extras = [k for k in _as_flat(first) if k not in set(base)]
        cols = base + extras
    else:
        cols = list(_as_flat(first))

    def gen_flat() -> Iterator[dict[str, Any]]:
        for rec in chain():
            flat = _as_flat(rec)
            yield {c: flat.get(c) for c in cols}
    return cols, gen_flat(), {c: _NATIVE_TYPES.get(c, "string") for c in cols}


# --------------------------------------------------------------------------- writers

class _Target:
    """Open ``out`` (path or stream) as text or binary; close only what we opened."""

    def __init__(self, out: Out, binary: bool) -> None:
        self.out = out
        self.binary = binary
        self.fh: Any = None
        self.owned = False

    def __enter__(self) -> Any:
        if isinstance(self.out, (str, os.PathLike)):
            self.owned = True
            if self.binary:
                self.fh = open(self.out, "wb")
            else:
                self.fh = open(self.out, "w", encoding="utf-8", newline="")
            return self.fh
        if self.binary:
            if isinstance(self.out, io.TextIOBase):
                buf = getattr(self.out, "buffer", None)
                if buf is None:
                    raise ValueError("parquet output needs a file path or a binary stream")
                self.out.flush()
                return buf
            return self.out
        if isinstance(self.out, (io.RawIOBase, io.BufferedIOBase)):
            self.fh = io.TextIOWrapper(self.out, encoding="utf-8", newline="", write_through=True)
            return self.fh
        return self.out

    def __exit__(self, *exc: Any) -> None:
        if self.owned and self.fh is not None:
            self.fh.close()
        elif self.fh is not None:  # wrapper around a caller's binary stream
            self.fh.flush()
            self.fh.detach()


def write_events(events: Iterable[Record], out: Out, format: str = "jsonl", profile: str = "native", *,
                 columns: Optional[Sequence[str]] = None, header: bool = True,
                 batch_rows: int = 50_000) -> int:
    """Write events to ``out`` (a path or an open stream); returns the number of records.

    ``events``: :class:`~eventcoder.model.Event` objects, their ``to_dict()`` or
    ``flat()`` dicts, or rows of the store (``Store.iter_rows``).  ``format``: jsonl,
    csv, tsv or parquet.  ``profile``: native (JSONL = ``Event.to_dict()``, tables =
    ``flat_columns()`` plus any extra keys such as ``event_key``), gdelt, icews,
    polecat or plover (see ``docs/export-profiles.md``).  ``columns`` restricts /
    orders the output columns.  CAMEO codes are always written as strings.
    TSV cells have tabs and line breaks replaced by blanks and are never quoted.
    """
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}: expected one of {', '.join(FORMATS)}")
    if profile not in PROFILE_NAMES:
        raise ValueError(f"unknown profile {profile!r}: expected one of {', '.join(PROFILE_NAMES)}")
    if batch_rows < 1:
        raise ValueError("batch_rows must be >= 1")
    cols, rows, types = _rows(events, format, profile, columns)
    if format == "parquet":
        return _write_parquet(out, cols or [], rows, types, batch_rows)
    n = 0
    with _Target(out, binary=False) as fh:
        if format == "jsonl":
            for row in rows:
                clean = {k: _json_clean(v) for k, v in row.items()}
                fh.write(json.dumps(clean, ensure_ascii=False, default=_json_default))
                fh.write("\n")
                n += 1
        elif format == "csv":
            w = csv.writer(fh, lineterminator="\n")
            if header:
                w.writerow(cols)
            for row in rows:
                w.writerow([_text(row.get(c)) for c in cols])
                n += 1
        else:  # tsv
            if header:
                fh.write("\t".join(cols) + "\n")
            for row in rows:
                fh.write("\t".join(_tsv_cell(row.get(c)) for c in cols) + "\n")
                n += 1
    return n


def _write_parquet(out: Out, cols: list[str], rows: Iterator[dict[str, Any]], types: Mapping[str, str],
                   batch_rows: int) -> int:
    schema = pa.schema([(c, _ARROW[types.get(c, "string")]) for c in cols])
    n = 0
    with _Target(out, binary=True) as fh:
        writer = pq.ParquetWriter(fh, schema)
        try:
            chunk: list[dict[str, Any]] = []

            def flush() -> None:
                if chunk:
                    data = {c: [_arrow_value(r.get(c), types.get(c, "string")) for r in chunk] for c in cols}
                    writer.write_table(pa.table(data, schema=schema))
                    chunk.clear()

            for row in rows:
                chunk.append(row)
                n += 1
                if len(chunk) >= batch_rows:
                    flush()
            flush()
        finally:
            writer.close()
    return n
