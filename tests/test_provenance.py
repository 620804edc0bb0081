"""Provenance (the curated Syria data): every source says how its date is known, a row cites every page it rests on,
each tie period says what its first and last days rest on, periods that only chained sources are one, and the
relations the seed article states are in force on its day."""
from __future__ import annotations

import re

import pandas as pd
import pytest
from curated import bundled

from alliances.dataset import DatasetError, load
from alliances.network import GraphFilters, graph_as_of, keyed_by_pair, pair_signs
from alliances.network_html import edge_title
from alliances.schema import BASES, DATE_BASES, split_ids
from alliances.source_list import source_list
from alliances.tie_timeline import period_hover, tie_periods

FACT_TABLES = {"relations": "note", "events": "description", "stances": "note", "quotes": "context",
               "territory": "note", "control": "note"}


@pytest.fixture(scope="module", params=["syria", "libya"])
def curated(request):
    """Each bundled dataset: the rules below hold for every one."""
    return bundled(request.param)


@pytest.fixture(scope="module")
def ds():
    return bundled("syria")


def test_every_source_says_how_its_date_is_known(curated):
    s = curated.sources
    assert set(s["date_basis"]) <= set(DATE_BASES)
    # no silent empty date; a date read when the row was curated stays when its page was not found again
    assert (s["date"].isna() | s["date_basis"].isin(["page", "address", "not found again"])).all()
    assert (s["date"].notna() | s["date_basis"].isin(["none shown", "not found again"])).all()
    shown = source_list(curated)
    assert not (shown["date"].isna() & (shown["dated"] == "")).any()


def test_a_row_cites_every_page_its_note_names(curated):
    ids = set(curated.sources["id"])
    for table, column in FACT_TABLES.items():
        frame = curated.table(table)
        for row in frame.itertuples():
            named = {x for x in re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)+", getattr(row, column) or "") if x in ids}
            cited = {row.source_id, *split_ids(row.more_sources)}
            assert named <= cited, (table, row.Index + 2, named - cited)


def test_every_tie_period_says_what_its_days_rest_on(curated):
    r = curated.relations
    assert r["start_basis"].isin(BASES).all()
    assert (r["end_basis"].isin(BASES) | (r["end"].isna() & (r["end_basis"].fillna("") == ""))).all()


def test_periods_that_differ_only_by_chaining_are_one(curated):
    r = keyed_by_pair(curated.relations)
    for _, rows in r.groupby(["pair_a", "pair_b", "type", "intensity"]):
        ends = set(rows["end"].dropna() + pd.Timedelta(days=1))
        assert not ends & set(rows["start"]), rows[["pair_a", "pair_b", "type", "start", "end"]]


def test_the_us_support_for_the_sdf_is_one_period_through_2018(ds):
    # the 16-day period of January 2018 was an artefact of chaining three sources: one period, every page cited
    r = ds.relations
    rows = r[(r["source"] == "usa") & (r["target"] == "sdf") & (r["start"] <= "2018-01-30") &
             (r["end"].isna() | (r["end"] >= "2018-01-14"))]
    assert len(rows) == 1
    assert {"jordantimes-2018-01-14-border-force", "bloomberg-2018-01-30-sochi-boycott"} <= set(split_ids(rows.iloc[0]["more_sources"]))


SEED_DAY = "2018-01-30"
# what the Bloomberg article of 30 January 2018 states or implies between the core actors, and the sign it gives
SEED_TIES = {("russia", "syria-gov"): 1, ("iran", "syria-gov"): 1, ("russia", "iran"): 1, ("russia", "turkey"): 1,
             ("iran", "turkey"): 1, ("usa", "sdf"): 1, ("russia", "usa"): -1, ("turkey", "sdf"): -1, ("sdf", "russia"): -1,
             ("snc", "syria-gov"): -1, ("de-mistura", "syria-gov"): 0, ("de-mistura", "snc"): 0}


@pytest.mark.parametrize(("pair", "sign"), SEED_TIES.items())
def test_the_seed_article_s_ties_hold_on_its_day(ds, pair, sign):
    graph = graph_as_of(ds, SEED_DAY, GraphFilters(hide_people=False))
    if sign == 0:  # mediation: no sign, but a tie in force
        assert any(d["type"] == "mediation" for u, v, d in graph.edges(data=True) if {u, v} == set(pair)), pair
        return
    entry = pair_signs(graph).get(frozenset(pair))
    assert entry is not None and entry["sign"] == sign, (pair, entry)


def test_hovers_say_what_the_days_rest_on_and_every_source(ds):
    graph = graph_as_of(ds, SEED_DAY)
    data = next(d for u, v, d in graph.edges(data=True) if (u, v) == ("usa", "sdf") and d["type"] == "support")
    title = edge_title(data, dict(zip(ds.actors["id"], ds.actors["name"])), ds.sources.set_index("id"))
    assert "2014-10-20 (a dated event) to 2019-10-06 (where the next sourced period begins)" in title
    assert "\nAlso: Reuters (republished by The Jordan Times), “US-led coalition helps to build new Syrian force" in title
    assert title.endswith("“Putin Stages Syria Peace Talks Boycotted by Assad Opponents”")  # undated: no trailing comma
    period = tie_periods(ds, ("usa",)).query("counterpart == 'sdf' and type == 'support'").iloc[0].to_dict()
    hover = period_hover(period, ds.source_by_id)
    assert "20 Oct 2014 (a dated event) to 6 Oct 2019 (where the next sourced period begins)" in hover
    assert "<br>also: Reuters (republished by The Jordan Times)" in hover


def test_an_unknown_id_in_more_sources_is_named(tmp_path, mini_tables):
    from sample_data import write_dataset
    mini_tables["relations"][0]["more_sources"] = "src-b; nowhere"
    with pytest.raises(DatasetError) as error:
        load(write_dataset(tmp_path / "d", mini_tables))
    assert error.value.lines() == ["relations.csv row 2, more_sources: not a source id: 'nowhere'"]
