"""Data-quality checks ("Kualitas Data"): each function finds the rows that break one rule, in SQL.

Every check takes its threshold as an argument (the page reads them from ``config/pantau.toml``
through ``metrics.quality.thresholds``; nothing here reads configuration) and returns the
offending rows with the key an operator needs to correct them by import: ``kode`` (kode_kegiatan)
for activities, ``nomor_lhp`` for supervision reports, ``nomor`` for cases, desa + ``nomor_tps``
for Formulir C recaps, ``desa_kode`` for desa. Rules and the quality score are documented in
``metrics.quality``.

Which filters apply:
- activity checks: like ``queries.coverage`` (activity date, election, pair, activity desa);
- report (LHP) checks: report date, report desa; election/pair through the LHP's activity
  (an LHP without activity, e.g. a prevention patrol, drops out when an election or pair is chosen);
- case checks: like ``queries.cases`` (date received, election, pair, case desa);
- Formulir C and desa checks: kecamatan/desa only.
- date-relation checks (``DATE_CHECKS`` in ``metrics.quality``: dates outside an election's period,
  an LHP far from its activity's date, ...): the same filters WITHOUT the date range. The default
  date range is the campaign period, so a row dated outside it would be filtered away before it is
  checked (issue 18). Their rows carry ``in_range`` (the row's own date is inside the date filter),
  so the quality score can count the rows outside the range that they flag.

Durations that depend on "now" (an activity still without LHP, a case stuck in a status) are
measured against ``as_of``, the app's reference day (``metrics.cases.reference_day``: the WIB day
of the newest record, the "Data per" stamp), so old data does not look worse just because time
has passed.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pandas as pd
from sqlalchemy import Connection, Date, and_, case, exists, func, literal, or_, select, union
from sqlalchemy.orm import aliased

from data_access import dialect, schema, vocab
from data_access.filters import Filters, area_clause, date_clause, election_clause
from data_access.queries import formulir_c as fc_queries
from data_access.queries import frame, share_above

A, R, D, K, P, E = (schema.CampaignActivity, schema.SupervisionReport, schema.Desa, schema.Kecamatan,
                    schema.Paslon, schema.Election)
C, H, F, T = schema.ViolationCase, schema.CaseStatus, schema.FormulirC, schema.Tps

LIMIT = 5000  # safety cap on listed rows; a database with more offending rows needs a cleanup first

_AREA = (K.kode.label("kecamatan_kode"), K.nama.label("kecamatan"), D.kode.label("desa_kode"),
         D.nama.label("desa"))


# ---------------------------------------------------------------- filters per dataset
def _undated(f: Filters) -> Filters:
    """The filters without the date range (date-relation checks look past it)."""
    return replace(f, start=None, end=None)


def _in_range(date_column, f: Filters):
    """True when the row's own date is inside the date filter (the score's denominator counts it)."""
    return case((date_clause(date_column, f), True), else_=False).label("in_range")


def _days_outside(day, start, end):
    """Days ``day`` lies before ``start`` or after ``end`` (positive either way)."""
    return case((day < start, dialect.days_between(day, start)), else_=dialect.days_between(end, day))


def _bool_column(out: pd.DataFrame, col: str = "in_range") -> pd.DataFrame:
    if col in out:  # SQLite returns 0/1
        out[col] = out[col].astype(bool)
    return out


def _activity_where(f: Filters):
    """The same activity filter as ``queries.coverage``."""
    return and_(date_clause(A.tanggal, f), election_clause(A.election_id, A.paslon_id, f),
                area_clause(A.desa_kode, f))


def _report_where(f: Filters):
    parts = [date_clause(R.tanggal, f), area_clause(R.desa_kode, f)]
    if f.election_ids or f.paslon_ids:
        act = aliased(A)  # an alias: the enclosing query may join the activity itself
        parts.append(exists().where(act.id == R.activity_id, election_clause(act.election_id, act.paslon_id, f)))
    return and_(*parts)


def _case_where(f: Filters):
    """The same case filter as ``queries.cases``."""
    return and_(date_clause(C.tanggal_diterima, f), election_clause(C.election_id, C.paslon_id, f),
                area_clause(C.desa_kode, f))


# ---------------------------------------------------------------- activities and their LHP
def activities_without_report(conn: Connection, f: Filters, *, as_of: dt.date, after_days: int) -> pd.DataFrame:
    """Activities with no LHP although ``after_days`` or more days have passed since they took place
    (``as_of - tanggal >= after_days``). Columns: kode, tanggal, days_since, paslon, metode,
    kecamatan_kode, kecamatan, desa_kode, desa, lokasi."""
    age = dialect.days_between(A.tanggal, literal(as_of, Date))
    stmt = (
        select(A.kode, A.tanggal, age.label("days_since"), P.nama.label("paslon"), A.metode, *_AREA, A.lokasi)
        .select_from(A).join(D, D.kode == A.desa_kode).join(K, K.kode == D.kecamatan_kode)
        .join(P, P.id == A.paslon_id)
        .where(_activity_where(f), ~exists().where(R.activity_id == A.id), age >= after_days)
        .order_by(A.tanggal, A.kode).limit(LIMIT)
    )
    return frame(conn, stmt)


def _filing_delay():
    """Days from the supervised event to the LHP reaching Bawaslu Kabupaten (``filed_on``): from the
    activity's date when the LHP reports on an activity (issue 8: "days between activity and
    report"; an LHP written days after the activity is that much later, whatever date it bears),
    from the LHP's own date when it has none (e.g. a prevention patrol). Needs ``A`` outer-joined."""
    return dialect.days_between(func.coalesce(A.tanggal, R.tanggal), R.filed_on)


