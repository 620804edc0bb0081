"""Sources: every source with the rows that cite it, and the data dictionary."""
import pandas as pd
import streamlit as st

from alliances.schema import TABLES
from app.layout import md, page, source_markdown, table_downloads

ds, _day = page("Sources", "Every row of the dataset cites one of these sources.")
citing = {name: ds.table(name)["source_id"].value_counts() for name in TABLES if "source_id" in TABLES[name].column_names}
counts = pd.DataFrame(citing).fillna(0).astype(int)
for src in ds.sources.sort_values("date", ascending=False).itertuples():
    used = counts.loc[src.id] if src.id in counts.index else pd.Series(dtype=int)
    uses = ", ".join(f"{n} {t}" for t, n in used.items() if n)
    st.markdown(f"- {source_markdown(ds, src.id)} · *{md(src.kind)}* · cited by {md(uses or 'no row')}")

st.header("Data dictionary")
st.caption("Generated from the schema the loader checks, so it always matches what is enforced.")
for table in TABLES.values():
    st.subheader(table.file + (" (optional)" if table.optional else ""))
    st.markdown(md(table.doc))
    columns = pd.DataFrame([{"column": c.name, "kind": c.kind + (f" → {c.ref}" if c.ref else ""),
                            "required": "yes" if c.required else "", "meaning": c.doc,
                            "allowed": ", ".join(map(str, c.allowed)) or (f"{c.low:g} to {c.high:g}" if c.low is not None else "")}
                           for c in table.columns])
    st.table(columns)
    table_downloads(columns, f"data-dictionary-{table.name}", key=f"dictionary_{table.name}")
    if table.checks:
        st.caption("Also checked: " + "; ".join(table.checks))
