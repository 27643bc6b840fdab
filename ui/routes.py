"""The HTTP side of logging in and out: ``POST /masuk``, ``POST /keluar`` and the middleware that
gives every browser its CSRF cookie. Mounted next to the Streamlit app by ``dashboard.py``'s
``st.App`` (``streamlit run dashboard.py`` finds it).

Why routes: a script run talks to the browser over a websocket and cannot set a cookie, so the login
form (plain HTML drawn by ``ui.auth``) POSTs here. ``/masuk`` checks the password through the same
throttled, audited ``data_access.users.authenticate`` (with the visitor's address), opens a
``login_session`` row, sets the signed HttpOnly cookie and sends the browser back (303) to the page
it asked for, a same-site path only. ``/keluar`` revokes the row (every tab and process notices on
its next run) and clears the cookie. Both refuse (403) a POST whose CSRF token does not match the
browser's own ``pantau_csrf`` cookie or whose Origin is another site. Database work and argon2 run
in the thread pool, off the server's event loop.
"""
from __future__ import annotations

import logging
from urllib.parse import urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

import config
from data_access import sessions, users
from texts import catalogue
from ui import cache, cookies, session

log = logging.getLogger(__name__)
LOGIN_PATH, LOGOUT_PATH = "/masuk", "/keluar"
FIELDS = {"username": "pengguna", "password": "sandi", "csrf": "tanda", "target": "tujuan"}


def _secure(request: Request) -> bool:
    return cookies.is_https(request.headers.get("x-forwarded-proto"), request.url.scheme,
                            config.get().access.secure_cookies)


def _cookie_args(request: Request) -> dict:
    return {"httponly": True, "samesite": "lax", "secure": _secure(request), "path": "/"}


def _same_origin(request: Request) -> bool:
    """A browser names the page a POST came from in Origin; another site's is refused (no Origin,
    as from an older browser or a script, falls back on the token alone)."""
    origin = request.headers.get("origin")
    if not origin or origin == "null":
        return origin is None
    return urlsplit(origin).netloc == request.headers.get("host", "")


def _key() -> bytes:
    return session.signing_key(cache.engine())


def _refused() -> Response:
    return PlainTextResponse(catalogue.AUTH["refused"], status_code=403)


async def _checked_form(request: Request, key: bytes):
    form = await request.form()
    if not _same_origin(request) or not cookies.csrf_ok(key, request.cookies.get(cookies.CSRF),
                                                        form.get(FIELDS["csrf"])):
        return None
    return form


def _login(username: str, password: str, address: str | None):
    engine = cache.engine()
    result = users.authenticate(engine, username, password, address=address)
    token = None
    if result.user is not None:
        token = sessions.create(engine, result.user.username, result.user.role, address=address)
    return result, token


async def masuk(request: Request) -> Response:
    try:
        key = await run_in_threadpool(_key)
    except cache.DataUnavailable:
        return PlainTextResponse(catalogue.MSG["db_down"], status_code=503)
    form = await _checked_form(request, key)
    if form is None:
        log.warning("login POST refused: CSRF token or origin wrong (%s)", request.client)
        return _refused()
    target = cookies.safe_target(form.get(FIELDS["target"]))
    address = cookies.client_address(request.headers, request.client.host if request.client else None,
                                     config.get().access.client_address_header)
    try:
        result, token = await run_in_threadpool(_login, str(form.get(FIELDS["username"], ""))[:200],
                                                str(form.get(FIELDS["password"], ""))[:200], address)
    except cache.DataUnavailable:
        return PlainTextResponse(catalogue.MSG["db_down"], status_code=503)
    response = RedirectResponse(target, status_code=303)
    if token is None:
        response.set_cookie(cookies.MESSAGE, cookies.sign_message(key, result.message or ""),
                            max_age=cookies.MESSAGE_SECONDS, **_cookie_args(request))
        return response
    lifetime = sessions.lifetime(result.user.role)
    response.set_cookie(cookies.SESSION, cookies.sign_session(key, token),
                        max_age=int(lifetime.total_seconds()), **_cookie_args(request))
    response.delete_cookie(cookies.MESSAGE, path="/")
    return response


def _logout(token: str | None) -> None:
    engine = cache.engine()
    username = sessions.revoke(engine, token) if token else None
    if username is not None:
        users.audit(engine, username, "logout")


async def keluar(request: Request) -> Response:
    try:
        key = await run_in_threadpool(_key)
    except cache.DataUnavailable:
        return PlainTextResponse(catalogue.MSG["db_down"], status_code=503)
    if await _checked_form(request, key) is None:
        log.warning("logout POST refused: CSRF token or origin wrong (%s)", request.client)
        return _refused()
    token = cookies.session_token(key, request.cookies.get(cookies.SESSION))
    try:
        await run_in_threadpool(_logout, token)
    except cache.DataUnavailable:
        return PlainTextResponse(catalogue.MSG["db_down"], status_code=503)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(cookies.SESSION, path="/", httponly=True, samesite="lax", secure=_secure(request))
    return response


class CsrfCookieMiddleware:
    """Every HTTP response to a browser without a ``pantau_csrf`` cookie sets one (pure ASGI, so
    Streamlit's own responses, the page itself included, pass through unchanged otherwise)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or cookies.CSRF in Request(scope).cookies:
            await self.app(scope, receive, send)
            return
        secure = cookies.is_https(dict((k.decode("latin-1").lower(), v.decode("latin-1"))
                                       for k, v in scope.get("headers", [])).get("x-forwarded-proto"),
                                  scope.get("scheme", "http"), config.get().access.secure_cookies)
        value = (f"{cookies.CSRF}={cookies.new_csrf_cookie()}; Path=/; HttpOnly; SameSite=Lax"
                 + ("; Secure" if secure else ""))

        async def with_cookie(message):
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message).append("set-cookie", value)
            await send(message)

        await self.app(scope, receive, with_cookie)


ROUTES = [Route(LOGIN_PATH, masuk, methods=["POST"]), Route(LOGOUT_PATH, keluar, methods=["POST"])]
MIDDLEWARE = [Middleware(CsrfCookieMiddleware)]
