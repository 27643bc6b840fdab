"""Issue 17, finding 5, in the browser: what Streamlit's own markdown renderer makes of a shared
link whose kecamatan or desa is markdown. The notice must show the text, and the page must hold
no link to and no image from the attacker's site (escaping checked where it matters: the DOM)."""
from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.e2e.helpers import chromium_missing

if (_reason := chromium_missing()) is not None:
    pytest.skip(_reason, allow_module_level=True)

from playwright.sync_api import expect

from devkit import browser as b

pytestmark = pytest.mark.e2e

PAYLOADS = {
    "kec": "[Sesi berakhir, masuk lagi](https://evil.example)",
    "desa": "![](https://evil.example/t.png) https://evil.example/masuk www.evil.example <b>tebal</b>",
}


def test_markdown_in_a_shared_link_is_shown_as_text(app_server, account, page):
    query = "&".join(f"{k}={quote(v)}" for k, v in PAYLOADS.items())
    b.open_page(page, f"{app_server.url}/?{query}", account)
    alerts = page.get_by_test_id("stAlert")
    expect(alerts.filter(has_text="Sesi berakhir, masuk lagi")).to_have_count(1)
    # the notices read as the link was written (the word joiners that stop autolinks are invisible)
    shown = " ".join(alerts.all_inner_texts()).replace("\u2060", "")
    for value in PAYLOADS.values():
        assert value in shown, shown
    links = page.locator("a[href*='evil.example']")
    assert links.count() == 0, [links.nth(i).evaluate("e => e.parentElement.outerHTML") for i in range(links.count())]
    assert page.locator("img[src*='evil.example']").count() == 0
    assert page.locator("[data-testid='stAlert'] b").count() == 0
    expect(page.get_by_test_id("stException")).to_have_count(0)
