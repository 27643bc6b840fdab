"""Reading an uploaded file into raw sheets: XLSX workbooks (a sheet per dataset) and CSV files
(one dataset each, UTF-8 or Windows-1252, ',' or ';'). Never raises for a bad file: everything
wrong is a ``Problem``."""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePath

from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import range_boundaries

import config
from data_access.importer.sheetxml import SheetReader
from data_access.importer.spec import DATASETS, Problem, normalise_header
from data_access.importer.values import is_empty
from texts import importer as msg

MAX_BYTES = 60 * 1024 * 1024
# The other upload limits are settings (config [import] max_columns, max_rows, max_sheet_mb).
MAX_CSV_FIELDS = 16_384  # Excel's column count: a CSV line with more separators is no spreadsheet
IGNORED_SHEETS = {"readme", "petunjuk", "daftar", "daftar_pilihan"}
Progress = Callable[[float, str], None]


@dataclass
class RawSheet:
    dataset: str
    label: str  # "lembar 'kegiatan'" or "berkas 'kegiatan.csv'" as shown in messages
    header_row: int
    headers: list[tuple[int, str, str]]  # (position, header as written, normalised)
    rows: list[tuple[int, tuple]] = field(default_factory=list)  # (row number, values by position)


@dataclass
class RawFile:
    name: str
    sha256: str
    sheets: list[RawSheet] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(p.level == "error" for p in self.problems)


def _n(number: int) -> str:
    """A whole number as Indonesian text: 250.000."""
    return f"{number:,}".replace(",", ".")


def csv_dataset(file_name: str) -> str | None:
    """``kegiatan.csv`` or ``kegiatan_<anything>.csv`` -> "kegiatan"."""
    stem = PurePath(file_name).stem.strip().lower()
    for name in sorted(DATASETS, key=len, reverse=True):
        if stem == name or stem.startswith(name + "_") or stem.startswith(name + " ") or stem.startswith(name + "-"):
            return name
    return None


def read_file(data: bytes, file_name: str, progress: Progress | None = None) -> RawFile:
    raw = RawFile(name=file_name, sha256=hashlib.sha256(data).hexdigest())
    label = msg.FILE_LABEL.format(name=file_name)
    try:
        _read(raw, data, file_name, label, progress)
    except Exception as exc:
        raw.sheets = []
        raw.problems.append(Problem(label, None, None, msg.FILE_UNREADABLE.format(error=type(exc).__name__)))
    if raw.ok and not any(s.rows for s in raw.sheets):
        raw.problems.append(Problem(label, None, None, msg.FILE_NO_ROWS))
    return raw


