"""Every page on a phone (390 x 844, issues 6 and 21: leaders and coordinators open Pantau from links
shared in WhatsApp groups), in headless Chromium with touch and a 2x screen, on the demo data and on
a desa-level filter:
- nothing wider than the screen (no sideways scrolling of the page); tables and charts stay in it;
- the sidebar starts closed;
- the page's headline KPI is inside the first screen, in a grid of at least two cards a row, and no
  KPI value is cut short with "…";
- every text plotly draws (value labels, ticks, titles, legend, line labels) lies inside its chart's
  box: a label cut at the edge ("5,65% · 3.2" for 3.222) reads as a real number;
- on Ringkasan the "Perlu perhatian" lines wrap rather than end in "…", and the chart stamps a
  390 px chart would cut are hidden (the page header carries them);
- briefing mode stays readable on a phone; the camera button's PNG is drawn at the export width,
  so from a phone it still holds the whole stamp.
The unfiltered pages are photographed into docs/screenshots/<page>_ponsel.png (README).
"""
from __future__ import annotations

import io

import pytest

from tests.e2e.helpers import chromium_missing

if (_reason := chromium_missing()) is not None:
    pytest.skip(_reason, allow_module_level=True)

from playwright.sync_api import expect

from charts import theme
from devkit import browser as b
from tests.e2e import helpers as h
from texts import catalogue

pytestmark = pytest.mark.e2e
PHONE = {"width": 390, "height": 844}
# url path -> (screenshot name, label of the page's headline KPI card)
PAGES = {
    "": ("ringkasan", catalogue.RINGKASAN["kpi_coverage"]),
    "cakupan": ("cakupan", catalogue.CAKUPAN["kpi_coverage"]),
    "pelanggaran": ("pelanggaran", catalogue.PELANGGARAN["kpi_total"]),
    "formulir_c": ("formulir_c", catalogue.FORMULIR_C["kpi_undelivered"]),
    "peta": ("peta", catalogue.PETA["kpi_selection"]),
    "kualitas": ("kualitas", catalogue.KUALITAS["kpi_score"]),
}
# One desa of the demo data (Kemendagri list): the page at its narrowest filter.
DESA = "kec=Toboali&desa=Rias+%28Toboali%29"

MEASURE = """() => {
  const main = document.querySelector("[data-testid='stMain']");
  const widths = {doc: document.documentElement.scrollWidth, body: document.body.scrollWidth, main: main.scrollWidth};
  const cut = [], outside = [];
  for (const [i, chart] of [...document.querySelectorAll("[data-testid='stPlotlyChart']")].entries()) {
    const box = chart.getBoundingClientRect();
    if (!box.width) continue;  // in a closed tab or expander
    if (box.left < -1 || box.right > window.innerWidth + 1) outside.push(["chart", i, box.left, box.right]);
    for (const t of chart.querySelectorAll("svg text")) {
      if (!t.textContent.trim() || getComputedStyle(t).display === "none") continue;
      const r = t.getBoundingClientRect();
      if (!r.width) continue;
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1)
        cut.push([i, t.textContent.slice(0, 80), Math.round(r.left - box.left), Math.round(box.right - r.right),
                  Math.round(r.top - box.top), Math.round(box.bottom - r.bottom)]);
    }
  }
  for (const [i, t] of [...document.querySelectorAll("[data-testid='stDataFrame']")].entries()) {
    const r = t.getBoundingClientRect();
    if (r.width && (r.left < -1 || r.right > window.innerWidth + 1)) outside.push(["table", i, r.left, r.right]);
  }
  const truncated = [...document.querySelectorAll(
      "[data-testid='stMetricValue'] *, [data-testid='stMetricDelta'] *")]
    .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent);
  const metrics = [...document.querySelectorAll("[data-testid='stMetric']")].map(m => {
    const r = m.getBoundingClientRect();
    return {label: m.querySelector("[data-testid='stMetricLabel']").innerText.trim(), top: r.top, bottom: r.bottom,
            left: r.left, right: r.right};
  });
  return {widths, cut, outside, truncated, metrics};
}"""


