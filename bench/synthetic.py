"""Synthetic datasets that follow the data contract, at a multiple of the curated data's size.

Every table gets `scale` times the rows the curated folder has (at least a handful), with ids,
references, periods and territory sums that pass `alliances.dataset.load`. The contract's core
actors are always present, so pages that name them (the Astana axis, 'contested') have them.
The same seed always gives the same files.

    python bench/synthetic.py --scale 10            # writes to a new temporary folder, prints it
    python bench/synthetic.py --scale 100 --out /tmp/big --base /path/to/curated/data
"""
from __future__ import annotations

import argparse
import csv
import random
import tempfile
from datetime import date, timedelta
from pathlib import Path

from alliances.schema import ACTOR_KINDS, CONTROL_SHARES, EVENT_KINDS, RELATION_TYPES, SOURCE_KINDS, TABLES

ROOT = Path(__file__).resolve().parent.parent

BUNDLED = ROOT / "data" / "syria"
REGIONS = tuple(f"Region {n}" for n in range(1, 15))  # control rows name these; the map lays them out in rows of five
FIRST, LAST = date(2011, 3, 15), date(2025, 6, 30)
STATES = {"russia": "RUS", "iran": "IRN", "turkey": "TUR", "israel": "ISR", "usa": "USA"}
CORE = {  # id: (kind, bloc, affiliation)
    "russia": ("state", "Astana guarantors", ""), "iran": ("state", "Astana guarantors", ""),
    "turkey": ("state", "Astana guarantors", ""), "israel": ("state", "Israel", ""),
    "usa": ("state", "US-led coalition", ""), "syria-gov": ("government", "Assad camp", ""),
    "syria-transitional": ("government", "Syrian transitional authorities", ""),
    "sdf": ("armed_group", "Kurdish-led", ""), "snc": ("political_group", "Syrian opposition", ""),
    "un": ("international_org", "UN", ""), "hezbollah": ("armed_group", "Assad camp", ""),
    "isis": ("armed_group", "Jihadist", ""), "hts": ("armed_group", "Jihadist", ""),
    "contested": ("other", "Contested", ""),
    "putin": ("person", "Astana guarantors", "russia"), "lavrov": ("person", "Astana guarantors", "russia"),
    "peskov": ("person", "Astana guarantors", "russia"), "lavrentiev": ("person", "Astana guarantors", "russia"),
    "erdogan": ("person", "Astana guarantors", "turkey"), "rouhani": ("person", "Astana guarantors", "iran"),
    "assad": ("person", "Assad camp", "syria-gov"), "al-sharaa": ("person", "Syrian transitional authorities", "syria-transitional"),
    "de-mistura": ("person", "UN", "un"), "guterres": ("person", "UN", "un"),
    "shumilin": ("person", "Analysts", ""), "rodi-osman": ("person", "Kurdish-led", "sdf"),
}
BLOCS = ("Assad camp", "Astana guarantors", "US-led coalition", "Kurdish-led", "Syrian opposition",
         "Syrian transitional authorities", "Jihadist", "UN", "Arab states", "Israel", "Other states")
WORDS = ("talks", "ceasefire", "offensive", "withdrawal", "aid", "border", "convoy", "council", "envoy", "sanctions",
         "corridor", "deal", "front", "airstrike", "summit", "pledge", "patrol", "truce", "guarantee", "reconstruction")
MIN_ROWS = {"actors": len(CORE) + 10, "sources": 10, "relations": 20, "issues": 4, "stances": 20, "quotes": 10,
            "territory": 14, "control": 28, "events": 10}


def base_counts(folder: Path = BUNDLED) -> dict[str, int]:
    """Data rows per table in a dataset folder (0 for a missing optional table)."""
    counts = {}
    for name in TABLES:
        path = folder / f"{name}.csv"
        if not path.exists():
            counts[name] = 0
            continue
        with open(path, newline="", encoding="utf-8-sig") as handle:
            counts[name] = max(sum(1 for _ in csv.reader(handle)) - 1, 0)
    return counts


