"""Paragraphs and sentences of an article, as character spans of its text (offsets are what candidates cite)."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

# words after which a full stop does not end a sentence
ABBREVIATIONS = frozenset("""mr mrs ms dr gen lt col sgt capt maj sen rep gov prof st jan feb mar apr jun jul aug sep sept oct nov dec
no vs etc inc ltd co jr sr u.s u.n u.k e.u a.m p.m approx dept est fig gov't adm cmdr brig rev""".split())
_END = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])")
_PARAGRAPH = re.compile(r"[^\n]+")
_LAST_WORD = re.compile(r"([\w.']+)[.!?…]*[\"”’')\]]*$")


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start:self.end]


def paragraphs(text: str) -> list[Span]:
    """Each non-empty line, trimmed (extracted pages give one paragraph per line)."""
    out = []
    for match in _PARAGRAPH.finditer(text):
        raw = match.group()
        lead = len(raw) - len(raw.lstrip())
        body = raw.strip()
        if body:
            out.append(Span(match.start() + lead, match.start() + lead + len(body)))
    return out


def sentences(text: str) -> list[Span]:
    """Sentences within each paragraph: a stop, then a capital or a digit; not after an abbreviation or an initial."""
    out = []
    for para in paragraphs(text):
        body = para.of(text)
        begin = 0
        for match in _END.finditer(body):
            word = _LAST_WORD.search(body[begin:match.end()])
            token = word.group(1).lower().rstrip(".") if word else ""
            if match.group().startswith(".") and (token in ABBREVIATIONS or (len(token) == 1 and token.isalpha())):
                continue
            out.append(Span(para.start + begin, para.start + match.end()))
            begin = match.end()
            while begin < len(body) and body[begin].isspace():
                begin += 1
        if begin < len(body):
            out.append(Span(para.start + begin, para.end))
    return out


def containing(spans: list[Span], offset: int) -> Span | None:
    """The span (of `spans`, in text order) that holds `offset`, if any."""
    i = bisect_right([s.start for s in spans], offset) - 1
    return spans[i] if i >= 0 and offset < spans[i].end else None
