"""Every chart carries its filters and data time (issue 6, "Every chart: PNG at 2x presentation
resolution", stamped): the stamp is part of the figure, so the plotly camera button's PNG holds it,
and the camera button saves at scale 2 under a name made of the chart and the filters."""
from __future__ import annotations

import copy
import json

import plotly.graph_objects as go
import pytest

from charts import theme
from tests.apptest_utils import run_app, sqlite_url

STAMP = "Semua pemilihan · Toboali · 1 Okt 2024 – 31 Okt 2024 · Data per 23 Nov 2024 17.05 WIB · Pantau"


def _stamped(title: str | None = None) -> dict:
    """A styled figure's plain dict (what st.plotly_chart sends) with the stamp written in."""
    return theme.stamp_spec(theme.style(go.Figure(go.Bar(x=["a"], y=[1])), title=title).to_dict(), STAMP)


def test_untitled_figure_gets_the_stamp_at_its_foot():
    title = _stamped()["layout"]["title"]
    assert title["text"] == STAMP
    assert (title["yref"], title["y"], title["yanchor"]) == ("container", 0.01, "bottom")
    assert title["automargin"] is True  # pushes the bottom margin: never over the axis title
    assert title["x"] == 1 and title["xanchor"] == "right"


def test_titled_figure_keeps_its_title_and_gets_the_stamp_as_subtitle():
    layout = _stamped(title="Kasus per Kecamatan")["layout"]  # top margin 70
    assert layout["title"]["text"] == "Kasus per Kecamatan"
    assert layout["title"]["subtitle"]["text"] == STAMP
    assert layout["margin"]["t"] == 70 + theme.STAMP_SUBTITLE_ROOM


def test_the_subtitle_room_adds_to_a_figure_s_own_top_margin():
    fig = theme.style(go.Figure(go.Bar(x=["a"], y=[1])), title="Kasus per Kecamatan")
    fig.update_layout(margin_t=97)
    assert theme.stamp_spec(fig.to_dict(), STAMP)["layout"]["margin"]["t"] == 97 + theme.STAMP_SUBTITLE_ROOM


@pytest.mark.parametrize("title", [None, "Kasus per Kecamatan"])
def test_stamping_twice_changes_nothing(title):
    once = _stamped(title)
    twice = theme.stamp_spec(copy.deepcopy(once), STAMP)
    assert once == twice


@pytest.mark.parametrize("title", [None, "Kasus per Kecamatan"])
def test_the_stamped_dict_is_a_valid_plotly_figure(title):
    spec = _stamped(title)
    assert go.Figure(spec).to_dict()["layout"]["title"] == spec["layout"]["title"]  # plotly validates it


def _charts(at):
    return [(json.loads(el.proto.spec), json.loads(el.proto.config)) for el in at.get("plotly_chart")]


@pytest.mark.parametrize("page", ["pages/ringkasan.py", "pages/pelanggaran.py", "pages/peta.py"])
def test_every_chart_on_a_page_carries_filters_and_data_time(monkeypatch, _demo_sqlite, page):
    at = run_app(monkeypatch, sqlite_url(_demo_sqlite), page=page, query={"kec": "Toboali"})
    assert not at.exception, [e.value for e in at.exception]
    charts = _charts(at)
    assert charts
    for spec, config in charts:
        title = spec["layout"]["title"]
        stamp = title["subtitle"]["text"] if "subtitle" in title else title["text"]
        # Demo database, filter bar narrowed to Toboali over the campaign period (the default range).
        assert stamp.startswith("Data contoh · Semua pemilihan · Toboali · 25 Sep 2024 "
                                "– 23 Nov 2024<br>Data per "), stamp
        assert stamp.endswith(" WIB · Pantau"), stamp
        image = config["toImageButtonOptions"]
        assert image["format"] == "png" and image["scale"] == 2
        # drawn at a fixed width whatever the screen (a phone would cut the stamp), at the figure's height
        assert image["width"] == theme.EXPORT_WIDTH and image["height"] == spec["layout"]["height"]
        assert image["filename"].endswith("_toboali_2024-09-25_2024-11-23"), image["filename"]
