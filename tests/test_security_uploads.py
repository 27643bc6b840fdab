"""Issue 17, finding 4: an upload must not exhaust the server's memory or CPU. Limits on the
columns of a sheet, the rows of a file and the uncompressed size of every part of an XLSX (read
from the zip's central directory, before anything is decompressed) live in config [import]; each
is checked before the work it prevents, refused with an Indonesian message, and the refusal
costs the process less than 50 MB of memory (tracemalloc's peak: deterministic)."""
import io
import tracemalloc
import zipfile

import config
from data_access.importer import import_file
from data_access.importer.reading import read_file
from tests.conftest import table_checksums
from tests.fixtures_import import FORMULIR, FORMULIR_HEADER, KEGIATAN_HEADER, csv_bytes, fast_xlsx

MB = 2**20
MAX_GROWTH = 50 * MB


def peak_growth(fn):
    """(result of fn(), peak bytes allocated above the start while it ran)."""
    tracemalloc.start()
    try:
        start = tracemalloc.get_traced_memory()[0]
        result = fn()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return result, peak - start


def messages(result) -> list[str]:
    return [p.message for p in result.problems if p.level == "error"]


def test_a_sheet_with_too_many_columns_is_refused_at_its_header(db):
    # 10,000 columns and 300 rows: the old reader kept every row as a 10,000-wide tuple
    header = ";".join(f"kolom_{i:05d}" for i in range(10_000))
    row = ";".join("1" for _ in range(10_000))
    data = ("\n".join([header] + [row] * 300) + "\n").encode()
    before = table_checksums(db)
    result, grown = peak_growth(lambda: import_file(db, data, "kegiatan.csv", "operator1"))
    limit = config.get().imports.max_columns
    assert not result.ok
    assert any(f"terlalu banyak kolom: 10.000 kolom berisi (paling banyak {limit})" in m for m in messages(result))
    assert grown < MAX_GROWTH, f"{grown / MB:.0f} MB"
    assert {k: v for k, v in table_checksums(db).items() if k != "import_log"} == \
        {k: v for k, v in before.items() if k != "import_log"}


def test_a_data_row_wider_than_the_limit_is_refused():
    limit = config.get().imports.max_columns
    wide = ["x"] * (limit + 1)
    data = csv_bytes([KEGIATAN_HEADER, wide], sep=";")
    result, grown = peak_growth(lambda: read_file(data, "kegiatan.csv"))
    assert any(p.row == 2 and f"terlalu banyak kolom: {limit + 1} kolom berisi" in p.message for p in result.problems)
    assert result.sheets == [] and grown < MAX_GROWTH


def test_a_csv_line_of_endless_separators_is_refused_before_parsing():
    data = b"kode_kegiatan;pemilihan\n" + b";" * (30 * MB) + b"\n"
    result, grown = peak_growth(lambda: read_file(data, "kegiatan.csv"))
    assert any("terlalu banyak kolom" in p.message for p in result.problems)
    assert grown < MAX_GROWTH + 31 * MB  # the decoded text itself (30 MB) and nothing row-sized


def test_too_many_rows_are_refused_at_the_first_row_over_the_limit(pantau_config):
    pantau_config(**{"import": {"max_rows": 1000}})
    rows = [FORMULIR_HEADER] + [list(FORMULIR[0]) for _ in range(5000)]
    data = csv_bytes(rows, sep=";")
    result, grown = peak_growth(lambda: read_file(data, "formulir_c.csv"))
    assert [(p.row, p.message) for p in result.problems if "baris" in p.message] == [
        (1002, "terlalu banyak baris (paling banyak 1.000)."), ]
    assert result.sheets == [] and grown < MAX_GROWTH


def padded_xlsx(pad_mb: int) -> bytes:
    """A kegiatan workbook whose sheet XML is padded with ``pad_mb`` MB of whitespace (compresses
    to almost nothing): the zip is small, the sheet huge once decompressed."""
    small = fast_xlsx("kegiatan", [KEGIATAN_HEADER])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(small)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                with dst.open(info.filename, "w") as sheet:
                    head, tail = content.split(b"<sheetData>")
                    sheet.write(head + b"<sheetData>")
                    for _ in range(pad_mb):
                        sheet.write(b" " * MB)
                    sheet.write(tail)
            else:
                dst.writestr(info, content)
    return out.getvalue()


def test_a_sheet_too_large_once_decompressed_is_refused_before_decompressing(monkeypatch, pantau_config):
    pantau_config(**{"import": {"max_sheet_mb": 5}})
    data = padded_xlsx(30)
    assert len(data) < MB  # small on the wire
    opened = []
    real_open = zipfile.ZipFile.open

    def spy(self, name, *args, **kwargs):
        opened.append(name.filename if isinstance(name, zipfile.ZipInfo) else name)
        return real_open(self, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    result, grown = peak_growth(lambda: read_file(data, "laporan.xlsx"))
    assert any("xl/worksheets/sheet1.xml" in m and "30 MB" in m and "paling besar 5 MB" in m
               for m in messages(result)), messages(result)
    assert "xl/worksheets/sheet1.xml" not in opened  # refused from the central directory alone
    assert grown < MAX_GROWTH


def test_default_limits_refuse_the_reported_attacks():
    limits = config.get().imports
    assert limits.max_sheet_mb < 300       # the 300 MB sheet of the report
    assert limits.max_columns < 20_000     # the 20,000-column CSV of the report
    assert limits.max_rows == 250_000      # the limit the importer always had
