import pandas as pd
import pytest

from alliances.dataset import load
from alliances.territory import (as_of_rows, change_since, charted_factions, default_publisher, estimate_grid,
                                 estimated_factions,
                                 estimates_table, estimators, faction_by_publisher, governorate_holders, holders_table,
                                 latest_by_publisher, leader_as_of, publisher_estimates, shares_as_of,
                                 shares_with_changes, side_by_side_rows)
from sample_data import write_dataset
from territory_data import territory_tables


def test_shares_as_of_takes_latest_estimate_on_or_before(mini):
    assert shares_as_of(mini, "2015-05-31").empty
    assert shares_as_of(mini, "2015-06-01")["source_id"].unique().tolist() == ["src-b"]
    now = shares_as_of(mini, "2018-02-01")
    assert now["actor"].tolist() == ["syria-gov", "sdf", "contested"]
    assert shares_as_of(mini, "2018-02-01", "src-b")["date"].iloc[0].isoformat()[:10] == "2015-06-01"


def test_change_since(mini):
    change = change_since(mini, "2018-02-01", "2016-01-01").set_index("actor")
    assert change.loc["syria-gov", "change_pts"] == 25
    # the 2015 estimate does not name the SDF (its 69% 'contested' remainder may hold it): no change is known
    assert pd.isna(change.loc["sdf", "change_pts"])
    assert change.loc["sdf", "share_pct"] == 25


def test_leader_is_never_contested(mini):
    assert leader_as_of(mini, "2015-07-01")["actor"] == "syria-gov"


def test_governorate_holders(mini):
    before = governorate_holders(mini, "2016-01-01")
    assert before[before["governorate"] == "Raqqa"].empty  # the government row says none
    assert before[before["governorate"] == "Hasakah"]["actor"].tolist() == ["sdf", "syria-gov"]
    after = governorate_holders(mini, "2017-10-20")
    assert after[after["governorate"] == "Raqqa"][["actor", "share"]].values.tolist() == [["sdf", "most"]]


# ---------------------------------------------------------------- publisher series and the as-of panel


@pytest.fixture
def ground(tmp_path, mini_tables):
    return load(write_dataset(tmp_path / "ground", territory_tables(mini_tables)))


def test_a_publisher_s_estimates_form_one_series(ground):
    per = estimators(ground).set_index("publisher")
    assert per.loc["Agency A", "estimates"] == 2 and per.loc["Institute B", "estimates"] == 2
    assert per.index[0] == "Institute B"  # equal counts: the series that reaches later comes first


def test_the_page_opens_on_the_headline_publisher_unless_its_series_is_one_estimate(tmp_path, mini_tables):
    tables = territory_tables(mini_tables)
    tables["sources"].append({"id": "src-e", "publisher": "Outlet C", "title": "One count", "date": "2019-01-01",
                              "url": "", "kind": "news"})
    tables["territory"] += [{"date": "2019-01-01", "actor": "syria-gov", "share_pct": "58", "source_id": "src-e"},
                            {"date": "2019-01-01", "actor": "contested", "share_pct": "42", "source_id": "src-e"}]
    ds = load(write_dataset(tmp_path / "d", tables))
    assert default_publisher(ds, "2018-02-01") == "Agency A"     # the headline's estimate (src-a), a series of two
    assert default_publisher(ds, "2019-02-01") == "Institute B"  # the headline's is Outlet C's only one: the fullest instead
    assert default_publisher(ds, "2010-01-01") == "Institute B"  # nothing that old: the fullest series


def test_of_two_estimates_of_one_date_the_fuller_is_charted(ground):
    charted = publisher_estimates(ground, "Agency A")
    assert charted["source_id"].tolist() == ["src-c", "src-a"]
    assert charted["others"].tolist() == [0, 1]


def test_estimate_grid_fills_every_actor_at_every_date(ground):
    grid = estimate_grid(ground, "Agency A")
    assert len(grid) == 2 * 4  # two dates x (government, isis, sdf, contested)
    assert grid["actor"].iloc[-1] == "contested"
    isis_2018 = grid[(grid["actor"] == "isis") & (grid["date"] == "2018-01-30")].iloc[0]
    assert not isis_2018["named"] and isis_2018["share_pct"] == 0
    assert grid.groupby("date")["share_pct"].sum().tolist() == [100, 100]
    assert set(grid[grid["date"] == "2016-01-01"]["source_id"]) == {"src-c"}


