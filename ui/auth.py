"""Login gate, session expiry and role checks for the Streamlit app.

The entry point calls ``session_user()`` before anything else: without a valid session only the
login form is drawn (no page, no data, no filter bar). The session is the database row named by
the browser's signed cookie (``data_access.sessions``, ``ui.cookies``); it ends after
``config [access] session_idle_minutes`` without interaction, ``session_absolute_hours`` after
login, when the account is disabled, or on "Keluar" (in every tab). Roles and kecamatan scope come
from ``data_access.users.User``.

The login and logout forms are plain HTML forms (``st.html``: drawn in the page itself, not in a
sandboxed iframe, so the browser submits them as any form) that POST to ``ui.routes``: a script
run cannot set a cookie. They carry the CSRF token bound to the browser's ``pantau_csrf`` cookie
and, for login, the page to return to.
"""
from __future__ import annotations

import datetime as dt
import html
import logging

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

import config
from data_access import sessions, users
from texts import catalogue
from ui import briefing, cache, cookies, routes, session

log = logging.getLogger(__name__)
_USER, _SEEN, _TOKEN = session.USER, session.SEEN, session.TOKEN
_EXPIRED, _ENDED = "_pantau_expired", "_pantau_ended"  # why the login form is back (kept for its message)
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
    """End this tab's session from the script (the test-only login's "Keluar"; a browser's goes
    through ``POST /keluar``, which also clears the cookie): the database row too, if any."""
    user = current_user()
    key = st.session_state.get(_TOKEN)
    if user is not None:
        try:
            if key is not None:
                sessions.revoke_hash(cache.engine(), key)
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
    return cookies.client_address(st.context.headers, st.context.ip_address,
                                  config.get().access.client_address_header)


def _form(action: str, fields: dict[str, str], body: str, css_class: str) -> str:
    hidden = "".join(f'<input type="hidden" name="{name}" value="{html.escape(value, quote=True)}">'
                     for name, value in fields.items())
    return f'<form class="{css_class}" method="post" action="{action}">{hidden}{body}</form>'


_FORM_CSS = """<style>
.pantau-login{display:flex;flex-direction:column;gap:.9rem;padding:1.5rem;border:1px solid rgba(49,51,63,.2);
  border-radius:.5rem}
.pantau-login label{display:flex;flex-direction:column;gap:.3rem;font-size:.9rem}
.pantau-login input{font:inherit;padding:.55rem .75rem;border:1px solid rgba(49,51,63,.25);border-radius:.5rem;
  background:#f0f2f6;color:inherit}
.pantau-login button,.pantau-logout button{font:inherit;padding:.55rem;border-radius:.5rem;cursor:pointer;width:100%}
.pantau-login button{border:0;background:#0072B2;color:#fff}
.pantau-logout button{border:1px solid rgba(49,51,63,.25);background:transparent;color:inherit}
</style>"""


def _cookie(name: str) -> str | None:
    """A cookie the browser sent with this tab's connection (None under AppTest, which has none)."""
    if session.test_login_allowed():
        return None
    value = st.context.cookies.get(name)
    return value if isinstance(value, str) else None


def _csrf_field(engine) -> str:
    csrf_cookie = _cookie(cookies.CSRF) or ""
    return cookies.csrf_token(session.signing_key(engine), csrf_cookie) if csrf_cookie else ""


