"""Plotly figures of the territory view: shares over time, one faction across publishers, the region tile map.

Dataset text (actor names, publishers, notes, event titles) reaches plotly's hover and legend, which
render HTML: every such string passes through `text.for_plotly` here.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .presentation import DAY_FORMAT, PLOTLY_DAY, PUBLISHER_PALETTE, UNKNOWN_ACTOR_COLOUR, event_colour, iso_days, new_figure
from .regions import Grid, bands
from .schema import split_ids
from .territory import REMAINDER, REMAINDER_NAME
from .text import for_plotly, shorten

SOURCE_SYMBOLS = ("circle", "square", "diamond", "triangle-up", "triangle-down", "pentagon", "star", "hexagon", "cross")
NO_RECORD = "#F3F3F3"
EVENT_LANES = 3
# Plot width (px) the event labels are laid out for: the chart spans the page's wide layout.
ASSUMED_PLOT_PX = 900
LABEL_CHARS = 28
RUG_EVENTS = 300      # event markers under a time chart: the curated record fits; a larger one shows the nearest


def _rgba(hex_colour: str, alpha: float) -> str:
    h = hex_colour.lstrip("#")
    return f"rgba({int(h[0:2], 16)},{int(h[2:4], 16)},{int(h[4:6], 16)},{alpha})"


# ---------------------------------------------------------------- the time axis and its events

@dataclass(frozen=True)
class EventLabel:
    event: int  # the event's index in the frame given
    date: pd.Timestamp
    lane: int  # 1 .. lanes; lane 0 is the rug of every event's marker
    text: str
    side: str = "right"  # of the marker; 'left' near the plot's right end


def event_labels(events: pd.DataFrame, start, end, plot_px: int = ASSUMED_PLOT_PX, lanes: int = EVENT_LANES,
                 char_px: float = 6.6) -> list[EventLabel]:
    """Labels for the events between `start` and `end`, on `lanes` rows so that no two overlap.

    A label reads to the right of its marker, or to the left where it would run past the plot's right
    end; it goes to the first lane whose previous label has ended (widths estimated at `char_px` per
    character on a plot `plot_px` wide). An event no lane has room for gets no label: its marker on the
    rug and its hover still name it. Earlier events win.
    """
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    px_per_day = plot_px / max((end - start).days, 1)
    free_from = [float("-inf")] * lanes
    labels = []
    for event in events[(events["date"] >= start) & (events["date"] <= end)].sort_values("date", kind="stable").itertuples():
        x = (event.date - start).days * px_per_day
        text = shorten(event.title, LABEL_CHARS)
        width = 16 + char_px * len(text)
        side, left, right = ("right", x, x + width) if x + width <= plot_px else ("left", x - width, x)
        lane = next((i for i, free in enumerate(free_from) if free <= left), None)
        if lane is None or left < 0:
            continue
        free_from[lane] = right
        labels.append(EventLabel(event.Index, event.date, lane + 1, text, side))
    return labels


def time_range(span: tuple, day, since=None) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The time axis: `span` (all the dataset's estimates, so that the axis stays put when the series
    changes), widened to show the as-of and comparison days, with a little room at both ends."""
    days = [pd.Timestamp(d) for d in (*span, day, since) if d is not None and pd.notna(d)]
    lo, hi = min(days), max(days)
    pad = max(pd.Timedelta(days=45), (hi - lo) * 0.02)
    return lo - pad, hi + pad


_EVENT_HOVER = "<b>%{customdata[0]}</b><br>" + PLOTLY_DAY + " · %{customdata[1]}<br>%{customdata[2]}<extra></extra>"


def _event_hover(rows: pd.DataFrame) -> list[list[str]]:
    return [[for_plotly(r.title), for_plotly(r.kind), for_plotly(r.description, 200)] for r in rows.itertuples()]


def _rug(events: pd.DataFrame, x_range, day) -> pd.DataFrame:
    """The events in `x_range`, at most RUG_EVENTS of them: those nearest `day`."""
    shown = events[(events["date"] >= x_range[0]) & (events["date"] <= x_range[1])]
    if len(shown) <= RUG_EVENTS:
        return shown
    return shown.loc[(shown["date"] - pd.Timestamp(day)).abs().nsmallest(RUG_EVENTS).index].sort_index()


