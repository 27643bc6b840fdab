"""Reusable page parts: header with data stamp, KPI cards, charts, tables with downloads, notices.

Pages call these so every page stamps its data time and filters the same way and every table
gets the same CSV/XLSX downloads.
"""
from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable

import pandas as pd
import streamlit as st
from plotly.basedatatypes import BaseFigure

import config
from charts import memo, theme
from data_access import spreadsheet
from data_access.filters import ignored_fields
from data_access.queries import reference
from texts import catalogue, formatting, markdown
from ui import auth, briefing, cache, filters, live
from ui.filters import Selection

PLOTLY_CONFIG = {
    "displaylogo": False,
    "modeBarButtonsToRemove": ["lasso2d", "select2d", "autoScale2d"],
    "toImageButtonOptions": {"format": "png", "scale": 2},  # 2x presentation resolution
}


def data_stamp_text() -> str:
    stamp = cache.load(reference.data_stamp)
    return catalogue.MSG["data_stamp"].format(stamp=formatting.fmt_datetime_wib(stamp))


def is_demo() -> bool:
    return cache.load(reference.demo_seed) is not None


def page_header(title: str, selection: Selection, *, caption: str | None = None) -> None:
    """Title, the active filters and the "Data per ... WIB" stamp (plus "Data contoh" on demo data).

    In briefing mode it also asks for the collapsed sidebar again, from the page's own script: the
    entry point's request is not applied on a page switch (streamlit/streamlit#12065). With it most
    switches keep the sidebar closed; Streamlit 1.67 still opens it on some (fix pending upstream),
    and the presenter closes it with its arrow."""
    if briefing.is_active():
        st.set_page_config(initial_sidebar_state="collapsed")
    st.title(title)
    line = f"{markdown.escape(selection.describe())} · {data_stamp_text()}"  # names from imports: text, not markdown
    refreshed = live.refreshed_at()  # when this screen was drawn (ui/live.py keeps it current)
    if refreshed is not None:
        line += " · " + catalogue.BRIEFING["refreshed"].format(time=formatting.fmt_time_wib(refreshed))
    if is_demo():
        line = f":orange-badge[{catalogue.DEMO_BADGE}] " + line
    st.caption(line)
    if caption:
        st.caption(caption)


def dates_changed(selection: Selection) -> bool:
    """True when the date range is not the default (the campaign period): only then is "the date
    filter does not apply" worth saying, since some range is always set."""
    f = selection.filters
    return selection.default_range is not None and (f.start, f.end) != tuple(selection.default_range)


def not_applicable_fields(dataset: str, selection: Selection, *, dates: bool = False) -> list[str]:
    """Filter fields that are set but do not apply to ``dataset``; with ``dates`` (data that ignores
    the date range, e.g. Formulir C) also "start" when the range is not the default one."""
    return ignored_fields(dataset, selection.filters) + (["start"] if dates and dates_changed(selection) else [])


def not_applicable_notice(fields: list[str], *, compact: bool = False) -> None:
    """The notice for ``not_applicable_fields`` (nothing when the list is empty); ``compact``: one
    blue caption line with the same icon, for a KPI card (a full alert box would double its height)."""
    if not fields:
        return
    if compact:
        st.caption(f":blue[:material/info: {catalogue.not_applicable(fields)}]")
    else:
        st.info(catalogue.not_applicable(fields), icon=":material/info:")


def not_applicable(dataset: str, selection: Selection, *, dates: bool = False) -> None:
    """Say when a set filter does not apply to this data (e.g. Formulir C has no candidate pair)."""
    not_applicable_notice(not_applicable_fields(dataset, selection, dates=dates))


def empty_state(message: str | None = None) -> None:
    st.info(message or catalogue.MSG["empty_filter"], icon=":material/filter_alt_off:")


def kpi_grid(key: str):
    """The container a page's headline KPI cards go in (``with components.kpi_grid("..."):`` then
    ``components.kpi(...)`` per card): one row of equal cards on a wide screen, wrapping onto as
    many rows as it needs on a narrow one, two cards a row on a 390 px phone (a horizontal
    container wraps by itself; ``st.columns`` would stack one card per row there)."""
    return st.container(horizontal=True, gap="small", key=key)


