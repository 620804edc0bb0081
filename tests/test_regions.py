from pathlib import Path

import pandas as pd
import pytest
from sample_data import write_dataset

from alliances.dataset import load
from alliances.regions import AUTO_ROW_LENGTH, bands, grid

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def syria():
    return load(ROOT / "data" / "syria")


def test_every_region_has_one_tile_and_no_two_share_a_cell(syria):
    tiles = grid(syria).tiles
    assert set(tiles) == set(syria.regions[~syria.regions["neighbour"]]["name"]) >= set(syria.control["region"])
    assert len(set(tiles.values())) == len(tiles) == 14 and grid(syria).laid_out


def test_tiles_lie_roughly_where_the_regions_do(syria):
    tiles = grid(syria).tiles
    col = {g: c for g, (c, _) in tiles.items()}
    row = {g: r for g, (_, r) in tiles.items()}
    assert col["Latakia"] == col["Tartus"] == 0 and row["Tartus"] == row["Latakia"] + 1  # the coast, Tartus south
    assert row["Aleppo"] == row["Idlib"] == row["Raqqa"] == row["Hasakah"] == 0  # the north
    assert col["Idlib"] < col["Aleppo"] < col["Raqqa"] < col["Hasakah"]  # west to east
    assert col["Deir ez-Zor"] == max(col.values())  # the east
    assert all(row[g] == max(row.values()) for g in ("Quneitra", "Daraa", "Suwayda"))  # the south
    assert col["Quneitra"] < col["Daraa"] < col["Suwayda"]
    assert row["Damascus"] < row["Daraa"] and col["Rif Dimashq"] > col["Damascus"]


def test_neighbour_labels_sit_off_the_tiles(syria):
    layout = grid(syria)
    cells = set(layout.tiles.values())
    assert layout.neighbours and all((round(x), round(y)) not in cells for x, y in layout.neighbours.values())


def test_regions_no_file_places_go_in_rows_of_five_after_the_others(tmp_path, mini_tables):
    mini_tables["control"] += [{"region": f"Zone {n}", "date": "2016-01-01", "actor": "sdf", "share": "most",
                                "source_id": "src-b"} for n in range(7)]
    ds = load(write_dataset(tmp_path / "d", mini_tables))
    layout = grid(ds)
    assert not layout.laid_out
    placed = sorted(set(ds.control["region"]))
    assert [layout.tiles[name] for name in placed[:AUTO_ROW_LENGTH + 1]] == [
        *[(float(c), 0.0) for c in range(AUTO_ROW_LENGTH)], (0.0, 1.0)]


def test_a_region_regions_csv_does_not_know_is_named(tmp_path, mini_tables):
    from alliances.dataset import DatasetError
    mini_tables["regions"] = [{"name": "Hasakah", "row": "0", "col": "4"}, {"name": "Raqqa", "row": "0", "col": "3"}]
    mini_tables["control"][0]["region"] = "Narnia"
    with pytest.raises(DatasetError) as error:
        load(write_dataset(tmp_path / "d", mini_tables))
    assert "control.csv row 2, region: 'Narnia' is not a region of regions.csv" in error.value.lines()


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
