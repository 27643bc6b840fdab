"""Planning of the pengawasan sheet (LHP, Formulir Model A): the activity each report supervises,
and its dates."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from data_access import schema
from data_access.importer.base import PlannerBase, fmt
from data_access.importer.result import DatasetPlan
from data_access.importer.sheetcheck import SheetCheck
from texts import importer as msg

A, R = schema.CampaignActivity, schema.SupervisionReport


class PengawasanPlanner(PlannerBase):
    def pengawasan(self, check: SheetCheck, records: list[dict], new_dates: dict[str, dt.date]) -> DatasetPlan:
        plan = DatasetPlan()
        records = self.duplicates(check, records, lambda r: r["nomor_lhp"], "nomor_lhp",
                                  lambda r: msg.LHP_KEY.format(nomor=r["nomor_lhp"]))
        activity_kode, activity_day = {}, {}
        for i, k, day in self.conn.execute(select(A.id, A.kode, A.tanggal)):
            activity_kode[i], activity_day[k] = k, day
        activity_day.update(new_dates)  # the file's kegiatan sheet (new or corrected dates)
        existing = {r.nomor_lhp: r for r in self.conn.execute(select(R))}
        has_filed = "tanggal_lapor" in check.position
        for rec in records:
            row = rec["_row"]
            kode = rec.get("kode_kegiatan")
            if kode is not None and kode not in activity_day:
                self.err(check, row, "kode_kegiatan", msg.LHP_ACTIVITY_UNKNOWN.format(kode=kode))
                continue
            day = rec["tanggal_pengawasan"]
            if day > self.ctx.today:
                self.err(check, row, "tanggal_pengawasan", msg.NOT_YET.format(day=fmt(day)))
                continue
            if not self.in_period(check, rec, "tanggal_pengawasan", msg.LHP_WHAT):
                continue
            if kode is not None and day < activity_day[kode]:
                self.err(check, row, "tanggal_pengawasan", msg.LHP_BEFORE_ACTIVITY.format(
                    day=fmt(day), kode=kode, activity_day=fmt(activity_day[kode])))
                continue
            old = existing.get(rec["nomor_lhp"])
            filed = rec.get("tanggal_lapor") if has_filed else (old.filed_on if old is not None else None)
            if filed is not None and filed < day:
                where = "tanggal_lapor" if has_filed else "tanggal_pengawasan"
                self.err(check, row, where, msg.LHP_FILED_BEFORE.format(filed=fmt(filed), day=fmt(day)))
                continue
            if filed is not None and filed > self.ctx.today:
                self.err(check, row, "tanggal_lapor", msg.NOT_YET.format(day=fmt(filed)))
                continue
            vals = {"nomor_lhp": rec["nomor_lhp"], "tanggal": day, "activity_kode": kode,
                    "desa_kode": rec["desa_kode"], "nama_pengawas": rec["nama_pengawas"], "jabatan": rec["jabatan"],
                    "bentuk": rec.get("bentuk"), "uraian": rec.get("uraian"),
                    "dugaan_pelanggaran": rec["dugaan_pelanggaran"], "filed_on": filed}
            if old is None:
                plan.inserts.append({**vals, "recorded_at": self.now})
                plan.note(row, rec["nomor_lhp"], "baru")
                continue
            if not self.personal:
                self.keep_names(check, row, vals, rec, old)
            old_vals = {"tanggal": old.tanggal, "activity_kode": activity_kode.get(old.activity_id),
                        "desa_kode": old.desa_kode, "nama_pengawas": old.nama_pengawas, "jabatan": old.jabatan,
                        "bentuk": old.bentuk, "uraian": old.uraian, "dugaan_pelanggaran": old.dugaan_pelanggaran,
                        "filed_on": old.filed_on}
            changed = [k for k, v in old_vals.items() if vals[k] != v]
            if changed:
                plan.updates.append({**vals, "_id": old.id, "recorded_at": self.now})
                plan.note(row, rec["nomor_lhp"], "berubah", changed)
            else:
                plan.note(row, rec["nomor_lhp"], "sama")
        return plan
