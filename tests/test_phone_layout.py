"""What keeps chart text and tables inside a 390 px phone (issue 21), as pure functions: titles and
category names wrapped at a character budget, line labels on the side with room, the key column of
a table pinned. The browser check of the result is tests/e2e/test_phone.py."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from charts import theme
from ui import components


def test_wrap_breaks_at_spaces_within_the_budget():
    # "Tidak Terdistribusi per" is 23 characters; adding " Kecamatan" would make 33 > 30.
    assert theme.wrap("Tidak Terdistribusi per Kecamatan (% DPT)", 30) == "Tidak Terdistribusi per<br>Kecamatan (% DPT)"
    assert theme.wrap("Kasus per Kecamatan", 30) == "Kasus per Kecamatan"  # fits: unchanged
    assert theme.wrap(None, 30) is None
    # Each line of a text with breaks on its own: "Pilgub 1" fits; the names take two lines of <= 20.
    assert theme.wrap("Pilgub 1<br>Erzaldi Rosman - Yuri Kemal Fadlullah", 20) == \
        "Pilgub 1<br>Erzaldi Rosman -<br>Yuri Kemal Fadlullah"
    # A word longer than the budget keeps its own line rather than being cut.
    assert theme.wrap("cahyadsn/wilayah_boundaries (MIT)", 10) == "cahyadsn/wilayah_boundaries<br>(MIT)"


def test_style_wraps_the_title_and_makes_room_for_its_second_line():
    fig = theme.style(go.Figure(), title="Tidak Terdistribusi per Kecamatan (% DPT)",
                      x_title="Jumlah kasus yang pernah mencapai tahap ini")
    assert fig.layout.title.text == "Tidak Terdistribusi per<br>Kecamatan (% DPT)"
    assert fig.layout.margin.t == 70 + theme.TITLE_LINE_PX  # one extra line
    # 28 characters at most: "Jumlah kasus yang pernah" (24) + " mencapai" would be 33.
    assert fig.layout.xaxis.title.text == "Jumlah kasus yang pernah<br>mencapai tahap ini"


def test_wrap_categories_keeps_the_full_names_in_the_data():
    names = ["TPS 004 Sumber Jaya Permai (Pulau Besar)", "Toboali"]
    fig = theme.wrap_categories(go.Figure(go.Bar(x=[3, 1], y=names, orientation="h")))
    assert list(fig.data[0].y) == names  # the hover shows the full name
    assert list(fig.layout.yaxis.tickvals) == names
    assert list(fig.layout.yaxis.ticktext) == ["TPS 004 Sumber Jaya<br>Permai (Pulau Besar)", "Toboali"]
    short = theme.wrap_categories(go.Figure(go.Bar(x=[1], y=["Toboali"], orientation="h")))
    assert short.layout.yaxis.tickvals is None  # nothing to wrap: plotly's own ticks


def test_line_labels_take_the_side_with_room():
    assert theme.label_anchor(0.2) == {"xanchor": "left", "xshift": 4}
    assert theme.label_anchor(0.87) == {"xanchor": "right", "xshift": -4}


def test_tables_pin_their_key_column():
    df = pd.DataFrame({"Kode kecamatan": ["19.03.01"], "Kecamatan": ["Toboali"], "DPT": [1]})
    # a code first: the name after it is pinned too; a given config keeps its other settings
    config = components.pinned_key(df, {"DPT": st.column_config.NumberColumn(format="%d")})
    assert config["Kode kecamatan"]["pinned"] is True and config["Kecamatan"]["pinned"] is True
    assert config["DPT"].get("pinned") is None and config["DPT"]["type_config"]["format"] == "%d"
    cases = pd.DataFrame({"Nomor": ["001"], "Status": ["Diterima"]})
    dated = components.pinned_key(cases, {"Nomor": "Nomor kasus"})
    # as wide as its longest text: max(len("Nomor"), len("001")) = 5 -> 5 * 7,5 + 28 = 65 px
    assert dated == {"Nomor": {"label": "Nomor kasus", "pinned": True, "width": 65}}
    assert components.pinned_key(cases, {"Nomor": None}) == {"Nomor": None}  # hidden stays hidden
    # a long check name (45 characters: 45 * 7,5 + 28 = 365,5 px) is capped for a phone's sake
    checks = pd.DataFrame({"Pemeriksaan": ["LHP bertanggal di luar masa tahapan pemilihan"], "Jumlah": [0]})
    assert components.pinned_key(checks, None)["Pemeriksaan"]["width"] == components.PINNED_MAX_PX == 330

