"""What the tests of the curated datasets share: loading one by name, and the net sign of a pair's ties on a day."""
from __future__ import annotations

from pathlib import Path

from alliances.dataset import Dataset, load
from alliances.network import graph_as_of, pair_signs

DATA = Path(__file__).resolve().parent.parent / "data"


def bundled(name: str) -> Dataset:
    """The bundled dataset in data/`name` ('syria', 'libya')."""
    return load(DATA / name)


def net_sign(ds, a, b, day) -> int:
    """+1, -1, or 0 (no signed tie, or ties that cancel out) between `a` and `b` on `day`."""
    entry = pair_signs(graph_as_of(ds, day)).get(frozenset((a, b)))
    return entry["sign"] if entry else 0
