"""Cell value parsers of the import format (IMPORT_SPEC.md, "Values").

Each parser takes a raw cell value (str from CSV; str, int, float, bool, datetime, date or time
from XLSX; None for an empty cell) and returns the parsed value or raises ``ValueProblem`` with an
Indonesian message. They never raise anything else.
"""
from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata

from data_access import vocab
from data_access.wilayah import normalise_name
from texts import importer as msg


class ValueProblem(Exception):
    """A cell value that cannot be read; ``str(exc)`` is the Indonesian message."""


def is_empty(value) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and value.strip() == ""


def shown(value) -> str:
    """The value as an operator would recognise it in a message (shortened)."""
    if isinstance(value, dt.datetime):
        text = value.strftime("%d/%m/%Y %H:%M") if value.time() != dt.time() else value.strftime("%d/%m/%Y")
    elif isinstance(value, dt.date):
        text = value.strftime("%d/%m/%Y")
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    else:
        text = str(value)
    text = "".join(ch if ch.isprintable() else "?" for ch in text.strip())
    return text if len(text) <= 60 else text[:57] + "..."


def parse_text(value, max_length: int | None = None) -> str:
    if isinstance(value, bool):
        value = msg.YES if value else msg.NO
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        text = value.strftime("%Y-%m-%d %H:%M") if value.time() != dt.time() else value.strftime("%Y-%m-%d")
    elif isinstance(value, dt.date):
        text = value.isoformat()
    elif isinstance(value, dt.time):
        text = value.strftime("%H:%M")
    else:
        text = str(value)
    text = " ".join(text.replace("\x00", "").split())  # collapse spaces and line breaks
    if max_length is not None and len(text) > max_length:
        raise ValueProblem(msg.TEXT_TOO_LONG.format(length=len(text), max_length=max_length))
    return text


def parse_long_text(value) -> str:
    """Free text: keeps line breaks, only trims the ends."""
    if not isinstance(value, str):
        return parse_text(value)
    return value.replace("\x00", "").replace("\r\n", "\n").strip()


_DATE_PATTERNS = (
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), ("y", "m", "d")),
    (re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$"), ("d", "m", "y")),
    (re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$"), ("d", "m", "y")),
)
_MIDNIGHT = re.compile(r"\s+00[:.]00([:.]00)?$")


def parse_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise ValueProblem(msg.DATE_IS_NUMBER.format(value=shown(value)))
    text = _MIDNIGHT.sub("", str(value).strip())
    for pattern, order in _DATE_PATTERNS:
        m = pattern.match(text)
        if m:
            parts = dict(zip(order, (int(g) for g in m.groups()), strict=True))
            try:
                return dt.date(parts["y"], parts["m"], parts["d"])
            except ValueError:
                raise ValueProblem(msg.DATE_NOT_IN_CALENDAR.format(value=shown(value))) from None
    raise ValueProblem(msg.DATE_UNKNOWN.format(value=shown(value)))


_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})([:.]00)?$")
_EXCEL_TIME = re.compile(r"^(\d{1,2})\.(\d)$")  # 14.30 typed into Excel shows (and saves to CSV) as 14.3


def _number_as_time(value: int | float) -> tuple[int, int] | None:
    """HH.MM typed into an Excel cell arrives as a number: 14.3 is 14:30, 9.05 is 09:05, 14 is
    14:00. Only numbers with at most two decimals qualify (a day fraction such as 0.6041 does not)."""
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    if value < 0 or value >= 100:
        return None
    cents = round(value * 100)
    if abs(value * 100 - cents) > 1e-6:
        return None
    return divmod(int(cents), 100)