@pytest.fixture(scope="module")
def phone(chromium):
    """One phone for the module (signed in once): 390 x 844, touch, 2x screen, downloads accepted."""
    context = b.new_context(chromium, viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


def _open(page, url, account):
    page.set_viewport_size(PHONE)
    b.open_page(page, url, account)
    b.wait_for_charts_settled(page)  # plotly lays its text out after the chart's first draw


def _check_fits(page, headline: str) -> dict:
    """The checks every page passes on a phone; returns the measurement."""
    got = page.evaluate(MEASURE)
    assert max(got["widths"].values()) <= PHONE["width"], got["widths"]
    assert got["outside"] == [], got["outside"]
    assert got["cut"] == [], got["cut"]
    assert got["truncated"] == [], got["truncated"]
    # The headline card is on the first screen (measured before any scrolling) ...
    card = [m for m in got["metrics"] if m["label"] == headline]
    assert card, (headline, [m["label"] for m in got["metrics"]])
    assert 0 <= card[0]["top"] and card[0]["bottom"] <= PHONE["height"], card
    # ... in a grid of at least two cards a row: the first two cards stand side by side.
    first, second = got["metrics"][:2]
    assert abs(first["top"] - second["top"]) <= 2 and second["left"] >= first["right"], got["metrics"][:2]
    assert all(m["left"] >= 0 and m["right"] <= PHONE["width"] for m in got["metrics"]), got["metrics"]
    return got


def _full_page_shot(page, name: str, artifacts_dir) -> None:
    """The whole page (Streamlit scrolls inside its main container: stretch the viewport for the shot)."""
    height = page.evaluate("""() => Math.max(...[...document.querySelectorAll(
        "[data-testid='stMain'], [data-testid='stAppViewContainer'], section")].map(e => e.scrollHeight))""")
    page.set_viewport_size({"width": PHONE["width"], "height": int(min(max(height, PHONE["height"]), 12_000))})
    try:
        b.wait_for_charts_settled(page)  # plotly redraws on resize
        # Drawn again at the new height: still nothing cut (tabs and lower charts laid out by now).
        got = page.evaluate(MEASURE)
        assert got["cut"] == [] and got["outside"] == [], (got["cut"], got["outside"])
        shot = page.screenshot(full_page=True, animations="disabled")
    finally:
        page.set_viewport_size(PHONE)
    for path in (artifacts_dir / "screenshots" / f"{name}_ponsel.png", *h.docs_screenshots(f"{name}_ponsel.png")):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(shot)


@pytest.mark.parametrize("path", list(PAGES), ids=[name for name, _ in PAGES.values()])
def test_page_fits_a_phone(app_server, account, phone, artifacts_dir, path):
    name, headline = PAGES[path]
    page = phone
    _open(page, f"{app_server.url}/{path}", account)
    expect(page.get_by_test_id("stSidebar")).to_have_attribute("data-collapsed", "true")
    _check_fits(page, headline)
    if path == "":
        _ringkasan_details(page)
    _full_page_shot(page, name, artifacts_dir)


@pytest.mark.parametrize("path", list(PAGES), ids=[name for name, _ in PAGES.values()])
def test_page_fits_a_phone_on_one_desa(app_server, account, phone, path):
    _name, headline = PAGES[path]
    page = phone
    _open(page, f"{app_server.url}/{path}?{DESA}", account)
    expect(page.locator("[data-testid='stCaptionContainer']", has_text="Data per").first).to_contain_text("Rias")
    _check_fits(page, headline)


@pytest.mark.parametrize("path", ["", "formulir_c"], ids=["ringkasan", "formulir_c"])
def test_briefing_mode_stays_readable_on_a_phone(app_server, account, phone, path):
    """A briefing link shared to a phone: the projector's large type, but nothing wider than the
    screen, no value cut, no chart text outside its chart."""
    _name, headline = PAGES[path]
    page = phone
    _open(page, f"{app_server.url}/{path}?mode=briefing", account)
    got = _check_fits(page, headline)
    assert got["metrics"], "no KPI card in briefing mode"


def _ringkasan_details(page) -> None:
    """Ringkasan: the published regency total is shown, the "Perlu perhatian" lines wrap, the map is
    hidden on a phone (eight names on a 390 px map overlap) and so are the chart stamps."""
    expect(page.get_by_test_id("stMetricValue").filter(has_text="8.266")).to_have_count(1)
    cut = page.evaluate("""() => [...document.querySelectorAll(
        "[data-testid='stMain'] [data-testid='stPageLink-NavLink'] p")]
        .filter(p => p.scrollWidth > p.clientWidth + 1).map(p => p.textContent)""")
    assert cut == [], cut
    charts = page.get_by_test_id("stPlotlyChart")
    assert charts.count() >= 2  # weekly trend and data quality (the map is hidden on a phone)
    hidden = page.evaluate("""() => [...document.querySelectorAll(
        ".js-plotly-plot text.gtitle-subtitle, .js-plotly-plot text.gtitle")]
        .filter(t => t.textContent.includes("Data per"))
        .map(t => getComputedStyle(t).display)""")
    assert hidden and set(hidden) == {"none"}, hidden


def test_camera_png_from_a_phone_holds_the_stamp(app_server, account, phone):
    """The camera button draws the PNG at theme.EXPORT_WIDTH (x2), not at the phone's 358 px where
    the stamp line would be cut: the picture is that wide, and not blank where the title and its
    stamp subtitle stand (that the stamp is in the figure: tests/test_chart_stamp.py)."""
    from PIL import Image

    page = phone
    _open(page, f"{app_server.url}/formulir_c", account)
    chart = page.get_by_test_id("stPlotlyChart").first
    chart.scroll_into_view_if_needed()
    chart.hover()  # the mode bar fades in on hover; a tap does the same on a phone
    with page.expect_download(timeout=60_000) as download:
        chart.locator(".modebar-btn[data-title*='png' i]").first.click(force=True, timeout=60_000)
    image = Image.open(io.BytesIO(download.value.path().read_bytes())).convert("L")
    assert image.width == 2 * theme.EXPORT_WIDTH, image.size
    # The titled chart carries the stamp as its subtitle, right under the title: dark pixels there.
    band = image.crop((0, 0, image.width // 2, 2 * 140))
    assert band.getextrema()[0] < 128
