"""On every page, set every control through the page itself, copy the sidebar's link, open it in a new browser:
every control shows the same value and the page shows the same content.

Not in the link, on purpose: the uploaded dataset (a link carries no data; the upload stays in its session),
"Jump to an event" (it only sets the date, which is in the link), "Show more" cards on the Quotes page (a reading
position, not a view), and which expanders are open.
"""
from __future__ import annotations

import copy
from urllib.parse import unquote

import pytest
from browser_session import Visit, dataset_server, marker_centre, share_link, until_linked
from sample_data import MINI
from territory_data import territory_tables

PUBLISHER = "Institute B & Co"          # a select option with '&' and spaces: the link must encode it
SEARCH = "r&d c++ #1"                   # a search with '&', '+' and '#'


@pytest.fixture(scope="module")
def links_server(tmp_path_factory):
    tables = territory_tables(copy.deepcopy(MINI))
    next(s for s in tables["sources"] if s["id"] == "src-b")["publisher"] = PUBLISHER
    tables["quotes"].append({"id": "peskov-2018-02-02", "date": "2018-02-02", "speaker": "peskov", "on_behalf": "russia",
                             "text": "Talks #1 on R&D and C++ went well.", "verbatim": "true", "issue": "sochi-congress",
                             "source_id": "src-a", "context": ""})
    with dataset_server(tmp_path_factory, "links", tables) as server:
        yield server


# Every keyed widget's state as a user sees it: values of inputs, chosen tags, pressed buttons, the open tab.
CONTROLS = """() => {
    const out = {};
    for (const el of document.querySelectorAll('[class*="st-key-"]')) {
        const key = [...el.classList].find(c => c.startsWith('st-key-')).slice(7);
        const parts = [];
        for (const x of el.querySelectorAll('input, textarea, [role=tab], button[aria-pressed], button[aria-checked], [data-tag]')) {
            if (x.parentElement.closest('[class*="st-key-"]') !== el) continue;  // a keyed block inside reports itself
            if (x.matches('[data-tag]')) parts.push('tag ' + x.getAttribute('aria-label'));
            else if (x.matches('[role=tab]')) { if (x.getAttribute('aria-selected') === 'true') parts.push('tab ' + x.innerText); }
            else if (x.matches('button')) {
                if ([x.getAttribute('aria-pressed'), x.getAttribute('aria-checked')].includes('true')) parts.push('on ' + x.innerText);
            }
            else if (x.type === 'radio') { if (x.checked) parts.push('radio ' + x.closest('label').innerText); }
            else if (x.type === 'checkbox') parts.push((x.checked ? 'on ' : 'off ') + x.getAttribute('aria-label'));
            else if (x.type === 'range') parts.push('range ' + x.getAttribute('aria-valuetext'));
            else parts.push('value ' + x.value);
        }
        if (parts.length) out[key] = parts;
    }
    return out;
}"""

