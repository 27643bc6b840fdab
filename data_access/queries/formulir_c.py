"""Delivery of Formulir Model C.Pemberitahuan-KWK per TPS.

Filters that apply: kecamatan/desa only. The recap is per TPS of one voting day: the newest
voting day, or that of the chosen election(s). Dates and candidate pairs do not apply.
"""
from __future__ import annotations

from typing import Any

import pandas as pd
from sqlalchemy import Connection, Float, Label, and_, case, cast, func, literal, select

from data_access.filters import Filters, area_clause
from data_access.queries import UPPER_AREA_GROUPS, frame, join_upper_areas, nulls_last, share_above
from data_access.schema import UNDELIVERED_COLUMNS, Desa, Election, FormulirC, Kecamatan, Tps

REASON_COLUMNS = UNDELIVERED_COLUMNS

GROUPS: dict[str, tuple[Label[Any], ...]] = {
    **UPPER_AREA_GROUPS,
    "kecamatan": (Kecamatan.kode.label("kecamatan_kode"), Kecamatan.nama.label("kecamatan")),
    "desa": (Desa.kode.label("desa_kode"), Desa.nama.label("desa"), Kecamatan.kode.label("kecamatan_kode"),
             Kecamatan.nama.label("kecamatan")),
    "tps": (Tps.id.label("tps_id"), Tps.nomor.label("nomor_tps"), Desa.kode.label("desa_kode"), Desa.nama.label("desa"),
            Kecamatan.kode.label("kecamatan_kode"), Kecamatan.nama.label("kecamatan")),
}


def voting_day(conn: Connection, filters: Filters):
    """The voting day the recap is shown for (newest, or the chosen elections' newest)."""
    stmt = select(func.max(Election.voting_day))
    if filters.election_ids:
        stmt = stmt.where(Election.id.in_(filters.election_ids))
    return conn.execute(stmt).scalar()


def _deadline(day):
    return select(func.min(Election.formulir_c_deadline)).where(Election.voting_day == day).scalar_subquery()


def _undelivered():
    """Undelivered forms of one recap: the sum of the official reasons (``metrics.formulir_c``)."""
    total = getattr(FormulirC, REASON_COLUMNS[0])
    for c in REASON_COLUMNS[1:]:
        total = total + getattr(FormulirC, c)
    return total


def above(threshold: float):
    """A recap strictly above ``threshold`` (``metrics.formulir_c.above_threshold``: undelivered / DPT >
    threshold), exactly (``share_above``): a TPS exactly at the threshold is not above."""
    return share_above(_undelivered(), FormulirC.dpt, threshold)


def delivery(conn: Connection, filters: Filters, by: tuple[str, ...] = (),
             threshold: float | None = None) -> pd.DataFrame:
    """Sums per group: tps (TPS with a recap), dpt, delivered, undelivered_<reason> for every
    official reason, late_reports (recaps dated after the H-3 deadline), last_report_date.
    For ``by=("tps",)`` also report_date. No group: one total row. With ``threshold`` also
    ``above_threshold``: how many of the group's TPS are strictly above it (``above``)."""
    day = voting_day(conn, filters)
    cols = [c for key in by for c in GROUPS[key]]
    sums = [func.coalesce(func.sum(getattr(FormulirC, c)), 0).label(c) for c in ("dpt", "delivered", *REASON_COLUMNS)]
    late = func.coalesce(func.sum(case((FormulirC.report_date > _deadline(day), 1), else_=0)), 0).label("late_reports")
    if threshold is not None:
        sums.append(func.coalesce(func.sum(case((above(threshold), 1), else_=0)), 0).label("above_threshold"))
    extra = [FormulirC.report_date] if "tps" in by else []
    stmt = (
        select(*cols, *extra, func.count().label("tps"), *sums, late,
               func.max(FormulirC.report_date).label("last_report_date"))
        .select_from(FormulirC).join(Tps, Tps.id == FormulirC.tps_id).join(Desa, Desa.kode == Tps.desa_kode)
        .join(Kecamatan, Kecamatan.kode == Desa.kecamatan_kode)
        .where(and_(Tps.voting_day == day, area_clause(Tps.desa_kode, filters)))
    )
    stmt = join_upper_areas(stmt, by)
    if cols:
        stmt = stmt.group_by(*cols, *extra).order_by(*nulls_last(*cols))
    return frame(conn, stmt)


