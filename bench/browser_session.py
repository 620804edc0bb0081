"""A real Streamlit server on loopback, and pages opened in Debian's Chromium that record what went wrong."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Non-root pages ask for these two paths relative to themselves; Streamlit answers 404 and carries on.
HARMLESS_404 = ("/_stcore/host-config", "/_stcore/health")


class Server:
    def __init__(self, data_dir: str | None = None):
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        sock.close()
        self.base = f"http://127.0.0.1:{self.port}"
        env = dict(os.environ)
        env.pop("DASHBOARD_DATA_DIR", None)
        if data_dir:
            env["DASHBOARD_DATA_DIR"] = data_dir
        logs = ROOT / ".pytest_cache"
        self.log = open(logs / f"server-{self.port}.log", "w") if logs.exists() else subprocess.DEVNULL
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.port", str(self.port),
             "--server.address", "127.0.0.1", "--server.headless", "true"],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                urllib.request.urlopen(self.base + "/_stcore/health", timeout=1)
                return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError("streamlit did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=20)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def dataset_server(tmp_path_factory, name: str, tables: dict) -> Server:
    """A server on a dataset written from `tables` into a fresh temporary folder."""
    from sample_data import write_dataset
    return Server(str(write_dataset(tmp_path_factory.mktemp(name) / "data", tables)))


def share_link(page) -> str:
    """The sidebar's link to the view (drawn last by the entry point; read even when presentation mode hides it)."""
    return page.locator('[data-testid="stSidebar"] [data-testid="stCode"]').text_content().strip()


def until_linked(visit, fragment: str) -> None:
    """Wait for the run a change started to end with `fragment` (key=value) in the share link."""
    visit.page.wait_for_function("""(fragment) => {
        const code = document.querySelector('[data-testid="stSidebar"] [data-testid="stCode"]');
        const app = document.querySelector('[data-testid="stApp"]');
        return code && decodeURIComponent(code.textContent).includes(fragment)
            && app.getAttribute('data-test-script-state') === 'notRunning'; }""", arg=fragment, timeout=60000)


class Visit:
    """A page opened in a fresh context, recording console errors, dialogs and requests to other hosts."""

    def __init__(self, browser, base: str):
        self.base = base
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000})
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.dialogs: list[str] = []
        self.context.on("request", self._request)
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        self.page.on("dialog", self._dialog)

    def _request(self, request):
        url = request.url
        if url.startswith(("http:", "https:", "ws:", "wss:")) and not url.replace("ws://", "http://").startswith(self.base):
            self.outside.append(url)

    def _console(self, message):
        if message.type == "error" and not any(p in (message.location or {}).get("url", "") for p in HARMLESS_404) \
                and "404" not in message.text:
            self.errors.append(message.text)

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, path: str):
        self.page.goto(self.base + path)
        self.settle()
        return self.page

    def settle(self):
        """Wait until the app's script has stopped and stays stopped (a rerun can follow the first run)."""
        page = self.page
        page.wait_for_selector('[data-testid="stApp"]', timeout=30000)
        # The entry point draws the share link last, after the page: once it is there, the run has finished.
        page.wait_for_selector('[data-testid="stSidebar"] [data-testid="stCode"]', state="attached", timeout=60000)
        idle = """() => { const a = document.querySelector('[data-testid="stApp"]');
            return a && a.getAttribute('data-test-script-state') === 'notRunning'; }"""
        for _ in range(3):
            page.wait_for_timeout(300)
            page.wait_for_function(idle, timeout=60000)
            page.wait_for_timeout(400)
            if page.evaluate(idle):
                break

    def close(self):
        self.context.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def marker_centre(page, quote_id: str) -> tuple[float, float]:
    """Where on the page plotly drew the marker of `quote_id` (found by the id first in its customdata)."""
    page.wait_for_selector(".js-plotly-plot .scatterlayer .point")
    box = page.evaluate("""(id) => {
        const plot = document.querySelector('.js-plotly-plot');
        for (const [t, trace] of plot.calcdata.entries()) {
            const i = trace.findIndex(p => p.data && p.data[0] === id);
            if (i < 0) continue;
            const r = plot.querySelectorAll('.scatterlayer .trace')[t].querySelectorAll('.point')[i].getBoundingClientRect();
            return [r.x + r.width / 2, r.y + r.height / 2];
        }
        return null;
    }""", quote_id)
    assert box, f"no marker for {quote_id}"
    return box[0], box[1]
