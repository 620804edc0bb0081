"""One colour per actor, the same on every page; shapes per actor kind; colours per family of tie.

Palettes are Paul Tol's and Okabe & Ito's colour-blind-safe sets. An actor takes its own
colour where it has one (the main holders of ground must differ on the territory chart),
else its bloc's.
"""
from __future__ import annotations

import hashlib

import pandas as pd

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
