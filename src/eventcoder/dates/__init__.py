"""Resolve date expressions in news text against the article's publication date.

* :func:`resolve` places one expression ("on Friday", "last year",
  "March 3, 2020", "two weeks ago") on the calendar and returns a
  :class:`ResolvedDate` (or None when it is not a placeable date);
* :func:`find_expressions` scans raw text for date expressions with compiled
  regular expressions, for when the NLP model's DATE entities miss some.

Precision is one of ``"day"``, ``"month"``, ``"year"``; week-level expressions
are reported with precision ``"month"`` (see :func:`resolve` for every
convention, in particular weekdays, weeks and future references).
"""
from ._model import PRECISIONS, ResolvedDate
from .finder import find_expressions
from .resolver import FUTURE_WINDOW_DAYS, HISTORICAL_DAYS, resolve

__all__ = (
    "FUTURE_WINDOW_DAYS",
    "HISTORICAL_DAYS",
    "PRECISIONS",
    "ResolvedDate",
    "find_expressions",
    "resolve",
)
