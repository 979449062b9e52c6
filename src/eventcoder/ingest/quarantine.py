"""The quarantine: input records that could not be turned into articles, and why."""
from __future__ import annotations

import json
import os
import re
from collections import Counter
from typing import Iterator, Optional, Union

from eventcoder.model import Reject

PathLike = Union[str, "os.PathLike[str]"]

# A reason is "<kind>" optionally followed by details introduced by ":", " '" or " (".
_DETAILS = re.compile(r":| '| \(")


def reason_kind(reason: str) -> str:
    """The detail-free part of a reject reason.

    >>> reason_kind("invalid date '2021-13-40'")
    'invalid date'
    >>> reason_kind("malformed JSON: Expecting value: line 1 column 1")
    'malformed JSON'
    """
    return _DETAILS.split(reason, maxsplit=1)[0].strip()


def _jsonl_line(reject: Reject) -> str:
    return json.dumps(reject.to_dict(), ensure_ascii=False) + "\n"


class Quarantine:
    """Collects :class:`~eventcoder.model.Reject` records.

    ``Quarantine(path)`` additionally appends every reject to ``path`` (JSONL, one
    object per line) as soon as it is added, so nothing is lost if a run dies.
    """

    def __init__(self, path: Optional[PathLike] = None) -> None:
        self.path: Optional[str] = os.fspath(path) if path is not None else None
        self._rejects: list[Reject] = []

    def add(self, reject: Reject) -> None:
        if not isinstance(reject, Reject):
            raise TypeError(f"expected a Reject, got {type(reject).__name__}")
        self._rejects.append(reject)
        if self.path is not None:
            with open(self.path, "a", encoding="utf-8") as fh:
                fh.write(_jsonl_line(reject))

    @property
    def rejects(self) -> tuple[Reject, ...]:
        return tuple(self._rejects)

    def __len__(self) -> int:
        return len(self._rejects)

    def __iter__(self) -> Iterator[Reject]:
        return iter(tuple(self._rejects))

    def __repr__(self) -> str:
        return f"Quarantine({len(self)} rejects, path={self.path!r})"

    def write_jsonl(self, path: PathLike) -> int:
        """Append all rejects to ``path`` as JSON lines; return how many were written."""
        with open(path, "a", encoding="utf-8") as fh:
            for reject in self._rejects:
                fh.write(_jsonl_line(reject))
        return len(self._rejects)

    def counts_by_reason(self) -> dict[str, int]:
        """Number of rejects per reason kind (details stripped, see :func:`reason_kind`),
        most frequent first, ties in alphabetical order."""
        counts = Counter(reason_kind(r.reason) for r in self._rejects)
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
