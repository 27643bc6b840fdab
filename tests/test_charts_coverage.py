"""Cakupan Pengawasan: the shaping functions of ``metrics.coverage`` and the pure figure builders of
``charts.coverage``, on small frames whose right answers are worked out by hand in the comments."""
import datetime as dt
import json
import math

import pandas as pd
import pytest

from charts import coverage as charts
from charts.theme import BAD_SCALE, BLUE, VERMILLION
from metrics import coverage as m

D = dt.date


def spec(fig) -> dict:
    return json.loads(fig.to_json())


# ---------------------------------------------------------------- metrics.coverage shaping
def test_by_period_week_fills_every_week_of_the_range():
    # Range Wed 25 Sep .. Wed 16 Oct 2024 touches the weeks of Mondays 23 Sep, 30 Sep, 7 Oct, 14 Oct.
    rows = pd.DataFrame({"week": [D(2024, 9, 30), D(2024, 10, 14)], "activities": [4, 2], "supervised": [3, 0]})
    out = m.by_period(rows, "week", D(2024, 9, 25), D(2024, 10, 16))
    assert list(out["period"]) == [D(2024, 9, 23), D(2024, 9, 30), D(2024, 10, 7), D(2024, 10, 14)]
    assert list(out["activities"]) == [0, 4, 0, 2]
    assert list(out["unsupervised"]) == [0, 1, 0, 2]
    cov = list(out["coverage"])
    assert math.isnan(cov[0]) and cov[1] == 0.75 and math.isnan(cov[2]) and cov[3] == 0.0  # 3/4, 0/2


def test_by_period_day_covers_each_day():
    rows = pd.DataFrame({"day": [D(2024, 10, 2)], "activities": [5], "supervised": [5]})
    out = m.by_period(rows, "day", D(2024, 10, 1), D(2024, 10, 3))
    assert list(out["period"]) == [D(2024, 10, 1), D(2024, 10, 2), D(2024, 10, 3)]
    assert list(out["activities"]) == [0, 5, 0]
    with pytest.raises(ValueError):
        m.by_period(rows, "month", D(2024, 10, 1), D(2024, 10, 3))


def test_week_matrix_orders_areas_by_unsupervised():
    # Unsupervised = activities - supervised: A (code 01) 1+0 = 1, B (code 02) 0+3 = 3, C (03) 1.
    rows = pd.DataFrame({
        "kecamatan_kode": ["01", "01", "02", "03"],
        "week": [D(2024, 9, 30), D(2024, 10, 7), D(2024, 10, 7), D(2024, 9, 30)],
        "activities": [2, 1, 4, 1], "supervised": [1, 1, 1, 0]})
    weeks = [D(2024, 9, 23), D(2024, 9, 30), D(2024, 10, 7)]
    wide = m.week_matrix(rows, "kecamatan_kode", weeks)
    assert list(wide.index) == ["02", "01", "03"]  # 3, then the tie 1/1 in code order
    assert list(wide.columns) == weeks
    assert wide.loc["02"].tolist() == [0, 0, 3]
    assert wide.loc["01"].tolist() == [0, 1, 0]
    assert wide.loc["03"].tolist() == [0, 1, 0]
    acts = m.week_matrix(rows, "kecamatan_kode", weeks, "activities")
    assert acts.loc["01"].tolist() == [0, 2, 1]
    assert m.week_matrix(rows.iloc[0:0], "kecamatan_kode", weeks).empty


def test_rank_quiet_puts_never_reported_first():
    quiet = pd.DataFrame({
        "desa_kode": ["d1", "d2", "d3", "d4"], "last_report": [D(2024, 11, 1), None, D(2024, 10, 1), None],
        "activities": [9, 0, 1, 2], "days_quiet": [22, None, 53, None]})
    # never (d4: 2 activities, then d2: 0), then 53 days (d3), then 22 days (d1)
    assert list(m.rank_quiet(quiet)["desa_kode"]) == ["d4", "d2", "d3", "d1"]


# ---------------------------------------------------------------- charts.coverage
def _areas():
    # coverage: Alpha 21/24 = 87,5%; Beta 3/6 = 50,0%; Gamma 0/1 = 0,0%; Delta 3/6 = 50,0%; Empty 0/0 (left out)
    return m.with_coverage(pd.DataFrame({
        "kecamatan": ["Alpha", "Beta", "Gamma", "Delta", "Empty"],
        "activities": [24, 6, 1, 6, 0], "supervised": [21, 3, 0, 3, 0]}))


