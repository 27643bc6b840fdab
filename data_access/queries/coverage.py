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
from typing import Any

import pandas as pd
from sqlalchemy import Connection, Label, and_, case, exists, func, select

from data_access import dialect, rollup
from data_access.filters import Filters, area_clause, date_clause, election_clause
from data_access.queries import UPPER_AREA_GROUPS, frame, join_upper_areas, nulls_last
from data_access.schema import CampaignActivity as Activity
from data_access.schema import Desa, Election, Kabupaten, Kecamatan, Paslon, Provinsi
from data_access.schema import SupervisionReport as Report

# Group keys a caller may ask for, and the labelled columns each one adds.
GROUPS: dict[str, tuple[Label[Any], ...]] = {
    **UPPER_AREA_GROUPS,
    "kecamatan": (Kecamatan.kode.label("kecamatan_kode"), Kecamatan.nama.label("kecamatan")),
    "desa": (Desa.kode.label("desa_kode"), Desa.nama.label("desa"), Kecamatan.kode.label("kecamatan_kode"),
             Kecamatan.nama.label("kecamatan")),
    "day": (Activity.tanggal.label("day"),),
    "week": (dialect.week_start(Activity.tanggal).label("week"),),
    "metode": (Activity.metode.label("metode"),),
    "sumber": (Activity.sumber.label("sumber"),),
    "paslon": (Paslon.id.label("paslon_id"), Paslon.nama.label("paslon"), Paslon.nomor_urut.label("nomor_urut"),
               Election.jenis.label("election_jenis"), Election.wilayah_kode.label("election_wilayah")),
}


def _supervised():
    return exists().where(Report.activity_id == Activity.id)


def _where(filters: Filters):
    return and_(date_clause(Activity.tanggal, filters),
                election_clause(Activity.election_id, Activity.paslon_id, filters),
                area_clause(Activity.desa_kode, filters))


def activity_coverage(conn: Connection, filters: Filters, by: tuple[str, ...] = ()) -> pd.DataFrame:
    """Activities and supervised activities, grouped by any of ``GROUPS`` (none: one total row).

    Columns: the group columns, ``activities``, ``supervised``.
    """
    summary = rollup.source(conn, _dimensions(filters, by))
    if summary is None:
        return _raw_coverage(conn, filters, by)
    return _rollup_coverage(conn, summary, filters, by)


