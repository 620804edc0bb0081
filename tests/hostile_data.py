"""A valid dataset whose every text and url field tries to run script in the browser.

It is the sample dataset with each text cell replaced by a marker naming the cell and a payload:
script tags, event-handler attributes, a `</script>` break-out, quotes that close attributes,
markup links with `javascript:`, and template syntax. Ids, dates and numbers stay valid, so the
loader accepts it and every page shows it. Urls stay http(s) (the loader refuses any other
scheme) but carry the same break-outs in their path and query. Every payload that could run sets
`window.__pwned` and opens a dialog: a test asserts neither ever happens.
"""
from __future__ import annotations

import copy
from pathlib import Path

from sample_data import MINI, write_dataset

from alliances.schema import TABLES

SCRIPT_TAG = "<script>window.__pwned=1;alert('script')</script>"
PAYLOAD = (
    SCRIPT_TAG
    + "<img src=x onerror=\"window.__pwned=1;alert('img')\">"
    + "</script><script>window.__pwned=1;alert('breakout')</script>"
    + "\"'><svg onload=\"window.__pwned=1;alert('svg')\">"
    + "<a href=\"javascript:window.__pwned=1;alert('link')\">link</a>"
    + " [md](javascript:alert('md')) <b>bold</b> {{7*7}} ${alert('tpl')} :red[x] $x$"
)
URL_PAYLOAD = "https://example.org/\"><script>window.__pwned=1;alert('url')</script>?q=<img/src=x/onerror=alert('url')>&a='b'"


def hostile_text(label: str) -> str:
    return f"{label} {PAYLOAD}"


def hostile_tables() -> dict[str, list[dict]]:
    """The sample tables with every text cell hostile (each marked with its table, row and column)."""
    tables = copy.deepcopy(MINI)
    for name, rows in tables.items():
        for i, row in enumerate(rows):
            for column in TABLES[name].columns:
                if (name, column.name) == ("groups", "title"):  # one title per group
                    row[column.name] = hostile_text("groups-title")
                elif column.kind == "text" and (name, column.name) != ("groups", "group"):  # a group id is a slug
                    row[column.name] = hostile_text(f"{name}-{i}-{column.name}")
                elif column.kind == "url":
                    row[column.name] = URL_PAYLOAD
    return tables


def write_hostile_dataset(folder: Path) -> Path:
    return write_dataset(folder, hostile_tables())
