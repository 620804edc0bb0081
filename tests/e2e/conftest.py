"""Browser fixtures: one Chromium and one app server for the session."""
import pytest
from browser_session import CHROMIUM, Server, Visit


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright
    assert CHROMIUM, "Debian's chromium is required: apt-get install -y chromium"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-quic"])
        yield b
        b.close()


@pytest.fixture(scope="session")
def server():
    with Server() as s:
        yield s


@pytest.fixture
def visit(browser, server):
    with Visit(browser, server.base) as v:
        yield v
