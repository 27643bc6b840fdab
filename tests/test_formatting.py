"""texts.formatting: Indonesian numbers, dates and WIB times, worked out by hand (id_ID: "." groups
thousands, "," marks decimals, no space before "%"; WIB is UTC+7 with no daylight saving)."""
import datetime as dt
import math
import subprocess
import sys

import pytest

from texts import code_labels, formatting


@pytest.mark.parametrize("value, expected", [
    (151742, "151.742"), (8266, "8.266"), (0, "0"), (999, "999"), (1000, "1.000"), (2.6, "3"),
    (None, "–"), (math.nan, "–"),
])
def test_fmt_int(value, expected):
    assert formatting.fmt_int(value) == expected


@pytest.mark.parametrize("share, digits, expected", [
    (0.0545, 2, "5,45%"), (0.878, 1, "87,8%"), (1.0, 1, "100,0%"), (0.0, 2, "0,00%"), (0.5, 0, "50%"),
    (8266 / 151742, 2, "5,45%"), (None, 2, "–"), (math.nan, 1, "–"),
])
def test_fmt_pct(share, digits, expected):
    assert formatting.fmt_pct(share, digits) == expected


def test_fmt_num_and_points():
    assert formatting.fmt_num(12.345) == "12,3"
    assert formatting.fmt_num(1234.5, 2) == "1.234,50"
    assert formatting.fmt_num(1234.5, 0) == "1.234"  # half to even, as Babel rounds
    assert formatting.fmt_pct_points(5.45) == "5,45%"
    assert formatting.fmt_pct_points(None) == "–"


@pytest.mark.parametrize("delta, expected",
                         [(0.021, "+2,1 poin"), (-0.1, "−10,0 poin"), (0.0, "±0,0 poin"), (None, "–")])
def test_fmt_pp(delta, expected):
    assert formatting.fmt_pp(delta) == expected


@pytest.mark.parametrize("delta, expected", [(12, "+12"), (-1500, "−1.500"), (0, "±0"), (None, "–")])
def test_fmt_signed_int(delta, expected):
    assert formatting.fmt_signed_int(delta) == expected


def test_dates_in_indonesian():
    day = dt.date(2024, 11, 27)  # voting day of Pilkada Serentak 2024, a Wednesday
    assert formatting.fmt_date(day) == "27 Nov 2024"
    assert formatting.fmt_date(day, "long") == "27 November 2024"
    assert formatting.fmt_date(day, "full") == "Rabu, 27 November 2024"
    assert formatting.fmt_date(None) == "–"
    assert formatting.fmt_day_month(dt.date(2024, 9, 25)) == "25 Sep"
    assert formatting.fmt_range(dt.date(2024, 9, 25), dt.date(2024, 11, 23)) == "25 Sep 2024 – 23 Nov 2024"
    assert formatting.fmt_range(None, None) == "semua tanggal"


def test_week_labels():
    assert formatting.week_label(dt.date(2024, 9, 23)) == "23–29 Sep"
    assert formatting.week_label(dt.date(2024, 9, 30)) == "30 Sep–6 Okt"  # Oktober is "Okt" in id_ID


def test_wib_is_utc_plus_seven():
    utc = dt.datetime(2024, 11, 26, 14, 14)  # naive UTC, as the database stores it
    assert formatting.to_wib(utc).hour == 21
    assert formatting.fmt_datetime_wib(utc) == "26 Nov 2024 21.14 WIB"
    # past midnight in WIB: the date moves to the next day
    assert formatting.fmt_datetime_wib(dt.datetime(2024, 11, 26, 18, 5)) == "27 Nov 2024 01.05 WIB"
    assert formatting.fmt_time_wib(utc) == "21.14 WIB"
    assert formatting.fmt_time_wib(dt.datetime(2024, 11, 26, 21, 14, tzinfo=formatting.WIB)) == "21.14 WIB"
    assert formatting.fmt_datetime_wib(None) == "–"


def test_code_labels():
    assert code_labels.label(code_labels.UNDELIVERED_REASONS, "pindah_domisili") == "Pindah domisili"
    assert code_labels.label(code_labels.UNDELIVERED_REASONS, "kode_baru") == "kode_baru"  # unknown: the code
    assert code_labels.label(code_labels.UNDELIVERED_REASONS, None) == "Tidak ada"
    assert code_labels.ELECTION_SHORT["bupati"] == "Pilbup"


def test_no_streamlit_in_texts():
    """charts/ and reports/ import texts; it must not pull Streamlit in (checked in a fresh interpreter)."""
    code = ("import sys, texts.formatting, texts.code_labels, texts.catalogue, texts.markdown; "
            "print('streamlit' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
