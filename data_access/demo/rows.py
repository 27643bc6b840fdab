"""Every demo row, built in memory and deterministic for a seed (``build``).

SYNTHETIC (never published): every breakdown below the regency (TPS and DPT per desa, Formulir C
per TPS, the 186 split), all campaign activities, supervision reports and cases, and every
personal name. The regency totals, elections, pairs and calendar are the real ones of
``data_access.demo.published``.
"""
from __future__ import annotations

import datetime as dt

import numpy as np

from data_access import wilayah
from data_access.demo.published import (
    CALENDAR_2024,
    CAMPAIGN_END,
    CAMPAIGN_START,
    DPT_TOTAL,
    ELECTIONS,
    MAX_DPT_PER_TPS,
    PASLON,
    TPS_TOTAL,
    UNDELIVERED_BY_REASON,
)

DEFAULT_SEED = 2024

# Synthetic activity volumes per (election, ballot number): "a few hundred for the regency".
ACTIVITIES_PER_PASLON = {("bupati-2024", 2): 250, ("gubernur-2024", 1): 85, ("gubernur-2024", 2): 95}
ISLAND_KECAMATAN = ("19.03.02", "19.03.08")  # Lepar Pongok, Kepulauan Pongok
# Desa that got extra TPS in 2024 because of the 600-voter cap (wartabangka, 10 Aug 2024).
EXTRA_TPS_DESA = ("Rindik", "Bikang", "Pergam", "Airgegas", "Sebagin")
WIB = dt.timedelta(hours=7)

FIRST_NAMES = (
    "Ahmad Rizki Dedi Hendra Rudi Agus Bambang Yusuf Fajar Irwan Joko Andi Budi Eko Sugeng Wahyu "
    "Siti Nur Dewi Rina Yuli Fitri Maya Ratna Lestari Indah Sri Wulan Ani Eka Putri Sari"
).split()
LAST_NAMES = (
    "Saputra Pratama Hidayat Kurniawan Santoso Wijaya Setiawan Gunawan Firmansyah Hakim Rahman "
    "Lestari Permata Handayani Wulandari Rahmawati Susanti Maharani Anggraini Syahputra Effendi"
).split()
PLACES = ("Balai Desa", "Rumah warga Dusun", "Lapangan", "Gedung serbaguna", "Posko pemenangan",
          "Pasar", "Masjid sekitar", "Kedai kopi")


def _wib_to_utc(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute)) - WIB


def allocate(total: int, weights: np.ndarray, caps: np.ndarray) -> np.ndarray:
    """Split ``total`` into integers proportional to ``weights``, none above its cap (largest
    remainder). Exact: the result always sums to ``total``."""
    weights = np.asarray(weights, dtype=float)
    caps = np.asarray(caps, dtype=np.int64)
    if total > caps.sum():
        raise ValueError("caps too small for total")
    out = np.zeros(len(weights), dtype=np.int64)
    remaining = total
    while remaining > 0:
        room = caps - out
        w = np.where(room > 0, weights, 0.0)
        if w.sum() <= 0:
            w = (room > 0).astype(float)
        share = remaining * w / w.sum()
        step = np.minimum(np.floor(share).astype(np.int64), room)
        if step.sum() == 0:  # hand out the last units by largest fraction
            order = np.argsort(-(share - np.floor(share)) - (room > 0) * 1e-9)
            for i in order:
                if remaining == 0:
                    break
                if room[i] > 0:
                    out[i] += 1
                    remaining -= 1
            continue
        out += step
        remaining -= int(step.sum())
    return out


def _person(rng: np.random.Generator) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def _roman(month: int) -> str:
    return ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"][month - 1]


