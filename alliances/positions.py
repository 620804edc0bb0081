"""Who stands where: each actor's latest position on each issue as of a day."""
from __future__ import annotations

import pandas as pd

from .dataset import Dataset
from .days import latest_per


def stances_as_of(ds: Dataset, day) -> pd.DataFrame:
    """Each actor's latest stance per issue dated on or before `day`."""
    return latest_per(ds.stances, ["actor", "issue"], day)


def matrix(ds: Dataset, day) -> pd.DataFrame:
    """Actors (rows, grouped by bloc) x issues (columns): positions -2..2, NaN where unknown."""
    latest = stances_as_of(ds, day)
    if latest.empty:
        return pd.DataFrame()
    table = latest.pivot(index="actor", columns="issue", values="position")
    blocs = ds.actors.set_index("id")["bloc"]
    order = sorted(table.index, key=lambda a: (blocs.get(a, ""), a))
    issues = [i for i in ds.issues["id"] if i in table.columns]
    return table.loc[order, issues]
