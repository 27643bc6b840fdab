"""Shared look of every figure: readable from the back of a meeting room, colour-blind safe.

Okabe-Ito palette (distinguishable with the common colour-vision deficiencies), fonts >= 16 px,
Indonesian separators (decimal comma, thousands dot) via ``separators=",."``.
"""
from __future__ import annotations

import textwrap
from contextlib import contextmanager

import plotly.graph_objects as go
import plotly.io as pio

# Okabe & Ito (2008) colour-blind-safe palette.
BLUE, ORANGE, SKY, GREEN, YELLOW, VERMILLION, PURPLE, GREY = (
    "#0072B2", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#D55E00", "#CC79A7", "#6E6E6E")
PALETTE = [BLUE, ORANGE, GREEN, VERMILLION, SKY, PURPLE, YELLOW, GREY]
GOOD, BAD, NEUTRAL, WARN = BLUE, VERMILLION, GREY, ORANGE
# Sequential scale where darker = worse (for heatmaps of problems): light yellow to dark red-brown.
BAD_SCALE = [[0.0, "#FFF7EC"], [0.25, "#FDD49E"], [0.5, "#FC8D59"], [0.75, "#D7301F"], [1.0, "#7F0000"]]
FONT = "Source Sans Pro, Segoe UI, Arial, sans-serif"
BASE_FONT_SIZE = 16

# Phone width (issue 21): a figure cannot know how wide it is drawn, and plotly never wraps a title
# or keeps a label inside the figure by itself. What must fit 390 px is written so it does at any
# width: titles and axis titles are broken into lines of at most these many characters (a 22 px
# title line of 30 characters is about 320 px wide, a 16 px axis title of 28 about 215 px), long
# category names are wrapped on their axis (the full name stays in the data, so the hover shows
# it), value labels stand inside their bar when they fit there, else just outside it.
TITLE_CHARS = 30
AXIS_TITLE_CHARS = 28
CATEGORY_CHARS = 20
TITLE_LINE_PX = 27  # top margin added per extra title line
# The camera button draws the PNG at this width whatever the screen (a phone's 358 px would cut
# the stamp line and the title); the height is the figure's own.
EXPORT_WIDTH = 1200


def wrap(text: str | None, width: int) -> str | None:
    """``text`` broken into lines of at most ``width`` characters at spaces, joined with plotly's
    ``<br>`` (a word longer than ``width`` keeps its own line; each line of a text that already has
    ``<br>`` breaks is wrapped on its own); text that fits is returned as it is."""
    if not text or all(len(line) <= width for line in text.split("<br>")):
        return text
    return "<br>".join("<br>".join(textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False))
                       for line in text.split("<br>"))


def line_count(text: str | None) -> int:
    """How many lines ``text`` (plotly markup) takes."""
    return (text or "").count("<br>") + 1


def wrap_categories(fig: go.Figure, axis: str = "y", width: int = CATEGORY_CHARS) -> go.Figure:
    """Write the category tick labels of ``axis`` ("x" or "y") wrapped onto lines of ``width``
    characters (``tickvals`` keep the full names the traces use, so the hover and the data keep
    them). Categories in the order the traces first name them; in place, returns the figure."""
    seen: dict[str, None] = {}
    for trace in fig.data:
        for value in getattr(trace, axis) or ():
            if isinstance(value, str):
                seen.setdefault(value, None)
    names = list(seen)
    if any(wrap(n, width) != n for n in names):
        fig.update_layout({f"{axis}axis": {"tickmode": "array", "tickvals": names,
                                           "ticktext": [wrap(n, width) for n in names]}})
    return fig


def label_zero_bars(fig: go.Figure) -> go.Figure:
    """Plotly draws no text for a bar of length 0, so "0 dari 6 TPS" or "0,0% (0/1)" went missing
    with ``bar_labels``: the labels of the zero bars of every horizontal bar trace are written by a
    text trace at 0, running right. In place, returns the figure."""
    for trace in list(fig.data):
        if trace.type != "bar" or trace.orientation != "h" or trace.text is None or trace.textposition != "auto":
            continue
        zero = [(y, t) for x, y, t in zip(trace.x, trace.y, trace.text, strict=True) if x == 0 and t]
        if zero:
            fig.add_scatter(x=[0] * len(zero), y=[y for y, _ in zero], text=[t for _, t in zero], mode="text",
                            textposition="middle right", textfont={"size": BASE_FONT_SIZE, "color": "#1F2937"},
                            hoverinfo="skip", showlegend=False, cliponaxis=False)
    return fig


def legend_below(fig: go.Figure) -> go.Figure:
    """Put the legend at the foot of the figure (it pushes the bottom margin): for a titled chart
    with many series, whose legend, wrapping onto several rows on a phone, grew up over the title
    from its place above the plot. In place, returns the figure."""
    fig.update_layout(legend={"yref": "container", "y": 0, "yanchor": "bottom", "x": 0, "xanchor": "left"})
    return fig


