"""The actor network: who does what to whom, as a networkx graph, GraphML or an edge list."""
from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Optional, Union

import networkx as nx
import pandas as pd

from eventcoder.analysis.queries import QUAD_COLUMNS, _QUAD_SQL, _table
from eventcoder.store.filters import EventFilter

if TYPE_CHECKING:  # pragma: no cover
    from eventcoder.store import Store

EDGE_COLUMNS = ("source", "target", "weight", "events", "mentions", *QUAD_COLUMNS,
                "goldstein_sum", "goldstein_mean")


def edges(store: "Store", *, level: str = "code", min_events: int = 1, unit: str = "events",
          **filters: Any) -> pd.DataFrame:
    """Directed edge list: one row per (source, target) with event counts and Goldstein figures."""
    if level not in ("code", "country"):
        raise ValueError(f"unknown level {level!r}: expected 'code' or 'country'")
    table, al = _table(unit)
    where, params = EventFilter.make(**filters).sql(al, table)
    src = f"{al}.source_code" if level == "code" else f"coalesce({al}.source_country, {al}.source_code)"
    tgt = f"{al}.target_code" if level == "code" else f"coalesce({al}.target_country, {al}.target_code)"
    mentions = f"sum({al}.num_mentions)" if table == "events" else "count(*)"
    sql = f"""
        SELECT {src} AS source, {tgt} AS target, count(*) AS weight, count(*) AS events,
               {mentions} AS mentions, {_QUAD_SQL.format(a=al + '.')},
               coalesce(sum({al}.goldstein), 0) AS goldstein_sum, avg({al}.goldstein) AS goldstein_mean
        FROM {table} {al} WHERE {where} AND {al}.target_code IS NOT NULL
        GROUP BY ALL HAVING count(*) >= ? ORDER BY events DESC, source, target"""
    df = store.query(sql, params + [int(min_events)])
    for c in ("weight", "events", "mentions", *QUAD_COLUMNS):
        df[c] = df[c].astype("int64")
    return df[list(EDGE_COLUMNS)]


def network(store: "Store", *, level: str = "code", min_events: int = 1, unit: str = "events",
            **filters: Any) -> nx.DiGraph:
    """A directed graph of actors; edge attributes as in :func:`edges`, ``weight`` = events.

    Node attributes: ``name``, ``country`` (level ``code``), ``events`` (as source or
    target, summed over the edges kept).
    """
    df = edges(store, level=level, min_events=min_events, unit=unit, **filters)
    g = nx.DiGraph(level=level, unit=unit)
    info: dict[str, tuple[Optional[str], Optional[str]]] = {}
    if level == "code" and len(df):
        codes = sorted(set(df["source"]) | set(df["target"]))
        act = store.query("SELECT code, name, country FROM actors WHERE code IN (SELECT unnest(?))", [codes])
        info = {c: (n, k) for c, n, k in zip(act["code"], act["name"], act["country"])}
    for row in df.itertuples(index=False):
        attrs = {c: getattr(row, c) for c in EDGE_COLUMNS[2:]}
        attrs = {k: (v.item() if hasattr(v, "item") else v) for k, v in attrs.items()}
        g.add_edge(row.source, row.target, **attrs)
    for node in g.nodes:
        name, country = info.get(node, (None, None))
        g.nodes[node]["name"] = name or node
        g.nodes[node]["country"] = country or (node if level == "country" else "")
        g.nodes[node]["events"] = int(sum(d["events"] for _, _, d in g.in_edges(node, data=True))
                                      + sum(d["events"] for _, _, d in g.out_edges(node, data=True)))
    return g


def edges_frame(g: nx.DiGraph) -> pd.DataFrame:
    """The edge list of a graph built by :func:`network`."""
    rows = [{"source": u, "target": v, **d} for u, v, d in g.edges(data=True)]
    df = pd.DataFrame(rows, columns=[c for c in EDGE_COLUMNS])
    return df


def write_network(g: nx.DiGraph, path: Union[str, "os.PathLike[str]"], format: Optional[str] = None) -> str:
    """Write the graph as GraphML (``.graphml``) or an edge list (``.csv`` / ``.tsv``).

    ``format`` overrides the extension: ``graphml``, ``csv`` or ``tsv``.  Returns the format used.
    """
    p = os.fspath(path)
    fmt = format or os.path.splitext(p)[1].lower().lstrip(".")
    if fmt == "graphml":
        clean = nx.DiGraph()
        clean.graph.update({k: v for k, v in g.graph.items() if v is not None})
        for n, d in g.nodes(data=True):
            clean.add_node(n, **{k: v for k, v in d.items() if v is not None})
        for u, v, d in g.edges(data=True):
            clean.add_edge(u, v, **{k: val for k, val in d.items()
                                    if val is not None and not (isinstance(val, float) and val != val)})
        nx.write_graphml(clean, p)
    elif fmt in ("csv", "tsv"):
        edges_frame(g).to_csv(p, sep="," if fmt == "csv" else "\t", index=False)
    else:
        raise ValueError(f"cannot tell the network format of {p!r}: use .graphml, .csv or .tsv")
    return fmt
