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

from eventcoder.evaluate import reproduction_rates  # noqa: E402


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
    r = reproduction_rates(items, coded)
    print(f"{len(items)} items coded in {secs:.1f}s, {r['gold_events']} gold events reproduced: "
          f"exact {r['exact']:.1%}, root {r['root']:.1%}, dyad {r['dyad']:.1%}, "
          f"primary-code dyad {r['primary']:.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
