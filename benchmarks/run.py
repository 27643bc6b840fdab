"""Page benchmark: how fast each page gets its numbers, against the floor and the naive pattern.

    DATABASE_URL=sqlite:////path/national.db .venv/bin/python -m benchmarks.run [--runs 5] [--label national]

For each page (Ringkasan, Cakupan, Pelanggaran, Formulir C, Peta), measured in the same run:

(a) ``data``   the page's data functions: every ``ui.cache.load`` call the page makes (recorded from a
               real AppTest run of the page), called directly on a read connection, caches bypassed;
(b) ``floor``  the raw SQL those functions send, replayed on a bare DBAPI cursor (no SQLAlchemy, no
               pandas): the time the database itself needs to answer the page's questions;
(c) ``naive``  the pattern of many Streamlit dashboards: ``SELECT *`` of the tables the page uses
               into pandas, then filter/merge/group there, for the page's main questions;
(d) ``page``   a full AppTest run of the page (dashboard.py, logged in) with cold data caches;

plus the peak memory (max RSS) of the process that ran the pages. Every figure is the median of
``--runs`` runs (the naive pattern: ``--naive-runs``, it is slow). Ratios a/b and c/a are printed
side by side, and the table is appended to ``benchmarks/RESULTS.md`` with engine, data size, machine
and date. Targets (scale issue): a/b <= 1.5, c/a >= 20, page < 2 s at national scale (< 0.5 s at
regency scale), peak memory < 500 MB.
"""
from __future__ import annotations

import argparse
import datetime as dt
import importlib
import logging
import os
import pickle
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
import streamlit as st
from sqlalchemy import event, text
from streamlit.testing.v1 import AppTest

import ui.cache
from charts import memo
from data_access.engine import database_url, make_engine
from data_access.users import User

ROOT = Path(__file__).resolve().parent.parent

PAGES = ("ringkasan", "cakupan", "pelanggaran", "formulir_c", "peta")
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
TARGETS = {"data_over_floor": 1.5, "naive_over_data": 20.0, "page_national_s": 2.0, "page_regency_s": 0.5,
           "peak_mb": 500.0}


# ---------------------------------------------------------------- (d) the app, in a child process
def _child(url: str, runs: int, out: str) -> None:
    """Run every page ``runs`` times in AppTest with cold caches; record its data calls (first
    run); write timings, calls and the max RSS to ``out`` (pickle)."""
    os.environ["DATABASE_URL"] = url  # the app reads it when it opens its engine (ui.cache), not on import
    # cache clears between runs happen outside a script run; Streamlit warns about each one
    logging.getLogger("streamlit").setLevel(logging.ERROR)

    calls: dict[str, list] = {}
    recording: list | None = None
    original = ui.cache.load

    def recorder(fn, filters=None, **kwargs):
        # each distinct call once: a repeat within the run is answered by the page's cache
        call = (fn.__module__, fn.__name__, filters, kwargs)
        if recording is not None and call not in recording:
            recording.append(call)
        return original(fn, filters, **kwargs)

    ui.cache.load = recorder
    user = User(username="admin", full_name="Admin Contoh", role="admin", kecamatan_scope=())
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=300)
    at.session_state["_pantau_user"] = user
    at.session_state["_pantau_last_seen"] = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    at.run()  # first run: imports, engine, reference data of the filter bar
    if at.exception:
        raise SystemExit(f"app failed: {at.exception[0].message}")
    times: dict[str, list[float]] = {}
    for page in PAGES:
        times[page] = []
        for i in range(runs + 1):  # the first run of a page warms Python imports; not counted
            st.cache_data.clear()  # every data cache: queries, and the download files made with the page
            ui.cache.clear()  # the views built from them (shared by sessions)
            memo.clear()  # figures and download files remembered by their content
            at.session_state["_pantau_last_seen"] = dt.datetime.now(dt.UTC).replace(tzinfo=None)
            recording = [] if i == 1 else None
            t0 = time.perf_counter()
            at.switch_page(f"pages/{page}.py").run()
            elapsed = time.perf_counter() - t0
            if at.exception:
                raise SystemExit(f"{page} failed: {at.exception[0].message}")
            if i >= 1:
                times[page].append(elapsed)
            if recording is not None:
                calls[page] = recording
            recording = None
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    with open(out, "wb") as fh:
        pickle.dump({"times": times, "calls": calls, "peak_mb": peak_mb}, fh)


