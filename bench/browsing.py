"""What the benchmark and the load test do in a browser: open a page, change the date or the
focus like a user, and wait until the page has settled; plus the server's memory and CPU time.

Settled means: the server has finished a run since the action (its websocket sent `script_finished`),
the page shows it (the address changed, Streamlit's script state is "not running", the title is
drawn, every iframe has loaded) and has stayed so for HOLD_MS. The server's word is what makes this
hold under load: a busy browser may draw a run's start and end as one frame, so the page alone
cannot tell a finished run from one that has not begun.
"""
from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

from browser_session import CHROMIUM, Server  # noqa: F401  (one way to start the app, shared with the browser tests)
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parent.parent

PAGES = {"Overview": "/", "Network": "/Network", "Territory": "/Territory", "Quotes": "/Quotes",
         "Positions": "/Positions", "Sources": "/Sources"}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage"]
HOLD_MS = 200
OPTIONS_WAIT_MS = 5_000          # a select box's list that has not opened by then is opened again
NO_RUN_RETRY_MS = 20_000         # a choice that started no server run by then is made again (reported)
CHOICE_ATTEMPTS = 3

# Polled in the page after the server has finished a run: returns the page's clock at the moment
# it began to show that run (held for holdMs), or false; window.__waitingFor says what it waits for.
SHOWS_RUN = """([day, addressBefore, holdMs]) => {
  const app = document.querySelector('[data-testid="stApp"]');
  const waitingFor = !app ? 'the app'
    : app.getAttribute('data-test-script-state') !== 'notRunning' ? 'the run to end'
    : location.search === addressBefore ? 'the address to change'
    : day && !new URLSearchParams(location.search).getAll('date').includes(day) ? 'the day in the address'
    : !document.querySelector('[data-testid="stMain"] h1') ? 'the title'
    : ![...document.querySelectorAll('iframe')].every(f => f.contentDocument && f.contentDocument.readyState === 'complete')
      ? 'the iframes to load' : '';
  window.__waitingFor = waitingFor;
  const seen = location.search + '|' + document.querySelector('[data-testid="stMain"]')?.innerText;
  if (waitingFor || seen !== window.__seen) { window.__seen = seen; window.__readySince = 0; return false; }
  window.__readySince = window.__readySince || performance.now();
  return performance.now() - window.__readySince >= holdMs && window.__readySince;
}"""

HIGHLIGHTED_ANOTHER = """(boxId) => {
  const box = document.getElementById(boxId);
  const option = box && document.getElementById(box.getAttribute('aria-activedescendant'));
  return document.activeElement === box && box.getAttribute('aria-expanded') === 'true'
    && option && option.getAttribute('aria-selected') === 'false';
}"""


async def launch(playwright):
    return await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


