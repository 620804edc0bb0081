"""One actor on one day: its ties in force, its latest positions and its latest words."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .dataset import Dataset
from .days import as_timestamp
from .network import ties_as_of
from .positions import stances_as_of
from .quotes import quotes_table
from .schema import POSITION_LABELS


@dataclass(frozen=True)
class ActorProfile:
    actor: dict            # the actors.csv row, with its id
    # other, other_name, direction (→ it acts on other, ← other on it, — both), type, intensity, start, end,
    # start_basis, end_basis, note, source_id, more_sources
    ties: pd.DataFrame
    stances: pd.DataFrame  # issue, title, date, position, label, note, source_id, more_sources, quote_id
    quotes: pd.DataFrame   # quotes_table rows said by the actor or on its behalf, on or before the day, newest first


def actor_profile(ds: Dataset, actor: str, day, quotes_shown: int = 5) -> ActorProfile:
    names = dict(zip(ds.actors["id"], ds.actors["name"]))
    row = ds.actors[ds.actors["id"] == actor].iloc[0].to_dict()

    ties = ties_as_of(ds, day)
    ties = ties[(ties["source"] == actor) | (ties["target"] == actor)]
    outgoing = ties["source"] == actor
    other = ties["target"].where(outgoing, ties["source"])
    direction = pd.Series("—", index=ties.index).mask(ties["directed"] & outgoing, "→").mask(ties["directed"] & ~outgoing, "←")
    ties = ties.assign(other=other, other_name=other.map(names), direction=direction)
    ties = ties.sort_values(["sign", "intensity", "other_name"], ascending=[False, False, True])
    tie_columns = ["other", "other_name", "direction", "type", "intensity", "start", "end", "start_basis", "end_basis",
                   "note", "source_id", "more_sources"]

    titles = dict(zip(ds.issues["id"], ds.issues["title"]))
    stances = stances_as_of(ds, day)
    stances = stances[stances["actor"] == actor] if not stances.empty else stances.assign(actor=[])
    stances = stances.assign(title=stances["issue"].map(titles), label=stances["position"].map(POSITION_LABELS))
    stance_columns = ["issue", "title", "date", "position", "label", "note", "source_id", "more_sources", "quote_id"]

    quotes = quotes_table(ds)
    quotes = quotes[((quotes["speaker"] == actor) | (quotes["on_behalf"] == actor)) & (quotes["date"] <= as_timestamp(day))]
    return ActorProfile(actor={"id": actor, **row}, ties=ties[tie_columns].reset_index(drop=True),
                        stances=stances.sort_values("date", ascending=False)[stance_columns].reset_index(drop=True),
                        quotes=quotes.head(quotes_shown).reset_index(drop=True))
