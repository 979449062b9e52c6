"""``eventcoder actors resolve|search`` and ``eventcoder dicts validate|import-petrarch``.

    eventcoder actors resolve "Iraqi Foreign Minister Fuad Hussein" --date 2021-03-12
    eventcoder actors search Erdogan --date 2019-05-01
    eventcoder dicts validate my_people.yaml
    eventcoder dicts import-petrarch Phoenix.Countries.actors.txt Phoenix.agents.txt -o petrarch.yaml

Exit codes: 0 = found / valid; 1 = nothing found, or an invalid dictionary (``FILE:LINE: problem``).
"""
from __future__ import annotations

import datetime as _dt
import json
from pathlib import Path

import click

from .main import _date, make_settings

_DICT_OPTION = click.option("--dict", "actor_dicts", multiple=True, type=click.Path(exists=True, dir_okay=False),
                            help="Extra actor dictionary (YAML); repeatable.")


def register(group: click.Group) -> None:
    group.add_command(actors)
    group.add_command(dicts)


def _load(actor_dicts):
    from ..actors.dictionary import DictionaryError, load_dictionary

    try:
        return load_dictionary([Path(p) for p in actor_dicts])
    except DictionaryError as exc:
        raise click.ClickException(str(exc))


def _period(entry) -> str:
    if entry.start is None and entry.end is None:
        return "always"
    return f"{entry.start or '…'} – {entry.end or 'now'}"


def _entry_dict(entry) -> dict:
    return {"id": entry.id, "code": entry.code, "kind": entry.kind, "name": entry.name,
            "country": entry.country, "sectors": list(entry.sectors),
            "start": entry.start.isoformat() if entry.start else None,
            "end": entry.end.isoformat() if entry.end else None,
            "where": f"{entry.file}:{entry.line}"}


# ---------------------------------------------------------------------------------------------- actors
@click.group()
def actors():
    """Look up the actor dictionary (docs/dictionaries.md)."""


@actors.command()
@click.argument("mention")
@click.option("--date", callback=_date, default=None, help="Article date (default: today).")
@_DICT_OPTION
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def resolve(mention, date, actor_dicts, as_json):
    """Show how MENTION (a noun phrase) resolves on DATE: code, country, sectors, name, how it was
    resolved, and the dictionary entry (FILE:LINE) that fired."""
    from ..actors.dictionary import DictionaryError
    from ..actors.resolve import DocActors
    from ..nlp import ACTOR_COMPONENT, build_nlp

    day = date or _dt.date.today()
    try:  # the coder's pipeline (parser + actor matcher); the event lexicon is not needed here
        nlp = build_nlp(make_settings(actor_dicts=actor_dicts))
    except DictionaryError as exc:
        raise click.ClickException(str(exc))
    index = nlp.get_pipe(ACTOR_COMPONENT).index
    doc = nlp(mention)
    da = DocActors(doc, index, date=day)
    for sent in doc.sents:
        da.prepare(sent)
    heads = [doc[:].root] if len(doc) else []
    heads += [nc.root for nc in doc.noun_chunks if nc.root not in heads]
    heads += [t for t in doc if t.pos_ == "PROPN" and t not in heads]
    found = ()
    for head in heads:
        found = da.resolve(head)
        if found:
            break
    out = []
    for a in found:
        d = a.to_dict()
        entry = index.dictionary.by_id(a.entry) if a.entry else None
        d["dictionary_entry"] = _entry_dict(entry) if entry is not None else None
        out.append(d)
    if as_json:
        click.echo(json.dumps({"mention": mention, "date": day.isoformat(), "actors": out}, indent=2,
                              ensure_ascii=False))
    elif not out:
        click.echo(f"{mention!r} on {day}: no actor")
    else:
        for d in out:
            click.echo(f"{mention!r} on {day} -> {d['code']}")
            click.echo(f"  country:     {d['country'] or '-'}")
            click.echo(f"  sectors:     {', '.join(d['sectors']) or '-'}")
            click.echo(f"  name:        {d['name'] or '-'}")
            click.echo(f"  resolved by: {d['resolved_by']}")
            e = d["dictionary_entry"]
            if e is not None:
                click.echo(f"  entry:       {e['id']} ({e['kind']}, {_period_str(e)}) at {e['where']}")
    if not out:
        raise SystemExit(1)


