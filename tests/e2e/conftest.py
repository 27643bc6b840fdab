"""Fixtures of the browser tests: the real app (``streamlit run dashboard.py``) on a free port against a
private copy of the demo database, and Debian's headless Chromium driven by Playwright's sync API.

Package scope: one server and one browser for all of tests/e2e, stopped as soon as the last browser
test is done (so the rest of the suite runs without them, and a later module can start its own
Playwright). Every non-localhost request is aborted: the app must work offline. On a failure the
test's pages are screenshotted to test-results/failures/ and the server log is added to the report.

Starting the app and Chromium is devkit's (devkit/server.py, devkit/browser.py). The test modules skip
themselves at collection when Chromium is missing (see helpers.chromium_missing).
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from devkit import browser as b
from devkit import server as srv


@pytest.fixture(scope="package")
def e2e_demo_db(_demo_sqlite, tmp_path_factory) -> Path:
    """A private copy of the session's demo database (data_access.demo, seed 2024): the regency
    totals are the published ones (8.266 Formulir C not delivered, DPT 151.742)."""
    return srv.copy_sqlite(Path(_demo_sqlite.url.database), tmp_path_factory.mktemp("e2e") / "demo.db")


@pytest.fixture(scope="package")
def account(e2e_demo_db) -> tuple[str, str]:
    """An admin test account in the e2e database, for when the app asks to sign in (issue 9)."""
    from tests.apptest_utils import TEST_PASSWORD, ensure_account

    user = ensure_account(f"sqlite:///{e2e_demo_db}", "admin")
    return user.username, TEST_PASSWORD


@pytest.fixture(scope="package")
def app_server(e2e_demo_db, account, tmp_path_factory):
    server = srv.AppServer(e2e_demo_db, tmp_path_factory.mktemp("e2e_log") / "streamlit.log").start()
    yield server
    server.stop()


@pytest.fixture
def fresh_app_server(e2e_demo_db, account, tmp_path):
    """A server nobody has opened a page on yet (its own copy of the database)."""
    db = srv.copy_sqlite(e2e_demo_db, tmp_path / "fresh.db")
    server = srv.AppServer(db, tmp_path / "streamlit_fresh.log").start()
    yield server
    server.stop()


@pytest.fixture(scope="package")
def chromium():
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=60_000)  # auto-retrying assertions; the shared machine can be slow
    pw = sync_playwright().start()
    browser = b.launch(pw)
    yield browser
    browser.close()
    pw.stop()


@pytest.fixture
def artifacts_dir(pytestconfig) -> Path:
    """test-results/ (pytest-playwright's --output; it empties the folder at session start)."""
    try:
        out = pytestconfig.getoption("--output")
    except ValueError:
        out = "test-results"
    return Path(out).absolute()


@pytest.fixture
def new_context(chromium, request, artifacts_dir):
    """Make browser contexts (separate cookies and sessions, like another person's browser):
    1920x1080, downloads accepted, outside requests blocked. Closed at the end of the test."""
    contexts = []

    def make():
        context = b.new_context(chromium)
        contexts.append(context)
        return context

    yield make
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in request.node.name)[:120]
        for i, context in enumerate(contexts):
            for j, page in enumerate(context.pages):
                try:
                    path = artifacts_dir / "failures" / f"{safe}_{i}_{j}.png"
                    path.parent.mkdir(parents=True, exist_ok=True)
                    page.screenshot(path=str(path), full_page=True, timeout=15_000)
                except Exception as exc:
                    print(f"no failure screenshot: {exc}", file=sys.stderr)
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    """One page in a fresh context (overrides pytest-playwright's `page`: Debian Chromium, offline)."""
    return new_context().new_page()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)
    if report.failed:
        for name in ("app_server", "fresh_app_server"):
            server = getattr(item, "funcargs", {}).get(name)
            if isinstance(server, srv.AppServer):
                report.sections.append((f"streamlit log ({name}, {server.url})", server.log()))
