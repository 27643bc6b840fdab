"""Helpers for the browser tests: a real ``streamlit run dashboard.py`` on a free port, the waits
Streamlit's own e2e suite uses, and reading what the page shows (metrics, captions, tables).

Nothing here talks to the database or computes a number: the tests compare what the browser shows
with facts worked out by hand (published regency totals) or with another view of the same page.
"""
from __future__ import annotations

import csv
import io
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
# Same flags as scripts/screenshot.py (--no-sandbox: CI runs as root).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
LOCAL = ("http://127.0.0.1", "http://localhost", "ws://127.0.0.1", "ws://localhost", "data:", "blob:")
VIEWPORT = {"width": 1920, "height": 1080}
# The machine is shared and slow under load: generous ceilings, but every wait ends on an event.
TIMEOUT_MS = 180_000


REQUIRE = "PANTAU_REQUIRE_BROWSER"


def chromium_missing() -> str | None:
    """Why the browser tests cannot run here, or None when they can. With PANTAU_REQUIRE_BROWSER=1
    (set by .ci/run) a missing browser fails the run instead of skipping the browser tests."""
    reason = None
    if not os.path.exists(CHROMIUM):
        reason = (f"browser tests need Debian's Chromium at {CHROMIUM} (`apt-get install chromium`; "
                  ".ci/run installs it); never `playwright install`")
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            reason = "browser tests need playwright (pip install -r requirements-dev.txt)"
    if reason and os.environ.get(REQUIRE) == "1":
        import pytest

        pytest.fail(f"{reason}; {REQUIRE}=1 forbids skipping them", pytrace=False)
    return reason


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class AppServer:
    """``streamlit run dashboard.py`` in its own process group against one database (a SQLite file
    path, or any ``DATABASE_URL``), logging to a file. Also used by ``benchmarks/load_sessions.py``."""

    def __init__(self, database: Path | str, log_path: Path, *, config_path: Path | None = None):
        self.database_url = f"sqlite:///{database}" if isinstance(database, Path) else database
        self.config_path = config_path  # PANTAU_CONFIG for this server; default settings otherwise
        self.log_path = log_path
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None

    def start(self, timeout_s: float = 120) -> "AppServer":
        env = {**os.environ, "DATABASE_URL": self.database_url}
        for name in ("PANTAU_CONFIG", "DATABASE_URL_READONLY"):  # only this database, default settings
            env.pop(name, None)
        if self.config_path is not None:
            env["PANTAU_CONFIG"] = str(self.config_path)
        self._log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "dashboard.py",
             "--server.headless", "true", "--server.port", str(self.port), "--server.address", "127.0.0.1",
             "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"],
            cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.proc.returncode}:\n{self.log()}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.read().decode().strip() == "ok":
                        return self
            except OSError:
                pass
            time.sleep(0.25)  # polling an HTTP endpoint: there is no event to wait on
        self.stop()
        raise RuntimeError(f"streamlit did not answer /_stcore/health within {timeout_s:.0f} s:\n{self.log()}")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)  # its own session: only this server's processes
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        if getattr(self, "_log", None):
            self._log.close()

    def log(self, tail: int = 120) -> str:
        try:
            lines = self.log_path.read_text(errors="replace").splitlines()
        except OSError:
            return "(no log)"
        return "\n".join(lines[-tail:])


def copy_sqlite(src: Path, dst: Path) -> Path:
    """A private copy of a SQLite database (the app may write to its own: accounts, audit log)."""
    import sqlite3

    with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
        a.backup(b)
    return dst


def block_outside(context) -> list[str]:
    """Abort every request that does not go to this machine (the app must work offline); returns the
    list the blocked URLs are recorded in."""
    blocked: list[str] = []

    def route(r):
        if r.request.url.startswith(LOCAL):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    return blocked


def wait_for_app(page, timeout_ms: int = TIMEOUT_MS) -> None:
    """Wait as Streamlit's e2e suite does (wait_for_app_run): connected, script not running, no
    skeletons; then until every plotly chart has drawn (svg or canvas)."""
    page.wait_for_timeout(200)  # small settle: a click's rerun request may not have flipped the state yet
    page.wait_for_selector("[data-testid='stAppViewContainer']", timeout=timeout_ms)
    page.wait_for_selector("[data-testid='stApp'][data-test-connection-state='CONNECTED']", timeout=timeout_ms)
    page.wait_for_function(
        """() => {
            const app = document.querySelector("[data-testid='stApp']");
            return app && app.getAttribute('data-test-script-state') === 'notRunning'
                && document.querySelectorAll("[data-testid='stSkeleton']").length === 0;
        }""", timeout=timeout_ms, polling=100)
    wait_for_charts(page, timeout_ms)


def wait_for_charts(page, timeout_ms: int = TIMEOUT_MS) -> None:
    page.wait_for_function(
        """() => [...document.querySelectorAll("[data-testid='stPlotlyChart']")].every(
              c => c.querySelector('svg.main-svg, canvas'))""", timeout=timeout_ms, polling=100)


def login_if_asked(page, username: str, password: str) -> bool:
    """When the app shows its login form (access control, issue 9), sign in; True if it did."""
    from texts import catalogue
    if not page.locator("input[type='password']").count():
        return False
    page.get_by_label(catalogue.AUTH["username"]).fill(username)
    page.get_by_label(catalogue.AUTH["password"]).fill(password)
    page.get_by_role("button", name=catalogue.AUTH["submit"]).click()
    page.locator("input[type='password']").wait_for(state="detached", timeout=TIMEOUT_MS)
    wait_for_app(page)
    return True


