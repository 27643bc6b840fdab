"""Shared look of every figure: readable from the back of a meeting room, colour-blind safe.

Okabe-Ito palette (distinguishable with the common colour-vision deficiencies), fonts >= 16 px,
Indonesian separators (decimal comma, thousands dot) via ``separators=",."``.
"""
from __future__ import annotations

import plotly.graph_objects as go

# Okabe & Ito (2008) colour-blind-safe palette.
BLUE, ORANGE, SKY, GREEN, YELLOW, VERMILLION, PURPLE, GREY = (
    "#0072B2", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#D55E00", "#CC79A7", "#6E6E6E")
PALETTE = [BLUE, ORANGE, GREEN, VERMILLION, SKY, PURPLE, YELLOW, GREY]
GOOD, BAD, NEUTRAL, WARN = BLUE, VERMILLION, GREY, ORANGE
# Sequential scale where darker = worse (for heatmaps of problems): light yellow to dark red-brown.
BAD_SCALE = [[0.0, "#FFF7EC"], [0.25, "#FDD49E"], [0.5, "#FC8D59"], [0.75, "#D7301F"], [1.0, "#7F0000"]]
FONT = "Source Sans Pro, Segoe UI, Arial, sans-serif"
BASE_FONT_SIZE = 16


def style(fig: go.Figure, *, title: str | None = None, height: int = 440, legend: bool = True,
          x_title: str | None = None, y_title: str | None = None) -> go.Figure:
    """Apply the house style in place and return the figure."""
    fig.update_layout(
        template="plotly_white",
        colorway=PALETTE,
        font={"family": FONT, "size": BASE_FONT_SIZE, "color": "#1F2937"},
        separators=",.",
        height=height,
        margin={"l": 10, "r": 20, "t": 70 if title else 30, "b": 10},
        showlegend=legend,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "left", "x": 0,
                "font": {"size": 15}, "title": {"text": ""}},
        hoverlabel={"font": {"size": 15}},
        title={"text": title, "font": {"size": 22}, "x": 0, "xanchor": "left"} if title else None,
    )
    fig.update_xaxes(title_text=x_title, title_font={"size": 16}, tickfont={"size": 15}, automargin=True)
    fig.update_yaxes(title_text=y_title, title_font={"size": 16}, tickfont={"size": 15}, automargin=True)
    return fig


STAMP_FONT = {"size": 12, "color": "#4B5563"}
STAMP_SUBTITLE_ROOM = 38  # px added to the top margin so a (two-line) subtitle stamp clears the plot's own labels


def stamp(fig: go.Figure, text: str) -> go.Figure:
    """Write ``text`` (filters and data time) into the figure itself, so the chart on screen and
    its PNG download (plotly's camera button) carry it: small grey type at the bottom right of
    a figure without a title (a title at the foot of the container, pushing the margin), or as
    the subtitle of a titled one. In place and idempotent (a figure stamped twice gets one
    stamp); returns the figure."""
    title = fig.layout.title
    if title.text and title.text != text:
        if title.subtitle.text != text:
            top = fig.layout.margin.t if fig.layout.margin.t is not None else 70
            fig.update_layout(title_subtitle={"text": text, "font": STAMP_FONT}, margin_t=top + STAMP_SUBTITLE_ROOM)
        return fig
    # y 0.01, not 0: plotly drops a two-line title anchored at exactly 0 (checked in Chromium)
    fig.update_layout(title={"text": text, "font": STAMP_FONT, "x": 1, "xref": "paper", "xanchor": "right",
                             "y": 0.01, "yref": "container", "yanchor": "bottom", "automargin": True,
                             "pad": {"b": 6}})  # room for descenders below the baseline
    return fig
