"""The network page in Chromium: the canvas holds the day's actors, links reproduce the view, hostile text stays
text on hover, and the exports open in networkx and offline."""
from __future__ import annotations

import copy

import networkx as nx
import pytest
from browser_session import Visit, dataset_server
from sample_data import MINI

HOSTILE = '<img src=x onerror=alert(1)></script><script>alert(2)</script>'
MINI_DAY_ACTORS = {"russia", "turkey", "usa", "sdf", "syria-gov", "un"}


@pytest.fixture(scope="module")
def mini_server(tmp_path_factory):
    with dataset_server(tmp_path_factory, "mini", copy.deepcopy(MINI)) as server:
        yield server


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    tables = copy.deepcopy(MINI)
    tables["actors"][0].update(name=HOSTILE, description=HOSTILE, bloc=HOSTILE)
    tables["relations"][4]["note"] = HOSTILE + ' href="javascript:alert(3)"'
    tables["sources"][0].update(title=HOSTILE, publisher=HOSTILE)
    with dataset_server(tmp_path_factory, "hostile", tables) as server:
        yield server


@pytest.fixture
def mini_visit(browser, mini_server):
    with Visit(browser, mini_server.base) as v:
        yield v


def settled_graph(page):
    """The graph's frame once vis-network has finished laying it out (physics then off)."""
    page.wait_for_selector("iframe")
    frame = page.locator("iframe").first.element_handle().content_frame()
    frame.wait_for_function("() => document.body && document.body.getAttribute('data-settled') === 'true'", timeout=20000)
    return frame


def node_ids(frame) -> set[str]:
    return set(frame.evaluate("() => network.body.data.nodes.getIds()"))


def test_canvas_has_the_day_s_actors_and_settles(mini_visit):
    page = mini_visit.open("/Network?date=2018-01-30")
    frame = settled_graph(page)
    assert node_ids(frame) == MINI_DAY_ACTORS
    assert frame.evaluate("() => network.physics.options.enabled") is False
    assert frame.locator("canvas").count() == 1
    assert mini_visit.errors == [] and mini_visit.outside == []


def test_link_reproduces_focus_and_filters(mini_visit):
    page = mini_visit.open("/Network?date=2018-01-30&focus=sdf&depth=2&types=support,hostility,cooperation")
    assert node_ids(settled_graph(page)) == {"sdf", "usa", "turkey", "russia"}


def test_astana_button_refocuses_and_updates_the_link(mini_visit):
    page = mini_visit.open("/Network?date=2018-01-30")
    page.get_by_role("button", name="Astana axis").click()
    mini_visit.settle()
    assert "focus=astana" in page.url
    assert node_ids(settled_graph(page)) == {"russia", "iran", "turkey", "syria-gov", "usa", "sdf"}


def hover_points(page, frame) -> list[tuple[str, float, float]]:
    """Page coordinates of every node and of a point on every straight edge (a roundness of 0 is straight): the middle,
    or the point nearest it that no node covers (actors keep fixed places, and an edge may pass under one)."""
    box = page.locator("iframe").first.bounding_box()
    points = frame.evaluate("""() => {
        const r = network.canvas.frame.canvas.getBoundingClientRect();
        const at = (p) => { const d = network.canvasToDOM(p); return [r.left + d.x, r.top + d.y]; };
        const pos = network.getPositions();
        const out = Object.keys(pos).map((id) => ['node ' + id, ...at(pos[id])]);
        network.body.data.edges.get().filter((e) => !(e.smooth && e.smooth.enabled && e.smooth.roundness > 0)).forEach((e) => {
            const a = pos[e.from], b = pos[e.to];
            const along = (t) => ({x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y)});
            const toSegment = (p, u, v) => { const dx = v.x - u.x, dy = v.y - u.y;
                const k = Math.max(0, Math.min(1, ((p.x - u.x) * dx + (p.y - u.y) * dy) / (dx * dx + dy * dy || 1)));
                return Math.hypot(p.x - u.x - k * dx, p.y - u.y - k * dy); };
            const others = network.body.data.edges.get().filter((o) => o.id !== e.id);
            const room = (p) => Math.min(...Object.values(pos).map((n) => Math.hypot(n.x - p.x, n.y - p.y) - 45),
                                         ...others.map((o) => toSegment(p, pos[o.from], pos[o.to])));
            const ts = Array.from({length: 13}, (_, i) => 0.2 + 0.05 * i);
            const t = ts.reduce((best, t) => room(along(t)) > room(along(best)) ? t : best, 0.5);
            out.push(['edge ' + e.id, ...at(along(t))]);
        });
        return out; }""")
    return [(what, box["x"] + x, box["y"] + y) for what, x, y in points]


def test_hovering_hostile_names_runs_no_script(browser, hostile_server):
    visit = Visit(browser, hostile_server.base)
    try:
        page = visit.open("/Network?date=2018-01-30&since=2015-12-15&actor=russia")
        frame = settled_graph(page)
        page.locator("iframe").first.scroll_into_view_if_needed()
        tooltips = {}
        for what, x, y in hover_points(page, frame):
            page.mouse.move(x, y)
            page.wait_for_timeout(450)
            tooltips[what] = frame.evaluate("() => { const t = document.querySelector('div.vis-tooltip');"
                                            " return t && t.style.visibility !== 'hidden' ? t.innerText : ''; }")
            page.mouse.move(5, 5)
        assert tooltips["node russia"].splitlines()[0] == HOSTILE  # the name, shown as text
        assert HOSTILE + ' href="javascript:alert(3)"' in tooltips["edge turkey|sdf|hostility|2016-08-24"]  # the note
        assert visit.dialogs == []
        assert frame.evaluate("() => document.querySelectorAll('img').length") == 0
        assert frame.evaluate("() => Array.from(document.scripts).filter(s => s.text.trim() === 'alert(2)').length") == 0
        assert page.locator("img[src='x']").count() == 0
        assert "<img src=x" in frame.locator("#legend").inner_text()
        assert visit.outside == []
    finally:
        visit.close()


def test_graphml_export_opens_in_networkx(mini_visit, tmp_path):
    page = mini_visit.open("/Network?date=2018-01-30")
    page.get_by_role("tab", name="Export").click()
    with page.expect_download() as info:
        page.get_by_role("button", name="GraphML", exact=True).click()
    download = info.value
    assert download.suggested_filename == "network-2018-01-30.graphml"
    download.save_as(tmp_path / download.suggested_filename)
    graph = nx.read_graphml(tmp_path / download.suggested_filename)
    assert set(graph) == MINI_DAY_ACTORS and graph.number_of_edges() == 6


def test_offline_html_draws_the_graph_without_the_app(mini_visit, browser, tmp_path):
    page = mini_visit.open("/Network?date=2018-01-30&focus=sdf")
    page.get_by_role("tab", name="Export").click()
    with page.expect_download() as info:
        page.get_by_role("button", name="Offline HTML").click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    assert path.name == "network-2018-01-30.html"
    offline = browser.new_context()
    requests = []
    offline.on("request", lambda r: requests.append(r.url))
    try:
        standalone = offline.new_page()
        standalone.goto(path.as_uri())
        standalone.wait_for_function("() => document.body.getAttribute('data-settled') === 'true'", timeout=20000)
        assert set(standalone.evaluate("() => network.body.data.nodes.getIds()")) == {"sdf", "usa", "turkey"}
        assert [u for u in requests if not u.startswith("file:")] == []
    finally:
        offline.close()
