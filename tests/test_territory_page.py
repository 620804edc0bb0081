"""The Territory page under AppTest: its controls, the as-of panel, the map, the table view, and the URL."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from app_pages import run
from sample_data import write_dataset
from territory_data import territory_tables

PAGE = "views/2_Territory.py"


@pytest.fixture
def ground_dir(tmp_path, mini_tables, monkeypatch):
    folder = write_dataset(tmp_path / "ground", territory_tables(mini_tables))
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(folder))
    return folder


def table_with(at, *columns):
    """The first table on the page that has these columns (AppTest does not expose a dataframe's key)."""
    return next(d.value for d in at.dataframe if set(columns) <= set(d.value.columns))


def panel(at):
    return table_with(at, "faction", "Δ previous").set_index("faction")


def test_page_shows_chart_panel_and_map_with_every_control_in_the_url(ground_dir):
    at = run(PAGE, date="2018-02-01")
    assert not at.exception and not at.error
    assert len(at.get("plotly_chart")) == 1  # the shares chart; the map is on the day's tab, which did not run
    assert len(run(PAGE, date="2018-02-01", view="On the day").get("plotly_chart")) == 1  # the map
    # by default the best available estimate of each date, every publisher's
    assert at.selectbox(key="source").value == "best"
    assert {k: at.query_params[k] for k in ("date", "mode", "source", "between", "events", "view")} == {
        "date": "2018-02-01", "mode": "stacked", "source": "best", "between": "hold", "events": "military",
        "view": "Chart"}
    assert "since" not in at.query_params  # empty: since the series' first estimate


def chart_marks(at) -> list[str]:
    return [a["text"] for a in json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]["annotations"]]


def test_the_chart_marks_a_comparison_day_only_when_one_is_chosen(ground_dir):
    # with none, the panel counts from the series' first estimate, but the chart claims no comparison
    assert [m for m in chart_marks(run(PAGE, date="2018-02-01")) if m.startswith(("as of", "compared"))] == ["as of 1 Feb 2018"]
    marks = chart_marks(run(PAGE, date="2018-02-01", since="2016-06-01"))
    assert "as of 1 Feb 2018" in marks and "compared with 1 Jun 2016" in marks


def chart_traces(at, kind: str = "areas") -> dict:
    """The shares chart's stacked areas (or the `markers` on them, which carry the hover) by name."""
    data = json.loads(at.get("plotly_chart")[0].proto.spec)["data"]
    if kind == "areas":
        return {t["name"]: t for t in data if t.get("stackgroup")}
    return {t["name"]: t for t in data if t.get("legendgroup") and t.get("mode") == "markers"}


def test_the_page_opens_on_the_best_estimate_of_each_date_with_each_point_s_publisher(ground_dir):
    at = run(PAGE, date="2018-02-01")
    assert not at.exception and not at.error
    assert at.selectbox(key="source").value == "best"
    assert at.selectbox(key="source").format_func("best").startswith("Best available estimate (all publishers, 4 dates, 2015–2019)")
    traces = chart_traces(at)
    gov = chart_traces(at, "markers")["Syrian government"]
    assert [d[:10] for d in gov["x"]] == ["2015-06-01", "2016-01-01", "2018-01-30", "2019-06-01"]  # both publishers
    assert [point[4] for point in gov["customdata"]] == ["Institute B", "Agency A", "Agency A", "Institute B"]
    remainder = traces["Not estimated by this source"]
    assert remainder["fillpattern"]["shape"] == "/" and "Contested" not in traces
    assert any("best available estimate" in c.value and "publishers" in c.value for c in at.caption)
    day = run(PAGE, date="2018-02-01", view="On the day")
    assert any("Best available estimate" in m.value and "Agency A" in m.value and "Report A" in m.value for m in day.markdown)
    assert panel(day).loc["Syrian government"].tolist() == ["55.0%", "+20.0", "+25.0"]  # vs Agency A 2016, Institute B 2015
    assert panel(day).index[-1] == "Not estimated by this source"
    table = table_with(run(PAGE, date="2018-02-01", view="Table"), "share_pct", "publisher")
    assert set(table["source_id"]) == {"src-a", "src-b", "src-c"}  # not src-d: of 30 Jan 2018 the fuller is charted


