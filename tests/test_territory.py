from alliances.territory import change_since, governorate_holders, leader_as_of, shares_as_of


def test_shares_as_of_takes_latest_estimate_on_or_before(mini):
    assert shares_as_of(mini, "2015-05-31").empty
    assert shares_as_of(mini, "2015-06-01")["source_id"].unique().tolist() == ["src-b"]
    now = shares_as_of(mini, "2018-02-01")
    assert now["actor"].tolist() == ["syria-gov", "sdf", "contested"]
    assert shares_as_of(mini, "2018-02-01", "src-b")["date"].iloc[0].isoformat()[:10] == "2015-06-01"


def test_change_since(mini):
    change = change_since(mini, "2018-02-01", "2016-01-01").set_index("actor")
    assert change.loc["syria-gov", "change_pts"] == 25
    assert change.loc["sdf", "change_pts"] == 25


def test_leader_is_never_contested(mini):
    assert leader_as_of(mini, "2015-07-01")["actor"] == "syria-gov"


def test_governorate_holders(mini):
    before = governorate_holders(mini, "2016-01-01")
    assert before[before["governorate"] == "Raqqa"].empty  # the government row says none
    assert before[before["governorate"] == "Hasakah"]["actor"].tolist() == ["sdf", "syria-gov"]
    after = governorate_holders(mini, "2017-10-20")
    assert after[after["governorate"] == "Raqqa"][["actor", "share"]].values.tolist() == [["sdf", "most"]]
