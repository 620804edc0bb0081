"""Who held the ground: territory shares by estimate, and region holders, as of a day."""
from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from .dataset import Dataset
from .days import as_timestamp, latest_per
from .schema import row_sources


def estimate_dates(ds: Dataset) -> pd.DataFrame:
    """One row per (date, source): the estimates the dataset holds."""
    return ds.territory[["date", "source_id"]].drop_duplicates().sort_values(["date", "source_id"]).reset_index(drop=True)


def shares_as_of(ds: Dataset, day, source_id: str | None = None) -> pd.DataFrame:
    """The latest estimate on or before `day` (from `source_id` if given; else the latest of any source).

    Returns the actor rows of that one estimate, largest share first; empty if none is that old.
    """
    estimates = estimate_dates(ds)
    if source_id:
        estimates = estimates[estimates["source_id"] == source_id]
    estimates = estimates[estimates["date"] <= as_timestamp(day)]
    if estimates.empty:
        return ds.territory.iloc[0:0]
    latest = estimates.iloc[-1]
    t = ds.territory
    rows = t[(t["date"] == latest["date"]) & (t["source_id"] == latest["source_id"])]
    return rows.sort_values("share_pct", ascending=False).reset_index(drop=True)


PARTIAL_REMAINDER = 50.0  # an estimate leaving more than this unattributed names only one or two factions

# The 'contested' row of an estimate is its remainder: the share the source did not attribute to a named
# faction (every such row of the bundled data is computed as 100 minus the shares the source gives). It is
# shown as what it is, never under the actor's name as if it were a faction holding ground.
REMAINDER = "contested"
REMAINDER_NAME = "Not estimated by this source"


def shown_names(names: dict) -> dict:
    """Actor id -> name as the territory views show it: the remainder is 'Not estimated by this source'."""
    return {**names, REMAINDER: REMAINDER_NAME}


class Estimate(NamedTuple):
    date: pd.Timestamp
    source_id: str


def reference_estimate(ds: Dataset, day) -> Estimate | None:
    """The latest estimate on or before `day` that attributes most of the country: the headline's.

    Partial estimates (a page giving only the Kurds' share, say) stay on the Territory page but
    would mislead a headline: "the SDF held the largest share" is false when it is the only share given.
    Returned as (date, source): one source may give a full estimate on one date and a partial one later.
    """
    t = ds.territory[ds.territory["date"] <= as_timestamp(day)]
    remainder = t[t["actor"] == "contested"].set_index(["date", "source_id"])["share_pct"]
    estimates = t[["date", "source_id"]].drop_duplicates().sort_values("date")
    for row in estimates.iloc[::-1].itertuples():
        if remainder.get((row.date, row.source_id), 0.0) <= PARTIAL_REMAINDER:
            return Estimate(row.date, row.source_id)
    return None


def _estimate(ds: Dataset, day, source_id: str | None) -> tuple[pd.Timestamp | None, str | None, pd.DataFrame]:
    """The estimate `shares_as_of` picks: its date, its source and its rows by actor (share_pct, more_sources; empty
    when there is none)."""
    rows = shares_as_of(ds, day, source_id)
    if rows.empty:
        return None, None, pd.DataFrame({"share_pct": pd.Series(dtype=float), "more_sources": pd.Series(dtype=str)})
    return rows["date"].iloc[0], rows["source_id"].iloc[0], rows.set_index("actor")[["share_pct", "more_sources"]]


