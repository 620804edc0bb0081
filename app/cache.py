"""Cached versions of the package's functions: a Dataset is hashed by its content key, not its frames,
so a rerun that changed no input recomputes nothing."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from alliances import (
    figures,
    network,
    network_html,
    overview,
    position_charts,
    positions,
    profile,
    quotes,
    regions,
    source_list,
    territory,
    territory_figures,
    tie_timeline,
)
from alliances.dataset import Dataset
from alliances.presentation import actor_colours as _actor_colours

_BY_KEY = {Dataset: lambda ds: ds.key}


def _cached(fn):
    return st.cache_data(hash_funcs=_BY_KEY, show_spinner=False, max_entries=128)(fn)


def _cached_figure(fn):
    """Figures are kept as objects, not pickled: unpickling a plotly figure validates it all again, which costs as
    much as building it. Shared by every session; st.plotly_chart only reads them."""
    return st.cache_resource(hash_funcs=_BY_KEY, show_spinner=False, max_entries=64)(fn)


graph_as_of = _cached(network.graph_as_of)
ties_as_of = _cached(network.ties_as_of)
changes_between = _cached(network.changes_between)
shares_as_of = _cached(territory.shares_as_of)
region_holders = _cached(territory.region_holders)
region_grid = _cached(regions.grid)
estimators = _cached(territory.estimators)
series_estimates = _cached(territory.series_estimates)
series_summary = _cached(territory.series_summary)
left_out_partials = _cached(territory.left_out_partials)
estimate_grid = _cached(territory.estimate_grid)
shares_with_changes = _cached(territory.shares_with_changes)
latest_by_publisher = _cached(territory.latest_by_publisher)
faction_by_publisher = _cached(territory.faction_by_publisher)
estimated_factions = _cached(territory.estimated_factions)
estimates_table = _cached(territory.estimates_table)
more_sources_of_estimates = _cached(territory.more_sources_of_estimates)
holders_table = _cached(territory.holders_table)
source_labels = _cached(source_list.source_labels)
stances_as_of = _cached(positions.stances_as_of)
quotes_table = _cached(quotes.quotes_table)
headline = _cached(overview.headline)
events_around = _cached(overview.events_around)
events_nearest = _cached(overview.events_nearest)
newer_partial_shares = _cached(overview.newer_partial_shares)
changes_since = _cached(overview.changes_since)
jump_menu = _cached(overview.jump_menu)
sources_table = _cached(source_list.source_list)

stance_details = _cached(positions.stance_details)
odd_couples = _cached(positions.odd_couples)
issue_history = _cached(positions.issue_history)
compare_positions = _cached(positions.compare)
most_active = _cached(positions.most_active)
actors_on_record = _cached(positions.actors_on_record)
most_answered = _cached(positions.most_answered)


@st.cache_resource(hash_funcs=_BY_KEY, show_spinner=False, max_entries=4)
def positions_matrix(ds: Dataset, day) -> pd.DataFrame:
    """Kept as an object, like the figures: every rerun of the Positions page reads it, and on a large dataset
    (actors x issues) unpickling it cost more than the rest of the rerun. Nothing writes to it. Only the last few
    days are kept: at 100x the curated data one day's table is 141 MB (0.23 s to make again)."""
    return positions.matrix(ds, day)


@_cached
def position_map(ds: Dataset, day, min_known: int) -> positions.PositionMap:
    return positions.position_map(positions_matrix(ds, day), min_known)


@_cached
def agreement(ds: Dataset, day, min_shared: int) -> positions.Agreement:
    return positions.agreement(positions.best_known(positions_matrix(ds, day)), min_shared)


@_cached
def actor_colours(ds: Dataset) -> dict[str, str]:
    return _actor_colours(ds.actors)


@_cached
def sources_matching(ds: Dataset, search: str):
    return source_list.search_sources(sources_table(ds), search)


@_cached
def actor_names(ds: Dataset) -> dict[str, str]:
    return dict(zip(ds.actors["id"], ds.actors["name"]))


@_cached
def quote_menus(ds: Dataset) -> tuple[list[str], list[str]]:
    """The Quotes page's Speaker and Bloc choices: the speakers quoted, by name; their blocs, in the dataset's order."""
    table = quotes_table(ds)
    return (table.drop_duplicates("speaker").sort_values("speaker_name")["speaker"].tolist(),
            [b for b in quotes.bloc_order(table) if b])


@_cached
def matching_quotes(ds: Dataset, filters: quotes.QuoteFilters) -> pd.DataFrame:
    return filters.apply(quotes_table(ds))


@_cached
def quote_cards(ds: Dataset, filters: quotes.QuoteFilters, newest_first: bool, limit: int) -> pd.DataFrame:
    """The first `limit` matching quotes in the order of the cards."""
    return quotes.by_date(matching_quotes(ds, filters), newest_first=newest_first).head(limit)


@_cached_figure
def quotes_timeline(ds: Dataset, filters: quotes.QuoteFilters, day, colour_by: str, window,
                    lanes_by: str = "blocs") -> go.Figure:
    """The timeline of the matching quotes, built once per view and shared: st.plotly_chart only reads it,
    and rebuilding thousands of markers on every rerun (a click, 'show more') would cost a tenth of a second."""
    return figures.quotes_timeline(matching_quotes(ds, filters), day, colour_by=colour_by, window=window,
                                   lanes_by=lanes_by)