def report_delays(conn: Connection, f: Filters) -> pd.DataFrame:
    """Distribution of filing delays: delay_days (``_filing_delay``: filed_on - the activity's date,
    or the LHP's date for an LHP without activity), reports. LHPs with no filing date are left out."""
    delay = _filing_delay().label("delay_days")
    stmt = (select(delay, func.count().label("reports")).select_from(R).outerjoin(A, A.id == R.activity_id)
            .where(_report_where(f), R.filed_on.is_not(None)).group_by(delay).order_by(delay))
    return frame(conn, stmt)


def late_reports(conn: Connection, f: Filters, *, late_after_days: int) -> pd.DataFrame:
    """LHPs filed more than ``late_after_days`` days after the supervised event (``_filing_delay``),
    worst first. Columns: nomor_lhp, tanggal, kode_kegiatan, tanggal_kegiatan, filed_on,
    delay_days, jabatan, kecamatan_kode, kecamatan, desa_kode, desa."""
    delay = _filing_delay()
    stmt = (
        select(R.nomor_lhp, R.tanggal, A.kode.label("kode_kegiatan"), A.tanggal.label("tanggal_kegiatan"),
               R.filed_on, delay.label("delay_days"), R.jabatan, *_AREA)
        .select_from(R).join(D, D.kode == R.desa_kode).join(K, K.kode == D.kecamatan_kode)
        .outerjoin(A, A.id == R.activity_id)
        .where(_report_where(f), R.filed_on.is_not(None), delay > late_after_days)
        .order_by(delay.desc(), R.nomor_lhp).limit(LIMIT)
    )
    return frame(conn, stmt)


def reports_outside_period(conn: Connection, f: Filters) -> pd.DataFrame:
    """LHPs dated outside the election's periods: an LHP on a campaign activity outside that
    election's campaign and quiet period (campaign_start..quiet_end: supervisors also watch the
    quiet period, issue 18); an LHP with no activity (e.g. prevention) outside every election's
    span from campaign start to voting day. Looks past the date filter. Columns: nomor_lhp,
    tanggal, kode_kegiatan, period_start, period_end (the activity's election; empty for LHPs
    without activity), days_outside (for an LHP without activity: to the nearest election's span),
    bentuk, kecamatan_kode, kecamatan, desa_kode, desa, in_range."""
    E2 = aliased(E)
    in_any_span = exists().where(E2.campaign_start <= R.tanggal, E2.voting_day >= R.tanggal)
    # an LHP without activity: days to the nearest election's campaign start..voting day
    nearest_span = select(func.min(_days_outside(R.tanggal, E2.campaign_start, E2.voting_day))).scalar_subquery()
    outside = or_(
        and_(R.activity_id.is_not(None), or_(R.tanggal < E.campaign_start, R.tanggal > E.quiet_end)),
        and_(R.activity_id.is_(None), ~in_any_span),
    )
    stmt = (
        select(R.nomor_lhp, R.tanggal, A.kode.label("kode_kegiatan"), E.campaign_start.label("period_start"),
               E.quiet_end.label("period_end"),
               case((R.activity_id.is_not(None), _days_outside(R.tanggal, E.campaign_start, E.quiet_end)),
                    else_=nearest_span).label("days_outside"), R.bentuk, *_AREA, _in_range(R.tanggal, f))
        .select_from(R).join(D, D.kode == R.desa_kode).join(K, K.kode == D.kecamatan_kode)
        .outerjoin(A, A.id == R.activity_id).outerjoin(E, E.id == A.election_id)
        .where(_report_where(_undated(f)), outside)
        .order_by(R.tanggal, R.nomor_lhp).limit(LIMIT)
    )
    return _bool_column(frame(conn, stmt))


