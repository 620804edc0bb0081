"""Every page in headless Chromium: no traceback, no console error, no request leaving the machine."""
from __future__ import annotations

import pytest
from browser_session import Server, Visit

PAGES = ["/", "/Network", "/Territory", "/Quotes", "/Positions", "/Sources"]


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("day", ["2015-12-15", "2018-01-30"])
def test_page_renders_cleanly(visit, path, day):
    page = visit.open(f"{path}?date={day}")
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[data-testid="stAlertContentError"]').count() == 0
    assert visit.errors == []
    assert visit.outside == []
    menu = page.locator('[data-testid="stSidebar"] [data-testid="stPageLink"] a').all_inner_texts()
    assert menu[:6] == ["Overview", "Network", "Territory", "Quotes", "Positions", "Sources"]
    assert page.locator('[data-testid="stSidebarNavLink"]').count() == 0  # never Streamlit's own list of files
    assert page.locator('.st-key-date [data-testid="stDateInput"] input').input_value() == day


def test_date_survives_navigation(visit):
    page = visit.open("/?date=2015-12-15")
    page.locator('[data-testid="stSidebar"] [data-testid="stPageLink"] a', has_text="Territory").click()
    visit.settle()
    assert "date=2015-12-15" in page.url
    assert page.locator('.st-key-date [data-testid="stDateInput"] input').input_value() == "2015-12-15"


def network_frame(page):
    page.wait_for_selector("iframe")
    frame = page.frame_locator("iframe").first
    frame.locator("canvas").wait_for(timeout=20000)
    handle = page.locator("iframe").first.element_handle().content_frame()
    handle.wait_for_function("() => window.network && window.network.body && Object.keys(network.getPositions()).length > 0")
    return handle


def test_network_canvas_has_the_day_s_actors(visit):
    page = visit.open("/Network?date=2018-01-30")
    frame = network_frame(page)
    ids = set(frame.evaluate("() => network.body.data.nodes.getIds()"))
    assert {"russia", "iran", "turkey", "usa", "sdf", "syria-gov"} <= ids
    assert visit.errors == [] and visit.outside == []


def test_broken_dataset_shows_its_problems(browser, tmp_path):
    (tmp_path / "actors.csv").write_bytes(b"id,name\nrussia,Russia\n")
    server = Server(str(tmp_path))
    try:
        v = Visit(browser, server.base)
        page = v.open("/Network")
        text = page.locator('[data-testid="stMain"]').inner_text()
        assert "cannot be used" in text and "relations.csv" in text and "file is missing" in text
        assert page.locator('[data-testid="stException"]').count() == 0
        v.close()
    finally:
        server.stop()
