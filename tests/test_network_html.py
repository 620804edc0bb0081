"""The network page's HTML: hostile dataset text stays text, and nothing is loaded from another host."""
import json
import re
from pathlib import Path

import pytest
from sample_data import write_dataset
from scaled_data import scaled_tables

from alliances import network_html
from alliances.dataset import load
from alliances.network import GraphFilters, change_marks, changes_between, graph_as_of
from alliances.network_layout import stable_positions
from alliances.presentation import actor_colours

ROOT = Path(__file__).resolve().parent.parent
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
    net = network_html.build_network(graph_as_of(mini, "2018-01-30"), actor_colours(mini.actors), mini.sources,
                                     stable_positions(mini))
    [edge] = [e for e in net.edges if e["from"] == "usa" and e["to"] == "sdf"]
    assert edge["title"].splitlines()[:2] == ["United States → SDF", "support (intensity 3), 2015-10-01 to now"]
    assert "Source: Agency A, “Report A”, 2018-01-30" in edge["title"]


def network_of(ds, day, other=None, filters=GraphFilters()):
    graph = graph_as_of(ds, day, filters)
    marks, absent = change_marks(graph, changes_between(ds, day, other, filters)) if other else ({}, [])
    return network_html.build_network(graph, actor_colours(ds.actors), ds.sources, stable_positions(ds), marks, absent)


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


def test_no_graph_runs_physics_and_every_node_has_its_place(mini, tmp_path, mini_tables):
    assert network_of(mini, "2018-01-30").options["physics"]["enabled"] is False
    big_ds = load(write_dataset(tmp_path / "big", scaled_tables(mini_tables, 150)))
    big = network_of(big_ds, "2018-01-30", filters=GraphFilters(max_nodes=150))
    assert len(big.nodes) == 150 and not big.options["physics"]["enabled"]
    places = stable_positions(big_ds)
    assert all((n["x"], n["y"]) == places[n["id"]] for n in big.nodes)


def test_duplicate_rows_get_their_own_edge_ids(mini_tables, tmp_path):
    mini_tables["relations"].append(dict(mini_tables["relations"][2]))
    ds = load(write_dataset(tmp_path / "dup", mini_tables))
    ids = [e["id"] for e in network_of(ds, "2018-01-30").edges]
    assert len(ids) == len(set(ids)) == 7


def page_nodes(html: str) -> dict[str, tuple[float, float]]:
    nodes = json.loads(re.search(r"new vis.DataSet\((\[.*?\])\);", html).group(1))
    return {n["id"]: (n["x"], n["y"]) for n in nodes}


def page_frame(html: str) -> dict:
    return json.loads(re.search(r"var frame = (\{.*?\});", html).group(1))


@pytest.mark.parametrize("filters", [GraphFilters(), GraphFilters(focus=("russia", "iran", "turkey")),
                                     GraphFilters(types=("hostility",), hide_people=True)])
def test_an_actor_keeps_its_place_and_the_view_its_frame_whatever_the_day(mini, filters):
    """The map holds still: an actor drawn on two days is drawn at the same spot, in the same frame."""
    days = ["2015-10-01", "2015-12-15", "2016-08-01", "2018-01-30", "2025-06-01"]
    pages = [network_html.graph_page(mini, day, filters) for day in days]
    places: dict[str, set] = {}
    for html in pages:
        for actor, xy in page_nodes(html).items():
            places.setdefault(actor, set()).add(xy)
    assert len(places) > 2 and all(len(spots) == 1 for spots in places.values()), places
    assert len({json.dumps(page_frame(html), sort_keys=True) for html in pages}) == 1


def test_the_bundled_map_holds_every_actor_with_no_label_over_another():
    from alliances.network_layout import label_box
    ds = load(ROOT / "data" / "syria")
    places = stable_positions(ds)
    assert set(places) == set(ds.actors["id"])
    names = dict(zip(ds.actors["id"], ds.actors["name"]))
    tied = sorted({*ds.relations["source"], *ds.relations["target"]})
    for i, a in enumerate(tied):
        for b in tied[i + 1:]:
            (wa, ha), (wb, hb) = label_box(names[a]), label_box(names[b])
            dx, dy = abs(places[a][0] - places[b][0]), abs(places[a][1] - places[b][1])
            assert dx >= (wa + wb) / 2 - 1 or dy >= (ha + hb) / 2 - 1, (a, b)


def test_allies_stand_nearer_than_enemies(mini_tables, tmp_path):
    from alliances.network_layout import stable_positions as places_of
    mini_tables["relations"].append({"source": "iran", "target": "syria-gov", "type": "alliance", "intensity": "3",
                                     "start": "2012-01-01", "end": "", "source_id": "src-a"})
    ds = load(write_dataset(tmp_path / "d", mini_tables))
    p = places_of(ds)

    def far(a, b):
        return ((p[a][0] - p[b][0]) ** 2 + (p[a][1] - p[b][1]) ** 2) ** 0.5
    assert far("russia", "syria-gov") < far("turkey", "sdf")


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


def test_the_page_carries_every_tie_period_for_its_player_unless_there_are_too_many(mini, monkeypatch):
    html = network_html.graph_page(mini, "2018-01-30")
    record = json.loads(re.search(r"var record = (\{.*?\});  //", html).group(1))
    assert len(record["edges"]) == len(mini.relations)  # every period, not only the day's
    periods = {e["id"]: (e["start"], e["end"]) for e in record["edges"]}
    assert periods["russia|turkey|hostility|2015-11-24"] == ("2015-11-24", "2016-06-28")
    assert periods["usa|sdf|support|2015-10-01"] == ("2015-10-01", None)
    monkeypatch.setattr(network_html, "PLAYER_MAX_PERIODS", 3)
    network_html._views_over_time.cache_clear()
    capped = network_html.graph_page(mini, "2018-01-30")
    assert "var record" not in capped and "focus on an actor or narrow the" in capped
    network_html._views_over_time.cache_clear()
