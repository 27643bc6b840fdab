"""Load test: many people open Pantau at the same time (issue 9, "Load").

    .venv/bin/python -m benchmarks.load_sessions [--sessions 20] [--processes N] [--database-url URL] [--no-record]
    .venv/bin/python -m benchmarks.load_sessions --soak 300 --processes 2 [--database-url URL]

What it does, in one run:

1. makes its own demo database (SQLite file in a temp folder, ``data_access.demo``; or
   ``--database-url``, e.g. an own PostgreSQL database, filled with the demo data when empty) and
   starts ``streamlit run dashboard.py`` on it on a free localhost port (never ``data/pantau.db``);
2. drives headless Debian Chromium (``/usr/bin/chromium``; never ``playwright install``) through
   Playwright: each *session* is its own browser context (own cookies, own Streamlit session) that
   opens the app, logs in with its own account (the demo accounts, then the benchmark's load accounts),
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

With ``--processes N`` the app runs as ``scripts/serve --processes N`` (N Streamlit processes behind
HAProxy) and every request goes through the proxy, HAProxy's sticky cookie kept; the server's CPU and
memory are then those of the N Streamlit processes (summed; the largest one and HAProxy's CPU are
reported too). ``--soak N`` replaces the load phases by N protocol sessions one after another, each
logging in, walking the pages and logging out, and fails on any error or when the processes' resident
memory after all N is more than 10% above what it was after the first 30.

Browser and server share the machine: on a 2-core box the 20 Chromium tabs drawing plotly compete
with the server for the CPU, so the concurrent figures are an upper bound of what 20 people on
their own computers would see.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

from playwright.async_api import async_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a file: the repository's packages

from sqlalchemy import select  # noqa: E402

from benchmarks.load_protocol import run_protocol_session  # noqa: E402
from benchmarks.load_results import (  # noqa: E402
    DATA_PAGES,
    RESULTS,
    Phase,
    SessionResult,
    append_results,
    append_soak,
    cpu_lines,
    per_session_lines,
    report,
    servers_line,
    soak_lines,
    target_lines,
)
from benchmarks.load_server import Server, memory, start_server  # noqa: E402
from data_access import demo, schema, users  # noqa: E402
from data_access.engine import DEFAULT_SQLITE_PATH, make_engine  # noqa: E402
from data_access.migrate import upgrade  # noqa: E402
from data_access.queries import reference  # noqa: E402
from devkit import browser as b  # noqa: E402
from texts import catalogue  # noqa: E402

VIEWPORT = {"width": 1600, "height": 900}
# Each session its own account, as in a briefing where everyone logs in as themselves: the demo
# accounts, then LOAD_USERS more (pimpinan and kecamatan koordinator in turn), made by
# prepare_database. Logins of ONE account from ONE address at the same instant are held up after
# [access] max_failed_logins: each attempt is counted before its password is checked, which is what
# stops parallel guessing (issue 17), so a load test must not share accounts between sessions.
LOAD_USERS, LOAD_PASSWORD = 60, "uji-beban-pantau-2024"
ACCOUNTS = ([(username, password) for username, _n, _r, password, _s in demo.DEMO_ACCOUNTS]
            + [(f"beban{i:02d}", LOAD_PASSWORD) for i in range(1, LOAD_USERS + 1)])
SOAK_GROWTH = 0.10  # issue 20: memory after the soak at most 10% above memory after its first 30 sessions


def log_problems(text: str) -> list[str]:
    """Lines of the server log that show something went wrong (tracebacks, warnings, errors)."""
    return [line for line in text.splitlines()
            if re.search(r"Traceback|\bERROR\b|\bWARNING\b|database is locked|OperationalError", line)
            or line.startswith("[haproxy]")  # HAProxy logs only errors, retries and redispatches (dontlog-normal)
            or (re.match(r"pantau serve: .*(exited|not healthy|stopping$)", line) is not None
                and "SIGTERM: stopping" not in line)]  # a process died, or serve gave up


def prepare_database(url: str | None, workdir: Path) -> tuple[str, str]:
    """The URL to test and its engine's name; an own SQLite demo file unless ``url`` is given."""
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
        _load_accounts(engine)
        return url, engine.dialect.name
    finally:
        engine.dispose()


