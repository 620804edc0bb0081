"""The network page's HTML: hostile dataset text stays text, and nothing is loaded from another host."""
import re

from alliances import network_html
from alliances.colours import actor_colours
from alliances.network import graph_as_of
from alliances.dataset import load
from sample_data import write_dataset

HOSTILE = '<img src=x onerror=alert(1)></script><script>alert(2)</script>'


def hostile_html(tmp_path, mini_tables, standalone=False):
    mini_tables["actors"][0]["name"] = HOSTILE
    mini_tables["actors"][0]["description"] = HOSTILE
    mini_tables["relations"][1]["note"] = HOSTILE + ' href="javascript:alert(3)"'
    mini_tables["sources"][0]["title"] = HOSTILE
    ds = load(write_dataset(tmp_path / "hostile", mini_tables))
    net = network_html.build_network(graph_as_of(ds, "2018-01-30"), actor_colours(ds.actors), ds.sources)
    return network_html.render(net, standalone=standalone)


def test_hostile_text_is_escaped(tmp_path, mini_tables):
    html = hostile_html(tmp_path, mini_tables)
    assert "<img" not in html and "alert(2)</script>" not in html
    assert html.count("<script") == 2  # vis-network, and our own setup script
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in html  # the name survives as data


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
