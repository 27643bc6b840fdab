"""Load test: many people open Pantau at the same time (issue 9, "Load").

    .venv/bin/python -m benchmarks.load_sessions [--sessions 20] [--database-url URL] [--no-record]

What it does, in one run:

1. makes its own demo database (SQLite file in a temp folder, ``data_access.demo``; or
   ``--database-url``, e.g. an own PostgreSQL database, filled with the demo data when empty) and
   starts ``streamlit run dashboard.py`` on it on a free localhost port (never ``data/pantau.db``);
2. drives headless Debian Chromium (``/usr/bin/chromium``; never ``playwright install``) through
   Playwright: each *session* is its own browser context (own cookies, own Streamlit session) that
   opens the app, logs in with a demo account (admin, operator, pimpinan, koordinator in turn),
   waits for the first plotly chart of the landing page (Ringkasan) to be drawn, then opens the
   other data pages through the top navigation (Cakupan, Pelanggaran, Formulir C, Peta, Kualitas)
   and waits for each to finish drawing;
3. one warm-up session (server imports, cold query cache; not counted), then ``--single`` sessions
   one after the other, then ``--sessions`` sessions all at once;
4. per session: time to first chart (from opening the URL, login included) and the time to have
   opened every page; an error is an exception box, the outage message, a refused login or a
   timeout. The server log is scanned for tracebacks and warnings as well.

Prints median / p95 / max and the error count for the single and the concurrent sessions and their
ratio, and appends them to ``benchmarks/RESULTS.md`` (section "Beban: sesi bersamaan") with the date,
machine and engine. Exit status 1 when any session had an error.

Browser and server share the machine: on a 2-core box the 20 Chromium tabs drawing plotly compete
with the server for the CPU, so the concurrent figures are an upper bound of what 20 people on
their own computers would see.
"""
from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import platform
import re
import shutil
import statistics
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.e2e.browser import AppServer  # noqa: E402 - the one way this project starts the app

RESULTS = ROOT / "benchmarks" / "RESULTS.md"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage"]
VIEWPORT = {"width": 1600, "height": 900}
DATA_PAGES = ("cakupan", "pelanggaran", "formulir_c", "peta", "kualitas")  # after the landing page


