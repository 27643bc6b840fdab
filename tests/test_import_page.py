"""The Impor Data page (AppTest cannot upload files: the page renders, lists the import log and
is closed to other roles) and the pure helpers the page shows."""
import pytest

from data_access.importer import changes_frame, counts_frame, import_file, problems_csv
from tests.apptest_utils import run_app, sqlite_url
from tests.fixtures_import import KEGIATAN, KEGIATAN_HEADER, elections, good_sheets, xlsx

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
