"""Headless Chromium on the real app: Debian's /usr/bin/chromium through Playwright (never a browser
Playwright downloads), offline browser contexts, the waits Streamlit's own e2e suite uses, the login
form, opening a page and screenshots.

Every wait ends on DOM state (a selector, a locator, a ``wait_for_function`` predicate), never on a
fixed sleep. Streamlit marks its run on ``[data-testid='stApp']`` (``data-test-connection-state``,
``data-test-script-state``); right after a click the old run's "notRunning" is still shown, so a
caller that started a rerun first waits for something the new run draws (``open_page`` does so for
page loads, ``login_if_asked`` for the login), then ``wait_for_app``.

The JS predicates are module constants so the async Playwright API (benchmarks/load_sessions.py)
waits on the very same conditions.
"""
from __future__ import annotations

import importlib.util
import os
from pathlib import Path

from texts import catalogue

CHROMIUM = "/usr/bin/chromium"
# --no-sandbox: CI runs as root; --disable-dev-shm-usage: containers have a small /dev/shm.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage"]
LOCAL = ("http://127.0.0.1", "http://localhost", "ws://127.0.0.1", "ws://localhost", "data:", "blob:")
VIEWPORT = {"width": 1920, "height": 1080}
# The machine is shared and slow under load: generous ceilings, but every wait ends on an event.
TIMEOUT_MS = 180_000

# Script finished, nothing still loading.
APP_IDLE_JS = """() => {
    const app = document.querySelector("[data-testid='stApp']");
    return !!app && app.getAttribute('data-test-script-state') === 'notRunning'
        && document.querySelectorAll("[data-testid='stSkeleton']").length === 0;
}"""
# Every plotly chart has drawn (svg or canvas).
CHARTS_DRAWN_JS = """() => [...document.querySelectorAll("[data-testid='stPlotlyChart']")].every(
    c => c.querySelector('svg.main-svg, canvas'))"""
APP_DRAWN_JS = f"() => ({APP_IDLE_JS})() && ({CHARTS_DRAWN_JS})()"
# Plotly lays out its text after the first draw and again after a resize: settled when every chart is
# drawn and the boxes of its svg and texts are the same on two animation frames in a row (the
# "stable" rule Playwright itself applies before a click).
CHARTS_SETTLED_JS = """() => {
    const charts = [...document.querySelectorAll("[data-testid='stPlotlyChart']")];
    if (!charts.every(c => c.querySelector('svg.main-svg, canvas'))) return false;
    const sig = charts.map(c => [...c.querySelectorAll('svg.main-svg, svg text')].map(e => {
        const r = e.getBoundingClientRect();
        return [r.x, r.y, r.width, r.height].map(Math.round).join(',');
    }).join(';')).join('|') + '@' + window.innerWidth + 'x' + window.innerHeight;
    const same = window.__pantauChartSig === sig;
    window.__pantauChartSig = sig;
    return same;
}"""


def chromium_missing() -> str | None:
    """Why a browser cannot be driven here (no Debian Chromium, no playwright), or None."""
    if not os.path.exists(CHROMIUM):
        return (f"needs Debian's Chromium at {CHROMIUM} (`apt-get install chromium`; .ci/run installs it); "
                "never `playwright install`")
    if importlib.util.find_spec("playwright") is None:  # asks whether it is installed, imports nothing
        return "needs playwright (pip install -r requirements-dev.txt)"
    return None


def launch(playwright):
    """Debian's headless Chromium; works for the sync and the async API (await the result there)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


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


def new_context(browser, **options):
    """A browser context like an office PC's (1920x1080, id-ID, Jakarta time, downloads accepted),
    with every outside request blocked (``context.blocked`` lists them); ``options`` override."""
    context = browser.new_context(**{"viewport": VIEWPORT, "accept_downloads": True, "locale": "id-ID",
                                     "timezone_id": "Asia/Jakarta", **options})
    context.set_default_timeout(TIMEOUT_MS)
    context.blocked = block_outside(context)
    return context


# ---- waiting ------------------------------------------------------------------------------

def wait_for_app(page, timeout_ms: int = TIMEOUT_MS) -> None:
    """Wait as Streamlit's e2e suite does (wait_for_app_run): connected, script not running, no
    skeletons; then until every plotly chart has drawn."""
    page.wait_for_selector("[data-testid='stAppViewContainer']", timeout=timeout_ms)
    page.wait_for_selector("[data-testid='stApp'][data-test-connection-state='CONNECTED']", timeout=timeout_ms)
    page.wait_for_function(APP_DRAWN_JS, timeout=timeout_ms, polling=100)


def wait_for_charts(page, timeout_ms: int = TIMEOUT_MS) -> None:
    page.wait_for_function(CHARTS_DRAWN_JS, timeout=timeout_ms, polling=100)


def wait_for_charts_settled(page, timeout_ms: int = TIMEOUT_MS) -> None:
    """Every chart drawn and laid out (no box moved between two animation frames)."""
    page.evaluate("() => { window.__pantauChartSig = null; }")
    page.wait_for_function(CHARTS_SETTLED_JS, timeout=timeout_ms, polling="raf")


def login_if_asked(page, username: str, password: str) -> bool:
    """When the app shows its login form (access control, issue 9), sign in; True if it did."""
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


# ---- pictures -----------------------------------------------------------------------------

def _write(data: bytes, paths) -> None:
    for path in paths:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def full_page_screenshot(page, *paths: Path) -> bytes:
    """The whole page at the viewport's width. Streamlit scrolls inside its main container, not the
    document, so the viewport is stretched to the content height for the shot, then restored."""
    before = page.viewport_size
    height = page.evaluate(
        """() => Math.max(document.documentElement.scrollHeight,
              ...[...document.querySelectorAll("[data-testid='stMain'], [data-testid='stAppViewContainer'], section")]
                  .map(e => e.scrollHeight))""")
    height = int(min(max(height, before["height"]), 12_000))
    page.set_viewport_size({"width": before["width"], "height": height})
    try:
        wait_for_charts_settled(page)  # plotly redraws on resize (autosize)
        data = page.screenshot(full_page=True, animations="disabled")
    finally:
        page.set_viewport_size(before)
    _write(data, paths)
    return data


def viewport_screenshot(page, *paths: Path) -> bytes:
    """What the screen shows on opening the page: the first screenful (nothing taken without a path)."""
    if not paths:
        return b""
    wait_for_charts_settled(page)
    data = page.screenshot(animations="disabled")
    _write(data, paths)
    return data
