"""A link shared before anyone opened the app: the FIRST request a freshly started server gets is a
deep link such as /cakupan?kec=Toboali. Streamlit's legacy pages/ mode would run the page file alone,
without the filter bar (ui.filters.current explains the switch-over); the person must still see the
filter bar with Toboali chosen and the page filtered to it. Needs its own server (fresh_app_server).
"""
from __future__ import annotations

import pytest

from tests.e2e.helpers import chromium_missing

if (_reason := chromium_missing()) is not None:
    pytest.skip(_reason, allow_module_level=True)

from playwright.sync_api import expect

from devkit import browser as b
from tests.e2e import helpers as h
from texts import catalogue

pytestmark = pytest.mark.e2e


def test_deep_link_is_the_first_request_of_a_fresh_server(fresh_app_server, account, page):
    b.open_page(page, f"{fresh_app_server.url}/cakupan?kec=Toboali", account)

    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_role("heading", name=catalogue.FILTER["header"])).to_be_visible()
    expect(h.chips(h.kecamatan_box(page))).to_have_text(["Toboali"])
    expect(page.locator("[data-testid='stCaptionContainer']", has_text="Data per").first).to_contain_text("Toboali")
    expect(page.get_by_role("heading", name=catalogue.PAGES["cakupan"])).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    assert "kec=Toboali" in page.url
