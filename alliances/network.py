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


def groups(ds) -> dict[str, tuple[str, tuple[str, ...]]]:
    """The dataset's named groups (groups.csv): id -> (title, member actor ids), in the file's order."""
    out: dict[str, tuple[str, list[str]]] = {}
    for group, title, actor in zip(ds.groups["group"], ds.groups["title"], ds.groups["actor"]):
        out.setdefault(group, (title, []))[1].append(actor)
    return {g: (title, tuple(dict.fromkeys(members))) for g, (title, members) in out.items()}


def ties_as_of(ds: Dataset, day) -> pd.DataFrame:
    """Relations in force on `day` (every relation, whatever its period, when `day` is None), with their sign,
    direction and row number in relations.csv."""
    rel = ds.relations
    ties = (rel if day is None else rel[in_force(rel["start"], rel["end"], day)]).copy()
    ties["row"] = ties.index + 2
    ties["sign"] = ties["type"].map(tie_sign)
    ties["directed"] = ties["type"].isin(DIRECTED_TYPES)
    return ties.reset_index(drop=True)


@dataclass(frozen=True)
class GraphFilters:
    """What the graph shows. None means every value; an empty tuple means none."""
    types: tuple[str, ...] | None = None
    kinds: tuple[str, ...] | None = None
    blocs: tuple[str, ...] | None = None
    min_intensity: int = 1
    hide_people: bool = False
    focus: tuple[str, ...] = ()          # actors at the centre, always shown; empty: the whole graph
    depth: int = 1
    max_nodes: int | None = None         # keep the focus and the most connected actors when set


def filtered_ties(ds: Dataset, day, filters: GraphFilters = GraphFilters()) -> pd.DataFrame:
    """`ties_as_of` that pass the type, intensity and actor filters (focus actors pass the actor filters),
    with each tie's `key` among the ties of its pair: type and first day, as a pair may have one tie
    per period ("cooperation|2016-06-29"; a duplicated row gets a key of its own). No focus, no cap."""
    ties = ties_as_of(ds, day)
    actors = ds.actors
    allowed = pd.Series(True, index=actors.index)
    if filters.kinds is not None:
        allowed &= actors["kind"].isin(filters.kinds)
    if filters.blocs is not None:
        allowed &= actors["bloc"].isin(filters.blocs)
    if filters.hide_people:
        allowed &= actors["kind"] != "person"
    shown = set(actors.loc[allowed, "id"]) | set(filters.focus)
    keep = (ties["intensity"] >= filters.min_intensity) & ties["source"].isin(shown) & ties["target"].isin(shown)
    if filters.types is not None:
        keep &= ties["type"].isin(filters.types)
    ties = ties[keep].reset_index(drop=True)
    keys = ties["type"] + "|" + ties["start"].dt.strftime("%Y-%m-%d")
    repeat = ties.assign(key=keys).groupby(["source", "target", "key"]).cumcount()
    return ties.assign(key=keys + repeat.map(lambda n: "+" * n))


def _shown_actors(ds: Dataset, ties: pd.DataFrame, filters: GraphFilters) -> tuple[list[str], tuple[str, ...]]:
    """The actors to draw (the focus and its neighbourhood, cut to the most connected) and the ones cut."""
    actors = set(ds.actors["id"])
    centre = [f for f in filters.focus if f in actors]
    if filters.focus:
        reach = set(centre)
        for _ in range(filters.depth):
            touching = ties["source"].isin(reach) | ties["target"].isin(reach)
            reach |= set(ties.loc[touching, "source"]) | set(ties.loc[touching, "target"])
        ties = ties[ties["source"].isin(reach) & ties["target"].isin(reach)]
    weights = _weights(ties)
    ranked = sorted(set(weights.index) | set(centre), key=lambda n: (n not in centre, -weights.get(n, 0), n))
    if filters.max_nodes and len(ranked) > filters.max_nodes:
        return ranked[: filters.max_nodes], tuple(ranked[filters.max_nodes:])
    return ranked, ()


def actors_over_time(ds: Dataset, filters: GraphFilters = GraphFilters()) -> list[str]:
    """Every actor the graph can show under `filters` on some day (the focus and the actors of `history_ties`;
    no cap), for a view that must not move when the day changes."""
    ties = history_ties(ds, filters)
    focus = {a for a in filters.focus if a in set(ds.actors["id"])}
    return sorted(set(ties["source"]) | set(ties["target"]) | focus)


def _weights(ties: pd.DataFrame) -> pd.Series:
    """Sum of the intensities of every tie an actor has, in either direction."""
    return pd.concat([ties.groupby("source")["intensity"].sum(), ties.groupby("target")["intensity"].sum()]) \
        .groupby(level=0).sum()


