"""The network page's HTML: hostile dataset text stays text, and nothing is loaded from another host."""
import json
import re

from sample_data import write_dataset
from scaled_data import scaled_tables

from alliances import network_html
from alliances.dataset import load
from alliances.network import GraphFilters, change_marks, changes_between, graph_as_of
from alliances.presentation import actor_colours

HOSTILE = '<img src=x onerror=alert(1)></script><script>alert(2)</script>'


def hostile_html(tmp_path, mini_tables, standalone=False):
    mini_tables["actors"][0]["name"] = HOSTILE
    mini_tables["actors"][0]["description"] = HOSTILE
    mini_tables["actors"][0]["bloc"] = HOSTILE
    mini_tables["relations"][1]["note"] = HOSTILE + ' href="javascript:alert(3)"'
    mini_tables["sources"][0]["title"] = HOSTILE
    ds = load(write_dataset(tmp_path / "hostile", mini_tables))
    return network_html.graph_page(ds, "2018-01-30", other="2015-12-15", standalone=standalone)


def test_hostile_text_is_escaped(tmp_path, mini_tables):
    html = hostile_html(tmp_path, mini_tables)
    assert "<img" not in html and "alert(2)</script>" not in html
    assert html.count("<script") == 2  # vis-network, and our own setup script
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in html  # the name survives as data
    assert "&lt;img src=x onerror=alert(1)&gt;" in html  # the bloc, as text in the legend


def test_no_other_host(tmp_path, mini_tables):
    html = hostile_html(tmp_path, mini_tables)
    assert re.findall(r'(?:src|href)="([^"]+)"', html) == [network_html.VIS_JS_URL]


def test_standalone_inlines_vis_network(tmp_path, mini_tables):
    html = hostile_html(tmp_path, mini_tables, standalone=True)
    assert network_html.VIS_JS_URL not in html and "vis-network" in html
    assert not re.search(r'(?:src|href)="https?://', html)


def test_vendored_script_cannot_break_out():
    assert "</script" not in network_html.VIS_JS.read_text(encoding="utf-8").lower()


def test_edge_tooltip_names_type_period_note_and_source(mini):
    net = network_html.build_network(graph_as_of(mini, "2018-01-30"), actor_colours(mini.actors), mini.sources)
    [edge] = [e for e in net.edges if e["from"] == "usa" and e["to"] == "sdf"]
    assert edge["title"].splitlines()[:2] == ["United States → SDF", "support (intensity 3), 2015-10-01 to now"]
    assert "Source: Agency A, “Report A”, 2018-01-30" in edge["title"]


def network_of(ds, day, other=None, filters=GraphFilters()):
    graph = graph_as_of(ds, day, filters)
    marks, absent = change_marks(graph, changes_between(ds, day, other, filters)) if other else ({}, [])
    return network_html.build_network(graph, actor_colours(ds.actors), ds.sources, marks, absent)


def test_node_look_and_tooltip(mini):
    net = network_of(mini, "2018-01-30")
    nodes = {n["id"]: n for n in net.nodes}
    assert nodes["sdf"]["shape"] == "triangle" and nodes["syria-gov"]["shape"] == "square"
    assert nodes["turkey"]["color"] == actor_colours(mini.actors)["turkey"]
    assert nodes["turkey"]["value"] > nodes["un"]["value"]  # size by weighted degree
    assert nodes["turkey"]["title"].splitlines()[:2] == ["Turkey", "state · Astana guarantors"]


def test_edge_look(mini):
    edges = {e["id"]: e for e in network_of(mini, "2018-01-30").edges}
    support, hostility = edges["usa|sdf|support|2015-10-01"], edges["turkey|sdf|hostility|2016-08-24"]
    assert support["arrows"]["to"]["enabled"] and not hostility["arrows"]["to"]["enabled"]
    assert support["color"]["color"] != hostility["color"]["color"]
    assert edges["un|syria-gov|mediation|2014-07-10"]["dashes"] is True
    assert support["width"] == 3 * edges["un|syria-gov|mediation|2014-07-10"]["width"]


def test_changes_are_labelled_and_ended_ties_faded(mini):
    edges = {e["id"]: e for e in network_of(mini, "2018-01-30", other="2015-12-15").edges}
    formed = edges["russia|turkey|cooperation|2016-06-29"]
    assert formed["label"] == "formed, flipped" and formed["background"]["enabled"]
    assert "Change: formed, flipped" in formed["title"]
    ended = edges["russia|turkey|hostility|2015-11-24"]
    assert ended["label"] == "ended" and ended["color"]["opacity"] < 1 and ended["dashes"]
    assert ended["smooth"]["enabled"]  # the second tie of the pair curves away from the first
    assert "label" not in edges["usa|sdf|support|2015-10-01"]


def test_small_graph_settles_with_bounded_physics_and_large_one_has_none(mini, tmp_path, mini_tables):
    small = network_of(mini, "2018-01-30").options["physics"]
    assert small["enabled"] and small["stabilization"]["iterations"] == network_html.STABILISATION_ITERATIONS
    big_ds = load(write_dataset(tmp_path / "big", scaled_tables(mini_tables, 150)))
    big = network_of(big_ds, "2018-01-30", filters=GraphFilters(max_nodes=150))
    assert len(big.nodes) == 150 and not big.options["physics"]["enabled"]
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in big.nodes)


def test_duplicate_rows_get_their_own_edge_ids(mini_tables, tmp_path):
    mini_tables["relations"].append(dict(mini_tables["relations"][2]))
    ds = load(write_dataset(tmp_path / "dup", mini_tables))
    ids = [e["id"] for e in network_of(ds, "2018-01-30").edges]
    assert len(ids) == len(set(ids)) == 7


def test_layout_is_the_same_every_time(mini):
    assert network_html.layout_positions(graph_as_of(mini, "2018-01-30")) == \
        network_html.layout_positions(graph_as_of(mini, "2018-01-30"))


def test_legend_names_what_is_shown(mini):
    graph = graph_as_of(mini, "2018-01-30", GraphFilters(types=("support", "hostility")))
    legend = network_html.legend(graph, actor_colours(mini.actors))
    assert [e.label.split(" ")[0] for e in legend["ties"]] == ["positive", "negative"]
    assert [e.label for e in legend["shapes"]] == ["state", "government", "armed group"]
    assert [e.label for e in legend["blocs"]] == ["Assad camp", "Astana guarantors", "Kurdish-led", "US-led coalition"]


def test_page_data_is_json_in_the_script(mini):
    html = network_html.graph_page(mini, "2018-01-30")
    nodes = json.loads(re.search(r"new vis.DataSet\((\[.*?\])\);", html).group(1))
    assert {n["id"] for n in nodes} == {"russia", "turkey", "usa", "sdf", "syria-gov", "un"}
