"""The reader: sources (paths, directories, stdin, streams) -> articles + rejects."""
from __future__ import annotations

import datetime as _dt
import hashlib
import io
import os
import sys
from collections.abc import Iterator
from pathlib import PurePath
from typing import IO, Any, Iterable, Optional, Union

from eventcoder.model import Article, Reject

from . import formats as _f
from .quarantine import Quarantine

Source = Union[str, "os.PathLike[str]", IO[str], IO[bytes]]
_SNIFF_BYTES = 8192


def content_id(text: str) -> str:
    """The fallback article id: ``"sha1:"`` + the first 16 hex digits of sha1(text)."""
    return "sha1:" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def _is_stream(obj: Any) -> bool:
    return hasattr(obj, "read") and not isinstance(obj, (str, bytes, os.PathLike))


def _stream_name(stream: Any) -> str:
    name = getattr(stream, "name", None)
    return name if isinstance(name, str) and name else "<stream>"


def _lines_from_bytes(fh: Iterable[bytes], encoding: str) -> Iterator[_f.Line]:
    for lineno, raw in enumerate(fh, 1):
        try:
            line: Optional[str] = raw.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            line = None
        if line is not None:
            if "\x00" in line:
                line = None
            elif lineno == 1:
                line = line.lstrip("\ufeff")
        yield lineno, line


def _lines_from_str(text: str) -> Iterator[_f.Line]:
    for lineno, line in enumerate(io.StringIO(text, newline=""), 1):
        if "\x00" in line:
            yield lineno, None
        else:
            yield lineno, (line.lstrip("\ufeff") if lineno == 1 else line)


#: longest document body accepted (spaCy's default max_length); longer ones are quarantined
MAX_CHARS = 1_000_000


def _walk(root: str) -> tuple[list[str], list[tuple[str, OSError]]]:
    """Input files below ``root`` (recursive, hidden entries skipped), sorted by path."""
    found: list[tuple[tuple[str, ...], str]] = []
    errors: list[tuple[str, OSError]] = []

    def onerror(err: OSError) -> None:
        errors.append((err.filename or root, err))

    for dirpath, dirnames, filenames in os.walk(root, onerror=onerror):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if name.startswith("."):
                continue
            if os.path.splitext(name)[1].lower() not in _f.DIRECTORY_EXTENSIONS:
                continue
            path = os.path.join(dirpath, name)
            found.append((PurePath(os.path.relpath(path, root)).parts, path))
    found.sort()
    return [path for _, path in found], errors


