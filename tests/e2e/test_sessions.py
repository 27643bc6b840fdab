"""Issue 20 in the browser: the login is a cookie naming a database session, so a reload, a new tab
and a shared deep link open logged in; "Keluar" in one tab ends the other tabs' session; disabling
the account ends it too. The login form is a plain HTML form (POST /masuk) drawn by st.html."""
from __future__ import annotations

import pytest

from tests.e2e.helpers import chromium_missing

if (_reason := chromium_missing()) is not None:
    pytest.skip(_reason, allow_module_level=True)

from playwright.sync_api import expect

from data_access.engine import make_engine
from data_access.users import AccountError, create_user, set_active
from devkit import browser as b
from devkit import server as srv
from tests.apptest_utils import TEST_PASSWORD
from tests.e2e import helpers as h
from texts import catalogue

pytestmark = pytest.mark.e2e
DEEP = "/cakupan?kec=Toboali"


def _login_form(page):
    return page.locator("input[type='password']")


def _logged_in_on_cakupan(page) -> None:
    expect(page.get_by_role("heading", name=catalogue.PAGES["cakupan"], level=1)).to_be_visible()
    expect(_login_form(page)).to_have_count(0)
    expect(h.chips(h.kecamatan_box(page))).to_have_text(["Toboali"])


def test_login_returns_to_the_deep_link_and_a_reload_stays_logged_in(app_server, account, new_context):
    context = new_context()
    page = context.new_page()
    b.open_page(page, app_server.url + DEEP, account)
    assert page.url.endswith(DEEP), page.url  # back on the page the link asked for
    _logged_in_on_cakupan(page)
    cookie = next(c for c in context.cookies() if c["name"] == "pantau_sesi")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax"
    assert page.evaluate("() => document.cookie").find("pantau_sesi") == -1  # page scripts cannot read it
    page.reload()
    b.wait_for_app(page)
    _logged_in_on_cakupan(page)


def test_a_new_tab_and_a_shared_link_in_another_window_open_logged_in(app_server, account, new_context):
    context = new_context()
    first = context.new_page()
    b.open_page(first, app_server.url + "/", account)
    second = context.new_page()  # a new tab of the same browser
    b.open_page(second, app_server.url + DEEP)
    _logged_in_on_cakupan(second)
    # the link pasted into another window of the same browser profile (here: another context that
    # has the cookie, as WhatsApp's in-app browser sharing the phone's cookies would)
    other = new_context()
    other.add_cookies([c for c in context.cookies() if c["name"] == "pantau_sesi"])
    third = other.new_page()
    b.open_page(third, app_server.url + DEEP)
    _logged_in_on_cakupan(third)
    # and without the cookie (somebody else's phone) the same link asks to log in first
    stranger = new_context().new_page()
    stranger.goto(app_server.url + DEEP)
    expect(_login_form(stranger)).to_have_count(1)


def test_logout_in_one_tab_ends_the_session_in_the_other(app_server, account, new_context):
    context = new_context()
    first = context.new_page()
    b.open_page(first, app_server.url + "/", account)
    second = context.new_page()
    b.open_page(second, app_server.url + DEEP)
    _logged_in_on_cakupan(second)
    first.get_by_test_id("stSidebar").get_by_role("button", name=catalogue.AUTH["logout"]).click()
    expect(_login_form(first)).to_have_count(1)
    assert not [c for c in context.cookies() if c["name"] == "pantau_sesi"]  # the cookie is cleared
    # the other tab's next run (here: a page switch) finds the session row revoked
    second.get_by_role("link", name=catalogue.PAGES["ringkasan"]).click()
    expect(_login_form(second)).to_have_count(1)
    expect(second.get_by_text(catalogue.AUTH["ended"])).to_be_visible()
    # and a reload does not bring it back
    second.reload()
    expect(_login_form(second)).to_have_count(1)


def test_disabling_the_account_ends_its_session(app_server, e2e_demo_db, new_context):
    url = f"sqlite:///{e2e_demo_db}"
    engine = make_engine(url)
    try:
        try:
            create_user(engine, "uji_nonaktif", "Uji Nonaktif", "pimpinan", TEST_PASSWORD, by="test")
        except AccountError:
            set_active(engine, "uji_nonaktif", True, by="test")
        page = new_context().new_page()
        b.open_page(page, app_server.url + DEEP, ("uji_nonaktif", TEST_PASSWORD))
        _logged_in_on_cakupan(page)
        set_active(engine, "uji_nonaktif", False, by="test")
        page.get_by_role("link", name=catalogue.PAGES["ringkasan"]).click()
        expect(_login_form(page)).to_have_count(1)
        expect(page.get_by_text(catalogue.AUTH["ended"])).to_be_visible()
    finally:
        engine.dispose()


def test_a_forged_login_post_is_refused(app_server, account, new_context):
    """A login form on another site POSTing here (no valid token): refused, nobody logged in."""
    context = new_context()
    page = context.new_page()
    page.goto(app_server.url + "/")
    _login_form(page).first.wait_for()
    response = page.request.post(app_server.url + "/masuk", form={
        "pengguna": account[0], "sandi": account[1], "tanda": "palsu", "tujuan": "/"})
    assert response.status == 403
    assert not [c for c in context.cookies() if c["name"] == "pantau_sesi"]


def test_another_server_process_serves_the_logged_in_browser(app_server, e2e_demo_db, account, new_context,
                                                             tmp_path):
    """Two processes on one database (as behind the load balancer): a login made on one is valid on
    the other, which signs with the same stored key; so a process that dies loses nobody's login."""
    other_server = srv.AppServer(e2e_demo_db, tmp_path / "streamlit_second.log").start()
    try:
        context = new_context()
        page = context.new_page()
        b.open_page(page, app_server.url + "/", account)
        second = context.new_page()  # cookies belong to the host, not the port: this browser sends it
        b.open_page(second, other_server.url + DEEP)
        _logged_in_on_cakupan(second)
    finally:
        other_server.stop()
