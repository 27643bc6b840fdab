"""The load benchmark's client without a browser: one session spoken in Streamlit's own browser
protocol (protobuf BackMsg/ForwardMsg over the ``/_stcore/stream`` websocket), walking the same pages
as the Chromium sessions of benchmarks/load_sessions.py."""
from __future__ import annotations

import asyncio
import time

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

from benchmarks.load_results import DATA_PAGES, SessionResult
from texts import catalogue


class _Run:
    def __init__(self):
        self.kinds: list[str] = []
        self.widgets: dict[str, object] = {}  # label -> widget proto (text inputs, buttons)
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
                elif etype in ("text_input", "button"):
                    out.widgets[getattr(element, etype).label] = getattr(element, etype)
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


async def run_protocol_session(base_url: str, name: str, account: tuple[str, str], timeout_ms: int,
                               start: asyncio.Event | None = None) -> SessionResult:
    """The same walk as ``run_session`` (login, Ringkasan, then the data pages) without a browser."""
    user, password = account
    result = SessionResult(name, user)
    timeout_s = timeout_ms / 1000
    try:
        if start is not None:
            await start.wait()
        t0 = time.perf_counter()
        ws_url = base_url.replace("http://", "ws://") + "/_stcore/stream"
        async with websockets.connect(ws_url, subprotocols=["streamlit"], max_size=None, origin=base_url,
                                      open_timeout=timeout_s, ping_interval=None) as ws:
            session = ProtocolSession(ws)
            form = await session.run(timeout_s)
            try:
                fields = [form.widgets[catalogue.AUTH["username"]], form.widgets[catalogue.AUTH["password"]]]
                submit = form.widgets[catalogue.AUTH["submit"]]
            except KeyError:
                result.error = f"no login form (got {form.problem or sorted(set(form.kinds))})"
                return result
            states = [WidgetState(id=fields[0].id, string_value=user),
                      WidgetState(id=fields[1].id, string_value=password),
                      WidgetState(id=submit.id, trigger_value=True)]
            t_login = time.perf_counter()
            landing = await session.run(timeout_s, widget_states=states)
            if landing.problem or landing.first_chart is None:
                result.error = f"landing page: {landing.problem or 'no chart'}"
                return result
            result.first_chart_s, result.login_to_chart_s = landing.first_chart - t0, landing.first_chart - t_login
            result.pages["ringkasan"] = time.perf_counter() - t_login
            for key in DATA_PAGES:
                t_page = time.perf_counter()
                shown = await session.run(timeout_s, page=key)
                if shown.problem or catalogue.PAGES[key] not in shown.headings:
                    result.error = f"{key}: {shown.problem or 'page title not shown'}"
                    return result
                result.pages[key] = time.perf_counter() - t_page
            result.all_pages_s = time.perf_counter() - t0
    except Exception as exc:
        result.error = f"{type(exc).__name__}: {(str(exc).splitlines() or [''])[0][:200]}"
    return result
