"""Positions: who stands where on each question, as of the day."""
import streamlit as st

from alliances import figures
from app import cache
from app.layout import page

ds, day = page("Positions", "Each actor's latest stated position on each issue on or before the chosen day; blank where unknown.")
matrix = cache.positions_matrix(ds, day)
if matrix.empty:
    st.info("No position is recorded on or before this day.")
    st.stop()
titles = dict(zip(ds.issues["id"], ds.issues["title"]))
st.plotly_chart(figures.positions_heatmap(matrix, cache.actor_names(ds), titles),
                config=figures.chart_config("positions"), key="positions_heatmap")
st.dataframe(cache.stances_as_of(ds, day), hide_index=True, width="stretch")
