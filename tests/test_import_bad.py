"""Every bad input of issue 4: a clear Indonesian message naming sheet, row and column, and the
database unchanged apart from the one 'ditolak' row in import_log."""
import dataclasses
import hashlib
import io
import json
import zipfile

import pytest
from sqlalchemy import select

from data_access import schema
from data_access.importer import check_file, import_file
from tests.conftest import table_checksums
from tests.fixtures_import import (
    FORMULIR,
    FORMULIR_HEADER,
    KEGIATAN,
    KEGIATAN_HEADER,
    PENGAWASAN,
    PENGAWASAN_HEADER,
    csv_bytes,
    elections,
    good_sheets,
    xlsx,
)

# The 2024 elections: campaign from 25/09/2024, voting 27/11/2024; with the default [import] window
# of 30 days either side, LHP and cases may be dated 26/08/2024 to 27/12/2024.
PERIOD = "(26/08/2024 s.d. 27/12/2024: 30 hari sebelum masa kampanye sampai 30 hari sesudah hari pemungutan suara)"


def with_row(sheet: str, index: int, column: str, value) -> dict:
    """The good workbook with one cell replaced (index: data row, 0-based -> sheet row index + 2)."""
    sheets = good_sheets()
    header = sheets[sheet][0]
    sheets[sheet][index + 1] = list(sheets[sheet][index + 1])
    sheets[sheet][index + 1][header.index(column)] = value
    return sheets


def kegiatan(**changes):
    row = list(KEGIATAN[0])
    for column, value in changes.items():
        row[KEGIATAN_HEADER.index(column)] = value
    return {"kegiatan": [KEGIATAN_HEADER, row]}


