"""Parsers for the input formats.

Every parser yields, per record, either a :class:`Draft` (a valid record whose id
may still be unknown) or a :class:`~eventcoder.model.Reject`.  Ids, duplicate
detection and the final :class:`~eventcoder.model.Article` are the reader's job.

Line sources are iterables of ``(lineno, line)`` pairs, 1-based, where ``line``
keeps its line ending and is ``None`` if it could not be decoded (or holds a NUL).
"""
from __future__ import annotations

import csv
import datetime as _dt
import json
import re
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Iterable, Iterator, Optional, Union

from eventcoder.model import Reject

FORMATS = ("txt", "jsonl", "csv", "tsv")
_ALIASES = MappingProxyType({"text": "txt", "ndjson": "jsonl", "json": "jsonl", "tab": "tsv"})

#: file extension -> format
EXTENSIONS = MappingProxyType({
    ".txt": "txt", ".text": "txt",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".csv": "csv",
    ".tsv": "tsv", ".tab": "tsv",
})
#: extensions picked up when a directory is expanded (not ".json": too often metadata)
DIRECTORY_EXTENSIONS = frozenset(EXTENSIONS) - {".json"}

FIELDS = ("id", "date", "text", "title", "url", "source")
EXPECTED_DATE = "expected 'date YYYY-MM-DD'"

# "date 2021-03-04", "  Date: 2021-03-04 text ..." (value = first token after the keyword)
DATE_LINE = re.compile(r"[ \t]*date(?:[ \t]*:|(?=[ \t\n])|\Z)[ \t]*(?P<value>\S*)", re.IGNORECASE)
# optional header lines right after a bare date line
HEADER_LINE = re.compile(r"[ \t]*(?P<key>title|url|source)(?:[ \t]*:[ \t]*|[ \t]+)(?P<value>\S[^\n]*)",
                         re.IGNORECASE)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,6})?)?"
                           r"(?:Z|[+-]\d{2}(?::?\d{2})?)?", re.IGNORECASE)

Line = tuple[int, Optional[str]]


@dataclass(frozen=True)
class Draft:
    """A valid record before the reader assigns its id."""

    line: int
    date: _dt.date
    text: str
    id: Optional[str] = None
    title: Optional[str] = None
    url: Optional[str] = None
    source: Optional[str] = None
    excerpt: Optional[str] = None


Item = Union[Draft, Reject]


def normalize_format(fmt: Optional[str]) -> Optional[str]:
    """``None`` or one of :data:`FORMATS` (aliases accepted); ``ValueError`` otherwise."""
    if fmt is None:
        return None
    key = str(fmt).strip().lower().lstrip(".")
    key = _ALIASES.get(key, key)
    if key not in FORMATS:
        raise ValueError(f"unknown input format {fmt!r}; expected one of {', '.join(FORMATS)}")
    return key


def format_from_name(name: str) -> Optional[str]:
    """The format implied by a file name's extension, or ``None``."""
    dot = name.rfind(".")
    if dot <= 0 or "/" in name[dot:] or "\\" in name[dot:]:
        return None
    return EXTENSIONS.get(name[dot:].lower())


def sniff(head: str) -> Optional[str]:
    """Guess the format from the start of the content: ``{`` -> jsonl, a date line -> txt."""
    stripped = head.lstrip("\ufeff \t\r\n")
    if stripped.startswith("{"):
        return "jsonl"
    if stripped and DATE_LINE.match(stripped.split("\n", 1)[0]):
        return "txt"
    return None


def parse_date(value: Any) -> Optional[_dt.date]:
    """A date from ``YYYY-MM-DD`` or an ISO datetime (its date part, no time-zone
    conversion); ``None`` for anything else, including impossible dates."""
    if not isinstance(value, str):
        return None
    v = value.strip()
    try:
        if _ISO_DATE.fullmatch(v):
            return _dt.date.fromisoformat(v)
        if _ISO_DATETIME.fullmatch(v):
            return _dt.datetime.fromisoformat(v.replace(",", ".")).date()
    except ValueError:
        return None
    return None


