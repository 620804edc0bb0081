"""The article to read: text pasted or a saved page uploaded (.html, .htm, .txt), and its source details.

A saved page goes through trafilatura, which keeps the article and drops the page's menus, footers and appeals
and reads the page's title, date, site name and address where it has them. Bad input raises IntakeError with a
sentence for the analyst: empty, binary, too big, or no sentence to read.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

MAX_ARTICLE_BYTES = 2 * 1024 * 1024   # a long article is some 60 KB of text; a saved page with inline images far more
MAX_TEXT_CHARS = 300_000              # what is read of the extracted text (about 50,000 words)
PAGE_SUFFIXES = (".html", ".htm", ".xhtml")
TEXT_SUFFIXES = (".txt", ".text", ".md")
_LOOKS_LIKE_PAGE = re.compile(r"^\s*(?:<!doctype\s+html|<html[\s>])", re.I)
_SENTENCE = re.compile(r"[^\W\d_]{2,}(?:\W+[^\W\d_]+){3,}")


class IntakeError(ValueError):
    """An article that cannot be read, with the reason in the analyst's words."""


@dataclass(frozen=True)
class Article:
    text: str
    url: str = ""
    publisher: str = ""
    title: str = ""
    date: date | None = None

    def with_details(self, **details) -> Article:
        """The same text with the source details given (empty ones leave what the page said)."""
        return replace(self, **{k: v for k, v in details.items() if v not in (None, "")})


def from_text(text: str, name: str = "the pasted text") -> Article:
    """An article from text as pasted; a whole HTML page pasted is read as a page."""
    if _LOOKS_LIKE_PAGE.match(text or ""):
        return from_page(text, name)
    return _checked(Article(_normalised(text or "")), name)


def from_upload(filename: str, data: bytes) -> Article:
    lower = filename.lower()
    if not data:
        raise IntakeError(f"{filename} is empty.")
    if len(data) > MAX_ARTICLE_BYTES:
        raise IntakeError(f"{filename} is {len(data) / 2**20:.1f} MB; an article file may be up to "
                          f"{MAX_ARTICLE_BYTES / 2**20:.0f} MB. Save the page as text or HTML only (no images).")
    if not lower.endswith(PAGE_SUFFIXES + TEXT_SUFFIXES):
        raise IntakeError(f"{filename}: upload a saved page (.html, .htm) or a text file (.txt).")
    if b"\x00" in data[:4096]:
        raise IntakeError(f"{filename} is not text (it looks like a binary file).")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IntakeError(f"{filename} is not UTF-8 text (byte {exc.start + 1}); save it as UTF-8.") from None
    if lower.endswith(PAGE_SUFFIXES) or _LOOKS_LIKE_PAGE.match(text):
        return from_page(text, filename)
    return _checked(Article(_normalised(text)), filename)


def from_page(html: str, name: str) -> Article:
    import trafilatura  # imported on first use: it costs a quarter of a second, and most sessions never read a page

    try:
        extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
    except Exception as exc:  # lxml and trafilatura raise many kinds for broken markup
        raise IntakeError(f"{name} could not be read as a web page ({type(exc).__name__}).") from None
    if extracted is None or not (extracted.text or "").strip():
        raise IntakeError(f"{name}: no article text was found in the page.")
    published = None
    if extracted.date:
        try:
            published = date.fromisoformat(extracted.date[:10])
        except ValueError:
            published = None
    article = Article(_normalised(extracted.text), url=extracted.url or "", publisher=extracted.sitename or extracted.hostname or "",
                      title=extracted.title or "", date=published)
    return _checked(article, name)


def _normalised(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", text)
    return text[:MAX_TEXT_CHARS]


def _checked(article: Article, name: str) -> Article:
    if not article.text.strip():
        raise IntakeError(f"{name} is empty.")
    if not _SENTENCE.search(article.text):
        raise IntakeError(f"{name} holds no sentence to read (at least four words are needed).")
    return article
