"""Boundaries join the database's areas; per-area measures and the map figure, checked against
values worked out by hand from the small database of the query tests (the ``small`` fixture of
tests/fixtures_queries.py)."""
import math

import pandas as pd
import pytest

from charts import maps
from data_access.filters import Filters
from data_access.queries import cases, coverage, formulir_c, reference
from metrics import areas
from tests.builders import KEC_PAYUNG, KEC_PONGOK, KEC_TOBOALI, RIAS, TOBOALI

LEPAR = "19.03.02"


# ---------------------------------------------------------------- boundaries <-> database areas
def test_every_boundary_joins_one_area_and_back(db):
    with db.connect() as c:
        kec = reference.kecamatan(c)
        desa = reference.desa(c)
    for level, rows, expected in (("kecamatan", kec, 8), ("desa", desa, 53)):
        features = maps.load_geojson(level)["features"]
        geo_codes = [f["id"] for f in features]
        assert len(geo_codes) == expected and len(set(geo_codes)) == expected  # no duplicate shapes
        assert len(rows) == expected and rows["kode"].is_unique
        assert set(geo_codes) == set(rows["kode"])  # no orphan shape, no area without a shape
    # Each desa shape sits in the kecamatan the database puts it in.
    parent = dict(zip(desa["kode"], desa["kecamatan_kode"], strict=True))
    for f in maps.load_geojson("desa")["features"]:
        assert f["properties"]["kode_kecamatan"] == parent[f["id"]]


# ---------------------------------------------------------------- per-area measures (both engines)
def _measures(db, level, f):
    with db.connect() as c:
        all_areas = reference.kecamatan(c) if level == "kecamatan" else reference.desa(c)
        drawn = areas.areas_to_draw(level, all_areas, f.kecamatan, f.desa)
        return areas.area_measures(
            level, drawn, coverage.activity_coverage(c, f, by=(level,)), cases.case_counts(c, f, by=(level,)),
            formulir_c.delivery(c, f, by=(level,)), kecamatan=f.kecamatan, desa=f.desa).set_index("kode")


def test_kecamatan_measures_by_hand(small):
    db, _ = small
    m = _measures(db, "kecamatan", Filters())
    assert len(m) == 8 and m["in_filter"].all()
    # Toboali: a1 (LHP), a2 Rias (LHP), a6 (none) -> 3 activities, 2 supervised, 1 unsupervised;
    # case C1; TPS 1 (DPT 500, 20+5 undelivered) + TPS 2 (400, 10) -> 35 / 900.
    t = m.loc[KEC_TOBOALI]
    assert (t.activities, t.supervised, t.unsupervised, t.cases, t.dpt, t.undelivered) == (3, 2, 1, 1, 900, 35)
    assert t.coverage == pytest.approx(2 / 3) and t.undelivered_rate == pytest.approx(35 / 900)
    # Payung: a3 (none), a5 Malik (LHP) -> 2, 1, 50%; cases C2, C3; TPS Payung 1: 300, none undelivered.
    p = m.loc[KEC_PAYUNG]
    assert (p.activities, p.supervised, p.cases, p.dpt, p.undelivered) == (2, 1, 2, 300, 0)
    assert p.coverage == 0.5 and p.undelivered_rate == 0.0
    # Kepulauan Pongok: a4 with no LHP -> coverage 0 (not "no data"); no TPS -> no rate.
    k = m.loc[KEC_PONGOK]
    assert (k.activities, k.unsupervised, k.coverage, k.cases) == (1, 1, 0.0, 0)
    assert math.isnan(k.undelivered_rate)
    # Lepar Pongok: nothing at all -> 0 counts, no coverage, no rate.
    lp = m.loc[LEPAR]
    assert (lp.activities, lp.cases, lp.dpt) == (0, 0, 0)
    assert math.isnan(lp.coverage) and math.isnan(lp.undelivered_rate)


def test_area_filter_marks_the_rest_outside(small):
    db, _ = small
    m = _measures(db, "kecamatan", Filters(kecamatan=(KEC_PAYUNG,)))
    assert list(m.index[m["in_filter"]]) == [KEC_PAYUNG]
    assert len(m) == 8  # the other kecamatan stay on the map (grey, clickable) ...
    assert m.loc[KEC_TOBOALI, ["activities", "cases", "dpt"]].isna().all()  # ... with nothing counted


