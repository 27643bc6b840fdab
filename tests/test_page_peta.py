"""The Peta page driven with AppTest on the demo database: the numbers the map draws are the page's
table numbers, filters apply, and a click on an area sets the shared filter."""
import pytest

from tests.apptest_utils import plotly_specs, run_app, sqlite_url, texts


@pytest.fixture
def demo_url(_demo_sqlite):
    return sqlite_url(_demo_sqlite)


def _map_and_table(at):
    spec = next(s for s in plotly_specs(at) if s["data"][0]["type"] == "choropleth")
    table = at.dataframe[0].value.set_index("Kode")
    return spec, table


def test_page_renders_with_stamp_and_credit(monkeypatch, demo_url):
    at = run_app(monkeypatch, demo_url, page="pages/peta.py")
    assert not at.exception, [e.value for e in at.exception]
    assert any("Data contoh" in t for t in texts(at)) and any("Data per" in t for t in texts(at))
    spec, table = _map_and_table(at)
    assert len(table) == 8
    credit = [a["text"] for a in spec["layout"]["annotations"]]
    assert any("cahyadsn/wilayah_boundaries (MIT)" in t for t in credit)


@pytest.mark.parametrize("measure, column", [("coverage", "Cakupan (%)"), ("unsupervised", "Tidak diawasi"),
                                             ("cases", "Kasus"),
                                             ("undelivered_rate", "Tidak terdistribusi (% DPT)")])
def test_values_drawn_equal_table_values(monkeypatch, demo_url, measure, column):
    at = run_app(monkeypatch, demo_url, page="pages/peta.py", query={"kec": "Toboali"})
    at.session_state["peta_tingkat"] = "desa"
    at.session_state["peta_ukuran"] = measure
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    spec, table = _map_and_table(at)
    assert len(table) == 11  # the 11 desa/kelurahan of Toboali
    coloured = spec["data"][0]
    drawn = dict(zip(coloured["locations"], coloured["z"], strict=True))
    shown = {k: v for k, v in table[column].items() if v == v}  # NaN: drawn grey, not coloured
    assert drawn == shown
    # The hover/label text is the same number in Indonesian format ("88,1%", "5,65%", "3"):
    # turned back into a number it equals the table's value.
    for code, custom in zip(coloured["locations"], coloured["customdata"], strict=True):
        assert custom[0] == code
        assert float(custom[2].replace(".", "").replace(",", ".").rstrip("%")) == pytest.approx(shown[code])


def test_area_filter_limits_the_table_and_greys_the_rest(monkeypatch, demo_url):
    at = run_app(monkeypatch, demo_url, page="pages/peta.py", query={"kec": "Payung"})
    assert not at.exception
    spec, table = _map_and_table(at)
    assert list(table.index) == ["19.03.05"]
    assert spec["data"][0]["locations"] == ["19.03.05"]
    assert len(spec["data"][1]["locations"]) == 7  # the other kecamatan: grey, still clickable


def test_formulir_c_measure_says_which_filters_do_not_apply(monkeypatch, demo_url):
    at = run_app(monkeypatch, demo_url, page="pages/peta.py", query={"pemilihan": "Pemilihan Bupati 2024"})
    at.session_state["peta_ukuran"] = "undelivered_rate"
    at.run()
    assert not at.exception
    assert any("tidak berlaku" in t for t in texts(at))


def test_formulir_c_measure_names_a_chosen_date_range_as_not_applying(monkeypatch, demo_url):
    """The info box (not the standing caption) names the date filter once one is chosen."""
    def notices(query):
        at = run_app(monkeypatch, demo_url, page="pages/peta.py", query=query)
        at.session_state["peta_ukuran"] = "undelivered_rate"
        at.run()
        assert not at.exception
        return [i.value for i in at.info if "tidak berlaku" in i.value]

    assert notices({}) == []  # the default range (the campaign period) is no choice to warn about
    chosen = notices({"tanggal": ["2024-10-01", "2024-10-31"]})
    assert len(chosen) == 1 and "tanggal" in chosen[0]