def excerpt(text: Optional[str], limit: int = 80) -> Optional[str]:
    """The start of ``text`` on one line, at most ``limit`` characters."""
    if text is None:
        return None
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "\u2026"


def not_decodable(encoding: str) -> str:
    name = "UTF-8" if encoding.lower().replace("_", "-") in ("utf-8", "utf8", "utf-8-sig") else encoding
    return f"not valid {name} text (binary file?)"


def _opt_str(value: Any) -> Optional[str]:
    if value is None:
        return None
    s = value.strip() if isinstance(value, str) else str(value)
    return s or None


# --------------------------------------------------------------------------- txt

def parse_txt(content: str, origin: str, *, default_date: Optional[_dt.date] = None,
              doc_id: Optional[str] = None) -> Iterator[Item]:
    """One article per file: ``date YYYY-MM-DD`` then the body (see package docs)."""
    content = content.replace("\r\n", "\n").replace("\r", "\n")
    if not content.strip():
        yield Reject(origin, 1 if content else None, "empty file", doc_id)
        return
    pos = 0
    for raw in content.split("\n"):
        if raw.strip():
            break
        pos += len(raw) + 1
    lineno = content.count("\n", 0, pos) + 1
    first_line = content[pos:].split("\n", 1)[0]

    m = DATE_LINE.match(content, pos)
    if m is None:
        if default_date is None:
            yield Reject(origin, lineno, f"missing date line ({EXPECTED_DATE})", doc_id, excerpt(first_line))
            return
        body = content[pos:].strip()
        if not body:  # cannot happen (first line is not blank) but keep the invariant explicit
            yield Reject(origin, lineno, "empty text", doc_id, excerpt(first_line))
            return
        yield Draft(lineno, default_date, body, doc_id, excerpt=excerpt(body))
        return

    value = m.group("value")
    if not value:
        if default_date is None:
            yield Reject(origin, lineno, f"missing date ({EXPECTED_DATE})", doc_id, excerpt(first_line))
            return
        date = default_date
    else:
        parsed = parse_date(value)
        if parsed is None:
            yield Reject(origin, lineno, f"invalid date {value!r}", doc_id, excerpt(first_line))
            return
        date = parsed

    headers: dict[str, str] = {}
    rest_of_line, newline, _ = content[m.end():].partition("\n")
    if rest_of_line.strip():
        body = content[m.end():].strip()
    else:
        offset = m.end() + len(rest_of_line) + len(newline)
        while offset < len(content):
            hm = HEADER_LINE.match(content, offset)
            if hm is None or hm.group("key").lower() in headers:
                break
            headers[hm.group("key").lower()] = hm.group("value").strip()
            offset = hm.end() + 1  # past the newline (or past the end)
        body = content[offset:].strip()
    if not body:
        yield Reject(origin, lineno, "empty text", doc_id, excerpt(first_line))
        return
    yield Draft(lineno, date, body, doc_id, headers.get("title"), headers.get("url"),
                headers.get("source"), excerpt(body))


# ------------------------------------------------------------------- records

def from_mapping(obj: dict, origin: str, line: int, *, default_date: Optional[_dt.date],
                 raw: Optional[str]) -> Item:
    """Validate one JSONL object / CSV row (keys are the lowercase column names)."""
    ex = excerpt(raw)
    doc_id: Optional[str] = None
    given = obj.get("id")
    if isinstance(given, bool) or not (given is None or isinstance(given, (str, int, float))):
        return Reject(origin, line, "invalid id (expected a string or a number)", None, ex)
    if given is not None:
        doc_id = str(given).strip() or None

    raw_date = obj.get("date")
    if raw_date is None or (isinstance(raw_date, str) and not raw_date.strip()):
        if default_date is None:
            return Reject(origin, line, "missing date", doc_id, ex)
        date = default_date
    else:
        parsed = parse_date(raw_date)
        if parsed is None:
            shown = repr(raw_date) if isinstance(raw_date, str) else f"'{json.dumps(raw_date)}'"
            return Reject(origin, line, f"invalid date {shown}", doc_id, ex)
        date = parsed

    text = obj.get("text")
    if text is None:
        return Reject(origin, line, "missing text", doc_id, ex)
    if not isinstance(text, str):
        return Reject(origin, line, f"text is not a string (got {type(text).__name__})", doc_id, ex)
    text = text.strip()
    if not text:
        return Reject(origin, line, "empty text", doc_id, ex)
    return Draft(line, date, text, doc_id, _opt_str(obj.get("title")), _opt_str(obj.get("url")),
                 _opt_str(obj.get("source")), excerpt(text))


