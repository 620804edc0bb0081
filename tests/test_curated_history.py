"""The curated dataset held to the published record at key dates: an edit that rewrites history fails here.

Each check names the source it rests on (ids in data/sources.csv).
"""
from __future__ import annotations

import pandas as pd
import pytest
from curated import bundled, net_sign

from alliances.network import graph_as_of, unbalanced_triads
from alliances.positions import stances_as_of
from alliances.schema import split_ids
from alliances.territory import region_holders


@pytest.fixture(scope="module")
def ds():
    return bundled("syria")


def test_sizes_meet_the_curation_brief(ds):
    assert len(ds.actors) >= 60 and len(ds.relations) >= 150 and len(ds.issues) >= 10
    assert len(ds.stances) >= 150 and len(ds.quotes) >= 60 and len(ds.events) >= 60


def test_russia_turkey_hostile_after_su24_then_partners(ds):
    # Su-24 shoot-down 2015-11-24; rapprochement from the 29 June 2016 call (thenews-2016-06-29-...)
    assert net_sign(ds, "russia", "turkey", "2015-12-15") == -1
    assert net_sign(ds, "russia", "turkey", "2018-01-30") == 1


def test_astana_axis_on_the_day_of_sochi(ds):
    # bloomberg-2018-01-30-sochi-boycott: Russia teamed up with Iran and Turkey
    for a, b in (("russia", "iran"), ("russia", "turkey"), ("iran", "turkey")):
        assert net_sign(ds, a, b, "2018-01-30") == 1, (a, b)


def test_us_backs_the_kurdish_led_forces_that_turkey_fights(ds):
    assert net_sign(ds, "usa", "sdf", "2018-01-30") == 1
    assert net_sign(ds, "turkey", "sdf", "2018-01-30") == -1
    triads = [t["actors"] for t in unbalanced_triads(graph_as_of(ds, "2018-01-30"))]
    assert ("sdf", "turkey", "usa") in triads


def test_russia_backs_assad_until_his_fall(ds):
    assert net_sign(ds, "russia", "syria-gov", "2016-01-01") == 1
    assert net_sign(ds, "iran", "syria-gov", "2013-06-01") == 1
    after = graph_as_of(ds, "2024-12-09")
    assert "syria-gov" not in after


def test_transitional_authorities_only_after_8_december_2024(ds):
    assert "syria-transitional" not in graph_as_of(ds, "2024-12-07")
    assert net_sign(ds, "turkey", "syria-transitional", "2025-06-01") == 1


def test_sdf_damascus_agreement_of_march_2025(ds):
    assert net_sign(ds, "sdf", "syria-transitional", "2025-03-10") == 1


def test_opposition_boycotts_sochi(ds):
    stances = stances_as_of(ds, "2018-01-30").set_index(["actor", "issue"])
    assert stances.loc[("snc", "sochi-congress"), "position"] == -2
    assert stances.loc[("russia", "sochi-congress"), "position"] == 2


def test_peskov_on_the_eve_of_sochi(ds):
    quote = ds.quotes.set_index("id").loc["peskov-2018-01-29-no-breakthrough"]
    assert quote["date"] == pd.Timestamp("2018-01-29") and quote["verbatim"] and quote["speaker"] == "peskov"
    assert "no likelihood of an immediate breakthrough" in quote["text"]


def test_kurds_held_a_quarter_of_syria_in_january_2018(ds):
    t = ds.territory
    row = t[(t["source_id"] == "bloomberg-2018-01-30-sochi-boycott") & (t["actor"] == "sdf")]
    assert row["share_pct"].tolist() == [25.0]


def test_raqqa_held_by_the_sdf_after_its_fall_in_october_2017(ds):
    holders = region_holders(ds, "2018-01-30")
    raqqa = holders[holders["region"] == "Raqqa"]
    assert "sdf" in raqqa[raqqa["share"] == "most"]["actor"].tolist()


def test_damascus_changes_hands_in_december_2024(ds):
    before = region_holders(ds, "2024-12-01")
    after = region_holders(ds, "2025-01-15")
    assert "syria-gov" in before[before["region"] == "Damascus"]["actor"].tolist()
    assert "syria-transitional" in after[after["region"] == "Damascus"]["actor"].tolist()
    assert "syria-gov" not in after["actor"].tolist()


def test_two_territory_estimates_a_year_through_the_war(ds):
    years = ds.territory.drop_duplicates(["date", "source_id"])["date"].dt.year.value_counts()
    for year in range(2015, 2021):
        assert years.get(year, 0) >= 2, year


def test_every_governorate_has_a_holder_after_the_fall(ds):
    holders = region_holders(ds, "2025-06-01")
    assert set(holders["region"]) == {
        "Aleppo", "Damascus", "Rif Dimashq", "Daraa", "Deir ez-Zor", "Hama", "Hasakah", "Homs", "Idlib", "Latakia",
        "Quneitra", "Raqqa", "Suwayda", "Tartus"}


def test_every_source_is_cited_by_a_row(ds):
    # sources.csv lists the pages rows rest on: as source_id or more_sources, or named in a note, description or context
    tables = (ds.relations, ds.stances, ds.quotes, ds.territory, ds.control, ds.events)
    cited = set().union(*(set(t["source_id"]) | {s for more in t["more_sources"] for s in split_ids(more)} for t in tables))
    text = " ".join(" ".join(t[c].astype(str)) for t in tables for c in ("note", "description", "context") if c in t)
    uncited = [s for s in ds.sources["id"] if s not in cited and s not in text]
    assert uncited == []


def test_the_networks_core_enmities_hold_before_and_after_sochi(ds):
    # Israel struck Hezbollah and Damascus in Syria from 2013 (freebeacon-2013-01-30-israel-strikes-convoy);
    # Russia claimed ISIS as a target from its first strikes (rt-2015-09-30-russian-strikes-begin)
    for a, b in (("israel", "hezbollah"), ("israel", "syria-gov"), ("usa", "iran"), ("russia", "isis")):
        assert net_sign(ds, a, b, "2018-01-30") == -1, (a, b)
