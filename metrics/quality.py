"""Data quality: the rules of the "Kualitas Data" checks, their thresholds, and the quality score.

The SQL of each check is in ``data_access.queries.quality``; this module says which thresholds
apply (from ``config/pantau.toml``), finishes the checks that need Python (names that differ only
in spelling, via ``data_access.wilayah.normalise_name``) and scores each kecamatan.

Reference day ("hari acuan"): durations that depend on "now" are measured against the same day
as the case deadlines, ``metrics.cases.reference_day``: the WIB calendar day of the newest record
in the database (the "Data per" stamp). Old data therefore does not look worse just because time
passed.

Quiet desa ("desa sepi"): a desa is quiet when, inside the window = the campaign period of the
chosen elections (or of the newest voting day) ∩ the date filter ∩ up to the reference day, it has
a run of ``quiet_days`` or more consecutive calendar days with no LHP of any kind. Days before its
first and after its last LHP in the window count. (``metrics.coverage.quiet_desa`` is a different
measure: no LHP in the *last* ``quiet_days`` of the range.)

Quality score of a kecamatan = share of its checked rows with no issue:
    score = 1 - flagged / rows,
rows = its activities + LHPs + cases + Formulir C recaps (TPS) + desa in the filter, flagged = the
distinct ones among them that at least one check lists (a row with two issues counts once). Rows
belong to the kecamatan of their desa (for a conflict: of the activity). NaN when it has no rows.
The date-relation checks (``DATE_CHECKS``) look past the date filter (issue 18: the default range
is the campaign period, so a row dated outside the period would otherwise never be checked); a row
they flag outside the date range is added to ``rows`` as well as to ``flagged``.

Date relations (issue 18), each a check: an LHP dated more than ``lhp_after_activity_days`` after
its activity or before it; an LHP outside its election's campaign and quiet period; (switch) an LHP
naming no activity on a day its desa had none; a case whose tanggal_kejadian lies outside its
election's campaign start..voting day; a Formulir C recap dated after voting day; an activity
dated outside the campaign period (in the quiet period: campaigning there is itself a violation,
recorded as data and listed here for follow-up; on or after voting day: implausible).
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import pandas as pd

import config
from data_access import vocab
from data_access.wilayah import normalise_name
from metrics.formulir_c import undelivered_rate


# ---------------------------------------------------------------- thresholds
@dataclass(frozen=True)
class Thresholds:
    missing_after_days: int  # activity with no LHP this many days after it took place
    late_after_days: int  # LHP filed more than this many days after its activity (its own date if none)
    implausible_rate: float  # undelivered share of DPT above this is implausible
    zero_min_dpt: int  # 0 undelivered on a TPS at least this large is implausible
    max_dpt: int  # DPT above this per TPS is impossible
    status_max_days: tuple[tuple[str, int], ...]  # open status -> longest plausible stay (days)
    quiet_days: int  # a desa with no LHP for this many days in a row is quiet
    lhp_after_activity_days: int = 1  # LHP dated more than this many days after its activity
    lhp_without_activity: bool = False  # flag LHPs naming no activity on a day their desa had none


def thresholds(settings: config.Settings | None = None) -> Thresholds:
    """The thresholds in force (``config/pantau.toml``: [quality], [cases.status_max_days],
    [coverage].quiet_days)."""
    s = settings or config.get()
    q = s.quality
    return Thresholds(
        missing_after_days=int(q.report_missing_after_days), late_after_days=int(q.report_late_after_days),
        implausible_rate=float(q.implausible_undelivered_rate), zero_min_dpt=int(q.zero_rate_min_dpt),
        max_dpt=int(q.max_dpt_per_tps),
        status_max_days=tuple((k, int(v)) for k, v in s.cases.status_max_days.items() if k in vocab.OPEN_STATUSES),
        quiet_days=int(s.quiet_days), lhp_after_activity_days=int(q.lhp_after_activity_days),
        lhp_without_activity=bool(q.lhp_without_activity_check))


# ---------------------------------------------------------------- the checks
@dataclass(frozen=True)
class Check:
    id: str
    table: str  # the kind of row it flags: activity, report, case, tps, desa
    key: tuple[str, ...]  # columns that identify a flagged row (what an operator corrects by import)
    count_by: tuple[str, ...]  # what the check's count counts


CHECKS = (
    Check("missing_report", "activity", ("kode",), ("kode",)),
    Check("late_report", "report", ("nomor_lhp",), ("nomor_lhp",)),
    Check("report_outside_period", "report", ("nomor_lhp",), ("nomor_lhp",)),
    Check("report_desa_mismatch", "report", ("nomor_lhp",), ("nomor_lhp",)),
    Check("report_conflict", "report", ("nomor_lhp",), ("kode_kegiatan",)),  # counts activities
    Check("case_stuck", "case", ("nomor",), ("nomor",)),
    Check("fc_rate_high", "tps", ("desa_kode", "nomor_tps"), ("desa_kode", "nomor_tps")),
    Check("fc_zero_large", "tps", ("desa_kode", "nomor_tps"), ("desa_kode", "nomor_tps")),
    Check("fc_dpt_over", "tps", ("desa_kode", "nomor_tps"), ("desa_kode", "nomor_tps")),
    Check("desa_no_tps", "desa", ("desa_kode",), ("desa_kode",)),
    Check("desa_quiet", "desa", ("desa_kode",), ("desa_kode",)),  # counts desa, lists every spell
    Check("duplicate_activity", "activity", ("kode",), ("group",)),  # counts duplicate groups
    Check("name_spelling", "report", ("nomor_lhp",), ("nomor_lhp",)),
    # date relations (issue 18)
    Check("report_activity_gap", "report", ("nomor_lhp",), ("nomor_lhp",)),
    Check("report_without_activity", "report", ("nomor_lhp",), ("nomor_lhp",)),
    Check("case_outside_period", "case", ("nomor",), ("nomor",)),
    Check("fc_report_after_voting", "tps", ("desa_kode", "nomor_tps"), ("desa_kode", "nomor_tps")),
    Check("activity_outside_campaign", "activity", ("kode",), ("kode",)),
)
CHECK_BY_ID = {c.id: c for c in CHECKS}
# Checks about dates outside a period or between two rows: they look past the date filter.
DATE_CHECKS = ("report_outside_period", "report_activity_gap", "report_without_activity", "case_outside_period",
               "fc_report_after_voting", "activity_outside_campaign")


def is_enabled(check_id: str, th: Thresholds) -> bool:
    """False for a check the office switched off in the configuration."""
    return check_id != "report_without_activity" or th.lhp_without_activity
TOTAL_COLUMN = {"activity": "activities", "report": "reports", "case": "cases", "tps": "tps", "desa": "desa"}


def keys(check_id: str, df: pd.DataFrame) -> set[tuple]:
    """The keys of the rows a check flagged: {(kode,), ...} or {(desa_kode, nomor_tps), ...}."""
    cols = list(CHECK_BY_ID[check_id].key)
    if df is None or len(df) == 0:
        return set()
    return {tuple(r) for r in df[cols].itertuples(index=False)}


def count(check_id: str, df: pd.DataFrame) -> int:
    """The check's headline count: distinct ``count_by`` values among its rows."""
    if df is None or len(df) == 0:
        return 0
    return int(df[list(CHECK_BY_ID[check_id].count_by)].drop_duplicates().shape[0])


