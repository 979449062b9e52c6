"""``eventcoder`` command line: a thin click layer over the library.

Exit codes: 0 = every document coded (with or without events); 3 = some input documents were
quarantined (see the quarantine file); 1 = fatal error (bad dictionary, unreadable output ...);
2 = usage error.
"""
from __future__ import annotations

import datetime as _dt
import json
import sys
import time
from pathlib import Path

import click

from ..settings import NATURAL_MONADIC, Settings

EXIT_QUARANTINED = 3


def _date(ctx, param, value):
    if value is None:
        return None
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"expected YYYY-MM-DD, got {value!r}")


def coding_options(f):
    """Options shared by every command that codes text."""
    opts = [
        click.option("--dict", "actor_dicts", multiple=True, type=click.Path(exists=True, dir_okay=False),
                     help="Extra actor dictionary (YAML); repeatable."),
        click.option("--lexicon", "lexicon_paths", multiple=True, type=click.Path(exists=True),
                     help="Use these lexicon files/directories instead of the shipped lexicon; repeatable."),
        click.option("--extra-lexicon", multiple=True, type=click.Path(exists=True),
                     help="Add these lexicon files to the lexicon; repeatable."),
        click.option("--include-negated", is_flag=True, help="Keep negated events (flagged negated=true)."),
        click.option("--include-hypothetical", is_flag=True, help="Keep hypothetical/conditional events."),
        click.option("--allow-monadic", is_flag=True, help="Keep events without a target actor."),
        click.option("--monadic-codes", default="", metavar="CODES",
                     help="Keep events without a target only for these CAMEO code prefixes (comma-separated), "
                          "or 'natural' = 03,08,14,15 (intents, yields, protests, force posture)."),
        click.option("--statements", is_flag=True, help="Code plain 'X said' as CAMEO 010 (off by default)."),
    ]
    for o in reversed(opts):
        f = o(f)
    return f


def parse_monadic_codes(value: str) -> tuple[str, ...]:
    """``--monadic-codes``: "natural" or comma-separated CAMEO code prefixes ("14,15,0831")."""
    value = (value or "").strip()
    if not value:
        return ()
    if value == "natural":
        return NATURAL_MONADIC
    codes = tuple(c.strip() for c in value.split(",") if c.strip())
    bad = [c for c in codes if not (c.isdigit() and 2 <= len(c) <= 4)]
    if bad:
        raise click.BadParameter(f"not CAMEO code prefixes: {', '.join(bad)} (use e.g. 14,15 or 'natural')",
                                 param_hint="--monadic-codes")
    return codes


def make_settings(*, actor_dicts=(), lexicon_paths=(), extra_lexicon=(), include_negated=False,
                  include_hypothetical=False, allow_monadic=False, statements=False, monadic_codes="",
                  **kw) -> Settings:
    return Settings(
        monadic_codes=parse_monadic_codes(monadic_codes),
        actor_dicts=tuple(Path(p) for p in actor_dicts),
        lexicon_paths=tuple(Path(p) for p in lexicon_paths) if lexicon_paths else None,
        extra_lexicon=tuple(Path(p) for p in extra_lexicon),
        include_negated=include_negated, include_hypothetical=include_hypothetical,
        require_target=not allow_monadic, code_statements=statements, **kw)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="eventcoder")
def cli():
    """eventcoder: dated news articles in, evidence-backed CAMEO/PLOVER political events out."""


# ---------------------------------------------------------------------------- code
class _Progress:
    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.n = 0
        self.events = 0
        self.empty = 0
        self.t0 = time.monotonic()
        self.last = 0.0

    def tick(self, n_events: int) -> None:
        self.n += 1
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.last > 0.25:
            self.last = now
            rate = self.n / max(now - self.t0, 1e-9)
            click.echo(f"\rcoded {self.n} articles ({rate:.1f}/s)", err=True, nl=False)

    def done(self) -> None:
        if self.enabled and self.n:
            click.echo("\r" + " " * 60 + "\r", err=True, nl=False)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "tsv", "table"]), default=None,
              help="Output format (default: table on a terminal, jsonl otherwise).")
@click.option("--input-format", type=click.Choice(["txt", "jsonl", "csv", "tsv"]), default=None,
              help="Input format (default: from the file extension / content).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-",
              help="Output file (default: stdout).")
