"""Areas above the kabupaten: provinsi and kabupaten filters and groups, on hand-built data.

The database holds Bangka Selatan (19.03, in provinsi 19) plus, added here, one desa of Kab. Bangka
(19.01) and one desa of Kota Batam (21.71, provinsi 21):

    activity  kabupaten  supervised   case   TPS (dpt / undelivered)
    a1        19.03      yes          c1     Toboali 400 / 40
    a2        19.03      no                  Rias 300 / 0
    a3        19.01      yes          c2     Bangka 200 / 20
    a4        21.71      no           c3     Batam 100 / 50
"""
from __future__ import annotations

import pandas as pd

from data_access.filters import Filters
from data_access.queries import cases, coverage, formulir_c
from tests.builders import RIAS, TOBOALI, Builder
from tests.builders import d as D

BANGKA, BATAM = "19.01.01.2001", "21.71.01.1001"


def _data(db):
    b = Builder(db)
    b.region(BANGKA, provinsi_nama="Kepulauan Bangka Belitung")
    b.region(BATAM, provinsi_nama="Kepulauan Riau")
    p = b.paslon(b.election("gubernur"), 1)
    a1 = b.activity(p, "2024-10-01", TOBOALI)
    b.activity(p, "2024-10-01", RIAS)
    a3 = b.activity(p, "2024-10-02", BANGKA)
    b.activity(p, "2024-10-03", BATAM)
    b.report("2024-10-01", TOBOALI, activity=a1)
    b.report("2024-10-01", TOBOALI, activity=a1)  # a second LHP of the same activity counts once
    b.report("2024-10-02", BANGKA, activity=a3)
    b.report("2024-10-03", BATAM)  # a patrol without activity supervises nothing
    for nomor, desa in (("c1", TOBOALI), ("c2", BANGKA), ("c3", BATAM)):
        b.case(nomor, "2024-10-05", desa, [("diterima", "2024-10-05")], paslon_id=p)
    b.tps(TOBOALI, 1, 400, reasons={"tidak_dikenal": 40})
    b.tps(RIAS, 1, 300)
    b.tps(BANGKA, 1, 200, reasons={"meninggal_dunia": 20})
    b.tps(BATAM, 1, 100, reasons={"tidak_di_tempat": 50})


def _rows(df: pd.DataFrame, key: str, cols: list[str]) -> dict:
    return {r[key]: tuple(int(r[c]) for c in cols) for _, r in df.iterrows()}


def test_coverage_by_provinsi_and_kabupaten(db):
    _data(db)
    with db.connect() as conn:
        prov = coverage.activity_coverage(conn, Filters(), by=("provinsi",))
        kab = coverage.activity_coverage(conn, Filters(), by=("kabupaten",))
    assert _rows(prov, "provinsi_kode", ["activities", "supervised"]) == {"19": (3, 2), "21": (1, 0)}
    assert _rows(kab, "kabupaten_kode", ["activities", "supervised"]) == {
        "19.01": (1, 1), "19.03": (2, 1), "21.71": (1, 0)}
    assert set(kab["provinsi"]) == {"Kepulauan Bangka Belitung", "Kepulauan Riau"}


def test_provinsi_and_kabupaten_filters(db):
    _data(db)
    with db.connect() as conn:
        def total(f):
            row = coverage.activity_coverage(conn, f).iloc[0]
            return int(row["activities"]), int(row["supervised"])
        assert total(Filters()) == (4, 2)
        assert total(Filters(kabupaten=("19.03",))) == (2, 1)
        assert total(Filters(kabupaten=("19.01", "21.71"))) == (2, 1)
        assert total(Filters(provinsi=("19",))) == (3, 2)
        assert total(Filters(provinsi=("21",))) == (1, 0)
        # the narrowest area wins: a kecamatan inside the chosen provinsi narrows further
        assert total(Filters(provinsi=("19",), kecamatan=("19.01.01",))) == (1, 1)
        by_kab = cases.case_counts(conn, Filters(provinsi=("19",)), by=("kabupaten",))
        assert _rows(by_kab, "kabupaten_kode", ["cases"]) == {"19.01": (1,), "19.03": (1,)}


def test_formulir_c_by_upper_areas(db):
    _data(db)
    with db.connect() as conn:
        prov = formulir_c.delivery(conn, Filters(), by=("provinsi",))
        kab = formulir_c.delivery(conn, Filters(provinsi=("19",)), by=("kabupaten",))
    undelivered = [c for c in prov.columns if c.startswith("undelivered_")]
    prov = prov.assign(undelivered=prov[undelivered].sum(axis=1))
    kab = kab.assign(undelivered=kab[[c for c in kab.columns if c.startswith("undelivered_")]].sum(axis=1))
    assert _rows(prov, "provinsi_kode", ["tps", "dpt", "undelivered"]) == {"19": (3, 900, 60), "21": (1, 100, 50)}
    assert _rows(kab, "kabupaten_kode", ["tps", "dpt", "undelivered"]) == {"19.01": (1, 200, 20),
                                                                           "19.03": (2, 700, 40)}