# ---------------------------------------------------------------- windows
def campaign_span(elections: pd.DataFrame, election_ids: tuple[int, ...] = ()) -> tuple[dt.date, dt.date] | None:
    """Campaign period of the chosen elections, or of the elections of the newest voting day (as
    the filter bar does). Input: ``data_access.queries.reference.elections``."""
    if elections is None or len(elections) == 0:
        return None
    chosen = elections[elections["id"].isin(election_ids)] if election_ids else \
        elections[elections["voting_day"] == elections["voting_day"].max()]
    if len(chosen) == 0:
        return None
    return chosen["campaign_start"].min(), chosen["campaign_end"].max()


def spell_window(campaign: tuple[dt.date, dt.date] | None, start: dt.date | None, end: dt.date | None,
                 as_of: dt.date | None) -> tuple[dt.date, dt.date] | None:
    """Where quiet spells are looked for: campaign ∩ [start, end] ∩ up to ``as_of``; None if empty."""
    if campaign is None:
        return None
    lo, hi = campaign
    if start is not None:
        lo = max(lo, start)
    for bound in (end, as_of):
        if bound is not None:
            hi = min(hi, bound)
    return (lo, hi) if lo <= hi else None


def with_spell_dates(spells: pd.DataFrame) -> pd.DataFrame:
    """Add ``spell_start``/``spell_end`` (first and last quiet day) to ``queries.quality.quiet_spells``."""
    out = spells.copy()
    one = dt.timedelta(days=1)
    out["spell_start"] = [d + one for d in out["last_before"]]
    out["spell_end"] = [d - one for d in out["next_after"]]
    return out