def test_desa_level_draws_the_chosen_kecamatan(small):
    db, _ = small
    m = _measures(db, "desa", Filters(kecamatan=(KEC_TOBOALI,)))
    assert len(m) == 11 and m["in_filter"].all()  # the 11 desa/kelurahan of Toboali
    # Kelurahan Toboali: a1 (LHP) + a6 (none) -> 2 activities, 50%; C1; DPT 900, 35 undelivered.
    assert tuple(m.loc[TOBOALI, ["activities", "supervised", "cases", "dpt", "undelivered"]]) == (2, 1, 1, 900, 35)
    # Rias: a2 with two LHPs -> 1 activity, supervised; no TPS recap -> no rate.
    assert m.loc[RIAS, "coverage"] == 1.0 and math.isnan(m.loc[RIAS, "undelivered_rate"])
    # Choosing one desa keeps its kecamatan's other desa on the map, outside the filter.
    one = _measures(db, "desa", Filters(desa=(RIAS,)))
    assert len(one) == 11 and list(one.index[one["in_filter"]]) == [RIAS]


def test_worst_first_orders_each_measure_its_own_way():
    import pandas as pd

    df = pd.DataFrame({"kode": ["a", "b", "c"], "coverage": [0.9, float("nan"), 0.5], "cases": [1, 3, 2]})
    assert list(areas.worst_first(df, "coverage")["kode"]) == ["c", "a", "b"]  # low coverage first, none last
    assert list(areas.worst_first(df, "cases")["kode"]) == ["b", "c", "a"]  # most cases first


# ---------------------------------------------------------------- the figure (pure)
@pytest.fixture
def kec_table(small):
    db, _ = small
    return _measures(db, "kecamatan", Filters(kecamatan=(KEC_TOBOALI, KEC_PAYUNG, KEC_PONGOK))).reset_index()


def test_figure_draws_the_table_values(kec_table):
    fig = maps.choropleth(kec_table, "kecamatan", "coverage")
    coloured, grey, labels = fig.data
    # Coloured: the three chosen kecamatan with activities, in percent rounded to 1 decimal:
    # Toboali 2/3 = 66.7, Payung 1/2 = 50.0, Kepulauan Pongok 0/1 = 0.0.
    assert list(coloured.locations) == [KEC_TOBOALI, KEC_PAYUNG, KEC_PONGOK]
    assert list(coloured.z) == [66.7, 50.0, 0.0]
    table = maps.table_view(kec_table, "kecamatan", "coverage").set_index("Kode")
    assert [table.loc[k, "Cakupan (%)"] for k in coloured.locations] == list(coloured.z)
    # Hover and label text in Indonesian format.
    assert [c[2] for c in coloured.customdata] == ["66,7%", "50,0%", "0,0%"]
    assert "Cakupan pengawasan: 66,7% (2 dari 3 kegiatan)" in coloured.customdata[0][3]
    assert "Formulir C tidak terdistribusi: 3,89% DPT (35 dari 900)" in coloured.customdata[0][3]
    assert "Toboali<br>66,7%" in labels.text
    # Grey: the five kecamatan outside the filter, clickable, saying so on hover.
    assert len(grey.locations) == 5 and all("di luar filter" in c[3] for c in grey.customdata)
    # Coverage: 0-100 %, and 0 % is the dark (bad) end.
    assert (coloured.zmin, coloured.zmax) == (0, 100)
    assert coloured.colorscale[0][1].upper() == "#7F0000" and coloured.colorscale[-1][1].upper() == "#FFF7EC"
    assert "(%)" in coloured.colorbar.title.text and coloured.colorbar.ticksuffix == "%"


def test_counts_scale_from_zero_and_credit_is_on_the_map(kec_table):
    fig = maps.choropleth(kec_table, "kecamatan", "cases")
    coloured = fig.data[0]
    assert list(coloured.z) == [1, 2, 0]  # C1 in Toboali; C2, C3 in Payung; none in Pongok
    assert (coloured.zmin, coloured.zmax) == (0, 2)
    assert coloured.colorscale[-1][1].upper() == "#7F0000"  # most cases = darkest
    texts = [a.text for a in fig.layout.annotations]
    assert any("cahyadsn/wilayah_boundaries (MIT)" in t and "bukan batas definitif" in t for t in texts)
    assert fig.layout.separators == ",."


