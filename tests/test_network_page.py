"""The Network page under AppTest: every control changes the view and lives in the URL; the panels under the graph."""
from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from app_pages import run
from sample_data import write_dataset
from scaled_data import scaled_tables

PAGE = "views/1_Network.py"


@pytest.fixture
def mini_env(mini_dir, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(mini_dir))


def open_network(**params):
    at = run(PAGE, **{"date": "2018-01-30", **params})
    assert not at.exception
    return at


def graph_caption(at) -> str:
    [caption] = [c.value for c in at.caption if " actors, " in c.value]
    return caption


def shown_node_ids(at) -> set[str]:
    [frame] = [el for el in at.main if getattr(el, "type", "") == "iframe"]
    data = re.search(r"new vis.DataSet\((\[.*?\])\);", frame.proto.srcdoc).group(1)
    return {node["id"] for node in json.loads(data)}


def markdown(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_graph_of_the_day(mini_env):
    at = open_network()
    assert "6 actors, 6 ties in force on 30 Jan 2018." == graph_caption(at)
    assert shown_node_ids(at) == {"russia", "turkey", "usa", "sdf", "syria-gov", "un"}


def test_view_without_ties_says_so(mini_env):
    at = open_network(types="rivalry")
    assert not [el for el in at.main if getattr(el, "type", "") == "iframe"]
    assert "No tie in force on 30 Jan 2018 matches the focus and filters" in at.info[0].value


def test_astana_preset_is_one_click_and_in_the_url(mini_env):
    at = open_network()
    at.button(key="preset_astana").click().run()
    assert at.query_params["focus"] == "astana"
    assert at.selectbox(key="focus").value == "astana"
    assert shown_node_ids(at) == {"russia", "iran", "turkey", "syria-gov", "usa", "sdf"}  # Iran, the UN out
    at.button(key="whole_network").click().run()
    assert "un" in shown_node_ids(at) and at.query_params["focus"] == ""


def test_focus_on_any_actor_with_depth(mini_env):
    at = open_network()
    at.selectbox(key="focus").set_value("sdf").run()
    assert shown_node_ids(at) == {"sdf", "usa", "turkey"}
    at.radio(key="depth").set_value(2).run()
    assert shown_node_ids(at) == {"sdf", "usa", "turkey", "russia"}
    assert (at.query_params["focus"], at.query_params["depth"]) == ("sdf", "2")


def test_filters_change_the_graph_and_the_url(mini_env):
    at = open_network()
    at.multiselect(key="types").set_value(["hostility", "mediation"]).run()
    assert shown_node_ids(at) == {"turkey", "sdf", "un", "syria-gov"}
    assert at.query_params["types"] == "hostility,mediation"
    at.multiselect(key="kinds").set_value(["state", "armed_group"]).run()
    assert shown_node_ids(at) == {"turkey", "sdf"} and at.query_params["kinds"] == "state,armed_group"
    at.multiselect(key="types").set_value(list(at.multiselect(key="types").options)).run()
    at.multiselect(key="blocs").set_value(["Kurdish-led", "US-led coalition"]).run()
    assert shown_node_ids(at) == {"usa", "sdf"} and at.query_params["blocs"] == "Kurdish-led,US-led coalition"
    at.multiselect(key="blocs").set_value([]).run()
    at.select_slider(key="min_intensity").set_value(3).run()
    # still states and armed groups only: Russia's strong tie goes to a government
    assert shown_node_ids(at) == {"usa", "sdf", "turkey"} and at.query_params["min_intensity"] == "3"


def test_hide_people(mini_tables, tmp_path, monkeypatch):
    mini_tables["relations"].append({"source": "peskov", "target": "russia", "type": "support",
                                     "intensity": "1", "start": "2012-01-01", "source_id": "src-a"})
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(write_dataset(tmp_path / "people", mini_tables)))
    at = open_network()
    assert "peskov" not in shown_node_ids(at)
    at.toggle(key="hide_people").set_value(False).run()
    assert "peskov" in shown_node_ids(at) and at.query_params["hide_people"] == "0"


def test_link_reproduces_the_view(mini_env):
    at = open_network(focus="sdf", depth="2", types="support,hostility", min_intensity="3", hide_people="0",
                      since="2015-12-15", actor="russia", tab="Actor")
    assert at.selectbox(key="focus").value == "sdf" and at.radio(key="depth").value == 2
    assert at.multiselect(key="types").value == ["support", "hostility"]
    assert at.select_slider(key="min_intensity").value == 3 and at.toggle(key="hide_people").value is False
    assert at.date_input(key="since").value == dt.date(2015, 12, 15)
    assert at.selectbox(key="actor").value == "russia"
    assert shown_node_ids(at) == {"sdf", "usa", "turkey"}


