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

from benchmarks.load_protocol import run_protocol_session  # noqa: E402
from benchmarks.load_results import (  # noqa: E402
    DATA_PAGES,
    RESULTS,
    Phase,
    SessionResult,
    append_results,
    cpu_lines,
    per_session_lines,
    report,
)
from data_access import demo  # noqa: E402
from data_access.engine import DEFAULT_SQLITE_PATH, make_engine  # noqa: E402
from data_access.migrate import upgrade  # noqa: E402
from data_access.queries import reference  # noqa: E402
from devkit import browser as b  # noqa: E402
from devkit.server import AppServer  # noqa: E402 - the one way this project starts the app
from texts import catalogue  # noqa: E402

VIEWPORT = {"width": 1600, "height": 900}


def log_problems(text: str) -> list[str]:
    """Lines of the server log that show something went wrong (tracebacks, warnings, errors)."""
    return [line for line in text.splitlines()
            if re.search(r"Traceback|\bERROR\b|\bWARNING\b|database is locked|OperationalError", line)]


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
        return url, engine.dialect.name
    finally:
        engine.dispose()


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
async def phases(label: str, run, server_pid: int, sessions: int, single: int, timeout_ms: int):
    """Warm-up, ``single`` sessions one after another, then ``sessions`` at once, with ``run``
    (``run(name, account, timeout_ms, start)`` -> SessionResult)."""
    accounts = [(username, password) for username, _n, _r, password, _s in demo.DEMO_ACCOUNTS]
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
    async with async_playwright() as pw:
        browser = await b.launch(pw)
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

    if args.client != "protocol" and (reason := b.chromium_missing()) is not None:
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
        server = AppServer(url, workdir / "streamlit.log").start(timeout_s=180)
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
        issues = log_problems(server.log(tail=None))
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
