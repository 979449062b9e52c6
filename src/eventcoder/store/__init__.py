"""The embedded event store (DuckDB): documents, mentions, de-duplicated events, actors.

>>> from eventcoder.store import Store
>>> with Store.open("events.duckdb") as store:          # doctest: +SKIP
...     store.write_batch([(article, events)])
...     store.events(actor="CHN", since="2024-01-01")

See ``docs/store.md``.
"""
from eventcoder.store.core import (
    Store,
    StoreError,
    StoreLockedError,
    StoreNotFoundError,
    WriteSummary,
    reject_doc_id,
)
from eventcoder.store.dedup import cameo_base, cluster_dates, event_key, pairwise_dedup_scores
from eventcoder.store.filters import EventFilter

__all__ = [
    "Store", "StoreError", "StoreLockedError", "StoreNotFoundError", "WriteSummary", "EventFilter",
    "pairwise_dedup_scores", "event_key", "cameo_base", "cluster_dates", "reject_doc_id",
]
