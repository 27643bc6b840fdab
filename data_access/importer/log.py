"""The import log: one ``import_log`` row per attempt (written by ``core``), and the newest rows
for the Impor Data page."""
from __future__ import annotations

import datetime as dt
import json

import pandas as pd
from sqlalchemy import Connection, insert, select

from data_access import schema
from data_access.importer.result import ImportResult
from texts import importer as msg


def log_attempt(conn: Connection, result: ImportResult, username: str, now: dt.datetime) -> int:
    problems = [p.as_dict() for p in result.problems] if not result.ok else None
    rows = {name: counts for name, counts in result.counts.items()}
    stmt = insert(schema.ImportLog).returning(schema.ImportLog.id)
    return conn.execute(stmt, {
        "imported_at": now, "username": (username or msg.UNKNOWN_USER)[:100], "file_name": result.file_name[-255:],
        "sha256": result.sha256, "rows": json.dumps(rows, sort_keys=True), "result": result.verdict,
        "problems": json.dumps(problems, ensure_ascii=False) if problems is not None else None,
    }).scalar_one()


def recent_imports(conn: Connection, limit: int = 20) -> pd.DataFrame:
    """The newest import attempts with rows per dataset summarised in words (reads only: takes a
    connection, like every read function)."""
    L = schema.ImportLog
    rows = conn.execute(select(L.imported_at, L.username, L.file_name, L.result, L.rows, L.problems, L.sha256)
                        .order_by(L.id.desc()).limit(limit)).fetchall()
    out = []
    for r in rows:
        counts = json.loads(r.rows or "{}")
        summary = "; ".join(msg.COUNTS_SUMMARY.format(dataset=name, baru=c.get("baru", 0), berubah=c.get("berubah", 0),
                                                      sama=c.get("sama", 0)) for name, c in counts.items())
        n_problems = len(json.loads(r.problems)) if r.problems else 0
        out.append({"waktu_utc": r.imported_at, "pengguna": r.username, "berkas": r.file_name, "hasil": r.result,
                    "baris": summary, "masalah": n_problems, "sha256": r.sha256})
    return pd.DataFrame(out, columns=["waktu_utc", "pengguna", "berkas", "hasil", "baris", "masalah", "sha256"])
