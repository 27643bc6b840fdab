"""What a person does with the dashboard, in a real browser: download a table, choose a kecamatan in the
sidebar and watch the numbers change, then send the link to someone else who gets the same view.

Expected values are the published regency totals kept by the demo data (README, docs/domain.md):
DPT 151.742 over 300 TPS, 8.266 Formulir C.Pemberitahuan not delivered. Bangka Selatan has 8 kecamatan.
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
from texts import catalogue, formatting

pytestmark = pytest.mark.e2e

PAGE = "formulir_c"  # the page with the published totals
UNDELIVERED = "8.266"
DPT_TOTAL = 151_742
UNDELIVERED_TOTAL = 8_266
KECAMATAN_COUNT = 8


def _number_value(text: str) -> float | None:
    """A number as shown ("8.266", "5,45%", "94,55") or as written to CSV ("94,55", "8266")."""
    t = text.strip().rstrip("%").strip().replace("\u00a0", "")
    if not re.fullmatch(r"-?[\d.]+(,\d+)?", t):
        return None
    return float(t.replace(".", "").replace(",", "."))


def _same_cell(shown: str, raw: str) -> bool:
    """The grid shows display formats (texts.formatting), the CSV keeps raw values: "8.266" vs "8266",
    "5,45" vs "5,45", "24 Nov 2024" vs "2024-11-24"."""
    shown, raw = shown.strip(), raw.strip()
    if shown == raw:
        return True
    r = _number_value(raw)
    if r is not None:
        # The grid's accessible text may be the display ("93,87%") or the raw float ("93.87").
        candidates = [_number_value(shown)]
        try:
            candidates.append(float(shown))
        except ValueError:
            pass
        return any(a is not None and abs(a - r) <= 0.006 * max(1.0, abs(r)) for a in candidates)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
        import datetime as dt

        return shown == formatting.fmt_date(dt.date.fromisoformat(raw))
    return False


def test_download_csv_matches_the_table_on_the_page(app_server, account, page, tmp_path):
    b.open_page(page, f"{app_server.url}/{PAGE}", account)
    expect(page.get_by_test_id("stMetricValue").filter(has_text=UNDELIVERED).first).to_be_visible()
    caption = h.header_caption(page)

    # The first table with downloads: the per-area table (default level: kecamatan).
    frame = page.get_by_test_id("stDataFrame").first
    frame.scroll_into_view_if_needed()
    n_cols, n_rows, headers, shown_rows = h.grid(frame)
    button = page.get_by_test_id("stDownloadButton").filter(has_text=catalogue.MSG["download_csv"]).first
    with page.expect_download() as info:
        button.click()
    download = info.value
    assert download.suggested_filename.endswith(".csv")
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    stamp, csv_header, csv_rows = h.read_csv_download(path)

    # Its stamp names the same filters as the page header, and the data time.
    filters_text = caption.replace(catalogue.DEMO_BADGE, "").split(" · Data per")[0].strip()
    assert any(filters_text in line for line in stamp), (filters_text, stamp)
    assert any(line.startswith("Data per") for line in stamp), stamp
    # Same columns and the same number of rows as the grid; every rendered cell agrees.
    assert len(csv_header) == n_cols
    assert headers and all(csv_header[i] == text for i, text in headers.items()), (headers, csv_header)
    assert len(csv_rows) == n_rows == KECAMATAN_COUNT
    assert shown_rows, "the grid rendered no rows"
    for row, shown in shown_rows.items():
        raw = csv_rows[row]
        bad = [(csv_header[i], text, raw[i]) for i, text in shown.items() if not _same_cell(text, raw[i])]
        assert not bad, bad
    # The rows add up to the published regency totals shown in the KPI cards.
    sums = {h: sum(_number_value(r[i]) or 0 for r in csv_rows) for i, h in enumerate(csv_header)
            if all(_number_value(r[i]) is not None for r in csv_rows)}
    assert UNDELIVERED_TOTAL in sums.values(), sums
    assert DPT_TOTAL in sums.values(), sums


def test_choose_kecamatan_in_sidebar_then_share_the_link(app_server, account, new_context):
    page = new_context().new_page()
    b.open_page(page, f"{app_server.url}/{PAGE}", account)
    before = h.metric_values(page)
    assert UNDELIVERED in before, before
    caption_before = h.header_caption(page)
    assert "Toboali" not in caption_before

    # Choose Toboali through the UI: click the box, type, Enter.
    page.get_by_test_id("stSidebar").get_by_role("combobox", name="Kecamatan", exact=True).click()
    page.keyboard.type("Toboali")
    page.get_by_role("option", name="Toboali", exact=True).wait_for()
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    b.wait_for_app(page)

    expect(page.locator("[data-testid='stCaptionContainer']", has_text="Data per").first).to_contain_text("Toboali")
    b.wait_for_app(page)  # the run that drew the new header has finished
    expect(h.chips(h.kecamatan_box(page))).to_have_text(["Toboali"])
    expect(page).to_have_url(re.compile(r"[?&]kec=Toboali(&|$)"))
    after = h.metric_values(page)
    assert after != before
    # Toboali is one of 8 kecamatan: its undelivered count is a part of the regency's 8.266.
    toboali_undelivered = h.parse_int_id(after[before.index(UNDELIVERED)])
    assert 0 < toboali_undelivered < UNDELIVERED_TOTAL, after

    # Someone else opens the link (new context: no cookies, no session): the same view.
    shared = page.url
    other = new_context().new_page()
    b.open_page(other, shared, account)
    expect(h.chips(h.kecamatan_box(other))).to_have_text(["Toboali"])
    assert h.metric_values(other) == after
    # Same filters and data time (the rest of the line may say when the screen was drawn).
    assert h.header_caption(other).split(" WIB")[0] == h.header_caption(page).split(" WIB")[0]
    expect(other.get_by_test_id("stException")).to_have_count(0)
