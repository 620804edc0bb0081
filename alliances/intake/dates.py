"""Dates written in an article ('on Tuesday', 'on the eve of', 'earlier this month', 'in December', '14 May 2018'),
read against the article's own date. dateparser reads what it can; the newsroom conventions it does not know are
rules here, each saying how the day was read."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

import dateparser

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_MONTH_OR_ABBR = rf"(?:{_MONTH}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?)"  # abbreviated: only beside a day
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?:19|20)\d{2}"
EXPRESSION = re.compile("|".join((
    rf"(?P<iso>\b{_YEAR}-\d{{2}}-\d{{2}}\b)",
    rf"(?P<dmy>\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_OR_ABBR}(?:,?\s+{_YEAR})?\b)",
    rf"(?P<mdy>\b{_MONTH_OR_ABBR}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+{_YEAR}\b)?)",
    rf"(?P<part>\b(?:[Ee]arly|[Mm]id|[Ll]ate)[-\s]{_MONTH}(?:\s+{_YEAR})?\b)",
    r"(?P<eve>\b[Oo]n\s+the\s+eve\s+of\b)",
    r"(?P<earlier>\b(?:[Ee]arlier|[Ll]ater)\s+this\s+(?:week|month|year)\b)",
    r"(?P<last>\b[Ll]ast\s+(?:week|month|year)\b)",
    r"(?P<relday>\b(?:[Yy]esterday|[Tt]oday|[Tt]onight|[Tt]his\s+(?:morning|afternoon|evening))\b)",
    rf"(?P<weekday>\b(?:(?:[Oo]n|[Ll]ast|[Tt]his)\s+)?{_WEEKDAY}\b)",
    rf"(?P<month>\b(?:[Ii]n\s+|[Ll]ast\s+|[Tt]his\s+)?{_MONTH}(?:\s+{_YEAR})?\b)",
    rf"(?P<year>\b[Ii]n\s+{_YEAR}\b)",
)))
_SETTINGS = {"PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False}


@dataclass(frozen=True)
class DateRead:
    day: date
    written: str       # the words read
    reason: str        # how the day was read from them
    start: int = -1    # where the words are in the article (-1: not from the text)


@lru_cache(maxsize=4096)
def _parse(words: str, base: date) -> date | None:
    settings = dict(_SETTINGS, RELATIVE_BASE=datetime(base.year, base.month, base.day))
    parsed = dateparser.parse(words, languages=["en"], settings=settings)
    return parsed.date() if parsed else None


def _month_number(words: str) -> int:
    lowered = words.lower()
    return next(i for i, m in enumerate(MONTHS, 1) if m.lower()[:3] in lowered)


def _latest_month(month: int, base: date) -> date:
    year = base.year if month <= base.month else base.year - 1
    return date(year, month, 1)


def read(words: str, kind: str, base: date) -> tuple[date, str] | None:
    """The day `words` (matched as `kind`) mean in an article dated `base`, and how it was read."""
    if kind == "eve":
        return base - timedelta(days=1), "'on the eve of' read as the day before the article's date"
    if kind == "earlier":
        unit = words.split()[-1]
        if unit == "week":
            return base - timedelta(days=base.weekday()), "'this week': the week's Monday (day approximate)"
        if unit == "month":
            return base.replace(day=1), "'this month': the month's first day (day approximate)"
        return base.replace(month=1, day=1), "'this year': 1 January (day approximate)"
    if kind == "weekday":
        name = words.split()[-1]
        if name == base.strftime("%A") and not words.lower().startswith("last"):
            return base, f"'{name}' is the article's own day"
    if kind == "part":
        month = _month_number(words)
        year = re.search(_YEAR, words)
        first = date(int(year.group()), month, 1) if year else _latest_month(month, base)
        day = {"early": 5, "mid": 15, "late": 25}[re.match(r"[a-z]+", words.lower()).group()]
        return first.replace(day=day), f"'{words}' read as the {day}th (day approximate)"
    if kind == "month":
        month = _month_number(words)
        year = re.search(_YEAR, words)
        first = date(int(year.group()), month, 1) if year else _latest_month(month, base)
        return first, f"'{words}': the month's first day (day approximate)"
    if kind == "year":
        return date(int(re.search(_YEAR, words).group()), 1, 1), f"'{words}': 1 January (day approximate)"
    cleaned = re.sub(r"^(?:on|in|this)\s+", "", words, flags=re.I)
    day = _parse(cleaned, base)
    if day is None:
        return None
    if kind in ("dmy", "mdy") and not re.search(_YEAR, words) and day > base:
        day = day.replace(year=day.year - 1)
    return day, f"'{words}' read against the article's date ({base.isoformat()})"


def dates_in(text: str, start: int, end: int, base: date) -> list[DateRead]:
    """Every date written in text[start:end], in order."""
    out = []
    for match in EXPRESSION.finditer(text, start, end):
        kind = match.lastgroup
        result = read(match.group(), kind, base)
        if result:
            out.append(DateRead(result[0], match.group(), result[1], match.start()))
    return out
