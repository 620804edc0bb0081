"""Entry point: `streamlit run dashboard.py`. Declares the pages; each page lays itself out."""
import streamlit as st

from app.layout import PAGES, share_link

pages = [st.Page(script, title=title, url_path=url_path, default=url_path == "") for script, title, url_path in PAGES]
try:
    st.navigation(pages, position="hidden").run()
finally:  # also after a page's st.stop(): the link shows the whole view, written by the page's controls
    share_link()
