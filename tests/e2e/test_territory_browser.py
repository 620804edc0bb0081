"""The Territory page in Chromium: the chart and the tile map render, hovers name holders and sources,
hostile dataset text stays text, and nothing leaves the machine."""
from __future__ import annotations

import pytest
from browser_session import Visit, dataset_server
from sample_data import MINI
from territory_data import territory_tables

HOSTILE = "<img src=x onerror=alert('owned')>"

# the pixel position of a data point (x, y) on a plotly chart, from plotly's own axes
TO_PIXELS = """(el, [x, y]) => { const L = el._fullLayout, r = el.getBoundingClientRect();
    return [r.left + L.xaxis._offset + L.xaxis.l2p(L.xaxis.d2l(x)), r.top + L.yaxis._offset + L.yaxis.l2p(L.yaxis.d2l(y))]; }"""


@pytest.fixture(scope="module")
def ground_server(tmp_path_factory):
    tables = territory_tables(MINI)
    for actor in tables["actors"]:
        if actor["id"] == "sdf":
            actor["name"] = f"SDF {HOSTILE}"
    for event in tables["events"]:
        event["title"] = f"{event['title']} {HOSTILE}"
    with dataset_server(tmp_path_factory, "ground", tables) as server:
        yield server


@pytest.fixture
def ground_visit(browser, ground_server):
    with Visit(browser, ground_server.base) as v:
        yield v


def plotly_plots(page, expected: int):
    """The page's plotly charts, once `expected` of them have drawn (plotly's bundle loads after the script ends)."""
    page.wait_for_function(f"document.querySelectorAll('.js-plotly-plot .main-svg').length >= {expected}", timeout=60000)
    return page.locator(".js-plotly-plot")


def hover_text(page, plot, x, y) -> str:
    px, py = plot.evaluate(TO_PIXELS, [x, y])
    page.mouse.move(px, py)
    page.wait_for_timeout(400)
    return plot.locator(".hoverlayer").text_content()


def test_chart_and_map_render_without_errors_or_outside_requests(ground_visit):
    page = ground_visit.open("/Territory?date=2018-02-01&source=Agency+A&events=military,diplomacy")
    plots = plotly_plots(page, 1)
    assert plots.count() == 1  # the tab "On the day", with the map, does not run until it is opened
    assert page.locator('[data-testid="stException"]').count() == 0
    chart_text = plots.nth(0).text_content()
    assert "Su-24 shot down <img" in chart_text  # the event label is shown as text
    assert "as of 1 Feb 2018" in chart_text
    page.get_by_role("tab", name="On the day").click()
    ground_visit.settle()
    assert "Hasakah" in plotly_plots(page, 1).nth(0).text_content()
    assert "view=On+the+day" in page.url or "view=On%20the%20day" in page.url
    assert ground_visit.errors == [] and ground_visit.outside == [] and ground_visit.dialogs == []


def test_map_hover_names_holders_and_sources(ground_visit):
    page = ground_visit.open("/Territory?date=2018-02-01&view=On+the+day")
    tile_map = plotly_plots(page, 1).nth(0)
    tile_map.scroll_into_view_if_needed()
    text = hover_text(page, tile_map, 4, 0)  # Hasakah's tile: column 4, row 0
    assert "Hasakah" in text and f"holds most: SDF {HOSTILE}" in text and "source: Institute B, “Map B”" in text
    assert ground_visit.dialogs == [] and page.locator("img[src=x]").count() == 0


def test_chart_hover_shows_value_date_and_source(ground_visit):
    page = ground_visit.open("/Territory?date=2018-02-01&source=Agency+A&mode=lines")
    chart = plotly_plots(page, 1).nth(0)
    text = hover_text(page, chart, "2018-01-30", 55)
    assert "Syrian government · estimate of 30 Jan 2018" in text and "55.0%" in text
    assert "source: Agency A, “Report A”, 2018-01-30" in text
    assert ground_visit.errors == [] and ground_visit.outside == []


def test_the_page_opens_on_the_best_estimates_each_hover_naming_its_publisher(ground_visit):
    page = ground_visit.open("/Territory?date=2018-02-01")
    chart = plotly_plots(page, 1).nth(0)
    assert "source=best" in page.url
    legend = chart.locator(".legend").text_content()
    assert "Not estimated by this source" in legend and "Contested" not in legend
    text = hover_text(page, chart, "2016-01-01", 35)  # Agency A's 2016 government share, the bottom of the stack
    assert "Syrian government · estimate of 1 Jan 2016 by Agency A" in text and "35.0%" in text
    text = hover_text(page, chart, "2015-06-01", 99)  # Institute B's 2015 estimate: 30% named, 69% on top unattributed
    assert "Not estimated by this source · estimate of 1 Jun 2015 by Institute B" in text
    assert "69.0%, which this source does not attribute to any faction" in text
    assert chart.locator("pattern").count() >= 1  # the remainder is hatched
    assert ground_visit.errors == [] and ground_visit.outside == []