def label_anchor(share: float) -> dict:
    """Annotation placement for a label on a vertical line at ``share`` (0..1) of the x-axis: to the
    right of the line in the left half, to its left in the right half, so it never runs past the
    figure's right edge."""
    return {"xanchor": "left", "xshift": 4} if share <= 0.5 else {"xanchor": "right", "xshift": -4}


def bar_labels(trace_kwargs: dict | None = None) -> dict:
    """Value labels of a bar trace that stay inside the figure at any width: inside the bar (at its
    end) when the label fits there, else just outside it; a bar too short for its label leaves
    room after it, as the axis range has headroom."""
    return {"textposition": "auto", "insidetextanchor": "end", "textangle": 0, "cliponaxis": False,
            "insidetextfont": {"color": "white"}, "outsidetextfont": {"color": "#1F2937"},
            **(trace_kwargs or {})}


# The house layout every figure gets. Checked by plotly once, here (``go.Layout`` raises on a wrong
# name or value); ``style`` then writes it into each figure without checking it again: plotly's
# check copied the whole "plotly_white" template (every trace type's defaults) and walked every
# property, ~10 ms of the ~17 ms ``style`` took per figure, a sixth of the server's CPU under load
# (benchmarks/load_sessions.py, py-spy). The figure is the same (tests/test_charts_theme.py).
_HOUSE = {
    "colorway": PALETTE,
    "font": {"family": FONT, "size": BASE_FONT_SIZE, "color": "#1F2937"},
    "separators": ",.",
    "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "left", "x": 0,
               "font": {"size": 15}, "title": {"text": ""}},
    "hoverlabel": {"font": {"size": 15}},
}
go.Layout(template="plotly_white", **_HOUSE)  # validated once, at import
_TEMPLATE = pio.templates["plotly_white"]


@contextmanager
def _checked_already(layout):
    """Write into ``layout`` without plotly's property check (what plotly itself does when it
    applies the default template to a new figure): only for values checked above."""
    before = layout._validate
    layout._validate = False
    try:
        yield layout
    finally:
        layout._validate = before


def style(fig: go.Figure, *, title: str | None = None, height: int = 440, legend: bool = True,
          x_title: str | None = None, y_title: str | None = None) -> go.Figure:
    """Apply the house style in place and return the figure."""
    with _checked_already(fig.layout) as layout:
        layout.template = _TEMPLATE
        fig.update_layout(_HOUSE)
    fig.update_layout(
        height=height,
        margin={"l": 10, "r": 20, "t": 70 if title else 30, "b": 10},
        showlegend=legend,
        title={"text": wrap(title, TITLE_CHARS), "font": {"size": 22}, "x": 0, "xanchor": "left"} if title else None,
    )
    if title:
        extra_lines = (wrap(title, TITLE_CHARS) or "").count("<br>")
        fig.update_layout(margin_t=70 + TITLE_LINE_PX * extra_lines)
    fig.update_xaxes(title_text=wrap(x_title, AXIS_TITLE_CHARS), title_font={"size": 16}, tickfont={"size": 15},
                     automargin=True)
    fig.update_yaxes(title_text=y_title, title_font={"size": 16}, tickfont={"size": 15}, automargin=True)
    return fig


STAMP_FONT = {"size": 12, "color": "#4B5563"}
STAMP_SUBTITLE_ROOM = 38  # px added to the top margin so a (two-line) subtitle stamp clears the plot's own labels


def _merge(target: dict, patch: dict) -> dict:
    """``patch`` written into ``target`` as plotly's ``update`` does: nested dicts merged, the rest set."""
    for key, value in patch.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _merge(target[key], value)
        else:
            target[key] = dict(value) if isinstance(value, dict) else value
    return target


def stamp_spec(spec: dict, text: str) -> dict:
    """Write ``text`` (filters and data time) into a figure's plain dict (``fig.to_dict()``, what
    ``st.plotly_chart`` sends), so the chart on screen and its PNG download (plotly's camera button)
    carry it: small grey type at the bottom right of a figure without a title (a title at the foot
    of the container, pushing the margin), or as the subtitle of a titled one. In place and
    idempotent (stamped twice, one stamp); returns the dict. Plain dict work, not plotly's update
    machinery, which took ~4 ms per chart on every render."""
    layout = spec.setdefault("layout", {})
    title = layout.get("title") or {}
    if title.get("text") and title["text"] != text:
        if (title.get("subtitle") or {}).get("text") != text:
            margin = layout.get("margin") or {}
            top = margin["t"] if margin.get("t") is not None else 70
            _merge(layout, {"title": {"subtitle": {"text": text, "font": STAMP_FONT}},
                            "margin": {"t": top + STAMP_SUBTITLE_ROOM}})
        return spec
    # y 0.01, not 0: plotly drops a two-line title anchored at exactly 0 (checked in Chromium)
    _merge(layout, {"title": {"text": text, "font": STAMP_FONT, "x": 1, "xref": "paper", "xanchor": "right",
                              "y": 0.01, "yref": "container", "yanchor": "bottom", "automargin": True,
                              "pad": {"b": 6}}})  # room for descenders below the baseline
    return spec
