"""The Peta page in real headless Chromium (Debian's /usr/bin/chromium), with every request that does
not go to localhost blocked: the map must draw its polygons offline, and clicking an area must set
the shared kecamatan/desa filter (plotly selection events of a geo choropleth)."""
from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.apptest_utils import sqlite_url

pytestmark = pytest.mark.e2e
CHROMIUM = "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parent.parent
LOCAL = ("http://127.0.0.1", "http://localhost", "ws://127.0.0.1", "ws://localhost", "data:", "blob:")

if not os.path.exists(CHROMIUM):
    pytest.skip(f"browser tests need Debian chromium at {CHROMIUM} (apt-get install chromium)",
                allow_module_level=True)
sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(_demo_sqlite):
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": sqlite_url(_demo_sqlite)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"), "--server.port", str(port),
         "--server.headless", "true", "--server.runOnSave", "false", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            if urllib.request.urlopen(f"{base}/_stcore/health", timeout=1).status == 200:
                break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail("streamlit did not start")
    yield base
    proc.terminate()
    proc.wait(timeout=20)


@pytest.fixture(scope="module")
def chromium_browser():
    from scripts.screenshot import CHROMIUM_ARGS

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def offline_page(chromium_browser):
    """A 1920x1080 page whose non-localhost requests are aborted (and recorded)."""
    page = chromium_browser.new_page(viewport={"width": 1920, "height": 1080})
    page.blocked = []

    def route(r):
        if r.request.url.startswith(LOCAL):
            r.continue_()
        else:
            page.blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    yield page
    page.close()


def _open(page, url):
    from scripts.screenshot import login_if_asked, wait_for_app

    page.goto(url)
    wait_for_app(page)
    login_if_asked(page)  # the demo database's documented admin account
    page.wait_for_selector(".js-plotly-plot path.choroplethlocation", timeout=30_000)
    page.wait_for_timeout(500)


_INSIDE_ONLY = """([x, y, el]) => {
    const inside = e => e.isPointInFill(new DOMPoint(x, y).matrixTransform(e.getScreenCTM().inverse()));
    return inside(el) && [...document.querySelectorAll('path.choroplethlocation')].filter(inside).length === 1;
}"""


def _inside_point(page, path_locator):
    """A screen point inside this polygon and no other (plotly's geo drag layer lies on top of the
    polygons, so the point is found from the SVG geometry, not from elementFromPoint)."""
    handle = path_locator.element_handle()
    box = path_locator.bounding_box()
    for fy in (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8):
        for fx in (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8):
            x, y = box["x"] + box["width"] * fx, box["y"] + box["height"] * fy
            if page.evaluate(_INSIDE_ONLY, [x, y, handle]):
                return x, y
    raise AssertionError("no point inside the polygon found")


def _wait_rerun(page, text):
    from scripts.screenshot import wait_for_app

    page.wait_for_function("t => document.body.innerText.includes(t)", arg=text, timeout=30_000)
    wait_for_app(page)


def test_map_draws_offline(server, offline_page):
    from PIL import Image

    page = offline_page
    _open(page, f"{server}/peta")
    polygons = page.locator(".js-plotly-plot path.choroplethlocation")
    assert polygons.count() == 8  # the 8 kecamatan
    fills = polygons.evaluate_all("els => els.map(e => getComputedStyle(e).fill)")
    assert all(f not in ("none", "rgb(255, 255, 255)") for f in fills), fills
    # Not a blank frame: a good share of the plot area is painted (measured ~20% on the demo data).
    png = page.locator(".js-plotly-plot").first.screenshot()
    img = Image.open(io.BytesIO(png)).convert("L")
    painted = sum(1 for v in img.get_flattened_data() if v < 245) / (img.width * img.height)
    assert painted > 0.08, painted
    assert page.get_by_text("Batas wilayah: cahyadsn/wilayah_boundaries (MIT)").count() >= 1
    assert page.get_by_text("Toboali").count() >= 1  # area names written on the map
    # Nothing the map needs came from outside: only Streamlit's own usage-metrics ping was blocked.
    assert not [u for u in page.blocked if "plot.ly" in u or "openmaptiles" in u or "tile" in u], page.blocked
    assert not page.get_by_text("topojson").count()


