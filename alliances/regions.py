"""The region map: a tile grid of the dataset's regions (regions.csv: name, row, column), and who holds each.

A tile-grid map needs no map tiles and no geodata: each region is a cell (column, row) of a small grid, roughly
where it lies, row 0 in the north. regions.csv may also name neighbours to write around the grid (`neighbour`
true), so that a reader finds north at a glance. A dataset whose control.csv names regions that regions.csv does not
lay out (or that has no regions.csv) gets them in rows of five, in alphabetical order, after the laid-out ones.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .dataset import Dataset

AUTO_ROW_LENGTH = 5


@dataclass(frozen=True)
class Grid:
    tiles: dict[str, tuple[float, float]]        # region -> (column, row)
    neighbours: dict[str, tuple[float, float]]   # a name written beside the map -> (x, y)
    laid_out: bool                               # every tile placed by regions.csv (not in rows of five)

    @property
    def columns(self) -> list[int]:
        return list(range(int(max((c for c, _ in self.tiles.values()), default=0)) + 1))

    @property
    def rows(self) -> list[int]:
        return list(range(int(max((r for _, r in self.tiles.values()), default=0)) + 1))


def grid(ds: Dataset) -> Grid:
    """The tiles of `ds`: those regions.csv places, then any region control.csv names besides, in rows of five."""
    regions = ds.regions
    aside = regions["neighbour"].fillna(False).astype(bool) if "neighbour" in regions.columns else False
    placed = regions[~aside] if len(regions) else regions
    tiles = {name: (float(col), float(row)) for name, row, col in zip(placed["name"], placed["row"], placed["col"])}
    neighbours = {name: (float(col), float(row)) for name, row, col in
                  zip(regions[aside]["name"], regions[aside]["row"], regions[aside]["col"])} if len(regions) else {}
    missing = sorted(set(ds.control["region"]) - set(tiles))
    first_row = int(max((r for _, r in tiles.values()), default=-1)) + 1
    for n, name in enumerate(missing):
        tiles[name] = (float(n % AUTO_ROW_LENGTH), float(first_row + n // AUTO_ROW_LENGTH))
    return Grid(tiles, neighbours, laid_out=not missing)


# A 'most' holder gets twice the width of a 'part' holder when a tile is split between them.
BAND_WEIGHT = {"most": 2, "part": 1}


@dataclass(frozen=True)
class Band:
    """A vertical stripe of a tile: `actor` holds it, from x0 to x1 (fractions of the tile's width)."""

    actor: str
    share: str
    x0: float
    x1: float


def bands(holders: pd.DataFrame) -> list[Band]:
    """Split a tile between its holders, left to right: 'most' holders first and twice as wide as 'part' holders.

    `holders` are one region's rows of `territory.region_holders` (already in that order).
    No holder gives no band: the tile is drawn as 'no record'.
    """
    weights = [BAND_WEIGHT[s] for s in holders["share"]]
    total, start, out = sum(weights), 0, []
    for (actor, share), weight in zip(holders[["actor", "share"]].itertuples(index=False), weights):
        out.append(Band(actor, share, start / total, (start + weight) / total))
        start += weight
    return out

