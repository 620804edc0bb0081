"""The tie timeline: the periods and rows of an actor's (or the Astana axis's) ties, and its figure."""
from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import plotly.graph_objects as go
from hostile_data import hostile_tables
from sample_data import write_dataset

from alliances.dataset import load
from alliances.presentation import EDGE_COLOURS
from alliances.tie_timeline import clicked_day, figure, tie_periods, tie_timeline, timeline_figure

ASTANA_AXIS = ("russia", "iran", "turkey")  # the sample data's named group (groups.csv: astana)

DAY = "2018-01-30"


def bars(fig: go.Figure) -> list[go.Bar]:
    return [t for t in fig.data if t.type == "bar"]


def hovers(fig: go.Figure) -> list[str]:
    return [t.hovertemplate for t in fig.data if t.type == "scatter" and t.hovertemplate and t.showlegend is False]


def test_periods_of_one_actor(mini):
    periods = tie_periods(mini, ("turkey",))
    assert list(zip(periods["counterpart"], periods["type"])) == [
        ("usa", "alliance"), ("russia", "hostility"), ("russia", "cooperation"), ("sdf", "hostility")]
    hostility, cooperation = periods[periods["counterpart"] == "russia"].to_dict("records")
    assert (hostility["start"], hostility["end"]) == (pd.Timestamp("2015-11-24"), pd.Timestamp("2016-06-28"))
    assert not hostility["open"] and (hostility["family"], hostility["sign"], hostility["intensity"]) == ("negative", -1, 3)
    assert pd.isna(cooperation["end"]) and cooperation["open"] and cooperation["family"] == "positive"
    assert (cooperation["actor"], cooperation["counterpart_name"], cooperation["direction"]) == ("turkey", "Russia", "—")
    assert cooperation["source_id"] == "src-a" and cooperation["row"] == 3  # relations.csv, header = row 1


def test_direction_reads_from_the_chosen_actor(mini):
    periods = tie_periods(mini, ("russia",))
    support = periods[periods["type"] == "support"].iloc[0]
    assert (support["counterpart"], support["direction"]) == ("syria-gov", "→")
    assert tie_periods(mini, ("syria-gov",)).set_index("type").loc["support", "direction"] == "←"


def test_one_row_per_counterpart_from_the_earliest_tie(mini):
    timeline = tie_timeline(mini, ("turkey",))
    assert list(timeline.rows["label"]) == ["United States", "Russia", "SDF"]
    assert list(timeline.rows["lanes"]) == [1, 1, 1]  # hostility then cooperation: one after the other, one lane
    assert timeline.left_out == ()
    assert list(timeline.events["id"]) == ["su24"]   # Sochi names Russia only


def test_overlapping_periods_of_a_row_get_lanes(tmp_path, mini_tables):
    mini_tables["relations"].append({"source": "turkey", "target": "russia", "type": "mediation", "intensity": "1",
                                     "start": "2017-01-01", "end": "2019-01-01", "source_id": "src-b"})
    timeline = tie_timeline(load(write_dataset(tmp_path / "overlap", mini_tables)), ("turkey",))
    russia = timeline.periods[timeline.periods["counterpart"] == "russia"].set_index("type")
    assert russia.loc["hostility", "lane"] == russia.loc["cooperation", "lane"] == 0 and russia.loc["mediation", "lane"] == 1
    assert timeline.rows.set_index("key").loc["russia", "lanes"] == 2
    fig = timeline_figure(timeline, DAY, {})
    [mediation] = [b for b in bars(fig) if b.name == "mediation"]
    [cooperation_y] = [y for b in bars(fig) for y, text in zip(b.y, b.text) if text == "cooperation"]
    assert 0.5 < cooperation_y < 1 < mediation.y[0] < 1.5  # both inside Russia's row (y = 1), one above the other


def test_rows_are_bounded_and_the_rest_named(mini):
    timeline = tie_timeline(mini, ("turkey",), max_rows=2)
    assert len(timeline.rows) == 2 and timeline.left_out == ("Russia",)  # the least weight of ties (intensity x days)
    assert set(timeline.periods["counterpart"]) == {"usa", "sdf"}


def test_astana_axis_rows_are_counterpart_by_member_with_ties_among_them_first(mini):
    timeline = tie_timeline(mini, ASTANA_AXIS)
    assert list(timeline.rows["label"]) == ["Russia — Turkey", "<b>United States</b> · Turkey",
                                           "<b>Syrian government</b> · Russia", "<b>SDF</b> · Turkey"]
    among = timeline.periods[timeline.periods["group"] == "among"]
    assert list(among["type"]) == ["hostility", "cooperation"] and set(among["actor"]) == {"russia"}
    assert set(timeline.events["id"]) == {"su24", "sochi"}


def test_several_members_tied_to_one_counterpart_share_a_group(tmp_path, mini_tables):
    mini_tables["relations"].append({"source": "iran", "target": "syria-gov", "type": "support", "intensity": "3",
                                     "start": "2012-01-01", "source_id": "src-a"})
    timeline = tie_timeline(load(write_dataset(tmp_path / "iran", mini_tables)), ASTANA_AXIS)
    labels = list(timeline.rows["label"])
    at = labels.index("<b>Syrian government</b> · Russia")
    assert labels[at + 1] == "Iran"  # the group's second row names the member only; members in the axis's order


