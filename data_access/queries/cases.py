"""Violation cases (temuan and laporan) and their status history.

Filters that apply: date range (on ``tanggal_diterima``), election, pair (cases with no pair
drop out when a pair is chosen; cases with no election drop out when an election is chosen),
kecamatan/desa (the case's desa). Personal names (pelapor, terlapor) are only selected when
the caller asks for them; the page decides who may.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
from sqlalchemy import BigInteger, Connection, Date, Label, and_, case, cast, false, func, literal, select

from data_access import dialect
from data_access.filters import Filters, area_clause, date_clause, election_clause
from data_access.queries import UPPER_AREA_GROUPS, frame, join_upper_areas, nulls_last
from data_access.schema import CaseStatus, Desa, Election, Kecamatan, Paslon, ViolationCase
from data_access.vocab import DECIDED_STATUSES

GROUPS: dict[str, tuple[Label[Any], ...]] = {
    **UPPER_AREA_GROUPS,
    "week": (dialect.week_start(ViolationCase.tanggal_diterima).label("week"),),
    "day": (ViolationCase.tanggal_diterima.label("day"),),
    "jenis_dugaan": (ViolationCase.jenis_dugaan.label("jenis_dugaan"),),
    "sumber": (ViolationCase.sumber.label("sumber"),),
    "status": (ViolationCase.status.label("status"),),
    "kategori": (ViolationCase.kategori.label("kategori"),),
    "kecamatan": (Kecamatan.kode.label("kecamatan_kode"), Kecamatan.nama.label("kecamatan")),
    "desa": (Desa.kode.label("desa_kode"), Desa.nama.label("desa"), Kecamatan.kode.label("kecamatan_kode"),
             Kecamatan.nama.label("kecamatan")),
    "paslon": (Paslon.id.label("paslon_id"), Paslon.nama.label("paslon"), Paslon.nomor_urut.label("nomor_urut"),
               Election.jenis.label("election_jenis"), Election.wilayah_kode.label("election_wilayah")),
}


def _where(filters: Filters):
    return and_(date_clause(ViolationCase.tanggal_diterima, filters),
                election_clause(ViolationCase.election_id, ViolationCase.paslon_id, filters),
                area_clause(ViolationCase.desa_kode, filters))


def _joined(stmt):
    return (stmt.join(Desa, Desa.kode == ViolationCase.desa_kode).join(Kecamatan, Kecamatan.kode == Desa.kecamatan_kode)
            .outerjoin(Paslon, Paslon.id == ViolationCase.paslon_id)
            .outerjoin(Election, Election.id == ViolationCase.election_id))


# Group keys that need the area tables, and those that need the pair's (every case has a desa, so
# the inner joins to desa and kecamatan drop no row: they are left out when no key needs them).
_AREA_KEYS = {"provinsi", "kabupaten", "kecamatan", "desa"}


def _joined_for(stmt, by: tuple[str, ...]):
    if _AREA_KEYS & set(by):
        stmt = (stmt.join(Desa, Desa.kode == ViolationCase.desa_kode)
                .join(Kecamatan, Kecamatan.kode == Desa.kecamatan_kode))
    if "paslon" in by:
        stmt = (stmt.outerjoin(Paslon, Paslon.id == ViolationCase.paslon_id)
                .outerjoin(Election, Election.id == ViolationCase.election_id))
    return join_upper_areas(stmt, by)


_UPPER_KEYS = ("provinsi", "kabupaten")


def _counted(counts: list, by: tuple[str, ...], filters: Filters, joins=lambda stmt: stmt):
    """SELECT the columns of ``by`` and ``counts`` (labelled COUNT/SUM aggregates over the filtered
    cases; ``joins`` adds what they read). Provinsi and kabupaten/kota are counted in two steps: per
    kecamatan first (cases joined to desa only), then those rows joined upwards and added up, so
    7,300 kecamatan rows meet the area tables instead of 100,000 cases (0.43 -> 0.29 s nationally
    on SQLite). The other keys of ``by`` are carried through both steps."""
    rest = tuple(k for k in by if k not in _UPPER_KEYS)
    if len(rest) == len(by) or _AREA_KEYS & set(rest):
        cols = [c for key in by for c in GROUPS[key]]
        stmt = _joined_for(joins(select(*cols, *counts).select_from(ViolationCase)), by).where(_where(filters))
        return stmt.group_by(*cols).order_by(*nulls_last(*cols)) if cols else stmt
    inner_cols = [Desa.kecamatan_kode.label("per_kecamatan"), *[c for key in rest for c in GROUPS[key]]]
    per_kec = (_joined_for(joins(select(*inner_cols, *counts).select_from(ViolationCase))
                           .join(Desa, Desa.kode == ViolationCase.desa_kode), rest)
               .where(_where(filters)).group_by(*inner_cols).subquery("per_kecamatan"))
    cols = [c if key in _UPPER_KEYS else per_kec.c[c.key] for key in by for c in GROUPS[key]]
    sums = [cast(func.sum(per_kec.c[a.key]), BigInteger).label(a.key) for a in counts]
    stmt = join_upper_areas(select(*cols, *sums).select_from(per_kec)
                            .join(Kecamatan, Kecamatan.kode == per_kec.c.per_kecamatan), by)
    return stmt.group_by(*cols).order_by(*nulls_last(*cols))


def case_counts(conn: Connection, filters: Filters, by: tuple[str, ...] = ()) -> pd.DataFrame:
    """Number of cases (``cases``) grouped by any of ``GROUPS``; status is the current status."""
    return frame(conn, _counted([func.count().label("cases")], by, filters))


def _first_decision():
    """Per case that has one: ``decided_on``, the date of its first decision status
    (vocab.DECIDED_STATUSES). Outer-joined, NULL while undecided. One aggregate over the history, not
    a subquery per case: nationally (100,000 cases) 0.10 s against 0.45 s on PostgreSQL."""
    return (select(CaseStatus.case_id, func.min(CaseStatus.tanggal).label("decided_on"))
            .where(CaseStatus.status.in_(DECIDED_STATUSES))
            .group_by(CaseStatus.case_id).subquery("first_decision"))


def deadline_counts(conn: Connection, filters: Filters, *, as_of: dt.date | None, deadline_days: int,
                    by: tuple[str, ...] = ()) -> pd.DataFrame:
    """Cases against the handling deadline, counted in the database, grouped by any of ``GROUPS``:
    ``cases``; ``decided`` (current status is a decision, ``metrics.cases.is_decided``); ``overdue``
    (``metrics.cases.is_overdue``: decided more than ``deadline_days`` after receipt, or still
    undecided with ``as_of`` more than ``deadline_days`` after it); ``open_overdue`` (overdue and
    its current status not a decision). ``as_of`` None (an empty database): nothing undecided is
    overdue. No group: one total row.

    The KPIs and the overdue lists need only these counts; ``case_list`` (every case) is for the
    case table. Nationally that is 94,000 rows (benchmarks/RESULTS.md)."""
    first = _first_decision()
    received, decided_on = ViolationCase.tanggal_diterima, first.c.decided_on
    late_decision = dialect.days_between(received, decided_on) > deadline_days
    still_open_late = (dialect.days_between(received, literal(as_of, Date)) > deadline_days
                       if as_of is not None else false())
    overdue = case((decided_on.is_not(None), late_decision), else_=still_open_late)
    decided_now = ViolationCase.status.in_(DECIDED_STATUSES)

    def count(condition, label):
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0).label(label)

    counts = [func.count().label("cases"), count(decided_now, "decided"), count(overdue, "overdue"),
              count(and_(overdue, ~decided_now), "open_overdue")]
    return frame(conn, _counted(counts, by, filters,
                                joins=lambda stmt: stmt.outerjoin(first, first.c.case_id == ViolationCase.id)))


def case_list(conn: Connection, filters: Filters, *, personal: bool = False, limit: int | None = None) -> pd.DataFrame:
    """One row per case, oldest received first: nomor, sumber, jenis_dugaan, kategori,
    tanggal_kejadian, tanggal_diterima, kecamatan, desa, paslon, status, status_date, decided_on
    (date of the first decision status or None); pelapor and terlapor only with ``personal=True``.
    ``limit``: only the newest ``limit`` cases, still oldest first (the case table shows the newest
    first, 5,000 to a screen; nationally there are 94,000)."""
    first = _first_decision()
    cols = [ViolationCase.nomor, ViolationCase.sumber, ViolationCase.jenis_dugaan, ViolationCase.kategori,
            ViolationCase.tanggal_kejadian, ViolationCase.tanggal_diterima,
            Kecamatan.kode.label("kecamatan_kode"), Kecamatan.nama.label("kecamatan"), Desa.kode.label("desa_kode"),
            Desa.nama.label("desa"), Paslon.nama.label("paslon"), Election.jenis.label("election_jenis"),
            ViolationCase.status, ViolationCase.status_date, first.c.decided_on]
    if personal:
        cols += [ViolationCase.pelapor, ViolationCase.terlapor]
    stmt = _joined(select(*cols).select_from(ViolationCase)
                   .outerjoin(first, first.c.case_id == ViolationCase.id)).where(_where(filters))
    if limit is None:
        return frame(conn, stmt.order_by(ViolationCase.tanggal_diterima, ViolationCase.nomor))
    newest = frame(conn, stmt.order_by(ViolationCase.tanggal_diterima.desc(), ViolationCase.nomor.desc()).limit(limit))
    return newest.iloc[::-1].reset_index(drop=True)


def status_reached(conn: Connection, filters: Filters) -> pd.DataFrame:
    """For the handling funnel: how many of the filtered cases ever reached each status.

    Columns: status, cases. Statuses no case reached are absent.
    """
    stmt = (
        select(CaseStatus.status, func.count(func.distinct(CaseStatus.case_id)).label("cases"))
        .select_from(CaseStatus).join(ViolationCase, ViolationCase.id == CaseStatus.case_id)
        .where(_where(filters)).group_by(CaseStatus.status).order_by(CaseStatus.status)
    )
    return frame(conn, stmt)


def status_history(conn: Connection, filters: Filters) -> pd.DataFrame:
    """Every status row of the filtered cases: nomor, status, tanggal (oldest first)."""
    stmt = (select(ViolationCase.nomor, CaseStatus.status, CaseStatus.tanggal).select_from(CaseStatus)
            .join(ViolationCase, ViolationCase.id == CaseStatus.case_id)
            .where(_where(filters)).order_by(ViolationCase.nomor, CaseStatus.tanggal, CaseStatus.id))
    return frame(conn, stmt)


def cases_reaching_any(conn: Connection, filters: Filters, statuses: tuple[str, ...]) -> pd.DataFrame:
    """How many of the filtered cases ever reached at least one of ``statuses`` (column ``cases``,
    one row). The funnel's "diteruskan" stage: a case forwarded to two bodies counts once."""
    stmt = (select(func.count(func.distinct(CaseStatus.case_id)).label("cases"))
            .select_from(CaseStatus).join(ViolationCase, ViolationCase.id == CaseStatus.case_id)
            .where(_where(filters), CaseStatus.status.in_(statuses)))
    return frame(conn, stmt)
