"""The Cakupan Pengawasan page driven with AppTest on a small hand-built database (SQLite and
PostgreSQL) whose right answers are worked out by hand below, and on the demo database."""
import pytest

from tests.apptest_utils import chart, metrics, run_app, sqlite_url, texts
from tests.builders import MALIK, PAYUNG, PONGOK, RIAS, TOBOALI, Builder

PAGE = "pages/cakupan.py"


@pytest.fixture
def small_url(db):
    """Campaign 25 Sep - 23 Nov 2024 (both elections). Activities (pair, date, desa, method, LHPs):
        a1 p1 Tue 01 Oct Toboali(kel) tatap muka  1 LHP
        a2 p1 Wed 02 Oct Rias         tatap muka  2 LHP
        a3 p2 Thu 03 Oct Rias         pertemuan terbatas  0
        a4 p1 Wed 20 Nov Toboali(kel) rapat umum  1 LHP
        a5 p2 Tue 08 Oct Payung       tatap muka  0
        a6 p1 Wed 09 Oct Malik        tatap muka  1 LHP
        a7 p1 Wed 09 Oct Pongok       tatap muka  0
    plus a prevention LHP (no activity) in Payung on 19 Nov.
    p1 = Pilbup 2 "Pasangan Bupati", p2 = Pilgub 1 "Pasangan Gubernur"."""
    b = Builder(db)
    e1, e2 = b.election("bupati"), b.election("gubernur")
    p1, p2 = b.paslon(e1, 2, "Pasangan Bupati"), b.paslon(e2, 1, "Pasangan Gubernur")
    a1 = b.activity(p1, "2024-10-01", TOBOALI, lokasi="Lapangan A")
    a2 = b.activity(p1, "2024-10-02", RIAS)
    b.activity(p2, "2024-10-03", RIAS, metode="pertemuan_terbatas", kode="A3", lokasi="Gedung C")
    a4 = b.activity(p1, "2024-11-20", TOBOALI, metode="rapat_umum")
    b.activity(p2, "2024-10-08", PAYUNG, kode="A5")
    a6 = b.activity(p1, "2024-10-09", MALIK)
    b.activity(p1, "2024-10-09", PONGOK, kode="A7")
    b.report("2024-10-01", TOBOALI, activity=a1)
    b.report("2024-10-02", RIAS, activity=a2)
    b.report("2024-10-02", RIAS, activity=a2, jabatan="panwascam")
    b.report("2024-11-20", TOBOALI, activity=a4)
    b.report("2024-10-09", MALIK, activity=a6)
    b.report("2024-11-19", PAYUNG, bentuk="pencegahan")
    return sqlite_url(db)




def frame(at, column: str):
    """The one table on the page that has ``column``."""
    found = [el.value for el in at.dataframe if column in el.value.columns]
    assert len(found) == 1, column
    return found[0]


