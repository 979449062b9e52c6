"""Tests for eventcoder.ontology (the packaged CAMEO / PLOVER tables and API)."""

from __future__ import annotations

import csv
import dataclasses
import re
import sys
from importlib import resources
from pathlib import Path

import pytest

from eventcoder.ontology import CameoCode, Ontology, PloverType, load_ontology

REPO_ROOT = Path(__file__).resolve().parent.parent
REFERENCE = REPO_ROOT.parent / "shared" / "reference"
ROOTS = tuple(f"{r:02d}" for r in range(1, 21))


@pytest.fixture(scope="module")
def onto() -> Ontology:
    return load_ontology()


@pytest.fixture(scope="module")
def raw_rows() -> list[dict[str, str]]:
    text = resources.files("eventcoder.ontology.data").joinpath("cameo.tsv").read_text("utf-8")
    return list(csv.DictReader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE))


def _reference(*parts: str) -> Path:
    path = REFERENCE.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"reference material not available: {path} is missing (the reference "
                    f"tree is expected at {REFERENCE}, i.e. ../shared/reference from the repo root)")
    return path


# ---------------------------------------------------------------- data files

def test_data_file_columns(raw_rows):
    assert list(raw_rows[0]) == ["code", "name", "root", "parent", "level", "goldstein",
                                 "quad_class", "penta", "plover_type", "plover_mode",
                                 "description"]
    text = resources.files("eventcoder.ontology.data").joinpath("plover.tsv").read_text("utf-8")
    assert text.splitlines()[0].split("\t") == ["type", "category", "definition", "modes"]


def test_every_row_complete(raw_rows):
    """Every code has a name, Goldstein value, quad 1-4, penta 0-4 and a PLOVER type
    (or the explicit string "none") in the file itself."""
    assert len(raw_rows) > 300
    for r in raw_rows:
        assert re.fullmatch(r"\d{2,4}", r["code"]), r
        assert r["name"].strip(), r
        assert r["description"].strip(), r
        assert "\n" not in r["description"]
        assert -10.0 <= float(r["goldstein"]) <= 10.0, r
        assert r["quad_class"] in {"1", "2", "3", "4"}, r
        assert r["penta"] in {"0", "1", "2", "3", "4"}, r
        assert r["plover_type"].strip(), r  # a type or the explicit "none"
        assert r["plover_mode"].strip(), r  # a mode or the explicit "none"


def test_codes_are_strings_with_leading_zeros(onto):
    for code, c in onto.codes.items():
        assert isinstance(code, str) and code == c.code
        assert len(code) == c.level + 1
    assert "010" in onto.codes and "0211" in onto.codes and "01" in onto.codes


def test_all_roots_present(onto):
    assert onto.roots == ROOTS
    for r in ROOTS:
        c = onto.get(r)
        assert c.level == 1 and c.parent is None and c.root == r and c.is_root


def test_hierarchy(onto):
    for c in onto:
        assert c.root == c.code[:2]
        if c.level > 1:
            assert c.parent == c.code[:-1]
            assert c.code in onto.children(c.parent)
    assert onto.children("19") == ("190", "191", "192", "193", "194", "195", "196")
    assert onto.children("0211") == ()
    assert onto.ancestors("0211") == ("021", "02")
    assert "2042" in onto.descendants("20")


def test_quad_and_penta_rules(onto):
    quad = {**{r: 1 for r in ROOTS[0:5]}, **{r: 2 for r in ROOTS[5:8]},
            **{r: 3 for r in ROOTS[8:13]}, **{r: 4 for r in ROOTS[13:20]}}
    penta = {"01": 0, "02": 0, "03": 1, "04": 1, "05": 1, "06": 2, "07": 2, "08": 2,
             "09": 3, "10": 3, "11": 3, "12": 3, "13": 3, "16": 3,
             "14": 4, "15": 4, "17": 4, "18": 4, "19": 4, "20": 4}
    for c in onto:
        assert c.quad_class == quad[c.root] == onto.quad_class(c.code)
        assert c.penta == penta[c.root] == onto.penta(c.code)


def test_plover_types(onto):
    assert len(onto.plover_types) == 16
    for name, t in onto.plover_types.items():
        assert isinstance(t, PloverType) and t.name == name
        assert t.category in {"verbal cooperation", "material cooperation",
                              "verbal conflict", "material conflict"}
        assert t.definition and "\n" not in t.definition
        assert len(set(t.modes)) == len(t.modes)
    assert onto.plover_types["CONSULT"].modes[:4] == ("visit", "third-party", "multilateral", "phone")
    assert onto.plover_types["ASSAULT"].is_conflict
    assert onto.plover_types["AID"].is_cooperation


