"""Synthetic national-size data for the scale benchmark (``python -m data_access demo --scale national``).

Pantau is built for one regency, but the same code should serve a province or Bawaslu RI. This
module writes a synthetic country of the size the scale issue names (``factor=1.0``):
38 provinsi, ~514 kabupaten/kota, ~7,300 kecamatan, ~84,000 desa, 420,000 TPS (with Formulir C),
~550 elections (one gubernur per provinsi, one bupati/walikota per kabupaten), 1,000,000 campaign
activities, 3,000,000 supervision reports (LHP) and 100,000 violation cases with their status
history. A smaller ``factor`` (e.g. 0.01) scales every count down, for tests.

Everything is SYNTHETIC except the province codes and names; area names are "Kab. 11.01" style.
Rows are generated as numpy columns and written in bulk through the DBAPI: ``executemany`` on
SQLite, ``COPY`` on PostgreSQL (never row by row through the ORM). Values are written in the
storage formats SQLAlchemy itself uses, so the app reads them back exactly like imported rows.
"""
from __future__ import annotations

import datetime as dt
import io
import time
from dataclasses import dataclass

import numpy as np
from sqlalchemy import Engine

from data_access import schema, vocab
from data_access.demo.safety import clear_or_refuse
from data_access.demo.writing import create_demo_accounts, finish
from data_access.migrate import upgrade

# The 38 provinces (Kemendagri codes and names, Permendagri 2022 numbering).
PROVINSI = {
    "11": "Aceh", "12": "Sumatera Utara", "13": "Sumatera Barat", "14": "Riau", "15": "Jambi",
    "16": "Sumatera Selatan", "17": "Bengkulu", "18": "Lampung", "19": "Kepulauan Bangka Belitung",
    "21": "Kepulauan Riau", "31": "DKI Jakarta", "32": "Jawa Barat", "33": "Jawa Tengah",
    "34": "DI Yogyakarta", "35": "Jawa Timur", "36": "Banten", "51": "Bali", "52": "Nusa Tenggara Barat",
    "53": "Nusa Tenggara Timur", "61": "Kalimantan Barat", "62": "Kalimantan Tengah",
    "63": "Kalimantan Selatan", "64": "Kalimantan Timur", "65": "Kalimantan Utara", "71": "Sulawesi Utara",
    "72": "Sulawesi Tengah", "73": "Sulawesi Selatan", "74": "Sulawesi Tenggara", "75": "Gorontalo",
    "76": "Sulawesi Barat", "81": "Maluku", "82": "Maluku Utara", "91": "Papua", "92": "Papua Barat",
    "93": "Papua Selatan", "94": "Papua Tengah", "95": "Papua Pegunungan", "96": "Papua Barat Daya",
}

NATIONAL = {  # factor 1.0
    "kabupaten": 514,
    "kecamatan": 7_300,
    "desa": 84_000,
    "tps": 420_000,
    "campaign_activity": 1_000_000,
    "supervision_report": 3_000_000,
    "violation_case": 100_000,
}
CAMPAIGN_START, CAMPAIGN_END = dt.date(2024, 9, 25), dt.date(2024, 11, 23)
CALENDAR = {
    "campaign_start": CAMPAIGN_START, "campaign_end": CAMPAIGN_END,
    "quiet_start": dt.date(2024, 11, 24), "quiet_end": dt.date(2024, 11, 26),
    "voting_day": dt.date(2024, 11, 27), "formulir_c_deadline": dt.date(2024, 11, 24),
}
SUPERVISED_SHARE = 0.82  # activities with at least one LHP
CHUNK = 50_000
NAMES = ("Ahmad Rizki Dedi Hendra Rudi Agus Siti Nur Dewi Rina Yuli Fitri Saputra Pratama Hidayat "
         "Kurniawan Santoso Lestari Permata Handayani").split()


@dataclass
class Counts:
    rows: dict[str, int]
    seconds: float


