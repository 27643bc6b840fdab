"""The Impor Data page: it renders, lists the import log and is closed to other roles; uploads
(AppTest's file_uploader) get the command line's verdict and problems; and the pure helpers the
page shows."""
import math

import pytest

from data_access.importer import changes_frame, counts_frame, import_file, problems_csv
from data_access.importer.__main__ import main
from tests.apptest_utils import run_app, sqlite_url
from tests.conftest import table_checksums
from tests.fixtures_import import KEGIATAN, KEGIATAN_HEADER, csv_bytes, elections, good_sheets, xlsx

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
    ``python -m data_access.importer --check``, and the check writes nothing."""
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