def test_plover_mapping_consistent(onto):
    for c in onto:
        ptype, mode = onto.plover(c.code)
        assert onto.cameo_to_plover[c.code] == (ptype, mode)
        if c.plover_type == "none":
            assert (ptype, mode) == (None, None)
        else:
            assert ptype == c.plover_type in onto.plover_types
            if mode is not None:
                assert mode in onto.plover_types[ptype].modes, c
    # PLOVER dropped CAMEO's 01 and 02 families
    assert onto.plover("010") == (None, None) and onto.plover("0231") == (None, None)
    assert onto.plover("190") == ("ASSAULT", None)


def test_objects_are_immutable(onto):
    with pytest.raises(dataclasses.FrozenInstanceError):
        onto.get("041").name = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        onto.codes["999"] = onto.get("041")  # type: ignore[index]
    assert load_ontology() is onto


# ---------------------------------------------------------------- spot checks

def test_spot_check_041(onto):
    c = onto.get("041")
    assert isinstance(c, CameoCode)
    assert c.name == "Discuss by telephone"
    assert c.goldstein == 1.0 == onto.goldstein("041")
    assert c.quad_class == 1
    assert onto.plover("041") == ("CONSULT", "phone")
    assert onto.root("041") == "04"


def test_spot_checks_misc(onto):
    assert onto.quad_class("190") == 4
    assert onto.goldstein("0874") == 10.0
    assert onto.goldstein("190") == -10.0
    assert onto.get("044").name == "Meet at a 'third' location"  # repaired encoding
    assert onto.get("106").name == "Demand meeting, negotiation"  # merged row split
    assert onto.get("105").name.startswith("Demand that target yield")
    assert onto.plover("1321") == ("THREATEN", "rights")


def test_unknown_codes(onto):
    assert not onto.is_valid("999")
    assert not onto.is_valid(41)
    assert not onto.is_valid("41")
    assert onto.is_valid("041") and "041" in onto
    with pytest.raises(KeyError, match="leading zero"):
        onto.get("41")
    with pytest.raises(KeyError, match="strings with leading zeros"):
        onto.get(41)  # type: ignore[arg-type]
    with pytest.raises(KeyError, match="nearest known ancestor is '19'"):
        onto.get("1999")
    with pytest.raises(KeyError):
        onto.intent_code("999")


# ---------------------------------------------------------------- intent / threat

@pytest.mark.parametrize("act, intent", [
    ("041", "036"), ("04", "036"), ("046", "036"), ("045", "039"),
    ("051", "032"), ("050", "030"), ("05", "030"),
    ("061", "0311"), ("062", "0312"), ("063", "0313"), ("064", "0314"), ("06", "031"),
    ("071", "0331"), ("072", "0332"), ("073", "0333"), ("074", "0334"), ("07", "033"),
    ("081", "0351"), ("0813", "0351"), ("082", "0352"), ("083", "034"), ("0831", "0341"),
    ("084", "0353"), ("0841", "0353"), ("085", "0354"), ("086", "0355"), ("087", "0356"),
    ("0871", "0356"), ("08", "035"), ("080", "035"),
    ("030", "030"), ("0334", "0334"), ("010", "010"), ("0231", "0231"),
    ("090", "090"), ("1041", "1041"), ("112", "112"), ("1246", "1246"), ("1384", "1384"),
])
def test_intent_code(onto, act, intent):
    assert onto.intent_code(act) == intent


@pytest.mark.parametrize("act, threat", [
    ("14", "133"), ("1411", "133"), ("15", "138"), ("154", "138"),
    ("16", "131"), ("161", "1313"), ("162", "1311"), ("1622", "1311"), ("163", "1312"),
    ("164", "134"), ("165", "135"), ("166", "136"), ("1661", "136"),
    ("17", "137"), ("173", "137"), ("175", "137"), ("172", "132"), ("1723", "1323"),
    ("18", "1383"), ("181", "1383"), ("1831", "1383"),
    ("190", "1384"), ("19", "1384"), ("191", "1381"), ("192", "1382"), ("195", "1384"),
    ("20", "1385"), ("202", "1385"), ("2042", "1385"),
    ("12", "12"), ("120", "120"), ("139", "139"), ("111", "111"),
])
def test_threat_code(onto, act, threat):
    assert onto.threat_code(act) == threat
    assert onto.intent_code(act) == threat


