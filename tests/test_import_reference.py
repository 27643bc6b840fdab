"""The reference datasets pemilihan, paslon and tps (issue 16), on SQLite and PostgreSQL: an empty
office database is filled by import alone, re-imports change nothing, corrections go by key, and
every bad reference row is refused by row with the tables unchanged. Also the quiet-period rule of
issue 18: campaigning found in masa tenang (temuan_lapangan) is recorded, notified activities are
not. Expected values are worked out by hand from the rows below."""
import datetime as dt
import json

import pytest
from sqlalchemy import select

from data_access import schema
from data_access.importer import check_batch, import_batch, import_file
from tests.builders import Builder
from tests.conftest import table_checksums
from tests.fixtures_import import FORMULIR, FORMULIR_HEADER, KEGIATAN, KEGIATAN_HEADER, csv_bytes, xlsx
from tests.test_import_bad import assert_rejected

D = dt.date
PEMILIHAN_HEADER = ["kode", "jenis", "nama", "kode_wilayah", "kampanye_mulai", "kampanye_selesai",
                    "masa_tenang_mulai", "masa_tenang_selesai", "hari_pemungutan", "batas_formulir_c"]
CALENDAR = ["25/09/2024", "23/11/2024", "24/11/2024", "26/11/2024", "27/11/2024", "24/11/2024"]
BUPATI = ["bupati-2024", "bupati", "Pemilihan Bupati dan Wakil Bupati Bangka Selatan 2024", "19.03", *CALENDAR]
GUBERNUR = ["gubernur-2024", "Gubernur", "Pemilihan Gubernur dan Wakil Gubernur Kepulauan Bangka Belitung 2024",
            "19", *CALENDAR]
PASLON_HEADER = ["pemilihan", "nomor_urut", "nama", "kolom_kosong", "partai_pengusul"]
PASLON = [
    ["bupati-2024", 1, "Kolom Kosong", "ya", ""],
    ["bupati-2024", 2, "Riza Herdavid - Debby Vita Dewi", "tidak", "PDI Perjuangan, Gerindra"],
    ["gubernur-2024", 1, "Erzaldi Rosman - Yuri Kemal Fadlullah", "", "Gerindra, PBB"],
    ["gubernur-2024", 2, "Hidayat Arsani - Hellyana", "", "Golkar, PDI Perjuangan"],
]
TPS_HEADER = ["kecamatan", "desa", "nomor_tps", "jumlah_dpt"]
TPS = [["Toboali", "Rias", 1, 500], ["Toboali", "Rias", 2, 480], ["Payung", "Malik", 1, 300]]


def reference_sheets() -> dict[str, list[list]]:
    return {"pemilihan": [PEMILIHAN_HEADER, list(BUPATI), list(GUBERNUR)],
            "paslon": [PASLON_HEADER, *[list(r) for r in PASLON]]}


def with_cell(sheets: dict, sheet: str, index: int, column: str, value) -> dict:
    """``sheets`` with data row ``index`` (0-based) of ``sheet`` changed in ``column``."""
    header = sheets[sheet][0]
    sheets[sheet][index + 1][header.index(column)] = value
    return sheets


@pytest.fixture
def office(db):
    """An office database after its reference workbook (elections and pairs, no TPS, no reports)."""
    result = import_file(db, xlsx(reference_sheets()), "referensi.xlsx", "admin")
    assert result.ok, [str(p) for p in result.problems]
    return db


def _elections(db):
    E = schema.Election
    with db.connect() as c:
        return [tuple(r) for r in c.execute(select(E.kode, E.jenis, E.wilayah_kode, E.campaign_start, E.campaign_end,
                                                   E.quiet_start, E.quiet_end, E.voting_day, E.formulir_c_deadline)
                                            .order_by(E.kode))]


def _pairs(db):
    E, P = schema.Election, schema.Paslon
    with db.connect() as c:
        return [tuple(r) for r in c.execute(select(E.kode, P.nomor_urut, P.nama, P.is_kolom_kosong, P.partai_pengusul)
                                            .join(E).order_by(E.kode, P.nomor_urut))]


