"""Ingest: dated documents in, :class:`~eventcoder.model.Article` records out.

Sources
    A path (``str`` / ``Path``) to a file or a directory, ``"-"`` for standard
    input, an open text or binary stream, or a list/tuple of these (read in the
    given order).  Directories are searched recursively for ``*.txt``, ``*.text``,
    ``*.jsonl``, ``*.ndjson``, ``*.csv``, ``*.tsv`` and ``*.tab`` files (not
    ``*.json``; hidden files and directories are skipped), read in sorted path
    order.  With an explicit ``format`` only a directory's files of that format
    are read.

Formats (``format=None`` infers from the extension; unknown extensions, stdin and
unnamed streams are sniffed: first non-blank character ``{`` -> jsonl, a date line
-> txt, anything else is quarantined as ``unknown format``)

``txt``  one article per file::

        date 2021-03-13
        title Optional title          <- optional header lines (title / url / source),
        url https://example.org/a     <- only directly after a date line that has no
        source Example News           <- text after the date; ":" after the key allowed
        The body starts here ...

    The first non-blank line must be ``date YYYY-MM-DD`` (keyword case-insensitive,
    leading blanks and a ``:`` after it allowed).  The body may also start on the
    date line itself (``date 2021-03-13 The body ...``); then there are no header
    lines.  ``Article.text`` is the body with surrounding whitespace stripped; line
    breaks inside it are kept (normalised to ``\\n``).  A body whose first line
    starts with the word "title", "url" or "source" would be read as a header: put
    a blank line after the date line to prevent that.
``jsonl``  one object per line with ``id``, ``date``, ``text`` and optional
    ``title``, ``url``, ``source``; blank lines are ignored.
``csv`` / ``tsv``  a header row naming the same columns (case-insensitive;
    unknown columns are ignored), standard ``csv`` quoting, fields may span lines.
    Required columns: ``text`` and (unless ``default_date`` is given) ``date``.

Dates are ``YYYY-MM-DD`` or ISO datetimes (``2021-03-13T08:00:00Z``; the date part
is used as written, no time-zone conversion).  Anything else is rejected.

Ids: the record's ``id`` (as a string), else for txt the file name without
extension, else :func:`content_id` (``"sha1:"`` + 16 hex digits of sha1(text)).
``Article.origin`` is the path as given (directory entries: directory + relative
path), ``"<stdin>"`` or the stream's name; ``Article.line`` is the 1-based line where
the record starts (txt: the date line; CSV: the first line of a multi-line record).

Rejects are never dropped silently: each goes to the quarantine with a short
lowercase reason (kinds: ``empty file``, ``missing date line``, ``missing date``,
``invalid date``, ``missing text``, ``empty text``, ``text is not a string``,
``invalid id``, ``malformed JSON``, ``JSON line is not an object``,
``missing columns``, ``duplicate columns``, ``wrong number of columns``,
``malformed CSV``/``malformed TSV``, ``not valid UTF-8 text`` (also NUL bytes),
``unknown format``, ``unreadable file``, ``unreadable directory``,
``duplicate id``), and reading continues with the next record.  A missing date
becomes ``default_date`` when one is given; an invalid date is still rejected.
Duplicate ids are detected per :class:`Reader` (i.e. per :func:`read` call); the
later occurrence is rejected.
"""
from __future__ import annotations

import datetime as _dt
from typing import Optional, Union

from .formats import FORMATS, parse_date
from .quarantine import Quarantine, reason_kind
from .reader import Reader, Source, content_id

__all__ = ("FORMATS", "Quarantine", "Reader", "content_id", "parse_date", "read", "reason_kind")


def read(source: Union[Source, list, tuple], format: Optional[str] = None, *,
         default_date: Optional[_dt.date] = None, quarantine: Optional[Quarantine] = None,
         encoding: str = "utf-8") -> Reader:
    """Iterate over the articles in ``source`` (lazily; see the module docs).

    Rejected records go to ``quarantine``; when none is passed a fresh one is
    created and is available as ``.quarantine`` of the returned :class:`Reader`
    (a single-pass iterator of :class:`~eventcoder.model.Article`).

    ``ValueError`` for an unknown ``format``, ``TypeError`` for an unusable source;
    all problems with the input itself are quarantined, never raised.
    """
    return Reader(source, format, default_date=default_date, quarantine=quarantine, encoding=encoding)
