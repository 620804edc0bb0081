"""Who stands with whom on a day: the ties in force as a graph, what changed, and its tensions."""
from __future__ import annotations

import io
from dataclasses import dataclass
from itertools import combinations

import networkx as nx
import pandas as pd

from .dataset import Dataset
from .days import in_force
from .schema import DIRECTED_TYPES, tie_sign

ASTANA_AXIS = ("russia", "iran", "turkey")


def ties_as_of(ds: Dataset, day) -> pd.DataFrame:
    """Relations in force on `day`, with their sign, direction and row number in relations.csv."""
    rel = ds.relations
    ties = rel[in_force(rel["start"], rel["end"], day)].copy()
    ties["row"] = ties.index + 2
    ties["sign"] = ties["type"].map(tie_sign)
    ties["directed"] = ties["type"].isin(DIRECTED_TYPES)
    return ties.reset_index(drop=True)


@dataclass(frozen=True)
class GraphFilters:
    types: tuple[str, ...] = ()          # empty: every type
    kinds: tuple[str, ...] = ()          # actor kinds shown; empty: every kind
    blocs: tuple[str, ...] = ()          # empty: every bloc
    min_intensity: int = 1
    hide_people: bool = False
    focus: tuple[str, ...] = ()          # actors at the centre; empty: the whole graph
    depth: int = 1
    max_nodes: int | None = None         # keep the most connected actors when set


def graph_as_of(ds: Dataset, day, filters: GraphFilters = GraphFilters()) -> nx.MultiDiGraph:
    """The ties in force on `day` as a graph: nodes carry actor columns, edges relation columns.

    Symmetric ties are stored once, source to target, with `directed=False`.
    """
    ties = ties_as_of(ds, day)
    actors = ds.actors.set_index("id")
    keep = ties["intensity"] >= filters.min_intensity
    if filters.types:
        keep &= ties["type"].isin(filters.types)
    allowed = actors
    if filters.kinds:
        allowed = allowed[allowed["kind"].isin(filters.kinds)]
    if filters.blocs:
        allowed = allowed[allowed["bloc"].isin(filters.blocs)]
    if filters.hide_people:
        allowed = allowed[allowed["kind"] != "person"]
    keep &= ties["source"].isin(allowed.index) & ties["target"].isin(allowed.index)
    ties = ties[keep]

    graph = nx.MultiDiGraph()
    for actor_id in pd.unique(ties[["source", "target"]].values.ravel()):
        graph.add_node(actor_id, **actors.loc[actor_id].to_dict())
    for focus in filters.focus:
        if focus in allowed.index and focus not in graph:
            graph.add_node(focus, **actors.loc[focus].to_dict())
    for tie in ties.to_dict("records"):
        graph.add_edge(tie["source"], tie["target"], **tie)

    if filters.focus:
        graph = _neighbourhood(graph, [f for f in filters.focus if f in graph], filters.depth)
    weighted = weighted_degree(graph)
    nx.set_node_attributes(graph, weighted, "weighted_degree")
    if filters.max_nodes and graph.number_of_nodes() > filters.max_nodes:
        top = sorted(weighted, key=lambda n: (-weighted[n], n))[: filters.max_nodes]
        hidden = graph.number_of_nodes() - len(top)
        graph = graph.subgraph(top).copy()
        graph.graph["hidden_nodes"] = hidden
    return graph


def _neighbourhood(graph: nx.MultiDiGraph, centre: list[str], depth: int) -> nx.MultiDiGraph:
    undirected = graph.to_undirected(as_view=True)
    reach: set[str] = set()
    for node in centre:
        reach |= set(nx.single_source_shortest_path_length(undirected, node, cutoff=depth))
    return graph.subgraph(reach).copy()


def weighted_degree(graph: nx.MultiDiGraph) -> dict[str, int]:
    """Sum of the intensities of every tie an actor has, in either direction."""
    totals = {n: 0 for n in graph}
    for u, v, data in graph.edges(data=True):
        totals[u] += data["intensity"]
        totals[v] += data["intensity"]
    return totals


def centrality(graph: nx.MultiDiGraph) -> pd.DataFrame:
    """Degree, weighted degree and betweenness of each shown actor, most central first."""
    simple = nx.Graph(graph.to_undirected())
    if simple.number_of_nodes() == 0:
        return pd.DataFrame(columns=["actor", "name", "bloc", "ties", "weighted_degree", "betweenness"])
    between = nx.betweenness_centrality(simple, k=min(200, simple.number_of_nodes()) if simple.number_of_nodes() > 400 else None, seed=7)
    rows = [{
        "actor": n, "name": graph.nodes[n].get("name", n), "bloc": graph.nodes[n].get("bloc", ""),
        "ties": graph.degree(n), "weighted_degree": graph.nodes[n].get("weighted_degree", 0),
        "betweenness": round(between.get(n, 0.0), 3),
    } for n in graph]
    return pd.DataFrame(rows).sort_values(["weighted_degree", "betweenness", "actor"], ascending=[False, False, True]).reset_index(drop=True)


