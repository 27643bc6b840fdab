"""Login gate, session expiry and role checks for the Streamlit app.

The entry point calls ``require_login()`` before anything else: without a valid session only the
login form is drawn (no page, no data, no filter bar). A session ends after
``config [access] session_idle_minutes`` without interaction, when the account is disabled, or
on "Keluar". Roles and kecamatan scope come from ``data_access.users.User``.
"""
from __future__ import annotations

import datetime as dt
import logging

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

import config
from data_access import users
from texts import catalogue
from ui import briefing, cache, session

log = logging.getLogger(__name__)
_USER, _SEEN = session.USER, session.SEEN
DownloadRefused = session.DownloadRefused


def current_user() -> users.User | None:
    """The logged-in user of this session, or None."""
    return st.session_state.get(_USER)


def _expired(now: dt.datetime) -> bool:
    user = current_user()
    return user is not None and session.idle_expired(user.role, st.session_state.get(_SEEN), now)


def _end_session() -> None:
    session.end()


def logout() -> None:
    user = current_user()
    if user is not None:
        try:
            users.audit(cache.engine(), user.username, "logout")
        except cache.DataUnavailable:
            pass
    _end_session()


def audit_export(what: str, file_format: str, file_name: str, filters: str) -> None:
    """Record a download in the audit log: who, which table or document, the file format and the
    active filters (``Selection.describe()``). Used as a download button's ``on_click`` callback,
    so it runs once per click. The file is already on its way to the browser when this runs: an
    audit write that fails (database down, SQLite busy) is logged and the page carries on."""
    user = current_user()
    _write_export(cache.engine, user.username if user else "-", what, file_format, file_name, filters)


def audited_file(make, *, what: str, file_format: str, file_name: str, filters: str):
    """A download's callable (run on click, on a worker thread with no session) that makes the file
    with ``make()`` and then writes the same audit row as ``audit_export``; the user and the writing
    engine are taken now, in the script run. Before making anything it checks that this tab's
    session is still valid and its account active (``session.guard``): an expired or logged-out
    tab, or a disabled account, gets ``DownloadRefused`` (the browser shows the download failed)."""
    user = current_user()
    username = user.username if user else "-"
    engine = cache.engine()
    check = session.guard(engine)

    def made() -> bytes:
        check()
        content = make()
        _write_export(lambda: engine, username, what, file_format, file_name, filters)
        return content
    return made


def _write_export(engine, username: str, what: str, file_format: str, file_name: str, filters: str) -> None:
    detail = {"tabel": what, "format": file_format, "filter": filters, "berkas": file_name}  # read in this order
    try:
        users.audit(engine(), username, "ekspor", detail)
    except (cache.DataUnavailable, SQLAlchemyError, OSError):
        log.exception("audit of export %s by %s not written", file_name, username)


def client_address() -> str | None:
    """The visitor's address, which failed logins are counted by (None: a browser on the server).
    Behind a reverse proxy every visitor has the proxy's address, so ``[access]
    client_address_header`` names the header in which the proxy passes the visitor's; its last
    entry is the one the proxy added (earlier ones come from the visitor and can be forged)."""
    header = config.get().access.client_address_header
    if header:
        forwarded = (st.context.headers.get(header) or "").split(",")[-1].strip()
        if forwarded:
            return forwarded
    return st.context.ip_address


def login_form() -> None:
    """The login screen (the only thing drawn for a session without a valid login)."""
    left, middle, right = st.columns([1, 1.2, 1])
    with middle:
        st.title(catalogue.APP_TITLE)
        st.caption(catalogue.APP_SUBTITLE)
        # kept until the next login: a wall screen may rerun by itself after showing it once
        if st.session_state.get("_pantau_expired", False):
            st.info(catalogue.AUTH["expired"], icon=":material/timer_off:")
        with st.form("login", border=True):
            username = st.text_input(catalogue.AUTH["username"], max_chars=50, autocomplete="username")
            password = st.text_input(catalogue.AUTH["password"], type="password", max_chars=200,
                                     autocomplete="current-password")
            submitted = st.form_submit_button(catalogue.AUTH["submit"], type="primary", width="stretch")
        if submitted:
            try:
                result = users.authenticate(cache.engine(), username, password, address=client_address())
            except cache.OUTAGE_ERRORS as exc:
                raise cache.DataUnavailable(str(exc)) from exc
            if result.user is None:
                st.error(result.message, icon=":material/lock:")
            else:
                st.session_state.pop("_pantau_expired", None)
                st.session_state[_USER] = result.user
                st.session_state[_SEEN] = session.now()
                st.rerun()
        st.caption(catalogue.AUTH["help"])


def session_user() -> users.User | None:
    """The session's user after checking inactivity and that the account is still active (a
    disabled account or a changed role takes effect at the next interaction); None if logged out.
    Only the user's own interactions count as activity: a run the app started by itself (slideshow,
    live redraw, outage retry: ``session.automatic_rerun``) leaves the last activity as it was."""
    now = session.now()
    automatic = session.was_automatic()
    user = current_user()
    if user is not None and _expired(now):
        _end_session()
        st.session_state["_pantau_expired"] = True
        user = None
    if user is not None:
        # Re-read the account so a disabled user or changed role takes effect at once.
        try:
            with cache.engine().connect() as conn:
                fresh = users.get_user(conn, user.username)
        except cache.OUTAGE_ERRORS as exc:
            raise cache.DataUnavailable(str(exc)) from exc
        if fresh is None:
            _end_session()
            user = None
        else:
            user = fresh
            st.session_state[_USER] = fresh
    if user is not None:
        if not automatic:
            st.session_state[_SEEN] = now
        session.record()  # what a file made on click checks
    return user


def sidebar_account(user: users.User) -> None:
    """Who is logged in, their role and scope, and the logout button (sidebar)."""
    scope = ""
    if user.is_scoped:
        scope = " · " + catalogue.AUTH["scope"]
    st.sidebar.caption(f"{user.full_name} ({users.ROLE_LABELS.get(user.role, user.role)}){scope}")
    if st.sidebar.button(catalogue.AUTH["logout"], icon=":material/logout:", width="stretch"):
        logout()
        st.rerun()


def can_download() -> bool:
    """Download buttons are drawn for this session (never on a wall screen, role ``layar``)."""
    user = current_user()
    return user is not None and user.can_download


def show_personal_data() -> bool:
    """True when names (pengawas, pelapor, terlapor) may be sent to the browser: the user's role
    allows it AND briefing mode is off (a projected or shared screen never shows names)."""
    user = current_user()
    return user is not None and user.can_see_personal_data and not briefing.is_active()


def require_role(*roles: str) -> users.User:
    """Inside a page: stop with a clear message unless the user has one of ``roles``."""
    user = current_user()
    if user is None or user.role not in roles:
        st.error(catalogue.AUTH["forbidden"], icon=":material/block:")
        st.stop()
    return user
