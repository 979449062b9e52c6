"""Benchmark of the event store: bulk load of synthetic mentions, then the analysts' queries.

    .venv/bin/python benchmarks/bench_store.py                 # 1,000,000 mentions
    .venv/bin/python benchmarks/bench_store.py --mentions 200000 --db /tmp/b.duckdb --keep

The data (``eventcoder.store.synthetic.synthetic_mentions``): about 200 countries
with Zipf-like popularity x 11 sectors, 20 common CAMEO codes, ten years of dates
with growing volume, each true event reported 1-n times (mean ~2.2) with dates
jittered by a day.  Mentions go to DuckDB as one Arrow table
(``Store.import_mentions``), then every key group is clustered.

Goal: dyad monthly series and top dyads each < 1 s.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from typing import Any, Callable

from eventcoder.analysis import dyad_series, network, top
from eventcoder.store import Store
from eventcoder.store.synthetic import synthetic_corpus, synthetic_mentions


def timed(fn: Callable[[], Any], repeat: int = 5) -> tuple[float, float, Any]:
    """(first run, median of the following runs, result) in seconds."""
    t0 = time.perf_counter()
    result = fn()
    first = time.perf_counter() - t0
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t0)
    return first, statistics.median(runs) if runs else first, result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mentions", type=int, default=1_000_000, help="number of synthetic mentions")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--db", help="database file (default: a temporary file, deleted afterwards)")
    ap.add_argument("--keep", action="store_true", help="keep the database file")
    args = ap.parse_args(argv)

    tmpdir = None
    if args.db:
        path = args.db
        for f in (path, path + ".wal"):
            if os.path.exists(f):
                os.remove(f)
    else:
        tmpdir = tempfile.mkdtemp(prefix="bench_store_")
        path = os.path.join(tmpdir, "bench.duckdb")

    out = sys.stdout
    out.write(f"eventcoder store benchmark: {args.mentions:,} synthetic mentions -> {path}\n")
    t0 = time.perf_counter()
    table = synthetic_mentions(args.mentions, seed=args.seed)
    t_gen = time.perf_counter() - t0
    out.write(f"  generate (NumPy/Arrow)          {t_gen:8.2f} s\n")

    with Store.open(path) as store:
        t0 = time.perf_counter()
        summary = store.import_mentions(table)
        t_load = time.perf_counter() - t0
        stats = store.stats()
        out.write(f"  bulk load + de-duplication      {t_load:8.2f} s   "
                  f"({args.mentions / t_load:,.0f} mentions/s)\n")
        out.write(f"    documents {stats['documents']:,}  mentions {stats['mentions']:,}  "
                  f"events {stats['events']:,}  actors {stats['actors']:,}  "
                  f"({stats['first_date']} .. {stats['last_date']})\n")
        # an incremental batch as `eventcoder code --db` writes it (64 documents)
        batch = synthetic_corpus(64, seed=args.seed + 1, id_prefix="bench-inc-")
        t0 = time.perf_counter()
        inc = store.write_batch(batch)
        t_inc = time.perf_counter() - t0
        out.write(f"  write_batch of 64 documents     {t_inc:8.3f} s   ({inc.mentions_written} mentions, "
                  f"{inc.events_touched:,} events re-clustered)\n")
        del summary

    size = os.path.getsize(path) / 2**20
    out.write(f"  database size                   {size:8.1f} MiB\n\n")
    out.write("  query (read-only store)                 first run   median of 5\n")
    with Store.open(path, read_only=True) as store:
        queries: list[tuple[str, Callable[[], Any]]] = [
            ("dyad_series USA CHN by month", lambda: dyad_series(store, "USA", "CHN", by="month")),
            ("dyad_series USAGOV RUSGOV by week", lambda: dyad_series(store, "USAGOV", "RUSGOV", by="week")),
            ("top dyads (n=10)", lambda: top(store, "dyads", n=10)),
            ("top dyads by country, undirected", lambda: top(store, "dyads", n=10, level="country",
                                                              directed=False)),
            ("top actors (n=10)", lambda: top(store, "actors", n=10)),
            ("top codes (n=10)", lambda: top(store, "codes", n=10)),
            ("network, country level", lambda: network(store, level="country")),
        ]
        worst = 0.0
        for name, fn in queries:
            first, med, res = timed(fn)
            rows = res.number_of_edges() if hasattr(res, "number_of_edges") else len(res)
            out.write(f"  {name:<38}{first:8.3f} s  {med:8.3f} s   ({rows} rows)\n")
            if name.startswith(("dyad_series USA CHN", "top dyads (n=10)")):
                worst = max(worst, first, med)
    out.write(f"\n  goal (dyad monthly series, top dyads < 1 s): {'met' if worst < 1 else 'NOT met'}"
              f" (slowest {worst:.3f} s)\n")

    if tmpdir and not args.keep:
        for f in os.listdir(tmpdir):
            os.remove(os.path.join(tmpdir, f))
        os.rmdir(tmpdir)
    elif args.keep or args.db:
        out.write(f"  database kept at {path}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
