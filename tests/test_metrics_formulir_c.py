"""metrics.formulir_c (pure, worked out by hand) and the two Formulir C queries the page added
(recap_calendar, recaps_by_date) on a small hand-built database, on SQLite and PostgreSQL."""
import datetime as dt
import math

import pandas as pd
import pytest

from data_access.filters import Filters
from data_access.queries import formulir_c as q
from metrics import formulir_c as m
from tests.builders import KEC_PAYUNG, KEC_TOBOALI, PAYUNG, PONGOK, RIAS, TOBOALI, Builder

D = dt.date


def recap(key, dpt, delivered=None, late=0, **reasons):
    """One row shaped like ``queries.formulir_c.delivery``; delivered defaults to dpt - reasons."""
    row = {"key": key, "tps": 1, "dpt": dpt, "late_reports": late}
    row.update({c: reasons.get(c.removeprefix("undelivered_"), 0) for c in m.REASON_COLUMNS})
    row["delivered"] = dpt - sum(reasons.values()) if delivered is None else delivered
    return row


# ---------------------------------------------------------------- rates
def test_rates_of_a_group_come_from_summed_counts_not_from_averaged_rates():
    # TPS A: 30 of 100 undelivered (30%); TPS B: 9 of 900 (1%).
    # Group: (30 + 9) / (100 + 900) = 39 / 1000 = 3,9%  -- the mean of the two rates would be 15,5%.
    tps = m.with_rates(pd.DataFrame([recap("A", 100, tidak_dikenal=30), recap("B", 900, meninggal_dunia=9)]))
    assert tps["undelivered"].tolist() == [30, 9]
    assert tps["undelivered_rate"].tolist() == [0.30, 0.01]
    group = m.with_rates(pd.DataFrame([recap("A+B", 1000, tidak_dikenal=30, meninggal_dunia=9)]))
    assert group.loc[0, "undelivered_rate"] == pytest.approx(0.039)
    assert group.loc[0, "delivered_rate"] == pytest.approx(961 / 1000)
    assert group.loc[0, "undelivered_rate"] != pytest.approx(tps["undelivered_rate"].mean())


def test_rate_of_no_voters_is_undefined_not_zero():
    assert math.isnan(m.undelivered_rate(0, 0))
    assert math.isnan(m.delivered_rate(0, 0))
    assert m.delivered_rate(143_476, 151_742) == pytest.approx(0.94553, abs=1e-5)  # published 94,55%


@pytest.mark.parametrize("undelivered,dpt,expected", [
    (50, 500, False),   # 50/500 = exactly 10%: at the threshold, not above it
    (51, 500, True),    # 10,2%
    (49, 500, False),   # 9,8%
    (0, 0, False),      # no voters: no rate, never highlighted
])
def test_highlight_is_strictly_above_the_threshold(undelivered, dpt, expected):
    assert m.above_threshold(m.undelivered_rate(undelivered, dpt), 0.10) is expected


def test_ranked_orders_worst_first_with_ties_by_count_then_input_order():
    df = m.with_rates(pd.DataFrame([
        recap("a", 400, tidak_dikenal=20),    # 5%
        recap("b", 300, tidak_dikenal=36),    # 12%
        recap("c", 400, tidak_di_tempat=48),  # 12%, more forms than b -> before b
        recap("d", 500, lainnya=50),          # 10% exactly
        recap("e", 200, meninggal_dunia=10),  # 5% like a, but 10 forms < 20 -> after a
    ]))
    out = m.ranked(df, threshold=0.10)
    assert out["key"].tolist() == ["c", "b", "d", "a", "e"]
    assert out["above_threshold"].tolist() == [True, True, False, False, False]
    assert "above_threshold" not in m.ranked(df).columns


