"""How things look, the same on every page: colours (actors, blocs, tie families, event kinds, positions),
shapes per actor kind, how a day is written, and the plotly theme every figure is built with.

Palettes are Paul Tol's and Okabe & Ito's colour-blind-safe sets. Blocs take the palette's colours in the order the
dataset names them; an actor takes the colour the data fixes for it (actors.csv's optional `colour`: the main holders
of ground must differ on the territory chart), else its bloc's.

Figures are made with `new_figure`, which names the theme explicitly: plotly's global default is never
changed, so a figure looks the same whichever modules were imported before it.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .schema import tie_sign

# Paul Tol's muted palette, then distinct hues of his bright and dark sets: 12 colour-blind-safe colours for blocs, given
# in the order actors.csv first names the blocs. A dataset with more blocs reuses them from the start: every legend,
# lane heading and hover names the bloc, so two blocs of one colour are still told apart by name.
BLOC_PALETTE = ("#CC6677", "#332288", "#DDCC77", "#117733", "#88CCEE", "#882255", "#44AA99", "#999933", "#AA4499",
                "#4477AA", "#EE7733", "#555555")
REMAINDER_ACTOR = "contested"   # the contract's actor for the share an estimate leaves unattributed
REMAINDER_COLOUR = "#E8E8E8"
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


def bloc_colours(blocs) -> dict[str, str]:
    """Bloc -> colour, for the blocs in the order given (a dataset's: actors.csv's order), each a palette colour in
    turn (repeating beyond the palette's 12)."""
    return {bloc: BLOC_PALETTE[i % len(BLOC_PALETTE)] for i, bloc in enumerate(dict.fromkeys(blocs))}


def actor_colours(actors: pd.DataFrame) -> dict[str, str]:
    """Actor id -> colour for every actor of the dataset: its own (the `colour` column) where the data fixes one,
    else its bloc's; the unattributed remainder is light grey."""
    blocs = bloc_colours(actors["bloc"])
    own = actors["colour"] if "colour" in actors.columns else pd.Series([""] * len(actors), index=actors.index)
    return {a: REMAINDER_COLOUR if a == REMAINDER_ACTOR and not c else (c or blocs[b])
            for a, b, c in zip(actors["id"], actors["bloc"], own.fillna(""))}


def event_colour(kind: str) -> str:
    return EVENT_KIND_COLOURS.get(kind, UNKNOWN_KIND_COLOUR)


# ---------------------------------------------------------------- days

DAY_FORMAT = "%-d %b %Y"                 # 30 Jan 2018, in text and tables
PLOTLY_DAY = "%{x|" + DAY_FORMAT + "}"   # the same in a plotly hovertemplate (d3 reads the same directives)


def day_text(value) -> str:
    """A day as people read it ('30 Jan 2018'); '' for none."""
    return "" if value is None or pd.isna(value) else pd.Timestamp(value).strftime(DAY_FORMAT)


def based_day(day, basis, iso: bool = False) -> str:
    """'30 Jan 2018 (first dated evidence: it may have begun earlier)': a tie's first or last day with what it rests on
    (relations.csv's start_basis or end_basis; none said for an empty or unknown basis)."""
    from .schema import BASIS_WORDS

    return (iso_day if iso else day_text)(day) + (f" ({BASIS_WORDS[basis]})" if basis in BASIS_WORDS else "")


def period_text(start, end, start_basis: str = "", end_basis: str = "", iso: bool = False) -> str:
    """'30 Jan 2018 (first dated evidence: it may have begun earlier) to now': each day with what it rests on."""
    ended = iso_day(end) != ""
    return f"{based_day(start, start_basis, iso)} to {based_day(end, end_basis, iso) if ended else 'now'}"


def iso_day(value) -> str:
    """A day as links, files and the network's tooltips write it ('2018-01-30'); '' for none."""
    return "" if value is None or pd.isna(value) else pd.Timestamp(value).date().isoformat()


def iso_days(values) -> np.ndarray:
    """Days as a chart's x values ('2018-01-30', None for none): a third of the bytes of the timestamps plotly
    would write ('2018-01-30T00:00:00.000000000'), which a chart sends again on every change of day. An array, which
    plotly takes as it is (a list it checks value by value: 25 times slower on a large chart)."""
    series = values if isinstance(values, pd.Series) else pd.Series(list(values), dtype=object)
    days = pd.to_datetime(series).dt.strftime("%Y-%m-%d")
    return days.astype(object).where(days.notna(), None).to_numpy()


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
