"""Overview: the situation on the as-of day at a glance."""
import pandas as pd
import streamlit as st

from alliances.schema import RELATION_TYPES
from app import cache
from app.layout import day_text, md, page, source_markdown

ds, day = page("Alliances dashboard", "Who stands with whom in Syria's war, what each side says, and who holds the ground — as of the chosen day.")
names = cache.actor_names(ds)
ties = cache.ties_as_of(ds, day)

st.subheader(f"As of {day_text(day)}")
counts = ties["type"].value_counts()
cols = st.columns(len(RELATION_TYPES))
for col, rel_type in zip(cols, RELATION_TYPES):
    col.metric(rel_type.capitalize(), int(counts.get(rel_type, 0)))

shares = cache.shares_as_of(ds, day)
left, right = st.columns(2)
with left:
    st.markdown("**Ground**")
    held = shares[shares["actor"] != "contested"]
    if held.empty:
        st.info("No territory estimate on or before this day.")
    else:
        top = held.iloc[0]
        st.markdown(f"{md(names.get(top['actor'], top['actor']))} held the largest share, {top['share_pct']:.0f}% "
                    f"(estimate of {day_text(top['date'])}; {source_markdown(ds, top['source_id'])}).")
with right:
    st.markdown("**Key events around the day**")
    near = ds.events[(ds.events["date"] - pd.Timestamp(day)).abs() <= pd.Timedelta(days=60)].sort_values("date")
    if near.empty:
        st.info("No event in the dataset within 60 days of this day.")
    for event in near.itertuples():
        st.markdown(f"- {day_text(event.date)} — **{md(event.title)}**: {md(event.description)} ({source_markdown(ds, event.source_id)})")

st.markdown("**Ties in force**")
st.dataframe(
    ties.assign(source=ties["source"].map(names), target=ties["target"].map(names))[
        ["source", "type", "target", "intensity", "start", "end", "note", "source_id"]],
    hide_index=True, width="stretch",
    column_config={"start": st.column_config.DateColumn(format="YYYY-MM-DD"), "end": st.column_config.DateColumn(format="YYYY-MM-DD")},
)
