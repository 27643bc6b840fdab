"""A choropleth of ``charts.maps`` on a page (the Peta page and the small map on Ringkasan): its text
sized for the current mode, and a click on an area setting the shared kecamatan/desa filter.

Here, not in ``charts/``: the figure builders stay pure (DataFrame in, figure out); this reads the
briefing mode and writes the filter bar's session state.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

import pandas as pd
import streamlit as st

from charts import maps
from data_access.filters import Filters
from ui import briefing, components


def text_scale() -> float:
    """How much larger the map's text is drawn: more in briefing mode (projector), else 1."""
    return maps.BRIEFING_TEXT_SCALE if briefing.is_active() else 1.0


def filter_to_clicked(map_key: str, level: str, codes: Iterable[str]) -> Callable[[], None]:
    """The ``on_select`` callback of the map ``map_key``: the clicked areas (among ``codes``)
    become the kecamatan filter (the desa filter cleared) or, at desa level, the desa filter.
    Callbacks run before the filter widgets are drawn, the only moment their state may be changed."""
    known = list(codes)

    def _filter_to_clicked() -> None:
        state = st.session_state.get(map_key) or {}
        chosen = maps.selected_codes(state.get("selection"), known)
        if not chosen:
            return
        if level == "kecamatan":
            st.session_state["kec"] = chosen
            st.session_state["desa"] = []
        else:
            st.session_state["desa"] = chosen

    return _filter_to_clicked


def draw(table: pd.DataFrame, level: str, measure: str, f: Filters, *, key: str, alt: str,
         labels: str | None = "all", label_size: int = 17, height: int = 640) -> None:
    """The map of ``table`` (``metrics.areas.area_measures``) coloured by ``measure``; clicking an
    area filters the whole dashboard to it. The element key carries the level, the measure and the
    filters ``f``: a new filter starts a fresh selection (an old one would stay highlighted and a
    second click on the same area would not count as a change)."""
    fig = maps.choropleth(table, level, measure, labels=labels, height=height, label_size=label_size,
                          text_scale=text_scale())
    map_key = f"{key}_{level}_{measure}_{abs(hash(f)) % 10**8}"
    components.map_chart(fig, key=map_key, on_select=filter_to_clicked(map_key, level, table["kode"]),
                         config=maps.PLOTLY_CONFIG, alt=alt)