def test_the_best_series_link_round_trips_and_a_publisher_can_still_be_chosen(ground_dir):
    at = run(PAGE, date="2018-02-01", source="Institute B")
    assert at.selectbox(key="source").value == "Institute B"
    assert [d[:10] for d in chart_traces(at, "markers")["Syrian government"]["x"]] == ["2015-06-01", "2019-06-01"]
    at.selectbox(key="source").select("best").run()
    assert at.query_params["source"] == "best"
    pasted = run(PAGE, date="2018-02-01", source="best", mode="lines")
    assert pasted.selectbox(key="source").value == "best" and pasted.query_params["source"] == "best"
    assert not pasted.exception


def test_choosing_a_publisher_changes_the_panel_and_the_link(ground_dir):
    at = run(PAGE, date="2018-02-01", since="2016-06-01", view="On the day")
    at.selectbox(key="source").select("Agency A").run()
    assert at.query_params["source"] == "Agency A"
    rows = panel(at)
    assert rows.loc["Syrian government"].tolist() == ["55.0%", "+20.0", "+20.0"]
    assert rows.loc["SDF", "Δ previous"] == ""  # the 2016 estimate does not name the SDF
    assert rows.loc["Islamic State", "share"] == "not named"
    assert any("Report A" in m.value and "example.org/a" in m.value for m in at.markdown)  # the source, linked


def test_without_a_comparison_day_changes_run_from_the_series_start(ground_dir):
    at = run(PAGE, date="2018-02-01", source="Agency A", view="On the day")
    assert at.date_input(key="since").value is None
    assert panel(at).loc["Syrian government", "Δ since"] == "+20.0"  # against Agency A's first estimate, 2016
    assert any("(1 Jan 2016, the series' first estimate)" in c.value for c in at.caption)


def test_comparison_day_sets_the_second_change(ground_dir):
    at = run(PAGE, date="2018-02-01", source="Agency A", view="On the day")
    at.date_input(key="since").set_value(dt.date(2015, 1, 1)).run()
    assert at.query_params["since"] == "2015-01-01"
    assert panel(at)["Δ since"].tolist() == ["", "", "", ""]
    assert any("no estimate by this publisher as old as 1 Jan 2015" in c.value for c in at.caption)


def test_compare_sources_mode_picks_a_faction_and_keeps_it_in_the_link(ground_dir):
    at = run(PAGE, date="2018-02-01")
    at.segmented_control(key="mode").set_value("sources").run()
    assert at.selectbox(key="faction").value == "syria-gov"  # the largest faction, never the 'contested' remainder
    at.selectbox(key="faction").select("sdf").run()
    assert at.query_params["mode"] == "sources" and at.query_params["faction"] == "sdf"
    assert not at.exception and len(at.get("plotly_chart")) == 1
    at.segmented_control(key="mode").set_value("lines").run()
    assert "faction" not in [s.key for s in at.selectbox]
    at.segmented_control(key="mode").set_value("sources").run()
    assert at.selectbox(key="faction").value == "sdf"  # the hidden control comes back with the link's value


def test_a_pasted_link_restores_every_control(ground_dir):
    at = run(PAGE, date="2018-02-01", mode="sources", faction="sdf", source="Agency A", between="interpolate",
             events="diplomacy,political", since="2016-06-01", view="Table")
    assert at.segmented_control(key="mode").value == "sources"
    assert at.selectbox(key="faction").value == "sdf"
    assert at.selectbox(key="source").value == "Agency A"
    assert at.segmented_control(key="between").value == "interpolate"
    assert at.pills(key="events").value == ["diplomacy", "political"]
    assert at.date_input(key="since").value == dt.date(2016, 6, 1)
    table = table_with(at, "share_pct", "publisher")
    assert set(table["actor"]) == {"sdf"} and set(table["publisher"]) == {"Agency A", "Institute B"}


