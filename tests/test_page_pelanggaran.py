"""The Tren Pelanggaran page driven with AppTest on a small hand-built database (SQLite and
PostgreSQL) whose right answers are worked out by hand below, and on the demo database."""
import datetime as dt
import json

import pytest
from sqlalchemy import select

import config
from data_access import schema
from tests.apptest_utils import chart, metrics, plotly_specs, run_app, sqlite_url, texts
from tests.builders import PAYUNG, PONGOK, RIAS, TOBOALI, Builder
from texts import catalogue

PAGE = "pages/pelanggaran.py"
NAMES = ["Budi Terlapor Satu", "Siti Pelapor Dua", "Joko Terlapor Dua", "Agus Pelapor Tiga", "Rina Pelapor Empat",
         "Dewi Pelapor Enam"]


@pytest.fixture
def small_url(db):
    """Campaign 25 Sep - 23 Nov 2024 (the default date range). Deadline 3 + 2 = 5 days.
    The newest record is K4, written 20 Nov 2024 18:00 UTC = 21 Nov 01:00 WIB, so as_of = 21 Nov.

      case sumber  desa (kec)           pair      received    due     overdue?
      K1   temuan  Toboali (Toboali)    Pilbup 2  Tue 01 Oct  06 Oct  no: decided ON the due day
      K2   laporan Rias (Toboali)       Pilgub 1  Wed 02 Oct  07 Oct  yes: decided 1 day late
      K3   laporan Payung (Payung)      none      Wed 16 Oct  21 Oct  no
      K4   laporan Rias (Toboali)       Pilbup 2  Fri 15 Nov  20 Nov  yes: open, as_of 21 > 20
      K5   temuan  Pongok (Kep. Pongok) Pilgub 1  Sat 16 Nov  21 Nov  no: as_of 21 = due day
      K6   laporan Payung               none      Mon 25 Nov          outside the range: never counted

      statuses (date): K1 ... diteruskan_gakkumdu 06 Oct, dihentikan 20 Oct; K2 kajian_awal 03,
      tidak_diregistrasi 08; K3 ... kajian 21, bukan_pelanggaran 21; K4 ... klarifikasi 19 (open);
      K5 diterima (open); K6 diterima.
    """
    b = Builder(db)
    e1, e2 = b.election("bupati"), b.election("gubernur")
    p2, g1 = b.paslon(e1, 2, "Pasangan Dua"), b.paslon(e2, 1, "Pasangan Gub Satu")
    b.case("K1", "2024-10-01", TOBOALI, [("diterima", "2024-10-01"), ("kajian_awal", "2024-10-02"),
                                        ("diregistrasi", "2024-10-03"), ("klarifikasi", "2024-10-04"),
                                        ("kajian", "2024-10-05"), ("diteruskan_gakkumdu", "2024-10-06"),
                                        ("dihentikan", "2024-10-20")],
           sumber="temuan", jenis="politik_uang", paslon_id=p2, terlapor=NAMES[0])
    b.case("K2", "2024-10-02", RIAS, [("diterima", "2024-10-02"), ("kajian_awal", "2024-10-03"),
                                     ("tidak_diregistrasi", "2024-10-08")],
           jenis="apk", paslon_id=g1, pelapor=NAMES[1], terlapor=NAMES[2])
    b.case("K3", "2024-10-16", PAYUNG, [("diterima", "2024-10-16"), ("kajian_awal", "2024-10-17"),
                                       ("diregistrasi", "2024-10-18"), ("klarifikasi", "2024-10-20"),
                                       ("kajian", "2024-10-21"), ("bukan_pelanggaran", "2024-10-21")],
           jenis="politik_uang", pelapor=NAMES[3])
    b.case("K4", "2024-11-15", RIAS, [("diterima", "2024-11-15"), ("kajian_awal", "2024-11-16"),
                                     ("diregistrasi", "2024-11-17"), ("klarifikasi", "2024-11-19")],
           jenis="netralitas_asn", paslon_id=p2, pelapor=NAMES[4], recorded_at=dt.datetime(2024, 11, 20, 18, 0))
    b.case("K5", "2024-11-16", PONGOK, [("diterima", "2024-11-16")], sumber="temuan", jenis="apk", paslon_id=g1)
    b.case("K6", "2024-11-25", PAYUNG, [("diterima", "2024-11-25")], pelapor=NAMES[5])
    return sqlite_url(db)




