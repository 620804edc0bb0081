"""Who held the ground: territory shares by estimate, and governorate holders, as of a day."""
from __future__ import annotations

import pandas as pd

from .dataset import Dataset
from .days import as_timestamp, latest_per


def series(ds: Dataset, source_id: str | None = None) -> pd.DataFrame:
    """Every dated estimate (one row per date, source and actor), oldest first."""
    t = ds.territory
    if source_id:
        t = t[t["source_id"] == source_id]
    return t.sort_values(["date", "source_id", "share_pct"], ascending=[True, True, False]).reset_index(drop=True)


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


def change_since(ds: Dataset, day, since, source_id: str | None = None) -> pd.DataFrame:
    """Shares as of `day` beside shares as of `since`, with the difference in points."""
    now = shares_as_of(ds, day, source_id)[["actor", "share_pct", "date", "source_id"]]
    then = shares_as_of(ds, since, source_id)[["actor", "share_pct", "date", "source_id"]]
    merged = now.merge(then, on="actor", how="outer", suffixes=("", "_then"))
    merged["change_pts"] = merged["share_pct"].fillna(0) - merged["share_pct_then"].fillna(0)
    return merged.sort_values("share_pct", ascending=False, na_position="last").reset_index(drop=True)


def leader_as_of(ds: Dataset, day) -> pd.Series | None:
    """The actor with the largest share in the latest estimate on or before `day` ('contested' never leads)."""
    shares = shares_as_of(ds, day)
    shares = shares[shares["actor"] != "contested"]
    return None if shares.empty else shares.iloc[0]


def governorate_holders(ds: Dataset, day) -> pd.DataFrame:
    """Each governorate's holders on `day`: per actor its latest row on or before the day, unless it says `none`."""
    if not ds.has_control:
        return ds.control.iloc[0:0]
    latest = latest_per(ds.control, ["governorate", "actor"], day)
    if latest.empty:
        return latest
    held = latest[latest["share"] != "none"]
    order = {"most": 0, "part": 1}
    return held.assign(_o=held["share"].map(order)).sort_values(["governorate", "_o", "date"]).drop(columns="_o").reset_index(drop=True)
