"""XLSX in the import format: the blank template (README sheet, drop-down lists) and an export
of the database, which imports back into an empty database with the same contents."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from sqlalchemy import Engine, select

from data_access import schema, spreadsheet, vocab
from data_access.importer.spec import DATASETS, OPTIONAL_EXTENSIONS, Dataset
from data_access.wilayah import read_wilayah
from texts import importer as msg

# Pilkada 2024 in Bangka Selatan: the office's first file (elections and pairs), shipped in the repo
# (assets/referensi/SOURCE.md); the Impor Data page offers it and the demo generator reads it.
REFERENCE_WORKBOOK = Path(__file__).resolve().parents[2] / "assets" / "referensi" / "pilkada_2024_bangka_selatan.xlsx"
VALIDATION_ROWS = 5000
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
REQUIRED_FILL = PatternFill("solid", fgColor="FCE4D6")

def _safe(value):
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def _put(ws, row: int, col: int, value):
    cell = ws.cell(row=row, column=col, value=_safe(value))
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # text that looks like a formula stays text
    if isinstance(value, dt.date):
        cell.number_format = "DD/MM/YYYY"
    return cell


def _columns(ds: Dataset) -> list:
    return ds.columns


def _lists_sheet(wb: Workbook) -> dict[str, str]:
    """A hidden sheet 'daftar' with one column per drop-down list; returns list name -> range."""
    ws = wb.create_sheet("daftar")
    areas = read_wilayah()
    lists = {
        "pemilihan": list(vocab.ELECTION_KINDS), "metode": list(vocab.METODE),
        "sumber_kegiatan": list(vocab.ACTIVITY_SOURCES), "jabatan": list(vocab.JABATAN),
        "bentuk": list(vocab.BENTUK_PENGAWASAN), "sumber_kasus": list(vocab.CASE_SOURCES),
        "jenis_dugaan": list(vocab.JENIS_DUGAAN), "status": list(vocab.CASE_STATUSES),
        "kategori": list(vocab.KATEGORI_PELANGGARAN), "ya_tidak": [msg.YES, msg.NO],
        "kecamatan": sorted({a.kecamatan for a in areas}), "desa": sorted({a.nama for a in areas}),
    }
    ranges = {}
    for i, (name, items) in enumerate(lists.items(), start=1):
        ws.cell(row=1, column=i, value=name)
        for j, item in enumerate(items, start=2):
            ws.cell(row=j, column=i, value=item)
        letter = get_column_letter(i)
        ranges[name] = f"{quote_sheetname('daftar')}!${letter}$2:${letter}${len(items) + 1}"
    ws.sheet_state = "hidden"
    return ranges


def _list_for(dataset: str, column: str) -> str | None:
    if dataset == "pemilihan" and column == "jenis":
        return "pemilihan"
    if dataset == "paslon":  # pemilihan is an election's kode here, not its kind
        return "ya_tidak" if column == "kolom_kosong" else None
    if column == "sumber":
        return "sumber_kegiatan" if dataset == "kegiatan" else "sumber_kasus"
    if column == "dugaan_pelanggaran":
        return "ya_tidak"
    if column in ("pemilihan", "metode", "jabatan", "bentuk", "jenis_dugaan", "status", "kategori",
                  "kecamatan", "desa"):
        return column
    return None


def _readme(ws) -> None:
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 10
    ws.column_dimensions["C"].width = 90
    ws.column_dimensions["D"].width = 60
    row = 1
    for line in msg.README_INTRO:
        ws.cell(row=row, column=1, value=line).font = Font(bold=row == 1, size=14 if row == 1 else 11)
        row += 1
    for ds in DATASETS.values():
        row += 1
        ws.cell(row=row, column=1,
                value=msg.README_SHEET.format(name=ds.name, title=ds.title)).font = Font(bold=True, size=12)
        row += 1
        for col, text in enumerate(msg.README_TABLE_HEADERS, 1):
            ws.cell(row=row, column=col, value=text).font = Font(bold=True)
        for column in ds.columns:
            row += 1
            ws.cell(row=row, column=1, value=column.name)
            ws.cell(row=row, column=2, value=msg.YES if column.required else msg.NO)
            ws.cell(row=row, column=3, value=column.help).alignment = Alignment(wrap_text=True)
            if column.vocabulary:
                allowed = "; ".join(msg.README_ALLOWED.format(code=k, wording=w) for k, w in column.vocabulary.items())
                ws.cell(row=row, column=4, value=allowed).alignment = Alignment(wrap_text=True)
            elif column.kind == "yes_no":
                ws.cell(row=row, column=4, value=msg.README_YES_NO)
        for note in msg.DATASET_NOTES.get(ds.name, ()):
            row += 1
            ws.cell(row=row, column=3, value=note).alignment = Alignment(wrap_text=True)


def _dataset_sheet(wb: Workbook, ds: Dataset, ranges: dict[str, str]):
    ws = wb.create_sheet(ds.name)
    for col, column in enumerate(ds.columns, start=1):
        cell = ws.cell(row=1, column=col, value=column.name)
        cell.font = Font(bold=True)
        cell.fill = REQUIRED_FILL if column.required else HEADER_FILL
        ws.column_dimensions[get_column_letter(col)].width = max(14, min(40, len(column.name) + 4))
        letter = get_column_letter(col)
        name = _list_for(ds.name, column.name)
        if name:
            dv = DataValidation(type="list", formula1=ranges[name], allow_blank=True, errorStyle="warning",
                                showErrorMessage=True, errorTitle=msg.TEMPLATE_LIST_TITLE,
                                error=msg.TEMPLATE_LIST_ERROR)
        elif column.kind == "date":
            dv = DataValidation(type="date", operator="greaterThan", formula1="36526", allow_blank=True,
                                errorStyle="warning", showErrorMessage=True, error=msg.TEMPLATE_DATE_ERROR)
        elif column.kind == "whole":
            dv = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                                errorStyle="stop", showErrorMessage=True, error=msg.TEMPLATE_WHOLE_ERROR)
        else:
            dv = None
        if dv is not None:
            dv.add(f"{letter}2:{letter}{VALIDATION_ROWS}")
            ws.add_data_validation(dv)
        if column.kind == "date":
            for r in range(2, 3):
                ws.cell(row=r, column=col).number_format = "DD/MM/YYYY"
    ws.freeze_panes = "A2"
    return ws


def _workbook() -> tuple[Workbook, dict]:
    wb = Workbook()
    readme = wb.active
    readme.title = "README"
    _readme(readme)
    ranges = _lists_sheet(wb)
    sheets = {name: _dataset_sheet(wb, ds, ranges) for name, ds in DATASETS.items()}
    wb.move_sheet("daftar", offset=len(DATASETS))
    return wb, sheets


def _bytes(wb: Workbook) -> bytes:
    return spreadsheet.save_workbook(wb)  # every text cell stays text, never a formula (issue 17)


def blank_template() -> bytes:
    """The empty import template as XLSX bytes."""
    return _bytes(_workbook()[0])


def reference_workbook() -> bytes:
    """The shipped reference workbook of Pilkada 2024 in Bangka Selatan (importable as it is)."""
    return REFERENCE_WORKBOOK.read_bytes()


# ------------------------------------------------------------------------------ export
def export_rows(engine: Engine) -> dict[str, list[dict]]:
    """Every row of the database in the import format, per dataset (ordered by key). The TPS list is
    not exported: a TPS with a recap comes back with its formulir_c row, and a tps row has no date
    that would bring an older voting day's TPS back to its day."""
    S, A, R, C, H, T, F = (schema.Election, schema.CampaignActivity, schema.SupervisionReport,
                           schema.ViolationCase, schema.CaseStatus, schema.Tps, schema.FormulirC)
    out: dict[str, list[dict]] = {name: [] for name in DATASETS}
    with engine.connect() as conn:
        kec = {k: n for k, n in conn.execute(select(schema.Kecamatan.kode, schema.Kecamatan.nama))}
        desa = {k: (kec[kk], n) for k, kk, n in conn.execute(
            select(schema.Desa.kode, schema.Desa.kecamatan_kode, schema.Desa.nama))}
        election_kode = {i: k for i, k in conn.execute(select(S.id, S.kode))}  # by kode: unambiguous
        nomor_urut = {i: n for i, n in conn.execute(select(schema.Paslon.id, schema.Paslon.nomor_urut))}
        activity_kode = {i: k for i, k in conn.execute(select(A.id, A.kode))}

        def area(kode):
            return {"kecamatan": desa[kode][0], "desa": desa[kode][1], "kode_wilayah": kode}

        for e in conn.execute(select(S).order_by(S.voting_day, S.kode)):
            out["pemilihan"].append({
                "kode": e.kode, "jenis": e.jenis, "nama": e.nama, "kode_wilayah": e.wilayah_kode,
                "kampanye_mulai": e.campaign_start, "kampanye_selesai": e.campaign_end,
                "masa_tenang_mulai": e.quiet_start, "masa_tenang_selesai": e.quiet_end,
                "hari_pemungutan": e.voting_day, "batas_formulir_c": e.formulir_c_deadline})
        P = schema.Paslon
        for p in conn.execute(select(P).order_by(P.election_id, P.nomor_urut)):
            out["paslon"].append({
                "pemilihan": election_kode[p.election_id], "nomor_urut": p.nomor_urut, "nama": p.nama,
                "kolom_kosong": msg.YES if p.is_kolom_kosong else msg.NO, "partai_pengusul": p.partai_pengusul})

        for a in conn.execute(select(A).order_by(A.kode)):
            out["kegiatan"].append({
                "kode_kegiatan": a.kode, "pemilihan": election_kode[a.election_id],
                "nomor_urut": nomor_urut[a.paslon_id],
                "metode": a.metode, "tanggal": a.tanggal,
                "jam_mulai": a.jam_mulai.strftime("%H:%M") if a.jam_mulai else None, **area(a.desa_kode),
                "lokasi": a.lokasi, "perkiraan_peserta": a.perkiraan_peserta, "sumber": a.sumber})
        for r in conn.execute(select(R).order_by(R.nomor_lhp)):
            out["pengawasan"].append({
                "nomor_lhp": r.nomor_lhp, "tanggal_pengawasan": r.tanggal,
                "kode_kegiatan": activity_kode.get(r.activity_id), **area(r.desa_kode),
                "nama_pengawas": r.nama_pengawas, "jabatan": r.jabatan, "bentuk": r.bentuk, "uraian": r.uraian,
                "dugaan_pelanggaran": msg.YES if r.dugaan_pelanggaran else msg.NO, "tanggal_lapor": r.filed_on})
        cases = {c.id: c for c in conn.execute(select(C))}
        for h in conn.execute(select(H).order_by(H.case_id, H.tanggal, H.id)):
            c = cases[h.case_id]
            out["pelanggaran"].append({
                "nomor": c.nomor, "sumber": c.sumber, "tanggal_kejadian": c.tanggal_kejadian,
                "tanggal_diterima": c.tanggal_diterima, **area(c.desa_kode),
                "pemilihan": election_kode.get(c.election_id), "nomor_urut": nomor_urut.get(c.paslon_id),
                "jenis_dugaan": c.jenis_dugaan, "status": h.status, "tanggal_status": h.tanggal,
                "kategori": c.kategori, "terlapor": c.terlapor, "pelapor": c.pelapor})
        recaps = {f.tps_id: f for f in conn.execute(select(F))}
        tps_rows = conn.execute(select(T).order_by(T.voting_day, T.desa_kode, T.nomor)).fetchall()
        for t, f in ((t, recaps[t.id]) for t in tps_rows if t.id in recaps):
            out["formulir_c"].append({
                **area(t.desa_kode), "nomor_tps": t.nomor, "jumlah_dpt": f.dpt, "terdistribusi": f.delivered,
                **{f"tidak_terdistribusi_{r}": getattr(f, f"undelivered_{r}") for r in vocab.UNDELIVERED_REASONS},
                "tanggal_laporan": f.report_date})
    return out


def export_workbook(engine: Engine) -> bytes:
    """The database's elections, pairs and reports as one XLSX in the import format (with README and
    drop-downs)."""
    wb, sheets = _workbook()
    for name, rows in export_rows(engine).items():
        ws, columns = sheets[name], [c.name for c in DATASETS[name].columns]
        for i, row in enumerate(rows, start=2):
            for j, column in enumerate(columns, start=1):
                value = row.get(column)
                if value is not None:
                    _put(ws, i, j, value)
    return _bytes(wb)


assert all(ext in DATASETS[name].by_name for name, exts in OPTIONAL_EXTENSIONS.items() for ext in exts)