def test_map_draws_only_areas_with_a_bundled_boundary():
    # Two kecamatan of Bangka Selatan (boundaries bundled) and one of Batam (none): the map gets the two
    import pandas as pd

    from charts import maps

    df = pd.DataFrame({"kode": ["19.03.01", "21.71.01", "19.03.05"], "nama": ["Toboali", "Batam", "Payung"]})
    assert list(maps.with_geometry(df, "kecamatan")["kode"]) == ["19.03.01", "19.03.05"]
    assert maps.with_geometry(df[df["kode"] == "21.71.01"], "kecamatan").empty


def test_filter_bar_offers_provinsi_and_kabupaten_only_when_there_are_several(db, monkeypatch):
    import pytest

    from tests.apptest_utils import run_app, sqlite_url

    if db.dialect.name != "sqlite":
        pytest.skip("the filter bar is the same code on both engines; the queries above run on both")
    url = sqlite_url(db)
    # Bangka Selatan alone: one provinsi, one kabupaten -> neither picker is drawn
    at = run_app(monkeypatch, url)
    labels = [w.label for w in at.sidebar.multiselect]
    assert "Provinsi" not in labels and "Kabupaten/kota" not in labels
    _data(db)
    at = run_app(monkeypatch, url, query={"prov": "Kepulauan Riau"})
    assert not at.exception
    labels = [w.label for w in at.sidebar.multiselect]
    assert "Provinsi" in labels and "Kabupaten/kota" in labels
    kab = next(w for w in at.sidebar.multiselect if w.label == "Kabupaten/kota")
    assert kab.options == ["Kab. 21.71 (Kepulauan Riau)"]  # limited to the chosen provinsi
    kec = next(w for w in at.sidebar.multiselect if w.label == "Kecamatan")
    assert kec.options == ["Kec. 21.71.01"]
    stamp = " ".join(str(c.value) for c in at.caption)
    assert "Kepulauan Riau" in stamp  # the chosen area is stamped on the page
    # Ringkasan counts only Batam's activity (a4): 1 activity, none supervised
    assert any(m.label.startswith("Kegiatan") and m.value == "1" for m in at.metric), \
        [(m.label, m.value) for m in at.metric]


def test_peta_without_boundaries_says_so_and_keeps_the_table(db, monkeypatch):
    import pytest

    from tests.apptest_utils import run_app, sqlite_url, texts

    if db.dialect.name != "sqlite":
        pytest.skip("page layout; the queries above run on both engines")
    _data(db)
    at = run_app(monkeypatch, sqlite_url(db), query={"prov": "Kepulauan Riau"}, page="pages/peta.py")
    assert not at.exception
    assert any("Batas peta untuk wilayah ini belum tersedia" in t for t in texts(at))
    assert not at.get("plotly_chart")  # no map drawn
    table = at.dataframe[0].value
    assert list(table.iloc[:, 0]) == ["21.71.01"]  # only Batam's one kecamatan, in the table
    assert "Kec. 21.71.01" in table.iloc[0].tolist()


def test_desa_picker_reads_only_the_desa_it_offers(db, monkeypatch):
    """The filter bar no longer reads every desa (84,000 nationally). With the picker's limit set to
    10 on Bangka Selatan (53 desa; Payung has 9, Toboali 11): nothing chosen -> no desa picker, only
    its count; Payung -> its 9 desa; Toboali -> too many; a link's desa is still checked by label."""
    import pytest

    from tests.apptest_utils import run_app, sqlite_url
    from ui import filters

    if db.dialect.name != "sqlite":
        pytest.skip("the filter bar is the same code on both engines; reference.desa_of is in test_parity")
    from data_access.queries import reference

    def every_desa(conn):
        raise AssertionError("the filter bar read every desa")

    monkeypatch.setattr(reference, "desa", every_desa)
    monkeypatch.setattr(filters, "MAX_AREA_OPTIONS", 10)
    Builder(db).election("bupati", kode="bupati-basel")  # without an election every page shows the set-up notice
    url = sqlite_url(db)

    def pickers(at):
        return {w.label: w for w in at.sidebar.multiselect}

    at = run_app(monkeypatch, url)
    assert "Desa/kelurahan" not in pickers(at)
    assert any("53 desa/kelurahan: pilih kecamatan lebih dulu" in c.value for c in at.sidebar.caption)
    at = run_app(monkeypatch, url, query={"kec": "Payung"})
    desa = pickers(at)["Desa/kelurahan"]
    assert len(desa.options) == 9 and "Malik (Payung)" in desa.options
    at = run_app(monkeypatch, url, query={"kec": "Toboali"})
    assert "Desa/kelurahan" not in pickers(at)
    assert any("11 desa/kelurahan" in c.value for c in at.sidebar.caption)
    # a link naming a desa: chosen, stamped on the page, no notice
    at = run_app(monkeypatch, url, query={"kec": "Payung", "desa": "Malik (Payung)"})
    assert pickers(at)["Desa/kelurahan"].value == ["19.03.05.2002"]
    assert not at.warning and any("Malik" in str(c.value) for c in at.caption)
    # a desa of another kecamatan: its own notice; a desa that does not exist: dropped as unknown
    at = run_app(monkeypatch, url, query={"kec": "Payung", "desa": ["Rias (Toboali)", "Bukan Desa (Payung)"]})
    warnings = " ".join(w.value for w in at.warning)
    assert "“Rias (Toboali)” pada tautan tidak termasuk kecamatan Payung" in warnings
    assert "Bukan Desa (Payung)" in warnings and pickers(at)["Desa/kelurahan"].value == []


