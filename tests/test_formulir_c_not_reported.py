"""Formulir C before the deadline (issue 16): once a TPS list is imported, a TPS without a recap is
"belum melapor". Counted and listed per kecamatan and desa, its DPT shown beside the rates and never
mixed into them, and the days left to the H-3 deadline with a fixed "today". SQLite and PostgreSQL.

Hand-built data (one voting day, 27 Nov 2024; H-3 deadline 24 Nov 2024), five TPS, three with recaps:

    TPS                            DPT  recap                       undelivered
    TPS 001 Toboali (Toboali)      500  yes, tidak dikenal 40        40
    TPS 002 Toboali (Toboali)      400  -- belum melapor
    TPS 003 Rias (Toboali)         300  yes, tidak di tempat 30      30
    TPS 001 Payung (Payung)        600  yes, pindah domisili 6        6
    TPS 001 Pongok (Kep. Pongok)   200  -- belum melapor

Reported: 3 TPS, DPT 500 + 300 + 600 = 1.400; undelivered 40 + 30 + 6 = 76; rate 76 / 1.400 =
5,428...% -> "5,43%"; delivered 1.324 / 1.400 = 94,571...% -> "94,57%".
Not reported: 2 TPS, DPT 400 + 200 = 600 (not in the rate). Reported share 3 / 5 = 60,0%.
Per kecamatan: Toboali 1 TPS (DPT 400), Kepulauan Pongok 1 TPS (DPT 200); Payung none.
Toboali only: reported 2 TPS, DPT 800, undelivered 70 -> 8,75%; not reported 1 (DPT 400), in desa
Toboali (the kelurahan); reported share 2 / 3 = 66,7%.
"""
import datetime as dt

import pytest

from data_access.filters import Filters
from data_access.queries import formulir_c as q
from metrics import formulir_c as m
from metrics import summary
from tests.apptest_utils import plotly_specs, run_app, sqlite_url, texts
from tests.builders import KEC_PONGOK, KEC_TOBOALI, PAYUNG, PONGOK, RIAS, TOBOALI, Builder

PAGE = "pages/formulir_c.py"
DEADLINE = dt.date(2024, 11, 24)


def build(db) -> None:
    b = Builder(db)
    b.election("bupati")
    b.tps(TOBOALI, 1, 500, reasons={"tidak_dikenal": 40}, report_date="2024-11-22")
    b.tps_only(TOBOALI, 2, 400)
    b.tps(RIAS, 3, 300, reasons={"tidak_di_tempat": 30}, report_date="2024-11-22")
    b.tps(PAYUNG, 1, 600, reasons={"pindah_domisili": 6}, report_date="2024-11-23")
    b.tps_only(PONGOK, 1, 200)


@pytest.fixture
def five(db):
    build(db)
    return db


def test_counts_and_dpt_of_the_tps_not_reported(five):
    with five.connect() as conn:
        total = q.not_reported(conn, Filters())
        by_kec = q.not_reported(conn, Filters(), by=("kecamatan",))
        toboali_desa = q.not_reported(conn, Filters(kecamatan=(KEC_TOBOALI,)), by=("desa",))
        listed = q.not_reported_tps(conn, Filters())
        first = q.not_reported_tps(conn, Filters(), limit=1)
    assert total[["tps_not_reported", "dpt_not_reported"]].values.tolist() == [[2, 600]]
    assert by_kec[["kecamatan_kode", "tps_not_reported", "dpt_not_reported"]].values.tolist() == [
        [KEC_TOBOALI, 1, 400], [KEC_PONGOK, 1, 200]]
    assert toboali_desa[["desa_kode", "tps_not_reported", "dpt_not_reported"]].values.tolist() == [[TOBOALI, 1, 400]]
    assert listed[["desa_kode", "nomor_tps", "dpt"]].values.tolist() == [[TOBOALI, 2, 400], [PONGOK, 1, 200]]
    assert first["nomor_tps"].tolist() == [2]


