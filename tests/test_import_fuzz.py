"""Fuzzing: whatever the cells or bytes, the importer answers with a verdict (never an exception),
a rejected file changes nothing, an accepted one imported again changes nothing, and nothing slips
past validation into a database error or the 'could not check' catch-all (which would hide a crash)."""
import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from data_access.importer import ImportResult, check_file, import_file
from tests.conftest import table_checksums
from tests.fixtures_import import (
    FORMULIR,
    FORMULIR_HEADER,
    KEGIATAN,
    KEGIATAN_HEADER,
    PELANGGARAN,
    PELANGGARAN_HEADER,
    PENGAWASAN,
    PENGAWASAN_HEADER,
    csv_bytes,
    elections,
    xlsx,
)

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

cell = st.one_of(
    st.none(), st.text(max_size=12), st.integers(-10, 2000), st.floats(allow_nan=True, allow_infinity=True),
    st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)), st.booleans(),
    st.sampled_from(["31/02/2024", "2024-10-01", "1.234", "-5", "ya", "tidak", "Toboali", "Rias", "19.03.01.2008",
                     "bupati", "sttp", "14.30", "25:99", "=1+1", "Lepar Pongok", "", "  ", 14.3, "1999-01-01",
                     "2024-10-06", "2024-10-09", "diterima", "klarifikasi", "temuan", "Payung", "Malik", "STTP/001"]))
# Catch-alls that turn an exception into a verdict: a validation bug must not hide behind them.
CATCH_ALLS = ("gagal menulis", "basis data tidak dapat dibaca", "kesalahan internal")


def _mutated(base: list, cells: list) -> list:
    row = list(base)
    for i, value in enumerate(cells[:len(row)]):
        if value != "__keep__":
            row[i] = value
    return row


def _no_db_errors(result: ImportResult):
    assert isinstance(result, ImportResult)
    assert not any(c in p.message for p in result.problems for c in CATCH_ALLS), [str(p) for p in result.problems]
    assert all(p.message and p.sheet for p in result.problems)


def _fuzz_db(test, db_factory):
    """One database per fuzz test (hypothesis examples share it, so later examples meet the rows
    earlier ones wrote): the elections and the two activities STTP/001 and STTP/002."""
    db = getattr(test, "_db", None)
    if db is None:
        db = test._db = db_factory("sqlite")
        elections(db)
        assert import_file(db, xlsx({"kegiatan": [KEGIATAN_HEADER, *KEGIATAN]}), "kegiatan.xlsx", "fuzz").ok
    return db


def _import_checked(db, data: bytes, name: str) -> None:
    """A rejected file changes nothing; an accepted one, imported again, changes nothing."""
    before = {k: v for k, v in table_checksums(db).items() if k != "import_log"}
    result = import_file(db, data, name, "fuzz")
    _no_db_errors(result)
    if not result.ok:
        assert {k: v for k, v in table_checksums(db).items() if k != "import_log"} == before
        return
    written = {k: v for k, v in table_checksums(db).items() if k != "import_log"}
    again = import_file(db, data, name, "fuzz")
    _no_db_errors(again)
    assert again.ok and all(c["baru"] == c["berubah"] == 0 for c in again.counts.values()), again.counts
    assert {k: v for k, v in table_checksums(db).items() if k != "import_log"} == written


@FUZZ
@given(cells=st.lists(st.one_of(cell, st.just("__keep__")), min_size=12, max_size=12),
       which=st.sampled_from(["kegiatan", "formulir_c"]), as_csv=st.booleans())
def test_fuzzed_cells_give_a_verdict(db_factory, cells, which, as_csv):
    db = _fuzz_db(test_fuzzed_cells_give_a_verdict, db_factory)
    header, base = (KEGIATAN_HEADER, KEGIATAN[0]) if which == "kegiatan" else (FORMULIR_HEADER, FORMULIR[0])
    row = _mutated(base, cells)
    if as_csv:
        data, name = csv_bytes([header, ["" if v is None else v for v in row]]), f"{which}.csv"
    else:
        row = [ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row]
        data, name = xlsx({which: [header, row]}), "fuzz.xlsx"
    _import_checked(db, data, name)


MULTI = {  # dataset: (header, base rows, key column, keys shared by the generated rows)
    "pengawasan": (PENGAWASAN_HEADER, PENGAWASAN, "nomor_lhp", ["001/LHP", "002/LHP"]),
    "pelanggaran": (PELANGGARAN_HEADER, PELANGGARAN, "nomor", ["001/LP", "002/TM"]),
}


@FUZZ
@given(which=st.sampled_from(sorted(MULTI)), as_csv=st.booleans(), rows=st.lists(
    st.tuples(st.integers(0, 2), st.integers(0, 1), st.lists(st.tuples(st.integers(0, 13), cell), max_size=2)),
    min_size=1, max_size=4))
def test_fuzzed_rows_sharing_a_key_give_a_verdict(db_factory, which, as_csv, rows):
    """Several LHP or status rows of the same nomor in one file (two nomor to share), each a good
    row with at most two cells fuzzed, so that many files pass and meet the rows stored before."""
    db = _fuzz_db(test_fuzzed_rows_sharing_a_key_give_a_verdict, db_factory)
    header, base, key, keys = MULTI[which]
    body = []
    for base_index, key_index, changes in rows:
        row = list(base[base_index % len(base)])
        row[header.index(key)] = keys[key_index]
        for column, value in changes:
            row[column % len(row)] = value
        body.append(row)
    if as_csv:
        data, name = csv_bytes([header, *[["" if v is None else v for v in r] for r in body]]), f"{which}_fuzz.csv"
    else:
        body = [[ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in r] for r in body]
        data, name = xlsx({which: [header, *body]}), "fuzz.xlsx"
    _import_checked(db, data, name)


@FUZZ
@given(data=st.binary(max_size=400), name=st.sampled_from(["a.xlsx", "kegiatan.csv", "x.xls", "pengawasan_1.csv"]))
def test_fuzzed_bytes_give_a_verdict(db_factory, data, name):
    db = getattr(test_fuzzed_bytes_give_a_verdict, "_db", None)
    if db is None:
        db = test_fuzzed_bytes_give_a_verdict._db = db_factory("sqlite")
    _no_db_errors(check_file(db, data, name))
