"""Validation, planning and writing of import files.

    result = check_file(engine, data, "kegiatan_oktober.xlsx")      # preview: nothing written
    result = import_file(engine, data, "kegiatan_oktober.xlsx", username="operator1")
    results = check_batch(engine, [(name, data), ...])              # several files, in order
    results = import_batch(engine, [(name, data), ...], username="operator1")

The page, the command line and its ``--check`` all go through ``check_batch`` / ``import_batch``,
so they give the same verdict on the same files.

``import_file`` plans again inside its write transaction (so a preview that went stale cannot
write wrong data), writes everything or nothing, and logs every attempt in ``import_log``.
A rejected file writes only its ``import_log`` row.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable

from sqlalchemy import Connection, Engine, bindparam, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

import config
from data_access import dialect, rollup, schema, vocab
from data_access.importer.reading import RawFile, RawSheet, csv_dataset, read_file
from data_access.importer.reference import ReferencePlanner, covers
from data_access.importer.reference import write as write_reference
from data_access.importer.spec import DATASETS, ORDER, REFERENCE, Problem
from data_access.importer.values import ValueProblem, area_key, shown

Progress = Callable[[float, str], None]
log = logging.getLogger(__name__)
WIB = dt.timedelta(hours=7)
DAY = dt.timedelta(days=1)
# A Formulir C recap belongs to the voting day at most this many days after / before its date.
FORMULIR_C_DAYS_BEFORE_VOTING = 60
FORMULIR_C_DAYS_AFTER_VOTING = 14
CHUNK = 2000
STATUS_LABELS = {"baru": "baru", "berubah": "berubah", "sama": "sama"}

A, R, C, H = schema.CampaignActivity, schema.SupervisionReport, schema.ViolationCase, schema.CaseStatus
T, F = schema.Tps, schema.FormulirC
REASONS = tuple(vocab.UNDELIVERED_REASONS)


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)


def today_wib() -> dt.date:
    return (utc_now() + WIB).date()


def fmt(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


@dataclass
class DatasetPlan:
    inserts: list[dict] = field(default_factory=list)
    updates: list[dict] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: {"baru": 0, "berubah": 0, "sama": 0})
    changes: list[dict] = field(default_factory=list)  # preview: one entry per row
    extra: dict = field(default_factory=dict)

    def note(self, row: int, key: str, status: str, columns: list[str] | None = None) -> None:
        self.counts[status] += 1
        self.changes.append({"baris": row, "kunci": key, "perubahan": status,
                             "kolom_berubah": ", ".join(columns or [])})


@dataclass
class ImportResult:
    file_name: str
    sha256: str
    problems: list[Problem]
    counts: dict[str, dict[str, int]]
    changes: dict[str, list[dict]]
    written: bool = False
    import_id: int | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level != "error"]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def verdict(self) -> str:
        return "berhasil" if self.ok else "ditolak"


# ------------------------------------------------------------------------------ reference data
class Context:
    """What validation needs from the database: areas, elections, candidate pairs."""

    def __init__(self, conn: Connection):
        K, D = schema.Kecamatan, schema.Desa
        self.kecamatan = {k: n for k, n in conn.execute(select(K.kode, K.nama))}
        self.kec_by_key: dict[str, str] = {}
        for kode, nama, nama_k in conn.execute(select(K.kode, K.nama, K.nama_kemendagri)):
            for name in (nama, nama_k):
                self.kec_by_key[area_key(name)] = kode
        self.desa = {k: (kec, n) for k, kec, n in conn.execute(select(D.kode, D.kecamatan_kode, D.nama))}
        self.desa_by_key: dict[tuple[str, str], str] = {}
        self.desa_anywhere: dict[str, list[str]] = defaultdict(list)
        for kode, (kec, nama) in self.desa.items():
            self.desa_by_key[(kec, area_key(nama))] = kode
            self.desa_anywhere[area_key(nama)].append(kode)
        self.provinsi = dict(conn.execute(select(schema.Provinsi.kode, schema.Provinsi.nama)).all())
        self.kabupaten = dict(conn.execute(select(schema.Kabupaten.kode, schema.Kabupaten.nama)).all())
        E, P = schema.Election, schema.Paslon
        self.paslon = {(e, n): i for i, e, n in conn.execute(select(P.id, P.election_id, P.nomor_urut))}
        self.kolom_kosong = set(conn.execute(select(P.id).where(P.is_kolom_kosong)).scalars())
        self.today = today_wib()
        settings = config.get().imports
        self.days_before, self.days_after = settings.days_before_campaign, settings.days_after_voting
        self.apply_elections([dict(r._mapping) for r in conn.execute(select(E))])

    def apply_elections(self, elections: list[dict]) -> None:
        """Lay elections over the known ones, by kode (the file's pemilihan sheet: new ones carry
        provisional negative ids until they are written)."""
        by_kode = {e["kode"]: e for e in getattr(self, "elections", [])}
        by_kode.update({e["kode"]: e for e in elections})
        self.elections = sorted(by_kode.values(), key=lambda e: (e["voting_day"], e["id"] < 0, abs(e["id"])))
        self.by_kode = by_kode
        self._over_desa: dict[tuple[str, str], list[dict]] = {}
        self.voting_days = sorted({e["voting_day"] for e in self.elections})
        # Dates an LHP or a case may have: around each election (config [import]).
        self.periods = sorted({self.window(e) for e in self.elections})

    def apply_pair(self, election_id: int, nomor_urut: int, paslon_id: int, kolom_kosong: bool) -> None:
        self.paslon[(election_id, nomor_urut)] = paslon_id
        (self.kolom_kosong.add if kolom_kosong else self.kolom_kosong.discard)(paslon_id)

    def window(self, e: dict) -> tuple[dt.date, dt.date]:
        """The dates an LHP or a case of election ``e`` may have (config [import])."""
        return (e["campaign_start"] - dt.timedelta(days=self.days_before),
                e["voting_day"] + dt.timedelta(days=self.days_after))

    def of_kind(self, jenis: str) -> list[dict]:
        return [e for e in self.elections if e["jenis"] == jenis]

    def over_desa(self, jenis: str, desa_kode: str) -> list[dict]:
        """The elections of a kind held over a desa (asked once per row: kept per kind and desa)."""
        key = (jenis, desa_kode)
        if key not in self._over_desa:
            self._over_desa[key] = [e for e in self.of_kind(jenis) if covers(e, desa_kode)]
        return self._over_desa[key]


# ------------------------------------------------------------------------------ row validation
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
                self.problem(self.sheet.header_row, None, f"kolom '{text}' tidak dikenal dan diabaikan.", "warning")
        present = set(self.position)
        if not present & known:
            self.problems.append(Problem(self.sheet.label, self.sheet.header_row, None, "baris ini seharusnya "
                                         "berisi judul kolom (mis. " + ", ".join(c.name for c in self.spec.columns[:3])
                                         + ", ...); tidak ada judul yang dikenal. Gunakan templat."))
        for column in self.spec.columns:
            if column.required and column.name not in present:
                self.problems.append(Problem(self.sheet.label, self.sheet.header_row, column.name,
                                             f"kolom wajib '{column.name}' tidak ada pada baris judul."))
                ok = False
        if self.spec.has_area and "kode_wilayah" not in present:
            for name in ("kecamatan", "desa"):
                if name not in present:
                    self.problems.append(Problem(self.sheet.label, self.sheet.header_row, name,
                                                 f"kolom wajib '{name}' tidak ada (atau gunakan kolom kode_wilayah)."))
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
                        self.problem(row, column.name, "wajib diisi.")
                        bad = True
                    rec[column.name] = None
                    continue
                try:
                    rec[column.name] = column.parse(value)
                except ValueProblem as exc:
                    self.problem(row, column.name, str(exc))
                    bad = True
                except Exception:  # noqa: BLE001 - any odd cell value is a problem, not a crash
                    self.problem(row, column.name, f"nilai '{shown(value)}' tidak dapat dibaca.")
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
                progress(base + 0.15 * i / n, f"Memeriksa {self.sheet.label}: {i:,} dari {n:,} baris")
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
                self.problem(row, "kecamatan", f"kecamatan '{shown(kec_raw)}' tidak dikenal di Kabupaten Bangka "
                             f"Selatan (yang ada: {', '.join(ctx.kecamatan.values())}).")
                return None
        if kode_raw is not None:
            kode = "".join(str(kode_raw).split())
            if kode not in ctx.desa:
                self.problem(row, "kode_wilayah", f"kode wilayah '{shown(kode_raw)}' bukan kode desa/kelurahan "
                             "di Kabupaten Bangka Selatan (contoh: 19.03.01.2004).")
                return None
            desa_kec, desa_nama = ctx.desa[kode]
            if kec is not None and kec != desa_kec:
                self.problem(row, "kode_wilayah", f"kode wilayah {kode} ({desa_nama}) ada di Kecamatan "
                             f"{ctx.kecamatan[desa_kec]}, bukan di Kecamatan {ctx.kecamatan[kec]}.")
                return None
            if desa_raw is not None and area_key(desa_raw) != area_key(desa_nama):
                self.problem(row, "desa", f"desa '{shown(desa_raw)}' tidak cocok dengan kode wilayah {kode} "
                             f"({desa_nama}).")
                return None
            return kode
        if kec_raw is None:
            self.problem(row, "kecamatan", "wajib diisi (atau isi kode_wilayah).")
            return None
        if desa_raw is None:
            self.problem(row, "desa", "wajib diisi (atau isi kode_wilayah).")
            return None
        key = area_key(desa_raw)
        kode = ctx.desa_by_key.get((kec, key))
        if kode is None:
            elsewhere = ctx.desa_anywhere.get(key)
            if elsewhere:
                where = ", ".join(ctx.kecamatan[ctx.desa[k][0]] for k in elsewhere)
                self.problem(row, "desa", f"desa '{shown(desa_raw)}' bukan bagian dari Kecamatan "
                             f"{ctx.kecamatan[kec]} (desa itu ada di Kecamatan {where}).")
            else:
                self.problem(row, "desa", f"desa/kelurahan '{shown(desa_raw)}' tidak dikenal di Kecamatan "
                             f"{ctx.kecamatan[kec]}.")
            return None
        return kode


# ------------------------------------------------------------------------------ planning
PERSONAL_COLUMNS = ("nama_pengawas", "terlapor", "pelapor")


class Planner(ReferencePlanner):
    # False for a role that may not see personal data (issue 17): the personal columns of stored
    # rows are neither compared nor overwritten, so no preview, count or warning depends on them.
    personal = True

    def __init__(self, conn: Connection, ctx: Context, problems: list[Problem], now: dt.datetime):
        self.conn, self.ctx, self.problems, self.now = conn, ctx, problems, now
        self._kept_names: set[str] = set()

    def keep_names(self, check: SheetCheck, row: int, vals: dict, source: dict, old) -> None:
        """Without ``personal``: the stored names of an existing row stay in ``vals`` (not compared,
        not written); one warning per sheet when the file gives names for such rows, whatever the
        stored names are."""
        given = [c for c in PERSONAL_COLUMNS if c in vals and source.get(c) not in (None, "")]
        for column in (c for c in PERSONAL_COLUMNS if c in vals):
            vals[column] = getattr(old, column)
        if given and check.sheet.label not in self._kept_names:
            self._kept_names.add(check.sheet.label)
            self.err(check, row, None, f"kolom data pribadi ({', '.join(given)}) pada baris yang sudah tersimpan "
                     "tidak dibandingkan dan tidak diubah, karena peran Anda tidak dapat melihat data pribadi; "
                     "koreksi nama pada baris lama dilakukan oleh admin.", "warning")

    @staticmethod
    def new_plan() -> DatasetPlan:
        return DatasetPlan()

    def err(self, check: SheetCheck, row: int, column: str | None, message: str, level: str = "error"):
        check.problem(row, column, message, level)

    def duplicates(self, check: SheetCheck, records: list[dict], key, column: str, label) -> list[dict]:
        seen, out = {}, []
        for rec in records:
            k = key(rec)
            if k in seen:
                self.err(check, rec["_row"], column, f"{label(rec)} muncul lebih dari sekali dalam berkas "
                         f"(juga di baris {seen[k]}).")
                continue
            seen[k] = rec["_row"]
            out.append(rec)
        return out

    # ---------------- kegiatan
    def kegiatan(self, check: SheetCheck, records: list[dict]) -> DatasetPlan:
        plan = DatasetPlan()
        records = self.duplicates(check, records, lambda r: r["kode_kegiatan"], "kode_kegiatan",
                                  lambda r: f"kode_kegiatan '{r['kode_kegiatan']}'")
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
                self.err(check, row, "nomor_urut", f"nomor urut {rec['nomor_urut']} tidak ada pada "
                         f"{election['nama']} (yang ada: {', '.join(map(str, have)) or '-'}).")
                continue
            if paslon_id in self.ctx.kolom_kosong:
                self.err(check, row, "nomor_urut", f"nomor urut {rec['nomor_urut']} pada {election['nama']} adalah "
                         "kolom kosong; kolom kosong tidak berkampanye, jadi tidak punya kegiatan kampanye.")
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
                self.err(check, row, "tanggal", f"tanggal kegiatan '{kode}' menjadi {fmt(new_day)}, sesudah LHP "
                         f"'{nomor}' yang mengawasinya ({fmt(day)}). Perbaiki tanggal LHP itu dalam berkas yang "
                         "sama, atau periksa tanggal kegiatan.")

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
            extra = (f"; kegiatan temuan lapangan boleh sampai {fmt(e['voting_day'] - DAY)}"
                     if sumber == "temuan_lapangan" else "")
            self.err(check, rec["_row"], "tanggal", f"tanggal {fmt(day)} di luar masa kampanye {e['nama']} "
                     f"({fmt(e['campaign_start'])} s.d. {fmt(e['campaign_end'])}){extra}.")
            return None
        e = found
        if day > e["campaign_end"] and sumber != "temuan_lapangan":
            self.err(check, rec["_row"], "tanggal", f"tanggal {fmt(day)} di luar masa kampanye {e['nama']} "
                     f"({fmt(e['campaign_start'])} s.d. {fmt(e['campaign_end'])}): tanggal itu masa tenang, dan "
                     f"kegiatan bersumber {sumber} harus di dalam masa kampanye. Kampanye yang ditemukan di masa "
                     "tenang dicatat dengan sumber temuan_lapangan.")
            return None
        return e

    def in_period(self, check: SheetCheck, rec: dict, column: str, what: str) -> bool:
        """Whether ``rec[column]`` lies around an election in the database (config [import])."""
        day = rec[column]
        if not self.ctx.periods:
            self.err(check, rec["_row"], column, "belum ada data pemilihan di basis data.")
            return False
        if any(start <= day <= end for start, end in self.ctx.periods):
            return True
        spans = "; ".join(f"{fmt(start)} s.d. {fmt(end)}" for start, end in self.ctx.periods)
        self.err(check, rec["_row"], column, f"{what} {fmt(day)} di luar masa pemilihan di basis data ({spans}: "
                 f"{self.ctx.days_before} hari sebelum masa kampanye sampai {self.ctx.days_after} hari sesudah hari "
                 "pemungutan suara). Periksa tahunnya.")
        return False

    def upsert(self, plan: DatasetPlan, old, new: dict, fields, row: int, key: str) -> None:
        if old is None:
            plan.inserts.append({**new, "recorded_at": self.now})
            plan.note(row, key, "baru")
            return
        changed = [f for f in fields if getattr(old, f) != new[f]]
        if changed:
            plan.updates.append({**new, "_id": old.id, "recorded_at": self.now})
            plan.note(row, key, "berubah", changed)
        else:
            plan.note(row, key, "sama")

    # ---------------- pengawasan
    def pengawasan(self, check: SheetCheck, records: list[dict], new_dates: dict[str, dt.date]) -> DatasetPlan:
        plan = DatasetPlan()
        records = self.duplicates(check, records, lambda r: r["nomor_lhp"], "nomor_lhp",
                                  lambda r: f"nomor_lhp '{r['nomor_lhp']}'")
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
                self.err(check, row, "kode_kegiatan", f"kegiatan '{kode}' tidak ditemukan di basis data maupun "
                         "di lembar kegiatan berkas ini.")
                continue
            day = rec["tanggal_pengawasan"]
            if day > self.ctx.today:
                self.err(check, row, "tanggal_pengawasan", f"tanggal {fmt(day)} belum terjadi (sesudah hari ini).")
                continue
            if not self.in_period(check, rec, "tanggal_pengawasan", "tanggal pengawasan"):
                continue
            if kode is not None and day < activity_day[kode]:
                self.err(check, row, "tanggal_pengawasan", f"tanggal pengawasan {fmt(day)} sebelum tanggal kegiatan "
                         f"'{kode}' yang diawasi ({fmt(activity_day[kode])}).")
                continue
            old = existing.get(rec["nomor_lhp"])
            filed = rec.get("tanggal_lapor") if has_filed else (old.filed_on if old is not None else None)
            if filed is not None and filed < day:
                where = "tanggal_lapor" if has_filed else "tanggal_pengawasan"
                self.err(check, row, where, f"tanggal lapor {fmt(filed)} sebelum tanggal pengawasan {fmt(day)}.")
                continue
            if filed is not None and filed > self.ctx.today:
                self.err(check, row, "tanggal_lapor", f"tanggal {fmt(filed)} belum terjadi (sesudah hari ini).")
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

    # ---------------- pelanggaran
    def case_election(self, check: SheetCheck, rec: dict) -> tuple[int | None, int | None] | None:
        """The election (and pair) a case names, if any: a ``jenis`` means the election of that kind
        over the case's desa whose period (config [import]) holds tanggal_kejadian, else
        tanggal_diterima."""
        ref, nomor = rec.get("pemilihan"), rec.get("nomor_urut")
        if ref is None:
            if nomor is not None:
                self.err(check, rec["_row"], "pemilihan", "wajib diisi bila nomor_urut diisi.")
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
                spans = "; ".join(f"{e['kode']}: {fmt(self.ctx.window(e)[0])} s.d. {fmt(self.ctx.window(e)[1])}"
                                  for e in found)
                self.err(check, rec["_row"], "pemilihan", f"tidak ada {vocab.ELECTION_KINDS[ref[1]]} di wilayah ini "
                         f"yang masanya meliputi tanggal kasus {fmt(days[0])} ({spans}); tulis kode pemilihannya.")
                return None
        else:
            election = found
        if nomor is None:
            return election["id"], None
        paslon_id = self.ctx.paslon.get((election["id"], nomor))
        if paslon_id is None:
            have = sorted(n for (e, n) in self.ctx.paslon if e == election["id"])
            self.err(check, rec["_row"], "nomor_urut", f"nomor urut {nomor} tidak ada pada {election['nama']} "
                     f"(yang ada: {', '.join(map(str, have)) or '-'}).")
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
                self.err(check, rec["_row"], column, f"nomor '{rec['nomor']}' di baris {first['_row']} tercatat dengan "
                         f"{column} {shown_as(first[field])}, di baris ini {shown_as(rec[field])}; satu kasus hanya "
                         f"punya satu {column}. Samakan, atau beri nomor lain bila ini kasus lain.")
                ok = False
        return ok

    def pelanggaran(self, check: SheetCheck, records: list[dict]) -> DatasetPlan:
        plan = DatasetPlan()
        records = self.duplicates(check, records, lambda r: (r["nomor"], r["status"], r["tanggal_status"]),
                                  "status", lambda r: f"status '{r['status']}' tanggal {fmt(r['tanggal_status'])} "
                                  f"untuk nomor '{r['nomor']}'")
        good = []
        first_of: dict[str, dict] = {}
        for rec in records:
            row, ok = rec["_row"], True
            first = first_of.setdefault(rec["nomor"], rec)
            if first is not rec and not self.same_case(check, first, rec):
                ok = False
            kejadian, diterima, status_day = rec.get("tanggal_kejadian"), rec["tanggal_diterima"], rec["tanggal_status"]
            if kejadian is not None and kejadian > diterima:
                self.err(check, row, "tanggal_kejadian", f"tanggal kejadian {fmt(kejadian)} sesudah tanggal "
                         f"diterima {fmt(diterima)}.")
                ok = False
            if status_day < diterima:
                self.err(check, row, "tanggal_status", f"tanggal status {fmt(status_day)} sebelum tanggal "
                         f"diterima {fmt(diterima)}.")
                ok = False
            for name in ("tanggal_kejadian", "tanggal_diterima", "tanggal_status"):
                if rec.get(name) is not None and rec[name] > self.ctx.today:
                    self.err(check, row, name, f"tanggal {fmt(rec[name])} belum terjadi (sesudah hari ini).")
                    ok = False
            if diterima <= self.ctx.today and not self.in_period(check, rec, "tanggal_diterima", "tanggal diterima"):
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
                    self.err(check, source["_row"], None, f"nomor '{nomor}': status terbaru yang tersimpan "
                             f"({old.status}, {fmt(old.status_date)}) lebih baru dari baris ini, jadi data kasus "
                             f"tidak diubah oleh baris ini ({', '.join(stale)} berbeda); statusnya ditambahkan ke "
                             "riwayat.", "warning")
            earliest = min([d for d, _, _ in old_hist] + [r["tanggal_status"] for r in order])
            if earliest < vals["tanggal_diterima"]:
                self.err(check, source["_row"], "tanggal_diterima", f"tanggal diterima {fmt(vals['tanggal_diterima'])} "
                         f"sesudah status yang sudah tercatat pada {fmt(earliest)} untuk nomor '{nomor}'.")
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
                key = f"{nomor} / {r['status']} {fmt(r['tanggal_status'])}"
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

    # ---------------- formulir_c
    def voting_day(self, check: SheetCheck, rec: dict) -> dt.date | None:
        day = rec["tanggal_laporan"]
        if not self.ctx.voting_days:
            self.err(check, rec["_row"], "tanggal_laporan", "belum ada data pemilihan di basis data.")
            return None
        for voting in self.ctx.voting_days:
            if voting - dt.timedelta(days=FORMULIR_C_DAYS_BEFORE_VOTING) <= day <= voting + dt.timedelta(
                    days=FORMULIR_C_DAYS_AFTER_VOTING):
                return voting
        days = ", ".join(fmt(v) for v in self.ctx.voting_days)
        self.err(check, rec["_row"], "tanggal_laporan", f"tanggal laporan {fmt(day)} tidak cocok dengan hari "
                 f"pemungutan suara mana pun ({days}); laporan harus antara {FORMULIR_C_DAYS_BEFORE_VOTING} hari "
                 f"sebelum dan {FORMULIR_C_DAYS_AFTER_VOTING} hari sesudah hari pemungutan suara.")
        return None

    def formulir_c(self, check: SheetCheck, records: list[dict], listed: dict | None = None) -> DatasetPlan:
        """``listed``: the TPS of the same file's tps sheet, (desa, nomor, voting day) -> DPT, written
        before the recaps; a recap of one of them must state the same DPT."""
        listed = listed or {}
        plan = DatasetPlan()
        desa_nama = {k: n for k, (_, n) in self.ctx.desa.items()}
        records = self.duplicates(check, records, lambda r: (r["desa_kode"], r["nomor_tps"]), "nomor_tps",
                                  lambda r: f"TPS {r['nomor_tps']} desa {desa_nama[r['desa_kode']]}")
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
                self.err(check, row, "jumlah_dpt", f"terdistribusi {rec['terdistribusi']} + tidak terdistribusi "
                         f"{undelivered} = {total}, tidak sama dengan jumlah_dpt {dpt} (selisih {total - dpt:+d}).")
                ok = False
            if rec["tanggal_laporan"] > self.ctx.today:
                self.err(check, row, "tanggal_laporan", f"tanggal {fmt(rec['tanggal_laporan'])} belum terjadi "
                         "(sesudah hari ini).")
                ok = False
            voting = self.voting_day(check, rec)
            if not ok or voting is None:
                continue
            key = (rec["desa_kode"], rec["nomor_tps"], voting)
            label = f"{desa_nama[rec['desa_kode']]} TPS {rec['nomor_tps']:03d}"
            vals = {"dpt": dpt, "delivered": rec["terdistribusi"], "report_date": rec["tanggal_laporan"],
                    **{f"undelivered_{r}": rec[f"tidak_terdistribusi_{r}"] for r in REASONS}}
            old_tps, old_fc = existing.get(key, (None, None))
            tkey = {"desa_kode": key[0], "nomor": key[1], "voting_day": key[2]}
            if key in listed:
                if listed[key] != dpt:
                    self.err(check, row, "jumlah_dpt", f"jumlah_dpt {dpt} berbeda dengan jumlah_dpt {listed[key]} "
                             "TPS ini di lembar tps berkas yang sama; samakan keduanya.")
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


def read_reference(data: bytes, file_name: str) -> dict[str, list[dict]]:
    """The pemilihan and paslon rows of a file, read and parsed by the importer's own code without a
    database (the demo generator builds its elections and pairs from the shipped reference
    workbook this way, so the two cannot drift apart). Raises ValueError listing the problems."""
    raw = read_file(data, file_name)
    problems = list(raw.problems)
    out: dict[str, list[dict]] = {}
    for sheet in raw.sheets:
        if sheet.dataset in ("pemilihan", "paslon"):
            check = SheetCheck(sheet, None, problems)
            if check.check_headers():
                out[sheet.dataset] = check.records(None, 0.0)
    errors = [str(p) for p in problems if p.level == "error"]
    if errors:
        raise ValueError(f"{file_name}: " + "; ".join(errors))
    return out


# ------------------------------------------------------------------------------ the pipeline
def _plan(conn: Connection, raw: RawFile, progress: Progress | None, now: dt.datetime, personal: bool = True):
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
    planner = Planner(conn, ctx, problems, now)
    planner.personal = personal
    records = {}
    for i, (name, check) in enumerate(checks.items()):
        records[name] = check.records(progress, 0.3 + 0.3 * i / max(len(checks), 1))
    for name in REFERENCE:
        if name not in checks:
            continue
        if progress:
            progress(0.6, f"Membandingkan {name} dengan basis data")
        if name == "pemilihan":
            kegiatan_in_file = {r["kode_kegiatan"] for r in records.get("kegiatan", [])}
            plans[name] = planner.pemilihan(checks[name], records[name], kegiatan_in_file)
        elif name == "paslon":
            written = set()
            if "pemilihan" in checks and "kode" in checks["pemilihan"].position:
                pos = checks["pemilihan"].position["kode"]
                written = {" ".join(str(v[pos]).split()) for _, v in checks["pemilihan"].sheet.rows if v[pos] is not None}
            plans[name] = planner.paslon(checks[name], records[name], written)
        else:
            recaps_in_file = {(r["desa_kode"], r["nomor_tps"]) for r in records.get("formulir_c", [])}
            plans[name] = planner.tps(checks[name], records[name], recaps_in_file)
    reference_sheets = {checks[n].sheet.label for n in REFERENCE if n in checks}
    if any(p.level == "error" and p.sheet in reference_sheets for p in problems):
        for name in ORDER:
            if name in checks and name not in REFERENCE:
                problems.append(Problem(checks[name].sheet.label, None, None, "hubungan baris lembar ini dengan "
                                        "pemilihan, pasangan calon dan TPS belum diperiksa, karena lembar data acuan "
                                        "berkas ini masih bermasalah; perbaiki lembar itu lalu periksa ulang.",
                                        "warning"))
        return problems, {}
    new_dates: dict[str, dt.date] = {}
    for name in ORDER:
        if name not in checks or name in REFERENCE:
            continue
        if progress:
            progress(0.6, f"Membandingkan {name} dengan basis data")
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


def _sorted_problems(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.level != "error", p.sheet, p.row or 0))


def _result(raw: RawFile, problems, plans) -> ImportResult:
    plans = {name: p for name, p in plans.items() if sum(p.counts.values())}  # empty sheets say nothing
    return ImportResult(
        file_name=raw.name, sha256=raw.sha256, problems=_sorted_problems(problems),
        counts={name: plans[name].counts for name in plans},
        changes={name: plans[name].changes for name in plans})


def _unreadable(file_name: str, exc: Exception) -> Problem:
    """The verdict for a file whose check stopped on an exception: the database could not be
    read, or (anything else) a fault in Pantau itself, said so instead of blaming the database."""
    if isinstance(exc, (SQLAlchemyError, OSError)):
        text = f"basis data tidak dapat dibaca ({type(exc).__name__}); berkas belum diperiksa."
    else:
        log.exception("import check of %s failed", file_name)
        text = (f"kesalahan internal Pantau saat memeriksa berkas ({type(exc).__name__}); berkas belum "
                "diperiksa. Laporkan ke admin.")
    return Problem(f"berkas '{file_name}'", None, None, text)


def check_file(engine: Engine, data: bytes, file_name: str, progress: Progress | None = None, *,
               personal: bool = True) -> ImportResult:
    """Read, validate and plan a file against the database without writing anything."""
    return check_batch(engine, [(file_name, data)], lambda _name: progress, personal=personal)[0]


def dependency_rank(file_name: str) -> int:
    """Workbooks first, then CSV files in dataset order (kegiatan before pengawasan, ...)."""
    dataset = csv_dataset(file_name) if file_name.lower().endswith((".csv", ".txt")) else None
    return 0 if dataset is None else 1 + ORDER.index(dataset)


def in_order(files: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """(file name, content) pairs in the order a batch is checked and imported."""
    return sorted(files, key=lambda f: dependency_rank(f[0]))


def check_batch(engine: Engine, files: list[tuple[str, bytes]],
                progress_for: Callable[[str], Progress | None] | None = None, *,
                personal: bool = True) -> list[ImportResult]:
    """The verdicts ``import_batch`` would give on the same files, writing nothing.

    Files are checked in ``in_order`` order, each against the database as the earlier files of the
    batch would leave it: an accepted file is written inside one transaction that is rolled back
    at the end (the last file is only planned). So an LHP file may refer to activities in a
    kegiatan file of the same batch, a second pelanggaran file sees the first one's history, and
    the preview counts are the ones the import will report."""
    files = in_order(files)
    results: list[ImportResult] = []
    if not files:
        return results
    now = utc_now()
    try:
        with engine.connect() as conn:
            trans = conn.begin()
            try:
                for i, (name, data) in enumerate(files):
                    progress = progress_for(name) if progress_for else None
                    raw = read_file(data, name, progress)
                    try:
                        problems, plans = _plan(conn, raw, progress, now, personal)
                        result = _result(raw, problems, plans)
                        if result.ok and i < len(files) - 1:
                            _write(conn, plans, None, _dry_run(progress))
                    except Exception as exc:  # noqa: BLE001 - a verdict, never a crash
                        results.append(_result(raw, [*raw.problems, _unreadable(name, exc)], {}))
                        break
                    results.append(result)
            finally:
                trans.rollback()
    except Exception as exc:  # noqa: BLE001 - e.g. database unreachable: still a verdict
        for name, data in files[len(results):]:
            raw = read_file(data, name)
            results.append(_result(raw, [*raw.problems, _unreadable(name, exc)], {}))
    for name, data in files[len(results):]:  # after a failure, the rest is not checked
        results.append(ImportResult(name, hashlib.sha256(data).hexdigest(), [Problem(
            f"berkas '{name}'", None, None, "belum diperiksa karena pemeriksaan berkas sebelumnya terhenti.")],
            {}, {}))
    return results


def _dry_run(progress: Progress | None) -> Progress | None:
    if progress is None:
        return None
    return lambda f, _m: progress(f, "Menyiapkan pemeriksaan berkas berikutnya")


def import_batch(engine: Engine, files: list[tuple[str, bytes]], username: str,
                 progress_for: Callable[[str], Progress | None] | None = None, *,
                 personal: bool = True) -> list[ImportResult]:
    """Import files in ``in_order`` order, each whole or not at all and in its own transaction (so
    activities are written before the LHP files that refer to them)."""
    return [import_file(engine, data, name, username, progress_for(name) if progress_for else None,
                        personal=personal) for name, data in in_order(files)]


def _chunks(rows: list[dict]):
    for i in range(0, len(rows), CHUNK):
        yield rows[i:i + CHUNK]


def _write(conn: Connection, plans: dict[str, DatasetPlan], import_id: int, progress: Progress | None) -> None:
    total = sum(len(p.inserts) + len(p.updates) for p in plans.values()) or 1
    done = 0

    def step(n: int, name: str):
        nonlocal done
        done += n
        if progress:
            progress(min(0.99, 0.65 + 0.35 * done / total), f"Menulis {name}: {done:,} dari {total:,} baris")

    def run_insert(table, rows, name):
        for chunk in _chunks(rows):
            conn.execute(insert(table), chunk)
            step(len(chunk), name)

    def run_update(table, rows, columns, name):
        stmt = update(table).where(table.c.id == bindparam("_id")).values(
            {c: bindparam(f"v_{c}") for c in columns})
        for chunk in _chunks(rows):
            conn.execute(stmt, [{"_id": r["_id"], **{f"v_{c}": r[c] for c in columns}} for r in chunk])
            step(len(chunk), name)

    write_reference(conn, plans, run_insert, run_update)
    if "kegiatan" in plans:
        p = plans["kegiatan"]
        cols = ("election_id", "paslon_id", "metode", "tanggal", "jam_mulai", "desa_kode", "lokasi",
                "perkiraan_peserta", "sumber", "recorded_at")
        run_insert(A.__table__, p.inserts, "kegiatan")
        run_update(A.__table__, p.updates, cols, "kegiatan")
    if "pengawasan" in plans:
        p = plans["pengawasan"]
        ids = {k: i for i, k in conn.execute(select(A.id, A.kode))}
        for r in p.inserts + p.updates:
            r["activity_id"] = ids.get(r["activity_kode"]) if r["activity_kode"] else None
        cols = ("tanggal", "activity_id", "desa_kode", "nama_pengawas", "jabatan", "bentuk", "uraian",
                "dugaan_pelanggaran", "filed_on", "recorded_at")
        run_insert(R.__table__, [{k: r[k] for k in ("nomor_lhp", *cols)} for r in p.inserts], "pengawasan")
        run_update(R.__table__, p.updates, cols, "pengawasan")
    if "pelanggaran" in plans:
        p = plans["pelanggaran"]
        cols = ("sumber", "tanggal_kejadian", "tanggal_diterima", "desa_kode", "election_id", "paslon_id",
                "jenis_dugaan", "kategori", "terlapor", "pelapor", "status", "status_date", "recorded_at")
        run_insert(C.__table__, p.inserts, "pelanggaran")
        run_update(C.__table__, p.updates, cols, "pelanggaran")
        ids = {k: i for i, k in conn.execute(select(C.id, C.nomor))}
        history = sorted(p.extra["history"], key=lambda h: (h["tanggal"], h["_row"]))
        rows = [{"case_id": ids[h["nomor"]], "status": h["status"], "tanggal": h["tanggal"],
                 "import_id": import_id, "recorded_at": h["recorded_at"]} for h in history]
        run_insert(H.__table__, rows, "riwayat status")
    if "formulir_c" in plans:
        p = plans["formulir_c"]
        run_insert(T.__table__, p.extra["tps_inserts"], "TPS")
        run_update(T.__table__, p.extra["tps_updates"], ("dpt", "recorded_at"), "TPS")
        ids = {(d, n, v): i for i, d, n, v in conn.execute(select(T.id, T.desa_kode, T.nomor, T.voting_day))}
        fc_cols = ("dpt", "delivered", *(f"undelivered_{r}" for r in REASONS), "report_date", "recorded_at")
        run_insert(F.__table__, [{"tps_id": ids[(r["desa_kode"], r["nomor"], r["voting_day"])],
                                  **{c: r[c] for c in fc_cols}} for r in p.inserts], "formulir C")
        stmt = update(F.__table__).where(F.tps_id == bindparam("_id")).values(
            {c: bindparam(f"v_{c}") for c in fc_cols})
        for chunk in _chunks(p.updates):
            conn.execute(stmt, [{"_id": r["_id"], **{f"v_{c}": r[c] for c in fc_cols}} for r in chunk])
            step(len(chunk), "formulir C")


def _activity_desa(conn: Connection, plans: dict[str, DatasetPlan], *, after: bool) -> set[str]:
    """Desa of the activities a plan changes, as they stand before (``after=False``: rows about to
    be updated, activities of LHP about to be re-pointed) or after the write (new and updated
    activities, activities the written LHP point to): their kabupaten's summaries change."""
    desa: set[str] = set()
    if "kegiatan" in plans:
        p = plans["kegiatan"]
        if after:
            desa |= {r["desa_kode"] for r in p.inserts + p.updates}
        elif p.updates:
            desa |= dialect.distinct_in(conn, select(A.desa_kode), A.id, [r["_id"] for r in p.updates])
    if "pengawasan" in plans:
        p = plans["pengawasan"]
        if after:
            ids = {r["activity_id"] for r in p.inserts + p.updates if r.get("activity_id") is not None}
            desa |= dialect.distinct_in(conn, select(A.desa_kode), A.id, sorted(ids))
        elif p.updates:
            desa |= dialect.distinct_in(conn, select(A.desa_kode).join(R, R.activity_id == A.id), R.id,
                                        [r["_id"] for r in p.updates])
    return desa