def test_whole_regency(monkeypatch, small_url):
    at = run_app(monkeypatch, small_url, page=PAGE)
    assert not at.exception, [e.value for e in at.exception]
    # 7 activities; supervised a1, a2, a4, a6 = 4; unsupervised a3, a5, a7 = 3; 4/7 = 57,142...% -> 57,1%
    # no activity in the quiet period (24-26 Nov): its own card says 0 (issue 18)
    assert metrics(at) == {"Kegiatan kampanye": "7", "Diawasi": "4", "Tidak diawasi": "3",
                           "Cakupan pengawasan": "57,1%", "Kegiatan di masa tenang": "0"}
    assert any("Cakupan pengawasan = kegiatan kampanye yang memiliki sedikitnya satu" in t for t in texts(at))

    # Kecamatan: Toboali a1 a2 a3 a4 -> 3/4; Payung a5 a6 -> 1/2; Kepulauan Pongok a7 -> 0/1. Worst on top.
    kec = chart(at, "cakupan_kecamatan")["data"][0]
    assert kec["y"] == ["Kepulauan Pongok", "Payung", "Toboali"]
    assert kec["text"] == ["0,0% (0/1)", "50,0% (1/2)", "75,0% (3/4)"]
    # Drill-down defaults to the worst kecamatan: Kepulauan Pongok -> desa Pongok 0/1.
    assert at.selectbox(key="cakupan_rinci").value == "19.03.08"
    assert chart(at, "cakupan_rinci_desa")["data"][0]["text"] == ["0,0% (0/1)"]
    at.selectbox(key="cakupan_rinci").set_value("19.03.01").run()
    drill = chart(at, "cakupan_rinci_desa")["data"][0]
    assert drill["y"] == ["Rias", "Toboali"] and drill["text"] == ["50,0% (1/2)", "100,0% (2/2)"]

    # Weeks (Mondays) 23 Sep ... 18 Nov = 9 weeks. 30 Sep: a1 a2 a3 (2 supervised); 7 Oct: a5 a6 a7
    # (1 supervised); 18 Nov: a4 (supervised); the rest empty.
    sup, unsup, line = chart(at, "cakupan_tren")["data"]
    assert len(sup["x"]) == 9 and sup["x"][1] == "30 Sep–6 Okt"
    assert sup["y"] == [0, 2, 1, 0, 0, 0, 0, 0, 1]
    assert unsup["y"] == [0, 1, 2, 0, 0, 0, 0, 0, 0]
    assert line["y"][1] == pytest.approx(2 / 3) and line["y"][2] == pytest.approx(1 / 3) and line["y"][8] == 1

    # Heatmap of unsupervised: Toboali a3 (week 30 Sep), Payung a5 and Pongok a7 (week 7 Oct);
    # one each, so rows in code order.
    hm = chart(at, "cakupan_heatmap")["data"][0]
    assert hm["y"] == ["Toboali", "Payung", "Kepulauan Pongok"]
    assert hm["z"] == [[0, 1, 0, 0, 0, 0, 0, 0, 0], [0, 0, 1, 0, 0, 0, 0, 0, 0], [0, 0, 1, 0, 0, 0, 0, 0, 0]]

    # Method: tatap muka a1 a2 a5 a6 a7 -> 3/5; pertemuan terbatas a3 -> 0/1; rapat umum a4 -> 1/1.
    metode = chart(at, "cakupan_metode")["data"][0]
    assert metode["y"] == ["Pertemuan terbatas", "Pertemuan tatap muka dan dialog", "Rapat umum"]
    assert metode["text"] == ["0,0% (0/1)", "60,0% (3/5)", "100,0% (1/1)"]
    # Pair: p2 a3 a5 -> 0/2; p1 a1 a2 a4 a6 a7 -> 4/5.
    paslon = chart(at, "cakupan_paslon")["data"][0]
    assert paslon["y"] == ["Pilgub 1 · Pasangan Gubernur", "Pilbup 2 · Pasangan Bupati"]
    assert paslon["text"] == ["0,0% (0/2)", "80,0% (4/5)"]

    # Unsupervised table: a3 (3 Oct), a5 (8 Oct), a7 (9 Oct).
    table = frame(at, "Nomor STTP/kode")
    assert list(table["Nomor STTP/kode"]) == ["A3", "A5", "A7"]
    assert list(table["Desa/kelurahan"]) == ["Rias", "Payung", "Pongok"]
    assert table.iloc[0]["Pasangan calon"] == "Pilgub 1 · Pasangan Gubernur"
    assert table.iloc[0]["Metode"] == "Pertemuan terbatas" and table.iloc[0]["Tempat"] == "Gedung C"

    # Wilayah sepi, window 17-23 Nov: LHPs there only in Toboali(kel) 20 Nov and Payung 19 Nov, so
    # 53 - 2 = 51 desa are quiet: 49 never had an LHP (Pongok first: 1 activity), then Rias
    # (last 2 Oct: 52 days to 23 Nov) and Malik (9 Oct: 45 days).
    assert any("51 dari 53 desa/kelurahan sepi" in t for t in texts(at))
    quiet = frame(at, "Hari tanpa LHP")
    assert len(quiet) == 51
    assert quiet.iloc[0]["Desa/kelurahan"] == "Pongok" and quiet.iloc[0]["Kegiatan dalam rentang"] == 1
    assert quiet.iloc[0]["LHP terakhir"] == "belum pernah"
    assert quiet.iloc[-2:][["Desa/kelurahan", "Hari tanpa LHP"]].values.tolist() == [["Rias", 52], ["Malik", 45]]


