"""Exports are audited: a click on a table's CSV/XLSX download writes one audit row naming the
user, the table, the file format and the active filters; the admin page shows that row readably;
a failed audit write is logged and the page carries on."""
import json
import logging

import pytest
from sqlalchemy import select

from data_access import schema
from data_access.users import audit
from tests.apptest_utils import run_app, sqlite_url
from tests.builders import PAYUNG, RIAS, TOBOALI, Builder

PAGE = "pages/formulir_c.py"
A = schema.AuditLog


@pytest.fixture
def small(db):
    """Three TPS in two kecamatan of one Pilbup (enough for the Formulir C area table)."""
    b = Builder(db)
    b.election("bupati")
    b.tps(TOBOALI, 1, 500, reasons={"tidak_dikenal": 40}, report_date="2024-11-24")
    b.tps(RIAS, 2, 400, reasons={"tidak_di_tempat": 8}, report_date="2024-11-24")
    b.tps(PAYUNG, 1, 600, reasons={"pindah_domisili": 6}, report_date="2024-11-24")
    return db


def exports(engine) -> list[dict]:
    with engine.connect() as c:
        rows = c.execute(select(A.username, A.action, A.detail).where(A.action == "ekspor").order_by(A.id)).all()
    return [{"username": u, "detail": json.loads(d)} for u, _a, d in rows]


def test_csv_download_writes_one_audit_row_with_user_format_and_filters(monkeypatch, small):
    # Kecamatan Toboali and 1-30 Nov 2024 chosen through the URL, no election chosen. By hand:
    # the page shows Toboali per desa, so the area table is "formulir_c_desa"; the file name is that
    # name plus the filter slug "toboali_2024-11-01_2024-11-30"; the filter line reads
    # "Semua pemilihan · Toboali · 1 Nov 2024 – 30 Nov 2024".
    at = run_app(monkeypatch, sqlite_url(small), page=PAGE, role="pimpinan",
                 query={"kec": "Toboali", "tanggal": ["2024-11-01", "2024-11-30"]})
    assert not at.exception, [e.value for e in at.exception]
    assert exports(small) == []  # drawing the buttons writes nothing

    at.download_button(key="fc_area_table_csv").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert exports(small) == [{"username": "uji_pimpinan", "detail": {
        "tabel": "formulir_c_desa", "format": "csv", "berkas": "formulir_c_desa_toboali_2024-11-01_2024-11-30.csv",
        "filter": "Semua pemilihan · Toboali · 1 Nov 2024 – 30 Nov 2024"}}]

    at.run()  # an ordinary rerun (any other widget) does not count as another download
    assert len(exports(small)) == 1


def test_xlsx_download_of_a_scoped_koordinator(monkeypatch, small):
    # A koordinator limited to Payung, no filters set: the filter bar offers only Payung and
    # defaults to it, so the filter line names Payung and the campaign dates of the one election
    # (25 Sep - 23 Nov 2024 from Builder.election's defaults).
    at = run_app(monkeypatch, sqlite_url(small), page=PAGE, role="koordinator", scope=("19.03.05",))
    assert not at.exception, [e.value for e in at.exception]
    at.download_button(key="fc_area_table_xlsx").click().run()
    assert not at.exception, [e.value for e in at.exception]
    rows = exports(small)
    assert len(rows) == 1
    assert rows[0]["username"] == "uji_koordinator_190305"
    assert rows[0]["detail"]["format"] == "xlsx"
    assert rows[0]["detail"]["berkas"].endswith(".xlsx")
    assert "Payung" in rows[0]["detail"]["filter"] and "Toboali" not in rows[0]["detail"]["filter"]


def test_admin_page_shows_export_rows_readably(monkeypatch, small):
    audit(small, "pimpinan", "ekspor", {"tabel": "kasus", "format": "xlsx",
                                        "filter": "Pilbup 2024 · Toboali · 1 Nov 2024 – 30 Nov 2024",
                                        "berkas": "kasus_toboali.xlsx"})
    at = run_app(monkeypatch, sqlite_url(small), page="pages/pengguna.py", role="admin")
    assert not at.exception, [e.value for e in at.exception]
    log = at.dataframe[1].value
    row = log[log["Kegiatan"] == "Unduh"].iloc[0]
    assert row["Pengguna"] == "pimpinan"
    assert row["Rincian"] == "XLSX · kasus · Pilbup 2024 · Toboali · 1 Nov 2024 – 30 Nov 2024"
    # other entries keep listing their fields
    assert log[log["Kegiatan"] == "Ubah akun"]["Rincian"].str.startswith("buat: uji_admin, peran: admin").any()


