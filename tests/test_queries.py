"""data_access queries against a small hand-built database (the ``small`` fixture of
tests/fixtures_queries.py); the expected values are worked out by hand from its rows (see the
comments), on SQLite and PostgreSQL alike."""
import datetime as dt

import pandas as pd

from data_access.filters import Filters
from data_access.queries import cases, coverage, formulir_c, reference
from tests.builders import KEC_PAYUNG, KEC_PONGOK, KEC_TOBOALI, MALIK, PAYUNG, PONGOK, RIAS, TOBOALI

D = dt.date


def rows(df, *cols):
    return [tuple(r) for r in df[list(cols)].itertuples(index=False)]


def test_coverage_total_and_by_kecamatan(small):
    db, _ = small
    with db.connect() as c:
        assert rows(coverage.activity_coverage(c, Filters()), "activities", "supervised") == [(6, 3)]
        by_kec = coverage.activity_coverage(c, Filters(), ("kecamatan",))
    assert rows(by_kec, "kecamatan_kode", "activities", "supervised") == [
        (KEC_TOBOALI, 3, 2), (KEC_PAYUNG, 2, 1), (KEC_PONGOK, 1, 0)]


def test_coverage_by_week_monday_buckets(small):
    db, _ = small
    with db.connect() as c:
        df = coverage.activity_coverage(c, Filters(), ("week",))
    assert rows(df, "week", "activities", "supervised") == [
        (D(2024, 9, 30), 2, 2), (D(2024, 10, 7), 3, 1), (D(2024, 11, 18), 1, 0)]


def test_coverage_filters(small):
    db, ids = small
    with db.connect() as c:
        def total(f):
            return rows(coverage.activity_coverage(c, f), "activities", "supervised")[0]
        assert total(Filters(kecamatan=(KEC_PAYUNG,))) == (2, 1)
        assert total(Filters(desa=(RIAS,))) == (1, 1)
        assert total(Filters(paslon_ids=(ids["p2"],))) == (2, 1)
        assert total(Filters(election_ids=(ids["e1"],))) == (4, 2)
        assert total(Filters(start=D(2024, 10, 1), end=D(2024, 10, 8))) == (3, 2)
        assert total(Filters(start=D(2024, 12, 1), end=D(2024, 12, 31))) == (0, 0)


def test_coverage_by_paslon_and_metode(small):
    db, ids = small
    with db.connect() as c:
        df = coverage.activity_coverage(c, Filters(), ("paslon",))
        assert rows(df, "paslon_id", "activities", "supervised") == [(ids["p1"], 4, 2), (ids["p2"], 2, 1)]
        df = coverage.activity_coverage(c, Filters(), ("metode",))
        assert rows(df, "metode", "activities", "supervised") == [("tatap_muka_dialog", 6, 3)]


def test_unsupervised_activities(small):
    db, _ = small
    with db.connect() as c:
        df = coverage.unsupervised_activities(c, Filters())
    assert list(df["kode"]) == ["A3", "A4", "A6"]
    assert list(df["desa"]) == ["Payung", "Pongok", "Toboali"]


def test_last_report_per_desa(small):
    db, _ = small
    with db.connect() as c:
        df = coverage.last_report_per_desa(c, Filters(end=D(2024, 10, 31))).set_index("desa_kode")
        assert len(df) == 53
        assert df.loc[TOBOALI, "last_report"] == D(2024, 10, 1)
        assert df.loc[RIAS, "last_report"] == D(2024, 10, 2)
        assert df.loc[PAYUNG, "last_report"] == D(2024, 10, 20)  # the prevention patrol counts
        assert df.loc[PONGOK, "last_report"] is None
        early = coverage.last_report_per_desa(c, Filters(kecamatan=(KEC_PAYUNG,), end=D(2024, 10, 15)))
        early = early.set_index("desa_kode")
        assert len(early) == 9 and early.loc[PAYUNG, "last_report"] is None
        assert early.loc[MALIK, "last_report"] == D(2024, 10, 9)


def test_only_quiet_desa_with_quiet_since(small):
    """LHP dates: Toboali 1 Oct, Rias 2 Oct, Malik 9 Oct, Payung 20 Oct (prevention); no other desa."""
    db, _ = small
    with db.connect() as c:
        # 7 days up to 20 Oct: window 14-20 Oct. Only Payung (20 Oct) had an LHP in it: 52 of 53 are quiet.
        quiet = coverage.last_report_per_desa(c, Filters(end=D(2024, 10, 20)),
                                              quiet_since=D(2024, 10, 14)).set_index("desa_kode")
        assert len(quiet) == 52 and PAYUNG not in quiet.index
        assert quiet.loc[MALIK, "last_report"] == D(2024, 10, 9)
        # window 9-15 Oct in Kec. Payung (9 desa): Malik's LHP of 9 Oct is on the window's first day,
        # Payung's of 20 Oct is after the end: Payung is quiet (no LHP up to 15 Oct), Malik is not
        early = coverage.last_report_per_desa(c, Filters(kecamatan=(KEC_PAYUNG,), end=D(2024, 10, 15)),
                                              quiet_since=D(2024, 10, 9)).set_index("desa_kode")
        assert len(early) == 8 and MALIK not in early.index and early.loc[PAYUNG, "last_report"] is None
        # the same rows as metrics.coverage.quiet_desa over every desa
        f = Filters(end=D(2024, 10, 20))
        from metrics.coverage import quiet_desa
        every = quiet_desa(coverage.last_report_per_desa(c, f), f.end, 7)
        assert sorted(every["desa_kode"]) == sorted(quiet.index)
        assert reference.desa_count(c, Filters()) == 53
        assert reference.desa_count(c, Filters(kecamatan=(KEC_PAYUNG,))) == 9
        assert reference.desa_count(c, Filters(desa=(PAYUNG, MALIK))) == 2


