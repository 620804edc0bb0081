"""Add from an article: paste or upload a news article, review the rows it offers, add them to this session."""
import streamlit as st

from app.intake_view import apply, confirm_source, read_article, review
from app.layout import page

ds, _day = page("Add from an article", "Paste a news article or upload a saved page: the app proposes quotes, "
                "ties, stances, territory figures and events, each with the sentence it comes from. Accept, edit or "
                "reject them, then apply: they join this browser session's dataset (never the data folder).")
read_article()
confirm_source(ds)
review(ds)
apply(ds)
st.caption("Rules only, no model: speakers come from 'said', 'told', 'according to' and the like beside a quote. "
           "Check every row against its sentence before accepting it.")
