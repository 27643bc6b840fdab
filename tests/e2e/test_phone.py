"""The Ringkasan page on a phone (390 x 844, issue 6: "readable on a phone for leaders on the move"),
in headless Chromium with touch and a 2x screen: nothing wider than the screen (no sideways
scrolling), the sidebar starts closed, the five KPI cards stand one under the other with their
values fully on screen, the "Perlu perhatian" lines wrap rather than end in "…" (8.266 Formulir C not delivered: the published regency total), charts fit
the width, and the chart stamps a 390 px chart would cut are hidden (the header carries them).
The page is photographed into docs/screenshots/ringkasan_ponsel.png.
"""
from __future__ import annotations

import pytest

from tests.e2e.browser import chromium_missing

if (_reason := chromium_missing()) is not None:
    pytest.skip(_reason, allow_module_level=True)

from playwright.sync_api import expect  # noqa: E402

from tests.e2e import browser as b  # noqa: E402

pytestmark = pytest.mark.e2e
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(chromium):
    context = chromium.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True,
                                   locale="id-ID", timezone_id="Asia/Jakarta")
    context.set_default_timeout(b.TIMEOUT_MS)
    b.block_outside(context)
    yield context.new_page()
    context.close()


def test_ringkasan_fits_a_phone(app_server, account, phone, artifacts_dir):
    page = phone
    b.open_page(page, f"{app_server.url}/", account)

    widths = page.evaluate("""() => ({doc: document.documentElement.scrollWidth,
        body: document.body.scrollWidth,
        main: document.querySelector("[data-testid='stMain']").scrollWidth})""")
    assert max(widths.values()) <= PHONE["width"], widths

    expect(page.get_by_test_id("stSidebar")).to_have_attribute("data-collapsed", "true")

    values = page.get_by_test_id("stMetricValue")
    expect(values).to_have_count(8)  # 3 supervision/Formulir C, "kegiatan di masa tenang" (issue 18), 4 cases
    for i in range(8):
        values.nth(i).scroll_into_view_if_needed()
        expect(values.nth(i)).to_be_visible()
    # Measured in one go (same scroll position): inside the screen's width, one card per row.
    boxes = page.evaluate("""() => [...document.querySelectorAll("[data-testid='stMetricValue']")].map(e => {
        const r = e.getBoundingClientRect(); return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; })""")
    assert all(box["left"] >= 0 and box["right"] <= PHONE["width"] for box in boxes), boxes
    assert all(later["top"] > earlier["bottom"] for earlier, later in zip(boxes, boxes[1:])), boxes
    expect(values.filter(has_text="8.266")).to_have_count(1)

    # "Perlu perhatian" lines wrap: none is cut short with an ellipsis.
    cut = page.evaluate("""() => [...document.querySelectorAll(
        "[data-testid='stMain'] [data-testid='stPageLink-NavLink'] p")]
        .filter(p => p.scrollWidth > p.clientWidth + 1).map(p => p.textContent)""")
    assert cut == [], cut

    charts = page.get_by_test_id("stPlotlyChart")
    assert charts.count() >= 2  # weekly trend and data quality (the map is hidden on a phone)
    for i in range(charts.count()):
        chart = charts.nth(i)
        if not chart.is_visible():
            continue
        chart.scroll_into_view_if_needed()
        box = chart.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 1, (i, box)
    hidden = page.evaluate("""() => [...document.querySelectorAll(
        ".js-plotly-plot text.gtitle-subtitle, .js-plotly-plot text.gtitle")]
        .filter(t => t.textContent.includes("Data per"))
        .map(t => getComputedStyle(t).display)""")
    assert hidden and set(hidden) == {"none"}, hidden

    # The whole page (Streamlit scrolls inside its main container: stretch the viewport for the shot).
    height = page.evaluate("""() => Math.max(...[...document.querySelectorAll(
        "[data-testid='stMain'], [data-testid='stAppViewContainer'], section")].map(e => e.scrollHeight))""")
    page.set_viewport_size({"width": PHONE["width"], "height": int(min(max(height, PHONE["height"]), 12_000))})
    b.wait_for_charts(page)
    page.wait_for_timeout(300)  # plotly redraws on resize
    shot = page.screenshot(full_page=True, animations="disabled")
    for path in (artifacts_dir / "screenshots" / "ringkasan_ponsel.png", *b.docs_screenshots("ringkasan_ponsel.png")):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(shot)
