"""The summary tables (data_access.rollup): hand-worked sums, the same answers as the raw rows for
every grouping and filter, a fall back to the raw rows when they are stale, and the importer's
partial refresh giving what a full rebuild gives."""
from __future__ import annotations

import datetime as dt
import itertools

import pandas as pd
from sqlalchemy import select

from data_access import rollup, schema
from data_access.filters import Filters
from data_access.importer import import_file
from data_access.queries import coverage
from tests.builders import RIAS, TOBOALI, Builder
from tests.fixtures_import import KEGIATAN, KEGIATAN_HEADER, elections, good_sheets, xlsx
from tests.test_upper_areas import BANGKA, BATAM, _data

CAMPAIGN = Filters(start=dt.date(2024, 9, 25), end=dt.date(2024, 11, 23))


def _refresh(engine, kabupaten=None):
    with engine.begin() as conn:
        rollup.refresh(conn, kabupaten)


def _table(engine, name) -> list[tuple]:
    t = schema.ROLLUP_TABLES[name]
    with engine.connect() as conn:
        return sorted(tuple(r) for r in conn.execute(select(t)))


def _all_tables(engine) -> dict[str, list[tuple]]:
    return {name: _table(engine, name) for name in schema.ROLLUP_TABLES}


def test_sums_worked_by_hand(db):
    # a1 Toboali 1 Oct (2 LHP), a2 Rias 1 Oct (none): kabupaten 19.03; a3 Bangka 2 Oct (1 LHP): 19.01;
    # a4 Batam 3 Oct (none; the Batam LHP is a patrol): 21.71. All of one gubernur pair.
    _data(db)
    _refresh(db)
    d = dt.date
    assert _table(db, "activity_rollup_kabupaten") == [
        ("19", "19.01", d(2024, 10, 2), 1, 1), ("19", "19.03", d(2024, 10, 1), 2, 1),
        ("21", "21.71", d(2024, 10, 3), 1, 0)]
    fine = _table(db, "activity_rollup_desa")
    assert [(r[3], r[-2], r[-1]) for r in fine] == [  # desa, activities, supervised (in code order)
        (BANGKA, 1, 1), (TOBOALI, 1, 1), (RIAS, 1, 0), (BATAM, 1, 0)]
    with db.connect() as conn:
        assert rollup.is_fresh(conn)
        got = coverage.activity_coverage(conn, CAMPAIGN, by=("provinsi",))
    assert got[["provinsi_kode", "activities", "supervised"]].values.tolist() == [["19", 3, 2], ["21", 1, 0]]


def test_smallest_table_with_every_dimension_is_chosen(db):
    _data(db)
    _refresh(db)
    cases = {  # (filters, by) -> table
        (CAMPAIGN, ()): "activity_rollup_kabupaten",
        (CAMPAIGN, ("provinsi", "week")): "activity_rollup_kabupaten",
        (CAMPAIGN.with_area(kabupaten=("19.03",)), ("day",)): "activity_rollup_kabupaten",
        (CAMPAIGN, ("paslon",)): "activity_rollup_paslon",
        (Filters(election_ids=(1,)), ("kabupaten",)): "activity_rollup_paslon",
        (CAMPAIGN, ("metode",)): "activity_rollup_metode",
        (CAMPAIGN, ("kecamatan",)): "activity_rollup_desa",
        (CAMPAIGN.with_area(kecamatan=("19.03.01",)), ()): "activity_rollup_desa",
        (Filters(paslon_ids=(1,)), ("metode",)): "activity_rollup_desa",
    }
    with db.connect() as conn:
        for (f, by), name in cases.items():
            assert rollup.source(conn, coverage._dimensions(f, by)).name == name, (f, by)


def test_stale_summaries_are_not_used(db):
    _data(db)
    _refresh(db)
    b = Builder(db)
    p = b.paslon(b.election("bupati"), 1)
    b.activity(p, "2024-10-04", BATAM, kode="FIX-1")  # written past the summaries, like a hand-made SQL fix
    with db.connect() as conn:
        assert not rollup.is_fresh(conn)
        assert rollup.source(conn, {"tanggal"}) is None
        got = coverage.activity_coverage(conn, CAMPAIGN, by=("provinsi",))
    # the raw rows: Kepulauan Riau now has 2 activities, none supervised
    assert got[["provinsi_kode", "activities", "supervised"]].values.tolist() == [["19", 3, 2], ["21", 2, 0]]
    with db.begin() as conn:
        assert rollup.refresh_if_stale(conn)
        assert not rollup.refresh_if_stale(conn)
    assert ("21", "21.71", dt.date(2024, 10, 4), 1, 0) in _table(db, "activity_rollup_kabupaten")


def test_a_new_lhp_is_seen_as_a_change(db):
    _data(db)
    _refresh(db)
    with db.connect() as conn:
        a4 = conn.execute(select(schema.CampaignActivity.id).where(schema.CampaignActivity.desa_kode == BATAM)).scalar()
    Builder(db).report("2024-10-03", BATAM, activity=a4)
    with db.connect() as conn:
        assert not rollup.is_fresh(conn)
        got = coverage.activity_coverage(conn, CAMPAIGN, by=("provinsi",))
    assert got[["provinsi_kode", "activities", "supervised"]].values.tolist() == [["19", 3, 2], ["21", 1, 1]]


