"""Validation of one raw sheet: its header row, and each row's cells parsed into a record (the
stored values plus ``_row``), its area resolved to a desa."""
from __future__ import annotations

from data_access.importer.context import Context
from data_access.importer.reading import Progress, RawSheet
from data_access.importer.spec import DATASETS, Problem
from data_access.importer.values import ValueProblem, area_key, shown
from texts import importer as msg


class SheetCheck:
    """Validates one raw sheet into records (dicts of stored values plus ``_row``)."""

    def __init__(self, sheet: RawSheet, ctx: Context, problems: list[Problem]):
        self.sheet, self.ctx, self.problems = sheet, ctx, problems
        self.spec = DATASETS[sheet.dataset]
        self.position = {key: i for i, (_, _, key) in enumerate(sheet.headers)}
        self.written = {key: text for _, text, key in sheet.headers}

    def col(self, name: str) -> str:
        return self.written.get(name, name)

    def problem(self, row: int | None, column: str | None, message: str, level: str = "error") -> None:
        self.problems.append(Problem(self.sheet.label, row, self.col(column) if column else None, message, level))

    def check_headers(self) -> bool:
        known = set(self.spec.by_name)
        ok = True
        for _, text, key in self.sheet.headers:
            if key not in known:
                self.problem(self.sheet.header_row, None, msg.HEADER_UNKNOWN.format(header=text), "warning")
        present = set(self.position)
        if not present & known:
            self.problems.append(Problem(self.sheet.label, self.sheet.header_row, None, msg.HEADER_ROW_UNKNOWN.format(
                examples=", ".join(c.name for c in self.spec.columns[:3]))))
        for column in self.spec.columns:
            if column.required and column.name not in present:
                self.problems.append(Problem(self.sheet.label, self.sheet.header_row, column.name,
                                             msg.HEADER_MISSING.format(column=column.name)))
                ok = False
        if self.spec.has_area and "kode_wilayah" not in present:
            for name in ("kecamatan", "desa"):
                if name not in present:
                    self.problems.append(Problem(self.sheet.label, self.sheet.header_row, name,
                                                 msg.AREA_HEADER_MISSING.format(column=name)))
                    ok = False
        return ok

    def records(self, progress: Progress | None, base: float) -> list[dict]:
        out = []
        columns = [c for c in self.spec.columns if c.parse is not None and c.name in self.position]
        missing_required = [c for c in self.spec.columns if c.parse is not None and c.name not in self.position]
        n = len(self.sheet.rows)
        for i, (row, values) in enumerate(self.sheet.rows, start=1):
            rec, bad = {"_row": row}, False
            for column in columns:
                value = values[self.position[column.name]]
                if value is None:
                    if column.required:
                        self.problem(row, column.name, msg.REQUIRED)
                        bad = True
                    rec[column.name] = None
                    continue
                try:
                    rec[column.name] = column.parse(value)
                except ValueProblem as exc:
                    self.problem(row, column.name, str(exc))
                    bad = True
                except Exception:
                    self.problem(row, column.name, msg.VALUE_UNREADABLE.format(value=shown(value)))
                    bad = True
            for column in missing_required:
                rec[column.name] = None
            if self.spec.has_area:
                desa = self.area(row, values)
                if desa is None:
                    bad = True
                rec["desa_kode"] = desa
            if not bad:
                out.append(rec)
            if progress and i % 5000 == 0:
                progress(base + 0.15 * i / n, msg.PROGRESS_CHECKING.format(label=self.sheet.label, done=i, total=n))
        return out

    def area(self, row: int, values: tuple) -> str | None:
        def get(name):
            pos = self.position.get(name)
            return None if pos is None else values[pos]

        kec_raw, desa_raw, kode_raw = get("kecamatan"), get("desa"), get("kode_wilayah")
        ctx = self.ctx
        kec = None
        if kec_raw is not None:
            kec = ctx.kec_by_key.get(area_key(kec_raw))
            if kec is None:
                self.problem(row, "kecamatan", msg.KECAMATAN_UNKNOWN.format(
                    kecamatan=shown(kec_raw), known=", ".join(ctx.kecamatan.values())))
                return None
        if kode_raw is not None:
            kode = "".join(str(kode_raw).split())
            if kode not in ctx.desa:
                self.problem(row, "kode_wilayah", msg.AREA_CODE_UNKNOWN.format(kode=shown(kode_raw)))
                return None
            desa_kec, desa_nama = ctx.desa[kode]
            if kec is not None and kec != desa_kec:
                self.problem(row, "kode_wilayah", msg.AREA_CODE_OTHER_KECAMATAN.format(
                    kode=kode, desa=desa_nama, kecamatan_kode=ctx.kecamatan[desa_kec], kecamatan=ctx.kecamatan[kec]))
                return None
            if desa_raw is not None and area_key(desa_raw) != area_key(desa_nama):
                self.problem(row, "desa", msg.DESA_NOT_THE_CODE.format(
                    desa=shown(desa_raw), kode=kode, desa_kode=desa_nama))
                return None
            return kode
        if kec_raw is None:
            self.problem(row, "kecamatan", msg.AREA_REQUIRED)
            return None
        if desa_raw is None:
            self.problem(row, "desa", msg.AREA_REQUIRED)
            return None
        key = area_key(desa_raw)
        kode = ctx.desa_by_key.get((kec, key))
        if kode is None:
            elsewhere = ctx.desa_anywhere.get(key)
            if elsewhere:
                where = ", ".join(ctx.kecamatan[ctx.desa[k][0]] for k in elsewhere)
                self.problem(row, "desa", msg.DESA_IN_OTHER_KECAMATAN.format(
                    desa=shown(desa_raw), kecamatan=ctx.kecamatan[kec], where=where))
            else:
                self.problem(row, "desa", msg.DESA_UNKNOWN.format(desa=shown(desa_raw), kecamatan=ctx.kecamatan[kec]))
            return None
        return kode
