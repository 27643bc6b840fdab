"""Briefing mode: Pantau on a meeting-room projector (1080p) or a shared screen.

Switched on by the sidebar toggle "Mode briefing" or by ``?mode=briefing`` in the URL (the URL is
kept in step with the toggle, so a briefing link can be shared). In briefing mode the page gets
large type, no Streamlit chrome (toolbar menu, deploy button, footer), a collapsed sidebar (the
filters stay in force: they are still drawn there and stamped by ``components.page_header``) and
never any personal names (``ui.auth.show_personal_data``).

The URL parameter is read and written by hand, not through a bound widget: a page switch clears
unbound parameters, so ``sync()`` writes it back on every run while the mode is on.
"""
from __future__ import annotations

import streamlit as st

from texts import catalogue
from ui import navigation, session

PARAM, VALUE = "mode", "briefing"
KEY = "_pantau_briefing"  # the toggle's session state (True in briefing mode)

# Large type for the back of the room: rem-based sizes follow the root size, metric values and
# titles are made larger still; the chrome a presenter never needs is hidden, the top navigation
# stays (it lives in the header) so pages can still be switched.
CSS = """
<style>
html { font-size: 20px; }
[data-testid="stMainMenu"], [data-testid="stAppDeployButton"], [data-testid="stToolbarActions"],
[data-testid="stStatusWidget"], [data-testid="stDecoration"], footer { display: none !important; }
[data-testid="stMainBlockContainer"] { padding-top: 3.5rem; padding-left: 2.5rem; padding-right: 2.5rem;
  max-width: 100%; }
[data-testid="stMetricValue"] { font-size: 3rem; line-height: 1.15; }
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] p { font-size: 1.05rem; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p { font-size: 0.95rem; }
h1 { font-size: 2.4rem !important; }
</style>
"""


def requested_in_url() -> bool:
    """``?mode=briefing`` in the URL (checked before the page config: the sidebar starts collapsed)."""
    return st.query_params.get(PARAM) == VALUE


def sync(forced: bool = False) -> None:
    """First run of a session: take the mode from the URL. Later runs: write the mode back to the
    URL (or remove it), so the address bar always shares the view on screen. ``forced``: a wall
    screen (role ``layar``), always in briefing mode whatever the URL says."""
    if forced:
        st.session_state[KEY] = True
    if KEY not in st.session_state:
        st.session_state[KEY] = requested_in_url()
    if st.session_state[KEY]:
        if st.query_params.get(PARAM) != VALUE:
            st.query_params[PARAM] = VALUE
    elif PARAM in st.query_params:
        del st.query_params[PARAM]


def is_active() -> bool:
    return bool(st.session_state.get(KEY, False))


def toggle() -> None:
    """The sidebar switch (its state is ``KEY``; ``sync()`` has set it from the URL beforehand)."""
    st.sidebar.toggle(catalogue.BRIEFING["toggle"], key=KEY, help=catalogue.BRIEFING["help"])


# A wall screen (role ``layar``) also loses the tables' toolbar (CSV download, search, full screen)
# and the charts' camera button: it shows, it hands out no files.
WALL_CSS = """
<style>
[data-testid="stElementToolbar"], .modebar-container { display: none !important; }
</style>
"""


def apply(wall_screen: bool = False) -> None:
    """Inject the projector style when briefing mode is on (no element is drawn otherwise)."""
    if is_active():
        st.html(CSS)
    if wall_screen:
        st.html(WALL_CSS)


# ---------------------------------------------------------------- slideshow (wall screen)
# ``?mode=briefing&slide=N`` cycles through the overview pages every N seconds (at least
# MIN_SLIDE_SECONDS, so a page is drawn and read before the next one). Admin pages are never shown.
SLIDE = "slide"
SLIDES = ("ringkasan", "cakupan", "pelanggaran", "formulir_c", "peta")
MIN_SLIDE_SECONDS = 10
_SLIDE_KEY = "_pantau_slide"
_FULL_RUN = "_pantau_slide_full_run"


def slide_seconds(raw: str | None) -> int | None:
    """Seconds per slide from the URL value; None when absent or not a whole number."""
    try:
        seconds = int(str(raw))
    except (TypeError, ValueError):
        return None
    return max(seconds, MIN_SLIDE_SECONDS) if seconds > 0 else None


def next_slide(current: str, available: list[str]) -> str | None:
    """The page after ``current`` in SLIDES order among the ``available`` ones (wrapping round);
    the first slide when the current page is not a slide."""
    cycle = [key for key in SLIDES if key in available]
    if not cycle:
        return None
    if current not in cycle:
        return cycle[0]
    return cycle[(cycle.index(current) + 1) % len(cycle)]


def slideshow(pages: list, current) -> None:  # st.Page objects: the allowed pages, the one shown
    """In briefing mode with ``?slide=N``: switch to the next page every N seconds, keeping the
    filters, the mode and the slide interval in the URL. Call after ``sync()``."""
    if SLIDE in st.query_params:
        st.session_state[_SLIDE_KEY] = slide_seconds(st.query_params.get(SLIDE))
    seconds = st.session_state.get(_SLIDE_KEY)
    if not seconds or not is_active():
        return
    if st.query_params.get(SLIDE) != str(seconds):
        st.query_params[SLIDE] = str(seconds)
    files = {key: path for path, key, *_ in navigation.PAGES}
    by_key = {page.url_path: files[page.url_path] for page in pages if page.url_path in files}
    target = next_slide(current.url_path, list(by_key))

    @st.fragment(run_every=seconds)
    def _advance():
        if st.session_state.get(_FULL_RUN) or target is None:
            return  # the full run has just drawn this slide; advance on the timer only
        # Filter parameters are bound to their widgets and survive the switch by themselves
        # (Streamlit refuses them here); only the two unbound ones are passed on.
        # the app's own page switch: not activity, so the idle timeout still ends a session (ui.session)
        session.automatic_switch(by_key[target], query_params={PARAM: VALUE, SLIDE: str(seconds)})

    st.session_state[_FULL_RUN] = True
    try:
        _advance()
    finally:
        st.session_state[_FULL_RUN] = False
