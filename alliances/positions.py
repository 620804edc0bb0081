"""Who stands where: each actor's latest position on each issue as of a day, how alike two actors'
positions are, where that runs against the ties between them, and a map of the camps.

Positions run from -2 (strongly against) to +2 (strongly for). An unknown position (no stance
recorded on or before the day) is never read as neutral: it is left out of every comparison.
Two actors *agree* on an issue when both positions have the same sign: both for, both against,
or both neutral.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .dataset import Dataset
from .days import latest_per
from .network import graph_as_of, pair_signs
from .schema import split_ids
from .source_list import source_labels


def stances_as_of(ds: Dataset, day) -> pd.DataFrame:
    """Each actor's latest stance per issue dated on or before `day`."""
    return latest_per(ds.stances, ["actor", "issue"], day)


def matrix(ds: Dataset, day) -> pd.DataFrame:
    """Actors (rows, grouped by bloc) x issues (columns): positions -2..2, NaN where unknown."""
    latest = stances_as_of(ds, day)
    if latest.empty:
        return pd.DataFrame()
    # filled in place in its final order: a pivot reordered afterwards copies the whole table twice,
    # most of a new day's time on a large dataset
    actors = pd.Index(bloc_order(ds, latest["actor"].unique()), name="actor")
    answered = set(latest["issue"])
    issues = pd.Index([i for i in ds.issues["id"] if i in answered], name="issue")
    values = np.full((len(actors), len(issues)), np.nan)
    values[actors.get_indexer(latest["actor"]), issues.get_indexer(latest["issue"])] = latest["position"].to_numpy(float)
    return pd.DataFrame(values, index=actors, columns=issues)


CHART_ACTORS = 40   # rows a chart of actors can show legibly (the curated data has fewer with positions)
CHART_ISSUES = 30
MAP_ACTORS = 150    # dots on the position map


def best_known(table: pd.DataFrame, actors: int = CHART_ACTORS, issues: int | None = None) -> pd.DataFrame:
    """The `actors` rows of a `matrix` with the most known positions and, if `issues` is given, the `issues`
    columns most answered, each kept in the table's order: what a chart can show. Tables list everything."""
    if table.empty:
        return table
    rows = set(table.notna().sum(axis=1).nlargest(actors, keep="first").index)
    table = table.loc[[a for a in table.index if a in rows]]
    if issues is not None:
        columns = set(table.notna().sum(axis=0).nlargest(issues, keep="first").index)
        table = table[[c for c in table.columns if c in columns]]
    return table


def bloc_order(ds: Dataset, actors) -> list[str]:
    """`actors` sorted by bloc, then name: the row order of every actor-by-something table here."""
    bloc, name = (dict(zip(ds.actors["id"], ds.actors[column])) for column in ("bloc", "name"))
    return sorted(actors, key=lambda a: (bloc.get(a, ""), name.get(a, a).casefold(), a))


def most_active(ds: Dataset) -> list[str]:
    """Actors with stances on record, the one with the most stances (over the whole dataset) first."""
    counts = ds.stances["actor"].value_counts()
    return sorted(counts.index, key=lambda a: (-counts[a], a))


def actors_on_record(ds: Dataset) -> list[str]:
    """Actors with at least one stance, by name: the only ones a positions view can say anything about."""
    names = dict(zip(ds.actors["id"], ds.actors["name"]))
    return sorted(set(ds.stances["actor"]), key=lambda a: (names.get(a, a).casefold(), a))


def most_answered(ds: Dataset) -> list[str]:
    """Issues with stances on record, the one with the most stances first (ties in the issues table's order)."""
    counts = ds.stances["issue"].value_counts()
    return sorted((i for i in ds.issues["id"] if i in counts.index), key=lambda i: -counts[i])


