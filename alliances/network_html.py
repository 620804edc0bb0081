"""The network as an HTML page for vis-network, built with pyvis and a template of our own.

pyvis' own template links bootstrap from a CDN and, once any tooltip contains `href`, inserts
tooltips as raw HTML; ours loads vis-network from the app (or inlines it for an offline file),
gives vis-network plain-text titles only, which it shows as text, and writes the legend through
Jinja's autoescape.

Nodes start where a seeded networkx layout puts them (allies drawn together, enemies apart), so
the same view always looks the same; small graphs then settle with a short, bounded physics run,
and large ones are drawn without physics at all.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import jinja2
import networkx as nx
import pandas as pd
from pyvis.network import Network

from .dataset import Dataset
from .network import GraphFilters, change_marks, changes_between, graph_as_of
from .presentation import EDGE_COLOURS, KIND_SHAPES, UNKNOWN_ACTOR_COLOUR, actor_colours, iso_day, tie_family
from .schema import ACTOR_KINDS, DIRECTED_TYPES, NEGATIVE_TYPES, NEUTRAL_TYPES, POSITIVE_TYPES

VIS_JS = Path(__file__).resolve().parent.parent / "static" / "vis-network-9.1.2.min.js"
VIS_JS_URL = "/app/static/vis-network-9.1.2.min.js"
GRAPH_HEIGHT_PX = 640
PHYSICS_MAX_NODES = 80          # above this, physics would not settle within about two seconds
STABILISATION_ITERATIONS = 150
CHANGE_BAND = "#F0E442"     # Okabe & Ito yellow, drawn like a highlighter around a changed tie
_TEMPLATE = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
                               autoescape=True).get_template("network.html")


def node_title(data: dict, names: dict) -> str:
    lines = [data.get("name", ""), f"{data.get('kind', '').replace('_', ' ')} · {data.get('bloc', '')}"]
    if isinstance(data.get("affiliation"), str) and data["affiliation"]:
        lines.append(f"for {names.get(data['affiliation'], data['affiliation'])}")
    if data.get("description"):
        lines.append(data["description"])
    lines.append(f"ties shown: weight {data.get('weighted_degree', 0)} (sum of intensities)")
    return "\n".join(lines)


def edge_title(data: dict, names: dict, sources: pd.DataFrame, change: str = "") -> str:
    arrow = "→" if data["directed"] else "—"
    period = f"{iso_day(data['start'])} to {iso_day(data['end']) or 'now'}"
    lines = [f"{names.get(data['source'], data['source'])} {arrow} {names.get(data['target'], data['target'])}",
             f"{data['type']} (intensity {data['intensity']}), {period}"]
    if change:
        lines.append(f"Change: {change}")
    if isinstance(data.get("note"), str) and data["note"]:
        lines.append(data["note"])
    if data["source_id"] in sources.index:
        src = sources.loc[data["source_id"]]
        lines.append(f"Source: {src['publisher']}, “{src['title']}”, {iso_day(src['date'])}")
    return "\n".join(lines)


def layout_positions(graph: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Seeded spring layout in pixels: positive ties pull harder than neutral ones, negative ones least.

    Each group of connected actors is laid out on its own and the groups are set side by side in
    rows, largest first (a single layout of them all squashes small groups into dots and pushes
    actors without a tie among those shown to the rim); actors alone follow, by bloc.
    """
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph))
    for u, v, data in graph.edges(data=True):
        pull = {1: 2.0, 0: 1.0, -1: 0.3}[data["sign"]] * data["intensity"]
        simple.add_edge(u, v, weight=simple.get_edge_data(u, v, {"weight": 0})["weight"] + pull)
    groups = sorted((sorted(c) for c in nx.connected_components(simple)),
                    key=lambda c: (-len(c), graph.nodes[c[0]].get("bloc", ""), c[0]))
    row_width = max(900.0, 160 * math.sqrt(simple.number_of_nodes()))
    positions: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for group in groups:
        local = {group[0]: (0.0, 0.0)} if len(group) == 1 else nx.spring_layout(
            simple.subgraph(group), weight="weight", seed=7, iterations=80, scale=40 + 60 * math.sqrt(len(group)))
        left, top = min(p[0] for p in local.values()), min(p[1] for p in local.values())
        width = max(p[0] for p in local.values()) - left + (_GAP if len(group) > 1 else _ALONE_WIDTH)
        height = max(p[1] for p in local.values()) - top + _GAP
        if x and x + width > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        positions.update({n: (x + px - left, y + py - top) for n, (px, py) in local.items()})
        x, row_height = x + width, max(row_height, height)
    return {n: (round(float(px), 1), round(float(py), 1)) for n, (px, py) in positions.items()}


