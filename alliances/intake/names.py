"""Who an article names: the dataset's actors (by name, the parts of a name such as 'SDF' in
'Democratic Forces (DF/PU)', a person's surname, and the optional `aliases` column), and the
capitalised names of people the dataset does not know yet."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import pandas as pd

# words that stand before a name and are not part of it
TITLES = frozenset("""president vice prime minister foreign defence defense interior deputy secretary-general secretary general gen
spokesman spokeswoman spokesperson press envoy special ambassador chief commander lieutenant colonel col major lt mr mrs ms dr sheikh
king emir prince crown senator sen rep representative leader head chairman chairwoman director officer official adviser advisor
presidential ministry ministers un us u.s. said told added former top senior new acting opposition rebel army foreign-minister
state""".split())
PARTICLES = frozenset("al el bin ibn de di da van von abu bint du der la le ben".split())
NOT_NAMES = frozenset("""january february march april may june july august september october november december monday tuesday
wednesday thursday friday saturday sunday the a an but and or in on at of for with from by to as if it its this that these those
meanwhile however we they he she i you our their his her there here when while after before since during all""".split())
_ABBREVIATED_TITLES = frozenset("mr mrs ms dr gen lt col sgt capt maj sen rep gov prof st jr sr".split())

_UPPER = "A-ZÀ-ÖØ-Þ"
_WORD = rf"[{_UPPER}][^\W\d_]*(?:[’'\-][^\W\d_]+)*\.?"
_PARTICLE = r"(?:al|el|bin|ibn|de|di|da|van|von|abu|Abu|bint|du|der|la|le|ben)"
NAME = re.compile(rf"(?<![\w’'\-.])(?:{_PARTICLE}-)?{_WORD}(?:\s+(?:{_PARTICLE}[\s-])?(?:{_PARTICLE}-)?{_WORD})*")
_POSSESSIVE = re.compile(r"[’']s?$")


@dataclass(frozen=True)
class Mention:
    actor: str
    start: int
    end: int
    surface: str


def folded(text: str) -> str:
    """Without accents: 'Erdoğan' -> 'Erdogan', as many English texts write it."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).replace("ı", "i")


def surname_key(name: str) -> str:
    """The part of a name that identifies a person in running text: 'Bashar al-Assad' -> 'assad'."""
    last = _POSSESSIVE.sub("", name.strip().split()[-1]) if name.strip() else ""
    return re.sub(r"^(?:al|el|ad|as|ash|ar|an|at|az)-", "", folded(last).lower())


def _name_parts(name: str) -> list[str]:
    """'Democratic Forces (DF/PU)' -> the whole, the words before the brackets, and DF, PU."""
    parts = [name]
    bracket = re.match(r"^(.*?)\s*\(([^)]*)\)\s*$", name)
    if bracket:
        parts.append(bracket.group(1))
        parts.extend(p.strip() for p in re.split(r"[/,;]", bracket.group(2)))
    return [p for p in parts if len(p) >= 2]


class ActorIndex:
    """Finds the dataset's actors in text. Longest alias first; a surname only when one person has it."""

    def __init__(self, actors: pd.DataFrame):
        self.names = dict(zip(actors["id"], actors["name"]))
        self.kinds = dict(zip(actors["id"], actors["kind"]))
        self.affiliation = {a: (f if isinstance(f, str) else "") for a, f in zip(actors["id"], actors["affiliation"])}
        aliases: dict[str, str] = {}
        surnames: dict[str, set[str]] = {}
        alias_column = actors["aliases"] if "aliases" in actors.columns else pd.Series([""] * len(actors), index=actors.index)
        for actor, name, kind, extra in zip(actors["id"], actors["name"], actors["kind"], alias_column):
            written = _name_parts(name) + [a.strip() for a in str(extra or "").split(";") if a.strip()]
            for alias in written + [folded(w) for w in written]:
                aliases.setdefault(alias, actor)
                if alias[0].islower():
                    aliases.setdefault(alias[0].upper() + alias[1:], actor)
            if kind == "person":
                surnames.setdefault(name.split()[-1], set()).add(actor)
                surnames.setdefault(folded(name.split()[-1]), set()).add(actor)
                plain = name.split()[-1].split("-", 1)[-1] if re.match(r"^(?:al|el)-", name.split()[-1]) else ""
                if plain:
                    surnames.setdefault(plain, set()).add(actor)
        for surname, owners in surnames.items():
            if len(owners) == 1 and surname not in aliases and len(surname) > 2:
                aliases[surname] = next(iter(owners))
        self.by_surname = {surname_key(s): next(iter(o)) for s, o in surnames.items() if len(o) == 1}
        self.aliases = aliases
        ordered = sorted(aliases, key=len, reverse=True)
        self._pattern = re.compile(r"(?<![\w])(" + "|".join(map(re.escape, ordered)) + r")(?![\w]|-[A-Z])") if ordered else None

    def mentions(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        if self._pattern is None:
            return []
        end = len(text) if end is None else end
        return [Mention(self.aliases[m.group(1)], m.start(), m.end(), m.group(1))
                for m in self._pattern.finditer(text, start, end)]

    def person(self, name: str) -> str:
        """The person actor a written name refers to ('' when none or several could)."""
        for actor, known in self.names.items():
            if self.kinds.get(actor) == "person" and folded(known).lower() == folded(name).lower():
                return actor
        actor = self.aliases.get(name.strip())
        if actor and self.kinds.get(actor) == "person":
            return actor
        return self.by_surname.get(surname_key(name), "")

    def speaker(self, name: str) -> str:
        """The actor a speaker's name refers to: a person by name or surname, or a body by its name or alias."""
        return self.person(name) or self.aliases.get(name.strip(), "")


def person_names(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """Capitalised names in text[start:end] with their leading titles dropped: (start, end, name).

    A name is two or more capitalised words (particles such as al-, bin, de allowed), not a month, weekday or
    common word; a single word is kept only after a title ('President Putin') or as a possessive-free surname the
    caller already knows."""
    end = len(text) if end is None else end
    out = []
    for match in NAME.finditer(text, start, end):
        for group in _split_at_stops(match):
            name = _without_titles(group)
            if name:
                out.append(name)
    return out


def _split_at_stops(match: re.Match) -> list[list[tuple[int, str]]]:
    """The match's words, split where a word ends a sentence ('Tuesday. Secretary-General Antonio Guterres')."""
    groups: list[list[tuple[int, str]]] = [[]]
    for word in re.finditer(r"\S+", match.group()):
        groups[-1].append((match.start() + word.start(), word.group()))
        token = word.group()
        if token.endswith(".") and len(token) > 2 and token.lower().rstrip(".") not in TITLES | _ABBREVIATED_TITLES:
            groups.append([])
    return [g for g in groups if g]


def _without_titles(words: list[tuple[int, str]]) -> tuple[int, int, str] | None:
    """The name after its titles: 'Germany’s UN Ambassador Peter Wittig' -> 'Peter Wittig'."""
    last_title = max((i for i, (_at, w) in enumerate(words[:-1])
                      if w.lower().rstrip(".") in TITLES or _POSSESSIVE.search(w)), default=-1)
    words = words[last_title + 1:]
    while words and (words[0][1].lower().rstrip(".") in TITLES or words[0][1].lower().rstrip(".") in NOT_NAMES):
        words = words[1:]
    while words and words[-1][1].lower().rstrip(".") in NOT_NAMES:
        words = words[:-1]
    if not words:
        return None
    name = _POSSESSIVE.sub("", " ".join(w for _, w in words)).rstrip(".")
    return words[0][0], words[0][0] + len(name), name