GROUPINGS = [(), ("provinsi",), ("kabupaten",), ("kecamatan",), ("desa",), ("day",), ("week",), ("metode",),
             ("sumber",), ("paslon",), ("provinsi", "week"), ("kabupaten", "week"), ("kecamatan", "week"),
             ("kecamatan", "paslon"), ("desa", "day"), ("metode", "sumber"), ("paslon", "metode")]


def _filter_cases(conn) -> list[Filters]:
    e = schema.Election
    bupati = conn.execute(select(e.id).where(e.jenis == "bupati")).scalar()
    pas = conn.execute(select(schema.Paslon.id).where(schema.Paslon.election_id == bupati)
                       .order_by(schema.Paslon.nomor_urut)).scalars().all()
    return [
        CAMPAIGN,
        Filters(),
        Filters(start=dt.date(2024, 10, 7), end=dt.date(2024, 10, 20)),  # two whole weeks
        Filters(start=dt.date(2024, 10, 9), end=dt.date(2024, 10, 9)),  # one Wednesday
        Filters(start=dt.date(2024, 7, 27), end=dt.date(2024, 9, 24)),  # the period before: empty
        CAMPAIGN.with_area(kecamatan=("19.03.01", "19.03.05")),
        CAMPAIGN.with_area(kecamatan=("19.03.01",), desa=(TOBOALI, RIAS)),
        CAMPAIGN.with_area(kabupaten=("19.03",)),
        CAMPAIGN.with_area(provinsi=("19",)),
        Filters(start=CAMPAIGN.start, end=CAMPAIGN.end, election_ids=(bupati,)),
        Filters(start=CAMPAIGN.start, end=CAMPAIGN.end, paslon_ids=(pas[0],)),
        Filters(start=dt.date(2024, 10, 1), end=dt.date(2024, 10, 31), paslon_ids=tuple(pas[:2]),
                kecamatan=("19.03.01",)),
    ]


def test_same_answers_as_the_raw_rows(demo_db):
    """Every grouping under every filter: the summaries give the raw rows' answer, row for row."""
    with demo_db.connect() as conn:
        assert rollup.is_fresh(conn)  # the demo generator built them
        for f, by in itertools.product(_filter_cases(conn), GROUPINGS):
            summary = rollup.source(conn, coverage._dimensions(f, by))
            assert summary is not None
            got = coverage._rollup_coverage(conn, summary, f, by)
            want = coverage._raw_coverage(conn, f, by)
            pd.testing.assert_frame_equal(got, want, check_dtype=False, obj=f"{by} {f}")


def test_partial_refresh_on_import_equals_a_full_rebuild(db):
    elections(db)
    b = Builder(db)
    b.region(BANGKA, provinsi_nama="Kepulauan Bangka Belitung")
    # Kabupaten Bangka's own race: a second gubernur race over all of 19 would make the file's
    # "gubernur" rows match two elections, which the importer refuses (IMPORT_SPEC)
    p = b.paslon(b.election("bupati", kode="bupati-bangka", wilayah="19.01"), 1)
    b.report("2024-10-02", BANGKA, activity=b.activity(p, "2024-10-02", BANGKA, kode="BANGKA-1"), nomor="BANGKA/LHP")
    _refresh(db)
    bangka_before = [r for r in _table(db, "activity_rollup_desa") if r[1] == "19.01"]

    assert import_file(db, xlsx(good_sheets()), "a.xlsx", "op").ok  # activities and LHP of 19.03 only
    with db.connect() as conn:
        assert rollup.is_fresh(conn)
    after_import = _all_tables(db)
    assert [r for r in after_import["activity_rollup_desa"] if r[1] == "19.01"] == bangka_before
    assert sum(r[-2] for r in after_import["activity_rollup_kabupaten"] if r[1] == "19.03") == 2
    _refresh(db)
    assert _all_tables(db) == after_import

    # a correction moves STTP/001 (supervised, Rias, 1 Oct) to 30 Sep: the summaries follow it
    moved = [KEGIATAN_HEADER, [*KEGIATAN[0][:4], "30/09/2024", *KEGIATAN[0][5:]]]
    result = import_file(db, xlsx({"kegiatan": moved}), "b.xlsx", "op")
    assert result.ok, [str(x) for x in result.problems]
    after_fix = _all_tables(db)
    rias = [r for r in after_fix["activity_rollup_desa"] if r[3] == RIAS]
    assert [(r[4], r[-2], r[-1]) for r in rias] == [(dt.date(2024, 9, 30), 1, 1)]
    _refresh(db)
    assert _all_tables(db) == after_fix


def test_summaries_stale_before_an_import_are_rebuilt_whole(db):
    elections(db)
    b = Builder(db)
    b.region(BANGKA, provinsi_nama="Kepulauan Bangka Belitung")
    # Kabupaten Bangka's own race: a second gubernur race over all of 19 would make the file's
    # "gubernur" rows match two elections, which the importer refuses (IMPORT_SPEC)
    p = b.paslon(b.election("bupati", kode="bupati-bangka", wilayah="19.01"), 1)
    _refresh(db)
    b.activity(p, "2024-10-02", BANGKA, kode="FIX-1")  # written past the summaries, in another kabupaten
    assert import_file(db, xlsx(good_sheets()), "a.xlsx", "op").ok
    with db.connect() as conn:
        assert rollup.is_fresh(conn)
    assert ("19", "19.01", dt.date(2024, 10, 2), 1, 0) in _table(db, "activity_rollup_kabupaten")
