"""TPS ranked and counted against the threshold in SQL (``queries.formulir_c.tps_ranking`` and
``delivery(threshold=...)``): hand-worked answers, and the same answers as the pandas rule of
``metrics.formulir_c`` (``ranked``, ``above_threshold``) on the demo data, on SQLite and PostgreSQL."""
import pytest

from data_access.filters import Filters
from data_access.queries import formulir_c as q
from metrics import formulir_c as m
from tests.builders import KEC_PAYUNG, KEC_TOBOALI, MALIK, PAYUNG, RIAS, TOBOALI, Builder


@pytest.fixture
def tps_db(db):
    """Undelivered / DPT of each TPS, in the order they are written (TPS id order):
    Toboali 1  50/500 = 10%  (exactly the threshold of 10%: not above)
    Toboali 2  60/500 = 12%
    Rias 1     30/250 = 12%  (same share as Toboali 2, fewer forms: after it)
    Rias 2     51/500 = 10.2%
    Payung 1    0/300 = 0%
    Malik 1    33/300 = 11%
    Malik 2    60/500 = 12%  (ties Toboali 2 on share and count: TPS id order, so after it)"""
    b = Builder(db)
    b.election("bupati")
    b.tps(TOBOALI, 1, 500, reasons={"tidak_dikenal": 50})
    b.tps(TOBOALI, 2, 500, reasons={"tidak_dikenal": 40, "meninggal_dunia": 20})
    b.tps(RIAS, 1, 250, reasons={"pindah_domisili": 30})
    b.tps(RIAS, 2, 500, reasons={"tidak_di_tempat": 51})
    b.tps(PAYUNG, 1, 300)
    b.tps(MALIK, 1, 300, reasons={"lainnya": 33})
    b.tps(MALIK, 2, 500, reasons={"tidak_dikenal": 60})
    return db


def _names(df):
    return [f"{d} {n}" for d, n in zip(df["desa"], df["nomor_tps"], strict=True)]


def test_ranking_worked_by_hand(tps_db):
    with tps_db.connect() as c:
        ranked = q.tps_ranking(c, Filters())
        assert _names(ranked) == ["Toboali 2", "Malik 2", "Rias 1", "Malik 1", "Rias 2", "Toboali 1", "Payung 1"]
        assert _names(q.tps_ranking(c, Filters(), limit=2)) == ["Toboali 2", "Malik 2"]
        # strictly above 10%: 12%, 12%, 12%, 11%, 10.2%; Toboali 1 (exactly 10%) is not
        assert _names(q.tps_ranking(c, Filters(), threshold=0.10)) == [
            "Toboali 2", "Malik 2", "Rias 1", "Malik 1", "Rias 2"]
        assert _names(q.tps_ranking(c, Filters(), threshold=0.11)) == ["Toboali 2", "Malik 2", "Rias 1"]
        assert _names(q.tps_ranking(c, Filters(kecamatan=(KEC_PAYUNG,)), threshold=0.10)) == ["Malik 2", "Malik 1"]
        row = ranked.iloc[0]
        assert (row["tps"], row["dpt"], row["delivered"], row["undelivered_tidak_dikenal"],
                row["undelivered_meninggal_dunia"]) == (1, 500, 440, 40, 20)


def test_counts_above_the_threshold_worked_by_hand(tps_db):
    with tps_db.connect() as c:
        assert q.delivery(c, Filters(), threshold=0.10)["above_threshold"].tolist() == [5]
        assert q.delivery(c, Filters(), threshold=0.12)["above_threshold"].tolist() == [0]  # 12% is not above 12%
        assert q.delivery(c, Filters(), threshold=0.0)["above_threshold"].tolist() == [6]  # all but Payung 1
        per_kec = q.delivery(c, Filters(), ("kecamatan",), threshold=0.10)
        assert per_kec[["kecamatan_kode", "tps", "above_threshold"]].values.tolist() == [
            [KEC_TOBOALI, 4, 3], [KEC_PAYUNG, 3, 2]]
        assert "above_threshold" not in q.delivery(c, Filters()).columns
        out = m.above_by_area(per_kec, "kecamatan")
        assert out[["kecamatan_kode", "tps", "above"]].values.tolist() == [[KEC_TOBOALI, 4, 3], [KEC_PAYUNG, 3, 2]]


THRESHOLDS = [0.0, 0.01, 0.03, 0.05, 0.07, 0.10, 0.25]
FILTERS = [Filters(), Filters(kecamatan=("19.03.03",)), Filters(kecamatan=("19.03.01", "19.03.05")),
           Filters(desa=("19.03.01.1001",))]


@pytest.mark.parametrize("threshold", THRESHOLDS)
def test_same_ranking_and_counts_as_the_pandas_rule(demo_db, threshold):
    with demo_db.connect() as c:
        for f in FILTERS:
            expected = m.ranked(m.with_rates(q.delivery(c, f, ("tps",))), threshold)
            assert len(expected) > 0
            ranked = q.tps_ranking(c, f)
            assert ranked["tps_id"].tolist() == expected["tps_id"].tolist()
            above = expected[expected["above_threshold"]]
            assert q.tps_ranking(c, f, threshold=threshold)["tps_id"].tolist() == above["tps_id"].tolist()
            assert int(q.delivery(c, f, threshold=threshold)["above_threshold"].iloc[0]) == len(above)
            per_kec = m.above_by_area(q.delivery(c, f, ("kecamatan",), threshold=threshold), "kecamatan")
            by_hand = above.groupby("kecamatan_kode").size()
            assert dict(zip(per_kec["kecamatan_kode"], per_kec["above"], strict=True)) == {
                k: int(by_hand.get(k, 0)) for k in per_kec["kecamatan_kode"]}
            # the ranked rows carry the same values as the grouped ones
            cols = ["tps_id", "dpt", "delivered", *m.REASON_COLUMNS, "late_reports", "report_date"]
            assert ranked.sort_values("tps_id")[cols].values.tolist() == \
                expected.sort_values("tps_id")[cols].values.tolist()


def test_quality_check_compares_the_share_exactly_too(tps_db):
    """queries.quality's "implausible share" check uses the same exact comparison (share_above):
    at a limit of 10% Toboali 1 (exactly 10%) is not flagged; at 12% neither are the three 12% TPS."""
    from data_access.queries import quality

    def flagged(max_rate):
        with tps_db.connect() as c:
            df = quality.formulir_c_implausible(c, Filters(), max_rate=max_rate, zero_min_dpt=10_000, max_dpt=10_000)
        return sorted(f"{d} {n}" for d, n, hit in zip(df["desa"], df["nomor_tps"], df["rate_high"], strict=True) if hit)

    assert flagged(0.10) == ["Malik 1", "Malik 2", "Rias 1", "Rias 2", "Toboali 2"]
    assert flagged(0.12) == []
    assert flagged(0.11) == ["Malik 2", "Rias 1", "Toboali 2"]  # 11% exactly (Malik 1) is not above
