"""The graph as of a day, its changes, tensions and exports."""
from __future__ import annotations

import io
import re
import tempfile
from pathlib import Path

import networkx as nx
import pandas as pd
from sample_data import write_dataset
from scaled_data import scaled_tables

from alliances.csv_export import csv_bytes
from alliances.dataset import load
from alliances.network import (
    GraphFilters,
    centrality,
    change_marks,
    changes_between,
    edges_table,
    graph_as_of,
    history_edges_table,
    history_graph,
    history_to_graphml,
    nodes_table,
    ties_as_of,
    to_dynamic_gexf,
    to_gexf,
    to_graphml,
    unbalanced_triads,
)

ASTANA_AXIS = ("russia", "iran", "turkey")  # the sample data's named group (groups.csv: astana)


def pair_types(ties: pd.DataFrame, a: str, b: str) -> list[str]:
    return ties[(ties["source"] == a) & (ties["target"] == b)]["type"].tolist()


def test_start_and_end_days_are_in_force(mini):
    assert pair_types(ties_as_of(mini, "2015-11-23"), "russia", "turkey") == []
    assert pair_types(ties_as_of(mini, "2015-11-24"), "russia", "turkey") == ["hostility"]
    assert pair_types(ties_as_of(mini, "2016-06-28"), "russia", "turkey") == ["hostility"]
    assert pair_types(ties_as_of(mini, "2016-06-29"), "russia", "turkey") == ["cooperation"]


def test_empty_end_means_still_in_force(mini):
    assert pair_types(ties_as_of(mini, "2030-01-01"), "usa", "sdf") == ["support"]
    assert pair_types(ties_as_of(mini, "2024-12-09"), "russia", "syria-gov") == []


def test_graph_nodes_and_edges_carry_data(mini):
    graph = graph_as_of(mini, "2018-01-30")
    assert set(graph) == {"russia", "turkey", "usa", "sdf", "syria-gov", "un"}
    assert graph.nodes["russia"]["name"] == "Russia"
    [data] = graph.get_edge_data("usa", "sdf").values()
    assert data["directed"] and data["sign"] == 1 and data["intensity"] == 3
    assert graph.nodes["usa"]["weighted_degree"] == 3 + 2


def test_filters(mini):
    day = "2018-01-30"
    negatives = graph_as_of(mini, day, GraphFilters(types=("hostility", "rivalry")))
    assert {d["type"] for _, _, d in negatives.edges(data=True)} == {"hostility"}
    strong = graph_as_of(mini, day, GraphFilters(min_intensity=3))
    assert all(d["intensity"] == 3 for _, _, d in strong.edges(data=True))
    states = graph_as_of(mini, day, GraphFilters(kinds=("state",)))
    assert set(states) == {"russia", "turkey", "usa"}
    assert "un" not in graph_as_of(mini, day, GraphFilters(blocs=("Astana guarantors", "US-led coalition", "Kurdish-led", "Assad camp")))


def test_focus_depth(mini):
    day = "2018-01-30"
    assert set(graph_as_of(mini, day, GraphFilters(focus=("sdf",), depth=1))) == {"sdf", "usa", "turkey"}
    assert set(graph_as_of(mini, day, GraphFilters(focus=("sdf",), depth=2))) == {"sdf", "usa", "turkey", "russia"}
    assert "un" not in graph_as_of(mini, day, GraphFilters(focus=ASTANA_AXIS, depth=1))


def test_max_nodes_keeps_most_connected_and_counts_hidden(mini):
    graph = graph_as_of(mini, "2018-01-30", GraphFilters(max_nodes=3))
    assert graph.number_of_nodes() == 3 and len(graph.graph["hidden"]) == 3
    assert "turkey" in graph


def test_unbalanced_triad_us_turkey_sdf(mini):
    triads = unbalanced_triads(graph_as_of(mini, "2018-01-30"))
    assert [t["actors"] for t in triads] == [("sdf", "turkey", "usa")]
    signs = sorted(leg["sign"] for leg in triads[0]["legs"])
    assert signs == [-1, 1, 1]
    assert all(leg["ties"][0]["source_id"] == "src-a" for leg in triads[0]["legs"])