def test_coverage_bars_sorted_worst_on_top_with_counts_in_labels():
    s = spec(charts.coverage_bars(_areas(), "kecamatan", total=31 / 37))
    bar = s["data"][0]
    assert bar["type"] == "bar" and bar["orientation"] == "h"
    # ascending coverage; the tie Beta/Delta (both 3/6) keeps name order; Empty has no activities
    assert bar["y"] == ["Gamma", "Beta", "Delta", "Alpha"]
    assert bar["text"] == ["0,0% (0/1)", "50,0% (3/6)", "50,0% (3/6)", "87,5% (21/24)"]
    assert bar["marker"]["color"] == BLUE
    # the labels stand on their bars: inside when they fit, else just after the bar (issue 21: a
    # column of labels right of 100% was cut at phone width); plotly writes nothing on a bar of
    # length 0, so Gamma's label is a text trace at 0
    assert bar["textposition"] == "auto"
    zero = s["data"][1]
    assert zero["mode"] == "text" and zero["y"] == ["Gamma"] and zero["text"] == ["0,0% (0/1)"] and zero["x"] == [0]
    assert s["layout"]["xaxis"]["range"] == [0, 1.04]
    assert s["layout"]["yaxis"]["autorange"] == "reversed"  # first row drawn on top
    assert s["layout"]["xaxis"]["title"]["text"] == "Cakupan pengawasan (%)"
    assert s["layout"]["separators"] == ",."
    assert s["layout"]["showlegend"] is False
    # the dashed line of the whole filter: 31/37 = 83,78...% -> "83,8%"
    assert s["layout"]["shapes"][0]["x0"] == pytest.approx(31 / 37)
    assert s["layout"]["annotations"][0]["text"] == "Keseluruhan 83,8%"
    assert "Diawasi 21 dari 24 kegiatan" in bar["customdata"][3][0]
    assert [row[1] for row in bar["customdata"]] == [1, 6, 6, 24]


def test_metode_and_paslon_bars_use_official_labels():
    metode = m.with_coverage(pd.DataFrame({"metode": ["rapat_umum", "tatap_muka_dialog"],
                                           "activities": [2, 4], "supervised": [1, 4]}))
    assert spec(charts.metode_bars(metode))["data"][0]["y"] == ["Rapat umum", "Pertemuan tatap muka dan dialog"]
    paslon = m.with_coverage(pd.DataFrame({"paslon_id": [1, 2], "paslon": ["Riza - Debby", "Hidayat - Hellyana"],
                                           "nomor_urut": [2, 2], "election_jenis": ["bupati", "gubernur"],
                                           "election_wilayah": ["19.03", "19"],
                                           "activities": [4, 4], "supervised": [4, 1]}))
    bar = spec(charts.paslon_bars(paslon))["data"][0]
    assert bar["y"] == ["Pilgub 2 · Hidayat - Hellyana", "Pilbup 2 · Riza - Debby"]
    assert bar["text"] == ["25,0% (1/4)", "100,0% (4/4)"]


def test_trend_weekly_stacks_supervised_and_unsupervised_with_coverage_line():
    series = m.by_period(pd.DataFrame({"week": [D(2024, 9, 30), D(2024, 10, 7)], "activities": [4, 2],
                                       "supervised": [3, 0]}), "week", D(2024, 9, 30), D(2024, 10, 20))
    s = spec(charts.trend(series, "week"))
    sup, unsup, line = s["data"]
    assert s["layout"]["barmode"] == "stack"
    assert sup["x"] == ["30 Sep–6 Okt", "7–13 Okt", "14–20 Okt"]
    assert sup["y"] == [3, 0, 0] and unsup["y"] == [1, 2, 0]
    assert sup["marker"]["color"] == BLUE and unsup["marker"]["color"] == VERMILLION
    assert sup["name"] == "Diawasi" and unsup["name"] == "Tidak diawasi"
    assert line["yaxis"] == "y2" and line["y"] == [0.75, 0.0, None]  # 3/4, 0/2, no activity
    assert line["text"] == ["75%", "0%", ""]
    assert s["layout"]["yaxis"]["title"]["text"] == "Kegiatan (jumlah)"
    assert s["layout"]["yaxis2"]["ticktext"] == ["0%", "25%", "50%", "75%", "100%"]
    assert "Senin–Minggu" in s["layout"]["xaxis"]["title"]["text"]


def test_trend_daily_thins_ticks_to_one_per_week():
    start = D(2024, 9, 25)
    series = m.by_period(pd.DataFrame({"day": [start], "activities": [1], "supervised": [1]}),
                         "day", start, D(2024, 11, 23))  # 60 days
    s = spec(charts.trend(series, "day"))
    assert len(s["data"][0]["x"]) == 60
    assert s["layout"]["xaxis"]["tickvals"][:2] == ["25 Sep", "2 Okt"]
    assert "Rabu, 25 September 2024" in s["data"][0]["customdata"][0][0]


