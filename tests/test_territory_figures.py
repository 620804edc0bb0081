"""The territory figures: what a reader sees and hovers, with dataset text escaped."""
import pandas as pd
import pytest
from sample_data import write_dataset
from territory_data import territory_tables

from alliances.dataset import load
from alliances.regions import grid
from alliances.source_list import source_labels
from alliances.territory import BEST, REMAINDER_NAME, estimate_grid, faction_by_publisher, region_holders
from alliances.territory_figures import (
    HOVER_HOLDERS,
    RUG_EVENTS,
    TILE_BANDS,
    event_labels,
    region_map,
    shares_chart,
    sources_chart,
    time_range,
)

HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture
def ground(tmp_path, mini_tables):
    tables = territory_tables(mini_tables)
    for actor in tables["actors"]:
        if actor["id"] == "sdf":
            actor["name"] = f"SDF {HOSTILE}"
    tables["territory"][1]["note"] = HOSTILE  # src-a's SDF row
    return load(write_dataset(tmp_path / "ground", tables))


def names_colours(ds):
    return dict(zip(ds.actors["id"], ds.actors["name"])), {"syria-gov": "#882255", "sdf": "#DDCC77", "isis": "#222222"}


def test_stacked_chart_has_a_trace_per_faction_and_markers_only_on_estimates(ground):
    names, colours = names_colours(ground)
    grid = estimate_grid(ground, "Agency A")
    fig = shares_chart(grid, names, colours, source_labels(ground), (grid["date"].min(), grid["date"].max()),
                       "2018-02-01", "2016-06-01", events=ground.events)
    faction_traces = [t for t in fig.data if t.stackgroup == "shares"]
    assert [t.name for t in faction_traces][0] == "Syrian government"
    assert {t.fillcolor for t in faction_traces} >= {"rgba(136,34,85,0.78)", "rgba(221,204,119,0.78)"}
    assert all(t.hoverinfo == "skip" for t in faction_traces)  # the areas: the markers carry the hover
    markers = {t.name: t for t in fig.data if t.legendgroup and t.mode == "markers"}
    assert {markers["Syrian government"].marker.color, markers["SDF &lt;img src=x onerror=alert(1)&gt;"].marker.color} \
        == {"#882255", "#DDCC77"}
    isis = markers["Islamic State"]
    # named in 2016 (40% on the government's 35%), not in 2018: no marker there to take the hover from the faction there
    assert pd.to_datetime(list(isis.x)).strftime("%Y-%m-%d").tolist() == ["2016-01-01"] and list(isis.y) == [75]
    assert list(markers["SDF &lt;img src=x onerror=alert(1)&gt;"].y) == [80]  # 25% on the government's 55%
    assert fig.layout.yaxis.range == (0, 100)
    assert all(t.line.shape == "hv" for t in faction_traces)
    labels = [a.text for a in fig.layout.annotations]
    assert "as of 1 Feb 2018" in labels and "compared with 1 Jun 2016" in labels


def test_interpolated_lines_are_dotted_and_unnamed_points_are_gaps(ground):
    names, colours = names_colours(ground)
    grid = estimate_grid(ground, "Agency A")
    fig = shares_chart(grid, names, colours, {}, (grid["date"].min(), grid["date"].max()), "2018-02-01",
                       stacked=False, step=False)
    sdf = next(t for t in fig.data if t.name.startswith("SDF"))
    assert sdf.line.dash == "dot" and sdf.line.shape == "linear" and sdf.stackgroup is None
    assert pd.isna(sdf.y[0]) and sdf.y[1] == 25
    assert "Contested" not in [t.name for t in fig.data]  # a remainder, not a faction to compare


def test_hover_names_value_date_and_source_with_dataset_text_escaped(ground):
    names, colours = names_colours(ground)
    grid = estimate_grid(ground, "Agency A")
    fig = shares_chart(grid, names, colours, source_labels(ground), (grid["date"].min(), grid["date"].max()), "2018-02-01")
    sdf = next(t for t in fig.data if t.name.startswith("SDF") and t.mode == "markers")
    assert "<img" not in sdf.name and "&lt;img" in sdf.name
    faction, value, source, note, publisher = sdf.customdata[0]  # its one estimate, of 2018
    assert faction == "SDF &lt;img src=x onerror=alert(1)&gt;"  # escaped once
    assert value == "25.0%" and source == "Agency A, “Report A”, 2018-01-30" and note == "&lt;img src=x onerror=alert(1)&gt;"
    assert publisher == "Agency A"
    assert "%{x|" in sdf.hovertemplate and "source: %{customdata[2]}" in sdf.hovertemplate
    assert " by %{customdata[4]}" in sdf.hovertemplate


