"""The second conflict and a bare dataset in Chromium: a link naming the dataset opens its view on every page, with
no error and nothing fetched from another host; a dataset with only actors, relations and sources renders too."""
from __future__ import annotations

import pytest
from browser_session import Server, Visit
from sample_data import MINI, write_dataset

PAGES = ["/", "/Network", "/Territory", "/Quotes", "/Positions", "/Sources", "/Add"]


def _no_exception(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0


@pytest.mark.parametrize("path", PAGES)
def test_every_page_of_the_second_conflict_from_a_link(visit, path):
    page = visit.open(f"{path}?dataset=libya&date=2020-01-19")
    _no_exception(page)
    assert "Libya, 2011 to 2025" in page.locator('[data-testid="stSidebar"]').inner_text()
    assert "dataset=libya" in page.url
    assert not visit.errors and not visit.outside


def test_the_network_link_reproduces_a_group_focus(visit):
    page = visit.open("/Network?dataset=libya&date=2020-01-19&focus=haftar-backers")
    _no_exception(page)
    assert page.get_by_text("Haftar's foreign backers over time").count() == 1
    page.get_by_role("link", name="Territory").first.click()   # the menu carries the dataset to the next page
    visit.settle()
    page.get_by_role("tab", name="On the day").click()
    visit.settle()
    assert "dataset=libya" in page.url and page.get_by_text("Regions on 19 Jan 2020").count() == 1


def test_a_dataset_with_only_actors_relations_and_sources(browser, tmp_path):
    folder = write_dataset(tmp_path / "bare", {t: MINI[t] for t in ("actors", "relations", "sources")})
    with Server(str(folder)) as server, Visit(browser, server.base) as visit:
        for path in PAGES:
            page = visit.open(f"{path}?date=2018-01-30")
            _no_exception(page)
        page = visit.open("/Quotes")   # the page says so, and its menu and link are still there
        assert page.get_by_text("This dataset holds no quotes").count() == 1
        assert page.locator('[data-testid="stSidebar"] a', has_text="Overview").count() == 1
        assert not visit.errors and not visit.outside
