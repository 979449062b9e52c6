"""``eventcoder lexicon validate|stats`` and ``eventcoder evaluate``."""
from __future__ import annotations

import json
from pathlib import Path

import click


def register(group: click.Group) -> None:
    group.add_command(lexicon)
    group.add_command(evaluate)


@click.group()
def lexicon():
    """Check and describe the event lexicon (docs/lexicon.md)."""


@lexicon.command()
@click.argument("files", nargs=-1, type=click.Path(exists=True))
@click.option("--strict", is_flag=True, help="Treat warnings (conflicting/duplicate entries) as errors.")
def validate(files, strict):
    """Validate lexicon FILES (default: the shipped lexicon). Errors are printed as FILE:LINE: problem."""
    from ..events.lexicon import LexiconError, load_lexicon

    try:
        lex = load_lexicon([Path(f) for f in files] if files else None)
    except LexiconError as exc:
        for p in exc.problems:
            click.echo(p, err=True)
        raise SystemExit(1)
    for w in lex.warnings:
        click.echo("warning: " + w, err=True)
    click.echo(f"ok: {len(lex.entries)} entries in {len(lex.files)} files, {len(lex.by_code())} codes"
               + (f", {len(lex.warnings)} warnings" if lex.warnings else ""))
    if strict and lex.warnings:
        raise SystemExit(1)


@lexicon.command()
@click.argument("files", nargs=-1, type=click.Path(exists=True))
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table")
@click.option("--missing", is_flag=True, help="Only list CAMEO codes with no entry.")
def stats(files, fmt, missing):
    """Entries per CAMEO code, and the codes with no entry."""
    from ..events.lexicon import load_lexicon
    from ..ontology import load_ontology

    ont = load_ontology()
    lex = load_lexicon([Path(f) for f in files] if files else None)
    by = lex.by_code()
    rows = []
    for code in sorted(ont.codes):
        if len(code) == 2:  # a root category: its entries are those of its whole family
            entries = [e for c, es in by.items() if c.startswith(code) for e in es]
        else:
            entries = by.get(code, [])
        if missing and entries:
            continue
        rows.append({"code": code, "name": ont.get(code).name, "entries": len(entries),
                     "ids": [e.id for e in entries]})
    no_entry = [r["code"] for r in rows if r["entries"] == 0]
    if fmt == "json":
        click.echo(json.dumps({"codes": rows, "codes_without_entry": no_entry,
                               "total_entries": len(lex.entries)}, indent=2))
        return
    if fmt == "csv":
        click.echo("code,name,entries")
        for r in rows:
            name = r["name"].replace('"', '""')
            click.echo(f'{r["code"]},"{name}",{r["entries"]}')
        return
    for r in rows:
        click.echo(f"{r['code']:<5} {r['entries']:>3}  {r['name'][:60]}")
    click.echo(f"\n{len(lex.entries)} entries; {len(ont.codes) - len(no_entry) if not missing else len(ont.codes) - len(rows)}"
               f"/{len(ont.codes)} CAMEO codes have an entry; without entry: {', '.join(no_entry) or 'none'}")


@click.command()
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--scheme", type=click.Choice(["auto", "cameo", "plover", "penta"]), default="auto",
              help="Label scheme to score (default: from the gold file).")
@click.option("--json", "json_out", type=click.Path(dir_okay=False), default=None,
              help="Also write every figure to this JSON file.")
@click.option("--date", "default_date", default="2020-01-01", show_default=True,
              help="Publication date for undated gold items.")
@click.option("--limit", type=int, default=None, help="Only the first N items.")
@click.option("--dict", "actor_dicts", multiple=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--lexicon", "lexicon_paths", multiple=True, type=click.Path(exists=True))
@click.option("--allow-monadic", is_flag=True, help="Score events without a target too.")
@click.option("--monadic-codes", default="", metavar="CODES",
              help="Score events without a target for these CAMEO code prefixes only, or 'natural' (03,08,14,15).")
def evaluate(gold, scheme, json_out, default_date, limit, actor_dicts, lexicon_paths, allow_monadic, monadic_codes):
    """Score the coder against a gold JSONL file (format of ../shared/eval/*/gold.jsonl)."""
    import datetime as _dt

    from ..evaluate import evaluate_file, format_report
    from .main import make_settings

    settings = make_settings(actor_dicts=actor_dicts, lexicon_paths=lexicon_paths, allow_monadic=allow_monadic,
                             monadic_codes=monadic_codes)
    report = evaluate_file(Path(gold), settings, scheme=scheme, default_date=_dt.date.fromisoformat(default_date),
                           limit=limit)
    click.echo(format_report(report))
    if json_out:
        Path(json_out).write_text(json.dumps(report, indent=2, default=str), encoding="utf-8")