def test_heatmap_of_unsupervised_uses_bad_scale_and_numbers_in_cells():
    rows = pd.DataFrame({"kecamatan_kode": ["01", "02", "02"],
                         "week": [D(2024, 9, 30), D(2024, 9, 30), D(2024, 10, 7)],
                         "activities": [2, 3, 4], "supervised": [2, 1, 2]})
    weeks = [D(2024, 9, 30), D(2024, 10, 7)]
    fig = charts.unsupervised_heatmap(m.week_matrix(rows, "kecamatan_kode", weeks),
                                      m.week_matrix(rows, "kecamatan_kode", weeks, "activities"),
                                      {"01": "Alpha", "02": "Beta"}, "kecamatan")
    hm = spec(fig)["data"][0]
    assert hm["type"] == "heatmap"
    assert hm["y"] == ["Beta", "Alpha"]  # Beta 2+2 = 4 unsupervised, Alpha 0
    assert hm["x"] == ["30 Sep–6 Okt", "7–13 Okt"]
    assert hm["z"] == [[2, 2], [0, 0]]
    assert hm["texttemplate"] == "%{z}" and hm["zmin"] == 0
    assert [list(c) for c in hm["colorscale"]] == [list(c) for c in BAD_SCALE]
    assert hm["customdata"][0][1] == "Tidak diawasi: 2 dari 4 kegiatan"


def test_table_views_have_indonesian_columns():
    rows = pd.DataFrame({"kode": ["K1"], "tanggal": [D(2024, 10, 3)], "jam_mulai": [dt.time(9, 0)],
                         "paslon": ["Riza - Debby"], "election_jenis": ["bupati"], "nomor_urut": [2],
                         "metode": ["pertemuan_terbatas"], "sumber": ["sttp"], "kecamatan": ["Toboali"],
                         "desa": ["Rias"], "lokasi": ["Balai desa"]})
    view = charts.unsupervised_table(rows)
    assert list(view.columns) == ["Tanggal", "Jam mulai", "Pasangan calon", "Metode", "Kecamatan",
                                  "Desa/kelurahan", "Tempat", "Sumber", "Nomor STTP/kode"]
    assert view.iloc[0].tolist()[2:4] == ["Pilbup 2 · Riza - Debby", "Pertemuan terbatas"]
    quiet = pd.DataFrame({"kecamatan": ["Toboali", "Toboali"], "desa": ["Rias", "Rindik"],
                          "last_report": [D(2024, 10, 2), None], "days_quiet": [52, None], "activities": [0, 3]})
    qv = charts.quiet_table(quiet)
    assert list(qv.columns) == ["Kecamatan", "Desa/kelurahan", "LHP terakhir", "Hari tanpa LHP",
                                "Kegiatan dalam rentang"]
    assert qv["LHP terakhir"].tolist() == ["2 Okt 2024", "belum pernah"]
    assert qv["Hari tanpa LHP"].tolist()[0] == 52 and pd.isna(qv["Hari tanpa LHP"].tolist()[1])


def test_coverage_bar_labels_with_large_counts_stand_on_their_bars():
    """At national size a label reads "81,1% (12.011/14.807)" (21 characters): it is the bar's own
    text (inside the bar when it fits, else after it), so the axis no longer widens for it."""
    big = m.with_coverage(pd.DataFrame({"provinsi": ["Bali", "Riau"], "activities": [14_807, 14_375],
                                        "supervised": [12_011, 11_718]}))
    s = spec(charts.coverage_bars(big, "provinsi"))
    assert s["data"][0]["text"] == ["81,1% (12.011/14.807)", "81,5% (11.718/14.375)"]
    assert s["data"][0]["textposition"] == "auto" and s["data"][0]["cliponaxis"] is False
    assert s["layout"]["xaxis"]["range"] == [0, 1.04]


def test_busiest_pairs_for_the_coverage_chart():
    from metrics import coverage as cm

    df = pd.DataFrame({"paslon": ["A", "B", "C", "D"], "activities": [5, 0, 9, 5], "supervised": [5, 0, 1, 2]})
    top, n = cm.busiest(df, 2)
    assert n == 3  # B has no activity
    assert top["paslon"].tolist() == ["C", "A"]  # 9 activities, then 5 (A before D: their order)
    assert cm.busiest(df, 3)[0] is df


def test_coverage_pairs_sharing_a_label_are_told_apart():
    df = pd.DataFrame({"paslon_id": [7, 9], "paslon": ["Kolom kosong", "Kolom kosong"], "nomor_urut": [2, 2],
                       "election_jenis": ["bupati", "bupati"], "election_wilayah": ["19.03", "19.01"],
                       "activities": [4, 2], "supervised": [2, 2], "unsupervised": [2, 0], "coverage": [0.5, 1.0]})
    fig = charts.paslon_bars(df)
    assert list(fig.data[0].y) == ["Pilbup 2 · Kolom kosong (19.03)", "Pilbup 2 · Kolom kosong (19.01)"]
