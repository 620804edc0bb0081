"""Territory: who held how much of Syria over time."""
import streamlit as st

from alliances import figures, territory
from app import cache
from app.layout import day_text, md, page, source_markdown

ds, day = page("Territory", "Shares of Syria's territory by faction, from dated estimates (markers); lines between markers are interpolated.")
names, colours = cache.actor_names(ds), cache.actor_colours(ds)

estimates = territory.estimate_dates(ds)
if estimates.empty:
    st.info("The dataset holds no territory estimate.")
    st.stop()
by_source = estimates["source_id"].value_counts()
source_id = st.selectbox("Estimate from", list(by_source.index), key="estimate_source",
                         format_func=lambda s: f"{ds.sources.set_index('id').loc[s, 'publisher']} ({by_source[s]} dates)")
st.plotly_chart(figures.territory_chart(territory.series(ds, source_id), names, colours, day),
                config=figures.chart_config(f"territory-{source_id}"), key="territory_chart")

shares = cache.shares_as_of(ds, day, source_id)
st.subheader(f"As of {day_text(day)}")
if shares.empty:
    st.info("This source has no estimate on or before the chosen day.")
else:
    st.markdown(f"Estimate of {day_text(shares['date'].iloc[0])} — {source_markdown(ds, source_id)}")
    for row in shares.itertuples():
        st.markdown(f"- {md(names.get(row.actor, row.actor))}: {row.share_pct:.1f}%")

st.subheader("Governorates")
holders = cache.governorate_holders(ds, day)
if not ds.has_control:
    st.info("This dataset has no control.csv, so there is no governorate map.")
else:
    st.dataframe(holders.assign(actor=holders["actor"].map(names))[["governorate", "actor", "share", "date", "source_id", "note"]],
                 hide_index=True, width="stretch")
