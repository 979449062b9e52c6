"""Reproduction of PETRARCH2's unit-test suite with its dictionaries imported by eventcoder.

    .venv/bin/python benchmarks/petrarch_unittest.py [--shared ../shared]

Imports ``PETR.Validate.actors.txt`` and ``PETR.Validate.agents.txt`` (``eventcoder.actors.petrarch``),
codes every item of ``eval/petrarch2_unittest/gold.jsonl`` with ``Coder(Settings(actor_dicts=(imported,)))``
and prints the share of gold events reproduced: exact (source, target, CAMEO code), root (source,
target, 2-digit root), dyad (source, target) and primary-code dyad (first three letters of both codes;
eventcoder codes a bare country name as its government, XXXGOV, where PETRARCH writes XXX).
The suite's items are evaluation material: they are read from ../shared, never copied.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def rates(items: list[dict], coded: list[list[dict]]) -> dict:
    hits = {"exact": 0, "root": 0, "dyad": 0, "primary": 0}
    total = 0
    for item, got in zip(items, coded):
        exact = {(e["source"]["code"], (e["target"] or {}).get("code"), e["cameo_code"]) for e in got}
        root = {(s, t, c[:2]) for s, t, c in exact}
        dyad = {(s, t) for s, t, _ in exact}
        primary = {(s[:3], (t or "")[:3]) for s, t in dyad}
        for g in item["events"]:
            total += 1
            hits["exact"] += (g["source"], g["target"], g["code"]) in exact
            hits["root"] += (g["source"], g["target"], g["code"][:2]) in root
            hits["dyad"] += (g["source"], g["target"]) in dyad
            hits["primary"] += (g["source"][:3], (g["target"] or "")[:3]) in primary
    return {"gold_events": total, **{k: v / total if total else 0.0 for k, v in hits.items()}}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args(argv)
    base = args.shared / "eval" / "petrarch2_unittest"
    if not base.is_dir():
        print(f"{base} is absent: nothing to measure", file=sys.stderr)
        return 2
    from eventcoder.actors.petrarch import convert_petrarch, write_yaml
    from eventcoder.coder import Coder
    from eventcoder.events.lexicon import Lexicon, LexiconError
    from eventcoder.model import Article
    from eventcoder.settings import Settings

    with tempfile.TemporaryDirectory() as tmp:
        res = convert_petrarch([base / "PETR.Validate.actors.txt", base / "PETR.Validate.agents.txt"])
        out = write_yaml(res.data, Path(tmp) / "petr_validate.yaml")
        print("import:", ", ".join(f"{k} {v}" for k, v in res.counts.items()))
        # PETRARCH semantics: a bare country is the country (ARN), not its government (ARNGOV)
        settings = Settings(actor_dicts=(out,), country_as_government=False)
        try:
            coder = Coder(settings)
        except LexiconError as exc:
            print(f"shipped lexicon did not load ({exc.problems[0]}); coding with an empty lexicon")
            coder = Coder(settings, lexicon=Lexicon.build([], []))
        items = [json.loads(x) for x in (base / "gold.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
        articles = [Article(id=str(i), date=dt.date.fromisoformat(it["date"]), text=it["text"])
                    for i, it in enumerate(items)]
        t0 = time.perf_counter()
        coded = [[e.to_dict() for e in events] for _, events in coder.code_articles(articles)]
        secs = time.perf_counter() - t0
    r = rates(items, coded)
    print(f"{len(items)} items coded in {secs:.1f}s, {r['gold_events']} gold events reproduced: "
          f"exact {r['exact']:.1%}, root {r['root']:.1%}, dyad {r['dyad']:.1%}, "
          f"primary-code dyad {r['primary']:.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
