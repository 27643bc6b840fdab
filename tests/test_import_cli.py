"""Command line, blank template and the page helpers give the same verdict as the library."""
import io
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from data_access import schema
from data_access.cli.importer import main
from data_access.importer import blank_template, check_batch, check_file, import_batch, import_file
from tests.conftest import table_checksums
from tests.fixtures_import import KEGIATAN, KEGIATAN_HEADER, csv_bytes, elections, good_sheets, xlsx

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def sqlite_db(db_factory, monkeypatch):
    engine = db_factory("sqlite")
    elections(engine)
    monkeypatch.setenv("DATABASE_URL", engine.url.render_as_string(hide_password=False))
    return engine


def test_cli_imports_and_rejects_with_the_same_problems_as_the_library(sqlite_db, tmp_path, capsys):
    good, bad = tmp_path / "baik.xlsx", tmp_path / "kegiatan_salah.csv"
    good.write_bytes(xlsx(good_sheets()))
    bad_row = [*KEGIATAN[0][:4], "31/02/2024", *KEGIATAN[0][5:]]
    bad.write_text(",".join(KEGIATAN_HEADER) + "\n" + ",".join(str(v) for v in bad_row) + "\n", encoding="utf-8")
    expected = check_file(sqlite_db, bad.read_bytes(), bad.name)
    assert main([str(good), "--user", "operator7"]) == 0
    out = capsys.readouterr().out
    assert "baik.xlsx: BERHASIL (kegiatan: 2 baru, 0 berubah, 0 sama;" in out
    assert main([str(bad), "-u", "operator7"]) == 1
    err = capsys.readouterr().err
    assert "kegiatan_salah.csv: DITOLAK, tidak ada yang disimpan. 1 masalah:" in err
    assert [line.strip()[2:] for line in err.splitlines()[1:]] == [str(p) for p in expected.problems]
    assert "berkas 'kegiatan_salah.csv', baris 2, kolom 'tanggal': tanggal '31/02/2024' tidak ada di kalender" in err
    with sqlite_db.connect() as c:
        log = c.execute(select(schema.ImportLog.username, schema.ImportLog.result).order_by(schema.ImportLog.id)).all()
    assert [tuple(r) for r in log] == [("operator7", "berhasil"), ("operator7", "ditolak")]


def test_cli_check_only_writes_nothing(sqlite_db, tmp_path, capsys):
    path = tmp_path / "baik.xlsx"
    path.write_bytes(xlsx(good_sheets()))
    assert main([str(path), "--check"]) == 0
    assert "LOLOS PEMERIKSAAN" in capsys.readouterr().out
    with sqlite_db.connect() as c:
        assert c.execute(select(func.count()).select_from(schema.CampaignActivity)).scalar() == 0
        assert c.execute(select(func.count()).select_from(schema.ImportLog)).scalar() == 0