def test_threat_code_examples_from_brief(onto):
    assert onto.intent_code("041") == "036"
    assert onto.intent_code("073") == "0333"
    assert onto.threat_code("190").startswith("138")


def test_intent_code_total_and_well_formed(onto):
    for c in onto:
        intent = onto.intent_code(c.code)
        assert onto.is_valid(intent), c
        if c.root in {"04", "05", "06", "07", "08"}:
            assert onto.root(intent) == "03", c
        elif c.root in {"14", "15", "16", "17", "18", "19", "20"}:
            assert onto.root(intent) == "13", c
            assert onto.threat_code(c.code) == intent
        else:
            assert intent == c.code


def test_threat_code_rejects_cooperative(onto):
    for code in ("041", "073", "08", "030", "010"):
        with pytest.raises(ValueError, match="intent_code"):
            onto.threat_code(code)


# ---------------------------------------------------------------- against the reference

def _reference_eventcodes() -> dict[str, str]:
    codes: dict[str, str] = {}
    lines = _reference("cameo", "CAMEO.eventcodes.txt").read_text("utf-8").splitlines()
    for line in lines[1:]:
        code, _, name = line.rstrip("\r").partition("\t")
        if not re.fullmatch(r"\d{2,4}", code.strip()):
            continue  # header / 1-digit quad-class headings
        codes[code.strip()] = name
        # one row of the file merges two codes: "...engagement106:[-5.0] Demand withdrawal"
        for extra in re.findall(r"(\d{2,4}):\[", name):
            codes[extra] = name
    return codes


def test_counts_match_reference(onto):
    ref = _reference_eventcodes()
    assert 300 <= len(ref) <= 320
    missing = sorted(set(ref) - set(onto.codes))
    assert not missing, f"codes of the reference file missing from the ontology: {missing}"
    # everything else was added from the CAMEO 1.1b3 manual
    manual = _reference("cameo", "CAMEO.Manual.1.1b3.txt").read_text("utf-8")
    manual_codes = set(re.findall(r"^CAMEO (\d{2,4})\s*$", manual, re.M))
    extras = set(onto.codes) - set(ref)
    assert extras == manual_codes - set(ref)
    assert len(onto.codes) == len(ref) + len(extras)
    assert sum(1 for c in onto if c.level == 1) == 20


def test_goldstein_matches_reference(onto):
    lines = _reference("cameo", "CAMEO.goldsteinscale.txt").read_text("utf-8").splitlines()
    ref = dict(line.split("\t")[:2] for line in lines[1:] if line.strip())
    assert len(ref) > 300
    for code, value in ref.items():
        assert onto.goldstein(code) == float(value), code
    # codes without a score of their own inherit their parent's
    for c in onto:
        if c.code not in ref:
            assert c.goldstein == onto.goldstein(c.parent), c.code


def test_plover_matches_reference(onto):
    text = _reference("plover", "CAMEO2PLOVER-2021.txt").read_text("utf-8")
    mapped = 0
    for line in text.splitlines():
        m = re.match(r"^(\d{3,4}):\s*([A-Z]+)", line)
        if m and m.group(1) in onto.codes:
            assert onto.get(m.group(1)).plover_type == m.group(2), line
            mapped += 1
    assert mapped > 250
    manual = _reference("plover", "PLOVER_MANUAL.tex").read_text("utf-8")
    chapter = manual.split("\\chapter{Event Categories}", 1)[1].split("\\chapter", 1)[0]
    assert set(re.findall(r"\\section\{([A-Z]+)\}", chapter)) == set(onto.plover_types)


def test_data_files_up_to_date(monkeypatch):
    """The committed TSVs are exactly what scripts/build_ontology.py produces."""
    reference = _reference("cameo").parent
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_ontology",
                                                  REPO_ROOT / "scripts" / "build_ontology.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)  # dataclasses need the module registered
    spec.loader.exec_module(module)
    cameo_rows, plover_rows, _ = module.build(reference)
    data = resources.files("eventcoder.ontology.data")
    assert data.joinpath("cameo.tsv").read_text("utf-8") == module.to_tsv(cameo_rows, module.CAMEO_COLUMNS)
    assert data.joinpath("plover.tsv").read_text("utf-8") == module.to_tsv(plover_rows, module.PLOVER_COLUMNS)