_JSON_TYPES = MappingProxyType({list: "array", str: "string", int: "number", float: "number",
                                bool: "boolean", type(None): "null"})


def parse_jsonl(lines: Iterable[Line], origin: str, *, default_date: Optional[_dt.date] = None,
                encoding: str = "utf-8") -> Iterator[Item]:
    """One JSON object per line; blank lines are ignored."""
    any_content = False
    for lineno, line in lines:
        if line is None:
            any_content = True
            yield Reject(origin, lineno, not_decodable(encoding))
            continue
        if not line.strip():
            continue
        any_content = True
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            yield Reject(origin, lineno, f"malformed JSON: {e.msg}: line {e.lineno} column {e.colno}",
                         None, excerpt(line))
            continue
        except RecursionError:
            yield Reject(origin, lineno, "malformed JSON: nested too deeply", None, excerpt(line))
            continue
        if not isinstance(obj, dict):
            kind = _JSON_TYPES.get(type(obj), type(obj).__name__)
            yield Reject(origin, lineno, f"JSON line is not an object (got {kind})", None, excerpt(line))
            continue
        yield from_mapping(obj, origin, lineno, default_date=default_date, raw=line)
    if not any_content:
        yield Reject(origin, None, "empty file")


# ----------------------------------------------------------------------- csv

class _Undecodable(Exception):
    def __init__(self, lineno: int) -> None:
        super().__init__(lineno)
        self.lineno = lineno


def _csv_lines(lines: Iterable[Line]) -> Iterator[str]:
    for lineno, line in lines:
        if line is None:
            raise _Undecodable(lineno)
        yield line


def parse_delimited(lines: Iterable[Line], origin: str, delimiter: str, *,
                    default_date: Optional[_dt.date] = None, encoding: str = "utf-8") -> Iterator[Item]:
    """CSV / TSV with a header row; fields may be quoted and span lines."""
    name = "TSV" if delimiter == "\t" else "CSV"
    required = ("date", "text") if default_date is None else ("text",)
    reader = csv.reader(_csv_lines(lines), delimiter=delimiter, strict=True)
    header: Optional[list[str]] = None
    end = 0
    while True:
        start = end + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except _Undecodable as e:
            yield Reject(origin, e.lineno, not_decodable(encoding))
            return
        except csv.Error as e:
            # the reader starts afresh with the next line: report and go on
            end = reader.line_num
            yield Reject(origin, start, f"malformed {name}: {e}")
            continue
        end = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if header is None:
            header = [cell.strip().lower() for cell in row]
            missing = [c for c in required if c not in header]
            if missing:
                yield Reject(origin, start, f"missing columns: {', '.join(missing)} "
                             f"(header has: {', '.join(header)})", None, excerpt(delimiter.join(row)))
                return
            dupes = sorted({c for c in header if c and header.count(c) > 1})
            if dupes:
                yield Reject(origin, start, f"duplicate columns: {', '.join(dupes)}", None,
                             excerpt(delimiter.join(row)))
                return
            continue
        raw = delimiter.join(row)
        if len(row) != len(header):
            yield Reject(origin, start, f"wrong number of columns: expected {len(header)}, got {len(row)}",
                         None, excerpt(raw))
            continue
        obj = {key: value for key, value in zip(header, row) if key in FIELDS}
        yield from_mapping(obj, origin, start, default_date=default_date, raw=raw)
    if header is None:
        yield Reject(origin, None, "empty file")
