"""The shared filters, kept in the URL so that a pasted link opens the same view.

A control bound here reads its value from the link when the link changes (a pasted link, a
page switch, the back button) and writes its value back after every run, so the address bar
always shows the whole view. Streamlit's own `bind="query-params"` loses the value on a page
switch, hence this small mechanism of our own. Every parameter is declared in `alliances.links`; an
undeclared one raises, so that the registry, the README and the code cannot drift apart.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date, timedelta

import streamlit as st

from alliances.dataset import Dataset
from alliances.links import SHARED, join_list, param, split_list
from alliances.overview import JUMP_MENU_SIZE

from . import cache

EARLIEST = date(2011, 1, 1)


def restore_from_url(key: str, parse: Callable[[str], object]) -> None:
    """Before creating widget `key`: adopt the link's value if the link changed since the last run."""
    param(key)
    seen_key = f"_url_{key}"
    raw = st.query_params.get(key)
    # a widget left out of the last run lost its value (Streamlit drops it): the link still holds it
    if raw is not None and (raw != st.session_state.get(seen_key) or key not in st.session_state):
        try:
            st.session_state[key] = parse(raw)
        except (TypeError, ValueError):
            pass  # a mistyped link keeps the current value; the URL is rewritten below
    elif key in st.session_state:
        # a page switch starts the new page's widget afresh: hand it the value it had
        st.session_state[key] = st.session_state[key]


def write_to_url(key: str, text: str, default: str | None = None) -> None:
    """After creating widget `key`: show its value in the address bar (left out while it is `default`)."""
    param(key)
    if text == default:
        st.query_params.pop(key, None)
    else:
        st.query_params[key] = text
    st.session_state[f"_url_{key}"] = text


def list_of(options) -> Callable[[str], list]:
    """A parser for `restore_from_url` of a list (`links.join_list`): the known values, in the link's order (a link
    comes back as it was written), each once."""
    known = {str(o): o for o in options}

    def parse(raw: str) -> list:
        return [known[v] for v in dict.fromkeys(split_list(raw)) if v in known]
    return parse


def one_of(options) -> Callable[[str], str]:
    """A parser for `restore_from_url` that accepts only one of `options`."""
    allowed = {str(o) for o in options}

    def parse(raw: str) -> str:
        if raw not in allowed:
            raise ValueError(raw)
        return raw
    return parse


def bound(key: str, widget, parse: Callable[[str], object], text: Callable[[object], str] = str, **kwargs):
    """`widget(key=key, **kwargs)`, its value restored from the link and written back to it."""
    restore_from_url(key, parse)
    value = widget(key=key, **kwargs)
    write_to_url(key, text(value))
    return value


def shared_params() -> dict[str, str]:
    """The filters that follow the user from page to page (the menu's links carry them)."""
    return {k: st.query_params[k] for k in SHARED if k in st.query_params}


def _jump(menu: dict) -> None:
    choice = st.session_state.get("jump")
    if choice in menu:
        st.session_state["date"] = menu[choice][1].date()
    st.session_state["jump"] = None


def day_bounds(ds: Dataset) -> tuple[date, date]:
    """The first and last day any date control of the app accepts."""
    return min(EARLIEST, ds.first_day()), max(ds.last_day(), date.today())


def clamped(day: date, bounds: tuple[date, date]) -> date:
    return min(max(day, bounds[0]), bounds[1])


def _day_parser(bounds: tuple[date, date]) -> Callable[[str], date]:
    """A parser for `restore_from_url` of a day: YYYY-MM-DD, moved into `bounds` (a mistyped day raises)."""
    return lambda raw: clamped(date.fromisoformat(raw), bounds)


def as_of_date(ds: Dataset) -> date:
    """The as-of day: from `?date=` when the link has one, else the latest day the dataset covers.
    Drawn where the caller's `with` block puts it (the sidebar)."""
    bounds = day_bounds(ds)
    restore_from_url("date", _day_parser(bounds))
    day = st.date_input(
        "As of", value=ds.last_day(), min_value=bounds[0], max_value=bounds[1], key="date", format="YYYY-MM-DD",
        help="Every view shows the situation on this day. It is kept in the page's link.",
    )
    write_to_url("date", day.isoformat())
    menu = cache.jump_menu(ds, day if len(ds.events) > JUMP_MENU_SIZE else None)
    if menu:
        st.selectbox("Jump to an event" + ("" if len(menu) == len(ds.events) else f" ({len(menu)} nearest the day)"),
                     options=list(menu), index=None, key="jump", placeholder="Key events…", on_change=_jump,
                     args=(menu,), format_func=lambda eid: menu[eid][0])
    return day