def tps_ranking(conn: Connection, filters: Filters, *, by: tuple[str, ...] = (), threshold: float | None = None,
                limit: int | None = None) -> pd.DataFrame:
    """TPS worst first, ranked in the database: the rows and columns of ``delivery(by=("tps", *by))``
    (one recap per TPS, so no grouping is needed) in the order of ``metrics.formulir_c.ranked``:
    undelivered share of DPT descending, then undelivered count descending, then TPS id. With
    ``threshold`` only the TPS strictly above it (``above``); ``limit``: the first rows only.
    ``by``: upper area keys ("provinsi", "kabupaten") whose names the rows should carry.

    The national recap has 420,000 TPS; a page shows the worst 20 and the list above the threshold,
    so neither should travel to pandas whole (benchmarks/RESULTS.md)."""
    day = voting_day(conn, filters)
    upper = [c for key in by for c in GROUPS[key] if c.key not in {t.key for t in GROUPS["tps"]}]
    undelivered = _undelivered()
    # dpt > 0 on every TPS (CHECK dpt_range), so the share is never a division by zero.
    share = cast(undelivered, Float) / FormulirC.dpt
    stmt = (
        select(*GROUPS["tps"], *upper, FormulirC.report_date, literal(1).label("tps"), FormulirC.dpt,
               FormulirC.delivered,
               *[getattr(FormulirC, c) for c in REASON_COLUMNS],
               case((FormulirC.report_date > _deadline(day), 1), else_=0).label("late_reports"),
               FormulirC.report_date.label("last_report_date"))
        .select_from(FormulirC).join(Tps, Tps.id == FormulirC.tps_id).join(Desa, Desa.kode == Tps.desa_kode)
        .join(Kecamatan, Kecamatan.kode == Desa.kecamatan_kode)
        .where(and_(Tps.voting_day == day, area_clause(Tps.desa_kode, filters)))
        .order_by(share.desc(), undelivered.desc(), Tps.id)
    )
    stmt = join_upper_areas(stmt, by)
    if threshold is not None:
        stmt = stmt.where(above(threshold))
    if limit is not None:
        stmt = stmt.limit(limit)
    return frame(conn, stmt)


def desa_without_tps(conn: Connection, filters: Filters) -> pd.DataFrame:
    """Desa in the area filter with no TPS recap for the voting day: kecamatan, desa codes/names."""
    day = voting_day(conn, filters)
    has_recap = select(Tps.id).join(FormulirC, FormulirC.tps_id == Tps.id).where(Tps.desa_kode == Desa.kode,
                                                                                 Tps.voting_day == day).exists()
    stmt = (select(Kecamatan.kode.label("kecamatan_kode"), Kecamatan.nama.label("kecamatan"),
                   Desa.kode.label("desa_kode"),
                   Desa.nama.label("desa"))
            .join(Kecamatan, Kecamatan.kode == Desa.kecamatan_kode).where(area_clause(Desa.kode, filters),
                                                                          ~has_recap).order_by(Desa.kode))
    return frame(conn, stmt)


def recap_calendar(conn: Connection, filters: Filters) -> pd.DataFrame:
    """One row: the voting day the recap is for and its Formulir C delivery deadline (H-3)
    (both None when there is no election)."""
    day = voting_day(conn, filters)
    deadline = conn.execute(select(func.min(Election.formulir_c_deadline)).where(Election.voting_day == day)).scalar() \
        if day is not None else None
    return pd.DataFrame({"voting_day": [day], "formulir_c_deadline": [deadline]})


