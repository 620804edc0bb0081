"""Opening the app's pages under AppTest, as a browser following a link would."""
from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from app.page_list import PAGES as APP_PAGES

ROOT = Path(__file__).resolve().parent.parent
PAGES = [script for script, _title, _path in APP_PAGES]
TITLES = {script: title for script, title, _path in APP_PAGES}


def run(page: str, **params) -> AppTest:
    """Open `page` through the entry point with `params` in the link."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    if page != PAGES[0]:
        at.switch_page(page)
    return at.run()