def run_pages(url: str, runs: int) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".pkl", delete=False) as fh:
        out = fh.name
    env = {**os.environ, "DATABASE_URL": url}
    subprocess.run([sys.executable, "-m", "benchmarks.run", "--child", out, "--runs", str(runs)],
                   cwd=ROOT, env=env, check=True)
    with open(out, "rb") as fh:
        result = pickle.load(fh)
    os.unlink(out)
    return result


# ---------------------------------------------------------------- (a) data functions, (b) floor
def _resolve(module: str, name: str):
    return getattr(importlib.import_module(module), name)


def time_data(engine, calls: list) -> tuple[float, list]:
    """Call each recorded data function on one fresh connection; also capture the SQL it sent."""
    statements: list = []

    def capture(conn, cursor, statement, parameters, context, executemany):
        statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", capture)
    try:
        t0 = time.perf_counter()
        with engine.connect() as conn:
            for module, name, filters, kwargs in calls:
                fn = _resolve(module, name)
                fn(conn, **kwargs) if filters is None else fn(conn, filters, **kwargs)
        elapsed = time.perf_counter() - t0
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    return elapsed, statements


def time_floor(engine, statements: list) -> float:
    raw = engine.raw_connection()
    try:
        t0 = time.perf_counter()
        cur = raw.cursor()
        for statement, parameters in statements:
            cur.execute(statement, parameters)
            cur.fetchall()
        elapsed = time.perf_counter() - t0
        cur.close()
        raw.rollback()
    finally:
        raw.close()
    return elapsed


# ---------------------------------------------------------------- (c) the naive pattern
def naive(engine, page: str, f) -> float:
    """``SELECT *`` of each table the page uses into pandas, then filter, merge and group there."""
    t0 = time.perf_counter()
    with engine.connect() as conn:
        def table(name):
            return pd.read_sql_query(f"SELECT * FROM {name}", conn)

        desa = table("desa").merge(table("kecamatan"), left_on="kecamatan_kode", right_on="kode",
                                   suffixes=("", "_kec"))

        def in_range(df, col):
            day = pd.to_datetime(df[col]).dt.date
            return df[(day >= f.start) & (day <= f.end)] if f.start and f.end else df

        if page in ("ringkasan", "cakupan", "peta"):
            acts = in_range(table("campaign_activity"), "tanggal")
            reports = table("supervision_report")
            acts = acts.assign(supervised=acts["id"].isin(reports["activity_id"]))
            acts = acts.merge(desa, left_on="desa_kode", right_on="kode", suffixes=("", "_desa"))
            acts.groupby("kecamatan_kode")["supervised"].agg(["size", "sum"])
            acts.groupby("desa_kode")["supervised"].agg(["size", "sum"])
            if page == "cakupan":
                acts.groupby(["metode"])["supervised"].agg(["size", "sum"])
                acts.groupby(["paslon_id"])["supervised"].agg(["size", "sum"])
                acts.groupby(pd.to_datetime(acts["tanggal"]).dt.to_period("W"))["supervised"].agg(["size", "sum"])
        if page in ("ringkasan", "pelanggaran", "peta"):
            cases = in_range(table("violation_case"), "tanggal_diterima")
            history = table("case_status")
            cases = cases.merge(desa, left_on="desa_kode", right_on="kode", suffixes=("", "_desa"))
            cases.groupby(["kecamatan_kode", "sumber"]).size()
            cases.groupby("status").size()
            history[history["case_id"].isin(cases["id"])].groupby("status")["case_id"].nunique()
            if page == "pelanggaran":
                cases.groupby([pd.to_datetime(cases["tanggal_diterima"]).dt.to_period("W"), "jenis_dugaan"]).size()
        if page in ("ringkasan", "formulir_c", "peta"):
            fc = table("formulir_c").merge(table("tps"), left_on="tps_id", right_on="id", suffixes=("", "_tps"))
            fc = fc.merge(desa, left_on="desa_kode", right_on="kode", suffixes=("", "_desa"))
            cols = ["dpt", "delivered"] + [c for c in fc.columns if c.startswith("undelivered_")]
            fc.groupby("kecamatan_kode")[cols].sum()
            fc.groupby("desa_kode")[cols].sum()
    return time.perf_counter() - t0


