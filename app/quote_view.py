"""The Quotes page's controls, each kept in the URL, and its quote card."""
from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import streamlit as st

from alliances.dataset import Dataset
from alliances.presentation import day_text
from alliances.quotes import LANE_MODES, TOP_SPEAKERS
from alliances.schema import POSITION_LABELS
from alliances.text import for_markdown

from .citations import sources_markdown
from .state import bound_segmented, one_of, restore_from_url, write_to_url

CARDS_PER_PAGE = 10  # each card is eight elements sent on every rerun; "Show more" adds ten
AROUND_DAYS = 30
WHOLE_RECORD_QUOTES = 2000  # above, the timeline opens on the days around the as-of day (every marker is sent)
PERIODS = {"all": "Whole record", "around": f"Around the day (±{AROUND_DAYS} days)", "range": "Date range"}
LANE_LABELS = {"blocs": "Blocs", "speakers": f"Top {TOP_SPEAKERS} speakers", "all": "All speakers"}


def bound_lanes() -> str:
    """The timeline's lanes (`?lanes=`): one per bloc (the default, left out of the link), the most quoted speakers
    with the rest in one lane, or every speaker."""
    return bound_segmented("Lanes", LANE_MODES, key="lanes", labels=LANE_LABELS)


def _date_range(raw: str) -> tuple[date, date]:
    first, last = sorted(date.fromisoformat(part) for part in raw.split(".."))
    return first, last


def bound_period(day: date, table: pd.DataFrame) -> tuple[date | None, date | None]:
    """The period shown: the whole record, around the as-of day, or a chosen range (`range=first..last`).
    By default the whole record, or the days around the as-of day when the record is too long to draw at once."""
    period = bound_segmented("Period", tuple(PERIODS), key="period", labels=PERIODS,
                             default="all" if len(table) <= WHOLE_RECORD_QUOTES else "around")
    if period == "around":
        return day - timedelta(days=AROUND_DAYS), day + timedelta(days=AROUND_DAYS)
    if period == "all":
        return None, None
    first, last = table["date"].min().date(), table["date"].max().date()
    restore_from_url("range", _date_range)
    chosen = st.date_input("Dates", value=(first, last), key="range", format="YYYY-MM-DD")
    if len(chosen) < 2:  # the second day is not picked yet
        return chosen[0], None
    write_to_url("range", f"{chosen[0].isoformat()}..{chosen[1].isoformat()}")
    return chosen[0], chosen[1]


def timeline_key() -> str:
    """The timeline's widget key; closing the card changes it, so that the chart drops its selection too."""
    return f"quotes_timeline_{st.session_state.get('cards_closed', 0)}"


def select_from_timeline() -> None:
    """on_select of the timeline: the clicked marker's quote (first in its customdata) becomes the card shown."""
    points = st.session_state[timeline_key()]["selection"]["points"]
    st.session_state["quote"] = points[0]["customdata"][0] if points else ""


def selected_quote(table: pd.DataFrame):
    """The quote chosen on the timeline or by `?quote=<id>`, as a row of `table`, or None."""
    restore_from_url("quote", one_of(table["id"]))
    quote_id = st.session_state.setdefault("quote", "")
    write_to_url("quote", quote_id, default="")
    match = table[table["id"] == quote_id]
    return next(match.itertuples()) if not match.empty else None


def _close_card() -> None:
    st.session_state["quote"] = ""
    st.session_state["cards_closed"] = st.session_state.get("cards_closed", 0) + 1


def quote_card(ds: Dataset, quote, *, selected: bool = False) -> None:
    """The quote in full with who, when, context, issue, position, source, a citation to copy and links onward."""
    with st.container(border=True, key=f"{'selected' if selected else 'card'}_{quote.id}"):
        if selected:
            head, close = st.columns([6, 1], vertical_alignment="center")
            head.markdown("**Selected on the timeline**")
            close.button("Close", key="close_quote", on_click=_close_card)
        text = for_markdown(" ".join(quote.text.split()))
        st.markdown(f"**“{text}”**" if quote.verbatim else f"**{text}**  \n*paraphrase, not the exact words*")
        behalf = f", for {for_markdown(quote.on_behalf_name)}" if quote.on_behalf_name else ""
        context = f" · {for_markdown(quote.context)}" if quote.context else ""
        st.markdown(f"**{for_markdown(quote.speaker_name)}**{behalf} · {day_text(quote.date)}{context}")
        about = []
        if quote.issue:
            about.append(f"Issue: **{for_markdown(quote.issue_title)}**")
        if pd.notna(quote.position):
            about.append(f"Position expressed: **{POSITION_LABELS[int(quote.position)]}** "
                         f"({for_markdown(quote.position_actor_name)})")
        about.append(f"Source: {sources_markdown(ds, quote.source_id, getattr(quote, 'more_sources', ''))}")
        st.markdown(" · ".join(about))
        st.code(quote.citation, language=None, wrap_lines=True)
        said_on = quote.date.date().isoformat()
        links = st.container(horizontal=True)
        links.page_link("views/1_Network.py", label=f"{for_markdown(quote.voice_name)} in the network, {day_text(quote.date)}",
                        query_params={"date": said_on, "focus": quote.voice})
        if quote.issue:
            links.page_link("views/4_Positions.py", label=f"{for_markdown(quote.issue_title)} in positions",
                            query_params={"date": said_on, "issue": quote.issue})
