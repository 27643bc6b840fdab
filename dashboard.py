"""Pantau: campaign-oversight dashboard of Bawaslu Kabupaten Bangka Selatan.

Entry point: page config, the login gate, the shared filter bar (sidebar), then the page chosen
in the top navigation. Run with ``streamlit run dashboard.py``; the database is ``DATABASE_URL``
or, by default, a SQLite file with demo data created on first start.

This file is read twice (issue 20). ``streamlit run`` finds ``app`` below (an ``st.App``: the
Streamlit app plus the login/logout routes and the CSRF-cookie middleware of ``ui.routes``) and
has uvicorn import this file as the module ``dashboard`` for it; that import defines ``app`` and
draws nothing. Each script run executes the file as ``__main__`` and draws the page (``main``).
AppTest runs it as ``__main__`` too.
"""
import streamlit as st

from data_access.queries import reference
from texts import catalogue
from ui import (
    auth,
    briefing,
    cache,
    empty_states,
    export,
    filters,
    live,
    navigation,
    responsive,
    routes,
    runtime,
    session,
)


def outage() -> None:
    """The database cannot be reached: say so plainly, keep no stale numbers on screen, and try
    again every 15 seconds; the page comes back by itself when the database does."""
    st.error(catalogue.MSG["db_down"], icon=":material/cloud_off:")

    @st.fragment(run_every="15s")
    def _retry():
        if cache.ping():
            cache.clear()
            session.automatic_rerun()

    _retry()
    st.stop()


def main() -> None:
    # A briefing link (?mode=briefing) opens with the sidebar collapsed; the filters in it still apply.
    st.set_page_config(page_title="Pantau · Bawaslu Bangka Selatan", page_icon=":material/visibility:",
                       layout="wide", initial_sidebar_state="collapsed" if briefing.requested_in_url() else "auto")
    runtime.freeze_startup_objects()  # once per process: the per-run garbage collection skips module objects

    try:
        user = auth.session_user()
    except cache.DataUnavailable:
        user = None
        outage()

    # Every page is registered even before login (hidden), so a deep link lands on its page after it.
    page = st.navigation(navigation.pages(user), position="top" if user else "hidden")
    if user is None:
        if not cache.ping():
            outage()
        try:
            auth.login_form(page)
        except cache.DataUnavailable:
            outage()
        st.stop()

    briefing.sync(forced=user.briefing_only)  # the mode from the URL on a session's first run, then kept in the URL
    briefing.apply(wall_screen=user.briefing_only)
    responsive.apply()  # phone-width rules (CSS only)
    try:
        selection = filters.render(user)
    except cache.DataUnavailable:
        outage()
    if not user.briefing_only:  # a wall screen (role layar) cannot leave briefing mode nor download
        briefing.toggle()
        export.briefing_button(selection, user)  # "Unduh Bahan Briefing": the PDF is made on click
    auth.sidebar_account(user)
    briefing.slideshow(navigation.pages(user), page)  # ?mode=briefing&slide=N: a wall-screen cycle

    for notice in selection.notices:
        st.warning(notice, icon=":material/link_off:")

    try:
        # Live view: remember which data this screen shows, then let the watcher rerun the app when
        # the database holds newer rows (checked every TTL seconds; see ui/live.py).
        live.mark_drawn(cache.load(reference.data_stamp))
        live.watch()
        if empty_states.no_election(navigation.key_of(page), user):
            st.stop()  # areas only: one notice instead of the page (ui/empty_states.py)
        page.run()
    except cache.DataUnavailable:
        outage()


if __name__ == "__main__":
    main()
else:  # imported by uvicorn for the ASGI app (streamlit run found it): draw nothing
    app = st.App(__file__, routes=routes.ROUTES, middleware=routes.MIDDLEWARE)