def test_an_unattributed_remainder_is_hatched_and_named_not_estimated_never_a_faction(ground):
    names, colours = names_colours(ground)
    colours["contested"] = "#E8E8E8"
    grid = estimate_grid(ground, "Institute B")  # 2015: the government's 30%, 69% left unattributed
    fig = shares_chart(grid, names, colours, source_labels(ground), (grid["date"].min(), grid["date"].max()), "2016-01-01")
    stacked = [t for t in fig.data if t.stackgroup == "shares"]
    assert "Contested" not in [t.name for t in fig.data]
    remainder = stacked[-1]  # on top of the factions
    assert remainder.name == REMAINDER_NAME
    assert remainder.fillpattern.shape == "/" and remainder.fillpattern.fillmode == "replace"
    assert remainder.fillcolor != "#E8E8E8" and "232,232,232" not in remainder.fillcolor  # not the actor's solid colour
    assert list(remainder.y) == [69, 12]
    [points] = [t for t in fig.data if t.name == REMAINDER_NAME and t.mode == "markers"]
    assert list(points.y) == [99, 100]  # on top of the stack (the 2015 shares add up to 99)
    name, value, source, note, publisher = points.customdata[0]
    assert name == REMAINDER_NAME and value == "69.0%, which this source does not attribute to any faction"
    assert publisher == "Institute B" and source.startswith("Institute B, “Map B”")
    assert all(t.fillpattern.shape is None for t in stacked[:-1])  # the factions stay solid


def test_the_best_series_chart_spans_every_publisher_and_each_point_names_its_own(ground):
    names, colours = names_colours(ground)
    grid = estimate_grid(ground, BEST)
    fig = shares_chart(grid, names, colours, source_labels(ground), (grid["date"].min(), grid["date"].max()), "2019-07-01")
    gov = next(t for t in fig.data if t.name == "Syrian government" and t.mode == "markers")
    assert pd.to_datetime(list(gov.x)).strftime("%Y-%m-%d").tolist() == ["2015-06-01", "2016-01-01", "2018-01-30", "2019-06-01"]
    assert [point[4] for point in gov.customdata] == ["Institute B", "Agency A", "Agency A", "Institute B"]
    assert [point[2].split(",")[0] for point in gov.customdata] == ["Institute B", "Agency A", "Agency A", "Institute B"]
    remainder = next(t for t in fig.data if t.name == REMAINDER_NAME and t.stackgroup)
    assert list(remainder.y) == [69, 25, 20, 12] and remainder.fillpattern.shape == "/"


def test_sources_chart_draws_a_line_per_publisher_the_chosen_one_thicker(ground):
    names, _ = names_colours(ground)
    rows = faction_by_publisher(ground, "syria-gov")
    fig = sources_chart(rows, "Institute B", names["syria-gov"], source_labels(ground), (rows["date"].min(), rows["date"].max()),
                        "2018-02-01")
    by_name = {t.name: t for t in fig.data}
    assert set(by_name) == {"Agency A", "Institute B"}
    assert by_name["Institute B"].line.width > by_name["Agency A"].line.width
    assert list(by_name["Institute B"].y) == [30, 60]


def test_event_labels_never_overlap_and_stay_in_the_plot():
    events = pd.DataFrame({"date": pd.to_datetime(["2015-01-01", "2015-01-10", "2015-01-20", "2015-02-01", "2015-02-05",
                                                   "2016-06-01", "2019-12-20"]),
                           "title": ["First", "Second", "Third", "Fourth", "Fifth", "A rather longer event title here",
                                     "Near the end"]})
    start, end = pd.Timestamp("2014-01-01"), pd.Timestamp("2020-01-01")
    labels = event_labels(events, start, end, plot_px=900, lanes=3)
    assert [label.text for label in labels][:3] == ["First", "Second", "Third"]
    assert "Fourth" not in [label.text for label in labels]  # three lanes are full in early 2015
    assert {label.lane for label in labels} <= {1, 2, 3}
    assert [label.side for label in labels if label.text == "Near the end"] == ["left"]
    px = 900 / (end - start).days
    spans = []
    for label in labels:
        x, width = (label.date - start).days * px, 16 + 6.6 * len(label.text)
        spans.append((label.lane, *((x, x + width) if label.side == "right" else (x - width, x))))
    assert all(0 <= x0 and x1 <= 900 for _, x0, x1 in spans)
    for i, (lane, x0, x1) in enumerate(spans):
        assert all(not (lane == other and x0 < y1 and y0 < x1) for other, y0, y1 in spans[i + 1:])