def parse_time(value) -> dt.time:
    if isinstance(value, dt.datetime):
        value = value.time()
    if isinstance(value, dt.time):
        return value.replace(second=0, microsecond=0, tzinfo=None)
    parts = None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        parts = _number_as_time(value)
    elif isinstance(value, str):
        text = value.strip()
        m = _TIME.match(text)
        if m:
            parts = int(m.group(1)), int(m.group(2))
        elif m := _EXCEL_TIME.match(text):
            parts = int(m.group(1)), int(m.group(2)) * 10
    if parts:
        hour, minute = parts
        if hour < 24 and minute < 60:
            return dt.time(hour, minute)
        raise ValueProblem(msg.TIME_OUT_OF_RANGE.format(value=shown(value)))
    raise ValueProblem(msg.TIME_UNKNOWN.format(value=shown(value)))


_WHOLE = re.compile(r"^(\d+|\d{1,3}(\.\d{3})+)$")


def parse_whole(value) -> int:
    """A whole number >= 0 (digits, optionally with '.' as thousands separator)."""
    if isinstance(value, bool):
        raise ValueProblem(msg.WHOLE_NOT_WHOLE.format(value=shown(value)))
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if math.isnan(value) or math.isinf(value) or not value.is_integer():
            raise ValueProblem(msg.WHOLE_NOT_WHOLE.format(value=shown(value)))
        number = int(value)
    elif isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip()
        if re.match(r"^[-\u2212]\s*\d", text):
            raise ValueProblem(msg.WHOLE_NEGATIVE.format(value=shown(value)))
        if not _WHOLE.match(text) or not text.isascii():
            raise ValueProblem(msg.WHOLE_BAD_TEXT.format(value=shown(value)))
        number = int(text.replace(".", ""))
    else:
        raise ValueProblem(msg.WHOLE_NOT_WHOLE.format(value=shown(value)))
    if number < 0:
        raise ValueProblem(msg.WHOLE_NEGATIVE.format(value=shown(value)))
    if number > 2_000_000_000:
        raise ValueProblem(msg.WHOLE_TOO_LARGE.format(value=shown(value)))
    return number


_YES = {"ya", "y", "1", "true", "benar"}
_NO = {"tidak", "t", "0", "false", "salah"}


def parse_yes_no(value) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    text = str(value).strip().lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValueProblem(msg.YES_NO_UNKNOWN.format(value=shown(value)))


def _fold(text: str) -> str:
    return " ".join(str(text).lower().replace("_", " ").split())


def enum_parser(vocabulary: dict[str, str]):
    """Parser of an enumeration: the code or its official wording, case-insensitive."""
    lookup = {}
    for code, wording in vocabulary.items():
        lookup[_fold(code)] = code
        lookup[_fold(wording)] = code

    def parse(value) -> str:
        code = lookup.get(_fold(parse_text(value)))
        if code is None:
            allowed = ", ".join(vocabulary)
            raise ValueProblem(msg.ENUM_UNKNOWN.format(value=shown(value), allowed=allowed))
        return code

    parse.vocabulary = vocabulary
    return parse


_AREA_PREFIX = re.compile(r"^(kecamatan|kec\.?|desa|kelurahan|kel\.?|ds\.?)\s+", re.IGNORECASE)


def area_key(value) -> str:
    """Folded area name: 'Kec. Air Gegas' -> 'airgegas' (prefixes, case, spaces ignored)."""
    text = parse_text(value)
    return normalise_name(_AREA_PREFIX.sub("", text))


_ELECTION_KIND = enum_parser(vocab.ELECTION_KINDS)


def parse_election_ref(value) -> tuple[str, str]:
    """An election named in a row: ("jenis", "bupati") for a kind (its code or wording), otherwise
    ("kode", "bupati-2024"): which election that is, is decided against the database later."""
    text = parse_text(value)
    try:
        return "jenis", _ELECTION_KIND(text)
    except ValueProblem:
        pass
    if len(text) > 40:
        raise ValueProblem(msg.ELECTION_REF_UNKNOWN.format(value=shown(value), kinds=", ".join(vocab.ELECTION_KINDS)))
    return "kode", text
