"""A dataset whose every text and url field tries to run script (tests/hostile_data.py) renders on
every page as text: no dialog opens, no payload runs (each would set window.__pwned, in the page or
in the network's iframe), no injected image is requested, hovering the network's nodes and ties and
the charts' points shows the payload as plain text, and every link the app draws is http(s).
"""
from __future__ import annotations

from urllib.parse import urljoin, urlparse

import pytest
from browser_session import Server, Visit
from hostile_data import PAYLOAD, write_hostile_dataset

PAGES = ["/", "/Network", "/Territory", "/Quotes", "/Positions", "/Sources"]
LITERAL = "<script>window.__pwned=1"  # what a reader must see, as text, where the data is shown
CHART_PAGES = ("/Territory", "/Quotes", "/Positions")
BOLD = "<b>bold</b>"  # shown literally only where the text was escaped before a chart got it


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    server = Server(str(write_hostile_dataset(tmp_path_factory.mktemp("hostile") / "data")))
    yield server
    server.stop()


@pytest.fixture
def hostile(browser, hostile_server):
    visit = Visit(browser, hostile_server.base)
    visit.page.set_viewport_size({"width": 1400, "height": 1600})
    visit.injected = []  # requests an injected <img src=x> would make
    visit.context.on("request", lambda r: visit.injected.append(r.url) if urlparse(r.url).path.endswith("/x") else None)
    yield visit
    visit.close()


def pwned_frames(page) -> list[str]:
    return [frame.url for frame in page.frames if frame.evaluate("() => typeof window.__pwned !== 'undefined'")]


def link_targets(page) -> list[str]:
    """Every link target in the page and its frames (HTML and SVG links), resolved against the page."""
    found = []
    for frame in page.frames:
        hrefs = frame.evaluate("""() => [...document.querySelectorAll('a, area')]
            .map(e => e.getAttribute('href') ?? e.getAttribute('xlink:href')).filter(h => h !== null && h !== '')""")
        found += [urljoin(frame.url if frame.url.startswith("http") else page.url, h) for h in hrefs]
    return found


def text_shown(page) -> str:
    """The page's text, including what charts draw as SVG text and the cells of data grids (drawn on a canvas,
    mirrored in an accessible table)."""
    return page.evaluate("""() => document.body.innerText + '\\n' +
        [...document.querySelectorAll('.js-plotly-plot svg text, [data-testid="stDataFrame"] table td')]
            .map(t => t.textContent).join('\\n')""")


def assert_nothing_ran(visit):
    assert visit.dialogs == []
    assert pwned_frames(visit.page) == []
    assert visit.injected == []
    assert visit.errors == []
    assert visit.outside == []
    assert visit.page.locator('[data-testid="stException"]').count() == 0
    schemes = {urlparse(u).scheme for u in link_targets(visit.page)}
    assert schemes <= {"http", "https"}, schemes


def open_drawn(visit, path):
    """Open a page and, where it has charts, wait until plotly (loaded after the script ran) drew them."""
    page = visit.open(path)
    if urlparse(path).path in CHART_PAGES:
        page.wait_for_function("""() => { const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
            return charts.length > 0 && charts.every(c => c.querySelector('.js-plotly-plot .main-svg text')); }""",
                               timeout=30000)
    return page


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("day", ["2015-12-15", "2018-01-30"])
def test_page_shows_hostile_text_as_text(hostile, path, day):
    page = open_drawn(hostile, f"{path}?date={day}")
    page.wait_for_timeout(500)  # an injected onerror or onload would have fired by now
    if path == "/Quotes":  # the timeline's lane labels are cut (the hover and the cards hold the whole text)
        assert "<script…" in text_shown(page)
        page = hostile.open(f"{path}?date={day}&show=Cards")
        page.wait_for_timeout(500)
    if path != "/Network":  # the network draws its text on a canvas: see the tooltip test
        assert LITERAL in text_shown(page)
    assert_nothing_ran(hostile)


def hover_chart_points(page) -> list[str]:
    """Hover every marker and heatmap cell of the page's charts; the hover labels' text."""
    labels = []
    for chart in page.locator(".js-plotly-plot").all():
        chart.scroll_into_view_if_needed()
        targets = chart.locator(".scatterlayer .point").all()[:12]
        boxes = [t.bounding_box() for t in targets]
        if not targets:  # a heatmap: sweep a grid over the plotting area
            area = chart.locator(".nsewdrag").first.bounding_box()
            boxes = [{"x": area["x"] + area["width"] * (i + .5) / 4, "y": area["y"] + area["height"] * (j + .5) / 3,
                      "width": 0, "height": 0} for i in range(4) for j in range(3)]
        for box in boxes:
            if box:
                page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
                page.wait_for_timeout(150)
                labels.append(chart.locator(".hoverlayer").text_content())
    return labels


