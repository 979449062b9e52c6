"""Row filters shared by ``Store.events``, ``Store.mentions``, the exporter and the analyses."""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, fields
from typing import Any, Iterable, Optional, Union

DateLike = Union[_dt.date, str, None]


def to_date(value: DateLike, name: str = "date") -> Optional[_dt.date]:
    """``date`` | ``"YYYY-MM-DD"`` | ``"YYYY-MM"`` | ``"YYYY"`` | None -> date (start of the period)."""
    if value is None or value == "":
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    text = str(value).strip()
    try:
        if len(text) == 4:
            return _dt.date(int(text), 1, 1)
        if len(text) == 7:
            return _dt.date(int(text[:4]), int(text[5:7]), 1)
        return _dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"invalid {name} {value!r}: expected YYYY-MM-DD") from None


def normalize_root(root: Union[str, int, None]) -> Optional[str]:
    if root is None or root == "":
        return None
    text = str(root).strip()
    if not text.isdigit() or not 1 <= int(text) <= 20:
        raise ValueError(f"invalid CAMEO root {root!r}: expected 01 .. 20")
    return text.zfill(2)


@dataclass(frozen=True)
class EventFilter:
    """Conditions on events (or mentions).  ``None`` / empty = no condition.

    * ``since`` / ``until``: event date range, inclusive;
    * ``actor``: actor code prefix, matched on source or target (``CHN`` matches ``CHNGOV``);
    * ``country``: ISO3 country of the source or target actor;
    * ``code``: CAMEO code prefix (``04``, ``041``);
    * ``root``: CAMEO root (``4`` or ``04``);
    * ``quad_class``: one or more quad classes (1..4);
    * ``min_sources``: at least this many distinct outlets reported the event.
    """

    since: Optional[_dt.date] = None
    until: Optional[_dt.date] = None
    actor: Optional[str] = None
    country: Optional[str] = None
    code: Optional[str] = None
    root: Optional[str] = None
    quad_class: tuple[int, ...] = ()
    min_sources: Optional[int] = None

    @classmethod
    def make(cls, since: DateLike = None, until: DateLike = None, actor: Optional[str] = None,
             country: Optional[str] = None, code: Optional[str] = None,
             root: Union[str, int, None] = None,
             quad_class: Union[int, Iterable[int], None] = None,
             min_sources: Optional[int] = None) -> "EventFilter":
        """Build a filter from loose user input, validating each value."""
        if quad_class is None:
            quads: tuple[int, ...] = ()
        elif isinstance(quad_class, (int, str)):
            quads = (int(quad_class),)
        else:
            quads = tuple(int(q) for q in quad_class)
        for q in quads:
            if q not in (1, 2, 3, 4):
                raise ValueError(f"invalid quad class {q}: expected 1, 2, 3 or 4")
        if code is not None and code != "" and not str(code).isdigit():
            raise ValueError(f"invalid CAMEO code prefix {code!r}: expected digits such as 04 or 041")
        if min_sources is not None and int(min_sources) < 0:
            raise ValueError("min_sources must be >= 0")
        f = cls(since=to_date(since, "since"), until=to_date(until, "until"),
                actor=(actor.strip().upper() or None) if actor else None,
                country=(country.strip().upper() or None) if country else None,
                code=(str(code).strip() or None) if code else None,
                root=normalize_root(root), quad_class=quads,
                min_sources=int(min_sources) if min_sources is not None else None)
        if f.since and f.until and f.since > f.until:
            raise ValueError(f"since ({f.since}) is after until ({f.until})")
        return f

    def is_empty(self) -> bool:
        return all(getattr(self, f.name) in (None, ()) for f in fields(self))

    def sql(self, alias: str, table: str = "events") -> tuple[str, list[Any]]:
        """``(where_clause, params)`` for a query over ``events`` or ``mentions`` aliased ``alias``.

        The clause is ``"TRUE"`` when the filter is empty.
        """
        if table not in ("events", "mentions"):
            raise ValueError(f"unknown table {table!r}")
        a = alias
        conds: list[str] = []
        params: list[Any] = []
        if self.since:
            conds.append(f"{a}.date >= ?")
            params.append(self.since)
        if self.until:
            conds.append(f"{a}.date <= ?")
            params.append(self.until)
        if self.actor:
            conds.append(f"(starts_with({a}.source_code, ?) OR starts_with(coalesce({a}.target_code, ''), ?))")
            params += [self.actor, self.actor]
        if self.country:
            conds.append(f"({a}.source_country = ? OR {a}.target_country = ?)")
            params += [self.country, self.country]
        if self.code:
            conds.append(f"starts_with({a}.cameo_code, ?)")
            params.append(self.code)
        if self.root:
            conds.append(f"{a}.cameo_root = ?")
            params.append(self.root)
        if self.quad_class:
            conds.append(f"{a}.quad_class IN ({', '.join('?' for _ in self.quad_class)})")
            params += list(self.quad_class)
        if self.min_sources:
            if table == "events":
                conds.append(f"{a}.num_sources >= ?")
            else:
                conds.append(f"{a}.event_key IN (SELECT event_key FROM events WHERE num_sources >= ?)")
            params.append(self.min_sources)
        return (" AND ".join(conds) if conds else "TRUE"), params
