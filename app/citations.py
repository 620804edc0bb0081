"""How a page cites a row's sources in markdown: escaped, and linked where the source has an http(s) address."""
from __future__ import annotations

import pandas as pd

from alliances.dataset import Dataset
from alliances.presentation import day_text
from alliances.schema import row_sources
from alliances.text import for_markdown, http_url


def source_markdown(ds: Dataset, source_id: str, short: bool = False) -> str:
    """'Publisher, “Title”, date' (or 'Publisher, date' when `short`) as escaped markdown,
    linked when the source has an http(s) url."""
    src = ds.source_by_id.get(source_id)
    if src is None:
        return for_markdown(source_id)
    label = for_markdown(src["publisher"]) + ("" if short else f", “{for_markdown(src['title'])}”") + \
        (f", {day_text(src['date'])}" if pd.notna(src["date"]) else "")
    url = http_url(src["url"])
    return f"[{label}]({url})" if url else label


def sources_markdown(ds: Dataset, source_id: str, more_sources="", short: bool = False) -> str:
    """A row's source and every further page it rests on (its `more_sources`), each as `source_markdown` writes it:
    'Reuters, “…”, 30 Jan 2018; also AFP, “…”'."""
    first, *more = row_sources(source_id, more_sources) or [""]
    return source_markdown(ds, first, short) + "".join(f"; also {source_markdown(ds, s, short)}" for s in more)
