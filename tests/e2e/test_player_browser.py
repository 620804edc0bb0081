"""The network's player in Chromium: days drawn in the browser, ties changing and actors holding their places, and
the day the analyst stops on becoming the app's as-of day and the link's."""
from __future__ import annotations

DAYS = ["2015-10-01", "2016-08-01", "2018-01-30", "2025-06-01"]


def graph_frame(page):
    page.wait_for_selector("iframe")
    frame = page.locator("iframe").first.element_handle().content_frame()
    frame.wait_for_function("() => document.body && document.body.getAttribute('data-settled') === 'true'", timeout=20000)
    return frame


def drawn(frame) -> tuple[dict, set]:
    """Where each drawn actor stands (canvas units) and the ties drawn (those fading out left aside)."""
    frame.wait_for_timeout(400)  # let the quarter-second fades end
    return (frame.evaluate("() => network.getPositions()"),
            set(frame.evaluate("() => edges.get().filter(e => !e.color || e.color.opacity !== 0).map(e => e.id)")))


def test_the_same_actors_stand_in_the_same_places_on_four_days(visit):
    places: dict[str, set] = {}
    for day in DAYS:
        page = visit.open(f"/Network?date={day}")
        for actor, xy in graph_frame(page).evaluate("() => network.getPositions()").items():
            places.setdefault(actor, set()).add((round(xy["x"], 1), round(xy["y"], 1)))
    assert len(places) > 20
    assert all(len(spots) == 1 for spots in places.values()), {a: s for a, s in places.items() if len(s) > 1}


def test_stepping_changes_ties_not_places_and_the_day_stopped_on_becomes_the_as_of_day(visit):
    page = visit.open("/Network?date=2015-10-01")
    frame = graph_frame(page)
    before, ties_before = drawn(frame)
    for _ in range(3):  # three key events on
        frame.get_by_role("button", name="event ▶▶").click()
    after, ties_after = drawn(frame)
    reached = frame.evaluate("() => document.body.getAttribute('data-day')")
    assert reached > "2015-10-01"
    assert ties_after != ties_before  # the ties of another day
    shared = set(before) & set(after)
    assert len(shared) > 5 and all(before[a] == after[a] for a in shared)  # and nobody moved
    assert frame.locator("#player-day").inner_text().endswith(reached[:4])
    # the analyst has stopped: the day goes to the app, its date box and its link
    page.wait_for_function(f"() => location.search.includes('date={reached}')", timeout=15000)
    visit.settle()
    assert page.locator('.st-key-date [data-testid="stDateInput"] input').input_value() == reached
    assert visit.errors == [] and visit.outside == []


def test_play_draws_month_after_month_in_the_browser(visit):
    page = visit.open("/Network?date=2016-01-01")
    frame = graph_frame(page)
    address = page.url
    frame.get_by_role("button", name="▶ Play").click()
    frame.wait_for_function("() => document.body.getAttribute('data-day') >= '2016-04-01'", timeout=10000)
    assert page.url == address  # months drawn with no round trip to the server
    frame.get_by_role("button", name="❚❚ Pause").click()
    steps = frame.evaluate("() => Number(document.body.getAttribute('data-draw-ms'))")
    assert 0 <= steps < 200  # a day drawn in the browser (the benchmark reports it)


def test_the_player_draws_the_ties_the_server_would_with_a_focus(visit):
    # the browser's rule for a day (inForce in network.html) repeats graph_as_of's focus, depth and cap: the same
    # actors and ties on the days the player reaches
    from curated import bundled

    from alliances.network import GraphFilters, graph_as_of
    from app.network_controls import MAX_SHOWN_NODES

    ds = bundled("syria")
    filters = GraphFilters(hide_people=True, focus=("turkey",), depth=2, max_nodes=MAX_SHOWN_NODES)
    page = visit.open("/Network?date=2016-01-01&focus=turkey&depth=2")
    frame = graph_frame(page)
    for _ in range(3):
        for _ in range(4):
            frame.get_by_role("button", name="event ▶▶").click()
        reached = frame.evaluate("() => document.body.getAttribute('data-day')")
        positions, ties = drawn(frame)
        graph = graph_as_of(ds, reached, filters)
        assert set(positions) == set(graph.nodes), reached
        assert ties == {f"{u}|{v}|{k}" for u, v, k in graph.edges(keys=True)}, reached
    assert visit.errors == []
