"""Summary tables of campaign activities ("rollups"): the coverage counts summed in advance.

Why: at national size (1 M activities, 3 M LHP) one coverage figure counted the raw rows and probed
the LHP index once per activity: 6 to 13 s on SQLite. The same counts summed per kabupaten and day
are 31,000 rows; per kabupaten, day and pair 160,000.

What: four tables (``schema.ROLLUP_DIMENSIONS``), each holding ``activities`` and ``supervised``
(activities with at least one LHP, whenever filed: the definition in ``metrics.coverage``) summed
over its dimensions. ``activity_rollup_desa`` has every dimension a coverage query can group or
filter by; the others drop the desa/kecamatan, the pair or the method, and are 6 to 30 times smaller.

How they stay right:
- ``refresh`` rebuilds them from the raw rows: all of them, or only some kabupaten. The importer
  calls it in the same transaction as its writes (a reader sees old rows and old sums, or new and
  new); the demo generators call it; the app's start calls ``refresh_if_stale``.
- ``refresh`` stores a stamp of the raw tables (highest id and newest ``recorded_at`` of activities
  and LHP). ``source`` hands a summary table to a query only while the stamp still matches, so rows
  written by anything else (a hand-made SQL fix, a test builder) make every query read the raw rows
  again, exact and slower, until the next refresh. Not seen by the stamp: a row deleted by hand that
  was not the newest; Pantau itself never deletes activities or LHP (run ``python -m
  data_access rollup`` after such a fix).

``data_access.queries.coverage`` picks the smallest table that has every dimension a call needs
(``source``) and sums it; without one it runs the same question on the raw rows. Tests check that
both give the same answer for every grouping and filter.
"""
from __future__ import annotations

import sys

from sqlalchemy import Connection, case, delete, exists, func, insert, select, true

from data_access import dialect, schema
from data_access.filters import Filters, narrowest_area

A, R, D, K, KB = (schema.CampaignActivity, schema.SupervisionReport, schema.Desa, schema.Kecamatan,
                  schema.Kabupaten)
TABLES = schema.ROLLUP_TABLES
FINEST = "activity_rollup_desa"
STAMP_KEY = "activity_rollup"

# Each dimension as computed from the raw rows (activity joined to its desa, kecamatan, kabupaten).
_RAW = {"provinsi_kode": KB.provinsi_kode, "kabupaten_kode": K.kabupaten_kode, "kecamatan_kode": D.kecamatan_kode,
        "desa_kode": A.desa_kode, "tanggal": A.tanggal, "election_id": A.election_id, "paslon_id": A.paslon_id,
        "metode": A.metode, "sumber": A.sumber}



def stamp(conn: Connection) -> str:
    """What the summaries were built from: highest id and newest recorded_at of activities and LHP
    (index lookups)."""
    row = conn.execute(select(select(func.max(A.id)).scalar_subquery(),
                              select(func.max(A.recorded_at)).scalar_subquery(),
                              select(func.max(R.id)).scalar_subquery(),
                              select(func.max(R.recorded_at)).scalar_subquery())).one()
    return "|".join("" if v is None else str(v) for v in row)


def stored_stamp(conn: Connection) -> str | None:
    return conn.execute(select(schema.Meta.value).where(schema.Meta.key == STAMP_KEY)).scalar()


def is_fresh(conn: Connection) -> bool:
    """True when the summary tables hold exactly the raw rows' counts."""
    stored = stored_stamp(conn)
    return stored is not None and stored == stamp(conn)


def area_dimension(f: Filters) -> str | None:
    """The rollup column the area filter compares (None: no area filter): the deciding field of
    ``filters.narrowest_area`` ("kecamatan" -> "kecamatan_kode")."""
    field = narrowest_area(f)
    return f"{field}_kode" if field else None


def area_clause(table, f: Filters):
    """The area part of the filters on a summary table (the same rule as ``filters.area_clause``)."""
    column = area_dimension(f)
    return table.c[column].in_(getattr(f, narrowest_area(f))) if column else true()


def source(conn: Connection, dimensions: set[str]):
    """The smallest summary table with every one of ``dimensions``, or None when the summaries are
    not up to date (the caller then reads the raw rows)."""
    if not is_fresh(conn):
        return None
    for name, dims in schema.ROLLUP_DIMENSIONS.items():
        if dimensions <= set(dims):
            return TABLES[name]
    return None


def refresh(conn: Connection, kabupaten: set[str] | None = None) -> None:
    """Rebuild the summaries from the raw rows: all of them, or only the rows of ``kabupaten``
    (codes; the importer passes the kabupaten its batch touched). Then store the stamp.
    Runs inside the caller's transaction."""
    if kabupaten is None or kabupaten:  # an empty set: nothing to rebuild, only the stamp moves
        _rebuild(conn, kabupaten)
    conn.execute(delete(schema.Meta).where(schema.Meta.key == STAMP_KEY))
    conn.execute(insert(schema.Meta).values(key=STAMP_KEY, value=stamp(conn)))


def _rebuild(conn: Connection, kabupaten: set[str] | None) -> None:
    fine = TABLES[FINEST]
    dims = schema.ROLLUP_DIMENSIONS[FINEST]
    only = (lambda col: col.in_(sorted(kabupaten))) if kabupaten is not None else (lambda col: true())
    for table in TABLES.values():
        conn.execute(delete(table).where(only(table.c.kabupaten_kode)))
    supervised = case((exists().where(R.activity_id == A.id), 1), else_=0)
    raw = (select(*(_RAW[d] for d in dims), func.count(), func.sum(supervised))
           .select_from(A).join(D, D.kode == A.desa_kode).join(K, K.kode == D.kecamatan_kode)
           .join(KB, KB.kode == K.kabupaten_kode)
           .where(only(K.kabupaten_kode)).group_by(*(_RAW[d] for d in dims)))
    conn.execute(insert(fine).from_select([*dims, "activities", "supervised"], raw))
    for name, coarse_dims in schema.ROLLUP_DIMENSIONS.items():
        if name == FINEST:
            continue
        cols = [fine.c[d] for d in coarse_dims]
        summed = (select(*cols, func.sum(fine.c.activities), func.sum(fine.c.supervised))
                  .where(only(fine.c.kabupaten_kode)).group_by(*cols))
        conn.execute(insert(TABLES[name]).from_select([*coarse_dims, "activities", "supervised"], summed))


def kabupaten_of_desa(conn: Connection, desa: set[str]) -> set[str]:
    """The kabupaten codes of ``desa`` codes (for a partial refresh)."""
    return dialect.distinct_in(conn, select(K.kabupaten_kode).join(D, D.kecamatan_kode == K.kode), D.kode,
                               sorted(desa))


def refresh_if_stale(conn: Connection) -> bool:
    """Rebuild everything when the stamp no longer matches (e.g. on the app's start after an
    upgrade, or after a hand-made fix). True when it rebuilt."""
    if is_fresh(conn):
        return False
    refresh(conn)
    return True


if __name__ == "__main__":  # the command's old name: say where it went instead of silently doing nothing
    sys.exit("Perintah ini sudah pindah: python -m data_access rollup (semua perintah: python -m data_access --help).")
