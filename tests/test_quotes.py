import io
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from sample_data import write_dataset

from alliances import figures
from alliances.csv_export import csv_bytes
from alliances.dataset import load
from alliances.presentation import POSITION_COLOURS, bloc_colours
from alliances.quotes import (
    OTHER_LANE,
    TOP_SPEAKERS,
    QuoteFilters,
    by_date,
    citation,
    export_table,
    fold,
    lane_keys,
    lanes,
    quote_positions,
    quotes_table,
)
from alliances.text import shorten

BUNDLED = Path(__file__).resolve().parent.parent / "data" / "syria"


def filter_quotes(table, **criteria):
    """`QuoteFilters(**criteria).apply(table)`, lists given as lists."""
    return QuoteFilters(**{k: tuple(v) if isinstance(v, list) else v for k, v in criteria.items()}).apply(table)


@pytest.fixture
def record(tmp_path, mini_tables):
    """The mini dataset plus an envoy speaking for the UN, the SDF speaking for itself, and stances citing quotes."""
    mini_tables["actors"].append({"id": "de-mistura", "name": "Staffan de Mistura", "kind": "person", "affiliation": "un",
                                  "bloc": "UN", "description": "UN Special Envoy for Syria."})
    mini_tables["quotes"] += [
        {"id": "de-mistura-2018-01-26", "date": "2018-01-26", "speaker": "de-mistura", "on_behalf": "un",
         "text": "Sochi can contribute to Geneva.", "verbatim": "true", "issue": "sochi-congress", "source_id": "src-b",
         "context": "in Vienna, after the talks"},
        {"id": "sdf-2018-03-01", "date": "2018-03-01", "speaker": "sdf", "on_behalf": "",
         "text": "Afrin will resist the Turkish offensive.", "verbatim": "false", "issue": "", "source_id": "src-a",
         "context": "statement"},
    ]
    mini_tables["stances"] += [
        # the UN's neutral stance cites the envoy; a stance on another issue citing it does not count
        {"actor": "un", "issue": "sochi-congress", "date": "2018-01-26", "position": "0", "source_id": "src-b",
         "quote_id": "de-mistura-2018-01-26"},
        {"actor": "russia", "issue": "assad-stays", "date": "2018-01-26", "position": "2", "source_id": "src-b",
         "quote_id": "de-mistura-2018-01-26"},
        # the US stance also cites Peskov, but Peskov speaks for Russia: Russia's stance is the one shown
        {"actor": "usa", "issue": "sochi-congress", "date": "2018-02-02", "position": "-2", "source_id": "src-a",
         "quote_id": "peskov-2018-01-29"},
    ]
    return load(write_dataset(tmp_path / "record", mini_tables))


def ids(frame):
    return frame["id"].tolist()


def test_fold_ignores_case_and_accents():
    assert fold("Erdoğan") == "erdogan"
    assert fold("ÇAVUŞOĞLU") == "cavusoglu"
    assert fold("İdlib") == "idlib"


def test_search_finds_accented_speaker(mini):
    table = quotes_table(mini)
    assert ids(filter_quotes(table, search="erdogan")) == ["erdogan-2018-01-20"]
    assert ids(filter_quotes(table, search="ERDOĞAN")) == ["erdogan-2018-01-20"]
    assert ids(filter_quotes(table, search="BREAKTHROUGH")) == ["peskov-2018-01-29"]
    assert filter_quotes(table, search="nothing like this").empty


def test_search_wants_every_word_anywhere(record):
    table = quotes_table(record)
    assert ids(filter_quotes(table, search="vienna geneva")) == ["de-mistura-2018-01-26"]  # context + text
    assert ids(filter_quotes(table, search="united nations")) == ["de-mistura-2018-01-26"]  # whom he speaks for
    assert ids(filter_quotes(table, search="sochi congress")) == ["peskov-2018-01-29", "de-mistura-2018-01-26"]  # issue
    assert filter_quotes(table, search="vienna breakthrough").empty
    assert len(filter_quotes(table, search="   ")) == 4


def test_filters_combine(mini):
    table = quotes_table(mini)
    assert ids(filter_quotes(table, verbatim_only=True)) == ["erdogan-2018-01-20"]
    assert ids(filter_quotes(table, start="2018-01-25")) == ["peskov-2018-01-29"]
    assert filter_quotes(table, speakers=["peskov"], end="2018-01-25").empty