def stance_details(ds: Dataset, day) -> pd.DataFrame:
    """The stances of `stances_as_of` with what a reader needs to check them: the source's publisher,
    title and date, every further page it rests on (`more_sources`, and `also` citing them), and the quote that shows
    the position (its words, speaker and whether verbatim)."""
    latest = stances_as_of(ds, day)
    columns = ["actor", "issue", "date", "position", "note", "source_id", "publisher", "source_title", "source_date",
               "more_sources", "also", "quote_id", "quote_text", "quote_verbatim", "quote_speaker"]
    if latest.empty:
        return pd.DataFrame(columns=columns)
    sources = ds.sources.set_index("id")
    quotes = ds.quotes.set_index("id")
    names = ds.actors.set_index("id")["name"]
    out = latest.copy()
    out["publisher"] = out["source_id"].map(sources["publisher"]).fillna("")
    out["source_title"] = out["source_id"].map(sources["title"]).fillna("")
    out["source_date"] = out["source_id"].map(sources["date"])
    out["also"] = _also(ds, out["more_sources"])
    out["quote_text"] = out["quote_id"].map(quotes["text"]).fillna("")
    out["quote_verbatim"] = out["quote_id"].map(quotes["verbatim"]).eq(True)
    out["quote_speaker"] = out["quote_id"].map(quotes["speaker"]).map(names).fillna("")
    return out[columns]


def _also(ds: Dataset, more_sources: pd.Series) -> list[str]:
    """Every further page each stance rests on, cited as a hover or a table cites it ('Publisher, “Title”, date; …')."""
    cited = [split_ids(more) for more in more_sources]
    labels = source_labels(ds, {s for ids in cited for s in ids})
    return ["; ".join(labels.get(s, s) for s in ids) for ids in cited]


# ---------------------------------------------------------------- agreement

@dataclass(frozen=True)
class Agreement:
    """Actor x actor tables over the issues both actors have a known position on.

    `share` is agreed / shared, NaN where the pair shares fewer than `min_shared` issues (and on
    the diagonal): too few to say.
    """

    shared: pd.DataFrame
    agreed: pd.DataFrame
    share: pd.DataFrame
    min_shared: int

    def compared(self) -> Agreement:
        """The same tables for only the actors that have a share with at least one other actor."""
        actors = list(self.share.index[self.share.notna().any(axis=1)])
        pick = lambda t: t.loc[actors, actors]  # noqa: E731
        return Agreement(pick(self.shared), pick(self.agreed), pick(self.share), self.min_shared)

    def pairs(self) -> pd.DataFrame:
        """One row per pair (in row order, a before b) with enough shared issues."""
        first, second = np.triu_indices(len(self.share), k=1)
        share = self.share.to_numpy()[first, second]
        keep = ~np.isnan(share)
        first, second = first[keep], second[keep]
        return pd.DataFrame({"a": self.share.index[first], "b": self.share.index[second],
                             "shared": self.shared.to_numpy()[first, second].astype(int),
                             "agreed": self.agreed.to_numpy()[first, second].astype(int), "share": share[keep]})


def agreement(table: pd.DataFrame, min_shared: int = 1) -> Agreement:
    """Share of shared issues on which each pair of actors of `table` (a `matrix`) agrees (same sign)."""
    values = table.to_numpy(dtype=float)
    known = ~np.isnan(values)
    signs = np.sign(np.nan_to_num(values))
    shared = known.astype(int) @ known.T.astype(int)
    agreed = np.zeros_like(shared)
    for side in (-1, 0, 1):
        on_side = (known & (signs == side)).astype(int)
        agreed += on_side @ on_side.T
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(shared >= max(min_shared, 1), agreed / np.maximum(shared, 1), np.nan)
    np.fill_diagonal(share, np.nan)
    frame = lambda a: pd.DataFrame(a, index=table.index, columns=table.index)  # noqa: E731
    return Agreement(frame(shared), frame(agreed), frame(share), min_shared)


