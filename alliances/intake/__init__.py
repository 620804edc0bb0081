"""Article intake: from a news article to candidate rows (quotes, actors, ties, stances, territory, events),
each with the sentence it comes from and a reason, for an analyst to accept, edit or reject.

Rules only (no model): see quotes.py for quotations and speakers, claims.py for the rest, dates.py for dates.
`propose(article, dataset)` is the one entry; `rows.py` turns accepted candidates into dataset rows.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ..dataset import Dataset
from ..text import slug
from .article import Article, IntakeError, from_page, from_text, from_upload
from .claims import Claim, events, issue_phrases, quote_stances, stances, territory, ties, unique
from .names import ActorIndex
from .quotes import Quote, find_quotes
from .units import paragraphs, sentences

QUOTE_FIELDS = ("key", "text", "speaker", "speaker_name", "on_behalf", "date", "date_reason", "verbatim", "context",
                "evidence", "evidence_start", "evidence_end", "start", "end", "reason")
__all__ = ["Article", "Candidates", "IntakeError", "from_page", "from_text", "from_upload", "propose"]


@dataclass
class Candidates:
    source: dict
    quotes: list[Quote]
    actors: list[dict]
    unknown_names: list[dict]
    claims: list[Claim]
    text: str
    warnings: list[str] = field(default_factory=list)

    def of(self, table: str) -> list[Claim]:
        return [c for c in self.claims if c.table == table]

    def as_json(self) -> dict:
        """The documented JSON (README, 'Article intake'): offsets index `text`."""
        def claim(c: Claim) -> dict:
            return {**c.row, "evidence": c.evidence, "evidence_start": c.start, "evidence_end": c.end,
                    "reason": c.reason, "confidence": c.confidence}
        return {
            "source": self.source,
            "quotes": [{k: getattr(q, k) for k in QUOTE_FIELDS} for q in self.quotes],
            "actors": self.actors,
            "unknown_names": self.unknown_names,
            **{table: [claim(c) for c in self.of(table)] for table in ("ties", "stances", "territory", "events")},
            "warnings": self.warnings,
        }


HEADLINE = re.compile(r"^[^\n.!?]{20,160}$")


def headline(text: str) -> str:
    """The first line that reads like a headline (four words or more, no full stop), else ''."""
    for line in text.splitlines()[:8]:
        line = line.strip()
        if HEADLINE.match(line) and len(line.split()) >= 4:
            return line
    return ""


def source_row(article: Article, day: date) -> dict:
    publisher = article.publisher or "Unknown publisher"
    title = article.title or headline(article.text) or "(untitled article)"
    return {"id": f"{slug(publisher, 3)}-{day.isoformat()}-{slug(title, 4)}",
            "publisher": publisher, "title": title,
            "date": article.date.isoformat() if article.date else "", "url": article.url, "kind": "news"}


def propose(article: Article, ds: Dataset, today: date | None = None) -> Candidates:
    """Every candidate the article offers, against the actors and issues of `ds`."""
    warnings = []
    day = article.date
    if day is None:
        day = today or date.today()
        warnings.append(f"The article has no date: relative dates ('on Tuesday') were read against {day.isoformat()}. "
                        "Give the article's date to read them right.")
    text = article.text
    index = ActorIndex(ds.actors)
    paras, sents = paragraphs(text), sentences(text)
    quotes = find_quotes(text, paras, sents, index, day)
    phrases = issue_phrases(ds.issues)
    # what the article itself reports: the words inside quotation marks are the speakers', read as their stances
    reported = _without_quotes(text, quotes)
    claims: list[Claim] = quote_stances(quotes, phrases, index)
    for sentence in sents:
        claims += territory(reported, sentence, index, day)
        claims += ties(reported, sentence, index, day)
        claims += stances(reported, sentence, index, phrases, day)
        claims += events(reported, sentence, index, day)
    claims = unique(claims)
    for claim in claims:  # evidence as written, quotes included
        claim.evidence = text[claim.start:claim.end]
    return Candidates(source_row(article, day), quotes, _actors_mentioned(text, index), _unknown(text, quotes),
                      claims, text, warnings)


def _without_quotes(text: str, quotes: list[Quote]) -> str:
    """The text with each quotation's words blanked (same length, so offsets hold)."""
    chars = list(text)
    for q in quotes:
        chars[q.start:q.end] = " " * (q.end - q.start)
    return "".join(chars)


def _actors_mentioned(text: str, index: ActorIndex) -> list[dict]:
    found: dict[str, dict] = {}
    for m in index.mentions(text):
        entry = found.setdefault(m.actor, {"id": m.actor, "name": index.names[m.actor], "mentions": 0, "as_written": [],
                                           "first": m.start})
        entry["mentions"] += 1
        if m.surface not in entry["as_written"]:
            entry["as_written"].append(m.surface)
    return sorted(found.values(), key=lambda e: e["first"])


def _unknown(text: str, quotes: list[Quote]) -> list[dict]:
    """Speakers the dataset does not know, with the words the article describes them by."""
    out: dict[str, dict] = {}
    for q in quotes:
        if q.speaker or not q.speaker_name:
            continue
        entry = out.setdefault(q.speaker_name, {"name": q.speaker_name, "quotes": 0, "role": _role(text, q.speaker_name)})
        entry["quotes"] += 1
    return list(out.values())


def _role(text: str, name: str) -> str:
    """'head of the Center ...' in 'Alexander Shumilin, head of the Center ..., said'."""
    match = re.search(re.escape(name) + r",\s+((?:the\s+|a\s+|an\s+)?[a-z][^,.;:“”\"]{2,120})", text)
    return match.group(1).strip() if match else ""
