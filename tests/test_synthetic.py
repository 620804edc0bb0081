"""The benchmark's synthetic datasets follow the contract, scale with the curated data, and repeat exactly."""
from alliances.dataset import load
from bench.synthetic import BUNDLED, base_counts, write_scaled


def test_scaled_dataset_loads_with_ten_times_the_rows(tmp_path):
    folder = write_scaled(10, tmp_path / "ten")
    ds = load(folder)
    base = base_counts(BUNDLED)
    assert len(ds.relations) == max(20, 10 * base["relations"])
    assert len(ds.quotes) == max(10, 10 * base["quotes"])
    assert {"russia", "iran", "turkey", "contested"} <= set(ds.actors["id"])


def test_hundred_times_the_rows_still_follows_the_contract(tmp_path):
    # the benchmark's largest size: random draws must not repeat a stance's day or an estimate's date and source
    ds = load(write_scaled(100, tmp_path / "hundred"))
    assert len(ds.stances) == 100 * base_counts(BUNDLED)["stances"]


def test_same_seed_same_files_other_seed_other_files(tmp_path):
    a, b, c = (write_scaled(1, tmp_path / name, seed=seed) for name, seed in (("a", 1), ("b", 1), ("c", 2)))
    read = lambda folder: {f.name: f.read_bytes() for f in sorted(folder.iterdir())}  # noqa: E731
    assert read(a) == read(b)
    assert read(a) != read(c)