def about(label: str, *lines: str, key: str | None = None) -> None:
    """Explanatory prose of a page (its calendar, its rules) behind a closed expander, so the
    headline figures come first on a phone; each of ``lines`` is one caption."""
    with st.expander(label, icon=":material/info:", key=key):
        for line in lines:
            if line:
                st.caption(line)


def kpi(label: str, value: str, delta: str | None = None, *, help: str | None = None,
        delta_color: str = "normal", key: str | None = None, delta_arrow: str = "auto",
        delta_description: str | None = None, note: str | None = None, notes: tuple[str, ...] = (),
        not_applicable: list[str] | None = None, stretch: bool = False) -> None:
    """A KPI card. ``delta_arrow="off"`` with ``delta_color="off"`` shows the delta line as a plain
    grey note (e.g. "94,55% dari DPT") rather than a change. ``delta_description`` follows the delta
    in small muted text ("vs periode sebelumnya"); ``note`` and ``notes`` are caption lines under the
    metric; ``not_applicable`` (``not_applicable_fields``) adds the "filter does not apply" notice in
    the card. ``stretch``: as tall as the tallest card of its row of columns."""
    with st.container(border=True, key=key, height="stretch" if stretch else "content"):
        st.metric(label, value, delta=delta, help=help, delta_color=delta_color, delta_arrow=delta_arrow,
                  delta_description=delta_description)
        for line in ((note,) if note else ()) + tuple(notes):
            st.caption(line)
        not_applicable_notice(not_applicable or [], compact=True)


# Colour of a change: blue = better, red = worse (a colour-blind-safe pair; the arrow carries the
# direction), grey = neither (more activities or cases is not good or bad in itself).
TONE_COLOR = {"good": "blue", "bad": "red", "neutral": "gray"}
ARROW = {"up": "up", "down": "down", "flat": "off", "none": "off"}


def view_card(card, *, key: str, not_applicable: list[str] | None = None, stretch: bool = False) -> None:
    """A ``views.blocks.Card`` as a KPI card: its change line coloured by tone with an explicit arrow
    (our minus sign "−" is not the ASCII "-" Streamlit looks for), or a plain grey line."""
    if card.direction:
        delta = {"delta": card.change, "delta_arrow": ARROW[card.direction],
                 "delta_color": TONE_COLOR[card.tone], "delta_description": card.change_note or None}
    elif card.change:
        delta = {"delta": card.change, "delta_arrow": "off", "delta_color": "off"}
    else:
        delta = {}
    kpi(card.label, card.value, help=card.help, key=key, notes=card.notes, not_applicable=not_applicable,
        stretch=stretch, **delta)


def chart_stamp(selection: Selection) -> str:
    """The line every chart carries (on screen and in its PNG): filters and data time."""
    return catalogue.chart_stamp(selection.describe(), data_stamp_text(), is_demo())


class _Drawn(BaseFigure):
    """A figure already in the plain form ``st.plotly_chart`` sends: the stamped copy of a page's
    figure. Streamlit takes a plotly figure's plain form with ``to_dict`` (a deep copy of every
    trace and the template) and uses nothing else of it; here ``to_dict`` hands over the dict made
    for it, so a chart costs one copy per render, not three (a copy, a rebuilt figure with
    plotly's default template, Streamlit's copy). Nothing of ``BaseFigure`` is set up: only
    ``to_dict`` is meant to be called (the page tests read every chart as Streamlit sent it)."""

    def __init__(self, spec: dict):  # BaseFigure.__init__ is skipped on purpose
        object.__setattr__(self, "_spec", spec)

    def to_dict(self) -> dict:
        return self._spec