@pytest.mark.parametrize("path", CHART_PAGES)
def test_chart_hovers_show_hostile_text_as_text(hostile, path):
    page = open_drawn(hostile, f"{path}?date=2018-01-30")
    labels = [text for text in hover_chart_points(page) if "pwned" in text]
    assert labels, "no hover label showed the dataset's text"
    assert all(LITERAL in text and BOLD in text for text in labels), labels[0][:300]
    assert page.locator(".js-plotly-plot .main-svg a").count() == 0  # no link made from dataset text
    assert_nothing_ran(hostile)


def settled_network(page):
    """The network's iframe once its layout has stopped moving."""
    page.wait_for_selector("iframe")
    frame = page.locator("iframe").first.element_handle().content_frame()
    frame.wait_for_function("() => window.network && Object.keys(network.getPositions()).length > 0", timeout=20000)
    frame.wait_for_function("""() => new Promise(done => { const a = JSON.stringify(network.getPositions());
        setTimeout(() => done(a === JSON.stringify(network.getPositions())), 400); })""", timeout=30000)
    return frame


def tooltip_after_hover(page, frame, box, point) -> dict | None:
    page.mouse.move(box["x"] + 5, box["y"] + 5)
    page.wait_for_timeout(100)
    page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    page.wait_for_timeout(600)  # tooltips open after the pointer rests
    return frame.evaluate("""() => { const t = document.querySelector('div.vis-tooltip');
        return t && t.style.visibility !== 'hidden' ? {text: t.textContent, elements: t.querySelectorAll(':not(br)').length} : null; }""")


def test_network_tooltips_show_hostile_text_as_text(hostile):
    page = hostile.open("/Network?date=2018-01-30")
    frame = settled_network(page)
    page.locator("iframe").first.scroll_into_view_if_needed()
    box = page.locator("iframe").first.bounding_box()
    # canvasToDOM is relative to the graph's own box, which sits below the legend inside the iframe
    to_frame = """const g = network.body.container.getBoundingClientRect();
        const at = c => { const d = network.canvasToDOM(c); return {x: d.x + g.left, y: d.y + g.top}; };"""
    nodes = frame.evaluate("() => { " + to_frame + """ const p = network.getPositions(), out = {};
        for (const id in p) out[id] = at(p[id]); return out; }""")
    edges = frame.evaluate("() => { " + to_frame + """ return network.body.data.edges.get().map(e => {
        const p = network.getPositions([e.from, e.to]);
        return at({x: (p[e.from].x + p[e.to].x) / 2, y: (p[e.from].y + p[e.to].y) / 2}); }); }""")
    inside = lambda pt: 0 < pt["x"] < box["width"] and 0 < pt["y"] < box["height"]  # noqa: E731
    tips = [tooltip_after_hover(page, frame, box, pt) for pt in [*nodes.values(), *edges] if inside(pt)]
    tips = [t for t in tips if t]
    node_tips = [t for t in tips if "actors-" in t["text"]]
    edge_tips = [t for t in tips if "relations-" in t["text"]]
    assert node_tips and edge_tips, f"{len(tips)} tooltips, none for a node or none for a tie"
    for tip in tips:
        assert LITERAL in tip["text"] and tip["elements"] == 0, tip  # plain text (line breaks only), not markup
    assert_nothing_ran(hostile)


def test_event_menu_shows_hostile_titles_as_text(hostile):
    page = hostile.open("/?date=2018-01-30")
    page.locator(".st-key-jump").click()
    options = page.locator('[role="option"]')
    options.first.wait_for()
    assert any(LITERAL in text for text in options.all_inner_texts())
    page.keyboard.press("Escape")
    assert_nothing_ran(hostile)


def test_the_payload_runs_where_it_is_not_escaped(hostile):
    """The control: put the payload into a page as raw HTML, and the checks above do see it run."""
    page = hostile.page
    page.set_content(f"<html><body>{PAYLOAD}</body></html>")
    page.wait_for_timeout(500)
    assert hostile.dialogs and page.evaluate("() => window.__pwned") == 1