_GAP = 90.0           # pixels between groups of actors laid out side by side
_ALONE_WIDTH = 130.0  # room for the label of an actor alone


def build_network(graph: nx.MultiDiGraph, colours: dict[str, str], sources: pd.DataFrame,
                  marks: dict[tuple, str] | None = None, absent: list[dict] = ()) -> Network:
    """A pyvis Network of `graph`: node colour by actor, shape by kind, size by weighted degree;
    edge colour by family of tie, width by intensity, arrows on directed ties.

    `marks` labels shown edges ((source, target, key) -> change) over a highlighter band; `absent` are changed
    ties not in force on the graph's day (see `network.change_marks`), drawn faded and dashed.
    """
    marks = marks or {}
    names = {n: d.get("name", n) for n, d in graph.nodes(data=True)}
    src = sources.set_index("id") if "id" in sources.columns else sources
    big = graph.number_of_nodes() > PHYSICS_MAX_NODES
    net = Network(height=f"{GRAPH_HEIGHT_PX}px", width="100%", directed=True, cdn_resources="in_line")
    for node, (x, y) in layout_positions(graph).items():
        data = graph.nodes[node]
        net.add_node(node, label=data.get("name", node), title=node_title(data, names), x=x, y=y,
                     shape=KIND_SHAPES.get(data.get("kind"), "dot"), color=colours.get(node, UNKNOWN_ACTOR_COLOUR),
                     value=max(data.get("weighted_degree", 0), 1))
    pair_count: dict[frozenset, int] = {}
    ties = [(u, v, k, d, marks.get((u, v, k), ""), False) for u, v, k, d in graph.edges(keys=True, data=True)]
    ties += [(t["source"], t["target"], t["key"], t, t["change"], True) for t in absent]
    for u, v, key, data, change, faded in ties:
        family = tie_family(data["type"])
        nth = pair_count[frozenset((u, v))] = pair_count.get(frozenset((u, v)), 0) + 1
        edge = {"title": edge_title(data, names, src, change), "width": 1.5 * data["intensity"],
                "color": {"color": EDGE_COLOURS[family], "opacity": 0.35 if faded else 1.0},
                "arrows": {"to": {"enabled": bool(data["directed"]), "scaleFactor": 0.6}},
                "dashes": [3, 7] if faded else family == "mediation",
                "smooth": {"enabled": nth > 1, "type": "curvedCW", "roundness": 0.18 * (nth - 1)},
                "id": f"{u}|{v}|{key}"}
        if change:
            edge.update(label=change, font={"size": 14, "color": "#111111", "strokeWidth": 4, "strokeColor": "#ffffff",
                                            "align": "middle"})
            if not faded:  # vis-network draws a background on curved edges only: a straight one is a curve of roundness 0
                edge["background"] = {"enabled": True, "color": CHANGE_BAND, "size": 12}
                edge["smooth"]["enabled"] = True
        net.add_edge(u, v, **edge)
    net.options = _options(physics=not big)
    return net


