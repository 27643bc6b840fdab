"""Planning of the kegiatan sheet (campaign activities): each row's election and pair, its date
in the campaign period, and stored LHP an activity moved later would leave before it."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from data_access import schema
from data_access.importer.base import DAY, PlannerBase, fmt
from data_access.importer.result import DatasetPlan
from data_access.importer.sheetcheck import SheetCheck
from texts import importer as msg

A, R = schema.CampaignActivity, schema.SupervisionReport


class KegiatanPlanner(PlannerBase):
    def kegiatan(self, check: SheetCheck, records: list[dict]) -> DatasetPlan:
        plan = DatasetPlan()
        records = self.duplicates(check, records, lambda r: r["kode_kegiatan"], "kode_kegiatan",
                                  lambda r: msg.KEGIATAN_KEY.format(kode=r["kode_kegiatan"]))
        existing = {r.kode: r for r in self.conn.execute(select(A))}
        moved: dict[int, tuple[str, dt.date, int]] = {}  # activity id -> (kode, later date, row)
        fields = ("election_id", "paslon_id", "metode", "tanggal", "jam_mulai", "desa_kode", "lokasi",
                  "perkiraan_peserta", "sumber")
        for rec in records:
            row = rec["_row"]
            election = self.campaign_election(check, rec)
            if election is None:
                continue
            paslon_id = self.ctx.paslon.get((election["id"], rec["nomor_urut"]))
            if paslon_id is None:
                have = sorted(n for (e, n) in self.ctx.paslon if e == election["id"])
                self.err(check, row, "nomor_urut", msg.PAIR_UNKNOWN.format(
                    nomor=rec["nomor_urut"], election=election["nama"],
                    known=", ".join(map(str, have)) or msg.NONE_LISTED))
                continue
            if paslon_id in self.ctx.kolom_kosong:
                self.err(check, row, "nomor_urut", msg.KEGIATAN_KOLOM_KOSONG.format(
                    nomor=rec["nomor_urut"], election=election["nama"]))
                continue
            vals = {"election_id": election["id"], "paslon_id": paslon_id, "metode": rec["metode"],
                    "tanggal": rec["tanggal"], "jam_mulai": rec.get("jam_mulai"), "desa_kode": rec["desa_kode"],
                    "lokasi": rec.get("lokasi"), "perkiraan_peserta": rec.get("perkiraan_peserta"),
                    "sumber": rec["sumber"]}
            old = existing.get(rec["kode_kegiatan"])
            if old is not None and rec["tanggal"] > old.tanggal:
                moved[old.id] = (rec["kode_kegiatan"], rec["tanggal"], row)
            self.upsert(plan, old, {"kode": rec["kode_kegiatan"], **vals}, fields, row, rec["kode_kegiatan"])
        plan.extra["dates"] = {r["kode_kegiatan"]: r["tanggal"] for r in records}
        plan.extra["moved_later"] = moved
        return plan

    def stored_reports_before_moved(self, check: SheetCheck, moved: dict, lhp_in_file: set[str]) -> None:
        """An activity corrected to a later date must not leave a stored LHP dated before it (the
        same check a new LHP gets); LHPs the same file also corrects were checked with the new date."""
        if not moved:
            return
        stored = self.conn.execute(select(R.nomor_lhp, R.tanggal, R.activity_id)
                                   .where(R.activity_id.in_(list(moved))).order_by(R.tanggal, R.nomor_lhp))
        for nomor, day, activity_id in stored:
            kode, new_day, row = moved[activity_id]
            if nomor not in lhp_in_file and day < new_day:
                self.err(check, row, "tanggal", msg.KEGIATAN_AFTER_ITS_LHP.format(
                    kode=kode, day=fmt(new_day), nomor=nomor, lhp_day=fmt(day)))

    def campaign_election(self, check: SheetCheck, rec: dict) -> dict | None:
        """The election of an activity. Its date lies in the campaign period; an activity found in
        the field (temuan_lapangan) may also lie in the quiet period, up to the day before voting:
        campaigning in masa tenang is recorded, not refused (issue 18)."""
        day, sumber = rec["tanggal"], rec["sumber"]
        found = self.election_named(check, rec, [day], lambda e: (e["campaign_start"], e["voting_day"] - DAY))
        if found is None:
            return None
        if isinstance(found, list):
            e = found[-1]
            extra = (msg.KEGIATAN_FIELD_FINDING_UNTIL.format(day=fmt(e["voting_day"] - DAY))
                     if sumber == "temuan_lapangan" else "")
            self.err(check, rec["_row"], "tanggal", msg.KEGIATAN_OUTSIDE_CAMPAIGN.format(
                day=fmt(day), election=e["nama"], start=fmt(e["campaign_start"]), end=fmt(e["campaign_end"]),
                extra=extra))
            return None
        e = found
        if day > e["campaign_end"] and sumber != "temuan_lapangan":
            self.err(check, rec["_row"], "tanggal", msg.KEGIATAN_IN_QUIET_PERIOD.format(
                day=fmt(day), election=e["nama"], start=fmt(e["campaign_start"]), end=fmt(e["campaign_end"]),
                sumber=sumber))
            return None
        return e
