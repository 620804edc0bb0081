import pandas as pd

from alliances.positions import matrix, stances_as_of


def test_latest_stance_on_or_before(mini):
    assert stances_as_of(mini, "2017-12-31").set_index(["actor", "issue"]).loc[("russia", "sochi-congress"), "position"] == 1
    assert stances_as_of(mini, "2018-01-30").set_index(["actor", "issue"]).loc[("russia", "sochi-congress"), "position"] == 2


def test_matrix_unknown_is_missing_not_neutral(mini):
    table = matrix(mini, "2018-02-01")
    assert table.loc["usa", "sochi-congress"] == -1
    assert pd.isna(table.loc["usa", "assad-stays"])
    assert list(table.columns) == ["sochi-congress", "assad-stays"]


def test_matrix_empty_before_any_stance(mini):
    assert matrix(mini, "2010-01-01").empty