def _stamped(fig, key: str, config: dict | None = None) -> tuple[object, dict]:
    """A stamped copy of the figure, and the plotly config whose camera button saves a 2x PNG named
    after the chart and the filters. The figure itself is never changed: it may be shared by every
    session (``ui.cache.view``). The stamp is written into the figure's plain dict (``to_dict``,
    a copy), which is what is drawn."""
    selection = filters.current()
    spec = theme.stamp_spec(fig.to_dict(), chart_stamp(selection))
    height = spec["layout"].get("height")
    # Drawn at a fixed width whatever the screen: from a phone the PNG still holds the whole stamp.
    size = {"width": theme.EXPORT_WIDTH, **({"height": height} if height else {})}
    image = {**PLOTLY_CONFIG["toImageButtonOptions"], **size, "filename": f"{key}_{selection.slug()}"}
    return _Drawn(spec), {**PLOTLY_CONFIG, **(config or {}), "toImageButtonOptions": image}


def chart(fig, *, key: str, alt: str) -> None:
    fig, config = _stamped(fig, key)
    st.plotly_chart(fig, key=key, theme=None, config=config, width="stretch", alt=alt)


def map_chart(fig, *, key: str, alt: str, on_select="ignore", config: dict | None = None):
    """A map (charts.maps) where clicking an area selects it: ``on_select`` is "ignore", "rerun" or
    a callback; ``config`` adds plotly config (charts.maps.PLOTLY_CONFIG: offline topojson)."""
    fig, config = _stamped(fig, key, config)
    return st.plotly_chart(fig, key=key, theme=None, config=config,
                           width="stretch", on_select=on_select, selection_mode="points", alt=alt)


def _stamp_lines(title: str, selection: Selection) -> list[str]:
    return [title, f"Filter: {selection.describe()}", data_stamp_text()]


def to_csv_bytes(df: pd.DataFrame, title: str, selection: Selection) -> bytes:
    """CSV that opens correctly in Excel with an Indonesian locale: ';' separator, ',' decimals,
    UTF-8 with BOM; the first lines say what the table is, its filters and data time."""
    return _csv(df, _stamp_lines(title, selection))


def _csv_bytes(df: pd.DataFrame, lines: list[str]) -> bytes:
    # data_access.spreadsheet: text a spreadsheet would run as a formula is neutralised (issue 17)
    return spreadsheet.csv_bytes(df, lines=lines)


def to_xlsx_bytes(df: pd.DataFrame, title: str, selection: Selection) -> bytes:
    return _xlsx(df, _stamp_lines(title, selection))


def _xlsx_bytes(df: pd.DataFrame, lines: list[str]) -> bytes:
    return spreadsheet.xlsx_bytes(df, lines=lines)  # text cells stay text, never formulas (issue 17)


# Remembered per table content and stamp: making both files on every run of every page was ~10% of
# the server's CPU under load (benchmarks/load_sessions.py); st.cache_data then still hashed every
# table and copied the file out of its store on every run (~8%): charts.memo keys on the pickled
# arguments and hands out the kept bytes object itself.
_csv = memo.remembered_bytes(_csv_bytes)
_xlsx = memo.remembered_bytes(_xlsx_bytes)


def download_data(df: pd.DataFrame, lines: list[str], file_format: str, *, total: int | None = None,
                  everything: Callable[[], pd.DataFrame] | None = None):
    """What a table's download button gets: the file's bytes, made with the page (cached), or, for a
    table longer than ``download_on_click_rows`` (config), a callable that Streamlit runs only when
    the button is clicked: a national list of 94,000 cases took 17 s to write as Excel. When ``df``
    holds only the first of ``total`` rows, the callable first reads them all with ``everything``."""
    cached, make = {"csv": (_csv, _csv_bytes), "xlsx": (_xlsx, _xlsx_bytes)}[file_format]
    if everything is not None and total is not None and total > len(df):
        return lambda: make(everything(), lines)
    if len(df) > config.get().download_on_click_rows:
        return functools.partial(make, df, lines)
    return cached(df, lines)


# A table shows at most this many rows on screen (its downloads hold all of them): a national list
# of 50,000 TPS crashed the page (pandas Styler refuses more than 262,144 cells) and no one reads
# past the first screens; the rows come in the order the page ranked them. Config [tables].
SCREEN_ROWS = config.get().screen_rows


