"""Checks on campaign activities and their LHP (supervision reports): missing, late, in another
desa, contradicting each other, written twice, supervisor names spelt several ways."""
from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import Connection, Date, and_, exists, func, literal, or_, select
from sqlalchemy.orm import aliased

from data_access import dialect
from data_access.filters import Filters
from data_access.queries import frame
from data_access.queries.quality.common import AREA_COLUMNS, LIMIT, activity_where, report_where
from data_access.schema import CampaignActivity as Activity
from data_access.schema import Desa, Kecamatan, Paslon
from data_access.schema import SupervisionReport as Report


def activities_without_report(conn: Connection, filters: Filters, *, as_of: dt.date, after_days: int) -> pd.DataFrame:
    """Activities with no LHP although ``after_days`` or more days have passed since they took place
    (``as_of - tanggal >= after_days``). Columns: kode, tanggal, days_since, paslon, metode,
    kecamatan_kode, kecamatan, desa_kode, desa, lokasi."""
    age = dialect.days_between(Activity.tanggal, literal(as_of, Date))
    stmt = (
        select(Activity.kode, Activity.tanggal, age.label("days_since"), Paslon.nama.label("paslon"), Activity.metode,
               *AREA_COLUMNS, Activity.lokasi)
        .select_from(Activity).join(Desa, Desa.kode == Activity.desa_kode)
        .join(Kecamatan, Kecamatan.kode == Desa.kecamatan_kode)
        .join(Paslon, Paslon.id == Activity.paslon_id)
        .where(activity_where(filters), ~exists().where(Report.activity_id == Activity.id), age >= after_days)
        .order_by(Activity.tanggal, Activity.kode).limit(LIMIT)
    )
    return frame(conn, stmt)


def _filing_delay():
    """Days from the supervised event to the LHP reaching Bawaslu Kabupaten (``filed_on``): from the
    activity's date when the LHP reports on an activity (issue 8: "days between activity and
    report"; an LHP written days after the activity is that much later, whatever date it bears),
    from the LHP's own date when it has none (e.g. a prevention patrol). Needs ``Activity`` outer-joined."""
    return dialect.days_between(func.coalesce(Activity.tanggal, Report.tanggal), Report.filed_on)


def report_delays(conn: Connection, filters: Filters) -> pd.DataFrame:
    """Distribution of filing delays: delay_days (``_filing_delay``: filed_on - the activity's date,
    or the LHP's date for an LHP without activity), reports. LHPs with no filing date are left out."""
    delay = _filing_delay().label("delay_days")
    stmt = (select(delay, func.count().label("reports")).select_from(Report)
            .outerjoin(Activity, Activity.id == Report.activity_id)
            .where(report_where(filters), Report.filed_on.is_not(None)).group_by(delay).order_by(delay))
    return frame(conn, stmt)


def late_reports(conn: Connection, filters: Filters, *, late_after_days: int) -> pd.DataFrame:
    """LHPs filed more than ``late_after_days`` days after the supervised event (``_filing_delay``),
    worst first. Columns: nomor_lhp, tanggal, kode_kegiatan, tanggal_kegiatan, filed_on,
    delay_days, jabatan, kecamatan_kode, kecamatan, desa_kode, desa."""
    delay = _filing_delay()
    stmt = (
        select(Report.nomor_lhp, Report.tanggal, Activity.kode.label("kode_kegiatan"),
               Activity.tanggal.label("tanggal_kegiatan"),
               Report.filed_on, delay.label("delay_days"), Report.jabatan, *AREA_COLUMNS)
        .select_from(Report).join(Desa, Desa.kode == Report.desa_kode)
        .join(Kecamatan, Kecamatan.kode == Desa.kecamatan_kode)
        .outerjoin(Activity, Activity.id == Report.activity_id)
        .where(report_where(filters), Report.filed_on.is_not(None), delay > late_after_days)
        .order_by(delay.desc(), Report.nomor_lhp).limit(LIMIT)
    )
    return frame(conn, stmt)


def reports_desa_mismatch(conn: Connection, filters: Filters) -> pd.DataFrame:
    """LHPs whose desa differs from the desa of the activity they report on. Columns: nomor_lhp,
    tanggal, kode_kegiatan, kecamatan_kode, kecamatan, desa_kode, desa (of the LHP),
    activity_desa_kode, activity_desa."""
    ActivityDesa = aliased(Desa)
    stmt = (
        select(Report.nomor_lhp, Report.tanggal, Activity.kode.label("kode_kegiatan"), *AREA_COLUMNS,
               ActivityDesa.kode.label("activity_desa_kode"), ActivityDesa.nama.label("activity_desa"))
        .select_from(Report).join(Activity, Activity.id == Report.activity_id)
        .join(Desa, Desa.kode == Report.desa_kode)
        .join(Kecamatan, Kecamatan.kode == Desa.kecamatan_kode)
        .join(ActivityDesa, ActivityDesa.kode == Activity.desa_kode)
        .where(report_where(filters), Report.desa_kode != Activity.desa_kode)
        .order_by(Report.tanggal, Report.nomor_lhp).limit(LIMIT)
    )
    return frame(conn, stmt)