# ---------------------------------------------------------------- Formulir C
FC_FLAGS = {"fc_rate_high": "rate_high", "fc_zero_large": "zero_large", "fc_dpt_over": "dpt_over"}


def split_formulir_c(rows: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """One frame per Formulir C check from ``queries.quality.formulir_c_implausible``, each with
    ``undelivered_rate`` (undelivered / DPT, as ``metrics.formulir_c.undelivered_rate``)."""
    out = {}
    base = rows.copy()
    base["undelivered_rate"] = [undelivered_rate(u, d) for u, d in zip(base["undelivered"], base["dpt"], strict=True)]
    for check_id, flag in FC_FLAGS.items():
        out[check_id] = base[base[flag].astype(bool)].drop(columns=list(FC_FLAGS.values())).reset_index(drop=True)
    return out


# ---------------------------------------------------------------- duplicates (spelling only)
def _same_time(a, b) -> bool:
    missing = [v is None or (isinstance(v, float) and math.isnan(v)) or pd.isna(v) for v in (a, b)]
    return any(missing) or a == b


def duplicate_activities(candidates: pd.DataFrame) -> pd.DataFrame:
    """Activities that duplicate another: same date, pair and desa, the same start time (or none
    given) and a ``lokasi`` equal after ``normalise_name`` (case, spaces, punctuation, accents).
    Input: ``queries.quality.activity_duplicate_candidates``. Adds ``group`` (1, 2, ...: rows of
    one group are the same activity written more than once)."""
    cols = list(candidates.columns) + ["group"]
    if candidates is None or len(candidates) == 0:
        return pd.DataFrame(columns=cols)
    df = candidates.copy()
    df["_norm"] = [normalise_name(v) if isinstance(v, str) and v.strip() else None for v in df["lokasi"]]
    groups, n = [], 0
    for _, same in df[df["_norm"].notna()].groupby(["tanggal", "paslon_id", "desa_kode", "_norm"], sort=True):
        rows = list(same.itertuples())
        members = {r.Index for r in rows for o in rows if o.Index != r.Index and _same_time(r.jam_mulai, o.jam_mulai)}
        if members:
            n += 1
            groups += [(i, n) for i in sorted(members)]
    if not groups:
        return pd.DataFrame(columns=cols)
    index, number = zip(*groups, strict=True)
    out = df.loc[list(index)].drop(columns="_norm")
    out["group"] = list(number)
    return out.reset_index(drop=True)


def spelling_variants(spellings: pd.DataFrame) -> pd.DataFrame:
    """Supervisor names written in more than one way in one desa ("Agus  Saputra", "agus saputra":
    equal after ``normalise_name``). Returns the *minority* spellings (all but the one used on the
    most LHPs; on a tie, all but the first in alphabetical order), which are presumably the typos:
    desa_kode, nama_pengawas, reports, majority_reports, group. Contains personal names: for
    ``spelling_rows`` only. Input: ``queries.quality.supervisor_spellings``."""
    cols = ["desa_kode", "nama_pengawas", "reports", "majority_reports", "group"]
    if spellings is None or len(spellings) == 0:
        return pd.DataFrame(columns=cols)
    df = spellings.copy()
    df["_norm"] = [normalise_name(v) for v in df["nama_pengawas"]]
    out, n = [], 0
    for _, same in df.groupby(["desa_kode", "_norm"], sort=True):
        if len(same) < 2:
            continue
        n += 1
        ranked = same.sort_values(["reports", "nama_pengawas"], ascending=[False, True])
        top = int(ranked["reports"].iloc[0])
        out += [(r.desa_kode, r.nama_pengawas, int(r.reports), top, n) for r in ranked.iloc[1:].itertuples()]
    return pd.DataFrame(out, columns=cols)


def spelling_rows(reports: pd.DataFrame, variants: pd.DataFrame) -> pd.DataFrame:
    """The LHPs written with a minority spelling, with ``group`` and ``majority_reports`` and
    WITHOUT the name (what the page shows). Input: ``queries.quality.reports_with_spelling`` for
    the spellings in ``variants``."""
    if reports is None or len(reports) == 0:
        cols = [c for c in (reports.columns if reports is not None else []) if c != "nama_pengawas"]
        return pd.DataFrame(columns=[*cols, "group", "majority_reports"])
    merged = reports.merge(variants[["desa_kode", "nama_pengawas", "group", "majority_reports"]],
                           on=["desa_kode", "nama_pengawas"], how="inner")
    return merged.drop(columns="nama_pengawas").sort_values(["group", "tanggal", "nomor_lhp"]).reset_index(drop=True)


# ---------------------------------------------------------------- summary and score
def summary(results: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per check in catalogue order: check, table, issues (its count)."""
    return pd.DataFrame([(c.id, c.table, count(c.id, results.get(c.id))) for c in CHECKS],
                        columns=["check", "table", "issues"])


def flagged_rows(results: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every flagged row once per check: check, table, kecamatan_kode, key (a tuple), in_range
    (False for a row a date check found outside the date filter; True otherwise)."""
    out = []
    for c in CHECKS:
        df = results.get(c.id)
        if df is None or len(df) == 0:
            continue
        inside = df["in_range"] if "in_range" in df else [True] * len(df)
        for (kec, *key), ok in zip(df[["kecamatan_kode", *c.key]].itertuples(index=False), inside, strict=True):
            out.append((c.id, c.table, kec, tuple(key), bool(ok)))
    return pd.DataFrame(out, columns=["check", "table", "kecamatan_kode", "key", "in_range"])


def quality_score(rows: int, flagged: int) -> float:
    """Share of rows with no issue; NaN when there are no rows."""
    if not rows:
        return math.nan
    return max(0.0, 1.0 - flagged / rows)


def kecamatan_scores(totals: pd.DataFrame, flagged: pd.DataFrame) -> pd.DataFrame:
    """Quality score per kecamatan. Input: ``queries.quality.row_totals`` and ``flagged_rows``.
    Adds ``rows``, ``flagged`` (distinct flagged rows), ``issues`` (flags over all checks) and
    ``score``."""
    out = totals.copy()
    out["rows"] = out[list(TOTAL_COLUMN.values())].sum(axis=1).astype(int)
    if len(flagged):
        distinct = flagged.drop_duplicates(["table", "kecamatan_kode", "key"]).groupby("kecamatan_kode").size()
        issues = flagged.groupby("kecamatan_kode").size()
        outside = flagged[~flagged["in_range"].astype(bool)] if "in_range" in flagged else flagged.iloc[:0]
        # rows outside the date filter are not in ``totals``: a date check that flags one adds it
        extra = outside.drop_duplicates(["table", "kecamatan_kode", "key"]).groupby("kecamatan_kode").size()
        out["rows"] = [int(r) + int(extra.get(k, 0)) for r, k in zip(out["rows"], out["kecamatan_kode"], strict=True)]
    else:
        distinct = issues = pd.Series(dtype=int)
    out["flagged"] = [int(distinct.get(k, 0)) for k in out["kecamatan_kode"]]
    out["issues"] = [int(issues.get(k, 0)) for k in out["kecamatan_kode"]]
    out["score"] = [quality_score(r, fl) for r, fl in zip(out["rows"], out["flagged"], strict=True)]
    return out


def overall_score(scores: pd.DataFrame) -> float:
    """The score of the whole filter: the same formula over the summed rows of ``kecamatan_scores``
    (not an average of kecamatan scores)."""
    return quality_score(int(scores["rows"].sum()), int(scores["flagged"].sum()))