def test_undelivered_rate_without_tps_is_grey(kec_table):
    fig = maps.choropleth(kec_table, "kecamatan", "undelivered_rate")
    coloured, grey = fig.data[0], fig.data[1]
    # Toboali 35/900 = 3.888..% -> 3.89; Payung 0/300 = 0; Kepulauan Pongok has no TPS -> grey.
    assert dict(zip(coloured.locations, coloured.z, strict=True)) == {KEC_TOBOALI: 3.89, KEC_PAYUNG: 0.0}
    assert KEC_PONGOK in grey.locations


def test_offline_topojson_is_a_data_url_and_nothing_points_to_a_cdn(kec_table):
    assert maps.OFFLINE_TOPOJSON_URL.startswith("data:application/json,")
    assert maps.OFFLINE_TOPOJSON_URL.endswith("#")  # plotly's appended file name becomes a fragment
    spec = maps.choropleth(kec_table, "kecamatan", "coverage").to_json()
    assert "http" not in spec  # geojson inline, no tiles, no remote topojson
    assert "geo" in spec and "mapbox" not in spec and '"map"' not in spec


def test_selected_codes_keeps_area_clicks_only():
    sel = {"points": [{"location": "19.03.05", "curve_number": 1}, {"curve_number": 2, "lon": 1, "lat": 2},
                      {"location": "19.03.05"}, {"location": "99.99.99"}, {"location": "19.03.01"}]}
    assert maps.selected_codes(sel, ["19.03.01", "19.03.05"]) == ["19.03.05", "19.03.01"]
    assert maps.selected_codes(None, ["19.03.01"]) == []


def test_worst_labels_name_only_the_problem_areas(kec_table):
    fig = maps.choropleth(kec_table, "kecamatan", "cases", labels="worst")
    # Cases: Payung 2, Toboali 1, Kepulauan Pongok 0 (nothing to point at), the rest outside the filter.
    assert list(fig.data[2].text) == ["Toboali<br>1", "Payung<br>2"]
    assert len(maps.choropleth(kec_table, "kecamatan", "cases", labels=None).data) == 2


def test_every_kecamatan_is_named_on_its_map(small):
    db, _ = small
    table = _measures(db, "kecamatan", Filters()).reset_index()
    names = maps.choropleth(table, "kecamatan", "coverage").data[2].text
    assert len(names) == 8 and any(t.startswith("Kepulauan Pongok") for t in names)  # a small island too


def test_table_shows_indonesian_numbers_and_keeps_raw_values(kec_table):
    view = maps.table_view(kec_table, "kecamatan", "undelivered_rate")
    # Worst first: Toboali 3.89 % before Payung 0 %; Kepulauan Pongok (no TPS) last.
    assert list(view["Kode"]) == [KEC_TOBOALI, KEC_PAYUNG, KEC_PONGOK]
    shown = view.style.format(maps.TABLE_FORMATS).to_html()
    assert "3,89%" in shown and "66,7%" in shown and "900" in shown and "–" in shown
    assert view["Tidak terdistribusi (% DPT)"].iloc[0] == 3.89  # the download keeps the number


def test_briefing_scale_enlarges_every_text_on_the_map(kec_table):
    normal = maps.choropleth(kec_table, "kecamatan", "coverage", label_size=17)
    large = maps.choropleth(kec_table, "kecamatan", "coverage", label_size=17, text_scale=1.5)
    # By hand: 17 x 1.5 = 25.5 -> 26 px names; colour bar title 16 -> 24, ticks 15 -> 22.5 -> 22
    # (round half to even), credit 13 -> 19.5 -> 20, hover 15 -> 22.
    assert normal.data[2].textfont.size == 17 and large.data[2].textfont.size == 26
    assert (normal.data[0].colorbar.title.font.size, normal.data[0].colorbar.tickfont.size) == (16, 15)
    assert (large.data[0].colorbar.title.font.size, large.data[0].colorbar.tickfont.size) == (24, 22)
    assert large.layout.annotations[0].font.size == 20 and large.layout.hoverlabel.font.size == 22
    assert maps.BRIEFING_TEXT_SCALE > 1.25  # at least the page's own enlargement (16 -> 20 px root)


