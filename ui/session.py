"""The login session of one browser tab: who, when they last did something, and which runs count.

Kept apart from ``ui.auth`` (the login form and role checks) so that everything the session rules
touch can read them without an import cycle: ``ui.cache`` (a long list read on click),
``ui.briefing`` (the slideshow) and ``ui.live`` (the refresh timer).

- **Activity.** A session ends after ``[access] session_idle_minutes`` without the user doing
  anything. The app's own reruns (the slideshow's page switch, the live view's redraw after new
  data, the retry after an outage) are started through ``automatic_rerun``/``automatic_switch`` and
  do not count, so a screen left alone expires even while it changes by itself. Only the wall-screen
  role ``layar`` (briefing mode only: no names, no downloads, no admin pages) never expires.
- **Work done after a click.** A file made on click runs on a worker thread with no script run.
  ``guard()``, taken in the script run, gives it a check against the same session: ended (logout,
  expiry) or an account disabled or changed since means ``DownloadRefused``. The check reads a
  small record that the script runs keep up to date, and the account from the database.

- **Where the session lives** (issue 20). A browser's login is a ``login_session`` row in the
  database (``data_access.sessions``) named by its signed cookie (``ui.cookies``), so a reload, a
  new tab, a shared link and any server process behind the load balancer find it. Each run looks
  the row up (``ui.auth.session_user``) and keeps its hash here (``TOKEN``); ``guard`` and
  ``expired`` re-read that row, so a logout in another tab or a disabled account is noticed.
- **Test-only login.** AppTest has no cookies: there (and only there, no Streamlit server
  running: ``test_login_allowed``) a user put in ``st.session_state`` by the test is honoured
  with the idle rule applied to ``SEEN``. In a browser the session state never logs anyone in.
"""
from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st
from sqlalchemy import Engine
from streamlit import runtime

import config
from data_access import sessions, users

USER = "_pantau_user"  # the logged-in users.User
SEEN = "_pantau_last_seen"  # naive UTC time of the user's last own interaction
_RECORD = "_pantau_session"  # the Record shared with work done after a click
_AUTOMATIC = "_pantau_automatic_run"  # set just before a rerun the app starts by itself
TOKEN = "_pantau_token_hash"  # the login_session row of this tab (absent: AppTest's test-only login)
WALL_SCREEN = "layar"
_KEYS: dict[tuple[str, str], bytes] = {}
_KEYS_LOCK = threading.Lock()


class DownloadRefused(PermissionError):
    """A file asked for after the session ended or the account was disabled or changed."""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def now() -> dt.datetime:
    return _now()


@dataclass
class Record:
    """What a worker thread may know of the session (mutable: the script runs update it in place)."""

    username: str
    role: str
    kecamatan_scope: tuple[str, ...]
    last_seen: dt.datetime | None
    ended: bool = False
    token_hash: str | None = None  # the database row (None: AppTest's test-only login)


def test_login_allowed() -> bool:
    """True only where no Streamlit server runs (AppTest, whose runtime is a mock; it has no
    cookies either): a browser, always served by a real ``Runtime``, can never use the test login."""
    return not runtime.exists() or type(runtime.get_instance()) is not runtime.Runtime


def signing_key(engine: Engine) -> bytes:
    """The deployment's cookie-signing key (``data_access.sessions.secret_key``), read once per
    process and database."""
    cache_key = (engine.url.render_as_string(hide_password=True), os.environ.get(sessions.SECRET_ENV, ""))
    with _KEYS_LOCK:
        if cache_key not in _KEYS:
            _KEYS[cache_key] = sessions.secret_key(engine)
        return _KEYS[cache_key]


def idle_expired(role: str, seen: dt.datetime | None, at: dt.datetime) -> bool:
    """True when a session of ``role`` last active at ``seen`` has passed the idle timeout at ``at``
    (never for the wall-screen role)."""
    if role == WALL_SCREEN or seen is None:
        return False
    return at - seen > dt.timedelta(minutes=config.get().access.session_idle_minutes)


def record() -> Record | None:
    """The session's Record, brought up to date with the session state (None when logged out)."""
    user = st.session_state.get(USER)
    if user is None:
        return None
    rec = st.session_state.get(_RECORD)
    if rec is None or rec.ended or rec.username != user.username:
        rec = Record(user.username, user.role, user.kecamatan_scope, None)
        st.session_state[_RECORD] = rec
    rec.role, rec.kecamatan_scope, rec.last_seen = user.role, user.kecamatan_scope, st.session_state.get(SEEN)
    rec.token_hash = st.session_state.get(TOKEN)
    return rec


def end() -> None:
    """Log the tab out; work already handed a guard is refused from now on."""
    rec = st.session_state.pop(_RECORD, None)
    if rec is not None:
        rec.ended = True
    st.session_state.pop(USER, None)
    st.session_state.pop(SEEN, None)
    st.session_state.pop(TOKEN, None)


def guard(engine: Engine) -> Callable[[], None]:
    """Taken in the script run; called by work done later (on a worker thread): raises
    ``DownloadRefused`` unless the session is still valid and its account active and unchanged."""
    rec = record()

    def check() -> None:
        if rec is None or rec.ended or rec.role == WALL_SCREEN:
            raise DownloadRefused("session ended")
        if rec.token_hash is not None:  # the database row: revoked (any tab), expired, disabled
            found, reason = sessions.check_hash(engine, rec.token_hash, touch=False)
            if found is None:
                raise DownloadRefused(f"session ended ({reason})")
            fresh = (found.role, found.kecamatan_scope)
        else:
            if idle_expired(rec.role, rec.last_seen, _now()):
                raise DownloadRefused("session ended")
            with engine.connect() as conn:
                user = users.get_user(conn, rec.username)
            fresh = None if user is None else (user.role, user.kecamatan_scope)
        if fresh is None or fresh != (rec.role, rec.kecamatan_scope):
            raise DownloadRefused(f"account {rec.username} disabled or changed")
    return check


def expired(engine: Engine | None = None) -> bool:
    """True when the logged-in session has ended, for a timer's tick: its database row (given the
    ``engine``) is revoked or expired (one small read), or, for the test-only login, its idle time
    has passed."""
    user = st.session_state.get(USER)
    if user is None:
        return False
    key = st.session_state.get(TOKEN)
    if key is not None and engine is not None:
        return sessions.check_hash(engine, key, touch=False)[0] is None
    return idle_expired(user.role, st.session_state.get(SEEN), _now())


def automatic_rerun() -> None:
    """Rerun the app for a reason of its own (new data, the database back): not user activity."""
    st.session_state[_AUTOMATIC] = True
    st.rerun()


def automatic_switch(page, **kwargs) -> None:
    """``st.switch_page`` for the slideshow: not user activity."""
    st.session_state[_AUTOMATIC] = True
    st.switch_page(page, **kwargs)


def was_automatic() -> bool:
    """True (once) when this run was started by ``automatic_rerun``/``automatic_switch``."""
    return bool(st.session_state.pop(_AUTOMATIC, False))
