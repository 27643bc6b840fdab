"""Campaign activities and their supervision (Formulir Model A / LHP).

Filters that apply: date range (activity date), election, pair, kecamatan/desa (activity desa).
An activity counts as supervised when at least one LHP points to it, whenever it was filed;
the ratio itself is defined in ``metrics.coverage``.

``activity_coverage`` sums a summary table (``data_access.rollup``) when one is up to date and has
every dimension the call needs; otherwise it counts the raw rows (``_raw_coverage``). Both give the
same rows (tests/test_rollup.py).
"""
from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import Connection, and_, case, exists, func, select

from data_access import dialect, rollup, schema
from data_access.filters import Filters, area_clause, date_clause, election_clause
from data_access.queries import UPPER_AREA_GROUPS, frame, join_upper_areas, nulls_last

KB, PV = schema.Kabupaten, schema.Provinsi

A, R, D, K, P, E = (schema.CampaignActivity, schema.SupervisionReport, schema.Desa, schema.Kecamatan,
                    schema.Paslon, schema.Election)

# Group keys a caller may ask for, and the labelled columns each one adds.
GROUPS = {
    **UPPER_AREA_GROUPS,
    "kecamatan": (K.kode.label("kecamatan_kode"), K.nama.label("kecamatan")),
    "desa": (D.kode.label("desa_kode"), D.nama.label("desa"), K.kode.label("kecamatan_kode"),
             K.nama.label("kecamatan")),
    "day": (A.tanggal.label("day"),),
    "week": (dialect.week_start(A.tanggal).label("week"),),
    "metode": (A.metode.label("metode"),),
    "sumber": (A.sumber.label("sumber"),),
    "paslon": (P.id.label("paslon_id"), P.nama.label("paslon"), P.nomor_urut.label("nomor_urut"),
               E.jenis.label("election_jenis"), E.wilayah_kode.label("election_wilayah")),
}


def _supervised():
    return exists().where(R.activity_id == A.id)


def _where(f: Filters):
    return and_(date_clause(A.tanggal, f), election_clause(A.election_id, A.paslon_id, f),
                area_clause(A.desa_kode, f))


def activity_coverage(conn: Connection, f: Filters, by: tuple[str, ...] = ()) -> pd.DataFrame:
    """Activities and supervised activities, grouped by any of ``GROUPS`` (none: one total row).

    Columns: the group columns, ``activities``, ``supervised``.
    """
    summary = rollup.source(conn, _dimensions(f, by))
    if summary is None:
        return _raw_coverage(conn, f, by)
    return _rollup_coverage(conn, summary, f, by)


def _raw_coverage(conn: Connection, f: Filters, by: tuple[str, ...]) -> pd.DataFrame:
    cols = [c for key in by for c in GROUPS[key]]
    stmt = (
        select(*cols, func.count().label("activities"),
               func.coalesce(func.sum(case((_supervised(), 1), else_=0)), 0).label("supervised"))
        .select_from(A)
        .join(D, D.kode == A.desa_kode).join(K, K.kode == D.kecamatan_kode)
        .join(P, P.id == A.paslon_id).join(E, E.id == A.election_id)
        .where(_where(f))
    )
    stmt = join_upper_areas(stmt, by)
    if cols:
        stmt = stmt.group_by(*cols).order_by(*nulls_last(*cols))
    return frame(conn, stmt)


# The summary-table column each group key is summed by (day and week: both by ``tanggal``).
_GROUP_DIMENSIONS = {
    "provinsi": "provinsi_kode", "kabupaten": "kabupaten_kode", "kecamatan": "kecamatan_kode",
    "desa": "desa_kode", "day": "tanggal", "week": "tanggal", "metode": "metode", "sumber": "sumber",
    "paslon": "paslon_id",
}
# Group keys whose labelled columns (``GROUPS``) come from joined area or pair tables; the others
# are columns of the summed rows themselves.
_NAMED = {"provinsi", "kabupaten", "kecamatan", "desa", "paslon"}


def _dimensions(f: Filters, by: tuple[str, ...]) -> set[str]:
    dims = {"tanggal", *(_GROUP_DIMENSIONS[key] for key in by)}
    if f.election_ids:
        dims.add("election_id")
    if f.paslon_ids:
        dims.add("paslon_id")
    area = rollup.area_dimension(f)
    return dims | {area} if area else dims