def report_activity_gaps(conn: Connection, f: Filters, *, after_days: int) -> pd.DataFrame:
    """LHPs dated more than ``after_days`` days after the activity they report on, or before it
    (pengawasan melekat: the supervisor is there while it happens). Looks past the date filter.
    Columns: nomor_lhp, tanggal, kode_kegiatan, tanggal_kegiatan, gap_days (LHP - activity),
    jabatan, kecamatan_kode, kecamatan, desa_kode, desa (of the LHP), in_range."""
    gap = dialect.days_between(A.tanggal, R.tanggal)
    stmt = (
        select(R.nomor_lhp, R.tanggal, A.kode.label("kode_kegiatan"), A.tanggal.label("tanggal_kegiatan"),
               gap.label("gap_days"), R.jabatan, *_AREA, _in_range(R.tanggal, f))
        .select_from(R).join(A, A.id == R.activity_id)
        .join(D, D.kode == R.desa_kode).join(K, K.kode == D.kecamatan_kode)
        .where(_report_where(_undated(f)), or_(gap > after_days, gap < 0))
        .order_by(R.tanggal, R.nomor_lhp).limit(LIMIT)
    )
    return _bool_column(frame(conn, stmt))


def reports_without_activity(conn: Connection, f: Filters) -> pd.DataFrame:
    """LHPs that name no activity, dated on a day their desa had no activity (a switch in the
    configuration: prevention patrols are such LHPs, so an office turns it on only when every LHP
    should name an activity). Looks past the date filter. Columns: nomor_lhp, tanggal, bentuk,
    jabatan, nearest_activity (the desa's latest activity before that day, or None), gap_days
    (tanggal - nearest_activity), kecamatan_kode, kecamatan, desa_kode, desa, in_range."""
    A2 = aliased(A)
    same_day = exists().where(A2.desa_kode == R.desa_kode, A2.tanggal == R.tanggal)
    before = (select(func.max(A2.tanggal)).where(A2.desa_kode == R.desa_kode, A2.tanggal < R.tanggal)
              .scalar_subquery())
    stmt = (
        select(R.nomor_lhp, R.tanggal, R.bentuk, R.jabatan, before.label("nearest_activity"),
               dialect.days_between(before, R.tanggal).label("gap_days"), *_AREA, _in_range(R.tanggal, f))
        .select_from(R).join(D, D.kode == R.desa_kode).join(K, K.kode == D.kecamatan_kode)
        .where(_report_where(_undated(f)), R.activity_id.is_(None), ~same_day)
        .order_by(R.tanggal, R.nomor_lhp).limit(LIMIT)
    )
    out = _bool_column(frame(conn, stmt))
    out["nearest_activity"] = [dt.date.fromisoformat(v[:10]) if isinstance(v, str) else v
                               for v in out["nearest_activity"]]  # SQLite: text from a scalar subquery
    return out


