"""The Streamlit side of the dashboard: shared filters, cached loading and page layout."""
