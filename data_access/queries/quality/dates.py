"""Date-relation checks (issue 18, ``metrics.quality.DATE_CHECKS``): rows dated outside their
election's period or too far from the row they belong to. They look past the date filter (the
default range is the campaign period) and mark each row ``in_range``."""
from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import Connection, and_, case, exists, func, literal, or_, select
from sqlalchemy.orm import aliased

from data_access import dialect
from data_access.filters import Filters, area_clause
from data_access.queries import formulir_c as formulir_c_queries
from data_access.queries import frame
from data_access.queries.quality.common import (
    AREA_COLUMNS,
    LIMIT,
    activity_where,
    as_bool,
    case_where,
    days_outside,
    in_date_range,
    report_where,
    undated,
)
from data_access.schema import CampaignActivity as Activity
from data_access.schema import Desa, Election, FormulirC, Kecamatan, Paslon, Tps, ViolationCase
from data_access.schema import SupervisionReport as Report


def reports_outside_period(conn: Connection, filters: Filters) -> pd.DataFrame:
    """LHPs dated outside the election's periods: an LHP on a campaign activity outside that
    election's campaign and quiet period (campaign_start..quiet_end: supervisors also watch the
    quiet period, issue 18); an LHP with no activity (e.g. prevention) outside every election's
    span from campaign start to voting day. Looks past the date filter. Columns: nomor_lhp,
    tanggal, kode_kegiatan, period_start, period_end (the activity's election; empty for LHPs
    without activity), days_outside (for an LHP without activity: to the nearest election's span),
    bentuk, kecamatan_kode, kecamatan, desa_kode, desa, in_range."""
    OtherElection = aliased(Election)
    in_any_span = exists().where(OtherElection.campaign_start <= Report.tanggal,
                                 OtherElection.voting_day >= Report.tanggal)
    # an LHP without activity: days to the nearest election's campaign start..voting day
    nearest_span = select(func.min(days_outside(Report.tanggal, OtherElection.campaign_start,
                                                OtherElection.voting_day))).scalar_subquery()
    outside = or_(
        and_(Report.activity_id.is_not(None),
             or_(Report.tanggal < Election.campaign_start, Report.tanggal > Election.quiet_end)),
        and_(Report.activity_id.is_(None), ~in_any_span),
    )
    stmt = (
        select(Report.nomor_lhp, Report.tanggal, Activity.kode.label("kode_kegiatan"),
               Election.campaign_start.label("period_start"),
               Election.quiet_end.label("period_end"),
               case((Report.activity_id.is_not(None),
                     days_outside(Report.tanggal, Election.campaign_start, Election.quiet_end)),
                    else_=nearest_span).label("days_outside"), Report.bentuk, *AREA_COLUMNS,
               in_date_range(Report.tanggal, filters))
        .select_from(Report).join(Desa, Desa.kode == Report.desa_kode)
        .join(Kecamatan, Kecamatan.kode == Desa.kecamatan_kode)
        .outerjoin(Activity, Activity.id == Report.activity_id).outerjoin(Election, Election.id == Activity.election_id)
        .where(report_where(undated(filters)), outside)
        .order_by(Report.tanggal, Report.nomor_lhp).limit(LIMIT)
    )
    return as_bool(frame(conn, stmt))


def report_activity_gaps(conn: Connection, filters: Filters, *, after_days: int) -> pd.DataFrame:
    """LHPs dated more than ``after_days`` days after the activity they report on, or before it
    (pengawasan melekat: the supervisor is there while it happens). Looks past the date filter.
    Columns: nomor_lhp, tanggal, kode_kegiatan, tanggal_kegiatan, gap_days (LHP - activity),
    jabatan, kecamatan_kode, kecamatan, desa_kode, desa (of the LHP), in_range."""
    gap = dialect.days_between(Activity.tanggal, Report.tanggal)
    stmt = (
        select(Report.nomor_lhp, Report.tanggal, Activity.kode.label("kode_kegiatan"),
               Activity.tanggal.label("tanggal_kegiatan"),
               gap.label("gap_days"), Report.jabatan, *AREA_COLUMNS, in_date_range(Report.tanggal, filters))
        .select_from(Report).join(Activity, Activity.id == Report.activity_id)
        .join(Desa, Desa.kode == Report.desa_kode).join(Kecamatan, Kecamatan.kode == Desa.kecamatan_kode)
        .where(report_where(undated(filters)), or_(gap > after_days, gap < 0))
        .order_by(Report.tanggal, Report.nomor_lhp).limit(LIMIT)
    )
    return as_bool(frame(conn, stmt))


