"""The Formulir C page driven with AppTest: on a small hand-built database whose right answers are
worked out below by hand, and on the demo database (published Bangka Selatan totals)."""
import pytest

from tests.apptest_utils import plotly_specs, run_app, sqlite_url, texts
from tests.builders import PAYUNG, PONGOK, RIAS, TOBOALI, Builder

PAGE = "pages/formulir_c.py"


@pytest.fixture
def small(db):
    """One voting day (27 Nov 2024, H-3 deadline 24 Nov 2024); five TPS recaps:

    TPS                           DPT  undelivered (reasons)            rate     recap date
    TPS 001 Toboali (Toboali)     500  45 (tidak dikenal 40, meninggal 5)  9%    24 Nov (on time)
    TPS 002 Toboali (Toboali)     400  48 (tidak di tempat 48)          12%      25 Nov (late)
    TPS 003 Rias (Toboali)        500  50 (tidak dikenal 50)            10%      23 Nov  <- exactly 10%
    TPS 001 Payung (Payung)       600   6 (pindah domisili 6)            1%      24 Nov
    TPS 001 Pongok (Kep. Pongok)  300  36 (tidak dikenal 33, lainnya 3) 12%      26 Nov (late)

    Regency: DPT 500+400+500+600+300 = 2.300; undelivered 45+48+50+6+36 = 185; delivered 2.115;
    185/2.300 = 8,043% -> "8,04%"; 2.115/2.300 = 91,957% -> "91,96%"; 5 TPS; 2 late recaps.
    Kecamatan, worst first: Kepulauan Pongok 36/300 = 12,00%; Toboali (45+48+50)/(500+400+500)
    = 143/1.400 = 10,21%; Payung 6/600 = 1,00%.
    Above the 10% threshold (strictly): TPS 002 Toboali and TPS 001 Pongok (both 12%; 48 > 36 forms,
    so Toboali first). TPS 003 Rias at exactly 10% is not above it.
    Toboali only: DPT 1.400, delivered 1.257, undelivered 143, 10,21%, delivered 1.257/1.400 = 89,79%,
    3 TPS, 1 late; per desa: Toboali 93/900 = 10,33%, Rias 50/500 = 10,00%."""
    b = Builder(db)
    b.election("bupati")
    b.tps(TOBOALI, 1, 500, reasons={"tidak_dikenal": 40, "meninggal_dunia": 5}, report_date="2024-11-24")
    b.tps(TOBOALI, 2, 400, reasons={"tidak_di_tempat": 48}, report_date="2024-11-25")
    b.tps(RIAS, 3, 500, reasons={"tidak_dikenal": 50}, report_date="2024-11-23")
    b.tps(PAYUNG, 1, 600, reasons={"pindah_domisili": 6}, report_date="2024-11-24")
    b.tps(PONGOK, 1, 300, reasons={"tidak_dikenal": 33, "lainnya": 3}, report_date="2024-11-26")
    return sqlite_url(db)


def kpis(at) -> dict[str, tuple[str, str]]:
    return {m.label: (m.value, m.proto.delta) for m in at.metric}


