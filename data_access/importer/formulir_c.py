"""Planning of the formulir_c sheet (Formulir C recaps per TPS): the recap's voting day, its
counts adding up to the DPT, and the TPS it lists or creates."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from data_access import schema, vocab
from data_access.importer.base import PlannerBase, fmt
from data_access.importer.result import DatasetPlan
from data_access.importer.sheetcheck import SheetCheck
from texts import importer as msg

T, F = schema.Tps, schema.FormulirC
REASONS = tuple(vocab.UNDELIVERED_REASONS)
# A Formulir C recap belongs to the voting day at most this many days after / before its date.
FORMULIR_C_DAYS_BEFORE_VOTING = 60
FORMULIR_C_DAYS_AFTER_VOTING = 14


class FormulirCPlanner(PlannerBase):
    def voting_day(self, check: SheetCheck, rec: dict) -> dt.date | None:
        day = rec["tanggal_laporan"]
        if not self.ctx.voting_days:
            self.err(check, rec["_row"], "tanggal_laporan", msg.NO_ELECTIONS)
            return None
        for voting in self.ctx.voting_days:
            if voting - dt.timedelta(days=FORMULIR_C_DAYS_BEFORE_VOTING) <= day <= voting + dt.timedelta(
                    days=FORMULIR_C_DAYS_AFTER_VOTING):
                return voting
        days = ", ".join(fmt(v) for v in self.ctx.voting_days)
        self.err(check, rec["_row"], "tanggal_laporan", msg.FORMULIR_C_NO_VOTING_DAY.format(
            day=fmt(day), days=days, before=FORMULIR_C_DAYS_BEFORE_VOTING, after=FORMULIR_C_DAYS_AFTER_VOTING))
        return None

    def formulir_c(self, check: SheetCheck, records: list[dict], listed: dict | None = None) -> DatasetPlan:
        """``listed``: the TPS of the same file's tps sheet, (desa, nomor, voting day) -> DPT, written
        before the recaps; a recap of one of them must state the same DPT."""
        listed = listed or {}
        plan = DatasetPlan()
        desa_nama = {k: n for k, (_, n) in self.ctx.desa.items()}
        records = self.duplicates(check, records, lambda r: (r["desa_kode"], r["nomor_tps"]), "nomor_tps",
                                  lambda r: msg.TPS_KEY.format(nomor=r["nomor_tps"], desa=desa_nama[r["desa_kode"]]))
        recaps = {f.tps_id: f for f in self.conn.execute(select(F))}
        existing = {(t.desa_kode, t.nomor, t.voting_day): (t, recaps.get(t.id)) for t in self.conn.execute(select(T))}
        counts = ("delivered", *(f"undelivered_{r}" for r in REASONS))
        tps_inserts, tps_updates, fc_updates = [], [], []
        for rec in records:
            row, dpt = rec["_row"], rec["jumlah_dpt"]
            ok = self.tps_number_and_dpt_ok(check, rec)
            undelivered = sum(rec[f"tidak_terdistribusi_{r}"] for r in REASONS)
            total = rec["terdistribusi"] + undelivered
            if total != dpt:
                self.err(check, row, "jumlah_dpt", msg.FORMULIR_C_SUM.format(
                    delivered=rec["terdistribusi"], undelivered=undelivered, total=total, dpt=dpt,
                    difference=total - dpt))
                ok = False
            if rec["tanggal_laporan"] > self.ctx.today:
                self.err(check, row, "tanggal_laporan", msg.NOT_YET.format(day=fmt(rec["tanggal_laporan"])))
                ok = False
            voting = self.voting_day(check, rec)
            if not ok or voting is None:
                continue
            key = (rec["desa_kode"], rec["nomor_tps"], voting)
            label = msg.TPS_CHANGE_KEY.format(desa=desa_nama[rec["desa_kode"]], nomor=rec["nomor_tps"])
            vals = {"dpt": dpt, "delivered": rec["terdistribusi"], "report_date": rec["tanggal_laporan"],
                    **{f"undelivered_{r}": rec[f"tidak_terdistribusi_{r}"] for r in REASONS}}
            old_tps, old_fc = existing.get(key, (None, None))
            tkey = {"desa_kode": key[0], "nomor": key[1], "voting_day": key[2]}
            if key in listed:
                if listed[key] != dpt:
                    self.err(check, row, "jumlah_dpt", msg.FORMULIR_C_DPT_NOT_LISTED.format(
                        dpt=dpt, listed=listed[key]))
                    continue
                if old_tps is None:  # the tps sheet adds it
                    plan.inserts.append({**tkey, **vals, "recorded_at": self.now})
                    plan.note(row, label, "baru")
                    continue
            if old_tps is None:
                tps_inserts.append({**tkey, "dpt": dpt, "recorded_at": self.now})
                plan.inserts.append({**tkey, **vals, "recorded_at": self.now})
                plan.note(row, label, "baru")
                continue
            if old_tps.dpt != dpt and key not in listed:
                tps_updates.append({"_id": old_tps.id, "dpt": dpt, "recorded_at": self.now})
            if old_fc is None:
                plan.inserts.append({**tkey, **vals, "recorded_at": self.now})
                plan.note(row, label, "baru")
                continue
            changed = [c for c in ("dpt", *counts, "report_date") if getattr(old_fc, c) != vals[c]]
            if changed:
                fc_updates.append({**vals, "_id": old_tps.id, "recorded_at": self.now})
                plan.note(row, label, "berubah", changed)
            else:
                plan.note(row, label, "sama")
        plan.updates = fc_updates
        plan.extra.update(tps_inserts=tps_inserts, tps_updates=tps_updates)
        return plan
