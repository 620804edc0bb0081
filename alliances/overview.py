"""The story of a day: headline figures, events around it, and what changed since another day."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .dataset import Dataset
from .days import as_timestamp
from .network import changes_between, keyed_by_pair, ties_as_of
from .positions import stances_as_of
from .schema import RELATION_TYPES
from .territory import change_since, reference_estimate, shares_as_of


def newer_partial_shares(ds: Dataset, day, after) -> pd.DataFrame:
    """Shares from estimates dated after `after` (the headline's full estimate) up to `day`: each faction's latest,
    newest first. They name only some factions, so they do not make the headline, but they may say it is dated."""
    t = ds.territory
    newer = t[(t["date"] > as_timestamp(after)) & (t["date"] <= as_timestamp(day)) & (t["actor"] != "contested")]
    latest = newer.sort_values("date", kind="stable").groupby("actor").tail(1)
    return latest.sort_values(["date", "actor"], ascending=[False, True]).reset_index(drop=True)


STALE_AFTER = pd.Timedelta(days=365)


@dataclass(frozen=True)
class Headline:
    ties_by_type: dict[str, int]
    blocs_in_ties: int
    leader: pd.Series | None          # a territory row: actor, share_pct, date, source_id
    runner_up: pd.Series | None       # the second largest share in the same estimate, if it names one
    quotes_that_week: int

    def estimate_is_stale(self, day) -> bool:
        """True when the territory estimate behind the headline is over a year older than `day`."""
        return self.leader is not None and as_timestamp(day) - self.leader["date"] > STALE_AFTER


def tied_pairs(ties: pd.DataFrame) -> pd.Series:
    """Type -> how many pairs of actors are tied that way: two rows between one pair (overlapping treaties, a tie
    restated by a second source) are one tie; A and B are one pair of an undirected type, two of a directed one."""
    if ties.empty:
        return pd.Series(dtype=int)
    return keyed_by_pair(ties)[["type", "pair_a", "pair_b"]].drop_duplicates()["type"].value_counts()


def headline(ds: Dataset, day) -> Headline:
    ties = ties_as_of(ds, day)
    counts = tied_pairs(ties)
    blocs = ds.actors.set_index("id")["bloc"]
    actors = pd.unique(ties[["source", "target"]].values.ravel()) if len(ties) else []
    leader = runner_up = None
    reference = reference_estimate(ds, day)
    if reference:
        estimate = shares_as_of(ds, reference.date, reference.source_id)
        held = estimate[estimate["actor"] != "contested"]
        leader = held.iloc[0] if len(held) else None
        runner_up = held.iloc[1] if len(held) > 1 else None
    d = as_timestamp(day)
    week = ds.quotes[(ds.quotes["date"] > d - pd.Timedelta(days=7)) & (ds.quotes["date"] <= d)]
    return Headline({t: int(counts.get(t, 0)) for t in RELATION_TYPES}, int(blocs.reindex(actors).nunique()),
                    leader, runner_up, len(week))


def events_around(ds: Dataset, day, days: int = 45) -> pd.DataFrame:
    d = as_timestamp(day)
    e = ds.events
    near = e[(e["date"] >= d - pd.Timedelta(days=days)) & (e["date"] <= d + pd.Timedelta(days=days))]
    return near.sort_values("date").reset_index(drop=True)


def events_nearest(ds: Dataset, day, count: int = 6) -> pd.DataFrame:
    """The `count` events of `events_around` closest to the day, in date order."""
    near = events_around(ds, day)
    return near.loc[(near["date"] - as_timestamp(day)).abs().nsmallest(count).index].sort_values("date")


def positions_shifted(ds: Dataset, since, day) -> pd.DataFrame:
    """Actor-issue pairs whose position as of `day` differs from the one as of `since` (or is new)."""
    then = stances_as_of(ds, since)[["actor", "issue", "position"]].rename(columns={"position": "before"})
    now = stances_as_of(ds, day)
    merged = now.merge(then, on=["actor", "issue"], how="left")
    shifted = merged[merged["before"].isna() | (merged["before"] != merged["position"])]
    return shifted.sort_values("date", ascending=False).reset_index(drop=True)


def notable_quotes(ds: Dataset, since, day, limit: int = 5) -> pd.DataFrame:
    """Quotes said between the two days, verbatim first, newest first."""
    a, b = sorted([as_timestamp(since), as_timestamp(day)])
    q = ds.quotes[(ds.quotes["date"] > a) & (ds.quotes["date"] <= b)]
    return q.sort_values(["verbatim", "date"], ascending=[False, False]).head(limit).reset_index(drop=True)


@dataclass(frozen=True)
class Changes:
    ties: pd.DataFrame
    territory: pd.DataFrame
    positions: pd.DataFrame
    quotes: pd.DataFrame


def changes_since(ds: Dataset, since, day) -> Changes:
    reference = reference_estimate(ds, day)
    if reference and not shares_as_of(ds, since, reference.source_id).empty:  # moves within one source only
        territory = change_since(ds, reference.date, since, reference.source_id)
        territory = territory[territory["change_pts"].abs() >= 0.5].reset_index(drop=True)
    else:
        territory = pd.DataFrame(columns=["actor", "share_pct", "date", "source_id", "more_sources", "share_pct_then",
                                          "date_then", "source_id_then", "change_pts"])
    return Changes(changes_between(ds, since, day), territory, positions_shifted(ds, since, day),
                   notable_quotes(ds, since, day))


JUMP_MENU_SIZE = 400  # the whole record of the curated data; a larger dataset lists the events nearest the day


def jump_menu(ds: Dataset, around=None, size: int = JUMP_MENU_SIZE) -> dict[str, tuple[str, pd.Timestamp]]:
    """{event id: ('YYYY-MM-DD · title', date)} in date order: every event, or the `size` nearest `around` when the
    dataset has more (a menu of thousands would be resent to the browser on every rerun)."""
    events = ds.events
    if around is not None and len(events) > size:
        distance = (events["date"] - as_timestamp(around)).abs()
        events = events.loc[distance.nsmallest(size).index]
    events = events.sort_values("date", kind="stable")
    return {eid: (f"{when:%Y-%m-%d} · {title}", when) for eid, title, when in zip(events["id"], events["title"], events["date"])}
