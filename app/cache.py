"""Cached versions of the package's functions: a Dataset is hashed by its content key, not its frames,
so a rerun that changed no input recomputes nothing."""
from __future__ import annotations

import streamlit as st

from alliances import network, positions, quotes, territory
from alliances.colours import actor_colours as _actor_colours
from alliances.dataset import Dataset

_BY_KEY = {Dataset: lambda ds: ds.key}


def _cached(fn):
    return st.cache_data(hash_funcs=_BY_KEY, show_spinner=False, max_entries=128)(fn)


graph_as_of = _cached(network.graph_as_of)
ties_as_of = _cached(network.ties_as_of)
changes_between = _cached(network.changes_between)
centrality = _cached(network.centrality)
shares_as_of = _cached(territory.shares_as_of)
governorate_holders = _cached(territory.governorate_holders)
estimators = _cached(territory.estimators)
publisher_estimates = _cached(territory.publisher_estimates)
estimate_grid = _cached(territory.estimate_grid)
shares_with_changes = _cached(territory.shares_with_changes)
latest_by_publisher = _cached(territory.latest_by_publisher)
faction_by_publisher = _cached(territory.faction_by_publisher)
estimated_factions = _cached(territory.estimated_factions)
estimates_table = _cached(territory.estimates_table)
holders_table = _cached(territory.holders_table)
source_labels = _cached(territory.source_labels)
positions_matrix = _cached(positions.matrix)
stances_as_of = _cached(positions.stances_as_of)
quotes_table = _cached(quotes.quotes_table)


@_cached
def actor_colours(ds: Dataset) -> dict[str, str]:
    return _actor_colours(ds.actors)


@_cached
def actor_names(ds: Dataset) -> dict[str, str]:
    return dict(zip(ds.actors["id"], ds.actors["name"]))
