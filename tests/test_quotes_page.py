"""The Quotes page under AppTest: its filters, the URL that keeps them, its cards and their links."""
from __future__ import annotations

import json
from datetime import date

import pytest
from app_pages import run
from sample_data import write_dataset

PESKOV = "Dmitry Peskov, Kremlin spokesman, 29 Jan 2018, to reporters — Agency A"
ERDOGAN = "Recep Tayyip Erdoğan, 20 Jan 2018, speech — Agency A"


@pytest.fixture(autouse=True)
def mini_data(mini_dir, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(mini_dir))


def quotes(**params):
    """The Quotes page, on its Cards tab unless `show` says otherwise (only the open tab runs)."""
    return run("views/3_Quotes.py", **{"show": "Cards", **params})


def cards(at) -> list[str]:
    """The citations of the cards shown, top to bottom (each card has one)."""
    return [code.value for code in at.code if "date=" not in code.value]  # not the sidebar's link to the view


def match_count(at) -> str:
    return next(c.value for c in at.caption if "quotes match" in c.value)


def timeline(at) -> dict:
    return json.loads(at.get("plotly_chart")[0].proto.spec)


def marker_traces(at) -> list[dict]:
    """The timeline's traces of quotes (each marker's customdata starts with its quote id)."""
    return [trace for trace in timeline(at)["data"] if trace.get("customdata")]


def lane_labels(at) -> list[str]:
    return timeline(at)["layout"]["yaxis"]["ticktext"]


def test_whole_record_newest_first(mini_dir):
    at = quotes()
    assert not at.exception
    assert match_count(at) == "**2** of 2 quotes match."
    assert cards(at) == [PESKOV, ERDOGAN]
    ids = {point[0] for trace in marker_traces(quotes(show="Timeline")) for point in trace["customdata"]}
    assert ids == {"peskov-2018-01-29", "erdogan-2018-01-20"}
    assert "period" not in at.query_params  # defaults stay out of the link


def test_search_ignores_case_and_accents_and_is_kept_in_the_url():
    at = quotes()
    at.text_input(key="q").input("ERDOGAN").run()
    assert cards(at) == [ERDOGAN]
    assert at.query_params["q"] == "ERDOGAN"
    assert len(marker_traces(quotes(show="Timeline", q="ERDOGAN"))) == 1


def test_links_from_other_pages_filter_by_actor_or_issue():
    at = quotes(actor="turkey")
    assert at.multiselect(key="actor").value == ["turkey"]
    assert cards(at) == [ERDOGAN]
    at = quotes(issue="sochi-congress")
    assert at.multiselect(key="issue").value == ["sochi-congress"]
    assert cards(at) == [PESKOV]


def test_sidebar_filters_combine_and_go_to_the_url():
    at = quotes()
    at.multiselect(key="speaker").select("peskov").run()
    assert cards(at) == [PESKOV]
    assert at.query_params["speaker"] == "peskov"
    at.multiselect(key="speaker").unselect("peskov").run()
    assert "speaker" not in at.query_params
    at.multiselect(key="bloc").select("Astana guarantors").run()
    assert cards(at) == [PESKOV, ERDOGAN]
    at.toggle(key="verbatim").set_value(True).run()
    assert cards(at) == [ERDOGAN]
    assert at.query_params["verbatim"] == "1" and at.query_params["bloc"] == "Astana guarantors"
    at.multiselect(key="actor").select("russia").run()
    assert cards(at) == [] and match_count(at) == "**0** of 2 quotes match."
    assert "No quote matches" in at.info[0].value


def test_a_pasted_link_restores_every_control():
    at = quotes(speaker="peskov,erdogan", actor="russia", bloc="Astana guarantors", issue="sochi-congress",
                verbatim="0", q="breakthrough", period="range", range="2018-01-01..2018-01-31", colour="bloc",
                order="oldest", date="2018-01-30")
    assert at.multiselect(key="speaker").value == ["peskov", "erdogan"]
    assert at.segmented_control(key="period").value == "range"
    assert at.date_input(key="range").value == (date(2018, 1, 1), date(2018, 1, 31))
    assert at.segmented_control(key="colour").value == "bloc"
    assert at.segmented_control(key="order").value == "oldest"
    assert cards(at) == [PESKOV]


