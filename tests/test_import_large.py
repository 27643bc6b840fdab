"""A 50,000-row Formulir C workbook imports, reporting progress, within a generous memory bound,
and re-imports as a no-op. Deliberately not timed (shared CI machines): the import runs in a child
process that reports its peak memory (asserted) and its wall time (only printed); the figures
measured are in docs/PANDUAN_IMPOR.md."""
import json
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from data_access import schema, wilayah
from tests.fixtures_import import FORMULIR_HEADER, elections, fast_xlsx

N = 50_000
ROOT = Path(__file__).resolve().parent.parent
# Peak resident memory of the whole child process (interpreter, libraries, the 2 MB file, its
# 50,000 parsed rows and the write), in MiB. Measured about 285 MiB, of which about 155 MiB is the
# interpreter and libraries before the import starts; the bound catches a reader or planner that
# starts holding another copy of the rows, not a few percent.
MAX_PEAK_MIB = 400

CHILD = r"""
import json, sys, time
from data_access.engine import make_engine
from data_access.importer import import_file


def peak_kib():
    # VmHWM: this process's own peak RSS. Not getrusage's ru_maxrss, which Linux carries over
    # execve from the forking parent: in a full test run that was pytest's 436 MiB, before any import.
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))

engine = make_engine(sys.argv[1])
data = open(sys.argv[2], "rb").read()
ready_kib = peak_kib()
calls = []
start = time.perf_counter()
result = import_file(engine, data, "rekap_besar.xlsx", "op", progress=lambda f, m: calls.append((f, m)))
seconds = time.perf_counter() - start
first_kib = peak_kib()
start = time.perf_counter()
again = import_file(engine, data, "rekap_besar.xlsx", "op")
again_seconds = time.perf_counter() - start
print(json.dumps({
    "ok": result.ok, "problems": [str(p) for p in result.problems[:5]], "counts": result.counts,
    "again": again.counts, "calls": calls, "seconds": seconds, "again_seconds": again_seconds,
    "ready_mib": ready_kib / 1024, "import_mib": first_kib / 1024,
    "peak_mib": peak_kib() / 1024}))
"""


def big_rows():
    areas = wilayah.read_wilayah()
    yield ["kode_wilayah", *FORMULIR_HEADER[2:]]
    for i in range(N):
        dpt = 200 + i % 400
        # delivered dpt-10, undelivered 1+2+1+3+2+1 = 10
        yield [areas[i % len(areas)].kode, i // len(areas) + 1, dpt, dpt - 10, 1, 2, 1, 3, 2, 1, "24/11/2024"]


def test_fifty_thousand_rows_with_progress_in_bounded_memory(db_factory, tmp_path):
    db = db_factory("sqlite")  # one engine: the write path is covered on both by the other tests
    elections(db)
    path = tmp_path / "rekap_besar.xlsx"
    path.write_bytes(fast_xlsx("formulir_c", big_rows()))
    proc = subprocess.run([sys.executable, "-c", CHILD, db.url.render_as_string(hide_password=False), str(path)],
                          cwd=ROOT, capture_output=True, text=True, timeout=1800)
    assert proc.returncode == 0, proc.stderr[-3000:]
    got = json.loads(proc.stdout.splitlines()[-1])
    print(f"\n50,000 rows ({path.stat().st_size / 2**20:.1f} MiB): import {got['seconds']:.1f} s, re-import "
          f"{got['again_seconds']:.1f} s; peak RSS {got['import_mib']:.0f} MiB after the import, "
          f"{got['peak_mib']:.0f} MiB after the re-import ({got['ready_mib']:.0f} MiB before)")
    assert got["ok"], got["problems"]
    assert got["counts"] == {"formulir_c": {"baru": N, "berubah": 0, "sama": 0}}
    assert got["again"] == {"formulir_c": {"baru": 0, "berubah": 0, "sama": N}}
    assert got["peak_mib"] < MAX_PEAK_MIB
    fractions = [f for f, _ in got["calls"]]
    assert len(fractions) >= 10 and fractions == sorted(fractions) and fractions[-1] == 1.0
    assert any("Membaca" in m for _, m in got["calls"]) and any("Menulis" in m for _, m in got["calls"])
    with db.connect() as c:
        n, dpt, delivered = c.execute(select(func.count(), func.sum(schema.FormulirC.dpt),
                                             func.sum(schema.FormulirC.delivered))).one()
    # DPT cycles 200..599 over 50,000 rows: 125 full cycles of sum(200..599) = 159,800
    assert (n, dpt, delivered) == (N, 125 * 159_800, 125 * 159_800 - 10 * N)