def login_form(page=None) -> None:
    """The login screen (the only thing drawn for a session without a valid login): a plain form
    that POSTs to ``/masuk`` and comes back to ``page`` with the URL's query parameters."""
    engine = cache.engine()
    target = cookies.page_target(getattr(page, "url_path", "") or "",
                                 [(k, v) for k in st.query_params for v in st.query_params.get_all(k)])
    left, middle, right = st.columns([1, 1.2, 1])
    with middle:
        st.title(catalogue.APP_TITLE)
        st.caption(catalogue.APP_SUBTITLE)
        refused = cookies.message(session.signing_key(engine), _cookie(cookies.MESSAGE))
        if refused:
            st.error(refused, icon=":material/lock:")
        elif st.session_state.get(_EXPIRED, False):  # kept: a wall screen may rerun by itself
            st.info(catalogue.AUTH["expired"], icon=":material/timer_off:")
        elif st.session_state.get(_ENDED, False):
            st.info(catalogue.AUTH["ended"], icon=":material/logout:")
        fields = {routes.FIELDS["csrf"]: _csrf_field(engine), routes.FIELDS["target"]: target}
        body = (f'<label>{catalogue.AUTH["username"]}<input name="{routes.FIELDS["username"]}" maxlength="50" '
                f'autocomplete="username" required autofocus></label>'
                f'<label>{catalogue.AUTH["password"]}<input type="password" name="{routes.FIELDS["password"]}" '
                f'maxlength="200" autocomplete="current-password" required></label>'
                f'<button type="submit">{catalogue.AUTH["submit"]}</button>')
        st.html(_FORM_CSS + _form(routes.LOGIN_PATH, fields, body, "pantau-login"))
        st.caption(catalogue.AUTH["help"])


def _test_user(now: dt.datetime, automatic: bool) -> users.User | None:
    """AppTest's login (no server, no cookies): the user the test put in the session state, with
    the idle rule on its last-seen time and the account re-read from the database."""
    user = current_user()
    if user is not None and _expired(now):
        _end_session()
        st.session_state[_EXPIRED] = True
        user = None
    if user is not None:
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
    if user is not None and not automatic:
        st.session_state[_SEEN] = now
    return user


def _cookie_user(cookie: str | None, now: dt.datetime, automatic: bool) -> users.User | None:
    """The user of the database session the browser's cookie names (touched unless ``automatic``)."""
    engine = cache.engine()
    token = cookies.session_token(session.signing_key(engine), cookie)
    try:
        found, reason = sessions.check(engine, token, touch=not automatic, now=now) if token else (None, "unknown")
    except cache.OUTAGE_ERRORS as exc:
        raise cache.DataUnavailable(str(exc)) from exc
    if found is None:
        _end_session()
        st.session_state[_EXPIRED] = reason in ("idle", "expired")
        st.session_state[_ENDED] = reason in ("revoked", "disabled")
        return None
    user = users.User(found.username, found.full_name, found.role, found.kecamatan_scope)
    st.session_state.pop(_EXPIRED, None)
    st.session_state.pop(_ENDED, None)
    st.session_state[_USER], st.session_state[_SEEN], st.session_state[_TOKEN] = (
        user, found.last_seen_at, found.token_hash)
    return user


def session_user() -> users.User | None:
    """The session's user after checking its database row (revoked, idle, past its absolute
    expiry) and that the account is still active (a disabled account or a changed role takes
    effect at the next run); None if logged out. Only the user's own interactions count as
    activity: a run the app started by itself (slideshow, live redraw, outage retry:
    ``session.automatic_rerun``) leaves the last activity as it was."""
    now = session.now()
    automatic = session.was_automatic()
    if session.test_login_allowed():
        user = _test_user(now, automatic)
    else:
        user = _cookie_user(_cookie(cookies.SESSION), now, automatic)
    if user is not None:
        session.record()  # what a file made on click checks
    return user


def sidebar_account(user: users.User) -> None:
    """Who is logged in, their role and scope, and the logout button (sidebar)."""
    scope = ""
    if user.is_scoped:
        scope = " · " + catalogue.AUTH["scope"]
    st.sidebar.caption(f"{user.full_name} ({users.ROLE_LABELS.get(user.role, user.role)}){scope}")
    if st.session_state.get(_TOKEN) is None:  # AppTest's test-only login: no cookie to clear
        if st.sidebar.button(catalogue.AUTH["logout"], icon=":material/logout:", width="stretch"):
            logout()
            st.rerun()
        return
    body = f'<button type="submit">{catalogue.AUTH["logout"]}</button>'
    st.sidebar.html(_FORM_CSS + _form(routes.LOGOUT_PATH, {routes.FIELDS["csrf"]: _csrf_field(cache.engine())},
                                      body, "pantau-logout"))


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
