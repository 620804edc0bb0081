"""Every page renders under AppTest, reads the date from the URL, and shows a dataset error as a panel."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from app_pages import PAGES, run


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_bundled_data(page, monkeypatch):
    monkeypatch.delenv("DASHBOARD_DATA_DIR", raising=False)
    at = run(page)
    assert not at.exception
    assert not at.error


@pytest.mark.parametrize("page", PAGES)
def test_date_from_url_is_the_date_shown(page, monkeypatch):
    monkeypatch.delenv("DASHBOARD_DATA_DIR", raising=False)
    at = run(page, date="2015-12-15")
    assert at.date_input(key="date").value == dt.date(2015, 12, 15)
    assert not at.exception


@pytest.mark.parametrize("page", PAGES)
def test_broken_dataset_shows_error_panel(page, mini_dir, monkeypatch):
    (mini_dir / "relations.csv").write_text((mini_dir / "relations.csv").read_text().replace("usa,sdf", "usa,nobody"))
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(mini_dir))
    at = run(page)
    assert not at.exception
    assert "cannot be used" in at.error[0].value
    problems = at.table[0].value
    assert problems.iloc[0].to_dict() == {"file": "relations.csv", "row": 4, "column": "target",
                                          "problem": "'nobody' is not an actor id"}


def test_jump_to_event_sets_the_date(mini_dir, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(mini_dir))
    at = run("views/0_Overview.py")
    at.selectbox(key="jump").select("su24").run()
    assert at.date_input(key="date").value == dt.date(2015, 11, 24)
    assert at.query_params["date"] == "2015-11-24"


def test_overview_counts_ties_of_the_day(mini_dir, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(mini_dir))
    at = run("views/0_Overview.py", date="2015-12-15")
    counts = {m.label: m.value for m in at.metric}
    assert counts["Hostility ties"] == "1" and counts["Cooperation ties"] == "0" and counts["Support ties"] == "2"


def test_quotes_search_ignores_accents(mini_dir, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(mini_dir))
    at = run("views/3_Quotes.py", show="Cards")
    at.text_input(key="q").input("erdogan").run()
    shown = [m.value for m in at.markdown if m.value.startswith("**Recep Tayyip Erdoğan**")]
    assert len(shown) == 1 and "Peskov" not in " ".join(m.value for m in at.markdown)


def test_overview_lists_what_changed_with_sources(monkeypatch):
    monkeypatch.delenv("DASHBOARD_DATA_DIR", raising=False)
    at = run("views/0_Overview.py", date="2018-01-30", since="2015-12-15")
    text = " ".join(m.value for m in at.markdown)
    assert "flipped: Russia — cooperation — Turkey" in text
    assert "Largest share" in text
    assert at.date_input(key="since").value == dt.date(2015, 12, 15)


def test_presentation_mode_from_the_link_and_back(mini_dir, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(mini_dir))
    at = run("views/1_Network.py", present="1")
    assert at.toggle(key="present").value is True
    assert any("stSidebar" in h.proto.body for h in at.get("html"))
    at.button(key="leave_presentation").click().run()
    assert at.toggle(key="present").value is False and at.query_params["present"] == "0"


def test_share_link_carries_the_view(mini_dir, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(mini_dir))
    at = run("views/0_Overview.py", date="2016-03-01", since="2015-01-01")
    [link] = [c.value for c in at.code if "date=" in c.value]
    assert "date=2016-03-01" in link and "since=2015-01-01" in link


def test_share_link_encodes_what_would_break_it(mini_dir, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(mini_dir))
    at = run("views/3_Quotes.py", q="r&d c++ #1", speaker="peskov,erdogan")
    [link] = [c.value for c in at.code if "date=" in c.value]
    assert "q=r%26d%20c%2B%2B%20%231" in link and "speaker=peskov,erdogan" in link


def test_empty_comparison_day_on_territory_then_overview(mini_dir, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(mini_dir))
    at = run("views/2_Territory.py", date="2018-01-30")
    at.switch_page("views/0_Overview.py").run()
    assert not at.exception
    assert at.date_input(key="since").value == dt.date(2017, 11, 1)


def test_chart_download_format_is_kept_in_the_link(mini_dir, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(mini_dir))
    at = run("views/4_Positions.py", image_format="svg")
    assert at.radio(key="image_format").value == "svg"
    assert all(json.loads(chart.proto.config)["toImageButtonOptions"]["format"] == "svg" for chart in at.get("plotly_chart"))
    at.radio(key="image_format").set_value("png").run()
    assert "image_format" not in at.query_params


def test_a_dataset_without_stances_quotes_events_or_estimates_says_so(tmp_path, mini_tables, monkeypatch):
    from sample_data import write_dataset
    for name in ("stances", "quotes", "events", "territory"):
        mini_tables[name] = []
    (folder := write_dataset(tmp_path / "d", mini_tables))
    for name in ("stances", "quotes", "events", "territory"):
        (folder / f"{name}.csv").write_text(",".join(__import__("alliances.schema").schema.TABLES[name].column_names) + "\n")
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(folder))
    at = run("views/0_Overview.py", date="2018-01-30")
    said = " ".join(e.value for e in [*at.info, *at.caption])
    for what in ("stances (positions on issues)", "quotes", "events", "territory shares"):
        assert f"This dataset holds no {what}" in said
    at = run("views/4_Positions.py")
    assert not at.exception and at.info[0].value.startswith("This dataset holds no stances")


def test_the_data_dictionary_shows_the_rules_the_loader_runs(monkeypatch):
    from alliances.schema import TABLES
    monkeypatch.delenv("DASHBOARD_DATA_DIR", raising=False)
    at = run("views/5_Sources.py", part="Data dictionary")
    shown = " ".join(c.value for c in at.caption)
    for rule in (r for t in TABLES.values() for r in t.checks):
        assert rule.text in shown