CASES = {
    # name: (file bytes, file name, expected (sheet, row, column, fragment of the message))
    "wrong_header": (xlsx({"kegiatan": [["kode kgt", *KEGIATAN_HEADER[1:]], KEGIATAN[0]]}), "a.xlsx",
                     ("lembar 'kegiatan'", 1, "kode_kegiatan", "kolom wajib 'kode_kegiatan' tidak ada")),
    "missing_headers": (xlsx({"formulir_c": [FORMULIR[0], FORMULIR[1]]}), "a.xlsx",
                        ("lembar 'formulir_c'", 1, "nomor_tps", "kolom wajib 'nomor_tps' tidak ada")),
    "unknown_desa": (xlsx(kegiatan(desa="Sukamaju")), "a.xlsx",
                     ("lembar 'kegiatan'", 2, "desa", "desa/kelurahan 'Sukamaju' tidak dikenal di Kecamatan Toboali")),
    "desa_wrong_kecamatan": (xlsx(kegiatan(kecamatan="Payung")), "a.xlsx",
                             ("lembar 'kegiatan'", 2, "desa",
                              "desa 'Rias' bukan bagian dari Kecamatan Payung (desa itu ada di Kecamatan Toboali)")),
    "kode_wilayah_wrong_kecamatan": (
        xlsx({"formulir_c": [[*FORMULIR_HEADER[:1], "kode_wilayah", *FORMULIR_HEADER[2:]],
                             ["Payung", "19.03.01.2008", *FORMULIR[0][2:]]]}), "a.xlsx",
        ("lembar 'formulir_c'", 2, "kode_wilayah", "ada di Kecamatan Toboali, bukan di Kecamatan Payung")),
    "impossible_date": (xlsx(kegiatan(tanggal="31/02/2024")), "a.xlsx",
                        ("lembar 'kegiatan'", 2, "tanggal", "tanggal '31/02/2024' tidak ada di kalender")),
    "outside_campaign": (xlsx(kegiatan(tanggal="24/11/2024")), "a.xlsx",
                         ("lembar 'kegiatan'", 2, "tanggal", "tanggal 24/11/2024 di luar masa kampanye")),
    "text_in_number": (xlsx(kegiatan(perkiraan_peserta="sekitar 50")), "a.xlsx",
                       ("lembar 'kegiatan'", 2, "perkiraan_peserta", "'sekitar 50' bukan bilangan bulat")),
    "negative_count": (xlsx(with_row("formulir_c", 1, "tidak_terdistribusi_lainnya", -3)), "a.xlsx",
                       ("lembar 'formulir_c'", 3, "tidak_terdistribusi_lainnya", "negatif")),
    "negative_text_count": (csv_bytes([FORMULIR_HEADER, [*FORMULIR[0][:4], "-480", *FORMULIR[0][5:]]]),
                            "formulir_c.csv",
                            ("berkas 'formulir_c.csv'", 2, "terdistribusi", "'-480' negatif")),
    "counts_not_dpt": (xlsx(with_row("formulir_c", 0, "terdistribusi", 470)), "a.xlsx",
                       ("lembar 'formulir_c'", 2, "jumlah_dpt",
                        "terdistribusi 470 + tidak terdistribusi 20 = 490, tidak sama dengan jumlah_dpt 500")),
    "dpt_out_of_range": (xlsx({"formulir_c": [FORMULIR_HEADER, ["Toboali", "Toboali", 1, 1500, 1500, 0, 0, 0, 0, 0,
                                                               0, "24/11/2024"]]}), "a.xlsx",
                         ("lembar 'formulir_c'", 2, "jumlah_dpt", "harus 1 sampai 1000")),
    "duplicate_key": (xlsx({"kegiatan": [KEGIATAN_HEADER, KEGIATAN[0], KEGIATAN[1], KEGIATAN[0]]}), "a.xlsx",
                      ("lembar 'kegiatan'", 4, "kode_kegiatan",
                       "muncul lebih dari sekali dalam berkas (juga di baris 2)")),
    "duplicate_tps": (csv_bytes([FORMULIR_HEADER, FORMULIR[0], ["toboali", "TOBOALI", *FORMULIR[0][2:]]]),
                      "formulir_c_rekap.csv",
                      ("berkas 'formulir_c_rekap.csv'", 3, "nomor_tps", "TPS 1 desa Toboali muncul lebih dari sekali")),
    "lhp_unknown_activity": (xlsx({"pengawasan": [PENGAWASAN_HEADER, PENGAWASAN[1],
                                                  ["003/LHP", *PENGAWASAN[0][1:2], "STTP/999", *PENGAWASAN[0][3:]]]}),
                             "a.xlsx",
                             ("lembar 'pengawasan'", 3, "kode_kegiatan", "kegiatan 'STTP/999' tidak ditemukan")),
    "status_before_diterima": (xlsx(with_row("pelanggaran", 1, "tanggal_status", "2024-10-01")), "a.xlsx",
                               ("lembar 'pelanggaran'", 3, "tanggal_status",
                                "tanggal status 01/10/2024 sebelum tanggal diterima 04/10/2024")),
    "kejadian_after_diterima": (xlsx(with_row("pelanggaran", 2, "tanggal_kejadian", "2024-10-09")), "a.xlsx",
                                ("lembar 'pelanggaran'", 4, "tanggal_kejadian", "sesudah tanggal diterima")),
    "unknown_pair": (xlsx(kegiatan(nomor_urut=3)), "a.xlsx",
                     ("lembar 'kegiatan'", 2, "nomor_urut", "nomor urut 3 tidak ada")),
    "unknown_enum": (xlsx(kegiatan(metode="konser")), "a.xlsx",
                     ("lembar 'kegiatan'", 2, "metode", "'konser' tidak dikenal; isi salah satu: pertemuan_terbatas")),
    "required_empty": (xlsx(with_row("pengawasan", 0, "nama_pengawas", "")), "a.xlsx",
                       ("lembar 'pengawasan'", 2, "nama_pengawas", "wajib diisi")),
    "bad_yes_no": (xlsx(with_row("pengawasan", 0, "dugaan_pelanggaran", "mungkin")), "a.xlsx",
                   ("lembar 'pengawasan'", 2, "dugaan_pelanggaran", "bukan ya/tidak")),
    "lhp_outside_periods": (xlsx(with_row("pengawasan", 1, "tanggal_pengawasan", "1999-01-01")), "a.xlsx",
                            ("lembar 'pengawasan'", 3, "tanggal_pengawasan",
                             f"tanggal pengawasan 01/01/1999 di luar masa pemilihan di basis data {PERIOD}")),
    "lhp_year_typo": (csv_bytes([PENGAWASAN_HEADER, [*PENGAWASAN[1][:1], "05/10/2023", *PENGAWASAN[1][2:]]]),
                      "pengawasan.csv", ("berkas 'pengawasan.csv'", 2, "tanggal_pengawasan",
                                         "tanggal pengawasan 05/10/2023 di luar masa pemilihan")),
    "lhp_before_its_activity": (xlsx(with_row("pengawasan", 0, "tanggal_pengawasan", "2024-09-30")), "a.xlsx",
                                ("lembar 'pengawasan'", 2, "tanggal_pengawasan",
                                 "tanggal pengawasan 30/09/2024 sebelum tanggal kegiatan 'STTP/001' yang diawasi "
                                 "(01/10/2024)")),
    "case_received_outside_periods": (xlsx(with_row("pelanggaran", 2, "tanggal_diterima", "1999-01-02")), "a.xlsx",
                                      ("lembar 'pelanggaran'", 4, "tanggal_diterima",
                                       f"tanggal diterima 02/01/1999 di luar masa pemilihan di basis data {PERIOD}")),
    "kolom_kosong_activity": (xlsx(kegiatan(nomor_urut=1)), "a.xlsx",
                              ("lembar 'kegiatan'", 2, "nomor_urut", "adalah kolom kosong; kolom kosong tidak "
                               "berkampanye, jadi tidak punya kegiatan kampanye")),
    "case_rows_disagree_on_sumber": (xlsx(with_row("pelanggaran", 1, "sumber", "temuan")), "a.xlsx",
                                     ("lembar 'pelanggaran'", 3, "sumber", "nomor '001/LP' di baris 2 tercatat dengan "
                                      "sumber laporan, di baris ini temuan; satu kasus hanya punya satu sumber")),
    "case_rows_disagree_on_desa": (xlsx(with_row("pelanggaran", 1, "desa", "Payung")), "a.xlsx",
                                   ("lembar 'pelanggaran'", 3, "desa", "nomor '001/LP' di baris 2 tercatat dengan desa "
                                    "Malik, di baris ini Payung; satu kasus hanya punya satu desa")),
    "case_rows_disagree_on_diterima": (xlsx(with_row("pelanggaran", 1, "tanggal_diterima", "05/10/2024")), "a.xlsx",
                                       ("lembar 'pelanggaran'", 3, "tanggal_diterima", "nomor '001/LP' di baris 2 "
                                        "tercatat dengan tanggal_diterima 04/10/2024, di baris ini 05/10/2024")),
    "filed_before_supervision": (xlsx(with_row("pengawasan", 0, "tanggal_lapor", "2024-09-30")), "a.xlsx",
                                 ("lembar 'pengawasan'", 2, "tanggal_lapor", "sebelum tanggal pengawasan")),
    "empty_file": (b"", "kegiatan.csv", ("berkas 'kegiatan.csv'", None, None, "berkas kosong")),
    "header_only_csv": (csv_bytes([KEGIATAN_HEADER]), "kegiatan.csv",
                        ("berkas 'kegiatan.csv'", None, None, "tidak berisi baris data")),
    "empty_workbook": (xlsx({"kegiatan": []}), "kosong.xlsx", ("berkas 'kosong.xlsx'", None, None,
                                                               "tidak berisi baris data")),
    "no_dataset_sheet": (xlsx({"Sheet1": [KEGIATAN_HEADER, KEGIATAN[0]]}), "a.xlsx",
                         ("berkas 'a.xlsx'", None, None, "tidak ada lembar dataset")),
    "renamed_non_spreadsheet": (b"%PDF-1.4 this is a pdf\n" * 20, "laporan.xlsx",
                                ("berkas 'laporan.xlsx'", None, None, "bukan lembar kerja Excel (.xlsx) yang sah")),
    "corrupt_zip": (xlsx(good_sheets())[:700], "laporan.xlsx",
                    ("berkas 'laporan.xlsx'", None, None, "bukan lembar kerja Excel (.xlsx) yang sah")),
    "zip_not_xlsx": (None, "laporan.xlsx", ("berkas 'laporan.xlsx'", None, None, "bukan lembar kerja Excel")),
    "formula": (xlsx(good_sheets(), formula=("formulir_c", "E2", "=D2-20")), "a.xlsx",
                ("lembar 'formulir_c'", 2, "terdistribusi", "sel berisi rumus (formula)")),
    "merged_cells": (xlsx(good_sheets(), merge={"pengawasan": "E2:E3"}), "a.xlsx",
                     ("lembar 'pengawasan'", 2, "nama_pengawas", "sel gabungan (merged cells: E2:E3)")),
    "merged_cells_header_row": (xlsx(good_sheets(), merge={"kegiatan": "L1:M2"}), "a.xlsx",
                                ("lembar 'kegiatan'", 1, "kolom L", "sel gabungan (merged cells: L1:M2)")),
    "csv_bad_name": (csv_bytes(good_sheets()["kegiatan"]), "data.csv",
                     ("berkas 'data.csv'", None, None, "nama berkas CSV harus diawali nama dataset")),
    "binary_csv": (b"\x00\x01\x02binary\x00" * 50, "kegiatan.csv", ("berkas 'kegiatan.csv'", None, None,
                                                                      "bukan berkas CSV teks")),
}


