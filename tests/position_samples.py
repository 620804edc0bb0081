"""Positions derived from MINI for the Positions tests: two camps, and ties that the positions run against."""
from __future__ import annotations

CAMPS_DAY = "2019-01-01"


def stance(actor: str, issue: str, day: str, position: int, **extra) -> dict:
    return {"actor": actor, "issue": issue, "date": day, "position": str(position), "source_id": "src-a", **extra}


def with_camps(tables: dict) -> dict:
    """MINI's tables plus positions on four issues: Russia and Iran on one side, the US and the SDF on the
    other, Turkey with the US on everything (so a partner of Russia since mid-2016 that disagrees with it, and
    a rival of the SDF that agrees with it), and the UN known on one issue only."""
    tables["issues"] += [{"id": i, "title": i.title(), "question": f"Should there be {i}?"} for i in ("sanctions", "bases")]
    for actor, positions in {"russia": (2, 2, 2, 2), "iran": (2, 1, 2, 1), "usa": (-2, -2, -1, -2),
                             "sdf": (-1, -2, -2, -1), "turkey": (-2, -1, -2, -2)}.items():
        for issue, position in zip(("assad-stays", "sochi-congress", "bases", "sanctions"), positions):
            tables["stances"].append(stance(actor, issue, CAMPS_DAY, position))
    tables["stances"].append(stance("un", "assad-stays", CAMPS_DAY, 0))
    return tables
