"""Text safety: every target escapes markup, and the reader sees the text as written."""
from __future__ import annotations

import html
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alliances.rules import SLUG
from alliances.text import for_html, for_markdown, for_plotly, http_url, plotly_lines, shorten, slug

NASTY = ['<b>bold</b>', '<script>alert(1)</script>', 'Tom & Jerry', '"Dawn of Idlib"', "Assad's army", "a < b > c",
         '<img src=x onerror="alert(1)">', "&amp; &lt; &#39;", "[link](javascript:alert(1))", "**not bold** _x_ `code`",
         "# heading", "1. list", "a\\b", "$x$", "~~struck~~", "<!-- c -->", "| a | b |"]


def plotly_shows(text: str) -> str:
    """What plotly.js shows for a text: it converts &lt; &gt; &amp; and numeric entities, not &quot;."""
    text = re.sub(r"&#(\d+);", lambda m: chr(int(m.group(1))), text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def markdown_shows(text: str) -> str:
    """What CommonMark shows for a text whose every special character is backslash-escaped."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


@pytest.mark.parametrize("text", NASTY)
@pytest.mark.parametrize("target, shows, inert", [
    (for_plotly, plotly_shows, lambda out: "<" not in out),
    (plotly_lines, lambda out: plotly_shows(out.replace("<br>", " ")), lambda out: "<" not in out.replace("<br>", "")),
    (for_html, html.unescape, lambda out: not re.search(r"[<>\"']", out)),
    (for_markdown, markdown_shows, lambda out: not re.search(r"(?<!\\)[<>\[\]*_`#|~$&!]", out)),
], ids=["plotly", "plotly_lines", "html", "markdown"])
def test_markup_is_inert_and_reads_as_written(target, shows, inert, text):
    out = target(text)
    assert inert(out), out
    assert shows(out) == text


@given(st.text())
def test_any_text_reads_as_written_in_every_target(text):
    assert plotly_shows(for_plotly(text)) == text
    assert html.unescape(for_html(text)) == text
    assert markdown_shows(for_markdown(text)) == text


def test_plotly_text_keeps_quotation_marks_as_typed():
    """plotly.js shows &quot; literally: a title with quotation marks must reach it unescaped."""
    assert for_plotly('Offensive ("Dawn of Idlib")') == 'Offensive ("Dawn of Idlib")'


@pytest.mark.parametrize("value", [None, float("nan"), ""])
def test_missing_text_is_empty_everywhere(value):
    assert for_plotly(value) == for_html(value) == for_markdown(value) == shorten(value, 5) == ""


@pytest.mark.parametrize("url, expected", [
    ("https://example.org/a?b=1", "https://example.org/a?b=1"),
    ("http://x.org/(a)", "http://x.org/%28a%29"),
    ('https://x.org/"onmouseover=', "https://x.org/%22onmouseover="),
    ("javascript:alert(1)", None), ("data:text/html,x", None), ("/relative", None), ("", None), (None, None),
    ("https://x.org/a b", None), ("HTTPS://x.org", None),
])
def test_only_http_addresses_become_links(url, expected):
    assert http_url(url) == expected


@given(st.text(), st.one_of(st.none(), st.integers(min_value=1, max_value=6)))
def test_a_slug_is_always_a_valid_id_or_the_empty_value(text, words):
    made = slug(text, words)
    assert SLUG.match(made) and len(made.split("-")) <= (words or len(made))
    assert slug(text, words, empty="") in ("", made)


def test_a_slug_keeps_the_first_words_without_apostrophes():
    assert slug("The Observer’s new map, 2018", 4) == "the-observers-new-map"
    assert slug("  ", empty="") == "" and slug(None) == "x"