def reports_without_activity(conn: Connection, filters: Filters) -> pd.DataFrame:
    """LHPs that name no activity, dated on a day their desa had no activity (a switch in the
    configuration: prevention patrols are such LHPs, so an office turns it on only when every LHP
    should name an activity). Looks past the date filter. Columns: nomor_lhp, tanggal, bentuk,
    jabatan, nearest_activity (the desa's latest activity before that day, or None), gap_days
    (tanggal - nearest_activity), kecamatan_kode, kecamatan, desa_kode, desa, in_range."""
    OtherActivity = aliased(Activity)
    same_day = exists().where(OtherActivity.desa_kode == Report.desa_kode, OtherActivity.tanggal == Report.tanggal)
    nearest = (select(func.max(OtherActivity.tanggal))
               .where(OtherActivity.desa_kode == Report.desa_kode, OtherActivity.tanggal < Report.tanggal)
              .scalar_subquery())
    stmt = (
        select(Report.nomor_lhp, Report.tanggal, Report.bentuk, Report.jabatan, nearest.label("nearest_activity"),
               dialect.days_between(nearest, Report.tanggal).label("gap_days"), *AREA_COLUMNS,
               in_date_range(Report.tanggal, filters))
        .select_from(Report).join(Desa, Desa.kode == Report.desa_kode)
        .join(Kecamatan, Kecamatan.kode == Desa.kecamatan_kode)
        .where(report_where(undated(filters)), Report.activity_id.is_(None), ~same_day)
        .order_by(Report.tanggal, Report.nomor_lhp).limit(LIMIT)
    )
    out = as_bool(frame(conn, stmt))
    out["nearest_activity"] = [dt.date.fromisoformat(v[:10]) if isinstance(v, str) else v
                               for v in out["nearest_activity"]]  # SQLite: text from a scalar subquery
    return out


def activities_outside_campaign(conn: Connection, filters: Filters) -> pd.DataFrame:
    """Activities dated outside their election's campaign period: in the quiet period (campaigning
    there is a violation in itself, kampanye di luar jadwal: the row is right to exist, and must be
    followed up), on or after voting day, or before the campaign. Looks past the date filter.
    Columns: kode, tanggal, masa (``vocab``-like code: masa_tenang, hari_pemungutan,
    sesudah_pemungutan, sebelum_kampanye, sesudah_kampanye), period_start, period_end (campaign),
    days_outside, sumber, metode, paslon, supervised, kecamatan_kode, kecamatan, desa_kode, desa,
    lokasi, in_range."""
    masa = case((Activity.tanggal < Election.campaign_start, literal("sebelum_kampanye")),
                (and_(Activity.tanggal >= Election.quiet_start,
                      Activity.tanggal <= Election.quiet_end), literal("masa_tenang")),
                (Activity.tanggal == Election.voting_day, literal("hari_pemungutan")),
                (Activity.tanggal > Election.voting_day, literal("sesudah_pemungutan")),
                else_=literal("sesudah_kampanye"))
    supervised = case((exists().where(Report.activity_id == Activity.id), True), else_=False)
    stmt = (
        select(Activity.kode, Activity.tanggal, masa.label("masa"), Election.campaign_start.label("period_start"),
               Election.campaign_end.label("period_end"),
               days_outside(Activity.tanggal, Election.campaign_start, Election.campaign_end).label("days_outside"),
               Activity.sumber, Activity.metode,
               Paslon.nama.label("paslon"), supervised.label("supervised"), *AREA_COLUMNS, Activity.lokasi,
               in_date_range(Activity.tanggal, filters))
        .select_from(Activity).join(Election, Election.id == Activity.election_id)
        .join(Paslon, Paslon.id == Activity.paslon_id)
        .join(Desa, Desa.kode == Activity.desa_kode).join(Kecamatan, Kecamatan.kode == Desa.kecamatan_kode)
        .where(activity_where(undated(filters)),
               or_(Activity.tanggal < Election.campaign_start, Activity.tanggal > Election.campaign_end))
        .order_by(Activity.tanggal, Activity.kode).limit(LIMIT)
    )
    return as_bool(as_bool(frame(conn, stmt)), "supervised")


