"""The bridge from pages to ``data_access``: one shared engine and one cached loader.

Pages never touch SQL or connections. They call ``load(queries.coverage.activity_coverage, f,
by=("kecamatan",))``; the result is cached for the configured TTL (default 60 s) per function,
filters and arguments, so a page switch or a second viewer costs no query. A database that is
down raises ``DataUnavailable``, which the entry point turns into a clear Indonesian message.
"""
from __future__ import annotations

import importlib
import logging
import time
from dataclasses import replace

import pandas as pd
import streamlit as st
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.pool import NullPool

import config
from data_access.engine import database_url, make_engine, read_only_url
from data_access.filters import Filters
from data_access.setup import ensure_database
from ui import session

log = logging.getLogger(__name__)
TTL = config.get().ttl_seconds
_clock = time.time  # tests move time forward by monkeypatching this
_ALLOWED_PREFIX = "data_access."


class DataUnavailable(RuntimeError):
    """The reports database cannot be reached or read right now."""


# What "the database cannot be reached" looks like from SQLAlchemy: a driver error, or every
# pooled connection busy for pool_timeout seconds (the pool's TimeoutError is no DBAPIError).
OUTAGE_ERRORS = (OperationalError, DBAPIError, PoolTimeout)


def _dispose(engine: Engine) -> None:
    engine.dispose()  # close the pooled connections of an engine dropped from the cache


@st.cache_resource(show_spinner=False, on_release=_dispose)
def _engine(url: str) -> Engine:
    engine = make_engine(url)
    ensure_database(engine)
    return engine


def engine() -> Engine:
    """The app's WRITING engine for the current ``DATABASE_URL`` (created, migrated and, for the
    default SQLite file, filled with demo data on first use). Only the import page and the login
    (account bookkeeping, audit log) use it; pages read through ``read_engine``."""
    try:
        return _engine(database_url())
    except (*OUTAGE_ERRORS, OSError) as exc:
        log.warning("database unavailable: %s", exc)
        raise DataUnavailable(str(exc)) from exc


@st.cache_resource(show_spinner=False, on_release=_dispose)
def _read_engine(url: str) -> Engine:
    # SQLite: no pool, so every query opens the file anew and a removed file is noticed at once
    # (a pooled connection would keep reading the deleted file's old contents).
    extra = {"poolclass": NullPool} if url.startswith("sqlite") else {}
    return make_engine(url, read_only=True, **extra)


def ping() -> bool:
    """True when the database answers a trivial query right now (used to recover after an outage)."""
    try:
        with read_engine().connect() as conn:
            conn.exec_driver_sql("SELECT 1")
        return True
    except (DataUnavailable, *OUTAGE_ERRORS, OSError):
        return False


def read_engine() -> Engine:
    """Read-only engine for every page query (least privilege: a page cannot write)."""
    engine()  # the database must exist and be migrated first
    return _read_engine(read_only_url())


def _resolve(path: str):
    if not path.startswith(_ALLOWED_PREFIX):
        raise ValueError(f"not a data_access function: {path}")
    module, name = path.rsplit(".", 1)
    return getattr(importlib.import_module(module), name)


@st.cache_data(ttl=TTL, show_spinner=False, max_entries=2000)
def _cached(path: str, filters: Filters | None, kwargs: tuple, url: str, bucket: int):
    # ``bucket`` (clock // TTL) makes every entry expire together at each TTL boundary, so a new
    # import shows on every page after the same interval (ttl= alone expires entries one by one).
    fn = _resolve(path)
    with read_engine().connect() as conn:
        if filters is None:
            return fn(conn, **dict(kwargs))
        return fn(conn, filters, **dict(kwargs))


NOWHERE = "-"  # a kecamatan code that matches no row


def scoped(filters: Filters | None, user=None) -> Filters | None:
    """Clamp filters to the logged-in koordinator's kecamatan: whatever a page asks for, a scoped
    account only ever gets rows of its own areas (an out-of-scope request gets no rows). ``user``:
    whose scope, when not the session's (work done outside the script run, e.g. a download)."""
    from ui.auth import current_user

    user = user or current_user()
    if filters is None or user is None or not user.is_scoped:
        return filters
    scope = set(user.kecamatan_scope)
    kecamatan = tuple(k for k in filters.kecamatan if k in scope) if filters.kecamatan else tuple(sorted(scope))
    desa = tuple(d for d in filters.desa if d.rsplit(".", 1)[0] in scope)
    if (filters.kecamatan and not kecamatan) or (filters.desa and not desa):
        kecamatan, desa = (NOWHERE,), ()
    return replace(filters, kecamatan=kecamatan, desa=desa)


def load(fn, filters: Filters | None = None, **kwargs):
    """Call a ``data_access`` read function through the cache. ``fn(conn, filters, **kwargs)``, or
    ``fn(conn, **kwargs)`` when ``filters`` is None. Filters are clamped to the user's scope."""
    path = f"{fn.__module__}.{fn.__qualname__}"
    filters = scoped(filters)
    try:
        return _cached(path, filters, tuple(sorted(kwargs.items())), read_only_url(), int(_clock() // TTL))
    except OUTAGE_ERRORS as exc:
        log.warning("query %s failed: %s", path, exc)
        raise DataUnavailable(str(exc)) from exc


def deferred(fn, filters: Filters | None = None, **kwargs):
    """A zero-argument callable that reads ``fn`` later, e.g. the whole list behind a table when its
    download is clicked (Streamlit runs that on a worker thread with no session). The read engine and
    the user's scope (``scoped``) are taken now, in the script run; the result is not cached. Before
    reading it checks that the session is still valid and the account active (``session.guard``)."""
    check = session.guard(engine())
    reader = read_engine()
    filters = scoped(filters)

    def read():
        check()
        with reader.connect() as conn:
            return fn(conn, **kwargs) if filters is None else fn(conn, filters, **kwargs)
    return read


def clear() -> None:
    """Drop cached query results (after an import, so new rows show at once)."""
    _cached.clear()


def release_engines() -> None:
    """Drop the cached engines and close their connections (one process serving many databases in
    turn, such as the test suite: each kept a pool of idle PostgreSQL connections until the
    server's 100 were used up)."""
    _engine.clear()
    _read_engine.clear()


def is_empty(df: pd.DataFrame, column: str | None = None) -> bool:
    """True when a result has no rows, or its ``column`` sums to zero."""
    if df is None or len(df) == 0:
        return True
    return column is not None and float(df[column].fillna(0).sum()) == 0.0