def test_one_bar_per_period_coloured_by_family(mini):
    fig = figure(mini, ("turkey",), DAY)
    assert sum(len(b.base) for b in bars(fig)) == 4
    by_name = {b.name: b for b in bars(fig)}
    positive, negative = by_name["positive (alliance, support, cooperation)"], by_name["negative (rivalry, hostility)"]
    assert positive.marker.color == EDGE_COLOURS["positive"] and negative.marker.color == EDGE_COLOURS["negative"]
    assert list(positive.base) == ["2011-01-01", "2016-06-29"] and list(negative.base) == ["2015-11-24", "2016-08-24"]
    assert sorted(t for t in positive.text + negative.text if t) == ["alliance", "cooperation", "hostility", "hostility"]
    # thickness by intensity: the strong hostility is thicker than the moderate cooperation
    assert negative.width[0] > positive.width[1]


def test_open_ties_run_to_the_last_day_and_closed_ones_end_on_theirs(mini):
    fig = figure(mini, ("turkey",), DAY)
    negative = next(b for b in bars(fig) if b.name.startswith("negative"))
    end = pd.Timestamp(negative.base[0]) + pd.Timedelta(milliseconds=negative.x[0])
    assert end == pd.Timestamp("2016-06-29")  # 28 Jun 2016 is the last day in force: drawn to its end
    positive = next(b for b in bars(fig) if b.name.startswith("positive"))
    assert pd.Timestamp(positive.base[1]) + pd.Timedelta(milliseconds=positive.x[1]) == pd.Timestamp(mini.last_day()) + pd.Timedelta(days=1)
    [still] = [t for t in fig.data if t.name == "▶ still in force"]
    assert len(still.x) == 3


def test_as_of_line_and_key_events(mini):
    fig = figure(mini, ("turkey",), DAY)
    assert any(s.type == "line" and pd.Timestamp(s.x0) == pd.Timestamp(DAY) for s in fig.layout.shapes)
    assert any(a.text == "as of 30 Jan 2018" for a in fig.layout.annotations)
    [military] = [t for t in fig.data if t.name == "military"]
    assert list(military.x) == ["2015-11-24"] and "Su-24 shot down" in military.hovertext[0]


def test_hover_names_type_intensity_period_note_and_source(mini):
    [hover] = [h for h in hovers(figure(mini, ("turkey",), DAY)) if "cooperation" in h]
    assert "<b>Turkey — Russia</b>" in hover and "intensity 2 moderate" in hover
    assert "29 Jun 2016 to now (still in force)" in hover and "source: Agency A, “Report A”, 30 Jan 2018" in hover
    assert "click: the network on %{x|" in hover


def test_each_bar_reports_the_day_under_the_pointer(mini):
    fig = figure(mini, ("turkey",), DAY)
    [layer] = [t for t in fig.data if t.type == "scatter" and t.hovertemplate and "hostility" in t.hovertemplate
               and "24 Nov 2015" in t.hovertemplate]
    days = pd.to_datetime(list(layer.x))
    assert days.min() == pd.Timestamp("2015-11-24") and days.max() == pd.Timestamp("2016-06-28")
    assert len(days) > 2 and len(set(layer.y)) == 1
    assert fig.layout.clickmode == "event+select"
    assert figure(mini, ("turkey",), DAY, clickable=False).layout.clickmode == "none"


def test_a_clicked_point_gives_its_day():
    assert clicked_day({"x": "2019-07-08"}) == dt.date(2019, 7, 8)
    assert clicked_day({"x": "2019-07-08 00:00", "y": 2}) == dt.date(2019, 7, 8)
    assert clicked_day({"x": 123456.0, "customdata": ["2016-06-29"]}) == dt.date(2016, 6, 29)
    assert clicked_day({"x": "not a day"}) is None and clicked_day({}) is None


def test_hostile_text_is_escaped(tmp_path):
    tables = hostile_tables()
    tables["relations"][1]["note"] += " 100%{x} sure"
    ds = load(write_dataset(tmp_path / "hostile", tables))
    for actors in (("turkey",), ASTANA_AXIS):
        fig = figure(ds, actors, DAY)
        text = json.dumps(json.loads(fig.to_json())["data"]) + json.dumps(list(fig.layout.yaxis.ticktext))
        assert "<script" not in text and "<img" not in text and "<svg" not in text and "<a href" not in text
        assert "&lt;script&gt;" in text
        assert "%{x} sure" not in text and "100&#37;{x} sure" in text  # no template variable smuggled in a note
    assert "actors-1-name &lt;script&gt;" in "".join(figure(ds, ("russia",), DAY).layout.yaxis.ticktext)


def test_an_actor_without_ties_has_no_rows(mini):
    timeline = tie_timeline(mini, ("erdogan",))
    assert timeline.rows.empty and timeline.periods.empty
    assert isinstance(timeline_figure(timeline, DAY, {}), go.Figure)
