"""Entry point: `streamlit run dashboard.py`. Declares the pages and the frame around them."""
import streamlit as st

from app.layout import navigation, share_link
from app.page_list import PAGES

pages = [st.Page(script, title=title, url_path=url_path, default=url_path == "") for script, title, url_path in PAGES]
menu = st.sidebar.container()  # drawn first, filled last: its links carry every filter the page has set
try:
    st.navigation(pages, position="hidden").run()
finally:  # also after a page's st.stop()
    navigation(menu)
    share_link()
