"""A small, stable dataset, written fresh for each test so that tests do not depend on the curated data."""
from __future__ import annotations

import csv
from pathlib import Path

from alliances.schema import TABLES

MINI = {
    "actors": [
        {"id": "russia", "name": "Russia", "kind": "state", "bloc": "Astana guarantors", "iso3": "RUS", "wikidata": "Q159"},
        {"id": "turkey", "name": "Turkey", "kind": "state", "bloc": "Astana guarantors", "iso3": "TUR"},
        {"id": "iran", "name": "Iran", "kind": "state", "bloc": "Astana guarantors", "iso3": "IRN"},
        {"id": "usa", "name": "United States", "kind": "state", "bloc": "US-led coalition", "iso3": "USA"},
        {"id": "sdf", "name": "SDF", "kind": "armed_group", "bloc": "Kurdish-led"},
        {"id": "syria-gov", "name": "Syrian government", "kind": "government", "bloc": "Assad camp"},
        {"id": "un", "name": "United Nations", "kind": "international_org", "bloc": "UN"},
        {"id": "contested", "name": "Contested", "kind": "other", "bloc": "Contested"},
        {"id": "peskov", "name": "Dmitry Peskov", "kind": "person", "affiliation": "russia", "bloc": "Astana guarantors",
         "description": "Kremlin spokesman"},
        {"id": "erdogan", "name": "Recep Tayyip Erdoğan", "kind": "person", "affiliation": "turkey", "bloc": "Astana guarantors"},
    ],
    "sources": [
        {"id": "src-a", "publisher": "Agency A", "title": "Report A", "date": "2018-01-30", "url": "https://example.org/a", "kind": "news"},
        {"id": "src-b", "publisher": "Institute B", "title": "Map B", "date": "2018-02-01", "url": "", "kind": "research"},
    ],
    "relations": [
        {"source": "russia", "target": "turkey", "type": "hostility", "intensity": "3", "start": "2015-11-24", "end": "2016-06-28", "source_id": "src-a"},
        {"source": "russia", "target": "turkey", "type": "cooperation", "intensity": "2", "start": "2016-06-29", "end": "", "source_id": "src-a"},
        {"source": "usa", "target": "sdf", "type": "support", "intensity": "3", "start": "2015-10-01", "end": "", "source_id": "src-a"},
        {"source": "usa", "target": "turkey", "type": "alliance", "intensity": "2", "start": "2011-01-01", "end": "", "source_id": "src-a"},
        {"source": "turkey", "target": "sdf", "type": "hostility", "intensity": "3", "start": "2016-08-24", "end": "", "source_id": "src-a"},
        {"source": "russia", "target": "syria-gov", "type": "support", "intensity": "3", "start": "2015-09-30", "end": "2024-12-08", "source_id": "src-a"},
        {"source": "un", "target": "syria-gov", "type": "mediation", "intensity": "1", "start": "2014-07-10", "end": "", "source_id": "src-a"},
    ],
    "groups": [
        {"group": "astana", "title": "Astana axis (Russia, Iran, Turkey)", "actor": a} for a in ("russia", "iran", "turkey")
    ],
    "issues": [
        {"id": "sochi-congress", "title": "Sochi congress", "question": "Should it go ahead?"},
        {"id": "assad-stays", "title": "Assad stays", "question": "Should Assad stay?"},
    ],
    "quotes": [
        {"id": "peskov-2018-01-29", "date": "2018-01-29", "speaker": "peskov", "on_behalf": "russia",
         "text": "No immediate breakthrough is likely.", "verbatim": "false", "issue": "sochi-congress", "source_id": "src-a",
         "context": "to reporters"},
        {"id": "erdogan-2018-01-20", "date": "2018-01-20", "speaker": "erdogan", "on_behalf": "turkey",
         "text": "Erdoğan's words on Afrin.", "verbatim": "true", "issue": "", "source_id": "src-a", "context": "speech"},
    ],
    "stances": [
        {"actor": "russia", "issue": "sochi-congress", "date": "2017-11-01", "position": "1", "source_id": "src-a"},
        {"actor": "russia", "issue": "sochi-congress", "date": "2018-01-30", "position": "2", "source_id": "src-a", "quote_id": "peskov-2018-01-29"},
        {"actor": "usa", "issue": "sochi-congress", "date": "2018-01-30", "position": "-1", "source_id": "src-a"},
        {"actor": "russia", "issue": "assad-stays", "date": "2015-09-30", "position": "2", "source_id": "src-a"},
    ],
    "territory": [
        {"date": "2018-01-30", "actor": "syria-gov", "share_pct": "55", "source_id": "src-a"},
        {"date": "2018-01-30", "actor": "sdf", "share_pct": "25", "source_id": "src-a"},
        {"date": "2018-01-30", "actor": "contested", "share_pct": "20", "source_id": "src-a"},
        {"date": "2015-06-01", "actor": "syria-gov", "share_pct": "30", "source_id": "src-b"},
        {"date": "2015-06-01", "actor": "contested", "share_pct": "69", "source_id": "src-b"},
    ],
    "control": [
        {"region": "Raqqa", "date": "2014-01-01", "actor": "syria-gov", "share": "none", "source_id": "src-b"},
        {"region": "Raqqa", "date": "2017-10-20", "actor": "sdf", "share": "most", "source_id": "src-b"},
        {"region": "Hasakah", "date": "2015-01-01", "actor": "sdf", "share": "most", "source_id": "src-b"},
        {"region": "Hasakah", "date": "2015-01-01", "actor": "syria-gov", "share": "part", "source_id": "src-b"},
    ],
    "events": [
        {"id": "su24", "date": "2015-11-24", "title": "Su-24 shot down", "kind": "military", "actors": "turkey;russia", "source_id": "src-a"},
        {"id": "sochi", "date": "2018-01-30", "title": "Sochi congress", "kind": "diplomacy", "actors": "russia", "source_id": "src-a"},
    ],
}


def write_dataset(folder: Path, tables: dict[str, list[dict]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        columns = TABLES[name].column_names if name in TABLES else list(rows[0])
        with open(folder / f"{name}.csv", "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
            writer.writeheader()
            for row in rows:
                writer.writerow({c: row.get(c, "") for c in columns})
    return folder