def test_shares_with_changes_against_previous_estimate_and_comparison_day(ground):
    panel = shares_with_changes(ground, "2018-02-01", "2016-06-01", "Agency A").set_index("actor")
    assert panel.loc["syria-gov", "share_pct"] == 55 and panel.loc["syria-gov", "change_previous"] == 20
    assert panel.loc["contested", "change_previous"] == -5
    assert pd.isna(panel.loc["sdf", "change_previous"])  # the 2016 estimate does not name the SDF
    assert pd.isna(panel.loc["isis", "share_pct"])  # named before, not now: listed, share unknown
    assert panel["previous_date"].iloc[0] == pd.Timestamp("2016-01-01")
    assert panel.loc["syria-gov", "change_since"] == 20
    assert panel.index[-1] == "contested"


def test_no_change_without_an_estimate_that_old(ground):
    panel = shares_with_changes(ground, "2016-02-01", "2015-01-01", "Agency A")
    assert panel["change_previous"].isna().all() and panel["change_since"].isna().all()
    assert pd.isna(panel["previous_date"].iloc[0])
    assert shares_with_changes(ground, "2015-12-31", "2015-01-01", "Agency A").empty


def test_as_of_rows_shows_blanks_for_the_unknown(ground):
    rows = as_of_rows(shares_with_changes(ground, "2018-02-01", "2016-06-01", "Agency A"),
                      {"syria-gov": "Syrian government"}).set_index("faction")
    assert rows.loc["Syrian government"].tolist() == ["55.0%", "+20.0", "+20.0"]
    assert rows.loc["isis", "share"] == "not named" and rows.loc["sdf", "Δ previous"] == ""


def test_latest_by_publisher_puts_estimates_side_by_side(ground):
    table = latest_by_publisher(ground, "2018-02-01")
    assert table["publisher"].tolist() == ["Agency A", "Institute B"]  # most recent first
    assert table["date"].dt.strftime("%Y-%m-%d").tolist() == ["2018-01-30", "2015-06-01"]
    assert table.columns[3:].tolist()[-1] == "contested"
    assert pd.isna(table.set_index("publisher").loc["Institute B", "sdf"])
    assert latest_by_publisher(ground, "2014-01-01").empty


def test_faction_by_publisher_leaves_out_estimates_that_do_not_name_it(ground):
    rows = faction_by_publisher(ground, "sdf")
    assert list(zip(rows["publisher"], rows["share_pct"])) == [("Agency A", 25), ("Institute B", 28)]


def test_tables_name_factions_and_publishers(ground):
    agency = estimates_table(ground, publisher="Agency A")
    assert set(agency["source_id"]) == {"src-a", "src-c", "src-d"}
    assert estimates_table(ground, actor="sdf")["faction"].unique().tolist() == ["SDF"]
    holders = holders_table(ground, "2017-01-01")
    aleppo = holders[holders["governorate"] == "Aleppo"]
    assert aleppo[["faction", "share", "publisher"]].values.tolist() == [["Syrian government", "most", "Agency A"],
                                                                       ["SDF", "part", "Institute B"]]


def test_side_by_side_rows_name_factions_and_leave_blanks(ground):
    rows = side_by_side_rows(latest_by_publisher(ground, "2018-02-01"), {"sdf": "SDF", "syria-gov": "Syrian government"})
    assert rows.columns.tolist() == ["publisher", "date", "Syrian government", "SDF", "contested"]
    assert rows.iloc[1].tolist()[2:] == ["30.0", "", "69.0"]


def test_estimated_factions_put_the_remainder_last(ground):
    assert estimated_factions(ground) == ["syria-gov", "isis", "sdf", "contested"]  # contested's 69% comes last


def test_a_chart_draws_the_largest_factions_and_the_contested_remainder():
    grid = pd.DataFrame({"actor": ["big", "big", "mid", "small", "contested"], "share_pct": [50, 40, 20, 1, 9]})
    assert list(charted_factions(grid, top=2)["actor"]) == ["big", "big", "mid", "contested"]
