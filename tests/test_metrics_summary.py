"""metrics.summary on small hand-made frames; every expected value is worked out in the comments."""
import datetime as dt
import math

import pandas as pd
import pytest

from data_access.filters import Filters
from metrics import summary as m

D = dt.date


# ---------------------------------------------------------------- Kpi: change, direction, tone
def test_kpi_change_direction_and_tone():
    # coverage 0,60 now vs 0,75 before: change -0,15, down, and down is bad for coverage
    k = m.Kpi(0.60, 0.75, m.GOOD)
    assert k.change == pytest.approx(-0.15)
    assert (k.direction, k.tone) == ("down", m.BAD)
    # overdue 3 now vs 1 before: +2, up, and up is bad for overdue cases
    assert (m.Kpi(3, 1, m.BAD).change, m.Kpi(3, 1, m.BAD).direction, m.Kpi(3, 1, m.BAD).tone) == (2, "up", m.BAD)
    # overdue 0 now vs 2 before: down is good
    assert m.Kpi(0, 2, m.BAD).tone == m.GOOD
    # activities 10 vs 4: up, but more activities is neither good nor bad
    assert (m.Kpi(10, 4, m.NEUTRAL).direction, m.Kpi(10, 4, m.NEUTRAL).tone) == ("up", m.NEUTRAL)
    # unchanged: flat and neutral even for a "good" measure
    assert (m.Kpi(5, 5, m.GOOD).direction, m.Kpi(5, 5, m.GOOD).tone) == ("flat", m.NEUTRAL)


def test_kpi_without_comparison():
    assert math.isnan(m.Kpi(5).change) and m.Kpi(5).direction == "none"
    # coverage of a previous period with no activities is NaN: nothing to compare with
    k = m.Kpi(0.5, math.nan, m.GOOD)
    assert k.direction == "none" and k.tone == m.NEUTRAL


def test_activity_kpis():
    now = pd.DataFrame({"activities": [8], "supervised": [6]})
    before = pd.DataFrame({"activities": [4], "supervised": [4]})
    k = m.activity_kpis(now, before)
    # 8 vs 4 activities: +4; coverage 6/8 = 0,75 vs 4/4 = 1,00: -0,25 (bad)
    assert (k["activities"].value, k["activities"].change) == (8, 4)
    assert k["coverage"].value == 0.75 and k["coverage"].change == pytest.approx(-0.25)
    assert k["coverage"].tone == m.BAD
    # no previous frame at all (no dates chosen): no comparison
    assert m.activity_kpis(now)["coverage"].direction == "none"
    # previous period with 0 activities: activities change +8, coverage not comparable (NaN)
    empty = pd.DataFrame({"activities": [0], "supervised": [0]})
    k = m.activity_kpis(now, empty)
    assert k["activities"].change == 8 and k["coverage"].direction == "none"


def _counts(cases, decided, overdue, open_overdue=0):
    """One total row of ``cases.deadline_counts``."""
    return pd.DataFrame({"cases": [cases], "decided": [decided], "overdue": [overdue], "open_overdue": [open_overdue]})


# Six cases, by hand (status: decided or open; overdue against the deadline):
#   0 Toboali (kel), Kec. Toboali  diregistrasi        open     overdue
#   1 Rias, Kec. Toboali           tidak_diregistrasi  decided  in time
#   2 Rias, Kec. Toboali           bukan_pelanggaran   decided  overdue (decided late)
#   3 Payung, Kec. Payung          klarifikasi         open     overdue
#   4 Payung, Kec. Payung          kajian              open     not yet due
#   5 Pongok, Kec. Kep. Pongok     diteruskan_kpu      decided  in time
ALL_SIX = _counts(6, decided=3, overdue=3, open_overdue=2)  # rows 0, 2, 3 overdue; 0 and 3 still open


def test_case_kpis():
    before = _counts(2, decided=1, overdue=1, open_overdue=1)  # rows 0 and 1
    k = m.case_kpis(ALL_SIX, before)
    # 6 cases: open = diregistrasi, klarifikasi, kajian = 3; decided = 3; overdue rows 0, 2, 3 = 3
    assert {n: k[n].value for n in ("total", "open", "decided", "overdue")} == \
        {"total": 6, "open": 3, "decided": 3, "overdue": 3}
    # before: 2 cases, 1 open, 1 decided, 1 overdue -> +4, +2, +2, +2 (overdue up = bad)
    assert {n: k[n].change for n in ("total", "open", "decided", "overdue")} == \
        {"total": 4, "open": 2, "decided": 2, "overdue": 2}
    assert k["overdue"].tone == m.BAD and k["total"].tone == m.NEUTRAL
    for empty in (ALL_SIX.iloc[:0], None):
        k = m.case_kpis(empty)
        assert (k["total"].value, k["open"].value, k["overdue"].value) == (0, 0, 0)


