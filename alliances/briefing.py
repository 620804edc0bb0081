"""The briefing pack: one self-contained HTML file for a day (overview, network, territory, positions,
quotes), each item with its sources. It opens offline: plotly.js and vis-network are inlined."""
from __future__ import annotations

from datetime import date

import pandas as pd
from plotly.offline import get_plotlyjs

from . import network_html, overview, position_charts, territory, territory_figures, tie_timeline
from .dataset import Dataset
from .network import GraphFilters, graph_as_of, groups
from .positions import CHART_ACTORS, CHART_ISSUES, best_known, matrix, stance_details, stances_as_of
from .presentation import actor_colours, based_day, day_text
from .schema import RELATION_TYPES, row_sources, table_sources
from .source_list import source_labels
from .stories import Story, story_html
from .text import for_html, http_url

STYLE = """
body { font-family: "Source Sans Pro", "Segoe UI", Arial, sans-serif; color: #262730; max-width: 1100px;
       margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 2rem; margin-bottom: .2rem; } h2 { margin-top: 2.5rem; border-bottom: 2px solid #0072B2; padding-bottom: .2rem; }
.meta { color: #666; } .figures { display: flex; gap: 2rem; flex-wrap: wrap; } .figure b { font-size: 1.6rem; display: block; }
li { margin: .3rem 0; } cite { color: #555; font-style: normal; font-size: .9rem; }
iframe { width: 100%; height: 660px; border: 1px solid #ddd; }
"""


class _Citations:
    """Cites sources inline by number and lists them at the end."""

    def __init__(self, ds: Dataset):
        self.sources = ds.sources.set_index("id")
        self.order: list[str] = []

    def __call__(self, source_id: str, more_sources="") -> str:
        """' [3]' for a row's source, ' [3, 7]' with every further page it rests on (its `more_sources`)."""
        cited = [s for s in row_sources(source_id, more_sources) if s in self.sources.index]
        if not cited:
            return ""
        self.order.extend(s for s in cited if s not in self.order)
        numbers = (self.order.index(s) + 1 for s in cited)
        return " <cite>[" + ", ".join(f'<a href="#src-{n}">{n}</a>' for n in numbers) + "]</cite>"

    def each(self, rows: pd.DataFrame) -> str:
        """The citations of every row of a table (its source_id and more_sources), each page once."""
        return "".join(self(s) for s in table_sources(rows))

    def section(self) -> str:
        items = []
        for n, source_id in enumerate(self.order, 1):
            src = self.sources.loc[source_id]
            url = http_url(src["url"])
            link = f' <a href="{for_html(url)}">{for_html(src["url"])}</a>' if url else ""
            items.append(f'<li id="src-{n}">{for_html(src["publisher"])}, “{for_html(src["title"])}”, {day_text(src["date"])}.{link}</li>')
        return "<h2>Sources</h2><ol>" + "".join(items) + "</ol>"


