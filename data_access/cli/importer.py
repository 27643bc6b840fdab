"""``python -m data_access import FILE [FILE ...] [--user NAME] [--check]``: check and import operator
files (``data_access.importer``).

Uses the same ``DATABASE_URL`` as the app. Exit status 0 when every file was imported (or, with
``--check``, would be), 1 when any file was rejected (its problems are printed), 2 on bad usage.
"""
from __future__ import annotations

import argparse
import getpass
import os
import sys

from data_access.engine import make_engine
from data_access.importer.files import check_paths, import_paths
from data_access.importer.result import ImportResult
from data_access.setup import ensure_database
from texts import importer as msg


def _summary(result: ImportResult) -> str:
    parts = [msg.COUNTS_SUMMARY.format(dataset=name, baru=c["baru"], berubah=c["berubah"], sama=c["sama"])
             for name, c in result.counts.items()]
    return "; ".join(parts) or msg.CLI_NO_ROWS


def report(result: ImportResult, out, *, checked: bool = False) -> None:
    if result.ok:
        verb = msg.CLI_CHECKED if checked else msg.CLI_IMPORTED
        print(msg.CLI_OK.format(file=result.file_name, verb=verb, summary=_summary(result)), file=out)
    else:
        print(msg.CLI_REJECTED.format(file=result.file_name, count=len(result.errors)), file=out)
    for p in result.problems:
        print(msg.CLI_PROBLEM.format(problem=p), file=out)


def _default_user() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return os.environ.get("USER") or "cli"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m data_access import",
                                     description=msg.CLI_DESCRIPTION)
    parser.add_argument("files", nargs="+", metavar="FILE", help=msg.CLI_FILES_HELP)
    parser.add_argument("--user", "-u", default=None, help=msg.CLI_USER_HELP)
    parser.add_argument("--check", action="store_true", help=msg.CLI_CHECK_HELP)
    args = parser.parse_args(argv)
    engine = make_engine()
    ensure_database(engine)
    try:
        if args.check:
            results = check_paths(engine, args.files)
        else:
            results = import_paths(engine, args.files, args.user or _default_user())
    finally:
        engine.dispose()
    for result in results:
        report(result, sys.stdout if result.ok else sys.stderr, checked=args.check)
    return 0 if all(r.ok for r in results) else 1

