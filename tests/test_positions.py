import numpy as np
import pandas as pd
import pytest
from position_samples import stance, with_camps
from sample_data import write_dataset

from alliances.dataset import load
from alliances.positions import (
    actors_on_record,
    agreement,
    best_known,
    compare,
    issue_history,
    matrix,
    most_active,
    most_answered,
    odd_couples,
    position_map,
    stance_details,
    stances_as_of,
)


@pytest.fixture
def camps(tmp_path, mini_tables):
    return load(write_dataset(tmp_path / "camps", with_camps(mini_tables)))


def test_latest_stance_on_or_before(mini):
    assert stances_as_of(mini, "2017-12-31").set_index(["actor", "issue"]).loc[("russia", "sochi-congress"), "position"] == 1
    assert stances_as_of(mini, "2018-01-30").set_index(["actor", "issue"]).loc[("russia", "sochi-congress"), "position"] == 2


def test_a_stance_after_the_day_is_not_yet_known(mini):
    latest = stances_as_of(mini, "2018-01-29")
    assert "usa" not in set(latest["actor"])


def test_matrix_unknown_is_missing_not_neutral(mini):
    table = matrix(mini, "2018-02-01")
    assert table.loc["usa", "sochi-congress"] == -1
    assert pd.isna(table.loc["usa", "assad-stays"])
    assert list(table.columns) == ["sochi-congress", "assad-stays"]


def test_matrix_rows_grouped_by_bloc(camps):
    rows = list(matrix(camps, "2019-06-01").index)
    assert rows == ["iran", "russia", "turkey", "sdf", "un", "usa"]  # Astana guarantors, Kurdish-led, UN, US-led


def test_matrix_empty_before_any_stance(mini):
    assert matrix(mini, "2010-01-01").empty


def test_stance_details_carry_quote_and_source(mini):
    details = stance_details(mini, "2018-02-01").set_index(["actor", "issue"])
    shown = details.loc[("russia", "sochi-congress")]
    assert shown["quote_text"] == "No immediate breakthrough is likely." and not shown["quote_verbatim"]
    assert shown["quote_speaker"] == "Dmitry Peskov" and shown["publisher"] == "Agency A"
    assert details.loc[("usa", "sochi-congress"), "quote_text"] == ""


def test_most_active_actor_first(mini):
    assert most_active(mini) == ["russia", "usa"]


def test_only_actors_with_a_stance_are_on_record_by_name(mini):
    names = dict(zip(mini.actors["id"], mini.actors["name"]))
    on_record = actors_on_record(mini)
    assert set(on_record) == set(mini.stances["actor"]) < set(mini.actors["id"])
    assert [names[a] for a in on_record] == sorted((names[a] for a in on_record), key=str.casefold)


def test_most_answered_issue_first(mini):
    assert most_answered(mini) == ["sochi-congress", "assad-stays"]  # 3 stances, then 1


# ---------------------------------------------------------------- agreement

def grid(rows: dict) -> pd.DataFrame:
    return pd.DataFrame(rows, index=[f"i{k}" for k in range(len(next(iter(rows.values()))))], dtype=float).T


def test_agree_means_same_sign_over_shared_issues_only():
    table = grid({"a": [2, 1, 0, -1, np.nan], "b": [1, -1, 0, np.nan, 2], "c": [np.nan] * 5})
    result = agreement(table, min_shared=1)
    assert result.shared.loc["a", "b"] == 3  # the unknowns are not counted
    assert result.agreed.loc["a", "b"] == 2  # +2/+1 agree, +1/-1 do not, neutral/neutral agree
    assert result.share.loc["a", "b"] == pytest.approx(2 / 3)
    assert pd.isna(result.share.loc["a", "c"])  # nothing shared: no share, not zero
    assert pd.isna(result.share.loc["a", "a"])


def test_neutral_does_not_agree_with_a_side():
    result = agreement(grid({"a": [0, 0], "b": [1, -2]}), min_shared=1)
    assert result.share.loc["a", "b"] == 0


def test_pairs_with_too_few_shared_issues_have_no_share():
    table = grid({"a": [1, 1, np.nan], "b": [1, -1, np.nan], "c": [1, np.nan, -1]})
    result = agreement(table, min_shared=2)
    assert result.share.loc["a", "b"] == 0.5
    assert pd.isna(result.share.loc["a", "c"]) and result.shared.loc["a", "c"] == 1
    assert result.pairs().to_dict("records") == [{"a": "a", "b": "b", "shared": 2, "agreed": 1, "share": 0.5}]


def test_agreement_of_a_single_actor_is_empty():
    result = agreement(grid({"a": [1, 2]}), min_shared=1)
    assert result.pairs().empty


# ---------------------------------------------------------------- odd couples

def test_partners_who_disagree_with_the_tie_and_stance_sources(camps):
    couples = odd_couples(camps, "2019-06-01", min_shared=2).set_index(["a", "b"])
    partners = couples.loc[("russia", "turkey")]
    assert partners["kind"] == "partners who disagree" and partners["share"] == 0
    assert [t["type"] for t in partners["ties"]] == ["cooperation"]
    assert partners["ties"][0]["source_id"] == "src-a"
    assert {p["issue"] for p in partners["issues"]} == {"assad-stays", "sochi-congress", "bases", "sanctions"}
    assert all(p["source_a"] == "src-a" and p["source_b"] == "src-a" and not p["agree"] for p in partners["issues"])
    assert ("turkey", "usa") not in couples.index  # allies that agree are no odd couple


