"""Plotly figures of the quotes and the events, in the app's theme (`presentation.new_figure`), with every
piece of dataset text escaped for plotly (`text.for_plotly`)."""
from __future__ import annotations

import re

import plotly.graph_objects as go
import pandas as pd

from .presentation import DAY_FORMAT, PLOTLY_DAY, POSITION_COLOURS, bloc_colour, event_colour, mark_day, new_figure
from .quotes import lanes
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


def _lane_labels(rows: pd.DataFrame) -> list[list[str]]:
    """The two levels of a lane's label on the multicategory axis: actor spoken for, speaker (escaped)."""
    return [[for_plotly(v) for v in rows["voice_name"]], [for_plotly(v) for v in rows["speaker_name"]]]


def _quote_colour_groups(quotes: pd.DataFrame, colour_by: str):
    """(legend name, colour, mask) per colour, in legend order."""
    if colour_by == "bloc":
        for bloc in lanes(quotes)["bloc"].drop_duplicates():
            yield for_plotly(bloc), bloc_colour(bloc), quotes["bloc"] == bloc
        return
    for value, colour in POSITION_COLOURS.items():
        mask = quotes["position"].isna() if value is None else quotes["position"] == value
        yield (UNKNOWN_POSITION if value is None else POSITION_LABELS[value]), colour, mask.fillna(False)


def _whole_span(dates: pd.Series, day=None, margin: float = 0.03) -> list[pd.Timestamp]:
    """From the first to the last date (and the as-of day), with a margin of at least two weeks each side."""
    days = pd.concat([dates, pd.Series([pd.Timestamp(day)] if day is not None else [], dtype="datetime64[ns]")])
    first, last = days.min(), days.max()
    pad = max(pd.Timedelta(days=14), (last - first) * margin)
    return [first - pad, last + pad]


def quotes_timeline(quotes: pd.DataFrame, day=None, *, colour_by: str = "position", window=None) -> go.Figure:
    """One lane per speaker, grouped by the actor spoken for, the groups in bloc order; a marker per
    quote coloured by the position it expresses or by bloc; filled when verbatim, hollow when a
    paraphrase. Each marker carries its quote id first in customdata, for selection events.
    `window`: the (first, last) day to show, else the whole span of `quotes` and `day`."""
    x_range = [pd.Timestamp(d) for d in window] if window else _whole_span(quotes["date"], day)
    order = lanes(quotes)
    fig = new_figure(go.Scatter(  # invisible: fixes the lanes' order (plotly orders categories by appearance)
        x=[None] * len(order), y=_lane_labels(order), mode="markers",
        showlegend=False, hoverinfo="skip"))
    customdata = pd.DataFrame({"id": quotes["id"], "hover": quote_hovers(quotes)}, index=quotes.index)
    for name, colour, in_colour in _quote_colour_groups(quotes, colour_by):
        if not in_colour.any():
            continue
        for verbatim in (True, False):  # one symbol per trace: a per-point symbol list is slow to validate
            rows = quotes[in_colour & (quotes["verbatim"] == verbatim)]
            if rows.empty and not verbatim:
                continue
            # the filled trace carries the legend entry, a swatch of colour: without a verbatim quote, it holds one
            # undrawn point (no x) on the first lane, as plotly leaves an empty trace out of the legend
            x, y = (rows["date"], _lane_labels(rows)) if not rows.empty else ([None], _lane_labels(order.head(1)))
            fig.add_trace(go.Scatter(
                x=x, y=y, mode="markers", name=name, legendgroup=name, showlegend=verbatim,
                marker=dict(size=13, color=colour, line=dict(width=2, color=colour), opacity=0.9,
                            symbol="circle" if verbatim else "circle-open"), cliponaxis=False,
                customdata=customdata.loc[rows.index].values, hovertemplate="%{customdata[1]}<extra></extra>",
            ))
    legend_title = ("Position it expresses" if colour_by == "position" else "Bloc") + " · filled: verbatim, hollow: paraphrase"
    fig.update_layout(
        height=max(260, 130 + 30 * len(order)), hovermode="closest", clickmode="event+select", dragmode="pan",
        yaxis=dict(title=None, type="multicategory", autorange="reversed", showgrid=True, showdividers=True,
                   dividercolor="#c8c8c8", tickson="boundaries"),
        xaxis=dict(title=None, type="date", range=x_range),
        legend=dict(title=dict(text=legend_title, side="top"), yref="container", y=1, yanchor="top"),
        margin=dict(l=10, r=10, t=100, b=10),
    )
    if day is not None:
        mark_day(fig, day)
    return fig


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
