"""Planning of the reference datasets (IMPORT_SPEC.md: pemilihan, paslon, tps), and the
rule that finds the election a row of another dataset names (its ``kode``, or its ``jenis`` over
the row's area and date).

The reference sheets of a file are planned first. Their rows are then laid over the database's
(``Context.apply_elections`` / ``apply_pairs``): elections and pairs new in the file get provisional
negative ids, so the file's kegiatan and pelanggaran sheets are checked against them, and
``writing.write`` swaps the provisional ids for the real ones once the rows are inserted.

How a ``tps`` row (it has no date) finds its voting day: among the voting days of the elections
held over its desa (election.wilayah_kode is a prefix of the desa code), the nearest one that is
today or later; when all are past, the most recent one. A desa no election covers is an error.
Elections on the same day (the 2024 bupati and gubernur races) share their TPS, as at the polls.
A ``formulir_c`` row finds its TPS's voting day from its report date, so a recap sent for a
listed TPS lands on the listed TPS.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict

from sqlalchemy import and_, or_, select

from data_access import schema, vocab
from data_access.importer.base import DAY, PlannerBase, fmt
from data_access.importer.context import covers
from data_access.importer.values import area_key, parse_election_ref
from texts import importer as msg

E, P, A, T, F = schema.Election, schema.Paslon, schema.CampaignActivity, schema.Tps, schema.FormulirC
# pemilihan sheet column -> election field
CALENDAR = {"kampanye_mulai": "campaign_start", "kampanye_selesai": "campaign_end",
            "masa_tenang_mulai": "quiet_start", "masa_tenang_selesai": "quiet_end",
            "hari_pemungutan": "voting_day", "batas_formulir_c": "formulir_c_deadline"}
ELECTION_FIELDS = ("jenis", "nama", "wilayah_kode", *CALENDAR.values())
COLUMN_OF = {"jenis": "jenis", "nama": "nama", "wilayah_kode": "kode_wilayah",
             **{field: column for column, field in CALENDAR.items()}}
PAIR_FIELDS = ("nama", "is_kolom_kosong", "partai_pengusul")
AREA_CODE = re.compile(r"^\d{2}(\.\d{2})?$")
KOTA_FROM = 71  # Kemendagri: kota codes are 71 and up (19.71 Pangkalpinang), kabupaten below


class ReferencePlanner(PlannerBase):
    """The planner's methods for the three reference datasets, and the election look-up the
    kegiatan and pelanggaran planners share."""

    # ---------------- pemilihan
    def pemilihan(self, check, records: list[dict], kegiatan_in_file: set[str]):
        plan = self.new_plan()
        records = self.duplicates(check, records, lambda r: r["kode"], "kode",
                                  lambda r: msg.ELECTION_KEY.format(kode=r["kode"]))
        stored = {e["kode"]: e for e in self.ctx.elections}
        final, provisional = [], {}
        for rec in records:
            row = rec["_row"]
            if parse_election_ref(rec["kode"])[0] == "jenis":  # other datasets would read it as a kind
                self.err(check, row, "kode", msg.ELECTION_KODE_IS_A_KIND.format(kode=rec["kode"]))
                continue
            vals = {"jenis": rec["jenis"], "nama": rec["nama"], **{f: rec[c] for c, f in CALENDAR.items()}}
            ok = self._calendar_ok(check, row, vals)
            wilayah = self._election_area(check, row, rec["jenis"], rec["kode_wilayah"])
            if not ok or wilayah is None:
                continue
            vals["wilayah_kode"] = wilayah
            old = stored.get(rec["kode"])
            if old is None:
                new_id = -(len(provisional) + 1)
                provisional[new_id] = rec["kode"]
                plan.inserts.append({"kode": rec["kode"], **vals})
                plan.note(row, rec["kode"], "baru")
                final.append({"id": new_id, "kode": rec["kode"], **vals})
                continue
            changed = [f for f in ELECTION_FIELDS if old[f] != vals[f]]
            if changed and not self._correction_ok(check, row, old, vals, kegiatan_in_file):
                continue
            if changed:
                plan.updates.append({"_id": old["id"], **vals})
                plan.note(row, rec["kode"], "berubah", [COLUMN_OF[f] for f in changed])
            else:
                plan.note(row, rec["kode"], "sama")
            final.append({**old, **vals})
        plan.extra["provisional"] = provisional
        self.ctx.apply_elections(final)
        return plan

    def _calendar_ok(self, check, row: int, e: dict) -> bool:
        rules = (
            (e["campaign_end"] < e["campaign_start"], "kampanye_selesai",
             msg.CALENDAR_CAMPAIGN_END.format(end=fmt(e["campaign_end"]), start=fmt(e["campaign_start"]))),
            (e["quiet_start"] <= e["campaign_end"], "masa_tenang_mulai",
             msg.CALENDAR_QUIET_START.format(quiet_start=fmt(e["quiet_start"]), campaign_end=fmt(e["campaign_end"]))),
            (e["quiet_end"] < e["quiet_start"], "masa_tenang_selesai",
             msg.CALENDAR_QUIET_END.format(end=fmt(e["quiet_end"]), start=fmt(e["quiet_start"]))),
            (e["voting_day"] <= e["quiet_end"], "hari_pemungutan",
             msg.CALENDAR_VOTING_DAY.format(voting_day=fmt(e["voting_day"]), quiet_end=fmt(e["quiet_end"]))),
            (e["formulir_c_deadline"] > e["voting_day"], "batas_formulir_c",
             msg.CALENDAR_FORMULIR_C.format(deadline=fmt(e["formulir_c_deadline"]), voting_day=fmt(e["voting_day"]))),
        )
        ok = True
        for wrong, column, message in rules:
            if wrong:
                self.err(check, row, column, message)
                ok = False
        return ok

    def _election_area(self, check, row: int, jenis: str, raw: str) -> str | None:
        kode = "".join(raw.split())
        if not AREA_CODE.match(kode):
            self.err(check, row, "kode_wilayah", msg.ELECTION_AREA_INVALID.format(kode=raw))
            return None
        known = self.ctx.provinsi if len(kode) == 2 else self.ctx.kabupaten
        if kode not in known:
            level = msg.LEVEL_PROVINSI if len(kode) == 2 else msg.LEVEL_KABUPATEN_KOTA
            examples = ", ".join(msg.AREA_EXAMPLE.format(kode=k, nama=n) for k, n in sorted(known.items())[:5])
            self.err(check, row, "kode_wilayah", msg.ELECTION_AREA_UNKNOWN.format(
                kode=kode, level=level, examples=examples))
            return None
        if jenis == "gubernur" and len(kode) != 2:
            self.err(check, row, "kode_wilayah", msg.GUBERNUR_NEEDS_PROVINSI.format(
                provinsi=kode[:2], kode=kode))
            return None
        if jenis != "gubernur":
            if len(kode) != 5:
                self.err(check, row, "kode_wilayah", msg.ELECTION_NEEDS_KABUPATEN.format(
                    jenis=jenis, kode=kode))
                return None
            is_kota = int(kode[3:]) >= KOTA_FROM
            if is_kota != (jenis == "walikota"):
                what = msg.KOTA if is_kota else msg.KABUPATEN
                self.err(check, row, "kode_wilayah", msg.ELECTION_WRONG_KIND.format(
                    kode=kode, nama=self.ctx.kabupaten[kode], what=what, right="walikota" if is_kota else "bupati",
                    jenis=jenis))
                return None
        return kode

    def _correction_ok(self, check, row: int, old: dict, new: dict, kegiatan_in_file: set[str]) -> bool:
        """A correction may not leave stored activities outside the new campaign period (temuan
        lapangan: up to the day before voting), nor move a voting day that stored TPS belong to."""
        ok = True
        outside = [r for r in self.conn.execute(
            select(A.kode, A.tanggal).where(A.election_id == old["id"], or_(
                A.tanggal < new["campaign_start"], A.tanggal > new["voting_day"] - DAY,
                and_(A.sumber != "temuan_lapangan", A.tanggal > new["campaign_end"])))
            .order_by(A.tanggal, A.kode)) if r.kode not in kegiatan_in_file]
        if outside:
            first = outside[0]
            column = "kampanye_mulai" if first.tanggal < new["campaign_start"] else "kampanye_selesai"
            self.err(check, row, column, msg.CORRECTION_ACTIVITIES_OUTSIDE.format(
                count=len(outside), start=fmt(new["campaign_start"]), end=fmt(new["campaign_end"]), kode=first.kode,
                day=fmt(first.tanggal)))
            ok = False
        if new["wilayah_kode"] != old["wilayah_kode"]:
            C = schema.ViolationCase
            outside_area = sorted({d for (d,) in self.conn.execute(
                select(A.desa_kode).where(A.election_id == old["id"]).union(
                    select(C.desa_kode).where(C.election_id == old["id"])))
                if not covers(new, d)})
            if outside_area:
                self.err(check, row, "kode_wilayah", msg.CORRECTION_AREA.format(
                    count=len(outside_area), desa=self.ctx.desa[outside_area[0]][1], wilayah=new["wilayah_kode"]))
                ok = False
        if new["voting_day"] != old["voting_day"]:
            shared = any(e["voting_day"] == old["voting_day"] and e["kode"] != old["kode"] for e in self.ctx.elections)
            n_tps = len(self.conn.execute(select(T.id).where(T.voting_day == old["voting_day"])).all())
            if n_tps and not shared:
                self.err(check, row, "hari_pemungutan", msg.CORRECTION_VOTING_DAY.format(
                    old=fmt(old["voting_day"]), new=fmt(new["voting_day"]), count=n_tps))
                ok = False
        return ok

    # ---------------- paslon
    def paslon(self, check, records: list[dict], pemilihan_in_file: set[str]):
        """``pemilihan_in_file``: the kode written on the same file's pemilihan sheet (valid or not)."""
        plan = self.new_plan()
        good = []
        for rec in records:
            row, kode = rec["_row"], rec["pemilihan"]
            election = self.ctx.by_kode.get(kode)
            if election is None and kode in pemilihan_in_file:
                self.err(check, row, "pemilihan", msg.PAIR_ELECTION_NOT_CHECKED.format(kode=kode),
                         "warning")
                continue
            if election is None:
                hint = (msg.PAIR_KIND_HINT if area_key(kode) in {area_key(k) for k in vocab.ELECTION_KINDS} else "")
                self.err(check, row, "pemilihan", msg.PAIR_ELECTION_UNKNOWN.format(kode=kode, hint=hint))
                continue
            if rec["nomor_urut"] < 1:
                self.err(check, row, "nomor_urut", msg.PAIR_NUMBER_FROM_1)
                continue
            named_blank = area_key(rec["nama"]) == area_key("Kolom Kosong")
            blank = rec.get("kolom_kosong")
            if blank is None:
                blank = named_blank
            elif named_blank and not blank:
                self.err(check, row, "kolom_kosong", msg.PAIR_KOLOM_KOSONG_NAMED)
                continue
            rec["_election"], rec["_blank"] = election, blank
            good.append(rec)
        good = self.duplicates(check, good, lambda r: (r["pemilihan"], r["nomor_urut"]), "nomor_urut",
                               lambda r: msg.PAIR_KEY.format(nomor=r["nomor_urut"], pemilihan=r["pemilihan"]))
        stored = {(r.election_id, r.nomor_urut): r for r in self.conn.execute(select(P))}
        # every election the file touches, as it will stand: nomor urut -> (kolom kosong?, file row or None)
        after: dict[int, dict[int, tuple[bool, dict | None]]] = defaultdict(dict)
        for (eid, nomor), r in stored.items():
            after[eid][nomor] = (r.is_kolom_kosong, None)
        for rec in good:
            after[rec["_election"]["id"]][rec["nomor_urut"]] = (rec["_blank"], rec)
        refused: set[int] = set()
        for rec in good:
            eid = rec["_election"]["id"]
            if eid in refused:
                continue
            pairs = after[eid]
            blanks = sorted(n for n, (b, _) in pairs.items() if b)
            real = sorted(n for n, (b, _) in pairs.items() if not b)
            in_file = [r for _, r in pairs.values() if r is not None]
            label = msg.PAIR_ELECTION_LABEL.format(kode=rec["_election"]["kode"])
            if len(blanks) > 1:
                for r in in_file:
                    if r["_blank"]:
                        self.err(check, r["_row"], "kolom_kosong", msg.PAIR_TWO_BLANKS.format(
                            label=label, count=len(blanks), numbers=", ".join(map(str, blanks))))
                refused.add(eid)
            elif blanks and len(real) != 1:
                blank_rows = [r for r in in_file if r["_blank"]]
                for r in blank_rows or [r for r in in_file if not r["_blank"]]:
                    self.err(check, r["_row"], "kolom_kosong" if r["_blank"] else "nomor_urut",
                             msg.PAIR_BLANK_NEEDS_ONE_PAIR.format(
                                 label=label, count=len(real), numbers=", ".join(map(str, real)) or msg.NONE_LISTED,
                                 blank=blanks[0]))
                refused.add(eid)
        with_activities = set(self.conn.execute(select(A.paslon_id).distinct()).scalars())
        provisional = {}
        for rec in good:
            election, row = rec["_election"], rec["_row"]
            if election["id"] in refused:
                continue
            key = msg.PAIR_CHANGE_KEY.format(pemilihan=election["kode"], nomor=rec["nomor_urut"])
            vals = {"nama": rec["nama"], "is_kolom_kosong": rec["_blank"],
                    "partai_pengusul": rec.get("partai_pengusul")}
            old = stored.get((election["id"], rec["nomor_urut"]))
            if old is None:
                new_id = -(len(provisional) + 1)
                provisional[new_id] = (election["id"], rec["nomor_urut"])
                plan.inserts.append({"election_id": election["id"], "nomor_urut": rec["nomor_urut"], **vals})
                plan.note(row, key, "baru")
                self.ctx.apply_pair(election["id"], rec["nomor_urut"], new_id, rec["_blank"])
                continue
            if rec["_blank"] and not old.is_kolom_kosong and old.id in with_activities:
                self.err(check, row, "kolom_kosong", msg.PAIR_BLANK_HAS_ACTIVITIES.format(nomor=rec["nomor_urut"]))
                continue
            changed = [f for f in PAIR_FIELDS if getattr(old, f) != vals[f]]
            if changed:
                plan.updates.append({"_id": old.id, **vals})
                plan.note(row, key, "berubah", ["kolom_kosong" if f == "is_kolom_kosong" else f for f in changed])
            else:
                plan.note(row, key, "sama")
            self.ctx.apply_pair(election["id"], rec["nomor_urut"], old.id, rec["_blank"])
        plan.extra["provisional"] = provisional
        return plan

    # ---------------- tps
    def tps_number_and_dpt_ok(self, check, rec: dict) -> bool:
        """The rules a TPS row has in both the tps list and a formulir_c recap: numbered from 1, and a
        DPT of 1 to 1000 (IMPORT_SPEC). Each broken rule is reported on its own column."""
        ok = True
        if rec["nomor_tps"] < 1:
            self.err(check, rec["_row"], "nomor_tps", msg.TPS_NUMBER_FROM_1)
            ok = False
        if not 1 <= rec["jumlah_dpt"] <= 1000:
            self.err(check, rec["_row"], "jumlah_dpt", msg.TPS_DPT_ODD.format(dpt=rec["jumlah_dpt"]))
            ok = False
        return ok

    def tps_voting_day(self, check, rec: dict) -> dt.date | None:
        days = sorted({e["voting_day"] for e in self.ctx.elections if covers(e, rec["desa_kode"])})
        if not days:
            desa = self.ctx.desa[rec["desa_kode"]][1]
            column = "desa" if "desa" in check.position else "kode_wilayah"
            self.err(check, rec["_row"], column, msg.TPS_NO_ELECTION.format(desa=desa))
            return None
        upcoming = [d for d in days if d >= self.ctx.today]
        return upcoming[0] if upcoming else days[-1]

    def tps(self, check, records: list[dict], recaps_in_file: set[tuple[str, int]]):
        plan = self.new_plan()
        desa_nama = {k: n for k, (_, n) in self.ctx.desa.items()}
        records = self.duplicates(check, records, lambda r: (r["desa_kode"], r["nomor_tps"]), "nomor_tps",
                                  lambda r: msg.TPS_KEY.format(nomor=r["nomor_tps"], desa=desa_nama[r["desa_kode"]]))
        recap_dpt = dict(self.conn.execute(select(F.tps_id, F.dpt)).all())
        stored = {(t.desa_kode, t.nomor, t.voting_day): t for t in self.conn.execute(select(T))}
        listed = {}
        for rec in records:
            row, dpt = rec["_row"], rec["jumlah_dpt"]
            ok = self.tps_number_and_dpt_ok(check, rec)
            voting = self.tps_voting_day(check, rec) if ok else None
            if voting is None:
                continue
            key = (rec["desa_kode"], rec["nomor_tps"], voting)
            label = msg.TPS_CHANGE_KEY.format(desa=desa_nama[key[0]], nomor=key[1])
            old = stored.get(key)
            if old is None:
                plan.inserts.append({"desa_kode": key[0], "nomor": key[1], "voting_day": voting, "dpt": dpt,
                                     "recorded_at": self.now})
                plan.note(row, label, "baru")
            elif old.dpt != dpt:
                if old.id in recap_dpt and key[:2] not in recaps_in_file:
                    self.err(check, row, "jumlah_dpt", msg.TPS_DPT_WITH_RECAP.format(
                        recap_dpt=recap_dpt[old.id], dpt=dpt))
                    continue
                plan.updates.append({"_id": old.id, "dpt": dpt, "recorded_at": self.now})
                plan.note(row, label, "berubah", ["jumlah_dpt"])
            else:
                plan.note(row, label, "sama")
            listed[key] = dpt
        plan.extra["listed"] = listed
        return plan

    # ---------------- elections named by other datasets
    def election_named(self, check, rec: dict, days: list[dt.date], window) -> dict | list[dict] | None:
        """The election a row names in ``pemilihan``: by ``kode``; or by ``jenis``, the one election of
        that kind over the row's desa whose ``window(e)`` (start, end) holds the first of ``days``
        that any holds. None after an error; the list of the kind's elections over the desa when no
        window holds any of the days (the caller says what is wrong with the date)."""
        kind, value = rec["pemilihan"]
        row, desa = rec["_row"], rec["desa_kode"]
        desa_nama = self.ctx.desa[desa][1]
        if kind == "kode":
            election = self.ctx.by_kode.get(value)
            if election is None:
                self.err(check, row, "pemilihan", msg.ELECTION_KODE_UNKNOWN.format(
                    kode=value, kinds=", ".join(vocab.ELECTION_KINDS)))
                return None
            if not covers(election, desa):
                self.err(check, row, "pemilihan", msg.DESA_OUTSIDE_ELECTION.format(
                    desa=desa_nama, election=election["nama"], wilayah=election["wilayah_kode"]))
                return None
            start, end = window(election)
            return election if any(start <= d <= end for d in days) else [election]
        candidates = self.ctx.of_kind(value)
        if not candidates:
            self.err(check, row, "pemilihan", msg.NO_ELECTION_OF_KIND.format(kind=vocab.ELECTION_KINDS[value]))
            return None
        here = self.ctx.over_desa(value, desa)
        if not here:
            self.err(check, row, "pemilihan", msg.NO_ELECTION_OF_KIND_HERE.format(
                kind=vocab.ELECTION_KINDS[value], desa=desa_nama))
            return None
        for day in days:
            inside = [e for e in here if window(e)[0] <= day <= window(e)[1]]
            if len(inside) > 1:
                self.err(check, row, "pemilihan", msg.KIND_MATCHES_SEVERAL.format(
                    value=value, count=len(inside), kodes=", ".join(e["kode"] for e in inside)))
                return None
            if inside:
                return inside[0]
        return here
