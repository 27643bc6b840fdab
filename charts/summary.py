"""Figures of the Ringkasan page: pure functions, DataFrame in, plotly figure out.

The weekly trend is shaped by ``metrics.coverage.by_period`` (every week of the range present);
nothing here counts, it only labels and colours: all activities in grey, supervised in blue (the
gap between the two lines is the unsupervised activities).
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.memo import remembered
from charts.theme import BLUE, GREY, style
from texts import catalogue, formatting

TEXT = catalogue.RINGKASAN


@remembered
def weekly_trend(df: pd.DataFrame, *, height: int = 340) -> go.Figure:
    """Two lines per week (``by_period(..., "week")``: period, activities, supervised, coverage):
    all campaign activities and the supervised ones, labelled at their last point (no legend)."""
    x = [formatting.week_label(p) for p in df["period"]]
    detail = [TEXT["hover_week"].format(activities=formatting.fmt_int(a), supervised=formatting.fmt_int(s),
                                     coverage=formatting.fmt_pct(c, 1))
              for a, s, c in zip(df["activities"], df["supervised"], df["coverage"], strict=True)]
    fig = go.Figure()
    for column, name, colour, dash in (("activities", TEXT["series_activities"], GREY, "dot"),
                                       ("supervised", TEXT["series_supervised"], BLUE, "solid")):
        y = [int(v) for v in df[column]]
        fig.add_scatter(x=x, y=y, name=name, mode="lines+markers", line={"color": colour, "width": 3, "dash": dash},
                        marker={"size": 8}, customdata=detail,
                        hovertemplate="<b>%{x}</b><br>%{customdata}<extra></extra>")
        if y:  # direct label at the end of the line instead of a legend: inside the plot, all activities
            # above their line and the supervised below theirs, so no right margin is needed (a phone
            # 390 px wide keeps its plot area)
            fig.add_annotation(x=x[-1], y=y[-1], text=f"<b>{name}</b>", showarrow=False, xanchor="right",
                               yanchor="bottom" if column == "activities" else "top",
                               yshift=8 if column == "activities" else -8, font={"size": 16, "color": colour})
    style(fig, height=height, legend=False, x_title=TEXT["axis_week"], y_title=TEXT["axis_activities"])
    top = max([int(v) for v in df["activities"]] + [1])
    fig.update_layout(margin={"r": 20})
    fig.update_yaxes(range=[0, top * 1.15], rangemode="tozero")
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=x)
    return fig
