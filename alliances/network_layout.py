"""One place per actor for the whole dataset: a map of the network that holds still when the day changes.

The layout is computed once per dataset from every tie over time (allies drawn together, enemies kept
apart), then spread until no two labels overlap, so that any day's graph, any focus and any filter shows
each actor at the same spot, and a day change only adds and removes ties. ndtv and Palantir's timeline
views do the same; a layout per day (what this app did before) moves every actor on every change.

Large datasets: the `CORE` actors with the most ties over time are laid out by force; the others are set
around the core actor they are most tied to, or in a row by bloc when they have no tie at all.
"""
from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pandas as pd

from .dataset import Dataset
from .memo import memoised
from .schema import tie_sign
from .text import shorten

CORE = 200                 # actors laid out by force (the graph draws at most 150); the rest beside their strongest tie
SEED = 7
PULL = {1: 2.0, 0: 1.0, -1: 0.3}   # how hard a tie of each sign draws its two actors together, per intensity
# the box the app draws for an actor (vis-network options in network_html): a node of radius up to 36 px and,
# under it, a label of at most LABEL_CHARS characters of up to 22 px type (an Arial character is about 0.55 em)
LABEL_PX, NODE_PX, CHAR_EM, MARGIN_PX = 22, 72, 0.55, 24
ASPECT = 1.4   # the graph's frame is wider than tall: the map is stretched to fill it
LABEL_CHARS = 26


def node_label(name: str) -> str:
    """The label written under an actor's node: its name, cut to LABEL_CHARS (the tooltip has it whole)."""
    return shorten(name, LABEL_CHARS)


def label_box(name: str) -> tuple[float, float]:
    """Width and height (canvas pixels) that an actor's node and label take, the label under the node."""
    width = max(NODE_PX, CHAR_EM * LABEL_PX * len(node_label(name))) + MARGIN_PX
    return width, NODE_PX + 1.3 * LABEL_PX + MARGIN_PX


@memoised(8, key=lambda ds: ds.key)
def stable_positions(ds: Dataset) -> dict[str, tuple[float, float]]:
    """Actor id -> (x, y) in canvas pixels, the same for every day, focus and filter of `ds` (memoised by content)."""
    return _layout(ds)


def history_weights(relations: pd.DataFrame) -> nx.Graph:
    """Every pair ever tied, weighted by how hard its ties pull (sign and intensity), all periods together."""
    graph = nx.Graph()
    for source, target, rel_type, intensity in zip(relations["source"], relations["target"], relations["type"],
                                                   relations["intensity"]):
        if source == target:
            continue
        pull = PULL[tie_sign(rel_type)] * int(intensity)
        graph.add_edge(source, target, weight=graph.get_edge_data(source, target, {"weight": 0.0})["weight"] + pull)
    return graph


def _layout(ds: Dataset) -> dict[str, tuple[float, float]]:
    names = dict(zip(ds.actors["id"], ds.actors["name"].astype(str)))
    blocs = dict(zip(ds.actors["id"], ds.actors["bloc"].astype(str)))
    graph = history_weights(ds.relations)
    strength = dict(graph.degree(weight="weight"))
    ranked = sorted(graph, key=lambda a: (-strength[a], a))
    core = sorted(ranked[:CORE])
    positions: dict[str, np.ndarray] = {}
    if core:
        sub = graph.subgraph(core)
        boxes = {a: label_box(names.get(a, a)) for a in core}
        laid = _pull_in(nx.spring_layout(sub, weight="weight", seed=SEED, iterations=120))  # seeded: the same every time
        # as large as the boxes need when packed, then spread until none overlaps
        scale = 0.6 * math.sqrt(sum(w * h for w, h in boxes.values()))
        positions.update(_spread({a: p * scale * np.array([ASPECT, 1.0]) for a, p in laid.items()}, boxes))
    positions.update(_beside_strongest(graph, ranked[CORE:], positions, names))
    positions.update(_untied_rows(ds, graph, positions, names, blocs))
    return {a: (round(float(p[0]), 1), round(float(p[1]), 1)) for a, p in sorted(positions.items())}


