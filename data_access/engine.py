"""Connections: the engine for ``DATABASE_URL``; default: a SQLite file under ``data/``.

``DATABASE_URL`` examples: ``postgresql+psycopg://user:pass@host:5432/pantau`` (production),
``sqlite:////abs/path/pantau.db``. When it is unset, Pantau uses ``data/pantau.db`` in the project
folder (``data_access.setup`` fills it with the demo data of Bangka Selatan the first time).

Only the connection factory: migrating and filling a database is ``data_access.setup``.
"""
from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, make_url

PROJECT_DIR = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE_PATH = PROJECT_DIR / "data" / "pantau.db"


def database_url() -> str:
    return os.environ.get("DATABASE_URL") or f"sqlite:///{DEFAULT_SQLITE_PATH}"


def is_default_database(url: str | None = None) -> bool:
    return not os.environ.get("DATABASE_URL") if url is None else url == f"sqlite:///{DEFAULT_SQLITE_PATH}"


def read_only_url() -> str:
    """URL for the pages' connections: ``DATABASE_URL_READONLY`` when set (on PostgreSQL, a role
    with SELECT only: see docs/OPERASI.md), else ``DATABASE_URL`` (opened read-only)."""
    return os.environ.get("DATABASE_URL_READONLY") or database_url()


def make_engine(url: str | None = None, *, read_only: bool = False, **kwargs) -> Engine:
    """A new engine. SQLite gets foreign keys enforced and a busy timeout on every connection.

    ``read_only``: SQLite files are opened with ``mode=ro`` (the driver refuses every write);
    PostgreSQL sessions start with ``default_transaction_read_only=on``. Pages read through such an
    engine; only the importer, the account commands and the demo generator write."""
    url = url or database_url()
    if url.startswith("sqlite"):
        kwargs.setdefault("connect_args", {}).setdefault("timeout", 30)
        path = make_url(url).database
        if read_only and path and path != ":memory:":
            url = f"sqlite:///file:{Path(path).resolve()}?mode=ro&uri=true"
    elif read_only and url.startswith("postgresql"):
        kwargs.setdefault("connect_args", {}).setdefault("options", "-c default_transaction_read_only=on")
    engine = create_engine(url, pool_pre_ping=True, **kwargs)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):  # pragma: no cover - trivial
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()

    return engine