def test_actor_filter_is_whom_the_speaker_speaks_for(record):
    table = quotes_table(record)
    assert ids(filter_quotes(table, actors=["russia"])) == ["peskov-2018-01-29"]
    assert ids(filter_quotes(table, actors=["un", "turkey"])) == ["de-mistura-2018-01-26", "erdogan-2018-01-20"]
    assert ids(filter_quotes(table, actors=["sdf"])) == ["sdf-2018-03-01"]  # speaking for itself
    assert filter_quotes(table, actors=["iran"]).empty


def test_bloc_and_issue_filters(record):
    table = quotes_table(record)
    assert ids(filter_quotes(table, blocs=["Astana guarantors"])) == ["peskov-2018-01-29", "erdogan-2018-01-20"]
    assert ids(filter_quotes(table, blocs=["Kurdish-led", "UN"])) == ["sdf-2018-03-01", "de-mistura-2018-01-26"]
    assert ids(filter_quotes(table, issues=["sochi-congress"])) == ["peskov-2018-01-29", "de-mistura-2018-01-26"]
    assert ids(filter_quotes(table, issues=["sochi-congress"], blocs=["UN"], search="geneva")) == ["de-mistura-2018-01-26"]


def test_date_range_includes_both_ends(record):
    table = quotes_table(record)
    assert ids(filter_quotes(table, start=date(2018, 1, 20), end=date(2018, 1, 26))) == [
        "de-mistura-2018-01-26", "erdogan-2018-01-20"]
    assert ids(filter_quotes(table, start=date(2018, 1, 27), end=date(2018, 2, 28))) == ["peskov-2018-01-29"]
    assert ids(filter_quotes(table, start=date(2018, 3, 1))) == ["sdf-2018-03-01"]


def test_filters_are_a_hashable_value():
    assert hash(QuoteFilters(search="x", actors=("russia",))) == hash(QuoteFilters(search="x", actors=("russia",)))


def test_position_comes_from_the_stance_citing_the_quote(record):
    positions = quote_positions(record)
    assert positions.loc["peskov-2018-01-29", ["position", "position_actor"]].tolist() == [2, "russia"]
    assert positions.loc["de-mistura-2018-01-26", ["position", "position_actor", "position_issue"]].tolist() == [
        0, "un", "sochi-congress"]
    assert "erdogan-2018-01-20" not in positions.index
    table = quotes_table(record).set_index("id")
    assert pd.isna(table.loc["erdogan-2018-01-20", "position"])
    assert table.loc["peskov-2018-01-29", "position_actor_name"] == "Russia"


def test_names_voice_and_bloc(record):
    table = quotes_table(record).set_index("id")
    assert table.loc["peskov-2018-01-29", ["speaker_name", "on_behalf_name", "voice", "bloc", "issue_title"]].tolist() == [
        "Dmitry Peskov", "Russia", "russia", "Astana guarantors", "Sochi congress"]
    assert table.loc["sdf-2018-03-01", ["on_behalf_name", "voice", "voice_name", "bloc"]].tolist() == [
        "", "sdf", "SDF", "Kurdish-led"]


def test_newest_first_or_by_date(record):
    table = quotes_table(record)
    assert ids(table) == ["sdf-2018-03-01", "peskov-2018-01-29", "de-mistura-2018-01-26", "erdogan-2018-01-20"]
    assert ids(by_date(table, newest_first=False)) == list(reversed(ids(table)))


def test_lanes_by_bloc_by_speaker_in_bloc_order(record):
    table = quotes_table(record)
    assert lanes(table, "blocs")[["label", "quotes", "speakers"]].values.tolist() == [
        ["Astana guarantors", 2, 2], ["Kurdish-led", 1, 1], ["UN", 1, 1]]
    # every speaker, under their bloc, by the actor they speak for (Russia before Turkey)
    assert lanes(table, "all")[["bloc", "label"]].values.tolist() == [
        ["Astana guarantors", "Dmitry Peskov"], ["Astana guarantors", "Recep Tayyip Erdoğan"], ["Kurdish-led", "SDF"],
        ["UN", "Staffan de Mistura"]]
    assert lane_keys(table, "blocs").tolist() == table["bloc"].tolist()