def test_case_status_groups_against_the_previous_period():
    # now: rows 0-2 = diregistrasi (open), tidak_diregistrasi and bukan_pelanggaran (decided); 0 and 2 overdue
    # before: rows 3-5 = klarifikasi, kajian (open), diteruskan_kpu (decided); 3 overdue
    k = m.case_kpis(_counts(3, decided=2, overdue=2), _counts(3, decided=1, overdue=1))
    # open 1 vs 2: -1, down; decided 2 vs 1: +1, up; neither way is good or bad in itself
    assert (k["open"].value, k["open"].change, k["open"].direction, k["open"].tone) == (1, -1, "down", m.NEUTRAL)
    assert (k["decided"].value, k["decided"].change, k["decided"].direction) == (2, 1, "up")
    assert k["decided"].tone == m.NEUTRAL
    # the groups split all cases: 1 + 2 = 3 now, 2 + 1 = 3 before (total unchanged: flat)
    assert k["open"].value + k["decided"].value == k["total"].value == 3
    assert k["total"].direction == "flat"
    # overdue cuts across the groups: 2 now, 1 before -> +1, worse
    assert (k["overdue"].value, k["overdue"].change, k["overdue"].tone) == (2, 1, m.BAD)


def test_share():
    assert m.share(1, 3) == pytest.approx(1 / 3)  # 1 open case of 3
    assert m.share(0, 4) == 0
    assert math.isnan(m.share(0, 0))  # no case at all: no share


def test_overdue_by_area():
    # deadline_counts(by=("kecamatan",)) of the six cases above, in code order
    per_kec = pd.DataFrame({"kecamatan_kode": ["19.03.01", "19.03.05", "19.03.08"],
                            "kecamatan": ["Toboali", "Payung", "Kepulauan Pongok"],
                            "cases": [3, 2, 1], "decided": [2, 0, 1], "overdue": [1 + 1, 1, 0],
                            "open_overdue": [1, 1, 0]})
    rows, count = m.overdue_by_area(per_kec, "kecamatan")
    # Toboali: 2 overdue (1 still open); Payung: 1 overdue (1 open); Pongok: none -> left out
    assert count == 3
    assert rows[["kecamatan", "overdue", "open_overdue", "cases"]].values.tolist() == [
        ["Toboali", 2, 1, 3], ["Payung", 1, 1, 2]]
    per_desa = pd.DataFrame({"desa_kode": ["19.03.01.1001", "19.03.01.2008", "19.03.05.2001", "19.03.08.2001"],
                             "desa": ["Toboali", "Rias", "Payung", "Pongok"],
                             "kecamatan_kode": ["19.03.01", "19.03.01", "19.03.05", "19.03.08"],
                             "kecamatan": ["Toboali", "Toboali", "Payung", "Kepulauan Pongok"],
                             "cases": [1, 2, 2, 1], "decided": [0, 2, 0, 1], "overdue": [1, 1, 1, 0],
                             "open_overdue": [1, 0, 1, 0]})
    rows, _ = m.overdue_by_area(per_desa, "desa", n=5)
    # desa: Toboali(kel) 1 (open 1), Rias 1 (open 0), Payung 1 (open 1): ties -> more open first, then code
    assert rows["desa"].tolist() == ["Toboali", "Payung", "Rias"]
    assert rows["kecamatan"].tolist() == ["Toboali", "Payung", "Toboali"]
    assert m.overdue_by_area(per_desa, "desa", n=1)[0]["desa"].tolist() == ["Toboali"]
    empty, count = m.overdue_by_area(per_kec.iloc[:0], "kecamatan")
    assert empty.empty and count == 0


def test_formulir_c_kpi():
    total = pd.DataFrame({"tps": [3], "dpt": [1000], "delivered": [945], "late_reports": [1],
                          **{c: [0] for c in m.formulir_c_metrics.REASON_COLUMNS}})
    total["undelivered_tidak_dikenal"] = [40]
    total["undelivered_meninggal_dunia"] = [15]
    calendar = pd.DataFrame({"voting_day": [D(2024, 11, 27)], "formulir_c_deadline": [D(2024, 11, 24)]})
    k = m.formulir_c_kpi(total, calendar)
    # undelivered 40 + 15 = 55; 55 / 1000 = 5,5%
    assert (k.tps, k.dpt, k.undelivered, k.late_reports) == (3, 1000, 55, 1)
    assert k.rate == pytest.approx(0.055)
    assert k.deadline == D(2024, 11, 24) and k.voting_day == D(2024, 11, 27)
    none = m.formulir_c_kpi(total.iloc[:0], calendar)
    assert none.tps == 0 and math.isnan(none.rate)