def test_around_the_day_and_whole_record_presets():
    at = quotes(date="2018-02-25", period="around")  # 26 Jan to 27 Mar
    assert cards(at) == [PESKOV]
    axis = timeline(quotes(date="2018-02-25", period="around", show="Timeline"))["layout"]["xaxis"]
    assert axis["range"] == ["2018-01-26T00:00:00", "2018-03-27T00:00:00"]
    at.segmented_control(key="period").set_value("all").run()
    assert cards(at) == [PESKOV, ERDOGAN]
    assert "period" not in at.query_params
    at = quotes(date="2019-06-01", period="around")
    assert cards(at) == [] and "No quote matches" in at.info[0].value


def test_date_range():
    at = quotes(period="range")
    assert at.date_input(key="range").value == (date(2018, 1, 20), date(2018, 1, 29))  # the record's span
    at.date_input(key="range").set_value((date(2018, 1, 15), date(2018, 1, 25))).run()
    assert cards(at) == [ERDOGAN]
    assert at.query_params["range"] == "2018-01-15..2018-01-25"


def test_colour_by_position_or_bloc():
    legend = lambda at: [t["name"] for t in sorted(timeline(at)["data"], key=lambda t: t.get("legendrank", 1000))  # noqa: E731
                         if t.get("showlegend", True)]  # in the legend's order, not the order drawn
    at = quotes(show="Timeline")
    assert legend(at) == ["strongly for", "no stance cites it"]  # Russia's stance cites Peskov; none cites Erdoğan
    at.segmented_control(key="colour").set_value("bloc").run()
    assert legend(at) == ["Astana guarantors"]
    assert at.query_params["colour"] == "bloc"


def test_lanes_one_per_bloc_by_default_speakers_a_click_away_and_kept_in_the_link():
    at = quotes(show="Timeline")
    assert at.segmented_control(key="lanes").value == "blocs"
    assert lane_labels(at) == ["Astana guarantors"]  # Peskov and Erdoğan speak for Russia and Turkey
    assert "lanes" not in at.query_params  # the default stays out of the link
    at.segmented_control(key="lanes").set_value("all").run()
    assert lane_labels(at) == ["Dmitry Peskov", "Recep Tayyip Erdoğan"]
    assert at.query_params["lanes"] == "all"
    at.segmented_control(key="lanes").set_value("speakers").run()
    assert lane_labels(at) == ["Dmitry Peskov", "Recep Tayyip Erdoğan"]  # two speakers: both among the most quoted
    assert at.query_params["lanes"] == "speakers"
    at.segmented_control(key="lanes").set_value("blocs").run()
    assert lane_labels(at) == ["Astana guarantors"] and "lanes" not in at.query_params


def test_a_link_opens_the_lanes_it_names():
    at = quotes(show="Timeline", lanes="all")
    assert at.segmented_control(key="lanes").value == "all"
    assert lane_labels(at) == ["Dmitry Peskov", "Recep Tayyip Erdoğan"]
    assert at.query_params["lanes"] == "all"
    at = quotes(show="Timeline", lanes="sideways")  # unknown: the default
    assert not at.exception and at.segmented_control(key="lanes").value == "blocs"
    assert "lanes" not in at.query_params
    at = quotes(lanes="all")  # on the Cards tab the lanes are not drawn; the link keeps them
    assert at.query_params["lanes"] == "all"


def test_card_order():
    at = quotes()
    at.segmented_control(key="order").set_value("oldest").run()
    assert cards(at) == [ERDOGAN, PESKOV]
    assert at.query_params["order"] == "oldest"


def test_quote_in_the_url_opens_its_card_until_closed():
    at = quotes(quote="peskov-2018-01-29", q="erdogan", show="Timeline")
    assert any(m.value == "**Selected on the timeline**" for m in at.markdown)
    assert cards(at) == [PESKOV]  # the selected card, under the timeline
    assert cards(quotes(quote="peskov-2018-01-29", q="erdogan")) == [ERDOGAN]  # the Cards tab: the filtered list
    at.button(key="close_quote").click().run()
    assert not any(m.value == "**Selected on the timeline**" for m in at.markdown)
    assert "quote" not in at.query_params
    assert cards(at) == []


