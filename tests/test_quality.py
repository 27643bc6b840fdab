"""Data-quality checks on a hand-built database: the clean database fires no check; a copy with
exactly one planted fault fires that check alone and names the planted row (SQLite and PostgreSQL).

The clean database (campaign 19–23 Nov 2024, voting day 27 Nov):
- every one of the 53 desa: TPS 1 (DPT 300, 10 undelivered = 3,3%) recapped 24 Nov, and two
  prevention LHPs on 20 and 22 Nov (same supervisor name per desa, filed the same day);
- activities KGT-A1 20 Nov Toboali (LHP R-A1), KGT-A2 21 Nov Payung (LHPs R-A2a and R-A2b, both
  "no violation"), KGT-A3 22 Nov Rias (LHP R-A3);
- cases C-1 (decided 21 Nov) and C-2 (kajian_awal since 24 Nov).
Rows are written 20 Nov 10.00 WIB, the Formulir C recaps 24 Nov 10.00 WIB, so the reference day (the
WIB day of the newest record, metrics.cases.reference_day) is 24 Nov.
Thresholds are those of config/pantau.toml except quiet_days = 3 (so the 5-day campaign can hold
a quiet spell): with LHPs on 20 and 22 Nov every desa's longest gap is 1 day (19, 21 or 23 Nov).
"""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import insert, select

from data_access import schema, vocab, wilayah
from data_access.filters import Filters
from metrics import quality as mq
from tests.builders import KEC_PAYUNG, KEC_TOBOALI, MALIK, PAYUNG, PONGOK, RECORDED, RIAS, TOBOALI, Builder
from texts.formatting import DASH
from ui.quality import collect, display_frame

D = dt.date
RECAPS_WRITTEN = dt.datetime(2024, 11, 24, 3, 0)  # 10.00 WIB: the newest record
TH = dataclasses.replace(mq.thresholds(), quiet_days=3)
NO_FILTERS = Filters()
ALL_DESA = [r.kode for r in wilayah.read_wilayah()]


