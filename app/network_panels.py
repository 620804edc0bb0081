"""The network page's panels under the graph: changes, tensions and centrality, one actor (with its tie timeline),
exports; and a named group's tie timeline under the graph.

Every dataset text goes through `for_markdown()` or `sources_markdown()`; tables go to st.dataframe, which shows text as text.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import partial

import streamlit as st

from alliances import network, network_html
from alliances.csv_export import csv_bytes
from alliances.dataset import Dataset
from alliances.presentation import day_text, period_text
from alliances.schema import DIRECTED_TYPES
from alliances.text import for_markdown
from alliances.tie_timeline import clicked_day

from . import cache
from .citations import sources_markdown
from .layout import absent, chart_config, table_downloads
from .network_controls import NetworkView
from .state import clamped, day_bounds, restore_from_url, write_to_url

MAX_LISTED = 150   # changes or triads listed in full; the count of the rest is given


def _period(tie: dict) -> str:
    """Its first and last day, each with what it rests on (relations.csv's start_basis and end_basis)."""
    basis = lambda key: tie.get(key) if isinstance(tie.get(key), str) else ""  # noqa: E731
    return period_text(tie["start"], tie["end"], basis("start_basis"), basis("end_basis"))


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _note(text) -> str:
    return f" {for_markdown(text)}" if isinstance(text, str) and text else ""


def _tie_line(ds: Dataset, names: dict, tie: dict) -> str:
    arrow = "→" if tie["type"] in DIRECTED_TYPES else "—"
    return (f"{for_markdown(names.get(tie['source'], tie['source']))} {arrow} {for_markdown(names.get(tie['target'], tie['target']))}: "
            f"*{tie['type']}* ({tie['intensity']}), {_period(tie)}.{_note(tie.get('note'))} "
            f"· {sources_markdown(ds, tie['source_id'], tie.get('more_sources'))}")


def changes_panel(ds: Dataset, day: date, view: NetworkView) -> None:
    if view.other is None or view.other == day:
        st.info("Pick a day under **Compare with** in the sidebar to mark and list the ties formed, ended or "
                "flipped between it and the as-of day.")
        return
    first, last = sorted([day, view.other])
    changes = cache.changes_between(ds, first, last, view.filters)
    counts = changes["change"].value_counts()
    st.markdown(f"**Between {day_text(first)} and {day_text(last)}**: {_count(counts.get('formed', 0), 'tie')} formed, "
                f"{counts.get('ended', 0)} ended, {_count(counts.get('flipped', 0), 'pair')} flipped sign "
                "(with the filters and focus of the graph).")
    if changes.empty:
        return
    names = cache.actor_names(ds)
    lines = [f"- {day_text(row['day'])} · **{row['change']}** · " + (
                 _tie_line(ds, names, row) if row["change"] != "flipped" else
                 f"{for_markdown(names.get(row['source']))} — {for_markdown(names.get(row['target']))}: {row['note']}, mainly through a "
                 f"*{row['type']}* tie from then on · {sources_markdown(ds, row['source_id'], row['more_sources'])}")
             for row in changes.head(MAX_LISTED).to_dict("records")]
    if len(changes) > MAX_LISTED:
        lines.append(f"- … and {len(changes) - MAX_LISTED} more: narrow the view with a focus or filters.")
    st.markdown("\n".join(lines))


def analysis_panel(ds: Dataset, day: date, view: NetworkView) -> None:
    st.markdown("**Unbalanced triads in force** — three actors whose ties break “the enemy of my enemy is my friend”: "
                "two friends who share a foe in one of them, or three mutual foes.")
    triads = cache.network_triads(ds, day, view.filters)
    names = cache.actor_names(ds)
    if not triads:
        st.info("No unbalanced triad among the actors shown.")
    for triad in triads[:MAX_LISTED]:
        legs = [_tie_line(ds, names, tie) for leg in triad["legs"] for tie in leg["ties"]]
        title = " · ".join(for_markdown(names.get(a, a)) for a in triad["actors"])
        st.markdown(f"**{title}** ({triad['kind']})\n" + "\n".join(f"- {leg}" for leg in legs))
    if len(triads) > MAX_LISTED:
        st.caption(f"… and {len(triads) - MAX_LISTED} more triads.")
    st.markdown("**Centrality of the actors shown**")
    centrality = cache.network_centrality(ds, day, view.filters)
    st.dataframe(centrality, hide_index=True, width="stretch", key="centrality",
                 column_config={"weighted_degree": st.column_config.NumberColumn("weighted degree", help="sum of intensities"),
                                "betweenness": st.column_config.NumberColumn(format="%.3f",
                                                                             help="share of shortest paths through the actor")})
    table_downloads(centrality, f"network-centrality-{day}", key="centrality")


def timeline_key(name: str) -> str:
    """The widget key of tie timeline `name`; a click changes it, so that the chart comes back without a selection."""
    return f"{name}_{st.session_state.get(f'{name}_clicks', 0)}"


def pick_day(name: str, bounds: tuple[date, date]) -> None:
    """on_select of tie timeline `name` (callbacks run before the script: the date widget may be set here): the day
    clicked (under the pointer on a bar, or a key event's) becomes the as-of day."""
    state = st.session_state.get(timeline_key(name)) or {}
    points = (state.get("selection") or {}).get("points") or []
    picked = clicked_day(points[0]) if points else None
    if picked is not None:
        st.session_state["date"] = clamped(picked, bounds)
    st.session_state[f"{name}_clicks"] = st.session_state.get(f"{name}_clicks", 0) + 1


def tie_timeline(ds: Dataset, day: date, actors: tuple[str, ...], name: str) -> None:
    """The tie timeline of `actors`: a row per counterpart, a bar per tie period; clicking sets the as-of day."""
    timeline = cache.tie_timeline_rows(ds, actors)
    if timeline.rows.empty:
        st.caption("No tie on record.")
        return
    st.plotly_chart(cache.tie_timeline_chart(ds, actors, day), key=timeline_key(name), on_select=partial(pick_day, name, day_bounds(ds)),
                    selection_mode="points", config=chart_config(f"{name}-{day.isoformat()}"))
    note = ("Each bar is a tie period, coloured as on the network, as thick as its intensity; ▶ still in force, "
            "◀ began before the axis starts (the dataset's first key event). "
            "Hover a bar for its note and source; click it to see the network on that day (a key event: on its day).")
    if timeline.left_out:
        shown = ", ".join(for_markdown(n) for n in timeline.left_out[:30]) + (" …" if len(timeline.left_out) > 30 else "")
        note += f" {_count(len(timeline.left_out), 'counterpart')} with fewer ties left out: {shown}."
    st.caption(note)


def focus_timeline(ds: Dataset, day: date, title: str, members: tuple[str, ...]) -> None:
    """Under the graph focused on a named group (groups.csv): its members' ties over time."""
    names = cache.actor_names(ds)
    st.markdown(f"**{for_markdown(title)} over time** — {for_markdown(_listed([names.get(m, m) for m in members]))}: their "
                "ties with each other, then with each counterpart (its name first, then a row per member)")
    tie_timeline(ds, day, members, "group_timeline")


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def actor_panel(ds: Dataset, day: date) -> None:
    names = cache.actor_names(ds)
    options = sorted(names, key=lambda a: (names[a].casefold(), a))
    restore_from_url("actor", lambda raw: raw if raw in names else None)
    actor = st.selectbox("Actor", options, index=None, format_func=names.get, key="actor",
                         placeholder="Choose an actor…")
    write_to_url("actor", actor or "")
    if actor is None:
        return
    profile = cache.actor_profile(ds, actor, day)
    row = profile.actor
    st.markdown(f"### {for_markdown(row['name'])}\n{for_markdown(row['kind'].replace('_', ' '))} · {for_markdown(row['bloc'])}"
                + (f"  \n{for_markdown(row['description'])}" if row.get("description") else ""))
    links = st.columns(2)
    links[0].page_link("views/4_Positions.py", label="Positions page for this actor", icon="🧩",
                       query_params={"date": day.isoformat(), "actor": actor})
    links[1].page_link("views/3_Quotes.py", label="Quotes page for this actor", icon="💬",
                       query_params={"date": day.isoformat(), "actor": actor})
    st.markdown("**Ties over time**")
    tie_timeline(ds, day, (actor,), f"ties_{actor}")

    st.markdown(f"**Ties in force on {day_text(day)}** ({len(profile.ties)})")
    if profile.ties.empty:
        st.caption("None.")
    else:
        st.markdown("\n".join(f"- {tie['direction']} {for_markdown(tie['other_name'])}: *{tie['type']}* ({tie['intensity']}), "
                              f"{_period(tie)}.{_note(tie['note'])} "
                              f"· {sources_markdown(ds, tie['source_id'], tie['more_sources'])}"
                              for tie in profile.ties.to_dict("records")))
    st.markdown("**Latest positions**")
    if profile.stances.empty:
        st.caption(absent(ds, "stances") or "No position recorded on or before this day.")
    else:
        st.markdown("\n".join(f"- {for_markdown(s['title'])}: **{s['label']}** ({day_text(s['date'])}).{_note(s['note'])} "
                              f"· {sources_markdown(ds, s['source_id'], s['more_sources'])}" for s in profile.stances.to_dict("records")))
    st.markdown("**Latest quotes**")
    if profile.quotes.empty:
        st.caption(absent(ds, "quotes") or "No quote on or before this day.")
    else:
        st.markdown("\n".join(
            f"- {day_text(q['date'])}, {for_markdown(q['speaker_name'])}: "
            + (f"“{for_markdown(q['text'])}”" if q["verbatim"] else f"{for_markdown(q['text'])} *(paraphrase)*")
            + f" · {sources_markdown(ds, q['source_id'], q['more_sources'])}" for q in profile.quotes.to_dict("records")))


def export_name(day: date, what: str) -> str:
    """network-2018-01-30.graphml, network-2018-01-30-nodes.csv, ..."""
    return f"network-{day.isoformat()}{what}"


def history_name(day: date, what: str) -> str:
    """network-history-2018-01-30.gexf, ...: the day is the view's (its filters and focus), not a cut-off."""
    return f"network-history-{day.isoformat()}{what}"


def export_panel(ds: Dataset, day: date, view: NetworkView) -> None:
    """Files made when clicked. The data files hold every tie passing the filters, the drawing only what is shown."""
    everything = replace(view.filters, max_nodes=None)

    def graph():
        return network.graph_as_of(ds, day, everything)

    st.caption("GraphML and GEXF open in Gephi, networkx and yEd; the CSV files in any spreadsheet. They hold every "
               "tie that passes the filters and focus (with actors the drawing leaves out); the HTML file is the "
               "drawing itself and works offline.")
    files = [("GraphML", ".graphml", "application/graphml+xml", lambda: network.to_graphml(graph())),
             ("GEXF", ".gexf", "application/xml", lambda: network.to_gexf(graph())),
             ("Nodes CSV", "-nodes.csv", "text/csv", lambda: csv_bytes(network.nodes_table(graph()))),
             ("Edges CSV", "-edges.csv", "text/csv", lambda: csv_bytes(network.edges_table(graph()))),
             ("Offline HTML", ".html", "text/html",
              lambda: network_html.graph_page(ds, day, view.filters, view.other, standalone=True))]
    for column, (label, suffix, mime, make) in zip(st.columns(len(files)), files):
        column.download_button(label, data=make, file_name=export_name(day, suffix), mime=mime, key=f"export{suffix}",
                               on_click="ignore", width="stretch")

    def history():
        return network.history_graph(ds, everything)

    st.caption("The whole history: every tie of the dataset that passes the filters and focus, on any day, with its "
               "first and last day (none while it holds). Gephi plays the dynamic GEXF on its timeline; GraphML and "
               "CSV carry the days as columns.")
    history_files = [("History (dynamic GEXF)", ".gexf", "application/xml", lambda: network.to_dynamic_gexf(history())),
                     ("History GraphML", ".graphml", "application/graphml+xml", lambda: network.history_to_graphml(history())),
                     ("History CSV", "-edges.csv", "text/csv", lambda: csv_bytes(network.history_edges_table(history())))]
    for column, (label, suffix, mime, make) in zip(st.columns(len(files)), history_files):
        column.download_button(label, data=make, file_name=history_name(day, suffix), mime=mime,
                               key=f"export_history{suffix}", on_click="ignore", width="stretch")
