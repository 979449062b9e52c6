"""PETRARCH/TABARI dictionary import: formats (snippets written here), the YAML it writes, the CLI,
and the reproduction of PETRARCH2's unit-test suite with the imported dictionaries (../shared)."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from eventcoder.evaluate import reproduction_rates
from click.testing import CliRunner

from eventcoder.actors.dictionary import load_dictionary
from eventcoder.actors.petrarch import (
    convert_petrarch,
    import_petrarch,
    parse_petrarch_date,
    read_actor_file,
    read_agent_file,
    surface_variants,
    write_yaml,
)
from eventcoder.cli.main import _register_optional, cli

_register_optional()

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
D = dt.date

ACTORS = """\
<!-- Ruritania test dictionary -->
<!-- a comment block
     over two lines -->
# a comment line
RURITANIA_ [RUR]  # the country
+RURITANIAN_
+STRELSAU

GRAND_DUKE_RUDOLF # dated codes on indented lines
+DUKE_RUDOLF
\t[RURGOV 19950101-19991231]
\t[RURELI >20000101]
\t[RURCVL]

ZENDA_GARRISON [RURMIL <950101]
BLACK_MICHAEL [RURREBBLK]
COLONEL_SAPT  [RURMIL 960101-961231] [RURCVL]
NOBODY_IN_PARTICULAR [---]
OLD_KINGDOM
+THE_OLD_REALM
\t[RUROLD]
RASSENDYLL
\t[GBR 19940101-19941231] # overridden by nothing
\t[RURGOV 19940601-19950630] # overlaps: the first listed wins
BAD_CODE [RURMILX]
"""

AGENTS = """\
<!-- agents -->
!PERSON! = MAN, MEN, WOMAN
ENVOY_ [~GOV] # comment
CONGRESS!PERSON! [~LEG]
WIDGET_MAKER {} [~WGT]
GOOSE_HERD {GEESE_HERDS} [~AGR]
HUMAN_RIGHTS_WATCHER [NGO~]
SECURITY_OFFICIAL [~GOVMIL]
NO_CODE_HERE
"""


@pytest.fixture()
def files(tmp_path):
    a = tmp_path / "Test.actors.txt"
    a.write_text(ACTORS, encoding="utf-8")
    g = tmp_path / "Test.agents.txt"
    g.write_text(AGENTS, encoding="utf-8")
    return a, g


def by_name(data, section, name):
    return [e for e in data.get(section, []) if e["name"] == name]


# --- reading ------------------------------------------------------------------------------------

def test_dates():
    assert parse_petrarch_date("950601") == D(1995, 6, 1)
    assert parse_petrarch_date("20130119") == D(2013, 1, 19)
    assert parse_petrarch_date("300101") == D(2030, 1, 1)
    assert parse_petrarch_date("310101") == D(1931, 1, 1)
    assert parse_petrarch_date("201005011") == D(2010, 5, 1)  # extra digits are ignored, as in PETRARCH
    for bad in ("20041", "19951301", "abc"):
        with pytest.raises(ValueError):
            parse_petrarch_date(bad)


def test_actor_blocks_synonyms_comments_and_codes(files):
    warnings: list[str] = []
    actors = read_actor_file(files[0], warnings)
    rur = actors[0]
    assert rur.phrases == ["RURITANIA_", "RURITANIAN_", "STRELSAU"]
    assert [(c.code, c.start, c.end) for c in rur.codes] == [("RUR", None, None)]
    rudolf = actors[1]
    assert rudolf.phrases == ["GRAND_DUKE_RUDOLF", "DUKE_RUDOLF"]
    assert [(c.code, c.start, c.end) for c in rudolf.codes] == [
        ("RURGOV", D(1995, 1, 1), D(1999, 12, 31)), ("RURELI", D(2000, 1, 1), None), ("RURCVL", None, None)]
    zenda = next(a for a in actors if a.phrases[0] == "ZENDA_GARRISON")
    assert [(c.code, c.start, c.end) for c in zenda.codes] == [("RURMIL", None, D(1994, 12, 31))]
    sapt = next(a for a in actors if a.phrases[0] == "COLONEL_SAPT")
    assert [c.code for c in sapt.codes] == ["RURMIL", "RURCVL"]
    nobody = next(a for a in actors if a.phrases[0] == "NOBODY_IN_PARTICULAR")
    assert nobody.codes[0].code is None  # PETRARCH's null code
    old = next(a for a in actors if a.phrases[0] == "OLD_KINGDOM")
    assert old.phrases == ["OLD_KINGDOM", "THE_OLD_REALM"]
    assert any("RURMILX" in w and "Test.actors.txt:25:" in w for w in warnings)  # FILE:LINE of the bad code


def test_agents_plurals_and_substitution_sets(files):
    warnings: list[str] = []
    agents = read_agent_file(files[1], warnings)
    phrases = [a.phrase for a in agents]
    assert phrases[:4] == ["ENVOY_", "CONGRESSMAN", "CONGRESSMEN", "CONGRESSWOMAN"]
    goose = next(a for a in agents if a.phrase == "GOOSE_HERD")
    assert goose.plurals == ["GEESE_HERDS"] and goose.code == "~AGR"
    assert next(a for a in agents if a.phrase == "HUMAN_RIGHTS_WATCHER").code == "NGO~"
    assert any("NO_CODE_HERE" not in w and "without a [code]" in w for w in warnings)


def test_surface_variants():
    v = surface_variants("UN_SECRETARY_GENERAL")
    assert "UN Secretary General" in v and "UN secretary general" in v
    assert "Israeli troops" in surface_variants("ISRAELI_TROOPS")
    assert "Israeli Troops" in surface_variants("ISRAELI_TROOPS")
    assert "Group of 77" in surface_variants("GROUP OF 77")
    assert "President George W. Bush" in surface_variants("PRESIDENT_GEORGE_W._BUSH")
    assert "Al-Qaeda" in surface_variants("AL-QAEDA") and "al-Qaeda" in surface_variants("AL-QAEDA")
    assert "NATO" in surface_variants("NATO")


# --- conversion -----------------------------------------------------------------------------------

def test_conversion_sections_and_periods(files):
    res = convert_petrarch(files)
    data = res.data
    rur = by_name(data, "countries", "RURITANIA")[0]
    assert rur["code"] == "RUR" and {"Ruritania", "Ruritanian", "Strelsau"} <= set(rur["names"])
    rudolf = sorted(by_name(data, "people", "GRAND DUKE RUDOLF"), key=lambda e: e.get("start") or D.min)
    assert [(e["code"], e.get("start"), e.get("end")) for e in rudolf] == [
        ("RURCVL", None, D(1994, 12, 31)), ("RURGOV", D(1995, 1, 1), D(1999, 12, 31)),
        ("RURELI", D(2000, 1, 1), None)]
    assert rudolf[1]["country"] == "RUR" and rudolf[1]["sectors"] == ["GOV"]
    assert "Duke Rudolf" in rudolf[0]["names"]
    sapt = sorted(by_name(data, "people", "COLONEL SAPT"), key=lambda e: e.get("start") or D.min)
    assert [(e["code"], e.get("start"), e.get("end")) for e in sapt] == [
        ("RURCVL", None, D(1995, 12, 31)), ("RURMIL", D(1996, 1, 1), D(1996, 12, 31)),
        ("RURCVL", D(1997, 1, 1), None)]
    # overlapping restrictions: the first listed wins; GBR: "Rassendyll" is not in the shipped dictionary
    rass = sorted(by_name(data, "countries", "RASSENDYLL") + by_name(data, "people", "RASSENDYLL"),
                  key=lambda e: e["start"])
    assert [(e["code"], e["start"], e["end"]) for e in rass] == [
        ("GBR", D(1994, 1, 1), D(1994, 12, 31)), ("RURGOV", D(1995, 1, 1), D(1995, 6, 30))]
    black = by_name(data, "groups", "BLACK MICHAEL")[0]
    assert (black["kind"], black["code"], black["country"], black["sectors"]) == (
        "armed_group", "RURREBBLK", "RUR", ["REB"])
    assert not by_name(data, "people", "NOBODY IN PARTICULAR")  # null code: no entry
    assert not by_name(data, "people", "BAD CODE")
    assert all(e["note"].startswith("Test.actors.txt:") for e in data["people"])
    # agents -> sector terms; unknown sectors are defined; one sector per term
    sectors = {s["sector"]: s for s in data["sectors"]}
    assert sectors["WGT"]["type"] == "other" and sectors["WGT"]["terms"] == ["widget maker"]
    assert "congressman" in sectors["LEG"].get("titles", []) + sectors["LEG"].get("terms", [])
    assert "geese herds" in sectors["AGR"]["terms"] and "goose herd" in sectors["AGR"]["terms"]
    assert "human rights watcher" in sectors["NGO"]["terms"]
    assert "security official" in sectors["GOV"].get("titles", []) + sectors["GOV"].get("terms", [])
    assert any("several sectors" in w for w in res.warnings)
    assert res.counts["new_sectors"] == 1
    assert import_petrarch(files) == data


def test_written_yaml_loads_and_resolves_by_date(files, tmp_path):
    out = write_yaml(import_petrarch(files), tmp_path / "petrarch.yaml", header=["imported"])
    assert out.read_text(encoding="utf-8").startswith("# imported\n")
    d = load_dictionary(extra_paths=[out])

    def code(text, day):
        e = d.resolve(text, day)
        return e.code if e else None

    assert code("Ruritania", None) == "RUR"
    assert code("Duke Rudolf", D(1990, 5, 1)) == "RURCVL"
    assert code("Duke Rudolf", D(1997, 5, 1)) == "RURGOV"
    assert code("Grand Duke Rudolf", D(2005, 5, 1)) == "RURELI"
    assert code("Zenda Garrison", D(1990, 1, 1)) == "RURMIL"
    assert code("Zenda Garrison", D(1996, 1, 1)) is None
    assert code("Old Realm", None) == "RUROLD"
    assert d.sector_of("widget makers") == "WGT"
    assert d.sector_of("congressmen") == "LEG"


def test_imported_dictionary_in_the_coder(files, tmp_path):
    from eventcoder.actors.resolve import DocActors
    from eventcoder.nlp import ACTOR_COMPONENT, build_nlp
    from eventcoder.settings import Settings

    out = write_yaml(import_petrarch(files), tmp_path / "petrarch.yaml")
    nlp = build_nlp(Settings(actor_dicts=(out,)))
    index = nlp.get_pipe(ACTOR_COMPONENT).index
    doc = nlp("Duke Rudolf met the envoy.")
    head = next(t for t in doc if t.text == "Rudolf")
    assert [a.code for a in DocActors(doc, index, date=D(1997, 1, 1)).resolve(head)] == ["RURGOV"]
    assert [a.code for a in DocActors(doc, index, date=D(2003, 1, 1)).resolve(head)] == ["RURELI"]


def test_cli_import_petrarch(files, tmp_path):
    out = tmp_path / "out.yaml"
    r = CliRunner().invoke(cli, ["dicts", "import-petrarch", *map(str, files), "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert "ok:" in r.output and out.exists()
    load_dictionary(extra_paths=[out])
    r = CliRunner().invoke(cli, ["dicts", "validate", str(out)])
    assert r.exit_code == 0 and r.stdout.startswith("ok:")
    bad = tmp_path / "bad.yaml"
    bad.write_text("people:\n  - id: x\n    name: X\n    country: QQQ\n", encoding="utf-8")
    r = CliRunner().invoke(cli, ["dicts", "validate", str(bad)])
    assert r.exit_code == 1 and f"{bad}:4:" in r.output


# --- PETRARCH2's unit-test suite (../shared) -------------------------------------------------------

def test_petrarch_unittest_suite_reproduction(tmp_path):
    base = SHARED / "eval" / "petrarch2_unittest"
    if not base.is_dir():
        pytest.skip(f"{base} is absent: the PETRARCH2 unit-test suite (../shared) is not on this machine")
    from eventcoder.coder import Coder
    from eventcoder.model import Article
    from eventcoder.settings import Settings

    actor_file, agent_file = base / "PETR.Validate.actors.txt", base / "PETR.Validate.agents.txt"
    res = convert_petrarch([actor_file, agent_file])
    out = write_yaml(res.data, tmp_path / "petr_validate.yaml")
    d = load_dictionary(extra_paths=[out])
    # every actor with a usable code was imported (or was already in the shipped dictionary)
    from eventcoder.actors.petrarch import _periods
    actors = [a for a in read_actor_file(actor_file) if _periods(a.codes)]
    assert len(actors) > 80
    missing = [a.phrases[0] for a in actors
               if not any(d.lookup(v) for ph in a.phrases for v in surface_variants(ph))]
    assert missing == []

    # PETRARCH semantics: a bare country is the country (ARN), not its government (ARNGOV)
    settings = Settings(actor_dicts=(out,), country_as_government=False)
    note = ""
    coder = Coder(settings)
    items = [json.loads(line) for line in (base / "gold.jsonl").read_text(encoding="utf-8").splitlines()
             if line.strip()]
    articles = [Article(id=str(i), date=D.fromisoformat(it["date"]), text=it["text"]) for i, it in enumerate(items)]
    coded = [[e.to_dict() for e in events] for _, events in coder.code_articles(articles)]
    assert len(coded) == len(items)  # the coder ran on every item
    rates = reproduction_rates(items, coded)
    print(f"\nPETRARCH2 unit-test suite, {len(items)} items, {rates['gold_events']} gold events{note}: "
          f"exact {rates['exact']:.1%}, root {rates['root']:.1%}, dyad {rates['dyad']:.1%}, "
          f"primary-code dyad {rates['primary']:.1%}")
