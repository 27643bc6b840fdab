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
    """Add ``undelivered``, ``undelivered_rate`` and ``delivered_rate`` to a frame from
    ``data_access.queries.formulir_c.delivery`` (any grouping)."""
    out = df.copy()
    out["undelivered"] = out[list(REASON_COLUMNS)].sum(axis=1)
    out["undelivered_rate"] = [undelivered_rate(u, d) for u, d in zip(out["undelivered"], out["dpt"], strict=True)]
    out["delivered_rate"] = [delivered_rate(v, d) for v, d in zip(out["delivered"], out["dpt"], strict=True)]
    return out


def reason_mix(df: pd.DataFrame) -> pd.DataFrame:
    """Totals per official reason over all rows: reason, count, share of all undelivered."""
    counts = [int(df[c].sum()) for c in REASON_COLUMNS]
    total = sum(counts)
    return pd.DataFrame({"reason": list(REASONS), "count": counts,
                         "share": [c / total if total else math.nan for c in counts]})


def delivered_rate(delivered: int, dpt: int) -> float:
    """Share of registered voters whose form was delivered; NaN when DPT is 0."""
    if not dpt:
        return math.nan
    return delivered / dpt


def above_threshold(rate: float, threshold: float) -> bool:
    """A TPS (or area) is highlighted when its undelivered rate is strictly above ``threshold``
    (config ``formulir_c.highlight_rate``); exactly at the threshold is not highlighted; NaN never."""
    return bool(rate > threshold) if not (rate is None or math.isnan(rate)) else False


def ranked(df: pd.DataFrame, threshold: float | None = None) -> pd.DataFrame:
    """Rows of ``with_rates`` sorted worst first: undelivered rate descending, then undelivered
    count descending (ties keep their code order). With ``threshold`` adds ``above_threshold``."""
    out = df.reset_index(drop=True)
    out = out.assign(_pos=range(len(out))).sort_values(
        ["undelivered_rate", "undelivered", "_pos"], ascending=[False, False, True], na_position="last",
        kind="mergesort").drop(columns="_pos").reset_index(drop=True)
    if threshold is not None:
        out["above_threshold"] = [above_threshold(r, threshold) for r in out["undelivered_rate"]]
    return out


def reason_mix_by(df: pd.DataFrame, key: str) -> pd.DataFrame:
    """Reason mix per area: one row per (``key`` value, reason) with ``count`` and ``share`` of that
    area's undelivered forms (NaN for an area with none). Areas keep their order in ``df``."""
    rows = []
    for _, r in df.iterrows():
        counts = [int(r[c]) for c in REASON_COLUMNS]
        total = sum(counts)
        for reason, count in zip(REASONS, counts, strict=True):
            rows.append({key: r[key], "reason": reason, "count": count,
                         "share": count / total if total else math.nan})
    return pd.DataFrame(rows, columns=[key, "reason", "count", "share"])


def main_reason(row) -> str | None:
    """The official reason with the most undelivered forms in one row of ``delivery`` (a tie goes to
    the reason listed first in ``REASONS``); None when nothing was undelivered."""
    counts = [int(row[c]) for c in REASON_COLUMNS]
    best = max(counts) if counts else 0
    return REASONS[counts.index(best)] if best > 0 else None


def above_by_area(per_area: pd.DataFrame, level: str = "kecamatan") -> pd.DataFrame:
    """TPS above the threshold per area, from ``delivery(by=(level,), threshold=...)`` (its
    ``above_threshold`` counts the area's TPS strictly above, as ``above_threshold`` here decides):
    one row per area that has TPS (its code and name columns, ``tps``, ``above``), most above
    first, then code order."""
    keys = {"provinsi": ["provinsi_kode", "provinsi"], "kabupaten": ["kabupaten_kode", "kabupaten"],
            "kecamatan": ["kecamatan_kode", "kecamatan"],
            "desa": ["desa_kode", "desa", "kecamatan_kode", "kecamatan"]}[level]
    if per_area.empty:
        return pd.DataFrame(columns=[*keys, "tps", "above"])
    out = per_area[[*keys, "tps", "above_threshold"]].rename(columns={"above_threshold": "above"})
    out = out.astype({"tps": int, "above": int})
    return out.sort_values(["above", keys[0]], ascending=[False, True], kind="mergesort").reset_index(drop=True)


# ---------------------------------------------------------------- TPS not reported yet ("belum melapor")
def reported_share(reported_tps: int, not_reported_tps: int) -> float:
    """Share of the known TPS (the imported TPS list) that have sent their recap; NaN with no TPS.
    A TPS without a recap is not counted as delivered or undelivered: the delivery rates stay over
    the DPT of the TPS that reported (``with_rates``), and the DPT of the others is shown beside."""
    total = reported_tps + not_reported_tps
    return reported_tps / total if total else math.nan


def days_left(deadline, today) -> int | None:
    """Whole days from ``today`` to the H-3 deadline while it is ahead or today (0 on the day
    itself); None once it has passed or when there is no deadline."""
    if deadline is None or today is None or pd.isna(deadline):
        return None
    left = (deadline - today).days
    return left if left >= 0 else None