def _rollup_coverage(conn: Connection, s, f: Filters, by: tuple[str, ...]) -> pd.DataFrame:
    """The same rows as ``_raw_coverage``, summed from the summary table ``s``: sums per code in
    the table, then names joined to those few rows (the same labelled columns, ``GROUPS``)."""
    keys = [s.c.tanggal.label("day") if key == "day" else
            dialect.week_start(s.c.tanggal).label("week") if key == "week" else s.c[_GROUP_DIMENSIONS[key]]
            for key in by]
    # ``_dimensions`` put election_id/paslon_id in ``s`` when those filters are set
    where = and_(date_clause(s.c.tanggal, f), election_clause(s.c.get("election_id"), s.c.get("paslon_id"), f),
                 rollup.area_clause(s, f))
    inner = select(*keys, func.coalesce(func.sum(s.c.activities), 0).label("activities"),
                   func.coalesce(func.sum(s.c.supervised), 0).label("supervised")).where(where)
    if keys:
        inner = inner.group_by(*keys)
    t = inner.subquery("summed")
    cols = [c for key in by for c in (GROUPS[key] if key in _NAMED else (t.c[key],))]
    stmt = select(*cols, t.c.activities, t.c.supervised).select_from(t)
    if "kabupaten" in by:
        stmt = stmt.join(KB, KB.kode == t.c.kabupaten_kode).join(PV, PV.kode == KB.provinsi_kode)
    elif "provinsi" in by:
        stmt = stmt.join(PV, PV.kode == t.c.provinsi_kode)
    if "desa" in by:
        stmt = stmt.join(D, D.kode == t.c.desa_kode).join(K, K.kode == D.kecamatan_kode)
    elif "kecamatan" in by:
        stmt = stmt.join(K, K.kode == t.c.kecamatan_kode)
    if "paslon" in by:
        stmt = stmt.join(P, P.id == t.c.paslon_id).join(E, E.id == P.election_id)
    if cols:
        stmt = stmt.order_by(*nulls_last(*cols))
    return frame(conn, stmt)


# The unsupervised-activities table lists at most this many rows (the earliest); a page showing it
# says when there are more (their number comes from ``activity_coverage``).
UNSUPERVISED_LIMIT = 5000


def unsupervised_activities(conn: Connection, f: Filters, limit: int | None = UNSUPERVISED_LIMIT) -> pd.DataFrame:
    """Activities with no LHP: kode, tanggal, jam_mulai, paslon, election_jenis, metode, sumber,
    kecamatan, desa, lokasi (plus the codes and ``nomor_urut`` of the pair); the first ``limit``
    by date, desa and code (the order of index ix_campaign_activity_tanggal_desa_kode, so the
    database stops after ``limit`` rows instead of sorting every activity); every one with None."""
    stmt = (
        select(A.kode, A.tanggal, A.jam_mulai, P.nama.label("paslon"), E.jenis.label("election_jenis"),
               P.nomor_urut.label("nomor_urut"), A.metode, A.sumber, K.kode.label("kecamatan_kode"), K.nama.label("kecamatan"),
               D.kode.label("desa_kode"), D.nama.label("desa"), A.lokasi)
        .join(D, D.kode == A.desa_kode).join(K, K.kode == D.kecamatan_kode)
        .join(P, P.id == A.paslon_id).join(E, E.id == A.election_id)
        .where(_where(f), ~_supervised())
        .order_by(A.tanggal, A.desa_kode, A.kode)
    )
    return frame(conn, stmt if limit is None else stmt.limit(limit))


def last_report_per_desa(conn: Connection, f: Filters, quiet_since: dt.date | None = None) -> pd.DataFrame:
    """Every desa in the area filter with the date of its newest LHP up to ``f.end`` (any LHP:
    supervision of an activity or a prevention patrol; election and pair filters do not apply)
    and its number of activities in the range. With ``quiet_since`` (the first day of
    ``metrics.coverage.quiet_window``; needs ``f.end``) only the desa with no LHP from that day up to
    ``f.end``, the ones ``metrics.coverage.quiet_desa`` keeps: nationally 17,500 of 84,000 desa, so
    the other rows never leave the database.

    Columns: kecamatan_kode, kecamatan, desa_kode, desa, last_report (date or None), activities.
    """
    last = (select(func.max(R.tanggal)).where(R.desa_kode == D.kode))
    if f.end is not None:
        last = last.where(R.tanggal <= f.end)
    acts = select(func.count()).select_from(A).where(A.desa_kode == D.kode, _where(f))
    stmt = (
        select(K.kode.label("kecamatan_kode"), K.nama.label("kecamatan"), D.kode.label("desa_kode"),
               D.nama.label("desa"), last.scalar_subquery().label("last_report"),
               acts.scalar_subquery().label("activities"))
        .join(K, K.kode == D.kecamatan_kode)
        .where(area_clause(D.kode, f))
        .order_by(D.kode)
    )
    if quiet_since is not None and f.end is not None:
        stmt = stmt.where(~select(R.id).where(R.desa_kode == D.kode, R.tanggal >= quiet_since, R.tanggal <= f.end)
                          .exists())
    return frame(conn, stmt)