def build(seed: int = DEFAULT_SEED) -> dict[str, list[dict]]:
    """All demo rows, keyed by table name, ready for bulk insert (ids assigned here)."""
    rng = np.random.default_rng(seed)
    areas = wilayah.read_wilayah()
    desa_kode = [a.kode for a in areas]
    kec_of = {a.kode: a.kecamatan_kode for a in areas}
    is_island = np.array([kec_of[d] in ISLAND_KECAMATAN for d in desa_kode])
    recorded_default = _wib_to_utc(CALENDAR_2024["voting_day"] - dt.timedelta(days=1), 20)

    # ---------------- elections and pairs
    elections, paslon = [], []
    for i, e in enumerate(ELECTIONS, start=1):
        elections.append({"id": i, **e})
        for nomor, nama, kosong, partai in PASLON[e["kode"]]:
            paslon.append({"id": len(paslon) + 1, "election_id": i, "nomor_urut": nomor, "nama": nama,
                           "is_kolom_kosong": kosong, "partai_pengusul": partai})
    election_id = {e["kode"]: e["id"] for e in elections}
    paslon_id = {(p["election_id"], p["nomor_urut"]): p["id"] for p in paslon}

    # ---------------- TPS: 300 over 53 desa, DPT 151,742, <= 600 each (synthetic allocation)
    size = rng.lognormal(0.0, 0.45, len(areas))
    size[[a.jenis == "kelurahan" for a in areas]] *= 2.2  # Toboali town
    size[is_island] *= 0.8
    for name in EXTRA_TPS_DESA:
        size[[a.nama == name for a in areas]] *= 1.6
    tps_per_desa = allocate(TPS_TOTAL, size, np.full(len(areas), 20))
    tps_per_desa = np.maximum(tps_per_desa, 1)
    while tps_per_desa.sum() > TPS_TOTAL:  # the max(…, 1) above may overshoot by a few
        tps_per_desa[np.argmax(tps_per_desa)] -= 1
    tps_desa = np.repeat(np.arange(len(areas)), tps_per_desa)
    base = np.where(is_island[tps_desa], 430.0, 515.0) * rng.uniform(0.85, 1.12, TPS_TOTAL)
    dpt = allocate(DPT_TOTAL, base, np.full(TPS_TOTAL, MAX_DPT_PER_TPS))
    tps = []
    for i, (d, n) in enumerate(zip(tps_desa, dpt, strict=True)):
        nomor = int((tps_desa[:i] == d).sum()) + 1
        tps.append({"id": i + 1, "desa_kode": desa_kode[d], "nomor": nomor,
                    "voting_day": CALENDAR_2024["voting_day"], "dpt": int(n),
                    "recorded_at": recorded_default})

    # ---------------- Formulir C: exact reason totals, spread unevenly (a few TPS far worse)
    badness = rng.lognormal(0.0, 0.8, TPS_TOTAL)
    badness[rng.choice(TPS_TOTAL, 6, replace=False)] *= 3.5  # the handful of problem TPS
    cap_total = np.floor(dpt * 0.27).astype(np.int64)
    per_reason = {}
    used = np.zeros(TPS_TOTAL, dtype=np.int64)
    for reason, total in UNDELIVERED_BY_REASON.items():
        w = dpt * badness * rng.lognormal(0.0, 0.35, TPS_TOTAL)
        per_reason[reason] = allocate(total, w, cap_total - used)
        used += per_reason[reason]
    deadline = CALENDAR_2024["formulir_c_deadline"]
    formulir_c = []
    for i in range(TPS_TOTAL):
        late = rng.random() < 0.04  # a few recaps arrive after the H-3 deadline
        report_date = deadline + dt.timedelta(days=int(rng.integers(1, 3))) if late else \
            deadline - dt.timedelta(days=int(rng.integers(0, 3)))
        row = {"tps_id": i + 1, "dpt": int(dpt[i]), "delivered": int(dpt[i] - used[i]),
               "report_date": report_date,
               "recorded_at": _wib_to_utc(report_date, int(rng.integers(9, 21)), int(rng.integers(0, 60)))}
        row.update({f"undelivered_{r}": int(v[i]) for r, v in per_reason.items()})
        formulir_c.append(row)

    # ---------------- campaign activities (synthetic)
    days = np.array([CAMPAIGN_START + dt.timedelta(days=k) for k in range((CAMPAIGN_END - CAMPAIGN_START).days + 1)])
    day_weight = np.linspace(0.6, 1.8, len(days))  # campaigning intensifies toward the end
    desa_weight = np.array([sum(t["dpt"] for t in tps if t["desa_kode"] == d) for d in desa_kode], float)
    desa_weight[is_island] *= 0.45  # fewer activities reach the islands
    activities = []
    counters = {"sttp": 0, "jadwal_kpu": 0, "temuan_lapangan": 0}
    for (ekode, nomor), n in ACTIVITIES_PER_PASLON.items():
        eid = election_id[ekode]
        for _ in range(n):
            day = days[rng.choice(len(days), p=day_weight / day_weight.sum())]
            d = int(rng.choice(len(areas), p=desa_weight / desa_weight.sum()))
            metode = str(rng.choice(
                ["tatap_muka_dialog", "pertemuan_terbatas", "kegiatan_lain", "penyebaran_bahan_kampanye",
                 "pemasangan_apk"], p=[0.88, 0.06, 0.03, 0.02, 0.01]))
            if metode == "tatap_muka_dialog" and day >= dt.date(2024, 11, 10) and rng.random() < 0.03:
                metode = "iklan_media"
            sumber = str(rng.choice(["sttp", "jadwal_kpu", "temuan_lapangan"], p=[0.9, 0.07, 0.03]))
            if sumber == "temuan_lapangan":  # unnotified "berbau kampanye" events found in the field
                metode = str(rng.choice(["kegiatan_lain", "tatap_muka_dialog"]))
            activities.append({"election_id": eid, "paslon_id": paslon_id[(eid, nomor)], "metode": metode,
                               "tanggal": day, "desa_kode": desa_kode[d], "sumber": sumber})
    # The rapat umum of the last three days (5 in all of Babel; 3 held in Bangka Selatan).
    toboali = [i for i, a in enumerate(areas) if a.kode == "19.03.01.1001"][0]
    for day, (ekode, nomor) in zip((dt.date(2024, 11, 21), dt.date(2024, 11, 22), dt.date(2024, 11, 23)),
                                   (("bupati-2024", 2), ("gubernur-2024", 1), ("gubernur-2024", 2)), strict=True):
        eid = election_id[ekode]
        activities.append({"election_id": eid, "paslon_id": paslon_id[(eid, nomor)], "metode": "rapat_umum",
                           "tanggal": day, "desa_kode": desa_kode[toboali], "sumber": "sttp"})
    activities.sort(key=lambda a: (a["tanggal"], a["desa_kode"], a["paslon_id"]))
    for i, a in enumerate(activities, start=1):
        counters[a["sumber"]] += 1
        seq = counters[a["sumber"]]
        month = _roman(a["tanggal"].month)
        a["id"] = i
        a["kode"] = {"sttp": f"STTP/{seq:04d}/{month}/2024/SATINTELKAM",
                     "jadwal_kpu": f"JDW-KPU/{seq:03d}/{month}/2024",
                     "temuan_lapangan": f"TL/{seq:03d}/{month}/2024"}[a["sumber"]]
        hour = int(rng.choice([9, 10, 14, 15, 16, 19, 20]))
        a["jam_mulai"] = dt.time(hour, int(rng.choice([0, 30])))
        desa_name = next(x.nama for x in areas if x.kode == a["desa_kode"])
        place = str(rng.choice(PLACES))
        a["lokasi"] = f"{place} {desa_name}" if a["metode"] != "rapat_umum" else "Lapangan Merdeka Toboali"
        a["perkiraan_peserta"] = int(rng.integers(800, 2500) if a["metode"] == "rapat_umum" else rng.integers(20, 160))
        a["recorded_at"] = _wib_to_utc(a["tanggal"] - dt.timedelta(days=int(rng.integers(1, 4))), 10)

    # ---------------- supervision reports (LHP): most, not all, activities; realistic gaps
    reports = []
    pengawas_by_desa = {d: _person(rng) for d in desa_kode}  # one PKD per desa
    panwascam_by_kec = {k: [_person(rng) for _ in range(3)] for k in set(kec_of.values())}
    last_week = CAMPAIGN_END - dt.timedelta(days=6)

    def add_report(day: dt.date, desa: str, activity_id: int | None, bentuk: str, jabatan: str) -> dict:
        delay = int(rng.choice([0, 1, 2, 3, 4, 6], p=[0.45, 0.33, 0.12, 0.05, 0.03, 0.02]))
        filed = day + dt.timedelta(days=delay)
        kec = kec_of[desa]
        name = pengawas_by_desa[desa] if jabatan == "pkd" else str(rng.choice(panwascam_by_kec[kec]))
        rep = {"id": len(reports) + 1, "tanggal": day, "activity_id": activity_id, "desa_kode": desa,
               "nama_pengawas": name, "jabatan": jabatan, "bentuk": bentuk,
               "uraian": "Kegiatan berjalan tertib; tidak ada pelanggaran." if bentuk == "langsung"
               else "Patroli pengawasan APK dan imbauan kepada tim kampanye.",
               "dugaan_pelanggaran": False, "filed_on": filed,
               "recorded_at": _wib_to_utc(filed, int(rng.integers(8, 22)), int(rng.integers(0, 60)))}
        reports.append(rep)
        return rep

    for a in activities:
        p = 0.93
        if kec_of[a["desa_kode"]] in ISLAND_KECAMATAN:
            p -= 0.35
        if a["tanggal"].weekday() >= 5:
            p -= 0.12
        if a["tanggal"] >= last_week:
            p -= 0.15
        if a["sumber"] == "temuan_lapangan":
            p = 1.0  # found in the field: by definition someone was there
        if rng.random() < p:
            add_report(a["tanggal"], a["desa_kode"], a["id"], "langsung", "pkd")
            if a["metode"] == "rapat_umum" or rng.random() < 0.15:
                add_report(a["tanggal"], a["desa_kode"], a["id"], "langsung", "panwascam")
    for d in desa_kode:  # prevention patrols not tied to an activity
        for _ in range(int(rng.integers(0, 3 if kec_of[d] in ISLAND_KECAMATAN else 5))):
            day = days[int(rng.integers(0, len(days)))]
            add_report(day, d, None, "pencegahan", "pkd")
    reports.sort(key=lambda r: (r["tanggal"], r["id"]))
    for seq, r in enumerate(reports, start=1):
        t = r["tanggal"]
        r["nomor_lhp"] = f"{seq:03d}/LHP/PM.01.02/{kec_of[r['desa_kode']]}/{t:%d/%m/%Y}"

    # ---------------- violation cases: few, mostly not registered / not a violation
    cases, history = [], []
    supervised = [r for r in reports if r["activity_id"] is not None]
    activity_by_id = {a["id"]: a for a in activities}
    plans = [  # (sumber, jenis_dugaan, outcome path, kategori)
        ("temuan", "tanpa_sttp_tidak_sesuai_sttp", "bukan", "bukan_pelanggaran"),
        ("temuan", "apk", "instansi", "peraturan_lainnya"),
        ("temuan", "netralitas_asn", "instansi", "peraturan_lainnya"),
        ("temuan", "melibatkan_anak", "bukan", "bukan_pelanggaran"),
        ("temuan", "netralitas_kades", "instansi", "peraturan_lainnya"),
        ("temuan", "fasilitas_pemerintah", "bukan", "bukan_pelanggaran"),
        ("temuan", "tanpa_sttp_tidak_sesuai_sttp", "open", None),
        ("laporan", "kampanye_hitam_sara_hoaks", "tidak_reg", None),
        ("laporan", "kampanye_hitam_sara_hoaks", "tidak_reg", None),
        ("laporan", "politik_uang", "gakkumdu_henti", "pidana"),
        ("laporan", "netralitas_asn", "instansi", "peraturan_lainnya"),
        ("laporan", "apk", "tidak_reg", None),
        ("laporan", "netralitas_penyelenggara_adhoc", "kpu", "kode_etik"),
        ("laporan", "politik_uang", "open", None),
        ("laporan", "di_luar_jadwal", "bukan", "bukan_pelanggaran"),
        ("laporan", "lainnya", "tidak_reg", None),
    ]
    paths = {
        "bukan": ["diterima", "kajian_awal", "diregistrasi", "klarifikasi", "kajian", "bukan_pelanggaran"],
        "instansi": ["diterima", "kajian_awal", "diregistrasi", "klarifikasi", "kajian", "diteruskan_instansi_lain"],
        "kpu": ["diterima", "kajian_awal", "diregistrasi", "klarifikasi", "kajian", "diteruskan_kpu"],
        "gakkumdu_henti": ["diterima", "kajian_awal", "diregistrasi", "klarifikasi", "kajian",
                           "diteruskan_gakkumdu", "dihentikan"],
        "tidak_reg": ["diterima", "kajian_awal", "tidak_diregistrasi"],
        "open": ["diterima", "kajian_awal", "diregistrasi", "klarifikasi"],
    }
    pool = rng.permutation(len(supervised))
    for k, (sumber, jenis, outcome, kategori) in enumerate(plans, start=1):
        if sumber == "temuan":
            rep = supervised[int(pool[k])]
            rep["dugaan_pelanggaran"] = True
            rep["uraian"] = "Ditemukan dugaan pelanggaran; dituangkan dalam Formulir Model A bagian IV."
            act = activity_by_id[rep["activity_id"]]
            kejadian, desa = rep["tanggal"], rep["desa_kode"]
            diterima = rep["filed_on"]
            eid, pid = act["election_id"], act["paslon_id"]
        else:
            kejadian = days[int(rng.integers(5, len(days) - 2))]
            diterima = kejadian + dt.timedelta(days=int(rng.integers(0, 4)))
            desa = desa_kode[int(rng.choice(len(areas), p=desa_weight / desa_weight.sum()))]
            eid = int(rng.choice([1, 2]))
            pid = int(rng.choice([p["id"] for p in paslon if p["election_id"] == eid and not p["is_kolom_kosong"]]))
        if outcome == "open":  # the newest cases are still being handled
            diterima = CAMPAIGN_END - dt.timedelta(days=int(rng.integers(0, 3)))
            kejadian = min(kejadian, diterima)
        # Step lengths: usually inside the 3 + 2 day deadline, sometimes not (realistic).
        step_days = [0, 1, 1, 1, 1, 1, 14] if rng.random() < 0.75 else [0, 1, 1, 2, 2, 2, 14]
        day = diterima
        statuses = paths[outcome]
        for s, status in enumerate(statuses):
            day = day + dt.timedelta(days=step_days[min(s, len(step_days) - 1)] if s else 0)
            history.append({"case_id": k, "status": status, "tanggal": day,
                            "recorded_at": _wib_to_utc(day, 16)})
        cases.append({
            "id": k,
            "nomor": f"{k:03d}/{'TM' if sumber == 'temuan' else 'LP'}/PB/Kab/29.04/{_roman(diterima.month)}/2024",
            "sumber": sumber, "tanggal_kejadian": kejadian, "tanggal_diterima": diterima, "desa_kode": desa,
            "election_id": eid, "paslon_id": pid, "jenis_dugaan": jenis, "kategori": kategori,
            "terlapor": _person(rng), "pelapor": None if sumber == "temuan" else _person(rng),
            "status": statuses[-1], "status_date": day, "recorded_at": _wib_to_utc(day, 16),
        })
    _quiet_period_findings(activities, reports, cases, history, counters, election_id, paslon_id,
                           pengawas_by_desa, panwascam_by_kec, kec_of)
    for i, h in enumerate(history, start=1):
        h["id"] = i

    return {
        "election": elections, "paslon": paslon, "tps": tps, "formulir_c": formulir_c,
        "campaign_activity": activities, "supervision_report": reports,
        "violation_case": cases, "case_status": history,
    }


