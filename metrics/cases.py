"""Violation cases: age, handling deadline, and the handling funnel.

Deadline (configurable in config/pantau.toml, default 3 + 2 calendar days after receipt, Perpu
1/2014 Pasal 134(5)-(6)): a case must reach a decision status (vocab.DECIDED_STATUSES: not
registered, forwarded, not a violation, stopped) by ``tanggal_diterima + deadline_days``.
A case is *overdue* when it was decided after that day, or is still undecided after it
(measured against ``as_of``, the data's reference day).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pandas as pd

from data_access import vocab
from data_access.filters import Filters


def due_date(received: dt.date, deadline_days: int) -> dt.date:
    return received + dt.timedelta(days=deadline_days)


def is_overdue(received: dt.date, decided_on: dt.date | None, as_of: dt.date, deadline_days: int) -> bool:
    """Past the handling deadline: decided late, or undecided with ``as_of`` after the due date."""
    due = due_date(received, deadline_days)
    if decided_on is not None and not pd.isna(decided_on):
        return decided_on > due
    return as_of > due


def age_days(received: dt.date, decided_on: dt.date | None, as_of: dt.date) -> int:
    """Days from receipt to decision, or to ``as_of`` while undecided."""
    end = decided_on if decided_on is not None and not pd.isna(decided_on) else as_of
    return (end - received).days


def with_deadline(cases: pd.DataFrame, as_of: dt.date, deadline_days: int) -> pd.DataFrame:
    """Add ``due``, ``age_days``, ``decided`` and ``overdue`` to a frame from
    ``data_access.queries.cases.case_list``."""
    out = cases.copy()
    decided = out["decided_on"].map(lambda d: None if d is None or pd.isna(d) else d)
    out["due"] = [due_date(r, deadline_days) for r in out["tanggal_diterima"]]
    out["decided"] = decided.notna()
    out["age_days"] = [age_days(r, d, as_of) for r, d in zip(out["tanggal_diterima"], decided, strict=True)]
    out["overdue"] = [is_overdue(r, d, as_of, deadline_days)
                      for r, d in zip(out["tanggal_diterima"], decided, strict=True)]
    return out


def is_decided(status: str) -> bool:
    return status in vocab.DECIDED_STATUSES


# ---------------------------------------------------------------- Tren Pelanggaran page
# The handling path a case moves along (Perbawaslu 8/2020 as amended), the bodies it can be
# forwarded to, and the exits that close it, each after the stage it leaves from.
MAIN_PATH = ("diterima", "kajian_awal", "diregistrasi", "klarifikasi", "kajian")
FORWARD_STATUSES = ("diteruskan_kpu", "diteruskan_gakkumdu", "diteruskan_dkpp", "diteruskan_instansi_lain")
EXITS = {"kajian_awal": "tidak_diregistrasi", "kajian": "bukan_pelanggaran", "diteruskan": "dihentikan"}


def reference_day(stamp_utc: dt.datetime | None, tz) -> dt.date | None:
    """The ``as_of`` day of the deadline check: the calendar day (in ``tz``, WIB) of the newest
    record in the database. Not "today": for a past election every open case would otherwise be
    years overdue; the data can only say what was known when it was last written."""
    if stamp_utc is None:
        return None
    return stamp_utc.replace(tzinfo=dt.UTC).astimezone(tz).date()


def decided_split(status_counts: pd.DataFrame) -> dict[str, int]:
    """``{"decided": n, "open": m}`` from ``case_counts(by=("status",))`` (current status)."""
    if len(status_counts) == 0:
        return {"decided": 0, "open": 0}
    decided = status_counts["status"].map(is_decided)
    return {"decided": int(status_counts.loc[decided, "cases"].sum()),
            "open": int(status_counts.loc[~decided, "cases"].sum())}


def sum_by(counts: pd.DataFrame, column: str) -> pd.DataFrame:
    """Cases per value of ``column`` (columns ``column``, ``cases``; in value order) from a finer
    grouping, e.g. ``deadline_counts(by=("status", "sumber"))`` -> per sumber."""
    if len(counts) == 0:
        return pd.DataFrame(columns=[column, "cases"])
    return counts.groupby(column, sort=True, as_index=False)["cases"].sum()


def busiest_pairs(counts: pd.DataFrame, n: int) -> tuple[pd.DataFrame, int]:
    """The rows of ``case_counts(by=("paslon", "sumber"))`` of the ``n`` pairs with the most cases
    ("no pair" counts as one), ties in pair id order; and how many pairs there are. A national
    database has about 1,500 pairs: one bar each would make a chart thousands of pixels tall."""
    key = counts["paslon_id"].fillna(-1)
    totals = counts.assign(_key=key).groupby("_key", sort=True)["cases"].sum()
    if len(totals) <= n:
        return counts, len(totals)
    keep = totals.sort_values(ascending=False, kind="stable").head(n).index
    return counts[key.isin(keep)], len(totals)


def count_by(counts: pd.DataFrame, column: str, code: str) -> int:
    """Cases of one code (e.g. sumber "temuan") in a ``case_counts`` frame; 0 when absent."""
    if len(counts) == 0:
        return 0
    return int(counts.loc[counts[column] == code, "cases"].sum())


def weekly(counts: pd.DataFrame, weeks: list[dt.date], key: str = "jenis_dugaan") -> pd.DataFrame:
    """``case_counts(by=("week", key))`` on the full grid ``weeks`` x every ``key`` present, zeros
    filled, so a week without cases still shows. Columns: week, <key>, cases."""
    keys = sorted(counts[key].unique()) if len(counts) else []
    grid = pd.DataFrame([(w, k) for w in weeks for k in keys], columns=["week", key])
    if len(grid) == 0:
        return pd.DataFrame({"week": weeks, key: [None] * len(weeks), "cases": [0] * len(weeks)})
    merged = grid.merge(counts[["week", key, "cases"]], on=["week", key], how="left")
    merged["cases"] = merged["cases"].fillna(0).astype(int)
    extra = set(counts["week"]) - set(weeks)  # weeks outside the given axis must not vanish silently
    if extra:
        raise ValueError(f"weeks outside the axis: {sorted(extra)}")
    return merged


def with_all_kecamatan(counts: pd.DataFrame, kecamatan: pd.DataFrame, chosen: tuple[str, ...] = (),
                       chosen_desa: tuple[str, ...] = ()) -> pd.DataFrame:
    """Counts per kecamatan (``case_counts(by=("kecamatan", ...))``) on the list of kecamatan in
    the area filter, with 0 where a kecamatan has no case. ``kecamatan``: reference.kecamatan.
    With only desa chosen, the kecamatan holding them (a desa code starts with its kecamatan's)."""
    areas = kecamatan.rename(columns={"kode": "kecamatan_kode", "nama": "kecamatan"})[["kecamatan_kode", "kecamatan"]]
    if chosen:
        areas = areas[areas["kecamatan_kode"].isin(chosen)]
    elif chosen_desa:
        areas = areas[areas["kecamatan_kode"].isin({d[:8] for d in chosen_desa})]
    return with_all_areas(counts, areas, "kecamatan")


def with_all_areas(counts: pd.DataFrame, areas: pd.DataFrame, level: str) -> pd.DataFrame:
    """Counts per area of ``level`` (``case_counts(by=(level, ...))``) on ``areas`` (columns
    ``<level>_kode``, ``<level>``: every area in scope), with 0 where an area has no case; a second
    group column (e.g. sumber) is crossed with every area."""
    key = f"{level}_kode"
    areas = areas[[key, level]]
    extra = [c for c in counts.columns if c not in (key, level, "cases") and not c.endswith(("_kode",))
             and c not in ("provinsi", "kabupaten")]
    if len(counts) == 0:
        return areas.assign(**{c: None for c in extra}, cases=0).reset_index(drop=True)
    if extra:
        keys = sorted(counts[extra[0]].dropna().unique())
        areas = areas.merge(pd.DataFrame({extra[0]: keys}), how="cross")
    out = areas.merge(counts[[key, *extra, "cases"]], on=[key, *extra], how="left")
    out["cases"] = out["cases"].fillna(0).astype(int)
    return out.reset_index(drop=True)


def funnel(reached: pd.DataFrame, forwarded: int) -> pd.DataFrame:
    """Rows of the handling funnel from ``status_reached`` (cases that ever reached a status) and
    ``cases_reaching_any(FORWARD_STATUSES)`` (``forwarded``).

    Columns: stage (a status code, or "diteruskan" for any forwarding), kind ("path": the main
    path, "forward": one destination of "diteruskan", "exit": a status that closes the case after
    the stage above it), cases. Order: the path top to bottom, each exit after the stage it leaves.
    """
    n = dict(zip(reached["status"], reached["cases"], strict=True)) if len(reached) else {}
    rows = []
    for stage in MAIN_PATH:
        rows.append((stage, "path", int(n.get(stage, 0))))
        if stage in EXITS:
            rows.append((EXITS[stage], "exit", int(n.get(EXITS[stage], 0))))
    rows.append(("diteruskan", "path", int(forwarded)))
    rows += [(s, "forward", int(n.get(s, 0))) for s in FORWARD_STATUSES]
    rows.append((EXITS["diteruskan"], "exit", int(n.get(EXITS["diteruskan"], 0))))
    return pd.DataFrame(rows, columns=["stage", "kind", "cases"])



def trend_filters(filters: Filters, elections: pd.DataFrame) -> Filters:
    """The weekly trend's range (issue 18): ``filters``, reaching on to the end of the quiet period when
    ``filters`` ends between the campaign's end and it, so the violations found in the quiet period (the
    default range is the campaign period) stay on the axis. Elections in scope: the chosen ones, or
    those of the newest voting day, as the filter bar's default range. Input:
    ``queries.reference.elections``."""
    if filters.end is None or elections is None or len(elections) == 0:
        return filters
    chosen = elections[elections["id"].isin(filters.election_ids)] if filters.election_ids else \
        elections[elections["voting_day"] == elections["voting_day"].max()]
    if len(chosen) == 0:
        return filters
    campaign_end, quiet_end = chosen["campaign_end"].max(), chosen["quiet_end"].max()
    return replace(filters, end=quiet_end) if campaign_end <= filters.end < quiet_end else filters
