"""A new office's database on every data page, driven with AppTest on SQLite and PostgreSQL (issue 16):

- areas only (the ``db`` fixture as it comes): one notice instead of the page; admins and operators
  are pointed to Impor Data and the reference workbook, everyone else to the admin;
- areas + an election + its pairs, no report: zero cards and "belum ada laporan", no chart, no
  percentage, never "change the filter" (nothing the filter could change would show a number).
"""
import pytest

from tests.apptest_utils import plotly_specs, run_app, sqlite_url, texts
from tests.builders import PAYUNG, TOBOALI, Builder

DATA_PAGES = {
    "pages/ringkasan.py": "Ringkasan",
    "pages/cakupan.py": "Cakupan Pengawasan",
    "pages/pelanggaran.py": "Tren Pelanggaran",
    "pages/formulir_c.py": "Formulir C",
    "pages/peta.py": "Peta",
    "pages/kualitas.py": "Kualitas Data",
}
WORKBOOK = "assets/referensi/pilkada_2024_bangka_selatan.xlsx"
FILTER_HINT = "Ubah"  # every "nothing matches the filter" message asks to change ("Ubah ...") the filter


def page_links(at) -> list[str]:
    return [el.proto.page for el in at.get("page_link")]


@pytest.fixture
def with_election(db):
    """Pilbup 2024 (campaign 25 Sep - 23 Nov 2024) with the kolom kosong and one pair; nothing else."""
    b = Builder(db)
    e = b.election("bupati")
    b.paslon(e, 1, "Kolom kosong", kolom_kosong=True)
    b.paslon(e, 2, "Pasangan Uji")
    return db


@pytest.mark.parametrize("role", ["admin", "operator"])
def test_areas_only_points_importers_to_impor_data_and_the_workbook(monkeypatch, db, role):
    for page, title in DATA_PAGES.items():
        at = run_app(monkeypatch, sqlite_url(db), page=page, role=role)
        assert not at.exception, (page, [e.value for e in at.exception])
        assert [t.value for t in at.title] == [title], page
        notices = [i.value for i in at.info]
        assert len(notices) == 1 and WORKBOOK in notices[0] and "Impor Data" in notices[0], page
        assert "impor" in page_links(at), page
        assert not at.metric and not plotly_specs(at) and not at.dataframe, page
        assert any("Belum ada pemilihan" in t for t in texts(at)), page


@pytest.mark.parametrize("role", ["pimpinan", "koordinator"])
def test_areas_only_points_readers_to_the_admin(monkeypatch, db, role):
    scope = ("19.03.01",) if role == "koordinator" else ()
    for page, title in DATA_PAGES.items():
        at = run_app(monkeypatch, sqlite_url(db), page=page, role=role, scope=scope)
        assert not at.exception, (page, [e.value for e in at.exception])
        assert [t.value for t in at.title] == [title], page
        notices = [i.value for i in at.info]
        assert len(notices) == 1 and "Hubungi admin" in notices[0] and WORKBOOK not in notices[0], page
        assert "impor" not in page_links(at), page
        assert not at.metric and not plotly_specs(at), page


def test_areas_only_leaves_impor_data_working(monkeypatch, db):
    at = run_app(monkeypatch, sqlite_url(db), page="pages/impor.py")
    assert not at.exception
    assert not any("Belum ada pemilihan" in t for t in texts(at))
    assert at.get("file_uploader")


def test_election_without_reports_shows_zeros_and_belum_ada_laporan(monkeypatch, with_election):
    # Cards per page: the report kinds the page is about, each 0 (counts), none a rate.
    expected = {
        "pages/ringkasan.py": ["Kegiatan kampanye", "Kasus pelanggaran", "Rekap Formulir C (TPS)"],
        "pages/cakupan.py": ["Kegiatan kampanye"],
        "pages/pelanggaran.py": ["Kasus pelanggaran"],
        "pages/formulir_c.py": ["Rekap Formulir C (TPS)"],
        "pages/peta.py": ["Kegiatan kampanye", "Kasus pelanggaran", "Rekap Formulir C (TPS)"],
        "pages/kualitas.py": ["Kegiatan kampanye", "Laporan Hasil Pengawasan", "Kasus pelanggaran",
                              "Rekap Formulir C (TPS)"],
    }
    for page, cards in expected.items():
        at = run_app(monkeypatch, sqlite_url(with_election), page=page)
        assert not at.exception, (page, [e.value for e in at.exception])
        assert [m.label for m in at.metric] == cards, page
        assert {m.value for m in at.metric} == {"0"}, page
        assert any("Belum ada laporan" in i.value for i in at.info), page
        assert not plotly_specs(at), page
        shown = " ".join(texts(at))
        assert "nan" not in shown.lower().split() and "0%" not in shown and "0,00%" not in shown, page
        assert not any(FILTER_HINT in i.value for i in at.info), page
        assert "impor" in page_links(at), page


def test_election_without_reports_reader_gets_no_import_link(monkeypatch, with_election):
    at = run_app(monkeypatch, sqlite_url(with_election), page="pages/cakupan.py", role="pimpinan")
    assert not at.exception
    assert any("belum diimpor oleh operator" in i.value for i in at.info)
    assert "impor" not in page_links(at)


def test_one_kind_present_other_kinds_still_say_belum_ada_laporan(monkeypatch, with_election):
    """One case and one LHP (not tied to an activity) in Toboali, no activity. Cakupan has no activity in
    the database at all: "belum ada laporan", the LHP notwithstanding. Pelanggaran filtered to Payung
    has no case there, but the database has one: that is the filter, so the page says so (no zero
    cards)."""
    b = Builder(with_election)
    b.case("001/LP/UJI", "2024-10-10", TOBOALI, [("diterima", "2024-10-10")])
    b.report("2024-10-10", TOBOALI, bentuk="pencegahan")
    url = sqlite_url(with_election)
    at = run_app(monkeypatch, url, page="pages/cakupan.py")
    assert not at.exception
    assert any("Belum ada laporan" in i.value for i in at.info)
    assert {m.label: m.value for m in at.metric} == {"Kegiatan kampanye": "0"}

    at = run_app(monkeypatch, url, page="pages/pelanggaran.py", query={"kec": "Payung"})
    assert not at.exception
    assert not at.metric and not any("Belum ada laporan" in i.value for i in at.info)
    assert any("Tidak ada kasus" in i.value and FILTER_HINT in i.value for i in at.info)


def test_koordinator_sees_belum_ada_laporan_for_an_empty_kecamatan(monkeypatch, with_election):
    """A case in Toboali only: the koordinator of Payung has no report in his area at all."""
    Builder(with_election).case("001/LP/UJI", "2024-10-10", TOBOALI, [("diterima", "2024-10-10")])
    at = run_app(monkeypatch, sqlite_url(with_election), page="pages/pelanggaran.py", role="koordinator",
                 scope=(PAYUNG[:8],))
    assert not at.exception
    assert any("Belum ada laporan" in i.value for i in at.info)
    assert {m.label: m.value for m in at.metric} == {"Kasus pelanggaran": "0"}