@click.option("--db", type=click.Path(dir_okay=False), default=None,
              help="Write documents and events into this DuckDB database (idempotent).")
@click.option("--quarantine", type=click.Path(dir_okay=False), default="quarantine.jsonl", show_default=True,
              help="Where rejected input documents are recorded (JSONL: origin, line, reason).")
@click.option("--default-date", callback=_date, default=None, help="Date for input documents without one.")
@click.option("--dedup-window", type=int, default=1, show_default=True,
              help="Days within which reports of the same dyad and base code are one event (new --db).")
@click.option("--processes", "-j", type=int, default=1, show_default=True, help="Worker processes.")
@click.option("--batch-size", type=int, default=64, show_default=True)
@coding_options
def code(paths, fmt, input_format, output, db, quarantine, default_date, dedup_window, processes, batch_size,
         **opts):
    """Code articles (files, directories, JSONL/CSV/TSV, or - for stdin) into events.

    Exit code 0 when every document was coded, 3 when some were quarantined.
    """
    from ..ingest import Quarantine, read

    settings = make_settings(default_date=default_date, processes=processes, batch_size=batch_size,
                             dedup_window_days=dedup_window, **opts)
    if not paths:
        paths = ("-",)
    out_is_tty = output == "-" and sys.stdout.isatty()
    fmt = fmt or ("table" if out_is_tty else "jsonl")
    q = Quarantine()
    articles = read(list(paths), input_format, default_date=default_date, quarantine=q)
    coder = _make_coder(settings)
    progress = _Progress(sys.stderr.isatty())
    n_articles = n_events = n_empty = 0
    store = None
    skipped = [0]
    if db:
        from ..store import Store, StoreError
        try:
            store = Store.open(db, settings=settings)
        except StoreError as exc:
            raise click.ClickException(str(exc))

        def unseen(stream):
            for a in stream:
                if store.has_document(a.id, a.content_hash):
                    skipped[0] += 1
                    continue
                yield a

        articles = unseen(articles)
    try:
        results = coder.code_articles(articles)
        if store is not None:
            results = _store_batches(store, results, batch_size)
        events_iter = _count(results, progress)
        if fmt == "table":
            events = list(events_iter)
            _print_table(events, output)
        else:
            from ..export import write_events
            with click.open_file(output, "w", encoding="utf-8") as fh:
                write_events(events_iter, fh, format=fmt)
        n_articles, n_events, n_empty = progress.n, progress.events, progress.empty
    finally:
        progress.done()
        if store is not None:
            if len(q):
                store.write_rejects(list(q))
            store.close()
    if len(q):
        q.write_jsonl(quarantine)
    summary = (f"{n_articles} articles coded ({n_empty} with no event), {n_events} events, "
               f"{len(q)} quarantined" + (f" (see {quarantine})" if len(q) else "")
               + (f"; {skipped[0]} already in the database (unchanged, skipped)" if skipped[0] else ""))
    click.echo(summary, err=True)
    if len(q):
        sys.exit(EXIT_QUARANTINED)


def _count(results, progress):
    for article, events in results:
        progress.tick(len(events))
        progress.events += len(events)
        if not events:
            progress.empty += 1
        yield from events


def _store_batches(store, results, batch_size):
    batch = []
    for item in results:
        batch.append(item)
        yield item
        if len(batch) >= batch_size:
            store.write_batch(batch)
            batch = []
    if batch:
        store.write_batch(batch)


def _make_coder(settings: Settings):
    from ..coder import Coder
    from ..events.lexicon import LexiconError
    from ..actors.dictionary import DictionaryError

    try:
        return Coder(settings)
    except (LexiconError, DictionaryError) as exc:
        raise click.ClickException(str(exc))


def _actor_str(a) -> str:
    if a is None:
        return "-"
    d = a if isinstance(a, dict) else a.to_dict()
    return f"{d['code']} ({d.get('text') or d.get('name')})"