def build(db, plant: str | None = None):
    """The clean database, or it with the one fault ``plant``. Returns the planted row's key."""
    b = Builder(db)
    e = b.election("bupati", campaign=("2024-11-19", "2024-11-23"))
    p1 = b.paslon(e, 1)
    with db.begin() as conn:
        tps = [{"desa_kode": k, "nomor": 1, "voting_day": D(2024, 11, 27), "dpt": 300, "recorded_at": RECORDED}
               for k in ALL_DESA if not (plant == "desa_no_tps" and k == PONGOK)]
        ids = conn.execute(insert(schema.Tps).returning(schema.Tps.id, sort_by_parameter_order=True), tps).scalars()
        conn.execute(insert(schema.FormulirC), [
            {"tps_id": i, "dpt": 300, "delivered": 290, "report_date": D(2024, 11, 24), "recorded_at": RECAPS_WRITTEN,
             **{f"undelivered_{r}": (10 if r == "tidak_dikenal" else 0) for r in vocab.UNDELIVERED_REASONS}}
            for i in ids])
        conn.execute(insert(schema.SupervisionReport), [
            {"nomor_lhp": f"P-{k}-{day.day}", "tanggal": day, "activity_id": None, "desa_kode": k,
             "nama_pengawas": f"Pengawas {k[-4:]}", "jabatan": "pkd", "bentuk": "pencegahan", "uraian": None,
             "dugaan_pelanggaran": False, "filed_on": day, "recorded_at": RECORDED}
            for k in ALL_DESA for day in (D(2024, 11, 20), D(2024, 11, 22))
            if not (plant == "desa_quiet" and k == PONGOK and day.day == 22)])
    name = {TOBOALI: "Pengawas 1001", PAYUNG: "Pengawas 2001", RIAS: "Pengawas 2008"}
    a1 = b.activity(p1, "2024-11-20", TOBOALI, kode="KGT-A1", lokasi="Balai Desa")
    a2 = b.activity(p1, "2024-11-21", PAYUNG, kode="KGT-A2")
    a3 = b.activity(p1, "2024-11-22", RIAS, kode="KGT-A3")
    b.report("2024-11-20", TOBOALI, activity=a1, nomor="R-A1", nama=name[TOBOALI])
    b.report("2024-11-21", PAYUNG, activity=a2, nomor="R-A2a", nama=name[PAYUNG])
    b.report("2024-11-21", PAYUNG, activity=a2, nomor="R-A2b", nama=name[PAYUNG], jabatan="panwascam")
    b.report("2024-11-22", RIAS, activity=a3, nomor="R-A3", nama=name[RIAS])
    b.case("C-1", "2024-11-19", TOBOALI, [("diterima", "2024-11-19"), ("kajian_awal", "2024-11-20"),
                                          ("tidak_diregistrasi", "2024-11-21")])
    b.case("C-2", "2024-11-23", PAYUNG, [("diterima", "2024-11-23"), ("kajian_awal", "2024-11-24")])

    if plant == "missing_report":  # 21 Nov, no LHP: 24 - 21 = 3 days >= 2
        b.activity(p1, "2024-11-21", MALIK, kode="PLANT")
        return ("PLANT",)
    if plant == "late_report":  # filed 24 Nov for 20 Nov: 4 days > 2
        b.report("2024-11-20", TOBOALI, activity=a1, nomor="PLANT", nama=name[TOBOALI], filed_on="2024-11-24")
        return ("PLANT",)
    if plant == "report_outside_period":  # a patrol LHP on 28 Nov: after voting day (27 Nov) of every
        # election. (An LHP on an activity may be dated in the quiet period, 24–26 Nov, since issue 18.)
        b.report("2024-11-28", TOBOALI, nomor="PLANT", nama=name[TOBOALI], bentuk="pencegahan")
        return ("PLANT",)
    if plant == "report_activity_gap":  # KGT-A1 took place on 20 Nov; this LHP says 22 Nov: 2 days > 1.
        # Filed 22 Nov = 2 days after the activity, not more than 2, so "late_report" stays silent.
        b.report("2024-11-22", TOBOALI, activity=a1, nomor="PLANT", nama=name[TOBOALI])
        return ("PLANT",)
    if plant == "case_outside_period":  # happened 1 Nov, before the campaign (19 Nov); decided in time
        b.case("PLANT", "2024-11-20", TOBOALI, [("diterima", "2024-11-20"), ("kajian_awal", "2024-11-20"),
                                               ("tidak_diregistrasi", "2024-11-21")], election_id=e,
               kejadian="2024-11-01")
        return ("PLANT",)
    if plant == "fc_report_after_voting":  # recap dated 28 Nov, voting day 27 Nov (10 of 300 undelivered)
        b.tps(TOBOALI, 2, 300, reasons={"tidak_dikenal": 10}, report_date="2024-11-28")
        return (TOBOALI, 2)
    if plant == "activity_outside_campaign":  # found in the field on 25 Nov, in the quiet period (24–26 Nov);
        # supervised the same day, so no other check fires
        quiet = b.activity(p1, "2024-11-25", MALIK, kode="PLANT", sumber="temuan_lapangan", metode="kegiatan_lain")
        b.report("2024-11-25", MALIK, activity=quiet, nomor="R-PLANT", nama="Pengawas 2002")
        return ("PLANT",)
    if plant == "report_desa_mismatch":  # KGT-A1 took place in Toboali, the LHP says Rias
        b.report("2024-11-20", RIAS, activity=a1, nomor="PLANT", nama=name[RIAS])
        return ("PLANT",)
    if plant == "report_conflict":  # KGT-A2: R-A2a and R-A2b say "no", this one "yes"
        b.report("2024-11-21", PAYUNG, activity=a2, nomor="PLANT", nama=name[PAYUNG], dugaan=True)
        return ("PLANT",)
    if plant == "case_stuck":  # still "diterima" since 20 Nov: 24 - 20 = 4 days > 1
        b.case("PLANT", "2024-11-20", MALIK, [("diterima", "2024-11-20")])
        return ("PLANT",)
    if plant == "fc_rate_high":  # 100 / 300 = 33,3% > 30%
        b.tps(TOBOALI, 2, 300, reasons={"tidak_dikenal": 100})
        return (TOBOALI, 2)
    if plant == "fc_zero_large":  # 0 undelivered with DPT 450 >= 400
        b.tps(TOBOALI, 2, 450)
        return (TOBOALI, 2)
    if plant == "fc_dpt_over":  # DPT 650 > 600 (20 undelivered = 3,1%)
        b.tps(TOBOALI, 2, 650, reasons={"pindah_domisili": 20})
        return (TOBOALI, 2)
    if plant == "desa_no_tps":
        return (PONGOK,)
    if plant == "desa_quiet":  # Pongok's LHPs: 20 Nov only -> 21, 22, 23 Nov quiet = 3 days >= 3
        return (PONGOK,)
    if plant == "duplicate_activity":  # KGT-A1 again: "balai  DESA." = "Balai Desa" after normalising
        dup = b.activity(p1, "2024-11-20", TOBOALI, kode="PLANT", lokasi="balai  DESA.")
        b.report("2024-11-20", TOBOALI, activity=dup, nomor="R-PLANT", nama=name[TOBOALI])
        return ("PLANT",)
    if plant == "name_spelling":  # "pengawas  1001" vs "Pengawas 1001" (3 LHPs) in Toboali
        b.report("2024-11-20", TOBOALI, activity=a1, nomor="PLANT", nama="pengawas  1001")
        return ("PLANT",)
    assert plant is None, plant
    return None


