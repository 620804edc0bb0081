"""The sidebar's event menu: each event labelled with its date, built once per run (not one table
search per option, which made every rerun quadratic in the number of events)."""
from sample_data import write_dataset
from test_pages import run


def test_jump_menu_labels_each_event_with_its_date(mini_dir, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(mini_dir))
    at = run("views/0_Overview.py")
    assert at.selectbox(key="jump").options == ["2015-11-24 · Su-24 shot down", "2018-01-30 · Sochi congress"]


def test_jump_menu_labels_a_repeated_title_with_its_first_date(tmp_path, mini_tables, monkeypatch):
    mini_tables["events"].append({"id": "sochi-again", "date": "2019-02-14", "title": "Sochi congress", "kind": "diplomacy",
                                  "source_id": "src-a"})
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(write_dataset(tmp_path / "d", mini_tables)))
    at = run("views/0_Overview.py")
    assert "2018-01-30 · Sochi congress" in at.selectbox(key="jump").options
