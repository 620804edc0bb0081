"""How things look, the same on every page: colours (actors, blocs, tie families, event kinds, positions),
shapes per actor kind, how a day is written, and the plotly theme every figure is built with.

Palettes are Paul Tol's and Okabe & Ito's colour-blind-safe sets. An actor takes its own
colour where it has one (the main holders of ground must differ on the territory chart),
else its bloc's.

Figures are made with `new_figure`, which names the theme explicitly: plotly's global default is never
changed, so a figure looks the same whichever modules were imported before it.
"""
from __future__ import annotations

import hashlib

import pandas as pd
import plotly.graph_objects as go

from .schema import tie_sign

BLOC_COLOURS = {
    "Assad camp": "#882255",
    "Astana guarantors": "#CC6677",
    "US-led coalition": "#332288",
    "Kurdish-led": "#DDCC77",
    "Syrian opposition": "#117733",
    "Syrian transitional authorities": "#44AA99",
    "Jihadist": "#555555",
    "UN": "#88CCEE",
    "Arab states": "#999933",
    "Israel": "#AA4499",
    "Other states": "#BBBBBB",
    "International bodies": "#BBBBBB",
    "Analysts": "#BBBBBB",
    "Contested": "#E8E8E8",
}
ACTOR_COLOURS = {
    "syria-gov": "#882255", "syria-transitional": "#44AA99", "sdf": "#DDCC77", "isis": "#222222",
    "hts": "#997700", "sna": "#117733", "fsa": "#66AA55", "contested": "#E8E8E8",
    "russia": "#CC6677", "iran": "#EE8866", "turkey": "#AA3377", "usa": "#332288",
}
_SPARE = ("#4477AA", "#66CCEE", "#228833", "#CCBB44", "#EE6677", "#AA3377", "#77AADD", "#EEDD88")
UNKNOWN_ACTOR_COLOUR = "#999999"   # an id no actor row names (a hostile or half-edited dataset)
# one colour per publisher where publishers are compared (the territory chart's 'Compare sources')
PUBLISHER_PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000", "#999933")
UNKNOWN_POSITION_COLOUR = "#D9D9D9"   # a cell with no stance on record: grey, never neutral
AGREEMENT_SCALE = [[0.0, "#8C510A"], [0.25, "#D8B365"], [0.5, "#F5F5F5"], [0.75, "#5AB4AC"], [1.0, "#01665E"]]
EVENT_KIND_COLOURS = {"diplomacy": "#0072B2", "military": "#D55E00", "political": "#009E73", "humanitarian": "#CC79A7"}
UNKNOWN_KIND_COLOUR = "#777777"
EDGE_COLOURS = {"positive": "#0072B2", "mediation": "#7F7F7F", "negative": "#D55E00"}
KIND_SHAPES = {"state": "dot", "government": "square", "armed_group": "triangle", "political_group": "diamond",
               "international_org": "star", "person": "triangleDown", "other": "hexagon"}
POSITION_SCALE = [[0.0, "#B2182B"], [0.25, "#EF8A62"], [0.5, "#F7F7F7"], [0.75, "#67A9CF"], [1.0, "#2166AC"]]
# a position as one marker colour: the heatmap's ends; neutral darker than its near-white so a marker shows
POSITION_COLOURS = {-2: "#B2182B", -1: "#EF8A62", 0: "#8C8C8C", 1: "#67A9CF", 2: "#2166AC", None: "#CFCFCF"}


def tie_family(rel_type: str) -> str:
    return {1: "positive", 0: "mediation", -1: "negative"}[tie_sign(rel_type)]


def bloc_colour(bloc: str) -> str:
    if bloc in BLOC_COLOURS:
        return BLOC_COLOURS[bloc]
    return _SPARE[int(hashlib.md5(bloc.encode()).hexdigest(), 16) % len(_SPARE)]


def actor_colours(actors: pd.DataFrame) -> dict[str, str]:
    """Actor id -> colour for every actor of the dataset."""
    return {a: ACTOR_COLOURS.get(a) or bloc_colour(b) for a, b in zip(actors["id"], actors["bloc"])}


def event_colour(kind: str) -> str:
    return EVENT_KIND_COLOURS.get(kind, UNKNOWN_KIND_COLOUR)


# ---------------------------------------------------------------- days

DAY_FORMAT = "%-d %b %Y"                 # 30 Jan 2018, in text and tables
PLOTLY_DAY = "%{x|" + DAY_FORMAT + "}"   # the same in a plotly hovertemplate (d3 reads the same directives)


def day_text(value) -> str:
    """A day as people read it ('30 Jan 2018'); '' for none."""
    return "" if value is None or pd.isna(value) else pd.Timestamp(value).strftime(DAY_FORMAT)


def iso_day(value) -> str:
    """A day as links, files and the network's tooltips write it ('2018-01-30'); '' for none."""
    return "" if value is None or pd.isna(value) else pd.Timestamp(value).date().isoformat()


# ---------------------------------------------------------------- the plotly theme

# Small on purpose: plotly copies a figure's template on every build, and its own default is most of what a
# chart costs the server on each rerun (see the stack notes).
THEME = go.layout.Template(layout=dict(
    font=dict(family="Source Sans Pro, Arial, sans-serif", size=14, color="#262730"),
    paper_bgcolor="#ffffff", plot_bgcolor="#ffffff",
    xaxis=dict(gridcolor="#ececec", zeroline=False), yaxis=dict(gridcolor="#ececec", zeroline=False),
    hoverlabel=dict(font_size=13), margin=dict(l=10, r=10, t=40, b=10),
    legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0),
))


def new_figure(data=None, **layout) -> go.Figure:
    """A plotly figure in the app's theme, with `layout` on top.

    The theme is set the way plotly sets its own default, without validating it again: it is validated once,
    above, and validating a template on every figure costs twenty times what the rest of an empty figure does.
    """
    fig = go.Figure(data, layout=layout)
    fig.layout._validate = False
    try:
        fig.layout.template = THEME
    finally:
        fig.layout._validate = True
    return fig


def mark_day(fig: go.Figure, day, label: str = "as of") -> None:
    """A dotted vertical line on `day`, labelled above the plot."""
    fig.add_vline(x=pd.Timestamp(day), line_width=2, line_dash="dot", line_color="#262730")
    fig.add_annotation(x=pd.Timestamp(day), y=1.0, yref="paper", text=label, showarrow=False, yanchor="bottom",
                       font=dict(size=12))