def test_no_triad_before_turkey_fought_the_sdf(mini):
    assert unbalanced_triads(graph_as_of(mini, "2016-01-01")) == []


def test_changes_between_days(mini):
    changes = changes_between(mini, "2015-12-15", "2018-01-30")
    formed = changes[changes["change"] == "formed"][["source", "target", "type"]].values.tolist()
    ended = changes[changes["change"] == "ended"][["source", "target", "type"]].values.tolist()
    flipped = changes[changes["change"] == "flipped"][["source", "target", "type"]].values.tolist()
    assert ["russia", "turkey", "cooperation"] in formed and ["turkey", "sdf", "hostility"] in formed
    assert ended == [["russia", "turkey", "hostility"]]
    assert flipped == [["russia", "turkey", "cooperation"]]


def test_changes_order_does_not_matter(mini):
    assert changes_between(mini, "2018-01-30", "2015-12-15").equals(changes_between(mini, "2015-12-15", "2018-01-30"))


def test_centrality(mini):
    table = centrality(graph_as_of(mini, "2018-01-30"))
    assert table.iloc[0]["actor"] == "turkey"
    assert table.set_index("actor").loc["turkey", "betweenness"] > 0


def test_exports_open_in_networkx(mini):
    graph = graph_as_of(mini, "2018-01-30")
    for data, reader in ((to_graphml(graph), nx.read_graphml), (to_gexf(graph), nx.read_gexf)):
        back = reader(io.BytesIO(data))
        assert set(back.nodes) == set(graph.nodes)
        assert back.number_of_edges() == graph.number_of_edges()
    assert set(nodes_table(graph)["id"]) == set(graph)
    edges = edges_table(graph)
    assert len(edges) == graph.number_of_edges() and set(edges["start"]) >= {"2015-10-01"}


def test_a_tie_continued_by_a_new_sourced_period_is_not_a_change(tmp_path, mini_tables):
    from sample_data import write_dataset

    from alliances.dataset import load
    mini_tables["relations"][2]["end"] = "2017-12-31"  # usa -> sdf support, evidenced again from 2018
    mini_tables["relations"].append({"source": "usa", "target": "sdf", "type": "support", "intensity": "2",
                                     "start": "2018-01-01", "end": "", "source_id": "src-a"})
    ds = load(write_dataset(tmp_path / "d", mini_tables))
    changes = changes_between(ds, "2016-01-01", "2018-06-01")
    assert not ((changes["source"] == "usa") & (changes["target"] == "sdf")).any()


def test_an_undirected_tie_continued_with_its_actors_named_the_other_way_round_is_not_a_change(tmp_path, mini_tables):
    # the curated US-Turkey rivalry: 'usa, turkey' until 29 Jan 2018, then 'turkey, usa' at another intensity
    from sample_data import write_dataset

    from alliances.dataset import load
    mini_tables["relations"][3].update(type="rivalry", end="2017-12-31")  # usa - turkey
    mini_tables["relations"].append({"source": "turkey", "target": "usa", "type": "rivalry", "intensity": "1",
                                     "start": "2018-01-01", "end": "", "source_id": "src-a"})
    mini_tables["relations"].append({"source": "sdf", "target": "usa", "type": "support", "intensity": "1",
                                     "start": "2018-01-01", "end": "", "source_id": "src-a"})
    ds = load(write_dataset(tmp_path / "d", mini_tables))
    changes = changes_between(ds, "2016-01-01", "2018-06-01")
    pairs = set(zip(changes["change"], changes["source"], changes["target"], changes["type"]))
    assert not {p for p in pairs if p[3] == "rivalry"}
    assert ("formed", "sdf", "usa", "support") in pairs  # a directed type is two ties, one each way


def edge_keys(graph) -> set[tuple]:
    return {(u, v, d["type"]) for u, v, d in graph.edges(data=True)}