def _zip_not_xlsx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "not a workbook")
    return buf.getvalue()


def assert_rejected(db, data: bytes, name: str, expected: tuple) -> None:
    """Importing ``data`` is rejected with a problem at (sheet, row, column) whose message holds
    the fragment; no table but import_log changes and import_log gains one 'ditolak' row."""
    sheet, row, column, fragment = expected
    with db.connect() as c:
        logged_before = c.execute(select(schema.ImportLog.id)).scalars().all()
    before = table_checksums(db)
    result = import_file(db, data, name, "operator1")
    assert not result.ok and not result.written
    matching = [p for p in result.errors if fragment in p.message]
    assert matching, [str(p) for p in result.problems]
    assert (matching[0].sheet, matching[0].row, matching[0].column) == (sheet, row, column)
    after = table_checksums(db)
    assert ({k: v for k, v in after.items() if k != "import_log"}
            == {k: v for k, v in before.items() if k != "import_log"})
    with db.connect() as c:
        log = c.execute(select(schema.ImportLog).where(schema.ImportLog.id.not_in(logged_before))).fetchall()
    assert len(log) == 1 and log[0].result == "ditolak" and log[0].file_name == name
    assert log[0].sha256 == hashlib.sha256(data).hexdigest()
    logged = json.loads(log[0].problems)
    assert any(fragment in p["masalah"] and p["baris"] == row for p in logged)


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_is_rejected_and_nothing_is_written(db, case):
    elections(db)
    data, name, expected = CASES[case]
    assert_rejected(db, _zip_not_xlsx() if data is None else data, name, expected)


