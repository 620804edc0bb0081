"""What the curated datasets' history tests share: the net sign of a pair's ties on a day."""
from __future__ import annotations

from alliances.network import graph_as_of, pair_signs


def net_sign(ds, a, b, day) -> int:
    """+1, -1, or 0 (no signed tie, or ties that cancel out) between `a` and `b` on `day`."""
    entry = pair_signs(graph_as_of(ds, day)).get(frozenset((a, b)))
    return entry["sign"] if entry else 0