def run(db, f: Filters = NO_FILTERS, th: mq.Thresholds = TH):
    with db.connect() as conn:
        def load(fn, filters=None, **kwargs):
            return fn(conn) if filters is None else fn(conn, filters, **kwargs)
        return collect(load, f, th=th)


def fired(report) -> dict[str, set]:
    return {c: mq.keys(c, df) for c, df in report.results.items() if len(df)}


def test_clean_database_fires_no_check(db):
    build(db)
    report = run(db)
    assert report.as_of == D(2024, 11, 24)  # the day the recaps were written (WIB)
    assert report.window == (D(2024, 11, 19), D(2024, 11, 23))  # the campaign, before the reference day
    assert fired(report) == {}
    assert report.total_issues == 0
    assert set(report.summary["check"]) == {c.id for c in mq.CHECKS}
    # Every kecamatan scores 100%. Kecamatan Toboali holds KGT-A1 (Toboali) and KGT-A3 (Rias), case C-1.
    toboali = report.scores.set_index("kecamatan_kode").loc[KEC_TOBOALI]
    assert (toboali["activities"], toboali["cases"], toboali["score"]) == (2, 1, 1.0)
    assert (report.scores["score"] == 1.0).all()


# What the page shows (and downloads) for each planted fault: the headers of the key an operator
# corrects it by in an import file, with the planted row's values.
SHOWN_KEY = {
    "missing_report": {"Kode kegiatan": "PLANT"},
    "late_report": {"Nomor LHP": "PLANT", "Kode kegiatan": "KGT-A1"},
    "report_outside_period": {"Nomor LHP": "PLANT", "Kode kegiatan": DASH, "Hari di luar masa": 1},
    "report_desa_mismatch": {"Nomor LHP": "PLANT", "Kode kegiatan": "KGT-A1"},
    "report_conflict": {"Nomor LHP": "PLANT", "Kode kegiatan": "KGT-A2"},
    "case_stuck": {"Nomor kasus": "PLANT"},
    "fc_rate_high": {"Kode desa": TOBOALI, "Nomor TPS": 2},
    "fc_zero_large": {"Kode desa": TOBOALI, "Nomor TPS": 2},
    "fc_dpt_over": {"Kode desa": TOBOALI, "Nomor TPS": 2},
    "desa_no_tps": {"Kode desa": PONGOK},
    "desa_quiet": {"Kode desa": PONGOK},
    "duplicate_activity": {"Kode kegiatan": "PLANT"},
    "name_spelling": {"Nomor LHP": "PLANT", "Kode kegiatan": "KGT-A1"},
    "report_activity_gap": {"Nomor LHP": "PLANT", "Kode kegiatan": "KGT-A1", "Selang (hari)": 2},
    "report_without_activity": {"Nomor LHP": "P-19.03.05.2001-20"},  # its own test (a switch, off by default)
    "case_outside_period": {"Nomor kasus": "PLANT", "Tanggal kejadian": D(2024, 11, 1), "Hari di luar masa": 18},
    "fc_report_after_voting": {"Kode desa": TOBOALI, "Nomor TPS": 2, "Hari sesudahnya": 1},
    "activity_outside_campaign": {"Kode kegiatan": "PLANT", "Masa": "Masa tenang", "Hari di luar masa": 2},
}
PLANTED = [c.id for c in mq.CHECKS if c.id != "report_without_activity"]


