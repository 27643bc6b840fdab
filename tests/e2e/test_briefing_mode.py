"""Briefing mode in the browser (issue 6 / issue 5): ?mode=briefing gives the projector layout (large
type, no Streamlit menu, sidebar collapsed) on every data page, and no personal name (pelapor,
terlapor, nama pengawas) anywhere in the page's DOM, while the same admin outside briefing mode does
get the names where the page shows them (so the check below can see a leak)."""
from __future__ import annotations

import sqlite3

import pytest

from tests.e2e.browser import chromium_missing

if (_reason := chromium_missing()) is not None:
    pytest.skip(_reason, allow_module_level=True)

from playwright.sync_api import expect  # noqa: E402

from tests.e2e import browser as b  # noqa: E402

pytestmark = pytest.mark.e2e

DATA_PAGES = ["", "cakupan", "pelanggaran", "formulir_c", "peta", "kualitas"]


@pytest.fixture(scope="module")
def names(e2e_demo_db) -> set[str]:
    """Every personal name stored in the database the server reads."""
    with sqlite3.connect(e2e_demo_db) as con:
        rows = con.execute("SELECT pelapor FROM violation_case UNION SELECT terlapor FROM violation_case"
                           " UNION SELECT nama_pengawas FROM supervision_report").fetchall()
    found = {r[0] for r in rows if r[0] and len(r[0]) >= 4}
    assert len(found) > 10
    return found


def _leaked(page, names: set[str]) -> list[str]:
    html = page.content()
    return sorted(n for n in names if n in html)


def test_admin_sees_names_outside_briefing(app_server, account, page, names):
    """The control: the leak check finds names when they are on screen (Pelanggaran, for an admin)."""
    b.open_page(page, f"{app_server.url}/pelanggaran", account)
    b.wait_for_charts(page)
    assert _leaked(page, names), "no name in the DOM: the briefing check below could not see a leak"


@pytest.mark.parametrize("path", DATA_PAGES)
def test_briefing_layout_and_no_names(app_server, account, page, names, path):
    b.open_page(page, f"{app_server.url}/{path}?mode=briefing", account)
    b.wait_for_charts(page)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    assert "mode=briefing" in page.url

    # The projector layout: Streamlit's menu hidden, the sidebar collapsed, large type.
    expect(page.get_by_test_id("stMainMenu")).to_be_hidden()
    box = page.get_by_test_id("stSidebar").bounding_box()  # collapsed: moved off the left edge
    assert box is None or box["x"] + box["width"] <= 0, box
    h1 = page.locator("h1").first
    size = lambda loc: float(loc.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))  # noqa: E731
    assert size(h1) >= 44, size(h1)  # 2.4rem on a 20px root: 48px
    values = page.get_by_test_id("stMetricValue")
    if values.count():
        assert size(values.first) >= 54, size(values.first)  # 3rem: 60px, readable from the back

    assert _leaked(page, names) == []
