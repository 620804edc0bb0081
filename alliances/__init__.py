"""The alliances dashboard's logic: load and validate a dataset, compute views of it, build figures.

Nothing in this package imports Streamlit; the app and the tests call it the same way.
"""
