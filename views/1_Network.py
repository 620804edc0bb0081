"""Network: the ties in force on the as-of day, what changed since another day, and the tensions inside."""
import streamlit as st

from alliances.presentation import day_text
from alliances.text import for_markdown
from app import cache
from app.day_bridge import day_bridge
from app.layout import page
from app.network_controls import network_controls
from app.network_panels import actor_panel, analysis_panel, changes_panel, export_panel, focus_timeline
from app.state import tabs_in_url

ds, day = page("Network", "Who stands with whom on the chosen day. Hover a node or a tie for its details and source; "
                          "drag to move, scroll to zoom.")
view = network_controls(ds)
graph = cache.graph_as_of(ds, day, view.filters)
if graph.number_of_edges() == 0:
    st.info(f"No tie in force on {day_text(day)} matches the focus and filters. The dataset's ties run from "
            f"{day_text(ds.relations['start'].min())}.")
else:
    st.iframe(cache.network_page_html(ds, day, view.filters, view.other), height="content")
    day_bridge()  # the day the analyst stops on in the graph's player becomes the as-of day
    st.caption(f"{graph.number_of_nodes()} actors, {graph.number_of_edges()} ties in force on {day_text(day)}.")
    hidden = graph.graph["hidden"]
    if hidden:
        names = cache.actor_names(ds)
        st.warning(f"Showing the {graph.number_of_nodes()} most connected actors: {len(hidden)} less connected actors "
                   f"and their {graph.graph['hidden_ties']} ties are hidden. Centre on an actor or narrow the filters "
                   "to see them; the exports hold them all.", icon="✂️")
        with st.expander(f"Hidden actors ({len(hidden)}, most connected first)"):
            st.markdown(", ".join(for_markdown(names.get(a, a)) for a in hidden[:500]) + (" …" if len(hidden) > 500 else ""))
if view.group is not None:
    focus_timeline(ds, day, *view.group)

changes, analysis, actor, export = tabs_in_url(["Changes", "Tensions and centrality", "Actor", "Export"], key="tab")
# only the open tab runs
for tab, panel in ((changes, changes_panel), (analysis, analysis_panel), (export, export_panel)):
    if tab.open:
        with tab:
            panel(ds, day, view)
if actor.open:
    with actor:
        actor_panel(ds, day)
