"""An office's whole first day on an empty database, by the documented steps (docs/OPERASI.md,
"Menyiapkan basis data produksi"; docs/PANDUAN_IMPOR.md), on SQLite and PostgreSQL:

1. an empty database (no tables), first start of the app;
2. the first admin created on the command line;
3. the shipped reference workbook imported on the command line;
4. the TPS list;
5. a first operator workbook;
6. Ringkasan, Cakupan, Pelanggaran and Formulir C show the numbers worked out by hand in
   tests/first_day.py, including the TPS "belum melapor"; a koordinator account made on the command
   line sees only its kecamatan.

The commands run as an operator types them (``python -m ...`` in a subprocess, DATABASE_URL set).
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from data_access import schema
from data_access.engine import make_engine
from tests import first_day
from tests.apptest_utils import metrics, run_app, texts
from tests.conftest import ENGINES, _skip_or_fail_pg

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "assets" / "referensi" / "pilkada_2024_bangka_selatan.xlsx"


@pytest.fixture(params=ENGINES)
def empty_url(request, tmp_path, pg_server) -> str:
    """A database with nothing in it: no tables, no areas (as a new PostgreSQL database is)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'kantor.db'}"
    if pg_server is None:
        _skip_or_fail_pg()
    engine = pg_server.new_database()
    url = engine.url.render_as_string(hide_password=False)
    engine.dispose()
    return url


def command(url: str, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": url}
    env.pop("PANTAU_CONFIG", None)
    done = subprocess.run([sys.executable, "-m", *args], cwd=ROOT, env=env, input=stdin, text=True,
                          capture_output=True, timeout=300)
    assert done.returncode == 0, f"{args}: {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done


def count(url: str, table) -> int:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(table)).scalar_one()
    finally:
        engine.dispose()


def test_an_office_first_day(monkeypatch, tmp_path, empty_url):
    # 1. First start: the app creates the schema and loads the areas; no demo data, no account.
    at = run_app(monkeypatch, empty_url, role=None)
    assert not at.exception, [e.value for e in at.exception]
    assert count(empty_url, schema.Kecamatan) == 8 and count(empty_url, schema.Desa) == 53
    assert count(empty_url, schema.Election) == 0 and count(empty_url, schema.AppUser) == 0

    # Before any election, every page says what to do instead of drawing empty charts.
    at = run_app(monkeypatch, empty_url, page="pages/cakupan.py", role="admin")
    assert not at.exception, [e.value for e in at.exception]
    assert not at.get("plotly_chart")
    assert any("Impor Data" in t for t in texts(at))

    # 2. The first admin, on the command line.
    command(empty_url, "data_access", "users", "create", "kepala", "--role", "admin", "--name", "Kepala Sekretariat",
            "--password-stdin", stdin="sandi-kepala-panjang-2024\n")
    # 3. The reference workbook; 4. the TPS list; 5. the first operator workbook.
    tps = tmp_path / "tps.csv"
    tps.write_bytes(first_day.TPS_CSV)
    workbook = tmp_path / "laporan_pertama.xlsx"
    workbook.write_bytes(first_day.operator_workbook())
    for path in (REFERENCE, tps, workbook):
        out = command(empty_url, "data_access", "import", str(path), "--user", "kepala").stdout
        assert "BERHASIL" in out, out
    # 4 pairs: 2 gubernur pairs; the bupati pair and the kolom kosong
    assert count(empty_url, schema.Election) == 2 and count(empty_url, schema.Paslon) == 4
    assert count(empty_url, schema.Tps) == 4 and count(empty_url, schema.FormulirC) == 2
    assert count(empty_url, schema.ImportLog) == 3
    # 7. A koordinator for Kecamatan Payung.
    command(empty_url, "data_access", "users", "create", "koord_payung", "--role", "koordinator", "--kecamatan",
            "19.03.05", "--password-stdin", stdin="sandi-payung-panjang-2024\n")

    # 6. The pages.
    at = run_app(monkeypatch, empty_url, page="pages/cakupan.py", role="pimpinan")
    assert not at.exception, [e.value for e in at.exception]
    assert {k: metrics(at)[k] for k in first_day.CAKUPAN} == first_day.CAKUPAN

    at = run_app(monkeypatch, empty_url, page="pages/pelanggaran.py", role="pimpinan")
    assert not at.exception, [e.value for e in at.exception]
    assert metrics(at)["Jumlah kasus"] == first_day.CASES
    assert metrics(at)["Lewat batas waktu"] == first_day.CASES_LATE

    at = run_app(monkeypatch, empty_url, page="pages/formulir_c.py", role="pimpinan")
    assert not at.exception, [e.value for e in at.exception]
    shown = {m.label: (m.value, m.proto.delta) for m in at.metric}
    assert {k: shown[k] for k in first_day.FORMULIR_C} == first_day.FORMULIR_C
    listed = next(df.value for df in at.dataframe if "TPS" in df.value.columns and len(df.value) == 2
                  and "DPT" in df.value.columns and set(df.value["TPS"]) == set(first_day.NOT_REPORTED_TPS))
    assert sorted(listed["DPT"].tolist()) == [250, 400]

    at = run_app(monkeypatch, empty_url, page="pages/ringkasan.py", role="pimpinan")
    assert not at.exception, [e.value for e in at.exception]
    cards = {m.label: (m.value, m.proto.delta) for m in at.metric}
    assert cards["Kegiatan kampanye"][0] == "4"
    assert cards["Cakupan pengawasan"][0] == "75,0%"
    assert cards["Formulir C tidak terdistribusi"][:2] == ("24", "3,00% dari DPT")
    assert any("2 TPS belum melapor (DPT 650" in t for t in texts(at)), texts(at)

    at = run_app(monkeypatch, empty_url, page="pages/cakupan.py", role="koordinator", scope=("19.03.05",))
    assert not at.exception, [e.value for e in at.exception]
    assert {k: metrics(at)[k] for k in first_day.CAKUPAN_PAYUNG} == first_day.CAKUPAN_PAYUNG