def open_page(page, url: str, account: tuple[str, str] | None = None, ready=None) -> None:
    """Go to ``url``, sign in with ``account`` if the app asks, and wait for the page header.

    Right after connecting, the app reports "notRunning" before its first run has even started, so
    the script-state wait alone is not enough on a fresh load: first wait for something the run
    draws (the page header's stamp, the login form or an exception box). ``ready``: what else marks
    the page as drawn (admin pages have a title but no data stamp)."""
    page.goto(url, timeout=TIMEOUT_MS)
    stamp = page.locator("[data-testid='stCaptionContainer']", has_text="Data per").first
    if ready is not None:
        stamp = stamp.or_(ready).first
    error = page.get_by_test_id("stException").first
    login = page.locator("input[type='password']").first
    stamp.or_(error).or_(login).first.wait_for(timeout=TIMEOUT_MS)
    wait_for_app(page)
    if account and login.count():
        login_if_asked(page, *account)
    stamp.or_(error).first.wait_for(timeout=TIMEOUT_MS)
    wait_for_app(page)
    if error.count():
        raise AssertionError(f"exception on {page.url}: {error.inner_text()[:1500]}")


def full_page_screenshot(page, *paths: Path) -> None:
    """A 1920-wide picture of the whole page. Streamlit scrolls inside its main container, not the
    document, so the viewport is stretched to the content height for the shot, then restored."""
    height = page.evaluate(
        """() => Math.max(document.documentElement.scrollHeight,
              ...[...document.querySelectorAll("[data-testid='stMain'], [data-testid='stAppViewContainer'], section")]
                  .map(e => e.scrollHeight))""")
    height = int(min(max(height, VIEWPORT["height"]), 12_000))
    page.set_viewport_size({"width": VIEWPORT["width"], "height": height})
    try:
        wait_for_charts(page)
        page.wait_for_timeout(300)  # plotly redraws on resize (autosize): a small settle
        data = page.screenshot(full_page=True, animations="disabled")
    finally:
        page.set_viewport_size(VIEWPORT)
    for path in paths:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


# ---- reading the page ---------------------------------------------------------------------

def metric_values(page) -> list[str]:
    return [t.strip() for t in page.get_by_test_id("stMetricValue").all_inner_texts()]


def header_caption(page) -> str:
    """The page header's stamp line: "Data contoh <filters> · Data per ... WIB"."""
    return page.locator("[data-testid='stCaptionContainer']", has_text="Data per").first.inner_text().strip()


def kecamatan_box(page):
    """The sidebar's kecamatan multiselect (a react-aria combobox labelled "Kecamatan")."""
    sidebar = page.get_by_test_id("stSidebar")
    return sidebar.get_by_test_id("stMultiSelect").filter(
        has=page.get_by_role("combobox", name="Kecamatan", exact=True))


def chips(multiselect):
    """The selected options (tags) of a multiselect, for expect(...).to_have_text([...])."""
    return multiselect.locator("[data-tag]")


def chosen_in(multiselect) -> list[str]:
    return [t.strip() for t in chips(multiselect).all_inner_texts()]


def parse_int_id(text: str) -> int:
    """ "8.266" -> 8266 (Indonesian thousands separator)."""
    return int(text.strip().replace(".", "").replace("\u00a0", ""))


def read_csv_download(path: Path) -> tuple[list[str], list[str], list[list[str]]]:
    """A "Unduh CSV" file: the '#' stamp lines, the header, the rows (';' separated, UTF-8 BOM)."""
    text = Path(path).read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    stamp = [ln[2:] for ln in lines if ln.startswith("# ")]
    body = "\n".join(ln for ln in lines if not ln.startswith("#"))
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    return stamp, rows[0], rows[1:]


def grid(dataframe) -> tuple[int, int, dict[int, str], dict[int, dict[int, str]]]:
    """What a st.dataframe shows, read from its accessible grid (glide-data-grid renders a hidden ARIA
    table of the cells in view, numbered by aria-colindex): the column and data-row counts, the
    rendered headers {column index (0-based): text} and rendered rows {row index (0-based): cells}."""
    table = dataframe.locator("table[role='grid']")
    table.wait_for(state="attached", timeout=TIMEOUT_MS)
    n_cols = int(table.get_attribute("aria-colcount"))
    n_rows = int(table.get_attribute("aria-rowcount")) - 1

    def cells(row, role):
        return {int(c.get_attribute("aria-colindex")) - 1: c.inner_text().strip()
                for c in row.locator(f"[role='{role}']").all()}

    headers = cells(table.locator("thead"), "columnheader")
    rows = {int(r.get_attribute("aria-rowindex")) - 2: cells(r, "gridcell")
            for r in table.locator("tbody tr[role='row']").all()}
    return n_cols, n_rows, headers, rows


UPDATE_DOCS = "PANTAU_UPDATE_SCREENSHOTS"


def docs_screenshots(name: str) -> list[Path]:
    """Where the README's picture ``name`` goes: docs/screenshots/, but only when the run is asked to
    refresh them (``PANTAU_UPDATE_SCREENSHOTS=1``); an ordinary test run must not leave the
    tracked pictures changed. Every run still saves its pictures under test-results/."""
    return [ROOT / "docs" / "screenshots" / name] if os.environ.get(UPDATE_DOCS) == "1" else []


def viewport_screenshot(page, *paths: Path) -> None:
    """What a 1920x1080 meeting-room screen shows on opening the page: the first screenful."""
    if not paths:
        return
    wait_for_charts(page)
    page.wait_for_timeout(300)
    data = page.screenshot(animations="disabled")
    for path in paths:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def results_dir() -> Path:
    return ROOT / "test-results"