def test_every_check_has_its_shown_key():
    assert set(SHOWN_KEY) == {c.id for c in mq.CHECKS}


@pytest.mark.parametrize("check", PLANTED)
def test_one_planted_fault_fires_its_check_alone(db, check):
    planted = build(db, plant=check)
    report = run(db)
    hits = fired(report)
    assert set(hits) == {check}, hits
    assert planted in hits[check]
    assert report.summary.set_index("check").loc[check, "issues"] == 1
    # the table on the page (and its CSV/XLSX) names the planted row by its correction key
    shown = display_frame(check, report.results[check])
    want = SHOWN_KEY[check]
    assert set(want) <= set(shown.columns), list(shown.columns)
    assert any(all(row[h] == v for h, v in want.items()) for _, row in shown.iterrows()), shown[list(want)]


def test_scores_count_each_flagged_row_once(db):
    """Planted duplicate activity in Toboali: KGT-A1 and PLANT are both listed (one group).
    Toboali rows: activities KGT-A1, KGT-A3, PLANT (3) + LHPs: 2 prevention x desa of Toboali + R-A1,
    R-A3, R-PLANT + TPS 1 per desa + desa + case C-1 (1). Flagged: 2 activities.
    Score = 1 - 2 / rows."""
    build(db, plant="duplicate_activity")
    report = run(db)
    n_desa = sum(1 for k in ALL_DESA if k.startswith(KEC_TOBOALI + "."))
    rows = 3 + (2 * n_desa + 3) + n_desa + n_desa + 1
    toboali = report.scores.set_index("kecamatan_kode").loc[KEC_TOBOALI]
    assert (toboali["rows"], toboali["flagged"]) == (rows, 2)
    assert toboali["score"] == pytest.approx(1 - 2 / rows)
    assert report.scores.set_index("kecamatan_kode").loc[KEC_PAYUNG, "score"] == 1.0


def test_checks_honour_the_area_filter(db):
    build(db, plant="missing_report")  # PLANT is in Malik, kecamatan Payung
    assert fired(run(db, Filters(kecamatan=(KEC_TOBOALI,)))) == {}
    assert fired(run(db, Filters(kecamatan=(KEC_PAYUNG,)))) == {"missing_report": {("PLANT",)}}


def test_missing_report_waits_for_the_grace_days(db):
    """An activity on the reference day itself (24 Nov) without LHP is not yet missing: 0 < 2."""
    build(db)
    b = Builder(db)
    p = b.paslon(1, 2)
    b.activity(p, "2024-11-24", PONGOK, kode="TODAY")
    b.activity(p, "2024-11-22", PONGOK, kode="TWO-DAYS")  # 24 - 22 = 2 >= 2: missing
    report = run(db)
    assert mq.keys("missing_report", report.results["missing_report"]) == {("TWO-DAYS",)}
    assert report.results["missing_report"].set_index("kode").loc["TWO-DAYS", "days_since"] == 2


def test_quiet_spell_dates(db):
    build(db, plant="desa_quiet")
    spells = run(db).results["desa_quiet"]
    assert [(r.desa_kode, r.spell_start, r.spell_end, r.quiet_days) for r in spells.itertuples()] == [
        (PONGOK, D(2024, 11, 21), D(2024, 11, 23), 3)]


def test_late_report_delay_distribution(db):
    """Delays in the planted database: 106 prevention + 4 activity LHPs on the day (0 days),
    PLANT 4 days."""
    build(db, plant="late_report")
    report = run(db)
    assert [tuple(r) for r in report.delays.itertuples(index=False)] == [(0, 2 * len(ALL_DESA) + 4), (4, 1)]
    assert report.results["late_report"].iloc[0]["delay_days"] == 4


