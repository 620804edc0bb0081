import io
from datetime import date

import pandas as pd
import pytest

from alliances import figures
from alliances.presentation import POSITION_COLOURS
from alliances.csv_export import csv_bytes
from alliances.dataset import load
from alliances.quotes import (QuoteFilters, by_date, citation, export_table, filter_quotes, fold, lanes, quote_positions,
                              quotes_table)
from sample_data import write_dataset


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


def test_lanes_grouped_by_voice_in_bloc_order(record):
    order = lanes(quotes_table(record))
    assert order[["bloc", "voice_name", "speaker_name"]].values.tolist() == [
        ["Astana guarantors", "Russia", "Dmitry Peskov"],
        ["Astana guarantors", "Turkey", "Recep Tayyip Erdoğan"],
        ["Kurdish-led", "SDF", "SDF"],
        ["UN", "United Nations", "Staffan de Mistura"],
    ]


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


def test_timeline_lanes_colours_and_symbols(record):
    table = quotes_table(record)
    fig = figures.quotes_timeline(table, date(2018, 1, 30))
    lanes_trace, *markers = fig.data
    assert list(zip(*lanes_trace.y)) == [("Russia", "Dmitry Peskov"), ("Turkey", "Recep Tayyip Erdoğan"), ("SDF", "SDF"),
                                         ("United Nations", "Staffan de Mistura")]
    by_id = {point[0]: trace for trace in markers for point in trace.customdata}
    assert by_id["peskov-2018-01-29"].marker.color == POSITION_COLOURS[2]
    assert by_id["peskov-2018-01-29"].marker.symbol == "circle-open"  # a paraphrase
    assert by_id["de-mistura-2018-01-26"].marker.color == POSITION_COLOURS[0]
    assert by_id["de-mistura-2018-01-26"].marker.symbol == "circle"  # verbatim
    assert by_id["erdogan-2018-01-20"].marker.color == POSITION_COLOURS[None]
    assert fig.layout.clickmode == "event+select"
    assert [shape.x0 for shape in fig.layout.shapes] == [pd.Timestamp("2018-01-30")]  # the as-of day
    # the whole record, two weeks' margin each side so that no marker sits on the edge
    assert list(fig.layout.xaxis.range) == [pd.Timestamp("2018-01-06"), pd.Timestamp("2018-03-15")]


def test_timeline_by_bloc_and_window(record):
    fig = figures.quotes_timeline(quotes_table(record), None, colour_by="bloc", window=(date(2018, 1, 1), date(2018, 3, 1)))
    assert [t.name for t in fig.data[1:] if t.showlegend] == ["Astana guarantors", "Kurdish-led", "UN"]
    assert list(fig.layout.xaxis.range) == [pd.Timestamp("2018-01-01"), pd.Timestamp("2018-03-01")]
    assert not fig.layout.shapes


def test_timeline_hover_escapes_dataset_text(record):
    table = quotes_table(record)
    table.loc[0, "text"] = '<img src=x onerror="alert(1)"> & more'
    table.loc[0, "speaker_name"] = "<b>Bold</b>"
    table.loc[0, "voice_name"] = "<a href='https://example.org'>link</a>"
    fig = figures.quotes_timeline(table)
    hover = next(point[1] for trace in fig.data[1:] for point in trace.customdata if point[0] == table.loc[0, "id"])
    assert '&lt;img src=x onerror="alert(1)"&gt; &amp; more' in hover
    assert "<b>&lt;b&gt;Bold&lt;/b&gt;</b>" in hover
    assert "<img" not in hover
    assert "&lt;a href='https://example.org'&gt;link&lt;/a&gt;" in fig.data[0].y[0]


def test_timeline_hover_has_excerpt_speaker_date_and_source(record):
    table = quotes_table(record)
    table.loc[0, "text"] = "word " * 100
    hover = figures.quote_hovers(table)[0]
    assert hover.startswith("<b>SDF</b><br>1 Mar 2018 · paraphrase<br><i>word word")
    assert hover.count("word") < 40 and "…" in hover
    assert hover.endswith("source: Agency A, Report A")
    assert "position: strongly for (Russia)" in figures.quote_hovers(table)[1]