def briefing_html(ds: Dataset, day: date, since: date, story: Story | None = None) -> str:
    """The pack for `day` (changes since `since`); with `story`, the story's steps too, their sources in the list."""
    names = dict(zip(ds.actors["id"], ds.actors["name"]))
    cite = _Citations(ds)
    name = lambda actor_id: for_html(names.get(actor_id, actor_id))  # noqa: E731
    parts = [f"<h1>{for_html(ds.meta.title)}: alliances as of {day_text(day)}</h1>",
             f'<p class="meta">Compared with {day_text(since)}. Dataset: {for_html(ds.meta.title)} ({for_html(ds.origin)}). '
             "Every item cites its source; numbers in brackets refer to the list at the end.</p>"]

    head = overview.headline(ds, day)
    parts.append("<h2>Overview</h2><div class='figures'>" + "".join(
        f"<div class='figure'><b>{head.ties_by_type[t]}</b>{for_html(t)} ties</div>" for t in RELATION_TYPES) + "</div>")
    if head.leader is not None:
        parts.append(f"<p>Largest share of territory: <b>{name(head.leader['actor'])}</b>, {head.leader['share_pct']:.0f}% "
                     f"(estimate of {day_text(head.leader['date'])}){cite(head.leader['source_id'], head.leader['more_sources'])}.</p>")
    events = overview.events_around(ds, day)
    if len(events):
        parts.append("<h3>Key events around the day</h3><ul>" + "".join(
            f"<li>{day_text(e.date)} — <b>{for_html(e.title)}</b>: {for_html(e.description)}{cite(e.source_id, e.more_sources)}</li>"
            for e in events.itertuples()) + "</ul>")
    changes = overview.changes_since(ds, since, day)
    parts.append(f"<h3>What changed since {day_text(since)}</h3><ul>" + "".join(
        f"<li>{for_html(c.change)}: {name(c.source)} — {for_html(c.type)} — {name(c.target)} "
        f"({based_day(c.day, c.day_basis)}){cite(c.source_id, c.more_sources)}</li>"
        for c in changes.ties.itertuples()) + "".join(
        f"<li>territory: {name(m.actor)} {m.change_pts:+.1f} points{cite(m.source_id, m.more_sources)}</li>"
        for m in changes.territory.itertuples()) + "</ul>")

    shown = GraphFilters(hide_people=True, max_nodes=150)
    graph = graph_as_of(ds, day, shown)
    if graph.number_of_nodes():
        page = network_html.graph_page(ds, day, shown, standalone=True)
        ties = pd.DataFrame([d for _, _, d in graph.edges(data=True)])
        parts.append(f"<h2>Network</h2><p>{graph.number_of_nodes()} actors and {graph.number_of_edges()} ties in force; "
                     "hover a tie for its note and source.</p>"
                     f'<iframe title="network" srcdoc="{for_html(page)}"></iframe>'
                     "<p>Ties cite: " + cite.each(ties) + "</p>")

    for title, members in list(groups(ds).values())[:1]:  # the dataset's first named group, if it has one
        axis = tie_timeline.tie_timeline(ds, members)
        if not len(axis.rows):
            continue
        fig = tie_timeline.timeline_figure(axis, day, ds.source_by_id, clickable=False)  # escapes
        left_out = (f" {len(axis.left_out)} counterparts with fewer ties are left out: "
                    f"{', '.join(for_html(n) for n in axis.left_out)}." if axis.left_out else "")
        parts.append(f"<h2>{for_html(title)} over time</h2><p>{for_html(', '.join(names.get(m, m) for m in members))}: "
                     "their ties with each other, then with each counterpart (its name first, then a row per member). "
                     "Each bar is a tie period, coloured as on the network and as thick as its intensity; diamonds mark key "
                     "events; the dotted line is the day. "
                     f"Hover a bar for its note and source.{left_out}</p>"
                     + fig.to_html(full_html=False, include_plotlyjs=False)
                     + "<p>Ties cite: " + cite.each(axis.periods)
                     + (" Key events cite: " + cite.each(axis.events)
                        if len(axis.events) else "") + "</p>")

    best = territory.best_estimates(ds)
    if len(best):
        # the best available estimate of each date across publishers, as the Territory page opens on: the whole war
        grid = territory.charted_factions(territory.estimate_grid(ds, territory.BEST))
        fig = territory_figures.shares_chart(grid, names, actor_colours(ds.actors), source_labels(ds),
                                             (best["date"].min(), best["date"].max()), day)  # escapes
        upto = best[best["date"] <= pd.Timestamp(day)]
        latest = upto.iloc[-1] if len(upto) else None
        shown = (f"The estimate in force on the day is of {day_text(latest['date'])}, by {for_html(latest['publisher'])}"
                 f"{cite(latest['source_id'], territory.estimate_more_sources(ds, latest['date'], latest['source_id']))}."
                 if latest is not None else "No estimate is as old as the day.")
        parts.append("<h2>Territory</h2>" + fig.to_html(full_html=False, include_plotlyjs=False)
                     + "<p>The best available estimate of each date across publishers (hover a point for its publisher and "
                       "source); hatched, the share an estimate does not attribute to any faction. " + shown
                     + " Estimates cite: " + cite.each(ds.territory.merge(best[["date", "source_id"]])) + "</p>")

    positions = matrix(ds, day)
    if not positions.empty:
        titles = dict(zip(ds.issues["id"], ds.issues["title"]))
        blocs = dict(zip(ds.actors["id"], ds.actors["bloc"]))
        shown = best_known(positions, CHART_ACTORS, CHART_ISSUES)
        fig = position_charts.positions_heatmap(shown, stance_details(ds, day), names, blocs, titles)  # escapes
        latest = stances_as_of(ds, day)
        parts.append("<h2>Positions</h2>" + fig.to_html(full_html=False, include_plotlyjs=False)
                     + "<p>Stances cite: " + cite.each(latest) + "</p>")

    quotes = ds.quotes[(ds.quotes["date"] <= pd.Timestamp(day)) & (ds.quotes["date"] >= pd.Timestamp(day) - pd.Timedelta(days=90))]
    if len(quotes):
        parts.append("<h2>Quotes (90 days to the day)</h2><ul>" + "".join(
            f"<li><b>{name(q.speaker)}</b>, {day_text(q.date)}: "
            + (f"“{for_html(q.text)}”" if q.verbatim else f"{for_html(q.text)} (paraphrase)")
            + f" <i>{for_html(q.context)}</i>{cite(q.source_id, q.more_sources)}</li>"
            for q in quotes.sort_values("date", ascending=False).itertuples())
            + "</ul>")
    if story is not None:
        parts.append(f"<h2>Story: {for_html(story.title)}</h2>" + story_html(ds, story, cite=cite))
    parts.append(cite.section())
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            f"<title>{for_html(ds.meta.title)}: alliances briefing {day}</title><style>{STYLE}</style>"
            f"<script>{get_plotlyjs()}</script></head><body>" + "".join(parts) + "</body></html>")
