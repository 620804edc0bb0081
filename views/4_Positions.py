"""Positions: who stands where on each question, which camps that makes, and the odd couples."""
import pandas as pd
import streamlit as st

from alliances.position_charts import MAP_LABELS, signed
from alliances.positions import CHART_ACTORS, CHART_ISSUES, MAP_ACTORS
from alliances.presentation import day_text
from alliances.schema import POSITION_LABELS, row_sources
from alliances.text import for_markdown
from app import cache
from app.citations import source_markdown, sources_markdown
from app.layout import absent, chart_config, page, stop_here, table_downloads
from app.state import selectbox_in_url, slider_in_url, tabs_in_url

SECTIONS = ("Who stands where", "Camps", "Agreement", "Issue over time", "Side by side", "Every stance")

ds, day = page("Positions", "Each actor's latest stated position on each issue on or before the chosen day. "
                            "An unknown position is shown as unknown, never as neutral.")
if note := absent(ds, "stances"):
    st.info(note)
    stop_here()
names = cache.actor_names(ds)
titles = dict(zip(ds.issues["id"], ds.issues["title"]))
table = cache.positions_matrix(ds, day)
# actors with a stance on record (all of them in a dataset with none, so that the boxes are never empty)
actor_options, issue_options = cache.actors_on_record(ds) or list(ds.actors["id"]), list(ds.issues["id"])
first, second = (cache.most_active(ds) + actor_options * 2)[:2]
with st.sidebar:
    actor = selectbox_in_url("Actor in focus", actor_options, "actor", first, format_func=lambda x: names.get(x, x),
                             help="Ringed on the position map (Camps) and compared in Side by side.")
    other = selectbox_in_url("Compared with", actor_options, "other", second if second != actor else first,
                             format_func=lambda x: names.get(x, x))
    issue = selectbox_in_url("Issue over time", issue_options, "issue", (cache.most_answered(ds) + issue_options)[0],
                             format_func=lambda i: titles.get(i, i)) if issue_options else None


def name(actor_id: str) -> str:
    return for_markdown(names.get(actor_id, actor_id))


def position_text(position) -> str:
    return f"{POSITION_LABELS[int(position)]} ({signed(position)})"


stands_tab, camps_tab, agreement_tab, issue_tab, pair_tab, stances_tab = tabs_in_url(list(SECTIONS), key="section")


def who_stands_where() -> None:
    if table.empty:
        st.info("No position is recorded on or before this day.")
        return
    st.plotly_chart(cache.positions_heatmap(ds, day), config=chart_config("positions"), key="positions_heatmap")
    st.caption("Red: against, blue: for; grey '?': no stance on record. Hover a cell for the date, note, quote and source."
               + (f" Showing the {CHART_ACTORS} actors with the most known positions and the {CHART_ISSUES} issues most "
                  f"answered, of {table.shape[0]} actors and {table.shape[1]} issues: 'Every stance' lists them all."
                  if table.shape[0] > CHART_ACTORS or table.shape[1] > CHART_ISSUES else ""))


def camps() -> None:
    min_known = slider_in_url("Place actors with at least this many known positions", 1, 10, "min_known", 3)
    pmap = cache.position_map(ds, day, min_known)
    if len(pmap.coords) < 2:
        st.info(f"Fewer than two actors have {min_known} or more known positions on this day: nothing to compare.")
    else:
        st.plotly_chart(cache.position_map_chart(ds, day, min_known, actor), config=chart_config("position-map"),
                        key="position_map")
        with st.expander("The map as a table"):
            placed = pmap.coords.reset_index().assign(name=lambda f: f["actor"].map(names))
            st.dataframe(placed[["name", "x", "y", "known", "actor"]], hide_index=True, width="stretch")
            table_downloads(placed, f"position-map-{day}", key="map_table")
    st.caption(
        "Method: principal component analysis of the positions (−2 to +2), computed here with numpy. Each issue is "
        "centred on the mean of the known positions, and an unknown position is set to that mean (mean imputation): "
        "it neither pulls an actor toward anyone nor pushes it away, so actors known on few issues drift toward the "
        "centre. Near means alike; the axis titles name the issues that weigh most on each axis. Names are written "
        f"for the {MAP_LABELS} best-known actors; hover a dot for any other. "
        f"Only actors with at least {min_known} known position(s) are placed, at most the {MAP_ACTORS} best known"
        + (f"; {len(pmap.left_out)} other actor(s) with a position are left out." if pmap.left_out else "."))


def agreement() -> None:
    min_shared = slider_in_url("Compare pairs that share at least this many issues", 1, 10, "min_shared", 2)
    pairs = cache.agreement(ds, day, min_shared).pairs()
    st.caption("Two actors agree on an issue when their positions have the same sign: both for, both against, or both "
               "neutral. The share is counted over the issues on which both have a known position."
               + (f" The chart compares the {CHART_ACTORS} actors with the most known positions; odd couples are sought "
                  "among all." if len(table) > CHART_ACTORS else ""))
    if pairs.empty:
        st.info(f"No two actors share {min_shared} or more issues with known positions on this day.")
    else:
        st.plotly_chart(cache.agreement_chart(ds, day, min_shared), config=chart_config("agreement"),
                        key="agreement_matrix")
        with st.expander("The chart as a table"):
            agreeing = pairs.assign(a=pairs["a"].map(names), b=pairs["b"].map(names))
            st.dataframe(agreeing, hide_index=True, width="stretch",
                         column_config={"share": st.column_config.NumberColumn("share agreed", format="percent")})
            table_downloads(agreeing, f"agreement-{day}", key="agreement_table")
    odd_couples(min_shared)


