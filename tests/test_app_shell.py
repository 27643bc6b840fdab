"""The entry point: filter bar, URL handling and page navigation, driven with AppTest."""
import pytest

from tests.apptest_utils import run_app, sqlite_url, texts

PAGES = ["pages/ringkasan.py", "pages/cakupan.py", "pages/pelanggaran.py", "pages/formulir_c.py"]


@pytest.fixture
def demo_url(_demo_sqlite):
    return sqlite_url(_demo_sqlite)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_on_demo_data(monkeypatch, demo_url, page):
    at = run_app(monkeypatch, demo_url, page=page)
    assert not at.exception, [e.value for e in at.exception]
    assert any("Data contoh" in t for t in texts(at))
    assert any("Data per" in t and "WIB" in t for t in texts(at))


def test_unknown_kecamatan_in_url_gives_notice_not_exception(monkeypatch, demo_url):
    at = run_app(monkeypatch, demo_url, query={"kec": ["Toboali", "bukan-kecamatan"]})
    assert not at.exception
    assert any("bukan-kecamatan" in w.value and "diabaikan" in w.value for w in at.warning)
    assert at.multiselect(key="kec").value == ["19.03.01"]  # the valid part is kept


def test_malformed_date_in_url_is_dropped(monkeypatch, demo_url):
    at = run_app(monkeypatch, demo_url, query={"tanggal": ["2024-02-31"]})
    assert not at.exception
    assert any("2024-02-31" in w.value for w in at.warning)


def test_sql_looking_url_values_are_harmless(monkeypatch, demo_url):
    at = run_app(monkeypatch, demo_url, query={"kec": ["Toboali'; DROP TABLE desa; --"], "pemilihan": "x' OR 1=1"})
    assert not at.exception
    assert len(at.warning) == 2
    at2 = run_app(monkeypatch, demo_url)
    assert len(at2.multiselect(key="desa").options) == 53  # nothing was dropped


def test_desa_options_follow_kecamatan(monkeypatch, demo_url):
    at = run_app(monkeypatch, demo_url, query={"kec": ["Kepulauan Pongok"]})
    assert at.multiselect(key="kec").value == ["19.03.08"]
    assert at.multiselect(key="desa").options == ["Pongok (Kepulauan Pongok)", "Celagen (Kepulauan Pongok)"]


def test_url_with_labels_restores_the_view(monkeypatch, demo_url):
    at = run_app(monkeypatch, demo_url, query={
        "pemilihan": "Pemilihan Gubernur 2024", "paslon": "Pilgub 2 · Hidayat Arsani - Hellyana",
        "desa": "Rias (Toboali)", "kec": "Toboali", "tanggal": ["2024-10-01", "2024-10-31"]})
    assert not at.exception and not at.warning
    assert at.selectbox(key="pemilihan").value == "gubernur-2024"
    assert at.multiselect(key="paslon").value == ["gubernur-2024.2"]
    assert at.multiselect(key="desa").value == ["19.03.01.2008"]
    assert any("Hidayat Arsani - Hellyana · Rias · 1 Okt 2024 – 31 Okt 2024" in c.value for c in at.caption)


def test_database_down_shows_message(monkeypatch, tmp_path):
    # A PostgreSQL URL on a port where nothing listens: the app must explain, not crash.
    at = run_app(monkeypatch, "postgresql+psycopg://postgres@127.0.0.1:1/none?connect_timeout=2")
    assert not at.exception
    assert any("Basis data tidak dapat dihubungi" in e.value for e in at.error)
