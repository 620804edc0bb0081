import pandas as pd
from sample_data import write_dataset

from alliances.dataset import load
from alliances.overview import changes_since, events_around, headline, newer_partial_shares, notable_quotes, positions_shifted
from alliances.territory import reference_estimate


def test_headline_counts_ties_and_names_the_leader(mini):
    h = headline(mini, "2018-02-01")
    assert h.ties_by_type["hostility"] == 1 and h.ties_by_type["alliance"] == 1
    assert h.leader["actor"] == "syria-gov" and h.leader["share_pct"] == 55
    assert (h.runner_up["actor"], h.runner_up["share_pct"]) == ("sdf", 25)
    assert h.quotes_that_week == 1  # Peskov on 29 Jan; Erdoğan's of 20 Jan is older than a week
    assert not h.estimate_is_stale("2018-02-01") and h.estimate_is_stale("2019-06-01")


def test_partial_estimates_never_make_the_headline(tmp_path, mini_tables):
    # a page giving only the SDF's share: 25% and a 75% remainder
    mini_tables["territory"] += [
        {"date": "2018-03-01", "actor": "sdf", "share_pct": "25", "source_id": "src-b"},
        {"date": "2018-03-01", "actor": "contested", "share_pct": "75", "source_id": "src-b"}]
    ds = load(write_dataset(tmp_path / "d", mini_tables))
    assert reference_estimate(ds, "2018-03-02") == (pd.Timestamp("2018-01-30"), "src-a")
    assert headline(ds, "2018-03-02").leader["actor"] == "syria-gov"


def test_a_later_partial_estimate_by_the_headline_source_does_not_replace_its_full_one(tmp_path, mini_tables):
    # src-a gives a full estimate on 30 Jan 2018, then only the SDF's share on 1 Mar 2018
    mini_tables["territory"] += [
        {"date": "2018-03-01", "actor": "sdf", "share_pct": "27", "source_id": "src-a"},
        {"date": "2018-03-01", "actor": "contested", "share_pct": "73", "source_id": "src-a"}]
    ds = load(write_dataset(tmp_path / "d", mini_tables))
    head = headline(ds, "2018-03-02")
    assert (head.leader["actor"], head.leader["share_pct"], head.leader["date"]) == ("syria-gov", 55, pd.Timestamp("2018-01-30"))
    assert head.runner_up["share_pct"] == 25  # the full estimate's, not the later partial one


def test_no_estimate_no_leader(mini):
    assert headline(mini, "2014-01-01").leader is None


def test_changes_since(mini):
    c = changes_since(mini, "2015-12-15", "2018-01-30")
    assert ("russia", "turkey", "flipped") in set(zip(c.ties["source"], c.ties["target"], c.ties["change"]))
    assert c.territory.empty  # src-a has no estimate as old as 2015-12-15: no cross-source comparison
    assert set(zip(c.positions["actor"], c.positions["issue"])) == {("russia", "sochi-congress"), ("usa", "sochi-congress")}
    assert c.quotes["id"].tolist() == ["erdogan-2018-01-20", "peskov-2018-01-29"]


def test_positions_shifted_ignores_unchanged(mini):
    assert positions_shifted(mini, "2018-01-30", "2018-02-15").empty


def test_events_around(mini):
    assert events_around(mini, "2018-02-15", days=30)["id"].tolist() == ["sochi"]
    assert events_around(mini, "2017-01-01", days=30).empty


def test_notable_quotes_verbatim_first(mini):
    assert notable_quotes(mini, "2018-01-01", "2018-02-01")["id"].tolist() == ["erdogan-2018-01-20", "peskov-2018-01-29"]


def test_newer_partial_estimates_are_listed_beside_the_headline(tmp_path, mini_tables):
    mini_tables["territory"] += [
        {"date": "2019-03-01", "actor": "sdf", "share_pct": "10", "source_id": "src-b", "note": "only the SDF"},
        {"date": "2019-03-01", "actor": "contested", "share_pct": "90", "source_id": "src-b", "note": "remainder"}]
    ds = load(write_dataset(tmp_path / "d", mini_tables))
    head = headline(ds, "2019-06-01")
    assert head.leader["date"] < pd.Timestamp("2019-03-01")  # the partial estimate does not make the headline
    newer = newer_partial_shares(ds, "2019-06-01", head.leader["date"])
    assert newer[["actor", "share_pct"]].values.tolist() == [["sdf", 10.0]]
    assert newer_partial_shares(ds, "2019-02-01", head.leader["date"]).empty


def test_two_rows_between_one_pair_are_one_tie(tmp_path, mini_tables):
    """Overlapping treaties between two states (either way round) count once; a directed tie each way counts twice."""
    mini_tables["relations"] += [
        {"source": "turkey", "target": "usa", "type": "alliance", "intensity": "1", "start": "2012-01-01", "end": "",
         "source_id": "src-b"},
        {"source": "sdf", "target": "usa", "type": "support", "intensity": "1", "start": "2016-01-01", "end": "",
         "source_id": "src-b"}]
    ds = load(write_dataset(tmp_path / "d", mini_tables))
    counts = headline(ds, "2018-01-30").ties_by_type
    assert counts["alliance"] == 1
    assert counts["support"] == 3  # usa -> sdf, sdf -> usa, russia -> syria-gov
