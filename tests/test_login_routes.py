"""POST /masuk and /keluar (ui.routes) over HTTP, on both engines: the cookie's flags, CSRF and
cross-origin refusals, no open redirect, the login throttle still in force, logout revoking the row."""
import pytest
from sqlalchemy import func, select
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from data_access import schema, sessions
from data_access.users import create_user
from ui import cache, cookies, routes, session

PASSWORD = "sandi-uji-panjang-1"


@pytest.fixture
def client(db, monkeypatch):
    """The routes and middleware as dashboard.py's st.App mounts them, plus a page at "/" (what
    Streamlit serves: the middleware gives the browser its CSRF cookie with it), against ``db``."""
    monkeypatch.setenv("DATABASE_URL", db.url.render_as_string(hide_password=False))
    monkeypatch.delenv(sessions.SECRET_ENV, raising=False)
    cache.clear()
    cache.release_engines()
    create_user(db, "budi", "Budi", "pimpinan", PASSWORD, by="test")
    app = Starlette(routes=[Route("/", lambda request: PlainTextResponse("halaman")), *routes.ROUTES],
                    middleware=routes.MIDDLEWARE)
    with TestClient(app, base_url="http://pantau.test", follow_redirects=False) as c:
        c.get("/")
        yield c
    cache.release_engines()


def _token(client) -> str:
    return cookies.csrf_token(session.signing_key(cache.engine()), client.cookies[cookies.CSRF])


def _login(client, password=PASSWORD, target="/pelanggaran?kec=19.03.01", token=None, **headers):
    form = {"pengguna": "budi", "sandi": password, "tujuan": target,
            "tanda": _token(client) if token is None else token}
    return client.post("/masuk", data=form, headers=headers)


def _sessions(db) -> int:
    with db.connect() as conn:
        return conn.execute(select(func.count()).select_from(schema.LoginSession)).scalar_one()


def _set_cookie(response, name) -> str:
    found = [h for h in response.headers.get_list("set-cookie") if h.startswith(name + "=")]
    assert len(found) == 1, response.headers.get_list("set-cookie")
    return found[0]


def test_the_first_page_gives_a_csrf_cookie_once(client):
    assert client.cookies.get(cookies.CSRF)
    assert "pantau_csrf" not in " ".join(client.get("/").headers.get_list("set-cookie"))


def test_login_sets_an_httponly_lax_cookie_naming_a_session_and_returns_to_the_page(client, db):
    r = _login(client)
    assert r.status_code == 303 and r.headers["location"] == "/pelanggaran?kec=19.03.01"
    header = _set_cookie(r, cookies.SESSION)
    assert "HttpOnly" in header and "SameSite=lax" in header and "Path=/" in header
    assert "Secure" not in header  # plain http, secure_cookies = false
    assert "Max-Age=43200" in header  # 12 h, session_absolute_hours
    token = cookies.session_token(session.signing_key(cache.engine()), client.cookies[cookies.SESSION])
    assert sessions.lookup(db, token).username == "budi" and _sessions(db) == 1


def test_behind_https_the_cookie_is_secure(client):
    r = _login(client, **{"X-Forwarded-Proto": "https"})
    assert r.status_code == 303 and "; Secure" in _set_cookie(r, cookies.SESSION)


@pytest.mark.parametrize("token", ["", "nonsense", "kunci-lain"])
def test_a_post_without_the_right_token_is_refused_and_logs_nobody_in(client, db, token):
    if token == "kunci-lain":  # a valid token, but for another browser's CSRF cookie
        token = cookies.csrf_token(session.signing_key(cache.engine()), "cookie-orang-lain")
    r = _login(client, token=token)
    assert r.status_code == 403 and cookies.SESSION not in r.headers.get("set-cookie", "")
    assert _sessions(db) == 0


def test_a_post_from_another_site_is_refused_even_with_a_token(client, db):
    r = _login(client, Origin="https://jahat.example")
    assert r.status_code == 403 and _sessions(db) == 0
    assert _login(client, Origin="http://pantau.test").status_code == 303  # the site itself


@pytest.mark.parametrize("target", ["https://jahat.example/", "//jahat.example/x", "/\\jahat.example",
                                    "javascript:alert(1)", "http:/jahat.example", "", "pelanggaran",
                                    "/\tjahat", "/%0d%0aSet-Cookie:x"])
def test_no_open_redirect(client, target):
    r = _login(client, target=target)
    expected = target if target == "/%0d%0aSet-Cookie:x" else "/"  # an encoded path on this site is fine
    assert r.status_code == 303 and r.headers["location"] == expected


def test_a_wrong_password_comes_back_with_a_signed_message_and_no_session(client, db):
    r = _login(client, password="salah-sekali")
    assert r.status_code == 303 and cookies.SESSION not in client.cookies
    key = session.signing_key(cache.engine())
    assert cookies.message(key, client.cookies[cookies.MESSAGE]) == "Nama pengguna atau kata sandi salah."
    assert cookies.message(key, "VGlwdWFu.bukan-tanda-tangan") is None  # forged text is not shown


def test_the_throttle_still_holds_the_right_password_back(client, db):
    for _ in range(5):  # max_failed_logins = 5 from this address
        _login(client, password="salah-sekali")
    r = _login(client)
    assert r.status_code == 303 and cookies.SESSION not in client.cookies and _sessions(db) == 0
    message = cookies.message(session.signing_key(cache.engine()), client.cookies[cookies.MESSAGE])
    assert message == "Terlalu banyak percobaan gagal. Coba lagi dalam 1 menit."
    with db.connect() as conn:
        failed = conn.execute(select(schema.AuditLog.repeat_count)
                              .where(schema.AuditLog.action == "login_gagal")).scalar_one()
    assert failed == 6
    with db.connect() as conn:
        address = conn.execute(select(schema.LoginThrottle.address)).scalar_one()
    assert address == "testclient"  # counted by the client's address, as in the app before


def test_logout_revokes_the_row_and_clears_the_cookie(client, db):
    _login(client)
    token = cookies.session_token(session.signing_key(cache.engine()), client.cookies[cookies.SESSION])
    assert client.post("/keluar", data={"tanda": "salah"}).status_code == 403
    assert sessions.lookup(db, token) is not None  # a forged logout changes nothing
    r = client.post("/keluar", data={"tanda": _token(client)})
    assert r.status_code == 303 and r.headers["location"] == "/"
    assert 'pantau_sesi=""' in _set_cookie(r, cookies.SESSION) and "Max-Age=0" in _set_cookie(r, cookies.SESSION)
    assert sessions.lookup(db, token) is None
    with db.connect() as conn:
        actions = conn.execute(select(schema.AuditLog.action).where(schema.AuditLog.username == "budi")
                               .order_by(schema.AuditLog.id)).scalars().all()
    assert actions == ["login", "logout"]


def test_a_forged_session_cookie_names_nothing(client):
    key = session.signing_key(cache.engine())
    assert cookies.session_token(key, cookies.sign_session(key, "abc")) == "abc"
    assert cookies.session_token(key, "abc." + "x" * 43) is None
    assert cookies.session_token(b"another-deployment", cookies.sign_session(key, "abc")) is None