# ---------------------------------------------------------------- report
def _size(engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {t: conn.execute(text(f"SELECT COUNT(*) FROM {t}")).scalar()
                for t in ("kabupaten", "kecamatan", "desa", "tps", "campaign_activity", "supervision_report",
                          "violation_case")}


def _machine() -> str:
    mem = ""
    try:
        kb = int(next(line for line in open("/proc/meminfo") if line.startswith("MemTotal")).split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, StopIteration, ValueError):
        pass
    return f"{os.cpu_count()} cores{mem}, {platform.machine()}, Python {platform.python_version()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per measure (median); default 5")
    parser.add_argument("--naive-runs", type=int, default=3, help="runs of the naive pattern; default 3")
    parser.add_argument("--label", default="", help="name of the data set in RESULTS.md, e.g. national")
    parser.add_argument("--no-append", action="store_true", help="print only; do not append to RESULTS.md")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    url = database_url()
    if args.child:
        _child(url, args.runs, args.child)
        return 0

    engine = make_engine(url, read_only=True)
    size = _size(engine)
    print(f"engine {engine.dialect.name}; {size['desa']:,} desa, {size['campaign_activity']:,} activities, "
          f"{size['supervision_report']:,} LHP; {args.runs} runs", flush=True)
    app = run_pages(url, args.runs)
    rows = []
    for page in PAGES:
        calls = app["calls"][page]
        data_t, floor_t = [], []
        _, statements = time_data(engine, calls)  # warm-up (statement compile cache, page cache), not counted
        time_floor(engine, statements)
        for _ in range(args.runs):
            elapsed, statements = time_data(engine, calls)
            data_t.append(elapsed)
            floor_t.append(time_floor(engine, statements))
        filters = next((c[2] for c in calls if c[2] is not None and c[2].start is not None), None)
        naive_t = [naive(engine, page, filters) for _ in range(args.naive_runs)]
        row = {"page": page, "calls": len(calls), "sql": len(statements),
               "data": statistics.median(data_t), "floor": statistics.median(floor_t),
               "naive": statistics.median(naive_t), "page_s": statistics.median(app["times"][page])}
        rows.append(row)
        print(f"{page:12s} data {row['data']:7.3f} s  floor {row['floor']:7.3f} s  "
              f"data/floor {row['data'] / row['floor']:5.2f}  naive {row['naive']:7.2f} s  "
              f"naive/data {row['naive'] / row['data']:6.1f}  page {row['page_s']:6.2f} s", flush=True)
    print(f"peak memory of the app process: {app['peak_mb']:.0f} MB")
    if not args.no_append:
        append_results(engine, size, args, rows, app["peak_mb"])
    return 0


def append_results(engine, size, args, rows, peak_mb) -> None:
    national = size["campaign_activity"] >= 500_000
    page_target = TARGETS["page_national_s"] if national else TARGETS["page_regency_s"]

    def mark(ok: bool) -> str:
        return "ok" if ok else "**missed**"

    def ratio_mark(ok: bool) -> str:  # a/b and c/a are national targets; at regency size only the page time is
        return mark(ok) if national else "(no target)"

    lines = [
        "",
        f"### {dt.date.today().isoformat()} · {engine.dialect.name} · {args.label or 'data'} "
        f"({size['kabupaten']:,} kabupaten, {size['kecamatan']:,} kecamatan, {size['desa']:,} desa, "
        f"{size['tps']:,} TPS, {size['campaign_activity']:,} kegiatan, {size['supervision_report']:,} LHP, "
        f"{size['violation_case']:,} kasus)",
        "",
        f"Machine: {_machine()}. Medians of {args.runs} runs (naive: {args.naive_runs}). "
        f"Peak memory of the app process: {peak_mb:.0f} MB ({mark(peak_mb < TARGETS['peak_mb'])}, target < 500 MB).",
        "",
        "| page | data calls | SQL statements | (a) data s | (b) floor s | a/b (<= 1.5) | (c) naive s | c/a (>= 20) "
        f"| (d) page s (< {page_target:g}) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        ab, ca = r["data"] / r["floor"], r["naive"] / r["data"]
        lines.append(
            f"| {r['page']} | {r['calls']} | {r['sql']} | {r['data']:.3f} | {r['floor']:.3f} | {ab:.2f} "
            f"{ratio_mark(ab <= TARGETS['data_over_floor'])} | {r['naive']:.2f} | {ca:.1f} "
            f"{ratio_mark(ca >= TARGETS['naive_over_data'])} "
            f"| {r['page_s']:.2f} {mark(r['page_s'] < page_target)} |")
    with RESULTS.open("a", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    print(f"appended to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
