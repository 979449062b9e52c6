"""Plots of a store's events (matplotlib, Agg canvas; PNG, SVG or PDF by file extension)."""
from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Union

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from eventcoder.analysis.queries import QUAD_COLUMNS, QUAD_LABELS, dyad_label, dyad_series, top

if TYPE_CHECKING:  # pragma: no cover
    from eventcoder.store import Store

PathLike = Union[str, "os.PathLike[str]"]
IMAGE_FORMATS = ("png", "svg", "pdf")
#: colours of the quad classes: cooperation in blues/greens, conflict in oranges/reds
QUAD_COLOURS = {"verbal_coop": "#6baed6", "material_coop": "#2171b5",
                "verbal_conflict": "#fd8d3c", "material_conflict": "#cb181d"}


class NoDataError(ValueError):
    """Nothing to plot for the given selection."""


def _image_format(path: PathLike) -> str:
    ext = os.path.splitext(os.fspath(path))[1].lower().lstrip(".")
    if ext not in IMAGE_FORMATS:
        raise ValueError(f"cannot tell the image format of {os.fspath(path)!r}: use .png, .svg or .pdf")
    return ext


def _save(fig: Figure, path: PathLike, fmt: str) -> str:
    FigureCanvasAgg(fig)
    fig.savefig(os.fspath(path), format=fmt, dpi=120, bbox_inches="tight")
    return os.fspath(path)


def plot_dyad(store: "Store", a: str, b: str, out_path: PathLike, by: str = "month", **filters: Any) -> str:
    """Cooperation vs conflict between ``a`` and ``b`` over time; returns the path written.

    Top panel: events per period by quad class (both directions together), lines.
    Bottom panel: mean Goldstein score per period for each direction.
    """
    fmt = _image_format(out_path)
    df = dyad_series(store, a, b, by=by, **filters)
    if df.empty or int(df["events"].sum()) == 0:
        raise NoDataError(f"no events between {a.upper()} and {b.upper()} in the store for this selection")
    a, b = a.upper(), b.upper()
    total = df.groupby("period")[list(QUAD_COLUMNS) + ["events"]].sum()
    fig = Figure(figsize=(10, 6.5))
    ax1, ax2 = fig.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": [3, 2]})
    marker = "o" if len(total) <= 40 else None
    for col in QUAD_COLUMNS:
        ax1.plot(total.index, total[col], label=QUAD_LABELS[col], color=QUAD_COLOURS[col], marker=marker,
                 markersize=3, linewidth=1.6)
    ax1.set_ylabel(f"events per {by}")
    ax1.legend(loc="upper left", fontsize=8, ncols=2, frameon=False)
    ax1.grid(alpha=0.3)
    ax1.set_ylim(bottom=0)
    for direction, colour in zip(df["direction"].unique(), ("#2c7fb8", "#d95f0e")):
        part = df[df["direction"] == direction]
        src, tgt = direction.split("->")
        ax2.plot(part["period"], part["goldstein_mean"], label=dyad_label(src, tgt), color=colour,
                 marker=marker, markersize=3, linewidth=1.4)
    ax2.axhline(0, color="grey", linewidth=0.8)
    ax2.set_ylim(-10.5, 10.5)
    ax2.set_ylabel("mean Goldstein score")
    ax2.set_xlabel(by)
    ax2.legend(loc="upper left", fontsize=8, frameon=False)
    ax2.grid(alpha=0.3)
    n = int(df["events"].sum())
    fig.suptitle(f"{dyad_label(a, b, directed=False)}: cooperation and conflict per {by} "
                 f"({n} events, {df['period'].min():%Y-%m-%d} to {df['period'].max():%Y-%m-%d})", fontsize=12)
    fig.autofmt_xdate()
    return _save(fig, out_path, fmt)


def plot_top_dyads(store: "Store", out_path: PathLike, n: int = 10, *, directed: bool = True,
                   level: str = "code", **filters: Any) -> str:
    """Horizontal stacked bars: the ``n`` dyads with most events, split by quad class."""
    fmt = _image_format(out_path)
    df = top(store, "dyads", n=n, directed=directed, level=level, **filters)
    if df.empty:
        raise NoDataError("no dyadic events in the store for this selection")
    df = df.iloc[::-1].reset_index(drop=True)  # largest at the top
    labels = [dyad_label(s, t, directed) for s, t in zip(df["source"], df["target"])]
    fig = Figure(figsize=(9, 1.2 + 0.45 * len(df)))
    ax = fig.subplots()
    left = np.zeros(len(df))
    for col in QUAD_COLUMNS:
        vals = df[col].to_numpy(dtype=float)
        ax.barh(labels, vals, left=left, color=QUAD_COLOURS[col], label=QUAD_LABELS[col])
        left += vals
    for y, (total, g) in enumerate(zip(df["events"], df["goldstein_mean"])):
        note = f" {int(total)}" + (f"  (Goldstein {g:+.1f})" if g == g else "")
        ax.text(left[y], y, note, va="center", fontsize=8)
    ax.set_xlabel("events")
    ax.set_xlim(0, left.max() * 1.25 if left.max() > 0 else 1)
    ax.legend(loc="lower right", fontsize=8, frameon=False)
    ax.grid(axis="x", alpha=0.3)
    kind = "directed dyads" if directed else "dyads"
    ax.set_title(f"Top {len(df)} {kind} by number of events", fontsize=12)
    return _save(fig, out_path, fmt)
