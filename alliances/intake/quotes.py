"""Direct quotations in an article and who said them.

A quotation is the text between two double quotation marks of one paragraph (straight or curly, paired in
order; a mark left open runs to the paragraph's end, the convention for a quote that goes on in the next
paragraph). Its speaker comes from the attribution beside it: a speech verb ('said', 'told', 'added', 'according
to', 'in a statement' ...) with a name, a body or a pronoun before or after it. A pronoun is the last person
named before the quote. A quote with no attribution of its own continues the quote before it when nothing but
the quote stands between them; otherwise its speaker stays empty: never guessed. Short quoted words with no
attribution (scare quotes, names of operations) are not proposed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from . import dates
from .names import TITLES, ActorIndex, person_names, surname_key
from .units import Span, containing

MARKS = '"“”„«»'
SPEECH = re.compile(r"(?<![\w-])(?:" + "|".join((
    r"according\s+to", r"in\s+a\s+(?:written\s+|joint\s+)?statement", r"pointed\s+out", r"points\s+out",
    r"(?:said|says|say|saying|told|tells|telling|added|adds|stated|states|declared|declares|noted|notes|stressed|stresses|"
    r"warned|warns|insisted|insists|explained|explains|wrote|writes|tweeted|tweets|posted|asked|asks|replied|replies|"
    r"urged|urges|affirmed|affirms|announced|announces|argued|argues|claimed|claims|commented|continued|concluded|"
    r"emphasi[sz]ed|emphasi[sz]es|underlined|underscored|reiterated|remarked|observed|cautioned|vowed|acknowledged|"
    r"admitted|predicted|recalled|quoted|quoting|called|calls|described|describing|dubbed|termed|branded|"
    r"confirmed|denied|responded|suggested|assured|threatened|demanded|hailed|criticised|criticized|accused|"
    r"revealed|disclosed|expressed|voiced|"
    r"condemned|welcomed|insisting|adding|noting|stressing|warning|declaring|explaining)",
)) + r")(?![\w-])", re.I)
_ROLE_NOUNS = (r"spokesm[ae]n|spokeswom[ae]n|spokesperson|minister|envoy|president|leader|official|officials|commander|"
               r"ambassador|diplomats?|analysts?|source|sources|chief|head|premier|king|emir")
_BODY_NOUNS = (r"ministry|statement|embassy|army|military|group|council|office|agency|government|communiqu[eé]|"
               r"declaration|delegation|command|presidency|kremlin|outlet|newspaper|channel|broadcaster")
NOMINAL = re.compile(rf"(?<!\w)(?:the|a|an|his|her|its|their)\s+(?:[\w’'-]+\s+){{0,3}}(?:{_ROLE_NOUNS}|{_BODY_NOUNS})(?!\w)", re.I)
ROLES = re.compile(rf"(?:{_ROLE_NOUNS})$", re.I)
NOT_A_PERSON = frozenset("""sea forces council nations ministry army party union front conference congress center centre institute
university agency news times post press committee commission republic state states kingdom emirates coalition movement brigade
brigades guard guards corps office department bank fund organization organisation league assembly parliament government
administration authority court airport base square street city province region river mountains desert valley dam
talks summit process plan group reuters daily observatory watch network channel tv television radio agreement accord treaty
house palace east west north south command brotherhood initiative revolution operation shield spring branch peace""".split())
SHORT_WORDS = 4            # fewer words than this, with no attribution: a scare quote or a name, not proposed
WINDOW_VERB_REACH = 160    # after a quote, the speech verb must come within this many characters
REPORTED = re.compile(r"\b(?:[Hh]e|[Ss]he)\s+(?:said|says|added|told|stressed|noted)\b")
PRONOUN_REACH = 1500       # 'he said' refers to someone who spoke at most this many characters before


@dataclass
class Quote:
    start: int                     # the words' offsets in the article (marks excluded)
    end: int
    text: str
    speaker_name: str = ""
    speaker: str = ""
    on_behalf: str = ""
    date: str = ""
    date_reason: str = ""
    verbatim: bool = True
    evidence: str = ""
    evidence_start: int = 0
    evidence_end: int = 0
    reason: str = ""
    context: str = ""
    open_ended: bool = False       # runs on into the next paragraph
    attributed: bool = field(default=False, repr=False)
    tail: int = field(default=0, repr=False)  # where the quote and its attribution after it end
    key: str = ""                  # q1, q2 ... in text order: what a stance shown by this quote refers to


@dataclass(frozen=True)
class _Window:
    start: int
    end: int
    after: bool  # the window follows the quote


# single marks quote too ('eaten alive,' say residents; ‘relations will be addressed ...’), but are also apostrophes:
# an opening one follows a space or a bracket and comes before a letter; a closing one comes before a space,
# a stop or the end (a plural possessive may pass for one: the analyst sees the span)
SINGLE = re.compile(r"(?:(?<=^)|(?<=[\s(\[]))['‘](?=[^\W\d_])([^\n]*?[^\s])['’](?=[\s.,;:!?)\]—–-]|$)", re.M)


def quoted_spans(text: str, paragraphs: list[Span]) -> list[tuple[int, int, bool]]:
    """(start, end, open_ended) of the words inside each pair of marks, in text order."""
    out = []
    for para in paragraphs:
        marks = [i for i in range(para.start, para.end) if text[i] in MARKS]
        spans = [(marks[k] + 1, marks[k + 1], False) for k in range(0, len(marks) - 1, 2)]
        if len(marks) % 2:
            spans.append((marks[-1] + 1, para.end, True))
        for match in SINGLE.finditer(text, para.start, para.end):
            if not any(s - 1 <= match.start() < e + 1 for s, e, _ in spans):  # not a quote inside a quote
                spans.append((match.start(1), match.end(1), False))
        out += sorted(spans)
    return out


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


SPOKE_AFTER = re.compile(r"(?:\s*,[^,.;“”\"]{1,100},)?\s+(?:has\s+|had\s+|also\s+|then\s+|later\s+)?" + SPEECH.pattern, re.I)


@dataclass(frozen=True)
class _Candidate:
    at: int
    name: str
    kind: str  # person, body, pronoun, nominal


class _People:
    """People in the article outside quotes, in order: each with the fullest form of the name the article writes,
    and the people who are the subject of their sentence (whom a later 'he said' most likely means)."""

    def __init__(self, text: str, index: ActorIndex, quoted: list[tuple[int, int]], sentences: list[Span]):
        self.index = index
        self.sentences = sentences
        self.found: list[tuple[int, str]] = []
        fullest: dict[str, str] = {}

        def outside(at: int) -> bool:
            return not any(s <= at < e for s, e in quoted)

        for start, _end, name in person_names(text):
            if outside(start) and _looks_like_person(name, index):
                self.found.append((start, name))
        for mention in index.mentions(text):
            if index.kinds.get(mention.actor) == "person" and outside(mention.start):
                self.found.append((mention.start, mention.surface))
                fullest[surname_key(mention.surface)] = index.names[mention.actor]
        self.found.sort()
        for _start, name in self.found:
            key = surname_key(name)
            if len(name.split()) > len(fullest.get(key, "").split()):
                fullest[key] = name
        self.fullest = fullest
        self.subjects = []
        for sentence in sentences:
            if REPORTED.search(text, sentence.start, sentence.end):
                continue  # 'Barack Obama, he said, reserves the right': the pronoun's person speaks, not Obama
            first = next(((s, n) for s, n in self.found if sentence.start <= s < min(sentence.end, sentence.start + 60)), None)
            if first:
                self.subjects.append(first)
        self.speakers = [(s, n) for s, n in self.found if SPOKE_AFTER.match(text, s + len(n))]

    def spoke(self, offset: int, name: str) -> None:
        """A quote at `offset` was found to be `name`'s: a later 'he said' most likely means them too."""
        self.speakers.append((offset, name))
        self.speakers.sort()

    def last_before(self, offset: int) -> str:
        """Whom a pronoun at `offset` means: whoever came last of the last person who spoke (within a few
        paragraphs) and the last subject of an earlier sentence; else the last person named."""
        sentence = containing(self.sentences, offset)
        own_start = sentence.start if sentence else offset
        spoke = [(start, name) for start, name in self.speakers if offset - PRONOUN_REACH < start < offset]
        subject = [(start, name) for start, name in self.subjects if start < own_start]
        latest = max(spoke[-1:] + subject[-1:], default=None)
        if latest:
            return self.full(latest[1])
        names = [name for start, name in self.found if start < offset]
        return self.full(names[-1]) if names else ""

    def last_of(self, body: str, offset: int) -> str:
        """The last person named before `offset` who speaks for `body` ('the Russian minister' -> Lavrov)."""
        for start, name in reversed(self.found):
            if start < offset and self.index.affiliation.get(self.index.person(name)) == body:
                return self.full(name)
        return ""

    def full(self, name: str) -> str:
        return self.fullest.get(surname_key(name), name)