def activities_outside_campaign(conn: Connection, f: Filters) -> pd.DataFrame:
    """Activities dated outside their election's campaign period: in the quiet period (campaigning
    there is a violation in itself, kampanye di luar jadwal: the row is right to exist, and must be
    followed up), on or after voting day, or before the campaign. Looks past the date filter.
    Columns: kode, tanggal, masa (``vocab``-like code: masa_tenang, hari_pemungutan,
    sesudah_pemungutan, sebelum_kampanye, sesudah_kampanye), period_start, period_end (campaign),
    days_outside, sumber, metode, paslon, supervised, kecamatan_kode, kecamatan, desa_kode, desa,
    lokasi, in_range."""
    masa = case((A.tanggal < E.campaign_start, literal("sebelum_kampanye")),
                (and_(A.tanggal >= E.quiet_start, A.tanggal <= E.quiet_end), literal("masa_tenang")),
                (A.tanggal == E.voting_day, literal("hari_pemungutan")),
                (A.tanggal > E.voting_day, literal("sesudah_pemungutan")),
                else_=literal("sesudah_kampanye"))
    supervised = case((exists().where(R.activity_id == A.id), True), else_=False)
    stmt = (
        select(A.kode, A.tanggal, masa.label("masa"), E.campaign_start.label("period_start"),
               E.campaign_end.label("period_end"),
               _days_outside(A.tanggal, E.campaign_start, E.campaign_end).label("days_outside"), A.sumber, A.metode,
               P.nama.label("paslon"), supervised.label("supervised"), *_AREA, A.lokasi, _in_range(A.tanggal, f))
        .select_from(A).join(E, E.id == A.election_id).join(P, P.id == A.paslon_id)
        .join(D, D.kode == A.desa_kode).join(K, K.kode == D.kecamatan_kode)
        .where(_activity_where(_undated(f)), or_(A.tanggal < E.campaign_start, A.tanggal > E.campaign_end))
        .order_by(A.tanggal, A.kode).limit(LIMIT)
    )
    return _bool_column(_bool_column(frame(conn, stmt)), "supervised")


def reports_desa_mismatch(conn: Connection, f: Filters) -> pd.DataFrame:
    """LHPs whose desa differs from the desa of the activity they report on. Columns: nomor_lhp,
    tanggal, kode_kegiatan, kecamatan_kode, kecamatan, desa_kode, desa (of the LHP),
    activity_desa_kode, activity_desa."""
    AD = aliased(D)
    stmt = (
        select(R.nomor_lhp, R.tanggal, A.kode.label("kode_kegiatan"), *_AREA,
               AD.kode.label("activity_desa_kode"), AD.nama.label("activity_desa"))
        .select_from(R).join(A, A.id == R.activity_id)
        .join(D, D.kode == R.desa_kode).join(K, K.kode == D.kecamatan_kode).join(AD, AD.kode == A.desa_kode)
        .where(_report_where(f), R.desa_kode != A.desa_kode)
        .order_by(R.tanggal, R.nomor_lhp).limit(LIMIT)
    )
    return frame(conn, stmt)


def report_conflicts(conn: Connection, f: Filters) -> pd.DataFrame:
    """Every LHP of an activity whose LHPs disagree on ``dugaan_pelanggaran`` (one says a violation
    is suspected, another says not). Activity filter. Columns: kode_kegiatan, tanggal (of the
    activity), nomor_lhp, dugaan_pelanggaran, jabatan, kecamatan_kode, kecamatan, desa_kode, desa
    (of the activity)."""
    conflicted = (select(R.activity_id).where(R.activity_id.is_not(None)).group_by(R.activity_id)
                  .having(func.count(func.distinct(R.dugaan_pelanggaran)) > 1))
    stmt = (
        select(A.kode.label("kode_kegiatan"), A.tanggal, R.nomor_lhp, R.dugaan_pelanggaran, R.jabatan, *_AREA)
        .select_from(R).join(A, A.id == R.activity_id)
        .join(D, D.kode == A.desa_kode).join(K, K.kode == D.kecamatan_kode)
        .where(_activity_where(f), R.activity_id.in_(conflicted))
        .order_by(A.tanggal, A.kode, R.nomor_lhp).limit(LIMIT)
    )
    return frame(conn, stmt)


# ---------------------------------------------------------------- cases
def stuck_cases(conn: Connection, f: Filters, *, as_of: dt.date,
                max_days: tuple[tuple[str, int], ...]) -> pd.DataFrame:
    """Cases whose current status is open and has lasted longer than its maximum
    (``as_of - status_date > max_days[status]``); statuses with no maximum are not checked.
    Columns: nomor, sumber, jenis_dugaan, tanggal_diterima, status, status_date, days_in_status,
    max_days, kecamatan_kode, kecamatan, desa_kode, desa."""
    limits = {s: int(n) for s, n in max_days if s in vocab.OPEN_STATUSES}
    if not limits:
        limits = {"diterima": 10**6}  # nothing to check; keeps the statement valid
    limit = case(limits, value=C.status)
    days = dialect.days_between(C.status_date, literal(as_of, Date))
    stmt = (
        select(C.nomor, C.sumber, C.jenis_dugaan, C.tanggal_diterima, C.status, C.status_date,
               days.label("days_in_status"), limit.label("max_days"), *_AREA)
        .select_from(C).join(D, D.kode == C.desa_kode).join(K, K.kode == D.kecamatan_kode)
        .where(_case_where(f), C.status.in_(list(limits)), days > limit)
        .order_by(days.desc(), C.nomor).limit(LIMIT)
    )
    return frame(conn, stmt)


