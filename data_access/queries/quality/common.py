"""What every data-quality check shares: the row cap, the area columns a flagged row carries, the
filters of each dataset (as the page queries apply them) and the helpers of the date-relation checks,
which look past the date range (``data_access.queries.quality``)."""
from __future__ import annotations

from dataclasses import replace

import pandas as pd
from sqlalchemy import and_, case, exists
from sqlalchemy.orm import aliased

from data_access import dialect
from data_access.filters import Filters, area_clause, date_clause, election_clause
from data_access.schema import CampaignActivity as Activity
from data_access.schema import Desa, Kecamatan, ViolationCase
from data_access.schema import SupervisionReport as Report

LIMIT = 5000  # safety cap on listed rows; a database with more offending rows needs a cleanup first

AREA_COLUMNS = (Kecamatan.kode.label("kecamatan_kode"), Kecamatan.nama.label("kecamatan"),
                Desa.kode.label("desa_kode"), Desa.nama.label("desa"))


def undated(filters: Filters) -> Filters:
    """The filters without the date range (date-relation checks look past it)."""
    return replace(filters, start=None, end=None)


def in_date_range(date_column, filters: Filters):
    """True when the row's own date is inside the date filter (the score's denominator counts it)."""
    return case((date_clause(date_column, filters), True), else_=False).label("in_range")


def days_outside(day, start, end):
    """Days ``day`` lies before ``start`` or after ``end`` (positive either way)."""
    return case((day < start, dialect.days_between(day, start)), else_=dialect.days_between(end, day))


def as_bool(out: pd.DataFrame, col: str = "in_range") -> pd.DataFrame:
    if col in out:  # SQLite returns 0/1
        out[col] = out[col].astype(bool)
    return out


def activity_where(filters: Filters):
    """The same activity filter as ``queries.coverage``."""
    return and_(date_clause(Activity.tanggal, filters),
                election_clause(Activity.election_id, Activity.paslon_id, filters),
                area_clause(Activity.desa_kode, filters))


def report_where(filters: Filters):
    parts = [date_clause(Report.tanggal, filters), area_clause(Report.desa_kode, filters)]
    if filters.election_ids or filters.paslon_ids:
        act = aliased(Activity)  # an alias: the enclosing query may join the activity itself
        parts.append(exists()
                     .where(act.id == Report.activity_id, election_clause(act.election_id, act.paslon_id, filters)))
    return and_(*parts)


def case_where(filters: Filters):
    """The same case filter as ``queries.cases``."""
    return and_(date_clause(ViolationCase.tanggal_diterima, filters),
                election_clause(ViolationCase.election_id, ViolationCase.paslon_id, filters),
                area_clause(ViolationCase.desa_kode, filters))
