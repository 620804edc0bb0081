"""Territory: who held how much of the ground, and where, over time."""


import pandas as pd
import streamlit as st

from alliances.links import join_list
from alliances.presentation import day_text
from alliances.schema import EVENT_KINDS, table_sources
from alliances.territory import BEST, BEST_NAME, BRACKET, CHART_FACTIONS, PARTIAL_REMAINDER, REMAINDER, as_of_rows
from alliances.text import for_markdown
from app import cache
from app.citations import source_markdown, sources_markdown
from app.layout import chart_config, page, table_downloads
from app.state import bound, list_of, one_of, optional_comparison_date, tabs_in_url

MODES = {"stacked": "Stacked areas", "lines": "Lines", "sources": "Compare sources"}
BETWEEN = {"hold": "Hold the last estimate", "interpolate": "Straight line (interpolated)"}
VIEWS = ("Chart", "On the day", "Table")
STALE_AFTER_DAYS = 365

ds, day = page("Territory", "Who held how much of {ground}, and where: shares from dated estimates (markers), "
                            "and the regions each faction held on the chosen day.")
names = cache.actor_names(ds)
series_labels = cache.series_labels(ds)  # the best available estimate of each date first, then each publisher's


with st.sidebar:
    st.subheader("Territory")
    mode = bound("mode", st.segmented_control, one_of(MODES), label="Chart", options=list(MODES),
                 format_func=MODES.get, default="stacked", required=True)
    series = faction = None
    if series_labels:
        options = list(series_labels)
        series = bound("source", st.selectbox, one_of(options), label="Estimates from", options=options,
                       index=options.index(BEST), format_func=series_labels.get,
                       help="The best available estimate: on each date, the fullest estimate any publisher gives, so "
                            "that the whole war is covered; each point names its publisher. Or one publisher's own "
                            "series. Publishers disagree: 'Compare sources' shows them side by side.")
        if mode == "sources":
            named = cache.estimated_factions(ds)
            faction = bound("faction", st.selectbox, one_of(named), label="Faction to compare", options=named,
                            format_func=lambda a: names.get(a, a))
    between = bound("between", st.segmented_control, one_of(BETWEEN), label="Between estimates", options=list(BETWEEN),
                    format_func=BETWEEN.get, default="hold", required=True,
                    help="Estimates are dated points. Holding the last one is how the as-of panel reads them; "
                         "a straight line is interpolation, drawn dotted.")
    event_kinds = bound("events", st.pills, list_of(EVENT_KINDS), join_list,
                        label="Key events on the time axis", options=list(EVENT_KINDS), selection_mode="multi",
                        default=["military"], help="Which kinds of event to mark under the chart; none hides them.")
    picked_since = optional_comparison_date(ds, help="The as-of panel shows the change in each share since this day. "
                                                     "Empty: since the first estimate of the chosen series.")
series_start = cache.series_estimates(ds, series)["date"].min().date() if series else None
since = picked_since or series_start  # the day panel's changes; the chart marks only a day the analyst picked

chart_tab, day_tab, table_tab = tabs_in_url(list(VIEWS), key="view")

if not series_labels:
    st.info("The dataset holds no territory estimate (territory.csv has no rows), so there is no chart.")
elif chart_tab.open:
    with chart_tab:
        if mode == "sources":
            fig = cache.territory_sources_chart(ds, faction, series, day, picked_since, between == "hold",
                                                tuple(event_kinds))
            st.caption("Each marker is a dated estimate that names the faction, one colour per publisher"
                       + ("" if series == BEST else " (the chosen one thicker)")
                       + ". Estimates that do not name it are left out: they leave its share unknown.")
        else:
            fig = cache.territory_shares_chart(ds, series, day, picked_since, mode == "stacked", between == "hold",
                                               tuple(event_kinds))
            summary = cache.series_summary(ds, series)
            doubles, factions = summary.doubles, summary.factions
            if series == BEST:
                about = (f"On each date the best available estimate: of several, the fullest (least left unattributed), "
                         f"from {summary.publishers} publishers; hover a marker for its publisher and source. "
                         + (f"{summary.left_out} partial estimates (over {PARTIAL_REMAINDER:.0f}% left unattributed) are "
                            f"left out where fuller ones lie within {BRACKET.days} days on both sides; pick their publisher "
                            "to see them. " if summary.left_out else "")
                         + "Publishers count differently: a step between two of them may be a difference of method. ")
            else:
                about = f"Estimates by {for_markdown(series)}. "
            st.caption(about + "Markers are the dated estimates; "
                       + ("between them the chart holds the last estimate." if between == "hold"
                          else "dotted lines between them are interpolated, not estimates.")
                       + (" Hatched: the share an estimate does not attribute to any faction (not estimated: neither a "
                          "faction nor contested ground)." if mode == "stacked" and summary.unattributed
                          else "")
                       + (f" {doubles} other estimate(s) of the same dates are in the table." if doubles and series != BEST
                          else f" {doubles} other estimate(s) of the same dates are in the publishers' series." if doubles
                          else "")
                       + (f" The chart draws the {CHART_FACTIONS} largest of {factions} factions; the table lists all."
                          if factions > CHART_FACTIONS else ""))
        st.plotly_chart(fig, config=chart_config(f"territory-{mode}"), key="territory_chart")