def _timeline(events: pd.DataFrame | None, x_range, ytitle: str, height: int, day) -> go.Figure:
    """A chart over time; with `events`, a strip under it: a rug of the events' markers (coloured by
    kind; at most RUG_EVENTS, nearest `day`) and, on the lanes below, the labels that fit."""
    if events is None:
        fig = new_figure()
        fig.update_layout(height=height, xaxis=dict(range=list(x_range), title=None), yaxis=dict(title=ytitle))
        return fig
    # two rows sharing the time axis, laid out by hand (make_subplots costs twenty times as much)
    fig = new_figure(
        height=height + 110,
        xaxis=dict(range=list(x_range), anchor="y", matches="x2", showticklabels=False),
        yaxis=dict(title=ytitle, domain=[0.22, 1], anchor="x"),
        xaxis2=dict(range=list(x_range), anchor="y2", title=None),
        yaxis2=dict(domain=[0, 0.19], anchor="x2", range=[EVENT_LANES + 0.5, -0.5], showticklabels=False, showgrid=False,
                    zeroline=False, title=dict(text="events", font=dict(size=12)), fixedrange=True),
    )
    shown = _rug(events, x_range, day)
    fig.add_trace(go.Scatter(
        x=iso_days(shown["date"]), y=[0] * len(shown), mode="markers", name="Key events", showlegend=False, xaxis="x2", yaxis="y2",
        marker=dict(symbol="diamond", size=9, color=[event_colour(k) for k in shown["kind"]],
                    line=dict(width=1, color="#ffffff")),
        customdata=_event_hover(shown), hovertemplate=_EVENT_HOVER,
    ))
    labels = event_labels(shown, *x_range)
    labelled = shown.loc[[label.event for label in labels]]
    fig.add_trace(go.Scatter(
        x=[label.date for label in labels], y=[label.lane for label in labels], mode="markers+text", showlegend=False,
        name="Key events (labelled)", text=[for_plotly(label.text) for label in labels],
        textposition=[f"middle {label.side}" for label in labels],
        textfont=dict(size=11, color="#444444"), cliponaxis=False, xaxis="x2", yaxis="y2",
        marker=dict(symbol="line-ns", size=10,
                    line=dict(width=2, color=[event_colour(k) for k in labelled["kind"]])),
        customdata=_event_hover(labelled), hovertemplate=_EVENT_HOVER,
    ))
    return fig


def _day_mark(day: pd.Timestamp, label: str, dash: str, x_range, y: float) -> tuple[dict, dict]:
    """A vertical line on `day` and its label at height `y`, on the side with room (left of it near the right end)."""
    lo, hi = x_range
    right_end = (day - lo) / (hi - lo) > 0.8
    line = dict(type="line", x0=day, x1=day, y0=0, y1=1, xref="x", yref="paper", line=dict(width=2, dash=dash, color="#262730"))
    text = dict(x=day, y=y, xref="x", yref="paper", text=label, showarrow=False, yanchor="top",
                xanchor="right" if right_end else "left", xshift=-4 if right_end else 4,
                font=dict(size=12, color="#262730"), bgcolor="rgba(255,255,255,0.85)")
    return line, text


def _mark_days(fig: go.Figure, x_range, day, since) -> None:
    """The as-of day (solid, labelled at the top) and the comparison day (dashed, labelled a little lower)."""
    day = pd.Timestamp(day)
    marks = [_day_mark(day, f"as of {day:{DAY_FORMAT}}", "solid", x_range, 1.0)]
    if since is not None and pd.Timestamp(since) != day:
        since = pd.Timestamp(since)
        marks.append(_day_mark(since, f"compared with {since:{DAY_FORMAT}}", "dash", x_range, 0.93))
    # one assignment: plotly re-validates the whole layout on every add_shape / add_annotation
    fig.update_layout(shapes=[line for line, _ in marks], annotations=[text for _, text in marks])


# ---------------------------------------------------------------- shares over time

_POINT_HOVER = ("<b>%{customdata[0]}</b> · estimate of " + PLOTLY_DAY + " by %{customdata[4]}<br>%{customdata[1]}"
                "<br>source: %{customdata[2]}<br><i>%{customdata[3]}</i><extra></extra>")
