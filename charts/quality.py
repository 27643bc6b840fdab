"""Figures of the Kualitas Data page (and its block on Ringkasan): pure, DataFrame in, figure out.

Inputs come from ``data_access.queries.quality.report_delays`` and ``metrics.quality.kecamatan_scores``;
nothing here decides what is late or what the score is, it only labels, orders and colours.
Colours: within the threshold blue, beyond it vermillion.
"""
from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from charts.memo import remembered
from charts.theme import BAD, GOOD, GREY, WARN, style
from texts import catalogue, formatting

TEXT = catalogue.KUALITAS


@remembered
def delay_histogram(delays: pd.DataFrame, late_after_days: int, *, height: int = 380) -> go.Figure:
    """Bars of LHP counts per filing delay (0, 1, 2, ... days; missing days shown as 0), bars past
    ``late_after_days`` in vermillion, a dashed line at the threshold."""
    counts = (dict(zip(delays["delay_days"].astype(int), delays["reports"].astype(int), strict=True))
              if len(delays) else {})
    top = max([late_after_days + 1, *counts])
    days = list(range(0, top + 1))
    values = [counts.get(d, 0) for d in days]
    fig = go.Figure(go.Bar(
        x=days, y=values, marker_color=[BAD if d > late_after_days else GOOD for d in days],
        text=[formatting.fmt_int(v) if v else "" for v in values], textposition="outside", cliponaxis=False,
        hovertemplate=TEXT["hover_delay"]))
    fig.add_vline(x=late_after_days + 0.5, line_dash="dash", line_color=GREY,
                  annotation_text=TEXT["chart_limit"].format(n=late_after_days), annotation_position="top right",
                  annotation_font_size=15)
    style(fig, height=height, legend=False, x_title=TEXT["chart_x_delay"], y_title=TEXT["chart_y_reports"])
    fig.update_xaxes(tickmode="linear", dtick=1)
    fig.update_yaxes(rangemode="tozero")
    return fig


@remembered
def score_bars(scores: pd.DataFrame, *, height: int | None = None) -> go.Figure:
    """Horizontal bars of the quality score per kecamatan (lowest on top), labelled
    "89,8% · 50 dari 491"; kecamatan without rows are left out. Below 90% orange, below 75%
    vermillion, otherwise blue."""
    data = scores[[not (isinstance(s, float) and math.isnan(s)) for s in scores["score"]]]
    data = data.sort_values(["score", "kecamatan"], ascending=[False, False])  # plotly draws bottom-up
    colour = [GOOD if s >= 0.9 else (WARN if s >= 0.75 else BAD) for s in data["score"]]
    text = [f"{formatting.fmt_pct(score, 1)} · {formatting.fmt_int(flagged)} dari {formatting.fmt_int(rows)}"
            for score, flagged, rows in zip(data["score"], data["flagged"], data["rows"], strict=True)]
    custom = [[formatting.fmt_pct(score, 1), formatting.fmt_int(flagged), formatting.fmt_int(rows)]
              for score, flagged, rows in zip(data["score"], data["flagged"], data["rows"], strict=True)]
    fig = go.Figure(go.Bar(
        x=list(data["score"]), y=list(data["kecamatan"]), orientation="h", marker_color=colour, text=text,
        textposition="inside", insidetextanchor="end", cliponaxis=False, customdata=custom,
        hovertemplate=TEXT["hover_score"]))  # inside the bar: outside labels were cut at phone width
    style(fig, height=height or 120 + 50 * len(data), legend=False, x_title=TEXT["chart_x_score"])
    fig.update_xaxes(range=[0, 1.02], tickformat=".0%", tickvals=[0, 0.25, 0.5, 0.75, 1])
    return fig