def graph_as_of(ds: Dataset, day, filters: GraphFilters = GraphFilters()) -> nx.MultiDiGraph:
    """The ties in force on `day` as a graph: nodes carry actor columns and `weighted_degree`, edges relation columns.

    Symmetric ties are stored once, source to target, with `directed=False`; each edge's key is the
    tie's `key` (see `filtered_ties`). With a focus, only the focus and the actors within `depth` ties of
    it are kept; when `max_nodes` cuts the graph, `graph.graph["hidden"]` lists the actors left out
    (most connected first) and `graph.graph["hidden_ties"]` counts the ties that went with them.
    """
    ties = filtered_ties(ds, day, filters)
    shown, hidden = _shown_actors(ds, ties, filters)
    within = ties["source"].isin(shown) & ties["target"].isin(shown)
    touching = ties["source"].isin(shown + list(hidden)) & ties["target"].isin(shown + list(hidden))
    ties = ties[within]
    graph = nx.MultiDiGraph(hidden=hidden, hidden_ties=int((touching & ~within).sum()))
    graph.add_nodes_from(ds.actors.set_index("id").loc[shown].to_dict("index").items())
    for tie in ties.to_dict("records"):
        graph.add_edge(tie["source"], tie["target"], key=tie.pop("key"), **tie)
    weights = _weights(ties)
    nx.set_node_attributes(graph, {n: int(weights.get(n, 0)) for n in graph}, "weighted_degree")
    return graph


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
    table = pd.DataFrame(rows).sort_values(["weighted_degree", "betweenness", "actor"], ascending=[False, False, True])
    return table.reset_index(drop=True)


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
    """Triangles whose signs multiply to negative, each with its `kind`: 'tension' (two positive ties and
    one negative: the friend of my friend is my enemy) first, the tensions analysts brief on, then
    'all hostile' (three mutual foes, which weak structural balance would accept)."""
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
                hostile = sum(leg["sign"] < 0 for leg in legs) == 3
                found.append({"actors": (a, b, c), "kind": "all hostile" if hostile else "tension", "legs": [
                    {"pair": pair, "sign": leg["sign"], "ties": leg["ties"]}
                    for pair, leg in zip(((a, b), (a, c), (b, c)), legs)]})
    return sorted(found, key=lambda t: t["kind"] != "tension")


_SIGN_WORDS = {1: "positive", -1: "negative"}
CHANGE_COLUMNS = ["day", "day_basis", "change", "source", "target", "type", "intensity", "start", "end", "start_basis",
                  "end_basis", "source_id", "more_sources", "note", "key"]


def changes_between(ds: Dataset, before, after, filters: GraphFilters = GraphFilters()) -> pd.DataFrame:
    """Ties formed, ended or flipped (net sign of the pair changed) between two days, in either order,
    in the order they happened. A tie is a pair and a type, whatever the rows that source its periods.

    `formed` ties are in force on the later day only (`day`: their first day), `ended` ones on the
    earlier day only (`day`: their last day). A `flipped` pair names and cites the strongest tie
    behind its new sign. The type, intensity and actor filters apply; with a focus or a cap, only
    changes between actors shown on one day or the other are kept (a tie that left the focus but
    still holds is no change).
    """
    first, last = sorted([pd.Timestamp(before), pd.Timestamp(after)])
    then, now = keyed_by_pair(filtered_ties(ds, first, filters)), keyed_by_pair(filtered_ties(ds, last, filters))
    # A tie is a pair and a type (either way round for an undirected type): one sourced period of it following
    # another is no change, whichever actor each row names first.
    pair = ["pair_a", "pair_b", "type"]
    both = then[pair].drop_duplicates().merge(now[pair].drop_duplicates(), on=pair, how="outer", indicator=True)
    formed = now.merge(both[both["_merge"] == "right_only"][pair], on=pair)
    ended = then.merge(both[both["_merge"] == "left_only"][pair], on=pair)
    parts = [formed.assign(change="formed", day=formed["start"], day_basis=formed["start_basis"]),
             ended.assign(change="ended", day=ended["end"], day_basis=ended["end_basis"]), _flips(then, now)]
    table = pd.concat([p for p in parts if not p.empty] or [pd.DataFrame(columns=CHANGE_COLUMNS)])[CHANGE_COLUMNS]
    if filters.focus or filters.max_nodes:
        shown = set(_shown_actors(ds, then, filters)[0]) | set(_shown_actors(ds, now, filters)[0])
        table = table[table["source"].isin(shown) & table["target"].isin(shown)]
    order = table["change"].map({"ended": 0, "formed": 1, "flipped": 2})
    return table.assign(_order=order).sort_values(["day", "_order", "source", "target", "key"]) \
        .drop(columns="_order").reset_index(drop=True)


