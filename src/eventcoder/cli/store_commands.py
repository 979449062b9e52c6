"""CLI commands over an event store: export, dyad, top, network, plot.

``register(group)`` adds them to the main click group (done by ``cli/main.py``).
"""
from __future__ import annotations

import functools
import json
import os
import sys
from typing import Any, Callable, Optional

import click
import pandas as pd

OUTPUT_FORMATS = ("table", "csv", "json", "jsonl")


# --------------------------------------------------------------------------- helpers

def _open_store(db: str) -> Any:
    from eventcoder.store import Store, StoreError
    try:
        return Store.open(db, read_only=True)
    except StoreError as err:
        raise click.ClickException(str(err)) from None


def _fail_on_errors(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Turn store / value errors of a command into click errors with their message."""
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from eventcoder.store import StoreError
        try:
            return fn(*args, **kwargs)
        except BrokenPipeError:
            # the reader went away (``... | head``): stop quietly
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise click.exceptions.Exit(1) from None
        except (StoreError, ValueError, OSError) as err:
            raise click.ClickException(str(err)) from None
    return wrapper


def _db_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--db", required=True, metavar="FILE", type=click.Path(dir_okay=False),
                        help="The eventcoder database (DuckDB file).")(fn)


def _filter_options(actor: bool = True) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def deco(fn: Callable[..., Any]) -> Callable[..., Any]:
        opts = [
            click.option("--since", metavar="DATE", help="First event date (YYYY-MM-DD, YYYY-MM or YYYY)."),
            click.option("--until", metavar="DATE", help="Last event date, inclusive."),
        ]
        if actor:
            opts.append(click.option("--actor", metavar="CODE",
                                     help="Actor code prefix, source or target (CHN, CHNGOV)."))
        opts += [
            click.option("--country", metavar="ISO3", help="Country of the source or target actor."),
            click.option("--code", metavar="PREFIX", help="CAMEO code prefix (04, 041)."),
            click.option("--root", metavar="NN", help="CAMEO root code (01 .. 20)."),
            click.option("--quad-class", "quad_class", type=click.IntRange(1, 4), multiple=True,
                         help="Quad class 1-4 (repeatable)."),
            click.option("--min-sources", type=click.IntRange(0), metavar="N",
                         help="Events reported by at least N distinct outlets."),
        ]
        for opt in reversed(opts):
            fn = opt(fn)
        return fn
    return deco


def _filters(kw: dict[str, Any]) -> dict[str, Any]:
    keys = ("since", "until", "actor", "country", "code", "root", "quad_class", "min_sources")
    out = {k: kw.pop(k) for k in keys if k in kw}
    if not out.get("quad_class"):
        out.pop("quad_class", None)
    return {k: v for k, v in out.items() if v is not None}


def _output_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    fn = click.option("-o", "--output", type=click.Path(dir_okay=False), metavar="FILE",
                      help="Write to FILE instead of standard output.")(fn)
    return click.option("--format", "fmt", type=click.Choice(OUTPUT_FORMATS), default="table",
                        show_default=True, help="Output format.")(fn)


def _for_output(df: pd.DataFrame) -> pd.DataFrame:
    """Dates as YYYY-MM-DD, floats rounded to 4 decimals (sums of Goldstein scores)."""
    df = df.copy()
    for c in df.columns:
        if pd.api.types.is_datetime64_any_dtype(df[c]):
            df[c] = df[c].dt.strftime("%Y-%m-%d")
        elif pd.api.types.is_float_dtype(df[c]):
            df[c] = df[c].round(4)
    return df


def emit_frame(df: pd.DataFrame, fmt: str, output: Optional[str]) -> None:
    """Write a DataFrame as an aligned table, CSV, a JSON array or JSON lines."""
    from eventcoder.analysis import records
    if fmt == "table":
        text = "(no rows)\n" if df.empty else _for_output(df).to_string(index=False, na_rep="") + "\n"
    elif fmt == "csv":
        text = _for_output(df).to_csv(index=False, lineterminator="\n")
    elif fmt == "json":
        text = json.dumps(records(_for_output(df)), ensure_ascii=False, indent=1) + "\n"
    elif fmt == "jsonl":
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records(_for_output(df)))
    else:  # pragma: no cover - click validates
        raise click.ClickException(f"unknown format {fmt}")
    if output:
        with open(output, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        click.echo(f"wrote {len(df)} rows to {output}", err=True)
    else:
        click.echo(text, nl=False)


# --------------------------------------------------------------------------- commands

def _export_command() -> click.Command:
    from eventcoder.export import FORMATS, PROFILE_NAMES

    @click.command("export")
    @_db_option
    @click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True,
                  help="File format.")
    @click.option("--profile", type=click.Choice(PROFILE_NAMES), default="native", show_default=True,
                  help="Column layout: eventcoder's own or that of another data set.")
    @click.option("-o", "--output", type=click.Path(dir_okay=False), metavar="FILE",
                  help="Output file (required for parquet); default standard output.")
    @click.option("--table", type=click.Choice(["events", "mentions"]), default="events", show_default=True,
                  help="De-duplicated events or every mention.")
    @click.option("--no-header", is_flag=True, help="Omit the header line of csv/tsv output.")
    @_filter_options()
    @_fail_on_errors
    def export(db: str, fmt: str, profile: str, output: Optional[str], table: str, no_header: bool,
               **kw: Any) -> None:
        """Export events from a database in a file format and column profile.

        \b
        eventcoder export --db events.duckdb --format csv --profile gdelt -o gdelt.csv
        eventcoder export --db events.duckdb --actor CHN --since 2024-01-01 --min-sources 2
        """
        from eventcoder.export import write_events
        from eventcoder.store import EventFilter
        flt = EventFilter.make(**_filters(kw))
        if fmt == "parquet" and not output:
            raise click.ClickException("parquet output needs a file: add -o FILE.parquet")
        with _open_store(db) as store:
            columns = store.columns("events") if (table == "events" and profile == "native") else None
            rows = store.iter_rows(table, flt, event_fields=profile != "native")
            if output:
                n = write_events(rows, output, fmt, profile, columns=columns, header=not no_header)
                click.echo(f"wrote {n} {table} to {output}", err=True)
            else:
                stream = sys.stdout
                write_events(rows, stream, fmt, profile, columns=columns, header=not no_header)
                stream.flush()
    return export


def _dyad_command() -> click.Command:
    @click.command("dyad")
    @click.argument("a")
    @click.argument("b")
    @_db_option
    @click.option("--by", type=click.Choice(["day", "week", "month", "year"]), default="month",
                  show_default=True, help="Period length.")
    @click.option("--unit", type=click.Choice(["events", "mentions"]), default="events", show_default=True,
                  help="Count de-duplicated events or mentions.")
    @click.option("--no-fill", is_flag=True, help="Leave out periods without events.")
    @_filter_options(actor=False)
    @_output_options
    @_fail_on_errors
    def dyad(a: str, b: str, db: str, by: str, unit: str, no_fill: bool, fmt: str, output: Optional[str],
             **kw: Any) -> None:
        """Events between actors A and B per period, both directions.

        A and B are actor code prefixes: CHN covers CHNGOV, CHNMIL ...

        \b
        eventcoder dyad USA CHN --db events.duckdb --by month --format csv
        """
        from eventcoder.analysis import dyad_series
        with _open_store(db) as store:
            df = dyad_series(store, a, b, by=by, unit=unit, fill=not no_fill, **_filters(kw))
        emit_frame(df, fmt, output)
    return dyad


def _top_command() -> click.Command:
    @click.command("top")
    @click.argument("what", type=click.Choice(["actors", "dyads", "codes"]))
    @_db_option
    @click.option("-n", "n", type=click.IntRange(1), default=10, show_default=True, help="How many.")
    @click.option("--level", type=click.Choice(["code", "country"]), default="code", show_default=True,
                  help="Rank actor codes or countries.")
    @click.option("--undirected", is_flag=True, help="Dyads: merge A->B and B->A.")
    @click.option("--unit", type=click.Choice(["events", "mentions"]), default="events", show_default=True)
    @_filter_options()
    @_output_options
    @_fail_on_errors
    def top_cmd(what: str, db: str, n: int, level: str, undirected: bool, unit: str, fmt: str,
                output: Optional[str], **kw: Any) -> None:
        """The most active actors, dyads or CAMEO codes.

        \b
        eventcoder top dyads --db events.duckdb -n 20 --since 2024-01-01
        """
        from eventcoder.analysis import top
        with _open_store(db) as store:
            df = top(store, what, n=n, level=level, directed=not undirected, unit=unit, **_filters(kw))
        emit_frame(df, fmt, output)
    return top_cmd


def _network_command() -> click.Command:
    @click.command("network")
    @_db_option
    @click.option("-o", "--output", type=click.Path(dir_okay=False), metavar="FILE",
                  help="graph.graphml (GraphML) or edges.csv / edges.tsv (edge list).")
    @click.option("--format", "fmt", type=click.Choice(("graphml", "csv", "tsv", "table", "json", "jsonl")),
                  help="Output format (default: from the extension of -o, else table).")
    @click.option("--level", type=click.Choice(["code", "country"]), default="code", show_default=True,
                  help="Nodes are actor codes or countries.")
    @click.option("--min-events", type=click.IntRange(1), default=1, show_default=True,
                  help="Keep edges with at least this many events.")
    @_filter_options()
    @_fail_on_errors
    def network_cmd(db: str, output: Optional[str], fmt: Optional[str], level: str, min_events: int,
                    **kw: Any) -> None:
        """The directed actor network (edges weighted by events).

        \b
        eventcoder network --db events.duckdb -o graph.graphml
        eventcoder network --db events.duckdb -o edges.csv --level country
        """
        from eventcoder.analysis import edges_frame, network, write_network
        if fmt is None:
            ext = os.path.splitext(output or "")[1].lower().lstrip(".")
            fmt = ext if ext in ("graphml", "csv", "tsv", "json", "jsonl") else ("table" if not output else "")
            if not fmt:
                raise click.ClickException(f"cannot tell the format of {output}: use .graphml, .csv or "
                                           ".tsv, or give --format")
        if fmt == "graphml" and not output:
            raise click.ClickException("GraphML output needs a file: add -o graph.graphml")
        with _open_store(db) as store:
            g = network(store, level=level, min_events=min_events, **_filters(kw))
        if fmt in ("graphml", "tsv") or (fmt == "csv" and output):
            if output:
                write_network(g, output, fmt)
                click.echo(f"wrote {g.number_of_nodes()} nodes and {g.number_of_edges()} edges to {output}",
                           err=True)
                return
            click.echo(edges_frame(g).to_csv(sep="\t", index=False, lineterminator="\n"), nl=False)
            return
        emit_frame(edges_frame(g), fmt, output)
    return network_cmd


def _plot_group() -> click.Group:
    @click.group("plot")
    def plot() -> None:
        """Plots of a database (PNG, SVG or PDF by the extension of -o)."""

    @plot.command("dyad")
    @click.argument("a")
    @click.argument("b")
    @_db_option
    @click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), metavar="FILE",
                  help="Image file: .png, .svg or .pdf.")
    @click.option("--by", type=click.Choice(["day", "week", "month", "year"]), default="month",
                  show_default=True)
    @_filter_options(actor=False)
    @_fail_on_errors
    def plot_dyad_cmd(a: str, b: str, db: str, output: str, by: str, **kw: Any) -> None:
        """Cooperation vs conflict between A and B over time.

        \b
        eventcoder plot dyad USA CHN --db events.duckdb -o usa-chn.png
        """
        from eventcoder.analysis import plot_dyad
        with _open_store(db) as store:
            plot_dyad(store, a, b, output, by=by, **_filters(kw))
        click.echo(f"wrote {output}", err=True)

    @plot.command("top-dyads")
    @_db_option
    @click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), metavar="FILE",
                  help="Image file: .png, .svg or .pdf.")
    @click.option("-n", "n", type=click.IntRange(1), default=10, show_default=True)
    @click.option("--level", type=click.Choice(["code", "country"]), default="code", show_default=True)
    @click.option("--undirected", is_flag=True, help="Merge A->B and B->A.")
    @_filter_options()
    @_fail_on_errors
    def plot_top_cmd(db: str, output: str, n: int, level: str, undirected: bool, **kw: Any) -> None:
        """The dyads with most events, split by quad class.

        \b
        eventcoder plot top-dyads --db events.duckdb -o top.png -n 15
        """
        from eventcoder.analysis import plot_top_dyads
        with _open_store(db) as store:
            plot_top_dyads(store, output, n=n, level=level, directed=not undirected, **_filters(kw))
        click.echo(f"wrote {output}", err=True)

    return plot


def register(group: click.Group) -> None:
    """Add ``export``, ``dyad``, ``top``, ``network`` and ``plot`` to the CLI group."""
    for cmd in (_export_command(), _dyad_command(), _top_command(), _network_command(), _plot_group()):
        group.add_command(cmd)
