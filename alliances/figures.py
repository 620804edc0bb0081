"""Plotly figures of the quotes and the events, in the app's theme (`presentation.new_figure`), with every
piece of dataset text escaped for plotly (`text.for_plotly`)."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from .presentation import DAY_FORMAT, PLOTLY_DAY, POSITION_COLOURS, UNKNOWN_ACTOR_COLOUR, event_colour, mark_day, new_figure
from .quotes import OTHER_LANE, TOP_SPEAKERS, bloc_order, lane_keys, lanes
from .schema import POSITION_LABELS
from .text import for_plotly

DOWNLOAD_CONFIG = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2}}


def chart_config(filename: str, fmt: str = "png") -> dict:
    """Plotly config whose camera button saves `filename`.`fmt` (png or svg), rendered in the browser."""
    return {**DOWNLOAD_CONFIG, "toImageButtonOptions": {"format": fmt, "filename": filename, "scale": 2}}


QUOTE_COLOURINGS = ("position", "bloc")
UNKNOWN_POSITION = "no stance cites it"
_LINE = re.compile(r"(.{1,70})(?:\s+|$)")


def _wrapped(text: str, limit: int = 180) -> str:
    """An escaped excerpt of `text`, cut near `limit` characters, in lines of about 70 joined by <br>."""
    excerpt = text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"
    return _LINE.sub(r"\1<br>", for_plotly(excerpt)).removesuffix("<br>")


def quote_hovers(quotes: pd.DataFrame) -> list[str]:
    """Hover text per quote, every piece of dataset text escaped (plotly renders hover as HTML):
    speaker and whom they speak for, date, verbatim or paraphrase, an excerpt, position, source."""
    return [
        f"<b>{for_plotly(speaker)}</b>{' for ' + for_plotly(behalf) if behalf else ''}<br>{day:{DAY_FORMAT}} · "
        f"{'verbatim' if verbatim else 'paraphrase'}<br><i>{_wrapped(text)}</i>"
        + ("" if pd.isna(position) else f"<br>position: {POSITION_LABELS[int(position)]} ({for_plotly(position_actor)})")
        + f"<br>source: {for_plotly(publisher)}, {for_plotly(title)}"
        for speaker, behalf, day, verbatim, text, position, position_actor, publisher, title in zip(
            quotes["speaker_name"], quotes["on_behalf_name"], quotes["date"], quotes["verbatim"], quotes["text"],
            quotes["position"], quotes["position_actor_name"], quotes["publisher"].fillna(""),
            quotes["source_title"].fillna(""))
    ]


LANE_PX = {"blocs": 34, "speakers": 30, "all": 26}  # a lane's height in pixels, by `lanes_by`
HEADER_LANES = 0.8  # a bloc's heading above its speakers, in lanes
LABEL_CHARS = 22    # a lane's label is cut to this many characters (the full name is in the hover): time keeps the width
LEGEND_ROW_PX, LEGEND_WIDTH_PX = 22, 760  # for the top margin: rows the legend takes on a narrow (projector) screen
MARKER_PX = 12
ASSUMED_PLOT_PX = 850  # the plot's width on a laptop, to tell when two markers of a lane would overlap
JITTER = (0.0, -0.27, 0.27)  # vertical offsets, in lanes, of the markers that would hide each other
TOP_AXIS_PX = 900  # a plot taller than this repeats the time axis above it
OTHER_LANES = 2  # the other speakers' lane is this many lanes tall, with more rows for its markers
OTHER_JITTER = (0.0, -0.3, 0.3, -0.6, 0.6)


def _quote_colour_groups(quotes: pd.DataFrame, colour_by: str):
    """(legend name, colour, mask) per colour, in legend order."""
    if colour_by == "bloc":
        colours = _bloc_colours_of(quotes)
        for bloc in bloc_order(quotes):
            yield for_plotly(bloc), colours.get(bloc, UNKNOWN_ACTOR_COLOUR), quotes["bloc"].fillna("") == bloc
        return
    for value, colour in POSITION_COLOURS.items():
        mask = quotes["position"].isna() if value is None else quotes["position"] == value
        yield (UNKNOWN_POSITION if value is None else POSITION_LABELS[value]), colour, mask.fillna(False)


def _bloc_colours_of(quotes: pd.DataFrame) -> dict[str, str]:
    """The dataset's colour of each bloc of a `quotes_table` (carried in its `bloc_colour` column)."""
    return dict(zip(quotes["bloc"].fillna(""), quotes["bloc_colour"].fillna(UNKNOWN_ACTOR_COLOUR)))


