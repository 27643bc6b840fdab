"""Read functions: ``fn(conn, filters, ...) -> small DataFrame``. Aggregation happens in SQL;
nothing here reads a whole table into pandas, writes, or knows about Streamlit.

Modules: ``reference`` (areas, elections, pairs, data time stamp), ``coverage`` (campaign
activities and supervision reports), ``cases`` (temuan/laporan), ``formulir_c``.
"""
from fractions import Fraction
from typing import Any

import pandas as pd
from sqlalchemy import Connection, Label

from data_access.schema import Kabupaten, Kecamatan, Provinsi

# Group keys above the kecamatan, shared by every query that groups by area (a database holding
# several regencies: a province, or Bawaslu RI). They need ``join_upper_areas``.
UPPER_AREA_GROUPS: dict[str, tuple[Label[Any], ...]] = {
    "provinsi": (Provinsi.kode.label("provinsi_kode"), Provinsi.nama.label("provinsi")),
    "kabupaten": (Kabupaten.kode.label("kabupaten_kode"), Kabupaten.nama.label("kabupaten"),
                  Provinsi.kode.label("provinsi_kode"), Provinsi.nama.label("provinsi")),
}


def join_upper_areas(stmt, by: tuple[str, ...]):
    """Join kabupaten and provinsi to a statement that already joins ``kecamatan``, when ``by`` asks
    for either (otherwise the statement is returned unchanged: no join costs on regency pages)."""
    if "provinsi" in by or "kabupaten" in by:
        stmt = (stmt.join(Kabupaten, Kabupaten.kode == Kecamatan.kabupaten_kode)
                .join(Provinsi, Provinsi.kode == Kabupaten.provinsi_kode))
    return stmt


def frame(conn: Connection, stmt) -> pd.DataFrame:
    """Run a SELECT and return its rows as a DataFrame with the statement's column labels."""
    result = conn.execute(stmt)
    return pd.DataFrame(result.fetchall(), columns=list(result.keys()))


def share_above(part, whole, share: float):
    """``part / whole > share``, compared exactly in integers: ``part * q > whole * p``, where p/q is
    the share as written in the configuration (0.10 -> 1/10). A row exactly at the share is not above
    it, and no float product rounds it either way."""
    ratio = Fraction(repr(float(share))).limit_denominator(10 ** 9)
    return part * ratio.denominator > whole * ratio.numerator


def nulls_last(*cols):
    """ORDER BY terms that sort NULL last on every engine (SQLite and PostgreSQL differ by default)."""
    return [c.asc().nulls_last() for c in cols]