def test_unknown_values_in_the_url_are_ignored():
    at = quotes(actor="nobody", period="sometimes", range="not-a-range", quote="no-such-quote", colour="red")
    assert not at.exception
    assert cards(at) == [PESKOV, ERDOGAN]
    assert at.segmented_control(key="period").value == "all"


def test_card_shows_words_speaker_context_issue_position_and_source():
    at = quotes(q="breakthrough")
    text = [m.value for m in at.markdown]
    assert "**No immediate breakthrough is likely\\.**  \n*paraphrase, not the exact words*" in text  # no quotation marks
    assert "**Dmitry Peskov**, for Russia · 29 Jan 2018 · to reporters" in text
    assert ("Issue: **Sochi congress** · Position expressed: **strongly for** (Russia) · "
            "Source: [Agency A, “Report A”, 30 Jan 2018](https://example.org/a)") in text
    at.text_input(key="q").input("afrin").run()
    assert "**“Erdoğan's words on Afrin\\.”**" in [m.value for m in at.markdown]  # verbatim: quotation marks


def test_card_links_to_network_and_positions():
    at = quotes(q="breakthrough")
    links = {link.proto.page: (link.value, link.proto.query_string) for link in at.get("page_link")
             if link.proto.query_string.count("=") >= 2 and "present=" not in link.proto.query_string}  # not the menu
    assert links["Network"] == ("Russia in the network, 29 Jan 2018", "date=2018-01-29&focus=russia")
    assert links["Positions"] == ("Sochi congress in positions", "date=2018-01-29&issue=sochi-congress")


def test_cards_are_capped_with_show_more(tmp_path, mini_tables, monkeypatch):
    mini_tables["quotes"] = [{"id": f"q-{i}", "date": f"2017-{1 + i // 28:02d}-{1 + i % 28:02d}", "speaker": "peskov",
                              "on_behalf": "russia", "text": f"Statement {i}.", "verbatim": "true", "issue": "",
                              "source_id": "src-a", "context": ""} for i in range(15)]
    mini_tables["stances"] = [s for s in mini_tables["stances"] if not s.get("quote_id")]
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(write_dataset(tmp_path / "many", mini_tables)))
    at = quotes()
    assert len(cards(at)) == 10 and cards(at)[0].startswith("Dmitry Peskov, Kremlin spokesman, 15 Jan 2017")
    assert "Showing 10 of 15 cards." in [c.value for c in at.caption]
    at.button(key="more").click().run()
    assert len(cards(at)) == 15
    assert [at.download_button(key=k).label for k in ("quotes_csv", "quotes_xlsx")] == ["Download CSV", "Download Excel"]


def test_dataset_text_is_escaped_in_cards(tmp_path, mini_tables, monkeypatch):
    mini_tables["quotes"][0]["text"] = "**bold** [link](javascript:alert(1)) <script>x</script>"
    mini_tables["quotes"][0]["context"] = "# heading"
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(write_dataset(tmp_path / "hostile", mini_tables)))
    text = " ".join(m.value for m in quotes().markdown)
    assert "\\*\\*bold\\*\\* \\[link\\]\\(javascript\\:alert\\(1\\)\\) \\<script\\>x\\</script\\>" in text
    assert "· \\# heading" in text


def test_a_dataset_without_quotes(tmp_path, mini_tables, monkeypatch):
    mini_tables["quotes"] = []
    mini_tables["stances"] = [s for s in mini_tables["stances"] if not s.get("quote_id")]
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(write_dataset(tmp_path / "silent", mini_tables)))
    at = quotes()
    assert not at.exception
    assert at.info[0].value == "This dataset holds no quotes (quotes.csv has no rows)."


def test_a_long_record_opens_on_the_days_around_the_as_of_day(mini_dir, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(mini_dir))
    assert quotes(date="2018-01-30").segmented_control(key="period").value == "all"
    monkeypatch.setattr("app.quote_view.WHOLE_RECORD_QUOTES", 1)  # the mini record now counts as long
    at = quotes(date="2018-01-30")
    assert at.segmented_control(key="period").value == "around"
    assert "period" not in at.query_params  # the default stays out of the link
