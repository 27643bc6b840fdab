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
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RESULTS = ROOT / "benchmarks" / "RESULTS.md"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage"]
VIEWPORT = {"width": 1600, "height": 900}
DATA_PAGES = ("cakupan", "pelanggaran", "formulir_c", "peta", "kualitas")  # after the landing page


# ---------------------------------------------------------------- the server
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``streamlit run dashboard.py`` on ``database_url``, in its own process group, logging to a file."""

    def __init__(self, database_url: str, log_path: Path):
        self.database_url, self.log_path = database_url, log_path
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None

    def start(self, timeout_s: float = 180) -> "Server":
        env = {**os.environ, "DATABASE_URL": self.database_url}
        for name in ("PANTAU_CONFIG", "DATABASE_URL_READONLY"):
            env.pop(name, None)
        self._log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true",
             "--server.port", str(self.port), "--server.address", "127.0.0.1", "--server.fileWatcherType", "none",
             "--browser.gatherUsageStats", "false"],
            cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.proc.returncode}:\n{self.log_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.read().decode().strip() == "ok":
                        return self
            except OSError:
                pass
            time.sleep(0.25)
        self.stop()
        raise RuntimeError(f"streamlit did not become healthy in {timeout_s:.0f} s")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)  # only this server's own process group
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        if getattr(self, "_log", None):
            self._log.close()

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
    from data_access.engine import make_engine, upgrade
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


def append_results(lines: list[str], *, engine: str, sessions: int, single_n: int, log_issues: list[str],
                   chromium: str, notes: str, load: str) -> None:
    stamp = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    block = ["", f"## Beban: {sessions} sesi bersamaan ({engine}, {stamp})", "",
             f"`.venv/bin/python -m benchmarks.load_sessions --sessions {sessions}` · machine: {machine()} · "
             f"engine: {engine} (own demo database) · browser: {chromium}, one context per session, "
             f"in the same machine as the server · {single_n} single sessions one after another, then "
             f"{sessions} at once, after one uncounted warm-up session. First chart: URL opened -> login -> first "
             "plotly chart of Ringkasan drawn. All pages: until Cakupan, Pelanggaran, Formulir C, Peta and "
             "Kualitas were opened one after another through the top navigation and drawn.", "", *lines, "",
             f"Server log: {len(log_issues)} warning/error lines. Load average (1 min) of the shared machine "
             f"{load}." + (f" {notes}" if notes else ""), ""]
    with open(RESULTS, "a", encoding="utf-8") as fh:
        if not RESULTS.exists() or RESULTS.stat().st_size == 0:
            fh.write("# Benchmark results\n")
        fh.write("\n".join(block))


# ---------------------------------------------------------------- main
async def drive(base_url: str, server_pid: int, sessions: int, single: int, timeout_ms: int):
    from playwright.async_api import async_playwright

    from data_access.demo import DEMO_ACCOUNTS

    accounts = [(username, password) for username, _n, _r, password, _s in DEMO_ACCOUNTS]
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        version = f"Chromium {browser.version}"
        try:
            warm = await run_session(browser, base_url, "warm-up", accounts[0], timeout_ms)
            print(*per_session_lines([warm]), sep="\n", flush=True)
            single_results = []
            done = Phase.measure(server_pid)
            for i in range(single):
                single_results.append(await run_session(browser, base_url, f"single{i + 1}",
                                                        accounts[i % len(accounts)], timeout_ms))
            single_phase = done()
            print("single sessions:", *per_session_lines(single_results), sep="\n", flush=True)
            go = asyncio.Event()
            tasks = [asyncio.create_task(run_session(browser, base_url, f"s{i + 1:02d}", accounts[i % len(accounts)],
                                                     timeout_ms, start=go)) for i in range(sessions)]
            await asyncio.sleep(0.5)  # every context created and waiting: then all start at once
            done = Phase.measure(server_pid)
            go.set()
            many = await asyncio.gather(*tasks)
            many_phase = done()
            print(f"{sessions} concurrent sessions:", *per_session_lines(many), sep="\n", flush=True)
        finally:
            await browser.close()
    return single_results, many, version, (single_phase, many_phase)


def cpu_lines(single_n: int, sessions: int, phases: tuple[Phase, Phase]) -> list[str]:
    """Where the time went: CPU seconds of the server process and of the browser side per phase."""
    rows = ["| phase | wall s | server CPU s | browser CPU s | server CPU per session s |",
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
    parser.add_argument("--database-url", default=None,
                        help="database to run on (default: an own SQLite demo file in a temp folder); "
                             "filled with the demo data when it has none; never data/pantau.db")
    parser.add_argument("--timeout", type=float, default=240, help="seconds a session may wait for one step")
    parser.add_argument("--no-record", action="store_true", help="do not append to benchmarks/RESULTS.md")
    parser.add_argument("--note", default="", help="free text added to the RESULTS.md entry")
    args = parser.parse_args(argv)

    if not os.path.exists(CHROMIUM):
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
        try:
            single, many, chromium, phases = asyncio.run(drive(server.url, server.proc.pid, args.sessions,
                                                               args.single, int(args.timeout * 1000)))
        finally:
            server.stop()
        load = f"{load_before:.1f} before the run, {os.getloadavg()[0]:.1f} after it"
        issues = log_problems(server.log_text())
        lines = report(single, many) + ["", *cpu_lines(args.single, args.sessions, phases)]
        print("", *lines, "", f"server log: {len(issues)} warning/error lines", *issues[:30], f"load average: {load}",
              sep="\n")
        errors = summary(single)["errors"] + summary(many)["errors"]
        if not args.no_record:
            append_results(lines + (["", "Errors:", *[f"- {r.name} ({r.account}): {r.error}"
                                                      for r in single + many if r.error]] if errors else []),
                           engine=engine, sessions=args.sessions, single_n=args.single, log_issues=issues,
                           chromium=chromium, notes=args.note, load=load)
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