def test_mistyped_link_falls_back(mini_env):
    at = open_network(focus="nobody", depth="9", types="nonsense", min_intensity="x", since="yesterday")
    assert at.selectbox(key="focus").value == "" and at.radio(key="depth").value == 1
    assert at.multiselect(key="types").value == [] and at.date_input(key="since").value is None
    assert "No tie in force" in at.info[0].value  # no type chosen: nothing to draw


def test_comparison_marks_and_lists_changes_with_sources(mini_env):
    at = open_network(since="2015-12-15")
    text = markdown(at)
    assert "2 ties formed, 1 ended, 1 pair flipped sign" in text
    assert "28 Jun 2016 · **ended** · Russia — Turkey: *hostility* (3)" in text
    assert "[Agency A, “Report A”, 30 Jan 2018](https://example.org/a)" in text
    [frame] = [el for el in at.main if getattr(el, "type", "") == "iframe"]
    assert '"label": "formed, flipped"' in frame.proto.srcdoc and "between 2015-12-15 and 2018-01-30" in frame.proto.srcdoc
    at.date_input(key="since").set_value(None).run()
    assert "Pick a day under **Compare with**" in at.info[0].value and "since" not in at.query_params


def test_comparison_day_is_the_one_of_the_other_pages(mini_env):
    at = run("views/0_Overview.py", date="2018-01-30")
    at.date_input(key="since").set_value(dt.date(2015, 12, 15)).run()
    at.switch_page(PAGE).run()
    assert at.date_input(key="since").value == dt.date(2015, 12, 15) and at.query_params["since"] == "2015-12-15"
    assert "2 ties formed, 1 ended, 1 pair flipped sign" in markdown(at)
    at.date_input(key="since").set_value(dt.date(2016, 7, 1)).run()
    at.switch_page("views/2_Territory.py").run()
    assert at.date_input(key="since").value == dt.date(2016, 7, 1)


def test_an_old_link_s_comparison_day_still_opens(mini_env):
    at = open_network(vs="2015-12-15")
    assert at.date_input(key="since").value == dt.date(2015, 12, 15)
    assert at.query_params["since"] == "2015-12-15" and "vs" not in at.query_params


def test_tensions_and_centrality(mini_env):
    at = open_network(tab="Tensions and centrality")
    text = markdown(at)
    assert "**SDF · Turkey · United States**" in text
    assert "Turkey — SDF: *hostility* (3), 24 Aug 2016 to now." in text
    [centrality] = [d.value for d in at.dataframe if "betweenness" in d.value.columns]
    assert centrality.iloc[0]["actor"] == "turkey" and centrality.iloc[0]["betweenness"] > 0
    assert {"Download CSV", "Download Excel"} <= {b.label for b in at.get("download_button")}  # the table's


def test_actor_panel_with_links_to_positions_and_quotes(mini_env):
    at = open_network(tab="Actor")
    at.selectbox(key="actor").set_value("russia").run()
    assert at.query_params["actor"] == "russia"
    text = markdown(at)
    assert "→ Syrian government: *support* (3)" in text and "Sochi congress: **strongly for**" in text
    assert "Dmitry Peskov: No immediate breakthrough is likely" in text
    links = {link.proto.page: link.proto.query_string for link in at.get("page_link") if link.proto.label.endswith("for this actor")}
    assert links == {"Positions": "date=2018-01-30&actor=russia", "Quotes": "date=2018-01-30&actor=russia"}


def test_exports_offered(mini_env):
    at = open_network(tab="Export")
    labels = [b.label for b in at.get("download_button")]
    exports = [label for label in labels if not label.startswith(("Template", "This dataset", "Download "))]  # not the sidebar's or the tables'
    assert exports == ["GraphML", "GEXF", "Nodes CSV", "Edges CSV", "Offline HTML",
                       "History (dynamic GEXF)", "History GraphML", "History CSV"]


def test_large_dataset_is_capped_with_a_note(mini_tables, tmp_path, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(write_dataset(tmp_path / "big", scaled_tables(mini_tables, 400))))
    at = open_network()
    assert len(shown_node_ids(at)) == 150
    assert "Showing the 150 most connected actors: 256 less connected actors and their 256 ties are hidden" in at.warning[0].value
    assert "Group 399" in markdown(at)  # the hidden actors are named