def _spread(total: int, parts: int, rng: np.random.Generator, minimum: int = 1) -> np.ndarray:
    """``total`` split over ``parts`` uneven integer shares, each at least ``minimum`` (sums exactly)."""
    if total < parts * minimum:
        raise ValueError("total too small")
    w = rng.lognormal(0.0, 0.5, parts)
    extra = total - parts * minimum
    share = np.floor(extra * w / w.sum()).astype(np.int64)
    share[np.argsort(-w)[: extra - int(share.sum())]] += 1
    return share + minimum


def _fmt_dates(days: np.ndarray) -> np.ndarray:
    """Day offsets from CAMPAIGN_START (int array) -> 'YYYY-MM-DD' strings."""
    base = np.datetime64(CAMPAIGN_START.isoformat())
    return np.datetime_as_string(base + days.astype("timedelta64[D]"), unit="D")


def build_areas(factor: float, rng: np.random.Generator) -> dict[str, list[tuple]]:
    n_kab = max(len(PROVINSI) * 3, round(NATIONAL["kabupaten"] * factor))
    n_kec = max(n_kab, round(NATIONAL["kecamatan"] * factor))
    n_desa = max(n_kec * 2, round(NATIONAL["desa"] * factor))
    prov_codes = list(PROVINSI)
    kab_per_prov = _spread(n_kab, len(prov_codes), rng, 3)
    provinsi = [(k, PROVINSI[k]) for k in prov_codes]
    kabupaten = []
    for p, n in zip(prov_codes, kab_per_prov, strict=True):
        for i in range(1, n + 1):
            kind = "Kota" if i > n - max(1, n // 6) else "Kab."
            kabupaten.append((f"{p}.{i:02d}", p, f"{kind} {p}.{i:02d}"))
    kec_per_kab = _spread(n_kec, len(kabupaten), rng, 1)
    kecamatan = []
    for (kab, _, _), n in zip(kabupaten, kec_per_kab, strict=True):
        for i in range(1, n + 1):
            kode = f"{kab}.{i:02d}"
            kecamatan.append((kode, kab, f"Kec. {kode}", f"KEC. {kode}"))
    desa_per_kec = _spread(n_desa, len(kecamatan), rng, 2)
    desa = []
    for (kec, *_), n in zip(kecamatan, desa_per_kec, strict=True):
        n_kel = int(n // 8)
        for i in range(1, n + 1):
            jenis = "kelurahan" if i <= n_kel else "desa"
            kode = f"{kec}.{(1000 if jenis == 'kelurahan' else 2000) + i:04d}"
            desa.append((kode, kec, f"{'Kel.' if jenis == 'kelurahan' else 'Desa'} {kode[-7:]}", jenis))
    return {"provinsi": provinsi, "kabupaten": kabupaten, "kecamatan": kecamatan, "desa": desa}


def build(factor: float = 1.0, seed: int = 2024):
    """Yield ``(table, columns, rows)`` batches in insert order; every row a tuple of plain values."""
    rng = np.random.default_rng(seed)
    areas = build_areas(factor, rng)
    for name in ("provinsi", "kabupaten", "kecamatan", "desa"):
        cols = [c.name for c in schema.Base.metadata.tables[name].columns]
        yield name, cols, areas[name]

    kab_codes = [k[0] for k in areas["kabupaten"]]
    desa_codes = np.array([d[0] for d in areas["desa"]])
    desa_kab = np.array([c[:5] for c in desa_codes])
    desa_prov = np.array([c[:2] for c in desa_codes])
    n_desa = len(desa_codes)

    # ---- elections: one gubernur per provinsi, one bupati/walikota per kabupaten; 2-4 pairs each
    elections, paslon = [], []
    cal = tuple(CALENDAR[k].isoformat() for k in ("campaign_start", "campaign_end", "quiet_start", "quiet_end",
                                                   "voting_day", "formulir_c_deadline"))
    for p, nama in PROVINSI.items():
        elections.append((len(elections) + 1, f"gubernur-2024-{p}", "gubernur",
                          f"Pemilihan Gubernur dan Wakil Gubernur {nama} 2024", p, *cal))
    for k in kab_codes:
        elections.append((len(elections) + 1, f"bupati-2024-{k}", "bupati",
                          f"Pemilihan Bupati/Wali Kota {k} 2024", k, *cal))
    election_of = {e[4]: e[0] for e in elections}
    pairs_of: dict[int, list[int]] = {}
    for e in elections:
        n = int(rng.choice([1, 2, 2, 3, 3, 4]))
        ids = []
        if n == 1:  # a single-pair race: the pair against the kolom kosong
            paslon.append((len(paslon) + 1, e[0], 1, "Kolom kosong", True, None))
            ids.append(len(paslon))
            n_real, start = 1, 2
        else:
            n_real, start = n, 1
        for j in range(n_real):
            paslon.append((len(paslon) + 1, e[0], start + j, f"Paslon {start + j} ({e[4]})", False, None))
            ids.append(len(paslon))
        pairs_of[e[0]] = ids
    yield "election", [c.name for c in schema.Election.__table__.columns], elections
    yield "paslon", [c.name for c in schema.Paslon.__table__.columns], paslon

    recorded = "2024-11-26 13:00:00.000000"
    # ---- TPS and Formulir C
    n_tps = max(n_desa, round(NATIONAL["tps"] * factor))
    tps_per_desa = _spread(n_tps, n_desa, rng, 1)
    tps_desa = np.repeat(np.arange(n_desa), tps_per_desa)
    nomor = np.arange(n_tps) - np.repeat(np.cumsum(tps_per_desa) - tps_per_desa, tps_per_desa) + 1
    dpt = rng.integers(150, 601, n_tps)
    voting = CALENDAR["voting_day"].isoformat()
    yield "tps", ["id", "desa_kode", "nomor", "voting_day", "dpt", "recorded_at"], (
        (i + 1, desa_codes[d], int(nm), voting, int(v), recorded)
        for i, (d, nm, v) in enumerate(zip(tps_desa, nomor, dpt, strict=True)))
    rate = np.clip(rng.lognormal(np.log(0.05), 0.6, n_tps), 0, 0.4)
    undelivered = np.floor(dpt * rate).astype(np.int64)
    shares = rng.dirichlet([6.5, 2.2, 0.6, 0.6, 0.15, 0.1], n_tps)
    split = np.floor(shares * undelivered[:, None]).astype(np.int64)
    split[:, 0] += undelivered - split.sum(axis=1)
    deadline = CALENDAR["formulir_c_deadline"]
    report_off = rng.choice([-2, -1, 0, 0, 0, 1, 2], n_tps, p=[.2, .3, .2, .15, .11, .02, .02])
    report_dates = np.datetime_as_string(np.datetime64(deadline.isoformat()) + report_off.astype("timedelta64[D]"))
    yield "formulir_c", ["tps_id", "dpt", "delivered", *schema.UNDELIVERED_COLUMNS, "report_date", "recorded_at"], (
        (i + 1, int(dpt[i]), int(dpt[i] - undelivered[i]), *map(int, split[i]), report_dates[i], recorded)
        for i in range(n_tps))

    # ---- campaign activities: a desa, then the gubernur or bupati race there, then a pair
    n_act = round(NATIONAL["campaign_activity"] * factor)
    n_days = (CAMPAIGN_END - CAMPAIGN_START).days + 1
    desa_weight = rng.lognormal(0.0, 0.7, n_desa)
    act_desa = rng.choice(n_desa, n_act, p=desa_weight / desa_weight.sum())
    gub = rng.random(n_act) < 0.35
    act_election = np.where(gub, [election_of[p] for p in desa_prov[act_desa]] if n_act else [],
                            [election_of[k] for k in desa_kab[act_desa]] if n_act else []).astype(np.int64)
    pick = rng.random(n_act)
    act_paslon = np.array([pairs_of[e][int(u * len(pairs_of[e]))] for e, u in zip(act_election, pick, strict=True)],
                          dtype=np.int64)
    # busier towards the end of the campaign
    act_day = np.minimum((rng.beta(1.4, 1.0, n_act) * n_days).astype(np.int64), n_days - 1)
    act_dates = _fmt_dates(act_day)
    metode_codes = np.array(list(vocab.METODE))
    metode = rng.choice(metode_codes, n_act, p=np.array([30, 25, 1, 15, 10, 3, 2, 10, 4]) / 100)
    sumber = rng.choice(np.array(list(vocab.ACTIVITY_SOURCES)), n_act, p=[0.55, 0.35, 0.10])
    hour = rng.integers(8, 21, n_act)
    peserta = rng.integers(20, 600, n_act)
    places = np.array(["Balai desa", "Lapangan", "Rumah warga", "Gedung serbaguna", "Pasar", "Posko"])
    lokasi = rng.choice(places, n_act)
    yield "campaign_activity", ["id", "kode", "election_id", "paslon_id", "metode", "tanggal", "jam_mulai",
                                "desa_kode", "lokasi", "perkiraan_peserta", "sumber", "recorded_at"], (
        (i + 1, f"KGT-{i + 1:07d}", int(act_election[i]), int(act_paslon[i]), metode[i], act_dates[i],
         f"{int(hour[i]):02d}:00:00.000000", desa_codes[act_desa[i]], lokasi[i], int(peserta[i]), sumber[i], recorded)
        for i in range(n_act))

    # ---- supervision reports: supervised activities get 1..n LHP, the rest are patrols
    n_rep = round(NATIONAL["supervision_report"] * factor)
    supervised = np.flatnonzero(rng.random(n_act) < SUPERVISED_SHARE)
    n_linked = min(n_rep, int(n_rep * 0.9))
    # every supervised activity gets one LHP, the remaining linked LHP go to random supervised ones
    extra = rng.choice(supervised, max(0, n_linked - len(supervised))) if len(supervised) else np.array([], int)
    rep_act = np.concatenate([supervised, extra])[:n_linked]
    n_patrol = n_rep - len(rep_act)
    rep_desa = np.concatenate([act_desa[rep_act], rng.integers(0, n_desa, n_patrol)])
    rep_day = np.concatenate([act_day[rep_act], rng.integers(0, n_days, n_patrol)])
    rep_dates = _fmt_dates(rep_day)
    filed = _fmt_dates(np.minimum(rep_day + rng.choice([0, 1, 1, 2, 3], n_rep), n_days + 3))
    jabatan = rng.choice(np.array(["pkd", "panwascam", "ptps"]), n_rep, p=[0.7, 0.25, 0.05])
    bentuk = np.where(np.arange(n_rep) < len(rep_act), "langsung", "pencegahan")
    dugaan = rng.random(n_rep) < 0.02
    first, last = rng.integers(0, len(NAMES), n_rep), rng.integers(0, len(NAMES), n_rep)
    yield "supervision_report", ["id", "nomor_lhp", "tanggal", "activity_id", "desa_kode", "nama_pengawas",
                                 "jabatan", "bentuk", "uraian", "dugaan_pelanggaran", "filed_on", "recorded_at"], (
        (i + 1, f"LHP-{i + 1:08d}", rep_dates[i], int(rep_act[i]) + 1 if i < len(rep_act) else None,
         desa_codes[rep_desa[i]], f"{NAMES[first[i]]} {NAMES[last[i]]}", jabatan[i], bentuk[i], None,
         bool(dugaan[i]), filed[i], recorded)
        for i in range(n_rep))

    # ---- violation cases and their status history
    n_case = round(NATIONAL["violation_case"] * factor)
    case_act = rng.integers(0, max(n_act, 1), n_case)
    case_day = act_day[case_act] + rng.integers(0, 3, n_case) if n_act else rng.integers(0, n_days, n_case)
    kejadian = _fmt_dates(case_day)
    diterima_day = case_day + rng.integers(0, 4, n_case)
    diterima = _fmt_dates(diterima_day)
    case_sumber = rng.choice(np.array(["temuan", "laporan"]), n_case, p=[0.6, 0.4])
    jenis = rng.choice(np.array(list(vocab.JENIS_DUGAAN)), n_case)
    paths = [["diterima", "kajian_awal", "tidak_diregistrasi"],
             ["diterima", "kajian_awal", "diregistrasi", "klarifikasi", "kajian", "diteruskan_kpu"],
             ["diterima", "kajian_awal", "diregistrasi", "kajian", "bukan_pelanggaran"],
             ["diterima", "kajian_awal", "diregistrasi", "diteruskan_gakkumdu"],
             ["diterima", "kajian_awal"], ["diterima"]]
    path_pick = rng.choice(len(paths), n_case, p=[0.2, 0.25, 0.25, 0.1, 0.12, 0.08])
    cases, history = [], []
    day_text = list(_fmt_dates(np.arange(n_days + 40)))
    for i in range(n_case):
        steps = paths[path_pick[i]]
        a = int(case_act[i]) if n_act else None
        day = int(diterima_day[i])
        for s in steps:
            history.append((len(history) + 1, i + 1, s, day_text[day], None, recorded))
            day += int(rng.integers(1, 3))
        last_day = history[-1][3]
        cases.append((i + 1, f"{i + 1:06d}/PL/PB/RI/2024", case_sumber[i], kejadian[i], diterima[i],
                      desa_codes[act_desa[a]] if a is not None else desa_codes[0],
                      int(act_election[a]) if a is not None else None, int(act_paslon[a]) if a is not None else None,
                      jenis[i], None, None, None, steps[-1], last_day, recorded))
    yield "violation_case", [c.name for c in schema.ViolationCase.__table__.columns], cases
    yield "case_status", [c.name for c in schema.CaseStatus.__table__.columns], history


def _chunks(rows, size: int = CHUNK):
    batch = []
    for r in rows:
        batch.append(r)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _copy_value(v) -> str:
    return "\\N" if v is None else str(v).replace("\\", "\\\\").replace("\t", " ").replace("\n", " ")


def write(engine: Engine, factor: float = 1.0, seed: int = 2024, *, replace: bool = False, log=print) -> Counts:
    """Write the synthetic country into ``engine`` (schema upgraded first) in one transaction."""
    upgrade(engine)
    started = time.perf_counter()
    counts: dict[str, int] = {}
    with engine.begin() as conn:
        clear_or_refuse(conn, replace, areas_count=True)
        raw = conn.connection.driver_connection
        pg = conn.dialect.name == "postgresql"
        for table, cols, rows in build(factor, seed):
            t0, n = time.perf_counter(), 0
            if pg:
                cur = raw.cursor()
                with cur.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as copy:
                    buf = io.StringIO()
                    for batch in _chunks(rows):
                        buf.seek(0)
                        buf.truncate()
                        for r in batch:
                            buf.write("\t".join(_copy_value(v) for v in r))
                            buf.write("\n")
                        copy.write(buf.getvalue())
                        n += len(batch)
            else:
                cur = raw.cursor()
                sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
                for batch in _chunks(rows):
                    cur.executemany(sql, batch)
                    n += len(batch)
            counts[table] = n
            log(f"  {table}: {n:,} baris ({time.perf_counter() - t0:.1f} s)")
        finish(conn, f"skala-{factor:g}-{seed}")
    # Planner statistics for the new volumes; on PostgreSQL also VACUUM, as autovacuum would do soon
    # after a bulk load: without the visibility map every index-only scan visits the heap (the quiet
    # desa probe took 2.8 s instead of 1.0 s nationally). VACUUM cannot run inside a transaction.
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("VACUUM ANALYZE" if engine.dialect.name == "postgresql" else "ANALYZE")
    create_demo_accounts(engine)
    return Counts(counts, time.perf_counter() - started)
