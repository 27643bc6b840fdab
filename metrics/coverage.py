"""Supervision coverage of campaign activities ("pengawasan melekat").

Definition: coverage = activities with at least one supervision report (Formulir Model A / LHP)
divided by all campaign activities in the filter; an activity with no LHP is "unsupervised".
A desa is "sepi" (quiet) when it has no LHP of any kind in the last ``quiet_days`` days of the
selected range.

Activities in the quiet period (masa tenang, issue 18): campaigning there is a violation in itself
(kampanye di luar jadwal), and supervisors must watch it as closely as the campaign. Coverage counts
every activity inside the DATE RANGE, whatever its period: an activity of the quiet period is in the
coverage figure exactly when the date range includes its day. The default range is the campaign
period, so by default it is not; Cakupan and Ringkasan therefore show "kegiatan di masa tenang" as
their own figure (``quiet_period_filters``): the quiet period of the elections in scope, whatever
the date range (the filters of area, election and pair apply), with how many were supervised and
how many of them the coverage figure above includes.
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, replace

import pandas as pd

from data_access.filters import Filters
from metrics.periods import week_starts


def coverage_rate(supervised: int, activities: int) -> float:
    """Share of activities supervised; NaN when there were no activities (not 0%, not 100%)."""
    if not activities:
        return math.nan
    if supervised < 0 or supervised > activities:
        raise ValueError("supervised must be between 0 and activities")
    return supervised / activities


def with_coverage(df: pd.DataFrame) -> pd.DataFrame:
    """Add ``unsupervised`` and ``coverage`` (NaN where there were no activities) to a frame with
    ``activities`` and ``supervised`` columns."""
    out = df.copy()
    out["unsupervised"] = out["activities"] - out["supervised"]
    out["coverage"] = [coverage_rate(s, a) for s, a in zip(out["supervised"], out["activities"], strict=True)]
    return out


@dataclass(frozen=True)
class QuietPeriod:
    """One quiet period of the elections in scope: ``whole`` counts all its activities, ``inside``
    (None when the date range misses it) the part inside the date range."""

    start: dt.date
    end: dt.date
    whole: Filters
    inside: Filters | None


def quiet_period_filters(filters: Filters, elections: pd.DataFrame) -> list[QuietPeriod]:
    """The quiet periods (quiet_start..quiet_end) of the chosen elections, or of the elections of
    the newest voting day when none is chosen (as the filter bar's default range), one per distinct
    period, each with the filters that count its activities: the period as the date range, the
    elections having it, and the area and pair of ``filters``. Input: ``queries.reference.elections``."""
    if elections is None or len(elections) == 0:
        return []
    chosen = elections[elections["id"].isin(filters.election_ids)] if filters.election_ids else \
        elections[elections["voting_day"] == elections["voting_day"].max()]
    out = []
    for (start, end), group in chosen.groupby(["quiet_start", "quiet_end"], sort=True):
        start, end = _as_date(start), _as_date(end)
        whole = replace(filters, start=start, end=end, election_ids=tuple(sorted(int(i) for i in group["id"])))
        lo = max(start, filters.start) if filters.start else start
        hi = min(end, filters.end) if filters.end else end
        out.append(QuietPeriod(start, end, whole, replace(whole, start=lo, end=hi) if lo <= hi else None))
    return out


@dataclass(frozen=True)
class QuietFigure:
    start: dt.date
    end: dt.date
    activities: int  # activities found in the quiet period
    supervised: int  # of them, with at least one LHP
    in_coverage: int  # of them, inside the date range (counted in the coverage figure)


def quiet_figure(periods: list[QuietPeriod], whole: list[pd.DataFrame], inside: list[pd.DataFrame | None]
                 ) -> QuietFigure | None:
    """Sum ``activity_coverage`` of each period (``whole``) and of its part inside the range
    (``inside``; None where the range misses it). None when there is no quiet period in scope."""
    if not periods:
        return None

    def total(df, col):
        return int(df[col].fillna(0).sum()) if df is not None and len(df) else 0

    return QuietFigure(min(p.start for p in periods), max(p.end for p in periods),
                       sum(total(df, "activities") for df in whole), sum(total(df, "supervised") for df in whole),
                       sum(total(df, "activities") for df in inside))


def quiet_window(end: dt.date, quiet_days: int) -> tuple[dt.date, dt.date]:
    """The last ``quiet_days`` days of a range ending on ``end`` (inclusive)."""
    return end - dt.timedelta(days=quiet_days - 1), end


def quiet_desa(last_reports: pd.DataFrame, end: dt.date, quiet_days: int) -> pd.DataFrame:
    """Desa with no LHP in the window; ``days_quiet`` = days since the last LHP up to ``end``
    (None when the desa never had one). Input: ``data_access.queries.coverage.last_report_per_desa``."""
    start, _ = quiet_window(end, quiet_days)
    last = last_reports["last_report"]
    quiet = last.isna() | last.map(lambda d: d is not None and not pd.isna(d) and d < start)
    out = last_reports[quiet].copy()
    out["days_quiet"] = [None if d is None or pd.isna(d) else (end - d).days for d in out["last_report"]]
    return out


# ---------------------------------------------------------------- shaping for the Cakupan page
def by_period(df: pd.DataFrame, period: str, start: dt.date | None, end: dt.date | None) -> pd.DataFrame:
    """Complete time series from ``activity_coverage(by=(period,))`` (``period`` "day" or "week"):
    every day, or every Monday of a week touching ``start``..``end``, in order, with 0 activities
    where there were none (coverage NaN there). Columns: ``period`` (date), activities, supervised,
    unsupervised, coverage."""
    if period not in ("day", "week"):
        raise ValueError(f"unknown period: {period}")
    counts = {_as_date(k): (int(a), int(s))
              for k, a, s in zip(df[period], df["activities"], df["supervised"], strict=True)}
    if start is None or end is None:
        start, end = (min(counts), max(counts)) if counts else (None, None)
    if period == "week":
        keys = week_starts(start, end)
    else:
        keys = [start + dt.timedelta(days=i) for i in range((end - start).days + 1)] if start and end else []
    keys = sorted(set(keys) | set(counts))
    out = pd.DataFrame({"period": keys,
                        "activities": [counts.get(k, (0, 0))[0] for k in keys],
                        "supervised": [counts.get(k, (0, 0))[1] for k in keys]})
    return with_coverage(out)


def _as_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return pd.Timestamp(value).date()


def week_matrix(df: pd.DataFrame, key: str, weeks: list[dt.date], value: str = "unsupervised") -> pd.DataFrame:
    """Area x week table of ``value`` ("unsupervised", "activities" or "supervised") from
    ``activity_coverage(by=(level, "week"))``; ``key`` is the area code column (``kecamatan_kode``
    or ``desa_kode``). Index: area codes, most unsupervised activities first (ties: code order);
    columns: ``weeks`` (every week of the range, 0 where there was nothing)."""
    if not len(df):
        return pd.DataFrame(columns=weeks, dtype=int)
    data = with_coverage(df).assign(week=[_as_date(w) for w in df["week"]])
    wide = data.pivot_table(index=key, columns="week", values=value, aggfunc="sum", fill_value=0)
    wide = wide.reindex(columns=sorted(set(weeks) | set(wide.columns)), fill_value=0).astype(int)
    totals = data.groupby(key)["unsupervised"].sum()
    order = sorted(wide.index, key=lambda k: (-int(totals.get(k, 0)), k))
    return wide.loc[order]


def busiest(df: pd.DataFrame, n: int) -> tuple[pd.DataFrame, int]:
    """The ``n`` rows with the most activities (ties in their order in ``df``) of a per-pair (or
    other) ``activity_coverage``, and how many rows have any activity: a national database has
    about 1,500 pairs, too many bars for one chart."""
    active = df[df["activities"] > 0]
    if len(active) <= n:
        return df, len(active)
    return active.sort_values("activities", ascending=False, kind="stable").head(n), len(active)


def rank_quiet(quiet: pd.DataFrame) -> pd.DataFrame:
    """Order the output of ``quiet_desa`` for reading: desa that never had an LHP first, then the
    longest quiet, then the most activities in the range; ties in code order."""
    days = quiet["days_quiet"].map(lambda v: math.inf if v is None or pd.isna(v) else v)
    return (quiet.assign(_days=days)
            .sort_values(["_days", "activities", "desa_kode"], ascending=[False, False, True], kind="stable")
            .drop(columns="_days").reset_index(drop=True))
