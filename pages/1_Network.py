"""Network: the ties in force on the as-of day."""
import streamlit as st

from alliances import network_html
from alliances.network import ASTANA_AXIS, GraphFilters
from alliances.schema import RELATION_TYPES
from app import cache
from app.layout import page

ds, day = page("Network", "Ties in force on the chosen day: blue positive, grey dashed mediation, orange negative; arrows on directed ties.")

with st.sidebar:
    types = st.multiselect("Relation types", RELATION_TYPES, default=list(RELATION_TYPES), key="types")
    hide_people = st.toggle("Hide people", value=True, key="hide_people")
    astana = st.toggle("Focus on the Astana axis (Russia, Iran, Turkey)", value=False, key="astana")

filters = GraphFilters(types=tuple(types), hide_people=hide_people, focus=ASTANA_AXIS if astana else ())
graph = cache.graph_as_of(ds, day, filters)
if graph.number_of_nodes() == 0:
    st.info("No tie in force on this day matches the filters.")
    st.stop()
net = network_html.build_network(graph, cache.actor_colours(ds), ds.sources)
st.iframe(network_html.render(net), height=660)
st.caption(f"{graph.number_of_nodes()} actors, {graph.number_of_edges()} ties. Hover a node or a tie for its details and source.")
