"""Data-quality date relations (issue 18) on the hand-built database of tests/test_quality.py: the
date checks look past the default date filter, name the rows they flag, follow the configured gap
and keep the area and pair filters (SQLite and PostgreSQL)."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import insert, select

from data_access import schema
from data_access.filters import Filters
from metrics import quality as mq
from tests.builders import KEC_PAYUNG, KEC_TOBOALI, PAYUNG, RECORDED, RIAS, TOBOALI, Builder
from tests.test_quality import ALL_DESA, build, fired, run
from ui.quality import display_frame

D = dt.date


# ---------------------------------------------------------------- date relations (issue 18)
CAMPAIGN_19_23 = Filters(start=D(2024, 11, 19), end=D(2024, 11, 23))  # the default range: the campaign


@pytest.mark.parametrize("check", [c for c in mq.DATE_CHECKS if c != "report_without_activity"])
def test_date_checks_look_past_the_default_date_filter(db, check):
    """The blind spot of issue 18: under the default date range (the campaign, 19–23 Nov) a row dated
    outside it was filtered away before it was checked. Each planted date fault is still named,
    and nothing else is."""
    planted = build(db, plant=check)
    hits = fired(run(db, CAMPAIGN_19_23))
    assert set(hits) == {check}, hits
    assert planted in hits[check]


def test_lhp_weeks_after_its_activity_is_named_under_the_default_filter(db):
    """The issue's example: an activity of the last campaign week (23 Nov, Toboali) and an LHP on it
    dated 19 days later (12 Dec), no filing date. Outside the election's campaign + quiet period
    (to 26 Nov: 16 days out) and 19 > 1 days after its activity: both date checks name it; nothing
    else does."""
    build(db)
    b = Builder(db)
    a = b.activity(1, "2024-11-23", TOBOALI, kode="KGT-LAST")
    b.report("2024-11-23", TOBOALI, activity=a, nomor="R-LAST", nama="Pengawas 1001")
    with db.begin() as conn:
        conn.execute(insert(schema.SupervisionReport), {
            "nomor_lhp": "LHP-12-DES", "tanggal": D(2024, 12, 12), "activity_id": a, "desa_kode": TOBOALI,
            "nama_pengawas": "Pengawas 1001", "jabatan": "pkd", "bentuk": "langsung", "uraian": None,
            "dugaan_pelanggaran": False, "filed_on": None, "recorded_at": RECORDED})
    report = run(db, CAMPAIGN_19_23)
    assert fired(report) == {"report_outside_period": {("LHP-12-DES",)}, "report_activity_gap": {("LHP-12-DES",)}}
    gap = report.results["report_activity_gap"].iloc[0]
    assert (gap["tanggal_kegiatan"], gap["tanggal"], gap["gap_days"]) == (D(2024, 11, 23), D(2024, 12, 12), 19)
    out = report.results["report_outside_period"].iloc[0]
    assert (out["period_start"], out["period_end"], out["days_outside"]) == (D(2024, 11, 19), D(2024, 11, 26), 16)
    assert not out["in_range"]


def test_lhp_dated_before_its_activity_is_named(db):
    """Pengawasan melekat: an LHP dated 19 Nov on KGT-A1 (20 Nov) is 1 day before it: named, gap −1."""
    build(db)
    b = Builder(db)
    b.report("2024-11-19", TOBOALI, activity=1, nomor="EARLY", nama="Pengawas 1001")
    report = run(db)
    assert fired(report) == {"report_activity_gap": {("EARLY",)}}
    assert report.results["report_activity_gap"].iloc[0]["gap_days"] == -1


def test_gap_threshold_comes_from_the_configuration(db, pantau_config):
    """KGT-A1 (20 Nov) with an LHP dated 22 Nov: 2 days. Named under the default 1; not with 2."""
    build(db, plant="report_activity_gap")
    assert mq.thresholds().lhp_after_activity_days == 1
    assert fired(run(db, th=dataclasses.replace(mq.thresholds(), quiet_days=3))) == {
        "report_activity_gap": {("PLANT",)}}
    pantau_config(quality={"lhp_after_activity_days": 2})
    assert fired(run(db, th=dataclasses.replace(mq.thresholds(), quiet_days=3))) == {}


def test_lhp_without_activity_only_when_switched_on(db, pantau_config):
    """Off by default (prevention patrols name no activity). Switched on, every patrol LHP on a day
    its desa had no activity is named: 2 patrols (20 and 22 Nov) x 53 desa = 106, except Toboali on
    20 Nov (KGT-A1) and Rias on 22 Nov (KGT-A3): 104. Payung's patrols (20, 22 Nov) are named:
    its activity KGT-A2 was on 21 Nov, so the latest activity before 22 Nov is 21 Nov (1 day)."""
    build(db)
    assert not mq.thresholds().lhp_without_activity
    assert fired(run(db)) == {}
    pantau_config(quality={"lhp_without_activity_check": True})
    report = run(db, th=dataclasses.replace(mq.thresholds(), quiet_days=3))
    hits = fired(report)
    assert set(hits) == {"report_without_activity"}
    want = {(f"P-{k}-{day}",) for k in ALL_DESA for day in (20, 22)} - {(f"P-{TOBOALI}-20",), (f"P-{RIAS}-22",)}
    assert hits["report_without_activity"] == want and len(want) == 104
    rows = report.results["report_without_activity"].set_index("nomor_lhp")
    assert (rows.loc[f"P-{PAYUNG}-22", "nearest_activity"], rows.loc[f"P-{PAYUNG}-22", "gap_days"]) == (
        D(2024, 11, 21), 1)
    assert rows.loc[f"P-{PAYUNG}-20", "nearest_activity"] is None
    shown = display_frame("report_without_activity", report.results["report_without_activity"])
    assert f"P-{PAYUNG}-20" in set(shown["Nomor LHP"])


def test_case_outside_period_is_flagged_not_refused(db):
    """A case about an event on 1 Nov (before the campaign, 19 Nov) is stored and listed; a case
    without an election is compared with every election (19–27 Nov): 28 Nov is outside, 27 Nov not;
    a case with no tanggal_kejadian is not checked."""
    build(db, plant="case_outside_period")
    b = Builder(db)
    b.case("NO-ELECTION-28", "2024-11-28", PAYUNG, [("diterima", "2024-11-28"), ("tidak_diregistrasi", "2024-11-28")],
           kejadian="2024-11-28")
    b.case("NO-ELECTION-27", "2024-11-28", PAYUNG, [("diterima", "2024-11-28"), ("tidak_diregistrasi", "2024-11-28")],
           kejadian="2024-11-27")
    b.case("NO-DATE", "2024-11-28", PAYUNG, [("diterima", "2024-11-28"), ("tidak_diregistrasi", "2024-11-28")])
    with db.connect() as conn:
        stored = set(conn.execute(select(schema.ViolationCase.nomor)).scalars())
    assert {"PLANT", "NO-ELECTION-28", "NO-ELECTION-27", "NO-DATE"} <= stored
    report = run(db, CAMPAIGN_19_23)
    assert fired(report)["case_outside_period"] == {("PLANT",), ("NO-ELECTION-28",)}
    rows = report.results["case_outside_period"].set_index("nomor")
    assert rows.loc["PLANT", "in_range"] and not rows.loc["NO-ELECTION-28", "in_range"]  # received 20 / 28 Nov


def test_quiet_period_activity_outside_the_range_counts_in_the_score(db):
    """Under the campaign filter (19–23 Nov) the quiet-period activity PLANT (25 Nov, Malik, kecamatan
    Payung) is outside the range but flagged, so it joins Payung's rows: activities 1 (KGT-A2) + LHPs
    (2 patrols x 9 desa + R-A2a, R-A2b = 20) + case C-2 (1) + TPS 9 + desa 9 = 40, plus PLANT = 41;
    flagged 1; score 40/41. (Its LHP R-PLANT, 25 Nov, is outside the range and not flagged: not counted.)"""
    build(db, plant="activity_outside_campaign")
    report = run(db, CAMPAIGN_19_23)
    n_desa = sum(1 for k in ALL_DESA if k.startswith(KEC_PAYUNG + "."))
    assert n_desa == 9
    payung = report.scores.set_index("kecamatan_kode").loc[KEC_PAYUNG]
    assert (payung["rows"], payung["flagged"]) == (41, 1)
    assert payung["score"] == pytest.approx(40 / 41)
    row = report.results["activity_outside_campaign"].iloc[0]
    assert (row["masa"], row["period_end"], row["days_outside"], row["supervised"]) == (
        "masa_tenang", D(2024, 11, 23), 2, True)


def test_date_checks_keep_the_area_and_pair_filters(db):
    """Past the date filter, not past the others: the quiet-period PLANT is in kecamatan Payung, pair 1."""
    build(db, plant="activity_outside_campaign")
    assert fired(run(db, Filters(kecamatan=(KEC_TOBOALI,)))) == {}
    assert fired(run(db, Filters(kecamatan=(KEC_PAYUNG,)))) == {"activity_outside_campaign": {("PLANT",)}}
    assert fired(run(db, Filters(paslon_ids=(99,)))) == {}