def report_conflicts(conn: Connection, filters: Filters) -> pd.DataFrame:
    """Every LHP of an activity whose LHPs disagree on ``dugaan_pelanggaran`` (one says a violation
    is suspected, another says not). Activity filter. Columns: kode_kegiatan, tanggal (of the
    activity), nomor_lhp, dugaan_pelanggaran, jabatan, kecamatan_kode, kecamatan, desa_kode, desa
    (of the activity)."""
    conflicted = (select(Report.activity_id).where(Report.activity_id.is_not(None)).group_by(Report.activity_id)
                  .having(func.count(func.distinct(Report.dugaan_pelanggaran)) > 1))
    stmt = (
        select(Activity.kode.label("kode_kegiatan"), Activity.tanggal, Report.nomor_lhp, Report.dugaan_pelanggaran,
               Report.jabatan, *AREA_COLUMNS)
        .select_from(Report).join(Activity, Activity.id == Report.activity_id)
        .join(Desa, Desa.kode == Activity.desa_kode).join(Kecamatan, Kecamatan.kode == Desa.kecamatan_kode)
        .where(activity_where(filters), Report.activity_id.in_(conflicted))
        .order_by(Activity.tanggal, Activity.kode, Report.nomor_lhp).limit(LIMIT)
    )
    return frame(conn, stmt)


def activity_duplicate_candidates(conn: Connection, filters: Filters) -> pd.DataFrame:
    """Activities sharing date, pair and desa with another activity (the candidates among which
    ``metrics.quality.duplicate_activities`` finds names that differ only in spelling).
    Columns: kode, tanggal, jam_mulai, paslon_id, paslon, lokasi, kecamatan_kode, kecamatan,
    desa_kode, desa."""
    OtherActivity = aliased(Activity)
    twin = exists().where(OtherActivity.id != Activity.id, OtherActivity.tanggal == Activity.tanggal,
                          OtherActivity.paslon_id == Activity.paslon_id,
                          OtherActivity.desa_kode == Activity.desa_kode)
    stmt = (
        select(Activity.kode, Activity.tanggal, Activity.jam_mulai, Activity.paslon_id, Paslon.nama.label("paslon"),
               Activity.lokasi, *AREA_COLUMNS)
        .select_from(Activity).join(Desa, Desa.kode == Activity.desa_kode)
        .join(Kecamatan, Kecamatan.kode == Desa.kecamatan_kode)
        .join(Paslon, Paslon.id == Activity.paslon_id)
        .where(activity_where(filters), twin)
        .order_by(Activity.tanggal, Activity.desa_kode, Activity.paslon_id, Activity.kode).limit(LIMIT)
    )
    return frame(conn, stmt)


def supervisor_spellings(conn: Connection, filters: Filters) -> pd.DataFrame:
    """Per desa with more than one distinct supervisor name on its LHPs: each name as written and
    its number of LHPs. PERSONAL DATA: for ``metrics.quality.spelling_variants`` only, never shown.
    Columns: kecamatan_kode, kecamatan, desa_kode, desa, nama_pengawas, reports."""
    several = (select(Report.desa_kode).where(report_where(filters)).group_by(Report.desa_kode)
               .having(func.count(func.distinct(Report.nama_pengawas)) > 1))
    stmt = (
        select(*AREA_COLUMNS, Report.nama_pengawas, func.count().label("reports"))
        .select_from(Report).join(Desa, Desa.kode == Report.desa_kode)
        .join(Kecamatan, Kecamatan.kode == Desa.kecamatan_kode)
        .where(report_where(filters), Report.desa_kode.in_(several))
        .group_by(*AREA_COLUMNS, Report.nama_pengawas).order_by(Desa.kode, Report.nama_pengawas)
    )
    return frame(conn, stmt)


def reports_with_spelling(conn: Connection, filters: Filters, *,
                          spellings: tuple[tuple[str, str], ...]) -> pd.DataFrame:
    """The LHPs written with the given (desa_kode, nama_pengawas) spellings. The name is returned
    only so ``metrics.quality`` can group the rows; pages never show it. Columns: nomor_lhp,
    tanggal, kode_kegiatan, nama_pengawas, kecamatan_kode, kecamatan, desa_kode, desa."""
    cols = ["nomor_lhp", "tanggal", "kode_kegiatan", "nama_pengawas", "kecamatan_kode", "kecamatan",
            "desa_kode", "desa"]
    if not spellings:
        return pd.DataFrame(columns=cols)
    match = or_(*[and_(Report.desa_kode == desa, Report.nama_pengawas == nama) for desa, nama in spellings])
    stmt = (
        select(Report.nomor_lhp, Report.tanggal, Activity.kode.label("kode_kegiatan"), Report.nama_pengawas,
               *AREA_COLUMNS)
        .select_from(Report).join(Desa, Desa.kode == Report.desa_kode)
        .join(Kecamatan, Kecamatan.kode == Desa.kecamatan_kode)
        .outerjoin(Activity, Activity.id == Report.activity_id)
        .where(report_where(filters), match)
        .order_by(Desa.kode, Report.tanggal, Report.nomor_lhp).limit(LIMIT)
    )
    return frame(conn, stmt)
