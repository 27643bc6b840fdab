"""Operator data import (format: docs/IMPORT_SPEC.md; operator guide: docs/PANDUAN_IMPOR.md).

Public API:
- ``check_file(engine, data, file_name)``: read, validate and plan; writes nothing (page preview);
- ``import_file(engine, data, file_name, username)``: all-or-nothing import of one file, logged;
- ``check_batch(engine, [(name, data), ...])`` / ``import_batch(engine, files, username)``: several
  files in dependency order, each checked against the database as the earlier ones leave it (the
  page, the command line and ``--check`` all use these, so they agree on every batch);
- ``import_paths(engine, paths, username)`` / ``check_paths(engine, paths)``: the same from disk (CLI);
- ``export_workbook(engine)``: the database in the import format (round trip);
- ``blank_template()``: the empty XLSX template with README and drop-down lists;
- ``reference_workbook()``: the shipped elections and pairs of Pilkada 2024 in Bangka Selatan;
- ``recent_imports(conn)``: the newest ``import_log`` rows.
Command line: ``python -m data_access import FILE [FILE ...]``.
"""
from __future__ import annotations

from data_access.importer.core import check_batch, check_file, dependency_rank, import_batch, import_file, in_order
from data_access.importer.files import (
                                       changes_frame,
                                       check_paths,
                                       counts_frame,
                                       import_paths,
                                       problems_csv,
                                       problems_frame,
)
from data_access.importer.log import recent_imports
from data_access.importer.result import ImportResult
from data_access.importer.spec import DATASETS, Problem
from data_access.importer.workbook import REFERENCE_WORKBOOK, blank_template, export_workbook, reference_workbook

__all__ = ["DATASETS", "REFERENCE_WORKBOOK", "ImportResult", "Problem", "blank_template", "changes_frame",
           "check_batch", "check_file", "check_paths", "counts_frame", "dependency_rank", "export_workbook",
           "import_batch", "import_file", "import_paths", "in_order", "problems_csv", "problems_frame",
           "recent_imports", "reference_workbook"]