def test_cli_as_a_process_exits_non_zero_on_a_bad_file(sqlite_db, tmp_path):
    bad = tmp_path / "laporan.xlsx"
    bad.write_bytes(b"ini bukan excel")
    env = {**os.environ, "DATABASE_URL": sqlite_db.url.render_as_string(hide_password=False)}
    proc = subprocess.run([sys.executable, "-m", "data_access", "import", str(bad)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert "bukan lembar kerja Excel (.xlsx) yang sah" in proc.stderr


def test_blank_template_has_sheets_readme_and_drop_downs(db):
    data = blank_template()
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb.sheetnames[:8] == ["README", "pemilihan", "paslon", "tps", "kegiatan", "pengawasan", "pelanggaran",
                                 "formulir_c"]
    assert [c.value for c in wb["pemilihan"][1]] == ["kode", "jenis", "nama", "kode_wilayah", "kampanye_mulai",
                                                     "kampanye_selesai", "masa_tenang_mulai", "masa_tenang_selesai",
                                                     "hari_pemungutan", "batas_formulir_c"]
    assert [c.value for c in wb["paslon"][1]] == ["pemilihan", "nomor_urut", "nama", "kolom_kosong", "partai_pengusul"]
    assert [c.value for c in wb["tps"][1]] == ["kecamatan", "desa", "kode_wilayah", "nomor_tps", "jumlah_dpt"]
    assert [c.value for c in wb["kegiatan"][1]] == ["kode_kegiatan", "pemilihan", "nomor_urut", "metode", "tanggal",
                                                    "jam_mulai", "kecamatan", "desa", "kode_wilayah", "lokasi",
                                                    "perkiraan_peserta", "sumber"]
    lists = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in wb["kegiatan"].data_validations.dataValidation
             if dv.type == "list"}
    daftar = wb["daftar"]
    def items(formula):
        col = formula.split("!$")[1].split("$")[0]
        return [c.value for c in daftar[col][1:] if c.value is not None]
    assert items(lists["D2"]) == ["pertemuan_terbatas", "tatap_muka_dialog", "debat_publik",
                                  "penyebaran_bahan_kampanye", "pemasangan_apk", "iklan_media", "rapat_umum",
                                  "media_sosial", "kegiatan_lain"]
    assert len(items(lists["G2"])) == 8 and len(items(lists["H2"])) == 53
    readme = "\n".join(str(c.value) for row in wb["README"].iter_rows() for c in row if c.value)
    assert "tidak_terdistribusi_pindah_memilih" in readme and "sttp = Pemberitahuan kepolisian (STTP)" in readme
    assert "Lembar 'pemilihan'" in readme and "Lembar 'paslon'" in readme and "Lembar 'tps'" in readme
    assert "pemilihan, paslon, tps, lalu laporan" in readme
    # the blank template itself is an empty file; filled in, it imports
    assert [p.message for p in check_file(db, data, "templat.xlsx").errors] == [
        "berkas tidak berisi baris data (kosong)."]
    elections(db)
    ws = wb["kegiatan"]
    for col, value in enumerate([*KEGIATAN[0][:8], None, *KEGIATAN[0][8:]], start=1):
        ws.cell(row=2, column=col, value=value)
    buf = io.BytesIO()
    wb.save(buf)
    result = import_file(db, buf.getvalue(), "templat_terisi.xlsx", "op")
    assert result.ok and result.counts == {"kegiatan": {"baru": 1, "berubah": 0, "sama": 0}}


def _summary(results):
    return [(r.file_name, r.ok, r.counts, [str(p) for p in r.problems]) for r in results]


def test_check_batch_predicts_import_batch(db):
    """Each file is checked against the database as the files before it leave it: the second
    kegiatan file corrects STTP/001 of the first (1 'berubah', not 1 'baru'), and the LHP file refers
    to STTP/001. check_batch writes nothing and gives exactly what import_batch then does."""
    elections(db)
    sheets = good_sheets()
    moved = [KEGIATAN_HEADER, [*KEGIATAN[0][:8], "Lapangan Rias", *KEGIATAN[0][9:]]]
    files = [("pengawasan.csv", csv_bytes(sheets["pengawasan"])), ("kegiatan_a.csv", csv_bytes(sheets["kegiatan"])),
             ("kegiatan_b.csv", csv_bytes(moved))]
    before = table_checksums(db)
    checked = check_batch(db, files)
    assert table_checksums(db) == before
    assert [(r.file_name, r.ok, r.counts) for r in checked] == [
        ("kegiatan_a.csv", True, {"kegiatan": {"baru": 2, "berubah": 0, "sama": 0}}),
        ("kegiatan_b.csv", True, {"kegiatan": {"baru": 0, "berubah": 1, "sama": 0}}),
        ("pengawasan.csv", True, {"pengawasan": {"baru": 2, "berubah": 0, "sama": 0}})]
    assert _summary(import_batch(db, files, "op")) == _summary(checked)


def test_a_rejected_file_is_not_carried_to_the_next(db):
    elections(db)
    bad = [KEGIATAN_HEADER, [*KEGIATAN[0][:4], "31/02/2024", *KEGIATAN[0][5:]], KEGIATAN[1]]
    files = [("kegiatan.csv", csv_bytes(bad)), ("pengawasan.csv", csv_bytes(good_sheets()["pengawasan"]))]
    checked = check_batch(db, files)
    assert [(r.file_name, [str(p) for p in r.errors]) for r in checked] == [
        ("kegiatan.csv", ["berkas 'kegiatan.csv', baris 2, kolom 'tanggal': tanggal '31/02/2024' tidak ada di "
                          "kalender"]),
        ("pengawasan.csv", ["berkas 'pengawasan.csv', baris 2, kolom 'kode_kegiatan': kegiatan 'STTP/001' tidak "
                            "ditemukan di basis data maupun di lembar kegiatan berkas ini."])]
    assert _summary(import_batch(db, files, "op")) == _summary(checked)