def _load_accounts(engine) -> None:
    """The benchmark's own accounts (``ACCOUNTS`` after the demo ones), made once per database."""
    with engine.connect() as conn:
        kecamatan = [k for (k,) in conn.execute(select(schema.Kecamatan.kode).order_by(schema.Kecamatan.kode))]
        existing = {u for (u,) in conn.execute(select(schema.AppUser.username))}
    for i in range(1, LOAD_USERS + 1):
        name = f"beban{i:02d}"
        if name not in existing:
            scope = (kecamatan[i % len(kecamatan)],) if i % 2 else ()
            users.create_user(engine, name, f"Uji beban {i}", "koordinator" if scope else "pimpinan", LOAD_PASSWORD,
                              scope, by="benchmark")


# ---------------------------------------------------------------- one session in the browser
async def _problem(page) -> str | None:
    """An exception box, the outage message or a login refusal on screen, as text."""
    exc = page.get_by_test_id("stException")
    if await exc.count():
        return "exception: " + (await exc.first.inner_text())[:300].replace("\n", " ")
    alerts = page.get_by_test_id("stAlertContentError")
    for i in range(await alerts.count()):
        text = (await alerts.nth(i).inner_text()).strip()
        if text.startswith(catalogue.MSG["db_down"][:40]):
            return "outage message: " + text[:120]
        return "error box: " + text[:200].replace("\n", " ")
    return None


async def run_session(browser, base_url: str, name: str, account: tuple[str, str], timeout_ms: int,
                      start: asyncio.Event | None = None) -> SessionResult:
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
        await page.get_by_label(catalogue.AUTH["username"]).fill(user)
        await page.get_by_label(catalogue.AUTH["password"]).fill(password)
        t_login = time.perf_counter()
        await page.get_by_role("button", name=catalogue.AUTH["submit"]).click()
        first_chart = page.locator("[data-testid='stPlotlyChart'] svg.main-svg, [data-testid='stPlotlyChart'] canvas")
        bad = page.get_by_test_id("stException").or_(page.get_by_test_id("stAlertContentError"))
        await first_chart.first.or_(bad.first).wait_for(state="visible", timeout=timeout_ms)
        if (problem := await _problem(page)) is not None:
            result.error = f"landing page: {problem}"
            return result
        now = time.perf_counter()
        result.first_chart_s, result.login_to_chart_s = now - t0, now - t_login
        await page.wait_for_function(b.APP_DRAWN_JS, timeout=timeout_ms, polling=100)
        result.pages["ringkasan"] = time.perf_counter() - t_login

        for key in DATA_PAGES:
            title = catalogue.PAGES[key]
            t_page = time.perf_counter()
            link = page.locator(f"[data-testid='stTopNavLink'][href$='/{key}']")
            if not await link.count():  # narrow header: the link sits in the overflow menu
                await page.get_by_test_id("stTopNavPopover").first.click()
                link = page.locator(f"[data-testid='stTopNavDropdownLink'][href$='/{key}']")
            await link.first.click()
            heading = page.get_by_role("heading", name=title, level=1)
            await heading.or_(bad.first).first.wait_for(state="visible", timeout=timeout_ms)
            # the new page's title is drawn by the new run: "notRunning" from here on means it finished
            await page.wait_for_function(b.APP_DRAWN_JS, timeout=timeout_ms, polling=100)
            if (problem := await _problem(page)) is not None:
                result.error = f"{key}: {problem}"
                return result
            result.pages[key] = time.perf_counter() - t_page
        result.all_pages_s = time.perf_counter() - t0
    except Exception as exc:
        result.error = f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}"
    finally:
        await context.close()
    return result


# ---------------------------------------------------------------- main
async def phases(label: str, run, server: Server, sessions: int, single: int, timeout_ms: int):
    """Warm-up, ``single`` sessions one after another, then ``sessions`` at once, with ``run``
    (``run(name, account, timeout_ms, start)`` -> SessionResult)."""
    warm = await run("warm-up", ACCOUNTS[0], timeout_ms, None)
    print(f"[{label}]", *per_session_lines([warm]), sep="\n", flush=True)
    done = Phase.measure(server.root_pid, server.app_pids)
    single_results = [await run(f"single{i + 1}", ACCOUNTS[i % len(ACCOUNTS)], timeout_ms, None)
                      for i in range(single)]
    single_phase = done()
    print(f"[{label}] single sessions:", *per_session_lines(single_results), sep="\n", flush=True)
    go = asyncio.Event()
    tasks = [asyncio.create_task(run(f"s{i + 1:02d}", ACCOUNTS[i % len(ACCOUNTS)], timeout_ms, go))
             for i in range(sessions)]
    await asyncio.sleep(0.5)  # every session set up and waiting: then all start at once
    done = Phase.measure(server.root_pid, server.app_pids)
    go.set()
    many = list(await asyncio.gather(*tasks))
    many_phase = done()
    print(f"[{label}] {sessions} concurrent sessions:", *per_session_lines(many), sep="\n", flush=True)
    return single_results, many, (single_phase, many_phase)