def cases_outside_period(conn: Connection, filters: Filters) -> pd.DataFrame:
    """Cases whose tanggal_kejadian lies outside the election's period, campaign start to voting
    day (its own election; a case with no election: outside every election's). Flagged, not
    refused: a report may concern an event before the campaign. Cases without tanggal_kejadian are
    not checked. Looks past the date filter. Columns: nomor, sumber, jenis_dugaan,
    tanggal_kejadian, tanggal_diterima, period_start, period_end (empty without election),
    days_outside, kecamatan_kode, kecamatan, desa_kode, desa, in_range (tanggal_diterima)."""
    OtherElection = aliased(Election)
    in_any_span = exists().where(OtherElection.campaign_start <= ViolationCase.tanggal_kejadian,
                                 OtherElection.voting_day >= ViolationCase.tanggal_kejadian)
    outside = or_(
        and_(ViolationCase.election_id.is_not(None),
             or_(ViolationCase.tanggal_kejadian < Election.campaign_start,
                 ViolationCase.tanggal_kejadian > Election.voting_day)),
        and_(ViolationCase.election_id.is_(None), ~in_any_span),
    )
    stmt = (
        select(ViolationCase.nomor, ViolationCase.sumber, ViolationCase.jenis_dugaan, ViolationCase.tanggal_kejadian,
               ViolationCase.tanggal_diterima,
               Election.campaign_start.label("period_start"), Election.voting_day.label("period_end"),
               days_outside(ViolationCase.tanggal_kejadian, Election.campaign_start,
                            Election.voting_day).label("days_outside"), *AREA_COLUMNS,
               in_date_range(ViolationCase.tanggal_diterima, filters))
        .select_from(ViolationCase).join(Desa, Desa.kode == ViolationCase.desa_kode)
        .join(Kecamatan, Kecamatan.kode == Desa.kecamatan_kode)
        .outerjoin(Election, Election.id == ViolationCase.election_id)
        .where(case_where(undated(filters)), ViolationCase.tanggal_kejadian.is_not(None), outside)
        .order_by(ViolationCase.tanggal_kejadian, ViolationCase.nomor).limit(LIMIT)
    )
    return as_bool(frame(conn, stmt))


def formulir_c_after_voting(conn: Connection, filters: Filters) -> pd.DataFrame:
    """Formulir C recaps (voting day of ``queries.formulir_c``) dated after their TPS's voting
    day: the forms are delivered before it (deadline H-3), so a later recap date is a typing error
    or a recap of nothing. Columns: kecamatan_kode, kecamatan, desa_kode, desa, nomor_tps,
    report_date, voting_day, days_after."""
    day = formulir_c_queries.voting_day(conn, filters)
    stmt = (
        select(*AREA_COLUMNS, Tps.nomor.label("nomor_tps"), FormulirC.report_date, Tps.voting_day,
               dialect.days_between(Tps.voting_day, FormulirC.report_date).label("days_after"))
        .select_from(FormulirC).join(Tps, Tps.id == FormulirC.tps_id).join(Desa, Desa.kode == Tps.desa_kode)
        .join(Kecamatan, Kecamatan.kode == Desa.kecamatan_kode)
        .where(Tps.voting_day == day, area_clause(Tps.desa_kode, filters), FormulirC.report_date > Tps.voting_day)
        .order_by(Desa.kode, Tps.nomor).limit(LIMIT)
    )
    return frame(conn, stmt)
