"""Overview: the situation on the as-of day, and what changed since the comparison day."""
import streamlit as st

from alliances.briefing import briefing_html
from alliances.presentation import based_day, day_text
from alliances.schema import RELATION_TYPES
from alliances.text import for_markdown
from app import cache
from app.citations import sources_markdown
from app.layout import absent, chart_config, page
from app.state import comparison_date, shared_params
from app.stories import bundled, story_in_link

ds, day = page("Alliances dashboard", "Who stands with whom in {ground}, what each side says, and who holds the "
               "ground — as of the chosen day.")
since = comparison_date(ds, day)
names = cache.actor_names(ds)
head = cache.headline(ds, day)


def name(actor_id: str) -> str:
    return for_markdown(names.get(actor_id, actor_id))


def cite(row) -> str:
    """A row's source and every further page it rests on, short (publisher and date), linked."""
    return sources_markdown(ds, row.source_id, row.more_sources, short=True)


def link(script: str, label: str, **params) -> None:
    st.page_link(script, label=label, query_params={**shared_params(), **params})


st.subheader(f"As of {day_text(day)}")
cols = st.columns(len(RELATION_TYPES) + 2)
for col, rel_type in zip(cols, RELATION_TYPES):
    col.metric(f"{rel_type.capitalize()} ties", head.ties_by_type[rel_type],
               help="Pairs of actors tied this way on the day: two rows between one pair count once.")
cols[-2].metric("Blocs in play", head.blocs_in_ties)
cols[-1].metric("Quotes that week", head.quotes_that_week)

ground, events = st.columns([2, 3])
with ground:
    st.markdown("**Ground**")
    if head.leader is None:
        st.info(absent(ds, "territory") or f"No estimate attributing most of {for_markdown(ds.meta.ground)} on or before "
                "this day.")
    else:
        stale = " — more than a year older than the chosen day" if head.estimate_is_stale(day) else ""
        st.markdown(f"Largest share: **{name(head.leader['actor'])}**, {head.leader['share_pct']:.0f}% "
                    f"(estimate of {day_text(head.leader['date'])}{stale}; {cite(head.leader)})")
        if head.runner_up is not None:
            st.markdown(f"Next: **{name(head.runner_up['actor'])}**, {head.runner_up['share_pct']:.0f}% in the same estimate.")
        newer = cache.newer_partial_shares(ds, day, head.leader["date"])
        if not newer.empty:
            st.markdown("Newer estimates naming only some factions: " + "; ".join(
                f"{name(row.actor)} **{row.share_pct:.0f}%** ({day_text(row.date)}, {cite(row)})"
                for row in newer.head(3).itertuples()))
    link("views/2_Territory.py", "Territory over time →")
with events:
    st.markdown("**Key events around the day**")
    near = cache.events_around(ds, day)
    if near.empty:
        st.info(absent(ds, "events") or "No event in the dataset within 45 days of this day.")
    else:
        st.plotly_chart(cache.events_strip(ds, day), config=chart_config(f"events-{day}"), key="events_strip")
        for event in cache.events_nearest(ds, day).itertuples():
            st.markdown(f"- {day_text(event.date)} — **{for_markdown(event.title)}** ({cite(event)})")

st.subheader(f"What changed between {day_text(since)} and {day_text(day)}")
changes = cache.changes_since(ds, since, day)
ties_col, ground_col = st.columns(2)
with ties_col:
    st.markdown("**Ties formed, ended or flipped**")
    if changes.ties.empty:
        st.caption("No tie changed.")
    for change in changes.ties.head(12).itertuples():
        cited = f"; {cite(change)}" if change.source_id else ""
        st.markdown(f"- {change.change}: {name(change.source)} — {for_markdown(change.type)} — {name(change.target)} "
                    f"({based_day(change.day, change.day_basis)}{cited})")
    if len(changes.ties) > 12:
        st.caption(f"… and {len(changes.ties) - 12} more in the network view.")
    link("views/1_Network.py", "See the ties in the network →")
with ground_col:
    st.markdown("**Territory moves (same source)**")
    if changes.territory.empty:
        st.caption("No comparable estimate from one source on both days.")
    for move in changes.territory.itertuples():
        st.markdown(f"- {name(move.actor)}: {move.change_pts:+.1f} points ({cite(move)}, "
                    f"{day_text(move.date_then)} → {day_text(move.date)})")
    st.markdown("**Positions that shifted**")
    if changes.positions.empty:
        st.caption(absent(ds, "stances") or "No position changed.")
    titles = dict(zip(ds.issues["id"], ds.issues["title"]))
    for shift in changes.positions.head(8).itertuples():
        before = "new" if shift.before != shift.before else f"{int(shift.before):+d}"
        st.markdown(f"- {name(shift.actor)} on {for_markdown(titles.get(shift.issue, shift.issue))}: {before} → {int(shift.position):+d} "
                    f"({cite(shift)})")
    link("views/4_Positions.py", "See positions →")

st.markdown("**Notable quotes in between**")
if changes.quotes.empty:
    st.caption(absent(ds, "quotes") or "No quote in between.")
for quote in changes.quotes.itertuples():
    words = f"“{for_markdown(quote.text)}”" if quote.verbatim else f"{for_markdown(quote.text)} (paraphrase)"
    st.markdown(f"- **{name(quote.speaker)}**, {day_text(quote.date)}: {words} ({cite(quote)})")
link("views/3_Quotes.py", "All quotes →")

st.divider()
playing = story_in_link(ds, bundled(ds)[0])[1]  # a story playing goes into the pack, its sources with the others
st.download_button("Briefing pack (one HTML file that opens offline)", key="briefing_pack",
                   data=lambda: briefing_html(ds, day, since, playing),
                   file_name=f"{ds.meta.name or 'dataset'}-alliances-briefing-{day}.html",
                   mime="text/html", help="Overview, network, territory, positions and quotes for this day, each with its sources.")