def _read(raw: RawFile, data: bytes, file_name: str, label: str, progress: Progress | None) -> None:
    suffix = PurePath(file_name).suffix.lower()
    if not data or not data.strip():
        raw.problems.append(Problem(label, None, None, msg.FILE_EMPTY))
        return
    if len(data) > MAX_BYTES:
        raw.problems.append(Problem(label, None, None, msg.FILE_TOO_BIG.format(mb=MAX_BYTES // 2**20)))
        return
    if data[:4] == b"PK\x03\x04":
        _read_xlsx(raw, data, label, progress)
    elif suffix in (".xlsx", ".xlsm", ".xls") or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        hint = msg.OLD_XLS_HINT if suffix == ".xls" or data[:4] == b"\xd0\xcf\x11\xe0" else ""
        raw.problems.append(Problem(label, None, None, msg.NOT_XLSX.format(hint=hint)))
    elif suffix in (".csv", ".txt"):
        _read_csv(raw, data, file_name, label, progress)
    else:
        raw.problems.append(Problem(label, None, None, msg.UNKNOWN_FILE_TYPE))


# ------------------------------------------------------------------------------------- XLSX
def _open_workbook(data: bytes):
    """The parts of openpyxl's reader we need, without its read-only worksheets (which scan a whole
    sheet once just to find its size when the file has no <dimension>)."""
    reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=False)
    reader.read_manifest()
    reader.read_strings()
    reader.read_workbook()
    apply_stylesheet(reader.archive, reader.wb)
    sheets = [(sheet.name, rel.target) for sheet, rel in reader.parser.find_sheets()
              if rel.target in reader.valid_files and "chartsheet" not in (rel.Type or "")]
    return reader, sheets


def _too_large(raw: RawFile, data: bytes, label: str) -> bool:
    """True (with the problem) when a part of the workbook would be larger than ``max_sheet_mb``
    once decompressed, or all parts together larger than twice that. Read from the zip's central
    directory, before anything is decompressed; zipfile never inflates a member past the size the
    directory gives (a member that lies about it fails its CRC check)."""
    limit = config.get().imports.max_sheet_mb
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return False  # not a zip after all: the reader below says so
    for info in members:
        if info.file_size > limit * 2**20:
            raw.problems.append(Problem(label, None, None, msg.PART_TOO_BIG.format(
                part=info.filename, mb=_n(info.file_size // 2**20), limit=limit)))
            return True
    total = sum(info.file_size for info in members)
    if total > 2 * limit * 2**20:
        raw.problems.append(Problem(label, None, None, msg.WORKBOOK_TOO_BIG.format(
            mb=_n(total // 2**20), limit=2 * limit)))
        return True
    return False


def _read_xlsx(raw: RawFile, data: bytes, label: str, progress: Progress | None) -> None:
    if _too_large(raw, data, label):
        return
    try:
        if zipfile.ZipFile(io.BytesIO(data)).testzip() is not None:
            raise ValueError("corrupt member")
        reader, sheets = _open_workbook(data)
    except Exception:
        raw.problems.append(Problem(label, None, None, msg.XLSX_BROKEN))
        return
    wb = reader.wb
    try:
        found = False
        for title, path in sheets:
            key = normalise_header(title)
            if key in IGNORED_SHEETS:
                continue
            if key not in DATASETS:
                raw.problems.append(Problem(msg.SHEET_LABEL.format(name=title), None, None,
                                            msg.SHEET_UNKNOWN.format(known=", ".join(DATASETS)), "warning"))
                continue
            found = True
            sheet_label = msg.SHEET_LABEL.format(name=title)
            size = reader.archive.getinfo(path).file_size or 1
            with reader.archive.open(path) as src:
                parser = SheetReader(src, reader.shared_strings, wb._date_formats, wb._timedelta_formats, wb.epoch)
                sheet = _collect(raw, key, sheet_label, parser.rows(), progress, _share_read(src, size))
                _merged_problems(raw, sheet, sheet_label, parser.merged)
            if sheet is not None:
                raw.sheets.append(sheet)
        if not found:
            raw.problems.append(Problem(label, None, None, msg.NO_DATASET_SHEET.format(
                known=", ".join(DATASETS))))
    finally:
        reader.archive.close()


MAX_MERGED_PROBLEMS = 20


def _merged_problems(raw: RawFile, sheet: RawSheet | None, label: str, ranges: list[str]) -> None:
    """One problem per merged range, at its top-left cell (the row and column the operator must
    split), e.g. E2:E3 -> row 2, the column headed in E."""
    for ref in ranges[:MAX_MERGED_PROBLEMS]:
        try:
            col, row, _, _ = range_boundaries(ref)
        except (ValueError, TypeError):
            col = row = None
        raw.problems.append(Problem(label, row, _col_name(sheet, col) if col else None,
                                    msg.MERGED_CELLS.format(ref=ref)))
    if len(ranges) > MAX_MERGED_PROBLEMS:
        raw.problems.append(Problem(label, None, None, msg.MORE_MERGED_CELLS.format(
            count=len(ranges) - MAX_MERGED_PROBLEMS)))


def _share_read(src, size: int) -> Callable[[], float]:
    """How much of a sheet's part has been read so far (0 to 1), for the progress bar."""
    return lambda: src.tell() / size


def _collect(raw: RawFile, dataset: str, label: str, rows, progress, done: Callable[[], float]) -> RawSheet | None:
    """Turn (row number, [(column, value, data_type)]) into a RawSheet; flags formulas and errors.
    A row with more filled cells than ``max_columns`` (the header included) or a row past
    ``max_rows`` ends the sheet with a problem, before it is kept."""
    limits = config.get().imports
    sheet = None
    for idx, cells in rows:
        values = {}
        for col, value, data_type in cells:
            if data_type == "f" or (isinstance(value, str) and data_type == "f"):
                raw.problems.append(Problem(label, idx, _col_name(sheet, col), msg.FORMULA_CELL))
                continue
            if data_type == "e":
                raw.problems.append(Problem(label, idx, _col_name(sheet, col), msg.ERROR_CELL.format(value=value)))
                continue
            if isinstance(value, dt.timedelta):
                value = (dt.datetime.min + value).time() if value < dt.timedelta(days=1) else str(value)
            if not is_empty(value):
                values[col] = value
        if not values:
            continue
        if len(values) > limits.max_columns:
            raw.problems.append(Problem(label, idx, None, msg.TOO_MANY_COLUMNS.format(
                count=_n(len(values)), limit=_n(limits.max_columns))))
            return None
        if sheet is None:
            sheet = _header(raw, dataset, label, idx, values)
            if sheet is None:
                return None
            continue
        if len(sheet.rows) >= limits.max_rows:
            raw.problems.append(Problem(label, idx, None, msg.TOO_MANY_ROWS.format(limit=_n(limits.max_rows))))
            return None
        positions = sheet.headers
        sheet.rows.append((idx, tuple(values.get(pos) for pos, _, _ in positions)))
        if progress and len(sheet.rows) % 5000 == 0:
            progress(0.3 * min(1.0, done()), msg.PROGRESS_READING.format(label=label, rows=len(sheet.rows)))
    if sheet is None:
        raw.problems.append(Problem(label, None, None, msg.SHEET_EMPTY, "warning"))
    return sheet


def _col_name(sheet: RawSheet | None, position: int) -> str:
    if sheet is not None:
        for pos, text, _ in sheet.headers:
            if pos == position:
                return text
    return _letter(position)


def _letter(position: int) -> str:
    try:
        return msg.COLUMN_LETTER.format(letter=get_column_letter(position))
    except ValueError:
        return msg.COLUMN_LETTER.format(letter=position)


def _header(raw: RawFile, dataset: str, label: str, row_number: int, values: dict) -> RawSheet | None:
    headers, seen = [], {}
    for pos in sorted(values):
        text = " ".join(str(values[pos]).split())
        key = normalise_header(text)
        if key in seen:
            known = key in {c.name for c in DATASETS[dataset].columns}
            raw.problems.append(Problem(label, row_number, text, msg.DUPLICATE_HEADER.format(first=seen[key]) + (
                msg.DUPLICATE_HEADER_KNOWN if known else msg.DUPLICATE_HEADER_IGNORED),
                                        "error" if known else "warning"))
            continue
        seen[key] = text
        headers.append((pos, text, key))
    return RawSheet(dataset, label, row_number, headers)


# ------------------------------------------------------------------------------------- CSV
def _decode(data: bytes) -> str | None:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if b"\x00" in data[:4096]:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # Excel "CSV" on Indonesian Windows


def _too_wide_line(text: str, delimiter: str) -> int | None:
    """The number of the first line with ``MAX_CSV_FIELDS`` separators or more, else None. A line of
    endless separators would become a list of as many fields before any row check, so lines are
    measured before parsing, in place (no copy of the text or a line; quoted separators count too,
    harmless below this bound)."""
    start, number = 0, 1
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if text.count(delimiter, start, end) >= MAX_CSV_FIELDS:
            return number
        start, number = end + 1, number + 1
    return None


def _read_csv(raw: RawFile, data: bytes, file_name: str, label: str, progress: Progress | None) -> None:
    dataset = csv_dataset(file_name)
    if dataset is None:
        raw.problems.append(Problem(label, None, None, msg.CSV_NAME.format(
            names=", ".join(msg.CSV_FILE_NAME.format(dataset=d) for d in DATASETS))))
        return
    text = _decode(data)
    if text is None or re.search(r"[\x00-\x08\x0e-\x1f]", text[:4096]):
        raw.problems.append(Problem(label, None, None, msg.CSV_BINARY))
        return
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max((";", ",", "\t"), key=first.count)
    widest = _too_wide_line(text, delimiter)
    if widest is not None:
        raw.problems.append(Problem(label, widest, None, msg.CSV_LINE_TOO_WIDE.format(limit=_n(MAX_CSV_FIELDS))))
        return
    total_chars = len(text) or 1
    stream = io.StringIO(text, newline="")
    reader = csv.reader(stream, delimiter=delimiter)

    def rows():
        last = 0
        try:
            for record in reader:
                start, last = last + 1, reader.line_num
                yield start, [(i + 1, value, "s") for i, value in enumerate(record)]
        except csv.Error as exc:
            raw.problems.append(Problem(label, last + 1, None, msg.CSV_LINE_UNREADABLE.format(error=exc)))

    sheet = _collect(raw, dataset, label, rows(), progress, lambda: stream.tell() / total_chars)
    if sheet is not None:
        raw.sheets.append(sheet)