def test_graph_on_first_and_last_day_of_a_tie(mini):
    assert ("russia", "turkey", "hostility") not in edge_keys(graph_as_of(mini, "2015-11-23"))
    assert ("russia", "turkey", "hostility") in edge_keys(graph_as_of(mini, "2015-11-24"))
    assert ("russia", "turkey", "hostility") in edge_keys(graph_as_of(mini, "2016-06-28"))
    assert ("russia", "turkey", "hostility") not in edge_keys(graph_as_of(mini, "2016-06-29"))
    assert ("russia", "syria-gov", "support") in edge_keys(graph_as_of(mini, "2024-12-08"))
    assert "syria-gov" in graph_as_of(mini, "2024-12-08") and ("russia", "syria-gov", "support") not in edge_keys(
        graph_as_of(mini, "2024-12-09"))


def test_changes_on_boundary_days(mini):
    def changed(before, after):
        return changes_between(mini, before, after)[["change", "source", "target", "type"]].values.tolist()

    assert ["formed", "russia", "turkey", "hostility"] in changed("2015-11-23", "2015-11-24")
    assert changed("2015-11-24", "2016-06-28") == []  # its first and last day: in force on both
    assert changed("2016-06-28", "2016-06-29") == [["ended", "russia", "turkey", "hostility"],
                                                   ["formed", "russia", "turkey", "cooperation"],
                                                   ["flipped", "russia", "turkey", "cooperation"]]


def test_changes_carry_day_and_source(mini):
    changes = changes_between(mini, "2015-12-15", "2018-01-30").set_index(["change", "type"])
    assert changes.loc[("ended", "hostility"), "day"] == pd.Timestamp("2016-06-28")
    assert changes.loc[("formed", "hostility"), "day"] == pd.Timestamp("2016-08-24")
    flipped = changes.loc[("flipped", "cooperation")]
    assert flipped["source_id"] == "src-a" and flipped["note"] == "net tie went from negative to positive"
    assert list(changes_between(mini, "2015-12-15", "2018-01-30")["day"]) == sorted(changes["day"])


def test_a_tie_entering_the_focus_is_no_change(mini):
    # USA–Turkey holds on both days; Turkey only enters SDF's neighbourhood when it turns on the SDF
    changes = changes_between(mini, "2015-12-15", "2018-01-30", GraphFilters(focus=("sdf",)))
    assert changes[["change", "source", "target", "type"]].values.tolist() == [["formed", "turkey", "sdf", "hostility"]]


def test_changes_follow_the_filters(mini):
    assert changes_between(mini, "2015-12-15", "2018-01-30", GraphFilters(types=("hostility",)))["change"].tolist() == \
        ["ended", "formed"]
    assert changes_between(mini, "2015-12-15", "2018-01-30", GraphFilters(kinds=("government",))).empty


def test_change_marks_on_the_later_day(mini):
    graph = graph_as_of(mini, "2018-01-30")
    marks, absent = change_marks(graph, changes_between(mini, "2015-12-15", "2018-01-30"))
    assert marks == {("russia", "turkey", "cooperation|2016-06-29"): "formed, flipped",
                     ("turkey", "sdf", "hostility|2016-08-24"): "formed"}
    assert [(t["source"], t["target"], t["type"], t["change"], t["sign"]) for t in absent] == [
        ("russia", "turkey", "hostility", "ended", -1)]


def test_change_marks_on_the_earlier_day(mini):
    graph = graph_as_of(mini, "2015-12-15")
    marks, absent = change_marks(graph, changes_between(mini, "2015-12-15", "2018-01-30"))
    assert marks == {("russia", "turkey", "hostility|2015-11-24"): "ended, flipped"}
    assert sorted((t["type"], t["change"]) for t in absent) == [("cooperation", "formed"), ("hostility", "formed")]


def test_empty_selection_shows_nothing_and_none_shows_everything(mini):
    assert graph_as_of(mini, "2018-01-30", GraphFilters(types=())).number_of_edges() == 0
    assert graph_as_of(mini, "2018-01-30", GraphFilters(types=None)).number_of_edges() == 6


