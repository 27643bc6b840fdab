"""Fuzzing: whatever the cells or bytes, the importer answers with a verdict (never an exception),
a rejected file changes nothing, and nothing slips past validation into a database error."""
import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from data_access.importer import check_file, import_file
from data_access.importer.core import ImportResult
from tests.conftest import table_checksums
from tests.fixtures_import import FORMULIR, FORMULIR_HEADER, KEGIATAN, KEGIATAN_HEADER, csv_bytes, elections, xlsx

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

cell = st.one_of(
    st.none(), st.text(max_size=12), st.integers(-10, 2000), st.floats(allow_nan=True, allow_infinity=True),
    st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)), st.booleans(),
    st.sampled_from(["31/02/2024", "2024-10-01", "1.234", "-5", "ya", "tidak", "Toboali", "Rias", "19.03.01.2008",
                     "bupati", "sttp", "14.30", "25:99", "=1+1", "Lepar Pongok", "", "  "]))


def _mutated(base: list, cells: list) -> list:
    row = list(base)
    for i, value in enumerate(cells[:len(row)]):
        if value != "__keep__":
            row[i] = value
    return row


def _no_db_errors(result: ImportResult):
    assert isinstance(result, ImportResult)
    assert not any("gagal menulis" in p.message for p in result.problems), [str(p) for p in result.problems]
    assert all(p.message and p.sheet for p in result.problems)


@FUZZ
@given(cells=st.lists(st.one_of(cell, st.just("__keep__")), min_size=12, max_size=12),
       which=st.sampled_from(["kegiatan", "formulir_c"]), as_csv=st.booleans())
def test_fuzzed_cells_give_a_verdict(db_factory, cells, which, as_csv):
    db = getattr(test_fuzzed_cells_give_a_verdict, "_db", None)
    if db is None:
        db = test_fuzzed_cells_give_a_verdict._db = db_factory("sqlite")
        elections(db)
    header, base = (KEGIATAN_HEADER, KEGIATAN[0]) if which == "kegiatan" else (FORMULIR_HEADER, FORMULIR[0])
    row = _mutated(base, cells)
    if as_csv:
        data, name = csv_bytes([header, ["" if v is None else v for v in row]]), f"{which}.csv"
    else:
        row = [ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row]
        data, name = xlsx({which: [header, row]}), "fuzz.xlsx"
    before = {k: v for k, v in table_checksums(db).items() if k != "import_log"}
    result = import_file(db, data, name, "fuzz")
    _no_db_errors(result)
    if not result.ok:
        assert {k: v for k, v in table_checksums(db).items() if k != "import_log"} == before


@FUZZ
@given(data=st.binary(max_size=400), name=st.sampled_from(["a.xlsx", "kegiatan.csv", "x.xls", "pengawasan_1.csv"]))
def test_fuzzed_bytes_give_a_verdict(db_factory, data, name):
    db = getattr(test_fuzzed_bytes_give_a_verdict, "_db", None)
    if db is None:
        db = test_fuzzed_bytes_give_a_verdict._db = db_factory("sqlite")
    _no_db_errors(check_file(db, data, name))
