"""Small-screen rules (phones, up to 640 px wide): leaders read the Ringkasan page on the move.

Streamlit stacks columns by itself on a narrow screen; what it cannot know is which parts of a
figure to drop. Injected on every run (``apply``), CSS only:
- the stamp written into each chart (``charts.theme.stamp``: a 12 px title or subtitle) is hidden:
  a line of 100+ characters would be cut at 390 px, and the page header carries the same stamp
  (the PNG of the camera button is drawn from the figure, not the page, and keeps it);
- the Ringkasan map is hidden: eight kecamatan names on a 390 px map overlap; its heading and the
  link to the Peta page stay;
- page links in the page body ("Perlu perhatian" lines) wrap instead of ending in "…".
"""
from __future__ import annotations

import streamlit as st

CSS = """
<style>
@media (max-width: 640px) {
  .js-plotly-plot text.gtitle-subtitle, .js-plotly-plot text.gtitle[style*="font-size: 12px"] { display: none; }
  .st-key-ringkasan_map { display: none; }
  [data-testid="stMain"] [data-testid="stPageLink-NavLink"] span,
  [data-testid="stMain"] [data-testid="stPageLink-NavLink"] p { white-space: normal; text-overflow: clip; }
}
</style>
"""


def apply() -> None:
    st.html(CSS)