def _options(physics: bool) -> dict:
    return {
        "physics": {"enabled": physics, "solver": "forceAtlas2Based",
                    "forceAtlas2Based": {"gravitationalConstant": -140, "springLength": 190, "avoidOverlap": 0.8},
                    "stabilization": {"enabled": physics, "iterations": STABILISATION_ITERATIONS, "fit": False}},
        "layout": {"improvedLayout": False},  # the positions come from networkx
        "nodes": {"borderWidth": 1, "scaling": {"min": 12, "max": 36,
                                                "label": {"enabled": True, "min": 15, "max": 22, "drawThreshold": 7}},
                  "font": {"face": "Arial", "strokeWidth": 4, "strokeColor": "#ffffff", "color": "#1a1a1a"}},
        "edges": {"selectionWidth": 2},
        "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": False, "keyboard": True},
    }


@dataclass(frozen=True)
class LegendEntry:
    label: str
    colours: tuple[str, ...] = ()
    shape: str = ""
    dashes: bool = False
    faded: bool = False
    band: bool = False


def legend(graph: nx.MultiDiGraph, colours: dict[str, str], comparison: str = "") -> dict[str, list[LegendEntry]]:
    """What the marks of `graph` mean: tie families and change marks, node shapes, and the colours of each bloc shown."""
    families = {tie_family(d["type"]) for _, _, d in graph.edges(data=True)} or {"positive", "mediation", "negative"}
    family_types = {"positive": POSITIVE_TYPES, "mediation": NEUTRAL_TYPES, "negative": NEGATIVE_TYPES}
    ties = [LegendEntry(family if family_types[family] == (family,) else f"{family} ({', '.join(family_types[family])})",
                        (EDGE_COLOURS[family],), dashes=family == "mediation")
            for family in ("positive", "mediation", "negative") if family in families]
    notes = [f"arrow: directed ({' and '.join(DIRECTED_TYPES)})", "width: intensity 1–3", "size: sum of intensities"]
    if comparison:
        ties += [LegendEntry(comparison, (CHANGE_BAND,), band=True),
                 LegendEntry("faded: not in force on this day", ("#333333",), dashes=True, faded=True)]
    kinds = {d.get("kind") for _, d in graph.nodes(data=True)}
    shapes = [LegendEntry(kind.replace("_", " "), shape=KIND_SHAPES.get(kind, "dot")) for kind in ACTOR_KINDS if kind in kinds]
    blocs: dict[str, list[str]] = {}
    for node, data in sorted(graph.nodes(data=True), key=lambda nd: -nd[1].get("weighted_degree", 0)):
        shades = blocs.setdefault(data.get("bloc", ""), [])
        if colours.get(node, UNKNOWN_ACTOR_COLOUR) not in shades:
            shades.append(colours.get(node, UNKNOWN_ACTOR_COLOUR))
    return {"ties": ties, "notes": notes, "shapes": shapes,
            "blocs": [LegendEntry(bloc, tuple(shades[:6])) for bloc, shades in sorted(blocs.items())]}


def render(net: Network, *, legend: dict | None = None, standalone: bool = False, title: str = "Alliances network") -> str:
    """The HTML page: vis-network loaded from the app, or inlined when `standalone` (an offline file)."""
    nodes, edges, *_ = net.get_network_data()
    return _TEMPLATE.render(nodes=nodes, edges=edges, options=net.options, height=f"{GRAPH_HEIGHT_PX}px", page_title=title,
                            legend=legend, vis_js_url=VIS_JS_URL,
                            inline_js=VIS_JS.read_text(encoding="utf-8") if standalone else None)


def graph_page(ds: Dataset, day, filters: GraphFilters = GraphFilters(), other=None, *, standalone: bool = False) -> str:
    """The whole page for a view: the graph of `day` under `filters`, with the changes since or until `other` marked."""
    graph = graph_as_of(ds, day, filters)
    marks, absent, comparison = {}, [], ""
    if other is not None and pd.Timestamp(other) != pd.Timestamp(day):
        marks, absent = change_marks(graph, changes_between(ds, day, other, filters))
        first, last = sorted([iso_day(day), iso_day(other)])
        comparison = f"band + label: formed, ended or flipped between {first} and {last}"
    colours = actor_colours(ds.actors)
    net = build_network(graph, colours, ds.sources, marks, absent)
    return render(net, legend=legend(graph, colours, comparison), standalone=standalone,
                  title=f"Alliances network as of {iso_day(day)}")