def odd_couples(ds: Dataset, day, min_shared: int = 1) -> pd.DataFrame:
    """Pairs whose positions run against their tie on `day`: partners (net positive tie, as summed in
    `network.pair_signs`) that agree on less than half their shared issues, and rivals (net negative tie)
    that agree on more than half. Partners who disagree most come first, then rivals who agree most.

    Each row carries the ties behind the pair's sign (with their source ids) and, per shared issue,
    both stances with their sources, so that every claim can be checked.
    """
    table = matrix(ds, day)
    columns = ["kind", "a", "b", "tie_sign", "ties", "shared", "agreed", "share", "issues"]
    if table.empty:
        return pd.DataFrame(columns=columns)
    values, row_of = table.to_numpy(dtype=float), {actor: i for i, actor in enumerate(table.index)}
    details = stance_details(ds, day).set_index(["actor", "issue"])
    rows = []
    for pair, entry in pair_signs(graph_as_of(ds, day)).items():  # only tied pairs: no actor-by-actor matrix
        if len(pair) != 2 or not all(p in row_of for p in pair) or entry["sign"] == 0:
            continue
        a, b = sorted(pair, key=row_of.get)
        both = ~np.isnan(values[row_of[a]]) & ~np.isnan(values[row_of[b]])
        shared = int(both.sum())
        if shared < max(min_shared, 1):
            continue
        same = np.sign(values[row_of[a], both]) == np.sign(values[row_of[b], both])
        share = float(same.mean())
        if (entry["sign"] > 0 and share >= 0.5) or (entry["sign"] < 0 and share <= 0.5):
            continue
        issues = [{"issue": issue, "position_a": int(table.loc[a, issue]), "position_b": int(table.loc[b, issue]),
                   "source_a": details.loc[(a, issue), "source_id"], "source_b": details.loc[(b, issue), "source_id"],
                   "more_a": details.loc[(a, issue), "more_sources"], "more_b": details.loc[(b, issue), "more_sources"],
                   "agree": bool(agree)} for issue, agree in zip(table.columns[both], same)]
        ties = [{k: tie[k] for k in ("source", "target", "type", "intensity", "source_id", "more_sources", "note")}
                for tie in entry["ties"]]
        rows.append({"kind": "partners who disagree" if entry["sign"] > 0 else "rivals who agree", "a": a, "b": b,
                     "tie_sign": entry["sign"], "ties": ties, "shared": shared, "agreed": int(same.sum()),
                     "share": share, "issues": issues})
    out = pd.DataFrame(rows, columns=columns)
    if out.empty:
        return out
    oddness = np.where(out["tie_sign"] > 0, out["share"], 1 - out["share"])
    return (out.assign(_odd=oddness).sort_values(["tie_sign", "_odd", "shared", "a", "b"], ascending=[False, True, False, True, True])
            .drop(columns="_odd").reset_index(drop=True))


# ---------------------------------------------------------------- position map

@dataclass(frozen=True)
class PositionMap:
    """Actors placed in two dimensions by principal component analysis of their positions.

    Method: each issue's column is centred on the mean of its known positions and an unknown
    position is set to that mean (mean imputation), so it neither pulls an actor toward nor away
    from anyone on that issue; an issue only one mapped actor has a position on carries no
    information. Actors with fewer than `min_known` known positions are left out (`left_out`).
    `coords` holds x, y and the number of known positions per actor; `loadings` (issues x axes)
    says how much moving right (x) or up (y) means being more for each issue; `explained` is the
    share of the total spread each axis shows.
    """

    coords: pd.DataFrame
    loadings: pd.DataFrame
    explained: tuple[float, float]
    left_out: tuple[str, ...]
    min_known: int

    def axis_issues(self, axis: str, top: int = 2) -> list[tuple[str, int]]:
        """The issues that weigh most on `axis` ('x' or 'y'), each with +1 (more for along the axis) or -1."""
        weights = self.loadings[axis] if not self.loadings.empty else pd.Series(dtype=float)
        strongest = weights[weights.abs() > 1e-9].abs().sort_values(ascending=False, kind="stable").index[:top]
        return [(issue, 1 if weights[issue] > 0 else -1) for issue in strongest]