def test_most_quoted_speakers_and_the_rest_in_one_lane(record):
    table = quotes_table(record)
    # one quote each: the latest said win (SDF on 1 Mar, Peskov on 29 Jan); the two others share the last lane
    order = lanes(table, "speakers", top=2)
    assert order[["bloc", "label", "quotes"]].values.tolist() == [
        ["Astana guarantors", "Dmitry Peskov", 1], ["Kurdish-led", "SDF", 1], ["", "2 other speakers", 2]]
    keys = lane_keys(table, "speakers", top=2).set_axis(table["id"])
    assert keys["erdogan-2018-01-20"] == keys["de-mistura-2018-01-26"] == OTHER_LANE
    assert lanes(table, "speakers", top=12)["label"].tolist() == lanes(table, "all")["label"].tolist()  # none left


def test_most_quoted_speakers_of_the_bundled_record():
    table = quotes_table(load(BUNDLED))
    order = lanes(table, "speakers")
    assert len(order) == TOP_SPEAKERS + 1 and order["lane"].iloc[-1] == OTHER_LANE
    counts = table.groupby(["bloc", "speaker"]).size()
    shown = order[order["lane"] != OTHER_LANE]["quotes"]
    assert shown.min() >= counts.drop([tuple(k.split("\x1f")) for k in order["lane"][:-1]]).max()  # none quoted more left out
    assert order["quotes"].sum() == len(table)


def test_citation(mini):
    quote = quotes_table(mini).iloc[0]
    assert citation(quote, mini) == "Dmitry Peskov, Kremlin spokesman, 29 Jan 2018, to reporters — Agency A"
    assert quote["citation"] == citation(quote, mini)


def test_citation_of_a_role_without_description_and_without_context(record):
    table = quotes_table(record).set_index("id")
    assert table.loc["erdogan-2018-01-20", "citation"] == "Recep Tayyip Erdoğan, 20 Jan 2018, speech — Agency A"
    assert table.loc["de-mistura-2018-01-26", "citation"] == (
        "Staffan de Mistura, UN Special Envoy for Syria, 26 Jan 2018, in Vienna, after the talks — Institute B")
    assert table.loc["sdf-2018-03-01", "citation"] == "SDF, 1 Mar 2018, statement — Agency A"  # not a person: no role


def test_exported_quotes_have_names_position_and_citation(record):
    shown = filter_quotes(quotes_table(record), issues=["sochi-congress"])
    exported = pd.read_csv(io.BytesIO(csv_bytes(export_table(shown))), encoding="utf-8-sig")
    assert exported["id"].tolist() == ["peskov-2018-01-29", "de-mistura-2018-01-26"]
    assert exported.loc[0, "date"] == "2018-01-29"
    assert exported.loc[0, "citation"] == "Dmitry Peskov, Kremlin spokesman, 29 Jan 2018, to reporters — Agency A"
    assert exported["position"].tolist() == [2, 0]
    assert "_search" not in exported.columns


def markers(fig) -> dict:
    """Quote id -> (trace, y) of every marker drawn."""
    return {point[0]: (trace, y) for trace in fig.data if trace.customdata is not None
            for point, y in zip(trace.customdata, trace.y)}


def lane_of(fig, y: float) -> str:
    """The label of the lane a marker at `y` sits in (the nearest tick)."""
    axis = fig.layout.yaxis
    return min(zip(axis.tickvals, axis.ticktext), key=lambda tick: abs(tick[0] - y))[1]


