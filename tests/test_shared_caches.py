"""What the server builds once and shares between sessions (issue 20): page views
(``ui.cache.view``), figures and download files remembered by their content (``charts.memo``), the
house style written without plotly's re-check and the chart stamp written on a plain dict. Shared
must never mean leaked: a view is per scope, a figure per content."""
from __future__ import annotations

import datetime as dt
import functools

import pandas as pd
import plotly.graph_objects as go
import pytest
from streamlit.testing.v1 import AppTest

from charts import coverage as coverage_charts
from charts import memo, theme
from tests.apptest_utils import ENTRY, ensure_account, run_app, sqlite_url
from tests.builders import MALIK, PAYUNG, RIAS, TOBOALI, Builder
from ui import cache
from views import cakupan

KEC_TOBOALI, KEC_PAYUNG = TOBOALI[:8], PAYUNG[:8]
STAMP = "Semua pemilihan · Toboali · Data per 23 Nov 2024 17.05 WIB · Pantau"


# ---------------------------------------------------------------- views shared per scope
@pytest.fixture
def built(db):
    """Three campaign activities in Kec. Toboali, one in Kec. Payung; the builder and the pair."""
    b = Builder(db)
    pair = b.paslon(b.election("bupati"), 1)
    for desa, day in ((TOBOALI, "2024-10-01"), (RIAS, "2024-10-02"), (TOBOALI, "2024-10-03"), (PAYUNG, "2024-10-04")):
        b.activity(pair, day, desa)
    return db, b, pair


@pytest.fixture
def three_and_one(built):
    return built[0]