def _period_str(e: dict) -> str:
    if not e["start"] and not e["end"]:
        return "always"
    return f"{e['start'] or '…'} – {e['end'] or 'now'}"


@actors.command()
@click.argument("name")
@click.option("--date", callback=_date, default=None, help="Only entries that apply on this date.")
@_DICT_OPTION
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def search(name, date, actor_dicts, as_json):
    """List dictionary entries one of whose names contains NAME (exact matches first), with their
    dates and FILE:LINE."""
    d = _load(actor_dicts)
    found = [e for e in d.search(name) if e.active_on(date)]
    if as_json:
        click.echo(json.dumps([_entry_dict(e) for e in found], indent=2, ensure_ascii=False))
    else:
        for e in found:
            click.echo(f"{e.code:<14} {e.name}  [{e.kind}{', ' + e.country if e.country else ''}]  "
                       f"{_period(e)}  {e.id}  {e.file}:{e.line}")
        if not found:
            click.echo(f"no entry matches {name!r}" + (f" on {date}" if date else ""))
    if not found:
        raise SystemExit(1)


# ---------------------------------------------------------------------------------------------- dicts
@click.group()
def dicts():
    """Validate actor dictionaries and import PETRARCH ones (docs/dictionaries.md)."""


@dicts.command()
@click.argument("files", nargs=-1, type=click.Path(exists=True), required=True)
def validate(files):
    """Load FILES on top of the shipped dictionary; report errors (FILE:LINE: problem) and warnings."""
    d = _load(files)
    for w in d.warnings:
        click.echo("warning: " + w, err=True)
    click.echo(f"ok: {len(d.entries)} entries, {len(d.sector_terms)} sector terms, {len(d.sectors)} sectors"
               + (f", {len(d.warnings)} warnings" if d.warnings else ""))


@dicts.command("import-petrarch")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False), required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), required=True, help="YAML file to write.")
@click.option("--max-warnings", type=int, default=20, show_default=True, help="Warnings shown (all are counted).")
def import_petrarch_cmd(files, output, max_warnings):
    """Convert PETRARCH/TABARI actor (*.actors.txt) and agent (*.agents.txt) dictionaries into one
    YAML dictionary, then check that it loads (use it with --dict)."""
    from ..actors.dictionary import DictionaryError, load_dictionary
    from ..actors.petrarch import convert_petrarch, write_yaml

    res = convert_petrarch([Path(f) for f in files])
    header = ["Actor dictionary imported from PETRARCH/TABARI dictionaries by `eventcoder dicts import-petrarch`:",
              *(f"  {Path(f).name}" for f in files),
              "Every entry's `note` gives the file and line it came from.  See docs/dictionaries.md."]
    write_yaml(res.data, output, header=header)
    for w in res.warnings[:max_warnings]:
        click.echo("warning: " + w, err=True)
    if len(res.warnings) > max_warnings:
        click.echo(f"... and {len(res.warnings) - max_warnings} more warnings", err=True)
    c = res.counts
    click.echo(f"{c['actors']} actors and {c['agents']} agents read; wrote {output}: {c['entries']} entries "
               f"({c['countries_entries']} countries, {c['organisations_entries']} organisations, "
               f"{c['groups_entries']} groups, {c['people_entries']} people), {c['terms']} sector terms, "
               f"{c['new_sectors']} new sectors; {c['already_known']} periods already in the shipped dictionary")
    try:
        d = load_dictionary([Path(output)])
    except DictionaryError as exc:
        raise click.ClickException(f"the written file does not load: {exc}")
    click.echo(f"ok: {output} loads ({len(d.entries)} entries with the shipped dictionary"
               + (f", {len(d.warnings)} loader warnings" if d.warnings else "") + ")")
