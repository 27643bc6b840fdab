"""The cell formats of IMPORT_SPEC.md ("Values"), one parser at a time, with answers written by hand."""
import datetime as dt

import pytest
from sqlalchemy import select

from data_access import schema
from data_access.importer import import_file
from data_access.importer.values import ValueProblem, parse_time
from tests.fixtures_import import KEGIATAN, KEGIATAN_HEADER, elections, xlsx

T = dt.time


# ------------------------------------------------------------------------------ times
@pytest.mark.parametrize("value, expected", [
    ("14:30", T(14, 30)), ("14.30", T(14, 30)), ("9:05", T(9, 5)), ("09.05", T(9, 5)), ("14:30:00", T(14, 30)),
    (" 07:00 ", T(7, 0)), (T(14, 30, 15), T(14, 30)), (dt.datetime(2024, 10, 1, 8, 15), T(8, 15)),
    # HH.MM typed into an Excel cell is a number: 14.30 -> 14.3, 09.05 -> 9.05, 14.00 -> 14
    (14.3, T(14, 30)), (9.05, T(9, 5)), (14.0, T(14, 0)), (14, T(14, 0)), (0.0, T(0, 0)), (23.59, T(23, 59)),
    (14.5, T(14, 50)), (10.1, T(10, 10)),
    # ... and Excel shows and saves to CSV 14.30 as "14.3"
    ("14.3", T(14, 30)), ("8.5", T(8, 50)),
])
def test_times(value, expected):
    assert parse_time(value) == expected


@pytest.mark.parametrize("value, message", [
    (14.75, "jam '14.75' tidak ada (jam 00-23, menit 00-59)"),
    (24.0, "jam '24' tidak ada (jam 00-23, menit 00-59)"),
    ("25:99", "jam '25:99' tidak ada (jam 00-23, menit 00-59)"),
    (0.604166, "'0.604166' bukan jam; tulis sebagai JJ:MM (24 jam), misalnya 14:30"),  # a day fraction
    (14.305, "'14.305' bukan jam"), (-1.3, "'-1.3' bukan jam"), (130.0, "'130' bukan jam"),
    (float("nan"), "'nan' bukan jam"), (True, "'True' bukan jam"), ("14:3", "'14:3' bukan jam"),
    ("siang", "'siang' bukan jam"),
])
def test_not_times(value, message):
    with pytest.raises(ValueProblem) as exc:
        parse_time(value)
    assert str(exc.value).startswith(message)


def test_excel_number_time_is_imported(db):
    """jam_mulai typed as 14.30 in Excel is stored in the workbook as the number 14.3."""
    elections(db)
    row = [*KEGIATAN[0][:5], 14.3, *KEGIATAN[0][6:]]
    result = import_file(db, xlsx({"kegiatan": [KEGIATAN_HEADER, row]}), "a.xlsx", "op")
    assert result.ok, [str(p) for p in result.problems]
    with db.connect() as c:
        assert c.execute(select(schema.CampaignActivity.jam_mulai)).scalar_one() == T(14, 30)
