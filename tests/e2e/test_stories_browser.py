"""The bundled story plays as slides in Chromium: the link opens step 1's view, the arrow keys and the buttons move
between steps, and each step brings its caption, page and day (in the address bar too)."""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlparse

ROOT = Path(__file__).resolve().parents[2]
STORY = json.loads((ROOT / "data" / "syria" / "stories" / "astana-axis.json").read_text(encoding="utf-8"))
CAPTION = '.st-key-story_caption [data-testid="stMarkdownContainer"]'


def _at_step(visit, number: int) -> dict:
    """Wait until step `number` is on screen and settled; the address bar's parameters."""
    step = STORY["steps"][number - 1]
    page = visit.page
    page.wait_for_function("""([selector, start, date, number]) => {
        const caption = document.querySelector(selector);
        const link = new URLSearchParams(location.search);
        const app = document.querySelector('[data-testid="stApp"]');
        return caption && caption.textContent.startsWith(start) && link.get('date') === date
            && link.get('step') === String(number) && app.getAttribute('data-test-script-state') === 'notRunning';
    }""", arg=[CAPTION, step["caption"][:30], step["params"]["date"], number], timeout=60000)
    visit.settle()
    link = {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}
    assert urlparse(page.url).path.rstrip("/").endswith(step["page"] if step["page"] != "Overview" else "")
    assert page.locator(CAPTION).text_content() == step["caption"]
    for name, value in step["params"].items():
        assert link.get(name) == value, (name, link)
    return link


def test_the_bundled_story_plays_in_presentation_mode(visit):
    page = visit.open("/?story=astana-axis&step=1&present=1")   # the app root: the link moves to step 1's page
    link = _at_step(visit, 1)
    assert link["present"] == "1" and link["story"] == "astana-axis"
    assert not page.locator('[data-testid="stSidebar"]').is_visible()   # a slide: no sidebar
    assert page.get_by_role("button", name="Previous").is_disabled()

    page.locator(CAPTION).click()   # the keys go to the page, not to a control
    page.keyboard.press("ArrowRight")
    _at_step(visit, 2)
    page.get_by_role("button", name="Next").click()
    _at_step(visit, 3)
    page.locator(CAPTION).click()
    page.keyboard.press("ArrowLeft")
    link = _at_step(visit, 2)
    assert link["present"] == "1" and "since" in link
    page.get_by_role("button", name="Previous").click()
    assert "since" not in _at_step(visit, 1)   # what a step leaves out is reset, not carried over

    # the last step is on another page: the Quotes cards of the Sochi congress
    for number in range(2, len(STORY["steps"]) + 1):
        page.locator(CAPTION).click()
        page.keyboard.press("ArrowRight")
        _at_step(visit, number)
    assert page.get_by_role("button", name="Next").is_disabled()
    assert page.locator('[data-testid="stMain"]').get_by_text("Turkey will represent us").first.is_visible()  # a card
    page.locator(CAPTION).click()
    page.keyboard.press("ArrowLeft")   # and back to the Network page
    link = _at_step(visit, len(STORY["steps"]) - 1)
    assert "issue" not in link and "show" not in link
    assert not visit.errors and not visit.outside and not visit.dialogs, (visit.errors, visit.outside, visit.dialogs)


def test_a_story_built_in_the_sidebar_plays_from_its_link(visit, browser, server):
    from browser_session import Visit
    page = visit.open("/Network?date=2016-01-01&focus=turkey")
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text("Story", exact=True).click()   # the expander's content runs once it is open
    sidebar.get_by_role("button", name="Add this view").click()
    caption = sidebar.get_by_label("Caption")
    caption.wait_for()
    caption.fill("Turkey's ties on <b>New Year's day</b> 2016")
    caption.press("Control+Enter")
    visit.settle()
    link = next(c for c in sidebar.locator('[data-testid="stCode"]').all_text_contents() if "story=" in c).strip()
    assert "story=v1." in link and "&step=1" in link

    with Visit(browser, server.base) as other:   # another reader opens the link
        other.open(link.replace(server.base, ""))
        other.page.wait_for_function("""() => new URLSearchParams(location.search).get('focus') === 'turkey'""", timeout=60000)
        other.settle()
        assert urlparse(other.page.url).path.endswith("/Network")
        assert other.page.locator(CAPTION).text_content() == "Turkey's ties on <b>New Year's day</b> 2016"
        assert not other.errors and not other.dialogs
