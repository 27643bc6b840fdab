"""The query cache: the bridge from pages to ``data_access``, with one shared engine.

Pages never touch SQL or connections. They call ``load(queries.coverage.activity_coverage, f,
by=("kecamatan",))``; the result is cached for the configured TTL (default 60 s) per function,
filters and arguments, so a page switch or a second viewer costs no query. ``read`` is the same
call without the cache (admin tables, which must be current), ``deferred`` the same call made
later on click; ``view`` builds a page's view (``views.*.build``) once for everyone who asks for
the same data with the same filters. Filters are always clamped to the logged-in account's
kecamatan scope (``Filters.scoped``; the account is read from the session state, ``ui.session.USER``). Only
module-level functions of ``data_access`` are run. A database that is down raises
``DataUnavailable``, which the entry point turns into a clear Indonesian message.
"""
from __future__ import annotations

import datetime as dt
import logging
import pickle
import sys
import threading
import time
from collections import OrderedDict
from decimal import Decimal

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


def _module_function(fn) -> tuple[str, bool]:
    """``fn``'s "module.name" and whether ``fn`` is the very object of that name in its module (a
    module-level function: no lambda, no partial, nothing that only claims a module): the cache keys
    of queries and views name the code that made the cached object."""
    module_name, name = getattr(fn, "__module__", None) or "?", getattr(fn, "__qualname__", "?")
    return f"{module_name}.{name}", getattr(sys.modules.get(module_name), name, None) is fn


def _check(fn) -> str:
    """The cache key of ``fn`` ("module.name"), after checking that it is a module-level function
    of ``data_access`` (only those run SQL for a page: no lambda, no function of another package)."""
    key, module_level = _module_function(fn)
    if not key.startswith(_ALLOWED_PREFIX) or not module_level:
        raise ValueError(f"not a data_access function: {key}")
    return key


def _call(conn, fn, filters: Filters | None, kwargs: dict):
    return fn(conn, **kwargs) if filters is None else fn(conn, filters, **kwargs)


MAX_RESULTS = 2000  # cached query results (all buckets, databases and functions together)
_IMMUTABLE = (type(None), bool, int, float, str, bytes, dt.date, dt.datetime, dt.time, Decimal)
_results: OrderedDict[object, tuple[bool, object]] = OrderedDict()  # entry -> (pickled?, result)
_results_lock = threading.Lock()
_results_bucket: list[int] = [0]


def _query(fn, filters: Filters | None, kwargs: tuple):
    with read_engine().connect() as conn:
        return _call(conn, fn, filters, dict(kwargs))


