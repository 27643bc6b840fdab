"""Runs every data-quality check for a selection (pages "Kualitas Data" and "Ringkasan").

``collect`` wires the SQL checks of ``data_access.queries.quality`` to the rules of
``metrics.quality`` through a loader; pages use ``report(selection)`` (the cached ``ui.cache.load``),
tests call ``collect`` with a loader on a plain connection, so both run the same assembly.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from data_access import vocab
from data_access.filters import Filters
from data_access.queries import formulir_c as fc_queries
from data_access.queries import quality as q
from data_access.queries import reference
from metrics import cases as case_metrics
from metrics import quality as mq
from texts import catalogue, code_labels, formatting
from texts.formatting import WIB
from ui import cache


@dataclass
class QualityReport:
    as_of: dt.date | None
    thresholds: mq.Thresholds
    window: tuple[dt.date, dt.date] | None  # where quiet spells were looked for
    results: dict[str, pd.DataFrame]  # check id -> offending rows
    delays: pd.DataFrame  # filing delay distribution (delay_days, reports)
    summary: pd.DataFrame
    scores: pd.DataFrame

    @property
    def total_issues(self) -> int:
        return int(self.summary["issues"].sum())


def collect(load, f: Filters, *, th: mq.Thresholds) -> QualityReport:
    """Run all checks. ``load(fn, filters, **kwargs)`` calls a data_access read function
    (``filters=None`` for functions without filters)."""
    as_of = case_metrics.reference_day(load(reference.data_stamp), WIB)  # the app-wide "hari acuan"
    window = mq.spell_window(mq.campaign_span(load(reference.elections), f.election_ids), f.start, f.end, as_of)
    results: dict[str, pd.DataFrame] = {}
    empty = pd.DataFrame(columns=["kecamatan_kode", "kode", "nomor_lhp", "nomor", "desa_kode", "nomor_tps"])
    if as_of is not None:
        results["missing_report"] = load(q.activities_without_report, f, as_of=as_of,
                                         after_days=th.missing_after_days)
        results["case_stuck"] = load(q.stuck_cases, f, as_of=as_of, max_days=th.status_max_days)
    else:
        results["missing_report"] = results["case_stuck"] = empty
    results["late_report"] = load(q.late_reports, f, late_after_days=th.late_after_days)
    results["report_outside_period"] = load(q.reports_outside_period, f)
    results["report_activity_gap"] = load(q.report_activity_gaps, f, after_days=th.lhp_after_activity_days)
    results["report_without_activity"] = load(q.reports_without_activity, f) \
        if mq.is_enabled("report_without_activity", th) else empty
    results["case_outside_period"] = load(q.cases_outside_period, f)
    results["fc_report_after_voting"] = load(q.formulir_c_after_voting, f)
    results["activity_outside_campaign"] = load(q.activities_outside_campaign, f)
    results["report_desa_mismatch"] = load(q.reports_desa_mismatch, f)
    results["report_conflict"] = load(q.report_conflicts, f)
    results.update(mq.split_formulir_c(load(q.formulir_c_implausible, f, max_rate=th.implausible_rate,
                                            zero_min_dpt=th.zero_min_dpt, max_dpt=th.max_dpt)))
    results["desa_no_tps"] = load(fc_queries.desa_without_tps, f)
    if window is not None:
        spells = load(q.quiet_spells, f, window_start=window[0], window_end=window[1], quiet_days=th.quiet_days)
        results["desa_quiet"] = mq.with_spell_dates(spells)
    else:
        results["desa_quiet"] = empty
    results["duplicate_activity"] = mq.duplicate_activities(load(q.activity_duplicate_candidates, f))
    variants = mq.spelling_variants(load(q.supervisor_spellings, f))
    spellings = tuple(sorted(zip(variants["desa_kode"], variants["nama_pengawas"], strict=True)))
    results["name_spelling"] = mq.spelling_rows(load(q.reports_with_spelling, f, spellings=spellings), variants)
    flagged = mq.flagged_rows(results)
    scores = mq.kecamatan_scores(load(q.row_totals, f), flagged)
    return QualityReport(as_of=as_of, thresholds=th, window=window, results=results,
                         delays=load(q.report_delays, f), summary=mq.summary(results), scores=scores)


def report(filters: Filters) -> QualityReport:
    """All checks for the page's filters, built once per data and filters for every session
    (``ui.cache.view``; it was recomputed on every run of Kualitas and Ringkasan). Shared: the
    page must not change it."""
    return cache.view(collect, filters, th=mq.thresholds())


# ---------------------------------------------------------------- what the page shows
# Columns shown (and downloaded) per check, in order; personal names are never among them.
AREA = ["kecamatan", "desa_kode", "desa"]
DISPLAY = {
    "missing_report": ["kode", "tanggal", "days_since", "paslon", "metode", *AREA, "lokasi"],
    "late_report": ["nomor_lhp", "tanggal", "kode_kegiatan", "tanggal_kegiatan", "filed_on", "delay_days", "jabatan",
                    *AREA],
    "report_outside_period": ["nomor_lhp", "tanggal", "kode_kegiatan", "masa_awal", "masa_akhir", "days_outside",
                              "bentuk", *AREA],
    "report_activity_gap": ["nomor_lhp", "tanggal", "kode_kegiatan", "tanggal_kegiatan", "gap_days", "jabatan", *AREA],
    "report_without_activity": ["nomor_lhp", "tanggal", "bentuk", "jabatan", "nearest_activity", "gap_days", *AREA],
    "case_outside_period": ["nomor", "sumber", "jenis_dugaan", "tanggal_kejadian", "masa_awal", "masa_akhir",
                            "days_outside", "tanggal_diterima", *AREA],
    "fc_report_after_voting": [*AREA, "nomor_tps", "report_date", "voting_day", "days_after"],
    "activity_outside_campaign": ["kode", "tanggal", "masa", "period_end", "days_outside", "sumber", "paslon",
                                  "supervised", *AREA, "lokasi"],
    "report_desa_mismatch": ["nomor_lhp", "tanggal", "kode_kegiatan", *AREA, "activity_desa_kode", "activity_desa"],
    "report_conflict": ["kode_kegiatan", "tanggal", "nomor_lhp", "dugaan_pelanggaran", "jabatan", *AREA],
    "case_stuck": ["nomor", "sumber", "jenis_dugaan", "tanggal_diterima", "status", "status_date", "days_in_status",
                   "max_days", *AREA],
    "fc_rate_high": [*AREA, "nomor_tps", "dpt", "delivered", "undelivered", "undelivered_rate", "report_date"],
    "desa_no_tps": AREA,
    "desa_quiet": [*AREA, "spell_start", "spell_end", "quiet_days"],
    "duplicate_activity": ["group", "kode", "tanggal", "jam_mulai", "paslon", "lokasi", *AREA],
    "name_spelling": ["group", "nomor_lhp", "tanggal", "kode_kegiatan", "majority_reports", *AREA],
}
DISPLAY["fc_zero_large"] = DISPLAY["fc_dpt_over"] = DISPLAY["fc_rate_high"]
DATE_COLUMNS = {"tanggal", "tanggal_kegiatan", "filed_on", "period_start", "period_end", "tanggal_diterima",
                "status_date", "report_date", "spell_start", "spell_end", "masa_awal", "masa_akhir",
                "nearest_activity", "tanggal_kejadian", "voting_day"}
# Date-relation checks name the allowed period as "masa_awal"/"masa_akhir" (campaign + quiet period
# for an LHP, campaign start to voting day for a case): the queries call it period_start/period_end.
PERIOD_AS_MASA = {"report_outside_period", "case_outside_period"}


def _labels() -> dict:
    return {"metode": code_labels.METODE, "jabatan": code_labels.JABATAN, "bentuk": vocab.BENTUK_PENGAWASAN,
            "sumber": code_labels.CASE_SOURCES, "jenis_dugaan": code_labels.JENIS_DUGAAN,
            "status": code_labels.CASE_STATUSES,
            "masa": catalogue.KUALITAS_MASA}


def display_frame(check_id: str, df: pd.DataFrame) -> pd.DataFrame:
    """The rows of one check as the page shows and downloads them: chosen columns, codes as
    Indonesian labels, rates as "33,33%", Indonesian headers."""
    if check_id in PERIOD_AS_MASA:
        df = df.rename(columns={"period_start": "masa_awal", "period_end": "masa_akhir"})
    cols = [c for c in DISPLAY[check_id] if c in df.columns]
    out = df[cols].copy()
    label_maps = _labels()
    if check_id == "activity_outside_campaign":  # an activity's source, not a case's
        label_maps["sumber"] = code_labels.ACTIVITY_SOURCES
    for col, mapping in label_maps.items():
        if col in out:
            out[col] = [code_labels.label(mapping, v) for v in out[col]]
    if "dugaan_pelanggaran" in out:
        out["dugaan_pelanggaran"] = [code_labels.YES_NO[bool(v)] for v in out["dugaan_pelanggaran"]]
    if "supervised" in out:
        out["supervised"] = [code_labels.YES_NO[bool(v)] for v in out["supervised"]]
    for col in ("days_outside", "gap_days"):  # an LHP without activity has no period: empty, not NaN
        if col in out:
            out[col] = [None if v is None or v != v else int(v) for v in out[col]]
    if "undelivered_rate" in out:
        out["undelivered_rate"] = [formatting.fmt_pct(v) for v in out["undelivered_rate"]]
    if "kode_kegiatan" in out:  # LHP without an activity (e.g. prevention)
        out["kode_kegiatan"] = [v if isinstance(v, str) else formatting.DASH for v in out["kode_kegiatan"]]
    if "jam_mulai" in out:
        out["jam_mulai"] = [v.strftime("%H.%M") if hasattr(v, "strftime") else formatting.DASH
                            for v in out["jam_mulai"]]
    return out.rename(columns=catalogue.KUALITAS_COLUMNS)


def column_config() -> dict:
    """Dates as 24/11/2024 (locale-neutral) in every check table."""
    return {catalogue.KUALITAS_COLUMNS[c]: st.column_config.DateColumn(format="DD/MM/YYYY") for c in DATE_COLUMNS}


def overview_frame(rep: QualityReport) -> pd.DataFrame:
    """One row per check: title, threshold in words, count with its unit."""
    rows = []
    for check_id, issues in zip(rep.summary["check"], rep.summary["issues"], strict=True):
        text = catalogue.KUALITAS_CHECKS[check_id]
        rows.append({"check": text["title"], "issues": int(issues),
                     "threshold": catalogue.kualitas_threshold(check_id, rep.thresholds)})
    return pd.DataFrame(rows).rename(columns=catalogue.KUALITAS_COLUMNS)


def overview_column_config() -> dict:
    c = catalogue.KUALITAS_COLUMNS
    # The check's name is the pinned key column: wide enough for "LHP bertanggal di luar masa
    # tahapan" on a meeting-room screen ("medium" cut it), narrow enough to leave a phone some room.
    return {c["check"]: st.column_config.TextColumn(width=330),
            c["issues"]: st.column_config.NumberColumn(width="small", format="%d"),
            c["threshold"]: st.column_config.TextColumn(width="large")}


def scores_frame(rep: QualityReport) -> pd.DataFrame:
    """Score table per kecamatan (code order): kecamatan, rows, flagged, score as "89,82%"."""
    out = rep.scores[["kecamatan_kode", "kecamatan", "rows", "flagged", "score"]].copy()
    out["score"] = [formatting.fmt_pct(v) for v in out["score"]]
    return out.rename(columns=catalogue.KUALITAS_COLUMNS)
