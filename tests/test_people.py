"""The shipped dated people (actors/data/people.yaml): coverage, validation, date-bounded resolution in
running text, and the look-up commands ``eventcoder actors resolve|search``."""
from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict

import pytest
from click.testing import CliRunner

from eventcoder.actors.dictionary import normalize_name
from eventcoder.cli.main import _register_optional, cli

_register_optional()

D = dt.date
AMBIGUOUS_SURNAMES = {"kim", "lee", "khan", "ali", "singh", "wang", "li", "park", "abdullah", "hussein"}


@pytest.fixture(scope="module")
def pipeline():
    from eventcoder.nlp import ACTOR_COMPONENT, build_nlp

    nlp = build_nlp()
    return nlp, nlp.get_pipe(ACTOR_COMPONENT).index


def resolve_all(pipeline, text, day):
    """Every actor DocActors finds in ``text`` on ``day``: (token, code, entry id, resolved_by)."""
    from eventcoder.actors.resolve import DocActors

    nlp, index = pipeline
    doc = nlp(text)
    da = DocActors(doc, index, date=day)
    out = []
    for sent in doc.sents:
        da.prepare(sent)
        for t in sent:
            if t.pos_ in ("PROPN", "PRON", "NOUN"):
                out += [(t.text, a.code, a.entry, a.resolved_by) for a in da.resolve(t)]
    return out


# --- the data ------------------------------------------------------------------------------------

def test_coverage(people):
    assert len(people) >= 600
    countries = {e.country for e in people if e.country}
    assert len(countries) >= 60
    for cc in ("USA", "RUS", "CHN", "GBR", "FRA", "DEU", "IND", "JPN", "BRA", "TUR", "IRN", "IRQ", "SYR", "ISR",
               "PSE", "SAU", "ARE", "QAT", "EGY", "JOR", "LBN", "YEM", "UKR", "PAK", "AFG", "PRK", "KOR", "NGA",
               "ETH", "KEN", "ZAF", "SDN", "SOM", "VEN", "COL", "MEX", "ARG", "POL", "HUN", "AUS", "CAN", "ITA",
               "IDN"):
        assert cc in countries, cc
    igo = {e.code for e in people if e.country is None}
    assert {"IGOUNOSGN", "IGOWSTNAT", "IGOEUREECCOM"} <= igo


def test_entries_are_well_formed(d, people):
    for e in people:
        assert e.start is not None, e.id
        assert e.end is None or e.start <= e.end, e.id
        if e.country:
            assert e.sectors == ("GOV",) and e.code == e.country + "GOV", e.id
        else:
            assert e.sectors == ("IGO",) and d.by_code(e.code) is not None, e.id
        assert e.name in e.names


def test_no_ambiguous_surname_alone(people):
    for e in people:
        for n in e.names:
            assert normalize_name(n) not in AMBIGUOUS_SURNAMES, (e.id, n)


def test_periods_of_one_person_do_not_overlap(people):
    by_name = defaultdict(list)
    for e in people:
        by_name[(e.name, e.code)].append(e)
    for key, es in by_name.items():
        es.sort(key=lambda e: e.start)
        for a, b in zip(es, es[1:]):
            assert a.end is not None and a.end <= b.start, key


def test_shipped_dictionary_still_has_no_warnings(d):
    assert d.warnings == ()


def test_dictionary_lookup_is_dated(d):
    assert d.resolve("Erdogan", D(2019, 5, 1)).code == "TURGOV"
    assert d.resolve("Erdoğan", D(2019, 5, 1)).code == "TURGOV"
    assert d.resolve("Erdogan", D(2001, 5, 1)) is None
    assert d.resolve("Wang Yi", D(2021, 3, 12)).code == "CHNGOV"
    assert d.resolve("Netanyahu", D(2022, 1, 1)) is None  # in opposition
    assert d.resolve("Netanyahu", D(2023, 6, 1)).code == "ISRGOV"
    assert d.resolve("Guterres", D(2020, 1, 1)).code == "IGOUNOSGN"
    assert d.resolve("Stoltenberg", D(2010, 1, 1)).code == "NORGOV"
    assert d.resolve("Stoltenberg", D(2020, 1, 1)).code == "IGOWSTNAT"


# --- in running text -----------------------------------------------------------------------------

def test_erdogan_in_2019_is_the_turkish_government(pipeline):
    found = resolve_all(pipeline, "Erdogan met Putin in Sochi.", D(2019, 9, 16))
    assert ("Erdogan", "TURGOV", "recep-tayyip-erdogan-2003", "dictionary") in found
    assert ("Putin", "RUSGOV", "vladimir-putin-1999", "dictionary") in found


def test_surname_outside_the_term_does_not_resolve(pipeline):
    found = resolve_all(pipeline, "Obama criticized the decision.", D(2019, 3, 1))
    # out of office: not the US government, a former official (CAMEO ELI) of his country
    assert not [f for f in found if f[0] == "Obama" and (f[1] == "USAGOV" or f[3] == "dictionary")]
    assert ("Obama", "USAELI", "barack-obama-2009", "dictionary:out-of-office") in found
    found = resolve_all(pipeline, "Obama criticized the decision.", D(2001, 3, 1))
    # before the term the name is not his yet: at most an unknown named entity with an empty code
    assert not [f for f in found if f[0] == "Obama" and f[1]]
    found = resolve_all(pipeline, "Obama criticized the decision.", D(2012, 3, 1))
    assert ("Obama", "USAGOV", "barack-obama-2009", "dictionary") in found