def pair_signs(graph: nx.MultiDiGraph) -> dict[frozenset, dict]:
    """For each pair of actors with a signed tie: the net sign and the ties behind it.

    Several ties between one pair add up by intensity; a pair whose positive and negative ties
    cancel out is mixed (sign 0) and takes no part in triads.
    """
    pairs: dict[frozenset, dict] = {}
    for u, v, data in graph.edges(data=True):
        if data["sign"] == 0:
            continue
        entry = pairs.setdefault(frozenset((u, v)), {"score": 0, "ties": []})
        entry["score"] += data["sign"] * data["intensity"]
        entry["ties"].append(data)
    for entry in pairs.values():
        entry["sign"] = (entry["score"] > 0) - (entry["score"] < 0)
    return pairs


def unbalanced_triads(graph: nx.MultiDiGraph) -> list[dict]:
    """Triangles whose signs multiply to negative: the friend of my friend is my enemy (or all three hostile)."""
    pairs = {p: e for p, e in pair_signs(graph).items() if e["sign"] != 0}
    neighbours: dict[str, set] = {}
    for pair in pairs:
        a, b = tuple(pair)
        neighbours.setdefault(a, set()).add(b)
        neighbours.setdefault(b, set()).add(a)
    found = []
    for a in sorted(neighbours):
        for b, c in combinations(sorted(n for n in neighbours[a] if n > a), 2):
            bc = frozenset((b, c))
            if bc not in pairs:
                continue
            legs = [pairs[frozenset((a, b))], pairs[frozenset((a, c))], pairs[bc]]
            if legs[0]["sign"] * legs[1]["sign"] * legs[2]["sign"] < 0:
                found.append({"actors": (a, b, c), "legs": [
                    {"pair": pair, "sign": leg["sign"], "ties": leg["ties"]}
                    for pair, leg in zip(((a, b), (a, c), (b, c)), legs)]})
    return found


def changes_between(ds: Dataset, before, after) -> pd.DataFrame:
    """Ties formed, ended or flipped (net sign of the pair changed) between two days, earliest day first.

    A tie is a pair and a type: when one sourced period of it follows another, it did not change.
    """
    a, b = sorted([pd.Timestamp(before), pd.Timestamp(after)])
    key = ["source", "target", "type"]
    then = ties_as_of(ds, a).drop_duplicates(key, keep="last")
    now = ties_as_of(ds, b).drop_duplicates(key, keep="last")
    merged = then.merge(now, on=key, how="outer", indicator=True, suffixes=("", "_now"))
    rows = []
    for tie in merged.to_dict("records"):
        if tie["_merge"] == "both":
            continue
        formed = tie["_merge"] == "right_only"
        suffix = "_now" if formed else ""
        rows.append({"change": "formed" if formed else "ended", "source": tie["source"], "target": tie["target"],
                     "type": tie["type"], "start": tie["start" + suffix], "end": tie["end" + suffix],
                     "source_id": tie["source_id" + suffix], "note": tie["note" + suffix]})
    then_signs = _net_signs(then)
    now_signs = _net_signs(now)
    for pair, sign in now_signs.items():
        old = then_signs.get(pair, 0)
        if sign and old and sign != old:
            x, y = sorted(pair)
            rows.append({"change": "flipped", "source": x, "target": y,
                         "type": "positive" if sign > 0 else "negative", "start": pd.NaT, "end": pd.NaT,
                         "source_id": "", "note": f"net tie went from {'positive' if old > 0 else 'negative'} to "
                                                  f"{'positive' if sign > 0 else 'negative'}"})
    columns = ["change", "source", "target", "type", "start", "end", "source_id", "note"]
    return pd.DataFrame(rows, columns=columns).sort_values(["change", "source", "target"]).reset_index(drop=True)


def _net_signs(ties: pd.DataFrame) -> dict[frozenset, int]:
    score: dict[frozenset, int] = {}
    for tie in ties.to_dict("records"):
        if tie["sign"]:
            pair = frozenset((tie["source"], tie["target"]))
            score[pair] = score.get(pair, 0) + tie["sign"] * tie["intensity"]
    return {p: (s > 0) - (s < 0) for p, s in score.items()}


def _export_ready(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attributes are plain strings and numbers, as GraphML and GEXF require."""
    clean = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        clean.add_node(node, **{k: _plain(v) for k, v in data.items()})
    for u, v, data in graph.edges(data=True):
        clean.add_edge(u, v, **{k: _plain(val) for k, val in data.items() if k not in ("source", "target")})
    return clean


def _plain(value):
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
        return ""
    if isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def to_graphml(graph: nx.MultiDiGraph) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml(_export_ready(graph), buffer)
    return buffer.getvalue()


def to_gexf(graph: nx.MultiDiGraph) -> bytes:
    buffer = io.BytesIO()
    nx.write_gexf(_export_ready(graph), buffer)
    return buffer.getvalue()


def nodes_table(graph: nx.MultiDiGraph) -> pd.DataFrame:
    return pd.DataFrame([{"id": n, **{k: _plain(v) for k, v in d.items()}} for n, d in graph.nodes(data=True)])


def edges_table(graph: nx.MultiDiGraph) -> pd.DataFrame:
    columns = ["source", "target", "type", "intensity", "start", "end", "source_id", "note"]
    return pd.DataFrame([{c: _plain(d.get(c)) for c in columns} for _, _, d in graph.edges(data=True)], columns=columns)
