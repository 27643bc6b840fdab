"""The only place where SQLite and PostgreSQL SQL differ: date bucketing, date arithmetic and
the number of bound parameters one statement may carry.

Each construct compiles per dialect so every query is written once.
"""
from __future__ import annotations

from sqlalchemy import Connection, Date, Engine, Integer, Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


class week_start(FunctionElement):
    """Monday of the ISO week of a date."""

    type = Date()
    inherit_cache = True
    name = "week_start"


@compiles(week_start, "postgresql")
def _week_start_pg(element, compiler, **kw):
    day = compiler.process(element.clauses, **kw)
    return f"CAST(date_trunc('week', {day}) AS DATE)"


@compiles(week_start, "sqlite")
def _week_start_sqlite(element, compiler, **kw):
    # 'weekday 0' moves to the next Sunday (or stays on a Sunday); 6 days back is that week's Monday.
    day = compiler.process(element.clauses, **kw)
    return f"date({day}, 'weekday 0', '-6 days')"


class days_between(FunctionElement):
    """Whole days from the first date to the second (second - first)."""

    type = Integer()
    inherit_cache = True
    name = "days_between"


@compiles(days_between, "postgresql")
def _days_between_pg(element, compiler, **kw):
    first, second = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"(CAST({second} AS DATE) - CAST({first} AS DATE))"


@compiles(days_between, "sqlite")
def _days_between_sqlite(element, compiler, **kw):
    first, second = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"CAST(julianday({second}) - julianday({first}) AS INTEGER)"


# SQLite takes at most 32,766 bound parameters in one statement; long IN lists go in chunks.
IN_CHUNK = 10_000


def distinct_in(conn: Connection, stmt, column, values: list) -> set:
    """Distinct first-column values of ``stmt`` where ``column`` is in ``values``, asked in chunks of
    ``IN_CHUNK`` (any length of ``values`` on every engine)."""
    found: set = set()
    for i in range(0, len(values), IN_CHUNK):
        found |= set(conn.execute(stmt.where(column.in_(values[i:i + IN_CHUNK])).distinct()).scalars())
    return found


def upsert(bind: Engine | Connection, table: Table):
    """``INSERT`` of the bind's dialect, which has ``on_conflict_do_update``/``_do_nothing`` (the
    same call on SQLite and PostgreSQL): one atomic statement to insert a row or change the one there."""
    return (postgresql.insert if bind.dialect.name == "postgresql" else sqlite.insert)(table)
