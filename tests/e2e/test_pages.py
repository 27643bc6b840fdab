"""Every page of the navigation, opened in headless Chromium on the demo database: no exception box,
every plotly chart drawn, the page header's stamps (issue 3: "Data per ... WIB" and the "Data contoh"
badge on demo data) and, where the page shows it, a published regency total. Each page is
photographed at 1920 wide (full page) into test-results/screenshots/; with PANTAU_UPDATE_SCREENSHOTS=1 its
first 1920x1080 screenful also goes to docs/screenshots/ (the README's pictures).
"""
from __future__ import annotations

import re

import pytest

from tests.e2e.helpers import chromium_missing

if (_reason := chromium_missing()) is not None:
    pytest.skip(_reason, allow_module_level=True)

from playwright.sync_api import expect

from devkit import browser as b
from tests.e2e import helpers as h
from texts import catalogue
from ui import navigation

pytestmark = pytest.mark.e2e

# Every page of the navigation (the test account is an admin, so it may open all of them).
URL_PATHS = [key for _path, key, *_rest in navigation.PAGES]
# The default page lives at "/" (Streamlit answers /<its url_path> with "Page not found").
DEFAULT = next(key for _path, key, _icon, default in navigation.PAGES if default)
# The role-restricted tool pages (Impor Data, Pengguna & Audit) are no data views: they carry a
# title but no data stamp; their behaviour is tested with AppTest.
ADMIN_PAGES = set(getattr(navigation, "ROLES_ALLOWED", {}))

# Published regency totals (README, docs/domain.md): 8.266 Formulir C.Pemberitahuan not delivered in
# Bangka Selatan. The demo data keeps them, so the unfiltered view of these pages must show them.
KEY_NUMBERS = {
    "ringkasan": ["8.266"],
    "formulir_c": ["8.266"],
}
CAMPAIGN = ("2024-09-25", "2024-11-23")  # the default date range: the campaign period (both elections)


@pytest.fixture(scope="module")
def counted(e2e_demo_db) -> dict[str, list[str]]:
    """Numbers the unfiltered page must show, counted here with plain SQL on the database the
    server reads (not through the app's queries): activities and unsupervised activities on
    Cakupan, cases and temuan on Pelanggaran, in the default date range."""
    import sqlite3

    with sqlite3.connect(e2e_demo_db) as con:
        one = lambda sql: con.execute(sql, CAMPAIGN).fetchone()[0]  # noqa: E731
        activities = one("SELECT count(*) FROM campaign_activity WHERE tanggal BETWEEN ? AND ?")
        unsupervised = one("SELECT count(*) FROM campaign_activity a WHERE tanggal BETWEEN ? AND ? AND NOT"
                           " EXISTS (SELECT 1 FROM supervision_report r WHERE r.activity_id = a.id)")
        cases = one("SELECT count(*) FROM violation_case WHERE tanggal_diterima BETWEEN ? AND ?")
        temuan = one("SELECT count(*) FROM violation_case WHERE tanggal_diterima BETWEEN ? AND ?"
                     " AND sumber = 'temuan'")
    assert min(activities, unsupervised, cases, temuan) > 0  # else the check below proves nothing
    fmt = lambda n: f"{n:,}".replace(",", ".")  # noqa: E731 - Indonesian thousands separator
    return {**KEY_NUMBERS, "cakupan": [fmt(activities), fmt(unsupervised)],
            "pelanggaran": [fmt(cases), fmt(temuan)]}


def _number(text: str) -> re.Pattern:
    """The number as a whole token: "8.266" but not "18.266" or "8.2661"."""
    return re.compile(rf"(?<![\d.,]){re.escape(text)}(?![\d,]|\.\d)")


@pytest.mark.parametrize("url_path", URL_PATHS)
def test_page_renders_in_browser(app_server, account, page, url_path, artifacts_dir, counted):
    path = "" if url_path == DEFAULT else url_path
    title = page.get_by_role("heading", name=catalogue.PAGES.get(url_path, url_path), level=1)
    b.open_page(page, f"{app_server.url}/{path}", account, ready=title)

    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(title).to_be_visible()
    if url_path not in ADMIN_PAGES:
        caption = h.header_caption(page)
        assert re.search(r"Data per \d{1,2} \w{3} \d{4} \d{2}[.:]\d{2} WIB", caption), caption
        expect(page.get_by_text("Data contoh").first).to_be_visible()

    charts = page.get_by_test_id("stPlotlyChart")
    for i in range(charts.count()):
        chart = charts.nth(i)
        chart.scroll_into_view_if_needed()
        drawn = chart.locator("svg.main-svg, canvas")
        assert drawn.count() > 0, f"chart {i} on /{url_path} has no svg/canvas"
        box = chart.bounding_box()
        assert box and box["width"] > 200 and box["height"] > 100, f"chart {i} on /{url_path} is {box}"
        # Something was plotted: bars, lines, markers, areas or a map's shapes.
        expect(chart.locator("g.trace, g.choroplethlayer path, g.layer path, g.heatmaplayer image,"
                             " g.imagelayer image, canvas").first).to_be_attached()

    shown = h.metric_values(page)
    for number in counted.get(url_path, []):
        if url_path in ("cakupan", "pelanggaran"):
            assert number in shown, (url_path, number, shown)
        else:
            expect(page.get_by_text(_number(number)).first).to_be_visible()

    b.full_page_screenshot(page, artifacts_dir / "screenshots" / f"{url_path}.png")
    b.viewport_screenshot(page, *h.docs_screenshots(f"{url_path}.png"))
