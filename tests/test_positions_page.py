"""The Positions page under AppTest: its charts, its odd couples, and every control kept in the URL."""
from __future__ import annotations

import json

import pytest
from app_pages import run
from position_samples import with_camps
from sample_data import write_dataset

PAGE = "views/4_Positions.py"
CHARTS = {"positions_heatmap", "position_map", "agreement_matrix", "issue_steps", "side_by_side"}


@pytest.fixture
def camps_dir(tmp_path, mini_tables, monkeypatch):
    folder = write_dataset(tmp_path / "camps", with_camps(mini_tables))
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(folder))
    return folder


def charts(at) -> dict[str, dict]:
    """Plotly charts on the page by their key, as figure dicts."""
    shown = {}
    for element in at.get("plotly_chart"):
        spec = json.loads(element.proto.spec)
        key = next((k for k in CHARTS if k in element.proto.id), element.proto.id)
        shown[key] = spec
    return shown


def section(name: str, **params):
    """The page opened on one of its tabs (only the open tab runs), as a link with `section=` does."""
    return run(PAGE, section=name, **params)


def all_sections(**params) -> dict[str, dict]:
    shown = {}
    for name in ("Who stands where", "Camps", "Agreement", "Issue over time", "Side by side", "Every stance"):
        at = section(name, **params)
        assert not at.exception and not at.error, name
        shown.update(charts(at))
    return shown


def texts(at) -> str:
    return "\n".join([m.value for m in at.markdown] + [i.value for i in at.info] + [c.value for c in at.caption])


def test_page_shows_every_view_and_the_odd_couples(camps_dir):
    assert set(all_sections(date="2019-06-01")) == CHARTS
    at = section("Agreement", date="2019-06-01")
    labels = [e.label for e in at.expander]
    assert any(label.startswith("Russia and Turkey: partners who disagree, agree on 0 of 4") for label in labels)
    assert any(label.startswith("Turkey and SDF: rivals who agree, agree on 4 of 4") for label in labels)
    partners = at.expander[labels.index(next(label for label in labels if label.startswith("Russia and Turkey")))]
    cited = [m.value for m in partners.markdown]
    assert cited[0] == "Tie in force: cooperation, [Agency A, “Report A”, 30 Jan 2018](https://example.org/a)"
    assert cited[1].startswith("Stances from: [Agency A")
    assert list(partners.dataframe[0].value["issue"]) == ["Sochi congress", "Assad stays", "Sanctions", "Bases"]
    at = section("Camps", date="2019-06-01")
    assert "principal component analysis" in texts(at) and "mean imputation" in texts(at)
    assert "1 other actor(s) with a position are left out" in texts(at)  # the UN, known on one issue


def test_heatmap_rows_and_map_dots_follow_the_controls(camps_dir):
    at = run(PAGE, date="2019-06-01")
    assert set(charts(at)) == {"positions_heatmap"}  # the first tab, alone
    heatmap = charts(at)["positions_heatmap"]["data"][0]
    assert heatmap["y"][1] == ["Iran", "Russia", "Turkey", "SDF", "United Nations", "United States"]
    at = section("Camps", date="2019-06-01")
    mapped = [name for trace in charts(at)["position_map"]["data"] for name in trace["text"]]
    assert sorted(mapped) == ["Iran", "Russia", "SDF", "Turkey", "United States"]
    at.slider(key="min_known").set_value(1).run()
    assert at.query_params["min_known"] == "1"
    mapped = [name for trace in charts(at)["position_map"]["data"] for name in trace["text"]]
    assert "United Nations" in mapped


def test_links_with_actor_and_issue_open_that_view(camps_dir):
    link = {"date": "2019-06-01", "actor": "turkey", "other": "sdf", "issue": "bases", "min_shared": "5"}
    at = section("Agreement", **link)
    assert at.selectbox(key="actor").value == "turkey" and at.selectbox(key="other").value == "sdf"
    assert at.selectbox(key="issue").value == "bases"
    assert at.slider(key="min_shared").value == 5
    assert "No odd couple on this day among pairs sharing at least 5 issue(s)." in texts(at)
    assert "Should there be bases?" in texts(section("Issue over time", **link))
    table = section("Side by side", **link).dataframe[0].value
    assert list(table.columns[:4]) == ["issue", "Turkey", "SDF", "relation"]
    at = section("Camps", **link)
    ringed = [trace for trace in charts(at)["position_map"]["data"] if "Turkey" in trace["text"]][0]
    assert ringed["marker"]["size"][ringed["text"].index("Turkey")] == 20


def test_every_control_is_written_to_the_url(camps_dir):
    at = section("Agreement", date="2019-06-01")
    assert at.query_params["section"] == "Agreement"
    assert at.query_params["actor"] == "russia" and at.query_params["min_shared"] == "2"
    at.selectbox(key="issue").select("sanctions").run()
    at.selectbox(key="other").select("iran").run()
    at.slider(key="min_shared").set_value(3).run()
    assert at.query_params["issue"] == "sanctions" and at.query_params["other"] == "iran"
    assert at.query_params["min_shared"] == "3"
    assert not at.exception


def test_a_link_to_an_unknown_actor_keeps_a_valid_one(camps_dir):
    at = section("Camps", date="2019-06-01", actor="nobody", issue="nothing", min_known="99")
    assert not at.exception
    assert at.selectbox(key="actor").value == "russia"
    assert at.query_params["actor"] == "russia" and at.query_params["issue"] != "nothing"
    assert at.slider(key="min_known").value == 10


def test_a_day_before_any_stance_says_so(camps_dir):
    at = run(PAGE, date="2012-01-01")
    assert not at.exception
    assert "No position is recorded on or before this day." in texts(at)
    assert "positions_heatmap" not in charts(at)
    assert "issue_steps" in charts(section("Issue over time", date="2012-01-01"))  # history does not depend on the day


def test_same_actor_twice_asks_for_another(camps_dir):
    at = section("Side by side", date="2019-06-01", actor="usa", other="usa")
    assert "Choose two different actors in the sidebar." in texts(at)
    assert not at.exception


def test_actor_boxes_offer_only_actors_with_a_stance(camps_dir):
    at = section("Side by side", date="2019-06-01")
    stances = (camps_dir / "stances.csv").read_text(encoding="utf-8").splitlines()[1:]
    on_record = {line.split(",")[0] for line in stances}
    for key in ("actor", "other"):
        assert set(at.selectbox(key=key).options) == {at.selectbox(key=key).format_func(a) for a in on_record}
