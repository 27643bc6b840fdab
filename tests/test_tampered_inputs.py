"""Tampered inputs are harmless (issue 9): SQL-looking text in every URL parameter and in the
filters that reach the queries, oversized uploads, path-like file names. Each case checks that the
app answers with a clear Indonesian message or an empty result, raises nothing, and writes nothing
(every table's checksum is unchanged). SQL-looking kec/pemilihan values through the URL are also
covered in tests/test_app_shell.py."""
import tomllib
from pathlib import Path

import pytest
from sqlalchemy import select

from data_access import schema
from data_access.filters import Filters
from data_access.importer import import_file
from data_access.importer.reading import MAX_BYTES
from data_access.queries import cases, formulir_c
from tests.apptest_utils import ensure_account, run_app, sqlite_url
from tests.builders import PAYUNG, TOBOALI, Builder
from tests.conftest import table_checksums
from tests.fixtures_import import KEGIATAN, KEGIATAN_HEADER, csv_bytes, elections

ROOT = Path(__file__).resolve().parent.parent
SQL = ["19.03.01' OR '1'='1", "19.03.01'); DELETE FROM formulir_c; --", "%' OR 1=1 --",
       "1 UNION SELECT * FROM app_user"]


@pytest.fixture
def small(db):
    """Two TPS: Toboali 500 DPT with 40 undelivered, Payung 600 DPT with 6 undelivered; one case in
    Toboali."""
    b = Builder(db)
    e = b.election("bupati")
    b.tps(TOBOALI, 1, 500, reasons={"tidak_dikenal": 40}, report_date="2024-11-24")
    b.tps(PAYUNG, 1, 600, reasons={"pindah_domisili": 6}, report_date="2024-11-24")
    b.case("001/LP", "2024-10-01", TOBOALI, [("diterima", "2024-10-01")], election_id=e)
    return db


# ---------------------------------------------------------------- filters that reach the SQL
@pytest.mark.parametrize("text", SQL)
def test_sql_looking_area_codes_in_filters_match_nothing(small, text):
    before = table_checksums(small)
    with small.connect() as conn:
        # The honest code first, so that the test can tell "no rows" from "query broken":
        toboali = formulir_c.delivery(conn, Filters(kecamatan=("19.03.01",)))
        assert (int(toboali["tps"].sum()), int(toboali["dpt"].sum()), int(toboali["delivered"].sum())) == (1, 500, 460)
        # The same code with SQL appended is just an unknown code: no TPS, not every TPS (1.100 DPT).
        for f in (Filters(kecamatan=(text,)), Filters(desa=(text,)), Filters(kecamatan=("19.03.01", text))):
            got = formulir_c.delivery(conn, f)
            expected = (1, 500) if "19.03.01" in f.kecamatan else (0, 0)  # the third keeps its honest code
            assert (int(got["tps"].sum()), int(got["dpt"].sum())) == expected, f
        assert int(cases.case_counts(conn, Filters(kecamatan=(text,)))["cases"].fillna(0).sum()) == 0
        assert int(cases.case_counts(conn, Filters(kecamatan=("19.03.01",)))["cases"].sum()) == 1
    assert table_checksums(small) == before


def test_sql_looking_values_in_every_url_parameter(monkeypatch, small):
    ensure_account(sqlite_url(small), "admin")  # the test login exists before the checksums are taken
    from data_access.setup import refresh_summaries

    refresh_summaries(small)  # as the app's start does (data_access.rollup); the URL must write nothing
    before = table_checksums(small)
    at = run_app(monkeypatch, sqlite_url(small), query={
        "paslon": ["1' OR '1'='1"], "desa": ["x'); DELETE FROM formulir_c; --"],
        "tanggal": ["2024-10-01' OR 1=1 --"], "mode": "briefing' OR 1=1", "slide": "10; DROP TABLE desa"})
    assert not at.exception, [e.value for e in at.exception]
    warnings = " ".join(w.value for w in at.warning)  # said on the session's first run
    for value in ("1' OR '1'='1", "x'); DELETE FROM formulir_c; --", "2024-10-01' OR 1=1 --"):
        assert value in warnings, warnings
    assert at.multiselect(key="paslon").value == [] and at.multiselect(key="desa").value == []
    at.switch_page("pages/formulir_c.py").run()
    assert not at.exception, [e.value for e in at.exception]
    # Every dropped value leaves the whole regency: DPT 500 + 600 = 1.100, undelivered 40 + 6 = 46.
    shown = {m.label: m.value for m in at.metric}
    assert shown["DPT"] == "1.100" and shown["Tidak terdistribusi"] == "46"
    assert table_checksums(small) == before


