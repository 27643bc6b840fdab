"""Downloads in a real browser: every click on a table's CSV or Excel button delivers the file AND
writes exactly one audit row (the click reruns the app to run the audit callback; a download made
only on click, a callable, lost clicks in Chromium under that rerun, so this is checked here)."""
from __future__ import annotations

import json
import sqlite3

import pytest

from tests.e2e.helpers import chromium_missing

if (_reason := chromium_missing()) is not None:
    pytest.skip(_reason, allow_module_level=True)

from devkit import browser as b
from devkit import server as srv
from tests.e2e import helpers as h
from texts import catalogue

pytestmark = pytest.mark.e2e


def _exports(db_path, username: str) -> list[dict]:
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as conn:
        rows = conn.execute("SELECT detail FROM audit_log WHERE action = 'ekspor' AND username = ? ORDER BY id",
                            (username,)).fetchall()
    return [json.loads(detail) for (detail,) in rows]


def test_each_download_click_gives_the_file_and_one_audit_row(app_server, account, e2e_demo_db, page):
    b.open_page(page, f"{app_server.url}/formulir_c?kec=Toboali", account)
    before = len(_exports(e2e_demo_db, account[0]))
    clicks = ["csv", "xlsx", "csv", "xlsx"]
    labels = {"csv": catalogue.MSG["download_csv"], "xlsx": catalogue.MSG["download_xlsx"]}
    for fmt in clicks:
        button = page.get_by_test_id("stDownloadButton").filter(has_text=labels[fmt]).first
        with page.expect_download(timeout=30_000) as info:
            button.click()
        assert info.value.suggested_filename.endswith(f".{fmt}")
        b.wait_for_app(page)  # the audit callback's rerun
    rows = _exports(e2e_demo_db, account[0])[before:]
    # Kecamatan Toboali chosen: the page's area table is per desa, and its file is named after it.
    assert [(r["tabel"], r["format"]) for r in rows] == [("formulir_c_desa", fmt) for fmt in clicks]
    assert all("Toboali" in r["filter"] and r["berkas"].startswith("formulir_c_desa_toboali") for r in rows)


def test_files_made_on_click_arrive_whole_with_one_audit_row_each(e2e_demo_db, account, page, tmp_path):
    """Tables longer than ``download_on_click_rows`` hand Streamlit a callable that makes the file when
    clicked (the national case list took 17 s to write as Excel). A server whose limit is 3 makes the
    11-row desa table of Kec. Toboali that way: each click still gives the whole file and one audit row.
    With 3 rows to a screen, the case table reads only the 3 it shows and its CSV holds every case."""
    import openpyxl

    from config import DEFAULT_PATH

    settings = tmp_path / "pantau.toml"
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    assert "download_on_click_rows = 1000" in text
    assert "screen_rows = 1000" in text
    settings.write_text(text.replace("download_on_click_rows = 1000", "download_on_click_rows = 3")
                        .replace("screen_rows = 1000", "screen_rows = 3"), encoding="utf-8")
    db = srv.copy_sqlite(e2e_demo_db, tmp_path / "on_click.db")
    server = srv.AppServer(db, tmp_path / "streamlit.log", config_path=settings).start()
    try:
        b.open_page(page, f"{server.url}/formulir_c?kec=Toboali", account)
        before = len(_exports(db, account[0]))
        labels = {"csv": catalogue.MSG["download_csv"], "xlsx": catalogue.MSG["download_xlsx"]}
        for fmt in ["csv", "xlsx", "csv", "xlsx"]:
            button = page.get_by_test_id("stDownloadButton").filter(has_text=labels[fmt]).first
            with page.expect_download(timeout=30_000) as info:
                button.click()
            path = tmp_path / info.value.suggested_filename
            info.value.save_as(path)
            if fmt == "csv":
                _stamp, _header, rows = h.read_csv_download(path)
            else:
                sheet = openpyxl.load_workbook(path).active
                rows = [r for r in sheet.iter_rows(min_row=6, values_only=True) if any(v is not None for v in r)]
            assert len(rows) == 11, fmt  # the 11 desa of Kec. Toboali, not a cut
            b.wait_for_app(page)
        rows = _exports(db, account[0])[before:]
        assert [(r["tabel"], r["format"]) for r in rows] == [("formulir_c_desa", f) for f in ["csv", "xlsx"] * 2]

        # The case table shows 3 of the demo's cases and reads only those; its CSV, made on click,
        # reads every case of the filters (the campaign period) in the worker thread.
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            (n_cases,) = conn.execute("SELECT count(*) FROM violation_case WHERE tanggal_diterima "
                                      "BETWEEN '2024-09-25' AND '2024-11-23'").fetchone()
        assert n_cases > 3
        b.open_page(page, f"{server.url}/pelanggaran", account)
        page.get_by_text(f"Menampilkan 3 baris pertama dari {n_cases}.").wait_for()
        button = page.get_by_test_id("stDownloadButton").filter(has_text=labels["csv"]).first
        with page.expect_download(timeout=30_000) as info:
            button.click()
        path = tmp_path / info.value.suggested_filename
        info.value.save_as(path)
        _stamp, _header, rows = h.read_csv_download(path)
        assert len(rows) == n_cases
    finally:
        server.stop()
