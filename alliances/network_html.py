"""The network as an HTML page for vis-network, built with pyvis and a template of our own.

pyvis' own template links bootstrap from a CDN and, once any tooltip contains `href`, inserts
tooltips as raw HTML; ours loads vis-network from the app (or inlines it for an offline file),
gives vis-network plain-text titles only, which it shows as text, and writes the legend through
Jinja's autoescape.

Every actor stands where `network_layout.stable_positions` puts it for the whole dataset (allies drawn
together, enemies apart, no label over another), with physics off, and the view frames every actor the
filters can show on any day: a day change adds and removes ties, and moves no one.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import jinja2
import networkx as nx
import pandas as pd
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup
from pyvis.network import Network

from .dataset import Dataset
from .memo import memoised
from .network import GraphFilters, actors_over_time, change_marks, changes_between, filtered_ties, graph_as_of
from .network_layout import NODE_PX, label_box, node_label, stable_positions
from .presentation import EDGE_COLOURS, KIND_SHAPES, UNKNOWN_ACTOR_COLOUR, actor_colours, iso_day, period_text, tie_family
from .schema import ACTOR_KINDS, DIRECTED_TYPES, NEGATIVE_TYPES, NEUTRAL_TYPES, POSITIVE_TYPES, split_ids

VIS_JS = Path(__file__).resolve().parent.parent / "static" / "vis-network-9.1.2.min.js"
VIS_JS_URL = "/app/static/vis-network-9.1.2.min.js"
GRAPH_HEIGHT_PX = 640
CHANGE_BAND = "#F0E442"     # Okabe & Ito yellow, drawn like a highlighter around a changed tie
_TEMPLATE = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
                               autoescape=True).get_template("network.html")


WEIGHT_LINE = "ties shown: weight {} (sum of intensities)"   # the player rewrites it for each day drawn


def node_title(data: dict, names: dict) -> str:
    lines = [data.get("name", ""), f"{data.get('kind', '').replace('_', ' ')} · {data.get('bloc', '')}"]
    if isinstance(data.get("affiliation"), str) and data["affiliation"]:
        lines.append(f"for {names.get(data['affiliation'], data['affiliation'])}")
    if data.get("description"):
        lines.append(data["description"])
    lines.append(WEIGHT_LINE.format(data.get("weighted_degree", 0)))
    return "\n".join(lines)


def edge_title(data: dict, names: dict, sources: pd.DataFrame, change: str = "") -> str:
    arrow = "→" if data["directed"] else "—"
    period = period_text(data["start"], data["end"], _text(data.get("start_basis")), _text(data.get("end_basis")), iso=True)
    lines = [f"{names.get(data['source'], data['source'])} {arrow} {names.get(data['target'], data['target'])}",
             f"{data['type']} (intensity {data['intensity']}), {period}"]
    if change:
        lines.append(f"Change: {change}")
    if isinstance(data.get("note"), str) and data["note"]:
        lines.append(data["note"])
    for n, source_id in enumerate([data["source_id"], *split_ids(data.get("more_sources"))]):
        if source_id in sources.index:
            src = sources.loc[source_id]
            dated = f", {iso_day(src['date'])}" if iso_day(src["date"]) else ""
            lines.append(f"{'Source' if n == 0 else 'Also'}: {src['publisher']}, “{src['title']}”{dated}")
    return "\n".join(lines)


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def build_network(graph: nx.MultiDiGraph, colours: dict[str, str], sources: pd.DataFrame,
                  positions: dict[str, tuple[float, float]], marks: dict[tuple, str] | None = None,
                  absent: list[dict] = ()) -> Network:
    """A pyvis Network of `graph`: node colour by actor, shape by kind, size by weighted degree, each node at its
    place in `positions` (`network_layout.stable_positions`); edge colour by family of tie, width by intensity,
    arrows on directed ties.

    `marks` labels shown edges ((source, target, key) -> change) over a highlighter band; `absent` are changed
    ties not in force on the graph's day (see `network.change_marks`), drawn faded and dashed.
    """
    marks = marks or {}
    names = {n: d.get("name", n) for n, d in graph.nodes(data=True)}
    src = sources.set_index("id") if "id" in sources.columns else sources
    net = Network(height=f"{GRAPH_HEIGHT_PX}px", width="100%", directed=True, cdn_resources="in_line")
    for node in sorted(graph):
        data = graph.nodes[node]
        x, y = positions.get(node, (0.0, 0.0))
        net.add_node(node, label=node_label(data.get("name", node)), title=node_title(data, names), x=x, y=y,
                     shape=KIND_SHAPES.get(data.get("kind"), "dot"), color=colours.get(node, UNKNOWN_ACTOR_COLOUR),
                     value=max(data.get("weighted_degree", 0), 1))
    pair_count: dict[frozenset, int] = {}
    ties = [(u, v, k, d, marks.get((u, v, k), ""), False) for u, v, k, d in graph.edges(keys=True, data=True)]
    ties += [(t["source"], t["target"], t["key"], t, t["change"], True) for t in absent]
    for u, v, key, data, change, faded in ties:
        nth = pair_count[frozenset((u, v))] = pair_count.get(frozenset((u, v)), 0) + 1
        edge = edge_data(u, v, key, data, edge_title(data, names, src, change), nth, faded)
        if change:
            edge.update(label=change, font={"size": 14, "color": "#111111", "strokeWidth": 4, "strokeColor": "#ffffff",
                                            "align": "middle"})
            if not faded:  # vis-network draws a background on curved edges only: a straight one is a curve of roundness 0
                edge["background"] = {"enabled": True, "color": CHANGE_BAND, "size": 12}
                edge["smooth"]["enabled"] = True
        net.add_edge(u, v, **edge)
    net.options = OPTIONS
    return net


def edge_data(u: str, v: str, key: str, data: dict, title: str, nth: int = 1, faded: bool = False) -> dict:
    """How a tie is drawn: colour by family, width by intensity, an arrow when directed, the `nth` tie of a pair
    curved away from the others; `faded` for a changed tie not in force on the day drawn."""
    family = tie_family(data["type"])
    return {"title": title, "width": 1.5 * data["intensity"],
            "color": {"color": EDGE_COLOURS[family], "opacity": 0.35 if faded else 1.0},
            "arrows": {"to": {"enabled": bool(data["directed"]), "scaleFactor": 0.6}},
            "dashes": [3, 7] if faded else family == "mediation",
            "smooth": {"enabled": nth > 1, "type": "curvedCW", "roundness": 0.18 * (nth - 1)},
            "id": f"{u}|{v}|{key}"}


def history(ds: Dataset, filters: GraphFilters, positions: dict[str, tuple[float, float]], colours: dict[str, str]) -> dict:
    """What the page's player needs to draw any day without the server: every tie period that passes the filters
    (as vis-network edges, with `from`, `to`, `start`, `end`, `intensity`), every actor they touch (as nodes, at
    their place), the focus, depth and cap, and the key events to step through. Dates are YYYY-MM-DD strings."""
    ties = filtered_ties(ds, None, replace(filters, focus=()))
    actors = ds.actors.set_index("id")
    involved = sorted(set(ties["source"]) | set(ties["target"]) | {a for a in filters.focus if a in actors.index})
    names = actors["name"].to_dict()
    src = ds.sources.set_index("id")
    nodes = []
    for actor in involved:
        data = {"name": names.get(actor, actor), **actors.loc[actor].to_dict(), "weighted_degree": 0}
        x, y = positions.get(actor, (0.0, 0.0))
        nodes.append({"id": actor, "label": node_label(data["name"]), "title": node_title(data, names), "x": x, "y": y,
                      "shape": KIND_SHAPES.get(data.get("kind"), "dot"), "color": colours.get(actor, UNKNOWN_ACTOR_COLOUR),
                      "value": 1})
    pair_count: dict[frozenset, int] = {}
    edges = []
    for tie in ties.to_dict("records"):
        u, v = tie["source"], tie["target"]
        nth = pair_count[frozenset((u, v))] = pair_count.get(frozenset((u, v)), 0) + 1
        edge = edge_data(u, v, tie["key"], tie, edge_title(tie, names, src), nth)
        edges.append({**edge, "from": u, "to": v, "start": iso_day(tie["start"]), "end": iso_day(tie["end"]) or None,
                      "intensity": int(tie["intensity"])})
    events = ds.events.sort_values("date", kind="stable")
    first, last = ds.first_day(), ds.last_day()
    return {"nodes": nodes, "edges": edges, "focus": [a for a in filters.focus if a in actors.index],
            "depth": filters.depth, "max_nodes": filters.max_nodes, "first": first.isoformat(), "last": last.isoformat(),
            "events": [{"day": iso_day(d), "title": str(t)} for d, t in zip(events["date"], events["title"])],
            "weight_line": WEIGHT_LINE}


OPTIONS = {
    "physics": {"enabled": False},  # every actor has its place for the whole dataset (network_layout)
    "layout": {"improvedLayout": False},
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


def frame_of(positions: dict[str, tuple[float, float]], actors, names: dict[str, str]) -> dict[str, float]:
    """The rectangle (canvas pixels, labels included) that the view shows: every actor in `actors`, whether or not
    it has a tie on the day drawn, so that the view stays put when the day changes."""
    boxes = [(positions[a], label_box(names.get(a, a))) for a in actors if a in positions] or [((0.0, 0.0), (0.0, 0.0))]
    return {"x0": min(x - w / 2 for (x, _), (w, _) in boxes), "x1": max(x + w / 2 for (x, _), (w, _) in boxes),
            "y0": min(y - NODE_PX / 2 for (_, y), _ in boxes), "y1": max(y - NODE_PX / 2 + h for (_, y), (_, h) in boxes)}


# The page is sent again on every day change, periods and all: above this many tie periods (about 1.2 MB), the
# player is left out and the page says to narrow the view (10x the curated data has 500 with the default filters).
PLAYER_MAX_PERIODS = 1000


@memoised(32, key=lambda ds, filters: (ds.key, filters))
def _views_over_time(ds: Dataset, filters: GraphFilters) -> tuple[dict[str, float], Markup | None]:
    """The frame and the player's tie periods (as JSON safe in a script; None above PLAYER_MAX_PERIODS) for
    `filters`: the same for every day, so made once per dataset and filters (a new day at 100x would otherwise
    spend half a second on them)."""
    positions, names = stable_positions(ds), dict(zip(ds.actors["id"], ds.actors["name"]))
    record = history(ds, filters, positions, actor_colours(ds.actors))
    return (frame_of(positions, actors_over_time(ds, filters), names),
            htmlsafe_json_dumps(record) if len(record["edges"]) <= PLAYER_MAX_PERIODS else None)


def render(net: Network, *, frame: dict[str, float], day, player: Markup | None = None, legend: dict | None = None,
           standalone: bool = False, title: str = "Alliances network") -> str:
    """The HTML page: vis-network loaded from the app, or inlined when `standalone` (an offline file). `player` is the
    player's data as JSON made safe for a script (`jinja2.utils.htmlsafe_json_dumps`, as `tojson` makes it)."""
    nodes, edges, *_ = net.get_network_data()
    return _TEMPLATE.render(nodes=nodes, edges=edges, options=net.options, height=f"{GRAPH_HEIGHT_PX}px", page_title=title,
                            legend=legend, vis_js_url=VIS_JS_URL, frame=frame, day=iso_day(day), player=player,
                            player_max=PLAYER_MAX_PERIODS,
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
    net = build_network(graph, colours, ds.sources, stable_positions(ds), marks, absent)
    frame, player = _views_over_time(ds, filters)
    return render(net, frame=frame, day=day, player=player, legend=legend(graph, colours, comparison),
                  standalone=standalone, title=f"Alliances network as of {iso_day(day)}")