def bar_values(spec: dict, axis: str) -> dict[str, list]:
    """name -> values of every bar trace."""
    return {t.get("name"): list(t[axis]) for t in spec["data"] if t["type"] == "bar"}


def test_whole_regency_by_hand(monkeypatch, small_url):
    assert config.get().cases.deadline_days == 5  # the arithmetic above assumes 3 + 2
    at = run_app(monkeypatch, small_url, page=PAGE)
    assert not at.exception, [e.value for e in at.exception]
    # K1..K5 (K6 is after 23 Nov). Temuan K1, K5; laporan K2, K3, K4. Decided (last status a decision):
    # K1 dihentikan, K2 tidak_diregistrasi, K3 bukan_pelanggaran; open K4, K5. Overdue K2, K4.
    assert metrics(at) == {"Jumlah kasus": "5", "Temuan": "2", "Laporan": "3", "Sudah diputus": "3",
                           "Masih diproses": "2", "Lewat batas waktu": "2"}

    weekly = chart(at, "pel_weekly")
    bars = bar_values(weekly, "y")
    x = next(t["x"] for t in weekly["data"] if t["type"] == "bar")
    # The range ends with the campaign (23 Nov), so the weekly chart goes on to the end of the quiet
    # period (26 Nov, issue 18): 10 weeks from Mon 23 Sep to Mon 25 Nov; cases in the weeks of 30 Sep
    # (K1, K2), 14 Oct (K3), 11 Nov (K4, K5) and 25 Nov (K6, in the quiet period; not in the cards)
    assert x == ["23–29 Sep", "30 Sep–6 Okt", "7–13 Okt", "14–20 Okt", "21–27 Okt", "28 Okt–3 Nov", "4–10 Nov",
                 "11–17 Nov", "18–24 Nov", "25 Nov–1 Des"]
    assert bars == {"Politik uang": [0, 1, 0, 1, 0, 0, 0, 0, 0, 1],          # K1, K3, K6
                    "Alat peraga kampanye": [0, 1, 0, 0, 0, 0, 0, 1, 0, 0],  # K2, K5
                    "Netralitas ASN": [0, 0, 0, 0, 0, 0, 0, 1, 0, 0]}        # K4
    assert catalogue.PELANGGARAN_QUIET.format(end="26 Nov 2024", range_end="23 Nov 2024") in texts(at)

    assert bar_values(chart(at, "pel_sumber"), "y") == {None: [2, 3]}

    kec = chart(at, "pel_kecamatan")
    temuan = next(t for t in kec["data"] if t.get("name") == "Temuan")
    laporan = next(t for t in kec["data"] if t.get("name") == "Laporan")
    per_kec = {k: a + b for k, a, b in zip(temuan["y"], temuan["x"], laporan["x"], strict=True)}
    # Toboali K1, K2, K4 = 3; Payung K3 = 1; Kepulauan Pongok K5 = 1; the other 5 kecamatan 0
    assert len(per_kec) == 8 and sum(per_kec.values()) == 5
    assert temuan["y"][:3] == ["Toboali", "Payung", "Kepulauan Pongok"]
    assert (per_kec["Toboali"], per_kec["Payung"], per_kec["Kepulauan Pongok"]) == (3, 1, 1)

    pair = chart(at, "pel_paslon")
    temuan = next(t for t in pair["data"] if t.get("name") == "Temuan")
    laporan = next(t for t in pair["data"] if t.get("name") == "Laporan")
    # Pilbup 2: K1 (temuan), K4 (laporan); Pilgub 1: K5 (temuan), K2 (laporan); no pair: K3 (laporan)
    assert temuan["y"] == ["Pilbup 2<br>Pasangan Dua", "Pilgub 1<br>Pasangan Gub Satu", "Tanpa pasangan calon"]
    assert temuan["x"] == [1, 1, 0] and laporan["x"] == [1, 1, 1]

    funnel = next(t for t in chart(at, "pel_funnel")["data"] if t["type"] == "bar")
    # reached: diterima 5; kajian awal K1-K4 = 4; tidak diregistrasi K2 = 1; diregistrasi K1, K3, K4 = 3;
    # klarifikasi 3; kajian K1, K3 = 2; bukan pelanggaran K3 = 1; diteruskan K1 = 1 (Gakkumdu); dihentikan K1 = 1
    assert dict(zip(funnel["y"], funnel["x"], strict=True)) == {
        "<b>Diterima</b>": 5, "<b>Kajian awal</b>": 4, "↳ keluar: tidak diregistrasi": 1, "<b>Diregistrasi</b>": 3,
        "<b>Klarifikasi</b>": 3, "<b>Kajian</b>": 2, "↳ keluar: bukan pelanggaran": 1, "<b>Diteruskan</b>": 1,
        "→ ke KPU": 0, "→ ke Sentra Gakkumdu": 1, "→ ke DKPP": 0, "→ ke instansi lain": 0,
        "↳ keluar: dihentikan": 1}

    table = at.dataframe[0].value.set_index("Nomor")
    assert list(table.index) == ["K5", "K4", "K3", "K2", "K1"]  # newest first
    assert table["Lewat batas waktu"].to_dict() == {"K5": "Tidak", "K4": "Ya", "K3": "Tidak", "K2": "Ya", "K1": "Tidak"}
    # age: K1 6 Oct - 1 Oct = 5; K2 8 - 2 = 6; K3 21 - 16 = 5; K4 21 Nov - 15 = 6; K5 21 - 16 = 5
    assert table["Umur (hari)"].to_dict() == {"K5": 5, "K4": 6, "K3": 5, "K2": 6, "K1": 5}
    assert table.loc["K4", "Batas waktu"] == dt.date(2024, 11, 20)
    assert table.loc["K1", "Status"] == "Dihentikan" and table.loc["K3", "Pasangan calon"] == "Tanpa pasangan calon"
    # the rule is explained on screen with its legal basis, its configurability and the reference day
    rule = next(t for t in texts(at) if "Batas waktu penanganan" in t)
    assert "Pasal 134" in rule and "config/pantau.toml" in rule and "21 Nov 2024" in rule
    assert len(at.main.get("download_button")) == 2  # the case table's CSV and XLSX (the sidebar has the PDF)


