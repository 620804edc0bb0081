"""What the benchmark and the load test do in a browser: open a page, change the date or the
focus like a user, and wait until the page has settled; plus the server's memory and CPU time.

Settled means: Streamlit says the script is not running, a run has finished since the action (or,
when a busy browser drew a run's start and end as one frame, the page changed and stayed so for
HOLD_MS), the address shows the chosen day, and every iframe (the network) has loaded.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT, ROOT / "tests" / "e2e"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from browser_session import CHROMIUM, Server  # noqa: E402,F401  (one way to start the app, shared with the tests)

PAGES = {"Overview": "/", "Network": "/Network", "Territory": "/Territory", "Quotes": "/Quotes",
         "Positions": "/Positions", "Sources": "/Sources"}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage"]

# Installed before any page script: counts the runs that have finished in this page, and gives a
# signature of what the page shows (address, text, iframe contents).
PAGE_PROBES = """
window.__finishedRuns = 0;
new MutationObserver(changes => {
  for (const c of changes) if (c.target.getAttribute('data-test-script-state') === 'notRunning') window.__finishedRuns++;
}).observe(document, {attributes: true, subtree: true, attributeFilter: ['data-test-script-state']});
window.__signature = () => {
  const main = document.querySelector('[data-testid="stMain"]');
  return location.pathname + location.search + '|' + (main ? main.innerText : '') + '|' +
    [...document.querySelectorAll('iframe')].map(f => f.srcdoc || f.src).join('|');
};
"""
# Settled: the script is not running, the day (if given) is in the address, every iframe has loaded,
# and either a run finished since the action or (when the browser drew the start and the end of a
# run as one frame, as it does when busy) the page changed and stayed so for HOLD_MS.
# Returns the page's clock at the moment it settled.
HOLD_MS = 300
SETTLED = """([day, runsBefore, holdMs]) => {
  const app = document.querySelector('[data-testid="stApp"]');
  const ready = app && app.getAttribute('data-test-script-state') === 'notRunning'
    && (!day || new URLSearchParams(location.search).getAll('date').includes(day))
    && document.querySelector('[data-testid="stMain"] h1')
    && [...document.querySelectorAll('iframe')].every(f => f.contentDocument && f.contentDocument.readyState === 'complete');
  if (!ready) { window.__readySince = 0; return false; }
  if (window.__finishedRuns > runsBefore) return performance.now();
  if (window.__signature() === window.__before) { window.__readySince = 0; return false; }
  window.__readySince = window.__readySince || performance.now();
  return performance.now() - window.__readySince >= holdMs && window.__readySince;
}"""


async def launch(playwright):
    return await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


class Traffic:
    """Bytes a page receives: websocket frames (Streamlit's messages) and HTTP responses (scripts, the iframe's files)."""

    def __init__(self):
        self.websocket: list[int] = []
        self.http: list[int] = []

    def clear(self):
        self.websocket.clear()
        self.http.clear()

    async def _finished(self, request):
        from playwright.async_api import Error as PlaywrightError
        try:
            sizes = await request.sizes()
        except PlaywrightError:  # the page closed before its last response was measured: nothing more to count
            return
        self.http.append(sizes["responseBodySize"] + sizes["responseHeadersSize"])


async def new_page(browser, traffic: Traffic | None = None):
    """A page in a fresh context, its received bytes counted in `traffic` when given."""
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    await context.add_init_script(PAGE_PROBES)
    page = await context.new_page()
    if traffic is not None:
        page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: traffic.websocket.append(len(payload))))
        context.on("requestfinished", traffic._finished)
    return context, page


async def _before_action(page) -> tuple[int, float]:
    """Note the page as it is before an action: finished runs, signature; returns runs and the page's clock."""
    return await page.evaluate("() => { window.__before = window.__signature(); window.__readySince = 0; "
                               "return [window.__finishedRuns, performance.now()]; }")


async def _settled(page, day: str, runs: int, timeout_ms: float) -> float:
    handle = await page.wait_for_function(SETTLED, arg=[day, runs, HOLD_MS], timeout=timeout_ms, polling=50)
    return await handle.json_value()


async def open_page(page, url: str, day: str, timeout_ms: float) -> None:
    await page.goto(url, timeout=timeout_ms)
    await page.wait_for_function(SETTLED, arg=[day, 0, HOLD_MS], timeout=timeout_ms, polling=50)


async def change_date(page, day: str, timeout_ms: float) -> float:
    """Type the day into the As-of field and close its calendar, which commits it (one rerun).
    Returns the seconds from that commit to the page settled."""
    await page.locator('.st-key-date [data-type="year"]').click(timeout=timeout_ms)  # the As-of field (there may be two)
    await page.keyboard.type(day.replace("-", ""))
    runs, start = await _before_action(page)
    await page.keyboard.press("Escape")
    return (await _settled(page, day, runs, timeout_ms) - start) / 1000


async def change_focus(page, step: int, timeout_ms: float) -> float | None:
    """Change the network's focus, if the page has a focus control: a select box keyed `focus`
    (pick another option) or, failing that, a toggle keyed `focus` or `astana`. Returns the seconds
    from the click that commits it to the page settled; None if the page has no such control."""
    for key in ("focus", "astana"):
        control = page.locator(f".st-key-{key}")
        if await control.count():
            break
    else:
        return None
    day = await page.evaluate("() => new URLSearchParams(location.search).get('date') || ''")
    if await control.locator('[role="combobox"], input[aria-autocomplete]').count():
        await control.locator('[role="combobox"], input[aria-autocomplete]').first.click(timeout=timeout_ms)
        options = page.locator('[role="option"]:not([aria-selected="true"])')
        await options.first.wait_for(timeout=timeout_ms)
        runs, start = await _before_action(page)
        await options.nth(step % await options.count()).click(timeout=timeout_ms)
        await page.keyboard.press("Escape")
    else:
        runs, start = await _before_action(page)
        await control.locator('label, [role="switch"], input').first.click()
    return (await _settled(page, day, runs, timeout_ms) - start) / 1000


def rss_bytes(pid: int) -> int:
    """Resident memory of process `pid` and its children (the server's own process tree)."""
    total = 0
    for p in [pid, *_children(pid)]:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            pass
    return total


def cpu_seconds(pid: int) -> float:
    """CPU time (user and system) process `pid` has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    try:
        kids = [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []
    return kids + [g for k in kids for g in _children(k)]
