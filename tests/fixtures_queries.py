"""The small hand-built database of the query tests (tests/test_queries.py), shared with the map
tests (tests/test_maps.py). A pytest plugin registered in tests/conftest.py, so a test asks for
``small`` by name; a test module that defines its own ``small`` fixture overrides this one."""
import datetime as dt

import pytest

from tests.builders import MALIK, PAYUNG, PONGOK, RIAS, TOBOALI, Builder


@pytest.fixture
def small(db):
    """Activities (pair, date, desa, LHPs):
    a1 p1 2024-10-01 Toboali  1 LHP   | a2 p1 2024-10-02 Rias  2 LHP | a3 p2 2024-10-08 Payung 0
    a4 p1 2024-10-09 Pongok   0       | a5 p2 2024-10-09 Malik 1 LHP | a6 p1 2024-11-20 Toboali 0
    plus a prevention LHP in Payung on 2024-10-20 with no activity.
    Cases: c1 laporan 2024-10-03 Toboali p1 -> tidak_diregistrasi 10-05;
           c2 temuan 2024-10-10 Payung p2 -> klarifikasi 10-12; c3 laporan 2024-10-11 Payung, no pair.
    TPS: Toboali 1 (500; tidak_dikenal 20, meninggal 5; 11-24), Toboali 2 (400; tidak_di_tempat 10;
         11-25, late), Payung 1 (300; none; 11-23)."""
    b = Builder(db)
    e1, e2 = b.election("bupati"), b.election("gubernur")
    p1, p2 = b.paslon(e1, 2, "Pasangan Bupati"), b.paslon(e2, 1, "Pasangan Gubernur")
    a1 = b.activity(p1, "2024-10-01", TOBOALI)
    a2 = b.activity(p1, "2024-10-02", RIAS)
    b.activity(p2, "2024-10-08", PAYUNG, kode="A3")
    b.activity(p1, "2024-10-09", PONGOK, kode="A4")
    a5 = b.activity(p2, "2024-10-09", MALIK)
    b.activity(p1, "2024-11-20", TOBOALI, kode="A6", recorded_at=dt.datetime(2024, 11, 21, 5, 30))
    b.report("2024-10-01", TOBOALI, activity=a1)
    b.report("2024-10-02", RIAS, activity=a2)
    b.report("2024-10-02", RIAS, activity=a2, jabatan="panwascam")
    b.report("2024-10-09", MALIK, activity=a5)
    b.report("2024-10-20", PAYUNG, bentuk="pencegahan")
    b.case("C1", "2024-10-03", TOBOALI, [("diterima", "2024-10-03"), ("kajian_awal", "2024-10-04"),
                                         ("tidak_diregistrasi", "2024-10-05")], paslon_id=p1, pelapor="Pelapor Satu")
    b.case("C2", "2024-10-10", PAYUNG, [("diterima", "2024-10-10"), ("kajian_awal", "2024-10-10"),
                                        ("diregistrasi", "2024-10-11"), ("klarifikasi", "2024-10-12")],
           sumber="temuan", jenis="netralitas_asn", paslon_id=p2)
    b.case("C3", "2024-10-11", PAYUNG, [("diterima", "2024-10-11")], jenis="apk")
    b.tps(TOBOALI, 1, 500, reasons={"tidak_dikenal": 20, "meninggal_dunia": 5}, report_date="2024-11-24")
    b.tps(TOBOALI, 2, 400, reasons={"tidak_di_tempat": 10}, report_date="2024-11-25")
    b.tps(PAYUNG, 1, 300, report_date="2024-11-23")
    return db, {"e1": e1, "e2": e2, "p1": p1, "p2": p2}
