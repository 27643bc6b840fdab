"""Importing files from disk (command line), and the tables the page shows (problems, counts,
changes)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
from sqlalchemy import Engine

from data_access import spreadsheet
from data_access.importer.core import check_batch, dependency_rank, import_batch
from data_access.importer.reading import Progress
from data_access.importer.result import ImportResult
from data_access.importer.spec import Problem
from texts import importer as msg


def _read_paths(paths: list[str | Path]) -> tuple[list[tuple[str, bytes]], dict[str, ImportResult]]:
    """The readable files as (name, content), and a rejection for each file that cannot be opened."""
    files, unreadable = [], {}
    for path in (Path(p) for p in paths):
        try:
            files.append((path.name, path.read_bytes()))
        except OSError as exc:
            unreadable[path.name] = ImportResult(path.name, "", [Problem(
                msg.FILE_LABEL.format(name=path), None, None,
                msg.PATH_UNREADABLE.format(error=exc.strerror or exc))], {}, {})
    return files, unreadable


def _with_unreadable(results: list[ImportResult], unreadable: dict[str, ImportResult]) -> list[ImportResult]:
    return sorted([*results, *unreadable.values()], key=lambda r: dependency_rank(r.file_name))


def import_paths(engine: Engine, paths: list[str | Path], username: str,
                 progress: Progress | None = None) -> list[ImportResult]:
    """Import files from disk with ``import_batch`` (the command line)."""
    files, unreadable = _read_paths(paths)
    results = import_batch(engine, files, username, (lambda _name: progress) if progress else None)
    return _with_unreadable(results, unreadable)


def check_paths(engine: Engine, paths: list[str | Path]) -> list[ImportResult]:
    """Check files from disk with ``check_batch`` (the command line's ``--check``); writes nothing."""
    files, unreadable = _read_paths(paths)
    return _with_unreadable(check_batch(engine, files), unreadable)


def problems_frame(problems: list[Problem]) -> pd.DataFrame:
    """The problem list as a table (columns lembar, baris, kolom, masalah, tingkat)."""
    return pd.DataFrame([p.as_dict() for p in problems], columns=["lembar", "baris", "kolom", "masalah", "tingkat"])


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
    return spreadsheet.csv_bytes(problems_frame(problems), sep=";", decimal=".", date_format=None)