async def drive_browser(server: Server, sessions: int, single: int, timeout_ms: int):
    async with async_playwright() as pw:
        browser = await b.launch(pw)
        try:
            def run(name, account, timeout, start):
                return run_session(browser, server.url, name, account, timeout, start)

            return (*await phases("browser", run, server, sessions, single, timeout_ms),
                    f"Chromium {browser.version}")
        finally:
            await browser.close()


async def drive_protocol(server: Server, sessions: int, single: int, timeout_ms: int):
    def run(name, account, timeout, start):
        return run_protocol_session(server.url, name, account, timeout, start)

    return await phases("protocol", run, server, sessions, single, timeout_ms)


def load_run(args, server: Server, timeout_ms: int) -> tuple[list[tuple[str, list[str]]], list[SessionResult]]:
    """The warm-up, single and concurrent phases with the chosen clients: report blocks and results."""
    blocks, results = [], []
    if args.client in ("protocol", "both"):
        single, many, cpu = asyncio.run(drive_protocol(server, args.sessions, args.single, timeout_ms))
        peak = memory(server.app_pids, "VmHWM")
        spread = servers_line(single + many)
        blocks.append(("Without a browser (Streamlit's websocket protocol; the server's share; first chart = "
                       "first plotly chart message received):",
                       report(single, many) + ["", *cpu_lines(args.single, args.sessions, cpu, "client")]
                       + ([spread] if spread else [])))
        blocks.append(("Issue 20's targets (protocol client; server memory = the Streamlit processes' peak "
                       "resident memory summed, so far in the run):",
                       target_lines(single, many, cpu, peak.sum_mb if peak else None)))
        results += single + many
    if args.client in ("browser", "both"):
        single, many, cpu, chromium = asyncio.run(drive_browser(server, args.sessions, args.single, timeout_ms))
        spread = servers_line(single + many)
        blocks.append((f"In {chromium} (headless, one context per session, on the same 2 cores as the "
                       "server; first chart = first plotly chart drawn):",
                       report(single, many) + ["", *cpu_lines(args.single, args.sessions, cpu, "browser")]
                       + ([spread] if spread else [])))
        results += single + many
    return blocks, results


