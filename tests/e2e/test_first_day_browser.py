"""An office's first day in a real browser (issue 16): an empty database, the first admin made on the
command line, then everything else in Chromium: log in, upload the reference workbook and the TPS
list on Impor Data, then the first operator workbook, and read the pages. The right answers are
worked out by hand in tests/first_day.py (the same day runs on both engines in tests/test_first_day.py).
"""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.e2e.helpers import chromium_missing

if (_reason := chromium_missing()) is not None:
    pytest.skip(_reason, allow_module_level=True)

from playwright.sync_api import expect

from devkit import browser as b
from devkit import server as srv
from tests import first_day
from tests.e2e import helpers as h
from texts import catalogue

pytestmark = pytest.mark.e2e

ADMIN = ("kepala", "sandi-kepala-panjang-2024")
REFERENCE = srv.ROOT / "assets" / "referensi" / "pilkada_2024_bangka_selatan.xlsx"


@pytest.fixture
def empty_office(tmp_path):
    """The app on a database file that does not exist yet (not the default path: no demo data)."""
    server = srv.AppServer(tmp_path / "kantor.db", tmp_path / "streamlit_kantor.log").start()
    yield server
    server.stop()


def _create_admin(server) -> None:
    env = {**os.environ, "DATABASE_URL": server.database_url}
    done = subprocess.run([sys.executable, "-m", "data_access", "users", "create", ADMIN[0], "--role", "admin",
                           "--password-stdin"], cwd=srv.ROOT, env=env, input=ADMIN[1] + "\n", text=True,
                          capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr


def _upload_and_save(page, paths) -> None:
    uploader = page.get_by_test_id("stFileUploader")
    for chip in uploader.get_by_test_id("stFileUploaderDeleteBtn").all()[::-1]:  # the previous batch
        chip.click()
        b.wait_for_app(page)
    uploader.locator("input[type='file']").set_input_files([str(p) for p in paths])
    b.wait_for_app(page)
    for path in paths:
        expect(page.get_by_text(f"{path.name}: lolos pemeriksaan.")).to_be_visible()
    page.get_by_role("button", name="Simpan ke basis data").click()
    b.wait_for_app(page)
    for path in paths:
        expect(page.get_by_text(f"{path.name}: tersimpan", exact=False)).to_be_visible()


def _nav(page, key: str) -> None:
    """Go to a page through the navigation bar (a new URL would start a new, logged-out session)."""
    page.get_by_role("link", name=catalogue.PAGES[key], exact=True).first.click()
    b.wait_for_app(page)


def _cards(page) -> dict[str, str]:
    labels = [t.strip() for t in page.get_by_test_id("stMetricLabel").all_inner_texts()]
    return dict(zip(labels, h.metric_values(page), strict=True))


def test_an_office_first_day_in_the_browser(empty_office, page, tmp_path):
    # The first start made the schema and the areas; the admin comes from the command line.
    _create_admin(empty_office)
    page.goto(empty_office.url, timeout=b.TIMEOUT_MS)
    page.locator("input[type='password']").wait_for(timeout=b.TIMEOUT_MS)
    b.login_if_asked(page, *ADMIN)
    # No election yet: the notice, no chart.
    expect(page.get_by_text("Impor Data", exact=False).first).to_be_visible()
    assert page.get_by_test_id("stPlotlyChart").count() == 0

    tps = tmp_path / "tps.csv"
    tps.write_bytes(first_day.TPS_CSV)
    workbook = tmp_path / "laporan_pertama.xlsx"
    workbook.write_bytes(first_day.operator_workbook())

    _nav(page, "impor")
    _upload_and_save(page, [REFERENCE, tps])
    _upload_and_save(page, [workbook])

    _nav(page, "cakupan")
    expect(page.get_by_test_id("stMetricValue").first).to_be_visible()
    b.wait_for_app(page)  # the whole page drawn, not only its first card
    cards = _cards(page)
    assert {k: cards[k] for k in first_day.CAKUPAN} == first_day.CAKUPAN

    _nav(page, "formulir_c")
    expect(page.get_by_test_id("stMetricValue").first).to_be_visible()
    b.wait_for_app(page)  # the whole page drawn, not only its first card
    cards = _cards(page)
    assert {k: cards[k] for k in first_day.FORMULIR_C} == {k: v[0] for k, v in first_day.FORMULIR_C.items()}

    _nav(page, "pelanggaran")
    expect(page.get_by_test_id("stMetricValue").first).to_be_visible()
    b.wait_for_app(page)  # the whole page drawn, not only its first card
    cards = _cards(page)
    assert (cards["Jumlah kasus"], cards["Lewat batas waktu"]) == (first_day.CASES, first_day.CASES_LATE)
    b.full_page_screenshot(page, h.results_dir() / "first_day_pelanggaran.png")
