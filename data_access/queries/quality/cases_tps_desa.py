"""Checks on cases (stuck in a status), Formulir C recaps (implausible figures) and desa (quiet
spells without any LHP)."""
from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import Connection, Date, and_, case, func, literal, or_, select, union

from data_access import dialect, vocab
from data_access.filters import Filters, area_clause
from data_access.queries import formulir_c as formulir_c_queries
from data_access.queries import frame, share_above
from data_access.queries.quality.common import AREA_COLUMNS, LIMIT, case_where
from data_access.schema import Desa, FormulirC, Kecamatan, Tps, ViolationCase
from data_access.schema import SupervisionReport as Report


def stuck_cases(conn: Connection, filters: Filters, *, as_of: dt.date,
                max_days: tuple[tuple[str, int], ...]) -> pd.DataFrame:
    """Cases whose current status is open and has lasted longer than its maximum
    (``as_of - status_date > max_days[status]``); statuses with no maximum are not checked.
    Columns: nomor, sumber, jenis_dugaan, tanggal_diterima, status, status_date, days_in_status,
    max_days, kecamatan_kode, kecamatan, desa_kode, desa."""
    allowed_days = {s: int(n) for s, n in max_days if s in vocab.OPEN_STATUSES}
    if not allowed_days:
        allowed_days = {"diterima": 10**6}  # nothing to check; keeps the statement valid
    allowed = case(allowed_days, value=ViolationCase.status)
    days = dialect.days_between(ViolationCase.status_date, literal(as_of, Date))
    stmt = (
        select(ViolationCase.nomor, ViolationCase.sumber, ViolationCase.jenis_dugaan, ViolationCase.tanggal_diterima,
               ViolationCase.status, ViolationCase.status_date,
               days.label("days_in_status"), allowed.label("max_days"), *AREA_COLUMNS)
        .select_from(ViolationCase).join(Desa, Desa.kode == ViolationCase.desa_kode)
        .join(Kecamatan, Kecamatan.kode == Desa.kecamatan_kode)
        .where(case_where(filters), ViolationCase.status.in_(list(allowed_days)), days > allowed)
        .order_by(days.desc(), ViolationCase.nomor).limit(LIMIT)
    )
    return frame(conn, stmt)


def formulir_c_implausible(conn: Connection, filters: Filters, *, max_rate: float, zero_min_dpt: int,
                           max_dpt: int) -> pd.DataFrame:
    """Formulir C recaps (voting day of ``queries.formulir_c``) that are implausible, one row per
    TPS with a flag per rule: ``rate_high`` (undelivered / DPT > ``max_rate``), ``zero_large``
    (nothing undelivered although DPT >= ``zero_min_dpt``), ``dpt_over`` (DPT > ``max_dpt``).
    Undelivered = DPT - delivered (the sum of the official reasons). Columns: kecamatan_kode,
    kecamatan, desa_kode, desa, nomor_tps, dpt, delivered, undelivered, report_date and the flags."""
    day = formulir_c_queries.voting_day(conn, filters)
    undelivered = FormulirC.dpt - FormulirC.delivered
    rate_high = share_above(undelivered, FormulirC.dpt, max_rate)
    zero_large = and_(undelivered == 0, FormulirC.dpt >= zero_min_dpt)
    dpt_over = FormulirC.dpt > max_dpt

    def flag(cond):
        return case((cond, True), else_=False)

    stmt = (
        select(*AREA_COLUMNS, Tps.nomor.label("nomor_tps"), FormulirC.dpt, FormulirC.delivered,
               undelivered.label("undelivered"),
               FormulirC.report_date, flag(rate_high).label("rate_high"), flag(zero_large).label("zero_large"),
               flag(dpt_over).label("dpt_over"))
        .select_from(FormulirC).join(Tps, Tps.id == FormulirC.tps_id).join(Desa, Desa.kode == Tps.desa_kode)
        .join(Kecamatan, Kecamatan.kode == Desa.kecamatan_kode)
        .where(Tps.voting_day == day, area_clause(Tps.desa_kode, filters), or_(rate_high, zero_large, dpt_over))
        .order_by(Desa.kode, Tps.nomor).limit(LIMIT)
    )
    out = frame(conn, stmt)
    for col in ("rate_high", "zero_large", "dpt_over"):  # SQLite returns 0/1
        out[col] = out[col].astype(bool)
    return out


def quiet_spells(conn: Connection, filters: Filters, *, window_start: dt.date, window_end: dt.date,
                 quiet_days: int) -> pd.DataFrame:
    """Runs of ``quiet_days`` or more consecutive days inside [window_start, window_end] on which a
    desa had no LHP of any kind (activity supervision or prevention; election and pair filters do
    not apply). Days before the desa's first LHP and after its last LHP in the window count too.

    Columns: kecamatan_kode, kecamatan, desa_kode, desa, last_before (the LHP date before the
    spell, or the day before ``window_start``), next_after (the LHP date after it, or the day
    after ``window_end``), quiet_days (days in the spell)."""
    if window_end < window_start:
        return pd.DataFrame(columns=["kecamatan_kode", "kecamatan", "desa_kode", "desa", "last_before",
                                     "next_after", "quiet_days"])
    before = window_start - dt.timedelta(days=1)
    after = window_end + dt.timedelta(days=1)
    lhp_days = (select(Report.desa_kode.label("desa_kode"), Report.tanggal.label("day"))
                .where(Report.tanggal >= window_start, Report.tanggal <= window_end,
                       area_clause(Report.desa_kode, filters)))
    edges = [select(Desa.kode.label("desa_kode"), literal(edge, Date).label("day"))
             .where(area_clause(Desa.kode, filters)) for edge in (before, after)]
    days = union(lhp_days, *edges).subquery()  # UNION: one row per desa and day
    prev = func.lag(days.c.day).over(partition_by=days.c.desa_kode, order_by=days.c.day)
    gaps = select(days.c.desa_kode, prev.label("last_before"), days.c.day.label("next_after")).subquery()
    length = dialect.days_between(gaps.c.last_before, gaps.c.next_after) - 1
    stmt = (
        select(Kecamatan.kode.label("kecamatan_kode"), Kecamatan.nama.label("kecamatan"), Desa.kode.label("desa_kode"),
               Desa.nama.label("desa"), gaps.c.last_before, gaps.c.next_after, length.label("quiet_days"))
        .select_from(gaps).join(Desa, Desa.kode == gaps.c.desa_kode)
        .join(Kecamatan, Kecamatan.kode == Desa.kecamatan_kode)
        .where(gaps.c.last_before.is_not(None), length >= quiet_days)
        .order_by(Desa.kode, gaps.c.last_before).limit(LIMIT)
    )
    out = frame(conn, stmt)
    for col in ("last_before", "next_after"):  # SQLite returns text from a window over a UNION
        out[col] = [dt.date.fromisoformat(v[:10]) if isinstance(v, str) else v for v in out[col]]
    return out