def test_hostile_names_stay_text(mini_tables, tmp_path, monkeypatch):
    hostile = "<img src=x onerror=alert(1)>"
    mini_tables["actors"][0]["name"] = hostile
    mini_tables["relations"][4]["note"] = hostile
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(write_dataset(tmp_path / "hostile", mini_tables)))
    text = "\n".join(markdown(open_network(since="2015-12-15", actor="russia", tab=tab))
                     for tab in ("Changes", "Tensions and centrality", "Actor"))
    assert not re.search(r"(?<!\\)<img", text)  # every < escaped
    assert text.count(r"\<img src=x onerror=alert\(1\)\>") >= 5  # changes, triad, actor panel: shown as text


def test_the_open_tab_is_kept_in_the_link(mini_env):
    at = open_network(tab="Actor", actor="russia")
    assert at.query_params["tab"] == "Actor" and at.session_state["tab"] == "Actor"
    at = open_network(tab="Nonsense")
    assert at.query_params["tab"] == "Changes"


# ---------------------------------------------------------------- the tie timeline and the history exports

def timeline_specs(at) -> list[dict]:
    """The plotly figures on the page that are tie timelines (their bars' legend names the network's tie families)."""
    specs = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    return [s for s in specs if any(t.get("type") == "bar" and t.get("name", "").startswith(("positive", "negative"))
                                    for t in s["data"])]


def test_actor_tab_shows_the_actor_s_tie_timeline(mini_env):
    at = open_network(tab="Actor", actor="turkey")
    [spec] = timeline_specs(at)
    assert spec["layout"]["yaxis"]["ticktext"][1:] == ["United States", "Russia", "SDF"]
    assert sum(len(t["base"]) for t in spec["data"] if t["type"] == "bar") == 4
    [chart] = [c for c in at.get("plotly_chart") if json.loads(c.proto.spec) == spec]
    assert chart.proto.selection_mode and chart.proto.id  # clicks reach the page (on_select)
    assert "click it to see the network on that day" in "\n".join(c.value for c in at.caption)
    at.selectbox(key="actor").set_value("russia").run()
    [spec] = timeline_specs(at)
    assert spec["layout"]["yaxis"]["ticktext"][1:] == ["Syrian government", "Turkey"]


def test_no_timeline_without_the_astana_focus(mini_env):
    assert timeline_specs(open_network()) == []


def test_astana_focus_shows_the_axis_timeline_under_the_graph(mini_env):
    at = open_network(focus="astana")
    [spec] = timeline_specs(at)
    assert spec["layout"]["yaxis"]["ticktext"][1] == "Russia — Turkey"
    assert "Astana axis \\(Russia, Iran, Turkey\\) over time" in markdown(at)  # the group's title, from groups.csv
    at.button(key="whole_network").click().run()
    assert timeline_specs(at) == []


def test_clicking_the_timeline_sets_the_as_of_day():
    """pick_day is the chart's on_select: Streamlit stores the selection under the chart's key and calls it before
    the script. Here a button's callback stands in for the click (AppTest cannot click a plotly chart)."""
    from streamlit.testing.v1 import AppTest

    def page():
        import datetime as dt

        import streamlit as st

        from app.network_panels import pick_day, timeline_key

        def click(x):
            st.session_state[timeline_key("ties_turkey")] = {"selection": {"points": [{"x": x, "y": 1.0}]}}
            pick_day("ties_turkey", (dt.date(2011, 1, 1), dt.date(2024, 12, 8)))

        st.date_input("As of", value=dt.date(2018, 1, 30), key="date")
        st.button("bar", key="bar", on_click=click, args=("2019-07-08",))
        st.button("late", key="late", on_click=click, args=("2031-01-01",))
        st.button("nothing", key="nothing", on_click=click, args=("",))
        st.write(timeline_key("ties_turkey"))

    at = AppTest.from_function(page).run()
    at.button(key="bar").click().run()
    assert at.date_input(key="date").value == dt.date(2019, 7, 8)
    assert at.markdown[-1].value == "ties_turkey_1"  # a new chart key: the chart comes back without a selection
    at.button(key="late").click().run()
    assert at.date_input(key="date").value == dt.date(2024, 12, 8)  # kept within the dataset's days
    at.button(key="nothing").click().run()
    assert at.date_input(key="date").value == dt.date(2024, 12, 8) and not at.exception


def test_history_exports_offered(mini_env):
    at = open_network(tab="Export")
    labels = [b.label for b in at.get("download_button")]
    at_history = labels.index("History (dynamic GEXF)")
    assert labels[at_history:at_history + 3] == ["History (dynamic GEXF)", "History GraphML", "History CSV"]
    assert "Gephi plays the dynamic GEXF on its timeline" in "\n".join(c.value for c in at.caption)
