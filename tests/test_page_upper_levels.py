"""Area breakdowns of a database of several regencies start at the widest level with more than one
area (metrics.areas.breakdown_levels): provinsi, then kabupaten/kota, then kecamatan.

Data: tests/test_upper_areas.py (Bangka Selatan 19.03 plus Kab. 19.01 in the same provinsi and
Kota Batam 21.71 in provinsi 21), worked by hand:

    provinsi                    activities supervised  cases  TPS  DPT  undelivered
    Kepulauan Bangka Belitung   3          2           2      3    900  60 (6,67%)
    Kepulauan Riau              1          0           1      1    100  50 (50%)
      kabupaten 19.03 Bangka Selatan  2 / 1   1 case   2 TPS  700  40 (5,71%)
      kabupaten 19.01 Kab. 19.01      1 / 1   1 case   1 TPS  200  20 (10%)
        kecamatan of 19.03: Toboali only (Toboali and Rias are both desa of Kec. Toboali)
"""
from __future__ import annotations

import pytest

from tests.apptest_utils import chart, run_app, sqlite_url
from tests.test_upper_areas import _data

BABEL, KEPRI = "Kepulauan Bangka Belitung", "Kepulauan Riau"
BASEL = "Bangka Selatan (Kepulauan Bangka Belitung)"  # the kabupaten's label in the filter bar


def _app(db, monkeypatch, page, query=None):
    at = run_app(monkeypatch, sqlite_url(db), page=page, query=query)
    assert not at.exception, at.exception
    return at


def _bars(spec) -> dict:
    bar = spec["data"][0]
    return dict(zip(bar["y"], bar["x"], strict=True))


def _total_activities(spec) -> int:
    return sum(a for a, _s in (c[1:] for c in spec["data"][0]["customdata"]))


def test_cakupan_starts_at_provinsi_then_kabupaten_then_kecamatan(db, monkeypatch):
    _data(db)
    at = _app(db, monkeypatch, "pages/cakupan.py")
    spec = chart(at, "cakupan_provinsi")
    assert spec["data"][0]["y"] == [KEPRI, BABEL]  # lowest coverage on top
    assert _bars(spec) == pytest.approx({KEPRI: 0.0, BABEL: 2 / 3})
    assert _total_activities(spec) == 4  # every activity is in exactly one provinsi bar
    # drill-down: the worst provinsi first, its kabupaten below
    assert _bars(chart(at, "cakupan_rinci_kabupaten")) == {"Kab. 21.71": 0.0}
    assert not any("cakupan_kecamatan" in el.proto.id for el in at.get("plotly_chart"))

    at = _app(db, monkeypatch, "pages/cakupan.py", {"prov": BABEL})
    spec = chart(at, "cakupan_kabupaten")
    assert _bars(spec) == pytest.approx({"Bangka Selatan": 0.5, "Kab. 19.01": 1.0})
    assert _total_activities(spec) == 3
    assert _bars(chart(at, "cakupan_rinci_kecamatan")) == pytest.approx({"Toboali": 0.5})

    at = _app(db, monkeypatch, "pages/cakupan.py", {"kab": BASEL})
    spec = chart(at, "cakupan_kecamatan")
    assert _bars(spec) == pytest.approx({"Toboali": 0.5})
    assert _total_activities(spec) == 2


def _cases(spec) -> dict:
    """Cases per bar, temuan + laporan summed over the stacked traces."""
    out: dict = {}
    for trace in spec["data"]:
        if trace["type"] == "bar":
            for y, x in zip(trace["y"], trace["x"], strict=True):
                out[y] = out.get(y, 0) + x
    return out


def test_pelanggaran_starts_at_provinsi_then_kabupaten_then_kecamatan(db, monkeypatch):
    _data(db)
    at = _app(db, monkeypatch, "pages/pelanggaran.py")
    spec = chart(at, "pel_provinsi")
    assert _cases(spec) == {BABEL: 2, KEPRI: 1}
    assert spec["data"][0]["y"] == [BABEL, KEPRI]  # most cases on top
    assert sum(_cases(spec).values()) == 3  # the three cases, each once

    at = _app(db, monkeypatch, "pages/pelanggaran.py", {"prov": BABEL})
    assert _cases(chart(at, "pel_kabupaten")) == {"Kab. 19.01": 1, "Bangka Selatan": 1}

    at = _app(db, monkeypatch, "pages/pelanggaran.py", {"kab": BASEL})
    per_kec = _cases(chart(at, "pel_kecamatan"))
    assert len(per_kec) == 8  # every kecamatan of Bangka Selatan, zeros included, as before
    assert per_kec["Toboali"] == 1 and sum(per_kec.values()) == 1


def test_formulir_c_starts_at_provinsi_then_kabupaten_then_kecamatan(db, monkeypatch):
    _data(db)
    at = _app(db, monkeypatch, "pages/formulir_c.py")
    spec = chart(at, "fc_area")
    # undelivered share of DPT, worst on top: Kepri 50/100, Babel 60/900
    assert spec["data"][0]["y"] == [KEPRI, BABEL]
    assert spec["data"][0]["x"] == pytest.approx([50.0, 60 / 900 * 100])
    table = at.dataframe[0].value
    assert list(table["Provinsi"]) == [KEPRI, BABEL]
    assert int(table["DPT"].sum()) == 1000 and int(table["Tidak terdistribusi"].sum()) == 110  # all TPS once

    at = _app(db, monkeypatch, "pages/formulir_c.py", {"prov": BABEL})
    spec = chart(at, "fc_area")
    assert dict(zip(spec["data"][0]["y"], spec["data"][0]["x"], strict=True)) == pytest.approx(
        {"Kab. 19.01": 10.0, "Bangka Selatan": 40 / 700 * 100})
    table = at.dataframe[0].value
    assert int(table["DPT"].sum()) == 900 and int(table["Tidak terdistribusi"].sum()) == 60

    at = _app(db, monkeypatch, "pages/formulir_c.py", {"kab": BASEL})
    spec = chart(at, "fc_area")
    assert dict(zip(spec["data"][0]["y"], spec["data"][0]["x"], strict=True)) == pytest.approx(
        {"Toboali": 40 / 700 * 100})


