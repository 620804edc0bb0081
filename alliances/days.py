"""The as-of day: one conversion used everywhere a day is compared with the tables."""
from __future__ import annotations

from datetime import date

import pandas as pd


def as_timestamp(day: date | str | pd.Timestamp) -> pd.Timestamp:
    return pd.Timestamp(day).normalize()


def in_force(start: pd.Series, end: pd.Series, day) -> pd.Series:
    """Rows whose period contains `day`; the first and last day both count, an empty end means still in force."""
    d = as_timestamp(day)
    return (start <= d) & (end.isna() | (d <= end))


def latest_per(frame: pd.DataFrame, keys: list[str], day, date_col: str = "date") -> pd.DataFrame:
    """For each combination of `keys`, the last row dated on or before `day` (ties: the later row in the file)."""
    d = as_timestamp(day)
    upto = frame[frame[date_col] <= d]
    if upto.empty:
        return upto
    ordered = upto.reset_index().sort_values([date_col, "index"], kind="stable")
    return ordered.groupby(keys, sort=False).tail(1).drop(columns="index").reset_index(drop=True)
