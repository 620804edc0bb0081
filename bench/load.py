"""Load test: 20 analysts at once. One server on loopback, one Chromium, 20 browser contexts; each
opens a page and changes the date (and the network's focus, where the page has a focus control)
10 times. Every render must complete without an error; prints p50/p95 time to a settled page and
the server's memory before, at peak and after.

    python bench/load.py                              # 20 sessions on the Network page, bundled data
    python bench/load.py --sessions 5 --changes 3 --pages Network Quotes --scale 10

Bounded: every wait has a timeout, and the whole run stops at --deadline seconds.
"""
from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from browsing import NO_RUN_RETRY_MS, PAGES, Server, Tab, cpu_seconds, launch, rss_bytes
from synthetic import write_scaled

ROOT = Path(__file__).resolve().parent.parent

FIRST_DAY = "2018-01-30"
OUT = ROOT / "bench" / "out"
ERROR_SELECTORS = '[data-testid="stException"], [data-testid="stAlertContentError"]'


def day_for(session: int, step: int) -> str:
    """A different day for every session and step, never the one the page shows already."""
    return (date(2012, 6, 1) + timedelta(days=(211 * step + 37 * session) % 4500 + 1)).isoformat()


async def _state(tab: Tab) -> str:
    try:
        return await tab.page.evaluate("""() => JSON.stringify({url: location.pathname + location.search,
            script: document.querySelector('[data-testid="stApp"]')?.getAttribute('data-test-script-state'),
            waitingFor: window.__waitingFor,
            asOf: [...document.querySelectorAll('[data-testid="stDateInput"] [role="spinbutton"]')].map(e => e.textContent).join('-')})""")
    except Exception as exc:  # the page itself may be gone
        return f"unknown ({type(exc).__name__})"


class Memory:
    """Samples the server's resident memory every 100 ms while the sessions run."""

    def __init__(self, pid: int):
        self.pid, self.peak, self._running = pid, rss_bytes(pid), True

    async def watch(self):
        while self._running:
            self.peak = max(self.peak, rss_bytes(self.pid))
            await asyncio.sleep(0.1)

    def stop(self):
        self._running = False


async def session(n: int, browser, base: str, page_name: str, changes: int, timeout_ms: float, results: dict):
    """One analyst: open the page, then `changes` times change the date and, where it can, the focus."""
    tab = await Tab.open(browser)
    page = tab.page
    errors: list[str] = results["errors"]
    page.on("pageerror", lambda exc: errors.append(f"session {n} {page_name}: page error {exc}"))
    # ERR_ABORTED: a request of an iframe that a newer run replaced, as a browser does; anything else is a failure
    page.on("requestfailed", lambda r: errors.append(f"session {n} {page_name}: request failed {r.url} ({r.failure})")
            if "ERR_ABORTED" not in (r.failure or "") else None)
    page.on("console", lambda m: errors.append(f"session {n} {page_name}: console {m.text[:200]}")
            if m.type == "error" and "404" not in m.text else None)
    try:
        await tab.goto(f"{base}{PAGES[page_name]}?date={FIRST_DAY}", FIRST_DAY, timeout_ms)
        for step in range(changes):
            took = await tab.change_date(day_for(n, step), timeout_ms)
            results["times"].append(took)
            results["renders"] += 1
            focus_took = await tab.change_focus(step, timeout_ms)
            if focus_took is not None:
                results["times"].append(focus_took)
                results["renders"] += 1
                results["focus_changes"] += 1
            if await page.locator(ERROR_SELECTORS).count():
                text = await page.locator(ERROR_SELECTORS).first.inner_text()
                errors.append(f"session {n} {page_name} step {step}: {text[:200]}")
    except Exception as exc:  # a timeout or a broken page: record it, with what the page showed, and end this session
        errors.append(f"session {n} {page_name}: {type(exc).__name__}: {str(exc).splitlines()[0][:160]}; "
                      f"page state: {await _state(tab)}")
        OUT.mkdir(parents=True, exist_ok=True)
        await page.screenshot(path=str(OUT / f"load-session-{n}.png"), timeout=10_000)
    finally:
        results["choices_repeated"] += tab.choices_repeated
        await tab.close()


