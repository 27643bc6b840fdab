"""The briefing PDF ("Unduh Bahan Briefing", issue 6): produced for the demo data and for an empty
filter result, stamped with the filters, the data time and the time of making, Indonesian headings
and page numbers, and no personal name that is in the database (every distinct nama_pengawas,
pelapor and terlapor is searched for). Without a browser the PDF still holds the tables and says
that the charts could not be drawn."""
from __future__ import annotations

import datetime as dt
import io
import os
import re

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from data_access import schema
from data_access.filters import Filters
from reports import briefing_data, briefing_pdf
from tests.builders import KEC_TOBOALI, RIAS, TOBOALI, Builder
from texts import catalogue

CAMPAIGN = Filters(start=dt.date(2024, 9, 25), end=dt.date(2024, 11, 23))
CAMPAIGN_TEXT = "Semua pemilihan · Semua kecamatan · 25 Sep 2024 – 23 Nov 2024"
NOW = dt.datetime(2026, 12, 5, 3, 15, tzinfo=dt.UTC)  # 10.15 WIB
HEADINGS = ["Bahan Briefing Pengawasan Kampanye", "Ringkasan", "Perlu Perhatian", "Cakupan Pengawasan",
            "Tren Pelanggaran", "Formulir C"]
NO_CHARTS = "Grafik tidak dapat digambar"


def _no_browser(jobs):
    raise briefing_pdf.ChartsUnavailable("no browser on this server")


def _pdf(engine, f: Filters, text: str, render=_no_browser) -> tuple[bytes, briefing_data.Briefing]:
    with engine.connect() as conn:
        briefing = briefing_data.gather(briefing_data.connection_loader(conn), f, filters_text=text, now=NOW)
    return briefing_pdf.build(briefing, render=render), briefing


def _text(pdf: bytes) -> tuple[str, int]:
    """All text of the PDF with whitespace folded (a name broken over two lines still matches)."""
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split()), len(reader.pages)


def _personal_names(engine) -> list[str]:
    """Every distinct supervisor, reporter and reported person in the database."""
    with engine.connect() as conn:
        names = set(conn.scalars(select(schema.SupervisionReport.nama_pengawas).distinct()))
        names |= set(conn.scalars(select(schema.ViolationCase.pelapor).distinct()))
        names |= set(conn.scalars(select(schema.ViolationCase.terlapor).distinct()))
    return sorted(n for n in names if n)


def _assert_no_personal_name(text: str, engine) -> None:
    names = _personal_names(engine)
    assert names, "the database holds personal names: the search must have something to look for"
    found = [n for n in names if " ".join(n.split()) in text]
    assert not found, f"personal names in the PDF: {found}"


def _assert_stamp(text: str, pages: int, filters_text: str) -> None:
    assert f"Filter: {filters_text}" in text
    assert re.search(r"Data per \d{1,2} \w{3} \d{4} \d{2}\.\d{2} WIB", text)
    assert "Dibuat 5 Des 2026 10.15 WIB" in text
    assert f"Halaman 1 dari {pages}" in text and f"Halaman {pages} dari {pages}" in text
    for heading in HEADINGS:
        assert heading in text, heading


def test_demo_data_pdf_without_browser(demo_db):
    pdf, _ = _pdf(demo_db, CAMPAIGN, CAMPAIGN_TEXT)
    assert pdf.startswith(b"%PDF")
    text, pages = _text(pdf)
    _assert_stamp(text, pages, CAMPAIGN_TEXT)
    assert "Data contoh" in text
    # Published regency totals the demo data keeps (README): DPT 151.742, 8.266 Formulir C not delivered.
    assert "151.742" in text and "8.266" in text
    # The tables are there though the charts are not, and the document says why.
    assert NO_CHARTS in text
    for table in ("Wilayah Sepi", "Kegiatan Tanpa LHP", "Kasus Lewat Batas Waktu",
                  "Formulir C per Kecamatan", "TPS di Atas Ambang 10%"):
        assert table in text, table
    assert "Kepulauan Pongok" in text  # multi-word names survive the extraction (the name search works)
    _assert_no_personal_name(text, demo_db)


def test_empty_filter_result(demo_db):
    nothing = Filters(start=dt.date(2023, 1, 1), end=dt.date(2023, 1, 31))
    label = "Semua pemilihan · Semua kecamatan · 1 Jan 2023 – 31 Jan 2023"
    pdf, briefing = _pdf(demo_db, nothing, label)
    text, pages = _text(pdf)
    _assert_stamp(text, pages, label)
    assert " ".join(catalogue.CAKUPAN["empty"].split()) in text
    assert " ".join(catalogue.PELANGGARAN["empty"].split()) in text
    # Formulir C has no date: its recap still shows, with the note that the date filter does not apply.
    assert "8.266" in text
    assert [s.empty is not None for s in briefing.sections] == [False, True, True, False]
    _assert_no_personal_name(text, demo_db)