def test_regency_values_worked_out_by_hand(monkeypatch, small):
    at = run_app(monkeypatch, small, page=PAGE)
    assert not at.exception, [e.value for e in at.exception]
    k = kpis(at)
    assert k["DPT"] == ("2.300", "di 5 TPS")
    assert k["Terdistribusi"] == ("2.115", "91,96% dari DPT")
    assert k["Tidak terdistribusi"] == ("185", "8,04% dari DPT")
    assert k["Tidak terdistribusi (% DPT)"][0] == "8,04%"
    assert k["TPS melapor"] == ("5", "rekap terakhir 26 Nov 2024")
    assert k["Rekap lewat batas H-3"] == ("2", "batas 24 Nov 2024")
    assert any("Rabu, 27 November 2024" in t and "24 November 2024" in t for t in texts(at))

    area = at.dataframe[0].value
    assert area["Kecamatan"].tolist() == ["Kepulauan Pongok", "Toboali", "Payung"]
    assert area["Tidak terdistribusi (% DPT)"].tolist() == [12.0, 10.21, 1.0]
    assert area["DPT"].sum() == 2300 and area["Tidak terdistribusi"].sum() == 185  # rows sum to the regency
    assert area["Rekap lewat batas H-3"].tolist() == [1, 1, 0]

    above = at.dataframe[1].value
    assert above["TPS"].tolist() == ["TPS 002 Toboali (Toboali)", "TPS 001 Pongok (Kepulauan Pongok)"]
    assert any("**2** dari 5 TPS di atas ambang 10%" in t for t in texts(at))

    specs = {s["layout"]["title"]["text"].replace("<br>", " "): s for s in plotly_specs(at)}  # titles wrap for phones
    rank = next(s for title, s in specs.items() if title.startswith("5 TPS Tertinggi"))
    bar = rank["data"][0]
    assert bar["y"][:3] == ["TPS 002 Toboali (Toboali)", "TPS 001 Pongok (Kepulauan Pongok)",
                            "TPS 003 Rias (Toboali)"]
    assert bar["marker"]["color"][:3] == ["#D55E00", "#D55E00", "#6E6E6E"]  # 10% exactly: not red
    reasons = specs["Alasan Tidak Terdistribusi (seluruh wilayah filter)"]["data"][0]
    # tidak dikenal 40 + 50 + 33 = 123 of 185 = 66,49%
    assert reasons["y"][0] == "Tidak dikenal" and reasons["text"][0] == "123 · 66,49%"


def test_one_kecamatan_drills_down_to_desa(monkeypatch, small):
    at = run_app(monkeypatch, small, page=PAGE, query={"kec": "Toboali"})
    assert not at.exception, [e.value for e in at.exception]
    k = kpis(at)
    assert k["DPT"][0] == "1.400"
    assert k["Terdistribusi"] == ("1.257", "89,79% dari DPT")
    assert k["Tidak terdistribusi"] == ("143", "10,21% dari DPT")
    assert k["TPS melapor"][0] == "3" and k["Rekap lewat batas H-3"][0] == "1"
    area = at.dataframe[0].value
    assert area["Desa/kelurahan"].tolist() == ["Toboali", "Rias"]
    assert area["Tidak terdistribusi (% DPT)"].tolist() == [10.33, 10.0]
    assert at.dataframe[1].value["TPS"].tolist() == ["TPS 002 Toboali (Toboali)"]
    # The reference line stays the whole regency's rate (185/2.300).
    area_spec = next(s for s in plotly_specs(at) if s["layout"]["title"]["text"].startswith("Tidak Terdistribusi per"))
    assert any(a["text"] == "Kabupaten 8,04%" for a in area_spec["layout"]["annotations"])


def test_highlight_threshold_from_the_config_file(monkeypatch, small, pantau_config):
    # Ambang 9%: TPS 002 Toboali and TPS 001 Pongok (12%) and now TPS 003 Rias (10%) are above it;
    # TPS 001 Toboali at exactly 9% is not (strictly above), nor is Payung (1%).
    pantau_config(formulir_c={"highlight_rate": 0.09})
    at = run_app(monkeypatch, small, page=PAGE)
    assert not at.exception, [e.value for e in at.exception]
    assert any("**3** dari 5 TPS di atas ambang 9%" in t for t in texts(at))
    assert at.dataframe[1].value["TPS"].tolist() == ["TPS 002 Toboali (Toboali)", "TPS 001 Pongok (Kepulauan Pongok)",
                                                     "TPS 003 Rias (Toboali)"]
    rank = next(s for s in plotly_specs(at) if s["layout"]["title"]["text"].startswith("5 TPS Tertinggi"))["data"][0]
    assert rank["y"][:4] == ["TPS 002 Toboali (Toboali)", "TPS 001 Pongok (Kepulauan Pongok)", "TPS 003 Rias (Toboali)",
                             "TPS 001 Toboali (Toboali)"]
    assert rank["marker"]["color"][:4] == ["#D55E00", "#D55E00", "#D55E00", "#6E6E6E"]


