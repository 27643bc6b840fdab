"""Finding 6 of issue 17 in the browser: a slideshow left running on a wall screen. With the idle
time set to 30 s (config copy) and a slide every 10 s, an admin's tab is back at the login form
once the idle time has passed although the slideshow kept switching pages (its switches are not
activity), while a ``layar`` account's slideshow keeps going in briefing mode, without the toggle,
downloads or admin pages."""
from __future__ import annotations

import pytest

from tests.e2e.helpers import chromium_missing

if (_reason := chromium_missing()) is not None:
    pytest.skip(_reason, allow_module_level=True)

from playwright.sync_api import expect

import config
from devkit import browser as b
from devkit import server as srv
from tests.apptest_utils import TEST_PASSWORD, ensure_account
from texts import catalogue

pytestmark = pytest.mark.e2e


@pytest.fixture
def short_idle_server(e2e_demo_db, account, tmp_path):
    """Its own copy of the demo database (with a layar account) and settings: idle time 30 s."""
    text = config.DEFAULT_PATH.read_text(encoding="utf-8")
    assert "session_idle_minutes = 30" in text
    settings = tmp_path / "pantau.toml"
    settings.write_text(text.replace("session_idle_minutes = 30", "session_idle_minutes = 0.5"), encoding="utf-8")
    db = srv.copy_sqlite(e2e_demo_db, tmp_path / "wall.db")
    ensure_account(f"sqlite:///{db}", "layar")
    server = srv.AppServer(db, tmp_path / "streamlit_wall.log", config_path=settings).start()
    yield server
    server.stop()


def _log_in(page, url: str, account: tuple[str, str]) -> None:
    page.goto(url, timeout=b.TIMEOUT_MS)
    page.locator("input[type='password']").first.wait_for(timeout=b.TIMEOUT_MS)
    b.wait_for_app(page)
    assert b.login_if_asked(page, *account)


def test_an_admin_slideshow_expires_while_it_runs(short_idle_server, account, page):
    _log_in(page, f"{short_idle_server.url}/?mode=briefing&slide=10", account)
    # nobody touches the screen from here: the slides switch every 10 s (before this change each
    # switch counted as activity and the session never ended), yet the session ends
    expect(page.get_by_text(catalogue.AUTH["expired"])).to_be_visible(timeout=150_000)
    assert "slide=10" in page.url, page.url
    expect(page.locator("input[type='password']").first).to_be_visible()


def test_a_layar_slideshow_keeps_running_in_briefing_mode(short_idle_server, page):
    _log_in(page, f"{short_idle_server.url}/?slide=10", ("uji_layar", TEST_PASSWORD))
    # three slides on (past the 30 s idle time): still there, still briefing mode
    expect(page.get_by_role("heading", name=catalogue.PAGES["formulir_c"], level=1)).to_be_visible(timeout=150_000)
    b.wait_for_app(page)
    expect(page.locator("input[type='password']")).to_have_count(0)
    assert "mode=briefing" in page.url, page.url
    expect(page.get_by_text(catalogue.BRIEFING["toggle"])).to_have_count(0)
    expect(page.get_by_test_id("stDownloadButton")).to_have_count(0)
    for admin_page in ("impor", "pengguna"):
        expect(page.get_by_role("link", name=catalogue.PAGES[admin_page])).to_have_count(0)
