"""Ringkasan (summary page): the KPI values with their change against the previous period of equal
length, and the "Perlu perhatian" lists (the areas most behind on each measure).

Pure functions over the small frames of ``data_access.queries``. Nothing is defined twice: coverage
comes from ``metrics.coverage``, the handling deadline from ``metrics.cases``, the undelivered rate
from ``metrics.formulir_c``, the change from ``metrics.periods``. This module only picks, combines
and ranks.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from data_access.filters import Filters
from metrics import coverage as coverage_metrics
from metrics import formulir_c as formulir_c_metrics
from metrics import periods

# Which way is good for a KPI: more coverage is good, more overdue cases are bad; more campaign
# activities or more cases received is neither (it says how busy the period was).
GOOD, BAD, NEUTRAL = "good", "bad", "neutral"

# An area needs at least this many activities in the range to be ranked by coverage: with 2
# activities one unsupervised activity is already 50%, which says little about the area.
MIN_ACTIVITIES = {"provinsi": 10, "kabupaten": 10, "kecamatan": 10, "desa": 3}
TOP_N = 3  # rows per "Perlu perhatian" list


# ---------------------------------------------------------------- KPI values and their change
@dataclass(frozen=True)
class Kpi:
    """One KPI: its value in the selected period and in the previous period of equal length
    (``previous`` None when there is nothing to compare with, e.g. no dates)."""

    value: float
    previous: float | None = None
    higher_is: str = NEUTRAL

    @property
    def change(self) -> float:
        """value - previous (NaN when either is missing or NaN)."""
        if self.previous is None:
            return math.nan
        return periods.change(float(self.value), float(self.previous))

    @property
    def direction(self) -> str:
        """"up", "down", "flat" (no change) or "none" (no comparison possible)."""
        delta = self.change
        if math.isnan(delta):
            return "none"
        return "up" if delta > 0 else ("down" if delta < 0 else "flat")

    @property
    def tone(self) -> str:
        """GOOD, BAD or NEUTRAL for the colour of the change (flat and "none" are NEUTRAL)."""
        if self.higher_is == NEUTRAL or self.direction in ("flat", "none"):
            return NEUTRAL
        better = (self.direction == "up") == (self.higher_is == GOOD)
        return GOOD if better else BAD


def _column_total(df: pd.DataFrame | None, column: str) -> int:
    if df is None or len(df) == 0:
        return 0
    return int(df[column].fillna(0).sum())


def activity_kpis(now: pd.DataFrame, before: pd.DataFrame | None = None) -> dict[str, Kpi]:
    """KPIs of campaign activities from ``activity_coverage(filters)`` and ``activity_coverage(filters.shifted_back())``
    (one total row each): ``activities``, ``supervised``, ``coverage`` (``metrics.coverage``)."""
    activities, supervised = _column_total(now, "activities"), _column_total(now, "supervised")
    if before is None:
        return {
            "activities": Kpi(activities, None, NEUTRAL),
            "supervised": Kpi(supervised, None, GOOD),
            "coverage": Kpi(coverage_metrics.coverage_rate(supervised, activities), None, GOOD),
        }
    activities_before, supervised_before = _column_total(before, "activities"), _column_total(before, "supervised")
    return {
        "activities": Kpi(activities, activities_before, NEUTRAL),
        "supervised": Kpi(supervised, supervised_before, GOOD),
        "coverage": Kpi(coverage_metrics.coverage_rate(supervised, activities),
                        coverage_metrics.coverage_rate(supervised_before, activities_before), GOOD),
    }


def _case_counts(counts: pd.DataFrame) -> dict[str, int]:
    """Total, open, decided (current status, as ``metrics.cases.decided_split``) and overdue
    (``metrics.cases.is_overdue``) from ``cases.deadline_counts(filters)`` (one total row)."""
    if counts is None or len(counts) == 0:
        return {"total": 0, "open": 0, "decided": 0, "overdue": 0}
    row = counts.iloc[0]
    total, decided = int(row["cases"]), int(row["decided"])
    return {"total": total, "open": total - decided, "decided": decided, "overdue": int(row["overdue"])}


def share(part: float, whole: float) -> float:
    """``part`` as a fraction of ``whole`` (e.g. open cases of all cases); NaN when ``whole`` is 0."""
    return part / whole if whole else math.nan


def case_kpis(now: pd.DataFrame, before: pd.DataFrame | None = None) -> dict[str, Kpi]:
    """KPIs of violation cases from two ``cases.deadline_counts`` totals (selected and previous
    period, both checked against the same reference day): ``total``; by status group (current status
    of the cases received in each period, ``metrics.cases.is_decided``) ``open`` (still being handled)
    and ``decided``, which add up to ``total``; ``overdue`` (past the handling deadline, open or
    decided; more is bad)."""
    counts = _case_counts(now)
    counts_before = _case_counts(before) if before is not None else {}
    return {
        "total": Kpi(counts["total"], counts_before.get("total"), NEUTRAL),
        "open": Kpi(counts["open"], counts_before.get("open"), NEUTRAL),
        "decided": Kpi(counts["decided"], counts_before.get("decided"), NEUTRAL),
        "overdue": Kpi(counts["overdue"], counts_before.get("overdue"), BAD),
    }


@dataclass(frozen=True)
class FormulirCKpi:
    """The Formulir C snapshot of one voting day (no period change: it is one recap)."""

    tps: int
    dpt: int
    undelivered: int
    rate: float  # undelivered / DPT (metrics.formulir_c.undelivered_rate)
    late_reports: int  # recaps dated after the H-3 deadline
    deadline: object | None  # the H-3 date
    voting_day: object | None
    # TPS of the TPS list without a recap ("belum melapor") and their DPT: beside the rate, never in it
    not_reported: int = 0
    not_reported_dpt: int = 0


def formulir_c_kpi(total: pd.DataFrame, calendar: pd.DataFrame | None = None,
                   not_reported: pd.DataFrame | None = None) -> FormulirCKpi:
    """From ``formulir_c.delivery(filters)`` (one total row), ``formulir_c.recap_calendar(filters)`` and
    ``formulir_c.not_reported(filters)`` (one total row)."""
    deadline = voting_day = None
    if calendar is not None and len(calendar):
        deadline = _or_none(calendar["formulir_c_deadline"].iloc[0])
        voting_day = _or_none(calendar["voting_day"].iloc[0])
    missing = (_column_total(not_reported, "tps_not_reported"), _column_total(not_reported, "dpt_not_reported"))
    if total is None or len(total) == 0 or _column_total(total, "tps") == 0:
        return FormulirCKpi(0, 0, 0, math.nan, 0, deadline, voting_day, *missing)
    row = formulir_c_metrics.with_rates(total).iloc[0]
    return FormulirCKpi(int(row["tps"]), int(row["dpt"]), int(row["undelivered"]), float(row["undelivered_rate"]),
                        int(row["late_reports"]), deadline, voting_day, *missing)


def _or_none(value):
    return None if value is None or pd.isna(value) else value


def has_data(activities: Kpi, cases: Kpi, formulir_c: FormulirCKpi) -> bool:
    """False when the filters match nothing at all (no activity, no case, no Formulir C recap, no TPS
    still to report)."""
    return bool(activities.value or cases.value or formulir_c.tps or formulir_c.not_reported)


# ---------------------------------------------------------------- "Perlu perhatian"
CASE_COUNTS = ("cases", "decided", "overdue", "open_overdue")  # the counts of cases.deadline_counts
DELIVERY_COUNTS = ("tps", "dpt", "delivered", *formulir_c_metrics.REASON_COLUMNS, "late_reports", "above_threshold")


def total_of(rows: pd.DataFrame, sums: tuple[str, ...], maxes: tuple[str, ...] = ()) -> pd.DataFrame:
    """The one total row of a query from its rows per area, with the same filters: ``sums`` added up,
    ``maxes`` their greatest (None when there are no rows). Every row lies in exactly one area, so
    the areas add up to the whole; Ringkasan thus needs one query for its cards and its lists."""
    total: dict[str, list[object]] = {c: [int(rows[c].sum())] for c in sums if c in rows.columns}
    for c in maxes:
        values = rows[c].dropna() if c in rows.columns else pd.Series(dtype=object)
        total[c] = [values.max() if len(values) else None]
    return pd.DataFrame(total)


def attention_level(filters: Filters) -> str:
    """Rank kecamatan for the whole regency; once kecamatan or desa are chosen, rank desa."""
    return "desa" if (filters.kecamatan or filters.desa) else "kecamatan"


def lowest_coverage(by_area: pd.DataFrame, level: str, *, n: int = TOP_N,
                    min_activities: int | None = None) -> tuple[pd.DataFrame, int]:
    """Areas with the lowest coverage from ``activity_coverage(by=(level,))``, worst first (ties:
    more activities first, then code order). Areas with fewer than ``min_activities`` activities
    (default ``MIN_ACTIVITIES[level]``) are left out, and so are fully supervised areas.
    Returns (at most ``n`` rows with ``coverage``/``unsupervised`` added, number of areas left out
    for having too few activities)."""
    minimum = MIN_ACTIVITIES[level] if min_activities is None else min_activities
    key = f"{level}_kode"
    if by_area is None or len(by_area) == 0:
        return pd.DataFrame(columns=[*(by_area.columns if by_area is not None else []), "unsupervised",
                                     "coverage"]), 0
    data = coverage_metrics.with_coverage(by_area)
    active = data[data["activities"] > 0]
    small = int((active["activities"] < minimum).sum())
    ranked = active[(active["activities"] >= minimum) & (active["unsupervised"] > 0)]
    ranked = ranked.sort_values(["coverage", "activities", key], ascending=[True, False, True], kind="stable")
    return ranked.head(n).reset_index(drop=True), small


def quiet_areas(last_reports: pd.DataFrame, end, quiet_days: int, *, n: int = TOP_N) -> tuple[pd.DataFrame, int]:
    """Desa without any LHP in the last ``quiet_days`` days up to ``end`` (``metrics.coverage.quiet_desa``),
    in the reading order of ``metrics.coverage.rank_quiet``. Returns (first ``n``, how many in all)."""
    if last_reports is None or len(last_reports) == 0 or end is None:
        return pd.DataFrame(columns=["kecamatan_kode", "kecamatan", "desa_kode", "desa", "last_report",
                                     "activities", "days_quiet"]), 0
    quiet = coverage_metrics.rank_quiet(coverage_metrics.quiet_desa(last_reports, end, quiet_days))
    return quiet.head(n).reset_index(drop=True), len(quiet)


def overdue_by_area(counts: pd.DataFrame, level: str, *, n: int = TOP_N) -> tuple[pd.DataFrame, int]:
    """Areas with the most cases past their handling deadline, from ``cases.deadline_counts(f,
    by=(level,))``. Columns: <level>_kode, <level> (and kecamatan_kode, kecamatan for desa), overdue,
    open_overdue (overdue and still undecided), cases (all cases of the area). Most overdue first,
    then most still open, then code order. Returns (first ``n``, all overdue cases)."""
    key = f"{level}_kode"
    names = [key, level, "kecamatan_kode", "kecamatan"] if level == "desa" else [key, level]
    columns = [*names, "overdue", "open_overdue", "cases"]
    if counts is None or len(counts) == 0:
        return pd.DataFrame(columns=columns), 0
    rows = counts[columns].astype({"overdue": int, "open_overdue": int, "cases": int})
    rows = rows[rows["overdue"] > 0].sort_values(["overdue", "open_overdue", key], ascending=[False, False, True],
                                                 kind="stable")
    return rows.head(n).reset_index(drop=True), int(counts["overdue"].sum())


def highest_undelivered(by_area: pd.DataFrame, *, n: int = TOP_N) -> pd.DataFrame:
    """The first ``n`` areas with the highest undelivered rate from ``formulir_c.delivery(by=(...))``
    (``metrics.formulir_c.ranked``: rate, then count), leaving out rows with nothing undelivered.
    (How many TPS are above the threshold: ``delivery(filters, threshold=...)["above_threshold"]``.)"""
    if by_area is None or len(by_area) == 0:
        return pd.DataFrame(columns=[*(by_area.columns if by_area is not None else []), "undelivered",
                                     "undelivered_rate", "delivered_rate"])
    ranked = formulir_c_metrics.ranked(formulir_c_metrics.with_rates(by_area))
    ranked = ranked[ranked["undelivered"] > 0]
    return ranked.head(n).reset_index(drop=True)