def _raw_coverage(conn: Connection, filters: Filters, by: tuple[str, ...]) -> pd.DataFrame:
    cols = [c for key in by for c in GROUPS[key]]
    stmt = (
        select(*cols, func.count().label("activities"),
               func.coalesce(func.sum(case((_supervised(), 1), else_=0)), 0).label("supervised"))
        .select_from(Activity)
        .join(Desa, Desa.kode == Activity.desa_kode).join(Kecamatan, Kecamatan.kode == Desa.kecamatan_kode)
        .join(Paslon, Paslon.id == Activity.paslon_id).join(Election, Election.id == Activity.election_id)
        .where(_where(filters))
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


def _dimensions(filters: Filters, by: tuple[str, ...]) -> set[str]:
    dims = {"tanggal", *(_GROUP_DIMENSIONS[key] for key in by)}
    if filters.election_ids:
        dims.add("election_id")
    if filters.paslon_ids:
        dims.add("paslon_id")
    area = rollup.area_dimension(filters)
    return dims | {area} if area else dims


def _rollup_coverage(conn: Connection, summary, filters: Filters, by: tuple[str, ...]) -> pd.DataFrame:
    """The same rows as ``_raw_coverage``, summed from the summary table ``summary``: sums per code in
    the table, then names joined to those few rows (the same labelled columns, ``GROUPS``)."""
    keys = [summary.c.tanggal.label("day") if key == "day" else
            dialect.week_start(summary.c.tanggal).label("week") if key == "week" else summary.c[_GROUP_DIMENSIONS[key]]
            for key in by]
    # ``_dimensions`` put election_id/paslon_id in ``summary`` when those filters are set
    where = and_(date_clause(summary.c.tanggal, filters),
                 election_clause(summary.c.get("election_id"), summary.c.get("paslon_id"), filters),
                 rollup.area_clause(summary, filters))
    inner = select(*keys, func.coalesce(func.sum(summary.c.activities), 0).label("activities"),
                   func.coalesce(func.sum(summary.c.supervised), 0).label("supervised")).where(where)
    if keys:
        inner = inner.group_by(*keys)
    summed = inner.subquery("summed")
    cols = [c for key in by for c in (GROUPS[key] if key in _NAMED else (summed.c[key],))]
    stmt = select(*cols, summed.c.activities, summed.c.supervised).select_from(summed)
    if "kabupaten" in by:
        stmt = (stmt.join(Kabupaten, Kabupaten.kode == summed.c.kabupaten_kode)
                .join(Provinsi, Provinsi.kode == Kabupaten.provinsi_kode))
    elif "provinsi" in by:
        stmt = stmt.join(Provinsi, Provinsi.kode == summed.c.provinsi_kode)
    if "desa" in by:
        stmt = stmt.join(Desa, Desa.kode == summed.c.desa_kode).join(Kecamatan, Kecamatan.kode == Desa.kecamatan_kode)
    elif "kecamatan" in by:
        stmt = stmt.join(Kecamatan, Kecamatan.kode == summed.c.kecamatan_kode)
    if "paslon" in by:
        stmt = stmt.join(Paslon, Paslon.id == summed.c.paslon_id).join(Election, Election.id == Paslon.election_id)
    if cols:
        stmt = stmt.order_by(*nulls_last(*cols))
    return frame(conn, stmt)


# The unsupervised-activities table lists at most this many rows (the earliest); a page showing it
# says when there are more (their number comes from ``activity_coverage``).
UNSUPERVISED_LIMIT = 5000


def unsupervised_activities(conn: Connection, filters: Filters, limit: int | None = UNSUPERVISED_LIMIT) -> pd.DataFrame:
    """Activities with no LHP: kode, tanggal, jam_mulai, paslon, election_jenis, metode, sumber,
    kecamatan, desa, lokasi (plus the codes and ``nomor_urut`` of the pair); the first ``limit``
    by date, desa and code (the order of index ix_campaign_activity_tanggal_desa_kode, so the
    database stops after ``limit`` rows instead of sorting every activity); every one with None."""
    stmt = (
        select(Activity.kode, Activity.tanggal, Activity.jam_mulai, Paslon.nama.label("paslon"),
               Election.jenis.label("election_jenis"), Paslon.nomor_urut.label("nomor_urut"), Activity.metode,
               Activity.sumber, Kecamatan.kode.label("kecamatan_kode"), Kecamatan.nama.label("kecamatan"),
               Desa.kode.label("desa_kode"), Desa.nama.label("desa"), Activity.lokasi)
        .join(Desa, Desa.kode == Activity.desa_kode).join(Kecamatan, Kecamatan.kode == Desa.kecamatan_kode)
        .join(Paslon, Paslon.id == Activity.paslon_id).join(Election, Election.id == Activity.election_id)
        .where(_where(filters), ~_supervised())
        .order_by(Activity.tanggal, Activity.desa_kode, Activity.kode)
    )
    return frame(conn, stmt if limit is None else stmt.limit(limit))


def last_report_per_desa(conn: Connection, filters: Filters, quiet_since: dt.date | None = None) -> pd.DataFrame:
    """Every desa in the area filter with the date of its newest LHP up to ``filters.end`` (any LHP:
    supervision of an activity or a prevention patrol; election and pair filters do not apply)
    and its number of activities in the range. With ``quiet_since`` (the first day of
    ``metrics.coverage.quiet_window``; needs ``filters.end``) only the desa with no LHP from that day up to
    ``filters.end``, the ones ``metrics.coverage.quiet_desa`` keeps: nationally 17,500 of 84,000 desa, so
    the other rows never leave the database.

    Columns: kecamatan_kode, kecamatan, desa_kode, desa, last_report (date or None), activities.
    """
    last = (select(func.max(Report.tanggal)).where(Report.desa_kode == Desa.kode))
    if filters.end is not None:
        last = last.where(Report.tanggal <= filters.end)
    acts = select(func.count()).select_from(Activity).where(Activity.desa_kode == Desa.kode, _where(filters))
    stmt = (
        select(Kecamatan.kode.label("kecamatan_kode"), Kecamatan.nama.label("kecamatan"), Desa.kode.label("desa_kode"),
               Desa.nama.label("desa"), last.scalar_subquery().label("last_report"),
               acts.scalar_subquery().label("activities"))
        .join(Kecamatan, Kecamatan.kode == Desa.kecamatan_kode)
        .where(area_clause(Desa.kode, filters))
        .order_by(Desa.kode)
    )
    if quiet_since is not None and filters.end is not None:
        stmt = stmt.where(~select(Report.id)
                          .where(Report.desa_kode == Desa.kode, Report.tanggal >= quiet_since,
                                 Report.tanggal <= filters.end)
                          .exists())
    return frame(conn, stmt)