def test_one_kecamatan_shows_desa(monkeypatch, small_url):
    at = run_app(monkeypatch, small_url, page=PAGE, query={"kec": "Toboali"})
    assert not at.exception, [e.value for e in at.exception]
    # Toboali: a1 a2 a3 a4, supervised a1 a2 a4 -> 3/4 = 75,0%
    assert metrics(at) == {"Kegiatan kampanye": "4", "Diawasi": "3", "Tidak diawasi": "1",
                           "Cakupan pengawasan": "75,0%", "Kegiatan di masa tenang": "0"}
    # Desa level straight away (no kecamatan chart, no drill-down): Rias a2 a3 -> 1/2; Toboali a1 a4 -> 2/2
    keys = [el.proto.id for el in at.get("plotly_chart")]
    assert not any("cakupan_kecamatan" in k for k in keys)
    desa = chart(at, "cakupan_desa")["data"][0]
    assert desa["y"] == ["Rias", "Toboali"] and desa["text"] == ["50,0% (1/2)", "100,0% (2/2)"]
    hm = chart(at, "cakupan_heatmap")["data"][0]
    assert hm["y"] == ["Rias", "Toboali"] and hm["z"][0][1] == 1 and sum(map(sum, hm["z"])) == 1
    # 11 desa in Toboali; only Toboali(kel) had an LHP in 17-23 Nov -> 10 quiet
    assert any("10 dari 11 desa/kelurahan sepi" in t for t in texts(at))


def test_trend_per_day(monkeypatch, small_url):
    # 30 Sep - 9 Oct, per day: 1 Oct a1 (supervised), 2 Oct a2 (supervised), 3 Oct a3 (not),
    # 8 Oct a5 (not), 9 Oct a6 (supervised) and a7 (not); the other four days have no activity.
    at = run_app(monkeypatch, small_url, page=PAGE, query={"tanggal": ["2024-09-30", "2024-10-09"]})
    assert not at.exception, [e.value for e in at.exception]
    at.button_group(key="cakupan_periode").set_value("day").run()
    assert not at.exception, [e.value for e in at.exception]
    sup, unsup, line = chart(at, "cakupan_tren")["data"]
    assert sup["x"] == ["30 Sep", "1 Okt", "2 Okt", "3 Okt", "4 Okt", "5 Okt", "6 Okt", "7 Okt", "8 Okt", "9 Okt"]
    assert sup["y"] == [0, 1, 1, 0, 0, 0, 0, 0, 0, 1]
    assert unsup["y"] == [0, 0, 0, 1, 0, 0, 0, 0, 1, 1]
    # coverage per day; a day without activity has no coverage (a gap, not 0%)
    assert line["y"] == [None, 1, 1, 0, None, None, None, None, 0, 0.5]
    assert chart(at, "cakupan_tren")["layout"]["xaxis"]["title"]["text"] == "Tanggal kegiatan"


def test_unsupervised_table_reads_a_screen_and_counts_them_all(monkeypatch, small_url):
    from ui import components

    # 3 unsupervised activities (a3 3 Oct, a5 8 Oct, a7 9 Oct); 2 rows to a screen: the earliest two,
    # the count of all 3, and the note that the downloads hold all 3
    monkeypatch.setattr(components, "SCREEN_ROWS", 2)
    at = run_app(monkeypatch, small_url, page=PAGE)
    assert not at.exception, [e.value for e in at.exception]
    assert list(frame(at, "Nomor STTP/kode")["Nomor STTP/kode"]) == ["A3", "A5"]
    assert "3 kegiatan kampanye tanpa satu pun LHP, urut tanggal." in texts(at)
    assert any(t.startswith("Menampilkan 2 baris pertama dari 3.") for t in texts(at))
    # a screen the rows fit in: the plain count, no "Menampilkan"
    monkeypatch.setattr(components, "SCREEN_ROWS", 3)
    at = run_app(monkeypatch, small_url, page=PAGE)
    assert list(frame(at, "Nomor STTP/kode")["Nomor STTP/kode"]) == ["A3", "A5", "A7"]
    assert "3 kegiatan kampanye tanpa satu pun LHP, urut tanggal." in texts(at)
    assert not any(t.startswith("Menampilkan") and "dari 3." in t for t in texts(at))  # (the quiet desa list is cut)


def test_a_table_longer_than_a_screen_shows_its_first_rows_and_says_so(monkeypatch, small_url):
    """components.SCREEN_ROWS: at national size a TPS list of 40,000 rows crashed the page (pandas
    Styler's cell limit). Here a limit of 2 on the 3 unsupervised activities."""
    from ui import components

    monkeypatch.setattr(components, "SCREEN_ROWS", 2)
    at = run_app(monkeypatch, small_url, page=PAGE)
    assert not at.exception, [e.value for e in at.exception]
    assert list(frame(at, "Nomor STTP/kode")["Nomor STTP/kode"]) == ["A3", "A5"]
    assert "Menampilkan 2 baris pertama dari 3. Unduhan CSV dan Excel berisi semua 3 baris." in [
        c.value for c in at.caption]