def test_choose_returns_nothing_when_no_candidate_is_active(pipeline):
    nlp, index = pipeline
    doc = nlp("Erdogan spoke.")
    (start, end, key, kind), = [m for m in index.match(doc) if doc[m[0]].text == "Erdogan"]
    assert index.choose(key, D(2001, 1, 1)) == (None, None)
    assert index.choose(key, D(2019, 1, 1))[0].code == "TURGOV"


def test_wang_yi_and_titled_people(pipeline):
    found = resolve_all(pipeline, "Chinese Foreign Minister Wang Yi spoke with Iraqi Foreign Minister Fuad Hussein.",
                        D(2021, 3, 12))
    codes = {(t, c) for t, c, _, _ in found}
    assert ("Yi", "CHNGOV") in codes and ("Hussein", "IRQGOV") in codes


def test_pronoun_refers_back_to_a_dictionary_person(pipeline):
    found = resolve_all(pipeline, "Erdogan said he would meet Macron.", D(2019, 5, 1))
    assert ("he", "TURGOV") in {(t, c) for t, c, _, _ in found}


def test_surname_refers_back_to_a_dictionary_person(pipeline):
    found = resolve_all(pipeline, "Iraqi Foreign Minister Fuad Hussein met the envoy. Hussein later thanked him.",
                        D(2021, 3, 12))
    later = [f for f in found if f[0] == "Hussein"][-1]
    assert later[1] == "IRQGOV" and later[2] == "fuad-hussein-2020" and later[3].startswith("coref:name")


# --- CLI -----------------------------------------------------------------------------------------

def run(args):
    return CliRunner().invoke(cli, args)


def test_cli_actors_resolve():
    r = run(["actors", "resolve", "Iraqi Foreign Minister Fuad Hussein", "--date", "2021-03-12", "--json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    (a,) = data["actors"]
    assert (a["code"], a["country"], a["sectors"], a["name"]) == ("IRQGOV", "IRQ", ["GOV"], "Fuad Hussein")
    assert a["resolved_by"] == "dictionary" and a["entry"] == "fuad-hussein-2020"
    assert a["dictionary_entry"]["where"].split("people.yaml:")[1].isdigit()
    r = run(["actors", "resolve", "Iraqi Foreign Minister Fuad Hussein", "--date", "2021-03-12"])
    assert "IRQGOV" in r.stdout and "people.yaml:" in r.stdout
    r = run(["actors", "resolve", "Erdogan", "--date", "2001-01-01", "--json"])
    assert all(a["code"] == "" and a["resolved_by"].startswith("ner:") for a in json.loads(r.stdout)["actors"])


def test_cli_actors_search(tmp_path):
    r = run(["actors", "search", "Erdogan", "--date", "2019-05-01"])
    assert r.exit_code == 0, r.output
    assert "TURGOV" in r.stdout and "recep-tayyip-erdogan-2003" in r.stdout and "people.yaml:" in r.stdout
    assert "2003-03-14" in r.stdout
    assert run(["actors", "search", "Erdogan", "--date", "2001-05-01"]).exit_code == 1
    mine = tmp_path / "mine.yaml"
    mine.write_text("people:\n  - id: jane-roe\n    name: Jane Roe\n    names: [Roe]\n    country: FRA\n"
                    "    sectors: [GOV]\n    start: 2030-01-01\n", encoding="utf-8")
    r = run(["actors", "search", "Roe", "--dict", str(mine), "--json"])
    assert r.exit_code == 0
    hits = json.loads(r.stdout)
    assert hits[0]["id"] == "jane-roe" and hits[0]["where"] == f"{mine}:2" and hits[0]["start"] == "2030-01-01"


def test_known_person_out_of_office_keeps_the_country(coder):
    # Hosni Mubarak is in the dictionary for 1981-2011: in 2024 he is no longer EGYGOV, but still Egyptian
    ev = coder.code("Mubarak criticized Israel on Monday.", date="2024-05-18")
    hits = [e for e in ev if e["cameo_code"].startswith("11")]
    assert hits and hits[0]["source"]["code"] == "EGYELI", ev
    assert hits[0]["source"]["resolved_by"] == "dictionary:out-of-office"
    ev = coder.code("President Hosni Mubarak criticized Israel on Monday.", date="2024-05-18")
    hits = [e for e in ev if e["cameo_code"].startswith("11")]
    assert hits and hits[0]["source"]["code"] == "EGYGOV", ev


def test_guessed_sentence_country_never_makes_both_parties_one(coder):
    ev = coder.code("President Hosni Mubarak met King Zorbo in Cairo.", date="2005-05-18")
    assert any(e["cameo_code"].startswith("04") and e["source"]["code"] == "EGYGOV"
               and e["target"]["code"] != "EGYGOV" for e in ev), ev