def test_formulir_c_threshold_comes_from_the_configuration(db, pantau_config):
    """Every TPS of the clean database has 10 of 300 undelivered = 3,3%: not above the default 30%,
    but above 2% once the office sets implausible_undelivered_rate = 0.02 in the config file."""
    build(db)
    assert mq.thresholds().implausible_rate == 0.30
    assert fired(run(db, th=mq.thresholds())) == {}
    pantau_config(quality={"implausible_undelivered_rate": 0.02})
    th = mq.thresholds()
    assert th.implausible_rate == 0.02
    report = run(db, th=th)
    assert fired(report) == {"fc_rate_high": {(k, 1) for k in ALL_DESA}}
    row = report.results["fc_rate_high"].set_index(["desa_kode", "nomor_tps"]).loc[(TOBOALI, 1)]
    assert (row["dpt"], row["undelivered"]) == (300, 10)
    assert row["undelivered_rate"] == pytest.approx(10 / 300)


def test_late_report_delay_counts_from_the_activity(db):
    """Issue 8: the delay is the days between the activity and the report. KGT-A1 took place on
    20 Nov; an LHP on it dated 23 Nov and filed 23 Nov is 23 - 20 = 3 days late (> 2), although
    its own date equals its filing date. A patrol LHP (no activity) counts from its own date:
    dated 20 Nov, filed 24 Nov = 4 days."""
    build(db)
    b = Builder(db)
    with db.connect() as conn:
        a1 = conn.execute(select(schema.CampaignActivity.id).where(schema.CampaignActivity.kode == "KGT-A1")).scalar()
    b.report("2024-11-23", TOBOALI, activity=a1, nomor="LATE-A1", nama="Pengawas 1001", filed_on="2024-11-23")
    b.report("2024-11-20", TOBOALI, nomor="LATE-PATROL", nama="Pengawas 1001", bentuk="pencegahan",
             filed_on="2024-11-24")
    report = run(db)
    # LATE-A1 is also dated 3 days after its activity (> 1): the date-relation check names it too
    assert fired(report) == {"late_report": {("LATE-A1",), ("LATE-PATROL",)}, "report_activity_gap": {("LATE-A1",)}}
    late = report.results["late_report"].set_index("nomor_lhp")
    assert (late.loc["LATE-A1", "delay_days"], late.loc["LATE-A1", "tanggal_kegiatan"]) == (3, D(2024, 11, 20))
    assert late.loc["LATE-PATROL", "delay_days"] == 4
    # 106 prevention + 4 activity LHPs of the clean database filed on the day of their activity
    assert [tuple(r) for r in report.delays.itertuples(index=False)] == [(0, 2 * len(ALL_DESA) + 4), (3, 1), (4, 1)]


def test_spelling_rows_hide_the_name(db):
    build(db, plant="name_spelling")
    rows = run(db).results["name_spelling"]
    assert "nama_pengawas" not in rows.columns
    assert rows[["nomor_lhp", "majority_reports"]].values.tolist() == [["PLANT", 3]]  # P-…-20, P-…-22, R-A1


def test_spell_window_is_campaign_within_filter_and_reference_day():
    campaign = (D(2024, 9, 25), D(2024, 11, 23))
    assert mq.spell_window(campaign, None, None, D(2024, 11, 26)) == campaign
    assert mq.spell_window(campaign, D(2024, 10, 1), D(2024, 10, 31), None) == (D(2024, 10, 1), D(2024, 10, 31))
    assert mq.spell_window(campaign, None, None, D(2024, 10, 5)) == (D(2024, 9, 25), D(2024, 10, 5))
    assert mq.spell_window(campaign, D(2024, 12, 1), None, None) is None


def test_score_formula():
    assert mq.quality_score(40, 10) == 0.75  # 1 - 10/40
    assert mq.quality_score(0, 0) != mq.quality_score(0, 0)  # NaN: no rows, no score


def test_report_checks_follow_the_pair_filter(db):
    """With a pair chosen, LHPs count through their activity: the prevention LHPs drop out.
    Pair 1 (the only pair, id 1 in a fresh database): R-A1, R-A2a, R-A2b, R-A3 on the day, PLANT 4 days late."""
    build(db, plant="late_report")
    report = run(db, Filters(paslon_ids=(1,)))
    assert [tuple(r) for r in report.delays.itertuples(index=False)] == [(0, 4), (4, 1)]
    assert mq.keys("late_report", report.results["late_report"]) == {("PLANT",)}
    assert fired(run(db, Filters(paslon_ids=(99,)))) == {}
