"""Streamlit-facing helpers shared by the entry point and the pages (filters, components, copy)."""
