"""Writing a file's plans: reference rows first (their real ids replace the provisional ones in
the other datasets' rows), then activities before the reports that point to them."""
from __future__ import annotations

from sqlalchemy import Connection, bindparam, insert, select, update

from data_access import dialect, schema, vocab
from data_access.importer.reading import Progress
from data_access.importer.reference import ELECTION_FIELDS, PAIR_FIELDS
from data_access.importer.result import DatasetPlan
from texts import importer as msg

A, R, C, H = schema.CampaignActivity, schema.SupervisionReport, schema.ViolationCase, schema.CaseStatus
E, P, T, F = schema.Election, schema.Paslon, schema.Tps, schema.FormulirC
REASONS = tuple(vocab.UNDELIVERED_REASONS)
CHUNK = 2000


def _write_reference(conn: Connection, plans: dict[str, DatasetPlan], run_insert, run_update) -> None:
    """Write the reference rows of ``plans`` (before any other dataset) and put the real ids of new
    elections and pairs into the other datasets' rows in place of the provisional ones."""
    elections, pairs = {}, {}
    if "pemilihan" in plans:
        p = plans["pemilihan"]
        run_insert(E.__table__, p.inserts, "pemilihan")
        run_update(E.__table__, p.updates, ELECTION_FIELDS, "pemilihan")
        by_kode = dict(conn.execute(select(E.kode, E.id)).all())
        elections = {temp: by_kode[kode] for temp, kode in p.extra["provisional"].items()}
    real_e = lambda i: elections.get(i, i) if i is not None else None  # noqa: E731
    if "paslon" in plans:
        p = plans["paslon"]
        for r in p.inserts:
            r["election_id"] = real_e(r["election_id"])
        run_insert(P.__table__, p.inserts, "paslon")
        run_update(P.__table__, p.updates, PAIR_FIELDS, "paslon")
        by_key = {(e, n): i for i, e, n in conn.execute(select(P.id, P.election_id, P.nomor_urut))}
        pairs = {temp: by_key[(real_e(e), n)] for temp, (e, n) in p.extra["provisional"].items()}
    if "tps" in plans:
        p = plans["tps"]
        run_insert(T.__table__, p.inserts, msg.WRITING_TPS)
        run_update(T.__table__, p.updates, ("dpt", "recorded_at"), msg.WRITING_TPS)
    if elections or pairs:
        for name in ("kegiatan", "pelanggaran"):
            if name in plans:
                for r in plans[name].inserts + plans[name].updates:
                    r["election_id"] = real_e(r.get("election_id"))
                    if r.get("paslon_id") is not None:
                        r["paslon_id"] = pairs.get(r["paslon_id"], r["paslon_id"])


def _chunks(rows: list[dict]):
    for i in range(0, len(rows), CHUNK):
        yield rows[i:i + CHUNK]


def write(conn: Connection, plans: dict[str, DatasetPlan], import_id: int, progress: Progress | None) -> None:
    total = sum(len(p.inserts) + len(p.updates) for p in plans.values()) or 1
    done = 0

    def step(n: int, name: str):
        nonlocal done
        done += n
        if progress:
            progress(min(0.99, 0.65 + 0.35 * done / total),
                     msg.PROGRESS_WRITING.format(what=name, done=done, total=total))

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

    _write_reference(conn, plans, run_insert, run_update)
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
        run_insert(H.__table__, rows, msg.WRITING_HISTORY)
    if "formulir_c" in plans:
        p = plans["formulir_c"]
        run_insert(T.__table__, p.extra["tps_inserts"], msg.WRITING_TPS)
        run_update(T.__table__, p.extra["tps_updates"], ("dpt", "recorded_at"), msg.WRITING_TPS)
        ids = {(d, n, v): i for i, d, n, v in conn.execute(select(T.id, T.desa_kode, T.nomor, T.voting_day))}
        fc_cols = ("dpt", "delivered", *(f"undelivered_{r}" for r in REASONS), "report_date", "recorded_at")
        run_insert(F.__table__, [{"tps_id": ids[(r["desa_kode"], r["nomor"], r["voting_day"])],
                                  **{c: r[c] for c in fc_cols}} for r in p.inserts], msg.WRITING_FORMULIR_C)
        stmt = update(F.__table__).where(F.tps_id == bindparam("_id")).values(
            {c: bindparam(f"v_{c}") for c in fc_cols})
        for chunk in _chunks(p.updates):
            conn.execute(stmt, [{"_id": r["_id"], **{f"v_{c}": r[c] for c in fc_cols}} for r in chunk])
            step(len(chunk), msg.WRITING_FORMULIR_C)


def activity_desa(conn: Connection, plans: dict[str, DatasetPlan], *, after: bool) -> set[str]:
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
