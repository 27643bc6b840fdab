"""The "kegiatan di masa tenang" card of Cakupan and Ringkasan (issue 18).

Campaign activities found in the quiet period are data, not errors: the card counts those of the
elections in scope, whatever the date range (the default range, the campaign period, would hide
them), says how many were supervised, and whether the coverage figure beside it includes them.
Definitions: ``metrics.coverage`` (``quiet_period_filters``, ``quiet_figure``); counts:
``data_access.queries.coverage.activity_coverage`` (summary tables or raw rows, the same answer).
"""
from __future__ import annotations

import streamlit as st

from data_access.filters import Filters
from data_access.queries import coverage as q
from data_access.queries import reference
from metrics import coverage as m
from texts import catalogue, formatting
from ui import cache, components, filters

T = catalogue.MASA_TENANG


def collect(load, f: Filters) -> m.QuietFigure | None:
    """The figure for ``f``; ``load(fn, filters, **kwargs)`` as in ``ui.quality.collect``."""
    periods = m.quiet_period_filters(f, load(reference.elections))
    whole = [load(q.activity_coverage, p.whole) for p in periods]
    inside = [load(q.activity_coverage, p.inside) if p.inside is not None else None for p in periods]
    return m.quiet_figure(periods, whole, inside)


def coverage_note(fig: m.QuietFigure) -> str:
    """Whether the coverage figure of the page includes these activities (it counts the date range)."""
    if fig.activities == 0 or fig.in_coverage == 0:
        return T["outside_coverage"]
    if fig.in_coverage == fig.activities:
        return T["inside_coverage"]
    return T["partly_coverage"].format(n=formatting.fmt_int(fig.in_coverage))


def card(f: Filters, *, key: str, widths: tuple[int, int] = (1, 2)) -> None:
    """The KPI card and, beside it, what the figure means with a link to the rows (Kualitas Data,
    tab "Tanggal"); nothing when no election in scope has a quiet period."""
    fig = collect(cache.load, f)
    if fig is None:
        return
    left, right = st.columns(list(widths))
    with left:
        components.kpi(T["label"], formatting.fmt_int(fig.activities), help=T["help"], key=key,
                       notes=(T["note"].format(supervised=formatting.fmt_int(fig.supervised),
                                               period=formatting.fmt_range(fig.start, fig.end)), coverage_note(fig)))
    with right:
        st.caption(T["explain"])
        st.page_link("pages/kualitas.py", label=T["link"], icon=":material/event_busy:",
                     query_params=filters.link_params())