def test_one_kecamatan_by_hand(monkeypatch, small_url):
    at = run_app(monkeypatch, small_url, page=PAGE, query={"kec": "Toboali"})
    assert not at.exception
    # Toboali: K1 (temuan, decided in time), K2 (laporan, decided late), K4 (laporan, open, overdue)
    assert metrics(at) == {"Jumlah kasus": "3", "Temuan": "1", "Laporan": "2", "Sudah diputus": "2",
                           "Masih diproses": "1", "Lewat batas waktu": "2"}
    kec = chart(at, "pel_kecamatan")
    assert [(t["name"], list(t["y"]), list(t["x"])) for t in kec["data"] if t["type"] == "bar"] == [
        ("Temuan", ["Toboali"], [1]), ("Laporan", ["Toboali"], [2])]
    assert sorted(at.dataframe[0].value["Nomor"]) == ["K1", "K2", "K4"]


def test_one_election_by_hand(monkeypatch, small_url):
    # Pilbup: K1 and K4 (pair Pilbup 2); K3 has no election and drops out, K2 and K5 are Pilgub.
    at = run_app(monkeypatch, small_url, page=PAGE, query={"pemilihan": "Pemilihan Bupati 2024"})
    assert not at.exception and not at.warning, [e.value for e in at.exception]
    # K1 temuan decided in time; K4 laporan open, overdue
    assert metrics(at) == {"Jumlah kasus": "2", "Temuan": "1", "Laporan": "1", "Sudah diputus": "1",
                           "Masih diproses": "1", "Lewat batas waktu": "1"}
    assert list(at.dataframe[0].value["Nomor"]) == ["K4", "K1"]
    pair = chart(at, "pel_paslon")
    assert [(t["name"], list(t["y"]), list(t["x"])) for t in pair["data"] if t["type"] == "bar"] == [
        ("Temuan", ["Pilbup 2<br>Pasangan Dua"], [1]), ("Laporan", ["Pilbup 2<br>Pasangan Dua"], [1])]
    # both in kecamatan Toboali (K1 Toboali, K4 Rias)
    kec = {t["name"]: dict(zip(t["y"], t["x"], strict=True))
           for t in chart(at, "pel_kecamatan")["data"] if t["type"] == "bar"}
    assert (kec["Temuan"]["Toboali"], kec["Laporan"]["Toboali"]) == (1, 1)
    assert sum(kec["Temuan"].values()) + sum(kec["Laporan"].values()) == 2


