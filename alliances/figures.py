"""Plotly figures from the package's tables, with one colour per actor on every chart.

A small template of our own replaces plotly's default: copying the default template is most of
what a chart costs the server on each rerun (see stack notes).
"""
from __future__ import annotations

import html
import re

import plotly.graph_objects as go
import plotly.io as pio
import pandas as pd

from .colours import POSITION_COLOURS, bloc_colour
from .quotes import lanes
from .schema import POSITION_LABELS

pio.templates["alliances"] = go.layout.Template(layout=dict(
    font=dict(family="Source Sans Pro, Arial, sans-serif", size=14, color="#262730"),
    paper_bgcolor="#ffffff", plot_bgcolor="#ffffff",
    xaxis=dict(gridcolor="#ececec", zeroline=False), yaxis=dict(gridcolor="#ececec", zeroline=False),
    hoverlabel=dict(font_size=13), margin=dict(l=10, r=10, t=40, b=10),
    legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0),
))
pio.templates.default = "alliances"

DOWNLOAD_CONFIG = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2}}


def chart_config(filename: str, fmt: str = "png") -> dict:
    """Plotly config whose camera button saves `filename`.`fmt` (png or svg), rendered in the browser."""
    return {**DOWNLOAD_CONFIG, "toImageButtonOptions": {"format": fmt, "filename": filename, "scale": 2}}


def _day_line(fig: go.Figure, day, label: str = "as of") -> None:
    fig.add_vline(x=pd.Timestamp(day), line_width=2, line_dash="dot", line_color="#262730")
    fig.add_annotation(x=pd.Timestamp(day), y=1.0, yref="paper", text=label, showarrow=False, yanchor="bottom",
                       font=dict(size=12))


QUOTE_COLOURINGS = ("position", "bloc")
UNKNOWN_POSITION = "no stance cites it"
_LINE = re.compile(r"(.{1,70})(?:\s+|$)")


def _esc(text: str) -> str:
    """Dataset text made inert for plotly, which reads tags (<b>, <a href>) in hovers, ticks and legends.
    Quotation marks stay: plotly shows &quot; literally, and outside a tag they are harmless."""
    return html.escape(text, quote=False)


def _wrapped(text: str, limit: int = 180) -> str:
    """An escaped excerpt of `text`, cut near `limit` characters, in lines of about 70 joined by <br>."""
    excerpt = text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"
    return _LINE.sub(r"\1<br>", _esc(excerpt)).removesuffix("<br>")


def quote_hovers(quotes: pd.DataFrame) -> list[str]:
    """Hover text per quote, every piece of dataset text escaped (plotly renders hover as HTML):
    speaker and whom they speak for, date, verbatim or paraphrase, an excerpt, position, source."""
    return [
        f"<b>{_esc(speaker)}</b>{' for ' + _esc(behalf) if behalf else ''}<br>{day:%d %b %Y} · "
        f"{'verbatim' if verbatim else 'paraphrase'}<br><i>{_wrapped(text)}</i>"
        + ("" if pd.isna(position) else f"<br>position: {POSITION_LABELS[int(position)]} ({_esc(position_actor)})")
        + f"<br>source: {_esc(publisher)}, {_esc(title)}"
        for speaker, behalf, day, verbatim, text, position, position_actor, publisher, title in zip(
            quotes["speaker_name"], quotes["on_behalf_name"], quotes["date"], quotes["verbatim"], quotes["text"],
            quotes["position"], quotes["position_actor_name"], quotes["publisher"].fillna(""),
            quotes["source_title"].fillna(""))
    ]


def _lane_labels(rows: pd.DataFrame) -> list[list[str]]:
    """The two levels of a lane's label on the multicategory axis: actor spoken for, speaker (escaped)."""
    return [[_esc(v) for v in rows["voice_name"]], [_esc(v) for v in rows["speaker_name"]]]


def _quote_colour_groups(quotes: pd.DataFrame, colour_by: str):
    """(legend name, colour, mask) per colour, in legend order."""
    if colour_by == "bloc":
        for bloc in lanes(quotes)["bloc"].drop_duplicates():
            yield _esc(bloc), bloc_colour(bloc), quotes["bloc"] == bloc
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
    fig = go.Figure(go.Scatter(  # invisible: fixes the lanes' order (plotly orders categories by appearance)
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
        _day_line(fig, day)
    return fig


EVENT_KIND_COLOURS = {"diplomacy": "#0072B2", "military": "#D55E00", "political": "#009E73", "humanitarian": "#CC79A7"}


def events_strip(events: pd.DataFrame, day, days: int = 45) -> go.Figure:
    """Key events on one line of time, coloured by kind, the as-of day marked; hover names the source."""
    fig = go.Figure()
    for kind, rows in events.groupby("kind"):
        fig.add_trace(go.Scatter(
            x=rows["date"], y=[0] * len(rows), mode="markers", name=kind,
            marker=dict(size=14, color=EVENT_KIND_COLOURS.get(kind, "#999999"), symbol="diamond"),
            customdata=pd.DataFrame({"title": rows["title"].map(_esc), "source": rows["source_id"].map(_esc)}).values,
            hovertemplate="<b>%{customdata[0]}</b><br>%{x|%d %b %Y}<br>source: %{customdata[1]}<extra></extra>"))
    window = pd.Timedelta(days=days)
    fig.update_layout(height=170, yaxis=dict(visible=False, range=[-1, 1]), showlegend=True,
                      xaxis=dict(title=None, range=[pd.Timestamp(day) - window, pd.Timestamp(day) + window]),
                      margin=dict(l=10, r=10, t=30, b=10))
    _day_line(fig, day)
    return fig
