"""Time series and rankings over a store's de-duplicated events (pandas DataFrames)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from eventcoder.store.filters import EventFilter

if TYPE_CHECKING:  # pragma: no cover
    from eventcoder.store import Store

PERIODS = ("day", "week", "month", "year")
_FREQ = {"day": "D", "week": "W-MON", "month": "MS", "year": "YS"}
#: count columns per quad class, in quad class order 1..4
QUAD_COLUMNS = ("verbal_coop", "material_coop", "verbal_conflict", "material_conflict")
QUAD_LABELS = {"verbal_coop": "Verbal cooperation", "material_coop": "Material cooperation",
               "verbal_conflict": "Verbal conflict", "material_conflict": "Material conflict"}
UNITS = ("events", "mentions")

_QUAD_SQL = ", ".join(f"count(*) FILTER (WHERE {{a}}quad_class = {i + 1}) AS {c}"
                      for i, c in enumerate(QUAD_COLUMNS))


def _actor_code(code: str, what: str = "actor") -> str:
    code = (code or "").strip().upper()
    if not code or not code.replace("_", "").isalnum():
        raise ValueError(f"invalid {what} code {code!r}: expected a CAMEO actor code such as USA or CHNGOV")
    return code


def _table(unit: str) -> tuple[str, str]:
    if unit not in UNITS:
        raise ValueError(f"unknown unit {unit!r}: expected 'events' or 'mentions'")
    return ("events", "e") if unit == "events" else ("mentions", "m")


def dyad_series(store: "Store", a: str, b: str, by: str = "month", *, since: Any = None, until: Any = None,
                unit: str = "events", fill: bool = True, **filters: Any) -> pd.DataFrame:
    """Events between actors ``a`` and ``b`` per period, both directions.

    ``a`` / ``b`` are actor code prefixes (``CHN`` covers ``CHNGOV``, ``CHNMIL`` ...).
    One row per period and direction with columns ``period`` (start of the period),
    ``direction`` (``"A->B"`` / ``"B->A"``), ``source``, ``target``, ``events``, the
    quad class counts ``verbal_coop``, ``material_coop``, ``verbal_conflict``,
    ``material_conflict`` and ``goldstein_sum`` / ``goldstein_mean``.  ``unit``:
    count de-duplicated ``events`` (default) or ``mentions``.  With ``fill`` the
    periods between the first and last one are present for both directions (zero
    counts, NaN mean).  Further keyword filters as in :class:`EventFilter`.
    """
    if by not in PERIODS:
        raise ValueError(f"unknown period {by!r}: expected one of {', '.join(PERIODS)}")
    a, b = _actor_code(a, "first actor"), _actor_code(b, "second actor")
    table, al = _table(unit)
    flt = EventFilter.make(since=since, until=until, **filters)
    where, params = flt.sql(al, table)
    ab, ba = f"{a}->{b}", f"{b}->{a}"
    fwd = f"(starts_with({al}.source_code, ?) AND starts_with(coalesce({al}.target_code, ''), ?))"
    rev = f"(starts_with({al}.source_code, ?) AND starts_with(coalesce({al}.target_code, ''), ?))"
    sql = f"""
        SELECT CAST(date_trunc('{by}', {al}.date) AS DATE) AS period,
               CASE WHEN {fwd} THEN ? ELSE ? END AS direction,
               count(*) AS events, {_QUAD_SQL.format(a=al + '.')},
               coalesce(sum({al}.goldstein), 0) AS goldstein_sum, avg({al}.goldstein) AS goldstein_mean
        FROM {table} {al}
        WHERE ({fwd} OR {rev}) AND {where}
        GROUP BY ALL ORDER BY period, direction"""
    df = store.query(sql, [a, b, ab, ba, a, b, b, a] + params)
    df = _finish_series(df, by, [ab] if a == b else [ab, ba], fill)
    df.insert(2, "source", df["direction"].map({ab: a, ba: b}))
    df.insert(3, "target", df["direction"].map({ab: b, ba: a}))
    return df


def _finish_series(df: pd.DataFrame, by: str, directions: list[str], fill: bool) -> pd.DataFrame:
    count_cols = ["events", *QUAD_COLUMNS]
    df["period"] = pd.to_datetime(df["period"])
    if fill and len(df):
        periods = pd.date_range(df["period"].min(), df["period"].max(), freq=_FREQ[by])
        index = pd.MultiIndex.from_product([periods, directions], names=["period", "direction"])
        df = df.set_index(["period", "direction"]).reindex(index).reset_index()
        df[count_cols] = df[count_cols].fillna(0)
        df["goldstein_sum"] = df["goldstein_sum"].fillna(0.0)
    for c in count_cols:
        df[c] = df[c].astype("int64")
    df["goldstein_sum"] = df["goldstein_sum"].astype("float64")
    df["goldstein_mean"] = df["goldstein_mean"].astype("float64")
    return df[["period", "direction", *count_cols, "goldstein_sum", "goldstein_mean"]].reset_index(drop=True)


def top(store: "Store", what: str = "actors", n: int = 10, *, level: str = "code", directed: bool = True,
        unit: str = "events", **filters: Any) -> pd.DataFrame:
    """The ``n`` most active actors, dyads or CAMEO codes.

    * ``actors``: ``actor``, ``name``, ``events`` (as source or target), ``as_source``,
      ``as_target``, ``goldstein_mean``;
    * ``dyads``: ``source``, ``target``, ``events``, ``mentions``, quad class counts,
      ``goldstein_mean`` (``directed=False`` merges A->B and B->A, source < target);
    * ``codes``: ``cameo_code``, ``name``, ``cameo_root``, ``quad_class``, ``events``, ``mentions``.

    ``level="country"`` aggregates actors to their country (actors without a
    country keep their code).  Ties are broken by name.  Keyword filters as in
    :class:`EventFilter` (e.g. ``since``, ``country``, ``quad_class``).
    """
    if what not in ("actors", "dyads", "codes"):
        raise ValueError(f"unknown ranking {what!r}: expected actors, dyads or codes")
    if level not in ("code", "country"):
        raise ValueError(f"unknown level {level!r}: expected 'code' or 'country'")
    if int(n) < 1:
        raise ValueError("n must be >= 1")
    table, al = _table(unit)
    where, params = EventFilter.make(**filters).sql(al, table)
    mentions = f"sum({al}.num_mentions)" if table == "events" else "count(*)"
    src = f"{al}.source_code" if level == "code" else f"coalesce({al}.source_country, {al}.source_code)"
    tgt = f"{al}.target_code" if level == "code" else f"coalesce({al}.target_country, {al}.target_code)"
    if what == "actors":
        sql = f"""
            WITH sides AS (
                SELECT {src} AS actor, 1 AS s, 0 AS t, {al}.goldstein AS g FROM {table} {al} WHERE {where}
                UNION ALL
                SELECT {tgt}, 0, 1, {al}.goldstein FROM {table} {al}
                WHERE {where} AND {al}.target_code IS NOT NULL)
            SELECT actor, count(*) AS events, sum(s) AS as_source, sum(t) AS as_target,
                   avg(g) AS goldstein_mean
            FROM sides GROUP BY actor ORDER BY events DESC, actor LIMIT {int(n)}"""
        df = store.query(sql, params + params)
        for c in ("events", "as_source", "as_target"):
            df[c] = df[c].astype("int64")
        if level == "code":
            names = store.query("SELECT code, name FROM actors WHERE code IN (SELECT unnest(?))",
                                [df["actor"].tolist()])
            df.insert(1, "name", df["actor"].map(dict(zip(names["code"], names["name"]))))
        else:
            from eventcoder.export.profiles import country_name
            df.insert(1, "name", [country_name(c) for c in df["actor"]])
        return df
    if what == "dyads":
        if directed:
            s_expr, t_expr = src, tgt
        else:
            s_expr, t_expr = f"least({src}, {tgt})", f"greatest({src}, {tgt})"
        sql = f"""
            SELECT {s_expr} AS source, {t_expr} AS target, count(*) AS events, {mentions} AS mentions,
                   {_QUAD_SQL.format(a=al + '.')}, avg({al}.goldstein) AS goldstein_mean
            FROM {table} {al} WHERE {where} AND {al}.target_code IS NOT NULL
            GROUP BY ALL ORDER BY events DESC, source, target LIMIT {int(n)}"""
        df = store.query(sql, params)
        for c in ("events", "mentions", *QUAD_COLUMNS):
            df[c] = df[c].astype("int64")
        return df
    sql = f"""
        SELECT {al}.cameo_code AS cameo_code, first({al}.cameo_root) AS cameo_root,
               first({al}.quad_class) AS quad_class, count(*) AS events, {mentions} AS mentions
        FROM {table} {al} WHERE {where}
        GROUP BY {al}.cameo_code ORDER BY events DESC, cameo_code LIMIT {int(n)}"""
    df = store.query(sql, params)
    for c in ("events", "mentions"):
        df[c] = df[c].astype("int64")
    from eventcoder.export.profiles import cameo_names
    names = cameo_names()
    df.insert(1, "name", [names.get(c) for c in df["cameo_code"]])
    return df


def dyad_label(source: str, target: str, directed: bool = True) -> str:
    return f"{source} \u2192 {target}" if directed else f"{source} \u2194 {target}"


def _nan_to_none(v: Any) -> Any:
    return None if isinstance(v, float) and np.isnan(v) else v


def records(df: pd.DataFrame) -> list[dict[str, Any]]:
    """DataFrame rows as JSON-friendly dicts (dates as ISO strings, NaN as None)."""
    out = []
    for row in df.to_dict(orient="records"):
        clean = {}
        for k, v in row.items():
            if isinstance(v, pd.Timestamp):
                v = v.date().isoformat()
            elif hasattr(v, "isoformat"):
                v = v.isoformat()
            elif isinstance(v, np.generic):
                v = v.item()
            clean[k] = _nan_to_none(v)
        out.append(clean)
    return out