def test_one_workbook_fills_an_empty_database_reference_first(db):
    """Election, pairs, TPS list, an activity of the file's own pair and a recap of a listed TPS,
    in one workbook whose sheets are in the 'wrong' order: all land, and nothing else."""
    sheets = {"formulir_c": [FORMULIR_HEADER, ["Toboali", "Rias", 1, 500, 490, 0, 0, 0, 10, 0, 0, "24/11/2024"]],
              "kegiatan": [KEGIATAN_HEADER, KEGIATAN[0], KEGIATAN[1]],
              "tps": [TPS_HEADER, *TPS], **reference_sheets()}
    result = import_file(db, xlsx(sheets), "hari_pertama.xlsx", "admin")
    assert result.ok, [str(p) for p in result.problems]
    assert result.counts == {"pemilihan": {"baru": 2, "berubah": 0, "sama": 0},
                             "paslon": {"baru": 4, "berubah": 0, "sama": 0},
                             "tps": {"baru": 3, "berubah": 0, "sama": 0},
                             "kegiatan": {"baru": 2, "berubah": 0, "sama": 0},
                             "formulir_c": {"baru": 1, "berubah": 0, "sama": 0}}
    calendar = (D(2024, 9, 25), D(2024, 11, 23), D(2024, 11, 24), D(2024, 11, 26), D(2024, 11, 27), D(2024, 11, 24))
    assert _elections(db) == [("bupati-2024", "bupati", "19.03", *calendar),
                              ("gubernur-2024", "gubernur", "19", *calendar)]
    assert _pairs(db) == [
        ("bupati-2024", 1, "Kolom Kosong", True, None),
        ("bupati-2024", 2, "Riza Herdavid - Debby Vita Dewi", False, "PDI Perjuangan, Gerindra"),
        ("gubernur-2024", 1, "Erzaldi Rosman - Yuri Kemal Fadlullah", False, "Gerindra, PBB"),
        ("gubernur-2024", 2, "Hidayat Arsani - Hellyana", False, "Golkar, PDI Perjuangan")]
    A, P, E, T, F = schema.CampaignActivity, schema.Paslon, schema.Election, schema.Tps, schema.FormulirC
    with db.connect() as c:
        acts = [tuple(r) for r in c.execute(select(A.kode, E.kode, P.nomor_urut).join(E, E.id == A.election_id)
                                            .join(P, P.id == A.paslon_id).order_by(A.kode))]
        tps = [tuple(r) for r in c.execute(select(T.desa_kode, T.nomor, T.voting_day, T.dpt)
                                           .order_by(T.desa_kode, T.nomor))]
        recap = c.execute(select(T.desa_kode, T.nomor, F.dpt, F.delivered).join(F, F.tps_id == T.id)).all()
        log = c.execute(select(schema.ImportLog)).all()
    assert acts == [("STTP/001", "bupati-2024", 2), ("STTP/002", "gubernur-2024", 1)]
    # the TPS list has no date: its voting day is the (only, past) voting day over the desa
    assert tps == [("19.03.01.2008", 1, D(2024, 11, 27), 500), ("19.03.01.2008", 2, D(2024, 11, 27), 480),
                   ("19.03.05.2002", 1, D(2024, 11, 27), 300)]
    assert [tuple(r) for r in recap] == [("19.03.01.2008", 1, 500, 490)]  # on the listed TPS, not a new one
    assert len(log) == 1 and log[0].result == "berhasil"
    assert json.loads(log[0].rows)["tps"] == {"baru": 3, "berubah": 0, "sama": 0}

    before = table_checksums(db)
    again = import_file(db, xlsx(sheets), "hari_pertama.xlsx", "admin")
    assert again.ok and all(c["baru"] == c["berubah"] == 0 for c in again.counts.values())
    after = table_checksums(db)
    assert ({k: v for k, v in after.items() if k != "import_log"}
            == {k: v for k, v in before.items() if k != "import_log"})


