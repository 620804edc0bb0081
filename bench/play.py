"""The network's player, measured in Chromium: how long one play step takes to redraw in the browser, and how many
bytes the page with the graph sends on first load (the tie periods it ships for the player included).

    .venv/bin/python bench/play.py                 # 1x and 10x the curated data
    .venv/bin/python bench/play.py --sizes 1 10 100

A step is `window.showDay(day)` (what the player's buttons and slider call) until the frame after the redraw:
data updates and vis-network's drawing of the canvas. Steps walk month by month from the dataset's first tie.
Budgets (issue 16): at most 50 ms at 1x and 200 ms at 10x (median). Exits non-zero when a budget fails.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

from browser_session import CHROMIUM, Server  # bench/ is on the path of a script run from it
from synthetic import BUNDLED, write_scaled

BUDGET_MS = {1: 50, 10: 200}
STEPS = 36
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
STEP_JS = """async (days) => {
    const out = [];
    for (const day of days) {
        const t0 = performance.now();
        window.showDay(day);
        await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
        out.push(performance.now() - t0);
    }
    return out; }"""


def measure(folder: Path, browser) -> dict:
    with Server(str(folder)) as server:
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        received = []
        page.on("response", lambda r: received.append(len(r.body()) if r.ok and r.request.method == "GET" else 0))
        page.on("websocket", lambda ws: ws.on("framereceived", lambda f: received.append(len(f))))
        page.goto(server.base + "/Network?date=2018-01-30")
        page.wait_for_selector("iframe", timeout=120000)
        frame = page.locator("iframe").first.element_handle().content_frame()
        frame.wait_for_function("() => document.body && document.body.getAttribute('data-settled') === 'true'",
                                timeout=120000)
        page.wait_for_timeout(1500)
        first_load_kb = sum(received) / 1024
        days = frame.evaluate(f"""() => {{ const out = []; let d = new Date('2014-01-01T00:00:00Z');
            for (let i = 0; i < {STEPS}; i++) {{ out.push(d.toISOString().slice(0, 10)); d.setUTCMonth(d.getUTCMonth() + 1); }}
            return out; }}""")
        steps = frame.evaluate(STEP_JS, days)
        page.close()
    page_kb, periods_kb = page_sizes(folder)
    return {"median_ms": statistics.median(steps), "max_ms": max(steps), "first_load_kb": first_load_kb,
            "graph_page_kb": page_kb, "periods_kb": periods_kb}


def page_sizes(folder: Path) -> tuple[float, float]:
    """KB of the graph's page for the default view, and of the tie periods in it (as JSON) that the player draws from."""
    from alliances import network_html
    from alliances.dataset import load
    from alliances.network import GraphFilters
    from alliances.network_layout import stable_positions
    from alliances.presentation import actor_colours
    ds, shown = load(folder), GraphFilters(hide_people=True, max_nodes=150)
    page = network_html.graph_page(ds, "2018-01-30", shown)
    periods = network_html.history(ds, shown, stable_positions(ds), actor_colours(ds.actors))
    return len(page.encode()) / 1024, len(json.dumps(periods).encode()) / 1024


def main() -> int:
    from playwright.sync_api import sync_playwright
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 10])
    args = parser.parse_args()
    failures = 0
    with tempfile.TemporaryDirectory(prefix="alliances-play-") as work, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        print("size  play step median ms  max ms  first load KB  graph page KB  of which tie periods KB")
        for size in args.sizes:
            folder = write_scaled(size, Path(work) / f"{size:g}x", base=BUNDLED)
            r = measure(folder, browser)
            print(f"{size:>3g}x  {r['median_ms']:>19.1f}  {r['max_ms']:>6.1f}  {r['first_load_kb']:>13.0f}  "
                  f"{r['graph_page_kb']:>13.0f}  {r['periods_kb']:>23.0f}")
            budget = BUDGET_MS.get(int(size))
            if budget is not None:
                ok = r["median_ms"] <= budget
                failures += not ok
                print(f"{'PASS' if ok else 'FAIL'}  {size:g}x: a play step redraws within {budget} ms "
                      f"(median {r['median_ms']:.1f} ms)")
        browser.close()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