def test_hand_built_numbers_and_names(db):
    """Four activities in Toboali, three with an LHP (75,0%); one laporan received 1 Oct 2024 and
    still at "diterima" on the reference day 20 Nov 2024 (deadline 3 + 2 days: overdue); one TPS
    of 500 voters with 25 forms not delivered (5,00%). The people's names must not appear."""
    b = Builder(db)
    p = b.paslon(b.election("bupati"), 2, "Pasangan Uji")
    for day, supervised in (("2024-10-01", True), ("2024-10-02", True), ("2024-10-03", True),
                            ("2024-10-04", False)):
        a = b.activity(p, day, TOBOALI)
        if supervised:
            b.report(day, TOBOALI, activity=a, nama="Joko Pengawasnama")
    b.case("001/LP/PB/Kab/29.04/X/2024", "2024-10-01", RIAS, [("diterima", "2024-10-01")], paslon_id=p,
           pelapor="Budi Pelapornama", terlapor="Siti Terlapornama")
    b.tps(TOBOALI, 1, 500, reasons={"tidak_dikenal": 20, "lainnya": 5})

    label = "Semua pemilihan · Toboali · 25 Sep 2024 – 23 Nov 2024"
    pdf, _ = _pdf(db, Filters(start=CAMPAIGN.start, end=CAMPAIGN.end, kecamatan=(KEC_TOBOALI,)), label)
    text, pages = _text(pdf)
    _assert_stamp(text, pages, label)
    assert "Data per 20 Nov 2024 10.00 WIB" in text  # builders.RECORDED, 03.00 UTC
    assert "75,0%" in text and "3 dari 4 kegiatan diawasi" in text
    assert "001/LP/PB/Kab/29.04/X/2024" in text  # the overdue case is listed...
    assert "Lewat batas waktu 1" in text
    assert "5,00%" in text and "25 dari 500" in text
    assert "Data contoh" not in text
    _assert_no_personal_name(text, db)  # ...without its reporter or reported person


def test_export_failure_inside_kaleido_still_gives_the_tables(monkeypatch, _demo_sqlite):
    """The real image path, with kaleido failing as it does without a browser."""
    import kaleido

    async def fail(self):
        raise RuntimeError("ChromeNotFoundError: no browser")

    monkeypatch.setattr(kaleido.Kaleido, "__aenter__", fail)
    pdf, _ = _pdf(_demo_sqlite, CAMPAIGN, CAMPAIGN_TEXT, render=briefing_pdf.render_images)
    text, _ = _text(pdf)
    assert NO_CHARTS in text and "Kasus Lewat Batas Waktu" in text
    assert not any(page.images for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.skipif(not os.path.exists("/usr/bin/chromium"), reason="static charts need Debian's Chromium")
def test_demo_data_pdf_with_charts(_demo_sqlite):
    pdf, briefing = _pdf(_demo_sqlite, CAMPAIGN, CAMPAIGN_TEXT, render=briefing_pdf.render_images)
    text, pages = _text(pdf)
    _assert_stamp(text, pages, CAMPAIGN_TEXT)
    assert NO_CHARTS not in text
    images = [img for page in PdfReader(io.BytesIO(pdf)).pages for img in page.images]
    # Ringkasan has none; Cakupan: bars, map, weekly trend; Pelanggaran: weekly, per kecamatan;
    # Formulir C: rates per kecamatan, reasons.
    assert len(images) == len(briefing.charts()) == 7
    # Each drawn at twice the CSS pixels of its slot (sharp on a projector and in print).
    slots = sorted(2 * width for _chart, width, _height in briefing_pdf._jobs(briefing))
    assert sorted(img.image.width for img in images) == slots
    _assert_no_personal_name(text, _demo_sqlite)


def test_download_reads_within_the_koordinator_scope(db, monkeypatch):
    """The button's PDF is made on a worker thread without the session: ui.export.make_pdf clamps
    every query to the user's kecamatan as the pages do. A koordinator of Payung asking for all
    kecamatan gets Payung's one case and TPS, never Toboali's."""
    from data_access.users import User
    from tests.builders import KEC_PAYUNG, PAYUNG
    from ui import export
    from ui.filters import Selection

    b = Builder(db)
    p = b.paslon(b.election("bupati"), 2, "Pasangan Uji")
    b.case("001/LP/PB/Kab/29.04/X/2024", "2024-10-01", PAYUNG, [("diterima", "2024-10-01")], paslon_id=p)
    b.case("002/LP/PB/Kab/29.04/X/2024", "2024-10-02", TOBOALI, [("diterima", "2024-10-02")], paslon_id=p)
    b.tps(PAYUNG, 1, 400, reasons={"lainnya": 4})
    b.tps(TOBOALI, 1, 500, reasons={"lainnya": 50})
    koordinator = User(username="k", full_name="K", role="koordinator", kecamatan_scope=(KEC_PAYUNG,))
    selection = Selection(filters=CAMPAIGN, election_label="Semua pemilihan")

    monkeypatch.setattr(briefing_pdf, "render_images", _no_browser)  # the numbers are under test here
    pdf = export.make_pdf(db, selection, koordinator)
    text, _ = _text(pdf)
    assert "001/LP/PB/Kab/29.04/X/2024" in text and "002/LP/PB/Kab/29.04/X/2024" not in text
    assert "1,00%" in text and "4 dari 400" in text  # Payung's TPS only (Toboali's would make 54 of 900)
    assert "Toboali" not in text


def test_sidebar_offers_the_briefing_pdf(monkeypatch, _demo_sqlite):
    from tests.apptest_utils import run_app, sqlite_url

    at = run_app(monkeypatch, sqlite_url(_demo_sqlite), query={"kec": "Toboali"})
    assert not at.exception, [e.value for e in at.exception]
    labels = [b.proto.label for b in at.sidebar.get("download_button")]
    assert labels.count(catalogue.BRIEFING_PDF["button"]) == 1  # the browser test clicks it (tests/e2e)
    assert catalogue.BRIEFING_PDF["button"] not in [b.proto.label for b in at.main.get("download_button")]