# ---------------------------------------------------------------- the server
class Server(AppServer):
    """The browser tests' server (tests/e2e/browser.py) on ``database_url``, plus what the load
    benchmark reads off it: its peak memory and its whole log."""

    def start(self, timeout_s: float = 180) -> "Server":
        super().start(timeout_s)
        return self

    def peak_mb(self) -> float | None:
        """The server process's peak resident memory so far (VmHWM), in MB."""
        try:
            with open(f"/proc/{self.proc.pid}/status") as fh:
                kb = next(int(line.split()[1]) for line in fh if line.startswith("VmHWM"))
            return kb / 1024
        except (OSError, StopIteration, AttributeError):
            return None

    def log_text(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except OSError:
            return ""


def log_problems(text: str) -> list[str]:
    """Lines of the server log that show something went wrong (tracebacks, warnings, errors)."""
    return [line for line in text.splitlines()
            if re.search(r"Traceback|\bERROR\b|\bWARNING\b|database is locked|OperationalError", line)]


def _proc_table() -> dict[int, tuple[int, float]]:
    """pid -> (parent pid, CPU seconds of the process and its reaped children) from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    out = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # after "pid (comm)": state ppid ... utime(14) stime(15) cutime(16) cstime(17), 1-based overall
        out[int(entry)] = (int(fields[1]), sum(int(x) for x in fields[11:15]) / tick)
    return out


def cpu_seconds(root: int, exclude: int | None = None) -> float:
    """CPU time used so far by ``root`` and every live descendant (a finished child's time is in
    its parent's "children" counters once reaped), leaving out the subtree of ``exclude``."""
    table = _proc_table()
    kids: dict[int, list[int]] = {}
    for pid, (ppid, _cpu) in table.items():
        kids.setdefault(ppid, []).append(pid)
    total, todo = 0.0, [root]
    while todo:
        pid = todo.pop()
        if pid == exclude or pid not in table:
            continue
        total += table[pid][1]
        todo += kids.get(pid, [])
    return total


@dataclass
class Phase:
    """Wall time and where the CPU went during one phase of the run."""
    wall_s: float = 0.0
    server_cpu_s: float = 0.0
    browser_cpu_s: float = 0.0

    @classmethod
    def measure(cls, server_pid: int):
        wall, srv, brw = time.perf_counter(), cpu_seconds(server_pid), cpu_seconds(os.getpid(), exclude=server_pid)

        def done() -> "Phase":
            return cls(time.perf_counter() - wall, cpu_seconds(server_pid) - srv,
                       cpu_seconds(os.getpid(), exclude=server_pid) - brw)
        return done


def prepare_database(url: str | None, workdir: Path) -> tuple[str, str]:
    """The URL to test and its engine's name; an own SQLite demo file unless ``url`` is given."""
    from data_access import demo
    from data_access.engine import make_engine
    from data_access.migrate import upgrade
    from data_access.queries import reference

    if url is None:
        url = f"sqlite:///{workdir / 'demo.db'}"
    engine = make_engine(url)
    try:
        upgrade(engine)
        with engine.connect() as conn:
            seeded = reference.demo_seed(conn) is not None
        if not seeded:
            print(f"filling {engine.url.render_as_string(hide_password=True)} with the demo data ...", flush=True)
            demo.generate(engine)
        return url, engine.dialect.name
    finally:
        engine.dispose()


# ---------------------------------------------------------------- one session in the browser
@dataclass
class SessionResult:
    name: str
    account: str
    first_chart_s: float | None = None   # URL opened -> first plotly chart drawn (login included)
    login_to_chart_s: float | None = None  # "Masuk" clicked -> first plotly chart drawn
    all_pages_s: float | None = None     # URL opened -> last data page drawn
    pages: dict[str, float] = field(default_factory=dict)
    error: str | None = None


_DRAWN = """() => {
    const app = document.querySelector("[data-testid='stApp']");
    if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
    if (document.querySelectorAll("[data-testid='stSkeleton']").length) return false;
    return [...document.querySelectorAll("[data-testid='stPlotlyChart']")].every(
        c => c.querySelector('svg.main-svg, canvas'));
}"""


async def _problem(page) -> str | None:
    """An exception box, the outage message or a login refusal on screen, as text."""
    from ui import i18n

    exc = page.get_by_test_id("stException")
    if await exc.count():
        return "exception: " + (await exc.first.inner_text())[:300].replace("\n", " ")
    alerts = page.get_by_test_id("stAlertContentError")
    for i in range(await alerts.count()):
        text = (await alerts.nth(i).inner_text()).strip()
        if text.startswith(i18n.MSG["db_down"][:40]):
            return "outage message: " + text[:120]
        return "error box: " + text[:200].replace("\n", " ")
    return None


async def run_session(browser, base_url: str, name: str, account: tuple[str, str], timeout_ms: int,
                      start: asyncio.Event | None = None) -> SessionResult:
    from ui import i18n

    user, password = account
    result = SessionResult(name, user)
    context = await browser.new_context(viewport=VIEWPORT, locale="id-ID", timezone_id="Asia/Jakarta")
    context.set_default_timeout(timeout_ms)
    page = await context.new_page()
    try:
        if start is not None:
            await start.wait()
        t0 = time.perf_counter()
        await page.goto(base_url, timeout=timeout_ms)
        await page.get_by_label(i18n.AUTH["username"]).fill(user)
        await page.get_by_label(i18n.AUTH["password"]).fill(password)
        t_login = time.perf_counter()
        await page.get_by_role("button", name=i18n.AUTH["submit"]).click()
        first_chart = page.locator("[data-testid='stPlotlyChart'] svg.main-svg, [data-testid='stPlotlyChart'] canvas")
        bad = page.get_by_test_id("stException").or_(page.get_by_test_id("stAlertContentError"))
        await first_chart.first.or_(bad.first).wait_for(state="visible", timeout=timeout_ms)
        if (problem := await _problem(page)) is not None:
            result.error = f"landing page: {problem}"
            return result
        now = time.perf_counter()
        result.first_chart_s, result.login_to_chart_s = now - t0, now - t_login
        await page.wait_for_function(_DRAWN, timeout=timeout_ms, polling=100)
        result.pages["ringkasan"] = time.perf_counter() - t_login

        for key in DATA_PAGES:
            title = i18n.PAGES[key]
            t_page = time.perf_counter()
            link = page.locator(f"[data-testid='stTopNavLink'][href$='/{key}']")
            if not await link.count():  # narrow header: the link sits in the overflow menu
                await page.get_by_test_id("stTopNavPopover").first.click()
                link = page.locator(f"[data-testid='stTopNavDropdownLink'][href$='/{key}']")
            await link.first.click()
            heading = page.get_by_role("heading", name=title, level=1)
            await heading.or_(bad.first).first.wait_for(state="visible", timeout=timeout_ms)
            await page.wait_for_timeout(150)  # the click's rerun may not have flipped the script state yet
            await page.wait_for_function(_DRAWN, timeout=timeout_ms, polling=100)
            if (problem := await _problem(page)) is not None:
                result.error = f"{key}: {problem}"
                return result
            result.pages[key] = time.perf_counter() - t_page
        result.all_pages_s = time.perf_counter() - t0
    except Exception as exc:  # noqa: BLE001 - a timeout or a crash is this session's error, not the run's
        result.error = f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}"
    finally:
        await context.close()
    return result


# ---------------------------------------------------------------- one session without a browser
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
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        from ui import i18n

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
                    out.problem = ("outage message: " if body.startswith(i18n.MSG["db_down"][:40]) else
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
    import websockets
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    from ui import i18n

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
                fields = [form.widgets[i18n.AUTH["username"]], form.widgets[i18n.AUTH["password"]]]
                submit = form.widgets[i18n.AUTH["submit"]]
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
                if shown.problem or i18n.PAGES[key] not in shown.headings:
                    result.error = f"{key}: {shown.problem or 'page title not shown'}"
                    return result
                result.pages[key] = time.perf_counter() - t_page
            result.all_pages_s = time.perf_counter() - t0
    except Exception as exc:  # noqa: BLE001 - a timeout or a dropped connection is this session's error
        result.error = f"{type(exc).__name__}: {(str(exc).splitlines() or [''])[0][:200]}"
    return result


# ---------------------------------------------------------------- figures
def pct(values: list[float], q: float) -> float:
    """The q-quantile by linear interpolation between closest ranks (q=0.95 -> p95)."""
    xs = sorted(values)
    if len(xs) == 1:
        return xs[0]
    pos = (len(xs) - 1) * q
    lo = int(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def summary(results: list[SessionResult]) -> dict:
    ok = [r for r in results if r.error is None]
    firsts = [r.first_chart_s for r in results if r.first_chart_s is not None]
    afters = [r.login_to_chart_s for r in results if r.login_to_chart_s is not None]
    alls = [r.all_pages_s for r in ok if r.all_pages_s is not None]

    def stats(xs):
        return {"median": statistics.median(xs), "p95": pct(xs, 0.95), "max": max(xs)} if xs else None

    return {"n": len(results), "errors": len(results) - len(ok), "first": stats(firsts), "after_login": stats(afters),
            "all": stats(alls)}


def fmt(x: float | None) -> str:
    return "-" if x is None else f"{x:.2f}"


def report(single: list[SessionResult], many: list[SessionResult]) -> list[str]:
    s, m = summary(single), summary(many)
    rows = ["| sessions | n | errors | first chart median s | p95 s | max s | (after login, median s) "
            "| all pages median s | p95 s | max s |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for label, x in (("1 (one after another)", s), (f"{m['n']} concurrent", m)):
        f, a, al = x["first"] or {}, x["all"] or {}, x["after_login"] or {}
        rows.append(f"| {label} | {x['n']} | {x['errors']} | {fmt(f.get('median'))} | {fmt(f.get('p95'))} | "
                    f"{fmt(f.get('max'))} | {fmt(al.get('median'))} | {fmt(a.get('median'))} | {fmt(a.get('p95'))} | "
                    f"{fmt(a.get('max'))} |")
    if s["first"] and m["first"]:
        rows.append("")
        rows.append(f"Ratio concurrent / single, first chart: median {m['first']['median'] / s['first']['median']:.1f}x, "
                    f"p95 {m['first']['p95'] / s['first']['p95']:.1f}x, max {m['first']['max'] / s['first']['max']:.1f}x"
                    + (f"; all pages: median {m['all']['median'] / s['all']['median']:.1f}x" if s["all"] and m["all"]
                       else ""))
    return rows


def per_session_lines(results: list[SessionResult]) -> list[str]:
    out = []
    for r in results:
        pages = " ".join(f"{k}={v:.1f}" for k, v in r.pages.items())
        out.append(f"  {r.name:<8} {r.account:<12} first chart {fmt(r.first_chart_s):>6} s "
                   f"(after login {fmt(r.login_to_chart_s):>6} s)  all pages {fmt(r.all_pages_s):>6} s  "
                   f"[{pages}]" + (f"  ERROR {r.error}" if r.error else ""))
    return out


def machine() -> str:
    try:
        mem_kb = next(int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal"))
        ram = f"{mem_kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, StopIteration):
        ram = "RAM unknown"
    cpu = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return f"{os.cpu_count()} cores (nproc {len(os.sched_getaffinity(0))}), {ram}, {platform.system()} " \
           f"{platform.release()}" + (f", {cpu}" if cpu else "")


def append_results(blocks: list[tuple[str, list[str]]], *, engine: str, sessions: int, single_n: int,
                   log_issues: list[str], notes: str, load: str) -> None:
    stamp = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    out = ["", f"## Beban: {sessions} sesi bersamaan ({engine}, {stamp})", "",
           f"`.venv/bin/python -m benchmarks.load_sessions --sessions {sessions}` · machine: {machine()} · "
           f"engine: {engine} (own demo database) · {single_n} single sessions one after another, then "
           f"{sessions} at once, after one uncounted warm-up session; accounts admin, operator, pimpinan, "
           "koordinator in turn. First chart: URL opened -> login -> first plotly chart of Ringkasan. "
           "All pages: until Cakupan, Pelanggaran, Formulir C, Peta and Kualitas were opened one after another "
           "through the navigation and finished.", ""]
    for title, lines in blocks:
        out += [title, "", *lines, ""]
    out += [f"Server log: {len(log_issues)} warning/error lines. Load average (1 min) of the shared machine "
            f"{load}." + (f" {notes}" if notes else ""), ""]
    with open(RESULTS, "a", encoding="utf-8") as fh:
        if not RESULTS.exists() or RESULTS.stat().st_size == 0:
            fh.write("# Benchmark results\n")
        fh.write("\n".join(out))


# ---------------------------------------------------------------- main
async def phases(label: str, run, server_pid: int, sessions: int, single: int, timeout_ms: int):
    """Warm-up, ``single`` sessions one after another, then ``sessions`` at once, with ``run``
    (``run(name, account, timeout_ms, start)`` -> SessionResult)."""
    from data_access.demo import DEMO_ACCOUNTS

    accounts = [(username, password) for username, _n, _r, password, _s in DEMO_ACCOUNTS]
    warm = await run("warm-up", accounts[0], timeout_ms, None)
    print(f"[{label}]", *per_session_lines([warm]), sep="\n", flush=True)
    done = Phase.measure(server_pid)
    single_results = [await run(f"single{i + 1}", accounts[i % len(accounts)], timeout_ms, None)
                      for i in range(single)]
    single_phase = done()
    print(f"[{label}] single sessions:", *per_session_lines(single_results), sep="\n", flush=True)
    go = asyncio.Event()
    tasks = [asyncio.create_task(run(f"s{i + 1:02d}", accounts[i % len(accounts)], timeout_ms, go))
             for i in range(sessions)]
    await asyncio.sleep(0.5)  # every session set up and waiting: then all start at once
    done = Phase.measure(server_pid)
    go.set()
    many = list(await asyncio.gather(*tasks))
    many_phase = done()
    print(f"[{label}] {sessions} concurrent sessions:", *per_session_lines(many), sep="\n", flush=True)
    return single_results, many, (single_phase, many_phase)


async def drive_browser(base_url: str, server_pid: int, sessions: int, single: int, timeout_ms: int):
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            def run(name, account, timeout, start):
                return run_session(browser, base_url, name, account, timeout, start)

            return (*await phases("browser", run, server_pid, sessions, single, timeout_ms),
                    f"Chromium {browser.version}")
        finally:
            await browser.close()


async def drive_protocol(base_url: str, server_pid: int, sessions: int, single: int, timeout_ms: int):
    def run(name, account, timeout, start):
        return run_protocol_session(base_url, name, account, timeout, start)

    return await phases("protocol", run, server_pid, sessions, single, timeout_ms)


def cpu_lines(single_n: int, sessions: int, phases: tuple[Phase, Phase], client: str) -> list[str]:
    """Where the time went: CPU seconds of the server process and of the client side per phase."""
    rows = [f"| phase | wall s | server CPU s | {client} CPU s | server CPU per session s |",
            "| --- | ---: | ---: | ---: | ---: |"]
    for label, n, p in ((f"{single_n} single, one after another", single_n, phases[0]),
                        (f"{sessions} concurrent", sessions, phases[1])):
        rows.append(f"| {label} | {p.wall_s:.1f} | {p.server_cpu_s:.1f} | {p.browser_cpu_s:.1f} | "
                    f"{p.server_cpu_s / max(n, 1):.2f} |")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=20, help="concurrent sessions (default 20)")
    parser.add_argument("--single", type=int, default=3, help="single sessions, one after another (default 3)")
    parser.add_argument("--client", choices=("browser", "protocol", "both"), default="both",
                        help="Chromium sessions, protocol-level sessions without a browser, or both (default)")
    parser.add_argument("--database-url", default=None,
                        help="database to run on (default: an own SQLite demo file in a temp folder); "
                             "filled with the demo data when it has none; never data/pantau.db")
    parser.add_argument("--timeout", type=float, default=240, help="seconds a session may wait for one step")
    parser.add_argument("--no-record", action="store_true", help="do not append to benchmarks/RESULTS.md")
    parser.add_argument("--note", default="", help="free text added to the RESULTS.md entry")
    args = parser.parse_args(argv)

    if args.client != "protocol" and not os.path.exists(CHROMIUM):
        print(f"needs Debian's Chromium at {CHROMIUM} (apt-get install chromium); never `playwright install`",
              file=sys.stderr)
        return 2
    from data_access.engine import DEFAULT_SQLITE_PATH

    if args.database_url and args.database_url.endswith(str(DEFAULT_SQLITE_PATH)):
        print("refusing to load-test data/pantau.db: give another database", file=sys.stderr)
        return 2

    workdir = Path(tempfile.mkdtemp(prefix="pantau_load_"))
    errors = 0
    try:
        url, engine = prepare_database(args.database_url, workdir)
        load_before = os.getloadavg()[0]
        server = Server(url, workdir / "streamlit.log").start()
        print(f"server {server.url} on {engine}; log {server.log_path}", flush=True)
        timeout_ms = int(args.timeout * 1000)
        blocks, results = [], []
        try:
            if args.client in ("protocol", "both"):
                single, many, cpu = asyncio.run(drive_protocol(server.url, server.proc.pid, args.sessions,
                                                               args.single, timeout_ms))
                blocks.append(("Without a browser (Streamlit's websocket protocol; the server's share; first chart = "
                               "first plotly chart message received):",
                               report(single, many) + ["", *cpu_lines(args.single, args.sessions, cpu, "client")]))
                results += single + many
            if args.client in ("browser", "both"):
                single, many, cpu, chromium = asyncio.run(drive_browser(server.url, server.proc.pid, args.sessions,
                                                                        args.single, timeout_ms))
                blocks.append((f"In {chromium} (headless, one context per session, on the same 2 cores as the "
                               "server; first chart = first plotly chart drawn):",
                               report(single, many) + ["", *cpu_lines(args.single, args.sessions, cpu, "browser")]))
                results += single + many
        finally:
            peak = server.peak_mb()
            server.stop()
        load = f"{load_before:.1f} before the run, {os.getloadavg()[0]:.1f} after it"
        load += f". Server peak memory (VmHWM) {peak:.0f} MB" if peak else ""
        issues = log_problems(server.log_text())
        for title, lines in blocks:
            print("", title, "", *lines, sep="\n")
        print("", f"server log: {len(issues)} warning/error lines", *issues[:30], f"load average: {load}", sep="\n")
        failed = [r for r in results if r.error]
        errors = len(failed) + len(issues)
        if failed:
            blocks.append(("Errors:", [f"- {r.name} ({r.account}): {r.error}" for r in failed]))
        if not args.no_record:
            append_results(blocks, engine=engine, sessions=args.sessions, single_n=args.single, log_issues=issues,
                           notes=args.note, load=load)
            print(f"appended to {RESULTS.relative_to(ROOT)}")
        return 1 if errors else 0
    except BaseException:
        errors = 1
        raise
    finally:
        if errors:  # keep the server log (and the database) to look at
            print(f"kept {workdir} (server log, database)", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
