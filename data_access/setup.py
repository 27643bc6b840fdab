"""A database made ready on the app's start: schema migrated, areas loaded, demo data on the default
SQLite file the first time, summary tables rebuilt when stale (``ensure_database``).

Used by the app (``ui/cache.py``) and the command lines that need a usable database
(``python -m data_access users``, ``python -m data_access import``); the library modules never
import it.
"""
from __future__ import annotations

import logging
import time
from pathlib import Path

from sqlalchemy import Engine, inspect, select

from data_access import demo, rollup, schema, wilayah
from data_access.engine import is_default_database
from data_access.migrate import upgrade

log = logging.getLogger(__name__)


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
    if demo_if_empty is None:
        demo_if_empty = is_default_database(str(engine.url))
    if demo_if_empty:
        log.info("Empty database: generating the demo data of Bangka Selatan")
        demo.generate(engine)
    else:
        wilayah.load_areas(engine)
