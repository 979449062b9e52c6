"""Analyses over a store: dyad series, rankings, network, plots and their CLI commands."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math

import networkx as nx
import pandas as pd
import pytest
from click.testing import CliRunner

from eventcoder.analysis import (
    NoDataError,
    dyad_series,
    edges_frame,
    network,
    plot_dyad,
    plot_top_dyads,
    top,
    write_network,
)
from eventcoder.store import Store
from eventcoder.store.synthetic import make_article, make_event


def d(month: int, day: int) -> dt.date:
    return dt.date(2024, month, day)


# (doc, outlet, source, target, code, date, goldstein)
EVENTS = [
    ("a", "Reuters", "USAGOV", "CHNGOV", "042", d(1, 10), 1.9),
    ("b", "AP", "USAGOV", "CHNGOV", "042", d(1, 10), 1.9),  # same event as a
    ("c", "AP", "CHNGOV", "USAGOV", "112", d(1, 20), -2.0),
    ("d", "BBC", "USAMIL", "CHN", "190", d(3, 5), -10.0),
    ("e", "BBC", "CHN", "USA", "061", d(3, 6), 6.4),
    ("f", "DW", "FRAGOV", "DEUGOV", "040", d(2, 1), 1.0),
    ("g", "DW", "FRAGOV", "DEUGOV", "043", d(2, 15), 2.8),
    ("h", "DW", "RUSMIL", "UKRMIL", "190", d(2, 20), -10.0),
]


@pytest.fixture
def store_path(tmp_path):
    path = tmp_path / "a.duckdb"
    items = []
    for i, (doc, outlet, s, t, code, day, g) in enumerate(EVENTS):
        art = make_article(doc, day, source=outlet)
        items.append((art, [make_event(doc, s, t, code, day, goldstein=g, outlet=outlet)]))
    with Store.open(path) as store:
        store.write_batch(items)
    return str(path)


@pytest.fixture
def store(store_path):
    with Store.open(store_path, read_only=True) as s:
        yield s


def test_dyad_series_monthly(store):
    df = dyad_series(store, "USA", "CHN", by="month")
    assert list(df.columns) == ["period", "direction", "source", "target", "events", "verbal_coop",
                                "material_coop", "verbal_conflict", "material_conflict", "goldstein_sum",
                                "goldstein_mean"]
    # Jan..Mar, both directions, February filled with zeros
    assert [p.strftime("%Y-%m") for p in df["period"]] == ["2024-01"] * 2 + ["2024-02"] * 2 + ["2024-03"] * 2
    rows = {(p.month, r): x for p, r, x in zip(df["period"], df["direction"], df.to_dict("records"))}
    jan_ab = rows[(1, "USA->CHN")]
    assert jan_ab["events"] == 1 and jan_ab["verbal_coop"] == 1  # a and b are one event
    assert jan_ab["goldstein_sum"] == pytest.approx(1.9) and jan_ab["source"] == "USA"
    jan_ba = rows[(1, "CHN->USA")]
    assert jan_ba["events"] == 1 and jan_ba["verbal_conflict"] == 1 and jan_ba["target"] == "USA"
    feb = rows[(2, "USA->CHN")]
    assert feb["events"] == 0 and math.isnan(feb["goldstein_mean"])
    mar_ab, mar_ba = rows[(3, "USA->CHN")], rows[(3, "CHN->USA")]
    assert mar_ab["material_conflict"] == 1 and mar_ab["goldstein_mean"] == pytest.approx(-10.0)
    assert mar_ba["material_coop"] == 1
    # counting mentions instead: January USA->CHN has two
    dm = dyad_series(store, "usa", "chn", by="month", unit="mentions")
    assert dm[(dm.direction == "USA->CHN")]["events"].tolist() == [2, 0, 1]


def test_dyad_series_periods_and_filters(store):
    y = dyad_series(store, "USA", "CHN", by="year")
    assert len(y) == 2 and y["events"].sum() == 4
    w = dyad_series(store, "USA", "CHN", by="week", fill=False)
    assert w["events"].sum() == 4 and (w["period"].dt.day_of_week == 0).all()
    narrow = dyad_series(store, "USA", "CHN", by="day", since="2024-03-01")
    assert narrow["events"].sum() == 2
    assert dyad_series(store, "USA", "JPN").empty
    with pytest.raises(ValueError, match="period"):
        dyad_series(store, "USA", "CHN", by="decade")
    with pytest.raises(ValueError, match="actor"):
        dyad_series(store, "", "CHN")


def test_top(store):
    actors = top(store, "actors", n=3)
    assert actors["actor"].tolist() == ["CHN", "CHNGOV", "DEUGOV"]  # 2 events each, ties by code
    assert actors["events"].tolist() == [2, 2, 2] and actors["as_source"].tolist() == [1, 1, 0]
    assert actors["name"].tolist() == ["CHN", "CHNGOV", "DEUGOV"]
    assert set(actors.columns) >= {"actor", "name", "events", "as_source", "as_target", "goldstein_mean"}
    by_country = top(store, "actors", level="country", n=2)
    assert by_country["actor"].tolist() == ["CHN", "USA"] and by_country["events"].tolist() == [4, 4]
    assert by_country["name"].tolist() == ["China", "United States"]
    dyads = top(store, "dyads", n=2)
    assert dyads[["source", "target", "events"]].values.tolist() == [["FRAGOV", "DEUGOV", 2],
                                                                      ["CHN", "USA", 1]]
    und = top(store, "dyads", level="country", directed=False, n=1)
    assert und[["source", "target", "events", "mentions"]].values.tolist() == [["CHN", "USA", 4, 5]]
    codes = top(store, "codes", n=2)
    assert codes["cameo_code"].tolist() == ["190", "040"] and codes["events"].tolist() == [2, 1]
    assert top(store, "codes", quad_class=4)["cameo_code"].tolist() == ["190"]
    with pytest.raises(ValueError):
        top(store, "people")


def test_network_and_files(store, tmp_path):
    g = network(store)
    assert isinstance(g, nx.DiGraph)
    assert g["USAGOV"]["CHNGOV"]["weight"] == 1 and g["USAGOV"]["CHNGOV"]["mentions"] == 2
    assert g["FRAGOV"]["DEUGOV"]["events"] == 2
    assert g.nodes["FRAGOV"]["country"] == "FRA" and g.nodes["FRAGOV"]["events"] == 2
    gc = network(store, level="country", min_events=2)
    assert sorted(gc.edges) == [("CHN", "USA"), ("FRA", "DEU"), ("USA", "CHN")]
    assert network(store, level="country", min_events=3).number_of_edges() == 0
    path = tmp_path / "g.graphml"
    assert write_network(g, path) == "graphml"
    back = nx.read_graphml(path)
    assert back.number_of_edges() == g.number_of_edges()
    assert back["FRAGOV"]["DEUGOV"]["weight"] == 2
    path = tmp_path / "e.csv"
    write_network(g, path)
    rows = list(csv.DictReader(path.open()))
    assert len(rows) == g.number_of_edges() and rows[0]["source"] == "FRAGOV"
    assert len(edges_frame(g)) == g.number_of_edges()
    with pytest.raises(ValueError):
        write_network(g, tmp_path / "g.gexf")


def test_plots(store, tmp_path):
    png = tmp_path / "d.png"
    assert plot_dyad(store, "USA", "CHN", png) == str(png)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = tmp_path / "d.svg"
    plot_dyad(store, "USA", "CHN", svg, by="week")
    assert "<svg" in svg.read_text()[:2000]
    top_png = tmp_path / "t.png"
    plot_top_dyads(store, top_png, n=5)
    assert top_png.stat().st_size > 1000
    with pytest.raises(NoDataError):
        plot_dyad(store, "USA", "JPN", tmp_path / "x.png")
    with pytest.raises(ValueError, match="image format"):
        plot_dyad(store, "USA", "CHN", tmp_path / "x.gif")


# --------------------------------------------------------------------------- CLI

def test_query_commands(store_path, tmp_path, cli_app):
    runner = CliRunner()
    res = runner.invoke(cli_app, ["dyad", "USA", "CHN", "--db", store_path, "--by", "month"])
    assert res.exit_code == 0, res.output
    assert "USA->CHN" in res.output and "2024-02-01" in res.output
    res = runner.invoke(cli_app, ["dyad", "USA", "CHN", "--db", store_path, "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(res.output)))
    assert len(rows) == 6 and rows[0]["period"] == "2024-01-01"
    res = runner.invoke(cli_app, ["dyad", "USA", "CHN", "--db", store_path, "--format", "json"])
    data = json.loads(res.output)
    assert data[2]["events"] == 0 and data[2]["goldstein_mean"] is None
    out = tmp_path / "top.jsonl"
    res = runner.invoke(cli_app, ["top", "dyads", "--db", store_path, "-n", "2", "--format", "jsonl",
                                 "-o", str(out)])
    assert res.exit_code == 0, res.output
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert lines[0]["source"] == "FRAGOV" and lines[0]["events"] == 2
    res = runner.invoke(cli_app, ["top", "codes", "--db", store_path, "--root", "19"])
    assert res.exit_code == 0 and "190" in res.output
    res = runner.invoke(cli_app, ["top", "actors", "--db", store_path, "--level", "country", "--format", "csv"])
    assert pd.read_csv(io.StringIO(res.output))["actor"].tolist()[:2] == ["CHN", "USA"]


def test_network_and_plot_commands(store_path, tmp_path, cli_app):
    runner = CliRunner()
    gml = tmp_path / "graph.graphml"
    res = runner.invoke(cli_app, ["network", "--db", store_path, "-o", str(gml)])
    assert res.exit_code == 0, res.output
    assert nx.read_graphml(gml).number_of_nodes() == 9
    edges = tmp_path / "edges.csv"
    res = runner.invoke(cli_app, ["network", "--db", store_path, "-o", str(edges), "--level", "country"])
    assert res.exit_code == 0 and edges.read_text().startswith("source,target,weight")
    res = runner.invoke(cli_app, ["network", "--db", store_path, "--format", "json"])
    assert res.exit_code == 0 and len(json.loads(res.output)) == 6
    res = runner.invoke(cli_app, ["network", "--db", store_path, "-o", str(tmp_path / "g.xyz")])
    assert res.exit_code != 0 and "format" in res.output
    png = tmp_path / "p.png"
    res = runner.invoke(cli_app, ["plot", "dyad", "USA", "CHN", "--db", store_path, "-o", str(png)])
    assert res.exit_code == 0, res.output
    assert png.read_bytes()[:4] == b"\x89PNG"
    res = runner.invoke(cli_app, ["plot", "top-dyads", "--db", store_path, "-o", str(tmp_path / "t.svg")])
    assert res.exit_code == 0, res.output
    res = runner.invoke(cli_app, ["plot", "dyad", "USA", "JPN", "--db", store_path, "-o", str(png)])
    assert res.exit_code != 0 and "no events between USA and JPN" in res.output


def test_commands_report_missing_and_locked_databases(store_path, tmp_path, cli_app):
    runner = CliRunner()
    res = runner.invoke(cli_app, ["top", "actors", "--db", str(tmp_path / "none.duckdb")])
    assert res.exit_code == 1 and "no such database file" in res.output
    # a writer in this process holds the file: read-only opening is refused with a clear message
    with Store.open(store_path):
        res = runner.invoke(cli_app, ["dyad", "USA", "CHN", "--db", store_path])
    assert res.exit_code == 1 and store_path in res.output