async def soak(server: Server, n: int, baseline_at: int, timeout_ms: int):
    """``n`` protocol sessions one after another, each logging in, walking the pages and logging out;
    the Streamlit processes' resident memory (VmRSS, summed) after the first ``baseline_at`` and after
    all of them. Returns the results, the report lines and whether memory grew too much."""
    results: list[SessionResult] = []
    baseline = None
    done = Phase.measure(server.root_pid, server.app_pids)
    for i in range(n):
        r = await run_protocol_session(server.url, f"soak{i + 1:03d}", ACCOUNTS[i % len(ACCOUNTS)], timeout_ms,
                                       logout=True)
        results.append(r)
        if r.error:
            print(*per_session_lines([r]), sep="\n", flush=True)
        if i + 1 == baseline_at:
            baseline = memory(server.app_pids, "VmRSS")
        if (i + 1) % 10 == 0 or i + 1 in (baseline_at, n):
            print(f"[soak] {i + 1}/{n} sessions, {sum(x.error is not None for x in results)} errors, "
                  f"memory now {memory(server.app_pids, 'VmRSS')}", flush=True)
    phase = done()
    final, peak = memory(server.app_pids, "VmRSS"), memory(server.app_pids, "VmHWM")
    lines, grew = soak_lines(results, phase, baseline_at, baseline, final, peak, SOAK_GROWTH)
    return results, lines, grew


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=20, help="concurrent sessions (default 20)")
    parser.add_argument("--single", type=int, default=3, help="single sessions, one after another (default 3)")
    parser.add_argument("--client", choices=("browser", "protocol", "both"), default="both",
                        help="Chromium sessions, protocol-level sessions without a browser, or both (default)")
    parser.add_argument("--processes", type=int, default=None, metavar="N",
                        help="run the app as `scripts/serve --processes N` (N Streamlit processes behind HAProxy; "
                             "every request of the client goes through the proxy) instead of one `streamlit run`")
    parser.add_argument("--soak", type=int, default=None, metavar="N",
                        help="instead of the load phases: N protocol sessions one after another, each logging in, "
                             "walking the pages and logging out; fails on any error or when the server's memory "
                             f"grew more than {SOAK_GROWTH:.0%} after the first --soak-baseline sessions")
    parser.add_argument("--soak-baseline", type=int, default=None, metavar="K",
                        help="the soak's memory baseline is taken after K sessions (default 30, or all of a "
                             "shorter soak)")
    parser.add_argument("--database-url", default=None,
                        help="database to run on (default: an own SQLite demo file in a temp folder); "
                             "filled with the demo data when it has none; never data/pantau.db")
    parser.add_argument("--timeout", type=float, default=240, help="seconds a session may wait for one step")
    parser.add_argument("--no-record", action="store_true", help="do not append to benchmarks/RESULTS.md")
    parser.add_argument("--note", default="", help="free text added to the RESULTS.md entry")
    args = parser.parse_args(argv)
    if args.processes is not None and args.processes < 1:
        parser.error("--processes must be at least 1")
    if args.soak is not None and args.soak_baseline is None:
        args.soak_baseline = min(30, args.soak)
    if args.soak is not None and not 1 <= args.soak_baseline <= args.soak:
        parser.error("--soak-baseline must be between 1 and --soak")

    if args.soak is None and args.client != "protocol" and (reason := b.chromium_missing()) is not None:
        print(f"load_sessions {reason}", file=sys.stderr)
        return 2
    if args.database_url and args.database_url.endswith(str(DEFAULT_SQLITE_PATH)):
        print("refusing to load-test data/pantau.db: give another database", file=sys.stderr)
        return 2

    workdir = Path(tempfile.mkdtemp(prefix="pantau_load_"))
    errors = 0
    try:
        url, engine = prepare_database(args.database_url, workdir)
        load_before = os.getloadavg()[0]
        server = start_server(url, workdir, args.processes)
        print(f"server {server.url} on {engine}: {server.kind}, Streamlit pids {server.app_pids}; "
              f"log in {workdir}", flush=True)
        timeout_ms = int(args.timeout * 1000)
        grew = False
        try:
            if args.soak is None:
                blocks, results = load_run(args, server, timeout_ms)
            else:
                results, soak_lines, grew = asyncio.run(soak(server, args.soak, args.soak_baseline, timeout_ms))
                blocks = [(f"Soak: {args.soak} sessions one after another:", soak_lines)]
            peak = memory(server.app_pids, "VmHWM")
        finally:
            server.stop()
        load = f"{load_before:.1f} before the run, {os.getloadavg()[0]:.1f} after it"
        if peak:
            load += f". Server peak memory (VmHWM, summed over the Streamlit processes) {peak}"
        issues = log_problems(server.log())
        for title, lines in blocks:
            print("", title, "", *lines, sep="\n")
        print("", f"server log: {len(issues)} warning/error lines", *issues[:30], f"load average: {load}", sep="\n")
        failed = [r for r in results if r.error]
        errors = len(failed) + len(issues)
        if failed:
            blocks.append(("Errors:", [f"- {r.name} ({r.account}): {r.error}" for r in failed]))
        if not args.no_record:
            if args.soak is None:
                append_results(blocks, engine=engine, sessions=args.sessions, single_n=args.single, log_issues=issues,
                               notes=args.note, load=load, server_kind=server.kind, processes=server.processes)
            else:
                append_soak([line for _t, lines in blocks for line in [*lines, ""]]
                            + [f"Server log: {len(issues)} warning/error lines. Load average (1 min) {load}."],
                            engine=engine, server_kind=server.kind, processes=server.processes,
                            sessions=args.soak, notes=args.note)
            print(f"appended to {RESULTS.relative_to(ROOT)}")
        if grew:
            print(f"soak: memory grew more than {SOAK_GROWTH:.0%}", file=sys.stderr)
        return 1 if errors or grew else 0
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
