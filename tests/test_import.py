"""The operator importer on SQLite and PostgreSQL: a good file lands exactly as written by hand,
re-importing changes nothing, later files correct by key, case history is appended."""
import datetime as dt
import hashlib
import json

import pytest
from sqlalchemy import func, select

from data_access import schema
from data_access.importer import check_file, import_file
from tests.conftest import table_checksums
from tests.fixtures_import import (
    FORMULIR_HEADER,
    KEGIATAN,
    KEGIATAN_HEADER,
    PELANGGARAN,
    PELANGGARAN_HEADER,
    csv_bytes,
    elections,
    good_sheets,
    xlsx,
)

D = dt.date


@pytest.fixture
def ready(db):
    return db, elections(db)


def rows(engine, table, order):
    with engine.connect() as c:
        return [r._mapping for r in c.execute(select(table).order_by(*order))]


def without_log(sums):
    return {k: v for k, v in sums.items() if k != "import_log"}


def test_good_workbook_lands_as_written(ready):
    db, ids = ready
    data = xlsx(good_sheets())
    result = import_file(db, data, "laporan.xlsx", "operator1")
    assert result.ok, [str(p) for p in result.problems]
    assert result.counts == {"kegiatan": {"baru": 2, "berubah": 0, "sama": 0},
                             "pengawasan": {"baru": 2, "berubah": 0, "sama": 0},
                             "pelanggaran": {"baru": 3, "berubah": 0, "sama": 0},
                             "formulir_c": {"baru": 2, "berubah": 0, "sama": 0}}
    a = rows(db, schema.CampaignActivity.__table__, [schema.CampaignActivity.kode])
    assert [(r["kode"], r["election_id"], r["paslon_id"], r["metode"], r["tanggal"], r["jam_mulai"], r["desa_kode"],
             r["lokasi"], r["perkiraan_peserta"], r["sumber"]) for r in a] == [
        ("STTP/001", ids["bupati"], ids["b2"], "tatap_muka_dialog", D(2024, 10, 1), dt.time(14, 30), "19.03.01.2008",
         "Balai Desa Rias", 1250, "sttp"),
        ("STTP/002", ids["gubernur"], ids["g1"], "pertemuan_terbatas", D(2024, 10, 2), dt.time(9, 0), "19.03.03.2001",
         None, 40, "jadwal_kpu")]
    r = rows(db, schema.SupervisionReport.__table__, [schema.SupervisionReport.nomor_lhp])
    assert [(x["nomor_lhp"], x["tanggal"], x["activity_id"] == a[0]["id"], x["activity_id"] is None, x["desa_kode"],
             x["jabatan"], x["bentuk"], x["dugaan_pelanggaran"], x["filed_on"]) for x in r] == [
        ("001/LHP", D(2024, 10, 1), True, False, "19.03.01.2008", "pkd", "langsung", False, D(2024, 10, 2)),
        ("002/LHP", D(2024, 10, 5), False, True, "19.03.05.2001", "panwascam", "pencegahan", True, None)]
    cases = rows(db, schema.ViolationCase.__table__, [schema.ViolationCase.nomor])
    assert [(c["nomor"], c["sumber"], c["tanggal_kejadian"], c["desa_kode"], c["election_id"], c["paslon_id"],
             c["status"], c["status_date"], c["terlapor"]) for c in cases] == [
        ("001/LP", "laporan", D(2024, 10, 3), "19.03.05.2002", ids["bupati"], ids["b2"], "kajian_awal",
         D(2024, 10, 5), "Terlapor A"),
        ("002/TM", "temuan", None, "19.03.08.2001", None, None, "diterima", D(2024, 10, 6), None)]
    hist = rows(db, schema.CaseStatus.__table__, [schema.CaseStatus.id])
    assert [(h["case_id"], h["status"], h["tanggal"], h["import_id"]) for h in hist] == [
        (cases[0]["id"], "diterima", D(2024, 10, 4), result.import_id),
        (cases[0]["id"], "kajian_awal", D(2024, 10, 5), result.import_id),
        (cases[1]["id"], "diterima", D(2024, 10, 6), result.import_id)]
    with db.connect() as c:
        tps = c.execute(select(schema.Tps.desa_kode, schema.Tps.nomor, schema.Tps.voting_day, schema.Tps.dpt,
                               schema.FormulirC.delivered, schema.FormulirC.undelivered_tidak_dikenal,
                               schema.FormulirC.undelivered_lainnya, schema.FormulirC.report_date)
                        .join(schema.FormulirC, schema.FormulirC.tps_id == schema.Tps.id)
                        .order_by(schema.Tps.desa_kode)).fetchall()
        log = c.execute(select(schema.ImportLog)).fetchall()
    assert [tuple(t) for t in tps] == [
        ("19.03.01.1001", 1, D(2024, 11, 27), 500, 480, 6, 1, D(2024, 11, 24)),
        ("19.03.02.2001", 2, D(2024, 11, 27), 300, 300, 0, 0, D(2024, 11, 23))]
    assert len(log) == 1 and log[0].result == "berhasil" and log[0].username == "operator1"
    assert log[0].file_name == "laporan.xlsx" and log[0].problems is None
    assert log[0].sha256 == result.sha256 == hashlib.sha256(data).hexdigest()
    assert json.loads(log[0].rows)["pelanggaran"] == {"baru": 3, "berubah": 0, "sama": 0}