# Campaigning found in the quiet period (masa tenang, 24-26 Nov 2024), issue 18: a violation in itself
# (kampanye di luar jadwal), recorded as temuan_lapangan activities that supervisors attended, two of
# each taken up as a temuan. Fixed rows (no random draws), appended after everything else, so the rows
# above and their numbers stay as they were. (day, election, nomor urut, desa, metode, place, LHP
# by panwascam too, case: None or (path of statuses, kategori)).
QUIET_FINDINGS = (
    (dt.date(2024, 11, 24), "bupati-2024", 2, "19.03.01.2008", "kegiatan_lain", "Rumah warga Dusun Rias", True,
     (("diterima", "kajian_awal", "diregistrasi", "klarifikasi", "kajian", "diteruskan_gakkumdu"), "pidana")),
    (dt.date(2024, 11, 25), "gubernur-2024", 1, "19.03.03.2001", "tatap_muka_dialog", "Kedai kopi Airgegas", False,
     (("diterima", "kajian_awal", "diregistrasi", "klarifikasi"), None)),
    (dt.date(2024, 11, 26), "gubernur-2024", 2, "19.03.05.2001", "kegiatan_lain", "Balai Desa Payung", False,
     (("diterima", "kajian_awal", "tidak_diregistrasi"), None)),  # a family event after all: not registered
)


