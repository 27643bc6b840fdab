"""Validation, planning and writing of import files.

    result = check_file(engine, data, "kegiatan_oktober.xlsx")      # preview: nothing written
    result = import_file(engine, data, "kegiatan_oktober.xlsx", username="operator1")
    results = check_batch(engine, [(name, data), ...])              # several files, in order
    results = import_batch(engine, [(name, data), ...], username="operator1")

The page, the command line and its ``--check`` all go through ``check_batch`` / ``import_batch``,
so they give the same verdict on the same files.

``import_file`` plans again inside its write transaction (so a preview that went stale cannot
write wrong data), writes everything or nothing, and logs every attempt in ``import_log``.
A rejected file writes only its ``import_log`` row.
"""
from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from data_access import rollup
from data_access.importer.context import utc_now
from data_access.importer.log import log_attempt
from data_access.importer.planner import plan_file
from data_access.importer.reading import Progress, RawFile, csv_dataset, read_file
from data_access.importer.result import ImportResult
from data_access.importer.sheetcheck import SheetCheck
from data_access.importer.spec import ORDER, Problem
from data_access.importer.writing import activity_desa, write
from texts import importer as msg

log = logging.getLogger(__name__)


def read_reference(data: bytes, file_name: str) -> dict[str, list[dict]]:
    """The pemilihan and paslon rows of a file, read and parsed by the importer's own code without a
    database (the demo generator builds its elections and pairs from the shipped reference
    workbook this way, so the two cannot drift apart). Raises ValueError listing the problems."""
    raw = read_file(data, file_name)
    problems = list(raw.problems)
    out: dict[str, list[dict]] = {}
    for sheet in raw.sheets:
        if sheet.dataset in ("pemilihan", "paslon"):
            check = SheetCheck(sheet, None, problems)
            if check.check_headers():
                out[sheet.dataset] = check.records(None, 0.0)
    errors = [str(p) for p in problems if p.level == "error"]
    if errors:
        raise ValueError(f"{file_name}: " + "; ".join(errors))
    return out


def _sorted_problems(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.level != "error", p.sheet, p.row or 0))


def _result(raw: RawFile, problems, plans) -> ImportResult:
    plans = {name: p for name, p in plans.items() if sum(p.counts.values())}  # empty sheets say nothing
    return ImportResult(
        file_name=raw.name, sha256=raw.sha256, problems=_sorted_problems(problems),
        counts={name: plans[name].counts for name in plans},
        changes={name: plans[name].changes for name in plans})


def _unreadable(file_name: str, exc: Exception) -> Problem:
    """The verdict for a file whose check stopped on an exception: the database could not be
    read, or (anything else) a fault in Pantau itself, said so instead of blaming the database."""
    if isinstance(exc, (SQLAlchemyError, OSError)):
        text = msg.DATABASE_UNREADABLE.format(error=type(exc).__name__)
    else:
        log.exception("import check of %s failed", file_name)
        text = msg.INTERNAL_ERROR.format(error=type(exc).__name__)
    return Problem(msg.FILE_LABEL.format(name=file_name), None, None, text)


def check_file(engine: Engine, data: bytes, file_name: str, progress: Progress | None = None, *,
               personal: bool = True) -> ImportResult:
    """Read, validate and plan a file against the database without writing anything."""
    return check_batch(engine, [(file_name, data)], lambda _name: progress, personal=personal)[0]


def dependency_rank(file_name: str) -> int:
    """Workbooks first, then CSV files in dataset order (kegiatan before pengawasan, ...)."""
    dataset = csv_dataset(file_name) if file_name.lower().endswith((".csv", ".txt")) else None
    return 0 if dataset is None else 1 + ORDER.index(dataset)