def test_one_pair_by_hand(monkeypatch, small_url):
    # Pilgub 1: K2 (laporan, Rias, decided 1 day late) and K5 (temuan, Pongok, open, due day = as_of)
    at = run_app(monkeypatch, small_url, page=PAGE, query={"paslon": "Pilgub 1 · Pasangan Gub Satu"})
    assert not at.exception and not at.warning, [e.value for e in at.exception]
    assert metrics(at) == {"Jumlah kasus": "2", "Temuan": "1", "Laporan": "1", "Sudah diputus": "1",
                           "Masih diproses": "1", "Lewat batas waktu": "1"}
    table = at.dataframe[0].value.set_index("Nomor")
    assert table["Lewat batas waktu"].to_dict() == {"K5": "Tidak", "K2": "Ya"}
    # both are "alat peraga kampanye": K2 in the week of 30 Sep, K5 in the week of 11 Nov; the axis runs
    # on through the quiet period (week of 25 Nov, empty for this pair)
    assert bar_values(chart(at, "pel_weekly"), "y") == {"Alat peraga kampanye": [0, 1, 0, 0, 0, 0, 0, 1, 0, 0]}


def test_one_desa_by_hand(monkeypatch, small_url):
    # Rias: K2 (laporan, Pilgub 1, tidak diregistrasi 1 day late) and K4 (laporan, Pilbup 2, open, overdue)
    at = run_app(monkeypatch, small_url, page=PAGE, query={"desa": "Rias (Toboali)"})
    assert not at.exception and not at.warning, [e.value for e in at.exception]
    assert metrics(at) == {"Jumlah kasus": "2", "Temuan": "0", "Laporan": "2", "Sudah diputus": "1",
                           "Masih diproses": "1", "Lewat batas waktu": "2"}
    assert list(at.dataframe[0].value["Nomor"]) == ["K4", "K2"]
    pair = {t["name"]: dict(zip(t["y"], t["x"], strict=True))
            for t in chart(at, "pel_paslon")["data"] if t["type"] == "bar"}
    assert pair["Laporan"] == {"Pilbup 2<br>Pasangan Dua": 1, "Pilgub 1<br>Pasangan Gub Satu": 1}
    funnel = next(t for t in chart(at, "pel_funnel")["data"] if t["type"] == "bar")
    # K2: diterima, kajian awal, tidak diregistrasi; K4: diterima, kajian awal, diregistrasi, klarifikasi
    assert dict(zip(funnel["y"], funnel["x"], strict=True)) == {
        "<b>Diterima</b>": 2, "<b>Kajian awal</b>": 2, "↳ keluar: tidak diregistrasi": 1, "<b>Diregistrasi</b>": 1,
        "<b>Klarifikasi</b>": 1, "<b>Kajian</b>": 0, "↳ keluar: bukan pelanggaran": 0, "<b>Diteruskan</b>": 0,
        "→ ke KPU": 0, "→ ke Sentra Gakkumdu": 0, "→ ke DKPP": 0, "→ ke instansi lain": 0,
        "↳ keluar: dihentikan": 0}


