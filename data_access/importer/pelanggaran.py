"""Planning of the pelanggaran sheet (temuan and laporan): one row per status, the rows of one
nomor one case, its election and pair, and the status history the file adds."""
from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select

from data_access import schema, vocab
from data_access.importer.base import PERSONAL_COLUMNS, PlannerBase, fmt
from data_access.importer.result import DatasetPlan
from data_access.importer.sheetcheck import SheetCheck
from texts import importer as msg

C, H = schema.ViolationCase, schema.CaseStatus


class PelanggaranPlanner(PlannerBase):
    def case_election(self, check: SheetCheck, rec: dict) -> tuple[int | None, int | None] | None:
        """The election (and pair) a case names, if any: a ``jenis`` means the election of that kind
        over the case's desa whose period (config [import]) holds tanggal_kejadian, else
        tanggal_diterima."""
        ref, nomor = rec.get("pemilihan"), rec.get("nomor_urut")
        if ref is None:
            if nomor is not None:
                self.err(check, rec["_row"], "pemilihan", msg.CASE_ELECTION_REQUIRED)
                return None
            return None, None
        days = [d for d in (rec.get("tanggal_kejadian"), rec["tanggal_diterima"]) if d is not None]
        found = self.election_named(check, rec, days, self.ctx.window)
        if found is None:
            return None
        if isinstance(found, list):
            if rec["pemilihan"][0] == "kode":
                election = found[0]
            else:
                spans = "; ".join(msg.CASE_ELECTION_SPAN.format(kode=e["kode"], start=fmt(self.ctx.window(e)[0]),
                                                                end=fmt(self.ctx.window(e)[1]))
                                  for e in found)
                self.err(check, rec["_row"], "pemilihan", msg.CASE_NO_ELECTION_THEN.format(
                    kind=vocab.ELECTION_KINDS[ref[1]], day=fmt(days[0]), spans=spans))
                return None
        else:
            election = found
        if nomor is None:
            return election["id"], None
        paslon_id = self.ctx.paslon.get((election["id"], nomor))
        if paslon_id is None:
            have = sorted(n for (e, n) in self.ctx.paslon if e == election["id"])
            self.err(check, rec["_row"], "nomor_urut", msg.PAIR_UNKNOWN.format(
                nomor=nomor, election=election["nama"], known=", ".join(map(str, have)) or msg.NONE_LISTED))
            return None
        return election["id"], paslon_id

    def same_case(self, check: SheetCheck, first: dict, rec: dict) -> bool:
        """Rows of one nomor in one file describe one case: the same sumber, desa and tanggal_diterima
        (a case's other fields, e.g. jenis_dugaan or kategori, may change as it is handled)."""
        ok = True
        area = "desa" if "desa" in check.position else "kode_wilayah"
        desa = {k: n for k, (_, n) in self.ctx.desa.items()}
        for field, column, shown_as in (("sumber", "sumber", str), ("desa_kode", area, desa.get),
                                        ("tanggal_diterima", "tanggal_diterima", fmt)):
            if rec[field] != first[field]:
                self.err(check, rec["_row"], column, msg.CASE_NOT_THE_SAME.format(
                    nomor=rec["nomor"], first_row=first["_row"], column=column, first=shown_as(first[field]),
                    value=shown_as(rec[field])))
                ok = False
        return ok

    def pelanggaran(self, check: SheetCheck, records: list[dict]) -> DatasetPlan:
        plan = DatasetPlan()
        records = self.duplicates(check, records, lambda r: (r["nomor"], r["status"], r["tanggal_status"]),
                                  "status", lambda r: msg.CASE_STATUS_KEY.format(
                                      status=r["status"], day=fmt(r["tanggal_status"]), nomor=r["nomor"]))
        good = []
        first_of: dict[str, dict] = {}
        for rec in records:
            row, ok = rec["_row"], True
            first = first_of.setdefault(rec["nomor"], rec)
            if first is not rec and not self.same_case(check, first, rec):
                ok = False
            kejadian, diterima, status_day = rec.get("tanggal_kejadian"), rec["tanggal_diterima"], rec["tanggal_status"]
            if kejadian is not None and kejadian > diterima:
                self.err(check, row, "tanggal_kejadian", msg.CASE_KEJADIAN_AFTER_DITERIMA.format(
                    kejadian=fmt(kejadian), diterima=fmt(diterima)))
                ok = False
            if status_day < diterima:
                self.err(check, row, "tanggal_status", msg.CASE_STATUS_BEFORE_DITERIMA.format(
                    status_day=fmt(status_day), diterima=fmt(diterima)))
                ok = False
            for name in ("tanggal_kejadian", "tanggal_diterima", "tanggal_status"):
                if rec.get(name) is not None and rec[name] > self.ctx.today:
                    self.err(check, row, name, msg.NOT_YET.format(day=fmt(rec[name])))
                    ok = False
            if diterima <= self.ctx.today and not self.in_period(check, rec, "tanggal_diterima", msg.CASE_WHAT):
                ok = False
            pair = self.case_election(check, rec)
            if pair is None:
                ok = False
            else:
                rec["election_id"], rec["paslon_id"] = pair
            if ok:
                good.append(rec)
        by_nomor: dict[str, list[dict]] = defaultdict(list)
        for rec in good:
            by_nomor[rec["nomor"]].append(rec)
        existing = {r.nomor: r for r in self.conn.execute(select(C))}
        history: dict[int, list] = defaultdict(list)
        for case_id, status, day, hid in self.conn.execute(select(H.case_id, H.status, H.tanggal, H.id)):
            history[case_id].append((day, hid, status))
        fields = ("sumber", "tanggal_kejadian", "tanggal_diterima", "desa_kode", "election_id", "paslon_id",
                  "jenis_dugaan", "kategori", "terlapor", "pelapor")
        new_history, case_inserts, case_updates = [], [], []
        for nomor, rows in by_nomor.items():
            order = sorted(rows, key=lambda r: (r["tanggal_status"], r["_row"]))
            old = existing.get(nomor)
            old_hist = sorted(history.get(old.id, [])) if old is not None else []
            have = {(s, d) for d, _, s in old_hist}
            added = [r for r in order if (r["status"], r["tanggal_status"]) not in have]
            added_ids = {id(r) for r in added}
            # The newest state by date decides the case's fields: the file's newest row, unless the
            # stored history already holds a later state (a re-sent or late older row only adds to
            # the history). On the same date the file's row wins: it is the correction.
            source = order[-1]
            stored_newest = old_hist[-1][0] if old_hist else None
            decides = stored_newest is None or source["tanggal_status"] >= stored_newest
            if decides:
                vals = {f: source.get(f) for f in fields}
                if old is not None and not self.personal:
                    self.keep_names(check, source["_row"], vals, source, old)
            else:
                vals = {f: getattr(old, f) for f in fields}
                stale = [f for f in fields if source.get(f) != vals[f]
                         and (self.personal or f not in PERSONAL_COLUMNS)]
                if stale:
                    self.err(check, source["_row"], None, msg.CASE_STORED_STATUS_NEWER.format(
                        nomor=nomor, status=old.status, day=fmt(old.status_date), columns=", ".join(stale)), "warning")
            earliest = min([d for d, _, _ in old_hist] + [r["tanggal_status"] for r in order])
            if earliest < vals["tanggal_diterima"]:
                self.err(check, source["_row"], "tanggal_diterima", msg.CASE_DITERIMA_AFTER_HISTORY.format(
                    diterima=fmt(vals["tanggal_diterima"]), earliest=fmt(earliest), nomor=nomor))
                continue
            # newest state: by date, then insertion order (new rows come after stored ones)
            newest = max([(d, 0, hid, s) for d, hid, s in old_hist] +
                         [(r["tanggal_status"], 1, i, r["status"]) for i, r in enumerate(added)])
            state = {"status": newest[3], "status_date": newest[0]}
            if old is None:
                case_inserts.append({"nomor": nomor, **vals, **state, "recorded_at": self.now})
                changed = list(fields)
            else:
                changed = [f for f in fields if getattr(old, f) != vals[f]]
                if changed or old.status != state["status"] or old.status_date != state["status_date"]:
                    case_updates.append({"nomor": nomor, **vals, **state, "_id": old.id, "recorded_at": self.now})
            for r in order:
                key = msg.CASE_CHANGE_KEY.format(nomor=nomor, status=r["status"], day=fmt(r["tanggal_status"]))
                if id(r) in added_ids:
                    new_history.append({"nomor": nomor, "status": r["status"], "tanggal": r["tanggal_status"],
                                        "recorded_at": self.now, "_row": r["_row"]})
                    plan.note(r["_row"], key, "baru")
                elif r is source and changed and old is not None:
                    plan.note(r["_row"], key, "berubah", changed)
                else:
                    plan.note(r["_row"], key, "sama")
        plan.inserts, plan.updates = case_inserts, case_updates
        plan.extra["history"] = new_history
        return plan