def test_ringkasan_attention_ranks_provinsi_then_kabupaten(db, monkeypatch):
    from tests.test_page_ringkasan import links

    _data(db)
    at = _app(db, monkeypatch, "pages/ringkasan.py")
    got = [(label, page, q) for label, page, q in links(at) if page in ("pelanggaran", "formulir_c")]
    # all three cases are past the 5-day deadline by the data stamp and undecided: Babel c1+c2, Kepri c3
    assert got == [
        ("**Kepulauan Bangka Belitung** · 2 kasus lewat batas (2 masih diproses)", "pelanggaran", {"prov": [BABEL]}),
        ("**Kepulauan Riau** · 1 kasus lewat batas (1 masih diproses)", "pelanggaran", {"prov": [KEPRI]}),
        ("**Kepulauan Riau** · 50,00% dari DPT (50 dari 100)", "formulir_c", {"prov": [KEPRI]}),
        ("**Kepulauan Bangka Belitung** · 6,67% dari DPT (60 dari 900)", "formulir_c", {"prov": [BABEL]}),
    ]

    at = _app(db, monkeypatch, "pages/ringkasan.py", {"prov": BABEL})
    got = [(label, q["kab"]) for label, page, q in links(at) if page == "formulir_c"]
    assert got == [("**Kab. 19.01** · 10,00% dari DPT (20 dari 200)", ["Kab. 19.01 (Kepulauan Bangka Belitung)"]),
                   ("**Bangka Selatan** · 5,71% dari DPT (40 dari 700)", [BASEL])]


def test_a_provinsi_or_kabupaten_link_applies_on_the_target_page(db, monkeypatch):
    """Following a Ringkasan link inside the session: the provinsi and kabupaten pickers take the
    link's area although they already had a value (as the kecamatan picker does)."""
    _data(db)
    at = _app(db, monkeypatch, "pages/ringkasan.py")
    assert at.multiselect(key="prov").value == []
    at.query_params["prov"] = KEPRI
    at.switch_page("pages/formulir_c.py").run()
    assert not at.exception
    assert at.multiselect(key="prov").value == ["21"]
    assert chart(at, "fc_area")["data"][0]["y"] == ["Kec. 21.71.01"]  # one kabupaten: its kecamatan
    at.query_params["prov"] = BABEL
    at.query_params["kab"] = BASEL
    at.switch_page("pages/pelanggaran.py").run()
    assert not at.exception
    assert at.multiselect(key="prov").value == ["19"] and at.multiselect(key="kab").value == ["19.03"]


def test_ringkasan_quality_scores_wait_for_one_kabupaten(db, monkeypatch):
    """Several regencies in scope: no per-kecamatan quality chart (its checks read every LHP), a
    note and the link instead; with one kabupaten chosen, the chart of its kecamatan."""
    _data(db)
    at = _app(db, monkeypatch, "pages/ringkasan.py")
    assert not any("ringkasan_quality" in el.proto.id for el in at.get("plotly_chart"))
    assert any("setelah satu kabupaten/kota dipilih" in c.value for c in at.caption)
    at = _app(db, monkeypatch, "pages/ringkasan.py", {"kab": BASEL})
    bars = chart(at, "ringkasan_quality")["data"][0]["y"]
    assert len(bars) == 8 and "Toboali" in bars  # the 8 kecamatan of Bangka Selatan, none of 19.01 or 21.71
    assert not any("setelah satu kabupaten/kota dipilih" in c.value for c in at.caption)


def test_maps_say_when_they_show_only_the_bundled_boundaries(db, monkeypatch):
    """Boundaries are bundled for Bangka Selatan only. Ringkasan draws no map while several regencies
    are in scope, and its map once Bangka Selatan is chosen; Peta draws the part it can and says how
    much: the database's 10 kecamatan are Bangka Selatan's 8 (bundled) plus one each in 19.01 and
    21.71 (not bundled), so 8 of 10; its table lists all of them."""
    _data(db)
    at = _app(db, monkeypatch, "pages/ringkasan.py")
    assert not any("ringkasan_map" in el.proto.id for el in at.get("plotly_chart"))
    at = _app(db, monkeypatch, "pages/ringkasan.py", {"kab": BASEL})
    assert any("ringkasan_map" in el.proto.id for el in at.get("plotly_chart"))

    at = _app(db, monkeypatch, "pages/peta.py")
    notes = [i.value for i in at.info if "Peta hanya menggambar" in i.value]
    assert notes == ["Peta hanya menggambar 8 dari 10 kecamatan dalam filter: Pantau baru memuat batas wilayah "
                     "Kabupaten Bangka Selatan. Angka semua wilayah ada di tabel di bawah."]
    at = _app(db, monkeypatch, "pages/peta.py", {"kab": BASEL})
    assert not any("Peta hanya menggambar" in i.value for i in at.info)
    assert any("peta_map" in el.proto.id for el in at.get("plotly_chart"))
