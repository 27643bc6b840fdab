"""The briefing PDF prints what the page shows (issue 19: one view per page, ``views/``).

For the same filters, the Ringkasan page run with AppTest and the briefing gathered for the PDF
(``reports.briefing_data.gather``) must give the same card values, change lines and notes, and the
same "Perlu perhatian" lists (titles, lines in order, empty messages, notes): on the demo data and on
the test data of several regencies (tests/test_upper_areas.py). And, worked by hand, with two
regencies in scope the PDF ranks "Perlu perhatian" by kabupaten/kota like the page (before the views
the PDF always ranked kecamatan or desa).
"""
from __future__ import annotations

import datetime as dt

import pytest

from data_access.filters import Filters
from reports import briefing_data
from reports.briefing_data import Bullets, Row
from tests.apptest_utils import run_app, sqlite_url
from tests.test_upper_areas import _data as several_regencies
from ui import filters as filter_bar

NOW = dt.datetime(2026, 12, 5, 3, 15, tzinfo=dt.UTC)
PAGE = "pages/ringkasan.py"
BABEL, KEPRI = "Kepulauan Bangka Belitung", "Kepulauan Riau"
ATTENTION = ("coverage", "quiet", "overdue", "formulir_c")


def _briefing(engine, f: Filters) -> briefing_data.Briefing:
    with engine.connect() as conn:
        return briefing_data.gather(briefing_data.connection_loader(conn), f, filters_text="-", now=NOW)


def _attention(briefing) -> tuple[Bullets, ...]:
    summary = briefing.sections[0]
    return next(b for b in summary.blocks if isinstance(b, Row)).blocks


def _block(at, key: str):
    """The container with Streamlit key ``key``."""
    def find(node):
        if type(node).__name__ == "Block" and str(getattr(getattr(node, "proto", None), "id", "")).endswith(f"-{key}"):
            return node
        for child in getattr(node, "children", {}).values():
            found = find(child)
            if found is not None:
                return found
        return None
    block = find(at._tree)
    assert block is not None, key
    return block


def _lines(node, out=None) -> list[str]:
    """Markdown, captions and page-link labels inside ``node``, in page order, without the "filter
    does not apply" notices (which the PDF does not print) and the headings' "####"."""
    out = [] if out is None else out
    for child in getattr(node, "children", {}).values():
        kind = type(child).__name__
        if kind in ("Caption", "Markdown"):
            text = str(child.value)
            if not text.startswith(":blue[:material/info:"):
                out.append(text.removeprefix("#### "))
        elif getattr(getattr(child, "proto", None), "page", None) is not None and hasattr(child.proto, "label"):
            out.append(child.proto.label)
        _lines(child, out)
    return out


def _assert_same(at, briefing) -> None:
    assert not at.exception, [e.value for e in at.exception]
    summary = briefing.sections[0]
    assert summary.empty is None
    metrics = {m.label: m for m in at.metric}
    assert len(summary.cards) == len(briefing_data.PDF_SUMMARY_CARDS)
    for key, card in zip(briefing_data.PDF_SUMMARY_CARDS, summary.cards, strict=True):
        shown = metrics[card.label]
        assert shown.value == card.value, card.label
        if shown.proto.delta:  # the page's change line, the PDF's with its arrow and "vs ..." words
            assert shown.proto.delta in card.delta, (card.label, shown.proto.delta, card.delta)
        else:
            assert card.delta == "", card.label
        assert " · ".join(_lines(_block(at, f"ringkasan_kpi_{key}"))) == card.note, card.label
    lists = _attention(briefing)
    assert len(lists) == len(ATTENTION)
    for key, bullets in zip(ATTENTION, lists, strict=True):
        printed = [bullets.title, *bullets.items] + ([bullets.note] if bullets.note else [])
        assert _lines(_block(at, f"ringkasan_att_{key}")) == printed, key


def _page(monkeypatch, url: str, query: dict | None = None):
    at = run_app(monkeypatch, url, page=PAGE, query=query)
    return at, at.session_state[filter_bar._STATE].filters


def test_demo_data_pdf_prints_what_the_page_shows(monkeypatch, _demo_sqlite):
    for query in (None, {"tanggal": ["2024-11-04", "2024-11-17"]}, {"kec": ["Toboali"]}):
        at, f = _page(monkeypatch, sqlite_url(_demo_sqlite), query)
        _assert_same(at, _briefing(_demo_sqlite, f))


@pytest.mark.parametrize("query", [None, {"prov": BABEL}, {"prov": KEPRI}])
def test_several_regencies_pdf_prints_what_the_page_shows(monkeypatch, db, query):
    several_regencies(db)
    at, f = _page(monkeypatch, sqlite_url(db), query)
    _assert_same(at, _briefing(db, f))


def test_two_regencies_pdf_ranks_attention_by_kabupaten(db):
    """Provinsi 19 holds two regencies: Kab. 19.01 (20 of DPT 200 not delivered: 10,00%) and Bangka
    Selatan (40 of 700: 5,71%); both provinsi: Kepulauan Riau (50 of 100: 50,00%) and Kepulauan
    Bangka Belitung (60 of 900: 6,67%). The lists name those areas, never a kecamatan."""
    several_regencies(db)
    formulir_c = _attention(_briefing(db, Filters(provinsi=("19",))))[3]
    assert formulir_c.items == ("**Kab. 19.01** · 10,00% dari DPT (20 dari 200)",
                                "**Bangka Selatan** · 5,71% dari DPT (40 dari 700)")
    formulir_c = _attention(_briefing(db, Filters()))[3]
    assert formulir_c.items == ("**Kepulauan Riau** · 50,00% dari DPT (50 dari 100)",
                                "**Kepulauan Bangka Belitung** · 6,67% dari DPT (60 dari 900)")
