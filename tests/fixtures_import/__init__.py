"""Small import files written by hand for the importer tests (the expected values in the tests
are worked out from these rows)."""
from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook

from tests.builders import Builder

KEGIATAN_HEADER = ["kode_kegiatan", "pemilihan", "nomor_urut", "metode", "tanggal", "jam_mulai", "kecamatan",
                   "desa", "lokasi", "perkiraan_peserta", "sumber"]
KEGIATAN = [
    ["STTP/001", "bupati", 2, "tatap_muka_dialog", "01/10/2024", "14.30", "Toboali", "Rias", "Balai Desa Rias",
     "1.250", "sttp"],
    ["STTP/002", "Gubernur", 1, "Pertemuan terbatas", dt.datetime(2024, 10, 2), "09:00", "Air Gegas", "Airgegas",
     "", 40, "Jadwal KPU"],
]
PENGAWASAN_HEADER = ["nomor_lhp", "tanggal_pengawasan", "kode_kegiatan", "kode_wilayah", "nama_pengawas", "jabatan",
                     "bentuk", "uraian", "dugaan_pelanggaran", "tanggal_lapor"]
PENGAWASAN = [
    ["001/LHP", "2024-10-01", "STTP/001", "19.03.01.2008", "Budi Santoso", "pkd", "langsung", "Tertib", "tidak",
     "02-10-2024"],
    ["002/LHP", "2024-10-05", "", "19.03.05.2001", "Sari Lestari", "Panwaslu Kecamatan", "pencegahan", "", "ya", ""],
]
PELANGGARAN_HEADER = ["nomor", "sumber", "tanggal_kejadian", "tanggal_diterima", "kecamatan", "desa", "pemilihan",
                      "nomor_urut", "jenis_dugaan", "status", "tanggal_status", "kategori", "terlapor", "pelapor"]
PELANGGARAN = [
    ["001/LP", "laporan", "2024-10-03", "2024-10-04", "Payung", "Malik", "bupati", 2, "politik_uang", "diterima",
     "2024-10-04", "", "Terlapor A", "Pelapor B"],
    ["001/LP", "laporan", "2024-10-03", "2024-10-04", "Payung", "Malik", "bupati", 2, "politik_uang", "Kajian awal",
     "2024-10-05", "", "Terlapor A", "Pelapor B"],
    ["002/TM", "temuan", "", "2024-10-06", "Kepulauan Pongok", "Pongok", "", "", "apk", "diterima", "2024-10-06",
     "", "", ""],
]
FORMULIR_HEADER = ["kecamatan", "desa", "nomor_tps", "jumlah_dpt", "terdistribusi",
                   "tidak_terdistribusi_meninggal_dunia", "tidak_terdistribusi_pindah_domisili",
                   "tidak_terdistribusi_pindah_memilih", "tidak_terdistribusi_tidak_dikenal",
                   "tidak_terdistribusi_tidak_di_tempat", "tidak_terdistribusi_lainnya", "tanggal_laporan"]
FORMULIR = [
    ["Toboali", "Toboali", 1, 500, 480, 5, 3, 2, 6, 3, 1, "24/11/2024"],
    ["Lepar", "Tanjung Labu", 2, 300, 300, 0, 0, 0, 0, 0, 0, "2024-11-23"],
]


def good_sheets() -> dict[str, list[list]]:
    """The good workbook's sheets (fresh copies: tests may change cells)."""
    sheets = {"kegiatan": [KEGIATAN_HEADER, *KEGIATAN], "pengawasan": [PENGAWASAN_HEADER, *PENGAWASAN],
              "pelanggaran": [PELANGGARAN_HEADER, *PELANGGARAN], "formulir_c": [FORMULIR_HEADER, *FORMULIR]}
    return {name: [list(row) for row in rows] for name, rows in sheets.items()}


def xlsx(sheets: dict[str, list[list]], *, merge: dict[str, str] | None = None,
         formula: tuple[str, str, str] | None = None) -> bytes:
    """An XLSX with the given sheets (first row = header). ``merge``: sheet -> range to merge;
    ``formula``: (sheet, cell, formula) written as a real formula."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append([None if v == "" else v for v in row])
    for name, ref in (merge or {}).items():
        wb[name].merge_cells(ref)
    if formula:
        wb[formula[0]][formula[1]] = formula[2]
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def csv_bytes(rows: list[list], *, sep: str = ",", encoding: str = "utf-8") -> bytes:
    import csv

    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=sep, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return buf.getvalue().encode(encoding)


def elections(engine) -> dict[str, int]:
    """The 2024 elections with their pairs, as in Bangka Selatan (campaign 25/09 - 23/11/2024)."""
    b = Builder(engine)
    e1, e2 = b.election("bupati", kode="bupati-2024"), b.election("gubernur", kode="gubernur-2024")
    return {"bupati": e1, "gubernur": e2,
            "b1": b.paslon(e1, 1, "Kolom kosong", kolom_kosong=True), "b2": b.paslon(e1, 2, "Pasangan Bupati"),
            "g1": b.paslon(e2, 1, "Pasangan Gubernur 1"), "g2": b.paslon(e2, 2, "Pasangan Gubernur 2")}


def fast_xlsx(sheet: str, rows) -> bytes:
    """A minimal valid XLSX written directly (inline strings, no styles): builds 50,000 rows in a
    fraction of the time openpyxl needs. Cells: str -> text, int -> number, None -> empty."""
    import zipfile
    from xml.sax.saxutils import escape

    from openpyxl.utils import get_column_letter

    def cell(ref, value):
        if value is None:
            return ""
        if isinstance(value, int):
            return f'<c r="{ref}"><v>{value}</v></c>'
        return f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(value))}</t></is></c>'

    letters = [get_column_letter(i) for i in range(1, 60)]
    body = "".join(f'<row r="{r}">' + "".join(cell(f"{letters[i]}{r}", v) for i, v in enumerate(row)) + "</row>"
                   for r, row in enumerate(rows, start=1))
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel_ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    files = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
            'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.worksheet+xml"/></Types>'),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            f'2006/relationships"><Relationship Id="rId1" Type="{rel_ns}/officeDocument" Target="xl/workbook.xml"/>'
            '</Relationships>'),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook {ns} xmlns:r="{rel_ns}"><sheets>'
            f'<sheet name="{escape(sheet)}" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            f'2006/relationships"><Relationship Id="rId1" Type="{rel_ns}/worksheet" Target="worksheets/sheet1.xml"/>'
            '</Relationships>'),
        "xl/worksheets/sheet1.xml": f'<?xml version="1.0" encoding="UTF-8"?><worksheet {ns}><sheetData>{body}'
                                    '</sheetData></worksheet>',
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files.items():
            z.writestr(name, text)
    return buf.getvalue()
