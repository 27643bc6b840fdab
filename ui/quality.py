"""Runs every data-quality check for a selection (pages "Kualitas Data" and "Ringkasan").

``collect`` wires the SQL checks of ``data_access.queries.quality`` to the rules of
``metrics.quality`` through a loader; pages use ``report(selection)`` (the cached ``ui.data.load``),
tests call ``collect`` with a loader on a plain connection, so both run the same assembly.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from data_access.filters import Filters
from data_access.queries import formulir_c as fc_queries
from data_access.queries import quality as q
from data_access.queries import reference
from metrics import quality as mq


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


def collect(load, f: Filters, *, th: mq.Thresholds, today: dt.date) -> QualityReport:
    """Run all checks. ``load(fn, filters, **kwargs)`` calls a data_access read function
    (``filters=None`` for functions without filters)."""
    as_of = mq.reference_day(load(q.reference_day), today)
    window = mq.quiet_window(mq.campaign_span(load(reference.elections), f.election_ids), f.start, f.end, as_of)
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
    spellings = tuple(sorted(zip(variants["desa_kode"], variants["nama_pengawas"])))
    results["name_spelling"] = mq.spelling_rows(load(q.reports_with_spelling, f, spellings=spellings), variants)
    flagged = mq.flagged_rows(results)
    scores = mq.kecamatan_scores(load(q.row_totals, f), flagged)
    return QualityReport(as_of=as_of, thresholds=th, window=window, results=results,
                         delays=load(q.report_delays, f), summary=mq.summary(results), scores=scores)


def report(filters: Filters) -> QualityReport:
    """All checks for the page's filters, through the shared query cache."""
    from ui import components, data

    return collect(data.load, filters, th=mq.thresholds(), today=components.today_wib())