elif table_tab.open:
    with table_tab:
        table = cache.estimates_table(ds, None if mode == "sources" else series, faction if mode == "sources" else None)
        st.dataframe(table, hide_index=True, width="stretch", key="estimates_table",
                     column_config={"date": st.column_config.DateColumn(format="YYYY-MM-DD"),
                                    "share_pct": st.column_config.NumberColumn("share %", format="%.1f")})
        table_downloads(table, f"territory-estimates-{day.isoformat()}", key="estimates")
        if ds.has_control:
            st.markdown(f"**Region holders on {day_text(day)}**")
            holders_rows = cache.holders_table(ds, day)
            st.dataframe(holders_rows, hide_index=True, width="stretch", key="holders_table",
                         column_config={"since": st.column_config.DateColumn(format="YYYY-MM-DD")})
            table_downloads(holders_rows, f"regions-{day.isoformat()}", key="holders")

def on_the_day() -> None:
    """The chosen series' shares on the day with their changes, the region map, and every publisher's latest."""
    panel, map_column = st.columns(2, gap="large")
    best = series == BEST
    with panel:
        st.subheader(f"As of {day_text(day)}")
        changes = cache.shares_with_changes(ds, day, since, series) if series else pd.DataFrame()
        if changes.empty:
            st.info(("No publisher has an estimate on or before this day." if best else
                     f"{for_markdown(series)} has no estimate on or before this day; the table below shows who has.")
                    if series else "No territory estimate.")
        else:
            shown = changes.iloc[0]  # the date and sources of the estimates compared, the same on every row
            st.markdown((f"**{BEST_NAME}**: the estimate of {day_text(shown['date'])} by **{for_markdown(shown['publisher'])}**"
                         if best else f"**{for_markdown(series)}**, estimate of {day_text(shown['date'])}")
                        + f": {sources_markdown(ds, shown['source_id'], shown['more_sources'])}")
            age = (pd.Timestamp(day) - shown["date"]).days
            if age > STALE_AFTER_DAYS:
                st.warning(f"This estimate is {age / 365.25:.1f} years older than the chosen day: the ground may have "
                           "changed since. The region map and the table below may be more recent.", icon="⏳")
            st.dataframe(as_of_rows(changes, names), hide_index=True, width="stretch", key="as_of_shares",
                         column_config={"faction": st.column_config.TextColumn(width="medium"),
                                        **{c: st.column_config.TextColumn(width="small")
                                           for c in ("share", "Δ previous", "Δ since")}})
            table_downloads(changes.assign(faction=changes["actor"].map(names)), f"territory-as-of-{day.isoformat()}",
                            key="as_of")  # the numbers behind the text above, with the estimates' dates and sources
            whose = "in this series" if best else "by this publisher"
            notes = [f"Previous estimate: {day_text(shown['previous_date'])} "
                     f"({sources_markdown(ds, shown['previous_source_id'], shown['previous_more_sources'])})"
                     if pd.notna(shown["previous_date"]) else f"No earlier estimate {whose}",
                     f"on {day_text(since)} its latest was the estimate of {day_text(shown['since_date'])}"
                     + (f" ({source_markdown(ds, shown['since_source_id'], short=True)})" if best else "")
                     if pd.notna(shown["since_date"]) else f"no estimate {whose} as old as {day_text(since)}"]
            start_note = "" if picked_since else ", the series' first estimate"
            st.caption("; ".join(notes) + f". Δ: change in points since the previous estimate and since the comparison "
                       f"day ({day_text(since)}{start_note}); blank where one of the two estimates does not name the faction."
                       + (" In this series the estimates compared may be different publishers': a change may be a "
                          "difference of method." if best else "")
                       + (" 'Not estimated by this source': the share the estimate does not attribute to any faction."
                          if (changes["actor"] == REMAINDER).any() else ""))

    with map_column:
        st.subheader(f"Regions on {day_text(day)}")
        if not ds.has_control:
            st.info("This dataset has no control.csv, so there is no region map. Add control.csv (region, date, actor, "
                    "share, source_id, note: who held each region from which day) and regions.csv (name, row, col: "
                    "where each region's tile lies) to see it.")
        else:
            holders = cache.region_holders(ds, day)
            if holders.empty:
                st.info("control.csv has no row on or before this day: every tile shows 'no record'.")
            st.plotly_chart(cache.region_map(ds, day), config=chart_config(f"regions-{day.isoformat()}"), key="region_map")
            st.caption("One tile per region, roughly where it lies. Colour: who holds it; a split tile is shared, the "
                       "wider band holding most of it. Hover a tile for its holders and sources."
                       + ("" if cache.region_grid(ds).laid_out else " regions.csv does not place every region of "
                          "control.csv: those it leaves out are in rows of five, in alphabetical order."))
            if not holders.empty:
                cited = table_sources(holders)
                with st.expander(f"Sources of the map ({len(cited)})"):
                    st.markdown("\n".join(f"- {source_markdown(ds, s)}" for s in cited))

    side_by_side = cache.latest_by_publisher(ds, day)
    if not side_by_side.empty:
        st.subheader("Every publisher's latest estimate on this day")
        st.dataframe(cache.side_by_side_table(ds, day), hide_index=True, width="stretch", key="publishers_side_by_side",
                     column_config={"date": st.column_config.DateColumn("estimate of", format="YYYY-MM-DD")})
        table_downloads(side_by_side.rename(columns=names), f"territory-publishers-{day.isoformat()}", key="publishers")
        st.caption("Publishers disagree and many give only some factions (the rest: 'Not estimated by this source'); "
                   "a blank cell is a faction the estimate does not name. 'Compare sources' charts one faction across "
                   "publishers.")
        with st.expander(f"Sources of these estimates ({len(side_by_side)})"):
            more = cache.more_sources_of_estimates(ds)
            st.markdown("\n".join(f"- {day_text(r.date)}: {sources_markdown(ds, r.source_id, more.get((r.date, r.source_id)))}"
                                   for r in side_by_side.itertuples()))


if day_tab.open:
    with day_tab:
        on_the_day()