@pytest.mark.parametrize("decision, extension, due_k5, overdue", [
    # 1 + 1 = 2 days: K1 due 3 Oct (decided 6 Oct), K2 due 4 Oct (decided 8 Oct), K3 due 18 Oct
    # (decided 21 Oct), K4 due 17 Nov and K5 due 18 Nov (both open on 21 Nov): all five late
    (1, 1, dt.date(2024, 11, 18), {"K5": "Ya", "K4": "Ya", "K3": "Ya", "K2": "Ya", "K1": "Ya"}),
    # 3 + 3 = 6 days: K1 due 7 Oct, K2 due 8 Oct (decided that day), K3 due 22 Oct, K4 due 21 Nov
    # (= the reference day), K5 due 22 Nov: none late
    (3, 3, dt.date(2024, 11, 22), {"K5": "Tidak", "K4": "Tidak", "K3": "Tidak", "K2": "Tidak", "K1": "Tidak"}),
])
def test_deadline_from_the_config_file(monkeypatch, small_url, pantau_config, decision, extension, due_k5,
                                      overdue):
    pantau_config(cases={"decision_days": decision, "extension_days": extension})
    at = run_app(monkeypatch, small_url, page=PAGE)
    assert not at.exception, [e.value for e in at.exception]
    late = sum(v == "Ya" for v in overdue.values())
    assert metrics(at)["Lewat batas waktu"] == str(late)
    table = at.dataframe[0].value.set_index("Nomor")
    assert table["Lewat batas waktu"].to_dict() == overdue
    assert table.loc["K5", "Batas waktu"] == due_k5
    rule = next(t for t in texts(at) if "Batas waktu penanganan" in t)
    assert f"{decision} + {extension} = {decision + extension}" in rule


def test_empty_filter_shows_empty_state_without_axes(monkeypatch, small_url):
    at = run_app(monkeypatch, small_url, page=PAGE, query={"kec": "Simpang Rimba"})
    assert not at.exception
    assert any("Tidak ada kasus" in i.value for i in at.info)
    assert not at.get("plotly_chart") and not at.dataframe and not at.metric


def _all_strings(at) -> str:
    parts = texts(at) + [json.dumps(s, ensure_ascii=False) for s in plotly_specs(at)]
    parts += [df.value.to_csv() for df in at.dataframe]
    return "\n".join(parts)


WIDE = {"tanggal": ["2024-09-01", "2024-12-31"]}  # K6 inside too: its pelapor must follow the same rule


@pytest.mark.parametrize("role, scope, query, cases", [
    ("operator", (), WIDE, "6"),                              # imports data, never reads names
    ("koordinator", ("19.03.01",), WIDE, "3"),                # Toboali: K1, K2, K4 and their names
    ("admin", (), {**WIDE, "mode": "briefing"}, "6"),         # a projected screen never shows names
])
def test_no_personal_names_without_the_right(monkeypatch, small_url, role, scope, query, cases):
    at = run_app(monkeypatch, small_url, page=PAGE, query=query, role=role, scope=scope)
    assert not at.exception, [e.value for e in at.exception]
    assert metrics(at)["Jumlah kasus"] == cases
    shown = _all_strings(at)
    for name in NAMES:
        assert name not in shown
    assert "Pelapor" not in at.dataframe[0].value.columns
    assert "Nama pelapor dan terlapor tidak ditampilkan." in texts(at)