def in_order(files: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """(file name, content) pairs in the order a batch is checked and imported."""
    return sorted(files, key=lambda f: dependency_rank(f[0]))


def check_batch(engine: Engine, files: list[tuple[str, bytes]],
                progress_for: Callable[[str], Progress | None] | None = None, *,
                personal: bool = True) -> list[ImportResult]:
    """The verdicts ``import_batch`` would give on the same files, writing nothing.

    Files are checked in ``in_order`` order, each against the database as the earlier files of the
    batch would leave it: an accepted file is written inside one transaction that is rolled back
    at the end (the last file is only planned). So an LHP file may refer to activities in a
    kegiatan file of the same batch, a second pelanggaran file sees the first one's history, and
    the preview counts are the ones the import will report."""
    files = in_order(files)
    results: list[ImportResult] = []
    if not files:
        return results
    now = utc_now()
    try:
        with engine.connect() as conn:
            trans = conn.begin()
            try:
                for i, (name, data) in enumerate(files):
                    progress = progress_for(name) if progress_for else None
                    raw = read_file(data, name, progress)
                    try:
                        problems, plans = plan_file(conn, raw, progress, now, personal)
                        result = _result(raw, problems, plans)
                        if result.ok and i < len(files) - 1:
                            write(conn, plans, None, _dry_run(progress))
                    except Exception as exc:
                        results.append(_result(raw, [*raw.problems, _unreadable(name, exc)], {}))
                        break
                    results.append(result)
            finally:
                trans.rollback()
    except Exception as exc:
        for name, data in files[len(results):]:
            raw = read_file(data, name)
            results.append(_result(raw, [*raw.problems, _unreadable(name, exc)], {}))
    for name, data in files[len(results):]:  # after a failure, the rest is not checked
        results.append(ImportResult(name, hashlib.sha256(data).hexdigest(), [Problem(
            msg.FILE_LABEL.format(name=name), None, None, msg.NOT_CHECKED_AFTER_FAILURE)],
            {}, {}))
    return results


def _dry_run(progress: Progress | None) -> Progress | None:
    if progress is None:
        return None
    return lambda f, _m: progress(f, msg.PROGRESS_NEXT_FILE)


def import_batch(engine: Engine, files: list[tuple[str, bytes]], username: str,
                 progress_for: Callable[[str], Progress | None] | None = None, *,
                 personal: bool = True) -> list[ImportResult]:
    """Import files in ``in_order`` order, each whole or not at all and in its own transaction (so
    activities are written before the LHP files that refer to them)."""
    return [import_file(engine, data, name, username, progress_for(name) if progress_for else None,
                        personal=personal) for name, data in in_order(files)]


def import_file(engine: Engine, data: bytes, file_name: str, username: str,
                progress: Progress | None = None, *, personal: bool = True) -> ImportResult:
    """Import one file whole or not at all; log the attempt. Returns the verdict with problems.
    ``personal=False`` (a role that may not see names): stored rows keep their names (``Planner``)."""
    now = utc_now()
    raw = read_file(data, file_name, progress)
    result = None
    try:
        with engine.begin() as conn:
            problems, plans = plan_file(conn, raw, progress, now, personal)
            result = _result(raw, problems, plans)
            if result.ok:
                result.import_id = log_attempt(conn, result, username, now)
                was_fresh, before = rollup.is_fresh(conn), activity_desa(conn, plans, after=False)
                write(conn, plans, result.import_id, progress)
                # the summary tables move with the rows, in this transaction: only the kabupaten
                # the file touched, unless they were already stale (then all of them)
                touched = rollup.kabupaten_of_desa(conn, before | activity_desa(conn, plans, after=True))
                rollup.refresh(conn, touched if was_fresh else None)
                result.written = True
    except Exception as exc:
        if result is None:
            result = _result(raw, list(raw.problems), {})
        result.written, result.import_id = False, None
        detail = str(exc).splitlines()[0][:200] if str(exc) else ""
        result.problems.append(Problem(msg.FILE_LABEL.format(name=file_name), None, None,
                                       msg.WRITE_FAILED.format(error=type(exc).__name__, detail=detail)))
    if not result.written:
        with engine.begin() as conn:
            result.import_id = log_attempt(conn, result, username, now)
    if progress:
        progress(1.0, msg.PROGRESS_DONE)
    return result
