"""charts.cases: pure figure builders checked through their figure spec, and the case table view."""
import datetime as dt

import pandas as pd

from charts import cases as ch
from charts.theme import BLUE, GREY, ORANGE, SKY, VERMILLION

D = dt.date


def bars(fig):
    return [t for t in fig.data if t.type == "bar"]


def text_trace(fig):
    return [t for t in fig.data if t.type == "scatter"][0]


def test_weekly_stacks_by_jenis_on_every_week_with_totals():
    df = pd.DataFrame({
        "week": [D(2024, 9, 23)] * 2 + [D(2024, 9, 30)] * 2 + [D(2024, 10, 7)] * 2,
        "jenis_dugaan": ["apk", "politik_uang"] * 3,
        "cases": [0, 0, 1, 2, 0, 1],
    })
    fig = ch.weekly_by_jenis(df)
    assert fig.layout.barmode == "stack"
    # Politik uang has 2 + 1 = 3 cases, APK 1: the bigger type comes first (bottom of the stack).
    assert [t.name for t in bars(fig)] == ["Politik uang", "Alat peraga kampanye"]
    assert list(bars(fig)[0].x) == ["23–29 Sep", "30 Sep–6 Okt", "7–13 Okt"]  # the empty week is kept
    assert list(bars(fig)[0].y) == [0, 2, 1] and list(bars(fig)[1].y) == [0, 1, 0]
    assert list(text_trace(fig).text) == ["0", "3", "1"]  # week totals 0, 1 + 2, 0 + 1
    assert fig.layout.yaxis.title.text == "Jumlah kasus"
    assert "kasus" in bars(fig)[0].hovertemplate


def test_weekly_folds_small_types_into_one_grey_series():
    kinds = ["apk", "politik_uang", "netralitas_asn", "pawai"]
    df = pd.DataFrame({"week": [D(2024, 9, 30)] * 4, "jenis_dugaan": kinds, "cases": [4, 3, 2, 1]})
    fig = ch.weekly_by_jenis(df, max_series=3)
    # keep the 2 biggest (APK 4, Politik uang 3); Netralitas ASN 2 + Pawai 1 = 3 fold into "Jenis lain (2)"
    assert [t.name for t in bars(fig)] == ["Alat peraga kampanye", "Politik uang", "Jenis lain (2)"]
    assert list(bars(fig)[2].y) == [3] and bars(fig)[2].marker.color == GREY


def test_sumber_bars_label_count_and_share():
    fig = ch.sumber_bars(pd.DataFrame({"sumber": ["laporan", "temuan"], "cases": [3, 1]}))
    bar = bars(fig)[0]
    assert list(bar.x) == ["Temuan", "Laporan"] and list(bar.y) == [1, 3]
    assert list(bar.text) == ["1 (25%)", "3 (75%)"]   # 1/4, 3/4
    assert list(bar.marker.color) == [ORANGE, BLUE]
    assert fig.layout.showlegend is False


def test_kecamatan_bars_sorted_with_zero_rows_and_totals():
    df = pd.DataFrame({"kecamatan_kode": ["19.03.01", "19.03.01", "19.03.02", "19.03.02", "19.03.05", "19.03.05"],
                       "kecamatan": ["Toboali", "Toboali", "Lepar Pongok", "Lepar Pongok", "Payung", "Payung"],
                       "sumber": ["laporan", "temuan"] * 3, "cases": [2, 1, 0, 0, 1, 0]})
    fig = ch.kecamatan_bars(df)
    temuan, laporan = bars(fig)
    assert (temuan.name, laporan.name) == ("Temuan", "Laporan")
    assert list(temuan.y) == ["Toboali", "Payung", "Lepar Pongok"]  # 3, 1, 0 cases
    assert list(temuan.x) == [1, 0, 0] and list(laporan.x) == [2, 1, 0]
    assert [t.strip() for t in text_trace(fig).text] == ["3", "1", "0"]
    assert fig.layout.yaxis.autorange == "reversed"  # first in order is drawn on top