def _print_table(events, output) -> None:
    rows = []
    for e in events:
        d = e.to_dict() if hasattr(e, "to_dict") else e
        flags = []
        if d["negated"]:
            flags.append("negated")
        if d["modality"] != "asserted":
            flags.append(d["modality"])
        if d["historical"]:
            flags.append("historical")
        rows.append([d["date"], str(d["sentence_index"]), _actor_str(d["source"]), d["cameo_code"],
                     d["plover_type"] or "-", _actor_str(d["target"]), f"{d['goldstein']:+.1f}",
                     d["trigger"]["text"], ",".join(flags)])
    head = ["date", "sent", "source", "cameo", "plover", "target", "gold", "trigger", "flags"]
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(head)]
    widths = [min(w, 40) for w in widths]

    def fmt(r):
        return "  ".join((c if len(c) <= w else c[: w - 1] + "…").ljust(w) for c, w in zip(r, widths))

    with click.open_file(output, "w", encoding="utf-8") as fh:
        fh.write(fmt(head).rstrip() + "\n")
        fh.write("  ".join("-" * w for w in widths) + "\n")
        for r in rows:
            fh.write(fmt(r).rstrip() + "\n")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv", "tsv"]), default="table")
@click.option("--print-path", is_flag=True, help="Only print where the bundled sample article is.")
@click.pass_context
def demo(ctx, fmt, print_path):
    """Code the sample article bundled with eventcoder and print its events."""
    from importlib import resources

    path = resources.files("eventcoder") / "data" / "sample_article.txt"
    if print_path:
        click.echo(str(path))
        return
    click.echo(f"Coding the bundled sample {path} ...\n", err=True)
    ctx.invoke(code, paths=(str(path),), fmt=fmt, quarantine="quarantine.jsonl")


# ---------------------------------------------------------------------------- explain
@cli.command()
@click.argument("text")
@click.option("--date", callback=_date, default=None, help="Publication date (default: today).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@coding_options
def explain(text, date, as_json, **opts):
    """Show how TEXT is coded: parse, actors, lexicon matches and near-misses, kept/dropped events."""
    settings = make_settings(include_negated=True, include_hypothetical=True, **{
        k: v for k, v in opts.items() if k not in ("include_negated", "include_hypothetical")})
    coder = _make_coder(settings)
    exp = coder.explain(text, date or _dt.date.today())
    data = {
        "tokens": [{"i": t.i, "text": t.text, "lemma": t.lemma_, "pos": t.pos_, "dep": t.dep_,
                    "head": t.head.i, "ent": t.ent_type_} for t in exp.doc if not t.is_space],
        "actors": [{"sentence": s, "text": txt, **a} for s, txt, a in exp.actors],
        "decisions": [d.__dict__ for d in exp.trace.decisions],
        "near_misses": [{"sentence": s, "trigger": t, "rule": r, "why": w}
                        for s, t, r, w in exp.trace.near_misses],
        "events": [e.to_dict() for e in exp.events],
    }
    if as_json:
        click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))
        return
    click.echo("Parse:")
    for t in data["tokens"]:
        click.echo(f"  {t['i']:>3} {t['text']:<16} {t['lemma']:<14} {t['pos']:<6} {t['dep']:<10} "
                   f"-> {t['head']:<3} {t['ent']}")
    click.echo("\nActors:")
    for a in data["actors"] or []:
        click.echo(f"  {a['text']!r} -> {a['code']} (country {a['country']}, sectors "
                   f"{','.join(a['sectors']) or '-'}) via {a['resolved_by']}"
                   + (f" [entry {a['entry']}]" if a.get("entry") else ""))
    if not data["actors"]:
        click.echo("  (none)")
    click.echo("\nLexicon matches:")
    for d in data["decisions"]:
        mark = "KEPT   " if d["kept"] else "DROPPED"
        click.echo(f"  {mark} '{d['trigger']}' {d['rule']} ({d['code']}): {d['reason']}")
    if not data["decisions"]:
        click.echo("  (none)")
    if data["near_misses"]:
        click.echo(f"\nNear misses ({len(data['near_misses'])}; first 15):")
        for n in data["near_misses"][:15]:
            click.echo(f"  '{n['trigger']}' {n['rule']}: {n['why']}")
    click.echo("\nEvents:")
    if data["events"]:
        _print_table(exp.events, "-")
    else:
        click.echo("  (none)")


def main() -> None:
    _register_optional()
    cli(prog_name="eventcoder")


def _register_optional() -> None:
    """Command groups that live in their own modules."""
    from . import lexicon_commands
    lexicon_commands.register(cli)
    from . import actors_commands
    actors_commands.register(cli)
    try:
        from . import store_commands
    except ImportError:  # pragma: no cover - during development
        return
    store_commands.register(cli)


if __name__ == "__main__":  # pragma: no cover
    main()