def test_click_on_kecamatan_sets_the_filter(server, offline_page):
    page = offline_page
    _open(page, f"{server}/peta")
    polygons = page.locator(".js-plotly-plot path.choroplethlocation")
    # Trace 0 lists the areas in code order: the first polygon is 19.03.01 Toboali.
    x, y = _inside_point(page, polygons.nth(0))
    page.mouse.click(x, y)
    page.wait_for_function("() => location.search.includes('kec=Toboali')", timeout=30_000)
    _wait_rerun(page, "Semua pemilihan · Toboali")
    # The bound widget rewrites the address with history.replaceState (page.url does not see it).
    assert "kec=Toboali" in page.evaluate("location.search")
    chips = page.locator("[data-testid=stSidebar] [data-testid=stMultiSelect]").nth(1).inner_text()
    assert "Toboali" in chips


def test_click_on_desa_sets_the_desa_filter(server, offline_page):
    page = offline_page
    _open(page, f"{server}/peta?peta_tingkat=Desa/kelurahan&kec=Kepulauan+Pongok")
    polygons = page.locator(".js-plotly-plot path.choroplethlocation")
    assert polygons.count() == 2  # Pongok and Celagen
    x, y = _inside_point(page, polygons.nth(0))  # 19.03.08.2001 Pongok
    page.mouse.click(x, y)
    page.wait_for_function("() => location.search.includes('desa=')", timeout=30_000)
    _wait_rerun(page, "Semua pemilihan · Pongok ·")
    assert "desa=Pongok" in page.evaluate("location.search")


def test_png_and_pdf_export_offline():
    """kaleido draws the map without the CDN topojson (this machine has no internet: curl to
    cdn.plot.ly fails; a fetch would raise "Error 525 ... fetching topojson")."""
    import pandas as pd
    from PIL import Image

    from charts import maps
    from metrics import areas
    from metrics.formulir_c import REASON_COLUMNS

    features = maps.load_geojson("kecamatan")["features"]
    codes = [f["id"] for f in features]
    kec = pd.DataFrame({"kode": codes, "nama": [f["properties"]["nama_kecamatan"] for f in features]})
    cov = pd.DataFrame({"kecamatan_kode": codes, "activities": [4] * 8, "supervised": [0, 1, 2, 3, 4, 4, 4, 4]})
    cas = pd.DataFrame({"kecamatan_kode": codes, "cases": [0] * 8})
    dlv = pd.DataFrame(columns=["kecamatan_kode", "tps", "dpt", *REASON_COLUMNS])
    fig = maps.choropleth(areas.area_measures("kecamatan", kec, cov, cas, dlv), "kecamatan", "coverage")
    png = maps.export_image(fig, "png", width=1200, height=700)
    img = Image.open(io.BytesIO(png)).convert("L")
    painted = sum(1 for v in img.get_flattened_data() if v < 245) / (img.width * img.height)
    assert painted > 0.08, painted
    assert maps.export_image(fig, "pdf").startswith(b"%PDF")


def test_click_on_the_ringkasan_map_sets_the_filter(server, offline_page):
    """The small map at the foot of Ringkasan filters like the Peta page (same ui.area_map code)."""
    page = offline_page
    _open(page, f"{server}/")
    chart = page.locator(".st-key-ringkasan_map .js-plotly-plot")
    chart.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    polygons = chart.locator("path.choroplethlocation")
    assert polygons.count() == 8
    # Trace 0 lists the kecamatan in code order: the fifth polygon is 19.03.05 Payung.
    x, y = _inside_point(page, polygons.nth(4))
    page.mouse.click(x, y)
    page.wait_for_function("() => location.search.includes('kec=Payung')", timeout=30_000)
    _wait_rerun(page, "Semua pemilihan · Payung")
    assert page.locator("h1").first.inner_text().startswith("Ringkasan")  # the page stays
    chips = page.locator("[data-testid=stSidebar] [data-testid=stMultiSelect]").nth(1).inner_text()
    assert "Payung" in chips
    # The map now colours Payung alone; the other seven are grey, outside the filter.
    page.wait_for_function("() => document.querySelectorAll('.st-key-ringkasan_map path.choroplethlocation')"
                           ".length === 8", timeout=30_000)
    fills = chart.locator("path.choroplethlocation").evaluate_all("els => els.map(e => getComputedStyle(e).fill)")
    assert len(set(fills)) == 2, fills