def cases_outside_period(conn: Connection, f: Filters) -> pd.DataFrame:
    """Cases whose tanggal_kejadian lies outside the election's period, campaign start to voting
    day (its own election; a case with no election: outside every election's). Flagged, not
    refused: a report may concern an event before the campaign. Cases without tanggal_kejadian are
    not checked. Looks past the date filter. Columns: nomor, sumber, jenis_dugaan,
    tanggal_kejadian, tanggal_diterima, period_start, period_end (empty without election),
    days_outside, kecamatan_kode, kecamatan, desa_kode, desa, in_range (tanggal_diterima)."""
    E2 = aliased(E)
    in_any_span = exists().where(E2.campaign_start <= C.tanggal_kejadian, E2.voting_day >= C.tanggal_kejadian)
    outside = or_(
        and_(C.election_id.is_not(None),
             or_(C.tanggal_kejadian < E.campaign_start, C.tanggal_kejadian > E.voting_day)),
        and_(C.election_id.is_(None), ~in_any_span),
    )
    stmt = (
        select(C.nomor, C.sumber, C.jenis_dugaan, C.tanggal_kejadian, C.tanggal_diterima,
               E.campaign_start.label("period_start"), E.voting_day.label("period_end"),
               _days_outside(C.tanggal_kejadian, E.campaign_start, E.voting_day).label("days_outside"), *_AREA,
               _in_range(C.tanggal_diterima, f))
        .select_from(C).join(D, D.kode == C.desa_kode).join(K, K.kode == D.kecamatan_kode)
        .outerjoin(E, E.id == C.election_id)
        .where(_case_where(_undated(f)), C.tanggal_kejadian.is_not(None), outside)
        .order_by(C.tanggal_kejadian, C.nomor).limit(LIMIT)
    )
    return _bool_column(frame(conn, stmt))


# ---------------------------------------------------------------- Formulir C
def formulir_c_after_voting(conn: Connection, f: Filters) -> pd.DataFrame:
    """Formulir C recaps (voting day of ``queries.formulir_c``) dated after their TPS's voting
    day: the forms are delivered before it (deadline H-3), so a later recap date is a typing error
    or a recap of nothing. Columns: kecamatan_kode, kecamatan, desa_kode, desa, nomor_tps,
    report_date, voting_day, days_after."""
    day = fc_queries.voting_day(conn, f)
    stmt = (
        select(*_AREA, T.nomor.label("nomor_tps"), F.report_date, T.voting_day,
               dialect.days_between(T.voting_day, F.report_date).label("days_after"))
        .select_from(F).join(T, T.id == F.tps_id).join(D, D.kode == T.desa_kode)
        .join(K, K.kode == D.kecamatan_kode)
        .where(T.voting_day == day, area_clause(T.desa_kode, f), F.report_date > T.voting_day)
        .order_by(D.kode, T.nomor).limit(LIMIT)
    )
    return frame(conn, stmt)


def formulir_c_implausible(conn: Connection, f: Filters, *, max_rate: float, zero_min_dpt: int,
                           max_dpt: int) -> pd.DataFrame:
    """Formulir C recaps (voting day of ``queries.formulir_c``) that are implausible, one row per
    TPS with a flag per rule: ``rate_high`` (undelivered / DPT > ``max_rate``), ``zero_large``
    (nothing undelivered although DPT >= ``zero_min_dpt``), ``dpt_over`` (DPT > ``max_dpt``).
    Undelivered = DPT - delivered (the sum of the official reasons). Columns: kecamatan_kode,
    kecamatan, desa_kode, desa, nomor_tps, dpt, delivered, undelivered, report_date and the flags."""
    day = fc_queries.voting_day(conn, f)
    undelivered = F.dpt - F.delivered
    rate_high = share_above(undelivered, F.dpt, max_rate)
    zero_large = and_(undelivered == 0, F.dpt >= zero_min_dpt)
    dpt_over = F.dpt > max_dpt

    def flag(cond):
        return case((cond, True), else_=False)

    stmt = (
        select(*_AREA, T.nomor.label("nomor_tps"), F.dpt, F.delivered, undelivered.label("undelivered"),
               F.report_date, flag(rate_high).label("rate_high"), flag(zero_large).label("zero_large"),
               flag(dpt_over).label("dpt_over"))
        .select_from(F).join(T, T.id == F.tps_id).join(D, D.kode == T.desa_kode)
        .join(K, K.kode == D.kecamatan_kode)
        .where(T.voting_day == day, area_clause(T.desa_kode, f), or_(rate_high, zero_large, dpt_over))
        .order_by(D.kode, T.nomor).limit(LIMIT)
    )
    out = frame(conn, stmt)
    for col in ("rate_high", "zero_large", "dpt_over"):  # SQLite returns 0/1
        out[col] = out[col].astype(bool)
    return out