def test_corrections_go_by_key(office):
    db = office
    assert import_file(db, xlsx({"tps": [TPS_HEADER, *TPS]}), "tps.xlsx", "admin").ok
    sheets = {"pemilihan": [PEMILIHAN_HEADER, [*BUPATI[:2], "Pilbup Basel 2024", *BUPATI[3:9], "23/11/2024"]],
              "paslon": [PASLON_HEADER, ["bupati-2024", 2, "Riza Herdavid - Debby Vita Dewi", "tidak", "11 partai"]],
              "tps": [TPS_HEADER, ["Toboali", "Rias", 1, 510]]}
    result = import_file(db, xlsx(sheets), "koreksi.xlsx", "admin")
    assert result.ok, [str(p) for p in result.problems]
    assert result.counts == {"pemilihan": {"baru": 0, "berubah": 1, "sama": 0},
                             "paslon": {"baru": 0, "berubah": 1, "sama": 0},
                             "tps": {"baru": 0, "berubah": 1, "sama": 0}}
    assert [c["kolom_berubah"] for c in result.changes["pemilihan"]] == ["nama, batas_formulir_c"]
    E, P, T = schema.Election, schema.Paslon, schema.Tps
    with db.connect() as c:
        assert tuple(c.execute(select(E.nama, E.formulir_c_deadline).where(E.kode == "bupati-2024")).one()) == (
            "Pilbup Basel 2024", D(2024, 11, 23))
        assert c.execute(select(P.partai_pengusul)
                         .where(P.nomor_urut == 2, P.nama.like("Riza%"))).scalar() == "11 partai"
        assert sorted(c.execute(select(T.dpt)).scalars()) == [300, 480, 510]
        assert c.execute(select(E.id)).all().__len__() == 2


def test_csv_files_of_a_batch_go_reference_first(db):
    """pemilihan, paslon and kegiatan as CSV, uploaded in the opposite order: the batch imports the
    election before its pairs and the pairs before the activity."""
    files = [("kegiatan.csv", csv_bytes([KEGIATAN_HEADER, KEGIATAN[0]])),
             ("paslon_2024.csv", csv_bytes([PASLON_HEADER, *PASLON[:2]])),
             ("pemilihan.csv", csv_bytes([PEMILIHAN_HEADER, BUPATI], sep=";"))]
    checked = check_batch(db, files)
    assert [r.file_name for r in checked] == ["pemilihan.csv", "paslon_2024.csv", "kegiatan.csv"]
    assert all(r.ok for r in checked), [str(p) for r in checked for p in r.problems]
    with db.connect() as c:
        assert c.execute(select(schema.Election.id)).first() is None  # the check wrote nothing
    results = import_batch(db, files, "admin")
    assert [(r.file_name, r.ok) for r in results] == [("pemilihan.csv", True), ("paslon_2024.csv", True),
                                                      ("kegiatan.csv", True)]
    assert [k for k, *_ in _elections(db)] == ["bupati-2024"]


def test_pemilihan_as_kode_or_jenis(office):
    """'bupati-2024' and 'bupati' name the same election; a jenis matching two elections over the
    row's desa on its date is refused by row, and the kode then picks one."""
    db = office
    rows = [KEGIATAN_HEADER, [*KEGIATAN[0][:1], "bupati-2024", *KEGIATAN[0][2:]]]
    assert import_file(db, xlsx({"kegiatan": rows}), "a.xlsx", "op").ok
    ulang = ["bupati-2024-b", "bupati", "Pemilihan Bupati Bangka Selatan (uji)", "19.03", *CALENDAR]
    assert import_file(db, xlsx({"pemilihan": [PEMILIHAN_HEADER, ulang],
                                 "paslon": [PASLON_HEADER, ["bupati-2024-b", 1, "Pasangan Uji - Wakil Uji", "", ""]]}),
                       "b.xlsx", "admin").ok
    assert_rejected(db, xlsx({"kegiatan": [KEGIATAN_HEADER, ["STTP/009", *KEGIATAN[0][1:]]]}), "c.xlsx", (
        "lembar 'kegiatan'", 2, "pemilihan",
        "'bupati' cocok dengan 2 pemilihan pada wilayah dan tanggal baris ini (bupati-2024, bupati-2024-b); "
        "tulis kode pemilihannya"))
    fixed = [KEGIATAN_HEADER, ["STTP/009", "bupati-2024-b", 1, *KEGIATAN[0][3:]]]
    assert import_file(db, xlsx({"kegiatan": fixed}), "d.xlsx", "op").ok