# ---------------------------------------------------------------- oversized uploads
def test_streamlit_upload_limit_equals_the_importer_limit():
    """The browser refuses a file above the importer's limit before it is sent (Streamlit's
    server.maxUploadSize is in MiB), so no session holds a larger upload in memory; the command
    line gets the importer's own Indonesian refusal."""
    server = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["server"]
    assert server["maxUploadSize"] * 1024 * 1024 == MAX_BYTES


def test_oversized_file_is_refused_in_indonesian_and_nothing_is_written(db):
    elections(db)
    before = table_checksums(db)
    result = import_file(db, b"a;" * (MAX_BYTES // 2 + 1), "kegiatan.csv", "operator1")
    assert not result.ok and not result.written
    assert any("terlalu besar" in p.message for p in result.errors), [str(p) for p in result.problems]
    after = table_checksums(db)
    assert {k: v for k, v in after.items() if k != "import_log"} == \
        {k: v for k, v in before.items() if k != "import_log"}


def test_oversized_upload_on_the_import_page(monkeypatch, db):
    elections(db)
    at = run_app(monkeypatch, sqlite_url(db), page="pages/impor.py", role="operator")
    assert not at.exception
    assert f"Ukuran maksimum {MAX_BYTES // 2**20} MB per berkas" in at.file_uploader(key="impor_files").help
    at.file_uploader(key="impor_files").set_value(("besar.csv", b"x" * (MAX_BYTES + 1), "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("besar.csv" in e.value and "ditolak" in e.value for e in at.error)
    problems = at.dataframe[0].value
    assert problems["Masalah"].str.contains("terlalu besar").any()
    assert at.button(key="impor_save").disabled


# ---------------------------------------------------------------- path-like file names
PATH_NAMES = ["../../../{tmp}/keluar/kegiatan.csv", "..\\..\\Windows\\System32\\kegiatan.csv",
              "/etc/kegiatan.csv", "{tmp}/kegiatan.csv"]


@pytest.mark.parametrize("pattern", PATH_NAMES)
def test_path_like_file_names_are_only_labels(db, tmp_path, pattern):
    """A file name is a label for messages and the import log, never a path: nothing is read from
    or written to it, and the dataset still comes from the last part of the name (a Windows path
    is one odd name on Linux, so it is refused as an unknown CSV name, in Indonesian)."""
    elections(db)
    name = pattern.format(tmp=tmp_path)
    files_before = sorted(tmp_path.rglob("*"))
    result = import_file(db, csv_bytes([KEGIATAN_HEADER, *KEGIATAN]), name, "operator1")
    assert sorted(tmp_path.rglob("*")) == files_before  # no file or folder appeared
    if "\\" in name:
        assert not result.ok and any("nama berkas CSV harus diawali nama dataset" in p.message
                                     for p in result.errors), [str(p) for p in result.problems]
    else:
        assert result.ok, [str(p) for p in result.problems]
        with db.connect() as c:
            assert c.execute(select(schema.CampaignActivity.kode)
                             .order_by(schema.CampaignActivity.kode)).scalars().all() == ["STTP/001", "STTP/002"]
    with db.connect() as c:
        assert c.execute(select(schema.ImportLog.file_name)).scalars().all() == [name]


def test_path_like_name_on_the_import_page(monkeypatch, db, tmp_path):
    elections(db)
    name = f"../../../{tmp_path}/keluar/kegiatan.csv"
    at = run_app(monkeypatch, sqlite_url(db), page="pages/impor.py", role="operator")
    at.file_uploader(key="impor_files").set_value((name, csv_bytes([KEGIATAN_HEADER, *KEGIATAN]), "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(name in s.value and "lolos" in s.value for s in at.success)
    assert not (tmp_path / "keluar").exists()