def test_stamp_names_the_widest_level_when_no_area_is_chosen(db, monkeypatch):
    """Nothing chosen: "Semua kecamatan" on a regency's database, "Semua provinsi" on one of several
    provinsi (not "Semua kecamatan" over a country); a chosen provinsi is named."""
    import pytest

    from tests.apptest_utils import run_app, sqlite_url

    if db.dialect.name != "sqlite":
        pytest.skip("the filter bar is the same code on both engines")
    Builder(db).election("bupati", kode="bupati-basel")  # without an election every page shows the set-up notice
    url = sqlite_url(db)

    def stamp(at) -> str:
        return " ".join(str(c.value) for c in at.caption)

    at = run_app(monkeypatch, url)
    assert "Semua kecamatan" in stamp(at)
    _data(db)
    at = run_app(monkeypatch, url)
    assert "Semua provinsi" in stamp(at) and "Semua kecamatan" not in stamp(at)
    assert at.session_state["_pantau_selection"].slug().startswith("semua-provinsi")
    at = run_app(monkeypatch, url, query={"prov": "Kepulauan Riau"})
    assert "Kepulauan Riau" in stamp(at) and "Semua provinsi" not in stamp(at)


def test_all_areas_label_by_the_data_held():
    import pandas as pd

    from ui.filters import _all_areas

    one = pd.DataFrame({"kode": ["19.03"], "provinsi_kode": ["19"]})
    province = pd.DataFrame({"kode": ["19.01", "19.03"], "provinsi_kode": ["19", "19"]})
    country = pd.DataFrame({"kode": ["19.03", "21.71"], "provinsi_kode": ["19", "21"]})
    assert [_all_areas(k) for k in (one, province, country)] == [
        "Semua kecamatan", "Semua kabupaten/kota", "Semua provinsi"]


def test_case_counts_per_provinsi_and_kabupaten_with_a_second_key(db):
    """Counted per kecamatan first, then joined upwards (queries.cases._counted). By hand: c1 Toboali
    (19.03) laporan, c2 Bangka (19.01) laporan, c3 Batam (21.71) laporan, plus c4 a temuan in Rias
    (19.03, received 1 Oct: 5-day deadline passed by 20 Oct, still open) and c5 a temuan in Toboali
    decided on its third day."""
    _data(db)
    b = Builder(db)
    b.case("c4", "2024-10-01", RIAS, [("diterima", "2024-10-01")], sumber="temuan")
    b.case("c5", "2024-10-01", TOBOALI, [("diterima", "2024-10-01"), ("tidak_diregistrasi", "2024-10-03")],
           sumber="temuan")
    with db.connect() as conn:
        prov = cases.case_counts(conn, Filters(), by=("provinsi", "sumber"))
        assert [tuple(r) for r in prov[["provinsi_kode", "provinsi", "sumber", "cases"]].itertuples(index=False)] == [
            ("19", "Kepulauan Bangka Belitung", "laporan", 2), ("19", "Kepulauan Bangka Belitung", "temuan", 2),
            ("21", "Kepulauan Riau", "laporan", 1)]
        kab = cases.case_counts(conn, Filters(), by=("sumber", "kabupaten"))
        assert list(kab.columns) == ["sumber", "kabupaten_kode", "kabupaten", "provinsi_kode", "provinsi", "cases"]
        assert _rows(kab[kab["sumber"] == "temuan"], "kabupaten_kode", ["cases"]) == {"19.03": (2,)}
        # as of 20 Oct: c1-c3 (received 5 Oct) are 15 days open, c4 19 days: overdue; c5 decided in time
        dl = cases.deadline_counts(conn, Filters(), as_of=D("2024-10-20"), deadline_days=5, by=("kabupaten",))
        assert _rows(dl, "kabupaten_kode", ["cases", "decided", "overdue", "open_overdue"]) == {
            "19.01": (1, 0, 1, 1), "19.03": (3, 1, 2, 2), "21.71": (1, 0, 1, 1)}
        one = cases.case_counts(conn, Filters(kabupaten=("19.03",)), by=("provinsi",))
        assert _rows(one, "provinsi_kode", ["cases"]) == {"19": (3,)}  # c1, c4, c5
