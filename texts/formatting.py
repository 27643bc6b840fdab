"""Numbers, dates and times as Bahasa Indonesia writes them: one module, no Streamlit.

Numbers and dates go through Babel with locale ``id_ID`` (never the process locale): 151.742,
5,45%, "24 Nov 2024"; times are shown in WIB (UTC+7). Database timestamps are naive UTC.
Charts, reports and pages format every number and date through here (tests/test_formatting.py).
"""
from __future__ import annotations

import datetime as dt
import math
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime, format_skeleton
from babel.numbers import format_decimal, format_percent

LOCALE = "id_ID"
WIB = ZoneInfo("Asia/Jakarta")
DASH = "–"


def fmt_int(value) -> str:
    """151742 -> "151.742"; None/NaN -> "–"."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return DASH
    return format_decimal(int(round(value)), locale=LOCALE)


def fmt_num(value, digits: int = 1) -> str:
    """12.345 -> "12,3" (``digits`` decimals)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return DASH
    return format_decimal(value, format="#,##0." + "0" * digits if digits else "#,##0", locale=LOCALE)


def fmt_pct(share, digits: int = 2) -> str:
    """A share 0..1 as a percentage: 0.0545 -> "5,45%"; None/NaN -> "–"."""
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return DASH
    pattern = "#,##0." + "0" * digits + "%" if digits else "#,##0%"
    return format_percent(share, format=pattern, locale=LOCALE)


def fmt_pp(delta_share, digits: int = 1) -> str:
    """A change of a share in percentage points, signed: 0.021 -> "+2,1 poin"."""
    if delta_share is None or (isinstance(delta_share, float) and math.isnan(delta_share)):
        return DASH
    value = format_decimal(abs(delta_share) * 100, format="#,##0." + "0" * digits, locale=LOCALE)
    sign = "+" if delta_share > 0 else ("−" if delta_share < 0 else "±")
    return f"{sign}{value} poin"


def fmt_signed_int(delta) -> str:
    """+12 / −3 / ±0 for changes of counts."""
    if delta is None:
        return DASH
    sign = "+" if delta > 0 else ("−" if delta < 0 else "±")
    return f"{sign}{fmt_int(abs(delta))}"


def fmt_date(value: dt.date | None, style: str = "medium") -> str:
    """"24 Nov 2024" (medium), "24 November 2024" (long), "Minggu, 24 November 2024" (full)."""
    if value is None:
        return DASH
    return format_date(value, style, locale=LOCALE)


def fmt_day_month(value: dt.date) -> str:
    """"23 Sep" (axis labels)."""
    return format_skeleton("dMMM", value, locale=LOCALE)


def fmt_range(start: dt.date | None, end: dt.date | None) -> str:
    if start is None and end is None:
        return "semua tanggal"
    return f"{fmt_date(start)} – {fmt_date(end)}"


def to_wib(utc_naive: dt.datetime) -> dt.datetime:
    return utc_naive.replace(tzinfo=dt.UTC).astimezone(WIB)


def fmt_datetime_wib(utc_naive: dt.datetime | None) -> str:
    """Naive UTC from the database -> "26 Nov 2024 21.14 WIB"."""
    if utc_naive is None or utc_naive != utc_naive:  # None or NaT
        return DASH
    return format_datetime(to_wib(utc_naive), "d MMM y HH.mm", tzinfo=WIB, locale=LOCALE) + " WIB"


def fmt_time_wib(aware_or_utc: dt.datetime) -> str:
    """"21.14 WIB" for an aware datetime or naive UTC."""
    value = aware_or_utc if aware_or_utc.tzinfo else to_wib(aware_or_utc)
    return format_datetime(value, "HH.mm", tzinfo=WIB, locale=LOCALE) + " WIB"


def week_label(monday: dt.date) -> str:
    """Label of a Monday-to-Sunday week: "23–29 Sep" or "30 Sep–6 Okt"."""
    sunday = monday + dt.timedelta(days=6)
    if monday.month == sunday.month:
        return f"{monday.day}–{fmt_day_month(sunday)}"
    return f"{fmt_day_month(monday)}–{fmt_day_month(sunday)}"
TABLE_DATE_FORMAT = "DD/MM/YYYY"  # st.column_config date columns: numeric, so no English month names
CAKUPAN_DATE_FORMAT = "DD/MM/YYYY"  # table date columns: numeric, so no English month names
CAKUPAN_TIME_FORMAT = "HH.mm"  # "09.30", the Indonesian way


def fmt_pct_points(value, digits: int = 2) -> str:
    """A percentage already multiplied by 100 (table columns "… (% DPT)"): 5.45 -> "5,45%"."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return DASH
    return fmt_pct(value / 100, digits)