# What the main area shows: its text (charts, tables and the network drawing left out), then those on their own.
CONTENT = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    const copy = main.cloneNode(true);
    copy.querySelectorAll('.js-plotly-plot, iframe, [data-testid="stDataFrame"], style, script').forEach(e => e.remove());
    return {
        text: copy.textContent.replace(/\\s+/g, ' '),
        charts: [...main.querySelectorAll('.js-plotly-plot')].map(p => p.data.map(t => [t.name || '', (t.x || t.z || []).length])),
        tables: [...main.querySelectorAll('[data-testid="stDataFrame"]')].filter(t => t.checkVisibility())
            .map(t => t.querySelector('[role=grid]').getAttribute('aria-rowcount')),
        drawings: [...main.querySelectorAll('iframe')].map(f => f.getAttribute('srcdoc')),
    };
}"""


def controls(page) -> dict:
    return page.evaluate(CONTROLS)


def content(page) -> dict:
    page.wait_for_function("""() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
            .every(c => c.querySelector('.js-plotly-plot .main-svg'))
        && [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stDataFrame"]')]
            .every(t => !t.checkVisibility() || t.querySelector('[role=grid]'))""", timeout=60000)
    return page.evaluate(CONTENT)


def type_date(visit, key: str, *days: str) -> None:
    """Type one day (or a range's two) into date input `key` digit by digit, as a user would, then leave it."""
    page = visit.page
    page.locator(f'.st-key-{key} [data-type="year"]').first.click()
    for day in days:
        page.keyboard.type(day.replace("-", ""))
        page.keyboard.press("Tab")
    while page.evaluate("(key) => !!document.activeElement.closest('.st-key-' + key)", key):
        page.keyboard.press("Tab")  # the day is taken when the focus leaves the widget (its calendar button included)
    until_linked(visit, f"{key}={'..'.join(days)}")


def step_out(page) -> None:
    """Leave a select, closing its list (else the next click only closes the list). Not with Escape: in a
    select that may be empty, Escape clears the choice."""
    page.locator("h1").first.click()


def choose(visit, key: str, label: str, fragment: str) -> None:
    """Pick `label` in selectbox or multiselect `key` by typing it, as a user would."""
    visit.page.locator(f".st-key-{key} input").first.click()
    visit.page.keyboard.type(label)
    visit.page.get_by_role("option", name=label).first.click()
    step_out(visit.page)
    until_linked(visit, fragment)


def remove(visit, key: str, label: str, fragment: str) -> None:
    """Remove the chosen `label` from multiselect `key` with its × button."""
    visit.page.locator(f".st-key-{key}").get_by_role("button", name=f"Remove {label}").click()
    step_out(visit.page)
    until_linked(visit, fragment)


def click(visit, key: str, label: str, fragment: str) -> None:
    """Click the option, button, pill, radio or tab labelled `label` in widget `key`."""
    visit.page.locator(f".st-key-{key}").get_by_text(label, exact=True).click()
    until_linked(visit, fragment)


def tab(visit, key: str, label: str) -> None:
    visit.page.locator(f".st-key-{key}").get_by_role("tab", name=label).click()
    until_linked(visit, f"{key}={label}")


def slide(visit, key: str, steps: int, fragment: str) -> None:
    """Move slider `key` by `steps` (left if negative) with the arrow keys."""
    visit.page.locator(f".st-key-{key} input[type=range]").focus()
    for _ in range(abs(steps)):
        visit.page.keyboard.press("ArrowRight" if steps > 0 else "ArrowLeft")
    until_linked(visit, fragment)


def common(visit) -> None:
    type_date(visit, "date", "2018-02-05")
    click(visit, "image_format", "SVG", "image_format=svg")


def overview(visit) -> dict:
    common(visit)
    type_date(visit, "since", "2015-12-15")
    return {"since": ["value 2015-12-15"]}


def network(visit) -> dict:
    common(visit)
    type_date(visit, "since", "2015-12-15")
    choose(visit, "focus", "Turkey", "focus=turkey")
    click(visit, "depth", "ties of ties", "depth=2")
    remove(visit, "types", "mediation", "types=alliance,support,cooperation,rivalry,hostility")
    remove(visit, "kinds", "international org", "kinds=state,government,armed_group,political_group,person,other")
    choose(visit, "blocs", "Astana guarantors", "blocs=Astana guarantors")
    slide(visit, "min_intensity", 1, "min_intensity=2")
    visit.page.locator(".st-key-hide_people label").click()
    until_linked(visit, "hide_people=0")
    tab(visit, "tab", "Actor")
    choose(visit, "actor", "Russia", "actor=russia")
    visit.page.wait_for_selector('[data-testid="stMain"] .js-plotly-plot .main-svg', timeout=30000)  # the tie timeline
    return {"focus": ["value Turkey"], "depth": ["radio ties of ties"], "blocs": ["tag Astana guarantors", "value "],
            "min_intensity": ["range 2 moderate"], "hide_people": ["off Hide people"], "tab": ["tab Actor"],
            "actor": ["value Russia"], "since": ["value 2015-12-15"]}


def territory(visit) -> dict:
    common(visit)
    click(visit, "mode", "Compare sources", "mode=sources")
    choose(visit, "source", PUBLISHER, f"source={PUBLISHER}")
    choose(visit, "faction", "SDF", "faction=sdf")
    click(visit, "between", "Straight line (interpolated)", "between=interpolate")
    click(visit, "events", "diplomacy", "events=military,diplomacy")
    type_date(visit, "since", "2016-06-01")
    tab(visit, "view", "Table")
    visit.page.wait_for_function("""() => document.querySelectorAll(
        '[data-testid="stMain"] [data-testid="stDataFrame"] [role=grid]').length >= 2""", timeout=30000)  # drawn after the run
    return {"mode": ["on Compare sources"], "faction": ["value SDF"], "between": ["on Straight line (interpolated)"],
            "events": ["on diplomacy", "on military"], "since": ["value 2016-06-01"], "view": ["tab Table"]}


def quotes(visit) -> dict:
    common(visit)
    choose(visit, "speaker", "Dmitry Peskov", "speaker=peskov")
    choose(visit, "actor", "Russia", "actor=russia")
    choose(visit, "bloc", "Astana guarantors", "bloc=Astana guarantors")
    choose(visit, "issue", "Sochi congress", "issue=sochi-congress")
    visit.page.locator(".st-key-verbatim label").click()
    until_linked(visit, "verbatim=1")
    visit.page.locator(".st-key-q input").fill(SEARCH)
    visit.page.keyboard.press("Enter")
    until_linked(visit, f"q={SEARCH}")
    click(visit, "period", "Date range", "period=range")
    type_date(visit, "range", "2018-01-01", "2018-02-28")
    click(visit, "colour", "Bloc", "colour=bloc")
    click(visit, "lanes", "Top 12 speakers", "lanes=speakers")
    tab(visit, "show", "Cards")
    click(visit, "order", "By date", "order=oldest")
    tab(visit, "show", "Timeline")  # the cards' order is no longer drawn; it stays in the link
    x, y = marker_centre(visit.page, "peskov-2018-02-02")
    visit.page.mouse.click(x, y)
    until_linked(visit, "quote=peskov-2018-02-02")
    assert "order=oldest" in share_link(visit.page)
    return {"speaker": ["tag Dmitry Peskov", "value "], "verbatim": ["on Verbatim quotes only"], "q": [f"value {SEARCH}"],
            "period": ["on Date range"], "range": ["value 2018-01-01", "value 2018-02-28"], "colour": ["on Bloc"],
            "lanes": ["on Top 12 speakers"], "show": ["tab Timeline"]}


def positions(visit) -> dict:
    common(visit)
    choose(visit, "actor", "United States", "actor=usa")  # the boxes offer the actors with a stance on record
    choose(visit, "other", "Russia", "other=russia")
    choose(visit, "issue", "Assad stays", "issue=assad-stays")
    tab(visit, "section", "Camps")
    slide(visit, "min_known", -1, "min_known=2")
    tab(visit, "section", "Agreement")  # the Camps tab's slider is no longer drawn; its value stays in the link
    slide(visit, "min_shared", -1, "min_shared=1")
    assert "min_known=2" in share_link(visit.page)
    return {"actor": ["value United States"], "other": ["value Russia"], "issue": ["value Assad stays"],
            "min_shared": ["range 1"], "section": ["tab Agreement"]}


def sources(visit) -> dict:
    common(visit)
    rows = """() => document.querySelector('[data-testid="stMain"] [data-testid="stDataFrame"] [role=grid]')
        .getAttribute('aria-rowcount')"""
    everything = visit.page.evaluate(rows)
    visit.page.locator(".st-key-source_q input").fill("agency")
    visit.page.keyboard.press("Enter")
    until_linked(visit, "source_q=agency")
    # the grid redraws a moment after the run: wait for the narrowed table before the view is read
    visit.page.wait_for_function(f"(before) => ({rows})() !== before", arg=everything, timeout=30000)
    visit.page.locator(".st-key-present label").click()  # last: it hides the sidebar, whose link is still read
    until_linked(visit, "present=1")
    return {"present": ["on Presentation mode"], "source_q": ["value agency"]}


@pytest.mark.parametrize("path, set_every_control", [
    ("/", overview), ("/Network", network), ("/Territory", territory), ("/Quotes", quotes), ("/Positions", positions),
    ("/Sources", sources)], ids=lambda p: p if isinstance(p, str) else "")
def test_a_link_with_every_control_reproduces_the_view(browser, links_server, path, set_every_control):
    with Visit(browser, links_server.base) as first:
        page = first.open(path)
        expected = set_every_control(first)
        link, set_here, shown = share_link(page), controls(page), content(page)
        assert first.errors == []
    assert {key: set_here.get(key) for key in expected} == expected  # the controls took the values set
    assert set_here["date"] == ["value 2018-02-05"] and set_here["image_format"] == ["radio SVG"]
    assert link.startswith(links_server.base + ("" if path == "/" else path) + "?")
    with Visit(browser, links_server.base) as second:
        page = second.open(link[len(links_server.base):])
        assert controls(page) == set_here
        assert content(page) == shown
        assert unquote(share_link(page)) == unquote(link)
        assert second.errors == [] and second.outside == []
