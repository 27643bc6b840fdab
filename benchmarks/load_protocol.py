"""The load benchmark's client without a browser: one session spoken in Streamlit's own browser
protocol (protobuf BackMsg/ForwardMsg over the ``/_stcore/stream`` websocket), walking the same pages
as the Chromium sessions of benchmarks/load_sessions.py.

It logs in as a browser does (issue 20): the first HTTP answer sets the ``pantau_csrf`` cookie, the
login page's form carries the CSRF token, ``POST /masuk`` sets the session cookie, and the
websocket that then opens the landing page sends the cookies along. Behind ``scripts/serve`` the
jar also keeps HAProxy's sticky ``SERVERID`` cookie, so the websocket reaches the process that served
the page (checked: the websocket's ``X-Pantau-Server`` must name the cookie's process). With
``logout=True`` (the soak run) the walk ends with the sidebar's logout form: ``POST /keluar`` with its
CSRF token, which must clear the session cookie."""
from __future__ import annotations

import asyncio
import html
import http.cookies
import re
import time
import urllib.error
import urllib.parse
import urllib.request

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from benchmarks.load_results import DATA_PAGES, SessionResult
from texts import catalogue
from ui import cookies, routes


class _Run:
    def __init__(self):
        self.kinds: list[str] = []
        self.html: list[str] = []  # st.html bodies (the login form)
        self.headings: list[str] = []
        self.first_chart: float | None = None
        self.problem: str | None = None


class ProtocolSession:
    """One session spoken in Streamlit's own browser protocol (protobuf BackMsg/ForwardMsg over the
    ``/_stcore/stream`` websocket), without drawing anything: what the SERVER needs to answer, with
    no browser on the machine taking CPU. The protocol is internal to Streamlit (checked with 1.67):
    if an upgrade breaks this client, the browser figures still stand."""

    def __init__(self, ws):
        self.ws = ws
        self.pages: dict[str, tuple[str, str]] = {}  # url path -> (page script hash, url path)

    async def run(self, timeout_s: float, *, widget_states=(), page: str | None = None) -> _Run:
        back = BackMsg()
        back.rerun_script.query_string = ""
        back.rerun_script.widget_states.widgets.extend(widget_states)
        if page is not None:
            back.rerun_script.page_script_hash, back.rerun_script.page_name = self.pages[page]
        await self.ws.send(back.SerializeToString())
        out = _Run()
        deadline = time.perf_counter() + timeout_s
        while True:
            raw = await asyncio.wait_for(self.ws.recv(), timeout=max(deadline - time.perf_counter(), 0.01))
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            kind = msg.WhichOneof("type")
            if kind == "navigation":
                for app_page in msg.navigation.app_pages:
                    self.pages[app_page.url_pathname] = (app_page.page_script_hash, app_page.url_pathname)
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                element = msg.delta.new_element
                etype = element.WhichOneof("type")
                out.kinds.append(etype)
                if etype == "plotly_chart" and out.first_chart is None:
                    out.first_chart = time.perf_counter()
                elif etype == "heading":
                    out.headings.append(element.heading.body)
                elif etype == "html":
                    out.html.append(element.html.body)
                elif etype == "exception" and out.problem is None:
                    out.problem = "exception: " + element.exception.message[:200]
                elif etype == "alert" and element.alert.format == element.alert.ERROR and out.problem is None:
                    body = element.alert.body
                    out.problem = ("outage message: " if body.startswith(catalogue.MSG["db_down"][:40]) else
                                   "error box: ") + body[:200]
            elif kind == "script_finished":
                if msg.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                    return out
                if msg.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    out.problem = out.problem or "script did not compile"
                    return out


STICKY_COOKIE = "SERVERID"  # HAProxy's (deploy/haproxy.cfg.template): which process a browser is on
SERVER_HEADER = "X-Pantau-Server"  # HAProxy names the process that answered


def store_cookies(jar: dict[str, str], set_cookie_headers: list[str]) -> None:
    """What a browser keeps of an answer's ``Set-Cookie`` headers: each cookie's value into ``jar``,
    and a cookie the answer deletes (``Max-Age=0`` or an empty value, as Starlette's delete_cookie
    sends) out of it."""
    for header in set_cookie_headers:
        for name, morsel in http.cookies.SimpleCookie(header).items():
            if morsel.value in ("", '""') or morsel["max-age"] in ("0", "-1"):
                jar.pop(name, None)
            else:
                jar[name] = morsel.value


_FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S | re.I)
_ATTR = re.compile(r'([\w-]+)="([^"]*)"')


def form_token(bodies: list[str], action: str) -> str | None:
    """The CSRF token (hidden field ``routes.FIELDS["csrf"]``) of the last form in ``bodies`` (the
    html elements of a run) that posts to ``action``; None if no such form or field."""
    token = None
    for body in bodies:
        for form_attrs, inner in _FORM.findall(body):
            if dict(_ATTR.findall(form_attrs)).get("action") != action:
                continue
            for field in re.findall(r"<input\b[^>]*>", inner, re.I):
                attrs = dict(_ATTR.findall(field))
                if attrs.get("name") == routes.FIELDS["csrf"] and "value" in attrs:
                    token = html.unescape(attrs["value"])
    return token


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # keep the 303 and its Set-Cookie