@pytest.mark.parametrize("role", ["admin", "pimpinan"])
def test_names_shown_to_admin_and_pimpinan(monkeypatch, small_url, role):
    at = run_app(monkeypatch, small_url, page=PAGE, query=WIDE, role=role)
    assert not at.exception, [e.value for e in at.exception]
    table = at.dataframe[0].value.set_index("Nomor")
    # by hand from the fixture: K1 terlapor only, K2 both, K3 and K4 and K6 pelapor only, K5 neither
    assert table[["Pelapor", "Terlapor"]].fillna("").to_dict("index") == {
        "K6": {"Pelapor": "Dewi Pelapor Enam", "Terlapor": ""},
        "K5": {"Pelapor": "", "Terlapor": ""},
        "K4": {"Pelapor": "Rina Pelapor Empat", "Terlapor": ""},
        "K3": {"Pelapor": "Agus Pelapor Tiga", "Terlapor": ""},
        "K2": {"Pelapor": "Siti Pelapor Dua", "Terlapor": "Joko Terlapor Dua"},
        "K1": {"Pelapor": "", "Terlapor": "Budi Terlapor Satu"}}
    assert any(t.startswith("Nama pelapor dan terlapor ditampilkan sesuai hak akses") for t in texts(at))


@pytest.fixture
def demo_url(_demo_sqlite):
    return sqlite_url(_demo_sqlite)


def test_demo_kecamatan_rows_sum_to_total_and_no_names(monkeypatch, demo_url, _demo_sqlite):
    at = run_app(monkeypatch, demo_url, page=PAGE, role="operator")
    assert not at.exception
    total = int(metrics(at)["Jumlah kasus"])
    kec = chart(at, "pel_kecamatan")
    assert total > 0
    assert sum(sum(t["x"]) for t in kec["data"] if t["type"] == "bar") == total
    assert len(at.dataframe[0].value) == total
    with _demo_sqlite.connect() as conn:
        C = schema.ViolationCase
        names = {n for row in conn.execute(select(C.pelapor, C.terlapor)) for n in row if n}
    assert names, "the demo cases must carry names, or this check proves nothing"
    shown = _all_strings(at)
    assert not [n for n in names if n in shown]


def test_the_case_table_reads_only_the_rows_it_shows(monkeypatch, small_url):
    """With 2 rows to a screen the table reads the 2 newest cases (K5, K4; newest first, as always) and
    says how many there are; the cards still count all 5 (overdue K2 and K4, though K2 is not shown)."""
    from ui import components

    monkeypatch.setattr(components, "SCREEN_ROWS", 2)
    at = run_app(monkeypatch, small_url, page=PAGE)
    assert not at.exception, [e.value for e in at.exception]
    (table,) = [el.value for el in at.dataframe if "Nomor" in el.value.columns]
    assert list(table["Nomor"]) == ["K5", "K4"]
    assert "Menampilkan 2 baris pertama dari 5. Unduhan CSV dan Excel berisi semua 5 baris." in [
        c.value for c in at.caption]
    assert metrics(at)["Lewat batas waktu"] == "2" and metrics(at)["Jumlah kasus"] == "5"


def test_pair_chart_keeps_the_pairs_with_most_cases(monkeypatch, small_url):
    """Nationally there are ~1,500 pairs. With room for 1 bar: Pilbup 2 (K1, K4) and Pilgub 1 (K2, K5)
    both have 2 cases, "no pair" 1 (K3); the tie goes to the lower pair id, Pilbup 2, created first."""
    from charts import cases as case_charts

    monkeypatch.setattr(case_charts, "MAX_PAIR_BARS", 1)
    at = run_app(monkeypatch, small_url, page=PAGE)
    assert not at.exception, [e.value for e in at.exception]
    bars = chart(at, "pel_paslon")["data"][0]["y"]
    assert [y.split("<br>")[0] for y in bars] == ["Pilbup 2"]
    assert "1 pasangan calon dengan kasus terbanyak dari 3." in [c.value for c in at.caption]
