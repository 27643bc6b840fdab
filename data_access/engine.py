"""Engine from ``DATABASE_URL``; default: a SQLite file under ``data/`` made on first start.

``DATABASE_URL`` examples: ``postgresql+psycopg://user:pass@host:5432/pantau`` (production),
``sqlite:////abs/path/pantau.db``. When it is unset, Pantau uses ``data/pantau.db`` in the project
folder and fills it with the demo data of Bangka Selatan the first time.
"""
from __future__ import annotations

import logging
import os
import time
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, make_url, select

from data_access import rollup, schema

PROJECT_DIR = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE_PATH = PROJECT_DIR / "data" / "pantau.db"

log = logging.getLogger(__name__)


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


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision``, by default the newest migration (creates it on an empty
    database)."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).with_name("migrations")))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def has_areas(engine: Engine) -> bool:
    if not inspect(engine).has_table("kecamatan"):
        return False
    with engine.connect() as conn:
        return conn.execute(select(schema.Kecamatan.kode).limit(1)).first() is not None


def refresh_summaries(engine: Engine) -> None:
    """Rebuild the summary tables when they no longer match the raw rows (``data_access.rollup``):
    after the upgrade that adds them, or after rows were written by something other than Pantau."""
    t0 = time.perf_counter()
    with engine.begin() as conn:
        if rollup.refresh_if_stale(conn):
            log.info("Summary tables rebuilt in %.1f s", time.perf_counter() - t0)


def ensure_database(engine: Engine, *, demo_if_empty: bool | None = None) -> None:
    """Migrate the schema; load the wilayah list when missing; on the default SQLite file (or when
    asked) also generate the demo data the first time; rebuild stale summary tables. Safe to call
    on every start."""
    if engine.dialect.name == "sqlite" and engine.url.database:
        Path(engine.url.database).parent.mkdir(parents=True, exist_ok=True)
    upgrade(engine)
    if has_areas(engine):
        refresh_summaries(engine)
        return
    from data_access import demo, wilayah

    if demo_if_empty is None:
        demo_if_empty = str(engine.url) == f"sqlite:///{DEFAULT_SQLITE_PATH}"
    if demo_if_empty:
        log.info("Empty database: generating the demo data of Bangka Selatan")
        demo.generate(engine)
    else:
        wilayah.load_areas(engine)
