"""The Impor Data page: it renders, lists the import log and is closed to other roles; uploads
(AppTest's file_uploader) get the command line's verdict and problems; and the pure helpers the
page shows."""
import math

import pytest
from sqlalchemy import func, select

from data_access import schema
from data_access.cli.importer import main
from data_access.importer import changes_frame, counts_frame, import_file, problems_csv
from tests.apptest_utils import run_app, sqlite_url
from tests.conftest import table_checksums
from tests.fixtures_import import (
    FORMULIR,
    FORMULIR_HEADER,
    KEGIATAN,
    KEGIATAN_HEADER,
    csv_bytes,
    elections,
    good_sheets,
    xlsx,
)

PAGE = "pages/impor.py"


@pytest.fixture
def imported(db_factory):
    db = db_factory("sqlite")
    elections(db)
    assert import_file(db, xlsx(good_sheets()), "laporan_oktober.xlsx", "operator1").ok
    assert not import_file(db, b"bukan excel", "rusak.xlsx", "operator1").ok
    return sqlite_url(db)


def test_page_renders_with_template_and_recent_imports(monkeypatch, imported):
    at = run_app(monkeypatch, imported, page=PAGE, role="operator")
    assert not at.exception
    assert [t.value for t in at.title] == ["Impor Data"]
    assert [s.value for s in at.subheader] == ["Impor terakhir"]
    recent = at.dataframe[0].value
    assert list(recent["Berkas"]) == ["rusak.xlsx", "laporan_oktober.xlsx"]
    assert list(recent["Hasil"]) == ["ditolak", "berhasil"]
    assert list(recent["Masalah"]) == [1, 0]
    assert recent["Baris per dataset"].iloc[1].startswith("formulir_c: 2 baru, 0 berubah, 0 sama; kegiatan: 2 baru")


def test_page_is_listed_for_operator_and_admin_only():
    from types import SimpleNamespace

    from ui import navigation

    assert ("pages/impor.py", "impor") in [(p[0], p[1]) for p in navigation.PAGES]
    assert [role for role in ("admin", "operator", "pimpinan", "koordinator")
            if navigation.allowed("impor", SimpleNamespace(role=role))] == ["admin", "operator"]


def test_helpers_show_counts_changes_and_problems(db_factory):
    db = db_factory("sqlite")
    elections(db)
    first = import_file(db, xlsx(good_sheets()), "a.xlsx", "op")
    fixed = [KEGIATAN_HEADER, [*KEGIATAN[0][:9], "2.000", KEGIATAN[0][10]], KEGIATAN[1]]
    second = import_file(db, xlsx({"kegiatan": fixed}), "b.xlsx", "op")
    counts = counts_frame([first, second])
    assert counts[counts.dataset == "kegiatan"][["berkas", "baru", "berubah", "sama"]].values.tolist() == [
        ["a.xlsx", 2, 0, 0], ["b.xlsx", 0, 1, 1]]
    assert changes_frame(second).values.tolist() == [["kegiatan", 2, "STTP/001", "berubah", "perkiraan_peserta"]]
    bad = import_file(db, xlsx({"kegiatan": [KEGIATAN_HEADER, [*KEGIATAN[0][:4], "31/02/2024", *KEGIATAN[0][5:]]]}),
                      "c.xlsx", "op")
    text = problems_csv(bad.problems).decode("utf-8-sig").splitlines()
    assert text == ["lembar;baris;kolom;masalah;tingkat",
                    "lembar 'kegiatan';2;tanggal;tanggal '31/02/2024' tidak ada di kalender;galat"]


def runs_like_the_server(monkeypatch):
    """AppTest forgets before every run that the app uses st.navigation, so each run first goes
    through Streamlit's legacy pages/ mode, where filters.current() reruns through the entry point,
    and a button click is spent on that first pass. A running server remembers it; so does this."""
    from streamlit.runtime.pages_manager import PagesManager

    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


def page_problem_lines(frame) -> list[str]:
    """The page's problem table written as the command line prints a problem."""
    out = []
    for row in frame.to_dict("records"):
        where = row["Lembar/berkas"]
        if row["Baris"] is not None and not (isinstance(row["Baris"], float) and math.isnan(row["Baris"])):
            where += f", baris {int(row['Baris'])}"
        if isinstance(row["Kolom"], str) and row["Kolom"]:
            where += f", kolom '{row['Kolom']}'"
        out.append(f"{where}: {'' if row['Tingkat'] == 'galat' else 'Peringatan: '}{row['Masalah']}")
    return out


