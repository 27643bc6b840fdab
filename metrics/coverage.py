"""Supervision coverage of campaign activities ("pengawasan melekat").

Definition: coverage = activities with at least one supervision report (Formulir Model A / LHP)
divided by all campaign activities in the filter; an activity with no LHP is "unsupervised".
A desa is "sepi" (quiet) when it has no LHP of any kind in the last ``quiet_days`` days of the
selected range.
"""
from __future__ import annotations

import datetime as dt
import math

import pandas as pd

DEFINITION = ("Cakupan pengawasan = kegiatan kampanye yang memiliki sedikitnya satu Laporan Hasil "
              "Pengawasan (Formulir Model A) ÷ seluruh kegiatan kampanye pada filter ini.")


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
    out["coverage"] = [coverage_rate(s, a) for s, a in zip(out["supervised"], out["activities"])]
    return out


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
    from metrics.periods import week_starts

    if period not in ("day", "week"):
        raise ValueError(f"unknown period: {period}")
    counts = {_as_date(k): (int(a), int(s)) for k, a, s in zip(df[period], df["activities"], df["supervised"])}
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
