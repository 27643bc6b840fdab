"""Indonesian UI copy and formatting: no Streamlit here."""