def test_has_data():
    no_fc = m.FormulirCKpi(0, 0, 0, math.nan, 0, None, None)
    assert not m.has_data(m.Kpi(0), m.Kpi(0), no_fc)
    assert m.has_data(m.Kpi(0), m.Kpi(1), no_fc)
    assert m.has_data(m.Kpi(0), m.Kpi(0), m.FormulirCKpi(1, 100, 0, 0.0, 0, None, None))


# ---------------------------------------------------------------- "Perlu perhatian"
def test_attention_level():
    assert m.attention_level(Filters()) == "kecamatan"
    assert m.attention_level(Filters(kecamatan=("19.03.01",))) == "desa"
    assert m.attention_level(Filters(desa=("19.03.01.2008",))) == "desa"


def test_lowest_coverage_leaves_out_small_and_full_areas():
    by_kec = pd.DataFrame({
        "kecamatan_kode": ["19.03.01", "19.03.02", "19.03.03", "19.03.04", "19.03.05", "19.03.06"],
        "kecamatan": ["A", "B", "C", "D", "E", "F"],
        "activities": [20, 4, 10, 12, 10, 0],
        "supervised": [15, 0, 8, 12, 6, 0],
    })
    rows, small = m.lowest_coverage(by_kec, "kecamatan")
    # coverage: A 15/20 = 75%, B 0/4 (4 < 10 activities: left out), C 8/10 = 80%, D 12/12 = 100%
    # (fully supervised: not behind), E 6/10 = 60%, F no activities (not counted at all)
    assert rows["kecamatan"].tolist() == ["E", "A", "C"]
    assert rows["coverage"].tolist() == pytest.approx([0.6, 0.75, 0.8])
    assert small == 1  # B
    rows, small = m.lowest_coverage(by_kec, "kecamatan", n=1, min_activities=1)
    assert rows["kecamatan"].tolist() == ["B"] and small == 0  # 0% once small areas count


def test_lowest_coverage_ties_prefer_more_activities():
    by_desa = pd.DataFrame({"desa_kode": ["x1", "x2", "x3"], "desa": ["P", "Q", "R"],
                            "activities": [4, 8, 4], "supervised": [2, 4, 2]})
    rows, _ = m.lowest_coverage(by_desa, "desa")
    # all 50%: the one with 8 activities first, then code order
    assert rows["desa"].tolist() == ["Q", "P", "R"]


def test_quiet_areas():
    last = pd.DataFrame({
        "kecamatan_kode": ["k"] * 4, "kecamatan": ["K"] * 4, "desa_kode": ["d1", "d2", "d3", "d4"],
        "desa": ["A", "B", "C", "D"],
        "last_report": [D(2024, 10, 1), None, D(2024, 10, 19), D(2024, 10, 10)],
        "activities": [0, 2, 5, 1]})
    rows, count = m.quiet_areas(last, D(2024, 10, 20), 7, n=2)
    # window 14-20 Oct: C (19 Oct) is not quiet; B never had an LHP (first), then A 19 days, D 10 days
    assert count == 3
    assert rows["desa"].tolist() == ["B", "A"]
    assert rows["days_quiet"].tolist()[1] == 19


def test_highest_undelivered():
    reasons = {c: [0, 0, 0] for c in m.formulir_c_metrics.REASON_COLUMNS}
    reasons["undelivered_tidak_dikenal"] = [10, 0, 30]
    df = pd.DataFrame({"kecamatan_kode": ["a", "b", "c"], "kecamatan": ["A", "B", "C"], "tps": [1, 1, 1],
                       "dpt": [200, 300, 250], "delivered": [190, 300, 220], **reasons})
    rows = m.highest_undelivered(df)
    # A 10/200 = 5%, B 0 (nothing undelivered: left out), C 30/250 = 12%
    assert rows["kecamatan"].tolist() == ["C", "A"]
    assert rows["undelivered_rate"].tolist() == pytest.approx([0.12, 0.05])
    assert m.highest_undelivered(df, n=1)["kecamatan"].tolist() == ["C"]


def test_total_of_rows_per_area():
    rows = pd.DataFrame({"kecamatan_kode": ["a", "b"], "tps": [2, 3], "dpt": [900, 1100],
                         "last_report_date": [D(2024, 11, 24), D(2024, 11, 26)]})
    total = m.total_of(rows, ("tps", "dpt"), maxes=("last_report_date",))
    assert total.to_dict("records") == [{"tps": 5, "dpt": 2000, "last_report_date": D(2024, 11, 26)}]  # 2+3, 900+1100
    empty = m.total_of(rows.iloc[:0], ("tps", "dpt"), maxes=("last_report_date",))
    assert empty.to_dict("records") == [{"tps": 0, "dpt": 0, "last_report_date": None}]
