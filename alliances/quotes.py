"""The record of statements: filter and search quotes, and cite them."""
from __future__ import annotations

import unicodedata

import pandas as pd

from .dataset import Dataset


def fold(text: str) -> str:
    """Lowercase without accents, so that 'erdogan' finds 'Erdoğan'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ı", "i")


def quotes_table(ds: Dataset) -> pd.DataFrame:
    """Quotes joined with speaker name, the actor spoken for, and the source, newest first."""
    names = ds.actors.set_index("id")["name"]
    q = ds.quotes.copy()
    q["speaker_name"] = q["speaker"].map(names)
    q["on_behalf_name"] = q["on_behalf"].map(names).fillna("")
    src = ds.sources.set_index("id")
    q["publisher"] = q["source_id"].map(src["publisher"])
    q["_search"] = (q["text"] + " " + q["speaker_name"] + " " + q["on_behalf_name"] + " " + q["context"]).map(fold)
    return q.sort_values(["date", "id"], ascending=[False, True]).reset_index(drop=True)


def filter_quotes(table: pd.DataFrame, *, search: str = "", speakers=(), start=None, end=None,
                  verbatim_only: bool = False) -> pd.DataFrame:
    """Rows of `quotes_table` matching every given filter; `search` ignores case and accents."""
    keep = pd.Series(True, index=table.index)
    if search.strip():
        for word in fold(search).split():
            keep &= table["_search"].str.contains(word, regex=False)
    if speakers:
        keep &= table["speaker"].isin(speakers)
    if start is not None:
        keep &= table["date"] >= pd.Timestamp(start)
    if end is not None:
        keep &= table["date"] <= pd.Timestamp(end)
    if verbatim_only:
        keep &= table["verbatim"]
    return table[keep]


def citation(quote: pd.Series, ds: Dataset) -> str:
    """A ready-to-paste citation: speaker, role, date, context — publisher."""
    actor = ds.actors.set_index("id").loc[quote["speaker"]]
    who = actor["name"] + (f", {actor['description'].rstrip('.')}" if actor["kind"] == "person" and actor["description"] else "")
    when = quote["date"].strftime("%-d %b %Y")
    context = f", {quote['context']}" if quote["context"] else ""
    return f"{who}, {when}{context} — {quote['publisher']}"