def _looks_like_person(name: str, index: ActorIndex) -> bool:
    words = name.split()
    if index.person(name):
        return True
    if index.aliases.get(name) or not 2 <= len(words) <= 4 or re.search(r"-(?:backed|led|based|held|controlled)\b", name):
        return False
    parts = [p for w in words for p in w.strip("’'.").split("-")]
    return not any(p.lower() in NOT_A_PERSON or (p in index.aliases and index.kinds.get(index.aliases[p]) != "person")
                   for p in parts)


def _candidates(text: str, start: int, end: int, index: ActorIndex) -> list[_Candidate]:
    persons = {s: n for s, _e, n in person_names(text, start, end) if _looks_like_person(n, index)}
    out = [_Candidate(s, n, "person") for s, n in persons.items()]
    for m in index.mentions(text, start, end):
        if index.kinds.get(m.actor) == "person":
            if m.start not in persons and not any(s <= m.start < s + len(n) for s, n in persons.items()):
                out.append(_Candidate(m.start, m.surface, "person"))
        elif not any(s <= m.start < s + len(n) for s, n in persons.items()):
            out.append(_Candidate(m.start, m.surface, "body"))
    out += [_Candidate(start + m.start(), m.group(), "pronoun")
            for m in re.finditer(r"(?<!\w)(?:[Hh]e|[Ss]he|him|her)(?!\w)", text[start:end])]
    # 'Russian President Vladimir Putin', 'United Nations Secretary-General Antonio Guterres': the person speaks
    out = [c for c in out if c.kind != "body" or not any(
        p.kind == "person" and p.at > c.at and _only_titles(text[c.at + len(c.name):p.at]) for p in out)]
    for m in NOMINAL.finditer(text, start, end):
        out = [c for c in out if not (m.start() <= c.at < m.end())]  # 'the Russian minister': one nominal
        out.append(_Candidate(m.start(), m.group(), "nominal"))
    return sorted(out, key=lambda c: c.at)


