"""Analyses of a store: dyad time series, rankings, the actor network, plots.

All functions take an open :class:`eventcoder.store.Store` and return pandas
DataFrames (or a networkx graph / the path of the image written).
"""
from eventcoder.analysis.network import edges, edges_frame, network, write_network
from eventcoder.analysis.plots import NoDataError, plot_dyad, plot_top_dyads
from eventcoder.analysis.queries import PERIODS, QUAD_COLUMNS, dyad_series, records, top

__all__ = [
    "dyad_series", "top", "network", "edges", "edges_frame", "write_network", "plot_dyad",
    "plot_top_dyads", "NoDataError", "records", "PERIODS", "QUAD_COLUMNS",
]
