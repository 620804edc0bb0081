"""What else an article's sentences say, read by rules: territory figures, ties, stances and events.

Each candidate carries its sentence, a reason and a confidence; the analyst decides. Rules only: a sentence that
names two actors and a verb of support, cooperation, mediation, rivalry or hostility proposes a tie between the
actor before the verb and each actor after it; a sentence that names an issue proposes a stance for each actor
followed by a cue of support or opposition; a figure in percent of territory proposes a partial territory row
for the sentence's first actor; a sentence with a date and a verb of action proposes an event.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from itertools import combinations

from ..schema import DIRECTED_TYPES as DIRECTED
from . import dates
from .names import ActorIndex, Mention
from .units import Span

TIE_WORDS: dict[str, tuple[str, ...]] = {
    "support": ("backed", "backing", "backs", "back", "supported", "supporting", "supports", "supporter", "supporters",
                "armed", "arming", "funded", "funding", "sponsored", "green light", "patron", "protector", "shoring up",
                "shored up", "propped up", "sent troops", "military aid", "ally"),
    "cooperation": ("teamed up", "team up", "cooperat", "co-operat", "partnership", "partners", "jointly", "joint",
                    "coordinat", "agreed", "agreement", "axis", "alliance", "allies", "allied", "work together",
                    "worked together", "guarantors", "trilateral", "rapprochement", "normalis", "normaliz", "deal with",
                    "talks with", "met with", "summit with"),
    "mediation": ("mediat", "brokered", "broker", "hosted talks", "hosting talks", "facilitat"),
    "rivalry": ("rival", "competition", "compete", "tension", "tensions", "criticis", "criticiz", "condemn", "denounc",
                "accus", "betrayal", "challenge", "sanction", "oppos", "dispute", "warned", "confrontation"),
    "hostility": ("attack", "attacked", "attacks", "offensive", "strike", "strikes", "struck", "bomb", "shelled",
                  "shelling", "fighting", "fought", "fight", "clash", "war against", "shot down", "invad", "invasion",
                  "captured", "seized", "killed", "enemy", "enemies", "terrorists", "threatened", "raid"),
}
NOUN_WORDS = ("supporter", "supporters", "ally", "patron", "protector", "backer", "backers")  # 'Assad supporter Iran'
GROUP_WORDS = ("axis", "alliance", "allies", "guarantors", "trilateral", "coalition")
SIGNED_TIE_TYPES = {"support": "positive", "cooperation": "positive", "mediation": "neutral", "rivalry": "negative",
                    "hostility": "negative"}
PASSIVE = re.compile(r"\b(?:backed|supported|armed|funded|sponsored)\s+by\b")
FOR_CUES = ("support", "welcom", "back", "endors", "attend", "host", "invit", "agree", "accept", "praise", "call for",
            "called for", "calls for", "push for", "in favour", "in favor", "approv", "hail", "important contribution",
            "contribution", "vowed to pursue", "took part", "participat")
AGAINST_CUES = ("boycott", "reject", "oppos", "refus", "wouldn’t attend", "wouldn't attend", "won't attend",
                "won’t attend", "not attend", "condemn", "denounc", "against", "usurp", "veto", "no sense", "block",
                "criticis", "criticiz", "withhold", "object", "dismiss", "walk out", "pulled out", "no likelihood")
NEGATION = re.compile(r"(?:\bnot|n[’']t|\bnever|\bno)\s+(?:\w+\s+)?$")
TERRITORY = re.compile(r"(?P<pct>\d{1,3}(?:\.\d+)?)\s*(?:percent|per\s+cent|%)\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?"
                       r"(?:territory|territories|land|the\s+country|country)", re.I)
HOLD_WORDS = re.compile(r"\b(?:control|controls|controlled|controlling|held|holds|hold|holding|seized|captured|occup\w*|"
                        r"retook|retaken|recaptured)\b", re.I)
EVENT_KINDS = {
    "military": ("attack", "offensive", "strike", "bomb", "shell", "captured", "seized", "killed", "troops", "forces",
                 "clash", "fighting", "operation", "air base", "airstrike", "withdr"),
    "diplomacy": ("talks", "summit", "meeting", "met ", "congress", "conference", "visit", "agreement", "negotiat",
                  "envoy", "ceasefire", "deal", "signed"),
    "humanitarian": ("aid", "refugee", "civilians", "humanitarian", "displaced", "reconstruction"),
}
ACTION = re.compile(r"\b(?:\w+ed|met|held|began|begun|won|lost|fell|took|struck|signed|launched|declared|sent|made|"
                    r"came|went|left|set|began|gave|hosted|is\s+hosting|is\s+at|are\s+at|opened)\b")


@dataclass
class Claim:
    table: str          # ties, stances, territory, events
    row: dict
    evidence: str
    start: int
    end: int
    reason: str
    confidence: str     # high, medium, low


def unique(claims: list[Claim]) -> list[Claim]:
    """One claim per row: the same tie or stance read in several sentences is proposed once, with the most
    confident reading (the first of equals)."""
    rank = {"high": 0, "medium": 1, "low": 2}
    best: dict[tuple, Claim] = {}
    for claim in claims:
        row = claim.row
        if claim.table == "ties":
            pair = (row["source"], row["target"]) if row["type"] in DIRECTED else tuple(sorted((row["source"], row["target"])))
            key = ("ties", *pair, row["type"])
        elif claim.table == "stances":
            key = ("stances", row["actor"], row["issue"], row["date"], row["quote"])
        else:
            key = (claim.table, claim.start, tuple(sorted(row.items())))
        if key not in best or rank[claim.confidence] < rank[best[key].confidence]:
            best[key] = claim
    kept = set(map(id, best.values()))
    return [c for c in claims if id(c) in kept]


def _first(words: tuple[str, ...], lowered: str) -> tuple[int, str] | None:
    hits = [(m.start(), w) for w in words for m in re.finditer(r"(?<![\w])" + re.escape(w), lowered)]
    return min(hits) if hits else None


def _keywords(lowered: str) -> list[tuple[int, int, str, str]]:
    """(start, end, relation type, word) of every tie word in a sentence, in order."""
    found = []
    for kind, words in TIE_WORDS.items():
        for word in words:
            for m in re.finditer(r"(?<![\w-])" + re.escape(word) + r"\w*", lowered):
                found.append((m.start(), m.end(), kind, m.group()))
    found.sort()
    kept, last_end = [], -1
    for item in found:
        if item[0] >= last_end:
            kept.append(item)
            last_end = item[1]
    return kept


def _actors(index: ActorIndex, mentions: list[Mention]) -> list[Mention]:
    """Mentions with a person's affiliation standing for them (Putin's words tie Russia); a person with no
    affiliation (an analyst) stands for no one and is left out."""
    out = []
    for m in mentions:
        actor = (index.affiliation.get(m.actor) or "") if index.kinds.get(m.actor) == "person" else m.actor
        if actor:
            out.append(Mention(actor, m.start, m.end, m.surface))
    return out


def _noun_ties(mentions: list[Mention], keywords: list, base: int) -> tuple[list, set[int]]:
    """'fellow Assad supporter Iran': (Iran, Assad's side) as support; the mentions it used."""
    pairs, used = [], set()
    for k_start, k_end, _kind, word in keywords:
        if word not in NOUN_WORDS:
            continue
        before = [m for m in mentions if 0 <= base + k_start - m.end <= 2]
        after = [m for m in mentions if 0 <= m.start - (base + k_end) <= 2]
        if before and after:
            pairs.append((after[0].actor, before[-1].actor, word))
            used.update({before[-1].start})
    return pairs, used


def ties(text: str, sentence: Span, index: ActorIndex, day: date) -> list[Claim]:
    mentions = _actors(index, index.mentions(text, sentence.start, sentence.end))
    if len({m.actor for m in mentions}) < 2:
        return []
    body = text[sentence.start:sentence.end]
    lowered = body.lower()
    named_at = [(m.start - sentence.start, m.end - sentence.start) for m in index.mentions(text, sentence.start, sentence.end)]
    keywords = [k for k in _keywords(lowered) if not any(s < k[1] and k[0] < e for s, e in named_at)]  # 'opposition'
    nouns, modifiers = _noun_ties(mentions, keywords, sentence.start)
    proposals = [(source, target, "support", word, "medium") for source, target, word in nouns]
    verbs = [k for k in keywords if k[3] not in NOUN_WORDS or not any(k[3] == w for _s, _t, w in nouns)]
    free = [m for m in mentions if m.start not in modifiers]
    for n, (k_start, k_end, kind, word) in enumerate(verbs):
        a_start, a_end = sentence.start + k_start, sentence.start + k_end
        stop = sentence.start + (verbs[n + 1][0] if n + 1 < len(verbs) else len(body))
        clause = max([sentence.start + verbs[n - 1][1]] if n else [sentence.start],
                     default=sentence.start)
        clause = max(clause, sentence.start + max(lowered.rfind(",", 0, k_start), lowered.rfind(";", 0, k_start)) + 1)
        before = [m for m in free if m.end <= a_start]
        after = [m for m in free if a_end <= m.start < stop]
        in_clause = list(dict.fromkeys(m.actor for m in before if m.start >= clause))
        if word.startswith(GROUP_WORDS):
            targets = list(dict.fromkeys(m.actor for m in after))
            pairs = [(a, b, "medium") for a, b in combinations(targets, 2)]
        elif before and after:
            pairs = [(before[-1].actor, m.actor, "medium" if m is after[0] else "low") for m in after]
        elif len(in_clause) >= 2:  # 'Moscow gave Ankara the green light'
            pairs = [(in_clause[0], in_clause[-1], "low")]
        else:
            pairs = []  # no actor on one side: no tie guessed
        if kind == "support" and PASSIVE.match(lowered, k_start):
            pairs = [(b, a, c) for a, b, c in pairs]
        proposals += [(a, b, kind, word, c) for a, b, c in pairs]
    claims, seen = [], set()
    for source, target, kind, word, confidence in proposals:
        key = (source, target, kind)
        if source == target or key in seen or (target, source, kind) in seen:
            continue
        seen.add(key)
        claims.append(Claim("ties", {"source": source, "target": target, "type": kind, "intensity": 2,
                                     "start": day.isoformat(), "end": "", "note": ""},
                            body, sentence.start, sentence.end,
                            f"'{word}' between {index.names.get(source, source)} and {index.names.get(target, target)} "
                            f"({SIGNED_TIE_TYPES[kind]})", confidence))
    return claims


def issue_phrases(issues) -> dict[str, list[str]]:
    """The words that name each issue in running text: its title and its optional `aliases` (';'-separated)."""
    aliases = issues["aliases"] if "aliases" in issues.columns else [""] * len(issues)
    return {issue: [title] + [a.strip() for a in str(extra or "").split(";") if a.strip()]
            for issue, title, extra in zip(issues["id"], issues["title"], aliases)}


def _named_issues(lowered: str, phrases: dict[str, list[str]]) -> list[str]:
    return [issue for issue, names in phrases.items()
            if any(re.search(r"(?<!\w)" + re.escape(p.lower()) + r"(?!\w)", lowered) for p in names)]


def _cue(segment: str) -> tuple[int, tuple[int, str]] | None:
    """(+1 or -1, the cue found first) in lower-case text."""
    against, support = _first(AGAINST_CUES, segment), _first(FOR_CUES, segment)
    cue = min((c for c in (against, support) if c), default=None)
    if cue is None:
        return None
    sign = -1 if cue is against else 1
    if NEGATION.search(segment[max(0, cue[0] - 16):cue[0]]):  # 'isn’t accepted', 'did not welcome'
        return -sign, (cue[0], f"{cue[1]} (negated)")
    return sign, cue


def stances(text: str, sentence: Span, index: ActorIndex, phrases: dict[str, list[str]], day: date) -> list[Claim]:
    body = text[sentence.start:sentence.end]
    named = _named_issues(body.lower(), phrases)
    if not named:
        return []
    mentions = _actors(index, index.mentions(text, sentence.start, sentence.end))
    claims = []
    for n, mention in enumerate(mentions):
        stop = mentions[n + 1].start if n + 1 < len(mentions) else sentence.end
        found = _cue(text[mention.end:stop].lower())
        if found is None:
            continue
        position, (_at, word) = found
        for issue in named:
            claims.append(Claim("stances", {"actor": mention.actor, "issue": issue, "date": day.isoformat(),
                                            "position": position, "quote": "", "note": ""},
                                body, sentence.start, sentence.end,
                                f"'{word}' after {mention.surface}, in a sentence naming '{phrases[issue][0]}'",
                                "medium" if len(named) == 1 else "low"))
    return claims


def quote_stances(quotes, phrases: dict[str, list[str]], index: ActorIndex) -> list[Claim]:
    """A quote that names an issue, with a cue of support or opposition in its words: its speaker's stance
    (for whom the speaker speaks), shown by that quote."""
    claims = []
    for quote in quotes:
        actor = quote.on_behalf or quote.speaker
        named = _named_issues(quote.text.lower(), phrases)
        found = _cue(quote.text.lower())
        if not actor or not named or found is None:
            continue
        position, (_at, word) = found
        for issue in named:
            claims.append(Claim("stances", {"actor": actor, "issue": issue, "date": quote.date, "position": position,
                                            "quote": quote.key, "note": ""},
                                quote.evidence, quote.evidence_start, quote.evidence_end,
                                f"'{word}' in {quote.speaker_name}'s quote naming '{phrases[issue][0]}'", "medium"))
    return claims


def territory(text: str, sentence: Span, index: ActorIndex, day: date) -> list[Claim]:
    body = text[sentence.start:sentence.end]
    claims = []
    for match in TERRITORY.finditer(body):
        mentions = [m for m in _actors(index, index.mentions(text, sentence.start, sentence.end))
                    if m.start < sentence.start + match.start()]
        if not mentions or not HOLD_WORDS.search(body):
            continue
        holder = mentions[0]
        claims.append(Claim("territory", {"date": day.isoformat(), "actor": holder.actor, "share_pct": float(match.group("pct")),
                                          "note": "partial: the article gives this faction's share only"},
                            body, sentence.start, sentence.end,
                            f"'{match.group()}' held by the sentence's first actor, {holder.surface}", "medium"))
    return claims


def events(text: str, sentence: Span, index: ActorIndex, article_day: date) -> list[Claim]:
    read = dates.dates_in(text, sentence.start, sentence.end, article_day)
    body = text[sentence.start:sentence.end]
    if not read or not ACTION.search(body) or body.lstrip()[:1] in "\"“":
        return []
    lowered = body.lower()
    kind = next((k for k, words in EVENT_KINDS.items() if any(w in lowered for w in words)), "political")
    actors = list(dict.fromkeys(m.actor for m in index.mentions(text, sentence.start, sentence.end)))
    title = re.sub(r"\s+", " ", body.strip())
    title = title if len(title) <= 80 else title[:79].rsplit(" ", 1)[0] + "…"
    return [Claim("events", {"date": read[0].day.isoformat(), "end": "", "title": title, "kind": kind,
                             "actors": ";".join(actors), "description": ""},
                  body, sentence.start, sentence.end, f"dated by {read[0].reason}", "low" if len(read) > 1 else "medium")]
