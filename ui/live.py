"""Live view: an open page picks up new data (an import) within one refresh interval.

Two mechanisms work together:
- ``ui.cache`` keys its cache on a time bucket ``int(clock // TTL)``, so every cached query expires
  at the same moment, once per TTL, for every viewer.
- ``watch()`` (a fragment in the entry point, ``run_every`` = TTL) re-reads the newest
  ``recorded_at`` straight from the database and, only when it differs from the stamp the page was
  drawn with, drops the cache and reruns the whole app (no browser reload, filters kept).

``st.fragment`` cannot wrap ``page.run()`` (Streamlit refuses to call a page from a fragment), hence
the small watcher instead of a fragment around the page.
"""
from __future__ import annotations

import datetime as dt

import streamlit as st

import config
from data_access.queries import reference
from ui import cache, session

SHOWN = "_pantau_live_stamp"  # data stamp the page on screen was drawn with
REFRESHED = "_pantau_live_refreshed"  # when the page on screen was drawn (aware UTC)
_FULL_RUN = "_pantau_live_full_run"  # True while the whole script runs (not a fragment tick)


def needs_refresh(shown: dt.datetime | None, current: dt.datetime | None) -> bool:
    """True when the database holds different data than the page shows: its newest record time
    changed. Newer is the normal case (an import); older means rows were removed, which also makes
    the screen stale. Nothing in the database at all (None) never forces a rerun."""
    if current is None:
        return False
    return shown is None or current != shown


def mark_drawn(stamp: dt.datetime | None, now: dt.datetime | None = None) -> None:
    """Remember the data stamp and time of this full run (the header shows "diperbarui HH.MM")."""
    st.session_state[SHOWN] = stamp
    st.session_state[REFRESHED] = now or dt.datetime.now(dt.UTC)


def refreshed_at() -> dt.datetime | None:
    return st.session_state.get(REFRESHED)


def _fresh_stamp() -> dt.datetime | None:
    """The newest record time read now, bypassing the cache (one tiny aggregate query)."""
    with cache.read_engine().connect() as conn:
        return reference.data_stamp(conn)


@st.fragment(run_every=config.get().ttl_seconds)
def _watch() -> None:
    if st.session_state.get(_FULL_RUN):
        return  # the full run itself just drew the page from the cache; check on the ticks only
    try:
        ended = session.expired(cache.engine())
    except Exception:
        ended = False
    if ended:
        session.automatic_rerun()  # idle too long: clear the screen (the full run shows the login form)
    try:
        current = _fresh_stamp()
    except Exception:
        return
    if needs_refresh(st.session_state.get(SHOWN), current):
        cache.clear()  # the cache still holds the old rows until its bucket ends
        session.automatic_rerun()  # new data is not the user's activity


def watch() -> None:
    """Draw-nothing watcher: call once per full run, after the page's stamp is recorded."""
    st.session_state[_FULL_RUN] = True
    try:
        _watch()
    finally:
        st.session_state[_FULL_RUN] = False
