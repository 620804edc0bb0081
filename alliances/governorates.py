"""Syria's 14 governorates as a tile grid: one square each, roughly where it lies, and who holds it.

A tile-grid map needs no map tiles and no geodata: each governorate is a cell (column, row) of a
small grid, row 0 in the north, column 0 on the Mediterranean coast:

            0            1            2          3          4
    0    Latakia       Idlib        Aleppo      Raqqa      Hasakah
    1    Tartus        Hama         Homs                   Deir ez-Zor
    2    (Lebanon)     Damascus     Rif Dimashq
    3    Quneitra      Daraa        Suwayda

Damascus city sits at the western edge of Rif Dimashq, whose bulk runs east into the desert;
the empty cell at (3, 1) is the desert of south Raqqa and east Homs.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

TILE_GRID: dict[str, tuple[int, int]] = {
    "Latakia": (0, 0), "Idlib": (1, 0), "Aleppo": (2, 0), "Raqqa": (3, 0), "Hasakah": (4, 0),
    "Tartus": (0, 1), "Hama": (1, 1), "Homs": (2, 1), "Deir ez-Zor": (4, 1),
    "Damascus": (1, 2), "Rif Dimashq": (2, 2),
    "Quneitra": (0, 3), "Daraa": (1, 3), "Suwayda": (2, 3),
}
# Neighbours written around the grid, so that a reader finds north and the coast at a glance.
NEIGHBOURS: dict[str, tuple[float, float]] = {
    "Turkey": (2.0, -0.8), "Iraq": (4.95, 2.0), "Jordan": (1.5, 3.8), "Lebanon": (0.0, 2.0),
    "Mediterranean": (-0.85, 0.5),
}
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

    `holders` are one governorate's rows of `territory.governorate_holders` (already in that order).
    No holder gives no band: the tile is drawn as 'no record'.
    """
    weights = [BAND_WEIGHT[s] for s in holders["share"]]
    total, start, out = sum(weights), 0, []
    for (actor, share), weight in zip(holders[["actor", "share"]].itertuples(index=False), weights):
        out.append(Band(actor, share, start / total, (start + weight) / total))
        start += weight
    return out