# ---------------------------------------------------------------- desa
def quiet_spells(conn: Connection, f: Filters, *, window_start: dt.date, window_end: dt.date,
                 quiet_days: int) -> pd.DataFrame:
    """Runs of ``quiet_days`` or more consecutive days inside [window_start, window_end] on which a
    desa had no LHP of any kind (activity supervision or prevention; election and pair filters do
    not apply). Days before the desa's first LHP and after its last LHP in the window count too.

    Columns: kecamatan_kode, kecamatan, desa_kode, desa, last_before (the LHP date before the
    spell, or the day before ``window_start``), next_after (the LHP date after it, or the day
    after ``window_end``), quiet_days (days in the spell)."""
    if window_end < window_start:
        return pd.DataFrame(columns=["kecamatan_kode", "kecamatan", "desa_kode", "desa", "last_before",
                                     "next_after", "quiet_days"])
    before = window_start - dt.timedelta(days=1)
    after = window_end + dt.timedelta(days=1)
    lhp_days = (select(R.desa_kode.label("desa_kode"), R.tanggal.label("day"))
                .where(R.tanggal >= window_start, R.tanggal <= window_end, area_clause(R.desa_kode, f)))
    edges = [select(D.kode.label("desa_kode"), literal(edge, Date).label("day"))
             .where(area_clause(D.kode, f)) for edge in (before, after)]
    days = union(lhp_days, *edges).subquery()  # UNION: one row per desa and day
    prev = func.lag(days.c.day).over(partition_by=days.c.desa_kode, order_by=days.c.day)
    gaps = select(days.c.desa_kode, prev.label("last_before"), days.c.day.label("next_after")).subquery()
    length = dialect.days_between(gaps.c.last_before, gaps.c.next_after) - 1
    stmt = (
        select(K.kode.label("kecamatan_kode"), K.nama.label("kecamatan"), D.kode.label("desa_kode"),
               D.nama.label("desa"), gaps.c.last_before, gaps.c.next_after, length.label("quiet_days"))
        .select_from(gaps).join(D, D.kode == gaps.c.desa_kode).join(K, K.kode == D.kecamatan_kode)
        .where(gaps.c.last_before.is_not(None), length >= quiet_days)
        .order_by(D.kode, gaps.c.last_before).limit(LIMIT)
    )
    out = frame(conn, stmt)
    for col in ("last_before", "next_after"):  # SQLite returns text from a window over a UNION
        out[col] = [dt.date.fromisoformat(v[:10]) if isinstance(v, str) else v for v in out[col]]
    return out


# ---------------------------------------------------------------- duplicates
def activity_duplicate_candidates(conn: Connection, f: Filters) -> pd.DataFrame:
    """Activities sharing date, pair and desa with another activity (the candidates among which
    ``metrics.quality.duplicate_activities`` finds names that differ only in spelling).
    Columns: kode, tanggal, jam_mulai, paslon_id, paslon, lokasi, kecamatan_kode, kecamatan,
    desa_kode, desa."""
    A2 = aliased(A)
    twin = exists().where(A2.id != A.id, A2.tanggal == A.tanggal, A2.paslon_id == A.paslon_id,
                          A2.desa_kode == A.desa_kode)
    stmt = (
        select(A.kode, A.tanggal, A.jam_mulai, A.paslon_id, P.nama.label("paslon"), A.lokasi, *_AREA)
        .select_from(A).join(D, D.kode == A.desa_kode).join(K, K.kode == D.kecamatan_kode)
        .join(P, P.id == A.paslon_id)
        .where(_activity_where(f), twin)
        .order_by(A.tanggal, A.desa_kode, A.paslon_id, A.kode).limit(LIMIT)
    )
    return frame(conn, stmt)


