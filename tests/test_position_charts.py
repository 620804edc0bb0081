"""The Positions figures: unknown distinct from neutral, dataset text escaped, steps held until the next stance."""
import numpy as np
import pandas as pd
from sample_data import write_dataset

from alliances import position_charts as charts
from alliances.dataset import load
from alliances.positions import agreement, compare, issue_history, matrix, position_map, stance_details
from alliances.presentation import UNKNOWN_POSITION_COLOUR

HOSTILE = '<img src=x onerror="alert(1)">'


def hostile_dataset(tmp_path, mini_tables):
    mini_tables["actors"][0]["name"] = f"Russia {HOSTILE}"
    mini_tables["issues"][0]["title"] = f"Sochi {HOSTILE}"
    mini_tables["quotes"][0]["text"] = f"Words {HOSTILE}"
    mini_tables["sources"][0]["publisher"] = f"Agency {HOSTILE}"
    mini_tables["stances"][1]["note"] = f"Note {HOSTILE}"
    mini_tables["stances"].append({"actor": "usa", "issue": "assad-stays", "date": "2018-01-30", "position": "0",
                                   "source_id": "src-a"})
    mini_tables["stances"].append({"actor": "sdf", "issue": "sochi-congress", "date": "2018-01-30", "position": "1",
                                   "source_id": "src-a"})  # and unknown on assad-stays
    return load(write_dataset(tmp_path / "hostile", mini_tables))


def labels(ds):
    return (dict(zip(ds.actors["id"], ds.actors["name"])), dict(zip(ds.actors["id"], ds.actors["bloc"])),
            dict(zip(ds.issues["id"], ds.issues["title"])))


def all_text(fig) -> str:
    return fig.to_json()


def test_heatmap_shows_unknown_apart_from_neutral(tmp_path, mini_tables):
    ds = hostile_dataset(tmp_path, mini_tables)
    table = matrix(ds, "2018-02-01")
    fig = charts.positions_heatmap(table, stance_details(ds, "2018-02-01"), *labels(ds))
    known, unknown = fig.data[0], fig.data[1]
    row, col = list(table.index).index("usa"), list(table.columns).index("assad-stays")
    assert known.z[row][col] == 0 and known.text[row][col] == "0"  # neutral: a value on the scale
    unknown_cells = [(r, c) for r in range(len(table)) for c in range(len(table.columns)) if unknown.text[r][c] == "?"]
    assert unknown_cells and all(np.isnan(table.iat[r, c]) for r, c in unknown_cells)
    assert all(known.text[r][c] == "" for r, c in unknown_cells)
    assert unknown.colorscale[0][1] == UNKNOWN_POSITION_COLOUR != "#F7F7F7"
    assert any(trace.name == "unknown (no stance on record)" and trace.showlegend for trace in fig.data)


def test_heatmap_hover_gives_the_evidence(mini):
    table = matrix(mini, "2018-02-01")
    fig = charts.positions_heatmap(table, stance_details(mini, "2018-02-01"), *labels(mini))
    cell = fig.data[0].customdata[list(table.index).index("russia")][list(table.columns).index("sochi-congress")]
    assert "strongly for (+2), stated 30 Jan 2018" in cell
    assert "No immediate breakthrough is likely." in cell and "(paraphrase)" in cell and "Dmitry Peskov" in cell
    assert "source: Agency A, “Report A”, 30 Jan 2018" in cell


def test_every_figure_escapes_dataset_text(tmp_path, mini_tables):
    ds = hostile_dataset(tmp_path, mini_tables)
    names, blocs, titles = labels(ds)
    colours = {a: "#123456" for a in names}
    table = matrix(ds, "2018-02-01")
    figures = [
        charts.positions_heatmap(table, stance_details(ds, "2018-02-01"), names, blocs, titles),
        charts.position_map_chart(position_map(table, 1), table, names, blocs, titles, highlight="russia"),
        charts.agreement_chart(agreement(table, 1), names, blocs),
        charts.issue_steps(issue_history(ds, "sochi-congress"), names, colours, "2018-02-01", "2018-03-01"),
        charts.side_by_side(compare(ds, "2018-02-01", "russia", "usa"), "russia", "usa", names, colours),
    ]
    for fig in figures:
        text = all_text(fig)
        assert "<img" not in text and "\\u003cimg" not in text
    assert "&lt;img" in all_text(figures[0])


def test_position_map_axis_titles_name_issues(mini):
    table = matrix(mini, "2018-02-01")
    names, blocs, titles = labels(mini)
    fig = charts.position_map_chart(position_map(table, 1), table, names, blocs, titles)
    assert "of the spread" in fig.layout.xaxis.title.text and "Sochi congress" in fig.layout.xaxis.title.text
    assert {trace.name for trace in fig.data} == {"Astana guarantors", "US-led coalition"}


def test_issue_steps_hold_each_stance_until_the_end(mini):
    names = dict(zip(mini.actors["id"], mini.actors["name"]))
    fig = charts.issue_steps(issue_history(mini, "sochi-congress"), names, {}, "2018-02-01", "2019-01-01")
    russia = next(t for t in fig.data if t.name == "Russia")
    assert russia.line.shape == "hv"
    assert [pd.Timestamp(x) for x in russia.x][-1] == pd.Timestamp("2019-01-01")
    assert round(russia.y[-1]) == 2 and round(russia.y[0]) == 1
    assert any(shape.type == "line" and pd.Timestamp(shape.x0) == pd.Timestamp("2018-02-01") for shape in fig.layout.shapes)


def test_side_by_side_joins_only_differing_positions(tmp_path, mini_tables):
    ds = hostile_dataset(tmp_path, mini_tables)
    names = dict(zip(ds.actors["id"], ds.actors["name"]))
    comparison = compare(ds, "2018-02-01", "russia", "usa")
    fig = charts.side_by_side(comparison, "russia", "usa", names, {})
    joins = [t for t in fig.data if t.mode == "lines"]
    assert len(joins) == 2 and all(t.line.color == "#D55E00" for t in joins)  # both issues opposed


def test_map_names_the_best_known_actors_once_per_spot():
    coords = pd.DataFrame({"x": [1.0, 1.0, -1.0, 0.0], "y": [0.5, 0.5, 0.0, 0.0], "known": [4, 4, 3, 2]},
                          index=["uk", "france", "russia", "un"])
    names = {"uk": "United Kingdom", "france": "France", "russia": "Russia", "un": "United Nations"}
    assert charts._map_labels(coords, names, highlight=None, labelled=3) == {"uk": "United Kingdom, France", "russia": "Russia"}
    assert charts._map_labels(coords, names, highlight="un", labelled=1)["un"] == "United Nations"
