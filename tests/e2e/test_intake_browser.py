"""Done-when of the article intake, in Chromium: paste an article, accept its Peskov quotes and the 25% figure,
apply, find them on the Quotes and Territory pages (same session), and download the dataset, which loads again.

The seed article is used where it sits beside the project; a clean clone has only the project (the seed is quoted,
never copied into it), so there a short article written for this test stands in for it."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from alliances.dataset import from_raw, raw_from_upload

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT.parent / "shared" / "sources" / "2018-01-30-bloomberg-sochi-congress.txt"
STAND_IN = ("Putin's Syria talks open as opposition stays away\n"
            '"We understand there is no breakthrough in sight," Putin\'s spokesman, Dmitry Peskov, told reporters on the '
            'eve of the Sochi meeting. "What is needed is patient and constant efforts."\n'
            "Meanwhile, the Kurds are vowing to pursue their own path with control of 25 percent of Syrian territory.")
PUBLISHER = "Intake Test Desk"
GRID = '[data-testid="stDataFrame"]'


def _article() -> str:
    return SEED.read_text(encoding="utf-8").split("---", 1)[1] if SEED.exists() else STAND_IN


def _tick(visit, key: str, rows: list[int]) -> None:
    """Tick the 'accept' box (first column) of `rows` in the data editor of `key`, as a user does: select the cell,
    press the space bar, and read under the table that the app has it ('1 of 7 accepted'). Each tick reruns the
    app: the next waits for it to end and finds the grid where it now is. A synthetic click that lands while the
    grid is drawn again can be lost (about one run in three here); a user sees the count not move and ticks again,
    and so does this helper, once."""
    page = visit.page
    grid = page.locator(f".st-key-{key} {GRID}")
    count = page.locator(f".st-key-{key}").locator("xpath=following::*[contains(text(), ' accepted')][1]")
    for done, row in enumerate(rows, start=1):
        for _attempt in range(2):
            grid.scroll_into_view_if_needed()
            box = grid.bounding_box()
            page.mouse.click(box["x"] + 30, box["y"] + 35 * (row + 1) + 17)   # selects the cell
            page.keyboard.press("Space")                                       # and ticks its box
            page.wait_for_timeout(250)
            visit.settle()
            if count.inner_text().startswith(f"{done} of "):
                break


def _editor_key(page, kind: str) -> str:
    return page.locator(f'[class*="st-key-intake_{kind}_"]').first.get_attribute("class").split("st-key-")[1].split()[0]


def test_an_article_becomes_rows_on_every_page(visit, tmp_path):
    page = visit.open("/Add")
    page.locator("textarea").first.fill(_article())
    page.get_by_role("button", name="Read the article").click()
    visit.settle()
    page.get_by_label("Publisher").fill(PUBLISHER)
    page.get_by_role("spinbutton", name="year, Date of the article").click()
    page.keyboard.type("20180130")   # year, month, day: the field moves on by itself
    page.get_by_role("button", name="Find candidates").click()
    visit.settle()
    page.screenshot(path=str(tmp_path / "candidates.png"), full_page=True)

    _tick(visit, _editor_key(page, "quotes"), [0, 1])            # the two Peskov quotes come first
    visit.settle()
    page.get_by_role("tab", name="Territory (1)").click()
    _tick(visit, _editor_key(page, "territory"), [0])
    visit.settle()
    page.get_by_role("button", name="Apply the accepted rows to this session's dataset").click()
    visit.settle()
    success = page.locator('[data-testid="stAlertContentSuccess"]')
    assert "2 quotes" in success.inner_text() and "2 territory shares" in success.inner_text(), success.inner_text()

    # the same session, through the app's own menu: the Quotes page's cards cite the new source
    page.locator('[data-testid="stSidebar"] a', has_text="Quotes").first.click()
    visit.settle()
    page.get_by_role("tab", name="Cards").click()
    page.get_by_label("Search (ignores case and accents)").fill("patient and constant")
    page.get_by_label("Search (ignores case and accents)").press("Enter")
    visit.settle()
    assert page.get_by_text(PUBLISHER).count() >= 1
    # the Territory page offers the new source's estimate as a series of its own
    page.locator('[data-testid="stSidebar"] a', has_text="Territory").first.click()
    visit.settle()
    page.get_by_role("combobox", name="Estimates from").click()
    page.keyboard.type(PUBLISHER[:6])   # the list is long: filter it as a user would
    page.get_by_role("option").filter(has_text=PUBLISHER).click()
    visit.settle()
    assert page.get_by_text(f"Estimates by {PUBLISHER}").count() == 1

    # the dataset downloads as a .zip of CSVs that loads again, new rows included
    page.locator('[data-testid="stSidebar"]').get_by_text("Your own data").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="This dataset (.zip of CSVs)").click()
    data = Path(download.value.path()).read_bytes()
    again = from_raw(raw_from_upload("alliances-dataset.zip", data), "alliances-dataset.zip")
    cited = again.sources[again.sources["publisher"] == PUBLISHER]["id"].tolist()
    assert len(cited) == 1
    assert (again.quotes["source_id"] == cited[0]).sum() == 2
    shares = again.territory[again.territory["source_id"] == cited[0]]
    assert sorted(zip(shares["actor"], shares["share_pct"])) == [("contested", 75.0), ("sdf", 25.0)]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {"actors.csv", "quotes.csv", "territory.csv", "sources.csv"} <= set(archive.namelist())
    assert not visit.errors and not visit.outside