def test_a_mistyped_link_falls_back_to_defaults(ground_dir):
    at = run(PAGE, date="2018-02-01", mode="pie", source="Nobody", events="parades")
    assert not at.exception
    assert at.segmented_control(key="mode").value == "stacked"
    assert at.selectbox(key="source").value == "best"
    assert at.pills(key="events").value == []


TEMPLATE = "Template (.xlsx: headers, dictionary, an example row each)"


def downloads(at) -> dict[str, str]:
    """The download buttons by key: 'estimates_csv': 'Download CSV', ... (the upload panel's template left out)."""
    return {b.key: b.proto.label for b in at.get("download_button")
            if b.proto.label != TEMPLATE and b.key not in ("dataset_zip", "dataset_xlsx")}  # the sidebar's, on every page


def test_table_view_offers_the_estimates_and_holders_as_csv_and_excel(ground_dir):
    at = run(PAGE, date="2017-01-01", source="Agency A", view="Table")
    assert len(at.get("plotly_chart")) == 0  # the other tabs did not run
    estimates = table_with(at, "share_pct", "publisher")
    assert set(estimates["source_id"]) == {"src-a", "src-c", "src-d"}
    holders = table_with(at, "region", "since")
    assert holders[holders["region"] == "Aleppo"]["faction"].tolist() == ["Syrian government", "SDF"]
    assert downloads(at) == {f"{table}_{kind}": label for table in ("estimates", "holders")
                             for kind, label in (("csv", "Download CSV"), ("xlsx", "Download Excel"))}


def test_the_day_s_view_offers_the_as_of_and_publishers_tables(ground_dir):
    at = run(PAGE, date="2018-02-01", view="On the day")
    assert set(downloads(at)) == {"as_of_csv", "as_of_xlsx", "publishers_csv", "publishers_xlsx"}


def test_an_old_estimate_is_flagged(ground_dir):
    at = run(PAGE, date="2024-06-01", source="Agency A", view="On the day")
    assert any("6.3 years older than the chosen day" in w.value for w in at.warning)


def test_every_publisher_s_latest_estimate_is_shown_side_by_side(ground_dir):
    at = run(PAGE, date="2018-02-01", view="On the day")
    table = table_with(at, "publisher", "date", "Syrian government").set_index("publisher")
    assert table.loc["Agency A", "Syrian government"] == "55.0" and table.loc["Institute B", "SDF"] == ""


def test_without_control_csv_the_chart_stays_and_the_map_says_what_is_missing(ground_dir):
    (ground_dir / "control.csv").unlink()
    assert len(run(PAGE, date="2018-02-01").get("plotly_chart")) == 1
    at = run(PAGE, date="2018-02-01", view="On the day")
    assert not at.exception and not at.error
    assert len(at.get("plotly_chart")) == 0
    assert any("no control.csv" in i.value for i in at.info)


def test_no_control_row_yet_draws_blank_tiles_and_says_so(ground_dir):
    at = run(PAGE, date="2011-06-01", view="On the day")
    assert any("no row on or before this day" in i.value for i in at.info)
    assert any("No publisher has an estimate on or before this day" in i.value for i in at.info)
    assert len(at.get("plotly_chart")) == 1


def test_without_territory_rows_the_map_still_shows(tmp_path, mini_tables, monkeypatch):
    tables = territory_tables(mini_tables)
    folder = write_dataset(tmp_path / "no-shares", {**tables, "territory": []})  # the header only
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(folder))
    at = run(PAGE, date="2018-02-01")
    assert not at.exception and not at.error
    assert any("holds no territory estimate" in i.value for i in at.info)
    assert len(run(PAGE, date="2018-02-01", view="On the day").get("plotly_chart")) == 1  # the map
