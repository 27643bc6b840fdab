"""Read functions: ``fn(conn, filters, ...) -> small DataFrame``. Aggregation happens in SQL;
nothing here reads a whole table into pandas, writes, or knows about Streamlit.

Modules: ``reference`` (areas, elections, pairs, data time stamp), ``coverage`` (campaign
activities and supervision reports), ``cases`` (temuan/laporan), ``formulir_c``.
"""
import pandas as pd
from sqlalchemy import Connection


def frame(conn: Connection, stmt) -> pd.DataFrame:
    """Run a SELECT and return its rows as a DataFrame with the statement's column labels."""
    result = conn.execute(stmt)
    return pd.DataFrame(result.fetchall(), columns=list(result.keys()))


def nulls_last(*cols):
    """ORDER BY terms that sort NULL last on every engine (SQLite and PostgreSQL differ by default)."""
    return [c.asc().nulls_last() for c in cols]