def _http(url: str, *, jar: dict[str, str], data: dict | None = None, origin: str | None = None) -> int:
    """One HTTP request with the cookies in ``jar``; cookies the answer sets go into ``jar``."""
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, method="POST" if body is not None else "GET")
    if jar:
        request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in jar.items()))
    if origin:
        request.add_header("Origin", origin)
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        response = opener.open(request, timeout=60)
    except urllib.error.HTTPError as err:  # the 303 of a login arrives here (no redirect followed)
        response = err
    with response:
        response.read()
    store_cookies(jar, response.headers.get_all("Set-Cookie") or [])
    return response.status


def _cookie_header(jar: dict[str, str]) -> dict[str, str]:
    return {"Cookie": "; ".join(f"{k}={v}" for k, v in jar.items())}


def _sticky_problem(ws, jar: dict[str, str]) -> tuple[str | None, str | None]:
    """(the process the websocket reached, a problem if it is not the one the sticky cookie names);
    (None, None) without a proxy."""
    reached = ws.response.headers.get(SERVER_HEADER) if ws.response is not None else None
    wanted = jar.get(STICKY_COOKIE)
    if wanted is not None and reached != wanted:
        return reached, f"websocket reached {reached!r}, the {STICKY_COOKIE} cookie names {wanted!r}"
    return reached, None


async def run_protocol_session(base_url: str, name: str, account: tuple[str, str], timeout_ms: int,
                               start: asyncio.Event | None = None, *, logout: bool = False) -> SessionResult:
    """The same walk as ``run_session`` (login, Ringkasan, then the data pages) without a browser;
    with ``logout`` it then logs out through the sidebar's form, as a person leaving would."""
    user, password = account
    result = SessionResult(name, user)
    timeout_s = timeout_ms / 1000
    ws_url = base_url.replace("http://", "ws://") + "/_stcore/stream"
    connect = {"subprotocols": ["streamlit"], "max_size": None, "origin": base_url, "open_timeout": timeout_s,
               "ping_interval": None}
    jar: dict[str, str] = {}
    try:
        if start is not None:
            await start.wait()
        t0 = time.perf_counter()
        status = await asyncio.to_thread(_http, base_url + "/", jar=jar)  # the page itself: the CSRF cookie
        if status != 200:
            result.error = f"GET / answered {status}"
            return result
        async with websockets.connect(ws_url, additional_headers=_cookie_header(jar), **connect) as ws:
            result.server, result.error = _sticky_problem(ws, jar)
            if result.error:
                return result
            form = await ProtocolSession(ws).run(timeout_s)
        token = form_token(form.html, routes.LOGIN_PATH)
        if not token:
            result.error = f"no login form (got {form.problem or sorted(set(form.kinds))})"
            return result
        t_login = time.perf_counter()
        status = await asyncio.to_thread(_http, base_url + routes.LOGIN_PATH, jar=jar, origin=base_url, data={
            routes.FIELDS["username"]: user, routes.FIELDS["password"]: password,
            routes.FIELDS["csrf"]: token, routes.FIELDS["target"]: "/"})
        if status != 303 or cookies.SESSION not in jar:
            result.error = f"login refused ({status}, {'no ' * (cookies.SESSION not in jar)}session cookie)"
            return result
        async with websockets.connect(ws_url, additional_headers=_cookie_header(jar), **connect) as ws:
            result.server, result.error = _sticky_problem(ws, jar)
            if result.error:
                return result
            session = ProtocolSession(ws)
            landing = await session.run(timeout_s)
            if landing.problem or landing.first_chart is None:
                result.error = f"landing page: {landing.problem or 'no chart'}"
                return result
            result.first_chart_s, result.login_to_chart_s = landing.first_chart - t0, landing.first_chart - t_login
            result.pages["ringkasan"] = time.perf_counter() - t_login
            shown = landing
            for key in DATA_PAGES:
                t_page = time.perf_counter()
                shown = await session.run(timeout_s, page=key)
                if shown.problem or catalogue.PAGES[key] not in shown.headings:
                    result.error = f"{key}: {shown.problem or 'page title not shown'}"
                    return result
                result.pages[key] = time.perf_counter() - t_page
            result.all_pages_s = time.perf_counter() - t0
        if logout:
            result.error = await _logout(base_url, jar, shown.html)
    except Exception as exc:
        result.error = f"{type(exc).__name__}: {(str(exc).splitlines() or [''])[0][:200]}"
    return result


async def _logout(base_url: str, jar: dict[str, str], bodies: list[str]) -> str | None:
    """POST the sidebar's logout form (its CSRF token read from the last page's html); a problem, or
    None once the answer (303) has cleared the session cookie."""
    token = form_token(bodies, routes.LOGOUT_PATH)
    if not token:
        return "no logout form in the sidebar"
    status = await asyncio.to_thread(_http, base_url + routes.LOGOUT_PATH, jar=jar, origin=base_url,
                                     data={routes.FIELDS["csrf"]: token})
    if status != 303 or cookies.SESSION in jar:
        return f"logout refused ({status}, session cookie {'kept' if cookies.SESSION in jar else 'cleared'})"
    return None
