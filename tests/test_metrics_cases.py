"""metrics.cases: the handling deadline, the reference day and the page's aggregations, checked
against answers worked out by hand (arithmetic in the comments)."""
import datetime as dt
from zoneinfo import ZoneInfo

import pandas as pd
import pytest

from metrics import cases as m
from metrics.periods import week_starts

D = dt.date
WIB = ZoneInfo("Asia/Jakarta")


# ---------------------------------------------------------------- deadline
def test_due_date_is_receipt_plus_deadline_days():
    assert m.due_date(D(2024, 10, 1), 5) == D(2024, 10, 6)      # 1 Oct + 5 days
    assert m.due_date(D(2024, 10, 29), 5) == D(2024, 11, 3)     # across the month end: 29+5 = 34 -> 3 Nov


@pytest.mark.parametrize("decided_on,as_of,expected", [
    (D(2024, 10, 6), D(2024, 12, 1), False),   # decided ON the due day (1 Oct + 5): in time
    (D(2024, 10, 7), D(2024, 12, 1), True),    # decided one day after the due day: late
    (D(2024, 10, 2), D(2024, 12, 1), False),   # decided early; as_of is irrelevant once decided
    (None, D(2024, 10, 6), False),             # undecided, reference day = due day: not yet overdue
    (None, D(2024, 10, 7), True),              # undecided, one day past due: overdue
    (pd.NaT, D(2024, 10, 7), True),            # a missing decision from pandas behaves like None
])
def test_is_overdue_on_the_boundary(decided_on, as_of, expected):
    assert m.is_overdue(D(2024, 10, 1), decided_on, as_of, 5) is expected


def test_age_days_runs_to_decision_or_to_as_of():
    assert m.age_days(D(2024, 10, 1), D(2024, 10, 8), D(2024, 12, 1)) == 7    # 8 - 1
    assert m.age_days(D(2024, 11, 15), None, D(2024, 11, 21)) == 6            # open: 21 - 15


def test_with_deadline_on_three_cases():
    cases = pd.DataFrame({
        "nomor": ["A", "B", "C"],
        "tanggal_diterima": [D(2024, 10, 2), D(2024, 10, 1), D(2024, 11, 15)],
        "decided_on": [D(2024, 10, 8), D(2024, 10, 6), None],
    })
    out = m.with_deadline(cases, as_of=D(2024, 11, 21), deadline_days=5).set_index("nomor")
    # A: due 2 Oct + 5 = 7 Oct, decided 8 Oct -> late, age 6. B: due 6 Oct, decided 6 Oct -> in time, age 5.
    # C: due 20 Nov, undecided, as_of 21 Nov -> overdue, age 21 - 15 = 6.
    assert out["due"].tolist() == [D(2024, 10, 7), D(2024, 10, 6), D(2024, 11, 20)]
    assert out["overdue"].tolist() == [True, False, True]
    assert out["decided"].tolist() == [True, True, False]
    assert out["age_days"].tolist() == [6, 5, 6]


def test_reference_day_is_the_wib_calendar_day_of_the_stamp():
    # 16:59 UTC = 23:59 WIB the same day; 17:30 UTC = 00:30 WIB the next day.
    assert m.reference_day(dt.datetime(2024, 11, 28, 16, 59), WIB) == D(2024, 11, 28)
    assert m.reference_day(dt.datetime(2024, 11, 28, 17, 30), WIB) == D(2024, 11, 29)
    assert m.reference_day(None, WIB) is None


# ---------------------------------------------------------------- headline
def test_decided_split_and_count_by():
    by_status = pd.DataFrame({"status": ["diterima", "klarifikasi", "tidak_diregistrasi", "dihentikan",
                                         "diteruskan_kpu"], "cases": [1, 2, 3, 4, 5]})
    # decided: 3 + 4 + 5 = 12; open: 1 + 2 = 3
    assert m.decided_split(by_status) == {"decided": 12, "open": 3}
    assert m.decided_split(by_status.iloc[0:0]) == {"decided": 0, "open": 0}
    by_sumber = pd.DataFrame({"sumber": ["laporan"], "cases": [4]})
    assert m.count_by(by_sumber, "sumber", "laporan") == 4
    assert m.count_by(by_sumber, "sumber", "temuan") == 0


# ---------------------------------------------------------------- weekly grid
def test_week_starts_cover_the_range_from_its_monday():
    # 25 Sep 2024 is a Wednesday (Monday 23 Sep); 23 Nov 2024 a Saturday (Monday 18 Nov):
    # 23 Sep .. 18 Nov in steps of 7 days = 9 weeks.
    weeks = week_starts(D(2024, 9, 25), D(2024, 11, 23))
    assert weeks[0] == D(2024, 9, 23) and weeks[-1] == D(2024, 11, 18) and len(weeks) == 9
    assert week_starts(D(2024, 10, 7), D(2024, 10, 7)) == [D(2024, 10, 7)]
    assert week_starts(D(2024, 10, 8), D(2024, 10, 7)) == []