def test_ringkasan_ends_with_the_coverage_map(monkeypatch, demo_url):
    at = run_app(monkeypatch, demo_url)  # Ringkasan is the default page
    assert not at.exception, [e.value for e in at.exception]
    maps_ = [s for s in plotly_specs(at) if s["data"][0]["type"] == "choropleth"]
    assert len(maps_) == 1
    coloured = maps_[0]["data"][0]
    assert len(coloured["locations"]) == 8 and coloured["colorbar"]["title"]["text"].startswith("Cakupan")


@pytest.mark.parametrize("page", ["pages/peta.py", None])  # Peta and the small map on Ringkasan
def test_briefing_mode_writes_larger_names_on_the_map(monkeypatch, demo_url, page):
    from charts import maps

    def sizes(at):
        spec = next(s for s in plotly_specs(at) if s["data"][0]["type"] == "choropleth")
        bar = spec["data"][0]["colorbar"]
        return spec["data"][2]["textfont"]["size"], bar["title"]["font"]["size"], bar["tickfont"]["size"]

    normal = run_app(monkeypatch, demo_url, page=page)
    briefing = run_app(monkeypatch, demo_url, page=page, query={"mode": "briefing"})
    assert not normal.exception and not briefing.exception
    label = 17 if page else 16  # kecamatan names: 17 px on Peta, 16 px on the smaller Ringkasan map
    assert sizes(normal) == (label, 16, 15)
    # x 1.35: names 17 -> 22.95 (23) on Peta, 16 -> 21.6 (22) on Ringkasan; bar title 16 -> 21.6 (22);
    # bar ticks 15 -> 20.25 (20).
    assert maps.BRIEFING_TEXT_SCALE == 1.35
    assert sizes(briefing) == (23 if page else 22, 22, 20)


def test_ringkasan_map_answers_clicks(monkeypatch, demo_url):
    # A plotly chart drawn with on_select reports point selections; "ignore" (the old Ringkasan
    # map) leaves selection_mode empty. (The click itself: tests/e2e/test_maps_browser.py.)
    at = run_app(monkeypatch, demo_url)
    assert not at.exception
    (chart,) = [el for el in at.get("plotly_chart") if "ringkasan_map" in el.proto.id]
    (trend,) = [el for el in at.get("plotly_chart") if "ringkasan_trend" in el.proto.id]
    assert list(chart.proto.selection_mode) and not list(trend.proto.selection_mode)


@pytest.mark.parametrize("level, before, after", [
    # kecamatan: the clicked kecamatan become the filter and the desa filter is cleared.
    ("kecamatan", {"kec": ["19.03.01"], "desa": ["19.03.01.1001"]}, {"kec": ["19.03.05"], "desa": []}),
    # desa: only the desa filter changes.
    ("desa", {"kec": ["19.03.01"], "desa": []}, {"kec": ["19.03.01"], "desa": ["19.03.01.2003"]}),
])
def test_click_callback_sets_the_shared_filter(monkeypatch, level, before, after):
    import streamlit as st

    from ui import area_map

    clicked = "19.03.05" if level == "kecamatan" else "19.03.01.2003"
    state = {**before, "m": {"selection": {"points": [{"location": clicked}, {"location": "99.99"},
                                                      {"curve_number": 2, "lon": 1, "lat": 2}]}}}
    monkeypatch.setattr(st, "session_state", state)
    area_map.filter_to_clicked("m", level, [clicked, "19.03.01"])()
    assert {k: state[k] for k in ("kec", "desa")} == after
    # A click outside the known areas (a label, an empty selection) changes nothing.
    state["m"] = {"selection": {"points": []}}
    area_map.filter_to_clicked("m", level, [clicked])()
    assert {k: state[k] for k in ("kec", "desa")} == after


def test_grey_areas_are_explained_on_peta(monkeypatch, demo_url):
    at = run_app(monkeypatch, demo_url, page="pages/peta.py", query={"kec": "Payung"})
    assert not at.exception
    spec, _ = _map_and_table(at)
    assert len(spec["data"][1]["locations"]) == 7  # the other kecamatan, grey
    assert "Abu-abu: di luar filter atau tanpa data" in [a["text"] for a in spec["layout"]["annotations"]]
