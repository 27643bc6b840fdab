"""Screenshot pages of a running Pantau in headless Chromium (Debian's /usr/bin/chromium).

    .venv/bin/python scripts/screenshot.py http://127.0.0.1:8501/cakupan out.png [--width 1920 --height 1080]

Waits the way Streamlit's own e2e suite does (connected, script not running, no skeletons) and
blocks every request that does not go to localhost, so the picture shows what works offline.
"""
from __future__ import annotations

import argparse
import sys

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


def wait_for_app(page, timeout_ms: int = 60_000) -> None:
    page.wait_for_selector("[data-testid='stAppViewContainer']", timeout=timeout_ms)
    page.wait_for_selector("[data-testid='stApp'][data-test-connection-state='CONNECTED']", timeout=timeout_ms)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout_ms)
    page.wait_for_function("document.querySelectorAll(\"[data-testid='stSkeleton']\").length === 0",
                           timeout=timeout_ms)
    page.wait_for_timeout(1500)  # let plotly finish drawing


DEMO_LOGIN = ("admin", "demo-admin-2024")  # the documented demo account (README)


def login_if_asked(page, username: str = DEMO_LOGIN[0], password: str = DEMO_LOGIN[1]) -> None:
    """When the app shows its login form, sign in (demo account by default) and wait again."""
    form = page.locator("[data-testid='stForm']")
    if form.count() and page.locator("input[type='password']").count():
        page.get_by_label("Nama pengguna").fill(username)
        page.get_by_label("Kata sandi").fill(password)
        page.get_by_role("button", name="Masuk").click()
        page.wait_for_timeout(500)
        wait_for_app(page)


def shoot(url: str, out: str, width: int = 1920, height: int = 1080, full_page: bool = True) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": width, "height": height})
        page.route("**/*", lambda route: route.continue_()
                   if route.request.url.startswith(("http://127.0.0.1", "http://localhost", "ws://", "data:", "blob:"))
                   else route.abort())
        page.goto(url)
        wait_for_app(page)
        login_if_asked(page)
        page.screenshot(path=out, full_page=full_page)
        browser.close()


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("url")
    ap.add_argument("out")
    ap.add_argument("--width", type=int, default=1920)
    ap.add_argument("--height", type=int, default=1080)
    ap.add_argument("--viewport-only", action="store_true")
    a = ap.parse_args()
    shoot(a.url, a.out, a.width, a.height, full_page=not a.viewport_only)
    sys.exit(0)
