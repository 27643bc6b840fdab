"""Delivery of Formulir Model C.Pemberitahuan-KWK.

Undelivered = DPT - delivered (the sum of the official reasons); the undelivered rate is
undelivered / DPT of the same rows (never averaged over TPS: rates of groups are recomputed from
their summed counts). A recap dated after the H-3 deadline is late.
"""
from __future__ import annotations

import math

import pandas as pd

from data_access import vocab

REASONS = tuple(vocab.UNDELIVERED_REASONS)
REASON_COLUMNS = tuple(f"undelivered_{r}" for r in REASONS)


def undelivered_rate(undelivered: int, dpt: int) -> float:
    """Share of registered voters whose form was not delivered; NaN when DPT is 0."""
    if not dpt:
        return math.nan
    return undelivered / dpt


def with_rates(df: pd.DataFrame) -> pd.DataFrame:
    """Add ``undelivered`` and ``undelivered_rate`` to a frame from
    ``data_access.queries.formulir_c.delivery`` (any grouping)."""
    out = df.copy()
    out["undelivered"] = out[list(REASON_COLUMNS)].sum(axis=1)
    out["undelivered_rate"] = [undelivered_rate(u, d) for u, d in zip(out["undelivered"], out["dpt"])]
    return out


def reason_mix(df: pd.DataFrame) -> pd.DataFrame:
    """Totals per official reason over all rows: reason, count, share of all undelivered."""
    counts = [int(df[c].sum()) for c in REASON_COLUMNS]
    total = sum(counts)
    return pd.DataFrame({"reason": list(REASONS), "count": counts,
                         "share": [c / total if total else math.nan for c in counts]})