def test_rates_stay_over_the_dpt_of_the_tps_that_reported(five):
    with five.connect() as conn:
        total = m.with_rates(q.delivery(conn, Filters())).iloc[0]
    assert (int(total["tps"]), int(total["dpt"]), int(total["undelivered"])) == (3, 1400, 76)
    assert total["undelivered_rate"] == pytest.approx(76 / 1400)
    assert total["delivered_rate"] == pytest.approx(1324 / 1400)


def test_nothing_is_missing_once_every_tps_reported(db):
    b = Builder(db)
    b.election("bupati")
    b.tps(TOBOALI, 1, 500, reasons={"tidak_dikenal": 40})
    with db.connect() as conn:
        assert q.not_reported(conn, Filters())[["tps_not_reported", "dpt_not_reported"]].values.tolist() == [[0, 0]]
        assert len(q.not_reported(conn, Filters(), by=("kecamatan",))) == 0
        assert len(q.not_reported_tps(conn, Filters())) == 0


def test_days_left_and_reported_share():
    assert m.days_left(DEADLINE, dt.date(2024, 11, 20)) == 4
    assert m.days_left(DEADLINE, DEADLINE) == 0
    assert m.days_left(DEADLINE, dt.date(2024, 11, 25)) is None
    assert m.days_left(None, dt.date(2024, 11, 20)) is None
    assert m.reported_share(3, 2) == pytest.approx(0.6)
    assert m.reported_share(0, 0) != m.reported_share(0, 0)  # NaN: no TPS list, no share


def test_ringkasan_kpi_carries_the_tps_not_reported():
    import pandas as pd

    fc = summary.formulir_c_kpi(pd.DataFrame({"tps": [3], "dpt": [1400], "delivered": [1324],
                                              **{c: [0] for c in m.REASON_COLUMNS}, "late_reports": [0]})
                                .assign(undelivered_tidak_dikenal=[76]),
                                not_reported=pd.DataFrame({"tps_not_reported": [2], "dpt_not_reported": [600]}))
    assert (fc.tps, fc.dpt, fc.undelivered, fc.not_reported, fc.not_reported_dpt) == (3, 1400, 76, 2, 600)
    assert fc.rate == pytest.approx(76 / 1400)


def kpis(at) -> dict[str, tuple[str, str]]:
    return {mt.label: (mt.value, mt.proto.delta) for mt in at.metric}


def test_page_counts_lists_and_days_left(monkeypatch, five):
    monkeypatch.setattr("ui.components.today_wib", lambda: dt.date(2024, 11, 20))
    at = run_app(monkeypatch, sqlite_url(five), page=PAGE)
    assert not at.exception, [e.value for e in at.exception]
    k = kpis(at)
    assert k["TPS belum melapor"] == ("2", "dari 5 TPS dalam daftar")
    assert k["DPT TPS belum melapor"] == ("600", "tidak dihitung dalam persentase")
    assert k["TPS sudah melapor"] == ("60,0%", "3 dari 5 TPS")
    # the rates: over the 1.400 DPT of the TPS that reported only
    assert k["DPT"] == ("1.400", "di 3 TPS melapor; 2 TPS belum melapor (DPT 600) tidak dihitung")
    assert k["Tidak terdistribusi"] == ("76", "5,43% dari DPT")
    assert k["Terdistribusi"] == ("1.324", "94,57% dari DPT")
    assert any("4 hari lagi" in i.value and "Minggu, 24 November 2024" in i.value for i in at.info)
    tables = {tuple(df.value.columns): df.value for df in at.dataframe}
    per_kec = next(v for c, v in tables.items() if "TPS belum melapor" in c)
    assert per_kec["Kecamatan"].tolist() == ["Toboali", "Kepulauan Pongok"]
    assert per_kec["TPS belum melapor"].tolist() == [1, 1] and per_kec["DPT TPS belum melapor"].tolist() == [400, 200]
    listed = next(v for c, v in tables.items() if c == ("Kecamatan", "Desa/kelurahan", "TPS", "DPT"))
    assert listed["TPS"].tolist() == ["TPS 002 Toboali (Toboali)", "TPS 001 Pongok (Kepulauan Pongok)"]
    assert listed["DPT"].tolist() == [400, 200]


