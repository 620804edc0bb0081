"""One actor on one day: ties, positions and quotes, each counted from its first day on."""
from alliances.profile import actor_profile


def test_ties_in_force_with_direction(mini):
    ties = actor_profile(mini, "russia", "2018-01-30").ties
    assert ties[["other", "direction", "type"]].values.tolist() == [["syria-gov", "→", "support"],
                                                                    ["turkey", "—", "cooperation"]]
    assert actor_profile(mini, "syria-gov", "2018-01-30").ties[["other", "direction"]].values.tolist() == [
        ["russia", "←"], ["un", "←"]]


def test_tie_ending_on_the_day_still_counts(mini):
    assert "syria-gov" in set(actor_profile(mini, "russia", "2024-12-08").ties["other"])
    assert "syria-gov" not in set(actor_profile(mini, "russia", "2024-12-09").ties["other"])


def test_latest_positions(mini):
    stances = actor_profile(mini, "russia", "2018-01-29").stances
    assert stances[["issue", "position", "label"]].values.tolist() == [["sochi-congress", 1, "for"],
                                                                       ["assad-stays", 2, "strongly for"]]
    assert actor_profile(mini, "russia", "2018-01-30").stances.iloc[0]["label"] == "strongly for"
    assert actor_profile(mini, "russia", "2015-09-29").stances.empty


def test_quotes_said_by_or_for_the_actor_up_to_the_day(mini):
    assert actor_profile(mini, "russia", "2018-01-28").quotes.empty
    assert actor_profile(mini, "russia", "2018-01-29").quotes["id"].tolist() == ["peskov-2018-01-29"]
    assert actor_profile(mini, "peskov", "2018-01-29").quotes["id"].tolist() == ["peskov-2018-01-29"]
    assert actor_profile(mini, "turkey", "2018-01-30").quotes["speaker_name"].tolist() == ["Recep Tayyip Erdoğan"]