# The part of an estimate its source attributes to no faction: hatched light grey, so that it reads as a blank
# in the record, not as a faction holding ground.
REMAINDER_FILL = dict(shape="/", fgcolor="#9E9E9E", bgcolor="#FFFFFF", size=9, solidity=0.25, fillmode="replace")
REMAINDER_LINE = "#BDBDBD"
STACK_SEAM = "rgba(255,255,255,0.9)"
INTERPOLATED_SEAM = "rgba(60,60,60,0.55)"  # dotted: the slopes between estimates are drawn, not estimated


def _point_data(name: str, shares, named, source_ids, notes, source_labels: dict, publishers,
                remainder: bool = False) -> np.ndarray:
    """Hover fields per estimate: faction, value, the estimate's own source, its note, its publisher (all escaped).

    For the `remainder`, the value says it is the share the source left unattributed."""
    def value(pct, is_named):
        if not is_named:
            return "not named in this estimate"
        return f"{pct:.1f}%, which this source does not attribute to any faction" if remainder else f"{pct:.1f}%"
    rows = [[for_plotly(name), value(pct, is_named), for_plotly(source_labels.get(source, source), 110),
             for_plotly(note, 160), for_plotly(publisher)]
            for pct, is_named, source, note, publisher in zip(shares, named, source_ids, notes, publishers)]
    return np.array(rows, dtype=object).reshape(len(rows), 5)  # an array plotly takes as it is (see iso_days)


def shares_chart(grid: pd.DataFrame, names: dict, colours: dict, source_labels: dict, span: tuple, day, since=None, *,
                 stacked: bool = True, step: bool = True, events: pd.DataFrame | None = None,
                 ground: str = "the territory") -> go.Figure:
    """Each faction's share of `ground` (the dataset's region) in a series of estimates (`territory.estimate_grid`: one publisher's, or
    the best available estimate of each date across publishers).

    Markers sit on the dated estimates. Between them the chart either holds the last estimate (`step`, as
    the as-of panel reads it) or draws a dotted straight line (interpolation: not data). Stacked, the areas
    add up to 100, the part an estimate does not attribute (its 'contested' remainder) on top, hatched light
    grey and named 'Not estimated by this source': a blank in the record, not a faction. As lines (factions
    compared), an estimate that does not name a faction leaves a gap in its line, and the remainder is left
    out. Every hover names the estimate's publisher and source. `source_labels` maps a source id to the text
    the hover cites; `span` is the time axis (see `time_range`).
    """
    x_range = time_range(span, day, since)
    fig = _timeline(events, x_range, f"% of {for_plotly(ground)}", 440, day)
    publishers = grid["publisher"] if "publisher" in grid else grid["source_id"]
    drawn = grid if stacked else grid[grid["actor"] != REMAINDER]
    # Stacked, each faction's markers sit on the top of its band: the running total in drawing order. They are a
    # trace of their own, because plotly gives a stacked trace a hover point at every date of the stack, even
    # where the faction is not named (a zero there): that point would take the hover from the faction really there.
    tops = drawn["share_pct"].groupby(drawn["date"]).cumsum() if stacked else drawn["share_pct"]
    traces = []
    for actor, rows in drawn.groupby("actor", sort=False):
        remainder = actor == REMAINDER
        label = REMAINDER_NAME if remainder else names.get(actor, actor)
        colour = REMAINDER_LINE if remainder else colours.get(actor, UNKNOWN_ACTOR_COLOUR)
        line = dict(color=colour, width=2.5, shape="hv" if step else "linear", dash="solid" if step else "dot")
        if not stacked:  # one trace: the line with its markers, a gap where an estimate does not name the faction
            traces.append(go.Scatter(
                x=iso_days(rows["date"]), y=rows["share_pct"].where(rows["named"]).round(2), name=for_plotly(label),
                mode="lines+markers",
                connectgaps=False, line=line, marker=dict(size=8, color=colour, line=dict(width=1, color="#ffffff")),
                customdata=_point_data(label, rows["share_pct"], rows["named"], rows["source_id"], rows["note"],
                                       source_labels, publishers.loc[rows.index]),
                hovertemplate=_POINT_HOVER,
            ))
            continue
        # thin white seams between the areas (grey dots where interpolated): a faction's own line would run along
        # the top of the stack wherever it is not named, in its colour
        traces.append(go.Scatter(
            x=iso_days(rows["date"]), y=rows["share_pct"].round(2), name=for_plotly(label), legendgroup=actor, mode="lines",
            stackgroup="shares",
            hoverinfo="skip", line={**line, "width": 1, "color": STACK_SEAM if step else INTERPOLATED_SEAM},
            fillcolor="#FFFFFF" if remainder else _rgba(colour, 0.78), fillpattern=REMAINDER_FILL if remainder else None,
        ))
        named = rows[rows["named"]]
        traces.append(go.Scatter(
            x=iso_days(named["date"]), y=tops.loc[named.index].round(2), name=for_plotly(label), legendgroup=actor, mode="markers",
            showlegend=False, marker=dict(size=6 if remainder else 8, color=colour, line=dict(width=1, color="#ffffff")),
            customdata=_point_data(label, named["share_pct"], named["named"], named["source_id"], named["note"],
                                   source_labels, publishers.loc[named.index], remainder),
            hovertemplate=_POINT_HOVER,
        ))
    fig.add_traces(traces)
    if stacked:  # a hidden faction would restack the areas under markers placed for the whole stack
        fig.update_layout(yaxis=dict(range=[0, 100]), legend=dict(itemclick=False, itemdoubleclick=False))
    _mark_days(fig, x_range, day, since)
    fig.update_layout(hovermode="closest", legend=dict(traceorder="normal"))
    return fig