def test_focus_stays_when_its_kind_is_hidden(mini):
    graph = graph_as_of(mini, "2018-01-30", GraphFilters(hide_people=True, focus=("peskov",)))
    assert set(graph) == {"peskov"} and graph.number_of_edges() == 0
    assert "sdf" in graph_as_of(mini, "2018-01-30", GraphFilters(kinds=("state",), focus=("sdf",)))


def test_cap_keeps_the_focus_and_the_most_connected(mini_tables):
    ds = load(write_dataset(Path(tempfile.mkdtemp()) / "scaled", scaled_tables(mini_tables, 300)))
    graph = graph_as_of(ds, "2018-01-30", GraphFilters(max_nodes=150))
    total = graph_as_of(ds, "2018-01-30")
    assert graph.number_of_nodes() == 150
    assert set(graph) | set(graph.graph["hidden"]) == set(total)
    assert {"usa"} | {f"group-{i}" for i in range(10)} <= set(graph)  # the hub and the ten allied groups
    assert graph.graph["hidden_ties"] == total.number_of_edges() - graph.number_of_edges()
    focused = graph_as_of(ds, "2018-01-30", GraphFilters(max_nodes=5, focus=("sdf",), depth=2))
    assert "sdf" in focused and focused.number_of_nodes() == 5 and len(focused.graph["hidden"]) == 304 - 5  # sdf; usa, turkey; russia and the groups


def test_exports_keep_attributes(mini):
    graph = graph_as_of(mini, "2018-01-30")
    back = nx.read_graphml(io.BytesIO(to_graphml(graph)))
    assert back.nodes["russia"]["name"] == "Russia" and back.nodes["russia"]["weighted_degree"] == 5
    types = {(u, v, d["type"]) for u, v, d in back.edges(data=True)}
    assert ("usa", "sdf", "support") in types
    gexf = to_gexf(graph).decode()
    assert 'mode="dynamic"' not in gexf  # a day's snapshot: no spells for Gephi to misread
    assert not re.search(r'<edge [^>]*type="(?!directed|undirected|mutual)', gexf)  # GEXF's own edge type only
    back = nx.read_gexf(io.BytesIO(gexf.encode()))
    ties = {(u, v, d["relation"], d["first_day"], d["last_day"]) for u, v, d in back.edges(data=True)}
    assert ("usa", "sdf", "support", "2015-10-01", "") in ties
    assert back.nodes["russia"]["label"] == "Russia"


def test_tensions_come_before_three_mutual_foes(tmp_path, mini_tables):
    from sample_data import write_dataset

    from alliances.dataset import load
    mini_tables["actors"].append({"id": "isis", "name": "ISIS", "kind": "armed_group", "bloc": "Jihadist"})
    for other in ("usa", "sdf"):
        mini_tables["relations"].append({"source": "isis", "target": other, "type": "hostility", "intensity": "3",
                                         "start": "2014-01-01", "end": "", "source_id": "src-a"})
    mini_tables["relations"].append({"source": "isis", "target": "turkey", "type": "hostility", "intensity": "3",
                                     "start": "2014-01-01", "end": "", "source_id": "src-a"})
    triads = unbalanced_triads(graph_as_of(load(write_dataset(tmp_path / "d", mini_tables)), "2018-01-30"))
    kinds = [t["kind"] for t in triads]
    assert kinds[0] == "tension" and triads[0]["actors"] == ("sdf", "turkey", "usa")
    assert "all hostile" not in kinds[:kinds.count("tension")]


# ---------------------------------------------------------------- the whole history with its periods

def periods(graph: nx.MultiDiGraph, a: str, b: str, type_key: str = "type") -> dict[str, tuple]:
    """relation type -> (start, end or None) of the edges a -> b of a graph read back."""
    return {d[type_key]: (d.get("start"), d.get("end") or None) for u, v, d in graph.edges(data=True) if (u, v) == (a, b)}