def test_labels_clear_of_each_other_by_hand():
    # 20 px type, 100 px per degree. "Abcd<br>50,0%": 5 characters x 0.55 x 20 = 55 px wide,
    # 2 lines x 1.25 x 20 = 50 px high. B sits 0.3 degree (30 px) right of A: the boxes overlap
    # (30 < 55), B is left out; C sits 1 degree (100 px) right of A and 0.45 degree (45 px) below
    # B: clear of A (100 > 55), and B is not kept, so C stays.
    texts = ["Abcd<br>50,0%"] * 3
    points = [(0.0, 0.0), (0.3, 0.0), (1.0, -0.45)]
    assert maps.clear_of_each_other([0, 1, 2], points, texts, 20, 100) == [0, 2]
    assert maps.clear_of_each_other([1, 0, 2], points, texts, 20, 100) == [1, 2]  # the first keeps its place
    # Half a box apart vertically is clear: 0.5 degree = 50 px = the box height, touching only.
    assert maps.clear_of_each_other([0, 1], [(0.0, 0.0), (0.0, 0.5)], texts, 20, 100) == [0, 1]


def _desa_table(cases_by_code: dict[str, int]):
    import pandas as pd

    from metrics.formulir_c import REASON_COLUMNS

    features = maps.load_geojson("desa")["features"]
    codes = [f["id"] for f in features]
    desa = pd.DataFrame({"kode": codes, "nama": [f["properties"]["nama_desa"] for f in features],
                         "kecamatan_kode": [f["properties"]["kode_kecamatan"] for f in features],
                         "kecamatan": [f["properties"]["nama_kecamatan"] for f in features]})
    cov = pd.DataFrame({"desa_kode": codes, "activities": [2] * len(codes), "supervised": [2] * len(codes)})
    cas = pd.DataFrame({"desa_kode": list(cases_by_code), "cases": list(cases_by_code.values())})
    dlv = pd.DataFrame(columns=["desa_kode", "tps", "dpt", *REASON_COLUMNS])
    return areas.area_measures("desa", desa, cov, cas, dlv)


def test_worst_labels_never_overlap_neighbours():
    # Tanjung Sangkar (3 cases) and Kumbung (2) are neighbours in Lepar Pongok whose label points
    # lie 0.016 degree apart in each direction (about 12 px on a 640 px map): both names drawn
    # would cover each other. Toboali (1 case) is far away. The worse of the two keeps its name.
    table = _desa_table({"19.03.02.2002": 3, "19.03.02.2004": 2, TOBOALI: 1})
    for scale in (1.0, maps.BRIEFING_TEXT_SCALE):
        fig = maps.choropleth(table, "desa", "cases", labels="worst", label_size=15, text_scale=scale)
        assert list(fig.data[2].text) == ["Toboali<br>1", "Tanjung Sangkar<br>3"], scale
    # With every name asked for, none is dropped (each area is big enough to hold its own).
    fig = maps.choropleth(table, "desa", "cases", labels="all", label_size=15)
    assert "Kumbung<br>2" in fig.data[2].text


