"""Pantau: campaign-oversight dashboard of Bawaslu Kabupaten Bangka Selatan.

Entry point: page config, the shared filter bar (sidebar), then the page chosen in the top
navigation. Run with ``streamlit run dashboard.py``; the database is ``DATABASE_URL`` or, by
default, a SQLite file with demo data created on first start.
"""
import streamlit as st

from ui import data, filters, i18n, navigation

st.set_page_config(page_title="Pantau · Bawaslu Bangka Selatan", page_icon=":material/visibility:",
                   layout="wide", initial_sidebar_state="expanded")


def outage() -> None:
    """The database cannot be reached: say so plainly, keep no stale numbers on screen, and try
    again every 15 seconds; the page comes back by itself when the database does."""
    st.error(i18n.MSG["db_down"], icon=":material/cloud_off:")

    @st.fragment(run_every="15s")
    def _retry():
        if data.ping():
            data.clear()
            st.rerun()

    _retry()
    st.stop()


page = st.navigation(navigation.pages(), position="top")

try:
    selection = filters.render()
except data.DataUnavailable:
    outage()

for notice in selection.notices:
    st.warning(notice, icon=":material/link_off:")

try:
    page.run()
except data.DataUnavailable:
    outage()