def test_rivals_who_agree(camps):
    couples = odd_couples(camps, "2019-06-01", min_shared=2).set_index(["a", "b"])
    rivals = couples.loc[("turkey", "sdf")]
    assert rivals["kind"] == "rivals who agree" and rivals["tie_sign"] == -1
    assert rivals["agreed"] == 4 and rivals["shared"] == 4
    assert list(couples["kind"]) == ["partners who disagree"] * (len(couples) - 1) + ["rivals who agree"]


def test_odd_couples_use_the_ties_of_the_day(tmp_path, mini_tables):
    for day in ("2016-01-01", "2017-01-01"):
        mini_tables["stances"] += [stance("russia", "assad-stays", day, 2), stance("turkey", "assad-stays", day, -2)]
    ds = load(write_dataset(tmp_path / "d", mini_tables))
    assert odd_couples(ds, "2016-02-01", 1).empty  # hostile then: disagreeing is no surprise
    assert odd_couples(ds, "2017-02-01", 1)[["a", "b"]].values.tolist() == [["russia", "turkey"]]


def test_odd_couples_need_enough_shared_issues(camps):
    assert not odd_couples(camps, "2019-06-01", min_shared=4).empty
    assert odd_couples(camps, "2019-06-01", min_shared=5).empty
    assert odd_couples(camps, "2010-01-01", min_shared=1).empty


# ---------------------------------------------------------------- position map

def test_map_separates_the_camps(camps):
    placed = position_map(matrix(camps, "2019-06-01"), min_known=2)
    x = placed.coords["x"]
    assert np.sign(x["russia"]) == np.sign(x["iran"])
    assert {np.sign(x[a]) for a in ("usa", "sdf", "turkey")} == {-np.sign(x["russia"])}
    assert placed.explained[0] > 0.8 and sum(placed.explained) <= 1 + 1e-9


def test_map_leaves_out_actors_with_too_few_positions(camps):
    placed = position_map(matrix(camps, "2019-06-01"), min_known=2)
    assert placed.left_out == ("un",)
    assert "un" not in placed.coords.index
    assert placed.coords.loc["russia", "known"] == 4


def test_an_unknown_position_counts_as_the_issue_mean():
    # b is unknown on i1: it sits where it would if its position there were the mean of the others
    table = grid({"a": [2, 2, 2], "b": [np.nan, 2, 2], "c": [-2, -2, -2]})
    imputed = grid({"a": [2, 2, 2], "b": [0, 2, 2], "c": [-2, -2, -2]})
    assert position_map(table, 2).coords[["x", "y"]].values == pytest.approx(position_map(imputed, 2).coords[["x", "y"]].values)


def test_a_single_actor_sits_at_the_centre():
    placed = position_map(grid({"a": [1, 2, -1], "b": [np.nan, 1, np.nan]}), min_known=2)
    assert list(placed.coords.index) == ["a"] and placed.coords.loc["a", ["x", "y"]].tolist() == [0, 0]
    assert placed.explained == (0.0, 0.0) and placed.left_out == ("b",)


def test_map_of_nothing_is_empty():
    placed = position_map(pd.DataFrame(), min_known=1)
    assert placed.coords.empty and placed.axis_issues("x") == []


def test_map_axes_name_the_issues_that_weigh_most():
    table = grid({"a": [2, -2, 0], "b": [-2, 2, 0], "c": [1, -1, 0]})
    placed = position_map(table, 2)
    assert dict(placed.axis_issues("x")) == {"i0": 1, "i1": -1}
    assert placed.coords.loc["a", "x"] > 0 > placed.coords.loc["b", "x"]  # right means more for i0
    assert placed.explained[1] == 0  # one line holds every actor


# ---------------------------------------------------------------- one issue, two actors

def test_issue_history_in_bloc_and_date_order(mini):
    history = issue_history(mini, "sochi-congress")
    assert history[["actor", "position"]].values.tolist() == [["russia", 1], ["russia", 2], ["usa", -1]]
    assert history["publisher"].eq("Agency A").all()


def test_compare_names_where_two_actors_differ(camps):
    rows = compare(camps, "2019-06-01", "russia", "iran").set_index("issue")
    assert rows.loc["assad-stays", "relation"] == "same"
    assert rows.loc["sochi-congress", "relation"] == "differ"
    rows = compare(camps, "2019-06-01", "russia", "un").set_index("issue")
    assert rows.loc["assad-stays", "relation"] == "opposed"  # +2 against neutral
    assert rows.loc["bases", "relation"] == "only one known" and pd.isna(rows.loc["bases", "position_b"])
    assert compare(camps, "2010-01-01", "russia", "un").empty


def test_agreement_matrix_keeps_only_actors_with_a_comparable_pair():
    table = grid({"a": [1, 1, np.nan], "b": [1, -1, np.nan], "c": [1, np.nan, -1]})
    shown = agreement(table, min_shared=2).compared()
    assert list(shown.share.index) == ["a", "b"] and list(shown.share.columns) == ["a", "b"]


def test_charts_show_the_best_known_actors_and_issues_in_table_order():
    table = pd.DataFrame({"i1": [1, None, 2, None], "i2": [None, 1, None, None], "i3": [1, None, 1, -1]},
                         index=["a", "b", "c", "d"], dtype=float)
    shown = best_known(table, actors=2, issues=1)
    assert list(shown.index) == ["a", "c"] and list(shown.columns) == ["i1"]  # i1 and i3 tie: the first is kept
    assert best_known(table, actors=10).equals(table)


def test_the_map_places_at_most_the_best_known_actors():
    table = pd.DataFrame({"i1": [1, -1, 2, 0], "i2": [1, 1, None, -2], "i3": [2, None, None, -1]},
                         index=["a", "b", "c", "d"], dtype=float)
    placed = position_map(table, min_known=1, most=2)
    assert sorted(placed.coords.index) == ["a", "d"] and sorted(placed.left_out) == ["b", "c"]
