import pandas as pd
import pytest

from alliances.governorates import NEIGHBOURS, TILE_GRID, bands
from alliances.schema import GOVERNORATES


def test_every_governorate_has_one_tile_and_no_two_share_a_cell():
    assert sorted(TILE_GRID) == sorted(GOVERNORATES)
    assert len(set(TILE_GRID.values())) == len(GOVERNORATES) == 14


def test_tiles_lie_roughly_where_the_governorates_do():
    col = {g: c for g, (c, _) in TILE_GRID.items()}
    row = {g: r for g, (_, r) in TILE_GRID.items()}
    assert col["Latakia"] == col["Tartus"] == 0 and row["Tartus"] == row["Latakia"] + 1  # the coast, Tartus south
    assert row["Aleppo"] == row["Idlib"] == row["Raqqa"] == row["Hasakah"] == 0  # the north
    assert col["Idlib"] < col["Aleppo"] < col["Raqqa"] < col["Hasakah"]  # west to east
    assert col["Deir ez-Zor"] == max(col.values())  # the east
    assert all(row[g] == max(row.values()) for g in ("Quneitra", "Daraa", "Suwayda"))  # the south
    assert col["Quneitra"] < col["Daraa"] < col["Suwayda"]
    assert row["Damascus"] < row["Daraa"] and col["Rif Dimashq"] > col["Damascus"]


def test_neighbour_labels_sit_off_the_tiles():
    cells = set(TILE_GRID.values())
    assert all((round(x), round(y)) not in cells for x, y in NEIGHBOURS.values())


def holders(*pairs):
    return pd.DataFrame(pairs, columns=["actor", "share"])


def test_one_holder_fills_the_tile():
    [band] = bands(holders(("sdf", "most")))
    assert (band.actor, band.x0, band.x1) == ("sdf", 0, 1)


def test_a_shared_tile_gives_the_main_holder_twice_the_width():
    split = bands(holders(("syria-gov", "most"), ("sdf", "part"), ("sna", "part")))
    assert [b.actor for b in split] == ["syria-gov", "sdf", "sna"]
    assert [(b.x0, b.x1) for b in split] == [(0, 0.5), (0.5, 0.75), (0.75, 1)]


def test_equal_partners_split_evenly_and_no_holder_gives_no_band():
    assert [(b.x0, b.x1) for b in bands(holders(("fsa", "part"), ("syria-gov", "part")))] == [(0, 0.5), (0.5, 1)]
    assert bands(holders()) == []


@pytest.mark.parametrize("share", ["most", "part"])
def test_band_share_is_kept(share):
    assert bands(holders(("hts", share)))[0].share == share
