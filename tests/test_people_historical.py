"""The 1975-2000 periods of the shipped dated people (actors/data/people.yaml): leaders of the Cold War and
the 1990s resolve on their dates only, surnames shared by people in office at different times resolve to
the right one on each date, and leaders who came back have one entry per period."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from eventcoder.cli.main import _register_optional, cli

_register_optional()

D = dt.date


def run(args):
    return CliRunner().invoke(cli, args)


def resolved(mention, day):
    r = run(["actors", "resolve", mention, "--date", day, "--json"])
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)["actors"]


def entry_on(d, name, day):
    e = d.resolve(name, D.fromisoformat(day))
    return e.id if e else None


# --- the data ------------------------------------------------------------------------------------

def test_historical_coverage(people):
    old = [e for e in people if e.start < D(2000, 1, 1)]
    assert len(old) >= 300
    # on a day of 1990 the main countries of the news have someone in office
    active = {e.country for e in people if e.country and e.active_on(D(1990, 6, 1))}
    for cc in ("USA", "SUN", "RUS", "CHN", "GBR", "FRA", "DEU", "DDR", "ITA", "JPN", "CAN", "AUS", "KOR", "PRK",
               "IND", "PAK", "AFG", "IRN", "IRQ", "SYR", "ISR", "PSE", "SAU", "EGY", "TUR", "JOR", "LBY", "MAR",
               "NGA", "ETH", "KEN", "ZAF", "ZWE", "COD", "RWA", "SOM", "SDN", "CHL", "ARG", "BRA", "MEX", "PER",
               "VEN", "COL", "CUB", "IDN", "PHL", "POL"):
        assert cc in active, cc


def test_un_secretary_general_has_no_gap_since_1972(people):
    sgs = [e for e in people if e.code == "IGOUNOSGN"]
    for year in range(1972, 2026):
        on = [e.id for e in sgs if e.active_on(D(year, 6, 1))]
        assert len(on) == 1, (year, on)


# --- dated look-up -------------------------------------------------------------------------------

def test_leaders_resolve_only_on_their_dates(d):
    assert d.resolve("Gorbachev", D(1988, 1, 1)).code == "SUNGOV"
    assert d.resolve("Gorbachev", D(1995, 1, 1)) is None
    assert d.resolve("Yeltsin", D(1995, 1, 1)).code == "RUSGOV"
    assert d.resolve("Mitterand", D(1990, 1, 1)).code == "FRAGOV"  # the wire-copy misspelling
    assert d.resolve("Qaddafi", D(1986, 4, 15)).code == "LBYGOV"
    assert d.resolve("Kadhafi", D(1986, 4, 15)).code == "LBYGOV"
    assert d.resolve("Khomeini", D(1985, 1, 1)).code == "IRNGOV"
    assert d.resolve("Mandela", D(1990, 2, 11)) is None  # released from prison, not yet president
    assert d.resolve("Mandela", D(1996, 1, 1)).code == "ZAFGOV"
    assert d.resolve("Boutros-Ghali", D(1994, 1, 1)).code == "IGOUNOSGN"
    assert d.resolve("Perez de Cuellar", D(1988, 1, 1)).code == "IGOUNOSGN"


def test_shared_surnames_resolve_to_the_person_in_office(d):
    assert entry_on(d, "Bush", "1990-08-02") == "george-h-w-bush-1989"
    assert entry_on(d, "George Bush", "1991-01-17") == "george-h-w-bush-1989"
    assert entry_on(d, "Bush", "2003-03-20") == "george-w-bush-2001"
    assert entry_on(d, "George Bush", "2003-03-20") == "george-w-bush-2001"
    assert entry_on(d, "Bush", "1997-01-01") is None  # neither in office
    assert entry_on(d, "Trudeau", "1982-04-17") == "pierre-trudeau-1980"
    assert entry_on(d, "Trudeau", "2018-01-01") == "justin-trudeau-2015"
    assert entry_on(d, "Herzog", "1990-01-01") == "chaim-herzog-1983"
    assert entry_on(d, "Herzog", "1996-01-01") == "roman-herzog-1994"
    assert entry_on(d, "Herzog", "2022-01-01") == "isaac-herzog-2021"
    assert entry_on(d, "Marcos", "1980-01-01") == "ferdinand-marcos-1965"
    assert entry_on(d, "Assad", "1985-01-01") == "hafez-al-assad-1971"
    assert entry_on(d, "Assad", "2010-01-01") == "bashar-al-assad-2000"
    # one person, different offices: Soviet then Georgian; NATO then EU
    assert d.resolve("Shevardnadze", D(1988, 1, 1)).code == "SUNGOV"
    assert d.resolve("Shevardnadze", D(1998, 1, 1)).code == "GEOGOV"
    assert d.resolve("Solana", D(1997, 1, 1)).code == "IGOWSTNAT"
    assert d.resolve("Solana", D(2001, 1, 1)).code == "IGOEUREECEAS"


def test_leaders_who_came_back_have_one_entry_per_period(d):
    assert entry_on(d, "Rabin", "1976-01-01") == "yitzhak-rabin-1974"
    assert entry_on(d, "Rabin", "1980-01-01") is None
    assert entry_on(d, "Rabin", "1993-09-13") == "yitzhak-rabin-1992"
    assert entry_on(d, "Peres", "1985-01-01") == "shimon-peres-1984"
    assert entry_on(d, "Peres", "1990-06-01") is None
    assert entry_on(d, "Netanyahu", "1997-01-01") == "benjamin-netanyahu-1996"
    assert entry_on(d, "Netanyahu", "2000-01-01") is None
    assert entry_on(d, "Benazir Bhutto", "1989-06-01") == "benazir-bhutto-1988"
    assert entry_on(d, "Benazir Bhutto", "1992-01-01") is None
    assert entry_on(d, "Nawaz Sharif", "1992-01-01") == "nawaz-sharif-1990"
    assert entry_on(d, "Nawaz Sharif", "1993-05-01") is None  # dismissed, then reinstated by the court
    assert entry_on(d, "Demirel", "1977-07-01") is None  # Ecevit's one-month government
    assert entry_on(d, "Ecevit", "1977-07-01") == "bulent-ecevit-1977"
    # a person who held office without a break keeps resolving across adjacent periods
    assert d.resolve("Jiang Zemin", D(1990, 1, 1)).code == "CHNGOV"
    assert d.resolve("Jiang Zemin", D(1995, 1, 1)).code == "CHNGOV"
    assert d.resolve("Khamenei", D(1985, 1, 1)).code == "IRNGOV"


# --- CLI -----------------------------------------------------------------------------------------

def test_cli_resolve_kohl_by_date():
    (a,) = resolved("Chancellor Helmut Kohl", "1990-06-01")
    assert (a["code"], a["entry"], a["resolved_by"]) == ("DEUGOV", "helmut-kohl-1982", "dictionary")
    (a,) = resolved("Helmut Kohl", "2005-06-01")
    assert a["code"] == "DEUELI" and a["resolved_by"] == "dictionary:out-of-office"
    assert all(a["code"] == "" for a in resolved("Kohl", "1975-06-01"))


def test_cli_search_finds_the_historical_period():
    r = run(["actors", "search", "Thatcher", "--date", "1985-01-01"])
    assert r.exit_code == 0, r.output
    assert "GBRGOV" in r.stdout and "margaret-thatcher-1979" in r.stdout and "1990-11-28" in r.stdout
    assert run(["actors", "search", "Thatcher", "--date", "1995-01-01"]).exit_code == 1


# --- in running text -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def pipeline():
    from eventcoder.nlp import ACTOR_COMPONENT, build_nlp

    nlp = build_nlp()
    return nlp, nlp.get_pipe(ACTOR_COMPONENT).index


def test_cold_war_summit_in_running_text(pipeline):
    from eventcoder.actors.resolve import DocActors

    nlp, index = pipeline
    doc = nlp("Gorbachev met Reagan in Reykjavik.")
    da = DocActors(doc, index, date=D(1986, 10, 11))
    found = set()
    for sent in doc.sents:
        da.prepare(sent)
        for t in sent:
            if t.pos_ in ("PROPN", "NOUN"):
                found |= {(t.text, a.code, a.entry) for a in da.resolve(t)}
    assert ("Gorbachev", "SUNGOV", "mikhail-gorbachev-1985") in found
    assert ("Reagan", "USAGOV", "ronald-reagan-1981") in found
