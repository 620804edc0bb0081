"""A dataset template for analysts: one sheet per table with its headers and one example row,
and a 'dictionary' sheet generated from the schema."""
from __future__ import annotations

import io
from functools import lru_cache

import pandas as pd

from .schema import TABLES

EXAMPLE = {
    "actors": {"id": "russia", "name": "Russia", "kind": "state", "affiliation": "", "bloc": "Example bloc",
               "iso3": "RUS", "wikidata": "Q159", "description": "Assad's main military backer from 2015."},
    "relations": {"source": "russia", "target": "russia-ally", "type": "support", "intensity": "3", "start": "2015-09-30",
                  "end": "", "source_id": "example-source", "note": "One sentence on what the tie was."},
    "issues": {"id": "example-issue", "title": "Example issue", "question": "Should the example happen?"},
    "stances": {"actor": "russia", "issue": "example-issue", "date": "2018-01-30", "position": "2",
                "source_id": "example-source", "quote_id": "russia-2018-01-30-example", "note": "One sentence."},
    "quotes": {"id": "russia-2018-01-30-example", "date": "2018-01-30", "speaker": "russia", "on_behalf": "",
               "text": "The exact words, if verbatim is true.", "verbatim": "true", "issue": "example-issue",
               "source_id": "example-source", "context": "where and how it was said"},
    "territory": {"date": "2018-01-30", "actor": "russia-ally", "share_pct": "100", "source_id": "example-source",
                  "note": "shares of one date and source add up to 100"},
    "regions": {"name": "Capital", "row": "0", "col": "0"},
    "control": {"region": "Capital", "date": "2018-01-30", "actor": "russia-ally", "share": "most",
                "source_id": "example-source", "note": "One sentence."},
    "groups": {"group": "example-group", "title": "Example group", "actor": "russia"},
    "events": {"id": "example-event", "date": "2018-01-30", "end": "", "title": "Example event", "kind": "diplomacy",
               "actors": "russia;russia-ally", "source_id": "example-source", "description": "One or two sentences."},
    "sources": {"id": "example-source", "publisher": "Publisher", "title": "Headline", "date": "2018-01-30",
                "url": "https://example.org/article", "kind": "news"},
}
EXTRA_ROWS = {"actors": [{"id": "russia-ally", "name": "An ally", "kind": "government", "bloc": "Example bloc"}]}


def template_tables() -> dict[str, pd.DataFrame]:
    """One small valid dataset: the example rows of every table."""
    out = {}
    for name, table in TABLES.items():
        rows = [EXAMPLE[name]] + EXTRA_ROWS.get(name, [])
        out[name] = pd.DataFrame([{c: row.get(c, "") for c in table.column_names} for row in rows])
    return out


@lru_cache(maxsize=1)
def dictionary() -> pd.DataFrame:
    """Every column of every table: kind, whether required, meaning and allowed values (treat as read-only)."""
    return pd.DataFrame([{"table": t.file, "column": c.name, "kind": c.kind + (f" -> {c.ref}" if c.ref else ""),
                          "required": "yes" if c.required else "optional column" if c.optional else "",
                          "meaning": c.doc,
                          "allowed": ", ".join(map(str, c.allowed)) or (f"{c.low:g} to {c.high:g}" if c.low is not None else "")}
                         for t in TABLES.values() for c in t.columns])


@lru_cache(maxsize=1)
def template_workbook() -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        dictionary().to_excel(writer, sheet_name="dictionary", index=False)
        for name, frame in template_tables().items():
            frame.to_excel(writer, sheet_name=name, index=False)
    return buffer.getvalue()


def contract_markdown() -> str:
    """Every table and column as markdown (docs/data-contract.md's generated part; a test compares)."""
    from .schema import TABLES

    columns = dictionary()
    out = []
    for table in TABLES.values():
        out.append(f"### {table.file}{' (optional)' if table.optional else ''}\n{table.doc}.\n")
        out.append("| column | kind | required | meaning | allowed |\n|---|---|---|---|---|")
        for row in columns[columns["table"] == table.file].itertuples():
            out.append(f"| {row.column} | {row.kind} | {row.required} | {row.meaning.replace('|', '/')} | {row.allowed} |")
        if table.checks:
            out.append("\nAlso checked: " + "; ".join(rule.text for rule in table.checks) + ".")
        out.append("")
    return "\n".join(out).rstrip() + "\n"
