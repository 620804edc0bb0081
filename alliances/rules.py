"""The rules a row must keep beyond its own cells: each carries the sentence the data dictionary shows and the
check the loader runs, so that what is documented is what is enforced.

A check reads the tables as parsed text (every cell a string, before typing) and returns the problems it finds;
it skips cells the cell checks already reject (a malformed date, say), which are reported on their own.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pandas as pd

TERRITORY_SUM_TOLERANCE = 2.0
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None  # spreadsheet row: header = 1, first data row = 2
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f" row {self.row}"
        if self.column:
            where += f", {self.column}"
        return f"{where}: {self.message}"


Frames = dict[str, pd.DataFrame]


@dataclass(frozen=True)
class RowRule:
    text: str                                   # as the data dictionary says it
    check: Callable[[Frames], list[Problem]]    # as the loader runs it


def _row(index) -> int:
    return int(index) + 2


def _is_day(value: str) -> bool:
    try:
        date.fromisoformat(value)
        return len(value) == 10
    except ValueError:
        return False


def ends_after_start(table: str, start_col: str) -> RowRule:
    def check(frames: Frames) -> list[Problem]:
        frame = frames[table]
        return [Problem(f"{table}.csv", _row(i), "end", f"{end} is before {start_col} {start}")
                for i, start, end in zip(frame.index, frame[start_col], frame["end"])
                if _is_day(start) and _is_day(end) and end < start]
    return RowRule(f"{start_col} <= end", check)


def _not_self_tied(frames: Frames) -> list[Problem]:
    r = frames["relations"]
    return [Problem("relations.csv", _row(i), "target", f"'{target}' is tied to itself")
            for i, source, target in zip(r.index, r["source"], r["target"]) if source and source == target]


def _stances_agree(frames: Frames) -> list[Problem]:
    """The position as of a day is the latest row: two rows of one day that disagree would leave it to their order."""
    stances, keys = frames["stances"], ["actor", "issue", "date"]
    repeated = stances.duplicated(keys)
    if not repeated.any():
        return []
    first_of = {tuple(k): (_row(i), p) for i, *k, p in stances[~repeated][[*keys, "position"]].itertuples()}
    problems = []
    for index, *key, position in stances[repeated][[*keys, "position"]].itertuples():
        first_row, first_position = first_of[tuple(key)]
        if position != first_position:
            problems.append(Problem("stances.csv", _row(index), "position",
                                    f"{position} contradicts row {first_row} ({first_position}), "
                                    "the same actor on the same issue on the same day"))
    return problems


def _shares_add_up(frames: Frames) -> list[Problem]:
    territory = frames["territory"]
    numeric = pd.to_numeric(territory["share_pct"], errors="coerce")
    first_row = territory.reset_index().groupby(["date", "source_id"])["index"].min()
    return [Problem("territory.csv", _row(first_row[(day, source)]), "share_pct",
                    f"shares for {day} from '{source}' add up to {total:g}, not 100 (± {TERRITORY_SUM_TOLERANCE:g}); "
                    "add a 'contested' row for the remainder")
            for (day, source), total in numeric.groupby([territory["date"], territory["source_id"]]).sum().items()
            if abs(total - 100) > TERRITORY_SUM_TOLERANCE]


def _no_affiliation_cycle(frames: Frames) -> list[Problem]:
    actors = frames["actors"]
    parent = dict(zip(actors["id"], actors["affiliation"]))
    problems = []
    for index, actor in actors["id"].items():
        seen, current = set(), actor
        while current and current not in seen:
            seen.add(current)
            current = parent.get(current, "")
        if current == actor:
            problems.append(Problem("actors.csv", _row(index), "affiliation",
                                    f"'{actor}' is, through its affiliations, affiliated to itself"))
    return problems


def _regions_distinct(frames: Frames) -> list[Problem]:
    """One row per region name and one region per tile."""
    regions, problems, names, tiles = frames["regions"], [], {}, {}
    for index, name, row, col, aside in zip(regions.index, regions["name"], regions["row"], regions["col"],
                                            regions["neighbour"]):
        if name in names:
            problems.append(Problem("regions.csv", _row(index), "name", f"'{name}' is also row {names[name]}"))
        names.setdefault(name, _row(index))
        if aside.lower() == "true":
            continue
        if (row, col) in tiles and row and col:
            problems.append(Problem("regions.csv", _row(index), "col",
                                    f"the tile at row {row}, column {col} is also row {tiles[(row, col)]}'s"))
        tiles.setdefault((row, col), _row(index))
    return problems


def _regions_known(frames: Frames) -> list[Problem]:
    """Where regions.csv lists the regions, control.csv names only those (without it, the map lays them out itself)."""
    regions = frames["regions"]
    known = set(regions["name"][regions["neighbour"].str.lower() != "true"])
    if not known:
        return []
    control = frames["control"]
    return [Problem("control.csv", _row(i), "region", f"'{region}' is not a region of regions.csv")
            for i, region in zip(control.index, control["region"]) if region and region not in known]


def _groups_well_formed(frames: Frames) -> list[Problem]:
    """A group id is a slug (it goes into links), with one title."""
    groups, problems, titles = frames["groups"], [], {}
    for index, group, title in zip(groups.index, groups["group"], groups["title"]):
        if group and not SLUG.match(group):
            problems.append(Problem("groups.csv", _row(index), "group",
                                    f"'{group}' is not a slug (lowercase letters, digits and single hyphens)"))
        elif group in titles and title and title != titles[group]:
            problems.append(Problem("groups.csv", _row(index), "title",
                                    f"'{title}' differs from the title '{titles[group]}' an earlier row gives '{group}'"))
        titles.setdefault(group, title)
    return problems


NO_AFFILIATION_CYCLE = RowRule("affiliation has no cycle", _no_affiliation_cycle)
NOT_SELF_TIED = RowRule("source differs from target", _not_self_tied)
STANCES_AGREE = RowRule("rows of one actor, issue and date give one position", _stances_agree)
REGIONS_DISTINCT = RowRule("one row per region name and per tile", _regions_distinct)
REGIONS_KNOWN = RowRule("region is a name in regions.csv, when that file has rows", _regions_known)
GROUPS_WELL_FORMED = RowRule("group is a slug with one title", _groups_well_formed)
SHARES_ADD_UP = RowRule(f"shares of one date and source add up to 100 ± {TERRITORY_SUM_TOLERANCE:g}", _shares_add_up)
