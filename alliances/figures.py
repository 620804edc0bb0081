"""Plotly figures from the package's tables, with one colour per actor on every chart.

A small template of our own replaces plotly's default: copying the default template is most of
what a chart costs the server on each rerun (see stack notes).
"""
from __future__ import annotations

import html

import plotly.graph_objects as go
import plotly.io as pio
import pandas as pd

from .colours import POSITION_SCALE, bloc_colour
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


def _plain(text) -> str:
    """Dataset text for a figure: plotly draws <b>, <a href> and entities in any text, so escape them
    (quotes stay: plotly would show &quot; as it is)."""
    return html.escape(str(text), quote=False)


def chart_config(filename: str, fmt: str = "png") -> dict:
    """Plotly config whose camera button saves `filename`.`fmt` (png or svg), rendered in the browser."""
    return {**DOWNLOAD_CONFIG, "toImageButtonOptions": {"format": fmt, "filename": filename, "scale": 2}}


def _day_line(fig: go.Figure, day, label: str = "as of") -> None:
    fig.add_vline(x=pd.Timestamp(day), line_width=2, line_dash="dot", line_color="#262730")
    fig.add_annotation(x=pd.Timestamp(day), y=1.0, yref="paper", text=label, showarrow=False, yanchor="bottom",
                       font=dict(size=12))


def territory_chart(shares: pd.DataFrame, names: dict, colours: dict, day, *, stacked: bool = True,
                    events: pd.DataFrame | None = None) -> go.Figure:
    """Shares of Syria per faction from one source's dated estimates: markers on the estimates,
    straight lines between them (drawn as interpolation, said in the hover)."""
    fig = go.Figure()
    for actor, rows in shares.groupby("actor", sort=False):
        rows = rows.sort_values("date")
        fig.add_trace(go.Scatter(
            x=rows["date"], y=rows["share_pct"], name=_plain(names.get(actor, actor)), mode="lines+markers",
            stackgroup="one" if stacked else None, line=dict(color=colours.get(actor, "#999999"), width=2),
            marker=dict(size=7), fillcolor=colours.get(actor, "#999999") if stacked else None,
            customdata=rows[["source_id", "note"]].map(_plain).values,
            hovertemplate="<b>%{fullData.name}</b><br>%{x|%d %b %Y}: %{y:.1f}%<br>source: %{customdata[0]}"
                          "<br>%{customdata[1]}<extra>lines between markers are interpolated</extra>",
        ))
    fig.update_layout(yaxis=dict(title="% of Syria's territory", range=[0, 100] if stacked else None),
                      xaxis=dict(title=None), height=460, hovermode="closest")
    if events is not None:
        for event in events.itertuples():
            fig.add_vline(x=event.date, line_width=1, line_color="#bbbbbb")
            fig.add_annotation(x=event.date, y=0, yref="paper", text=_plain(event.title), textangle=-90, showarrow=False,
                               xanchor="right", yanchor="bottom", font=dict(size=10, color="#666666"))
    _day_line(fig, day)
    return fig


def quotes_timeline(quotes: pd.DataFrame, blocs: dict, day=None) -> go.Figure:
    """One lane per speaker, a marker per quote coloured by the speaker's bloc; hollow for paraphrases."""
    fig = go.Figure()
    for bloc, rows in quotes.assign(bloc=quotes["speaker"].map(blocs).fillna("")).groupby("bloc", sort=True):
        excerpt = rows["text"].str.slice(0, 90) + rows["text"].map(lambda t: "…" if len(t) > 90 else "")
        fig.add_trace(go.Scatter(
            x=rows["date"], y=rows["speaker_name"].map(_plain), mode="markers", name=_plain(bloc) or "—",
            marker=dict(size=13, color=bloc_colour(bloc), line=dict(width=2, color=bloc_colour(bloc)),
                        symbol=["circle" if v else "circle-open" for v in rows["verbatim"]]),
            customdata=pd.DataFrame({"id": rows["id"], "excerpt": excerpt.map(_plain), "publisher": rows["publisher"].map(_plain),
                                     "kind": rows["verbatim"].map({True: "verbatim", False: "paraphrase"})}).values,
            hovertemplate="<b>%{y}</b>, %{x|%d %b %Y}<br>%{customdata[1]}<br>%{customdata[3]} · %{customdata[2]}<extra></extra>",
        ))
    lanes = max(4, quotes["speaker_name"].nunique())
    fig.update_layout(height=120 + 28 * lanes, yaxis=dict(title=None, categoryorder="category descending"),
                      xaxis=dict(title=None), clickmode="event+select")
    if day is not None:
        _day_line(fig, day)
    return fig


def positions_heatmap(matrix: pd.DataFrame, names: dict, issue_titles: dict) -> go.Figure:
    """Actors x issues, diverging from strongly against (red) to strongly for (blue); blank where unknown."""
    labels = matrix.map(lambda v: "unknown" if pd.isna(v) else POSITION_LABELS[int(v)])
    fig = go.Figure(go.Heatmap(
        z=matrix.values, x=[_plain(issue_titles.get(i, i)) for i in matrix.columns], y=[_plain(names.get(a, a)) for a in matrix.index],
        zmin=-2, zmax=2, colorscale=POSITION_SCALE, xgap=2, ygap=2, text=labels.values,
        hovertemplate="<b>%{y}</b><br>%{x}: %{text}<extra></extra>",
        colorbar=dict(title="position", tickvals=[-2, -1, 0, 1, 2], ticktext=[POSITION_LABELS[i] for i in range(-2, 3)]),
    ))
    fig.update_layout(height=140 + 26 * len(matrix), plot_bgcolor="#f0f0f0",
                      yaxis=dict(autorange="reversed", showgrid=False), xaxis=dict(side="top", showgrid=False))
    return fig
