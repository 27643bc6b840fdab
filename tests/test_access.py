"""Access control end to end with AppTest: login gate, roles, koordinator scope, session expiry."""
import datetime as dt

import pytest
from sqlalchemy import func, select

from data_access import schema
from data_access.users import set_active
from tests.apptest_utils import run_app, sqlite_url, texts
from ui import navigation


@pytest.fixture
def demo_url(_demo_sqlite):
    return sqlite_url(_demo_sqlite)


def test_logged_out_sees_only_the_login_form(monkeypatch, demo_url):
    at = run_app(monkeypatch, demo_url, role=None, page=None)
    assert not at.exception
    # the login form is plain HTML that POSTs to /masuk (ui.routes): no Streamlit widgets
    form = " ".join(h.value for h in at.get("html"))
    assert '<form class="pantau-login" method="post" action="/masuk">' in form
    assert 'name="pengguna"' in form and 'type="password" name="sandi"' in form and 'name="tanda"' in form
    assert not at.button and not at.text_input
    shown = " ".join(texts(at))
    assert "Data per" not in shown and not at.metric and not at.get("plotly_chart")
    assert len(at.sidebar.multiselect) == 0  # no filter bar, no area names


def test_wrong_password_keeps_the_form(monkeypatch, demo_url):
    # The successful login is driven in a real browser (tests/e2e); AppTest does not deliver
    # form submissions of this form reliably, so here only the refusal path is checked directly.
    from data_access.engine import make_engine
    from data_access.users import authenticate

    engine = make_engine(demo_url)
    assert authenticate(engine, "pimpinan", "salah").user is None
    assert authenticate(engine, "pimpinan", "demo-pimpinan-2024").user.role == "pimpinan"
    engine.dispose()


def test_role_page_lists():
    from data_access.users import User

    def keys(role):
        return [key for _path, key, _icon, _default in navigation.PAGES
                if navigation.allowed(key, User("x", "X", role))]

    assert "impor" in keys("admin") and "pengguna" in keys("admin")
    assert "impor" in keys("operator") and "pengguna" not in keys("operator")
    for role in ("pimpinan", "koordinator"):
        assert "impor" not in keys(role) and "pengguna" not in keys(role)


def test_admin_page_forbidden_for_pimpinan(monkeypatch, demo_url):
    at = run_app(monkeypatch, demo_url, role="pimpinan")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/pengguna.py")  # not registered for this role at all


def test_admin_sees_audit_log(monkeypatch, demo_url):
    at = run_app(monkeypatch, demo_url, role="admin", page="pages/pengguna.py")
    assert not at.exception
    assert any("Log audit" in t for t in texts(at))


def _toboali_undelivered(engine) -> int:
    F, T = schema.FormulirC, schema.Tps
    with engine.connect() as c:
        return c.execute(select(func.sum(F.dpt - F.delivered)).join(T, T.id == F.tps_id)
                         .where(T.desa_kode.like("19.03.01.%"))).scalar()


def test_scoped_koordinator_sees_only_own_kecamatan(monkeypatch, demo_url, _demo_sqlite):
    at = run_app(monkeypatch, demo_url, role="koordinator", scope=("19.03.01",), page="pages/formulir_c.py")
    assert not at.exception
    assert at.multiselect(key="kec").options == ["Toboali"]
    assert all("(Toboali)" in o for o in at.multiselect(key="desa").options)
    from texts.formatting import fmt_int
    toboali = fmt_int(_toboali_undelivered(_demo_sqlite))
    shown = " ".join(texts(at))
    assert toboali in shown and "8.266" not in shown  # the regency total would leak other areas


def test_scoped_koordinator_url_to_other_kecamatan(monkeypatch, demo_url, _demo_sqlite):
    at = run_app(monkeypatch, demo_url, role="koordinator", scope=("19.03.01",), query={"kec": "Payung"})
    assert not at.exception
    assert any("di luar wilayah" in w.value for w in at.warning)
    at.switch_page("pages/formulir_c.py").run()
    from texts.formatting import fmt_int
    assert fmt_int(_toboali_undelivered(_demo_sqlite)) in " ".join(texts(at))


def test_loader_clamps_filters_to_scope():
    import streamlit as st

    from data_access.filters import NOWHERE, Filters
    from data_access.users import User
    from ui import cache

    st.session_state["_pantau_user"] = User("k", "K", "koordinator", ("19.03.01",))
    try:
        assert cache.scoped(Filters()).kecamatan == ("19.03.01",)
        assert cache.scoped(Filters(kecamatan=("19.03.05",))).kecamatan == (NOWHERE,)
        assert cache.scoped(Filters(desa=("19.03.05.2001",))).kecamatan == (NOWHERE,)
        both = cache.scoped(Filters(kecamatan=("19.03.01", "19.03.05"), desa=("19.03.01.2008", "19.03.05.2001")))
        assert both.kecamatan == ("19.03.01",) and both.desa == ("19.03.01.2008",)
    finally:
        del st.session_state["_pantau_user"]


def test_session_expires_after_inactivity(monkeypatch, demo_url):
    at = run_app(monkeypatch, demo_url, role="pimpinan")
    assert any("Data per" in t for t in texts(at))
    at.session_state["_pantau_last_seen"] = dt.datetime.now(dt.UTC).replace(tzinfo=None) - \
        dt.timedelta(minutes=31)
    at.run()
    assert not any("Data per" in t for t in texts(at))
    assert any("Sesi berakhir" in i.value for i in at.info)


def test_disabled_account_is_logged_out_at_next_interaction(monkeypatch, tmp_path, _demo_sqlite):
    import shutil

    from data_access.engine import make_engine

    path = tmp_path / "demo.db"
    shutil.copy(_demo_sqlite.url.database, path)
    at = run_app(monkeypatch, f"sqlite:///{path}", role="pimpinan")
    assert any("Data per" in t for t in texts(at))
    engine = make_engine(f"sqlite:///{path}")
    set_active(engine, "uji_pimpinan", False)
    engine.dispose()
    at.run()
    assert not any("Data per" in t for t in texts(at))
    assert any('action="/masuk"' in h.value for h in at.get("html"))