def test_paslon_bars_name_cases_without_pair():
    df = pd.DataFrame({
        "paslon_id": [None, 4, 2, 2], "paslon": [None, "Hidayat Arsani - Hellyana", "Riza Herdavid - Debby Vita Dewi",
                                                 "Riza Herdavid - Debby Vita Dewi"],
        "nomor_urut": [None, 2, 2, 2], "election_jenis": [None, "gubernur", "bupati", "bupati"],
        "election_wilayah": [None, "19", "19.03", "19.03"],
        "sumber": ["laporan", "temuan", "temuan", "laporan"], "cases": [1, 2, 1, 3]})
    fig = ch.paslon_bars(df)
    temuan, laporan = bars(fig)
    assert list(temuan.y) == ["Pilbup 2<br>Riza Herdavid - Debby Vita Dewi", "Pilgub 2<br>Hidayat Arsani - Hellyana",
                              "Tanpa pasangan calon"]
    assert list(temuan.x) == [1, 2, 0] and list(laporan.x) == [3, 0, 1]
    # a top list (by_count): most cases first: Pilbup 2 (4), Pilgub 2 (2), no pair (1)
    temuan, _ = bars(ch.paslon_bars(df, by_count=True))
    assert [y.split("<br>")[0] for y in temuan.y] == ["Pilbup 2", "Pilgub 2", "Tanpa pasangan calon"]
    temuan, _ = bars(ch.paslon_bars(df.assign(cases=[9, 2, 1, 3]), by_count=True))
    assert [y.split("<br>")[0] for y in temuan.y] == ["Tanpa pasangan calon", "Pilbup 2", "Pilgub 2"]  # 9, 4, 2


def test_funnel_colours_and_shares():
    df = pd.DataFrame([("diterima", "path", 4), ("kajian_awal", "path", 4), ("tidak_diregistrasi", "exit", 1),
                       ("diregistrasi", "path", 3), ("diteruskan", "path", 2), ("diteruskan_kpu", "forward", 2),
                       ("dihentikan", "exit", 0)], columns=["stage", "kind", "cases"])
    bar = bars(ch.funnel(df))[0]
    assert list(bar.y) == ["<b>Diterima</b>", "<b>Kajian awal</b>", "↳ keluar: tidak diregistrasi",
                           "<b>Diregistrasi</b>", "<b>Diteruskan</b>", "→ ke KPU", "↳ keluar: dihentikan"]
    assert list(bar.x) == [4, 4, 1, 3, 2, 2, 0]
    # path shares of the 4 received: 100%, 100%, 3/4 = 75%, 2/4 = 50%
    assert list(bar.text) == ["4 (100%)", "4 (100%)", "1", "3 (75%)", "2 (50%)", "2", "0"]
    assert list(bar.marker.color) == [BLUE, BLUE, VERMILLION, BLUE, BLUE, SKY, VERMILLION]


def test_case_table_labels_and_never_personal_names():
    listed = pd.DataFrame({
        "nomor": ["K1", "K2"], "sumber": ["temuan", "laporan"], "jenis_dugaan": ["apk", "politik_uang"],
        "kecamatan": ["Toboali", "Payung"], "desa": ["Rias", "Payung"], "paslon": ["Pasangan Dua", None],
        "election_jenis": ["bupati", None], "tanggal_diterima": [D(2024, 10, 1), D(2024, 10, 2)],
        "status": ["dihentikan", "diterima"], "status_date": [D(2024, 10, 5), D(2024, 10, 2)],
        "age_days": [4, 9], "due": [D(2024, 10, 6), D(2024, 10, 7)], "overdue": [False, True],
        "pelapor": ["Nama Rahasia", None], "terlapor": [None, "Nama Rahasia Dua"]})
    out = ch.case_table(listed)
    assert list(out.columns) == ["Nomor", "Lewat batas waktu", "Diterima", "Batas waktu", "Umur (hari)", "Status",
                                 "Tanggal status", "Sumber", "Jenis dugaan", "Kecamatan", "Desa/kelurahan",
                                 "Pasangan calon"]
    first = out.iloc[0]  # newest case first
    assert (first["Nomor"], first["Lewat batas waktu"], first["Status"], first["Pasangan calon"], first["Sumber"]) \
        == ("K2", "Ya", "Diterima", "Tanpa pasangan calon", "Laporan")
    assert out.iloc[1]["Pasangan calon"] == "Pilbup · Pasangan Dua" and out.iloc[1]["Lewat batas waktu"] == "Tidak"
    assert "Nama Rahasia" not in out.to_csv()


def test_pairs_sharing_a_label_are_told_apart_by_their_region():
    # two regencies' elections each with a blank box (kolom kosong, nomor urut 2): two bars, each
    # named with its election's region; the Pilgub pair's label is unique and stays as it is
    df = pd.DataFrame({"paslon_id": [7, 9, 3], "paslon": ["Kolom kosong", "Kolom kosong", "Pasangan Gub"],
                       "nomor_urut": [2, 2, 1], "election_jenis": ["bupati", "bupati", "gubernur"],
                       "election_wilayah": ["19.03", "19.01", "19"], "sumber": ["laporan"] * 3, "cases": [4, 1, 2]})
    temuan, laporan = bars(ch.paslon_bars(df))
    assert list(laporan.y) == ["Pilbup 2<br>Kolom kosong (19.03)", "Pilbup 2<br>Kolom kosong (19.01)",
                               "Pilgub 1<br>Pasangan Gub"]
    assert list(laporan.x) == [4, 1, 2]  # not 5 on one merged bar