def supervisor_spellings(conn: Connection, f: Filters) -> pd.DataFrame:
    """Per desa with more than one distinct supervisor name on its LHPs: each name as written and
    its number of LHPs. PERSONAL DATA: for ``metrics.quality.spelling_variants`` only, never shown.
    Columns: kecamatan_kode, kecamatan, desa_kode, desa, nama_pengawas, reports."""
    several = (select(R.desa_kode).where(_report_where(f)).group_by(R.desa_kode)
               .having(func.count(func.distinct(R.nama_pengawas)) > 1))
    stmt = (
        select(*_AREA, R.nama_pengawas, func.count().label("reports"))
        .select_from(R).join(D, D.kode == R.desa_kode).join(K, K.kode == D.kecamatan_kode)
        .where(_report_where(f), R.desa_kode.in_(several))
        .group_by(*_AREA, R.nama_pengawas).order_by(D.kode, R.nama_pengawas)
    )
    return frame(conn, stmt)


def reports_with_spelling(conn: Connection, f: Filters, *,
                          spellings: tuple[tuple[str, str], ...]) -> pd.DataFrame:
    """The LHPs written with the given (desa_kode, nama_pengawas) spellings. The name is returned
    only so ``metrics.quality`` can group the rows; pages never show it. Columns: nomor_lhp,
    tanggal, kode_kegiatan, nama_pengawas, kecamatan_kode, kecamatan, desa_kode, desa."""
    cols = ["nomor_lhp", "tanggal", "kode_kegiatan", "nama_pengawas", "kecamatan_kode", "kecamatan",
            "desa_kode", "desa"]
    if not spellings:
        return pd.DataFrame(columns=cols)
    match = or_(*[and_(R.desa_kode == desa, R.nama_pengawas == nama) for desa, nama in spellings])
    stmt = (
        select(R.nomor_lhp, R.tanggal, A.kode.label("kode_kegiatan"), R.nama_pengawas, *_AREA)
        .select_from(R).join(D, D.kode == R.desa_kode).join(K, K.kode == D.kecamatan_kode)
        .outerjoin(A, A.id == R.activity_id)
        .where(_report_where(f), match)
        .order_by(D.kode, R.tanggal, R.nomor_lhp).limit(LIMIT)
    )
    return frame(conn, stmt)


# ---------------------------------------------------------------- totals for the quality score
def row_totals(conn: Connection, f: Filters) -> pd.DataFrame:
    """Rows checked per kecamatan (the denominator of the quality score), each with its dataset's
    filter: activities, reports (LHP), cases, tps (Formulir C recaps of the voting day), desa.
    Columns: kecamatan_kode, kecamatan, activities, reports, cases, tps, desa. Every kecamatan in
    the area filter is listed."""
    day = fc_queries.voting_day(conn, f)
    DA, DR, DC, DT, DD = (aliased(D) for _ in range(5))

    def count(stmt):
        return func.coalesce(stmt.scalar_subquery(), 0)

    acts = select(func.count()).select_from(A).join(DA, DA.kode == A.desa_kode).where(
        DA.kecamatan_kode == K.kode, _activity_where(f))
    reps = select(func.count()).select_from(R).join(DR, DR.kode == R.desa_kode).where(
        DR.kecamatan_kode == K.kode, _report_where(f))
    cases_ = select(func.count()).select_from(C).join(DC, DC.kode == C.desa_kode).where(
        DC.kecamatan_kode == K.kode, _case_where(f))
    tps = select(func.count()).select_from(F).join(T, T.id == F.tps_id).join(DT, DT.kode == T.desa_kode).where(
        DT.kecamatan_kode == K.kode, T.voting_day == day, area_clause(T.desa_kode, f))
    desa = select(func.count()).select_from(DD).where(DD.kecamatan_kode == K.kode, area_clause(DD.kode, f))
    in_area = exists().where(D.kecamatan_kode == K.kode, area_clause(D.kode, f))
    stmt = (
        select(K.kode.label("kecamatan_kode"), K.nama.label("kecamatan"), count(acts).label("activities"),
               count(reps).label("reports"), count(cases_).label("cases"), count(tps).label("tps"),
               count(desa).label("desa"))
        .where(in_area).order_by(K.kode)
    )
    return frame(conn, stmt)
