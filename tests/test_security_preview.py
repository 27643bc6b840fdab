"""Issue 17, finding 8: an operator (a role that may not see personal data) must not be able to
confirm a name through the import preview. Uploading a stored case again with a guessed terlapor
(or an LHP with a guessed nama_pengawas) gives the same preview, the same counts and the same
warnings whether the guess is right or wrong, and the personal columns of stored rows are neither
compared nor overwritten for that role. An admin still sees and corrects them."""
import pytest
from sqlalchemy import select

from data_access import schema
from data_access.importer import import_file
from tests.apptest_utils import run_app, sqlite_url
from tests.fixtures_import import (
    PELANGGARAN,
    PELANGGARAN_HEADER,
    PENGAWASAN,
    PENGAWASAN_HEADER,
    csv_bytes,
    elections,
    good_sheets,
    xlsx,
)

PAGE = "pages/impor.py"
PERSONAL = ("terlapor", "pelapor", "nama_pengawas")


@pytest.fixture
def stored(db):
    """The good workbook imported by an admin: case 001/LP with terlapor "Terlapor A" and pelapor
    "Pelapor B" (its newest row: kajian_awal on 5 Oct), LHP 001/LHP by "Budi Santoso"."""
    elections(db)
    assert import_file(db, xlsx(good_sheets()), "awal.xlsx", "admin").ok
    return db


def guess(terlapor: str, pelapor: str, pengawas: str) -> dict[str, bytes]:
    """The stored case's newest row and the stored LHP, unchanged but for the guessed names."""
    case = list(PELANGGARAN[1])
    case[12], case[13] = terlapor, pelapor
    lhp = list(PENGAWASAN[0])
    lhp[4] = pengawas
    return {"pelanggaran.csv": csv_bytes([PELANGGARAN_HEADER, case]),
            "pengawasan.csv": csv_bytes([PENGAWASAN_HEADER, lhp])}


RIGHT = guess("Terlapor A", "Pelapor B", "Budi Santoso")
WRONG = guess("Orang Lain", "Pelapor Lain", "Pengawas Lain")


def preview(monkeypatch, engine, role: str, files: dict[str, bytes]):
    """What the page shows for the uploaded files: texts of the alerts, every table, expander labels."""
    at = run_app(monkeypatch, sqlite_url(engine), page=PAGE, role=role)
    at.file_uploader(key="impor_files").set_value([(n, d, "text/csv") for n, d in files.items()]).run()
    assert not at.exception, [e.value for e in at.exception]
    shown = ([a.value for kind in ("success", "error", "warning", "info") for a in getattr(at, kind)]
             + [e.label for e in at.expander]
             + [df.value.to_dict("records") for df in at.dataframe[:-1]])  # the last one: the import log
    return at, shown


def personal_names(engine) -> tuple:
    with engine.connect() as c:
        case = c.execute(select(schema.ViolationCase.terlapor, schema.ViolationCase.pelapor)
                         .where(schema.ViolationCase.nomor == "001/LP")).one()
        lhp = c.execute(select(schema.SupervisionReport.nama_pengawas)
                        .where(schema.SupervisionReport.nomor_lhp == "001/LHP")).scalar_one()
    return (*case, lhp)


def test_operator_preview_is_the_same_for_a_right_and_a_wrong_guess(monkeypatch, stored):
    _, right = preview(monkeypatch, stored, "operator", RIGHT)
    at, wrong = preview(monkeypatch, stored, "operator", WRONG)
    assert right == wrong
    changed_columns = [r["Kolom berubah"] for table in wrong if isinstance(table, list) for r in table
                       if "Kolom berubah" in r]
    assert not [c for c in changed_columns if any(p in c for p in PERSONAL)]
    # saving the wrong guess (when there is anything to save) changes no stored name
    if not at.button(key="impor_save").disabled:
        at.button(key="impor_save").click().run()
        assert not at.exception, [e.value for e in at.exception]
    assert personal_names(stored) == ("Terlapor A", "Pelapor B", "Budi Santoso")


def test_admin_preview_compares_and_corrects_names(monkeypatch, stored):
    _, wrong = preview(monkeypatch, stored, "admin", WRONG)
    changed = [r for table in wrong if isinstance(table, list) for r in table if r.get("Perubahan") == "berubah"]
    assert sorted(r["Kolom berubah"] for r in changed) == ["nama_pengawas", "terlapor, pelapor"]
    _, right = preview(monkeypatch, stored, "admin", RIGHT)
    assert right != wrong


def test_importing_as_a_role_without_personal_data_keeps_stored_names(stored):
    for name in ("pengawasan.csv", "pelanggaran.csv"):
        result = import_file(stored, WRONG[name], name, "operator", personal=False)
        assert result.ok and all(c["berubah"] == 0 for c in result.counts.values()), result.counts
    assert personal_names(stored) == ("Terlapor A", "Pelapor B", "Budi Santoso")
    for name in ("pengawasan.csv", "pelanggaran.csv"):
        assert import_file(stored, WRONG[name], name, "admin").ok
    assert personal_names(stored) == ("Orang Lain", "Pelapor Lain", "Pengawas Lain")
