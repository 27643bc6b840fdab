"""Comparisons with the previous period of equal length (KPI deltas on Ringkasan)."""
from __future__ import annotations

import datetime as dt
import math


def change(current: float, previous: float) -> float:
    """Absolute change; NaN when either side is NaN."""
    if current is None or previous is None or math.isnan(current) or math.isnan(previous):
        return math.nan
    return current - previous


def week_starts(start, end) -> list:
    """Mondays of every Monday-to-Sunday week touching ``start``..``end`` (dates), oldest first:
    the full x axis of a weekly chart, so weeks without rows still show as zero."""
    if start is None or end is None or start > end:
        return []
    monday = start - dt.timedelta(days=start.weekday())
    out = []
    while monday <= end:
        out.append(monday)
        monday += dt.timedelta(days=7)
    return out