def sources_chart(rows: pd.DataFrame, chosen: str | None, actor_name: str, source_labels: dict, span: tuple, day,
                  since=None, *, step: bool = True, events: pd.DataFrame | None = None,
                  ground: str = "the territory") -> go.Figure:
    """One faction's share as each publisher estimates it (`territory.faction_by_publisher`): a line per publisher.

    The chosen publisher is drawn thicker; a publisher with a single estimate is a lone marker.
    """
    x_range = time_range(span, day, since)
    fig = _timeline(events, x_range, f"% of {for_plotly(ground)} held by {for_plotly(actor_name)}", 420, day)
    for i, (publisher, part) in enumerate(rows.groupby("publisher", sort=True)):
        colour = PUBLISHER_PALETTE[i % len(PUBLISHER_PALETTE)]
        fig.add_trace(go.Scatter(
            x=iso_days(part["date"]), y=part["share_pct"].round(2), name=for_plotly(publisher, 40), mode="lines+markers",
            line=dict(color=colour, width=3.5 if publisher == chosen else 1.8, shape="hv" if step else "linear",
                      dash="solid" if step else "dot"),
            marker=dict(size=11 if publisher == chosen else 9, color=colour, symbol=SOURCE_SYMBOLS[i % len(SOURCE_SYMBOLS)],
                        line=dict(width=1, color="#ffffff")),
            customdata=_point_data(actor_name, part["share_pct"], [True] * len(part), part["source_id"], part["note"],
                                   source_labels, part["publisher"]),
            hovertemplate=_POINT_HOVER,
        ))
    _mark_days(fig, x_range, day, since)
    fig.update_layout(hovermode="closest", yaxis=dict(rangemode="tozero"))
    return fig


# ---------------------------------------------------------------- the region tile map

TILE_BANDS = 4      # holders drawn as bands on one tile; the hover names more, the table all
HOVER_HOLDERS = 8


def _tile_hover(region: str, holders: pd.DataFrame, names: dict, source_labels: dict) -> str:
    lines = [f"<b>{for_plotly(region)}</b>"]
    if holders.empty:
        lines.append("no holder recorded on this day")
    if len(holders) > HOVER_HOLDERS:
        lines.append(f"{len(holders)} holders; the first {HOVER_HOLDERS} (the table lists all):")
    for h in holders.head(HOVER_HOLDERS).itertuples():
        lines.append(f"{'holds most' if h.share == 'most' else 'holds part'}: {for_plotly(names.get(h.actor, h.actor))}"
                     f" (since {h.date:{DAY_FORMAT}})<br>   source: {for_plotly(source_labels.get(h.source_id, h.source_id), 90)}"
                     + "".join(f"<br>   also: {for_plotly(source_labels.get(s, s), 90)}" for s in split_ids(h.more_sources))
                     + (f"<br>   <i>{for_plotly(h.note, 90)}</i>" if isinstance(h.note, str) and h.note else ""))
    return "<br>".join(lines)