def test_check_file_writes_nothing_and_agrees_with_import(ready):
    db, _ = ready
    data = xlsx(good_sheets())
    before = table_checksums(db)
    preview = check_file(db, data, "laporan.xlsx")
    assert table_checksums(db) == before
    result = import_file(db, data, "laporan.xlsx", "op")
    assert preview.ok and preview.counts == result.counts


def test_reimport_changes_nothing(ready):
    db, _ = ready
    data = xlsx(good_sheets())
    assert import_file(db, data, "a.xlsx", "op").ok
    before = table_checksums(db)
    again = import_file(db, data, "a.xlsx", "op")
    assert again.ok
    assert {n: c["baru"] + c["berubah"] for n, c in again.counts.items()} == {
        "kegiatan": 0, "pengawasan": 0, "pelanggaran": 0, "formulir_c": 0}
    assert without_log(table_checksums(db)) == without_log(before)
    with db.connect() as c:
        assert c.execute(select(func.count()).select_from(schema.ImportLog)).scalar() == 2


def test_later_file_corrects_by_key_and_keeps_other_rows(ready):
    db, _ = ready
    assert import_file(db, xlsx(good_sheets()), "a.xlsx", "op").ok
    first = {r["kode"]: r for r in rows(db, schema.CampaignActivity.__table__, [schema.CampaignActivity.kode])}
    fixed = [KEGIATAN_HEADER, [*KEGIATAN[0][:8], "Lapangan Rias", *KEGIATAN[0][9:]]]
    corrected_fc = [FORMULIR_HEADER, ["Toboali", "Toboali", 1, 500, 470, 5, 3, 2, 16, 3, 1, "25/11/2024"]]
    result = import_file(db, xlsx({"kegiatan": fixed, "formulir_c": corrected_fc}), "b.xlsx", "op")
    assert result.ok, [str(p) for p in result.problems]
    assert result.counts["kegiatan"] == {"baru": 0, "berubah": 1, "sama": 0}
    assert result.changes["kegiatan"][0]["kolom_berubah"] == "lokasi"
    after = {r["kode"]: r for r in rows(db, schema.CampaignActivity.__table__, [schema.CampaignActivity.kode])}
    assert after["STTP/001"]["lokasi"] == "Lapangan Rias"
    assert after["STTP/001"]["id"] == first["STTP/001"]["id"]
    assert after["STTP/001"]["recorded_at"] >= first["STTP/001"]["recorded_at"]
    assert after["STTP/002"] == first["STTP/002"]  # untouched row keeps its recorded_at
    with db.connect() as c:
        fc = c.execute(select(schema.FormulirC.delivered, schema.FormulirC.undelivered_tidak_dikenal,
                              schema.FormulirC.report_date).join(schema.Tps, schema.Tps.id == schema.FormulirC.tps_id)
                       .where(schema.Tps.desa_kode == "19.03.01.1001")).one()
        n_tps = c.execute(select(func.count()).select_from(schema.Tps)).scalar()
    assert tuple(fc) == (470, 16, D(2024, 11, 25)) and n_tps == 2


