"""Entry point: `streamlit run dashboard.py`. Declares the pages; each page lays itself out."""
import streamlit as st

from app.layout import PAGES

pages = [st.Page(script, title=title, url_path=url_path, default=url_path == "") for script, title, url_path in PAGES]
st.navigation(pages, position="hidden").run()
