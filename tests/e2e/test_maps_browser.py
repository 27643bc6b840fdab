"""The Peta page in real headless Chromium (Debian's /usr/bin/chromium), with every request that does
not go to localhost blocked: the map must draw its polygons offline, and clicking an area must set
the shared kecamatan/desa filter (plotly selection events of a geo choropleth)."""
from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest

from tests.e2e.helpers import chromium_missing

if (_reason := chromium_missing()) is not None:
    pytest.skip(_reason, allow_module_level=True)

from playwright.sync_api import expect

from devkit import browser as b
from devkit.server import ROOT
from tests.e2e import helpers as h

pytestmark = pytest.mark.e2e
POLYGONS = ".js-plotly-plot path.choroplethlocation"


def _open(page, url, account):
    """Open a page with a map (signed in) and wait until its polygons are drawn and laid out."""
    b.open_page(page, url, account)
    page.locator(POLYGONS).first.wait_for(timeout=b.TIMEOUT_MS)
    b.wait_for_charts_settled(page)


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
    """The click's rerun has drawn ``text`` (the page header's filter line) and finished."""
    page.wait_for_function("t => document.body.innerText.includes(t)", arg=text, timeout=b.TIMEOUT_MS)
    b.wait_for_app(page)


def test_map_draws_offline(app_server, account, page):
    from PIL import Image

    _open(page, f"{app_server.url}/peta", account)
    polygons = page.locator(POLYGONS)
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
    blocked = page.context.blocked
    assert not [u for u in blocked if "plot.ly" in u or "openmaptiles" in u or "tile" in u], blocked
    assert not page.get_by_text("topojson").count()


def test_click_on_kecamatan_sets_the_filter(app_server, account, page):
    _open(page, f"{app_server.url}/peta", account)
    polygons = page.locator(POLYGONS)
    # Trace 0 lists the areas in code order: the first polygon is 19.03.01 Toboali.
    x, y = _inside_point(page, polygons.nth(0))
    page.mouse.click(x, y)
    page.wait_for_function("() => location.search.includes('kec=Toboali')", timeout=b.TIMEOUT_MS)
    _wait_rerun(page, "Semua pemilihan · Toboali")
    # The bound widget rewrites the address with history.replaceState (page.url does not see it).
    assert "kec=Toboali" in page.evaluate("location.search")
    expect(h.chips(h.kecamatan_box(page))).to_have_text(["Toboali"])


def test_click_on_desa_sets_the_desa_filter(app_server, account, page):
    _open(page, f"{app_server.url}/peta?peta_tingkat=Desa/kelurahan&kec=Kepulauan+Pongok", account)
    polygons = page.locator(POLYGONS)
    assert polygons.count() == 2  # Pongok and Celagen
    x, y = _inside_point(page, polygons.nth(0))  # 19.03.08.2001 Pongok
    page.mouse.click(x, y)
    page.wait_for_function("() => location.search.includes('desa=')", timeout=b.TIMEOUT_MS)
    _wait_rerun(page, "Semua pemilihan · Pongok ·")
    assert "desa=Pongok" in page.evaluate("location.search")


_EXPORT_CHILD = """
import json, socket, sys
try:  # the namespace must have no route out: prove it before drawing
    socket.create_connection(("1.1.1.1", 443), timeout=3).close()
    sys.exit("network reachable")
except OSError:
    pass
import plotly.io as pio
from charts import maps
fig = pio.from_json(open(sys.argv[1]).read())
open(sys.argv[2], "wb").write(maps.export_image(fig, "png", width=1200, height=700))
open(sys.argv[3], "wb").write(maps.export_image(fig, "pdf"))
"""


def _no_network_prefix() -> list[str]:
    """``unshare -rn``: the child runs in a new network namespace with no interface up (as an
    unprivileged user namespace), so any fetch fails however the machine is connected."""
    try:
        ok = subprocess.run(["unshare", "-rn", "true"], capture_output=True, timeout=20).returncode == 0
    except (OSError, subprocess.SubprocessError):
        ok = False
    if not ok:
        pytest.skip("cutting the network needs 'unshare -rn' (util-linux, user namespaces allowed)")
    return ["unshare", "-rn"]


def _pdf_fills(pdf: bytes) -> list[tuple[str, int]]:
    """(fill colour, number of path points) of every filled path in the PDF's first page, read
    from its content stream (Chromium writes the plotly SVG as vector paths: "r g b rg", then
    m/l/c segments, then f)."""
    from pypdf import PdfReader
    from pypdf.generic import ContentStream

    reader = PdfReader(io.BytesIO(pdf))
    fill, points, out = None, 0, []
    for operands, op in ContentStream(reader.pages[0].get_contents(), reader).operations:
        if op == b"rg":
            fill = "#" + "".join(f"{round(float(v) * 255):02X}" for v in operands)
        elif op in (b"m", b"l", b"c", b"v", b"y"):
            points += 1
        elif op == b"re":
            points += 4
        elif op in (b"f", b"f*", b"F", b"B", b"B*", b"b", b"b*"):
            out.append((fill, points))
            points = 0
        elif op in (b"S", b"s", b"n"):
            points = 0
    return out