def _whole_span(dates: pd.Series, day=None, margin: float = 0.03) -> list[pd.Timestamp]:
    """From the first to the last date (and the as-of day), with a margin of at least two weeks each side."""
    days = pd.concat([dates, pd.Series([pd.Timestamp(day)] if day is not None else [], dtype="datetime64[ns]")])
    first, last = days.min(), days.max()
    pad = max(pd.Timedelta(days=14), (last - first) * margin)
    return [first - pad, last + pad]


@dataclass(frozen=True)
class LaneLayout:
    """Where the lanes go, in lane units from the top: each lane's centre, and each bloc's heading (centre, bloc)."""
    lanes: pd.DataFrame
    centres: list[float]
    headings: list[tuple[float, str]]
    depth: float  # the height of it all, in lanes


def lane_layout(quotes: pd.DataFrame, lanes_by: str, top: int = TOP_SPEAKERS) -> LaneLayout:
    """The lanes of `quotes` top to bottom; with speakers as lanes, each bloc's lanes under a heading."""
    order = lanes(quotes, lanes_by, top)
    centres, headings, at, previous = [], [], 0.0, None
    for bloc, lane in zip(order["bloc"], order["lane"]):
        if lanes_by != "blocs" and lane != OTHER_LANE and bloc != previous:
            headings.append((at + HEADER_LANES / 2, bloc))
            at += HEADER_LANES
        previous = bloc
        height = OTHER_LANES if lane == OTHER_LANE else 1
        centres.append(at + height / 2)
        at += height
    return LaneLayout(order, centres, headings, at)


def jitter(dates: pd.Series, lane: pd.Series, min_gap: pd.Timedelta) -> pd.Series:
    """A vertical offset per quote (in lanes, one of `JITTER`, or `OTHER_JITTER` in the other speakers' lane) so
    that the markers of a lane closer than `min_gap` in time sit on different rows: each quote, in date order (then
    by index), takes the first row whose last marker is far enough, else the row left longest ago. Deterministic."""
    order = pd.DataFrame({"date": dates, "lane": lane}).sort_values(["lane", "date"], kind="stable")
    offsets, last = [], {}
    for key, day in zip(order["lane"], order["date"]):
        slots = OTHER_JITTER if key == OTHER_LANE else JITTER
        rows = last.setdefault(key, [None] * len(slots))
        free = [i for i, seen in enumerate(rows) if seen is None or day - seen >= min_gap]
        row = free[0] if free else min(range(len(rows)), key=lambda i: rows[i])
        rows[row] = day
        offsets.append(slots[row])
    return pd.Series(offsets, index=order.index, dtype=float).reindex(dates.index)


def _marker_px(keys: pd.Series, lanes_by: str) -> int:
    """The markers' size: smaller when the busiest lane holds more quotes than its rows can show side by side."""
    size = MARKER_PX - (1 if lanes_by == "all" else 0)
    busiest = int(keys.value_counts().max()) if len(keys) else 0
    room = len(JITTER) * ASSUMED_PLOT_PX / size / 3  # markers a lane shows side by side, as quotes cluster in time
    return size if busiest <= room else 9 if busiest <= 3 * room else 7


