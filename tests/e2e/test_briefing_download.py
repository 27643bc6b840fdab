""""Unduh Bahan Briefing" in the real app (issue 6): the sidebar button makes the PDF when clicked
(Streamlit runs the callable on a worker thread, where kaleido draws the charts in Chromium) and
the browser receives it, named after the filters, stamped with them and with the data time."""
from __future__ import annotations

import io
import json
import re
import sqlite3

import pytest

from tests.e2e.helpers import chromium_missing

if (_reason := chromium_missing()) is not None:
    pytest.skip(_reason, allow_module_level=True)

from pypdf import PdfReader

from devkit import browser as b
from texts import catalogue

pytestmark = pytest.mark.e2e


def _pdf_exports(db_path, username: str) -> list[dict]:
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as conn:
        rows = conn.execute("SELECT detail FROM audit_log WHERE action = 'ekspor' AND username = ? ORDER BY id",
                            (username,)).fetchall()
    return [d for d in (json.loads(detail) for (detail,) in rows) if d["format"] == "pdf"]


def test_briefing_pdf_downloads_for_the_filters_on_screen(app_server, account, e2e_demo_db, page, tmp_path):
    before = len(_pdf_exports(e2e_demo_db, account[0]))
    b.open_page(page, f"{app_server.url}/?kec=Toboali", account)
    with page.expect_download(timeout=b.TIMEOUT_MS) as download:
        page.get_by_test_id("stSidebar").get_by_role("button", name=catalogue.BRIEFING_PDF["button"]).click()
    assert download.value.suggested_filename == "bahan-briefing_toboali_2024-09-25_2024-11-23.pdf"
    path = tmp_path / "briefing.pdf"
    download.value.save_as(path)
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "Filter: Semua pemilihan · Toboali · 25 Sep 2024 – 23 Nov 2024" in text
    assert re.search(r"Data per \d{1,2} \w{3} \d{4} \d{2}\.\d{2} WIB", text)
    assert f"Halaman 1 dari {len(reader.pages)}" in text
    assert "Grafik tidak dapat digambar" not in text  # Chromium is here: the charts are in it
    assert sum(len(p.images) for p in reader.pages) >= 5
    # one audit row for the click, written by the callable once the PDF was made
    assert [d["berkas"] for d in _pdf_exports(e2e_demo_db, account[0])[before:]] == [
        "bahan-briefing_toboali_2024-09-25_2024-11-23.pdf"]