def test_case_history_is_appended_never_overwritten(ready):
    db, _ = ready
    assert import_file(db, xlsx(good_sheets()), "a.xlsx", "op").ok
    base = PELANGGARAN[0]
    later = [PELANGGARAN_HEADER,
             [*base[:9], "diregistrasi", "2024-10-07", *base[11:]],
             # a correction of the case fields in the same row: jenis_dugaan and kategori
             [*base[:8], "netralitas_asn", "klarifikasi", "2024-10-08", "administrasi", *base[12:]]]
    result = import_file(db, xlsx({"pelanggaran": later}), "b.xlsx", "op")
    assert result.ok, [str(p) for p in result.problems]
    assert result.counts["pelanggaran"] == {"baru": 2, "berubah": 0, "sama": 0}
    # an older state arriving late is added to the history but does not become the current status
    backfill = [PELANGGARAN_HEADER, [*base[:8], "netralitas_asn", "kajian", "2024-10-06", "administrasi", *base[12:]]]
    assert import_file(db, csv_bytes(backfill), "pelanggaran_susulan.csv", "op").ok
    with db.connect() as c:
        case = c.execute(select(schema.ViolationCase).where(schema.ViolationCase.nomor == "001/LP")).one()
        hist = c.execute(select(schema.CaseStatus.status, schema.CaseStatus.tanggal)
                         .where(schema.CaseStatus.case_id == case.id)
                         .order_by(schema.CaseStatus.tanggal)).fetchall()
    assert [tuple(h) for h in hist] == [("diterima", D(2024, 10, 4)), ("kajian_awal", D(2024, 10, 5)),
                                        ("kajian", D(2024, 10, 6)), ("diregistrasi", D(2024, 10, 7)),
                                        ("klarifikasi", D(2024, 10, 8))]
    assert (case.status, case.status_date, case.jenis_dugaan, case.kategori) == (
        "klarifikasi", D(2024, 10, 8), "netralitas_asn", "administrasi")


def test_an_older_status_row_does_not_overwrite_the_case(ready):
    """001/LP is at klarifikasi (08/10, netralitas_asn, administrasi, Terlapor A). A late row of
    06/10 with other case fields joins the history once, with a warning, and changes no field; a row
    of the newest date (08/10) does correct the fields."""
    db, _ = ready
    assert import_file(db, xlsx(good_sheets()), "a.xlsx", "op").ok
    base = PELANGGARAN[0]
    newest = [*base[:8], "netralitas_asn", "klarifikasi", "2024-10-08", "administrasi", *base[12:]]
    assert import_file(db, csv_bytes([PELANGGARAN_HEADER, newest]), "pelanggaran_1.csv", "op").ok

    def case_and_history():
        with db.connect() as c:
            case = c.execute(select(schema.ViolationCase).where(schema.ViolationCase.nomor == "001/LP")).one()
            hist = c.execute(select(schema.CaseStatus.status, schema.CaseStatus.tanggal)
                             .where(schema.CaseStatus.case_id == case.id).order_by(schema.CaseStatus.tanggal)).all()
        return ((case.status, case.status_date, case.jenis_dugaan, case.kategori, case.terlapor),
                [tuple(h) for h in hist])

    late = csv_bytes([PELANGGARAN_HEADER, [*base[:8], "apk", "kajian", "2024-10-06", "", "Terlapor Lama", base[13]]])
    result = import_file(db, late, "pelanggaran_susulan.csv", "op")
    assert result.ok and result.counts["pelanggaran"] == {"baru": 1, "berubah": 0, "sama": 0}
    assert [(p.row, p.level) for p in result.problems] == [(2, "warning")]
    assert "jenis_dugaan, kategori, terlapor berbeda" in result.problems[0].message
    history = [("diterima", D(2024, 10, 4)), ("kajian_awal", D(2024, 10, 5)), ("kajian", D(2024, 10, 6)),
               ("klarifikasi", D(2024, 10, 8))]
    assert case_and_history() == (("klarifikasi", D(2024, 10, 8), "netralitas_asn", "administrasi", "Terlapor A"),
                                  history)
    before = table_checksums(db)
    again = import_file(db, late, "pelanggaran_susulan.csv", "op")  # sent once more: nothing at all
    assert again.ok and again.counts["pelanggaran"] == {"baru": 0, "berubah": 0, "sama": 1}
    assert without_log(table_checksums(db)) == without_log(before)

    fixed = [*newest[:12], "Terlapor C", newest[13]]
    result = import_file(db, csv_bytes([PELANGGARAN_HEADER, fixed]), "pelanggaran_koreksi.csv", "op")
    assert result.ok and result.counts["pelanggaran"] == {"baru": 0, "berubah": 1, "sama": 0}
    assert case_and_history() == (("klarifikasi", D(2024, 10, 8), "netralitas_asn", "administrasi", "Terlapor C"),
                                  history)


