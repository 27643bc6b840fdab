"""Finding 7 of issue 17: a file made on click (the briefing PDF, a long table) is made on a worker
thread after the click, with no script run. It used to be made even when the tab's session had
expired or its account had been disabled in the meantime; now the callable checks both first."""
import datetime as dt
import json

import pytest
import streamlit as st
from sqlalchemy import select

from data_access import schema, sessions
from data_access.users import User, create_user, set_active
from ui import auth, cache, session

GOOD = "rahasia-panjang-1"


def exports(engine) -> list[dict]:
    A = schema.AuditLog
    with engine.connect() as c:
        return [json.loads(d) for d in c.execute(select(A.detail).where(A.action == "ekspor")).scalars()]


@pytest.fixture
def pimpinan_tab(monkeypatch, db):
    """A pimpinan logged in on a tab drawn just now (the session keys as the login sets them)."""
    create_user(db, "budi", "Budi", "pimpinan", GOOD)
    monkeypatch.setattr(cache, "engine", lambda: db)
    monkeypatch.setattr(cache, "read_engine", lambda: db)
    st.session_state["_pantau_user"] = User("budi", "Budi", "pimpinan", ())
    st.session_state["_pantau_last_seen"] = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    yield db
    for key in list(st.session_state):
        del st.session_state[key]


def _case_list():
    return auth.audited_file(lambda: b"nomor;terlapor\nK1;Nama Terlapor\n", what="kasus", file_format="csv",
                             file_name="kasus.csv", filters="Semua pemilihan")


def test_a_valid_session_gets_its_file(pimpinan_tab):
    made = _case_list()
    assert made() == b"nomor;terlapor\nK1;Nama Terlapor\n"
    assert [e["berkas"] for e in exports(pimpinan_tab)] == ["kasus.csv"]


def test_a_tab_whose_session_expired_gets_no_file(monkeypatch, pimpinan_tab):
    made = _case_list()
    later = dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(minutes=31)  # idle: 30
    monkeypatch.setattr(session, "_now", lambda: later)
    with pytest.raises(auth.DownloadRefused):
        made()
    assert exports(pimpinan_tab) == []


def test_a_disabled_account_gets_no_file(pimpinan_tab):
    made = _case_list()
    set_active(pimpinan_tab, "budi", False)  # the admin disables the account; the tab stays open
    with pytest.raises(auth.DownloadRefused):
        made()
    assert exports(pimpinan_tab) == []


def test_a_long_list_read_on_click_checks_the_session_too(pimpinan_tab):
    """ui.cache.deferred (the whole list behind a long table) refuses on its own as well."""
    from data_access.queries import reference

    read = cache.deferred(reference.data_stamp)
    read()  # valid: reads
    set_active(pimpinan_tab, "budi", False)
    with pytest.raises(auth.DownloadRefused):
        read()


def test_the_briefing_pdf_refuses_after_logout(monkeypatch, pimpinan_tab):
    made = auth.audited_file(lambda: b"%PDF", what="Bahan Briefing", file_format="pdf", file_name="b.pdf",
                             filters="Semua")
    auth.logout()  # "Keluar" on this tab, then the button is clicked from a stale page
    with pytest.raises(auth.DownloadRefused):
        made()


def test_a_cookie_session_revoked_in_another_tab_gets_no_file(pimpinan_tab):
    """Issue 20: the tab's session is a database row; "Keluar" in another tab (or another server
    process) revokes it, and a file clicked for on this tab afterwards is refused."""
    token = sessions.create(pimpinan_tab, "budi", "pimpinan")
    st.session_state[session.TOKEN] = sessions.token_hash(token)
    made = _case_list()
    assert made() == b"nomor;terlapor\nK1;Nama Terlapor\n"
    made = _case_list()
    sessions.revoke(pimpinan_tab, token)
    with pytest.raises(auth.DownloadRefused):
        made()
    assert [e["berkas"] for e in exports(pimpinan_tab)] == ["kasus.csv"]  # only the first file
