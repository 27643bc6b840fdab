"""The whole demo dataset round-trips: export to the import format (elections and pairs included),
import into an empty database, and every table and every query of data_access.queries gives the
same answer."""
import datetime as dt
import importlib
import inspect
import pkgutil

import pandas as pd
from sqlalchemy import insert, select

import data_access.queries as queries_pkg
from data_access import schema
from data_access.filters import Filters
from data_access.importer import export_workbook, import_file
from data_access.importer.workbook import export_rows
from tests.conftest import table_checksums

# Surrogate keys and write times differ by design after a round trip; everything else must not.
VOLATILE = {"id", "recorded_at", "import_id", "imported_at"}
# data_stamp is the newest recorded_at (the time of the import); demo_seed marks demo databases.
NOT_COMPARABLE = {"data_stamp", "demo_seed"}


def copy_reference(src, dst):
    with src.connect() as s, dst.begin() as d:
        for table in (schema.Election.__table__, schema.Paslon.__table__):
            d.execute(insert(table), [dict(r._mapping) for r in s.execute(select(table))])


def natural(engine) -> dict[str, list[tuple]]:
    """Every data table with surrogate ids replaced by natural keys, sorted."""
    A, R, C, H, T, F = (schema.CampaignActivity, schema.SupervisionReport, schema.ViolationCase,
                        schema.CaseStatus, schema.Tps, schema.FormulirC)
    out = {}
    with engine.connect() as c:
        activity = dict(c.execute(select(A.id, A.kode)).fetchall())
        case = dict(c.execute(select(C.id, C.nomor)).fetchall())
        tps = {i: (d, n, v) for i, d, n, v in c.execute(select(T.id, T.desa_kode, T.nomor, T.voting_day))}
        for table in (A, R, C, H, T, F):
            rows = []
            for r in c.execute(select(table.__table__)):
                m = dict(r._mapping)
                if table is R:
                    m["activity_id"] = activity.get(m["activity_id"])
                if table is H:
                    m["case_id"] = case[m["case_id"]]
                if table is F:
                    m["tps_id"] = tps[m["tps_id"]]
                rows.append(tuple(sorted((k, repr(v)) for k, v in m.items() if k not in VOLATILE)))
            out[table.__tablename__] = sorted(rows)
    return out


def query_functions():
    for info in pkgutil.walk_packages(queries_pkg.__path__, "data_access.queries."):  # quality is a package
        module = importlib.import_module(info.name)
        short = info.name.removeprefix("data_access.queries.")
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if fn.__module__ != module.__name__ or name.startswith("_") or name in NOT_COMPARABLE:
                continue
            params = list(inspect.signature(fn).parameters.values())
            if len(params) < 1 or params[0].name != "conn":
                continue
            rest = params[1:]
            if any(p.default is inspect.Parameter.empty for p in rest if p.name != "filters"):
                continue
            groups = getattr(module, "GROUPS", {}) if any(p.name == "by" for p in rest) else {}
            for by in [()] + [(g,) for g in groups]:
                yield f"{short}.{name}{by or ''}", fn, bool(rest and rest[0].name == "filters"), by


def _normalised(value):
    if isinstance(value, pd.DataFrame):
        df = value.drop(columns=[c for c in value.columns if c in VOLATILE or c in ("tps_id", "activity_id",
                                                                                    "case_id")])
        df = df.astype(str)
        return df.sort_values(list(df.columns)).reset_index(drop=True) if len(df.columns) else df
    return value


def answers(engine) -> dict:
    out = {}
    with engine.connect() as conn:
        for label, fn, takes_filters, by in query_functions():
            args = [Filters()] if takes_filters else []
            kwargs = {"by": by} if by else {}
            try:
                out[label] = _normalised(fn(conn, *args, **kwargs))
            except Exception as exc:
                out[label] = f"raised {type(exc).__name__}"
    return out


def reference_rows(engine) -> list[tuple]:
    E, P = schema.Election, schema.Paslon
    with engine.connect() as c:
        elections = [tuple(r) for r in c.execute(select(E.__table__).order_by(E.kode))]
        pairs = [tuple(r) for r in c.execute(select(E.kode, P.nomor_urut, P.nama, P.is_kolom_kosong, P.partai_pengusul)
                                             .join(E).order_by(E.kode, P.nomor_urut))]
    return [e[1:] for e in elections] + pairs  # without the surrogate id


def test_demo_round_trips_through_the_import_format(demo_db, db_factory):
    target = db_factory(demo_db.dialect.name)  # areas only: the export carries the elections and pairs
    data = export_workbook(demo_db)
    result = import_file(target, data, "ekspor_demo.xlsx", "uji")
    assert result.ok, [str(p) for p in result.problems[:10]]
    assert reference_rows(target) == reference_rows(demo_db)
    assert result.counts == {"pemilihan": {"baru": 2, "berubah": 0, "sama": 0},
                             "paslon": {"baru": 4, "berubah": 0, "sama": 0},
                             # 433 campaign activities + the 3 found in the quiet period (demo.QUIET_FINDINGS);
                             # 528 LHP + 2 + 1 + 1 on those; 81 status rows + 6 + 4 + 3 of their temuan
                             "kegiatan": {"baru": 436, "berubah": 0, "sama": 0},
                             "pengawasan": {"baru": 532, "berubah": 0, "sama": 0},
                             "pelanggaran": {"baru": 94, "berubah": 0, "sama": 0},
                             "formulir_c": {"baru": 300, "berubah": 0, "sama": 0}}
    assert natural(target) == natural(demo_db)
    expected, got = answers(demo_db), answers(target)
    assert len(expected) >= 20 and set(got) == set(expected)
    for label in expected:
        if isinstance(expected[label], pd.DataFrame):
            pd.testing.assert_frame_equal(got[label], expected[label], obj=label)
        else:
            assert got[label] == expected[label], label
    # the export of the imported database is the same file content again
    assert export_rows(target) == export_rows(demo_db)
    # and importing the export once more changes nothing
    before = table_checksums(target)
    again = import_file(target, data, "ekspor_demo.xlsx", "uji")
    assert all(c["baru"] == c["berubah"] == 0 for c in again.counts.values())
    assert {k: v for k, v in table_checksums(target).items() if k != "import_log"} == {
        k: v for k, v in before.items() if k != "import_log"}


def test_demo_sizes_match_the_published_totals_after_import(demo_db, db_factory):
    """Hand-known figures (docs/domain.md): 300 TPS, DPT 151,742, 8,266 not delivered."""
    target = db_factory(demo_db.dialect.name)
    copy_reference(demo_db, target)
    assert import_file(target, export_workbook(demo_db), "ekspor.xlsx", "uji").ok
    with target.connect() as c:
        fc = pd.read_sql(select(schema.FormulirC.__table__), c)
    undelivered = fc[[c for c in fc.columns if c.startswith("undelivered_")]].to_numpy().sum()
    assert (len(fc), int(fc.dpt.sum()), int(undelivered)) == (300, 151_742, 8_266)
    assert fc.report_date.min() >= dt.date(2024, 11, 22)
