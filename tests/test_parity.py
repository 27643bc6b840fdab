"""Every data_access query returns identical results on SQLite and PostgreSQL (demo data)."""
import datetime as dt

import pandas as pd
import pytest

from data_access.filters import Filters
from data_access.queries import cases, coverage, formulir_c, quality, reference

CAMPAIGN = Filters(start=dt.date(2024, 9, 25), end=dt.date(2024, 11, 23))
FILTERS = [
    Filters(),
    CAMPAIGN,
    Filters(start=dt.date(2024, 10, 14), end=dt.date(2024, 10, 27), kecamatan=("19.03.03",)),
    Filters(election_ids=(2,), paslon_ids=(4,), kecamatan=("19.03.01", "19.03.05")),
    Filters(desa=("19.03.01.1001",)),
]
EMPTY_ON_DEMO = {"desa without tps"}  # every demo desa has TPS; tests/test_queries.py covers it
CALLS = [
    *[(f"coverage by {by}", lambda c, f, by=by: coverage.activity_coverage(c, f, by))
      for by in [(), ("kecamatan",), ("desa",), ("day",), ("week",), ("metode",), ("paslon",), ("sumber",),
                 ("kecamatan", "week")]],
    ("unsupervised", coverage.unsupervised_activities),
    ("last report per desa", coverage.last_report_per_desa),
    ("quiet desa", lambda c, f: coverage.last_report_per_desa(c, f, quiet_since=dt.date(2024, 11, 17))),
    *[(f"cases by {by}", lambda c, f, by=by: cases.case_counts(c, f, by))
      for by in [(), ("week", "jenis_dugaan"), ("sumber",), ("status",), ("kecamatan",), ("paslon",),
                 ("kategori",)]],
    ("case list", lambda c, f: cases.case_list(c, f, personal=True)),
    *[(f"deadline counts by {by}", lambda c, f, by=by: cases.deadline_counts(
        c, f, as_of=dt.date(2024, 11, 20), deadline_days=5, by=by)) for by in [(), ("kecamatan",), ("desa",)]],
    ("status reached", cases.status_reached),
    ("status history", cases.status_history),
    *[(f"cases by {by}", lambda c, f, by=by: cases.case_counts(c, f, by))
      for by in [("kecamatan", "sumber"), ("paslon", "sumber")]],
    ("cases forwarded", lambda c, f: cases.cases_reaching_any(c, f, ("diteruskan_kpu", "diteruskan_gakkumdu",
                                                                      "diteruskan_dkpp", "diteruskan_instansi_lain"))),
    *[(f"formulir c by {by}", lambda c, f, by=by: formulir_c.delivery(c, f, by))
      for by in [(), ("kecamatan",), ("desa",), ("tps",)]],
    ("formulir c above threshold", lambda c, f: formulir_c.delivery(c, f, ("kecamatan",), threshold=0.05)),
    ("tps ranking", lambda c, f: formulir_c.tps_ranking(c, f, limit=20)),
    ("tps above threshold", lambda c, f: formulir_c.tps_ranking(c, f, threshold=0.05)),
    ("desa without tps", formulir_c.desa_without_tps),
    ("formulir c calendar", formulir_c.recap_calendar),
    ("formulir c recaps by date", formulir_c.recaps_by_date),
]


# Data-quality checks (Kualitas Data): a fixed reference day and the thresholds of config/pantau.toml.
QUALITY_AS_OF = dt.date(2024, 11, 26)
CALLS += [
    ("quality missing report", lambda c, f: quality.activities_without_report(c, f, as_of=QUALITY_AS_OF,
                                                                               after_days=2)),
    ("quality report delays", quality.report_delays),
    ("quality late reports", lambda c, f: quality.late_reports(c, f, late_after_days=2)),
    ("quality outside period", quality.reports_outside_period),
    ("quality desa mismatch", quality.reports_desa_mismatch),
    ("quality conflicts", quality.report_conflicts),
    ("quality stuck cases", lambda c, f: quality.stuck_cases(
        c, f, as_of=QUALITY_AS_OF, max_days=(("diterima", 1), ("kajian_awal", 0), ("diregistrasi", 0),
                                             ("klarifikasi", 0), ("kajian", 0)))),
    ("quality formulir c", lambda c, f: quality.formulir_c_implausible(c, f, max_rate=0.2, zero_min_dpt=400,
                                                                       max_dpt=550)),
    ("quality quiet spells", lambda c, f: quality.quiet_spells(
        c, f, window_start=dt.date(2024, 9, 25), window_end=dt.date(2024, 11, 23), quiet_days=7)),
    ("quality duplicate candidates", quality.activity_duplicate_candidates),
    ("quality spellings", quality.supervisor_spellings),
    ("quality reports with spelling", lambda c, f: quality.reports_with_spelling(
        c, f, spellings=tuple(zip(*[quality.supervisor_spellings(c, Filters())[k][:6]
                                    for k in ("desa_kode", "nama_pengawas")], strict=True)))),
    ("quality row totals", quality.row_totals),
]
EMPTY_ON_DEMO |= {"quality outside period", "quality desa mismatch"}  # the demo has no such errors


@pytest.mark.postgres
@pytest.mark.parametrize("name,call", CALLS, ids=[c[0] for c in CALLS])
def test_same_answer_on_both_engines(demo_pair, name, call):
    sqlite, pg = demo_pair
    sizes = []
    for f in FILTERS:
        with sqlite.connect() as a, pg.connect() as b:
            left, right = call(a, f), call(b, f)
        sizes.append(len(left))
        pd.testing.assert_frame_equal(left.reset_index(drop=True), right.reset_index(drop=True),
                                      check_dtype=False, obj=f"{name} {f}")
    if name not in EMPTY_ON_DEMO:
        assert max(sizes) > 0, "the comparison must not be between empty results only"


@pytest.mark.postgres
def test_reference_parity(demo_pair):
    sqlite, pg = demo_pair
    with sqlite.connect() as a, pg.connect() as b:
        for fn in (reference.kabupaten, reference.kecamatan, reference.desa, reference.elections,
                   reference.paslon, reference.desa_per_kecamatan,
                   lambda c: reference.desa_of(c, kecamatan=("19.03.01", "19.03.05"), names=("Pongok",),
                                               kode=("19.03.02.2001",))):
            pd.testing.assert_frame_equal(fn(a), fn(b), check_dtype=False)
        for f in FILTERS:
            assert formulir_c.voting_day(a, f) == formulir_c.voting_day(b, f) == dt.date(2024, 11, 27)
        assert reference.data_stamp(a) == reference.data_stamp(b)
        assert reference.demo_seed(a) == reference.demo_seed(b) == "2024"
