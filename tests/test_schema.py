"""The schema itself refuses rows that break the rules, on both engines."""
import datetime as dt

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError

from data_access import schema
from tests.builders import PAYUNG, RIAS, TOBOALI, Builder


def test_migrations_match_models(db):
    with db.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}),
                                schema.Base.metadata)
    assert diff == []


def test_areas_loaded(db):
    with db.connect() as conn:
        assert len(conn.execute(select(schema.Kecamatan.kode)).all()) == 8
        assert len(conn.execute(select(schema.Desa.kode)).all()) == 53
        kel = conn.execute(select(schema.Desa.nama).where(schema.Desa.jenis == "kelurahan")).scalars().all()
        assert sorted(kel) == ["Tanjung Ketapang", "Teladan", "Toboali"]


def _recap(b: Builder, nomor: int, *, tps_dpt: int, dpt: int, delivered: int, tidak_dikenal: int = 0) -> dict:
    """A TPS in Toboali with ``tps_dpt`` voters, and a Formulir C recap row for it (not inserted)."""
    tps_id = b._insert(schema.Tps.__table__, {"desa_kode": TOBOALI, "nomor": nomor, "dpt": tps_dpt,
                                               "voting_day": dt.date(2024, 11, 27),
                                               "recorded_at": dt.datetime(2024, 11, 24)})
    return {"tps_id": tps_id, "dpt": dpt, "delivered": delivered, "undelivered_tidak_dikenal": tidak_dikenal,
            "undelivered_tidak_di_tempat": 0, "undelivered_meninggal_dunia": 0, "undelivered_pindah_domisili": 0,
            "undelivered_pindah_memilih": 0, "undelivered_lainnya": 0, "report_date": dt.date(2024, 11, 24),
            "recorded_at": dt.datetime(2024, 11, 24)}


def test_formulir_c_counts_must_sum_to_dpt(db):
    b = Builder(db)
    b.tps(TOBOALI, 1, 500, reasons={"tidak_dikenal": 20})  # consistent: accepted
    row = _recap(b, 2, tps_dpt=500, dpt=500, delivered=480, tidak_dikenal=19)
    with pytest.raises(IntegrityError):  # 480 + 19 = 499, not 500
        with db.begin() as conn:
            conn.execute(insert(schema.FormulirC), row)


def test_formulir_c_dpt_must_be_the_tps_dpt(db):
    row = _recap(Builder(db), 1, tps_dpt=500, dpt=450, delivered=450)
    with pytest.raises(IntegrityError):  # sums to its own 450, but the TPS has 500 voters
        with db.begin() as conn:
            conn.execute(insert(schema.FormulirC), row)
    with db.begin() as conn:  # 500 = 500: accepted
        conn.execute(insert(schema.FormulirC), {**row, "dpt": 500, "delivered": 500})


@pytest.mark.parametrize("table, column", [(schema.CampaignActivity, "tanggal"),
                                           (schema.SupervisionReport, "nama_pengawas"),
                                           (schema.ViolationCase, "jenis_dugaan")])
def test_missing_required_value_rejected(db, table, column):
    b = Builder(db)
    pair = b.paslon(b.election(), 1)
    act = b.activity(pair, "2024-10-01", RIAS)
    rep = b.report("2024-10-01", RIAS, activity=act)
    case = b.case("001/PL/UJI", "2024-10-02", TOBOALI, [("diterima", "2024-10-02")])
    row_id = {schema.CampaignActivity: act, schema.SupervisionReport: rep, schema.ViolationCase: case}[table]
    with pytest.raises(IntegrityError):  # NOT NULL
        with db.begin() as conn:
            conn.execute(update(table).where(table.id == row_id).values({column: None}))


def test_negative_counts_rejected(db):
    with pytest.raises(IntegrityError):
        Builder(db).tps(TOBOALI, 1, 500, reasons={"tidak_dikenal": 30, "lainnya": -10})


def test_tps_dpt_range_and_unique_number(db):
    b = Builder(db)
    b.tps(RIAS, 1, 600)
    with pytest.raises(IntegrityError):
        b.tps(RIAS, 1, 400)  # same desa, number and voting day
    with pytest.raises(IntegrityError):
        b.tps(RIAS, 2, 0)


def test_unknown_desa_rejected(db):
    b = Builder(db)
    p = b.paslon(b.election(), 1)
    with pytest.raises(IntegrityError):
        b.activity(p, "2024-10-01", "19.03.99.2001")


def test_enumerations_enforced(db):
    b = Builder(db)
    p = b.paslon(b.election(), 1)
    with pytest.raises(IntegrityError):
        b.activity(p, "2024-10-01", TOBOALI, metode="konser_akbar")
    with pytest.raises(IntegrityError):
        b.case("K1", "2024-10-01", TOBOALI, [("diperiksa", "2024-10-01")])


def test_case_dates_ordered(db):
    b = Builder(db)
    with pytest.raises(IntegrityError):  # status before receipt
        b.case("K1", "2024-10-05", TOBOALI, [("diterima", "2024-10-04")])
    with pytest.raises(IntegrityError):  # event after receipt
        b.case("K2", "2024-10-05", TOBOALI, [("diterima", "2024-10-05")], kejadian="2024-10-06")


def test_status_history_unique_per_day(db):
    b = Builder(db)
    with pytest.raises(IntegrityError):
        b.case("K1", "2024-10-05", TOBOALI, [("diterima", "2024-10-05"), ("diterima", "2024-10-05")])


def test_activity_pair_must_belong_to_its_election(db):
    b = Builder(db)
    bupati, gubernur = b.election("bupati"), b.election("gubernur")
    p_gub = b.paslon(gubernur, 1)
    b.paslon(bupati, 1)
    with pytest.raises(IntegrityError):
        with db.begin() as conn:
            conn.execute(insert(schema.CampaignActivity), {
                "kode": "X", "election_id": bupati, "paslon_id": p_gub, "metode": "tatap_muka_dialog",
                "tanggal": dt.date(2024, 10, 1), "desa_kode": PAYUNG, "sumber": "sttp",
                "recorded_at": dt.datetime(2024, 10, 1)})


def test_election_calendar_ordered(db):
    with pytest.raises(IntegrityError):
        Builder(db).election(campaign=("2024-11-23", "2024-09-25"))
    with pytest.raises(IntegrityError):
        Builder(db).election(formulir_c_deadline="2024-11-28")


def test_report_filed_before_supervision_rejected(db):
    with pytest.raises(IntegrityError):
        Builder(db).report("2024-10-05", TOBOALI, filed_on="2024-10-04")


def test_foreign_keys_enforced_on_update(db):
    b = Builder(db)
    rid = b.report("2024-10-05", TOBOALI)
    with pytest.raises(IntegrityError):
        with db.begin() as conn:
            conn.execute(update(schema.SupervisionReport).where(schema.SupervisionReport.id == rid)
                         .values(activity_id=999))


def test_read_only_engine_refuses_writes(db):
    from sqlalchemy.exc import DBAPIError

    from data_access.engine import make_engine

    ro = make_engine(db.url.render_as_string(hide_password=False), read_only=True)
    with ro.connect() as conn:
        assert conn.execute(select(schema.Desa.kode)).first() is not None  # reading works
    with pytest.raises(DBAPIError):
        with ro.begin() as conn:
            conn.execute(insert(schema.Meta), {"key": "x", "value": "y"})
    ro.dispose()
    with db.connect() as conn:
        assert conn.execute(select(schema.Meta.key).where(schema.Meta.key == "x")).first() is None
