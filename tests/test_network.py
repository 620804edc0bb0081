"""The graph as of a day, its changes, tensions and exports."""
from __future__ import annotations

import io

import networkx as nx
import pandas as pd

from alliances.network import (GraphFilters, ASTANA_AXIS, centrality, changes_between, edges_table, graph_as_of,
                               nodes_table, ties_as_of, to_gexf, to_graphml, unbalanced_triads)


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
    assert graph.number_of_nodes() == 3 and graph.graph["hidden_nodes"] == 3
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
    assert flipped == [["russia", "turkey", "positive"]]


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
    from alliances.dataset import load
    from sample_data import write_dataset
    mini_tables["relations"][2]["end"] = "2017-12-31"  # usa -> sdf support, evidenced again from 2018
    mini_tables["relations"].append({"source": "usa", "target": "sdf", "type": "support", "intensity": "2",
                                     "start": "2018-01-01", "end": "", "source_id": "src-a"})
    ds = load(write_dataset(tmp_path / "d", mini_tables))
    changes = changes_between(ds, "2016-01-01", "2018-06-01")
    assert not ((changes["source"] == "usa") & (changes["target"] == "sdf")).any()
