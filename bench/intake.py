"""Article intake, measured: how well the rules find the direct quotations of the labelled articles in
tests/data/intake/ and name their speakers, how many of the actors they name are found, and how long a long
article takes.

    .venv/bin/python bench/intake.py            # the scores, then the time for a 5,000-word article
    .venv/bin/python bench/intake.py -v         # and every miss, wrong speaker and extra quote

- quote recall: labelled quotes found (the same words, give or take the punctuation at their ends)
- speaker accuracy: of the quotes found, those given the labelled speaker (the same surname, or the same actor),
  or left without one where the label has none
- precision: proposed quotes that are labelled ones (a quote cut off by the end of an excerpt is not counted)
- actor recall: labelled actors (ids of the Syria dataset) among the actors the article is found to mention
Aims (issue 17): recall >= 90%, speaker >= 85%, precision >= 85%; a 5,000-word article in under 1 s.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from alliances.dataset import Dataset, load
from alliances.intake import from_text, propose
from alliances.intake.names import ActorIndex, folded, surname_key

ROOT = Path(__file__).resolve().parent.parent
LABELLED = ROOT / "tests" / "data" / "intake"
AIMS = {"quote_recall": 0.90, "speaker_accuracy": 0.85, "precision": 0.85}
LONG_WORDS = 5000
LONG_BUDGET_S = 1.0


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"^[\W_]+|[\W_]+$", "", folded(text).lower())).strip()


def same_quote(found: str, labelled: str) -> bool:
    a, b = _words(found), _words(labelled)
    if not a or not b:
        return False
    if a == b:
        return True
    shorter, longer = sorted((a, b), key=len)
    return shorter in longer and len(shorter) >= 0.8 * len(longer)


def same_speaker(found: str, labelled: str | None, index: ActorIndex) -> bool:
    if not labelled:
        return not found
    if not found:
        return False
    if surname_key(found) == surname_key(labelled):
        return True
    actor = index.speaker(found)
    if actor and actor == index.speaker(labelled):
        return True
    a, b = _words(re.sub(r"^(?:the|a|an)\s+", "", found, flags=re.I)), _words(labelled)
    return bool(a) and (a in b or b in a)


@dataclass
class Score:
    labelled: int = 0
    found: int = 0
    speaker_right: int = 0
    proposed: int = 0
    proposed_right: int = 0
    actors_labelled: int = 0
    actors_found: int = 0
    notes: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("labelled", "found", "speaker_right", "proposed", "proposed_right", "actors_labelled", "actors_found"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.notes += other.notes

    @property
    def rates(self) -> dict[str, float]:
        return {"quote_recall": self.found / max(self.labelled, 1), "speaker_accuracy": self.speaker_right / max(self.found, 1),
                "precision": self.proposed_right / max(self.proposed, 1), "actor_recall": self.actors_found / max(self.actors_labelled, 1)}


def score_article(path: Path, ds: Dataset, index: ActorIndex) -> Score:
    label = json.loads(path.read_text(encoding="utf-8"))
    text = path.with_suffix(".txt").read_text(encoding="utf-8")
    day = date.fromisoformat(label["date"]) if label.get("date") else None
    article = from_text(text).with_details(date=day, url=label.get("url"), publisher=label.get("publisher"),
                                           title=label.get("title"))
    candidates = propose(article, ds, today=day or date(2020, 1, 1))
    score = Score(labelled=len(label["quotes"]), actors_labelled=len(label["actors"]))
    last_paragraph = text.rstrip().rfind("\n")
    proposed = [q for q in candidates.quotes if not (q.open_ended and q.start > last_paragraph)]
    score.proposed = len(proposed)
    for q in proposed:
        if any(same_quote(q.text, lq["text"]) for lq in label["quotes"]):
            score.proposed_right += 1
        else:
            score.notes.append(f"{path.stem}: extra quote {q.text[:70]!r} ({q.speaker_name or 'no speaker'})")
    for lq in label["quotes"]:
        match = next((q for q in candidates.quotes if same_quote(q.text, lq["text"])), None)
        if match is None:
            score.notes.append(f"{path.stem}: missed {lq['text'][:70]!r} ({lq['speaker']})")
            continue
        score.found += 1
        if same_speaker(match.speaker_name, lq["speaker"], index):
            score.speaker_right += 1
        else:
            score.notes.append(f"{path.stem}: speaker {match.speaker_name or '(none)'!r} for {lq['text'][:50]!r}, "
                               f"labelled {lq['speaker']!r} [{match.reason}]")
    mentioned = {a["id"] for a in candidates.actors}
    score.actors_found = len(set(label["actors"]) & mentioned)
    for missing in sorted(set(label["actors"]) - mentioned):
        score.notes.append(f"{path.stem}: actor not found: {missing}")
    return score


def score_all(ds: Dataset, folder: Path = LABELLED) -> tuple[Score, dict[str, Score]]:
    index = ActorIndex(ds.actors)
    total, each = Score(), {}
    for path in sorted(folder.glob("*.json")):
        each[path.stem] = score_article(path, ds, index)
        total.add(each[path.stem])
    return total, each


def long_article(words: int = LONG_WORDS) -> str:
    """The labelled articles one after another, paragraphs kept, until `words` words."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(LABELLED.glob("*.txt"))]
    out, count = [], 0
    while count < words:
        for text in texts:
            out.append(text)
            count += len(text.split())
            if count >= words:
                break
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    ds = load(ROOT / "data" / "syria")
    total, each = score_all(ds)
    print(f"{len(each)} labelled articles, {total.labelled} quotes, {total.actors_labelled} actor mentions")
    failed = False
    for name, value in total.rates.items():
        aim = AIMS.get(name)
        verdict = "" if aim is None else (" ok" if value >= aim else f" BELOW the aim of {aim:.0%}")
        failed |= aim is not None and value < aim
        print(f"  {name:17} {value:6.1%}{verdict}")
    if args.verbose:
        print("\n".join(total.notes))
    text = long_article()
    article = from_text(text).with_details(date=date(2018, 1, 30))
    propose(article, ds)  # the first call loads dateparser's data
    timings = []
    for _ in range(5):
        start = time.perf_counter()
        propose(article, ds)
        timings.append(time.perf_counter() - start)
    best, worst = min(timings), max(timings)
    print(f"  a {len(text.split()):,}-word article: {best * 1000:.0f} ms best, {worst * 1000:.0f} ms worst of 5"
          f"{' ok' if worst < LONG_BUDGET_S else ' OVER the 1 s budget'}")
    failed |= worst >= LONG_BUDGET_S
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
