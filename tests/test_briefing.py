"""Briefing mode: switched on by URL or sidebar toggle, kept in the URL, projector style injected,
and no personal name in any element of a page (names exist in the demo database)."""
import pytest
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from data_access import schema
from data_access.users import User
from tests.apptest_utils import run_app, sqlite_url, texts
from ui import briefing


@pytest.fixture
def demo_url(_demo_sqlite):
    return sqlite_url(_demo_sqlite)


def _mode(at):
    """The ``mode`` URL parameter as the app left it (AppTest keeps a str or a one-item list)."""
    value = at.query_params.get("mode")
    return value[0] if isinstance(value, list) and len(value) == 1 else value


def _styled(at) -> bool:
    return any("font-size: 20px" in str(el.proto) for el in at.get("html"))


def test_url_switches_briefing_on_and_keeps_it(monkeypatch, demo_url):
    at = run_app(monkeypatch, demo_url, query={"mode": "briefing"})
    assert not at.exception, [e.value for e in at.exception]
    assert at.toggle(key=briefing.KEY).value is True
    assert _styled(at)
    assert any("Data per" in t for t in texts(at))  # filters and data time still stamped
    at.switch_page("pages/pelanggaran.py").run()  # a page switch clears unbound URL parameters...
    assert _mode(at) == "briefing"  # ...the mode is written back
    assert at.toggle(key=briefing.KEY).value is True and _styled(at)


def test_toggle_writes_the_url_and_off_removes_it(monkeypatch, demo_url):
    at = run_app(monkeypatch, demo_url)
    assert at.toggle(key=briefing.KEY).value is False and not _styled(at)
    assert _mode(at) is None
    at.toggle(key=briefing.KEY).set_value(True).run()
    assert _mode(at) == "briefing" and _styled(at)
    at.toggle(key=briefing.KEY).set_value(False).run()
    assert _mode(at) is None and not _styled(at)


def _personal_data_app():
    import streamlit as st

    from ui import auth

    st.write(f"personal={auth.show_personal_data()}")


@pytest.mark.parametrize("role, mode_on, expected", [
    ("admin", False, True),        # role allows names, normal screen
    ("pimpinan", False, True),
    ("admin", True, False),        # briefing mode: never, whatever the role
    ("pimpinan", True, False),
    ("operator", False, False),    # role does not allow names
    ("koordinator", False, False),
    (None, False, False),          # logged out
])
def test_show_personal_data(role, mode_on, expected):
    at = AppTest.from_function(_personal_data_app)
    if role is not None:
        at.session_state["_pantau_user"] = User(username="u", full_name="U", role=role, kecamatan_scope=())
    at.session_state[briefing.KEY] = mode_on
    at.run()
    assert at.markdown[0].value == f"personal={expected}"


def _all_text(at) -> str:
    parts = texts(at)
    parts += [el.value.to_csv() for el in at.dataframe]
    parts += [str(el.proto) for el in at.get("plotly_chart")]
    return "\n".join(parts)


def test_briefing_pages_hold_no_personal_name(monkeypatch, demo_url, _demo_sqlite):
    with _demo_sqlite.connect() as conn:
        names = set(conn.execute(select(schema.SupervisionReport.nama_pengawas).distinct()).scalars())
        names |= set(conn.execute(select(schema.ViolationCase.pelapor).distinct()).scalars())
        names |= set(conn.execute(select(schema.ViolationCase.terlapor).distinct()).scalars())
    names = {n for n in names if n and len(n) > 3}
    assert len(names) > 10  # the demo database really holds names to leak
    at = run_app(monkeypatch, demo_url, query={"mode": "briefing"})
    for page in ("pages/ringkasan.py", "pages/cakupan.py", "pages/pelanggaran.py"):
        at.switch_page(page).run()
        assert not at.exception, [e.value for e in at.exception]
        shown = _all_text(at)
        leaked = sorted(n for n in names if n in shown)
        assert not leaked, (page, leaked[:5])


@pytest.mark.parametrize("raw, expected", [
    ("30", 30), ("10", 10), ("3", briefing.MIN_SLIDE_SECONDS),  # too fast: at least 10 s per page
    ("0", None), ("-5", None), ("abc", None), (None, None), ("", None),
])
def test_slide_seconds(raw, expected):
    assert briefing.slide_seconds(raw) == expected


def test_next_slide_cycles_overview_pages_only():
    every = ["ringkasan", "cakupan", "pelanggaran", "formulir_c", "peta", "kualitas", "impor", "pengguna"]
    assert briefing.next_slide("ringkasan", every) == "cakupan"
    assert briefing.next_slide("peta", every) == "ringkasan"         # wraps round
    assert briefing.next_slide("impor", every) == "ringkasan"        # an admin page is never a slide
    assert briefing.next_slide("cakupan", ["ringkasan", "cakupan", "peta"]) == "peta"  # missing pages skipped
    assert briefing.next_slide("ringkasan", ["impor"]) is None


def test_slide_parameter_survives_a_page_switch(monkeypatch, demo_url):
    at = run_app(monkeypatch, demo_url, query={"mode": "briefing", "slide": "30"})
    assert not at.exception, [e.value for e in at.exception]
    at.switch_page("pages/cakupan.py").run()  # a manual page switch keeps the slideshow going
    assert _mode(at) == "briefing"
    value = at.query_params.get("slide")
    assert (value[0] if isinstance(value, list) else value) == "30"
