"""A production database upgrades in place: rows written under an older schema survive every later
migration, and the constraints a migration adds hold on the upgraded database."""
import datetime as dt

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from data_access import schema, wilayah
from data_access.engine import make_engine
from data_access.migrate import upgrade
from tests.builders import RIAS, TOBOALI, Builder
from tests.conftest import _skip_or_fail_pg


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def empty_db(request, tmp_path, pg_server):
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    else:
        if pg_server is None:
            _skip_or_fail_pg()
        engine = pg_server.new_database()
    yield engine
    engine.dispose()


def _counts(engine):
    with engine.connect() as conn:
        return {t.__tablename__: conn.execute(select(func.count()).select_from(t)).scalar_one()
                for t in (schema.Kecamatan, schema.Desa, schema.Election, schema.Paslon,
                          schema.CampaignActivity, schema.SupervisionReport, schema.ViolationCase,
                          schema.CaseStatus, schema.Tps, schema.FormulirC)}


def test_rows_from_revision_0002_survive_the_upgrade_to_head(empty_db):
    upgrade(empty_db, "0002")
    wilayah.load_areas(empty_db)
    b = Builder(empty_db)
    pair = b.paslon(b.election("bupati"), 1)
    act = b.activity(pair, "2024-10-01", RIAS)
    b.report("2024-10-01", RIAS, activity=act)
    b.case("001/PL/UJI", "2024-10-02", TOBOALI, [("diterima", "2024-10-02"), ("kajian_awal", "2024-10-03")])
    tps = b.tps(RIAS, 1, 300, reasons={"tidak_dikenal": 12})
    before = _counts(empty_db)
    # Worked out by hand: 8 kecamatan, 53 desa, one of everything, two status rows.
    assert before == {"kecamatan": 8, "desa": 53, "election": 1, "paslon": 1, "campaign_activity": 1,
                      "supervision_report": 1, "violation_case": 1, "case_status": 2, "tps": 1,
                      "formulir_c": 1}

    upgrade(empty_db)  # to head

    assert _counts(empty_db) == before
    with empty_db.connect() as conn:
        fc = conn.execute(select(schema.FormulirC.dpt, schema.FormulirC.delivered,
                                 schema.FormulirC.undelivered_tidak_dikenal)).one()
    assert tuple(fc) == (300, 288, 12)
    # 0003's rule holds on the upgraded database: a recap's DPT must be its TPS's DPT.
    with pytest.raises(IntegrityError):
        with empty_db.begin() as conn:
            conn.execute(update(schema.FormulirC).where(schema.FormulirC.tps_id == tps)
                         .values(dpt=301, delivered=289))
    # ... while changing both in one transaction (what the importer does) is accepted.
    with empty_db.begin() as conn:
        conn.execute(update(schema.FormulirC).where(schema.FormulirC.tps_id == tps)
                     .values(dpt=310, delivered=298))
        conn.execute(update(schema.Tps).where(schema.Tps.id == tps).values(dpt=310))
    with empty_db.connect() as conn:
        assert conn.execute(select(schema.Tps.dpt)).scalar_one() == 310


def test_0006_admits_walikota_and_keeps_stored_elections(empty_db):
    """Before 0006 the database refuses a walikota election; after it, the stored bupati election,
    its pair and activity are still there and a walikota election is accepted (both engines)."""
    upgrade(empty_db, "0005")
    wilayah.load_areas(empty_db)
    b = Builder(empty_db)
    pair = b.paslon(b.election("bupati", kode="bupati-2024"), 2)
    b.activity(pair, "2024-10-01", RIAS)
    with pytest.raises(IntegrityError):
        b.election("walikota", kode="walikota-2024")
    before = _counts(empty_db)

    upgrade(empty_db, "0006")

    assert _counts(empty_db) == before
    b.election("walikota", kode="walikota-2024")
    with empty_db.connect() as conn:
        assert sorted(conn.execute(select(schema.Election.jenis)).scalars()) == ["bupati", "walikota"]
    with pytest.raises(IntegrityError):  # the constraint still refuses what is not a kind
        b._insert(
            schema.Election.__table__, {"kode": "camat-2024", "jenis": "camat", "nama": "x", "wilayah_kode": "19",
                                        "campaign_start": dt.date(2024, 9, 25), "campaign_end": dt.date(2024, 11, 23),
                                        "quiet_start": dt.date(2024, 11, 24), "quiet_end": dt.date(2024, 11, 26),
                                        "voting_day": dt.date(2024, 11, 27),
                                        "formulir_c_deadline": dt.date(2024, 11, 24)})
