"""The yardstick: a page that draws one line and computes nothing. bench/run.py times its rerun."""
import streamlit as st

st.write("Empty page")
