"""Placeholder until the page is built."""
import streamlit as st

from ui import components, filters, i18n

selection = filters.current()
components.page_header(i18n.PAGES["cakupan"], selection)
st.write("Halaman sedang disiapkan.")
