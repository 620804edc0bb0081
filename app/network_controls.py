"""The network page's sidebar: comparison day, focus and filters, each kept in the URL
(`?types=support,hostility&focus=sdf&depth=2` opens that view; lists as `alliances.links` writes them)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import streamlit as st

from alliances.dataset import Dataset
from alliances.links import join_list
from alliances.network import GraphFilters, groups
from alliances.schema import ACTOR_KINDS, RELATION_TYPES

from .state import bound, list_of, optional_comparison_date

MAX_SHOWN_NODES = 150            # more would not settle in the browser; the rest is named in a note
INTENSITIES = {1: "1 weak", 2: "2 moderate", 3: "3 strong"}


@dataclass(frozen=True)
class NetworkView:
    filters: GraphFilters        # with the cap on shown actors
    other: date | None           # the comparison day, if any
    focus: str                   # "", a group id (groups.csv) or an actor id
    group: tuple[str, tuple[str, ...]] | None = None  # the focused group's title and members


def _set_focus(value: str) -> None:
    st.session_state["focus"] = value


def network_controls(ds: Dataset) -> NetworkView:
    names = dict(zip(ds.actors["id"], ds.actors["name"]))
    actors = sorted(names, key=lambda a: (names[a].casefold(), a))
    blocs = sorted(set(ds.actors["bloc"]))
    sidebar = st.sidebar

    if "vs" in st.query_params:  # links made when this page had a comparison day of its own (?vs=)
        old_link = st.query_params.pop("vs")
        if "since" not in st.query_params:
            st.query_params["since"] = old_link
    other = optional_comparison_date(ds, help="Mark and list the ties formed, ended or flipped between this day "
                                              "and the as-of day.", where=sidebar)

    sidebar.markdown("**Focus**")
    presets = groups(ds)
    buttons = sidebar.container(horizontal=True)
    for group, (title, members) in presets.items():  # the dataset's named groups, one click each
        buttons.button(title, key=f"preset_{group}", on_click=_set_focus, args=(group,),
                       help=", ".join(names.get(m, m) for m in members) + ", and the actors tied to them")
    buttons.button("No focus", key="whole_network", on_click=_set_focus, args=("",))
    options = ["", *presets, *[a for a in actors if a not in presets]]
    labels = {"": "Whole network", **names, **{g: title for g, (title, _members) in presets.items()}}
    focus = bound("focus", lambda key: sidebar.selectbox("Centre on", options, format_func=labels.get, key=key),
                   lambda raw: raw if raw in options else "", str)
    depth = bound("depth", lambda key: sidebar.radio("Depth", (1, 2), horizontal=True, key=key, disabled=not focus,
                                             format_func=lambda d: {1: "direct ties", 2: "ties of ties"}[d]),
                   lambda raw: int(raw) if raw in ("1", "2") else 1, str)

    sidebar.markdown("**Filters**")
    types = bound("types", lambda key: sidebar.multiselect("Relation types", RELATION_TYPES, default=list(RELATION_TYPES), key=key),
                   list_of(RELATION_TYPES),
                   join_list)
    kinds = bound("kinds", lambda key: sidebar.multiselect("Actor kinds", ACTOR_KINDS, default=list(ACTOR_KINDS), key=key,
                                                   format_func=lambda k: k.replace("_", " ")),
                   list_of(ACTOR_KINDS), join_list)
    chosen_blocs = bound("blocs", lambda key: sidebar.multiselect("Blocs", blocs, default=[], key=key, placeholder="All blocs"),
                          list_of(blocs),
                          join_list)
    min_intensity = bound("min_intensity", lambda key: sidebar.select_slider("Minimum intensity", list(INTENSITIES), value=1, key=key,
                                                             format_func=INTENSITIES.get),
                           lambda raw: int(raw) if raw in ("1", "2", "3") else 1, str)
    hide_people = bound("hide_people", lambda key: sidebar.toggle("Hide people", value=True, key=key,
                                                    help="Leaders and spokespeople; a person chosen as the centre stays"),
                         lambda raw: raw != "0",
                         lambda value: "1" if value else "0")

    filters = GraphFilters(types=tuple(types), kinds=tuple(kinds), blocs=tuple(chosen_blocs) or None,
                           min_intensity=min_intensity, hide_people=hide_people,
                           focus=presets[focus][1] if focus in presets else (focus,) if focus else (), depth=depth,
                           max_nodes=MAX_SHOWN_NODES)
    return NetworkView(filters=filters, other=other, focus=focus, group=presets.get(focus))