def odd_couples(min_shared: int) -> None:
    st.markdown("**Odd couples**: partners (a net positive tie in force) that agree on less than half of their shared "
                "issues, and rivals (a net negative tie) that agree on more than half.")
    couples = cache.odd_couples(ds, day, min_shared)
    if couples.empty:
        st.info(f"No odd couple on this day among pairs sharing at least {min_shared} issue(s).")
    for couple in couples.itertuples():
        label = (f"{name(couple.a)} and {name(couple.b)}: {couple.kind}, agree on {couple.agreed} of {couple.shared} "
                 "shared issues")
        with st.expander(label):
            ties = "; ".join(f"{for_markdown(t['type'])}, {sources_markdown(ds, t['source_id'], t['more_sources'])}"
                             for t in couple.ties)
            st.markdown(f"Tie in force: {ties}")
            pair = pd.DataFrame([{
                "issue": titles.get(point["issue"], point["issue"]),
                names.get(couple.a, couple.a): position_text(point["position_a"]),
                names.get(couple.b, couple.b): position_text(point["position_b"]),
                "agree": point["agree"],
                f"sources ({names.get(couple.a, couple.a)})": "; ".join(row_sources(point["source_a"], point["more_a"])),
                f"sources ({names.get(couple.b, couple.b)})": "; ".join(row_sources(point["source_b"], point["more_b"])),
            } for point in couple.issues])
            st.dataframe(pair, hide_index=True, width="stretch")
            table_downloads(pair, f"positions-{couple.a}-and-{couple.b}-{day}", key=f"couple_{couple.a}_{couple.b}")
            cited = dict.fromkeys(s for point in couple.issues for s in (*row_sources(point["source_a"], point["more_a"]),
                                                                         *row_sources(point["source_b"], point["more_b"])))
            st.markdown("Stances from: " + "; ".join(source_markdown(ds, s) for s in cited))


def issue_over_time() -> None:
    if issue is None:
        st.info("The dataset defines no issue.")
        return
    st.caption(for_markdown(ds.issues.set_index("id").loc[issue, "question"]))
    history = cache.issue_history(ds, issue)
    if history.empty:
        st.info("No stance on this issue is on record.")
        return
    st.plotly_chart(cache.issue_steps(ds, issue, day), config=chart_config(f"issue-{issue}"), key="issue_steps")
    st.caption("Each stance holds until the actor's next one. Lines are nudged apart so that equal positions "
               "stay visible; the hover gives each stance's exact position and source. The issue is chosen in the "
               "sidebar.")
    with st.expander("The chart as a table"):
        steps = history.assign(name=history["actor"].map(names))[["name", "date", "position", "publisher", "source_id",
                                                                    "more_sources", "note", "actor"]]
        st.dataframe(steps, hide_index=True, width="stretch",
                     column_config={"date": st.column_config.DateColumn(format="YYYY-MM-DD")})
        table_downloads(steps, f"issue-{issue}", key="issue_table")


def side_by_side() -> None:
    comparison = cache.compare_positions(ds, day, actor, other)
    if actor == other:
        st.info("Choose two different actors in the sidebar.")
        return
    if comparison.empty:
        st.info(f"Neither {name(actor)} nor {name(other)} has a position on record on or before this day.")
        return
    st.plotly_chart(cache.side_by_side(ds, day, actor, other), config=chart_config(f"{actor}-vs-{other}"),
                    key="side_by_side")
    view = pd.DataFrame({
        "issue": comparison["title"],
        names.get(actor, actor): comparison["position_a"].map(lambda p: "unknown" if pd.isna(p) else position_text(p)),
        names.get(other, other): comparison["position_b"].map(lambda p: "unknown" if pd.isna(p) else position_text(p)),
        "relation": comparison["relation"],
        **{f"sources ({names.get(who, who)})": ["; ".join(row_sources(*ids)) for ids in zip(comparison[f"source_{side}"],
                                                                                          comparison[f"more_{side}"])]
           for who, side in ((actor, "a"), (other, "b"))},
    })
    marks = {"opposed": "background-color: #F9D5C0", "differ": "background-color: #FFF3C4"}
    st.dataframe(view.style.apply(lambda row: [marks.get(row["relation"], "")] * len(row), axis=1),
                 hide_index=True, width="stretch")
    table_downloads(view, f"positions-{actor}-vs-{other}-{day}", key="side_by_side")
    st.caption("Orange: opposed (different signs); yellow: same side, different strength.")


def every_stance() -> None:
    stances = cache.stance_details(ds, day)
    st.caption(f"Every stance in force on {day_text(day)}: each actor's latest position on each issue, with its source.")
    st.dataframe(stances, hide_index=True, width="stretch")
    table_downloads(stances, f"positions-{day}", key="stances")


# only the open section runs: the page sends one chart per rerun, not six
for tab, section in ((stands_tab, who_stands_where), (camps_tab, camps), (agreement_tab, agreement),
                     (issue_tab, issue_over_time), (pair_tab, side_by_side), (stances_tab, every_stance)):
    if tab.open:
        with tab:
            section()
