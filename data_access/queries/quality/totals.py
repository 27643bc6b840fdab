"""The denominator of the quality score: the rows checked per kecamatan."""
from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection, exists, func, select
from sqlalchemy.orm import aliased

from data_access.filters import Filters, area_clause
from data_access.queries import formulir_c as formulir_c_queries
from data_access.queries import frame
from data_access.queries.quality.common import activity_where, case_where, report_where
from data_access.schema import CampaignActivity as Activity
from data_access.schema import Desa, FormulirC, Kecamatan, Tps, ViolationCase
from data_access.schema import SupervisionReport as Report


def row_totals(conn: Connection, filters: Filters) -> pd.DataFrame:
    """Rows checked per kecamatan (the denominator of the quality score), each with its dataset's
    filter: activities, reports (LHP), cases, tps (Formulir C recaps of the voting day), desa.
    Columns: kecamatan_kode, kecamatan, activities, reports, cases, tps, desa. Every kecamatan in
    the area filter is listed."""
    day = formulir_c_queries.voting_day(conn, filters)
    ActivityDesa, ReportDesa, CaseDesa, TpsDesa, AreaDesa = (aliased(Desa) for _ in range(5))

    def count_or_zero(stmt):
        return func.coalesce(stmt.scalar_subquery(), 0)

    activities = (select(func.count()).select_from(Activity)
                  .join(ActivityDesa, ActivityDesa.kode == Activity.desa_kode)
                  .where(ActivityDesa.kecamatan_kode == Kecamatan.kode, activity_where(filters)))
    reports = (select(func.count()).select_from(Report).join(ReportDesa, ReportDesa.kode == Report.desa_kode)
               .where(ReportDesa.kecamatan_kode == Kecamatan.kode, report_where(filters)))
    cases = (select(func.count()).select_from(ViolationCase).join(CaseDesa, CaseDesa.kode == ViolationCase.desa_kode)
             .where(CaseDesa.kecamatan_kode == Kecamatan.kode, case_where(filters)))
    tps_recaps = (select(func.count()).select_from(FormulirC).join(Tps, Tps.id == FormulirC.tps_id)
                  .join(TpsDesa, TpsDesa.kode == Tps.desa_kode)
                  .where(TpsDesa.kecamatan_kode == Kecamatan.kode, Tps.voting_day == day,
                         area_clause(Tps.desa_kode, filters)))
    desa_rows = select(func.count()).select_from(AreaDesa).where(AreaDesa.kecamatan_kode == Kecamatan.kode,
                                                                 area_clause(AreaDesa.kode, filters))
    in_area = exists().where(Desa.kecamatan_kode == Kecamatan.kode, area_clause(Desa.kode, filters))
    stmt = (
        select(Kecamatan.kode.label("kecamatan_kode"), Kecamatan.nama.label("kecamatan"),
               count_or_zero(activities).label("activities"), count_or_zero(reports).label("reports"),
               count_or_zero(cases).label("cases"), count_or_zero(tps_recaps).label("tps"),
               count_or_zero(desa_rows).label("desa"))
        .where(in_area).order_by(Kecamatan.kode)
    )
    return frame(conn, stmt)