def test_time_range_keeps_the_span_and_shows_both_days():
    lo, hi = time_range((pd.Timestamp("2016-01-01"), pd.Timestamp("2018-01-30")), "2024-12-08", "2012-08-14")
    assert lo < pd.Timestamp("2012-08-14") and hi > pd.Timestamp("2024-12-08")


def tiles(ds):
    return grid(ds).tiles


def tile_rects(fig, region, ds):
    col, row = tiles(ds)[region]
    return [s for s in fig.layout.shapes if s.type == "rect" and col - 0.5 < s.x0 < col + 0.5 and row - 0.5 < s.y0 < row + 0.5]


def test_map_colours_each_tile_by_its_holders_and_splits_shared_ones(ground):
    names, colours = names_colours(ground)
    fig = region_map(region_holders(ground, "2017-01-01"), names, colours, source_labels(ground), grid(ground))
    assert sorted(a.text for a in fig.layout.annotations if a.text.startswith("<b>")) == sorted(f"<b>{g}</b>" for g in tiles(ground))
    assert [r.fillcolor for r in tile_rects(fig, "Damascus", ground)] == ["#882255"]
    aleppo = tile_rects(fig, "Aleppo", ground)
    assert [r.fillcolor for r in aleppo] == ["#882255", "#DDCC77"]
    assert aleppo[0].x1 - aleppo[0].x0 == pytest.approx(2 * (aleppo[1].x1 - aleppo[1].x0))
    assert [r.fillcolor for r in tile_rects(fig, "Latakia", ground)] == ["#F3F3F3"]  # no record
    assert {t.name for t in fig.data if t.type == "scatter"} == {"Syrian government", "SDF &lt;img src=x onerror=alert(1)&gt;"}


def test_map_hover_names_holders_and_sources_escaped(ground):
    names, colours = names_colours(ground)
    fig = region_map(region_holders(ground, "2017-01-01"), names, colours, source_labels(ground), grid(ground))
    [cells] = [t for t in fig.data if t.type == "heatmap"]
    col, row = map(int, tiles(ground)["Hasakah"])
    text = cells.text[row][col]
    assert text.startswith("<b>Hasakah</b>")
    assert "holds most: SDF &lt;img src=x onerror=alert(1)&gt; (since 1 Jan 2015)" in text
    assert "holds part: Syrian government" in text and "source: Institute B, “Map B”, 2018-02-01" in text
    assert "<img" not in text
    assert cells.z[2][3] is None  # an empty cell of the grid has no hover


def test_a_tile_held_by_many_draws_the_first_holders_and_says_how_many(ground):
    names, colours = names_colours(ground)
    held = region_holders(ground, "2017-01-01")
    aleppo = held[held["region"] == "Aleppo"].iloc[[1]]
    crowd = pd.concat([held] + [aleppo.assign(actor=f"faction-{i}") for i in range(10)], ignore_index=True)
    fig = region_map(crowd, names, colours, source_labels(ground), grid(ground))
    assert len(tile_rects(fig, "Aleppo", ground)) == TILE_BANDS
    [cells] = [t for t in fig.data if t.type == "heatmap"]
    col, row = map(int, tiles(ground)["Aleppo"])
    assert f"12 holders; the first {HOVER_HOLDERS}" in cells.text[row][col]
    assert len([t for t in fig.data if t.type == "scatter"]) <= 2 + TILE_BANDS  # the legend: drawn holders only


def test_a_long_record_puts_the_events_nearest_the_day_on_the_rug(ground):
    names, colours = names_colours(ground)
    many = pd.DataFrame({"date": pd.date_range("2012-01-01", periods=RUG_EVENTS + 200, freq="3D"), "kind": "military",
                         "title": "Battle", "description": ""})
    day = many["date"].iloc[-1]
    fig = shares_chart(estimate_grid(ground, "Institute B"), names, colours, source_labels(ground),
                       (many["date"].min(), day), day, events=many)
    [rug] = [t for t in fig.data if t.name == "Key events"]
    assert len(rug.x) == RUG_EVENTS and pd.Timestamp(max(rug.x)) == day
