"""The sidebar's event menu: each event labelled with its date; a dataset with thousands of events lists the ones
nearest the as-of day (the whole menu is resent to the browser on every rerun)."""
import datetime as dt

from app_pages import run
from sample_data import write_dataset

from alliances.dataset import load
from alliances.overview import jump_menu


def test_jump_menu_labels_each_event_with_its_date(mini_dir, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(mini_dir))
    at = run("views/0_Overview.py")
    assert at.selectbox(key="jump").options == ["2015-11-24 · Su-24 shot down", "2018-01-30 · Sochi congress"]


def test_jump_menu_keeps_events_that_share_a_title_apart(tmp_path, mini_tables, monkeypatch):
    mini_tables["events"].append({"id": "sochi-again", "date": "2019-02-14", "title": "Sochi congress", "kind": "diplomacy",
                                  "source_id": "src-a"})
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(write_dataset(tmp_path / "d", mini_tables)))
    at = run("views/0_Overview.py")
    assert at.selectbox(key="jump").options[-2:] == ["2018-01-30 · Sochi congress", "2019-02-14 · Sochi congress"]
    at.selectbox(key="jump").select("sochi-again").run()
    assert at.date_input(key="date").value == dt.date(2019, 2, 14)


def test_a_long_record_lists_the_events_nearest_the_day_in_date_order(tmp_path, mini_tables):
    mini_tables["events"] = [{"id": f"e{i}", "date": (dt.date(2014, 12, 1) + dt.timedelta(days=10 * i)).isoformat(),
                              "title": f"Event {i}", "kind": "military", "source_id": "src-a"} for i in range(100)]
    ds = load(write_dataset(tmp_path / "d", mini_tables))
    menu = jump_menu(ds, dt.date(2015, 1, 1), size=4)
    assert [label for label, _ in menu.values()] == ["2014-12-21 · Event 2", "2014-12-31 · Event 3",
                                                      "2015-01-10 · Event 4", "2015-01-20 · Event 5"]
    assert len(jump_menu(ds, None, size=4)) == 100
