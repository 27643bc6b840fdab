"""Screenshot a page of a running Pantau in headless Chromium (Debian's /usr/bin/chromium).

    .venv/bin/python scripts/screenshot.py http://127.0.0.1:8501/cakupan out.png [--width 1920 --height 1080]

Signs in with the documented demo account when the app asks (``--user``/``--password`` for another),
waits until the page has drawn (devkit.browser: connected, script finished, charts drawn and laid
out) and blocks every request that does not go to localhost, so the picture shows what works offline.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a file: the repository's packages

from devkit import browser as b

DEMO_LOGIN = ("admin", "demo-admin-2024")  # the documented demo account (README)


def shoot(url: str, out: str, width: int = 1920, height: int = 1080, full_page: bool = True,
          account: tuple[str, str] = DEMO_LOGIN) -> None:
    with sync_playwright() as pw:
        browser = b.launch(pw)
        try:
            page = b.new_context(browser, viewport={"width": width, "height": height}).new_page()
            # Any page's title marks it drawn (admin pages have no data stamp).
            b.open_page(page, url, account, ready=page.locator("h1").first)
            (b.full_page_screenshot if full_page else b.viewport_screenshot)(page, Path(out))
        finally:
            browser.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("url")
    ap.add_argument("out")
    ap.add_argument("--width", type=int, default=1920)
    ap.add_argument("--height", type=int, default=1080)
    ap.add_argument("--viewport-only", action="store_true")
    ap.add_argument("--user", default=DEMO_LOGIN[0])
    ap.add_argument("--password", default=DEMO_LOGIN[1])
    a = ap.parse_args(argv)
    if (reason := b.chromium_missing()) is not None:
        print(f"screenshot.py {reason}", file=sys.stderr)
        return 2
    shoot(a.url, a.out, a.width, a.height, full_page=not a.viewport_only, account=(a.user, a.password))
    return 0


if __name__ == "__main__":
    sys.exit(main())