def _only_titles(between: str) -> bool:
    words = re.findall(r"[\w’'.-]+", between)
    return len(words) <= 4 and all(w.lower().strip(".") in TITLES or w in ("’s", "'s") for w in words)


def _words_between(text: str, start: int, end: int) -> int:
    return len(re.findall(r"[\w’'-]+", text[start:end]))


def _choose(text: str, found: list[_Candidate], verb_at: int, before_verb: bool, participle: bool) -> _Candidate:
    """The subject among the candidates on one side of the speech verb."""
    persons = [c for c in found if c.kind == "person"]
    if before_verb and participle:  # '..., adding that': the sentence's subject (a person before a body)
        return persons[0] if found[0].kind == "body" and persons else found[0]
    if before_verb:
        nearest = found[-1]
        if re.search(r"\band\b", text[nearest.at + len(nearest.name):verb_at]):  # 'X met Y in Damascus, and called'
            return (persons or found)[0]
        for person in reversed(persons):  # 'Dmitry Polanski, Russia’s representative to the UN, wrote'
            if person is not nearest and re.fullmatch(r"\s*,[^,]{1,150},\s*(?:has\s+|had\s+)?",
                                                      text[person.at + len(person.name):verb_at]):
                return person
        if nearest.kind in ("body", "nominal") and persons and _words_between(text, nearest.at, verb_at) > 3:
            return persons[-1]
        return nearest
    first = found[0]
    if first.kind == "body":  # 'said Germany’s UN Ambassador Peter Wittig'
        following = [p for p in persons if p.at > first.at and _words_between(text, first.at, p.at) <= 5]
        if following:
            return following[0]
    return first