class _Maker:
    """Rows for each table, built in dependency order so every reference points at an existing id."""

    def __init__(self, rows: dict[str, int], seed: int):
        self.rng = random.Random(seed)
        self.n = rows

    def day(self, low: date = FIRST, high: date = LAST) -> date:
        return low + timedelta(days=self.rng.randrange((high - low).days + 1))

    def sentence(self, lo: int = 6, hi: int = 18) -> str:
        words = [self.rng.choice(WORDS) for _ in range(self.rng.randint(lo, hi))]
        return " ".join(words).capitalize() + "."

    def sources(self) -> list[dict]:
        rows = []
        for i in range(self.n["sources"]):
            day = self.day()
            rows.append({"id": f"src-{i:06d}", "publisher": f"Publisher {i % 97}", "title": self.sentence(4, 10).rstrip("."),
                         "date": day.isoformat() if i % 11 else "",
                         "url": f"https://example.org/{day:%Y/%m}/{i}" if i % 7 else "",
                         "kind": SOURCE_KINDS[i % len(SOURCE_KINDS)]})
        return rows

    def actors(self) -> list[dict]:
        rows = [{"id": a, "name": a.replace("-", " ").title(), "kind": kind, "affiliation": aff, "bloc": bloc,
                 "iso3": STATES.get(a, ""), "wikidata": "", "description": self.sentence()}
                for a, (kind, bloc, aff) in CORE.items()]
        groups = [a for a, (kind, _, _) in CORE.items() if kind not in ("person", "other")]
        for i in range(self.n["actors"] - len(CORE)):
            kind = self.rng.choice(ACTOR_KINDS[:-1] + ("person", "person", "person"))
            affiliation = self.rng.choice(groups) if kind == "person" else ""  # people speak for groups: no cycle
            actor_id = f"actor-{i:05d}"
            rows.append({"id": actor_id, "name": f"Actor {i} {self.rng.choice(WORDS).title()}", "kind": kind,
                         "affiliation": affiliation, "bloc": self.rng.choice(BLOCS),
                         "iso3": "", "wikidata": f"Q{1000 + i}" if i % 3 == 0 else "", "description": self.sentence()})
            if kind != "person":
                groups.append(actor_id)
        return rows

    def issues(self) -> list[dict]:
        return [{"id": f"issue-{i:04d}", "title": f"Issue {i}: {self.rng.choice(WORDS)}",
                 "question": f"Should the {self.rng.choice(WORDS)} go ahead?"} for i in range(self.n["issues"])]

    def relations(self, actors: list[str], sources: list[str]) -> list[dict]:
        rows = []
        for _ in range(self.n["relations"]):
            a, b = self.rng.sample(actors, 2)
            start = self.day()
            end = "" if self.rng.random() < 0.4 else self.day(start, LAST).isoformat()
            rows.append({"source": a, "target": b, "type": self.rng.choice(RELATION_TYPES), "intensity": self.rng.randint(1, 3),
                         "start": start.isoformat(), "end": end, "source_id": self.rng.choice(sources), "note": self.sentence()})
        return rows

    def quotes(self, people: dict[str, str], issues: list[str], sources: list[str]) -> list[dict]:
        speakers = sorted(people)
        rows = []
        for i in range(self.n["quotes"]):
            speaker = self.rng.choice(speakers)
            day = self.day()
            rows.append({"id": f"q-{i:06d}", "date": day.isoformat(), "speaker": speaker, "on_behalf": people[speaker],
                         "text": self.sentence(8, 40), "verbatim": self.rng.choice(["true", "false"]),
                         "issue": self.rng.choice(issues) if i % 3 else "", "source_id": self.rng.choice(sources),
                         "context": f"said at the {self.rng.choice(WORDS)} on {day:%d %B %Y}"})
        return rows

    def unused(self, draw, used: set):
        """A value from `draw()` not in `used` (drawn again until it is), then added to it: the contract allows
        one position per actor, issue and day, and one estimate per date and source."""
        value = draw()
        while value in used:
            value = draw()
        used.add(value)
        return value

    def stances(self, actors: list[str], issues: list[str], quotes: list[str], sources: list[str]) -> list[dict]:
        used: set = set()
        rows = []
        for _ in range(self.n["stances"]):
            actor, issue, day = self.unused(lambda: (self.rng.choice(actors), self.rng.choice(issues), self.day().isoformat()), used)
            rows.append({"actor": actor, "issue": issue, "date": day, "position": self.rng.randint(-2, 2),
                         "source_id": self.rng.choice(sources),
                         "quote_id": self.rng.choice(quotes) if self.rng.random() < 0.3 else "", "note": self.sentence()})
        return rows

    def territory(self, holders: list[str], sources: list[str]) -> list[dict]:
        """Estimates of 7 rows (6 holders and 'contested') that add up to exactly 100."""
        rows = []
        estimate_sources = sources[: max(2, len(sources) // 50)]
        used: set = set()
        for e in range(max(2, self.n["territory"] // 7)):
            source_id = estimate_sources[e % len(estimate_sources)]
            day, _ = self.unused(lambda source_id=source_id: (self.day().isoformat(), source_id), used)
            cuts = sorted(self.rng.sample(range(1, 1000), 6))
            parts = [b - a for a, b in zip([0] + cuts, cuts + [1000])]
            for actor, part in zip(self.rng.sample(holders, 6) + ["contested"], parts):
                rows.append({"date": day, "actor": actor, "share_pct": f"{part / 10:.1f}", "source_id": source_id,
                             "note": "synthetic estimate"})
        return rows

    def control(self, holders: list[str], sources: list[str]) -> list[dict]:
        return [{"region": self.rng.choice(REGIONS), "date": self.day().isoformat(), "actor": self.rng.choice(holders),
                 "share": self.rng.choice(CONTROL_SHARES), "source_id": self.rng.choice(sources), "note": self.sentence()}
                for _ in range(self.n["control"])]

    def events(self, actors: list[str], sources: list[str]) -> list[dict]:
        rows = []
        for i in range(self.n["events"]):
            start = self.day()
            end = self.day(start, min(LAST, start + timedelta(days=60))).isoformat() if i % 5 == 0 else ""
            rows.append({"id": f"event-{i:06d}", "date": start.isoformat(), "end": end,
                         "title": f"{self.rng.choice(WORDS).title()} {i}", "kind": self.rng.choice(EVENT_KINDS),
                         "actors": ";".join(self.rng.sample(actors, self.rng.randint(1, 3))),
                         "source_id": self.rng.choice(sources), "description": self.sentence()})
        return rows


def generate(scale: float, seed: int = 2018, base: Path = BUNDLED) -> dict[str, list[dict]]:
    """The tables of a dataset `scale` times the size of the one in `base`."""
    counts = {name: max(MIN_ROWS[name], round(scale * n)) for name, n in base_counts(base).items() if name in MIN_ROWS}
    make = _Maker(counts, seed)
    sources = make.sources()
    source_ids = [s["id"] for s in sources]
    actors = make.actors()
    actor_ids = [a["id"] for a in actors]
    people = {a["id"]: a["affiliation"] for a in actors if a["kind"] == "person"}
    holders = [a["id"] for a in actors if a["kind"] in ("government", "armed_group") and a["id"] != "contested"]
    issues = make.issues()
    issue_ids = [i["id"] for i in issues]
    quotes = make.quotes(people, issue_ids, source_ids)
    return {
        "actors": actors, "sources": sources, "issues": issues, "quotes": quotes,
        "relations": make.relations(actor_ids, source_ids),
        "stances": make.stances(actor_ids, issue_ids, [q["id"] for q in quotes], source_ids),
        "territory": make.territory(holders, source_ids),
        "control": make.control(holders, source_ids),
        "events": make.events(actor_ids, source_ids),
        "groups": [{"group": "core", "title": "The core actors", "actor": a} for a in list(CORE)[:3]],
    }


def write(tables: dict[str, list[dict]], folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        columns = TABLES[name].column_names
        with open(folder / f"{name}.csv", "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns)
            writer.writeheader()
            writer.writerows(rows)
    return folder


def write_scaled(scale: float, out: Path | None = None, seed: int = 2018, base: Path = BUNDLED) -> Path:
    """Write a dataset `scale` times the curated size to `out` (default: a new temporary folder)."""
    folder = Path(out) if out else Path(tempfile.mkdtemp(prefix=f"alliances-{scale:g}x-"))
    return write(generate(scale, seed, base), folder)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--seed", type=int, default=2018)
    parser.add_argument("--base", type=Path, default=BUNDLED, help="the curated folder whose size is 1x")
    args = parser.parse_args()
    folder = write_scaled(args.scale, args.out, args.seed, args.base)
    print(folder)
    for name, n in base_counts(folder).items():
        print(f"  {name:10} {n:>8} rows")


if __name__ == "__main__":
    main()