async def run(args) -> int:
    from playwright.async_api import async_playwright
    workdir = Path(tempfile.mkdtemp(prefix="alliances-load-")) if args.scale else None
    data_dir = str(write_scaled(args.scale, workdir / "data")) if workdir else args.data
    server = await asyncio.to_thread(Server, data_dir)
    results = {"times": [], "errors": [], "renders": 0, "focus_changes": 0, "choices_repeated": 0}
    try:
        async with async_playwright() as p:
            browser = await launch(p)
            # one visit loads the dataset, as the first analyst of the day would; then measure
            warm = await Tab.open(browser)
            await warm.goto(f"{server.base}/?date={FIRST_DAY}", FIRST_DAY, args.timeout * 1000)
            await warm.close()
            before = rss_bytes(server.process.pid)
            memory = Memory(server.process.pid)
            watcher = asyncio.create_task(memory.watch())
            started, cpu_before = time.perf_counter(), cpu_seconds(server.process.pid)
            sessions = [session(n, browser, server.base, args.pages[n % len(args.pages)], args.changes, args.timeout * 1000,
                                results) for n in range(args.sessions)]
            try:
                await asyncio.wait_for(asyncio.gather(*sessions), timeout=args.deadline)
            except TimeoutError:
                results["errors"].append(f"the run passed its deadline of {args.deadline} s")
            wall = time.perf_counter() - started
            server_cpu = cpu_seconds(server.process.pid) - cpu_before
            memory.stop()
            await watcher
            await browser.close()
        await asyncio.sleep(args.idle)  # let the server drop the closed sessions
        after = rss_bytes(server.process.pid)
    finally:
        await asyncio.to_thread(server.stop)
        if workdir:
            shutil.rmtree(workdir, ignore_errors=True)

    times = sorted(results["times"])
    expected = args.sessions * args.changes
    print(f"{args.sessions} sessions on {', '.join(args.pages)}, {args.changes} date changes each "
          f"({results['focus_changes']} focus changes too), data: {data_dir}")
    print(f"renders completed: {results['renders']} (date changes expected: {expected}) in {wall:.0f} s")
    if times:
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        print(f"time to settled page: p50 {statistics.median(times):.2f} s, p95 {p95:.2f} s, max {times[-1]:.2f} s")
    print(f"focus choices made again because no run followed the key within {NO_RUN_RETRY_MS / 1000:g} s: "
          f"{results['choices_repeated']}")
    print(f"server CPU: {server_cpu:.0f} s in {wall:.0f} s ({100 * server_cpu / wall:.0f}% of one core)")
    print(f"server memory (RSS): before {before / 2**20:.0f} MB, peak {memory.peak / 2**20:.0f} MB, "
          f"after {after / 2**20:.0f} MB ({args.idle:g} s after the sessions closed)")
    for error in results["errors"][:20]:
        print("ERROR", error)
    ok = not results["errors"] and results["renders"] >= expected
    print("PASS: every render completed without error" if ok else f"FAIL: {len(results['errors'])} error(s)")
    return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--changes", type=int, default=10)
    parser.add_argument("--pages", nargs="+", default=["Network"], choices=list(PAGES))
    parser.add_argument("--data", default=str(ROOT / "data" / "syria"), help="dataset folder (default: the bundled data)")
    parser.add_argument("--scale", type=float, help="use a synthetic dataset this many times the curated size instead")
    parser.add_argument("--timeout", type=float, default=120, help="seconds any one render may take")
    parser.add_argument("--deadline", type=float, default=1200, help="seconds the whole run may take")
    parser.add_argument("--idle", type=float, default=10, help="seconds to wait before measuring memory after")
    args = parser.parse_args()
    return asyncio.run(run(args))


if __name__ == "__main__":
    sys.exit(main())
