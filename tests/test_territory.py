import pandas as pd
import pytest
from sample_data import write_dataset
from territory_data import territory_tables

from alliances.dataset import load
from alliances.territory import (
    BEST,
    REMAINDER_NAME,
    as_of_rows,
    best_estimates,
    change_since,
    charted_factions,
    estimate_grid,
    estimated_factions,
    estimates_table,
    estimators,
    faction_by_publisher,
    holders_table,
    latest_by_publisher,
    left_out_partials,
    publisher_estimates,
    region_holders,
    series_estimates,
    series_labels,
    shares_as_of,
    shares_with_changes,
    side_by_side_rows,
)


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


def test_region_holders(mini):
    before = region_holders(mini, "2016-01-01")
    assert before[before["region"] == "Raqqa"].empty  # the government row says none
    assert before[before["region"] == "Hasakah"]["actor"].tolist() == ["sdf", "syria-gov"]
    after = region_holders(mini, "2017-10-20")
    assert after[after["region"] == "Raqqa"][["actor", "share"]].values.tolist() == [["sdf", "most"]]


# ---------------------------------------------------------------- publisher series and the as-of panel


@pytest.fixture
def ground(tmp_path, mini_tables):
    return load(write_dataset(tmp_path / "ground", territory_tables(mini_tables)))


def test_a_publisher_s_estimates_form_one_series(ground):
    per = estimators(ground).set_index("publisher")
    assert per.loc["Agency A", "estimates"] == 2 and per.loc["Institute B", "estimates"] == 2
    assert per.index[0] == "Institute B"  # equal counts: the series that reaches later comes first


@pytest.fixture
def widest(tmp_path, mini_tables):
    """`ground` with Outlet C's partial estimates (the SDF's share only): one between two full estimates less than a
    year apart (2018-09-01), one on the date of a full one (2019-06-01) and one after the last full one (2020-01-01)."""
    tables = territory_tables(mini_tables)
    tables["sources"].append({"id": "src-e", "publisher": "Outlet C", "title": "SDF counts", "date": "2020-01-02",
                              "url": "", "kind": "news"})
    for day, sdf in (("2018-09-01", "20"), ("2019-06-01", "30"), ("2020-01-01", "15")):
        tables["territory"] += [{"date": day, "actor": "sdf", "share_pct": sdf, "source_id": "src-e"},
                                {"date": day, "actor": "contested", "share_pct": str(100 - int(sdf)), "source_id": "src-e"}]
    return load(write_dataset(tmp_path / "widest", tables))


def test_the_best_available_series_takes_one_estimate_per_date_across_publishers(widest):
    best = best_estimates(widest)
    assert list(zip(best["date"].dt.strftime("%Y-%m-%d"), best["source_id"], best["publisher"])) == [
        ("2015-06-01", "src-b", "Institute B"),  # partial, but nothing fuller is that old
        ("2016-01-01", "src-c", "Agency A"),
        ("2018-01-30", "src-a", "Agency A"),     # of three that day, the least left unattributed (src-d 50%, ...)
        ("2019-06-01", "src-b", "Institute B"),  # not Outlet C's SDF-only count of the same day
        ("2020-01-01", "src-e", "Outlet C"),     # partial, after the last full estimate: the best there is
    ]
    assert best["others"].tolist() == [0, 0, 1, 1, 0]
    # between full estimates 5 and 9 months away, a single faction's share would blank out the picture
    assert left_out_partials(widest)["source_id"].tolist() == ["src-e"]
    assert left_out_partials(widest)["date"].dt.strftime("%Y-%m-%d").tolist() == ["2018-09-01"]
    assert series_estimates(widest, BEST)["source_id"].tolist() == best["source_id"].tolist()
    assert series_estimates(widest, "Agency A")["source_id"].tolist() == ["src-c", "src-a"]


def test_the_best_series_is_offered_first_and_covers_every_publisher_s_years(widest):
    labels = series_labels(widest)
    assert list(labels)[0] == BEST
    assert labels[BEST] == "Best available estimate (all publishers, 5 dates, 2015–2020)"
    assert set(labels) == {BEST, "Agency A", "Institute B", "Outlet C"}


def test_the_best_series_grid_and_panel_name_each_estimate_s_publisher(widest):
    grid = estimate_grid(widest, BEST)
    gov = grid[grid["actor"] == "syria-gov"]
    assert gov["publisher"].tolist() == ["Institute B", "Agency A", "Agency A", "Institute B", "Outlet C"]
    assert gov["named"].tolist() == [True, True, True, True, False]
    panel = shares_with_changes(widest, "2018-02-01", "2015-07-01", BEST).set_index("actor")
    gov_now = panel.loc["syria-gov"]
    assert (gov_now["publisher"], gov_now["source_id"], gov_now["share_pct"]) == ("Agency A", "src-a", 55)
    assert (gov_now["previous_publisher"], gov_now["change_previous"]) == ("Agency A", 20)      # src-c's 35
    assert (gov_now["since_publisher"], gov_now["since_source_id"], gov_now["change_since"]) == ("Institute B", "src-b", 25)
    assert panel.index[-1] == "contested"
    later = shares_with_changes(widest, "2020-06-01", "2015-07-01", BEST)
    assert set(later["publisher"]) == {"Outlet C"} and set(later["previous_publisher"]) == {"Institute B"}


def test_the_remainder_reads_as_not_estimated_in_the_tables(widest):
    rows = as_of_rows(shares_with_changes(widest, "2020-06-01", "2019-07-01", BEST), {"sdf": "SDF", "contested": "Contested"})
    assert rows["faction"].tolist()[-1] == REMAINDER_NAME and "Contested" not in rows["faction"].tolist()
    assert rows.iloc[-1].tolist()[1:] == ["85.0%", "", ""]  # 85% unattributed, against 12%: no ground changed hands
    table = estimates_table(widest, BEST)
    assert set(table["source_id"]) == {"src-a", "src-b", "src-c", "src-e"}
    assert set(table.loc[table["actor"] == "contested", "faction"]) == {REMAINDER_NAME}


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
    aleppo = holders[holders["region"] == "Aleppo"]
    assert aleppo[["faction", "share", "publisher"]].values.tolist() == [["Syrian government", "most", "Agency A"],
                                                                       ["SDF", "part", "Institute B"]]


def test_side_by_side_rows_name_factions_and_leave_blanks(ground):
    rows = side_by_side_rows(latest_by_publisher(ground, "2018-02-01"), {"sdf": "SDF", "syria-gov": "Syrian government"})
    assert rows.columns.tolist() == ["publisher", "date", "Syrian government", "SDF", REMAINDER_NAME]
    assert rows.iloc[1].tolist()[2:] == ["30.0", "", "69.0"]


def test_estimated_factions_put_the_remainder_last(ground):
    assert estimated_factions(ground) == ["syria-gov", "isis", "sdf", "contested"]  # contested's 69% comes last


def test_a_chart_draws_the_largest_factions_and_the_contested_remainder():
    grid = pd.DataFrame({"actor": ["big", "big", "mid", "small", "contested"], "share_pct": [50, 40, 20, 1, 9]})
    assert list(charted_factions(grid, top=2)["actor"]) == ["big", "big", "mid", "contested"]