def _lab(hex_colour: str) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of an sRGB colour, by the textbook formulas."""
    rgb = [int(hex_colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t):
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def test_lab_by_hand():
    assert _lab("#FFFFFF") == pytest.approx((100, 0, 0), abs=0.02)  # a, b: the 4-digit matrix
    assert _lab("#000000") == pytest.approx((0, 0, 0), abs=0.01)
    assert _lab("#808080")[0] == pytest.approx(53.59, abs=0.01)  # the textbook mid grey


def test_grey_stands_apart_from_every_scale_colour():
    from plotly.colors import sample_colorscale, unlabel_rgb

    from charts import theme

    grey = _lab(maps.OUTSIDE_GREY)
    palest = _lab(theme.BAD_SCALE[0][1])
    # Lightness alone (what every colour-vision deficiency keeps) tells it from the palest colour...
    assert palest[0] - grey[0] >= 15, (palest, grey)
    # ...and no colour anywhere on the scale is within a CIE76 distance of 15 of it.
    for sample in sample_colorscale(theme.BAD_SCALE, [i / 100 for i in range(101)]):
        colour = "#" + "".join(f"{round(c):02X}" for c in unlabel_rgb(sample))
        assert math.dist(grey, _lab(colour)) >= 15, colour


def test_grey_areas_are_explained_on_the_map(kec_table):
    fig = maps.choropleth(kec_table, "kecamatan", "coverage")
    # Five kecamatan outside the filter are grey; a box of the same grey, outlined like the areas,
    # says what grey means, above the map (the top margin makes room for it).
    (legend,) = [a for a in fig.layout.annotations if a.text == "Abu-abu: di luar filter atau tanpa data"]
    assert legend.bgcolor == fig.data[1].colorscale[0][1] == maps.OUTSIDE_GREY
    assert legend.bordercolor == fig.data[1].marker.line.color
    assert (legend.y, legend.yanchor) == (1, "bottom") and fig.layout.margin.t > maps.MARGIN["t"]
    assert maps.choropleth(kec_table, "kecamatan", "coverage", text_scale=1.35).layout.annotations[-1].font.size == 19


def test_no_grey_legend_without_grey_areas():
    import pandas as pd

    from metrics.formulir_c import REASON_COLUMNS

    features = maps.load_geojson("kecamatan")["features"]
    codes = [f["id"] for f in features]
    kec = pd.DataFrame({"kode": codes, "nama": [f["properties"]["nama_kecamatan"] for f in features]})
    cov = pd.DataFrame({"kecamatan_kode": codes, "activities": [2] * 8, "supervised": [1] * 8})
    table = areas.area_measures("kecamatan", kec, cov, pd.DataFrame({"kecamatan_kode": codes, "cases": [0] * 8}),
                                pd.DataFrame(columns=["kecamatan_kode", "tps", "dpt", *REASON_COLUMNS]))
    fig = maps.choropleth(table, "kecamatan", "coverage")
    assert list(fig.data[0].z) == [50.0] * 8 and len(fig.data[1].locations) == 0  # every one 1 of 2: none grey
    assert not [a for a in fig.layout.annotations if a.text.startswith("Abu-abu")]
    assert fig.layout.margin.t == maps.MARGIN["t"]


@pytest.mark.parametrize("top, step", [(1, 1), (2, 1), (5, 1), (6, 2), (10, 2), (11, 5), (37, 10), (250, 50),
                                       (1234, 500)])
def test_count_ticks_are_whole_and_few(top, step):
    assert maps.count_step(top) == step


def test_count_colour_bar_has_whole_ticks(kec_table):
    bar = maps.choropleth(kec_table, "kecamatan", "cases").data[0].colorbar
    # Cases 1, 2, 0 (see above): the bar runs 0-2 with ticks 0, 1, 2, not 0, 0.5, ... shown as "0 1 1 2 2".
    assert (bar.tickmode, bar.tick0, bar.dtick) == ("linear", 0, 1)
    assert maps.choropleth(kec_table, "kecamatan", "coverage").data[0].colorbar.tickmode is None  # 0-100 %


def test_selection_total_sums_the_areas_inside_the_filter():
    """The Peta headline card: counts of the in-filter areas summed, shares from the sums. Hand-worked:
    inside, activities 3 + 2 = 5, supervised 2 + 1 = 3 -> coverage 3/5 = 60%, unsupervised 2; cases
    1 + 2 = 3; undelivered 35 + 5 = 40 of DPT 900 + 100 = 1000 -> 4%. The area outside the filter
    (its counts made large here on purpose) adds nothing; a mean of the two shares would be 58,3%."""
    df = pd.DataFrame({"in_filter": [True, True, False], "activities": [3.0, 2.0, 100.0],
                       "supervised": [2.0, 1.0, 100.0], "cases": [1.0, 2.0, 50.0], "tps": [2.0, 1.0, 9.0],
                       "dpt": [900.0, 100.0, 5000.0], "undelivered": [35.0, 5.0, 900.0]})
    total = areas.selection_total(df).iloc[0]
    assert total["coverage"] == pytest.approx(0.6) and total["unsupervised"] == 2
    assert total["cases"] == 3 and total["undelivered_rate"] == pytest.approx(0.04)
    assert maps.value_text(areas.selection_total(df), "coverage") == ["60,0%"]
