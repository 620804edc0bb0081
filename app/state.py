"""The shared filters, kept in the URL so that a pasted link opens the same view.

A control bound here reads its value from the link when the link changes (a pasted link, a
page switch, the back button) and writes its value back after every run, so the address bar
always shows the whole view. Streamlit's own `bind="query-params"` loses the value on a page
switch, hence this small mechanism of our own.
"""
from __future__ import annotations

from datetime import date
from typing import Callable

import pandas as pd
import streamlit as st

from alliances.dataset import Dataset

EARLIEST = date(2011, 1, 1)


def restore_from_url(key: str, parse: Callable[[str], object]) -> None:
    """Before creating widget `key`: adopt the link's value if the link changed since the last run."""
    seen_key = f"_url_{key}"
    raw = st.query_params.get(key)
    if raw is not None and raw != st.session_state.get(seen_key):
        try:
            st.session_state[key] = parse(raw)
        except (TypeError, ValueError):
            pass  # a mistyped link keeps the current value; the URL is rewritten below
    elif key in st.session_state:
        # a page switch starts the new page's widget afresh: hand it the value it had
        st.session_state[key] = st.session_state[key]


def write_to_url(key: str, text: str) -> None:
    """After creating widget `key`: show its value in the address bar."""
    st.query_params[key] = text
    st.session_state[f"_url_{key}"] = text


def _jump(events: pd.DataFrame) -> None:
    choice = st.session_state.get("jump")
    match = events[events["title"] == choice]
    if not match.empty:
        st.session_state["date"] = match.iloc[0]["date"].date()
    st.session_state["jump"] = None


def as_of_date(ds: Dataset) -> date:
    """The as-of day: from `?date=` when the link has one, else the latest day the dataset covers."""
    latest = ds.last_day()
    earliest, last_allowed = min(EARLIEST, ds.first_day()), max(latest, date.today())
    restore_from_url("date", lambda raw: min(max(date.fromisoformat(raw), earliest), last_allowed))
    day = st.sidebar.date_input(
        "As of", value=latest, min_value=earliest, max_value=last_allowed, key="date", format="YYYY-MM-DD",
        help="Every view shows the situation on this day. It is kept in the page's link.",
    )
    write_to_url("date", day.isoformat())
    events = ds.events.sort_values("date")
    if not events.empty:
        labels = {}  # built once: a search of the table per option made every rerun quadratic in events
        for title, when in zip(events["title"], events["date"]):
            labels.setdefault(title, f"{when:%Y-%m-%d} · {title}")
        st.sidebar.selectbox(
            "Jump to an event", options=list(events["title"]), index=None, key="jump",
            placeholder="Key events…", on_change=_jump, args=(events,), format_func=labels.__getitem__,
        )
    return day