def region_map(holders: pd.DataFrame, names: dict, colours: dict, source_labels: dict, grid: Grid) -> go.Figure:
    """The regions as tiles (`regions.grid`), each filled with the colour of its holders.

    A tile held by one faction is one colour; a shared tile is split in vertical bands, the 'most' holder
    first and twice as wide (at most TILE_BANDS bands). Hovering anywhere on a tile names its holders, since when,
    and the sources. Neighbours are written around the grid, those beside it turned on their side.
    """
    size, half = 0.94, 0.47
    shapes, annotations, hover = [], [], {}
    by_region = dict(tuple(holders.groupby("region", sort=False)))
    for region, (col, row) in grid.tiles.items():
        rows = by_region.get(region, holders.iloc[0:0])
        tile_bands = bands(rows.head(TILE_BANDS))
        left, top = col - half, row - half
        if not tile_bands:
            shapes.append(dict(type="rect", x0=left, x1=left + size, y0=top, y1=top + size, layer="below",
                               fillcolor=NO_RECORD, line=dict(color="#cccccc", width=1, dash="dot")))
            annotations.append(dict(x=col, y=row + 0.2, text="no record", showarrow=False, font=dict(size=10, color="#777777")))
        for band in tile_bands:
            shapes.append(dict(type="rect", x0=left + band.x0 * size, x1=left + band.x1 * size, y0=top, y1=top + size,
                               layer="below", line=dict(width=0), fillcolor=colours.get(band.actor, UNKNOWN_ACTOR_COLOUR)))
        for band in tile_bands[1:]:  # the seams of a shared tile, so that similar colours still read as two holders
            shapes.append(dict(type="line", x0=left + band.x0 * size, x1=left + band.x0 * size, y0=top, y1=top + size,
                               layer="below", line=dict(color="#ffffff", width=2, dash="dot")))
        annotations.append(dict(x=col, y=row - 0.22, text=f"<b>{for_plotly(region)}</b>", showarrow=False,
                                font=dict(size=12, color="#111111"), bgcolor="rgba(255,255,255,0.88)", borderpad=2))
        hover[(col, row)] = _tile_hover(region, rows, names, source_labels)
    cols, rows_ = grid.columns, grid.rows
    for place, (x, y) in grid.neighbours.items():
        beside = x < 0 or x > cols[-1]
        annotations.append(dict(x=x, y=y, text=f"<i>{for_plotly(place)}</i>", showarrow=False,
                                font=dict(size=11, color="#9a9a9a"), textangle=-90 if beside else 0))
    traces = [go.Heatmap(  # transparent cells over the tiles: hover anywhere on a tile
        x=list(cols), y=list(rows_), z=[[0 if (c, r) in hover else None for c in cols] for r in rows_],
        text=[[hover.get((c, r), "") for c in cols] for r in rows_], hovertemplate="%{text}<extra></extra>",
        colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]], showscale=False, hoverongaps=False, xgap=6, ygap=6,
        name="regions", showlegend=False,
    )]
    traces += [go.Scatter(x=[None], y=[None], mode="markers", name=for_plotly(names.get(actor, actor)),  # the legend
                          marker=dict(symbol="square", size=13, color=colours.get(actor, UNKNOWN_ACTOR_COLOUR)))
               for actor in dict.fromkeys(holders.groupby("region", sort=False).head(TILE_BANDS)["actor"])]
    xs = [x for x, _ in grid.neighbours.values()] + [cols[0] - 0.5, cols[-1] + 0.5]
    ys = [y for _, y in grid.neighbours.values()] + [rows_[0] - 0.5, rows_[-1] + 0.5]
    height = max(300, 110 * (max(ys) - min(ys) + 1.1))
    return new_figure(
        traces,
        height=min(height, 900), hovermode="closest", plot_bgcolor="#ffffff", margin=dict(l=0, r=0, t=10, b=10),
        hoverlabel=dict(align="left"), shapes=shapes, annotations=annotations,
        xaxis=dict(range=[min(xs) - 0.55, max(xs) + 0.65], visible=False, fixedrange=True),
        yaxis=dict(range=[max(ys) + 0.55, min(ys) - 0.55], visible=False, fixedrange=True, scaleanchor="x", scaleratio=1),
        legend=dict(orientation="h", yanchor="top", y=0.0, x=0),
    )