def keyed_by_pair(ties: pd.DataFrame) -> pd.DataFrame:
    """`ties` with `pair_a` and `pair_b`: the pair as named for a directed type, in sorted order for an undirected one
    (A and B are one pair of an undirected type, two of a directed one)."""
    swap = ~ties["type"].isin(DIRECTED_TYPES) & (ties["source"] > ties["target"])
    return ties.assign(pair_a=ties["source"].where(~swap, ties["target"]), pair_b=ties["target"].where(~swap, ties["source"]))


def _flips(then: pd.DataFrame, now: pd.DataFrame) -> pd.DataFrame:
    def net(ties):
        signed = ties[ties["sign"] != 0]
        pairs = pd.Series([tuple(sorted(p)) for p in zip(signed["source"], signed["target"])], index=signed.index,
                          dtype=object)
        score = (signed["sign"] * signed["intensity"]).groupby(pairs).sum()
        return score.apply(lambda v: (v > 0) - (v < 0)), signed.assign(pair=pairs)

    old, _ = net(then)
    new, signed = net(now)
    rows = []
    for pair, sign in new.items():
        was = old.get(pair, 0)
        if sign and was and sign != was:
            candidates = signed[signed["sign"] == sign]
            behind = candidates[[p == pair for p in candidates["pair"]]].sort_values("intensity").iloc[-1]
            rows.append({**behind.to_dict(), "source": pair[0], "target": pair[1], "change": "flipped",
                         "day": behind["start"], "day_basis": "", "key": "",
                         "note": f"net tie went from {_SIGN_WORDS[was]} to {_SIGN_WORDS[sign]}"})
    return pd.DataFrame(rows, columns=CHANGE_COLUMNS)


def change_marks(graph: nx.MultiDiGraph, changes: pd.DataFrame) -> tuple[dict[tuple, str], list[dict]]:
    """How to mark `changes` on `graph`: a label per shown edge ((source, target, key) -> 'formed', 'ended',
    'flipped' or e.g. 'formed, flipped'), and the changed ties not in `graph` whose two actors it shows
    (in force on the other day only), as relation dicts with their `change`."""
    marks: dict[tuple, str] = {}
    absent = []
    for row in changes[changes["change"] != "flipped"].to_dict("records"):
        edge = (row["source"], row["target"], row["key"])
        if graph.has_edge(*edge):
            marks[edge] = row["change"]
        elif row["source"] in graph and row["target"] in graph:
            absent.append({**row, "sign": tie_sign(row["type"]), "directed": row["type"] in DIRECTED_TYPES})
    flipped = {frozenset((r["source"], r["target"])) for r in changes[changes["change"] == "flipped"].to_dict("records")}
    for u, v, key in graph.edges(keys=True):
        if frozenset((u, v)) in flipped:
            marks[(u, v, key)] = f"{marks[(u, v, key)]}, flipped" if (u, v, key) in marks else "flipped"
    return marks, absent


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
    """The day's graph as static GEXF. GEXF reserves an edge's `type` (directed or not) and reads `start` and `end` as
    a dynamic spell, so the relation type goes in `relation` (and the label) and the period in `first_day` and
    `last_day` (empty while the tie holds); `to_dynamic_gexf` writes the whole history for Gephi's timeline."""
    ready = _export_ready(graph)
    static = nx.MultiDiGraph()
    static.add_nodes_from((n, {**d, "label": d.get("name", n)}) for n, d in ready.nodes(data=True))
    renamed = {"type": "relation", "start": "first_day", "end": "last_day"}
    for u, v, data in ready.edges(data=True):
        static.add_edge(u, v, label=data.get("type", ""), **{renamed.get(k, k): val for k, val in data.items()})
    buffer = io.BytesIO()
    nx.write_gexf(static, buffer)
    return buffer.getvalue()


def nodes_table(graph: nx.MultiDiGraph) -> pd.DataFrame:
    return pd.DataFrame([{"id": n, **{k: _plain(v) for k, v in d.items()}} for n, d in graph.nodes(data=True)])


def edges_table(graph: nx.MultiDiGraph) -> pd.DataFrame:
    columns = ["source", "target", "type", "intensity", "start", "end", "source_id", "note"]
    return pd.DataFrame([{c: _plain(d.get(c)) for c in columns} for _, _, d in graph.edges(data=True)], columns=columns)


# ---------------------------------------------------------------- the whole history, for Gephi's timeline

