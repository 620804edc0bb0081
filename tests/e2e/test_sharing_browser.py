"""Sharing in a real browser: uploads stay in their session, links reproduce views, presentation hides chrome."""
from __future__ import annotations

import io
import zipfile

from sample_data import MINI, write_dataset


def zip_of(folder) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for f in folder.glob("*.csv"):
            z.write(f, f.name)
    return buffer.getvalue()


def dataset_caption(page) -> str:
    return page.locator('[data-testid="stSidebar"]').get_by_text("Dataset:").inner_text()


def upload(visit, name: str, data: bytes):
    page = visit.page
    page.get_by_text("Your own data").click()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        files=[{"name": name, "mimeType": "application/zip", "buffer": data}])
    page.wait_for_timeout(500)
    visit.settle()


def test_valid_upload_changes_this_session_only(browser, server, tmp_path):
    from browser_session import Visit
    mini = write_dataset(tmp_path / "mini", {k: [dict(r) for r in v] for k, v in MINI.items()})
    mine, theirs = Visit(browser, server.base), Visit(browser, server.base)
    try:
        mine.open("/Network")
        bundled = dataset_caption(mine.page)
        upload(mine, "mine.zip", zip_of(mini))
        assert "mine.zip · 7 ties" in dataset_caption(mine.page)
        theirs.open("/Network")
        assert dataset_caption(theirs.page) == bundled
        mine.page.get_by_role("button", name="Back to the bundled dataset").click()
        mine.settle()
        assert dataset_caption(mine.page) == bundled
        assert mine.errors == [] and mine.outside == []
    finally:
        mine.close()
        theirs.close()


def test_invalid_upload_keeps_the_previous_data(visit, tmp_path):
    tables = {k: [dict(r) for r in v] for k, v in MINI.items()}
    tables["relations"][0]["target"] = "nobody"
    broken = write_dataset(tmp_path / "broken", tables)
    page = visit.open("/")
    before = dataset_caption(page)
    upload(visit, "broken.zip", zip_of(broken))
    main = page.locator('[data-testid="stMain"]').inner_text()
    assert "Your upload was not used" in main and "'nobody' is not an actor id" in main
    assert dataset_caption(page) == before
    assert page.locator('[data-testid="stException"]').count() == 0


def test_link_reproduces_the_view_in_a_new_browser(browser, server):
    from browser_session import Visit
    first = Visit(browser, server.base)
    page = first.open("/?date=2016-03-01&since=2015-06-01")
    link = page.locator('[data-testid="stSidebar"] [data-testid="stCode"]').inner_text().strip()
    first.close()
    second = Visit(browser, server.base)
    try:
        page = second.open(link[len(server.base):])
        inputs = page.locator('[data-testid="stDateInput"] input')
        assert [inputs.nth(i).input_value() for i in range(inputs.count())] == ["2016-03-01", "2015-06-01"]
    finally:
        second.close()


def test_presentation_mode_hides_the_chrome(visit):
    page = visit.open("/Territory?present=1")
    leave = page.get_by_role("button", name="Leave presentation mode")
    leave.wait_for(state="visible", timeout=30000)
    assert not page.locator('[data-testid="stSidebar"]').is_visible()
    leave.click()
    page.locator('[data-testid="stSidebar"]').wait_for(state="visible", timeout=30000)


def test_briefing_pack_opens_offline_with_every_section(browser, visit, tmp_path):
    page = visit.open("/?date=2018-01-30&since=2017-11-01")
    with page.expect_download(timeout=60000) as download:
        page.get_by_role("button", name="Briefing pack").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.name == "syria-alliances-briefing-2018-01-30.html"
    offline = browser.new_context(offline=True)
    requests = []
    offline.on("request", lambda r: requests.append(r.url) if r.url.startswith("http") else None)
    pack = offline.new_page()
    errors = []
    pack.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pack.goto(path.as_uri())
    pack.wait_for_selector(".js-plotly-plot", timeout=20000)
    headings = pack.locator("h2").all_inner_texts()
    assert headings[:2] == ["Overview", "Network"] and {"Territory", "Positions", "Sources"} <= set(headings)
    assert pack.locator(".js-plotly-plot").count() == 3  # the Astana axis over time, territory, positions
    pack.frame_locator("iframe").locator("canvas").wait_for(timeout=20000)
    assert requests == [] and errors == []
    offline.close()
