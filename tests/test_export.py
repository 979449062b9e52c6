"""Exporters: native and profile layouts, leading zeros, store rows, the export command."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from eventcoder.export import flatten, unflatten, write_events
from eventcoder.model import Location, flat_columns
from eventcoder.store import Store
from eventcoder.store.synthetic import make_article, make_event

D = dt.date(2024, 3, 1)

# --------------------------------------------------------------------------- published column lists

# GDELT 2.0 Event Database codebook (V2.0), the 61 fields of the events table, in file order
GDELT_PUBLISHED = """
GLOBALEVENTID SQLDATE MonthYear Year FractionDate
Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode Actor1Religion1Code
Actor1Religion2Code Actor1Type1Code Actor1Type2Code Actor1Type3Code
Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode Actor2Religion1Code
Actor2Religion2Code Actor2Type1Code Actor2Type2Code Actor2Type3Code
IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale NumMentions NumSources
NumArticles AvgTone
Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code Actor1Geo_ADM2Code
Actor1Geo_Lat Actor1Geo_Long Actor1Geo_FeatureID
Actor2Geo_Type Actor2Geo_FullName Actor2Geo_CountryCode Actor2Geo_ADM1Code Actor2Geo_ADM2Code
Actor2Geo_Lat Actor2Geo_Long Actor2Geo_FeatureID
ActionGeo_Type ActionGeo_FullName ActionGeo_CountryCode ActionGeo_ADM1Code ActionGeo_ADM2Code
ActionGeo_Lat ActionGeo_Long ActionGeo_FeatureID
DATEADDED SOURCEURL
""".split()

# ICEWS coded event data, Dataverse yearly files
ICEWS_PUBLISHED = [
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text", "CAMEO Code",
    "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID", "Sentence Number",
    "Publisher", "City", "District", "Province", "Country", "Latitude", "Longitude",
]

# POLECAT weekly files (Dataverse doi:10.7910/DVN/AJGVIT)
POLECAT_PUBLISHED = [
    "Event ID", "Event Date", "Event Type", "Event Mode", "Event Intensity", "Quad Code", "Contexts",
    "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors", "Actor Title",
    "Actor Name Raw", "Wikipedia Actor ID", "Recipient Name", "Recipient Country", "Recipient COW",
    "Primary Recipient Sector", "Recipient Sectors", "Recipient Title", "Recipient Name Raw",
    "Wikipedia Recipient ID", "Placename", "City", "District", "Province", "Country", "Latitude", "Longitude",
    "GeoNames ID", "Raw Placename", "Feature Type", "Source", "Publication Date", "Story People",
    "Story Organizations", "Story Locations", "Language", "Version",
]

# PLOVER manual, table "PLOVER JSON", and the entity object table
PLOVER_PUBLISHED = [
    "id", "has_event", "date", "time", "enddate", "endtime", "actor", "recipient", "event", "event_loc",
    "event_text", "quad_code", "event_scale", "mode", "context", "link", "text", "text_info", "cite_info",
    "coder", "coded_date", "coded_time", "comment",
]
PLOVER_ENTITY_PUBLISHED = ["code", "sector", "entity_text", "identifier_id", "identifier_text", "religion",
                           "ethnicity", "office", "gender", "age"]

HEADERS = {"gdelt": GDELT_PUBLISHED, "icews": ICEWS_PUBLISHED, "polecat": POLECAT_PUBLISHED,
           "plover": PLOVER_PUBLISHED}

BEIJING = Location(name="Beijing", country="CHN", admin1="22", lat=39.9075, lon=116.39723,
                   gazetteer_id="1816670", precision="city")


@pytest.fixture
def events():
    return [
        make_event("d1", "USAGOV", "CHNGOV", "0421", D, location=BEIJING, outlet="Reuters",
                   url="https://example.org/d1", source_name="United States", target_name="China"),
        make_event("d1", "CHN", "USA", "010", D, sentence_index=5, outlet="Reuters", modality="future"),
        make_event("d2", "RUSMIL", "UKR", "190", D + dt.timedelta(days=1), outlet="AP", negated=True),
    ]


def test_gdelt_has_61_columns():
    assert len(GDELT_PUBLISHED) == 61


@pytest.mark.parametrize("profile", sorted(HEADERS))
@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_profile_headers_match_published_lists(events, profile, fmt):
    buf = io.StringIO()
    n = write_events(events, buf, fmt, profile)
    assert n == 3
    lines = buf.getvalue().splitlines()
    header = next(csv.reader(lines[:1], delimiter="," if fmt == "csv" else "\t"))
    assert header == HEADERS[profile]
    assert len(lines) == 4


@pytest.mark.parametrize("profile", sorted(HEADERS))
def test_profile_jsonl_and_parquet_columns(events, profile, tmp_path):
    buf = io.StringIO()
    write_events(events, buf, "jsonl", profile)
    rec = json.loads(buf.getvalue().splitlines()[0])
    assert list(rec) == HEADERS[profile]
    path = tmp_path / "x.parquet"
    write_events(events, path, "parquet", profile)
    assert pq.read_table(path).column_names == HEADERS[profile]


def test_native_layouts(events, tmp_path):
    buf = io.StringIO()
    write_events(events, buf, "jsonl")
    assert [json.loads(line) for line in buf.getvalue().splitlines()] == \
        [json.loads(json.dumps(e.to_dict())) for e in events]
    buf = io.StringIO()
    write_events(events, buf, "csv")
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert list(rows[0]) == flat_columns()
    assert rows[0]["source_sectors"] == "GOV" and rows[0]["negated"] == "false"
    path = tmp_path / "n.parquet"
    write_events(events, path, "parquet")
    t = pq.read_table(path)
    assert t.column_names == flat_columns()
    assert str(t.schema.field("date").type) == "date32[day]"
    assert t.column("goldstein").to_pylist()[2] == -10.0


def test_leading_zeros_survive_every_format(events, tmp_path):
    for profile, col in (("native", "cameo_code"), ("gdelt", "EventCode"), ("icews", "CAMEO Code")):
        buf = io.StringIO()
        write_events(events, buf, "csv", profile)
        rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
        assert [r[col] for r in rows] == ["0421", "010", "190"]
        buf = io.StringIO()
        write_events(events, buf, "jsonl", profile)
        assert [json.loads(x)[col] for x in buf.getvalue().splitlines()] == ["0421", "010", "190"]
        path = tmp_path / f"{profile}.parquet"
        write_events(events, path, "parquet", profile)
        t = pq.read_table(path)
        assert str(t.schema.field(col).type) == "string"
        assert t.column(col).to_pylist() == ["0421", "010", "190"]
    buf = io.StringIO()
    write_events(events, buf, "tsv", "gdelt")
    rows = list(csv.DictReader(io.StringIO(buf.getvalue()), delimiter="\t"))
    assert [r["EventBaseCode"] for r in rows] == ["042", "010", "190"]
    assert [r["EventRootCode"] for r in rows] == ["04", "01", "19"]


def test_gdelt_values(events):
    buf = io.StringIO()
    write_events(events[:1], buf, "csv", "gdelt")
    row = next(csv.DictReader(io.StringIO(buf.getvalue())))
    assert row["SQLDATE"] == "20240301" and row["MonthYear"] == "202403" and row["Year"] == "2024"
    assert row["FractionDate"] == str(round(2024 + (3 * 30 + 1) / 365, 4))
    assert row["Actor1Code"] == "USAGOV" and row["Actor1CountryCode"] == "USA" and row["Actor1Type1Code"] == "GOV"
    assert row["Actor1Name"] == "United States"
    assert row["NumMentions"] == "1" and row["NumSources"] == "1" and row["NumArticles"] == "1"
    assert row["ActionGeo_Type"] == "4" and row["ActionGeo_CountryCode"] == "CH"  # FIPS 10-4
    assert row["ActionGeo_FeatureID"] == "1816670" and row["ActionGeo_Lat"] == "39.9075"
    assert row["AvgTone"] == "" and row["Actor1KnownGroupCode"] == ""
    assert row["DATEADDED"] == "20240301000000" and row["SOURCEURL"] == "https://example.org/d1"
    assert int(row["GLOBALEVENTID"]) == int(events[0].event_id[:15], 16)


def test_icews_polecat_plover_values(events):
    buf = io.StringIO()
    write_events(events, buf, "csv", "icews")
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert rows[0]["Source Country"] == "United States" and rows[0]["Target Country"] == "China"
    assert rows[0]["City"] == "Beijing" and rows[0]["Country"] == "China"
    assert rows[0]["Sentence Number"] == "1" and rows[1]["Sentence Number"] == "6"
    assert rows[0]["Story ID"] == "d1" and rows[0]["Publisher"] == "Reuters"
    buf = io.StringIO()
    write_events(events, buf, "jsonl", "polecat")
    pol = [json.loads(x) for x in buf.getvalue().splitlines()]
    assert pol[0]["Quad Code"] == "VERBAL COOPERATION" and pol[2]["Quad Code"] == "MATERIAL CONFLICT"
    assert pol[0]["Event Type"] == "CONSULT" and pol[0]["Primary Actor Sector"] == "GOV"
    assert pol[1]["Contexts"] == "future" and pol[2]["Contexts"] == "negation"
    buf = io.StringIO()
    write_events(events, buf, "jsonl", "plover")
    plo = [json.loads(x) for x in buf.getvalue().splitlines()]
    first = plo[0]
    assert first["id"] == events[0].event_id and first["date"] == "2024-03-01"
    assert first["event"] == ["CONSULT"] and first["quad_code"] == 1
    assert list(first["actor"][0])[:10] == PLOVER_ENTITY_PUBLISHED
    assert first["actor"][0]["code"] == "USA" and first["actor"][0]["sector"] == "GOV"
    assert first["recipient"][0]["code"] == "CHN"
    assert first["event_loc"]["geonameid"] == "1816670" and first["event_loc"]["country_code"] == "CHN"
    assert plo[2]["context"] == ["negation"]


def test_tsv_cells_are_single_line(tmp_path):
    ev = make_event("d1", "USA", "CHN", "042", D)
    row = ev.flat()
    row["sentence"] = 'He said:\t"no"\nthen left.'
    path = tmp_path / "x.tsv"
    write_events([row], path, "tsv")
    lines = path.read_text().splitlines()
    assert len(lines) == 2
    cells = lines[1].split("\t")
    assert len(cells) == len(flat_columns())
    assert cells[flat_columns().index("sentence")] == 'He said: "no" then left.'


def test_flatten_unflatten_roundtrip(events):
    plain = make_event("d9", "USA", "CHN", "042", D)
    assert unflatten(plain.flat()) == json.loads(json.dumps(plain.to_dict()))
    assert flatten(plain.to_dict()) == plain.flat()
    # dict inputs in either shape give the same csv as the Event objects
    outs = []
    for recs in (events, [e.to_dict() for e in events], [e.flat() for e in events]):
        buf = io.StringIO()
        write_events(recs, buf, "csv", "gdelt")
        outs.append(buf.getvalue())
    assert outs[0] == outs[1] == outs[2]


def test_streams_paths_and_errors(events, tmp_path):
    bio = io.BytesIO()
    assert write_events(events, bio, "parquet", "gdelt") == 3
    assert len(bio.getvalue()) > 100
    bio = io.BytesIO()
    write_events(events, bio, "csv")
    assert bio.getvalue().startswith(b"event_id,")
    assert write_events([], tmp_path / "empty.csv", "csv", "icews") == 0
    assert (tmp_path / "empty.csv").read_text().startswith("Event ID,")
    buf = io.StringIO()
    write_events(events, buf, "csv", "icews", header=False)
    assert len(buf.getvalue().splitlines()) == 3
    with pytest.raises(ValueError, match="format"):
        write_events(events, io.StringIO(), "xml")
    with pytest.raises(ValueError, match="profile"):
        write_events(events, io.StringIO(), "csv", "acled")


# --------------------------------------------------------------------------- store rows and CLI

@pytest.fixture
def store_path(tmp_path):
    path = tmp_path / "e.duckdb"
    items = []
    for doc, outlet, d in (("a", "Reuters", D), ("b", "AP", D), ("c", "AP", D + dt.timedelta(days=1))):
        art = make_article(doc, d, source=outlet)
        items.append((art, [make_event(doc, "USAGOV", "CHNGOV", "0421", d, outlet=outlet, url=art.url)]))
    art = make_article("z", D, source="DW")
    items.append((art, [make_event("z", "FRA", "DEU", "040", D, outlet="DW")]))
    with Store.open(path) as store:
        store.write_batch(items)
    return str(path)


def test_gdelt_from_store_uses_event_counts(store_path):
    with Store.open(store_path, read_only=True) as store:
        buf = io.StringIO()
        write_events(store.iter_rows("events"), buf, "csv", "gdelt")
        rows = {r["Actor1Code"]: r for r in csv.DictReader(io.StringIO(buf.getvalue()))}
        assert rows["USAGOV"]["NumMentions"] == "3" and rows["USAGOV"]["NumArticles"] == "3"
        assert rows["USAGOV"]["NumSources"] == "2" and rows["USAGOV"]["EventCode"] == "0421"
        key = store.events(actor="USA")["event_key"][0]
        assert int(rows["USAGOV"]["GLOBALEVENTID"]) == int(key[:15], 16)
        buf = io.StringIO()
        write_events(store.iter_rows("mentions"), buf, "csv", "gdelt")
        assert len(buf.getvalue().splitlines()) == 5
        buf = io.StringIO()
        write_events(store.iter_rows("mentions", event_fields=False), buf, "jsonl")
        rec = json.loads(buf.getvalue().splitlines()[0])
        assert rec["source"]["code"] in ("USAGOV", "FRA") and "event_key" in rec


def test_export_command(store_path, tmp_path, cli_app):
    runner = CliRunner()
    out = tmp_path / "g.csv"
    res = runner.invoke(cli_app, ["export", "--db", store_path, "--format", "csv", "--profile", "gdelt",
                                 "-o", str(out), "--actor", "USA"])
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(out.open()))
    assert len(rows) == 1 and rows[0]["EventCode"] == "0421" and list(rows[0]) == GDELT_PUBLISHED
    res = runner.invoke(cli_app, ["export", "--db", store_path, "--format", "jsonl", "--code", "04",
                                 "--table", "mentions"])
    assert res.exit_code == 0, res.output
    lines = [json.loads(x) for x in res.output.splitlines()]
    assert len(lines) == 4 and all(x["cameo_code"].startswith("04") for x in lines)
    res = runner.invoke(cli_app, ["export", "--db", store_path, "--format", "csv", "--min-sources", "2"])
    assert res.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(res.output)))
    assert len(rows) == 1 and rows[0]["num_sources"] == "2" and rows[0]["cameo_code"] == "0421"
    out = tmp_path / "p.parquet"
    res = runner.invoke(cli_app, ["export", "--db", store_path, "--format", "parquet", "--profile", "icews",
                                 "-o", str(out), "--since", "2024-03-01", "--until", "2024-03-01"])
    assert res.exit_code == 0, res.output
    assert sorted(pq.read_table(out).column("CAMEO Code").to_pylist()) == ["040", "0421"]
    res = runner.invoke(cli_app, ["export", "--db", store_path, "--format", "parquet"])
    assert res.exit_code != 0 and "-o" in res.output
    res = runner.invoke(cli_app, ["export", "--db", str(tmp_path / "nope.duckdb")])
    assert res.exit_code != 0 and "no such database file" in res.output
    res = runner.invoke(cli_app, ["export", "--db", store_path, "--quad-class", "9"])
    assert res.exit_code != 0
    res = runner.invoke(cli_app, ["export", "--db", store_path, "--since", "soon"])
    assert res.exit_code != 0 and "invalid since" in res.output
