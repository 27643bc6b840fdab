"""Briefing mode in the browser (issue 6 / issue 5): ?mode=briefing gives the projector layout (large
type, no Streamlit menu, sidebar collapsed) on every data page, and no personal name (pelapor,
terlapor, nama pengawas) anywhere in the page's DOM, while the same admin outside briefing mode does
get the names where the page shows them (so the check below can see a leak)."""
from __future__ import annotations

import sqlite3

import pytest

from tests.e2e.helpers import chromium_missing

if (_reason := chromium_missing()) is not None:
    pytest.skip(_reason, allow_module_level=True)

from playwright.sync_api import expect

from devkit import browser as b
from texts import catalogue

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


# A glide grid's hidden ARIA table lists the cells in view: at 4000 px every visible table has a
# header cell for each of its columns (aria-colcount); a table in a closed expander keeps its width but
# is not rendered (checkVisibility() is false) and draws no grid until it is opened ...
_ALL_COLUMNS_DRAWN = """() => [...document.querySelectorAll("[data-testid='stDataFrame']")]
    .filter(d => d.getBoundingClientRect().width > 0 && d.checkVisibility()).every(d => {
        const t = d.querySelector("table[role='grid']");
        return t && t.querySelectorAll("thead [role='columnheader']").length
            >= Number(t.getAttribute('aria-colcount'));
    })"""
# ... and once scrolled into view, a table with data rows has some of them in the DOM.
_ROWS_DRAWN = """d => {
    const t = d.querySelector("table[role='grid']");
    return !!t && (Number(t.getAttribute('aria-rowcount')) <= 1
                   || t.querySelectorAll("tbody tr[role='row']").length > 0);
}"""


def _leaked(page, names: set[str]) -> list[str]:
    """Names found in the DOM. A table (glide grid) puts only the rows and columns in view into the
    DOM, so the check widens the window until every column fits and scrolls each table into view."""
    page.set_viewport_size({"width": 4000, "height": b.VIEWPORT["height"]})
    try:
        page.wait_for_function(_ALL_COLUMNS_DRAWN, timeout=b.TIMEOUT_MS, polling=100)
        html = page.content()
        grids = page.get_by_test_id("stDataFrame")
        for i in range(grids.count()):
            if not grids.nth(i).is_visible():  # in a closed expander: not drawn, nothing in the DOM
                continue
            grids.nth(i).scroll_into_view_if_needed(timeout=10_000)
            page.wait_for_function(_ROWS_DRAWN, arg=grids.nth(i).element_handle(), timeout=b.TIMEOUT_MS, polling=100)
            html += page.content()
    finally:
        page.set_viewport_size(b.VIEWPORT)
    return sorted(n for n in names if n in html)


def test_admin_sees_names_outside_briefing(app_server, account, page, names):
    """The control: the leak check finds names when they are on screen (Pelanggaran, for an admin)."""
    b.open_page(page, f"{app_server.url}/pelanggaran", account)
    b.wait_for_charts(page)
    assert _leaked(page, names), "no name in the DOM: the briefing check below could not see a leak"


def _check_briefing_page(page, names: set[str], title: str, *, sidebar_collapsed: bool = True) -> None:
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()
    b.wait_for_app(page)
    b.wait_for_charts(page)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    assert "mode=briefing" in page.url, page.url

    # The projector layout: Streamlit's menu hidden, the sidebar collapsed, large type.
    expect(page.get_by_test_id("stMainMenu")).to_be_hidden()
    # Collapsed: moved off the left edge (it may slide there after the page is drawn).
    if sidebar_collapsed:
        page.wait_for_function("""() => { const s = document.querySelector("[data-testid='stSidebar']");
            return !s || s.getBoundingClientRect().right <= 0; }""", timeout=15_000)
    size = lambda loc: float(loc.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))  # noqa: E731
    h1 = page.locator("h1").first
    assert size(h1) >= 44, (title, size(h1))  # 2.4rem on a 20px root: 48px
    values = page.get_by_test_id("stMetricValue")
    if values.count():
        assert size(values.first) >= 54, (title, size(values.first))  # 3rem: 60px, readable from the back

    assert _leaked(page, names) == [], title


def test_briefing_layout_and_no_names_on_every_data_page(app_server, account, page, names):
    """One session, as a presenter would: open the briefing link, then walk the top navigation (the
    mode must survive every page switch)."""
    b.open_page(page, f"{app_server.url}/?mode=briefing", account)
    _check_briefing_page(page, names, catalogue.PAGES["ringkasan"])
    for key in DATA_PAGES[1:]:
        page.get_by_test_id("stTopNavLink").filter(has_text=catalogue.PAGES[key]).first.click()
        # Streamlit 1.67 may re-open the sidebar on a page switch whatever the page config asks
        # (streamlit/streamlit#12065, fix pending upstream): only the page opened by the link is
        # checked for it; the rest of the layout and the names are checked on every page.
        _check_briefing_page(page, names, catalogue.PAGES[key], sidebar_collapsed=False)
