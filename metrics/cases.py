"""Violation cases: age, handling deadline, and the handling funnel.

Deadline (configurable in config/pantau.toml, default 3 + 2 calendar days after receipt, Perpu
1/2014 Pasal 134(5)-(6)): a case must reach a decision status (vocab.DECIDED_STATUSES: not
registered, forwarded, not a violation, stopped) by ``tanggal_diterima + deadline_days``.
A case is *overdue* when it was decided after that day, or is still undecided after it
(measured against ``as_of``, the data's reference day).
"""
from __future__ import annotations

import datetime as dt

import pandas as pd

from data_access import vocab


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
    out["age_days"] = [age_days(r, d, as_of) for r, d in zip(out["tanggal_diterima"], decided)]
    out["overdue"] = [is_overdue(r, d, as_of, deadline_days) for r, d in zip(out["tanggal_diterima"], decided)]
    return out


def is_decided(status: str) -> bool:
    return status in vocab.DECIDED_STATUSES
