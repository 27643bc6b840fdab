"""Importing files from disk (command line), the import log for the page, problem tables."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine, select

from data_access import schema
from data_access.importer.core import ImportResult, Progress, import_file
from data_access.importer.reading import csv_dataset
from data_access.importer.spec import ORDER, Problem


def dependency_rank(file_name: str) -> int:
    """Workbooks first, then CSV files in dataset order (kegiatan before pengawasan, ...)."""
    dataset = csv_dataset(file_name) if file_name.lower().endswith((".csv", ".txt")) else None
    return 0 if dataset is None else 1 + ORDER.index(dataset)


def import_paths(engine: Engine, paths: list[str | Path], username: str,
                 progress: Progress | None = None) -> list[ImportResult]:
    """Import files in dependency order, each whole or not at all (so activities are written before
    the LHP files that refer to them)."""
    results = []
    for path in sorted((Path(p) for p in paths), key=lambda p: dependency_rank(p.name)):
        try:
            data = path.read_bytes()
        except OSError as exc:
            results.append(ImportResult(path.name, "", [Problem(f"berkas '{path}'", None, None,
                                        f"tidak dapat dibuka ({exc.strerror or exc}).")], {}, {}))
            continue
        results.append(import_file(engine, data, path.name, username, progress))
    return results


def problems_frame(problems: list[Problem]) -> pd.DataFrame:
    """The problem list as a table (columns lembar, baris, kolom, masalah, tingkat)."""
    return pd.DataFrame([p.as_dict() for p in problems], columns=["lembar", "baris", "kolom", "masalah", "tingkat"])


def recent_imports(engine: Engine, limit: int = 20) -> pd.DataFrame:
    """The newest import attempts with rows per dataset summarised in words."""
    L = schema.ImportLog
    with engine.connect() as conn:
        rows = conn.execute(select(L.imported_at, L.username, L.file_name, L.result, L.rows, L.problems, L.sha256)
                            .order_by(L.id.desc()).limit(limit)).fetchall()
    out = []
    for r in rows:
        counts = json.loads(r.rows or "{}")
        summary = "; ".join(f"{name}: {c.get('baru', 0)} baru, {c.get('berubah', 0)} berubah, {c.get('sama', 0)} sama"
                            for name, c in counts.items())
        n_problems = len(json.loads(r.problems)) if r.problems else 0
        out.append({"waktu_utc": r.imported_at, "pengguna": r.username, "berkas": r.file_name, "hasil": r.result,
                    "baris": summary, "masalah": n_problems, "sha256": r.sha256})
    return pd.DataFrame(out, columns=["waktu_utc", "pengguna", "berkas", "hasil", "baris", "masalah", "sha256"])


def counts_frame(results: list[ImportResult]) -> pd.DataFrame:
    """Rows new / changed / unchanged per file and dataset (the page's preview table)."""
    out = [{"berkas": r.file_name, "dataset": name, "baru": c["baru"], "berubah": c["berubah"], "sama": c["sama"]}
           for r in results for name, c in r.counts.items()]
    return pd.DataFrame(out, columns=["berkas", "dataset", "baru", "berubah", "sama"])


def changes_frame(result: ImportResult, *, only_changes: bool = True) -> pd.DataFrame:
    """The planned change of every row (dataset, row, key, baru/berubah/sama, changed columns)."""
    out = [{"dataset": name, **row} for name, rows in result.changes.items() for row in rows
           if not only_changes or row["perubahan"] != "sama"]
    return pd.DataFrame(out, columns=["dataset", "baris", "kunci", "perubahan", "kolom_berubah"])


def problems_csv(problems: list[Problem]) -> bytes:
    """The problem list as CSV for download (UTF-8 with BOM and ';' so Excel opens it as columns)."""
    return problems_frame(problems).to_csv(index=False, sep=";").encode("utf-8-sig")