def _log(conn: Connection, result: ImportResult, username: str, now: dt.datetime) -> int:
    problems = [p.as_dict() for p in result.problems] if not result.ok else None
    rows = {name: counts for name, counts in result.counts.items()}
    stmt = insert(schema.ImportLog).returning(schema.ImportLog.id)
    return conn.execute(stmt, {
        "imported_at": now, "username": (username or "tidak diketahui")[:100], "file_name": result.file_name[-255:],
        "sha256": result.sha256, "rows": json.dumps(rows, sort_keys=True), "result": result.verdict,
        "problems": json.dumps(problems, ensure_ascii=False) if problems is not None else None,
    }).scalar_one()


def import_file(engine: Engine, data: bytes, file_name: str, username: str,
                progress: Progress | None = None, *, personal: bool = True) -> ImportResult:
    """Import one file whole or not at all; log the attempt. Returns the verdict with problems.
    ``personal=False`` (a role that may not see names): stored rows keep their names (``Planner``)."""
    now = utc_now()
    raw = read_file(data, file_name, progress)
    result = None
    try:
        with engine.begin() as conn:
            problems, plans = _plan(conn, raw, progress, now, personal)
            result = _result(raw, problems, plans)
            if result.ok:
                result.import_id = _log(conn, result, username, now)
                was_fresh, before = rollup.is_fresh(conn), _activity_desa(conn, plans, after=False)
                _write(conn, plans, result.import_id, progress)
                # the summary tables move with the rows, in this transaction: only the kabupaten
                # the file touched, unless they were already stale (then all of them)
                touched = rollup.kabupaten_of_desa(conn, before | _activity_desa(conn, plans, after=True))
                rollup.refresh(conn, touched if was_fresh else None)
                result.written = True
    except Exception as exc:  # noqa: BLE001 - the transaction rolled back; report and log it
        if result is None:
            result = _result(raw, list(raw.problems), {})
        result.written, result.import_id = False, None
        result.problems.append(Problem(f"berkas '{file_name}'", None, None,
                                       f"gagal menulis ke basis data; tidak ada yang diubah ({type(exc).__name__}: "
                                       f"{str(exc).splitlines()[0][:200] if str(exc) else ''})."))
    if not result.written:
        with engine.begin() as conn:
            result.import_id = _log(conn, result, username, now)
    if progress:
        progress(1.0, "Selesai")
    return result
