"""Pantau's data layer: the only package that speaks SQL. It knows nothing of Streamlit."""
