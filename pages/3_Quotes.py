"""Quotes: who said what, when, and on whose behalf."""
import streamlit as st

from alliances import figures
from alliances.quotes import filter_quotes
from app import cache
from app.layout import day_text, md, page, source_markdown

ds, day = page("Quotes", "The record of statements: verbatim quotes in quotation marks, paraphrases without.")
table = cache.quotes_table(ds)
search = st.text_input("Search (ignores case and accents)", key="q")
shown = filter_quotes(table, search=search)
blocs = dict(zip(ds.actors["id"], ds.actors["bloc"]))
if shown.empty:
    st.info("No quote matches.")
    st.stop()
st.plotly_chart(figures.quotes_timeline(shown, blocs, day), config=figures.chart_config("quotes-timeline"), key="quotes_timeline")
for quote in shown.itertuples():
    words = f"“{md(quote.text)}”" if quote.verbatim else f"{md(quote.text)} *(paraphrase)*"
    behalf = f" for {md(quote.on_behalf_name)}" if quote.on_behalf_name else ""
    st.markdown(f"**{md(quote.speaker_name)}**{behalf}, {day_text(quote.date)} — {words}  \n"
                f"{md(quote.context)} · {source_markdown(ds, quote.source_id)}")