def history_ties(ds: Dataset, filters: GraphFilters = GraphFilters()) -> pd.DataFrame:
    """Every tie period of the dataset (any day) that passes the type, intensity and actor filters (`filtered_ties`
    over all periods), oldest first. With a focus, the actors within `depth` ties of it on any day; `max_nodes` does
    not apply (exports hold every actor)."""
    ties = filtered_ties(ds, None, filters)
    if filters.focus:
        reach, _ = _shown_actors(ds, ties, GraphFilters(focus=filters.focus, depth=filters.depth))
        ties = ties[ties["source"].isin(reach) & ties["target"].isin(reach)].reset_index(drop=True)
    return ties.sort_values(["start", "row"], kind="stable")

def history_graph(ds: Dataset, filters: GraphFilters = GraphFilters()) -> nx.MultiDiGraph:
    """Every tie of the dataset that passes `filters` (see `history_ties`), each edge with its `start` and `end`
    (NaT while it holds), as `graph_as_of` stores them; each node spans its ties: `start` its first tie's first day,
    `end` its last tie's last day (NaT when a tie still holds). Nodes carry the actor columns and `weighted_degree`
    (the sum of the intensities of all its ties, over the whole history)."""
    ties = history_ties(ds, filters)
    ends = pd.concat([ties[["source", "start", "end"]].rename(columns={"source": "actor"}),
                      ties[["target", "start", "end"]].rename(columns={"target": "actor"})])
    first = ends.groupby("actor")["start"].min()
    still = ends["end"].isna().groupby(ends["actor"]).any()
    last = ends.groupby("actor")["end"].max().where(~still)
    shown = sorted(first.index)
    weights = _weights(ties)
    graph = nx.MultiDiGraph()
    rows = ds.actors.set_index("id").loc[shown].to_dict("index")
    graph.add_nodes_from((a, {**data, "start": first[a], "end": last[a], "weighted_degree": int(weights.get(a, 0))})
                         for a, data in rows.items())
    for tie in ties.to_dict("records"):
        graph.add_edge(tie["source"], tie["target"], key=tie.pop("key"), **tie)
    return graph


def to_dynamic_gexf(graph: nx.MultiDiGraph) -> bytes:
    """GEXF 1.2 with `mode="dynamic"` and `timeformat="date"` whose timeline Gephi plays: each edge (a tie period)
    and each node has a `start` and, unless it still holds, an `end` (both days count). GEXF reserves an edge's
    `type` (directed or not) and `label`, so the relation type goes in the `relation` attribute and the label;
    `weight` is the intensity. Every edge is written directed; `directed` says whether the relation type is."""
    dynamic = nx.MultiDiGraph(mode="dynamic")
    for node, data in graph.nodes(data=True):
        attributes = {k: _plain(v) for k, v in data.items() if k not in ("start", "end", "label", "id")}
        dynamic.add_node(node, label=_plain(data.get("name", node)), **attributes,
                         **_span(data.get("start"), data.get("end")))
    for u, v, key, data in graph.edges(keys=True, data=True):
        attributes = {k: _plain(val) for k, val in data.items()
                      if k not in ("source", "target", "type", "start", "end", "label", "id", "weight")}
        dynamic.add_edge(u, v, id=f"{u}|{v}|{key}", label=data["type"], relation=data["type"],
                         weight=int(data["intensity"]), **attributes, **_span(data.get("start"), data.get("end")))
    buffer = io.BytesIO()
    nx.write_gexf(dynamic, buffer, version="1.2draft")
    return buffer.getvalue()


def _span(start, end) -> dict:
    """`start` and `end` as GEXF dates; an open end is left out (the tie holds on)."""
    span = {}
    if start is not None and not pd.isna(start):
        span["start"] = _plain(pd.Timestamp(start))
    if end is not None and not pd.isna(end):
        span["end"] = _plain(pd.Timestamp(end))
    return span


def history_to_graphml(graph: nx.MultiDiGraph) -> bytes:
    """GraphML of `history_graph`: `start` and `end` are edge (and node) attributes, YYYY-MM-DD; an open end is
    left out of that edge or node."""
    clean = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        clean.add_node(node, **{k: _plain(v) for k, v in data.items() if k not in ("start", "end")},
                       **_span(data.get("start"), data.get("end")))
    for u, v, data in graph.edges(data=True):
        clean.add_edge(u, v, **{k: _plain(val) for k, val in data.items() if k not in ("source", "target", "start", "end")},
                       **_span(data.get("start"), data.get("end")))
    buffer = io.BytesIO()
    nx.write_graphml(clean, buffer)
    return buffer.getvalue()


def history_edges_table(graph: nx.MultiDiGraph) -> pd.DataFrame:
    """One row per tie period of `history_graph`: `edges_table`'s columns (start and end as YYYY-MM-DD, end empty
    while the tie holds) and whether the relation type is directed."""
    table = edges_table(graph)
    return table.assign(directed=[bool(d["directed"]) for _, _, d in graph.edges(data=True)])
