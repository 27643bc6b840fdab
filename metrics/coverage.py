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
