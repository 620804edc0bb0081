"""The Positions page in headless Chromium: every chart drawn, hovers that show the evidence as text."""
from __future__ import annotations

from browser_session import Server, Visit
from sample_data import write_dataset

HOSTILE = '<img src=x onerror="alert(1)">'

# the pixel centre of heatmap cell (row, column) of the first chart, from plotly's own axes
CELL_CENTRE = """([row, col]) => {
    const gd = document.querySelectorAll('.js-plotly-plot')[0];
    const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis, box = gd.getBoundingClientRect();
    return [box.left + xa._offset + xa.c2p(col), box.top + ya._offset + ya.c2p(row)];
}"""


def hover_cell(page, row: int, col: int) -> str:
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=20000)
    page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
    x, y = page.evaluate(CELL_CENTRE, [row, col])
    page.mouse.move(x, y)
    page.wait_for_selector(".hoverlayer .hovertext", timeout=5000)
    return page.locator(".hoverlayer .hovertext").first.text_content()


def test_positions_page_draws_every_chart_and_stays_local(visit):
    page = visit.open("/Positions?date=2018-01-30&actor=russia&other=usa&issue=sochi-congress")
    drawn = "() => [...document.querySelectorAll('.js-plotly-plot')].some(plot => plot.querySelector('.main-svg'))"
    for tab in ("Camps", "Agreement", "Issue over time", "Side by side", "Who stands where"):  # the first tab last: a return
        page.get_by_role("tab", name=tab).click()
        visit.settle()
        page.wait_for_function(drawn, timeout=20000)
        assert page.locator(".js-plotly-plot").count() == 1, tab  # only the open tab is drawn
        assert page.get_by_role("tab", name=tab).get_attribute("aria-selected") == "true"
        assert f"section={tab.replace(' ', '+')}" in page.url, (tab, page.url)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert visit.errors == [] and visit.outside == []
    assert "actor=russia" in page.url and "issue=sochi-congress" in page.url
    assert "min_known=3" in page.url and "min_shared=2" in page.url  # sliders of tabs left behind stay in the link


def test_hover_shows_stance_evidence_as_text_even_when_hostile(browser, tmp_path, mini_tables):
    mini_tables["stances"][1]["note"] = f"Hosted it {HOSTILE}"
    mini_tables["sources"][0]["publisher"] = f"Agency {HOSTILE}"
    server = Server(str(write_dataset(tmp_path / "hostile", mini_tables)))
    try:
        v = Visit(browser, server.base)
        page = v.open("/Positions?date=2018-02-01")
        text = hover_cell(page, 0, 0)  # Russia on the Sochi congress: the first row and column
        assert "strongly for (+2)" in text and f"Hosted it {HOSTILE}" in text and f"Agency {HOSTILE}" in text
        assert "No immediate breakthrough is likely." in text
        assert page.locator(".hoverlayer img").count() == 0
        assert v.dialogs == [] and v.errors == [] and v.outside == []
        v.close()
    finally:
        server.stop()