BAD = {
    # name: (sheets changed from the reference workbook, expected (sheet, row, column, message fragment))
    "campaign_end_before_start": (
        lambda s: with_cell(s, "pemilihan", 0, "kampanye_selesai", "20/09/2024"),
        ("lembar 'pemilihan'", 2, "kampanye_selesai", "kampanye selesai 20/09/2024 sebelum kampanye mulai 25/09/2024")),
    "quiet_before_campaign_ends": (
        lambda s: with_cell(s, "pemilihan", 1, "masa_tenang_mulai", "23/11/2024"),
        ("lembar 'pemilihan'", 3, "masa_tenang_mulai", "masa tenang mulai 23/11/2024, padahal kampanye baru selesai "
                                                       "23/11/2024")),
    "voting_before_quiet_ends": (
        lambda s: with_cell(s, "pemilihan", 0, "hari_pemungutan", "26/11/2024"),
        ("lembar 'pemilihan'", 2, "hari_pemungutan", "hari pemungutan 26/11/2024 tidak sesudah masa tenang selesai "
                                                     "26/11/2024")),
    "formulir_c_deadline_after_voting": (
        lambda s: with_cell(s, "pemilihan", 0, "batas_formulir_c", "28/11/2024"),
        ("lembar 'pemilihan'", 2, "batas_formulir_c",
         "batas Formulir C 28/11/2024 sesudah hari pemungutan 27/11/2024")),
    "unknown_kode_wilayah": (
        lambda s: with_cell(s, "pemilihan", 0, "kode_wilayah", "19.09"),
        ("lembar 'pemilihan'", 2, "kode_wilayah", "kode wilayah 19.09 tidak ada di daftar kabupaten/kota")),
    "malformed_kode_wilayah": (
        lambda s: with_cell(s, "pemilihan", 0, "kode_wilayah", "Bangka Selatan"),
        ("lembar 'pemilihan'", 2, "kode_wilayah", "kode wilayah 'Bangka Selatan' tidak sah")),
    "desa_code_as_kode_wilayah": (
        lambda s: with_cell(s, "pemilihan", 0, "kode_wilayah", "19.03.01.2004"),
        ("lembar 'pemilihan'", 2, "kode_wilayah", "kode wilayah '19.03.01.2004' tidak sah")),
    "gubernur_of_a_regency": (
        lambda s: with_cell(s, "pemilihan", 1, "kode_wilayah", "19.03"),
        ("lembar 'pemilihan'", 3, "kode_wilayah", "pemilihan gubernur dipilih oleh satu provinsi")),
    "two_kolom_kosong": (
        lambda s: {**s, "paslon": [*s["paslon"], ["bupati-2024", 3, "Kolom Kosong", "ya", ""]]},
        ("lembar 'paslon'", 2, "kolom_kosong", "pemilihan 'bupati-2024' akan punya 2 kolom kosong (nomor urut 1, 3)")),
    "kolom_kosong_beside_two_pairs": (
        lambda s: {**s, "paslon": [*s["paslon"], ["bupati-2024", 3, "Calon Lain - Wakil Lain", "tidak", ""]]},
        ("lembar 'paslon'", 2, "kolom_kosong",
         "kolom kosong hanya ada pada pemilihan dengan tepat satu pasangan calon; "
         "pemilihan 'bupati-2024' akan punya 2 pasangan calon (nomor urut 2, 3)")),
    "duplicate_nomor_urut": (
        lambda s: {**s, "paslon": [*s["paslon"], ["gubernur-2024", 2, "Pasangan Lain - Wakil", "", ""]]},
        ("lembar 'paslon'", 6, "nomor_urut", "nomor urut 2 pada pemilihan 'gubernur-2024' muncul lebih dari sekali "
                                             "dalam berkas (juga di baris 5)")),
    "pair_of_unknown_election": (
        lambda s: with_cell(s, "paslon", 2, "pemilihan", "gubernur-2029"),
        ("lembar 'paslon'", 4, "pemilihan", "pemilihan 'gubernur-2029' tidak ada di basis data maupun di lembar "
                                            "pemilihan berkas ini")),
    "pair_names_the_kind": (
        lambda s: with_cell(s, "paslon", 2, "pemilihan", "gubernur"),
        ("lembar 'paslon'", 4, "pemilihan", "Tulis kode pemilihannya (mis. bupati-2024), bukan jenisnya")),
    "nomor_urut_zero": (
        lambda s: with_cell(s, "paslon", 3, "nomor_urut", 0),
        ("lembar 'paslon'", 5, "nomor_urut", "nomor urut dimulai dari 1")),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_reference_workbook_is_rejected_by_row(db, case):
    change, expected = BAD[case]
    assert_rejected(db, xlsx(change(reference_sheets())), "referensi.xlsx", expected)


@pytest.mark.parametrize("dpt, fragment", [(0, "jumlah DPT 0 tidak wajar (harus 1 sampai 1000)"),
                                           (1001, "jumlah DPT 1001 tidak wajar (harus 1 sampai 1000)")])
def test_tps_dpt_out_of_range(office, dpt, fragment):
    assert_rejected(office, csv_bytes([TPS_HEADER, TPS[0], ["Payung", "Malik", 2, dpt]]), "tps.csv",
                    ("berkas 'tps.csv'", 3, "jumlah_dpt", fragment))


def test_tps_in_a_desa_of_another_kecamatan(office):
    assert_rejected(office, xlsx({"tps": [TPS_HEADER, TPS[0], ["Payung", "Rias", 3, 400]]}), "tps.xlsx", (
        "lembar 'tps'", 3, "desa",
        "desa 'Rias' bukan bagian dari Kecamatan Payung (desa itu ada di Kecamatan Toboali)"))


def test_tps_before_any_election(db):
    assert_rejected(db, xlsx({"tps": [TPS_HEADER, TPS[0]]}), "tps.xlsx", (
        "lembar 'tps'", 2, "desa", "belum ada pemilihan yang meliputi desa Rias di basis data"))


def test_tps_list_with_another_dpt_than_its_recap(office):
    """Toboali TPS 1 has a recap with DPT 500 (formulir_c has a foreign key on (tps, dpt)): a TPS list
    saying 520 alone is refused; with the recap corrected to 520 in the same file it is coherent."""
    db = office
    assert import_file(db, xlsx({"formulir_c": [FORMULIR_HEADER, FORMULIR[0]]}), "fc.xlsx", "op").ok
    listed = [TPS_HEADER, ["Toboali", "Toboali", 1, 520]]
    assert_rejected(db, xlsx({"tps": listed}), "tps.xlsx", (
        "lembar 'tps'", 2, "jumlah_dpt", "TPS ini sudah punya rekap Formulir C dengan jumlah_dpt 500; DPT 520 harus "
        "dikoreksi bersama rekapnya"))
    recap_520 = ["Toboali", "Toboali", 1, 520, 500, 5, 3, 2, 6, 3, 1, "24/11/2024"]
    recap_510 = ["Toboali", "Toboali", 1, 510, 490, 5, 3, 2, 6, 3, 1, "24/11/2024"]
    assert_rejected(db, xlsx({"tps": listed, "formulir_c": [FORMULIR_HEADER, recap_510]}), "tps2.xlsx", (
        "lembar 'formulir_c'", 2, "jumlah_dpt", "jumlah_dpt 510 berbeda dengan jumlah_dpt 520 TPS ini di lembar tps"))
    result = import_file(db, xlsx({"tps": listed, "formulir_c": [FORMULIR_HEADER, recap_520]}), "tps3.xlsx", "op")
    assert result.ok, [str(p) for p in result.problems]
    T, F = schema.Tps, schema.FormulirC
    with db.connect() as c:
        assert [tuple(r) for r in c.execute(select(T.dpt, F.dpt, F.delivered).join(F, F.tps_id == T.id))] == [
            (520, 520, 500)]


def test_correction_leaving_stored_activities_outside_the_campaign(office):
    db = office
    assert import_file(db, xlsx({"kegiatan": [KEGIATAN_HEADER, KEGIATAN[0]]}), "k.xlsx", "op").ok  # 01/10/2024
    later = [PEMILIHAN_HEADER, [*BUPATI[:4], "05/10/2024", *BUPATI[5:]]]
    assert_rejected(db, xlsx({"pemilihan": later}), "koreksi.xlsx", (
        "lembar 'pemilihan'", 2, "kampanye_mulai", "koreksi ini membuat 1 kegiatan yang tersimpan berada di luar masa "
        "kampanye baru (05/10/2024 s.d. 23/11/2024), mis. 'STTP/001' tanggal 01/10/2024"))
    # moving the activity in the same file makes the correction consistent
    moved = [KEGIATAN_HEADER, [*KEGIATAN[0][:4], "06/10/2024", *KEGIATAN[0][5:]]]
    assert import_file(db, xlsx({"pemilihan": later, "kegiatan": moved}), "koreksi2.xlsx", "op").ok


def test_two_kolom_kosong_across_files(office):
    """The stored kolom kosong (nomor urut 1) counts: a later file adding another is refused."""
    assert_rejected(office, xlsx({"paslon": [PASLON_HEADER, ["bupati-2024", 3, "Kolom Kosong", "", ""]]}), "p.xlsx", (
        "lembar 'paslon'", 2, "kolom_kosong", "akan punya 2 kolom kosong (nomor urut 1, 3)"))


# ------------------------------------------------------------------ quiet period (issue 18)
def _activity(tanggal: str, sumber: str) -> bytes:
    return xlsx({"kegiatan": [KEGIATAN_HEADER, ["TL/001", "bupati", 2, "kegiatan_lain", tanggal, "19:00", "Toboali",
                                                "Rias", "Rumah warga", 30, sumber]]})


def test_quiet_period_campaigning_found_in_the_field_is_recorded(office):
    result = import_file(office, _activity("25/11/2024", "temuan_lapangan"), "masa_tenang.xlsx", "op")
    assert result.ok, [str(p) for p in result.problems]
    A = schema.CampaignActivity
    with office.connect() as c:
        assert tuple(c.execute(select(A.kode, A.tanggal, A.sumber)).one()) == ("TL/001", D(2024, 11, 25),
                                                                                 "temuan_lapangan")


def test_quiet_period_notified_activity_is_refused(office):
    assert_rejected(office, _activity("25/11/2024", "sttp"), "masa_tenang.xlsx", (
        "lembar 'kegiatan'", 2, "tanggal", "tanggal 25/11/2024 di luar masa kampanye Pemilihan Bupati dan Wakil Bupati "
        "Bangka Selatan 2024 (25/09/2024 s.d. 23/11/2024): tanggal itu masa tenang, dan kegiatan bersumber sttp harus "
        "di dalam masa kampanye"))


def test_found_activity_on_voting_day_is_refused(office):
    assert_rejected(office, _activity("27/11/2024", "temuan_lapangan"), "hari_h.xlsx", (
        "lembar 'kegiatan'", 2, "tanggal", "tanggal 27/11/2024 di luar masa kampanye Pemilihan Bupati dan Wakil Bupati "
        "Bangka Selatan 2024 (25/09/2024 s.d. 23/11/2024); kegiatan temuan lapangan boleh sampai 26/11/2024"))


# ------------------------------------------------------------------ the shipped reference workbook
def test_shipped_reference_workbook_imports_into_an_empty_database(db):
    """assets/referensi: Pilkada 2024 in Bangka Selatan (docs/domain.md 2.1-2.3), typed here by hand."""
    from data_access.demo import REFERENCE_WORKBOOK

    result = import_file(db, REFERENCE_WORKBOOK.read_bytes(), REFERENCE_WORKBOOK.name, "admin")
    assert result.ok, [str(p) for p in result.problems]
    assert result.counts == {"pemilihan": {"baru": 2, "berubah": 0, "sama": 0},
                             "paslon": {"baru": 4, "berubah": 0, "sama": 0}}
    calendar = (D(2024, 9, 25), D(2024, 11, 23), D(2024, 11, 24), D(2024, 11, 26), D(2024, 11, 27), D(2024, 11, 24))
    assert _elections(db) == [("bupati-2024", "bupati", "19.03", *calendar),
                              ("gubernur-2024", "gubernur", "19", *calendar)]
    assert [p[:4] for p in _pairs(db)] == [
        ("bupati-2024", 1, "Kolom kosong", True),
        ("bupati-2024", 2, "Riza Herdavid - Debby Vita Dewi", False),
        ("gubernur-2024", 1, "Erzaldi Rosman - Yuri Kemal Fadlullah", False),
        ("gubernur-2024", 2, "Hidayat Arsani - Hellyana", False)]
    # the office's first operator file, naming the elections by jenis, now imports
    assert import_file(db, xlsx({"kegiatan": [KEGIATAN_HEADER, *KEGIATAN]}), "kegiatan.xlsx", "op").ok


def test_reference_workbook_is_what_its_script_writes_and_what_the_demo_uses(tmp_path):
    import importlib.util

    from data_access import demo
    from data_access.importer.core import read_reference

    spec = importlib.util.spec_from_file_location("make_reference_workbook",
                                                  demo.REFERENCE_WORKBOOK.parents[2] / "scripts" /
                                                  "make_reference_workbook.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    fresh = script.write(tmp_path / "ulang.xlsx")
    assert read_reference(fresh.read_bytes(), fresh.name) == read_reference(
        demo.REFERENCE_WORKBOOK.read_bytes(), demo.REFERENCE_WORKBOOK.name)
    elections, pairs = demo.reference_elections()
    assert [(e["kode"], e["wilayah_kode"], e["voting_day"]) for e in elections] == [
        ("bupati-2024", "19.03", D(2024, 11, 27)), ("gubernur-2024", "19", D(2024, 11, 27))]
    assert pairs["bupati-2024"][0][:3] == (1, "Kolom kosong", True)
    assert [p[1] for p in pairs["gubernur-2024"]] == ["Erzaldi Rosman - Yuri Kemal Fadlullah",
                                                      "Hidayat Arsani - Hellyana"]


def test_walikota_election_of_a_city(db):
    """A kota (Kemendagri code 71 and up, e.g. 19.71 Pangkalpinang) elects a wali kota: the walikota
    election imports, its pair's activity in a desa of the city imports by jenis, and bupati/walikota
    swapped between kabupaten and kota is refused by row."""
    city_desa = Builder(db).region("19.71.01.1001", provinsi_nama="Kepulauan Bangka Belitung")
    walikota = ["walikota-2024", "walikota", "Pemilihan Wali Kota dan Wakil Wali Kota Pangkalpinang 2024", "19.71",
                *CALENDAR]
    sheets = {"pemilihan": [PEMILIHAN_HEADER, walikota],
              "paslon": [PASLON_HEADER, ["walikota-2024", 1, "Calon Kota - Wakil Kota", "", ""]],
              "kegiatan": [KEGIATAN_HEADER[:6] + ["kode_wilayah"] + KEGIATAN_HEADER[8:],
                           ["KOTA/001", "walikota", 1, "tatap_muka_dialog", "01/10/2024", "10:00", city_desa,
                            "Balai kota", 40, "sttp"]]}
    result = import_file(db, xlsx(sheets), "kota.xlsx", "admin")
    assert result.ok, [str(p) for p in result.problems]
    assert [e[:3] for e in _elections(db)] == [("walikota-2024", "walikota", "19.71")]
    assert_rejected(db, xlsx({"pemilihan": [PEMILIHAN_HEADER, ["bupati-kota", "bupati", "x", "19.71", *CALENDAR]]}),
                    "a.xlsx", ("lembar 'pemilihan'", 2, "kode_wilayah", "adalah kota: pemilihan di kota adalah "
                                                                         "pemilihan walikota, bukan bupati"))
    assert_rejected(db,
                    xlsx({"pemilihan": [PEMILIHAN_HEADER, ["walikota-basel", "walikota", "x", "19.03", *CALENDAR]]}),
                    "b.xlsx", ("lembar 'pemilihan'", 2, "kode_wilayah", "adalah kabupaten: pemilihan di kabupaten "
                                                                         "adalah pemilihan bupati, bukan walikota"))


def test_tps_row_finds_the_next_voting_day_over_its_desa(office):
    """With the 2024 elections (past) and a bupati election of Bangka Selatan voting on a day still
    ahead, a TPS list row goes to the day ahead; a gubernur election of another province on an even
    nearer day does not cover the desa and is not chosen."""
    db = office
    today = dt.date.today()
    ahead, nearer = today + dt.timedelta(days=400), today + dt.timedelta(days=200)

    def election(kode, jenis, wilayah, voting):
        def f(delta):
            return (voting + dt.timedelta(days=delta)).strftime("%d/%m/%Y")
        return [kode, jenis, f"Pemilihan uji {kode}", wilayah, f(-63), f(-4), f(-3), f(-1), f(0), f(-3)]

    Builder(db).region("21.01.01.2001", provinsi_nama="Provinsi Lain")
    sheets = {"pemilihan": [PEMILIHAN_HEADER, election("bupati-ulang", "bupati", "19.03", ahead),
                            election("gubernur-lain", "gubernur", "21", nearer)],
              "tps": [TPS_HEADER, TPS[0]]}
    result = import_file(db, xlsx(sheets), "tps.xlsx", "admin")
    assert result.ok, [str(p) for p in result.problems]
    with db.connect() as c:
        assert c.execute(select(schema.Tps.voting_day)).scalar_one() == ahead


def test_election_kode_may_not_be_a_kind(db):
    assert_rejected(db, xlsx({"pemilihan": [PEMILIHAN_HEADER, ["Bupati", *BUPATI[1:]]]}), "a.xlsx", (
        "lembar 'pemilihan'", 2, "kode", "kode 'Bupati' sama dengan nama jenis pemilihan"))


def test_correction_moving_the_area_away_from_stored_activities(office):
    assert import_file(office, xlsx({"kegiatan": [KEGIATAN_HEADER, KEGIATAN[0]]}), "k.xlsx", "op").ok  # Rias
    Builder(office).region("19.01.01.2001", provinsi_nama="Kepulauan Bangka Belitung")
    moved = [PEMILIHAN_HEADER, [*BUPATI[:3], "19.01", *BUPATI[4:]]]
    assert_rejected(office, xlsx({"pemilihan": moved}), "koreksi.xlsx", (
        "lembar 'pemilihan'", 2, "kode_wilayah", "koreksi ini membuat kegiatan atau kasus yang tersimpan di 1 desa "
        "(mis. Rias) berada di luar wilayah 19.01"))