def _legend_rows(names: list[str]) -> int:
    """About how many rows the horizontal legend takes on a narrow screen (its title has a row of its own)."""
    width = sum(36 + 6.5 * len(name) for name in names)
    return 1 + max(1, -(-width // LEGEND_WIDTH_PX))


def quotes_timeline(quotes: pd.DataFrame, day=None, *, colour_by: str = "position", window=None,
                    lanes_by: str = "blocs", top: int = TOP_SPEAKERS) -> go.Figure:
    """A lane per bloc (`lanes_by="blocs"`), per most quoted speaker with the rest in one lane (`"speakers"`, the
    `top` of `quotes.lane_keys`) or per speaker (`"all"`), speakers under their bloc's heading, blocs in
    the dataset's order. Lane labels are cut short so that time takes most of the width; the hover names the speaker,
    whom they speak for and the bloc in full. A marker per quote coloured by the position it expresses or by bloc;
    filled when verbatim, hollow when a paraphrase; markers that would hide each other in a lane are moved a
    little up or down. Each marker carries its quote id first in customdata, for selection events.
    `window`: the (first, last) day to show, else the whole span of `quotes` and `day`."""
    x_range = [pd.Timestamp(d) for d in window] if window else _whole_span(quotes["date"], day)
    layout = lane_layout(quotes, lanes_by, top)
    centre = dict(zip(layout.lanes["lane"], layout.centres))
    keys = lane_keys(quotes, lanes_by, top)
    size = _marker_px(keys[keys != OTHER_LANE], lanes_by)
    min_gap = (x_range[1] - x_range[0]) * (size / ASSUMED_PLOT_PX)
    y = keys.map(centre) + jitter(quotes["date"], keys, min_gap)
    hovers = [f"{hover}<br>bloc: {for_plotly(bloc)}" for hover, bloc in zip(quote_hovers(quotes), quotes["bloc"].fillna(""))]
    customdata = pd.DataFrame({"id": quotes["id"], "hover": hovers}, index=quotes.index)
    fig = new_figure()
    groups = [group for group in _quote_colour_groups(quotes, colour_by) if group[2].any()]
    legend = [name for name, _, _ in groups]
    # drawn from the back: the grey of 'no stance cites it' under the colours that say something; the legend keeps
    # the groups' order (legendrank)
    for name, colour, in_colour in sorted(groups, key=lambda group: group[0] != UNKNOWN_POSITION):
        for verbatim in (True, False):  # one symbol per trace: a per-point symbol list is slow to validate
            rows = quotes[in_colour & (quotes["verbatim"] == verbatim)]
            if rows.empty and not verbatim:
                continue
            # the filled trace carries the legend entry, a swatch of colour: without a verbatim quote, it holds one
            # undrawn point (no x) on the first lane, as plotly leaves an empty trace out of the legend
            x, ys = (rows["date"], y.loc[rows.index]) if not rows.empty else ([None], layout.centres[:1])
            fig.add_trace(go.Scatter(
                x=x, y=ys, mode="markers", name=name, legendgroup=name, showlegend=verbatim,
                legendrank=1000 + legend.index(name),
                marker=dict(size=size, color=colour, opacity=0.9, line=dict(width=2 if size > 8 else 1.5, color=colour),
                            symbol="circle" if verbatim else "circle-open"),
                cliponaxis=False, customdata=customdata.loc[rows.index].values,
                hovertemplate="%{customdata[1]}<extra></extra>",
            ))
    _draw_headings(fig, layout, _bloc_colours_of(quotes))
    legend_title = ("Position it expresses" if colour_by == "position" else "Bloc") + " · filled: verbatim, hollow: paraphrase"
    plot_px = LANE_PX[lanes_by] * layout.depth
    top_axis = plot_px > TOP_AXIS_PX
    top_px = LEGEND_ROW_PX * _legend_rows(legend) + 30 + (24 if top_axis else 0)  # legend, as-of label, top axis
    fig.update_layout(
        height=round(top_px + 40 + plot_px), hovermode="closest", clickmode="event+select",
        dragmode="pan",
        yaxis=dict(title=None, tickmode="array", tickvals=layout.centres,
                   ticktext=[for_plotly(label, LABEL_CHARS) for label in layout.lanes["label"]],
                   range=[layout.depth, 0], fixedrange=True, showgrid=True, zeroline=False, automargin=True,
                   tickfont=dict(size=13), ticks="", ticklabelstandoff=6),
        xaxis=dict(title=None, type="date", range=x_range, automargin=True, showline=True, linecolor="#c8c8c8"),
        legend=dict(title=dict(text=legend_title, side="top"), orientation="h", yref="container", y=1, yanchor="top",
                    xref="container", x=0, itemsizing="constant"),
        margin=dict(l=10, r=10, t=top_px, b=40),
    )
    if top_axis:  # the years again above a tall chart, on an axis that follows the one below
        fig.update_layout(xaxis2=dict(matches="x", overlaying="x", side="top", type="date", showgrid=False,
                                      **_top_ticks(*x_range)))
        fig.add_trace(go.Scatter(x=[None], y=[None], xaxis="x2", showlegend=False, hoverinfo="skip"))  # draws it
    if day is not None:
        mark_day(fig, day)
        if top_axis:
            fig.layout.annotations[-1].yshift = 22  # the as-of label above the top axis's years
    return fig


def _top_ticks(first: pd.Timestamp, last: pd.Timestamp) -> dict:
    """Fixed ticks for the repeated time axis (plotly.js places a matched axis's automatic date ticks a little off,
    and labels 1 Jan 2014 '2013'): years, or months over a short span; at most about 16."""
    years = (last - first).days / 365.25
    if years >= 3:
        step, unit, fmt = math.ceil(years / 16), "YS", "%Y"
    else:
        step, unit, fmt = max(1, math.ceil(years)), "MS", "%b %Y"
    ticks = pd.date_range(first.normalize(), last, freq=f"{step}{unit}")
    return dict(tickmode="array", tickvals=list(ticks), tickformat=fmt)


def _draw_headings(fig: go.Figure, layout: LaneLayout, colours: dict[str, str]) -> None:
    """Each bloc's heading over its speakers' lanes: a light band across the plot with the bloc's colour and name at
    its left (in the plot, where no marker is drawn: the axis keeps its width); a line above the other speakers."""
    half = HEADER_LANES / 2
    for at, bloc in layout.headings:
        fig.add_shape(type="rect", xref="paper", x0=0, x1=1, y0=at - half, y1=at + half, layer="below",
                      fillcolor="#f3f3f3", line_width=0)
        fig.add_annotation(xref="paper", x=0, y=at, xanchor="left", showarrow=False, font=dict(size=12, color="#444"),
                           text=f"<span style='color:{colours.get(bloc, UNKNOWN_ACTOR_COLOUR)}'>■</span> <b>{for_plotly(bloc, 60)}</b>")
    if layout.headings and OTHER_LANE in set(layout.lanes["lane"]):
        bottom = layout.centres[-1] - OTHER_LANES / 2
        fig.add_shape(type="line", xref="paper", x0=0, x1=1, y0=bottom, y1=bottom, layer="below",
                      line=dict(color="#c8c8c8", width=1))


def events_strip(events: pd.DataFrame, day, days: int = 45) -> go.Figure:
    """Key events on one line of time, coloured by kind, the as-of day marked; hover names the source."""
    fig = new_figure()
    for kind, rows in events.groupby("kind"):
        fig.add_trace(go.Scatter(
            x=rows["date"], y=[0] * len(rows), mode="markers", name=kind,
            marker=dict(size=14, color=event_colour(kind), symbol="diamond"),
            customdata=pd.DataFrame({"title": rows["title"].map(for_plotly), "source": rows["source_id"].map(for_plotly)}).values,
            hovertemplate="<b>%{customdata[0]}</b><br>" + PLOTLY_DAY + "<br>source: %{customdata[1]}<extra></extra>"))
    window = pd.Timedelta(days=days)
    fig.update_layout(height=170, yaxis=dict(visible=False, range=[-1, 1]), showlegend=True,
                      xaxis=dict(title=None, range=[pd.Timestamp(day) - window, pd.Timestamp(day) + window]),
                      margin=dict(l=10, r=10, t=30, b=10))
    mark_day(fig, day)
    return fig
