"""MINI with more ground: two publishers' series, a publisher with two estimates of one date, more governorates.

Agency A publishes src-a (2018-01-30), src-c (2016-01-01) and src-d (2018-01-30, naming fewer factions
than src-a, so src-a is charted). Institute B publishes src-b (2015-06-01 and 2019-06-01).
"""
from __future__ import annotations

import csv
from pathlib import Path


def territory_tables(tables: dict[str, list[dict]]) -> dict[str, list[dict]]:
    out = {name: [dict(r) for r in rows] for name, rows in tables.items()}
    out["actors"].append({"id": "isis", "name": "Islamic State", "kind": "armed_group", "bloc": "Jihadist"})
    out["sources"] += [
        {"id": "src-c", "publisher": "Agency A", "title": "Report A2", "date": "2016-01-02", "url": "", "kind": "news"},
        {"id": "src-d", "publisher": "Agency A", "title": "Report A3", "date": "2018-01-30", "url": "", "kind": "news"},
    ]
    out["territory"] += [
        {"date": "2016-01-01", "actor": "syria-gov", "share_pct": "35", "source_id": "src-c", "note": "early count"},
        {"date": "2016-01-01", "actor": "isis", "share_pct": "40", "source_id": "src-c"},
        {"date": "2016-01-01", "actor": "contested", "share_pct": "25", "source_id": "src-c"},
        {"date": "2018-01-30", "actor": "syria-gov", "share_pct": "50", "source_id": "src-d"},
        {"date": "2018-01-30", "actor": "contested", "share_pct": "50", "source_id": "src-d"},
        {"date": "2019-06-01", "actor": "syria-gov", "share_pct": "60", "source_id": "src-b"},
        {"date": "2019-06-01", "actor": "sdf", "share_pct": "28", "source_id": "src-b"},
        {"date": "2019-06-01", "actor": "contested", "share_pct": "12", "source_id": "src-b"},
    ]
    out["control"] += [
        {"region": "Aleppo", "date": "2016-12-22", "actor": "syria-gov", "share": "most", "source_id": "src-a",
         "note": "city retaken"},
        {"region": "Aleppo", "date": "2016-08-24", "actor": "sdf", "share": "part", "source_id": "src-b"},
        {"region": "Damascus", "date": "2012-01-01", "actor": "syria-gov", "share": "most", "source_id": "src-a"},
    ]
    # the tile grid of the curated data's regions (14 tiles and the neighbours written around them)
    with open(Path(__file__).resolve().parent.parent / "data" / "syria" / "regions.csv", encoding="utf-8") as f:
        out["regions"] = list(csv.DictReader(f))
    return out
