"""Every CSV and XLSX file Pantau hands out is written here, so that none of them ever gives a
spreadsheet a formula made from stored text (issue 17, finding 1).

Stored free text comes from operators' files (kode_kegiatan, lokasi, nomor, names) and even from
strangers (the user name typed into a failed login lands in the audit log). A spreadsheet opening
a download must show such text, never run it:

- XLSX: a text value is always a text cell. openpyxl turns a string starting with ``=`` into a
  formula cell; ``text_cells`` turns every formula cell back into a text cell before saving (Pantau
  itself writes no formulas into cells).
- CSV has no cell types, so a text cell that a spreadsheet would evaluate (OWASP's CSV-injection
  rule: a leading ``=``, ``+``, ``-``, ``@``, tab or carriage return) gets a leading apostrophe.
  Only text is changed: numbers, dates and booleans (negative numbers included) are written as
  they are. The stamp lines above the table are written as quoted single cells, so a ``;`` in a
  filter description cannot start a cell of its own.

The screen is not concerned: pages show the stored text unchanged.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable

import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A CSV text cell a spreadsheet would evaluate, made inert with a leading apostrophe; any other
    value as it is."""
    if isinstance(value, str) and value.startswith(TRIGGERS):
        return "'" + value
    return value


def _text_columns(df: pd.DataFrame) -> list:
    return [c for c in df.columns if not (pd.api.types.is_numeric_dtype(df[c]) or pd.api.types.is_bool_dtype(df[c])
                                          or pd.api.types.is_datetime64_any_dtype(df[c]))]


def neutralised_frame(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with every text cell (and column name) passed through ``neutralise``; numeric
    columns untouched. A copy: the caller's frame (shown on screen) is not changed."""
    text = _text_columns(df)
    out = df.copy() if text else df
    for col in text:
        out[col] = df[col].astype(object).map(neutralise)
    return out.rename(columns=lambda c: neutralise(c) if isinstance(c, str) else c)


def csv_bytes(df: pd.DataFrame, *, lines: Iterable[str] = (), sep: str = ";", decimal: str = ",",
              date_format: str | None = "%Y-%m-%d", encoding: str = "utf-8-sig") -> bytes:
    """``df`` as CSV (by default for Excel with an Indonesian locale: ';', decimal ',', UTF-8 with
    BOM), after ``lines`` written as "# line" single cells."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=sep, lineterminator="\r\n")
    for line in lines:
        writer.writerow([f"# {line}"])
    neutralised_frame(df).to_csv(buf, sep=sep, decimal=decimal, index=False, date_format=date_format,
                                 lineterminator="\r\n")  # CRLF: a cell holding \r is quoted
    return buf.getvalue().encode(encoding)


def text_cells(wb) -> None:
    """Every formula cell of the workbook ``wb`` made a text cell (openpyxl reads a string starting
    with '=' as a formula; Pantau writes none on purpose)."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"


def save_workbook(wb) -> bytes:
    """``wb`` as XLSX bytes, with ``text_cells`` applied."""
    text_cells(wb)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _clean(value):
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def xlsx_bytes(df: pd.DataFrame, *, lines: Iterable[str] = (), sheet_name: str = "Data") -> bytes:
    """``df`` as XLSX on one sheet: ``lines`` in the first rows, the table from row 5 (header, then
    data), columns sized to their contents. Text is text, numbers are numbers."""
    lines = list(lines)
    buf = io.BytesIO()
    start = max(len(lines) + 1, 4)
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        text = _text_columns(df)
        clean = df.copy() if text else df
        for col in text:  # characters XML cannot hold (control codes) would make the file unreadable
            clean[col] = df[col].astype(object).map(_clean)
        clean.to_excel(writer, index=False, startrow=start, sheet_name=sheet_name)
        sheet = writer.sheets[sheet_name]
        for i, line in enumerate(lines, start=1):
            sheet.cell(row=i, column=1, value=_clean(line))
        for col in sheet.columns:
            width = max(len(str(c.value)) if c.value is not None and c.row > start else 8 for c in col)
            sheet.column_dimensions[col[0].column_letter].width = min(max(width + 2, 10), 60)
        text_cells(writer.book)
    return buf.getvalue()