def test_reason_mix_overall_and_per_area():
    df = pd.DataFrame([recap("Toboali", 900, tidak_dikenal=20, meninggal_dunia=5, tidak_di_tempat=10),
                       recap("Payung", 300)])
    mix = m.reason_mix(df).set_index("reason")
    # 20 + 10 + 5 = 35 undelivered: tidak dikenal 20/35, tidak di tempat 10/35, meninggal 5/35.
    assert mix.loc["tidak_dikenal", "count"] == 20
    assert mix.loc["tidak_dikenal", "share"] == pytest.approx(20 / 35)
    assert mix.loc["meninggal_dunia", "share"] == pytest.approx(5 / 35)
    assert mix["count"].sum() == 35
    by = m.reason_mix_by(df, "key")
    assert len(by) == 2 * len(m.REASONS)
    tob = by[by["key"] == "Toboali"].set_index("reason")
    assert tob.loc["tidak_di_tempat", "share"] == pytest.approx(10 / 35)
    assert tob["share"].sum() == pytest.approx(1.0)
    pay = by[by["key"] == "Payung"]
    assert pay["count"].sum() == 0 and pay["share"].isna().all()  # nothing undelivered: no shares


def test_main_reason():
    assert m.main_reason(recap("x", 100, tidak_di_tempat=7, meninggal_dunia=3)) == "tidak_di_tempat"
    # A tie goes to the reason listed first: tidak_dikenal comes before pindah_domisili.
    assert m.main_reason(recap("x", 100, pindah_domisili=4, tidak_dikenal=4)) == "tidak_dikenal"
    assert m.main_reason(recap("x", 100)) is None


# ---------------------------------------------------------------- queries added for the page
@pytest.fixture
def dated(db):
    """Deadline 24 Nov 2024 (H-3 of 27 Nov). Recaps: Toboali 1 on 23 Nov, Toboali 2 and Rias 1 on
    24 Nov (on time: the deadline day itself counts), Payung 1 on 25 Nov (late), Pongok 1 on 26 Nov
    (late). A TPS of another voting day (2020) must not be counted."""
    b = Builder(db)
    b.election("bupati")
    b.election("gubernur", kode="gubernur-2020", campaign=("2020-09-26", "2020-12-05"),
               quiet=("2020-12-06", "2020-12-08"), voting_day="2020-12-09", formulir_c_deadline="2020-12-06")
    b.tps(TOBOALI, 1, 500, report_date="2024-11-23")
    b.tps(TOBOALI, 2, 400, report_date="2024-11-24")
    b.tps(RIAS, 1, 300, report_date="2024-11-24")
    b.tps(PAYUNG, 1, 200, report_date="2024-11-25")
    b.tps(PONGOK, 1, 100, report_date="2024-11-26")
    b.tps(TOBOALI, 1, 450, report_date="2020-12-08", voting_day="2020-12-09")
    return db


def test_recap_calendar_is_the_newest_voting_day_and_its_deadline(dated):
    with dated.connect() as c:
        cal = q.recap_calendar(c, Filters())
    assert cal.loc[0, "voting_day"] == D(2024, 11, 27)
    assert cal.loc[0, "formulir_c_deadline"] == D(2024, 11, 24)


def test_recaps_by_date_counts_late_ones_after_the_deadline(dated):
    with dated.connect() as c:
        df = q.recaps_by_date(c, Filters())
        tob = q.recaps_by_date(c, Filters(kecamatan=(KEC_TOBOALI,)))
        pay = q.recaps_by_date(c, Filters(kecamatan=(KEC_PAYUNG,)))
    # 23 Nov: 1 TPS (500); 24 Nov: 2 TPS (400 + 300 = 700), on time; 25 Nov: 1 late; 26 Nov: 1 late.
    assert [tuple(r) for r in df[["report_date", "tps", "dpt", "late_reports"]].itertuples(index=False)] == [
        (D(2024, 11, 23), 1, 500, 0), (D(2024, 11, 24), 2, 700, 0),
        (D(2024, 11, 25), 1, 200, 1), (D(2024, 11, 26), 1, 100, 1)]
    # Toboali: its two 2024 TPS (Toboali 1, 2) and Rias 1; the 2020 TPS is another voting day.
    assert tob["tps"].tolist() == [1, 2] and tob["late_reports"].sum() == 0
    assert pay["late_reports"].tolist() == [1]
    # The per-date late count agrees with the per-TPS one of ``delivery``.
    with dated.connect() as c:
        assert int(q.delivery(c, Filters()).loc[0, "late_reports"]) == int(df["late_reports"].sum()) == 2
