"""Cross-story de-duplication: which mentions report the same event.

The rule (documented in ``docs/store.md``):

* mentions are grouped by their *key group* ``(source_code, target_code, cameo_base)``
  (actor codes at country+sector level, first three digits of the CAMEO code);
* inside a key group the distinct mention dates are sorted and chained: a date
  joins the current cluster when it is at most ``window`` days after the previous
  date **and** at most ``2 * window`` days after the cluster's first date (so every
  mention lies within ``±window`` days of the cluster's centre and frequent dyads
  do not chain into one endless event); otherwise it opens a new cluster;
* ``event_key`` = ``md5("source|target|base|first-date")[:16]``.

The clusters are a function of the *set* of mentions in a key group, so the result
does not depend on the order in which documents were ingested.  The store
re-clusters every key group a write touches.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
from itertools import combinations
from typing import TYPE_CHECKING, Any, Iterable, Optional

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    from eventcoder.store.core import Store


def cameo_base(code: Optional[str]) -> str:
    """The 3-digit base code of a CAMEO code (``"0421"`` -> ``"042"``, ``"04"`` -> ``"04"``)."""
    return (code or "")[:3]


def event_key(source_code: str, target_code: Optional[str], base: str, first_date: _dt.date) -> str:
    """Key of the de-duplicated event (same formula as the SQL in the store)."""
    raw = f"{source_code or ''}|{target_code or ''}|{base}|{first_date.isoformat()}"
    return hashlib.md5(raw.encode("utf-8")).hexdigest()[:16]


def cluster_starts(group_ids: np.ndarray, days: np.ndarray, window: int) -> np.ndarray:
    """First day of the cluster of each ``(group, day)`` row.

    ``group_ids`` and ``days`` (integers, e.g. days since 1970) must be sorted by
    group then day; rows may repeat.  Returns an array of cluster start days.
    """
    if window < 0:
        raise ValueError("the de-duplication window must be >= 0 days")
    n = len(days)
    out = np.empty(n, dtype=np.int64)
    if n == 0:
        return out
    g = group_ids.tolist()
    d = days.tolist()
    span = 2 * window
    prev_g = None
    prev_d = start = 0
    for i in range(n):
        gi, di = g[i], d[i]
        if gi != prev_g or di - prev_d > window or di - start > span:
            start = di
        out[i] = start
        prev_g, prev_d = gi, di
    return out


def cluster_dates(dates: Iterable[_dt.date], window: int) -> list[list[_dt.date]]:
    """Cluster the dates of one key group (pure-Python reference of the rule)."""
    ds = sorted(dates)
    if not ds:
        return []
    ordinals = np.array([x.toordinal() for x in ds], dtype=np.int64)
    starts = cluster_starts(np.zeros(len(ds), dtype=np.int64), ordinals, window)
    clusters: list[list[_dt.date]] = []
    last = None
    for x, s in zip(ds, starts.tolist()):
        if s != last:
            clusters.append([])
            last = s
        clusters[-1].append(x)
    return clusters


# --------------------------------------------------------------------------- measure

def _pair_stats(gold: set, pred: set, universe_size: int) -> dict[str, Any]:
    tp = len(gold & pred)
    fp = len(pred - gold)
    fn = len(gold - pred)
    precision = tp / (tp + fp) if (tp + fp) else None
    recall = tp / (tp + fn) if (tp + fn) else None
    f1 = (2 * precision * recall / (precision + recall)
          if precision is not None and recall is not None and (precision + recall) else None)
    return {"pairs": universe_size, "gold_pairs": len(gold), "predicted_pairs": len(pred),
            "tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1}


def pairwise_dedup_scores(store: "Store", groups: Iterable[Iterable[str]], mode: str = "any") -> dict:
    """Pairwise precision / recall of the store's de-duplication against gold groups.

    ``groups``: each group is a collection of document ids that report the same
    main event (documents of different groups report different main events).

    The unit is an unordered pair of distinct documents taken from the union of the
    groups.  A pair is *gold-positive* when both documents are in one group.  It is
    *predicted-positive* when the store put a mention of one document and a mention
    of the other into the same event:

    * ``mode="any"``: the two documents share at least one ``event_key``;
    * ``mode="group"``: both documents mention the *main event of a group*: the
      de-duplicated event that most of that group's documents mention (this is the
      figure the project reports: "are these two mentions of the group's main event
      one event?");
    * ``mode="main"``: the documents' *main events* coincide, where a document's
      main event is the event of its first mention (lowest ``sentence_index``, then
      ``event_id``).

    ``precision = tp / (tp + fp)``, ``recall = tp / (tp + fn)``.  Recall is given
    twice: ``recall`` over the gold pairs whose two documents both have mentions in
    the store (the de-duplication's own recall) and ``recall_end_to_end`` over all
    gold pairs (a document the coder found no event in loses all its pairs).
    Returns a dict with those figures, the counts and the ids of documents missing
    from the store or without mentions.
    """
    if mode not in ("any", "main", "group"):
        raise ValueError("mode must be 'any', 'main' or 'group'")
    gold_groups = [sorted(set(map(str, g))) for g in groups]
    docs = sorted({d for g in gold_groups for d in g})
    if not docs:
        raise ValueError("no document ids given")
    rows = store.query(
        "SELECT doc_id, event_key, sentence_index, event_id FROM mentions "
        "WHERE doc_id IN (SELECT unnest(?)) ORDER BY doc_id, sentence_index NULLS LAST, event_id",
        [docs],
    )
    known = set(store.query("SELECT doc_id FROM documents WHERE doc_id IN (SELECT unnest(?))",
                            [docs])["doc_id"])
    keys: dict[str, set[str]] = {}
    main: dict[str, str] = {}
    for doc_id, key in zip(rows["doc_id"], rows["event_key"]):
        keys.setdefault(doc_id, set()).add(key)
        main.setdefault(doc_id, key)

    # mode="group": a group's main event is the de-duplicated event that the most of its documents
    # mention (ties: the lowest key); a document pair is predicted "same" when both documents mention
    # the main event of some group
    group_main: list[str] = []
    for g in gold_groups:
        counts: dict[str, int] = {}
        for d in g:
            for k in keys.get(d, ()):
                counts[k] = counts.get(k, 0) + 1
        if counts:
            group_main.append(sorted(counts, key=lambda k: (-counts[k], k))[0])

    def same_pred(a: str, b: str) -> bool:
        if mode == "group":
            shared = keys.get(a, set()) & keys.get(b, set())
            return any(k in shared for k in group_main)
        if mode == "main":
            return a in main and b in main and main[a] == main[b]
        return bool(keys.get(a, set()) & keys.get(b, set()))

    gold = {tuple(sorted(p)) for g in gold_groups for p in combinations(g, 2)}
    universe = list(combinations(docs, 2))
    pred = {p for p in universe if same_pred(*p)}
    coded = set(keys)
    gold_coded = {p for p in gold if p[0] in coded and p[1] in coded}
    pred_coded = {p for p in pred if p[0] in coded and p[1] in coded}
    out = _pair_stats(gold_coded, pred_coded,
                      sum(1 for p in universe if p[0] in coded and p[1] in coded))
    e2e = _pair_stats(gold, pred, len(universe))
    out.update({
        "mode": mode,
        "recall_end_to_end": e2e["recall"],
        "gold_pairs_all": e2e["gold_pairs"],
        "fn_end_to_end": e2e["fn"],
        "documents": len(docs),
        "missing_documents": sorted(set(docs) - known),
        "documents_without_mentions": sorted(known - coded),
    })
    return out