def test_lhp_without_tanggal_lapor_column_still_imports(ready):
    db, _ = ready
    sheets = good_sheets()
    sheets["pengawasan"] = [row[:-1] for row in sheets["pengawasan"]]  # the spec's columns only
    result = import_file(db, xlsx(sheets), "lama.xlsx", "op")
    assert result.ok
    with db.connect() as c:
        assert c.execute(select(schema.SupervisionReport.filed_on)).scalars().all() == [None, None]


def test_windows_1252_csv_with_semicolons(ready):
    db, _ = ready
    data = csv_bytes([KEGIATAN_HEADER, [*KEGIATAN[0][:8], "Café Rias – Toboali", *KEGIATAN[0][9:]]],
                     sep=";", encoding="cp1252")
    assert b";" in data and "é".encode("cp1252") in data
    result = import_file(db, data, "kegiatan_oktober.csv", "op")
    assert result.ok, [str(p) for p in result.problems]
    with db.connect() as c:
        assert c.execute(select(schema.CampaignActivity.lokasi, schema.CampaignActivity.perkiraan_peserta)).one() == (
            "Café Rias – Toboali", 1250)


def test_utf8_bom_csv_with_spaced_headers(ready):
    db, _ = ready
    header = ["Kode Kegiatan", " PEMILIHAN ", "Nomor Urut", "metode", "Tanggal", "jam mulai", "Kecamatan", "Desa",
              "lokasi", "Perkiraan Peserta", "Sumber", "catatan"]
    data = "\ufeff".encode() + csv_bytes([header, [*KEGIATAN[0], "kolom tambahan"]])
    result = import_file(db, data, "kegiatan.csv", "op")
    assert result.ok, [str(p) for p in result.problems]
    assert [(p.column, p.level) for p in result.problems] == [(None, "warning")]
    assert "catatan" in result.problems[0].message


def test_activities_and_reports_in_separate_csv_files(ready, tmp_path):
    from data_access.importer import import_paths

    db, _ = ready
    (tmp_path / "pengawasan_minggu1.csv").write_bytes(csv_bytes(good_sheets()["pengawasan"]))
    (tmp_path / "kegiatan_minggu1.csv").write_bytes(csv_bytes(good_sheets()["kegiatan"]))
    results = import_paths(db, [tmp_path / "pengawasan_minggu1.csv", tmp_path / "kegiatan_minggu1.csv"], "op")
    assert [(r.file_name, r.ok) for r in results] == [("kegiatan_minggu1.csv", True),
                                                     ("pengawasan_minggu1.csv", True)]