def test_page_per_desa_within_one_kecamatan(monkeypatch, five):
    monkeypatch.setattr("ui.components.today_wib", lambda: DEADLINE)
    at = run_app(monkeypatch, sqlite_url(five), page=PAGE, query={"kec": "Toboali"})
    assert not at.exception, [e.value for e in at.exception]
    k = kpis(at)
    assert k["TPS belum melapor"] == ("1", "dari 3 TPS dalam daftar")
    assert k["TPS sudah melapor"] == ("66,7%", "2 dari 3 TPS")
    assert k["Tidak terdistribusi (% DPT)"][0] == "8,75%"
    assert any("hari ini" in i.value for i in at.info)
    per_desa = next(df.value for df in at.dataframe if "TPS belum melapor" in df.value.columns)
    assert per_desa[["Desa/kelurahan", "TPS belum melapor", "DPT TPS belum melapor"]].values.tolist() == [
        ["Toboali", 1, 400]]


def test_page_after_the_deadline_shows_no_days_left(monkeypatch, five):
    monkeypatch.setattr("ui.components.today_wib", lambda: dt.date(2024, 11, 25))
    at = run_app(monkeypatch, sqlite_url(five), page=PAGE)
    assert not at.exception
    assert not any("hari lagi" in t or "hari ini" in t for t in texts(at))
    assert kpis(at)["TPS belum melapor"][0] == "2"


def test_page_with_a_tps_list_and_no_recap_yet(monkeypatch, db):
    """Only the TPS list (TPS 002 Toboali, DPT 400; TPS 001 Pongok, DPT 200), before any recap:
    what is missing and the days left; no rate, no chart."""
    b = Builder(db)
    b.election("bupati")
    b.tps_only(TOBOALI, 2, 400)
    b.tps_only(PONGOK, 1, 200)
    monkeypatch.setattr("ui.components.today_wib", lambda: dt.date(2024, 11, 14))
    at = run_app(monkeypatch, sqlite_url(db), page=PAGE)
    assert not at.exception, [e.value for e in at.exception]
    k = kpis(at)
    assert k["TPS belum melapor"] == ("2", "dari 2 TPS dalam daftar")
    assert k["DPT TPS belum melapor"][0] == "600"
    assert k["TPS sudah melapor"] == ("0,0%", "0 dari 2 TPS")
    assert "DPT" not in k and "Tidak terdistribusi (% DPT)" not in k
    assert any("10 hari lagi" in i.value for i in at.info)
    assert any("Belum ada rekap Formulir C" in i.value for i in at.info)
    assert not plotly_specs(at)


def test_ringkasan_card_says_how_many_tps_have_not_reported(monkeypatch, five):
    at = run_app(monkeypatch, sqlite_url(five), page="pages/ringkasan.py")
    assert not at.exception, [e.value for e in at.exception]
    card = next(mt for mt in at.metric if mt.label == "Formulir C tidak terdistribusi")
    assert (card.value, card.proto.delta) == ("76", "5,43% dari DPT")
    assert any("2 TPS belum melapor (DPT 600, tidak dihitung)" in c.value for c in at.caption)


def test_ringkasan_card_before_any_recap(monkeypatch, db):
    b = Builder(db)
    b.election("bupati")
    b.tps_only(TOBOALI, 2, 400)
    b.tps_only(PONGOK, 1, 200)
    at = run_app(monkeypatch, sqlite_url(db), page="pages/ringkasan.py")
    assert not at.exception, [e.value for e in at.exception]
    card = next(mt for mt in at.metric if mt.label == "Formulir C tidak terdistribusi")
    assert card.value == "–"
    assert any("Belum ada rekap; 2 TPS belum melapor (DPT 600)" in c.value for c in at.caption)
    assert not any("Semua Formulir C terdistribusi" in t for t in texts(at))