def _pull_in(positions: dict[str, np.ndarray], keep: float = 0.8) -> dict[str, np.ndarray]:
    """Bring actors a force layout throws far out (one weak tie) back near the rest: no one farther from the centre
    than 1.2 times the distance within which `keep` of the actors stand. A far actor would shrink the whole map."""
    ids = list(positions)
    xy = np.array([positions[a] for a in ids], dtype=float)
    xy -= xy.mean(axis=0)
    radius = np.hypot(xy[:, 0], xy[:, 1])
    cap = 1.2 * max(np.quantile(radius, keep), 1e-9)
    far = radius > cap
    xy[far] *= ((cap + 0.1 * (radius[far] - cap)) / radius[far])[:, None]
    return dict(zip(ids, xy))


def _spread(positions: dict[str, np.ndarray], boxes: dict[str, tuple[float, float]], rounds: int = 400) -> dict:
    """Move actors apart, a little at a time, until no two label boxes overlap (at most `rounds` rounds)."""
    ids = sorted(positions)
    xy = np.array([positions[a] for a in ids], dtype=float)
    size = np.array([boxes[a] for a in ids], dtype=float)
    if len(ids) < 2:
        return dict(zip(ids, xy))
    need = (size[:, None, :] + size[None, :, :]) / 2           # centre distance needed on each axis
    for _ in range(rounds):
        gap = xy[:, None, :] - xy[None, :, :]
        overlap = need - np.abs(gap)
        clash = (overlap[..., 0] > 0) & (overlap[..., 1] > 0)
        np.fill_diagonal(clash, False)
        if not clash.any():
            break
        # push each clashing pair apart along the line between them (not along an axis, which would line actors up
        # and hide ties behind nodes), by half the smaller overlap each
        length = np.hypot(gap[..., 0], gap[..., 1])
        unit = np.where(length[..., None] > 1e-6, gap / np.maximum(length, 1e-6)[..., None], np.array([1.0, 0.0]))
        step = np.where(clash, np.minimum(overlap[..., 0], overlap[..., 1]) / 2 + 0.5, 0.0)
        xy += (unit * step[..., None]).sum(axis=1)
    return dict(zip(ids, xy))


def _beside_strongest(graph: nx.Graph, rest: list[str], placed: dict, names: dict) -> dict[str, np.ndarray]:
    """Actors beyond the core: on a ring around the placed actor they are most tied to, in order of strength."""
    out: dict[str, np.ndarray] = {}
    around: dict[str, int] = {}
    for actor in rest:
        anchors = [(data["weight"], other) for other, data in graph[actor].items() if other in placed]
        if not anchors:
            anchors = [(data["weight"], other) for other, data in graph[actor].items() if other in out]
        if not anchors:
            continue
        anchor = max(anchors)[1]
        centre = placed.get(anchor, out.get(anchor))
        n = around[anchor] = around.get(anchor, 0) + 1
        radius = 120 + 40 * (n // 12)
        angle = 2 * math.pi * (n % 12) / 12 + 0.26 * (n // 12)
        out[actor] = centre + radius * np.array([math.cos(angle), math.sin(angle)])
    return out


def _untied_rows(ds: Dataset, graph: nx.Graph, placed: dict, names: dict, blocs: dict) -> dict[str, np.ndarray]:
    """Actors with no tie placed yet: in rows under the map, by bloc, so that a focus on one of them still has a spot."""
    left = sorted((a for a in ds.actors["id"] if a not in placed), key=lambda a: (blocs.get(a, ""), names.get(a, a)))
    known = [p for a, p in placed.items()]
    bottom = max((p[1] for p in known), default=0.0) + 2 * NODE_PX + 2 * LABEL_PX
    left_edge = min((p[0] for p in known), default=0.0)
    width = max(900.0, (max((p[0] for p in known), default=0.0) - left_edge))
    out, x, y = {}, left_edge, bottom
    for actor in left:
        w, h = label_box(names.get(actor, actor))
        if x + w > left_edge + width:
            x, y = left_edge, y + h
        out[actor] = np.array([x + w / 2, y])
        x += w
    return out