def _subject(text: str, start: int, end: int, verb_at: int, before_verb: bool, participle: bool, index: ActorIndex,
             people: _People) -> tuple[str, str]:
    """(speaker name, how it was found) in text[start:end], on one side of a speech verb."""
    found = _candidates(text, start, end, index)
    if not found:
        return "", ""
    chosen = _choose(text, found, verb_at, before_verb, participle)
    if chosen.kind == "pronoun":
        return people.last_before(chosen.at), f"'{chosen.name}': the last person written of before"
    if chosen.kind == "nominal":
        inner = index.mentions(chosen.name)
        role = ROLES.search(chosen.name) and not re.match(r"an?\s", chosen.name, re.I)  # 'a spokesman': someone new
        if role:
            body = index.aliases.get(inner[0].surface, "") if inner else ""
            person = people.last_of(body, chosen.at) if body else people.last_before(chosen.at)
            if person:
                return person, f"'{chosen.name}': the last {'such ' if body else ''}person written of before"
        if inner:
            return inner[0].surface, f"'{chosen.name}'"
        return chosen.name, f"'{chosen.name}' (not a name: map it to an actor)"
    if chosen.kind == "body":
        return chosen.name, "a body the dataset knows"
    return people.full(chosen.name), "named"


def _attribution(text: str, window: _Window, index: ActorIndex, people: _People) -> tuple[str, str, int, int] | None:
    """(speaker name, reason, verb start, verb end) when the window holds an attribution; ('', 'same sentence', ...)
    when it holds a speech verb with no subject of its own ('..., adding that “...”')."""
    if window.end <= window.start:
        return None
    verbs = list(SPEECH.finditer(text, window.start, window.end))
    if not verbs:
        return None
    verb = verbs[0] if window.after else verbs[-1]
    if window.after and verb.start() - window.start > WINDOW_VERB_REACH:
        return None
    words = verb.group().lower()
    participle = words.endswith("ing")
    quoted_as = re.match(r"\s+(him|her|[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*)\s+as\s+saying", text[verb.end():window.end])
    if words == "quoted" and quoted_as:  # 'the outlet quoted him as saying'
        name, how = _subject(text, verb.end(), verb.end() + quoted_as.end(1), verb.end(), False, False, index, people)
    elif words.startswith("according"):
        name, how = _subject(text, verb.end(), window.end, verb.start(), False, False, index, people)
    else:
        lower = window.start if window.after else max(window.start, verb.start() - 200)
        name, how = _subject(text, lower, verb.start(), verb.start(), True, participle, index, people)
        if not name and not how and not participle:  # after 'adding that' comes what was added, not who
            name, how = _subject(text, verb.end(), window.end, verb.end(), False, participle, index, people)
    if not name and not how:
        return "", "same sentence", verb.start(), verb.end()
    return name, f"{how}, '{verb.group()}'", verb.start(), verb.end()