def position_map(table: pd.DataFrame, min_known: int = 2, most: int = MAP_ACTORS) -> PositionMap:
    """Place the actors of `table` (a `matrix`) with at least `min_known` known positions, at most the `most`
    best known of them; see PositionMap."""
    known_counts = table.notna().sum(axis=1) if not table.empty else pd.Series(dtype=int)
    enough = known_counts[known_counts >= max(min_known, 1)]
    placed = set(enough.nlargest(most, keep="first").index)
    kept = [a for a in known_counts.index if a in placed]
    left_out = tuple(a for a in known_counts.index if a not in kept)
    values = table.loc[kept].dropna(axis=1, how="all") if kept else pd.DataFrame()
    coords = pd.DataFrame({"x": 0.0, "y": 0.0, "known": known_counts.reindex(kept).astype(int)}, index=pd.Index(kept, name="actor"))
    loadings = pd.DataFrame(0.0, index=values.columns, columns=["x", "y"])
    if len(kept) < 2:
        return PositionMap(coords, loadings, (0.0, 0.0), left_out, min_known)
    centred = (values - values.mean(axis=0)).fillna(0.0).to_numpy()
    u, s, vt = np.linalg.svd(centred, full_matrices=False)
    total = float((s ** 2).sum())
    points = np.zeros((len(kept), 2))
    axes = np.zeros((values.shape[1], 2))
    explained = [0.0, 0.0]
    for k in range(min(2, len(s))):
        if s[k] <= 1e-9:
            continue
        direction = vt[k] * (1 if vt[k][np.argmax(np.abs(vt[k]))] > 0 else -1)  # a fixed orientation
        points[:, k] = centred @ direction
        axes[:, k] = direction
        explained[k] = float(s[k] ** 2 / total)
    coords[["x", "y"]] = points
    loadings[["x", "y"]] = axes
    return PositionMap(coords, loadings, (explained[0], explained[1]), left_out, min_known)


# ---------------------------------------------------------------- one issue, two actors

def issue_history(ds: Dataset, issue: str) -> pd.DataFrame:
    """Every stance ever taken on `issue`, actors in bloc order, each actor's stances in date order."""
    rows = ds.stances[ds.stances["issue"] == issue]
    order = {a: i for i, a in enumerate(bloc_order(ds, rows["actor"].unique()))}
    sources = ds.sources.set_index("id")["publisher"]
    return (rows.assign(_order=rows["actor"].map(order), _row=rows.index, publisher=rows["source_id"].map(sources).fillna(""),
                        also=_also(ds, rows["more_sources"]))
            .sort_values(["_order", "date", "_row"]).drop(columns=["_order", "_row"]).reset_index(drop=True))


def compare(ds: Dataset, day, a: str, b: str) -> pd.DataFrame:
    """Two actors' positions issue by issue on `day`, on every issue either has a position on.

    `relation` is 'same' (equal positions), 'differ' (same sign, other strength), 'opposed'
    (different signs, neutral included) or 'only one known'.
    """
    details = stance_details(ds, day).set_index(["actor", "issue"])
    columns = ["issue", "title", "position_a", "position_b", "relation", "date_a", "date_b", "source_a", "source_b",
               "more_a", "more_b", "note_a", "note_b"]
    rows = []
    for issue, title in zip(ds.issues["id"], ds.issues["title"]):
        sides = [details.loc[(actor, issue)] if (actor, issue) in details.index else None for actor in (a, b)]
        if sides[0] is None and sides[1] is None:
            continue
        positions = [None if s is None else int(s["position"]) for s in sides]
        rows.append({"issue": issue, "title": title, "position_a": positions[0], "position_b": positions[1],
                     "relation": _relation(*positions),
                     **{f"{field}_{side}": (None if s is None else s[column])
                        for side, s in zip("ab", sides)
                        for field, column in (("date", "date"), ("source", "source_id"), ("more", "more_sources"),
                                              ("note", "note"))}})
    return pd.DataFrame(rows, columns=columns)


def _relation(a: int | None, b: int | None) -> str:
    if a is None or b is None:
        return "only one known"
    if a == b:
        return "same"
    return "differ" if np.sign(a) == np.sign(b) else "opposed"