class Tab:
    """One analyst's page in its own browser context. Counts the runs the server has finished for it
    and, for the benchmark, the bytes it receives: websocket frames (Streamlit's messages) and HTTP
    responses (scripts, the iframe's files)."""

    def __init__(self, context, page):
        self.context, self.page = context, page
        self.finished_runs = 0
        self.choices_repeated = 0  # focus choices made again because no run followed the first
        self.websocket_bytes: list[int] = []
        self.http_bytes: list[int] = []
        page.on("websocket", lambda ws: ws.on("framereceived", self._frame))
        context.on("requestfinished", self._request_finished)

    @classmethod
    async def open(cls, browser) -> Tab:
        context = await browser.new_context(viewport={"width": 1400, "height": 1000})
        return cls(context, await context.new_page())

    def clear_bytes(self):
        self.websocket_bytes.clear()
        self.http_bytes.clear()

    def _frame(self, payload):
        self.websocket_bytes.append(len(payload))
        if isinstance(payload, bytes) and ForwardMsg.FromString(payload).WhichOneof("type") == "script_finished":
            self.finished_runs += 1

    async def _request_finished(self, request):
        from playwright.async_api import Error as PlaywrightError
        try:
            sizes = await request.sizes()
        except PlaywrightError:  # the page closed before its last response was measured: nothing more to count
            return
        self.http_bytes.append(sizes["responseBodySize"] + sizes["responseHeadersSize"])

    async def _settled(self, runs_before: int, address_before: str | None, day: str, timeout_ms: float,
                       run_timeout_ms: float | None = None) -> float:
        """Waits until the server has finished a run since `runs_before` (within `run_timeout_ms`, by default
        `timeout_ms`) and the page shows it; returns the page's clock (ms) at the moment it did."""
        run_timeout_ms = run_timeout_ms or timeout_ms
        deadline = time.monotonic() + run_timeout_ms / 1000
        while self.finished_runs <= runs_before:
            if time.monotonic() > deadline:
                raise TimeoutError(f"the server finished no run in {run_timeout_ms / 1000:g} s")
            await asyncio.sleep(0.05)
        handle = await self.page.wait_for_function(SHOWS_RUN, arg=[day, address_before, HOLD_MS],
                                                   timeout=timeout_ms, polling=50)
        return await handle.json_value()

    async def _before_action(self) -> tuple[int, str, float]:
        """Runs finished, the address and the page's clock just before an action."""
        address, now = await self.page.evaluate("() => [location.search, performance.now()]")
        return self.finished_runs, address, now

    async def goto(self, url: str, day: str, timeout_ms: float) -> None:
        runs = self.finished_runs
        await self.page.goto(url, timeout=timeout_ms)
        await self._settled(runs, None, day, timeout_ms)

    async def change_date(self, day: str, timeout_ms: float) -> float:
        """Type the day into the As-of field and close its calendar, which commits it (one rerun).
        Returns the seconds from that commit to the page settled."""
        await self.page.locator('.st-key-date [data-type="year"]').click(timeout=timeout_ms)  # the As-of field (there may be two)
        await self.page.keyboard.type(day.replace("-", ""))
        runs, address, start = await self._before_action()
        await self.page.keyboard.press("Escape")
        return (await self._settled(runs, address, day, timeout_ms) - start) / 1000

    async def change_focus(self, step: int, timeout_ms: float) -> float | None:
        """Change the network's focus, if the page has a focus control: a select box keyed `focus`
        (move 1 to 5 options down from the chosen one, with the keyboard) or, failing that, a toggle
        keyed `focus`. Returns the seconds from the key or click that commits it to the
        page settled; None if the page has no such control."""
        page = self.page
        for key in ("focus",):
            control = page.locator(f".st-key-{key}")
            if await control.count():
                break
        else:
            return None
        day = await page.evaluate("() => new URLSearchParams(location.search).get('date') || ''")
        box = control.locator('[role="combobox"], input[aria-autocomplete]')
        if await box.count():
            for attempt in range(1, CHOICE_ATTEMPTS + 1):
                await self._open_list(box.first, timeout_ms)
                for _ in range(step % 5 + 1):
                    await page.keyboard.press("ArrowDown")
                # Enter picks the highlighted option: wait until one other than the chosen is highlighted
                # and the box still has the keyboard (keys sent before the list is drawn are lost)
                await page.wait_for_function(HIGHLIGHTED_ANOTHER, arg=await box.first.get_attribute("id"),
                                             timeout=timeout_ms, polling=50)
                runs, address, start = await self._before_action()
                await page.keyboard.press("Enter")
                try:  # a browser drawing 20 pages may drop the key: no run starts, and an analyst would choose again
                    settled = await self._settled(runs, address, day, timeout_ms,
                                                  None if attempt == CHOICE_ATTEMPTS else NO_RUN_RETRY_MS)
                    return (settled - start) / 1000
                except TimeoutError:
                    if attempt == CHOICE_ATTEMPTS or self.finished_runs > runs:
                        raise
                    self.choices_repeated += 1
        else:
            runs, address, start = await self._before_action()
            await control.locator('label, [role="switch"], input').first.click()
        return (await self._settled(runs, address, day, timeout_ms) - start) / 1000

    async def _open_list(self, box, timeout_ms: float) -> None:
        """Opens a select box's list from the keyboard, its chosen option highlighted. The keyboard,
        not the mouse: under load a list can move while the mouse aims at an option, and a click on
        a moving option is lost. A list that has not opened in OPTIONS_WAIT_MS is opened again."""
        from playwright.async_api import TimeoutError as PlaywrightTimeout
        for _ in range(max(1, int(timeout_ms // OPTIONS_WAIT_MS))):
            await box.focus(timeout=timeout_ms)
            await self.page.keyboard.press("ArrowDown")
            try:
                await self.page.locator('[role="option"]').first.wait_for(timeout=OPTIONS_WAIT_MS)
                return
            except PlaywrightTimeout:
                await self.page.keyboard.press("Escape")
        raise TimeoutError(f"the select box's list did not open in {timeout_ms / 1000:g} s")

    async def close(self):
        await self.context.close()


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
