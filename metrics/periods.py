"""Comparisons with the previous period of equal length (KPI deltas on Ringkasan)."""
from __future__ import annotations

import math


def change(current: float, previous: float) -> float:
    """Absolute change; NaN when either side is NaN."""
    if current is None or previous is None or math.isnan(current) or math.isnan(previous):
        return math.nan
    return current - previous