def change_since(ds: Dataset, day, since, source_id: str | None = None) -> pd.DataFrame:
    """Shares as of `day` beside shares as of `since`, with the difference in points.

    A change is known only where both estimates name the actor: many estimates give one faction's share
    and leave the rest as an unattributed 'contested' remainder, so a faction an estimate does not name
    is unknown there, not 0%. Empty cells say so.
    """
    now_date, now_source, now = _estimate(ds, day, source_id)
    then_date, then_source, then = _estimate(ds, since, source_id)
    actors = now.index.union(then.index)
    out = pd.DataFrame({"actor": actors, "share_pct": now["share_pct"].reindex(actors).values, "date": now_date,
                        "source_id": now_source, "more_sources": now["more_sources"].reindex(actors).fillna("").values,
                        "share_pct_then": then["share_pct"].reindex(actors).values,
                        "date_then": then_date, "source_id_then": then_source})
    out["change_pts"] = out["share_pct"] - out["share_pct_then"]
    return out.sort_values(["share_pct", "actor"], ascending=[False, True], na_position="last").reset_index(drop=True)


def region_holders(ds: Dataset, day) -> pd.DataFrame:
    """Each region's holders on `day`: per actor its latest row on or before the day, unless it says `none`."""
    if not ds.has_control:
        return ds.control.iloc[0:0]
    latest = latest_per(ds.control, ["region", "actor"], day)
    if latest.empty:
        return latest
    held = latest[latest["share"] != "none"]
    order = {"most": 0, "part": 1}
    return held.assign(_o=held["share"].map(order)).sort_values(["region", "_o", "date"]).drop(columns="_o").reset_index(drop=True)



# ---------------------------------------------------------------- series by publisher
# An estimator is a publisher: Jusoor's monthly maps are separate sources.csv rows (one per map), but
# one series. Each estimate keeps its own source_id, so every point still cites its document.


def _estimates(ds: Dataset) -> pd.DataFrame:
    """One row per estimate (date, source_id): its publisher, the factions it names and the share it leaves
    unattributed (its 'contested' remainder), fullest first within a date (see `_FULLEST`)."""
    t = ds.territory
    remainder = t["share_pct"].where(t["actor"] == "contested", 0.0)
    est = (t.assign(named=t["actor"] != "contested", unattributed=remainder)
           .groupby(["date", "source_id"]).agg(factions=("named", "sum"), unattributed=("unattributed", "sum"))
           .reset_index())
    publishers = ds.sources.set_index("id")["publisher"]
    est["publisher"] = est["source_id"].map(publishers).fillna(est["source_id"])
    est["full"] = est["unattributed"] <= PARTIAL_REMAINDER
    return est


# Of two estimates of one date, the fuller: the least left unattributed, then the most factions named, then
# the later source id. Sorted by these, the fullest of a group comes last.
_FULLEST = (["unattributed", "factions", "source_id"], [False, True, True])