def test_lhp_before_its_stored_activity_is_rejected(db):
    """The activity (01/10/2024) came with an earlier file; an LHP of it dated the day before is not."""
    elections(db)
    assert import_file(db, xlsx({"kegiatan": [KEGIATAN_HEADER, *KEGIATAN]}), "kegiatan.xlsx", "op").ok
    early = [PENGAWASAN_HEADER, ["003/LHP", "30/09/2024", *PENGAWASAN[0][2:]]]
    assert_rejected(db, csv_bytes(early), "pengawasan_susulan.csv", (
        "berkas 'pengawasan_susulan.csv'", 2, "tanggal_pengawasan",
        "tanggal pengawasan 30/09/2024 sebelum tanggal kegiatan 'STTP/001' yang diawasi (01/10/2024)"))


def test_activity_moved_after_its_stored_lhp_is_rejected_unless_the_lhp_moves_too(db):
    """STTP/001 (01/10/2024) and its 001/LHP (01/10/2024) are stored. A later kegiatan file moving
    STTP/001 to 03/10/2024 would leave the LHP two days before the activity it supervised: rejected,
    nothing written. Moving the LHP to 03/10/2024 in the same file makes the correction consistent."""
    elections(db)
    first = xlsx({"kegiatan": [KEGIATAN_HEADER, *KEGIATAN], "pengawasan": [PENGAWASAN_HEADER, PENGAWASAN[0]]})
    assert import_file(db, first, "awal.xlsx", "op").ok
    moved = [KEGIATAN_HEADER, [*KEGIATAN[0][:4], "03/10/2024", *KEGIATAN[0][5:]]]
    assert_rejected(db, csv_bytes(moved), "kegiatan_koreksi.csv", (
        "berkas 'kegiatan_koreksi.csv'", 2, "tanggal",
        "tanggal kegiatan 'STTP/001' menjadi 03/10/2024, sesudah LHP '001/LHP' yang mengawasinya (01/10/2024)"))
    both = xlsx({"kegiatan": moved,
                 "pengawasan": [PENGAWASAN_HEADER,
                                [PENGAWASAN[0][0], "03/10/2024", *PENGAWASAN[0][2:9], "03/10/2024"]]})
    result = import_file(db, both, "koreksi_lengkap.xlsx", "op")
    assert result.ok, [str(p) for p in result.problems]
    with db.connect() as c:
        assert c.execute(select(schema.SupervisionReport.tanggal)).scalar_one().isoformat() == "2024-10-03"


