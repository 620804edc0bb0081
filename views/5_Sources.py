"""Sources: every source with the rows that cite it, and the data dictionary."""
import streamlit as st

from alliances.schema import TABLES
from alliances.template import dictionary
from alliances.text import for_markdown
from app import cache
from app.layout import page, table_downloads
from app.state import bound_text, tabs_in_url

ds, _day = page("Sources", "Every row of the dataset cites one of these sources.")
sources_tab, dictionary_tab = tabs_in_url(["Sources", "Data dictionary"], key="part")


def source_list() -> None:
    table = cache.sources_table(ds)
    search = bound_text("Search sources (publisher, title, kind, id or address)", key="source_q",
                        placeholder="e.g. jusoor, reuters 2018")
    shown = cache.sources_matching(ds, search) if search else table
    st.caption(f"**{len(shown)}** of {len(table)} sources. Click a column to sort; the link opens the page cited.")
    st.dataframe(shown, hide_index=True, key="sources",
                 column_order=["date", "dated", "publisher", "title", "kind", "cited by", "url", "id"],
                 column_config={"date": st.column_config.DateColumn("date", format="YYYY-MM-DD"),
                                "url": st.column_config.LinkColumn("link", display_text="open", width="small"),
                                "title": st.column_config.TextColumn("title", width="large")})
    table_downloads(shown, "sources", key="sources")


def data_dictionary() -> None:
    st.caption("Generated from the schema the loader checks, so it always matches what is enforced.")
    columns = dictionary()
    table_downloads(columns, "data-dictionary", key="dictionary")
    for table_spec in TABLES.values():
        st.subheader(table_spec.file + (" (optional)" if table_spec.optional else ""))
        st.markdown(for_markdown(table_spec.doc))
        st.dataframe(columns[columns["table"] == table_spec.file].drop(columns="table"), hide_index=True,
                     key=f"dictionary_{table_spec.file}")
        if table_spec.checks:
            st.caption("Also checked: " + "; ".join(rule.text for rule in table_spec.checks))


# only the open tab runs
if sources_tab.open:
    with sources_tab:
        source_list()
if dictionary_tab.open:
    with dictionary_tab:
        data_dictionary()