def cli_problem_lines(text: str) -> list[str]:
    return [line[4:] for line in text.splitlines() if line.startswith("  - ")]


def test_a_batch_gets_the_same_verdict_on_the_page_and_the_command_line(monkeypatch, db, tmp_path, capsys):
    """001/LHP in pengawasan.csv refers to activity STTP/001, which only kegiatan.csv holds: alone
    the LHP file is rejected, together (uploaded in either order) both pass, on the page as in
    ``python -m data_access import --check``, and the check writes nothing."""
    elections(db)
    sheets = good_sheets()
    lhp = ("pengawasan.csv", csv_bytes(sheets["pengawasan"]), "text/csv")
    keg = ("kegiatan.csv", csv_bytes(sheets["kegiatan"]), "text/csv")
    for name, data, _ in (lhp, keg):
        (tmp_path / name).write_bytes(data)
    at = run_app(monkeypatch, sqlite_url(db), page=PAGE, role="operator")  # also sets DATABASE_URL for main()
    before = table_checksums(db)

    assert main([str(tmp_path / "pengawasan.csv"), "--check"]) == 1
    cli = cli_problem_lines(capsys.readouterr().err)
    assert cli == ["berkas 'pengawasan.csv', baris 2, kolom 'kode_kegiatan': kegiatan 'STTP/001' tidak ditemukan di "
                   "basis data maupun di lembar kegiatan berkas ini."]
    at.file_uploader(key="impor_files").set_value(lhp).run()
    assert not at.exception, [e.value for e in at.exception]
    assert [e.value for e in at.error] == ["pengawasan.csv: ditolak, 1 masalah. Perbaiki berkas lalu unggah ulang; "
                                           "tidak ada yang disimpan."]
    assert page_problem_lines(at.dataframe[0].value) == cli
    assert at.button(key="impor_save").disabled

    assert main([str(tmp_path / "pengawasan.csv"), str(tmp_path / "kegiatan.csv"), "--check"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "kegiatan.csv: LOLOS PEMERIKSAAN (kegiatan: 2 baru, 0 berubah, 0 sama)",
        "pengawasan.csv: LOLOS PEMERIKSAAN (pengawasan: 2 baru, 0 berubah, 0 sama)"]
    at.file_uploader(key="impor_files").set_value([lhp, keg]).run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error
    assert [s.value for s in at.success] == ["kegiatan.csv: lolos pemeriksaan.", "pengawasan.csv: lolos pemeriksaan."]
    assert at.dataframe[0].value[["Berkas", "Dataset", "Baru", "Berubah", "Sama"]].values.tolist() == [
        ["kegiatan.csv", "kegiatan", 2, 0, 0], ["pengawasan.csv", "pengawasan", 2, 0, 0]]
    assert not at.button(key="impor_save").disabled
    assert table_checksums(db) == before  # checking the batch wrote nothing, not even import_log


def test_upload_preview_problems_and_save(monkeypatch, db, tmp_path, capsys):
    """The normal path. STTP/001 and STTP/002 are already stored; laporan.xlsx moves STTP/001 (lokasi),
    repeats STTP/002 and adds 2 LHP, 2 case numbers (3 status rows) and 2 TPS; the bad CSV has a
    count that does not add up (470 + 20 != 500) and a date that does not exist."""
    elections(db)
    assert import_file(db, xlsx({"kegiatan": [KEGIATAN_HEADER, *KEGIATAN]}), "awal.xlsx", "operator1").ok
    sheets = good_sheets()
    sheets["kegiatan"][1][8] = "Lapangan Rias"
    good = ("laporan.xlsx", xlsx(sheets), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    bad_rows = [FORMULIR_HEADER, [*FORMULIR[0][:4], 470, *FORMULIR[0][5:]], [*FORMULIR[1][:11], "31/11/2024"]]
    bad = ("formulir_c_salah.csv", csv_bytes(bad_rows), "text/csv")
    (tmp_path / bad[0]).write_bytes(bad[1])
    at = run_app(monkeypatch, sqlite_url(db), page=PAGE, role="operator")
    runs_like_the_server(monkeypatch)

    at.file_uploader(key="impor_files").set_value([bad, good]).run()
    assert not at.exception, [e.value for e in at.exception]
    assert [s.value for s in at.success] == ["laporan.xlsx: lolos pemeriksaan."]
    assert [e.value for e in at.error] == ["formulir_c_salah.csv: ditolak, 2 masalah. Perbaiki berkas lalu unggah "
                                           "ulang; tidak ada yang disimpan."]
    assert main([str(tmp_path / bad[0]), "--check"]) == 1
    cli = cli_problem_lines(capsys.readouterr().err)
    assert cli == [
        "berkas 'formulir_c_salah.csv', baris 2, kolom 'jumlah_dpt': terdistribusi 470 + tidak terdistribusi 20 = 490, "
        "tidak sama dengan jumlah_dpt 500 (selisih -10).",
        "berkas 'formulir_c_salah.csv', baris 3, kolom 'tanggal_laporan': tanggal '31/11/2024' tidak ada di kalender"]
    assert page_problem_lines(at.dataframe[0].value) == cli
    download = at.download_button(key="impor_problems_formulir_c_salah.csv")
    assert download.proto.label == "Unduh daftar masalah (CSV)"
    assert at.button(key="impor_save").disabled
    assert [w.value for w in at.warning] == [
        "Simpan tidak tersedia: masih ada berkas yang ditolak. Hapus atau perbaiki berkas itu."]

    at.file_uploader(key="impor_files").set_value(good).run()
    assert not at.exception and not at.error
    preview = at.dataframe[0].value
    assert preview[["Dataset", "Baru", "Berubah", "Sama"]].values.tolist() == [
        ["kegiatan", 0, 1, 1], ["pengawasan", 2, 0, 0], ["pelanggaran", 3, 0, 0], ["formulir_c", 2, 0, 0]]
    with db.connect() as c:
        n_log = c.execute(select(func.count()).select_from(schema.ImportLog)).scalar()
    at.button(key="impor_save").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert [s.value for s in at.success][-1] == (
        "laporan.xlsx: tersimpan (kegiatan: 0 baru, 1 berubah; pengawasan: 2 baru, 0 berubah; "
        "pelanggaran: 3 baru, 0 berubah; formulir_c: 2 baru, 0 berubah).")
    with db.connect() as c:
        lokasi = dict(c.execute(select(schema.CampaignActivity.kode, schema.CampaignActivity.lokasi)).all())
        lhp = c.execute(select(schema.SupervisionReport.nomor_lhp)
                        .order_by(schema.SupervisionReport.nomor_lhp)).scalars()
        cases = c.execute(select(schema.ViolationCase.nomor).order_by(schema.ViolationCase.nomor)).scalars().all()
        n_hist = c.execute(select(func.count()).select_from(schema.CaseStatus)).scalar()
        tps = c.execute(select(schema.Tps.desa_kode, schema.Tps.nomor).order_by(schema.Tps.desa_kode)).all()
        logs = c.execute(select(schema.ImportLog.file_name, schema.ImportLog.username, schema.ImportLog.result)
                         .order_by(schema.ImportLog.id)).all()
        assert list(lhp) == ["001/LHP", "002/LHP"]
    assert lokasi == {"STTP/001": "Lapangan Rias", "STTP/002": None}
    assert cases == ["001/LP", "002/TM"] and n_hist == 3
    assert [tuple(t) for t in tps] == [("19.03.01.1001", 1), ("19.03.02.2001", 2)]
    assert len(logs) == n_log + 1 == 2
    assert tuple(logs[-1]) == ("laporan.xlsx", "uji_operator", "berhasil")


def test_a_rerun_keeps_the_verdict_and_new_data_checks_again(monkeypatch, db):
    """A click elsewhere on the page must not check a large file again; data written since must."""
    import data_access.importer as importer_pkg

    elections(db)
    calls = []
    real = importer_pkg.check_batch
    monkeypatch.setattr(importer_pkg, "check_batch", lambda *a, **k: calls.append(1) or real(*a, **k))
    keg = ("kegiatan.csv", csv_bytes(good_sheets()["kegiatan"]), "text/csv")
    at = run_app(monkeypatch, sqlite_url(db), page=PAGE, role="operator")
    calls.clear()  # (the empty upload list of the first run)
    at.file_uploader(key="impor_files").set_value(keg).run()
    assert len(calls) == 1 and [s.value for s in at.success] == ["kegiatan.csv: lolos pemeriksaan."]
    at.run()  # a rerun with the same file on the same data
    assert len(calls) == 1 and [s.value for s in at.success] == ["kegiatan.csv: lolos pemeriksaan."]
    assert at.dataframe[0].value[["Baru", "Berubah", "Sama"]].values.tolist() == [[2, 0, 0]]
    # Another session imports the same rows: the newest recorded_at moves, the page checks again.
    assert import_file(db, keg[1], "kegiatan.csv", "operator2").ok
    at.run()
    assert len(calls) == 2
    assert at.dataframe[0].value[["Baru", "Berubah", "Sama"]].values.tolist() == [[0, 0, 2]]
