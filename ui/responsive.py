"""Small-screen rules (phones, up to 640 px wide): leaders read the Ringkasan page on the move.

Streamlit stacks columns by itself on a narrow screen; what it cannot know is which parts of a
figure to drop. Injected on every run (``apply``), CSS only:
- the stamp written into each chart (``charts.theme.stamp_spec``: a 12 px title or subtitle) is hidden:
  a line of 100+ characters would be cut at 390 px, and the page header carries the same stamp
  (the PNG of the camera button is drawn from the figure, not the page, and keeps it);
- the Ringkasan map is hidden: eight kecamatan names on a 390 px map overlap; its heading and the
  link to the Peta page stay;
- page links in the page body ("Perlu perhatian" lines) wrap instead of ending in "…";
- titles are sized for the width (a page title on two lines at most, a section header on one or
  two instead of three), and KPI values are never cut with "…": a smaller size, and a value too
  long for its card (a date) wraps (issue 21);
- briefing mode keeps its larger type for the projector, but not the 20 px root size and 3rem
  values a 390 px screen cannot hold.
Everything else is Streamlit and plotly layout: the KPI grid (``components.kpi_grid``), the chart
text that wraps or stands inside its bars (``charts.theme``).
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
  [data-testid="stMain"] h1 { font-size: 1.9rem !important; line-height: 1.2; }
  [data-testid="stMain"] h2 { font-size: 1.4rem !important; }
  [data-testid="stMain"] h3 { font-size: 1.2rem !important; }
  [data-testid="stMainBlockContainer"] { padding-top: 4rem; padding-left: 1rem !important;
    padding-right: 1rem !important; }
  [data-testid="stMetricValue"] { font-size: 1.75rem !important; line-height: 1.2 !important; }
  [data-testid="stMetricValue"] [data-testid="stMarkdownContainer"], [data-testid="stMetricValue"] p,
  [data-testid="stMetricDelta"] [data-testid="stMarkdownContainer"], [data-testid="stMetricDelta"] p,
  [data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"], [data-testid="stMetricLabel"] p {
    white-space: normal !important; overflow-wrap: anywhere; text-overflow: clip !important; }
  html { font-size: 16px !important; }
}
</style>
"""


def apply() -> None:
    st.html(CSS)
