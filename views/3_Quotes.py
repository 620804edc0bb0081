"""Quotes: who said what, when, and on whose behalf."""
import streamlit as st

from alliances import figures
from alliances.quotes import QuoteFilters, export_table
from app import cache
from app.layout import absent, chart_config, page, stop_here, table_downloads
from app.quote_view import CARDS_PER_PAGE, bound_lanes, bound_period, quote_card, select_from_timeline, selected_quote, timeline_key
from app.state import bound_multiselect, bound_segmented, bound_text, bound_toggle, tabs_in_url

ds, day = page("Quotes", "The record of statements: who said what, when and for whom. Verbatim quotes in quotation "
                         "marks, paraphrases without.")
table = cache.quotes_table(ds)
if table.empty:
    st.info(absent(ds, "quotes"))
    stop_here()
names = cache.actor_names(ds)
issue_titles = dict(zip(ds.issues["id"], ds.issues["title"]))

quoted, quoted_blocs = cache.quote_menus(ds)
with st.sidebar:
    st.subheader("Filter quotes")
    speakers = bound_multiselect("Speaker", quoted, names, key="speaker")
    actors = bound_multiselect("Speaking for", sorted(names, key=names.get), names, key="actor",
                               help="The actor the speaker speaks for (or the speaker, speaking for no one).")
    blocs = bound_multiselect("Bloc", quoted_blocs, {}, key="bloc")
    issues = bound_multiselect("Issue", sorted(issue_titles, key=issue_titles.get), issue_titles, key="issue")
    verbatim_only = bound_toggle("Verbatim quotes only", key="verbatim")

search_col, period_col, colour_col = st.columns([5, 6, 3], vertical_alignment="bottom")
with search_col:
    search = bound_text("Search (ignores case and accents)", key="q", placeholder="e.g. erdogan, breakthrough")
with period_col:
    start, end = bound_period(day, table)
with colour_col:
    colour_by = bound_segmented("Colour by", figures.QUOTE_COLOURINGS, key="colour")

filters = QuoteFilters(search=search, speakers=tuple(speakers), actors=tuple(actors), blocs=tuple(blocs),
                       issues=tuple(issues), start=start, end=end, verbatim_only=verbatim_only)
shown = cache.matching_quotes(ds, filters)
st.caption(f"**{len(shown)}** of {len(table)} quotes match.")
chosen = selected_quote(table)
timeline_tab, cards_tab = tabs_in_url(["Timeline", "Cards"], key="show")


def timeline() -> None:
    if shown.empty:
        st.info("No quote matches these filters. Widen the period (Whole record) or clear a filter.")
        return
    window = (start, end) if start is not None and end is not None else None
    lanes_by = bound_lanes()
    st.plotly_chart(cache.quotes_timeline(ds, filters, day, colour_by, window, lanes_by), key=timeline_key(),
                    on_select=select_from_timeline, selection_mode="points",
                    config=chart_config("quotes-timeline"))
    st.caption("Hover a marker for the excerpt, the speaker and the source; click it to open its card. The dotted line "
               "is the as-of day; drag sideways to move in time. **Lanes** shows one per bloc, the most quoted speakers "
               "or every speaker. The Cards tab lists every matching quote.")
    if chosen is not None:
        quote_card(ds, chosen, selected=True)


def cards() -> None:
    if shown.empty:
        st.info("No quote matches these filters. Widen the period (Whole record) or clear a filter.")
        return
    order_col, download_col = st.columns([2, 1], vertical_alignment="bottom")
    with order_col:
        order = bound_segmented("Order of the cards", ("newest", "oldest"), key="order",
                                labels={"newest": "Newest first", "oldest": "By date"})
    with download_col:
        table_downloads(export_table(shown), f"quotes-{day}", key="quotes")
    limit = st.session_state.setdefault("cards_shown", CARDS_PER_PAGE)
    for quote in cache.quote_cards(ds, filters, order == "newest", limit).itertuples():
        quote_card(ds, quote)
    if len(shown) > limit:
        st.caption(f"Showing {limit} of {len(shown)} cards.")
        st.button(f"Show {CARDS_PER_PAGE} more", key="more",
                  on_click=lambda: st.session_state.update(cards_shown=limit + CARDS_PER_PAGE))


# only the open tab runs: the timeline with the card chosen on it, or the cards of every matching quote
if timeline_tab.open:
    with timeline_tab:
        timeline()
if cards_tab.open:
    with cards_tab:
        cards()