def test_failed_audit_write_is_logged_and_the_page_carries_on(monkeypatch, small, caplog):
    at = run_app(monkeypatch, sqlite_url(small), page=PAGE, role="pimpinan")
    assert not at.exception
    tables = len(at.dataframe)

    from sqlalchemy.exc import OperationalError

    from data_access import users

    def broken(*_a, **_k):
        raise OperationalError("INSERT INTO audit_log", {}, Exception("database is locked"))

    monkeypatch.setattr(users, "audit", broken)
    with caplog.at_level(logging.ERROR, logger="ui.auth"):
        at.download_button(key="fc_area_table_csv").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.dataframe) == tables >= 1 and not at.error  # tables still drawn, no outage message
    assert any("audit of export" in r.getMessage() for r in caplog.records)
    assert exports(small) == []


def test_file_name_names_the_chosen_pair(monkeypatch, db):
    # One Pilgub with pair 1 and one case in Toboali. With that election, the pair, kecamatan Toboali
    # and October chosen, the case table's file is named, by hand: table "kasus", then the election
    # "Pemilihan Gubernur 2024", the pair by election and nomor urut "Pilgub 1", the area and dates.
    b = Builder(db)
    p = b.paslon(b.election("gubernur"), 1, "Pasangan Satu")
    b.case("K1", "2024-10-05", TOBOALI, [("diterima", "2024-10-05")], paslon_id=p)
    at = run_app(monkeypatch, sqlite_url(db), page="pages/pelanggaran.py", role="pimpinan",
                 query={"pemilihan": "Pemilihan Gubernur 2024", "paslon": "Pilgub 1 · Pasangan Satu",
                        "kec": "Toboali", "tanggal": ["2024-10-01", "2024-10-31"]})
    assert not at.exception and not at.warning, [e.value for e in at.exception]
    at.download_button(key="pel_cases_csv").click().run()
    assert exports(db)[0]["detail"] == {
        "tabel": "kasus", "format": "csv",
        "berkas": "kasus_pemilihan-gubernur-2024_pilgub-1_toboali_2024-10-01_2024-10-31.csv",
        "filter": "Pemilihan Gubernur 2024 · Pasangan Satu · Toboali · 1 Okt 2024 – 31 Okt 2024"}


def test_a_file_made_on_click_writes_its_audit_row_after_making_it(monkeypatch, small, caplog):
    """ui.auth.audited_file: the user and engine are taken when the page is drawn; the row is written
    when the file has been made (on the worker thread, without a session); a failed write is logged."""
    import streamlit as st

    from data_access.users import User, create_user
    from ui import auth, cache, session

    create_user(small, "pimpinan_uji", "Pimpinan Uji", "pimpinan", "sandi-uji-panjang-1")  # the file checks it
    user = User(username="pimpinan_uji", full_name="Pimpinan Uji", role="pimpinan", kecamatan_scope=())
    monkeypatch.setitem(st.session_state, session.USER, user)
    monkeypatch.setitem(st.session_state, session.SEEN, session.now())
    monkeypatch.setattr(cache, "engine", lambda: small)
    made = auth.audited_file(lambda: b"isi", what="kasus", file_format="xlsx", file_name="kasus_x.xlsx",
                             filters="Semua pemilihan")
    assert exports(small) == []  # nothing written before the click
    assert made() == b"isi"
    assert exports(small) == [{"username": "pimpinan_uji", "detail": {
        "tabel": "kasus", "format": "xlsx", "filter": "Semua pemilihan", "berkas": "kasus_x.xlsx"}}]

    from sqlalchemy.exc import OperationalError

    from data_access import users

    def broken(*_a, **_k):
        raise OperationalError("INSERT INTO audit_log", {}, Exception("database is locked"))

    monkeypatch.setattr(users, "audit", broken)
    with caplog.at_level(logging.ERROR, logger="ui.auth"):
        assert made() == b"isi"  # the file still arrives
    assert any("audit of export kasus_x.xlsx" in r.getMessage() for r in caplog.records)
