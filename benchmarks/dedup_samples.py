"""Cross-story de-duplication measured on the shared sample articles.

    python benchmarks/dedup_samples.py [--samples ../shared/samples] [--window 1]

Codes every sample article (outlet from the samples' index.jsonl) into a fresh store, then scores
"these two documents' main events are the same event" against index.jsonl's ``same_event_as``
groups (pairwise precision / recall, see docs/store.md), and prints the China-Iraq phone call's
de-duplicated consult events.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load(samples: Path):
    from eventcoder.ingest import read

    index = {}
    for line in (samples / "index.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            index[Path(rec["file"]).stem] = rec
    arts = []
    for a in read(samples):
        rec = index.get(a.id, {})
        arts.append(replace(a, source=rec.get("outlet"), url=rec.get("url")))
    groups, seen = [], set()
    for doc, rec in sorted(index.items()):
        if not rec.get("same_event_as") or doc in seen:
            continue
        g = sorted({doc, *(Path(f).stem for f in rec["same_event_as"])})
        seen.update(g)
        groups.append(g)
    return arts, groups


def run(samples: Path, window: int = 1, db: Path | None = None) -> dict:
    from eventcoder.coder import Coder
    from eventcoder.settings import Settings
    from eventcoder.store import Store
    from eventcoder.store.dedup import pairwise_dedup_scores

    arts, groups = load(samples)
    settings = Settings(dedup_window_days=window)
    coder = Coder(settings)
    tmp = None
    if db is None:
        tmp = tempfile.TemporaryDirectory()
        db = Path(tmp.name) / "samples.duckdb"
    with Store.open(db, settings=settings) as store:
        store.write_batch(list(coder.code_articles(arts)))
        out = {"groups": len(groups)}
        for mode in ("group", "main", "any"):
            out[mode] = pairwise_dedup_scores(store, groups, mode=mode)
        out["phone_call"] = store.query(
            "SELECT source_code, target_code, cameo_code, date, num_sources, num_articles, num_mentions "
            "FROM events WHERE event_key IN (SELECT event_key FROM mentions WHERE doc_id < '004') "
            "AND cameo_root = '04' ORDER BY num_sources DESC").values.tolist()
    if tmp is not None:
        tmp.cleanup()
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--samples", type=Path, default=ROOT.parent / "shared" / "samples")
    ap.add_argument("--window", type=int, default=1)
    args = ap.parse_args(argv)
    if not args.samples.is_dir():
        print(f"samples not found at {args.samples}", file=sys.stderr)
        return 2
    res = run(args.samples, args.window)
    print(f"{res['groups']} groups of reports of the same event")
    for mode in ("group", "main", "any"):
        r = res[mode]
        print(f"mode={mode}: pairwise precision {r['precision']:.3f}  recall {r['recall']:.3f}  "
              f"(end-to-end recall {r['recall_end_to_end']:.3f}; tp {r['tp']}, fp {r['fp']}, fn {r['fn']})")
    print("China-Iraq consult events (source, target, code, date, num_sources, num_articles, num_mentions):")
    for row in res["phone_call"] or []:
        print("  ", row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
