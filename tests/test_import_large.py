"""A 50,000-row Formulir C workbook imports, reporting progress, and re-imports as a no-op.
Deliberately not timed (shared CI machines); the figures are in docs/PANDUAN_IMPOR.md."""
from sqlalchemy import func, select

from data_access import schema, wilayah
from data_access.importer import import_file
from tests.fixtures_import import FORMULIR_HEADER, elections, fast_xlsx

N = 50_000


def big_rows():
    areas = wilayah.read_wilayah()
    yield ["kode_wilayah", *FORMULIR_HEADER[2:]]
    for i in range(N):
        dpt = 200 + i % 400
        # delivered dpt-10, undelivered 1+2+1+3+2+1 = 10
        yield [areas[i % len(areas)].kode, i // len(areas) + 1, dpt, dpt - 10, 1, 2, 1, 3, 2, 1, "24/11/2024"]


def test_fifty_thousand_rows_with_progress(db_factory):
    db = db_factory("sqlite")  # one engine: the write path is covered on both by the other tests
    elections(db)
    data = fast_xlsx("formulir_c", big_rows())
    calls = []
    result = import_file(db, data, "rekap_besar.xlsx", "op", progress=lambda f, m: calls.append((f, m)))
    assert result.ok, [str(p) for p in result.problems[:5]]
    assert result.counts == {"formulir_c": {"baru": N, "berubah": 0, "sama": 0}}
    fractions = [f for f, _ in calls]
    assert len(calls) >= 10 and fractions == sorted(fractions) and fractions[-1] == 1.0
    assert any("Membaca" in m for _, m in calls) and any("Menulis" in m for _, m in calls)
    with db.connect() as c:
        n, dpt, delivered = c.execute(select(func.count(), func.sum(schema.FormulirC.dpt),
                                             func.sum(schema.FormulirC.delivered))).one()
    # DPT cycles 200..599 over 50,000 rows: 125 full cycles of sum(200..599) = 159,800
    assert (n, dpt, delivered) == (N, 125 * 159_800, 125 * 159_800 - 10 * N)
    again = import_file(db, data, "rekap_besar.xlsx", "op")
    assert again.counts == {"formulir_c": {"baru": 0, "berubah": 0, "sama": N}}