def _open(monkeypatch, url: str, role: str, scope: tuple[str, ...]) -> AppTest:
    """Cakupan for an account, in the same process and cache interval, WITHOUT clearing the caches
    (``run_app`` clears them): what a second viewer of a running server gets."""
    monkeypatch.setenv("DATABASE_URL", url)
    at = AppTest.from_file(ENTRY, default_timeout=60)
    at.session_state["_pantau_user"] = ensure_account(url, role, scope)
    at.session_state["_pantau_last_seen"] = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    at.run()
    at.switch_page("pages/cakupan.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _activities(at: AppTest) -> str:
    return {m.label: m.value for m in at.metric}["Kegiatan kampanye"]


def test_a_view_is_built_once_per_scope_and_never_shown_to_another_scope(monkeypatch, three_and_one):
    """Koordinator Toboali sees 3 activities, koordinator Payung 1, the admin 4, each from the same
    cache interval; a second koordinator of Toboali gets the first one's view without a new build."""
    monkeypatch.setattr(cache, "_clock", lambda: 1_000_000.0 * cache.TTL)  # one cache interval throughout
    builds = []
    real = cakupan.build

    @functools.wraps(real)
    def counting(load, f, **kwargs):
        builds.append(f.kecamatan)
        return real(load, f, **kwargs)
    monkeypatch.setattr(cakupan, "build", counting)
    url = sqlite_url(three_and_one)

    at = run_app(monkeypatch, url, page="pages/cakupan.py", role="koordinator", scope=(KEC_TOBOALI,))  # clears once
    assert not at.exception, [e.value for e in at.exception]
    assert _activities(at) == "3"
    assert _activities(_open(monkeypatch, url, "koordinator", (KEC_PAYUNG,))) == "1"
    assert _activities(_open(monkeypatch, url, "admin", ())) == "4"
    assert builds == [(KEC_TOBOALI,), (KEC_PAYUNG,), ()]

    # another session of a koordinator of Toboali: the view built for the first one
    assert _activities(_open(monkeypatch, url, "koordinator", (KEC_TOBOALI,))) == "3"
    assert builds == [(KEC_TOBOALI,), (KEC_PAYUNG,), ()]


def test_a_new_cache_interval_builds_the_view_again(monkeypatch, built):
    """A new import shows in the views with the queries: the next interval (TTL) builds anew."""
    now = [1_000_000.0 * cache.TTL]
    monkeypatch.setattr(cache, "_clock", lambda: now[0])
    builds = []
    real = cakupan.build

    @functools.wraps(real)
    def counting(load, f, **kwargs):
        builds.append(f.kecamatan)
        return real(load, f, **kwargs)
    monkeypatch.setattr(cakupan, "build", counting)
    db, b, pair = built
    url = sqlite_url(db)
    run_app(monkeypatch, url, page="pages/cakupan.py", role="admin")
    b.activity(pair, "2024-10-05", MALIK)
    assert _activities(_open(monkeypatch, url, "admin", ())) == "4"  # same interval: the cached view
    now[0] += cache.TTL
    assert _activities(_open(monkeypatch, url, "admin", ())) == "5"
    assert len(builds) == 2


def test_only_module_level_functions_build_a_cached_view():
    for fn in (lambda load, f: None, functools.partial(cakupan.build)):
        with pytest.raises(ValueError, match="not a module-level view builder"):
            cache.view(fn, None)


# ---------------------------------------------------------------- figures remembered by content
def _rows(supervised: int) -> pd.DataFrame:
    return pd.DataFrame({"kecamatan_kode": ["19.03.01", "19.03.05"], "kecamatan": ["Toboali", "Payung"],
                         "activities": [4, 2], "supervised": [supervised, 1], "unsupervised": [4 - supervised, 1],
                         "coverage": [supervised / 4, 0.5]})


def test_a_remembered_figure_is_the_figure_plotly_builds():
    memo.clear()
    first = coverage_charts.coverage_bars(_rows(3), "kecamatan")
    again = coverage_charts.coverage_bars(_rows(3), "kecamatan")
    built = coverage_charts.coverage_bars.__wrapped__(_rows(3), "kecamatan")
    assert first.to_dict() == again.to_dict() == built.to_dict()
    assert list(again.data[0].x) == list(built.data[0].x)  # the values as plotly keeps them, not base64 text
    assert memo.size() == 1


def test_each_call_gets_its_own_figure_and_other_data_its_own_entry():
    memo.clear()
    first = coverage_charts.coverage_bars(_rows(3), "kecamatan")
    first.update_layout(height=123)  # a caller changing its figure changes nobody else's
    again = coverage_charts.coverage_bars(_rows(3), "kecamatan")
    assert again is not first and again.layout.height != 123
    other = coverage_charts.coverage_bars(_rows(1), "kecamatan")  # 1 of 4 supervised in Toboali, not 3 of 4
    assert other.to_dict()["data"] != again.to_dict()["data"]
    assert memo.size() == 2


def test_a_remembered_file_is_the_same_file():
    calls = []

    def make(df, lines):
        calls.append(1)
        return ";".join(lines).encode() + df.to_csv().encode()
    make.__module__, make.__qualname__ = __name__, "make"
    files = memo.remembered_bytes(make)
    one = files(pd.DataFrame({"a": [1]}), ["Judul"])
    assert files(pd.DataFrame({"a": [1]}), ["Judul"]) is one and len(calls) == 1
    assert files(pd.DataFrame({"a": [2]}), ["Judul"]) != one and len(calls) == 2
    assert files(pd.DataFrame({"a": [1]}), ["Judul lain"]) != one and len(calls) == 3
    memo.clear()
    assert files(pd.DataFrame({"a": [1]}), ["Judul"]) == one and len(calls) == 4


# ---------------------------------------------------------------- the house style and the stamp
@pytest.mark.parametrize("kwargs", [{}, {"title": "Cakupan pengawasan per kecamatan di Kabupaten Bangka Selatan",
                                         "x_title": "Persen", "y_title": "Kecamatan", "height": 300, "legend": False}])
def test_style_gives_what_plotlys_checked_path_gives(kwargs):
    """The reference is plotly's own checked update with the template by name (what style did)."""
    fig = theme.style(go.Figure(go.Bar(x=[1, 2], y=["a", "b"], orientation="h")), **kwargs)
    ref = go.Figure(go.Bar(x=[1, 2], y=["a", "b"], orientation="h"))
    title = kwargs.get("title")
    ref.update_layout(template="plotly_white", colorway=theme.PALETTE,
                      font={"family": theme.FONT, "size": 16, "color": "#1F2937"}, separators=",.",
                      height=kwargs.get("height", 440), margin={"l": 10, "r": 20, "t": 70 if title else 30, "b": 10},
                      showlegend=kwargs.get("legend", True),
                      legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "left", "x": 0,
                              "font": {"size": 15}, "title": {"text": ""}},
                      hoverlabel={"font": {"size": 15}},
                      title={"text": theme.wrap(title, theme.TITLE_CHARS), "font": {"size": 22}, "x": 0,
                             "xanchor": "left"} if title else None)
    if title:
        ref.update_layout(margin_t=70 + 27 * 2)  # the title wraps onto three lines of 30 characters
    ref.update_xaxes(title_text=theme.wrap(kwargs.get("x_title"), 28), title_font={"size": 16},
                     tickfont={"size": 15}, automargin=True)
    ref.update_yaxes(title_text=kwargs.get("y_title"), title_font={"size": 16}, tickfont={"size": 15}, automargin=True)
    assert fig.to_dict() == ref.to_dict()


def test_the_remembered_figures_and_files_stay_within_their_bounds(monkeypatch):
    memo.clear()
    one = len(memo._spec(coverage_charts.coverage_bars.__wrapped__(_rows(3), "kecamatan")))
    monkeypatch.setattr(memo, "MAX_FIGURE_BYTES", int(one * 2.5))  # room for two such figures
    for supervised in (0, 1, 2, 3, 4):
        coverage_charts.coverage_bars(_rows(supervised), "kecamatan")
    assert memo.size() == 2

    files = memo.remembered_bytes(lambda n: b"x" * n, max_items=10, max_bytes=25, max_size=20)
    for n in (10, 11, 12, 30):  # 30 is made but not kept; 10 + 11 + 12 > 25: the oldest goes
        assert files(n) == b"x" * n
    table = memo._file_tables[-1][0]
    assert sorted(len(v) for v in table.values()) == [11, 12]