def test_weekly_fills_every_week_with_zeros():
    counts = pd.DataFrame({"week": [D(2024, 9, 30), D(2024, 9, 30), D(2024, 10, 14)],
                           "jenis_dugaan": ["apk", "politik_uang", "apk"], "cases": [1, 2, 3]})
    weeks = [D(2024, 9, 23), D(2024, 9, 30), D(2024, 10, 7), D(2024, 10, 14)]
    out = m.weekly(counts, weeks)
    # 4 weeks x 2 types = 8 rows; total stays 1 + 2 + 3 = 6
    assert len(out) == 8 and out["cases"].sum() == 6
    grid = out.set_index(["week", "jenis_dugaan"])["cases"]
    assert grid[(D(2024, 9, 23), "apk")] == 0 and grid[(D(2024, 10, 7), "politik_uang")] == 0
    assert grid[(D(2024, 9, 30), "politik_uang")] == 2 and grid[(D(2024, 10, 14), "apk")] == 3
    with pytest.raises(ValueError):  # a week off the axis must not be dropped silently
        m.weekly(counts, weeks[:2])


# ---------------------------------------------------------------- kecamatan
KEC = pd.DataFrame({"kode": ["19.03.01", "19.03.02", "19.03.05"], "nama": ["Toboali", "Lepar Pongok", "Payung"],
                    "nama_kemendagri": ["Toboali", "Lepar", "Payung"]})


def test_with_all_kecamatan_keeps_zero_rows_and_sums_to_the_total():
    counts = pd.DataFrame({"kecamatan_kode": ["19.03.01", "19.03.01", "19.03.05"],
                           "kecamatan": ["Toboali", "Toboali", "Payung"],
                           "sumber": ["laporan", "temuan", "laporan"], "cases": [2, 1, 1]})
    out = m.with_all_kecamatan(counts, KEC)
    # 3 kecamatan x 2 sources = 6 rows; total 2 + 1 + 1 = 4; Lepar Pongok has 0 + 0
    assert len(out) == 6 and out["cases"].sum() == 4
    assert out.groupby("kecamatan")["cases"].sum().to_dict() == {"Lepar Pongok": 0, "Payung": 1, "Toboali": 3}
    only = m.with_all_kecamatan(counts[counts["kecamatan_kode"] == "19.03.01"], KEC, chosen=("19.03.01",))
    assert set(only["kecamatan"]) == {"Toboali"} and only["cases"].sum() == 3
    by_desa = m.with_all_kecamatan(counts.iloc[0:0], KEC, chosen_desa=("19.03.05.2001",))
    assert by_desa["kecamatan"].tolist() == ["Payung"] and by_desa["cases"].sum() == 0


# ---------------------------------------------------------------- funnel
def test_funnel_rows_in_path_order_with_exits_after_their_stage():
    reached = pd.DataFrame({"status": ["diterima", "kajian_awal", "tidak_diregistrasi", "diregistrasi",
                                       "klarifikasi", "kajian", "bukan_pelanggaran", "diteruskan_gakkumdu",
                                       "diteruskan_kpu", "dihentikan"],
                            "cases": [5, 4, 1, 3, 3, 2, 1, 1, 1, 1]})
    out = m.funnel(reached, forwarded=2)
    assert list(zip(out["stage"], out["kind"], out["cases"], strict=True)) == [
        ("diterima", "path", 5), ("kajian_awal", "path", 4), ("tidak_diregistrasi", "exit", 1),
        ("diregistrasi", "path", 3), ("klarifikasi", "path", 3), ("kajian", "path", 2),
        ("bukan_pelanggaran", "exit", 1), ("diteruskan", "path", 2),
        ("diteruskan_kpu", "forward", 1), ("diteruskan_gakkumdu", "forward", 1), ("diteruskan_dkpp", "forward", 0),
        ("diteruskan_instansi_lain", "forward", 0), ("dihentikan", "exit", 1)]


def test_sum_by_adds_up_a_finer_grouping():
    counts = pd.DataFrame({"status": ["diterima", "diterima", "kajian", "dihentikan"],
                           "sumber": ["laporan", "temuan", "laporan", "temuan"], "cases": [2, 1, 4, 3]})
    assert m.sum_by(counts, "sumber").values.tolist() == [["laporan", 6], ["temuan", 4]]       # 2 + 4, 1 + 3
    assert m.sum_by(counts, "status").values.tolist() == [["dihentikan", 3], ["diterima", 3], ["kajian", 4]]
    assert m.sum_by(counts.iloc[:0], "status").empty


def test_busiest_pairs_keep_all_rows_of_the_pairs_with_most_cases():
    # pair 1: 2 + 1 = 3 cases; pair 2: 5; pair 3: 1; no pair (None): 4
    counts = pd.DataFrame({"paslon_id": [1, 1, 2, 3, None],
                           "sumber": ["laporan", "temuan", "laporan", "temuan", "laporan"],
                           "cases": [2, 1, 5, 1, 4]})
    top, n = m.busiest_pairs(counts, 2)
    assert n == 4 and sorted(top["cases"].tolist()) == [4, 5]  # pair 2 and "no pair"
    top, n = m.busiest_pairs(counts, 3)
    assert n == 4 and len(top) == 4 and 3 not in set(top["paslon_id"])  # both rows of pair 1 kept
    same, n = m.busiest_pairs(counts, 4)
    assert n == 4 and same is counts