def test_highlight_threshold_nothing_above(monkeypatch, small, pantau_config):
    # Ambang 12%: the two 12% TPS are at it, not above it, so none is highlighted.
    pantau_config(formulir_c={"highlight_rate": 0.12})
    at = run_app(monkeypatch, small, page=PAGE)
    assert not at.exception, [e.value for e in at.exception]
    assert any("Tidak ada TPS di atas ambang 12%" in s.value for s in at.success)
    assert len(at.dataframe) == 1  # only the area table


def test_level_switch_and_empty_state(monkeypatch, small):
    at = run_app(monkeypatch, small, page=PAGE)
    at.button_group[0].set_value("tps").run()
    assert not at.exception
    area = at.dataframe[0].value
    assert area["TPS"].tolist()[:2] == ["TPS 002 Toboali (Toboali)", "TPS 001 Pongok (Kepulauan Pongok)"]
    assert area["Lewat batas H-3"].tolist()[:2] == ["Ya", "Ya"]
    assert len(area) == 5

    empty = run_app(monkeypatch, small, page=PAGE, query={"kec": "Payung", "desa": "Malik (Payung)"})
    assert not empty.exception
    assert any("Tidak ada rekap Formulir C" in i.value for i in empty.info)
    assert not empty.metric and not plotly_specs(empty)


@pytest.fixture
def demo_url(_demo_sqlite):
    return sqlite_url(_demo_sqlite)


def test_demo_shows_published_totals_and_kecamatan_rows_sum_to_them(monkeypatch, demo_url):
    at = run_app(monkeypatch, demo_url, page=PAGE)
    assert not at.exception, [e.value for e in at.exception]
    k = kpis(at)
    # Bawaslu Basel, 3 Dec 2024: DPT 151.742; 143.476 delivered; 8.266 not (5,45%).
    assert k["DPT"] == ("151.742", "di 300 TPS")
    assert k["Terdistribusi"] == ("143.476", "94,55% dari DPT")
    assert k["Tidak terdistribusi"] == ("8.266", "5,45% dari DPT")
    assert k["Tidak terdistribusi (% DPT)"][0] == "5,45%"
    area = at.dataframe[0].value
    assert len(area) == 8
    assert area["DPT"].sum() == 151742 and area["Terdistribusi"].sum() == 143476
    assert area["Tidak terdistribusi"].sum() == 8266 and area["Jumlah TPS"].sum() == 300
    assert not any("tidak berlaku untuk data ini" in i.value for i in at.info)


def test_pair_and_date_filters_are_declared_not_applicable(monkeypatch, demo_url):
    at = run_app(monkeypatch, demo_url, page=PAGE, query={
        "paslon": "Pilgub 2 · Hidayat Arsani - Hellyana", "tanggal": ["2024-10-01", "2024-10-31"]})
    assert not at.exception, [e.value for e in at.exception]
    notices = [i.value for i in at.info]
    assert "Filter pasangan calon dan tanggal tidak berlaku untuk data ini." in notices
    assert kpis(at)["DPT"][0] == "151.742"  # the recap is the same whatever pair or dates are chosen


def test_above_threshold_table_reads_only_the_rows_it_shows(monkeypatch, small):
    """One row to a screen: the worst TPS above the threshold (TPS 002 Toboali, 12%, more forms than
    TPS 001 Pongok's 12%), a note that there are 2, and the count line still says 2 of 5."""
    from ui import components

    monkeypatch.setattr(components, "SCREEN_ROWS", 1)
    at = run_app(monkeypatch, small, page=PAGE)
    assert not at.exception, [e.value for e in at.exception]
    (above,) = [el.value for el in at.dataframe if "Alasan terbanyak" in el.value.columns]
    assert above["TPS"].tolist() == ["TPS 002 Toboali (Toboali)"]
    captions = [c.value for c in at.caption]
    assert "Menampilkan 1 baris pertama dari 2. Unduhan CSV dan Excel berisi semua 2 baris." in captions
    assert any("**2** dari 5 TPS di atas ambang 10%" in t for t in texts(at))
