"""The actor dictionary: shipped data (counts, aliases, sectors, code conventions) and the loader
(user files, validation errors with file:line, dated people, overrides, warnings)."""
from __future__ import annotations

import datetime as dt
import pickle
import re
import subprocess
import sys
from pathlib import Path

import pytest

from eventcoder.actors.dictionary import (
    ActorDictionary,
    DictionaryError,
    default_dictionary,
    is_acronym,
    load_dictionary,
    normalize_name,
)

ROOT = Path(__file__).resolve().parent.parent
ORG_KINDS = ("igo", "ngo", "media", "business")
GROUP_KINDS = ("armed_group", "party")


def write(tmp_path: Path, text: str, name: str = "user.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text.lstrip("\n"), encoding="utf-8")
    return path


def code_of(d: ActorDictionary, text: str, on=None):
    entry = d.resolve(text, on)
    return entry.code if entry else None


# --- shipped data ---------------------------------------------------------------------------

def test_counts(d):
    assert len(d.countries()) >= 240
    assert len(d.of_kind(*ORG_KINDS)) >= 120
    assert len(d.of_kind(*GROUP_KINDS)) >= 80
    assert len(d.sector_terms) >= 300


def test_shipped_dictionary_has_no_warnings(d):
    assert d.warnings == ()


def test_default_dictionary_is_cached():
    assert default_dictionary() is default_dictionary()


@pytest.mark.parametrize("text, code", [
    ("Britain", "GBR"), ("Great Britain", "GBR"), ("U.K.", "GBR"), ("UK", "GBR"),
    ("the U.S.", "USA"), ("U.S.", "USA"), ("US", "USA"), ("United States of America", "USA"),
    ("America", "USA"), ("the United States", "USA"),
    ("Burma", "MMR"), ("Myanmar", "MMR"), ("Ivory Coast", "CIV"), ("Côte d'Ivoire", "CIV"),
    ("Cote d'Ivoire", "CIV"), ("Swaziland", "SWZ"), ("Eswatini", "SWZ"), ("DPRK", "PRK"),
    ("North Korea", "PRK"), ("South Korea", "KOR"), ("PRC", "CHN"), ("China", "CHN"),
    ("Iran", "IRN"), ("Russia", "RUS"), ("Syria", "SYR"), ("Türkiye", "TUR"), ("Turkey", "TUR"),
    ("Czechia", "CZE"), ("DR Congo", "COD"), ("DRC", "COD"), ("Congo-Brazzaville", "COG"),
    ("UAE", "ARE"), ("Holland", "NLD"), ("Holy See", "VAT"), ("Kosovo", "XKX"),
    ("Palestine", "PSE"), ("Taiwan", "TWN"), ("Western Sahara", "ESH"), ("Viet Nam", "VNM"),
    ("St. Lucia", "LCA"), ("East Timor", "TLS"), ("Cape Verde", "CPV"), ("Macedonia", "MKD"),
])
def test_country_names(d, text, code):
    assert code_of(d, text) == code


@pytest.mark.parametrize("text, code", [
    ("Chinese", "CHN"), ("Sino", "CHN"), ("Saudi", "SAU"), ("Emirati", "ARE"), ("Iraqi", "IRQ"),
    ("American", "USA"), ("British", "GBR"), ("Israeli", "ISR"), ("Palestinian", "PSE"),
    ("Congolese", "COD"), ("Burkinabe", "BFA"), ("Kosovar", "XKX"), ("Filipino", "PHL"),
    ("Dutch", "NLD"), ("Swiss", "CHE"), ("Nigerien", "NER"), ("Nigerian", "NGA"),
])
def test_adjectives(d, text, code):
    assert code_of(d, text) == code


def test_shared_forms_resolve_to_the_unmarked_entry(d):
    matches = d.lookup("Congolese")
    assert [m.entry.code for m in matches] == ["COD", "COG"]
    assert matches[0].ambiguous is False and matches[1].ambiguous is True
    assert d.resolve("Congo").code == "COD"
    assert d.resolve("Dominican").code == "DOM"


@pytest.mark.parametrize("text, code, sectors", [
    ("the Kremlin", "RUS", ("GOV",)), ("Kremlin", "RUS", ("GOV",)), ("Beijing", "CHN", ("GOV",)),
    ("Washington", "USA", ("GOV",)), ("the White House", "USA", ("GOV",)),
    ("the Pentagon", "USA", ("MIL",)), ("Downing Street", "GBR", ("GOV",)),
    ("Whitehall", "GBR", ("GOV",)), ("the Elysee", "FRA", ("GOV",)), ("Élysée Palace", "FRA", ("GOV",)),
    ("Tehran", "IRN", ("GOV",)), ("Zhongnanhai", "CHN", ("GOV",)), ("the Knesset", "ISR", ("LEG",)),
    ("Mossad", "ISR", ("SPY",)), ("Baghdad", "IRQ", ("GOV",)), ("Brussels", "IGOEUREEC", ("IGO",)),
])
def test_metonyms(d, text, code, sectors):
    match = d.lookup(text)[0]
    assert match.form == "metonym"
    assert match.entry.code == code
    assert match.sectors == sectors


def test_cities_are_not_surface_forms(d):
    usa = d.by_code("USA")
    assert "New York" in usa.cities
    assert d.lookup("New York") == []


@pytest.mark.parametrize("text, entry_id", [
    ("Daesh", "islamic-state"), ("ISIL", "islamic-state"), ("the Islamic State", "islamic-state"),
    ("IS", "islamic-state"), ("al Qaeda", "al-qaeda"), ("Al-Qaida", "al-qaeda"),
    ("Houthis", "houthis"), ("Ansar Allah", "houthis"), ("Hezbollah", "hezbollah"),
    ("Hamas", "hamas"), ("PKK", "pkk"), ("al-Shabaab", "al-shabaab"), ("Boko Haram", "boko-haram"),
    ("ISWAP", "iswap"), ("Wagner Group", "wagner"), ("M23", "m23"), ("Arakan Army", "arakan-army"),
    ("FARC", "farc"), ("ELN", "eln"), ("TPLF", "tplf"), ("SDF", "sdf"), ("YPG", "ypg"),
    ("Communist Party of China", "cpc"), ("ANC", "anc"), ("BJP", "bjp"), ("Likud", "likud"),
    ("U.N.", "un"), ("UN", "un"), ("the United Nations", "un"), ("UN Security Council", "unsc"),
    ("UNHCR", "unhcr"), ("World Health Organization", "who"), ("IAEA", "iaea"), ("ICC", "icc"),
    ("NATO", "nato"), ("African Union", "au"), ("Arab League", "arab-league"), ("Red Cross", "icrc"),
    ("Doctors Without Borders", "msf"), ("Médecins Sans Frontières", "msf"), ("Reuters", "reuters"),
    ("Xinhua", "xinhua"), ("Al Jazeera", "al-jazeera"), ("European Union", "eu"), ("E.U.", "eu"),
])
def test_groups_and_organisations(d, text, entry_id):
    assert d.resolve(text).id == entry_id


def test_group_countries_and_codes(d):
    assert d.resolve("Houthis").country == "YEM"
    assert d.resolve("Hamas").country == "PSE"
    assert d.resolve("Hezbollah").country == "LBN"
    assert d.resolve("Daesh").country is None
    assert d.resolve("Daesh").code == "IMGMOSISI"
    assert d.by_id("un").code == "IGOUNO"
    assert d.by_id("nato").code == "IGOWSTNAT"
    assert d.by_id("eu").code == "IGOEUREEC"
    assert d.by_id("au").code == "IGOAFRAFU"
    assert d.by_id("unsc").code != d.by_id("un").code


def test_dated_group_entries(d):
    before = d.resolve("Taliban", on=dt.date(2020, 5, 1))
    after = d.resolve("Taliban", on=dt.date(2023, 5, 1))
    assert (before.code, before.sectors) == ("AFGINSTAL", ("INS",))
    assert (after.code, after.sectors) == ("AFGGOVTAL", ("GOV",))
    assert d.lookup("Soviet", on=dt.date(2020, 1, 1)) == []
    assert d.resolve("Soviet", on=dt.date(1985, 1, 1)).code == "SUN"


@pytest.mark.parametrize("term, sector", [
    ("foreign minister", "GOV"), ("Foreign Minister", "GOV"), ("prime minister", "GOV"),
    ("troops", "MIL"), ("soldiers", "MIL"), ("armed forces", "MIL"), ("police", "COP"),
    ("security forces", "COP"), ("rebels", "REB"), ("insurgents", "INS"), ("separatists", "SEP"),
    ("gunmen", "UAF"), ("protesters", "OPP"), ("judge", "JUD"), ("lawmakers", "LEG"),
    ("companies", "BUS"), ("journalists", "MED"), ("civilians", "CVL"), ("refugees", "REF"),
    ("asylum seekers", "REF"), ("students", "EDU"), ("doctors", "HLH"), ("clerics", "REL"),
    ("unions", "LAB"), ("farmers", "AGR"), ("intelligence agency", "SPY"), ("extremists", "RAD"),
    ("spokesmen", "GOV"), ("authorities", "GOV"), ("businesses", "BUS"),
    ("secretaries of state", "GOV"), ("peacekeepers", "IGO"), ("aid workers", "NGO"),
    ("defence minister", "GOV"), ("defense minister", "GOV"), ("opposition lawmaker", "OPP"),
])
def test_sector_terms(d, term, sector):
    assert d.sector_of(term) == sector


def test_titles_and_unknown_terms(d):
    assert d.sector_term("foreign minister").title is True
    assert d.sector_term("troops").title is False
    assert d.sector_of("banana") is None
    assert d.sector_of("") is None
    titles = {t.term for t in d.titles()}
    assert {"president", "prime minister", "foreign minister", "general", "senator"} <= titles


def test_sector_definitions(d):
    codes = d.sector_codes()
    assert {"GOV", "MIL", "COP", "REB", "INS", "SEP", "OPP", "JUD", "LEG", "BUS", "MED", "CVL", "REF",
            "EDU", "HLH", "REL", "LAB", "AGR", "ELI", "SPY", "NGO", "IGO", "IMG", "MNC", "UAF", "PTY"} <= codes
    assert d.plover_sector("MED") == "JRN"
    assert d.plover_sector("HLH") == "MED"
    assert d.plover_sector("INS") == "REB"
    assert d.sector("GOV").type == "primary"


def test_code_conventions(d):
    countries = {e.code for e in d.countries()}
    for e in d.countries():
        assert re.fullmatch(r"[A-Z]{3}", e.code) and e.id == e.code and e.country == e.code, e
    for e in d.entries:
        assert e.country is None or e.country in countries, e
        assert e.file and e.line > 0
        if e.kind == "country":
            continue
        assert len(e.code) % 3 == 0 and len(e.code) <= 15, e
        segments = [e.code[i:i + 3] for i in range(0, len(e.code), 3)]
        for s in e.sectors:
            assert s in segments, (e.id, e.code, s)
        if e.kind == "igo":
            assert e.code.startswith("IGO") and "IGO" in e.sectors, e
        if e.kind == "business":
            assert e.code.startswith("MNC"), e
        if e.kind in GROUP_KINDS or e.kind == "media":
            assert e.code.startswith(e.country or "IMG"), e


def test_every_current_state_has_demonym_and_capital(d):
    for code in ("USA", "GBR", "FRA", "DEU", "CHN", "RUS", "IND", "BRA", "NGA", "EGY", "IRN", "IRQ", "SYR",
                 "ISR", "PSE", "TUR", "UKR", "SAU", "ARE", "PAK", "AFG", "JPN", "KOR", "PRK", "MEX", "ZAF"):
        e = d.by_code(code)
        assert e.adjectives, code
        assert e.metonyms, code
    with_adjective = [e for e in d.countries() if e.adjectives]
    with_capital = [e for e in d.countries() if e.metonyms or e.cities]
    assert len(with_adjective) >= 225
    assert len(with_capital) >= 240


def test_search(d):
    found = {e.code for e in d.search("korea")}
    assert {"KOR", "PRK"} <= found
    assert d.search("Britain")[0].code == "GBR"  # exact matches first
    assert d.search("") == []


def test_normalization_helpers():
    assert normalize_name("the U.S.") == normalize_name("US") == "us"
    assert normalize_name("Côte d’Ivoire") == "cote d'ivoire"
    assert normalize_name("al-Qaeda") == "al qaeda"
    assert is_acronym("U.S.") and is_acronym("IS") and is_acronym("UNICEF")
    assert not is_acronym("Daesh") and not is_acronym("AfD")


# --- user files -----------------------------------------------------------------------------

def test_user_people_file_with_dates(tmp_path, d):
    path = write(tmp_path, """
people:
  - id: zhou-mingde
    name: Zhou Mingde
    names: [Zhou Mingde, Zhou]
    country: CHN
    sectors: [GOV]
    start: 2013-03-16
    end: 2022-12-29
  - id: lu-haifeng
    name: Lu Haifeng
    country: CHN
    sectors: [GOV]
    code: CHNGOV
    start: 2022-12-30
    end: 2023-07-25
  - id: amara-sol
    name: Amara Solheim
    names: [Amara Solheim, Solheim]
    code: IGOUNO
    start: "2017-01-01"
""")
    ud = load_dictionary([path])
    zhou = ud.by_id("zhou-mingde")
    assert (zhou.kind, zhou.code, zhou.country, zhou.sectors) == ("person", "CHNGOV", "CHN", ("GOV",))
    assert (zhou.start, zhou.end) == (dt.date(2013, 3, 16), dt.date(2022, 12, 29))
    assert zhou.file == str(path) and zhou.line == 2
    assert ud.resolve("Zhou Mingde", on=dt.date(2020, 1, 1)) == zhou
    assert ud.resolve("Zhou", on=dt.date(2024, 1, 1)) is None
    assert ud.resolve("Solheim").code == "IGOUNO"
    assert ud.by_id("amara-sol").country is None
    assert len(ud.entries) == len(d.entries) + 3
    assert ud.warnings == ()


def test_plain_list_file_and_mixed_kinds(tmp_path):
    path = write(tmp_path, """
- id: jane-doe
  name: Jane Doe
  country: FRA
  sectors: [LEG]
- id: ruritania-front
  kind: armed_group
  code: UKRREBRUF
  name: Ruritanian Front
  country: UKR
  sectors: [REB]
- id: freedonia
  kind: country
  code: FRD
  name: Freedonia
  adjectives: [Freedonian]
""")
    ud = load_dictionary([path])
    assert ud.by_id("jane-doe").code == "FRALEG"
    assert ud.by_id("ruritania-front").kind == "armed_group"
    assert ud.resolve("Freedonian").code == "FRD"


def test_user_sectors_extend_and_move_terms(tmp_path):
    path = write(tmp_path, """
sectors:
  - sector: GOV
    titles: [chief diplomat]
  - sector: ENV
    terms: [forester]
  - sector: XYZ
    type: other
    description: a sector of our own
    terms: [widget maker, {term: widget boss, title: true}]
  - sector: MIL
    terms: [police]          # moved from COP
people:
  - id: someone
    name: Some One
    country: DEU
    sectors: [XYZ]
""")
    ud = load_dictionary([path])
    assert ud.sector_of("chief diplomat") == "GOV" and ud.sector_term("chief diplomat").title
    assert ud.sector_of("widget makers") == "XYZ"
    assert ud.sector_term("widget boss").title is True
    assert ud.sector_of("police") == "MIL"
    assert ud.by_id("someone").code == "DEUXYZ"
    assert any("'police' moved from COP" in w and f"{path}:11" in w for w in ud.warnings)


def test_override_replaces_an_entry(tmp_path):
    path = write(tmp_path, """
countries:
  - code: USA
    name: United States
    names: [United States, Uncle Sam]
    override: true
""")
    ud = load_dictionary([path])
    assert ud.resolve("Uncle Sam").code == "USA"
    assert ud.resolve("America") is None
    assert len(ud.countries()) == len(default_dictionary().countries())


def test_ambiguity_warning(tmp_path):
    text = """
groups:
  - id: britain-first
    kind: party
    code: USAPTYBRF
    name: Britain First Party
    names: [Britain First Party, Britain]
    country: USA
    sectors: [PTY]
"""
    ud = load_dictionary([write(tmp_path, text)])
    assert len(ud.warnings) == 1
    assert "'Britain' names both GBR" in ud.warnings[0] and ud.warnings[0].startswith(str(tmp_path / "user.yaml") + ":2:")
    ud = load_dictionary([write(tmp_path, text + "    ambiguous: [Britain]\n", "marked.yaml")])
    assert ud.warnings == ()
    assert ud.resolve("Britain").code == "GBR"


def test_directory_of_user_files_and_no_defaults(tmp_path):
    write(tmp_path, "sectors:\n  - sector: GOV\n    titles: [president]\n", "a.yaml")
    write(tmp_path, "countries:\n  - code: AAA\n    name: Aland\n", "b.yml")
    write(tmp_path, "- id: p\n  name: P\n  country: AAA\n  sectors: [GOV]\n", "c.yaml")
    ud = load_dictionary([tmp_path], include_default=False)
    assert [e.id for e in ud.entries] == ["AAA", "p"]
    assert ud.sector_of("presidents") == "GOV"


def test_empty_user_file(tmp_path):
    ud = load_dictionary([write(tmp_path, "# nothing yet\n")])
    assert len(ud.entries) == len(default_dictionary().entries)


# --- validation errors ----------------------------------------------------------------------

INVALID = [
    # (file content, expected line, words expected in the message)
    ("people:\n  - id: a\n    name: A\n    country: CHN\n  - id: b\n    name: B\n    country: XXX\n",
     7, ["unknown country code 'XXX'"]),
    ("people:\n  - id: a\n    name: A\n    country: CHN\n    sectors: [GOV, ZZZ]\n",
     5, ["unknown sector code 'ZZZ'"]),
    ("people:\n  - id: a\n    name: A\n    country: CHN\n    nmes: [A]\n",
     5, ["unknown key 'nmes'"]),
    ("groups:\n  - id: g\n    code: CHNREBGGG\n    kind: armed_group\n    country: CHN\n    sectors: [REB]\n",
     2, ["missing", "'name'"]),
    ("people:\n  - id: a\n    name: A\n    names: Wang\n    country: CHN\n",
     4, ["names", "expected a list"]),
    ("people:\n  - id: a\n    name: [A]\n    country: CHN\n",
     3, ["name", "expected a string"]),
    ("people:\n  - id: a\n    name: A\n    names: [A, '  ']\n    country: CHN\n",
     4, ["empty string"]),
    ("people:\n  - id: a\n    name: ''\n    country: CHN\n",
     3, ["name", "empty string"]),
    ("people:\n  - id: a\n    name: A\n    country: CHN\n  - id: a\n    name: B\n    country: CHN\n",
     5, ["duplicate id 'a'"]),
    ("countries:\n  - code: USA\n    name: Not America\n",
     2, ["duplicate id 'USA'", "countries.yaml"]),
    ("people:\n  - id: a\n    name: A\n    country: CHN\n    start: 2020-01-01\n    end: 2019-01-01\n",
     6, ["before start"]),
    ("people:\n  - id: a\n    name: A\n    country: CHN\n    start: someday\n",
     5, ["start", "date"]),
    ("people:\n  - id: a\n    name: A\n    country: CHN\n    override: true\n",
     2, ["no earlier entry"]),
    ("people:\n  - id: a\n    name: A\n",
     2, ["needs `code`"]),
    ("organisations:\n  - id: o\n    code: IGOXYZ\n    name: O\n    kind: club\n    sectors: [IGO]\n",
     5, ["kind", "'club'"]),
    ("groups:\n  - id: g\n    code: chnreb\n    name: G\n    kind: party\n    country: CHN\n    sectors: [PTY]\n",
     3, ["not a CAMEO code"]),
    ("countries:\n  - code: ABCD\n    name: X\n",
     2, ["ISO alpha-3"]),
    ("people:\n  - id: a\n    name: A\n    country: CHN\n    ambiguous: [B]\n",
     5, ["'B' is not a name"]),
    ("persons_list:\n  - id: a\n",
     1, ["unknown top-level key 'persons_list'"]),
    ("people:\n  - id: a\n    name: A\n    name: B\n",
     4, ["duplicate key 'name'"]),
    ("people:\n  - id: a\n    name: A\n   country: CHN\n",
     4, ["invalid YAML"]),
    ("just a string\n",
     1, ["must be a mapping"]),
    ("sectors:\n  - sector: GOV\n    terms: [widget, widget]\n",
     3, ["'widget' is already listed"]),
    ("sectors:\n  - sector: gov\n",
     2, ["three-letter"]),
    ("people:\n  - id: a\n    name: A\n    country: CHN\n    metonyms: [{text: HQ, sectors: [MIL], x: 1}]\n",
     5, ["unknown key 'x' in a metonym"]),
    ("people:\n  - id: a\n    name: A\n    country: NO\n",
     4, ["country", "expected a string", "boolean"]),
]


@pytest.mark.parametrize("text, line, words", INVALID)
def test_invalid_user_file_names_file_and_line(tmp_path, text, line, words):
    path = write(tmp_path, text)
    with pytest.raises(DictionaryError) as info:
        load_dictionary([path])
    err = info.value
    assert str(err).startswith(f"{path}:{line}: "), str(err)
    assert (err.file, err.line) == (str(path), line)
    for w in words:
        assert w in str(err), str(err)


def test_missing_file(tmp_path):
    with pytest.raises(DictionaryError) as info:
        load_dictionary([tmp_path / "nope.yaml"])
    assert str(info.value).startswith(f"{tmp_path / 'nope.yaml'}:0: cannot read")


def test_error_is_a_value_error_and_pickles():
    err = DictionaryError("f.yaml", 3, "bad")
    assert isinstance(err, ValueError) and str(err) == "f.yaml:3: bad"
    again = pickle.loads(pickle.dumps(err))
    assert (again.file, again.line, again.problem) == ("f.yaml", 3, "bad")


# --- the generator --------------------------------------------------------------------------

def test_countries_yaml_is_reproducible_by_the_generator():
    pytest.importorskip("countryinfo", reason="countryinfo (generator-only dependency) is not installed")
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_countries.py"), "--check"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize("text, line", [
    ("people:\n  - id: a\n    name: A\n    country: CHN\n    start: 2020-13-45\n", 5),
    ("people:\n  - id: a\n    name: !weird A\n    country: CHN\n", 3),
])
def test_unreadable_values(tmp_path, text, line):
    path = write(tmp_path, text)
    with pytest.raises(DictionaryError) as info:
        load_dictionary([path])
    assert str(info.value).startswith(f"{path}:{line}: cannot read the value")


@pytest.mark.parametrize("text, code", [
    ("Kampuchean guerrilla camps", "KHMREB"),
    ("Soviet troops", "SUNMIL"),             # dated entries: the Soviet Union until 1991 ...
    ("Yugoslav federal forces", "YUGMIL"),   # ... Yugoslavia until 2003
    ("Serbian Labour Minister Zoran Petrov", "SRBGOV"),   # a title, not the British Labour Party
    ("British Labour leader Keir Starmer", "GBRPTYLAB"),
])
def test_historical_names_and_titles_containing_party_names(text, code, cli_app):
    import json

    from click.testing import CliRunner

    date = "1990-01-01" if text.startswith("Soviet") else "2000-01-01"
    r = CliRunner().invoke(cli_app, ["actors", "resolve", text, "--date", date, "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["actors"][0]["code"] == code