def recaps_by_date(conn: Connection, filters: Filters) -> pd.DataFrame:
    """Per recap date (tanggal laporan): tps (recaps dated that day), dpt, late_reports (recaps
    dated after the H-3 deadline, as in ``delivery``). Oldest date first. Area filter only."""
    day = voting_day(conn, filters)
    late = func.coalesce(func.sum(case((FormulirC.report_date > _deadline(day), 1), else_=0)), 0).label("late_reports")
    stmt = (
        select(FormulirC.report_date, func.count().label("tps"), func.coalesce(func.sum(FormulirC.dpt), 0)
               .label("dpt"), late)
        .select_from(FormulirC).join(Tps, Tps.id == FormulirC.tps_id)
        .where(and_(Tps.voting_day == day, area_clause(Tps.desa_kode, filters)))
        .group_by(FormulirC.report_date).order_by(FormulirC.report_date)
    )
    return frame(conn, stmt)


# ---------------------------------------------------------------- TPS without a recap ("belum melapor")
# Once a TPS list is imported (rows in ``tps``, known before the vote), a TPS of the voting day that
# has no ``formulir_c`` recap yet has not reported. Those TPS are counted here, with their DPT, and
# never mixed into ``delivery``: its rates stay over the DPT of the TPS that have reported.
def _not_reported(day, filters: Filters):
    has_recap = select(FormulirC.tps_id).where(FormulirC.tps_id == Tps.id).exists()
    return and_(Tps.voting_day == day, area_clause(Tps.desa_kode, filters), ~has_recap)


def not_reported(conn: Connection, filters: Filters, by: tuple[str, ...] = ()) -> pd.DataFrame:
    """TPS of the voting day with no recap, per group (``GROUPS`` keys: "kecamatan", "desa", or an
    upper area): ``tps_not_reported`` and ``dpt_not_reported`` (their registered voters). No group:
    one total row (0 and 0 when every TPS has reported or there is no TPS list). Groups without such
    a TPS have no row. Area filter only, as ``delivery``."""
    day = voting_day(conn, filters)
    cols = [c for key in by for c in GROUPS[key]]
    stmt = (select(*cols, func.count().label("tps_not_reported"),
                   func.coalesce(func.sum(Tps.dpt), 0).label("dpt_not_reported"))
            .select_from(Tps).join(Desa, Desa.kode == Tps.desa_kode)
            .join(Kecamatan, Kecamatan.kode == Desa.kecamatan_kode)
            .where(_not_reported(day, filters)))
    stmt = join_upper_areas(stmt, by)
    if cols:
        stmt = stmt.group_by(*cols).order_by(*nulls_last(*cols))
    return frame(conn, stmt)


def not_reported_tps(conn: Connection, filters: Filters, *, limit: int | None = None) -> pd.DataFrame:
    """The TPS without a recap themselves, in code order (kecamatan, desa, TPS number): kecamatan_kode,
    kecamatan, desa_kode, desa, tps_id, nomor_tps, dpt. ``limit``: the first rows only (a page shows
    a screenful; its download reads the rest when clicked)."""
    day = voting_day(conn, filters)
    stmt = (select(Kecamatan.kode.label("kecamatan_kode"), Kecamatan.nama.label("kecamatan"),
                   Desa.kode.label("desa_kode"),
                   Desa.nama.label("desa"), Tps.id.label("tps_id"), Tps.nomor.label("nomor_tps"), Tps.dpt)
            .select_from(Tps).join(Desa, Desa.kode == Tps.desa_kode)
            .join(Kecamatan, Kecamatan.kode == Desa.kecamatan_kode)
            .where(_not_reported(day, filters)).order_by(Desa.kode, Tps.nomor, Tps.id))
    if limit is not None:
        stmt = stmt.limit(limit)
    return frame(conn, stmt)