def _fullest_per(est: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """The fullest estimate of each `by` group, with `others`: how many of the group are left out."""
    columns, ascending = _FULLEST
    est = est.sort_values([*by, *columns], ascending=[True] * len(by) + ascending, kind="stable")
    picked = est.groupby(by).tail(1)
    sizes = est.groupby(by).size().rename("others") - 1
    return picked.merge(sizes.reset_index(), on=by).reset_index(drop=True)


def _charted(ds: Dataset) -> pd.DataFrame:
    """Every publisher's charted estimates: one per (publisher, date), with `others` the same-date ones left out.

    Of two estimates a publisher gives for the same date (two articles, two counts), the fuller is charted
    (see `_FULLEST`).
    """
    return _fullest_per(_estimates(ds), ["publisher", "date"])


# ---------------------------------------------------------------- the best available estimate, all publishers

BEST = "best"  # the combined series' key: the value of `source` in a link (a publisher named 'best' is not offered)
BEST_NAME = "Best available estimate"
BRACKET = pd.Timedelta(days=365)  # a partial estimate with full ones this close on both sides is left out


def best_estimates(ds: Dataset) -> pd.DataFrame:
    """The combined series: on each date any publisher gives an estimate, the fullest estimate of that date.

    A partial estimate (one leaving over PARTIAL_REMAINDER unattributed: one or two factions' shares) is left
    out where full estimates (any publisher's) lie within BRACKET on both sides of it: there it would replace
    a picture of the whole country with one faction's share and a blank. Before the first full estimate,
    after the last and across gaps of more than BRACKET it is the best there is, and it stays.
    Columns: date, source_id, publisher, factions, unattributed, full, others (estimates of the same date
    left out), oldest first; each point keeps its own source and publisher.
    """
    per_date = _fullest_per(_estimates(ds), ["date"])
    full_days = per_date.loc[per_date["full"], "date"].sort_values().to_numpy()

    def bracketed(day: pd.Timestamp) -> bool:
        i = full_days.searchsorted(day.to_datetime64())  # full dates before `day` end at i (day itself is partial)
        before = i > 0 and day - pd.Timestamp(full_days[i - 1]) <= BRACKET
        after = i < len(full_days) and pd.Timestamp(full_days[i]) - day <= BRACKET
        return before and after

    keep = per_date["full"] | ~per_date["date"].map(bracketed).astype(bool)
    columns = ["date", "source_id", "publisher", "factions", "unattributed", "full", "others"]
    return per_date.loc[keep, columns].reset_index(drop=True)


def left_out_partials(ds: Dataset) -> pd.DataFrame:
    """The dates whose estimates `best_estimates` leaves out (partial ones between full ones), with their estimates."""
    kept = set(best_estimates(ds)["date"])
    est = _estimates(ds)
    return est[~est["date"].isin(kept)].sort_values(["date", "source_id"]).reset_index(drop=True)


def series_estimates(ds: Dataset, series: str) -> pd.DataFrame:
    """The estimates a series charts, one per date, oldest first: `BEST` (the combined series) or a publisher's.

    Columns: date, source_id, publisher, factions, unattributed, full, others.
    """
    if series == BEST:
        return best_estimates(ds)
    return publisher_estimates(ds, series)


def publisher_estimates(ds: Dataset, publisher: str) -> pd.DataFrame:
    """The estimates a publisher's series charts: one per date, oldest first (see `_charted`)."""
    charted = _charted(ds)
    return (charted[charted["publisher"] == publisher][["date", "source_id", "publisher", "factions", "unattributed",
                                                          "full", "others"]].reset_index(drop=True))


def estimators(ds: Dataset) -> pd.DataFrame:
    """The publishers that give territory estimates: how many dates, first and last; the fullest series first."""
    per = _charted(ds).groupby("publisher")["date"].agg(estimates="count", first="min", last="max").reset_index()
    return per.sort_values(["estimates", "last", "publisher"], ascending=[False, False, True]).reset_index(drop=True)


def publisher_labels(ds: Dataset) -> dict[str, str]:
    """{publisher: 'Publisher (N dates, 2016–2024)'} in the order of `estimators`: the series to choose from."""
    return {row.publisher: f"{row.publisher} ({row.estimates} dates, {row.first:%Y}–{row.last:%Y})"
            for row in estimators(ds).itertuples()}


def series_labels(ds: Dataset) -> dict[str, str]:
    """The series to choose from: the combined one first ('Best available estimate (all publishers, N dates,
    2012–2026)'), then each publisher's (`publisher_labels`). Empty when there is no estimate."""
    best = best_estimates(ds)
    if best.empty:
        return {}
    label = (f"{BEST_NAME} (all publishers, {len(best)} dates, "
             f"{best['date'].min():%Y}–{best['date'].max():%Y})")
    return {BEST: label, **{p: text for p, text in publisher_labels(ds).items() if p != BEST}}


def estimate_grid(ds: Dataset, series: str) -> pd.DataFrame:
    """A series' charted estimates (`series_estimates`: a publisher's or `BEST`) as a full grid: every actor
    it ever names at every date of the series, with each date's source and publisher.

    `named` says whether that estimate names the actor. A stacked chart needs a number everywhere (0 where
    not named: the estimate's 'contested' remainder covers the rest); a line chart leaves a gap there.
    Actors come largest total share first, 'contested' (the share the estimate leaves unattributed) last.
    """
    charted = series_estimates(ds, series)
    rows = ds.territory.merge(charted[["date", "source_id"]], on=["date", "source_id"])
    if rows.empty:
        return pd.DataFrame(columns=["date", "actor", "share_pct", "note", "source_id", "publisher", "named"])
    totals = rows.groupby("actor")["share_pct"].sum()
    actors = sorted(totals.index, key=lambda a: (a == "contested", -totals[a], a))
    grid = pd.MultiIndex.from_product([charted["date"], actors], names=["date", "actor"]).to_frame(index=False)
    full = grid.merge(rows[["date", "actor", "share_pct", "note"]], on=["date", "actor"], how="left")
    full = full.merge(charted[["date", "source_id", "publisher"]], on="date")
    full["named"] = full["share_pct"].notna()
    full["share_pct"] = full["share_pct"].fillna(0.0)
    full["note"] = full["note"].fillna("")
    full["order"] = full["actor"].map({a: i for i, a in enumerate(actors)})
    return full.sort_values(["order", "date"]).drop(columns="order").reset_index(drop=True)


CHART_FACTIONS = 12  # factions a shares chart draws; the table lists every one


def charted_factions(grid: pd.DataFrame, top: int = CHART_FACTIONS) -> pd.DataFrame:
    """The rows of an `estimate_grid` a chart draws: its `top` factions by total share, and 'contested'."""
    named = [a for a in pd.unique(grid["actor"]) if a != "contested"]
    return grid[grid["actor"].isin(set(named[:top]) | {"contested"})]


class SeriesSummary(NamedTuple):
    """What the chart's caption says of a series, small enough to read on every rerun (the grid is not)."""
    factions: int          # factions the series names
    unattributed: bool     # whether some estimate leaves a share unattributed
    doubles: int           # other estimates of the same dates, not charted
    publishers: int        # publishers the series draws on
    left_out: int          # partial estimates the best-available series leaves out


def series_summary(ds: Dataset, series: str) -> SeriesSummary:
    grid, charted = estimate_grid(ds, series), series_estimates(ds, series)
    return SeriesSummary(int(grid.loc[grid["actor"] != REMAINDER, "actor"].nunique()), bool((grid["actor"] == REMAINDER).any()),
                         int(charted["others"].sum()), int(charted["publisher"].nunique()),
                         len(left_out_partials(ds)) if series == BEST else 0)


class _Point(NamedTuple):
    date: pd.Timestamp | None
    source_id: str | None
    publisher: str | None
    shares: pd.Series  # actor -> share, empty when there is no estimate
    more_sources: str  # every further page its rows rest on ('a; b')


def _series_point(ds: Dataset, day, charted: pd.DataFrame) -> _Point:
    """The latest of a series' charted estimates (`series_estimates`) on or before `day`."""
    charted = charted[charted["date"] <= as_timestamp(day)]
    if charted.empty:
        return _Point(None, None, None, pd.Series(dtype=float), "")
    shown = charted.iloc[-1]
    rows = ds.territory[(ds.territory["date"] == shown["date"]) & (ds.territory["source_id"] == shown["source_id"])]
    return _Point(shown["date"], shown["source_id"], shown["publisher"], rows.set_index("actor")["share_pct"],
                  estimate_more_sources(ds, shown["date"], shown["source_id"]))


def more_sources_of_estimates(ds: Dataset) -> dict[tuple[pd.Timestamp, str], str]:
    """(date, source_id) of an estimate -> every further page its rows rest on, once each ('a; b'); estimates whose
    rows name none are left out."""
    t = ds.territory[ds.territory["more_sources"] != ""]
    return {(day, source): "; ".join(row_sources("", "; ".join(more)))
            for (day, source), more in t.groupby(["date", "source_id"])["more_sources"]}


def estimate_more_sources(ds: Dataset, day, source_id: str) -> str:
    """Every further page the rows of one estimate (its date and source) rest on, once each: 'a; b'."""
    return more_sources_of_estimates(ds).get((as_timestamp(day), source_id), "")


PANEL_COLUMNS = ["actor", "share_pct", "date", "source_id", "more_sources", "publisher", "previous_pct", "previous_date",
                 "previous_source_id", "previous_more_sources", "previous_publisher", "change_previous", "since_pct", "since_date",
                 "since_source_id", "since_publisher", "change_since"]


def shares_with_changes(ds: Dataset, day, since, series: str) -> pd.DataFrame:
    """The as-of panel: a series' shares on `day`, the change since its previous estimate and since `since`.

    `series` is a publisher or `BEST`; in the combined series the previous estimate and the one as of
    `since` may be other publishers' (the columns name each estimate's source and publisher).
    One row per actor that this estimate, the previous one or the one as of `since` names (a faction that
    drops out of the series shows with an empty share); 'contested' (the unattributed remainder) last.
    A change is known only where both estimates name the actor (see `change_since`). Empty if the series
    has no estimate that old.
    """
    charted = series_estimates(ds, series)
    now = _series_point(ds, day, charted)
    if now.date is None:
        return pd.DataFrame(columns=PANEL_COLUMNS)
    previous = _series_point(ds, now.date - pd.Timedelta(days=1), charted)
    then = _series_point(ds, since, charted)
    actors = now.shares.index.union(previous.shares.index).union(then.shares.index)
    if REMAINDER not in now.shares.index:  # this estimate attributes all of it: no 'not estimated' row
        actors = actors.drop(REMAINDER, errors="ignore")
    out = pd.DataFrame({"actor": actors, "share_pct": now.shares.reindex(actors).values, "date": now.date,
                        "source_id": now.source_id, "more_sources": now.more_sources, "publisher": now.publisher,
                        "previous_pct": previous.shares.reindex(actors).values, "previous_date": previous.date,
                        "previous_source_id": previous.source_id, "previous_more_sources": previous.more_sources,
                        "previous_publisher": previous.publisher,
                        "since_pct": then.shares.reindex(actors).values, "since_date": then.date,
                        "since_source_id": then.source_id, "since_publisher": then.publisher})
    out["change_previous"] = out["share_pct"] - out["previous_pct"]
    out["change_since"] = out["share_pct"] - out["since_pct"]
    out = out.assign(_contested=out["actor"] == "contested")
    out = out.sort_values(["_contested", "share_pct", "actor"], ascending=[True, False, True], na_position="last")
    return out[PANEL_COLUMNS].reset_index(drop=True)


def latest_by_publisher(ds: Dataset, day) -> pd.DataFrame:
    """Every publisher's latest estimate on or before `day`, side by side: one row per publisher.

    Columns: publisher, date, source_id, then one column per actor (largest share first, 'contested'
    last) holding its percentage, empty where that estimate does not name it. Most recent estimate first;
    publishers with no estimate that old are left out.
    """
    charted = _charted(ds)
    upto = charted[charted["date"] <= as_timestamp(day)]
    if upto.empty:
        return pd.DataFrame(columns=["publisher", "date", "source_id"])
    latest = upto.sort_values(["publisher", "date"], kind="stable").groupby("publisher").tail(1)
    shares = ds.territory.merge(latest[["date", "source_id", "publisher"]], on=["date", "source_id"])
    table = shares.pivot_table(index=["publisher", "date", "source_id"], columns="actor", values="share_pct",
                               aggfunc="last").reset_index()
    table.columns.name = None
    actors = [c for c in table.columns if c not in ("publisher", "date", "source_id")]
    actors.sort(key=lambda a: (a == "contested", -table[a].max(), a))
    return (table[["publisher", "date", "source_id", *actors]]
            .sort_values(["date", "publisher"], ascending=[False, True], kind="stable").reset_index(drop=True))


def side_by_side_rows(latest: pd.DataFrame, names: dict) -> pd.DataFrame:
    """`latest_by_publisher` for reading: faction names as columns, '53.4' or a blank where not named."""
    factions = [c for c in latest.columns if c not in ("publisher", "date", "source_id")]
    shares = latest[factions].map(lambda v: "" if pd.isna(v) else f"{v:.1f}")
    names = shown_names(names)
    return pd.concat([latest[["publisher", "date"]], shares.rename(columns=lambda a: names.get(a, a))], axis=1)


def as_of_rows(changes: pd.DataFrame, names: dict) -> pd.DataFrame:
    """`shares_with_changes` as text for the as-of panel: '53.4%', '+2.1', and blanks where nothing is known.

    'Δ previous' is the change since the series' previous estimate, 'Δ since' since the comparison day.
    The unattributed remainder reads 'Not estimated by this source', without a change.
    """
    names = shown_names(names)
    def share(v):
        return "not named" if pd.isna(v) else f"{v:.1f}%"

    def change(v):
        return "" if pd.isna(v) else f"{v:+.1f}"
    remainder = changes["actor"] == REMAINDER  # what sources left out is no ground changing hands: no Δ
    return pd.DataFrame({"faction": changes["actor"].map(lambda a: names.get(a, a)),
                         "share": changes["share_pct"].map(share),
                         "Δ previous": changes["change_previous"].mask(remainder).map(change),
                         "Δ since": changes["change_since"].mask(remainder).map(change)})


def estimated_factions(ds: Dataset) -> list[str]:
    """The actors any estimate names, largest share first, the 'contested' remainder last."""
    largest = ds.territory.groupby("actor")["share_pct"].max()
    return sorted(largest.index, key=lambda a: (a == "contested", -largest[a], a))


def faction_by_publisher(ds: Dataset, actor: str) -> pd.DataFrame:
    """Every estimate that names `actor`, with its publisher: the points of a 'compare sources' chart.

    Estimates that do not name the actor are left out: they leave its share unknown.
    """
    rows = ds.territory[ds.territory["actor"] == actor][["date", "source_id", "share_pct", "note"]]
    publishers = ds.sources.set_index("id")["publisher"]
    rows = rows.assign(publisher=rows["source_id"].map(publishers).fillna(rows["source_id"]), actor=actor)
    return rows.sort_values(["publisher", "date", "source_id"]).reset_index(drop=True)


def estimates_table(ds: Dataset, publisher: str | None = None, actor: str | None = None) -> pd.DataFrame:
    """The estimates as a readable table (a publisher's, the combined series' with `BEST`, or one actor's from
    everyone), oldest first; the remainder's faction reads 'Not estimated by this source'."""
    names = pd.Series(shown_names(dict(zip(ds.actors["id"], ds.actors["name"]))))
    publishers = ds.sources.set_index("id")["publisher"]
    rows = ds.territory.assign(publisher=ds.territory["source_id"].map(publishers))
    if publisher == BEST:
        rows = rows.merge(best_estimates(ds)[["date", "source_id"]], on=["date", "source_id"])
    elif publisher:
        rows = rows[rows["publisher"] == publisher]
    if actor:
        rows = rows[rows["actor"] == actor]
    out = rows.assign(faction=rows["actor"].map(names))
    out = out.sort_values(["date", "source_id", "share_pct"], ascending=[True, True, False])
    return out[["date", "faction", "actor", "share_pct", "publisher", "source_id", "more_sources", "note"]
               ].reset_index(drop=True)


def holders_table(ds: Dataset, day) -> pd.DataFrame:
    """Who held each region on `day`, with names and publishers; 'since' is the day the row took effect."""
    held = region_holders(ds, day)
    names = ds.actors.set_index("id")["name"]
    publishers = ds.sources.set_index("id")["publisher"]
    out = held.assign(faction=held["actor"].map(names), publisher=held["source_id"].map(publishers))
    return out.rename(columns={"date": "since"})[
        ["region", "faction", "actor", "share", "since", "publisher", "source_id", "more_sources", "note"]
    ].reset_index(drop=True)