def _quiet_period_findings(activities, reports, cases, history, counters, election_id, paslon_id, pengawas_by_desa,
                           panwascam_by_kec, kec_of) -> None:
    """Append ``QUIET_FINDINGS``: the activity, its LHP(s) on the day (filed that day), and a temuan
    "di luar jadwal" handled one status a day from the day it was found (two statuses on the first
    day; the newest status on 28 Nov, before the demo's newest record, so "Data per" stays)."""
    for day, ekode, nomor, desa, metode, place, panwascam, plan in QUIET_FINDINGS:
        counters["temuan_lapangan"] += 1
        eid = election_id[ekode]
        act = {"id": len(activities) + 1, "election_id": eid, "paslon_id": paslon_id[(eid, nomor)], "metode": metode,
               "tanggal": day, "desa_kode": desa, "sumber": "temuan_lapangan",
               "kode": f"TL/{counters['temuan_lapangan']:03d}/{_roman(day.month)}/2024", "jam_mulai": dt.time(19, 30),
               "lokasi": place, "perkiraan_peserta": 40, "recorded_at": _wib_to_utc(day, 21)}
        activities.append(act)
        filed = day
        suspected = plan is not None
        for jabatan in ("pkd", "panwascam") if panwascam else ("pkd",):
            name = pengawas_by_desa[desa] if jabatan == "pkd" else panwascam_by_kec[kec_of[desa]][0]
            reports.append({
                "id": len(reports) + 1, "tanggal": day, "activity_id": act["id"], "desa_kode": desa,
                "nama_pengawas": name, "jabatan": jabatan, "bentuk": "langsung",
                "uraian": ("Kegiatan berbau kampanye pada masa tenang; dihentikan bersama kepolisian dan dituangkan "
                           "dalam Formulir Model A bagian IV." if suspected else
                           "Acara keluarga yang dihadiri tim kampanye; tidak ada ajakan memilih."),
                "dugaan_pelanggaran": suspected, "filed_on": filed,
                "nomor_lhp": f"{len(reports) + 1:03d}/LHP/PM.01.02/{kec_of[desa]}/{day:%d/%m/%Y}",
                "recorded_at": _wib_to_utc(filed, 22)})
        if plan is None:
            continue
        statuses, kategori = plan
        k = len(cases) + 1
        steps = [day + dt.timedelta(days=max(0, i - 1)) for i in range(len(statuses))]  # 2 statuses on the day
        history += [{"case_id": k, "status": s, "tanggal": t, "recorded_at": _wib_to_utc(t, 16)}
                    for s, t in zip(statuses, steps, strict=True)]
        cases.append({
            "id": k, "nomor": f"{k:03d}/TM/PB/Kab/29.04/{_roman(day.month)}/2024", "sumber": "temuan",
            "tanggal_kejadian": day, "tanggal_diterima": day, "desa_kode": desa, "election_id": eid,
            "paslon_id": act["paslon_id"], "jenis_dugaan": "di_luar_jadwal", "kategori": kategori,
            "terlapor": "Tim kampanye pasangan (contoh)", "pelapor": None, "status": statuses[-1],
            "status_date": steps[-1], "recorded_at": _wib_to_utc(steps[-1], 16)})
