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
        records = self.duplicates(check, records, lambda r: r["kode"], "kode", lambda r: f"kode pemilihan '{r['kode']}'")
        stored = {e["kode"]: e for e in self.ctx.elections}
        final, provisional = [], {}
        for rec in records:
            row = rec["_row"]
            if parse_election_ref(rec["kode"])[0] == "jenis":  # other datasets would read it as a kind
                self.err(check, row, "kode", f"kode '{rec['kode']}' sama dengan nama jenis pemilihan; beri kode "
                         "yang memuat tahunnya, mis. bupati-2024.")
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
             f"kampanye selesai {fmt(e['campaign_end'])} sebelum kampanye mulai {fmt(e['campaign_start'])}."),
            (e["quiet_start"] <= e["campaign_end"], "masa_tenang_mulai",
             f"masa tenang mulai {fmt(e['quiet_start'])}, padahal kampanye baru selesai {fmt(e['campaign_end'])}; "
             "masa tenang dimulai sesudah masa kampanye berakhir."),
            (e["quiet_end"] < e["quiet_start"], "masa_tenang_selesai",
             f"masa tenang selesai {fmt(e['quiet_end'])} sebelum masa tenang mulai {fmt(e['quiet_start'])}."),
            (e["voting_day"] <= e["quiet_end"], "hari_pemungutan",
             f"hari pemungutan {fmt(e['voting_day'])} tidak sesudah masa tenang selesai {fmt(e['quiet_end'])}; "
             "pemungutan suara dilakukan sesudah masa tenang."),
            (e["formulir_c_deadline"] > e["voting_day"], "batas_formulir_c",
             f"batas Formulir C {fmt(e['formulir_c_deadline'])} sesudah hari pemungutan {fmt(e['voting_day'])}; "
             "batasnya sebelum hari pemungutan (H-3)."),
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
            self.err(check, row, "kode_wilayah", f"kode wilayah '{raw}' tidak sah: tulis kode Kemendagri provinsi "
                     "(mis. 19) atau kabupaten/kota (mis. 19.03).")
            return None
        known = self.ctx.provinsi if len(kode) == 2 else self.ctx.kabupaten
        if kode not in known:
            level = "provinsi" if len(kode) == 2 else "kabupaten/kota"
            examples = ", ".join(f"{k} {n}" for k, n in sorted(known.items())[:5])
            self.err(check, row, "kode_wilayah", f"kode wilayah {kode} tidak ada di daftar {level} basis data "
                     f"(mis. {examples}).")
            return None
        if jenis == "gubernur" and len(kode) != 2:
            self.err(check, row, "kode_wilayah", f"pemilihan gubernur dipilih oleh satu provinsi: isi kode provinsi "
                     f"(mis. {kode[:2]}), bukan {kode}.")
            return None
        if jenis != "gubernur":
            if len(kode) != 5:
                self.err(check, row, "kode_wilayah", f"pemilihan {jenis} dipilih oleh satu kabupaten/kota: isi kode "
                         f"kabupaten/kota (mis. {kode}.03), bukan kode provinsi {kode}.")
                return None
            is_kota = int(kode[3:]) >= KOTA_FROM
            if is_kota != (jenis == "walikota"):
                what = "kota" if is_kota else "kabupaten"
                self.err(check, row, "kode_wilayah", f"{kode} ({self.ctx.kabupaten[kode]}) adalah {what}: pemilihan "
                         f"di {what} adalah pemilihan {'walikota' if is_kota else 'bupati'}, bukan {jenis}.")
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
            self.err(check, row, column, f"koreksi ini membuat {len(outside)} kegiatan yang tersimpan berada di luar "
                     f"masa kampanye baru ({fmt(new['campaign_start'])} s.d. {fmt(new['campaign_end'])}), mis. "
                     f"'{first.kode}' tanggal {fmt(first.tanggal)}. Koreksi tanggal kegiatan itu di lembar kegiatan "
                     "berkas yang sama, atau periksa jadwalnya.")
            ok = False
        if new["wilayah_kode"] != old["wilayah_kode"]:
            C = schema.ViolationCase
            outside_area = sorted({d for (d,) in self.conn.execute(
                select(A.desa_kode).where(A.election_id == old["id"]).union(
                    select(C.desa_kode).where(C.election_id == old["id"])))
                if not covers(new, d)})
            if outside_area:
                self.err(check, row, "kode_wilayah", f"koreksi ini membuat kegiatan atau kasus yang tersimpan di "
                         f"{len(outside_area)} desa (mis. {self.ctx.desa[outside_area[0]][1]}) berada di luar wilayah "
                         f"{new['wilayah_kode']}; periksa kode wilayahnya.")
                ok = False
        if new["voting_day"] != old["voting_day"]:
            shared = any(e["voting_day"] == old["voting_day"] and e["kode"] != old["kode"] for e in self.ctx.elections)
            n_tps = len(self.conn.execute(select(T.id).where(T.voting_day == old["voting_day"])).all())
            if n_tps and not shared:
                self.err(check, row, "hari_pemungutan", f"hari pemungutan tidak dapat dipindah dari "
                         f"{fmt(old['voting_day'])} ke {fmt(new['voting_day'])}: sudah ada {n_tps} TPS untuk hari "
                         "pemungutan itu. Hubungi admin.")
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
                self.err(check, row, "pemilihan", f"belum diperiksa: baris pemilihan '{kode}' di lembar pemilihan "
                         "berkas ini masih salah.", "warning")
                continue
            if election is None:
                hint = (" Tulis kode pemilihannya (mis. bupati-2024), bukan jenisnya."
                        if area_key(kode) in {area_key(k) for k in vocab.ELECTION_KINDS} else "")
                self.err(check, row, "pemilihan", f"pemilihan '{kode}' tidak ada di basis data maupun di lembar "
                         f"pemilihan berkas ini.{hint}")
                continue
            if rec["nomor_urut"] < 1:
                self.err(check, row, "nomor_urut", "nomor urut dimulai dari 1.")
                continue
            named_blank = area_key(rec["nama"]) == area_key("Kolom Kosong")
            blank = rec.get("kolom_kosong")
            if blank is None:
                blank = named_blank
            elif named_blank and not blank:
                self.err(check, row, "kolom_kosong", "nama 'Kolom Kosong' tetapi kolom_kosong 'tidak'; isi 'ya' untuk "
                         "kolom kosong, atau tulis nama pasangan calon.")
                continue
            rec["_election"], rec["_blank"] = election, blank
            good.append(rec)
        good = self.duplicates(check, good, lambda r: (r["pemilihan"], r["nomor_urut"]), "nomor_urut",
                               lambda r: f"nomor urut {r['nomor_urut']} pada pemilihan '{r['pemilihan']}'")
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
            label = f"pemilihan '{rec['_election']['kode']}'"
            if len(blanks) > 1:
                for r in in_file:
                    if r["_blank"]:
                        self.err(check, r["_row"], "kolom_kosong", f"{label} akan punya {len(blanks)} kolom kosong "
                                 f"(nomor urut {', '.join(map(str, blanks))}); paling banyak satu kolom kosong.")
                refused.add(eid)
            elif blanks and len(real) != 1:
                blank_rows = [r for r in in_file if r["_blank"]]
                for r in blank_rows or [r for r in in_file if not r["_blank"]]:
                    self.err(check, r["_row"], "kolom_kosong" if r["_blank"] else "nomor_urut",
                             f"kolom kosong hanya ada pada pemilihan dengan tepat satu pasangan calon; {label} akan "
                             f"punya {len(real)} pasangan calon (nomor urut {', '.join(map(str, real)) or '-'}) di "
                             f"samping kolom kosong (nomor urut {blanks[0]}).")
                refused.add(eid)
        with_activities = set(self.conn.execute(select(A.paslon_id).distinct()).scalars())
        provisional = {}
        for rec in good:
            election, row = rec["_election"], rec["_row"]
            if election["id"] in refused:
                continue
            key = f"{election['kode']} / {rec['nomor_urut']}"
            vals = {"nama": rec["nama"], "is_kolom_kosong": rec["_blank"], "partai_pengusul": rec.get("partai_pengusul")}
            old = stored.get((election["id"], rec["nomor_urut"]))
            if old is None:
                new_id = -(len(provisional) + 1)
                provisional[new_id] = (election["id"], rec["nomor_urut"])
                plan.inserts.append({"election_id": election["id"], "nomor_urut": rec["nomor_urut"], **vals})
                plan.note(row, key, "baru")
                self.ctx.apply_pair(election["id"], rec["nomor_urut"], new_id, rec["_blank"])
                continue
            if rec["_blank"] and not old.is_kolom_kosong and old.id in with_activities:
                self.err(check, row, "kolom_kosong", f"nomor urut {rec['nomor_urut']} sudah punya kegiatan kampanye "
                         "tersimpan; kolom kosong tidak berkampanye, jadi pasangan ini tidak dapat diubah menjadi "
                         "kolom kosong.")
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
            self.err(check, rec["_row"], "nomor_tps", "nomor TPS dimulai dari 1.")
            ok = False
        if not 1 <= rec["jumlah_dpt"] <= 1000:
            self.err(check, rec["_row"], "jumlah_dpt", f"jumlah DPT {rec['jumlah_dpt']} tidak wajar (harus 1 sampai 1000).")
            ok = False
        return ok

    def tps_voting_day(self, check, rec: dict) -> dt.date | None:
        days = sorted({e["voting_day"] for e in self.ctx.elections if covers(e, rec["desa_kode"])})
        if not days:
            desa = self.ctx.desa[rec["desa_kode"]][1]
            column = "desa" if "desa" in check.position else "kode_wilayah"
            self.err(check, rec["_row"], column, f"belum ada pemilihan yang meliputi desa {desa} di basis data; "
                     "impor lembar pemilihan lebih dulu (boleh di berkas yang sama).")
            return None
        upcoming = [d for d in days if d >= self.ctx.today]
        return upcoming[0] if upcoming else days[-1]

    def tps(self, check, records: list[dict], recaps_in_file: set[tuple[str, int]]):
        plan = self.new_plan()
        desa_nama = {k: n for k, (_, n) in self.ctx.desa.items()}
        records = self.duplicates(check, records, lambda r: (r["desa_kode"], r["nomor_tps"]), "nomor_tps",
                                  lambda r: f"TPS {r['nomor_tps']} desa {desa_nama[r['desa_kode']]}")
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
            label = f"{desa_nama[key[0]]} TPS {key[1]:03d}"
            old = stored.get(key)
            if old is None:
                plan.inserts.append({"desa_kode": key[0], "nomor": key[1], "voting_day": voting, "dpt": dpt,
                                     "recorded_at": self.now})
                plan.note(row, label, "baru")
            elif old.dpt != dpt:
                if old.id in recap_dpt and key[:2] not in recaps_in_file:
                    self.err(check, row, "jumlah_dpt", f"TPS ini sudah punya rekap Formulir C dengan jumlah_dpt "
                             f"{recap_dpt[old.id]}; DPT {dpt} harus dikoreksi bersama rekapnya: sertakan TPS ini di "
                             f"lembar formulir_c berkas yang sama dengan jumlah_dpt {dpt}.")
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
                self.err(check, row, "pemilihan", f"pemilihan '{value}' tidak ada di basis data maupun di lembar "
                         f"pemilihan berkas ini (isi kode pemilihan, atau jenisnya: {', '.join(vocab.ELECTION_KINDS)}).")
                return None
            if not covers(election, desa):
                self.err(check, row, "pemilihan", f"desa {desa_nama} tidak termasuk wilayah {election['nama']} (kode "
                         f"wilayah {election['wilayah_kode']}).")
                return None
            start, end = window(election)
            return election if any(start <= d <= end for d in days) else [election]
        candidates = self.ctx.of_kind(value)
        if not candidates:
            self.err(check, row, "pemilihan", f"belum ada {vocab.ELECTION_KINDS[value]} di basis data.")
            return None
        here = self.ctx.over_desa(value, desa)
        if not here:
            self.err(check, row, "pemilihan", f"tidak ada {vocab.ELECTION_KINDS[value]} yang meliputi desa {desa_nama} "
                     "di basis data.")
            return None
        for day in days:
            inside = [e for e in here if window(e)[0] <= day <= window(e)[1]]
            if len(inside) > 1:
                self.err(check, row, "pemilihan", f"'{value}' cocok dengan {len(inside)} pemilihan pada wilayah dan "
                         f"tanggal baris ini ({', '.join(e['kode'] for e in inside)}); tulis kode pemilihannya.")
                return None
            if inside:
                return inside[0]
        return here