def _cached(key: str, fn, filters: Filters | None, kwargs: tuple, url: str, bucket: int):
    """One entry per ``key`` (the function's "module.name"), arguments and database ``url``.
    ``bucket`` (clock // TTL) makes every entry expire together at each TTL boundary, so a new
    import shows on every page after the same interval (a TTL per entry expires them one by one).

    Each caller gets its own copy of a table (it is kept pickled, as ``st.cache_data`` kept it);
    a date or a number is handed out as it is. This is ``st.cache_data`` without what it cost on
    every call: hashing the filters through Streamlit's hasher and reading the function's
    signature, ~0.3 ms a call and ~30 calls a run (issue 20)."""
    entry: object = (key, filters, kwargs, url, bucket)
    try:
        hash(entry)
    except TypeError:  # an argument that is a list or a dict: its pickled form names it
        entry = pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL)
    with _results_lock:
        if bucket != _results_bucket[0]:  # a new interval: every entry of the last one is stale
            _results.clear()
            _results_bucket[0] = bucket
        kept = _results.get(entry)
        if kept is not None:
            _results.move_to_end(entry)
    if kept is None:
        result = _query(fn, filters, kwargs)
        kept = (False, result) if isinstance(result, _IMMUTABLE) else \
            (True, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
        with _results_lock:
            if bucket == _results_bucket[0]:
                _results[entry] = kept
                while len(_results) > MAX_RESULTS:
                    _results.popitem(last=False)
    pickled, value = kept
    return pickle.loads(value) if pickled else value


def user_scope() -> tuple[str, ...] | None:
    """The kecamatan scope of this session's logged-in account (None: nobody logged in; empty:
    every kecamatan), read from the session state that the login keeps (``ui.session.USER``)."""
    user = st.session_state.get(session.USER)
    return None if user is None else user.kecamatan_scope


def scoped(filters: Filters | None, user=None) -> Filters | None:
    """``filters`` clamped to the kecamatan scope of ``user`` (default: this session's account);
    see ``Filters.scoped``. ``user`` is given for work done outside the script run (a download)."""
    if filters is None:
        return None
    return filters.scoped(user.kecamatan_scope if user is not None else user_scope())


def load(fn, filters: Filters | None = None, **kwargs):
    """Call a ``data_access`` read function through the cache. ``fn(conn, filters, **kwargs)``, or
    ``fn(conn, **kwargs)`` when ``filters`` is None. Filters are clamped to the user's scope."""
    key = _check(fn)
    filters = scoped(filters)
    try:
        return _cached(key, fn, filters, tuple(sorted(kwargs.items())), read_only_url(), int(_clock() // TTL))
    except OUTAGE_ERRORS as exc:
        log.warning("query %s failed: %s", key, exc)
        raise DataUnavailable(str(exc)) from exc


def _builder_key(build) -> str:
    """The cache key of a view builder ("module.name"), which must be a module-level function."""
    key, module_level = _module_function(build)
    if not module_level:
        raise ValueError(f"not a module-level view builder: {key}")
    return key


@st.cache_resource(ttl=TTL, show_spinner=False, max_entries=500)
def _view(key: str, _build, filters: Filters | None, kwargs: tuple, url: str, bucket: int):
    # A view of the same data (url, bucket: the query cache's TTL interval, so a new import shows in
    # the views and the queries together) and the same filters AFTER the scope clamp is the same for
    # every user, so it is built once and shared as it is (cache_resource: no pickling, no copy).
    # Everything else that changes a view's content is in ``kwargs`` (e.g. personal-data flags).
    return _build(load, filters, **dict(kwargs))


def view(build, filters: Filters | None, **kwargs):
    """``build(load, filters, **kwargs)`` (a page's view, the data-quality report) through a cache
    shared by every session: what took a quarter of the server's CPU per page view is built once per
    TTL interval and filters. ``filters`` are clamped to the user's scope first (``scoped``), so two
    users share a view only when they may both see all of it; anything else the output depends on
    must be passed in ``kwargs`` (hashable). The returned object is SHARED: never change it (a
    chart is stamped on a copy, ``ui.components.chart``)."""
    key = _builder_key(build)
    filters = scoped(filters)
    try:
        return _view(key, build, filters, tuple(sorted(kwargs.items())), read_only_url(), int(_clock() // TTL))
    except OUTAGE_ERRORS as exc:
        log.warning("view %s failed: %s", key, exc)
        raise DataUnavailable(str(exc)) from exc


def read(fn, filters: Filters | None = None, **kwargs):
    """``load`` without the cache: read now, through the read-only engine. For what must be current
    when drawn, whichever process changed it: the accounts and audit log (an admin checks what just
    happened), the import page's data stamp and import history (the verdict on an upload is for the
    data as it is now)."""
    key = _check(fn)
    filters = scoped(filters)
    try:
        with read_engine().connect() as conn:
            return _call(conn, fn, filters, kwargs)
    except OUTAGE_ERRORS as exc:
        log.warning("query %s failed: %s", key, exc)
        raise DataUnavailable(str(exc)) from exc


def deferred(fn, filters: Filters | None = None, **kwargs):
    """A zero-argument callable that reads ``fn`` later, e.g. the whole list behind a table when its
    download is clicked (Streamlit runs that on a worker thread with no session). The read engine and
    the user's scope (``scoped``) are taken now, in the script run; the result is not cached. Before
    reading it checks that the session is still valid and the account active (``session.guard``)."""
    _check(fn)
    check = session.guard(engine())
    reader = read_engine()
    filters = scoped(filters)

    def read_later():
        check()
        with reader.connect() as conn:
            return _call(conn, fn, filters, kwargs)
    return read_later


def clear() -> None:
    """Drop cached query results and the views built from them (after an import, so new rows show
    at once)."""
    with _results_lock:
        _results.clear()
    _view.clear()


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
