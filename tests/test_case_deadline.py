"""Cases counted against the handling deadline in SQL (``queries.cases.deadline_counts``): answers
worked out by hand, and the same counts as the pandas rule (``metrics.cases.with_deadline`` over
``case_list``) on the demo data, on SQLite and PostgreSQL."""
import datetime as dt

import pytest

from data_access.filters import Filters
from data_access.queries import cases as q
from metrics import cases as m
from tests.builders import KEC_PAYUNG, KEC_PONGOK, KEC_TOBOALI, PAYUNG, PONGOK, RIAS, TOBOALI, Builder

D = dt.date
COLS = ["cases", "decided", "overdue", "open_overdue"]
NO_FILTERS = Filters()


@pytest.fixture
def cases_db(db):
    """Deadline 5 days; received -> first decision (or still open), current status:
    A Toboali 1 Oct -> decided 6 Oct (due 6 Oct: in time)                 tidak_diregistrasi
    B Rias    1 Oct -> decided 7 Oct (a day late: overdue)                diteruskan_kpu
    C Payung 10 Nov -> open (klarifikasi)        as of 20 Nov: 10 days, overdue
    D Payung 16 Nov -> open (diterima)           as of 20 Nov: 4 days
    E Pongok 15 Nov -> open (kajian_awal)        as of 20 Nov: 5 days, due that day: not overdue
    F Pongok  1 Oct -> first decision 3 Oct (forwarded), then stopped 20 Oct: the first one counts"""
    b = Builder(db)
    b.election("bupati")
    b.case("A", "2024-10-01", TOBOALI, [("diterima", "2024-10-01"), ("kajian_awal", "2024-10-02"),
                                        ("tidak_diregistrasi", "2024-10-06")])
    b.case("B", "2024-10-01", RIAS, [("diterima", "2024-10-01"), ("diteruskan_kpu", "2024-10-07")])
    b.case("C", "2024-11-10", PAYUNG, [("diterima", "2024-11-10"), ("klarifikasi", "2024-11-12")])
    b.case("D", "2024-11-16", PAYUNG, [("diterima", "2024-11-16")])
    b.case("E", "2024-11-15", PONGOK, [("diterima", "2024-11-15"), ("kajian_awal", "2024-11-16")])
    b.case("F", "2024-10-01", PONGOK, [("diterima", "2024-10-01"), ("diteruskan_gakkumdu", "2024-10-03"),
                                       ("dihentikan", "2024-10-20")])
    return db


def _counts(conn, as_of, by=(), f=NO_FILTERS):
    return q.deadline_counts(conn, f, as_of=as_of, deadline_days=5, by=by)


def _open_overdue(rows):
    """An aggregation over a group's "overdue" column of ``rows``: overdue cases not decided now."""
    return lambda s: int((s & ~rows.loc[s.index, "decided_now"]).sum())


def test_counts_worked_by_hand(cases_db):
    with cases_db.connect() as c:
        # decided now: A, B, F; overdue: B (late decision) and C (open 10 days); still open among them: C
        assert _counts(c, D(2024, 11, 20))[COLS].values.tolist() == [[6, 3, 2, 1]]
        per_kec = _counts(c, D(2024, 11, 20), by=("kecamatan",))
        assert per_kec[["kecamatan_kode", *COLS]].values.tolist() == [
            [KEC_TOBOALI, 2, 2, 1, 0], [KEC_PAYUNG, 2, 0, 1, 1], [KEC_PONGOK, 2, 1, 0, 0]]
        # a day later E (received 15 Nov) is 6 days open: overdue too
        assert _counts(c, D(2024, 11, 21))[COLS].values.tolist() == [[6, 3, 3, 2]]
        # no reference day (an empty database has none): only late decisions count
        assert _counts(c, None)[COLS].values.tolist() == [[6, 3, 1, 0]]
        # filters apply as to every case query: received from 1 Nov on -> C, D, E
        assert _counts(c, D(2024, 11, 20), f=Filters(start=D(2024, 11, 1)))[COLS].values.tolist() == [[3, 0, 1, 1]]


def test_same_answer_as_the_list_rule(cases_db):
    with cases_db.connect() as c:
        listed = m.with_deadline(q.case_list(c, Filters()), D(2024, 11, 20), 5).set_index("nomor")
    assert listed["overdue"].to_dict() == {"A": False, "B": True, "C": True, "D": False, "E": False, "F": False}


AS_OF = [D(2024, 10, 1), D(2024, 10, 20), D(2024, 11, 23), D(2025, 1, 1)]
FILTERS = [Filters(), Filters(start=D(2024, 10, 14), end=D(2024, 10, 27)), Filters(kecamatan=("19.03.03",)),
           Filters(election_ids=(2,), paslon_ids=(4,))]


@pytest.mark.parametrize("by", [(), ("kecamatan",), ("desa",), ("status",), ("sumber",)])
def test_same_counts_as_the_pandas_rule_on_the_demo_data(demo_db, by):
    with demo_db.connect() as c:
        for f in FILTERS:
            listed = q.case_list(c, f)
            assert len(listed) > 0
            for as_of in AS_OF:
                rows = m.with_deadline(listed, as_of, 5)
                rows["decided_now"] = rows["status"].map(m.is_decided)
                keys = [col for key in by for col in q.GROUPS[key] for col in [col.key]]
                keys = [k for k in keys if k in rows.columns]
                got = _counts(c, as_of, by=by, f=f)
                if keys:
                    expected = (rows.groupby(keys, sort=True)
                                .agg(cases=("nomor", "size"), decided=("decided_now", "sum"),
                                     overdue=("overdue", "sum"),
                                     open_overdue=("overdue", _open_overdue(rows)))
                                .reset_index())
                    got = got.sort_values(keys).reset_index(drop=True)
                    assert got[keys].values.tolist() == expected[keys].values.tolist()
                else:
                    expected = rows.assign(_one=1).groupby("_one").agg(
                        cases=("nomor", "size"), decided=("decided_now", "sum"), overdue=("overdue", "sum"),
                        open_overdue=("overdue", _open_overdue(rows)))
                assert got[COLS].astype(int).values.tolist() == expected[COLS].astype(int).values.tolist(), (f, as_of)
