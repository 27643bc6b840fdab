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


def warnings(at) -> list[str]:
    return [w.value for w in at.warning]


def test_desa_outside_the_chosen_kecamatan_gives_notice(monkeypatch, demo_url):
    # Rias is a desa of Toboali, not of Payung: it cannot stay chosen, and the link must say so.
    at = run_app(monkeypatch, demo_url, query={"kec": "Payung", "desa": "Rias (Toboali)"})
    assert not at.exception
    assert warnings(at) == ["Desa “Rias (Toboali)” pada tautan tidak termasuk kecamatan Payung dan diabaikan."]
    assert at.multiselect(key="kec").value == ["19.03.05"] and at.multiselect(key="desa").value == []


def test_unknown_desa_gives_notice_and_keeps_the_valid_one(monkeypatch, demo_url):
    at = run_app(monkeypatch, demo_url, query={"desa": ["Rias (Toboali)", "Desa Khayalan (Toboali)"]})
    assert not at.exception
    assert warnings(at) == ["Desa “Desa Khayalan (Toboali)” pada tautan tidak dikenal dan diabaikan."]
    assert at.multiselect(key="desa").value == ["19.03.01.2008"]


def test_pair_of_another_election_gives_notice(monkeypatch, demo_url):
    # Hidayat Arsani - Hellyana run for governor: under the Pilbup they are not a pair to choose.
    at = run_app(monkeypatch, demo_url, query={"pemilihan": "Pemilihan Bupati 2024",
                                               "paslon": "Pilgub 2 · Hidayat Arsani - Hellyana"})
    assert not at.exception
    assert warnings(at) == ["Pasangan calon “Pilgub 2 · Hidayat Arsani - Hellyana” pada tautan tidak termasuk "
                            "Pemilihan Bupati 2024 dan diabaikan."]
    assert at.selectbox(key="pemilihan").value == "bupati-2024" and at.multiselect(key="paslon").value == []


def test_unknown_pair_gives_notice(monkeypatch, demo_url):
    at = run_app(monkeypatch, demo_url, query={"paslon": ["Pilbup 9 · Pasangan Khayalan",
                                                          "Pilgub 2 · Hidayat Arsani - Hellyana"]})
    assert not at.exception
    assert warnings(at) == ["Pasangan calon “Pilbup 9 · Pasangan Khayalan” pada tautan tidak dikenal dan diabaikan."]
    assert at.multiselect(key="paslon").value == ["gubernur-2024.2"]


def test_kabupaten_outside_the_chosen_provinsi_gives_notice(monkeypatch, db):
    """Two provinsi: Bangka Belitung (Bangka Selatan 19.03 and Bangka 19.01) and Kepulauan Riau
    (Batam 21.71). Kab. Bangka chosen under Kepulauan Riau is dropped with a notice; so is a
    kecamatan of Bangka Selatan under Kab. 21.71."""
    if db.dialect.name != "sqlite":
        pytest.skip("the filter bar is the same code on both engines")
    from tests.builders import Builder

    b = Builder(db)
    b.election("bupati")
    b.region("19.01.01.2001", provinsi_nama="Kepulauan Bangka Belitung")
    b.region("21.71.01.1001", provinsi_nama="Kepulauan Riau")
    at = run_app(monkeypatch, sqlite_url(db), query={"prov": "Kepulauan Riau",
                                                     "kab": ["Kab. 19.01 (Kepulauan Bangka Belitung)",
                                                             "Kab. 21.71 (Kepulauan Riau)"]})
    assert not at.exception, [e.value for e in at.exception]
    assert warnings(at) == ["Kabupaten/kota “Kab. 19.01 (Kepulauan Bangka Belitung)” pada tautan tidak termasuk "
                            "provinsi Kepulauan Riau dan diabaikan."]
    assert at.multiselect(key="kab").value == ["21.71"]
    at = run_app(monkeypatch, sqlite_url(db), query={"kab": "Kab. 21.71 (Kepulauan Riau)", "kec": "Toboali"})
    assert warnings(at) == ["Kecamatan “Toboali” pada tautan tidak termasuk kabupaten/kota Kab. 21.71 "
                            "(Kepulauan Riau) dan diabaikan."]
    assert at.multiselect(key="kec").value == []


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


@pytest.mark.postgres
def test_postgres_outage_shows_message_and_recovers(monkeypatch, pg_server, _pg_template):
    """The database goes away under a running app (a TCP proxy in front of PostgreSQL is cut),
    then comes back: message without traceback, then the data again, with no restart."""
    from tests.conftest import _skip_or_fail_pg
    from tests.tcp_proxy import TcpProxy

    if pg_server is None:
        _skip_or_fail_pg()
    from sqlalchemy.engine import make_url

    from data_access import demo
    from ui import cache

    engine = pg_server.new_database()
    demo.generate(engine)
    engine.dispose()
    base = make_url(pg_server.base.set(database=pg_server.created[-1]).render_as_string(hide_password=False))
    proxy = TcpProxy(base.host or "127.0.0.1", base.port or 5432).start()
    url = base.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
    try:
        at = run_app(monkeypatch, url, page="pages/formulir_c.py")
        assert not at.exception and not at.error
        proxy.stop()
        cache.clear()  # what the cache TTL does after at most one interval
        at.run()
        assert not at.exception
        assert any("Basis data tidak dapat dihubungi" in e.value for e in at.error)
        proxy.start()
        at.run()
        assert not at.exception and not at.error
        assert any("Data per" in t for t in texts(at))
    finally:
        proxy.stop()


def test_sqlite_file_removed_shows_message_and_recovers(monkeypatch, tmp_path, _demo_sqlite):
    import shutil

    from ui import cache

    path = tmp_path / "pantau.db"
    shutil.copy(_demo_sqlite.url.database, path)
    at = run_app(monkeypatch, f"sqlite:///{path}", page="pages/cakupan.py")
    assert not at.exception and not at.error
    backup = tmp_path / "backup.db"
    path.rename(backup)
    cache.clear()
    at.run()
    assert not at.exception
    assert any("Basis data tidak dapat dihubungi" in e.value for e in at.error)
    backup.rename(path)
    at.run()
    assert not at.exception and not at.error


def test_an_untouched_date_range_follows_the_first_imported_election(monkeypatch, db):
    """A session opened before any election shows the last 30 days; once an election is imported the
    untouched range becomes its campaign period (25 Sep - 23 Nov 2024). A range the user picked stays."""
    import datetime as dt

    from tests.builders import Builder
    from ui import cache

    url = sqlite_url(db)
    at = run_app(monkeypatch, url, page="pages/cakupan.py")
    today = dt.date.today()
    assert tuple(at.date_input(key="tanggal").value) == (today - dt.timedelta(days=30), today)
    Builder(db).election("bupati")
    cache.clear()  # as a saved import does
    at.run()
    assert tuple(at.date_input(key="tanggal").value) == (dt.date(2024, 9, 25), dt.date(2024, 11, 23))

    picked = (dt.date(2024, 10, 1), dt.date(2024, 10, 31))
    at.date_input(key="tanggal").set_value(picked).run()
    Builder(db).election("gubernur", kode="gubernur-2024", campaign=("2024-09-20", "2024-11-23"))
    cache.clear()
    at.run()
    assert tuple(at.date_input(key="tanggal").value) == picked