PINNED_MAX_PX = 330  # a 390 px phone still shows a sliver of the next column


def pinned_key(df: pd.DataFrame, column_config: dict | None) -> dict:
    """``column_config`` with the table's key column pinned, so it stays in view while a narrow
    screen scrolls the table sideways inside its frame (issue 21): the first column, and the second
    too when the first is only a code ("Kode kecamatan", then the name)."""
    config = dict(column_config or {})
    columns = [str(c) for c in df.columns]
    key = columns[:2] if len(columns) > 1 and columns[0].lower().startswith("kode") else columns[:1]
    for name in key:
        given = config.get(name, {})
        if given is None:  # a hidden column stays hidden
            continue
        setting = {**(given if isinstance(given, dict) else {"label": str(given)}), "pinned": True}
        if "width" not in setting and (pd.api.types.is_string_dtype(df[name]) or df[name].dtype == object):
            # A pinned column is not widened to its text (the Kualitas check names were cut at ~150 px
            # on a 1920 screen): as wide as its longest value, up to what still leaves a phone room.
            longest = max((len(str(v)) for v in df[name].head(200)), default=0)
            setting["width"] = int(min(max(len(name), longest) * 7.5 + 28, PINNED_MAX_PX))
        config[name] = setting
    return config


def table(df: pd.DataFrame, *, title: str, name: str, selection: Selection, key: str,
          column_config: dict | None = None, height: int | str = "auto", formats: dict | None = None,
          total: int | None = None, everything: Callable[[], pd.DataFrame] | None = None) -> None:
    """A table with CSV and XLSX downloads named after the table and its filters. ``formats`` maps
    columns to texts.formatting formatters for display only (sorting and downloads keep the raw values).
    At most ``SCREEN_ROWS`` rows on screen, with a note saying so. A page may pass only the first
    rows (a national list: no need to read 94,000 rows to show 5,000): ``total`` is then how many
    there are and ``everything`` (``ui.cache.deferred``) reads them all when a download is clicked."""
    n = max(total or 0, len(df))
    on_screen = df.head(SCREEN_ROWS)
    shown = on_screen.style.format({c: f for c, f in formats.items() if c in df.columns}) if formats else on_screen
    if n > len(on_screen):
        st.caption(catalogue.MSG["table_cut"].format(shown=formatting.fmt_int(len(on_screen)), n=formatting.fmt_int(n)))
    st.dataframe(shown, hide_index=True, column_config=pinned_key(df, column_config), width="stretch", height=height,
                 key=key)
    if not auth.can_download():  # a wall screen (role layar) hands out no files
        return
    base = f"{name}_{selection.slug()}"
    cols = st.columns([1, 1, 4])

    lines = _stamp_lines(title, selection)
    rest = {"total": total, "everything": everything}

    def button(col, label: str, fmt: str, mime: str) -> None:
        """Each click writes one audit row (who, table, format, filters). Bytes made with the page
        (cached per content and stamp): the audit is the on_click callback, which reruns the app. A
        file made on click (download_data): the callable writes the audit row itself and the click
        does not rerun; with a rerun racing the worker thread Chromium lost a click now and then."""
        file_name = f"{base}.{fmt}"
        detail = {"what": name, "file_format": fmt, "file_name": file_name, "filters": selection.describe()}
        made = download_data(df, lines, fmt, **rest)
        if callable(made):
            col.download_button(label, auth.audited_file(made, **detail), file_name, mime, key=f"{key}_{fmt}",
                                icon=":material/download:", on_click="ignore")
        else:
            col.download_button(label, made, file_name, mime, key=f"{key}_{fmt}", icon=":material/download:",
                                on_click=auth.audit_export, kwargs=detail)

    button(cols[0], catalogue.MSG["download_csv"], "csv", "text/csv")
    button(cols[1], catalogue.MSG["download_xlsx"], "xlsx",
           "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def today_wib() -> dt.date:
    return dt.datetime.now(formatting.WIB).date()
