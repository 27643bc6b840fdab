"""The Pengguna & Audit page (admin only), on SQLite and PostgreSQL, with hand-built accounts and events:

    1. kepala (admin) and koord.toboali (koordinator of Toboali 19.03.01) created on the command line
    2. koord.toboali disabled by kepala
    3. two wrong passwords for kepala at 03.00 and 03.05 UTC (one 15-minute window: one row, 2 attempts)
       and one for a name that is no account at 03.01 UTC
    4. kepala logs in at 04.30 UTC (11.30 WIB), then downloads the Formulir C desa table as XLSX
    5. the test session's own account uji_admin is created (tests/apptest_utils.run_app)

The page offers no way to create or disable an account (the command line does, so no password passes
through a browser session): the test checks it has no such form, and that a change made on the
command line shows on the page.
"""
import datetime as dt

import pytest

from data_access import users
from tests.apptest_utils import TEST_PASSWORD, run_app, sqlite_url, texts
from tests.builders import KEC_TOBOALI, Builder
from texts import catalogue, formatting

PAGE = "pages/pengguna.py"
T0 = dt.datetime(2024, 11, 20, 3, 0)  # UTC, 10.00 WIB


@pytest.fixture
def office(db):
    Builder(db).election("bupati")  # a set-up office (pages show the set-up notice without an election)
    users.create_user(db, "kepala", "Kepala Sekretariat", "admin", TEST_PASSWORD)
    users.create_user(db, "koord.toboali", "Koordinator Toboali", "koordinator", TEST_PASSWORD, (KEC_TOBOALI,))
    users.set_active(db, "koord.toboali", False, by="kepala")
    for at, name in ((T0, "kepala"), (T0 + dt.timedelta(minutes=1), "penyusup"),
                     (T0 + dt.timedelta(minutes=5), "kepala")):
        assert users.authenticate(db, name, "sandi-yang-salah", now=at).user is None
    assert users.authenticate(db, "kepala", TEST_PASSWORD, now=dt.datetime(2024, 11, 20, 4, 30)).user is not None
    users.audit(db, "kepala", "ekspor", {"format": "xlsx", "tabel": "formulir_c_desa",
                                         "filter": "Semua pemilihan · Toboali"})
    return db


def _tables(at):
    accounts, audit, failed = (el.value for el in at.dataframe)
    return accounts, audit, failed


def test_admin_sees_accounts_audit_and_failed_logins(monkeypatch, office):
    at = run_app(monkeypatch, sqlite_url(office), role="admin", page=PAGE)
    assert not at.exception
    assert at.title[0].value == "Pengguna & Audit"
    accounts, audit, failed = _tables(at)

    assert accounts[["Nama pengguna", "Nama", "Peran", "Batas kecamatan", "Status", "Terakhir masuk"]] \
        .values.tolist() == [
        ["kepala", "Kepala Sekretariat", "Admin", formatting.DASH, "Aktif", "20 Nov 2024 11.30 WIB"],
        ["koord.toboali", "Koordinator Toboali", "Koordinator", "19.03.01", "Nonaktif", formatting.DASH],
        ["uji_admin", "Pengguna Uji admin", "Admin", formatting.DASH, "Aktif", formatting.DASH]]

    # Newest first; the failed logins are not in this table (guesses never push real events out).
    assert audit[["Pengguna", "Kegiatan", "Rincian"]].values.tolist() == [
        ["test", "Ubah akun", "buat: uji_admin, peran: admin, kecamatan: []"],
        ["kepala", "Unduh", "XLSX · formulir_c_desa · Semua pemilihan · Toboali"],
        ["kepala", "Masuk", ""],
        ["kepala", "Ubah akun", "nonaktif: koord.toboali"],
        ["cli", "Ubah akun", "buat: koord.toboali, peran: koordinator, kecamatan: ['19.03.01']"],
        ["cli", "Ubah akun", "buat: kepala, peran: admin, kecamatan: []"]]

    # One row per account and 15 minutes, starting at the first attempt; a name that is no account
    # is never written down (it may be a password typed in the wrong box).
    assert failed.values.tolist() == [["20 Nov 2024 10.01 WIB", "(tidak dikenal)", 1],
                                      ["20 Nov 2024 10.00 WIB", "kepala", 2]]
    assert "penyusup" not in str(audit.values.tolist()) + str(failed.values.tolist())


def test_accounts_change_on_the_command_line_not_on_the_page(monkeypatch, office):
    at = run_app(monkeypatch, sqlite_url(office), role="admin", page=PAGE)
    main = at.main  # the sidebar holds only the filters and "Keluar"
    assert not main.text_input and not main.button and not main.checkbox and not main.selectbox and not main.toggle
    assert any("python -m data_access users" in t for t in texts(at))

    users.set_active(office, "koord.toboali", True, by="kepala")  # as `users enable koord.toboali` does
    at = run_app(monkeypatch, sqlite_url(office), role="admin", page=PAGE)
    accounts, audit, _failed = _tables(at)
    assert accounts.loc[accounts["Nama pengguna"] == "koord.toboali", "Status"].tolist() == ["Aktif"]
    assert audit[["Pengguna", "Kegiatan", "Rincian"]].values.tolist()[0] == ["kepala", "Ubah akun",
                                                                              "aktif: koord.toboali"]


def test_failed_logins_empty_state(monkeypatch, db):
    Builder(db).election("bupati")
    at = run_app(monkeypatch, sqlite_url(db), role="admin", page=PAGE)
    assert not at.exception
    assert len(at.dataframe) == 2  # accounts and audit log; no failed-login table
    assert catalogue.ADMIN["failed_empty"] in texts(at)


@pytest.mark.parametrize("role", ["operator", "pimpinan", "koordinator", "layar"])
def test_other_roles_cannot_open_it(monkeypatch, office, role):
    at = run_app(monkeypatch, sqlite_url(office), role=role, scope=(KEC_TOBOALI,) if role == "koordinator" else ())
    assert not at.exception
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(PAGE)  # not registered for this role at all