# Network page: keyed by dataset, day and filters, so that no graph is ever hashed
network_page_html = _cached(network_html.graph_page)
actor_profile = _cached(profile.actor_profile)


@_cached
def network_centrality(ds: Dataset, day, filters: network.GraphFilters):
    return network.centrality(network.graph_as_of(ds, day, filters))


@_cached
def network_triads(ds: Dataset, day, filters: network.GraphFilters) -> list[dict]:
    return network.unbalanced_triads(network.graph_as_of(ds, day, filters))


# Tie timeline (Network page: the Actor tab, a named group's focus)

@_cached
def tie_timeline_rows(ds: Dataset, actors: tuple[str, ...]) -> tie_timeline.TieTimeline:
    return tie_timeline.tie_timeline(ds, actors)


@_cached_figure
def tie_timeline_chart(ds: Dataset, actors: tuple[str, ...], day) -> go.Figure:
    return tie_timeline.timeline_figure(tie_timeline_rows(ds, actors), day, ds.source_by_id)

# Positions view: whole figures, built once per dataset, day and control values

def _position_labels(ds: Dataset) -> tuple[dict, dict, dict]:
    return actor_names(ds), dict(zip(ds.actors["id"], ds.actors["bloc"])), dict(zip(ds.issues["id"], ds.issues["title"]))


@_cached_figure
def positions_heatmap(ds: Dataset, day) -> go.Figure:
    shown = positions.best_known(positions_matrix(ds, day), positions.CHART_ACTORS, positions.CHART_ISSUES)
    return position_charts.positions_heatmap(shown, stance_details(ds, day), *_position_labels(ds))


@_cached_figure
def position_map_chart(ds: Dataset, day, min_known: int, highlight: str) -> go.Figure:
    return position_charts.position_map_chart(position_map(ds, day, min_known), positions_matrix(ds, day),
                                              *_position_labels(ds), highlight=highlight)


@_cached_figure
def agreement_chart(ds: Dataset, day, min_shared: int) -> go.Figure:
    names, blocs, _ = _position_labels(ds)
    return position_charts.agreement_chart(agreement(ds, day, min_shared).compared(), names, blocs)


@_cached_figure
def issue_steps(ds: Dataset, issue: str, day) -> go.Figure:
    end = max(pd.Timestamp(day), pd.Timestamp(ds.last_day()))
    return position_charts.issue_steps(issue_history(ds, issue), actor_names(ds), actor_colours(ds), day, end)


@_cached_figure
def side_by_side(ds: Dataset, day, a: str, b: str) -> go.Figure:
    return position_charts.side_by_side(compare_positions(ds, day, a, b), a, b, actor_names(ds), actor_colours(ds))


@_cached_figure
def events_strip(ds: Dataset, day) -> go.Figure:
    return figures.events_strip(events_around(ds, day), day)


# Territory view

series_labels = _cached(territory.series_labels)


@_cached
def side_by_side_table(ds: Dataset, day) -> pd.DataFrame:
    return territory.side_by_side_rows(latest_by_publisher(ds, day), actor_names(ds))


def _events_of_kinds(ds: Dataset, kinds: tuple[str, ...]) -> pd.DataFrame | None:
    return ds.events[ds.events["kind"].isin(kinds)] if kinds else None


def _estimate_span(ds: Dataset) -> tuple:
    found = estimators(ds)
    return found["first"].min(), found["last"].max()


@st.cache_resource(hash_funcs=_BY_KEY, show_spinner=False, max_entries=16)
def charted_grid(ds: Dataset, series: str) -> pd.DataFrame:
    """The rows of a series the shares chart draws, kept as an object (read only): every new day's chart reads them,
    and unpickling them from st.cache_data took a third of a new day at 100x."""
    return territory.charted_factions(estimate_grid(ds, series))


@_cached_figure
def territory_shares_chart(ds: Dataset, series: str, day, since, stacked: bool, step: bool,
                           event_kinds: tuple[str, ...]) -> go.Figure:
    grid = charted_grid(ds, series)
    return territory_figures.shares_chart(grid, actor_names(ds), actor_colours(ds), source_labels(ds), _estimate_span(ds),
                                          day, since, stacked=stacked, step=step, events=_events_of_kinds(ds, event_kinds),
                                          ground=ds.meta.ground)


@_cached_figure
def territory_sources_chart(ds: Dataset, faction: str, publisher: str, day, since, step: bool,
                            event_kinds: tuple[str, ...]) -> go.Figure:
    return territory_figures.sources_chart(faction_by_publisher(ds, faction), publisher,
                                           actor_names(ds).get(faction, faction), source_labels(ds), _estimate_span(ds),
                                           day, since, step=step, events=_events_of_kinds(ds, event_kinds),
                                           ground=ds.meta.ground)


@_cached_figure
def region_map(ds: Dataset, day) -> go.Figure:
    return territory_figures.region_map(region_holders(ds, day), actor_names(ds), actor_colours(ds),
                                        source_labels(ds), region_grid(ds))