def test_case_counts(small):
    db, ids = small
    with db.connect() as c:
        assert rows(cases.case_counts(c, Filters(), ("status",)), "status", "cases") == [
            ("diterima", 1), ("klarifikasi", 1), ("tidak_diregistrasi", 1)]
        assert rows(cases.case_counts(c, Filters(), ("week",)), "week", "cases") == [
            (D(2024, 9, 30), 1), (D(2024, 10, 7), 2)]
        assert rows(cases.case_counts(c, Filters(), ("kecamatan",)), "kecamatan_kode", "cases") == [
            (KEC_TOBOALI, 1), (KEC_PAYUNG, 2)]
        assert rows(cases.case_counts(c, Filters(paslon_ids=(ids["p2"],))), "cases") == [(1,)]
        assert rows(cases.case_counts(c, Filters(election_ids=(ids["e1"],))), "cases") == [(1,)]
        assert rows(cases.case_counts(c, Filters(start=D(2024, 10, 10))), "cases") == [(2,)]
        by_pair = cases.case_counts(c, Filters(), ("paslon",))
        assert sorted(by_pair["cases"].tolist()) == [1, 1, 1]  # p1, p2 and "no pair"


def test_status_reached_and_list(small):
    db, _ = small
    with db.connect() as c:
        reached = dict(rows(cases.status_reached(c, Filters()), "status", "cases"))
        assert reached == {"diterima": 3, "kajian_awal": 2, "tidak_diregistrasi": 1, "diregistrasi": 1,
                           "klarifikasi": 1}
        df = cases.case_list(c, Filters()).set_index("nomor")
        assert "pelapor" not in df.columns and "terlapor" not in df.columns
        assert df.loc["C1", "decided_on"] == D(2024, 10, 5)
        assert df.loc["C2", "decided_on"] is None
        assert pd.isna(df.loc["C3", "paslon"])
        personal = cases.case_list(c, Filters(), personal=True).set_index("nomor")
        assert personal.loc["C1", "pelapor"] == "Pelapor Satu"


def test_formulir_c_by_kecamatan(small):
    db, _ = small
    with db.connect() as c:
        df = formulir_c.delivery(c, Filters(), ("kecamatan",)).set_index("kecamatan_kode")
        assert df.loc[KEC_TOBOALI, ["tps", "dpt", "delivered", "undelivered_tidak_dikenal",
                                    "undelivered_tidak_di_tempat", "undelivered_meninggal_dunia",
                                    "late_reports"]].tolist() == [2, 900, 865, 20, 10, 5, 1]
        assert df.loc[KEC_PAYUNG, ["tps", "dpt", "delivered", "late_reports"]].tolist() == [1, 300, 300, 0]
        total = formulir_c.delivery(c, Filters())
        assert total.loc[0, ["tps", "dpt", "delivered"]].tolist() == [3, 1200, 1165]
        one = formulir_c.delivery(c, Filters(desa=(TOBOALI,)), ("tps",))
        assert rows(one, "nomor_tps", "dpt", "delivered", "report_date") == [
            (1, 500, 475, D(2024, 11, 24)), (2, 400, 390, D(2024, 11, 25))]
        assert len(formulir_c.desa_without_tps(c, Filters())) == 51
        assert len(formulir_c.desa_without_tps(c, Filters(kecamatan=(KEC_PAYUNG,)))) == 8


def test_reference_and_stamp(small):
    db, _ = small
    with db.connect() as c:
        assert reference.kecamatan(c)["kode"].tolist()[:2] == ["19.03.01", "19.03.02"]
        assert len(reference.desa(c)) == 53
        assert reference.desa_of(c).empty  # nothing asked, nothing read
        # Toboali has 11 desa, Payung 9; "Pongok" is one more by name; Rias again by code: 21 rows
        some = reference.desa_of(c, kecamatan=(KEC_TOBOALI, KEC_PAYUNG), names=("Pongok",), kode=(RIAS,))
        assert len(some) == 21 and PONGOK in set(some["kode"]) and list(some["kode"]) == sorted(some["kode"])
        assert list(some.columns) == list(reference.desa(c).columns)
        per_kec = reference.desa_per_kecamatan(c).set_index("kecamatan_kode")["desa"]
        assert (per_kec[KEC_TOBOALI], per_kec[KEC_PAYUNG], per_kec[KEC_PONGOK], per_kec.sum()) == (11, 9, 2, 53)
        assert len(reference.elections(c)) == 2
        assert reference.data_stamp(c) == dt.datetime(2024, 11, 21, 5, 30)
        assert reference.demo_seed(c) is None


def test_empty_database_stamp(db):
    with db.connect() as c:
        assert reference.data_stamp(c) is None


def test_case_list_limit_keeps_the_newest(small):
    """Cases received C1 3 Oct, C2 10 Oct, C3 11 Oct: a limit of 2 keeps C2 and C3, oldest first."""
    db, _ = small
    with db.connect() as c:
        assert list(cases.case_list(c, Filters(), limit=2)["nomor"]) == ["C2", "C3"]
        assert list(cases.case_list(c, Filters(), limit=5)["nomor"]) == ["C1", "C2", "C3"]
