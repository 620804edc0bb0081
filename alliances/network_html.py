"""The network as an HTML page for vis-network, built with pyvis and a template of our own.

pyvis' own template links bootstrap from a CDN and, once any tooltip contains `href`, inserts
tooltips as raw HTML; ours loads vis-network from the app (or inlines it for an offline file)
and gives vis-network plain-text titles only, which it shows as text.
"""
from __future__ import annotations

from pathlib import Path

import jinja2
import networkx as nx
import pandas as pd
from pyvis.network import Network

from .colours import EDGE_COLOURS, KIND_SHAPES, tie_family

VIS_JS = Path(__file__).resolve().parent.parent / "static" / "vis-network-9.1.2.min.js"
VIS_JS_URL = "/app/static/vis-network-9.1.2.min.js"
_TEMPLATE = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
                               autoescape=True).get_template("network.html")


def _day(value) -> str:
    return "" if value is None or pd.isna(value) else pd.Timestamp(value).date().isoformat()


def node_title(data: dict) -> str:
    lines = [data.get("name", ""), f"{data.get('kind', '').replace('_', ' ')} · {data.get('bloc', '')}"]
    if data.get("description"):
        lines.append(data["description"])
    return "\n".join(lines)


def edge_title(data: dict, names: dict, sources: pd.DataFrame) -> str:
    arrow = "→" if data["directed"] else "—"
    period = f"{_day(data['start'])} to {_day(data['end']) or 'now'}"
    lines = [f"{names.get(data['source'], data['source'])} {arrow} {names.get(data['target'], data['target'])}",
             f"{data['type']} (intensity {data['intensity']}), {period}"]
    if data.get("note"):
        lines.append(data["note"])
    if data["source_id"] in sources.index:
        src = sources.loc[data["source_id"]]
        lines.append(f"Source: {src['publisher']}, “{src['title']}”, {_day(src['date'])}")
    return "\n".join(lines)


def build_network(graph: nx.MultiDiGraph, colours: dict[str, str], sources: pd.DataFrame,
                  highlight: set | None = None, physics: bool = True) -> Network:
    """A pyvis Network of `graph`: node colour by actor, shape by kind, size by weighted degree;
    edge colour by family of tie, width by intensity, arrows on directed ties; `highlight`
    holds (source, target, type, start) keys of ties drawn dashed as changes."""
    names = {n: d.get("name", n) for n, d in graph.nodes(data=True)}
    src = sources.set_index("id") if "id" in sources.columns else sources
    net = Network(height="640px", width="100%", directed=True, cdn_resources="in_line")
    for node, data in graph.nodes(data=True):
        net.add_node(node, label=data.get("name", node), title=node_title(data), shape=KIND_SHAPES.get(data.get("kind"), "dot"),
                     color=colours.get(node, "#999999"), size=10 + 3 * min(data.get("weighted_degree", 0), 20),
                     font={"size": 16, "face": "Arial", "strokeWidth": 3, "strokeColor": "#ffffff"})
    for u, v, data in graph.edges(data=True):
        family = tie_family(data["type"])
        changed = highlight is not None and (u, v, data["type"], data["start"]) in highlight
        net.add_edge(u, v, title=edge_title(data, names, src), color=EDGE_COLOURS[family], width=1.5 * data["intensity"],
                     arrows={"to": {"enabled": bool(data["directed"]), "scaleFactor": 0.6}},
                     dashes=family == "mediation" or changed, id=f"{u}|{v}|{data['type']}|{_day(data['start'])}")
    net.options = _options(physics)
    return net


def _options(physics: bool) -> dict:
    return {
        "physics": {"enabled": physics, "solver": "forceAtlas2Based",
                    "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 120, "avoidOverlap": 0.4},
                    "stabilization": {"enabled": True, "iterations": 200, "fit": True}},
        "edges": {"smooth": False, "selectionWidth": 2},
        "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": False, "keyboard": True},
        "nodes": {"borderWidth": 1},
    }


def render(net: Network, *, height: str = "640px", standalone: bool = False, title: str = "Alliances network") -> str:
    """The HTML page: vis-network loaded from the app, or inlined when `standalone` (an offline file)."""
    nodes, edges, *_ = net.get_network_data()
    return _TEMPLATE.render(nodes=nodes, edges=edges, options=net.options, height=height, page_title=title,
                            vis_js_url=VIS_JS_URL, inline_js=VIS_JS.read_text(encoding="utf-8") if standalone else None)