def find_quotes(text: str, paragraphs: list[Span], sentences: list[Span], index: ActorIndex, article_day: date) -> list[Quote]:
    spans = quoted_spans(text, paragraphs)
    people = _People(text, index, [(s, e) for s, e, _ in spans], sentences)
    quotes: list[Quote] = []
    previous_close = {}
    for number, (start, end, open_ended) in enumerate(spans):
        s, e = _trimmed(text, start, end)
        while e > s and text[e - 1] in " ,;:":  # '“We understand …,” Peskov said': the comma is the sentence's
            e -= 1
        words = text[s:e]
        if not re.search(r"[^\W\d_]", words):
            continue
        para = containing(paragraphs, start)
        first_sentence = containing(sentences, start - 1) or containing(sentences, start)
        last_sentence = containing(sentences, max(start, end - 1))
        prior_mark = previous_close.get(para.start, para.start)
        before = _Window(max(prior_mark, first_sentence.start if first_sentence else para.start), start - 1, after=False)
        next_open = next((o - 1 for o, _e, _ in spans[number + 1:number + 2] if o - 1 < para.end), para.end)
        after_end = min(next_open, last_sentence.end if last_sentence and last_sentence.end > end else para.end)
        after = _Window(end + 1, after_end, after=True) if not open_ended else _Window(end, end, after=True)
        previous_close[para.start] = end + 1
        found = None
        ends_sentence = words.rstrip()[-1:] in ".!?" and words.rstrip()[-1:] != "?"
        if not ends_sentence or (after.end > after.start and text[after.start:after.end].lstrip(" ,")[:1].islower()):
            found = _attribution(text, after, index, people)
        if found is None or not found[0] and found[1] == "same sentence":  # '“...”, adding': the subject is before
            found = _attribution(text, before, index, people) or found
        quote = Quote(s, e, words, open_ended=open_ended, tail=min(end + 1, para.end))
        window = None
        if found is None or not found[0] and found[1] == "same sentence":
            # 'Abdi stated that they agreed on “A”, as well as on “B”': B is the same speaker's
            earlier = quotes[-1] if quotes and before.start == prior_mark and prior_mark > para.start else None
            found = (earlier.speaker_name, f"in the same sentence as the quote before it ({earlier.reason})",
                     earlier.start, earlier.end) if earlier and earlier.attributed else None
        if found:
            name, how, verb_start, _verb_end = found
            quote.speaker_name, quote.reason, quote.attributed = name, f"attribution: {how}", True
            if name and index.kinds.get(index.speaker(name), "person") == "person":
                people.spoke(s, name)
            window = after if verb_start >= end else before
            quote.context = _context(text, window)
            if window is after:
                quote.tail = after.end
        quotes.append(quote)
        quote_sentence_start = first_sentence.start if first_sentence else para.start
        quote_sentence_end = max(last_sentence.end if last_sentence else para.end, after.end)
        quote.evidence_start, quote.evidence_end = quote_sentence_start, quote_sentence_end
        quote.evidence = text[quote_sentence_start:quote_sentence_end]
        read = dates.dates_in(text, window.start, window.end, article_day) if window else []
        if read:
            quote.date, quote.date_reason = read[0].day.isoformat(), read[0].reason
    _continue_chains(text, quotes)
    kept = []
    for quote in quotes:
        if not quote.attributed and len(quote.text.split()) < SHORT_WORDS:
            continue
        if not quote.attributed and all(w[:1].isupper() for w in re.findall(r"[^\W\d_]+", quote.text)):
            continue  # a title in quotation marks
        if not quote.date:
            quote.date, quote.date_reason = article_day.isoformat(), "the article's date"
        quote.speaker = index.speaker(quote.speaker_name) if quote.speaker_name else ""
        quote.on_behalf = index.affiliation.get(quote.speaker, "") if quote.speaker else ""
        if quote.speaker and not quote.on_behalf and index.kinds.get(quote.speaker) != "person":
            quote.on_behalf = ""
        if not quote.reason:
            quote.reason = "no attribution found: speaker left empty"
        quote.key = f"q{len(kept) + 1}"
        kept.append(quote)
    return kept


def _context(text: str, window: _Window) -> str:
    words = text[window.start:window.end].strip(" ,.:;—–-\n")
    return words[:200]


def _continue_chains(text: str, quotes: list[Quote]) -> None:
    """A quote with no attribution takes the speaker of the quote before it when only the quote stands between
    them (the next paragraph of an open-ended quote, or the next sentence with no other name in between); an
    attribution found on a later part of a chain is given back to the earlier parts that lack one."""
    for earlier, later in zip(quotes, quotes[1:]):
        continues = earlier.open_ended or not text[earlier.tail:later.start].strip(" \n.,;:" + MARKS)
        if not continues:
            continue
        if earlier.attributed and not later.attributed:
            later.speaker_name, later.context, later.date, later.date_reason = (earlier.speaker_name, earlier.context,
                                                                                earlier.date, earlier.date_reason)
            later.reason = f"continues the quote before it ({earlier.reason})"
            later.attributed = bool(earlier.speaker_name)
        elif later.attributed and not earlier.attributed and earlier.open_ended:
            earlier.speaker_name, earlier.context, earlier.date, earlier.date_reason = (later.speaker_name, later.context,
                                                                                        later.date, later.date_reason)
            earlier.reason = f"goes on in the quote after it ({later.reason})"
            earlier.attributed = bool(later.speaker_name)