def test_history_holds_every_tie_of_every_day(mini):
    graph = history_graph(mini)
    assert graph.number_of_edges() == len(mini.relations) == 7
    ties = {(u, v, d["type"]): (d["start"], d["end"]) for u, v, d in graph.edges(data=True)}
    assert ties[("russia", "turkey", "hostility")] == (pd.Timestamp("2015-11-24"), pd.Timestamp("2016-06-28"))
    assert ties[("russia", "turkey", "cooperation")][0] == pd.Timestamp("2016-06-29")
    assert pd.isna(ties[("russia", "turkey", "cooperation")][1])
    assert graph.nodes["turkey"]["start"] == pd.Timestamp("2011-01-01") and pd.isna(graph.nodes["turkey"]["end"])


def test_history_follows_the_filters_and_the_focus_over_all_days(mini):
    hostile = history_graph(mini, GraphFilters(types=("hostility",)))
    assert sorted((u, v) for u, v in hostile.edges()) == [("russia", "turkey"), ("turkey", "sdf")]
    # Russia's only hostile tie ended: its span ends with it; Turkey's with the SDF holds
    assert (hostile.nodes["russia"]["start"], hostile.nodes["russia"]["end"]) == (pd.Timestamp("2015-11-24"), pd.Timestamp("2016-06-28"))
    assert pd.isna(hostile.nodes["turkey"]["end"])
    focused = history_graph(mini, GraphFilters(focus=("sdf",), depth=1))
    assert set(focused) == {"sdf", "usa", "turkey"} and focused.number_of_edges() == 3
    # an ended tie counts for the focus: the Russia–Turkey hostility reaches Russia at depth 2
    assert "russia" in history_graph(mini, GraphFilters(focus=("sdf",), depth=2, types=("hostility",)))


def test_dynamic_gexf_reads_back_with_its_periods(mini):
    data = to_dynamic_gexf(history_graph(mini))
    text = data.decode()
    assert 'mode="dynamic"' in text and 'timeformat="date"' in text
    back = nx.read_gexf(io.BytesIO(data))
    assert back.graph["mode"] == "dynamic" and back.number_of_edges() == 7
    assert periods(back, "russia", "turkey", "relation") == {"hostility": ("2015-11-24", "2016-06-28"),
                                                            "cooperation": ("2016-06-29", None)}
    cooperation = next(d for u, v, d in back.edges(data=True) if d["relation"] == "cooperation")
    assert "end" not in cooperation and cooperation["weight"] == 2 and cooperation["label"] == "cooperation"
    assert periods(back, "russia", "syria-gov", "relation") == {"support": ("2015-09-30", "2024-12-08")}
    assert (back.nodes["russia"]["start"], back.nodes["russia"].get("end")) == ("2015-09-30", None)
    assert back.nodes["russia"]["label"] == "Russia" and back.nodes["russia"]["bloc"] == "Astana guarantors"
    # an edge's GEXF type is directed or undirected only: no relation type there
    assert 'type="hostility"' not in text


def test_history_graphml_and_csv_carry_the_periods(mini):
    graph = history_graph(mini)
    back = nx.read_graphml(io.BytesIO(history_to_graphml(graph)))
    assert back.number_of_edges() == 7
    assert periods(back, "russia", "turkey") == {"hostility": ("2015-11-24", "2016-06-28"), "cooperation": ("2016-06-29", None)}
    assert not any("end" in d for u, v, d in back.edges(data=True) if d["type"] == "cooperation")
    assert back.nodes["syria-gov"]["start"] == "2014-07-10" and "end" not in back.nodes["syria-gov"]
    table = pd.read_csv(io.BytesIO(csv_bytes(history_edges_table(graph))), dtype=str, keep_default_na=False)
    rows = table[(table["source"] == "russia") & (table["target"] == "turkey")].set_index("type")
    assert (rows.loc["hostility", "start"], rows.loc["hostility", "end"]) == ("2015-11-24", "2016-06-28")
    assert (rows.loc["cooperation", "start"], rows.loc["cooperation", "end"]) == ("2016-06-29", "")
    assert len(table) == 7 and set(table["directed"]) == {"True", "False"}