def test_png_and_pdf_export_offline(tmp_path):
    """kaleido draws the map with the network cut (a child process in an empty network namespace):
    no CDN topojson, no tiles, no fonts fetched (a fetch would raise "Error 525 ... fetching
    topojson"). The PNG is painted; the PDF holds each area as a filled vector path in its colour."""
    import collections

    import pandas as pd
    from PIL import Image
    from pypdf import PdfReader

    from charts import maps
    from metrics import areas
    from metrics.formulir_c import REASON_COLUMNS

    features = maps.load_geojson("kecamatan")["features"]
    codes = [f["id"] for f in features]
    kec = pd.DataFrame({"kode": codes, "nama": [f["properties"]["nama_kecamatan"] for f in features]})
    # Supervised of 4 activities, in code order: 0, 1, 2, 3, 4, 4, 4 and Kepulauan Pongok with none
    # at all (no coverage: grey).
    cov = pd.DataFrame({"kecamatan_kode": codes, "activities": [4] * 7 + [0], "supervised": [0, 1, 2, 3, 4, 4, 4, 0]})
    cas = pd.DataFrame({"kecamatan_kode": codes, "cases": [0] * 8})
    dlv = pd.DataFrame(columns=["kecamatan_kode", "tps", "dpt", *REASON_COLUMNS])
    fig = maps.choropleth(areas.area_measures("kecamatan", kec, cov, cas, dlv), "kecamatan", "coverage")
    spec, png_file, pdf_file = tmp_path / "fig.json", tmp_path / "map.png", tmp_path / "map.pdf"
    spec.write_text(fig.to_json())
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DATABASE_URL_READONLY")}
    child = subprocess.run([*_no_network_prefix(), sys.executable, "-c", _EXPORT_CHILD, str(spec), str(png_file),
                            str(pdf_file)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)
    assert child.returncode == 0, child.stderr[-2000:]

    img = Image.open(png_file).convert("L")
    painted = sum(1 for v in img.get_flattened_data() if v < 245) / (img.width * img.height)
    assert painted > 0.08, painted

    pdf = pdf_file.read_bytes()
    assert pdf.startswith(b"%PDF")
    # Coverage 0, 25, 50, 75 % and 3 x 100 %, on the reversed bad scale (0 % darkest): #7F0000,
    # #D7301F, #FC8D59, #FDD49E, #FFF7EC; Kepulauan Pongok grey. An area is a path of many points
    # (its outline); the legend's grey box and the background are rectangles of 4.
    areas_drawn = collections.Counter(colour for colour, points in _pdf_fills(pdf) if points >= 10)
    assert areas_drawn == {"#7F0000": 1, "#D7301F": 1, "#FC8D59": 1, "#FDD49E": 1, "#FFF7EC": 3,
                           maps.OUTSIDE_GREY: 1}, areas_drawn
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    for words in ("Toboali", "0,0%", "Kepulauan Pongok", "Abu-abu: di luar filter atau tanpa data",
                  "cahyadsn/wilayah_boundaries (MIT)"):
        assert words in text, words


def test_click_on_the_ringkasan_map_sets_the_filter(app_server, account, page):
    """The small map at the foot of Ringkasan filters like the Peta page (same ui.area_map code)."""
    _open(page, f"{app_server.url}/", account)
    chart = page.locator(".st-key-ringkasan_map .js-plotly-plot")
    chart.scroll_into_view_if_needed()
    b.wait_for_charts_settled(page)  # the scroll has ended: the polygons' boxes hold still
    polygons = chart.locator("path.choroplethlocation")
    assert polygons.count() == 8
    # Trace 0 lists the kecamatan in code order: the fifth polygon is 19.03.05 Payung.
    x, y = _inside_point(page, polygons.nth(4))
    page.mouse.click(x, y)
    page.wait_for_function("() => location.search.includes('kec=Payung')", timeout=b.TIMEOUT_MS)
    _wait_rerun(page, "Semua pemilihan · Payung")
    assert page.locator("h1").first.inner_text().startswith("Ringkasan")  # the page stays
    expect(h.chips(h.kecamatan_box(page))).to_have_text(["Payung"])
    # The map now colours Payung alone; the other seven are grey, outside the filter.
    page.wait_for_function("() => document.querySelectorAll('.st-key-ringkasan_map path.choroplethlocation')"
                           ".length === 8", timeout=b.TIMEOUT_MS)
    fills = chart.locator("path.choroplethlocation").evaluate_all("els => els.map(e => getComputedStyle(e).fill)")
    assert len(set(fills)) == 2, fills
