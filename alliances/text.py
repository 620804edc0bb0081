"""Text safety: dataset and link text is data, never markup. One function per place text can land.

- `for_plotly`: hover, tick, legend and annotation text. plotly.js reads tags (`<b>`, `<a href>`) there and
  converts `&lt; &gt; &amp;` and numeric entities, but shows `&quot;` as typed: quotation marks stay as they are.
- `for_html`: our own HTML files and attributes (the briefing pack), where `"` and `'` must be escaped too.
- `for_markdown`: Streamlit markdown, where every markdown and HTML character is escaped with a backslash.
- `http_url`: an address that may become a link (http or https only), or None.
- `slug`: text as an id ('Agency A' -> 'agency-a'), as ids and dataset names are written.
"""
from __future__ import annotations

import html
import re
import textwrap

import pandas as pd

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$&:])")
_HTTP_URL = re.compile(r"^https?://\S+$")


def plain(value) -> str:
    """`value` as text: '' for None, NaN and NaT."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value)


def shorten(value, limit: int | None) -> str:
    """`value` as text, cut to `limit` characters with an ellipsis (not escaped)."""
    text = plain(value)
    return text if not limit or len(text) <= limit else text[: limit - 1].rstrip() + "…"


def for_plotly(value, limit: int | None = None) -> str:
    """Text for a plotly figure, shown as written: tags made inert, cut to `limit` characters."""
    return html.escape(shorten(value, limit), quote=False)


def plotly_lines(value, width: int = 70) -> str:
    """Text for a plotly hover, escaped and wrapped in lines of about `width` characters joined by <br>."""
    return "<br>".join(html.escape(line, quote=False) for line in textwrap.wrap(plain(value), width) or [""])


def for_html(value) -> str:
    """Text for an HTML document of our own, in an element or a quoted attribute."""
    return html.escape(plain(value), quote=True)


def for_markdown(value) -> str:
    """Text for st.markdown and the labels Streamlit renders as markdown: every special character escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", plain(value))


def is_http_url(value) -> bool:
    return isinstance(value, str) and bool(_HTTP_URL.match(value))


def http_url(value) -> str | None:
    """The address if it is http(s), with what would end a markdown link or an HTML attribute percent-encoded;
    else None (javascript:, data:, relative or empty)."""
    if not is_http_url(value):
        return None
    for char, code in (("(", "%28"), (")", "%29"), ("<", "%3C"), (">", "%3E"), ('"', "%22"), ("'", "%27")):
        value = value.replace(char, code)
    return value


def slug(text, words: int | None = None, empty: str = "x") -> str:
    """Lowercase letters and digits of `text`, its first `words` words joined by hyphens ('The Observer's new
    map' -> 'the-observers-new-map'); `empty` when it has none."""
    parts = re.findall(r"[a-z0-9]+", plain(text).lower().replace("’", "").replace("'", ""))
    return "-".join(parts[:words]) or empty
