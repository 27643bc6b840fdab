"""Planning a whole file: its sheets checked, then planned in dependency order (reference sheets
first, so the other sheets are checked against the elections and pairs they add)."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection

from data_access.importer.context import Context
from data_access.importer.formulir_c import FormulirCPlanner
from data_access.importer.kegiatan import KegiatanPlanner
from data_access.importer.pelanggaran import PelanggaranPlanner
from data_access.importer.pengawasan import PengawasanPlanner
from data_access.importer.reading import Progress, RawFile
from data_access.importer.reference import ReferencePlanner
from data_access.importer.result import DatasetPlan
from data_access.importer.sheetcheck import SheetCheck
from data_access.importer.spec import ORDER, REFERENCE, Problem
from texts import importer as msg


class Planner(ReferencePlanner, KegiatanPlanner, PengawasanPlanner, PelanggaranPlanner, FormulirCPlanner):
    """One planner per file: a method per dataset, from the dataset modules."""


def plan_file(conn: Connection, raw: RawFile, progress: Progress | None, now: dt.datetime, personal: bool = True):
    problems = list(raw.problems)
    plans: dict[str, DatasetPlan] = {}
    ctx = Context(conn)
    checks = {}
    for sheet in raw.sheets:
        check = SheetCheck(sheet, ctx, problems)
        if check.check_headers():
            checks[sheet.dataset] = check
    if not raw.ok:
        return problems, plans
    planner = Planner(conn, ctx, problems, now, personal=personal)
    records = {}
    for i, (name, check) in enumerate(checks.items()):
        records[name] = check.records(progress, 0.3 + 0.3 * i / max(len(checks), 1))
    for name in REFERENCE:
        if name not in checks:
            continue
        if progress:
            progress(0.6, msg.PROGRESS_COMPARING.format(dataset=name))
        if name == "pemilihan":
            kegiatan_in_file = {r["kode_kegiatan"] for r in records.get("kegiatan", [])}
            plans[name] = planner.pemilihan(checks[name], records[name], kegiatan_in_file)
        elif name == "paslon":
            written = set()
            if "pemilihan" in checks and "kode" in checks["pemilihan"].position:
                pos = checks["pemilihan"].position["kode"]
                written = {" ".join(str(v[pos]).split())
                           for _, v in checks["pemilihan"].sheet.rows if v[pos] is not None}
            plans[name] = planner.paslon(checks[name], records[name], written)
        else:
            recaps_in_file = {(r["desa_kode"], r["nomor_tps"]) for r in records.get("formulir_c", [])}
            plans[name] = planner.tps(checks[name], records[name], recaps_in_file)
    reference_sheets = {checks[n].sheet.label for n in REFERENCE if n in checks}
    if any(p.level == "error" and p.sheet in reference_sheets for p in problems):
        for name in ORDER:
            if name in checks and name not in REFERENCE:
                problems.append(Problem(checks[name].sheet.label, None, None, msg.REFERENCE_SHEET_BROKEN,
                                        "warning"))
        return problems, {}
    new_dates: dict[str, dt.date] = {}
    for name in ORDER:
        if name not in checks or name in REFERENCE:
            continue
        if progress:
            progress(0.6, msg.PROGRESS_COMPARING.format(dataset=name))
        check = checks[name]
        if name == "kegiatan":
            plans[name] = planner.kegiatan(check, records[name])
            new_dates = plans[name].extra["dates"]
        elif name == "pengawasan":
            plans[name] = planner.pengawasan(check, records[name], new_dates)
        elif name == "pelanggaran":
            plans[name] = planner.pelanggaran(check, records[name])
        else:
            listed = plans["tps"].extra["listed"] if "tps" in plans else None
            plans[name] = planner.formulir_c(check, records[name], listed)
    if "kegiatan" in plans:
        planner.stored_reports_before_moved(checks["kegiatan"], plans["kegiatan"].extra["moved_later"],
                                            {r["nomor_lhp"] for r in records.get("pengawasan", [])})
    if any(p.level == "error" for p in problems):
        return problems, {}
    return problems, plans