def test_plausible_dates_follow_the_configured_window(db, monkeypatch):
    """[import] in config/pantau.toml sets the window: with 0 days after voting, an LHP of 28/11/2024
    (the day after voting) is outside; with the default 30 days it is inside."""
    import config

    elections(db)
    lhp = csv_bytes([PENGAWASAN_HEADER, [*PENGAWASAN[1][:1], "28/11/2024", *PENGAWASAN[1][2:]]])
    assert check_file(db, lhp, "pengawasan.csv").ok
    narrow = dataclasses.replace(config.get(), imports=config.ImportSettings(days_before_campaign=0,
                                                                             days_after_voting=0))
    monkeypatch.setattr(config, "get", lambda: narrow)
    assert [str(p) for p in check_file(db, lhp, "pengawasan.csv").errors] == [
        "berkas 'pengawasan.csv', baris 2, kolom 'tanggal_pengawasan': tanggal pengawasan 28/11/2024 di luar masa "
        "pemilihan di basis data (25/09/2024 s.d. 27/11/2024: 0 hari sebelum masa kampanye sampai 0 hari sesudah "
        "hari pemungutan suara). Periksa tahunnya."]


def test_one_bad_row_rejects_the_whole_workbook_and_lists_every_problem(db):
    elections(db)
    sheets = with_row("kegiatan", 1, "tanggal", "30/02/2024")
    sheets["formulir_c"][2][4] = "tiga ratus"
    result = import_file(db, xlsx(sheets), "a.xlsx", "op")
    assert [(p.sheet, p.row, p.column) for p in result.errors] == [
        ("lembar 'formulir_c'", 3, "terdistribusi"), ("lembar 'kegiatan'", 3, "tanggal")]
    with db.connect() as c:
        assert c.execute(select(schema.CampaignActivity)).first() is None
        assert c.execute(select(schema.SupervisionReport)).first() is None


def test_problem_names_the_column_as_the_operator_wrote_it(db):
    elections(db)
    header = ["Kode Kegiatan", *KEGIATAN_HEADER[1:4], "TANGGAL", *KEGIATAN_HEADER[5:]]
    row = [*KEGIATAN[0][:4], "2024-13-01", *KEGIATAN[0][5:]]
    result = import_file(db, csv_bytes([header, row], sep=";"), "kegiatan.csv", "op")
    assert [str(p) for p in result.errors] == [
        "berkas 'kegiatan.csv', baris 2, kolom 'TANGGAL': tanggal '2024-13-01' tidak ada di kalender"]


def test_no_election_in_database_is_a_clear_problem(db):
    result = import_file(db, xlsx(kegiatan()), "a.xlsx", "op")
    assert [str(p) for p in result.errors] == [
        "lembar 'kegiatan', baris 2, kolom 'pemilihan': belum ada Pemilihan Bupati dan Wakil Bupati di basis data."]