def comparison_date(ds: Dataset, day: date, where=None) -> date:
    """The day to compare with (`?since=`), by default 90 days before the as-of day."""
    where = where or st.sidebar
    if "since" in st.session_state and st.session_state["since"] is None:
        del st.session_state["since"]  # left empty on the Territory page, where it is optional: use the default here
    bounds = day_bounds(ds)
    restore_from_url("since", _day_parser(bounds))
    since = where.date_input("Compare with", value=clamped(day - timedelta(days=90), bounds), min_value=bounds[0],
                             max_value=bounds[1], key="since", format="YYYY-MM-DD",
                             help="What changed between this day and the as-of day.")
    write_to_url("since", since.isoformat())
    return since


def tabs_in_url(labels: list[str], key: str) -> list:
    """st.tabs whose open tab is kept in the URL under `key`. The tabs track their state (a switch reruns
    the page), so each tab's `.open` tells whether it is shown."""
    restore_from_url(key, one_of(labels))
    tabs = st.tabs(labels, key=key, on_change="rerun")
    write_to_url(key, st.session_state.get(key) or labels[0])
    return tabs


def optional_comparison_date(ds: Dataset, help: str, where=None) -> date | None:
    """The day to compare with (`?since=`, shared with the Overview's), on a page where it may be left empty."""
    bounds = day_bounds(ds)
    restore_from_url("since", lambda raw: _day_parser(bounds)(raw) if raw else None)
    since = (where or st.sidebar).date_input(
        "Compare with", value=None, min_value=bounds[0], max_value=bounds[1], key="since", format="YYYY-MM-DD", help=help)
    write_to_url("since", since.isoformat() if since else "", default="")
    return since


def presenting() -> bool:
    """Presentation mode (`?present=1`): no sidebar or app chrome, larger type."""
    restore_from_url("present", lambda raw: raw == "1")
    on = st.sidebar.toggle("Presentation mode", key="present", help="Hides the sidebar and app chrome; larger type. "
                           "Leave it with the link at the top of the page.")
    write_to_url("present", "1" if on else "0")
    return on


def selectbox_in_url(label: str, options: list[str], key: str, default: str, **kwargs) -> str:
    """A selectbox over string `options` kept in the URL under `key`; a link naming no option keeps the current one."""
    if st.session_state.get(key) not in options:
        st.session_state[key] = default
    return bound(key, st.selectbox, one_of(options), label=label, options=options, **kwargs)


def slider_in_url(label: str, low: int, high: int, key: str, default: int, **kwargs) -> int:
    """A whole-number slider kept in the URL under `key`; a link's value is clamped to the slider's range."""
    if not isinstance(st.session_state.get(key), int):
        st.session_state[key] = default
    restore_from_url(key, lambda raw: min(max(int(raw), low), high))
    value = st.slider(label, low, high, key=key, **kwargs)
    write_to_url(key, str(value))
    return value


def bound_multiselect(label: str, options: Iterable[str], names: Mapping[str, str], *, key: str,
                      help: str | None = None) -> list[str]:
    """A multiselect of ids shown by name, kept in the URL as `key=id1,id2` (`links.join_list`; unknown ids dropped)."""
    options = list(options)
    restore_from_url(key, list_of(options))
    chosen = st.multiselect(label, options, default=[], key=key, help=help, placeholder="All",
                            format_func=lambda v: names.get(v, v))
    write_to_url(key, join_list(chosen), default="")
    return chosen


def bound_toggle(label: str, *, key: str) -> bool:
    restore_from_url(key, lambda raw: raw == "1")
    on = st.toggle(label, value=False, key=key)
    write_to_url(key, "1" if on else "0", default="0")
    return on


def bound_text(label: str, *, key: str, placeholder: str = "") -> str:
    restore_from_url(key, str)
    text = st.text_input(label, value="", key=key, placeholder=placeholder)
    write_to_url(key, text, default="")
    return text


def bound_segmented(label: str, options: tuple[str, ...], *, key: str, labels: Mapping[str, str] | None = None,
                    default: str | None = None) -> str:
    """One of `options` (`default`, else the first, by default), as buttons side by side."""
    default = default or options[0]
    restore_from_url(key, one_of(options))
    choice = st.segmented_control(label, options, default=default, required=True, key=key,
                                  format_func=lambda v: (labels or {}).get(v, v.capitalize()))
    write_to_url(key, choice, default=default)
    return choice
