"""Operator data import (format: docs/IMPORT_SPEC.md; operator guide: docs/PANDUAN_IMPOR.md).

Public API:
- ``check_file(engine, data, file_name)``: read, validate and plan; writes nothing (page preview);
- ``import_file(engine, data, file_name, username)``: all-or-nothing import of one file, logged;
- ``import_paths(engine, paths, username)``: several files from disk, in dependency order (CLI);
- ``export_workbook(engine)``: the database in the import format (round trip);
- ``blank_template()``: the empty XLSX template with README and drop-down lists;
- ``recent_imports(engine)``: the newest ``import_log`` rows.
Command line: ``python -m data_access.importer FILE [FILE ...]``.
"""
from __future__ import annotations

from data_access.importer.core import ImportResult, check_file, import_file
from data_access.importer.files import (changes_frame, counts_frame, dependency_rank, import_paths, problems_csv,
                                       problems_frame, recent_imports)
from data_access.importer.spec import DATASETS, Problem
from data_access.importer.workbook import blank_template, export_workbook

__all__ = ["DATASETS", "ImportResult", "Problem", "blank_template", "changes_frame", "check_file", "counts_frame",
           "dependency_rank", "export_workbook", "import_file", "import_paths", "problems_csv", "problems_frame",
           "recent_imports"]
