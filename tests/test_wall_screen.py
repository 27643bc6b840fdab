"""Finding 6 of issue 17: sessions on an unattended screen. The app's own reruns (slideshow page
switch, live redraw) do not count as activity; the wall-screen role ``layar`` sees briefing mode
only (no names, no toggle, no downloads, no admin pages) and is the only one that never expires.
The browser side (a real slideshow running past the idle time) is in tests/e2e/test_wall_screen.py."""
import datetime as dt
import io

import pytest
from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError

from data_access import schema
from data_access.__main__ import main as command
from data_access.users import authenticate
from tests.apptest_utils import run_app, sqlite_url, texts
from ui import briefing

NOW = dt.datetime(2024, 11, 20, 3, 0)
AUTOMATIC = "_pantau_automatic_run"  # ui.session: set just before a rerun the app starts by itself


@pytest.fixture
def demo_url(_demo_sqlite):
    return sqlite_url(_demo_sqlite)


def _now():
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _mode(at):
    value = at.query_params.get("mode")
    return value[0] if isinstance(value, list) and len(value) == 1 else value


def test_layar_account_made_on_the_command_line_and_kept_by_the_database(monkeypatch, db):
    monkeypatch.setenv("DATABASE_URL", db.url.render_as_string(hide_password=False))
    monkeypatch.setattr("sys.stdin", io.StringIO("sandi-layar-rapat-1\n"))
    assert command(["users", "create", "layar_rapat", "--role", "layar", "--name", "Layar Ruang Rapat",
                    "--password-stdin"]) == 0
    assert authenticate(db, "layar_rapat", "sandi-layar-rapat-1", now=NOW).user.role == "layar"
    row = {"username": "x", "full_name": "X", "role": "superuser", "password_hash": "-", "active": True,
           "failed_attempts": 0, "created_at": NOW}
    with pytest.raises(IntegrityError):  # the role CHECK still refuses anything else
        with db.begin() as conn:
            conn.execute(insert(schema.AppUser), row)


def test_layar_sees_briefing_mode_only(monkeypatch, demo_url):
    at = run_app(monkeypatch, demo_url, role="layar")  # no ?mode=briefing in the link
    assert not at.exception, [e.value for e in at.exception]
    assert _mode(at) == "briefing" and any("font-size: 20px" in str(el.proto) for el in at.get("html"))
    assert not [t for t in at.toggle if t.key == briefing.KEY]  # no switch to leave it
    assert not at.get("download_button")  # no table files, no briefing PDF
    assert any("Data per" in t for t in texts(at))
    for page in ("pages/impor.py", "pages/pengguna.py"):
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(page)
    at.switch_page("pages/pelanggaran.py").run()
    assert not at.exception and not at.get("download_button") and _mode(at) == "briefing"


def test_layar_cannot_leave_briefing_mode_through_the_url(monkeypatch, demo_url):
    at = run_app(monkeypatch, demo_url, role="layar", query={"mode": "biasa"})
    at.query_params.pop("mode", None)
    at.run()
    assert _mode(at) == "briefing" and at.session_state[briefing.KEY] is True


def test_the_apps_own_reruns_do_not_count_as_activity(monkeypatch, demo_url):
    """A pimpinan idle for 20 minutes: a rerun started by the slideshow or the live view (marked as
    such just before st.switch_page / st.rerun) leaves the last activity at 20 minutes ago, so ten
    minutes more of them end the session; an own click counts."""
    at = run_app(monkeypatch, demo_url, role="pimpinan", query={"mode": "briefing", "slide": "10"})
    idle_since = _now() - dt.timedelta(minutes=20)
    at.session_state["_pantau_last_seen"] = idle_since
    at.session_state[AUTOMATIC] = True  # what the slideshow's timer sets before switching
    at.run()
    assert any("Data per" in t for t in texts(at))
    assert at.session_state["_pantau_last_seen"] == idle_since
    at.session_state["_pantau_last_seen"] = _now() - dt.timedelta(minutes=31)
    at.session_state[AUTOMATIC] = True
    at.run()
    assert not any("Data per" in t for t in texts(at))
    assert any('action="/masuk"' in h.value for h in at.get("html"))  # the login form (plain HTML)
    assert any("Sesi berakhir" in i.value for i in at.info)


def test_only_layar_never_expires(monkeypatch, demo_url):
    at = run_app(monkeypatch, demo_url, role="layar", query={"slide": "10"})
    at.session_state["_pantau_last_seen"] = _now() - dt.timedelta(days=2)
    at.run()
    assert any("Data per" in t for t in texts(at)) and len(at.text_input) == 0


def test_pengguna_page_names_the_role(monkeypatch, demo_url):
    from tests.apptest_utils import ensure_account

    ensure_account(demo_url, "layar")
    at = run_app(monkeypatch, demo_url, role="admin", page="pages/pengguna.py")
    accounts = at.dataframe[0].value
    assert accounts.loc[accounts["Nama pengguna"] == "uji_layar", "Peran"].tolist() == ["Layar"]
