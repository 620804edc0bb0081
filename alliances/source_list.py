"""The Sources page's table: every source, how many rows of each table cite it, and a search over it."""
from __future__ import annotations

import re

import pandas as pd

from .dataset import Dataset
from .quotes import fold
from .schema import TABLES, split_ids
from .text import is_http_url

# how a source's date is known, as the table says it (an undated source says why, never an empty cell)
DATED = {"page": "shown on the page", "address": "from the page's address", "none shown": "no date on the page",
         "not found again": "page not found again"}
CITING_TABLES = tuple(name for name, table in TABLES.items() if "source_id" in table.column_names)


def source_labels(ds: Dataset, ids=None) -> dict[str, str]:
    """Source id -> 'Publisher, “Title”, YYYY-MM-DD': how a hover cites the document behind a point (every source's,
    or only those of `ids`)."""
    s = ds.sources if ids is None else ds.sources[ds.sources["id"].isin(set(ids))]
    dated = s["date"].dt.strftime(", %Y-%m-%d").fillna("")
    return dict(zip(s["id"], s["publisher"] + ", “" + s["title"] + "”" + dated))


def source_list(ds: Dataset) -> pd.DataFrame:
    """One row per source, newest first: date, publisher, title, kind, url (http(s) only), `cited by`, and
    a hidden folded `_search` text for search_sources."""
    counts = pd.DataFrame({name: pd.Series([s for first, more in zip(ds.table(name)["source_id"],
                                                                     ds.table(name)["more_sources"])
                                            for s in dict.fromkeys([first, *split_ids(more)])]).value_counts()
                           for name in CITING_TABLES})
    counts = counts.reindex(ds.sources["id"]).fillna(0).astype(int)
    cited_by = [", ".join(f"{n} {name}" for name, n in zip(CITING_TABLES, row) if n) or "no row"
                for row in counts.itertuples(index=False)]
    out = pd.DataFrame({
        "date": ds.sources["date"].dt.date, "dated": ds.sources["date_basis"].map(DATED).fillna(""),
        "publisher": ds.sources["publisher"], "title": ds.sources["title"],
        "kind": ds.sources["kind"], "cited by": cited_by, "rows citing": counts.sum(axis=1).to_numpy(),
        "url": ds.sources["url"].where(ds.sources["url"].map(is_http_url), None),
        "id": ds.sources["id"],
    })
    out["_search"] = (out["publisher"].fillna("") + " " + out["title"].fillna("") + " " + out["kind"] + " "
                      + out["id"] + " " + out["url"].fillna("")).map(fold)
    return out.sort_values("date", ascending=False, na_position="last", kind="stable").reset_index(drop=True)


def search_sources(table: pd.DataFrame, text: str) -> pd.DataFrame:
    """Rows whose publisher, title, kind, id or url contain every word of `text` (case and accents ignored)."""
    keep = pd.Series(True, index=table.index)
    for word in fold(text).split():
        keep &= table["_search"].str.contains(re.escape(word), regex=True)
    return table[keep]