def test_timeline_lanes_colours_and_symbols(record):
    table = quotes_table(record)
    fig = figures.quotes_timeline(table, date(2018, 1, 30), lanes_by="all")
    assert fig.layout.yaxis.ticktext == ("Dmitry Peskov", "Recep Tayyip Erdoğan", "SDF", "Staffan de Mistura")
    assert [a.text for a in fig.layout.annotations if a.xref == "paper"] == [
        f"<span style='color:{bloc_colours(record.actors['bloc'])[b]}'>■</span> <b>{b}</b>"
        for b in ("Astana guarantors", "Kurdish-led", "UN")]
    by_id = {quote: trace for quote, (trace, _) in markers(fig).items()}
    assert {quote: lane_of(fig, y) for quote, (_, y) in markers(fig).items()} == {
        "peskov-2018-01-29": "Dmitry Peskov", "erdogan-2018-01-20": "Recep Tayyip Erdoğan", "sdf-2018-03-01": "SDF",
        "de-mistura-2018-01-26": "Staffan de Mistura"}
    assert by_id["peskov-2018-01-29"].marker.color == POSITION_COLOURS[2]
    assert by_id["peskov-2018-01-29"].marker.symbol == "circle-open"  # a paraphrase
    assert by_id["de-mistura-2018-01-26"].marker.color == POSITION_COLOURS[0]
    assert by_id["de-mistura-2018-01-26"].marker.symbol == "circle"  # verbatim
    assert by_id["erdogan-2018-01-20"].marker.color == POSITION_COLOURS[None]
    assert fig.layout.clickmode == "event+select"
    assert [shape.x0 for shape in fig.layout.shapes if shape.xref != "paper"] == [pd.Timestamp("2018-01-30")]  # as of
    # the whole record, two weeks' margin each side so that no marker sits on the edge
    assert list(fig.layout.xaxis.range) == [pd.Timestamp("2018-01-06"), pd.Timestamp("2018-03-15")]


def test_timeline_by_bloc_and_window(record):
    fig = figures.quotes_timeline(quotes_table(record), None, colour_by="bloc", window=(date(2018, 1, 1), date(2018, 3, 1)))
    assert [t.name for t in fig.data if t.showlegend] == ["Astana guarantors", "Kurdish-led", "UN"]
    assert list(fig.layout.xaxis.range) == [pd.Timestamp("2018-01-01"), pd.Timestamp("2018-03-01")]
    assert not fig.layout.shapes


def test_timeline_hover_escapes_dataset_text(record):
    table = quotes_table(record)
    table.loc[0, "text"] = '<img src=x onerror="alert(1)"> & more'
    table.loc[0, "speaker_name"] = "<b>Bold</b>"
    table.loc[0, "voice_name"] = "<a href='https://example.org'>link</a>"
    table.loc[0, "bloc"] = "<i>Bloc</i> & co"
    fig = figures.quotes_timeline(table)
    hover = next(point[1] for trace in fig.data for point in trace.customdata if point[0] == table.loc[0, "id"])
    assert '&lt;img src=x onerror="alert(1)"&gt; &amp; more' in hover
    assert "<b>&lt;b&gt;Bold&lt;/b&gt;</b>" in hover
    assert "bloc: &lt;i&gt;Bloc&lt;/i&gt; &amp; co" in hover
    assert "<img" not in hover
    assert "&lt;i&gt;Bloc&lt;/i&gt; &amp; co" in fig.layout.yaxis.ticktext
    fig = figures.quotes_timeline(table, lanes_by="all")
    assert "&lt;b&gt;Bold&lt;/b&gt;" in fig.layout.yaxis.ticktext
    assert "&lt;i&gt;Bloc&lt;/i&gt; &amp; co</b>" in " ".join(a.text for a in fig.layout.annotations)


def test_timeline_hover_has_excerpt_speaker_date_and_source(record):
    table = quotes_table(record)
    table.loc[0, "text"] = "word " * 100
    hover = figures.quote_hovers(table)[0]
    assert hover.startswith("<b>SDF</b><br>1 Mar 2018 · paraphrase<br><i>word word")
    assert hover.count("word") < 40 and "…" in hover
    assert hover.endswith("source: Agency A, Report A")
    assert "position: strongly for (Russia)" in figures.quote_hovers(table)[1]


def test_one_lane_per_bloc_by_default(record):
    fig = figures.quotes_timeline(quotes_table(record), date(2018, 1, 30))
    assert fig.layout.yaxis.ticktext == ("Astana guarantors", "Kurdish-led", "UN")
    assert {quote: lane_of(fig, y) for quote, (_, y) in markers(fig).items()} == {
        "peskov-2018-01-29": "Astana guarantors", "erdogan-2018-01-20": "Astana guarantors", "sdf-2018-03-01": "Kurdish-led",
        "de-mistura-2018-01-26": "UN"}
    assert not [a for a in fig.layout.annotations if a.xref == "paper"]  # the lanes are the blocs: no headings
    assert fig.layout.yaxis.fixedrange and fig.layout.dragmode == "pan"  # dragging moves in time only