class Reader(Iterator[Article]):
    """Iterates over the articles of one or more sources; rejects go to ``self.quarantine``.

    A ``Reader`` is a single-pass iterator.  Ids are unique per reader: a second
    article with an id already seen is quarantined as ``duplicate id``.  Arguments
    are those of :func:`eventcoder.ingest.read`.
    """

    def __init__(self, source: Union[Source, list, tuple], format: Optional[str] = None, *,
                 default_date: Optional[_dt.date] = None, quarantine: Optional[Quarantine] = None,
                 encoding: str = "utf-8") -> None:
        self.format = _f.normalize_format(format)
        items = list(source) if isinstance(source, (list, tuple)) else [source]
        for item in items:
            if not (isinstance(item, (str, os.PathLike)) or _is_stream(item)):
                raise TypeError(f"cannot read from {type(item).__name__!s}: expected a path, '-' or a stream")
        if default_date is not None and not isinstance(default_date, _dt.date):
            raise TypeError("default_date must be a datetime.date")
        if isinstance(default_date, _dt.datetime):
            default_date = default_date.date()
        self.sources: tuple[Any, ...] = tuple(items)
        self.default_date = default_date
        self.encoding = encoding
        self.quarantine: Quarantine = quarantine if quarantine is not None else Quarantine()
        self._seen: dict[str, tuple[str, Optional[int]]] = {}
        self._articles: Optional[Iterator[Article]] = None

    def __iter__(self) -> "Reader":
        return self

    def __next__(self) -> Article:
        if self._articles is None:
            self._articles = self._generate()
        return next(self._articles)

    # ------------------------------------------------------------- sources

    def _generate(self) -> Iterator[Article]:
        for item in self.sources:
            if _is_stream(item):
                yield from self._read_stream(item, _stream_name(item))
            elif isinstance(item, str) and item == "-":
                yield from self._read_stdin()
            else:
                yield from self._read_path(os.fspath(item))

    def _reject(self, origin: str, line: Optional[int], reason: str, doc_id: Optional[str] = None,
                excerpt: Optional[str] = None) -> None:
        self.quarantine.add(Reject(origin, line, reason, doc_id, excerpt))

    def _read_path(self, path: str) -> Iterator[Article]:
        if os.path.isdir(path):
            files, errors = _walk(path)
            for bad, err in errors:
                self._reject(bad, None, f"unreadable directory: {err.strerror or err}")
            # a directory holds sample-format articles (*.txt) unless a format is given
            wanted = self.format or "txt"
            for file in files:
                if wanted is None or _f.format_from_name(file) == wanted:
                    yield from self._read_file(file)
        else:
            yield from self._read_file(path)

    def _read_file(self, path: str) -> Iterator[Article]:
        fmt = self.format or _f.format_from_name(path)
        try:
            with open(path, "rb") as fh:
                head = fh.read(_SNIFF_BYTES)
                if b"\x00" in head:
                    self._reject(path, None, _f.not_decodable(self.encoding))
                    return
                if fmt is None:
                    fmt = _f.sniff(head.decode(self.encoding, errors="ignore"))
                    if fmt is None:
                        self._reject(path, None, "unknown format (unknown file extension and "
                                                 "content is neither JSON lines nor 'date YYYY-MM-DD' text)")
                        return
                fh.seek(0)
                yield from self._parse(fmt, _lines_from_bytes(fh, self.encoding), path)
        except OSError as e:
            self._reject(path, None, f"unreadable file: {e.strerror or e}")

    def _read_stdin(self) -> Iterator[Article]:
        stdin = sys.stdin
        if stdin is None:
            self._reject("<stdin>", None, "unreadable file: no standard input")
            return
        yield from self._read_stream(getattr(stdin, "buffer", None) or stdin, "<stdin>")

    def _read_stream(self, stream: Any, origin: str) -> Iterator[Article]:
        try:
            data = stream.read()
        except UnicodeDecodeError:
            self._reject(origin, None, _f.not_decodable(self.encoding))
            return
        except OSError as e:
            self._reject(origin, None, f"unreadable file: {e.strerror or e}")
            return
        if isinstance(data, bytes):
            if b"\x00" in data[:_SNIFF_BYTES]:
                self._reject(origin, None, _f.not_decodable(self.encoding))
                return
            head = data[:_SNIFF_BYTES].decode(self.encoding, errors="ignore")
            lines: Iterator[_f.Line] = _lines_from_bytes(io.BytesIO(data), self.encoding)
        else:
            if "\x00" in data[:_SNIFF_BYTES]:
                self._reject(origin, None, _f.not_decodable(self.encoding))
                return
            head = data[:_SNIFF_BYTES]
            lines = _lines_from_str(data)
        named = not origin.startswith("<")
        fmt = self.format or (_f.format_from_name(origin) if named else None) or _f.sniff(head)
        if fmt is None:
            self._reject(origin, None, "unknown format (content is neither JSON lines nor "
                                       "'date YYYY-MM-DD' text; pass format=)")
            return
        yield from self._parse(fmt, lines, origin, stem=named)

    # ------------------------------------------------------------- records

    def _parse(self, fmt: str, lines: Iterator[_f.Line], origin: str, stem: bool = True) -> Iterator[Article]:
        dd = self.default_date
        items: Iterator[_f.Item]
        if fmt == "txt":
            doc_id = PurePath(origin).stem if stem else None
            parts: list[str] = []
            for lineno, line in lines:
                if line is None:
                    self._reject(origin, lineno, _f.not_decodable(self.encoding), doc_id)
                    return
                parts.append(line)
            items = _f.parse_txt("".join(parts), origin, default_date=dd, doc_id=doc_id)
        elif fmt == "jsonl":
            items = _f.parse_jsonl(lines, origin, default_date=dd, encoding=self.encoding)
        else:
            delimiter = "\t" if fmt == "tsv" else ","
            items = _f.parse_delimited(lines, origin, delimiter, default_date=dd, encoding=self.encoding)
        for item in items:
            if isinstance(item, Reject):
                self.quarantine.add(item)
                continue
            article = self._article(item, origin)
            if article is not None:
                yield article

    def _article(self, d: _f.Draft, origin: str) -> Optional[Article]:
        doc_id = d.id or content_id(d.text)
        if len(d.text) > MAX_CHARS:
            self._reject(origin, d.line, f"text too long ({len(d.text):,} characters; the limit is "
                         f"{MAX_CHARS:,}: split the document)", doc_id, d.excerpt)
            return None
        first = self._seen.get(doc_id)
        if first is not None:
            where = f"{first[0]} line {first[1]}" if first[1] is not None else first[0]
            self._reject(origin, d.line, f"duplicate id '{doc_id}' (first seen in {where})", doc_id, d.excerpt)
            return None
        self._seen[doc_id] = (origin, d.line)
        return Article(id=doc_id, date=d.date, text=d.text, title=d.title, url=d.url, source=d.source,
                       origin=origin, line=d.line)
