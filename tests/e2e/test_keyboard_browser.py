"""With the keyboard only: Tab from the top of each page reaches every control of the sidebar and the main area
(widgets, download buttons, tables, links, expanders, the share link's copy button), in every tab of the page,
and controls work from the keyboard: the date on every page, the tabs, and one more control per page, each
changing the share link.

Reached by the arrow keys rather than Tab, as the ARIA patterns want: a radio group's or a segmented control's
other options and a tab list's other tabs (one Tab stop per group). Not counted: a disabled control (the
Network's Depth without a focus), a widget's "?" help and Streamlit's own element toolbars (reached anyway).
The network drawing is one Tab stop (an iframe; there vis-network's keyboard option pans with the arrow keys and
zooms with + and -). Its hover details need a mouse: the same ties, with sources, are listed in the tabs under it.
"""
from __future__ import annotations

import copy
from urllib.parse import unquote

import pytest
from browser_session import Visit, dataset_server, share_link, until_linked
from sample_data import MINI
from territory_data import territory_tables

MAX_TABS = 400
TOP = '[data-testid="stSkipToContent"]'

# The control an element belongs to, as a user would name it: a keyed widget by its key (download buttons
# included), a link or an expander by its text, a table by its place on the page, a code block's copy button by
# the code. None for what is not counted: a widget's "?" help, Streamlit's own element toolbars, the code box.
NAME = """(x) => {
    if (x.matches('[aria-label^="Help for"]')) return null;
    const code = x.closest('[data-testid="stCode"]');
    if (code) return x.matches('button') ? 'copy ' + code.querySelector('code').textContent.slice(0, 40) : null;
    if (x.closest('[data-testid="stElementToolbar"]')) return null;
    const table = x.closest('[data-testid="stDataFrame"]');
    if (table) return 'table ' + [...document.querySelectorAll('[data-testid="stDataFrame"]')].indexOf(table);
    if (x.matches('a[href]')) return 'link ' + (x.innerText.trim() || x.getAttribute('aria-label') || x.getAttribute('href'));
    if (x.matches('summary')) return 'expander ' + x.innerText.replace('keyboard_arrow_right', '').trim();
    const keyed = x.closest('[class*="st-key-"]');
    return keyed ? [...keyed.classList].find(c => c.startsWith('st-key-')).slice(7) : null;
}"""

# Every control a keyboard user must be able to reach: what can take the focus and is shown, in the sidebar and
# the main area (Tab skips a disabled control, and the other options of a radio group or a tab list, which the
# arrow keys reach: those are left out).
CONTROLS = f"""() => {{
    const name = {NAME};
    const can = 'input, button, a[href], summary, [tabindex]';
    return [...new Set([...document.querySelectorAll('[data-testid="stSidebar"] *, [data-testid="stMain"] *')]
        .filter(x => x.matches(can) && !x.disabled && x.tabIndex >= 0 && x.checkVisibility())
        .map(name).filter(n => n))].sort();
}}"""

# From now on, note the control of each element that takes the focus.
RECORD_FOCUS = f"""() => {{
    const name = {NAME};
    window.__reached = new Set();
    document.addEventListener('focusin', (e) => {{ const n = name(e.target); if (n) window.__reached.add(n); }}, true);
}}"""


@pytest.fixture(scope="module")
def keyboard_server(tmp_path_factory):
    with dataset_server(tmp_path_factory, "keyboard", territory_tables(copy.deepcopy(MINI))) as server:
        yield server


def tab_through(page) -> list[str]:
    """Press Tab from the top of the page (its first stop, Streamlit's "Skip to main content" link) until the
    focus comes round to the top again; the controls it reached on the way."""
    tab_to(page, TOP)
    page.evaluate("window.__reached.clear()")
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("(top) => document.activeElement.matches(top)", TOP):
            return sorted(page.evaluate("[...window.__reached]"))
    raise AssertionError(f"the focus did not come round in {MAX_TABS} presses of Tab")


def tab_to(page, selector: str) -> None:
    """Press Tab until the element matching `selector` has the focus (round the page if need be)."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def operate(visit, selector: str, keys: list[str], fragment: str) -> None:
    """Tab to `selector`, press `keys`, then Tab out of the widget; the link shows `fragment` after the rerun."""
    page = visit.page
    tab_to(page, selector)
    for key in keys:
        page.keyboard.press(key)
    page.evaluate("window.__widget = document.activeElement.closest('[class*=\"st-key-\"]')")
    while page.evaluate("window.__widget && window.__widget.contains(document.activeElement)"):
        page.keyboard.press("Tab")  # a date is taken when the focus leaves its field
    until_linked(visit, fragment)
    visit.settle()


DAY = "2018-01-30"
NEXT_DAY = ('.st-key-date [data-type="day"]', ["ArrowUp"], "date=2018-01-31")  # on every page
# Per page: the tabs to open with the arrow keys, then another control to operate from the keyboard.
PAGES = {
    "/": ({}, ('.st-key-since [data-type="year"]', ["ArrowUp"], "since=2016-12-15")),
    "/Network": ({"tab": ["Changes", "Tensions and centrality", "Actor", "Export"]},
                 (".st-key-hide_people input", ["Space"], "hide_people=0")),
    "/Territory": ({"view": ["Chart", "On the day", "Table"]},
                   ('.st-key-mode [aria-checked="true"]', ["ArrowRight", "Space"], "mode=lines")),
    "/Quotes": ({"show": ["Timeline", "Cards"]}, (".st-key-q input", [*"peskov", "Enter"], "q=peskov")),
    "/Positions": ({"section": ["Who stands where", "Camps", "Agreement", "Issue over time", "Side by side",
                                "Every stance"]}, (".st-key-other input", [*"Russia", "Enter"], "other=russia")),
    "/Sources": ({"part": ["Sources", "Data dictionary"]},
                 (".st-key-image_format input", ["ArrowRight"], "image_format=svg")),
}


@pytest.mark.parametrize("path", list(PAGES))
def test_every_control_is_reached_and_works_from_the_keyboard(browser, keyboard_server, path):
    tabs, control = PAGES[path]
    with Visit(browser, keyboard_server.base) as visit:
        page = visit.open(f"{path}?date={DAY}&since=2015-12-15&period=all&actor=russia")
        page.evaluate(RECORD_FOCUS)
        expected, reached = set(page.evaluate(CONTROLS)), set(tab_through(page))
        for key, labels in tabs.items():
            for label in labels[1:]:  # the arrow keys open the next tab
                operate(visit, f'.st-key-{key} [role=tab][aria-selected="true"]', ["ArrowRight"], f"{key}={label}")
                expected |= set(page.evaluate(CONTROLS))
                reached |= set(tab_through(page))
        assert expected - reached == set()
        assert {"link Overview", "link Sources", "date", "image_format", "expander Your own data"} <= reached
        assert any(name.startswith("copy http") for name in reached)  # the share link's copy button
        for selector, keys, fragment in (NEXT_DAY, control):
            operate(visit, selector, keys, fragment)
            assert fragment in unquote(share_link(page))
        assert visit.errors == []