@pytest.mark.parametrize("lanes_by", ["blocs", "speakers", "all"])
def test_every_quote_is_one_marker_with_its_id_first(record, lanes_by):
    table = quotes_table(record)
    fig = figures.quotes_timeline(table, date(2018, 1, 30), lanes_by=lanes_by)
    ids = [point[0] for trace in fig.data if trace.customdata is not None for point in trace.customdata]
    assert sorted(ids) == sorted(table["id"])
    hovers = {point[0]: point[1] for trace in fig.data if trace.customdata is not None for point in trace.customdata}
    assert hovers["peskov-2018-01-29"].startswith(figures.quote_hovers(table)[1])  # quote_hovers, then the bloc
    assert hovers["peskov-2018-01-29"].endswith("<br>bloc: Astana guarantors")


def test_bundled_record_is_compact_and_gives_time_the_width():
    table = quotes_table(load(BUNDLED))
    for lanes_by, most in (("blocs", table["bloc"].nunique()), ("speakers", TOP_SPEAKERS + 1)):
        fig = figures.quotes_timeline(table, date(2026, 4, 17), lanes_by=lanes_by)
        assert len(fig.layout.yaxis.tickvals) == most
        assert fig.layout.height < 900, lanes_by
        assert all(len(label) <= figures.LABEL_CHARS for label in fig.layout.yaxis.ticktext)
    assert set(fig.layout.yaxis.ticktext[:-1]) <= {shorten(name, figures.LABEL_CHARS) for name in table["speaker_name"]}
    folded = table[lane_keys(table, "speakers") == OTHER_LANE]
    assert fig.layout.yaxis.ticktext[-1] == f"{folded['speaker'].nunique()} other speakers"
    # every speaker: taller, with the years above the chart as well
    fig = figures.quotes_timeline(table, date(2026, 4, 17), lanes_by="all")
    assert len(fig.layout.yaxis.tickvals) == len(table.groupby(["bloc", "speaker"]))
    assert fig.layout.xaxis2.matches == "x" and fig.layout.xaxis2.side == "top" and fig.layout.xaxis2.tickformat == "%Y"


def test_long_lane_labels_are_cut_and_the_hover_keeps_the_full_name(record):
    table = quotes_table(record)
    long_name = "Special Envoy of the Secretary-General for <Syria> & the region"
    table.loc[table["speaker"] == "de-mistura", "speaker_name"] = long_name
    table.loc[table["bloc"] == "UN", "bloc"] = "United Nations system, agencies & envoys"
    for lanes_by, cut in (("all", "Special Envoy of the…"), ("blocs", "United Nations system…")):
        fig = figures.quotes_timeline(table, lanes_by=lanes_by)
        assert fig.layout.yaxis.ticktext[-1] == cut
    hover = markers(fig)["de-mistura-2018-01-26"][0].customdata[0][1]
    assert hover.startswith("<b>Special Envoy of the Secretary-General for &lt;Syria&gt; &amp; the region</b> for United Nations")
    assert hover.endswith("bloc: United Nations system, agencies &amp; envoys")


def test_markers_that_would_hide_each_other_are_moved_apart_within_their_lane(record, mini_tables, tmp_path):
    mini_tables["quotes"] += [{"id": f"peskov-{i}", "date": "2018-01-29", "speaker": "peskov", "on_behalf": "russia",
                               "text": f"Said {i}.", "verbatim": "true", "issue": "", "source_id": "src-a", "context": ""}
                              for i in range(4)]
    table = quotes_table(load(write_dataset(tmp_path / "crowd", mini_tables)))
    fig = figures.quotes_timeline(table, lanes_by="all")
    ys = {quote: y for quote, (_, y) in markers(fig).items()}
    same_day = [ys[q] for q in ("peskov-2018-01-29", "peskov-0", "peskov-1", "peskov-2", "peskov-3")]
    assert len(set(same_day)) == 3  # three rows in a lane
    assert all(lane_of(fig, y) == "Dmitry Peskov" for y in same_day)
    assert max(same_day) - min(same_day) < 1  # inside the lane
    assert ys["erdogan-2018-01-20"] == fig.layout.yaxis.tickvals[1]  # alone: on the lane's line
    again = figures.quotes_timeline(table, lanes_by="all")
    assert {q: y for q, (_, y) in markers(again).items()} == ys  # the same every time
