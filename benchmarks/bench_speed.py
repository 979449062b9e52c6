"""Speed of eventcoder against spaCy's bare ``nlp.pipe`` on the same texts, in the same run.

    python benchmarks/bench_speed.py [--n 500] [--rounds 3] [--samples ../shared/samples] [--json out.json]

Texts: the shared sample articles (when present, else the bundled sample), repeated to N articles.
Prints articles/s and sentences/s for both, and the ratio eventcoder / bare spaCy.
Both runs use one process and the same batch size; the bare run uses the same pipeline package
without eventcoder's component.  A warm-up pass over a few texts precedes the timed runs, which
alternate (bare, eventcoder) for ``--rounds`` rounds; the figures use each side's median time, so a
burst of load on a shared machine during one phase does not decide the ratio.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load_texts(samples: Path, n: int):
    from eventcoder.ingest import read

    if samples.is_dir():
        base = list(read(samples))
        origin = str(samples)
    else:
        from importlib import resources
        p = resources.files("eventcoder") / "data" / "sample_article.txt"
        base = list(read(str(p)))
        origin = "bundled sample"
    arts = []
    i = 0
    while len(arts) < n:
        a = base[i % len(base)]
        arts.append(a.__class__(id=f"{a.id}#{i}", date=a.date, text=a.text, source=a.source))
        i += 1
    return arts, origin, len(base)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--samples", type=Path, default=ROOT.parent / "shared" / "samples")
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--rounds", type=int, default=3, help="alternating timed rounds per side (median is reported)")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args(argv)

    from eventcoder.coder import Coder
    from eventcoder.nlp import load_base
    from eventcoder.settings import Settings

    arts, origin, n_unique = load_texts(args.samples, args.n)
    texts = [a.text for a in arts]
    settings = Settings(batch_size=args.batch_size)

    bare = load_base(settings.model)
    list(bare.pipe(texts[:10]))
    coder = Coder(settings)
    list(coder.code_articles(arts[:10]))
    bare_times, coder_times = [], []
    for _ in range(max(1, args.rounds)):
        t0 = time.perf_counter()
        n_sents = 0
        for doc in bare.pipe(texts, batch_size=args.batch_size):
            n_sents += sum(1 for _ in doc.sents)
        bare_times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        n_events = 0
        for _, events in coder.code_articles(arts):
            n_events += len(events)
        coder_times.append(time.perf_counter() - t0)
    t_bare = statistics.median(bare_times)
    t_coder = statistics.median(coder_times)

    res = {
        "texts": origin, "unique_articles": n_unique, "articles": len(arts), "sentences": n_sents,
        "events": n_events,
        "spacy_articles_per_s": round(len(arts) / t_bare, 2), "spacy_sentences_per_s": round(n_sents / t_bare, 1),
        "eventcoder_articles_per_s": round(len(arts) / t_coder, 2),
        "eventcoder_sentences_per_s": round(n_sents / t_coder, 1),
        "ratio": round(t_bare / t_coder, 3),
        "rounds": len(bare_times),
        "round_ratios": [round(b / c, 3) for b, c in zip(bare_times, coder_times)],
    }
    print(f"texts: {origin} ({n_unique} unique articles repeated to {len(arts)}; {n_sents} sentences)")
    print(f"bare spaCy nlp.pipe : {res['spacy_articles_per_s']:8.1f} articles/s  {res['spacy_sentences_per_s']:9.1f} sentences/s")
    print(f"eventcoder          : {res['eventcoder_articles_per_s']:8.1f} articles/s  {res['eventcoder_sentences_per_s']:9.1f} sentences/s  ({n_events} events)")
    print(f"ratio eventcoder / bare spaCy: {res['ratio']:.3f}  (median of {res['rounds']} alternating rounds; "
          f"per round: {', '.join(f'{r:.3f}' for r in res['round_ratios'])})")
    if args.json:
        args.json.write_text(json.dumps(res, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
