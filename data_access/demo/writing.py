"""Writing the demo data: the whole regency in one transaction (``generate``), the demo marker and
summary tables (``finish``), and the documented demo accounts (``create_demo_accounts``).
"""
from __future__ import annotations

from sqlalchemy import Engine, delete, insert, select

from data_access import rollup, schema, users, wilayah
from data_access.demo.rows import DEFAULT_SEED, build
from data_access.demo.safety import DEMO_ACCOUNTS, clear_or_refuse, is_demo_account, refuse_production
from data_access.migrate import upgrade

INSERT_ORDER = ("election", "paslon", "tps", "formulir_c", "campaign_activity", "supervision_report",
                "violation_case", "case_status")
TABLES = {t.name: t for t in schema.Base.metadata.sorted_tables}


def generate(engine: Engine, seed: int = DEFAULT_SEED, *, replace: bool = False, force: bool = False) -> dict[str, int]:
    """Write the demo data (and the areas) into ``engine`` in one transaction. With ``replace``,
    existing data rows are deleted first (never accounts, the audit log or the import log);
    otherwise the database must have no election yet. Unless ``force``, a database that looks like
    production (``production_signs``) is refused with ``DemoRefused``."""
    upgrade(engine)
    rows = build(seed)
    with engine.begin() as conn:
        if not force:
            refuse_production(conn)
        clear_or_refuse(conn, replace)
        if conn.execute(select(schema.Kecamatan.kode).limit(1)).first() is None:
            wilayah.load_areas(conn)
        for name in INSERT_ORDER:
            conn.execute(insert(TABLES[name]), rows[name])
        finish(conn, str(seed))
    create_demo_accounts(engine)
    return {name: len(rows[name]) for name in INSERT_ORDER}


def finish(conn, marker: str) -> None:
    """Mark the database as demo data (``marker``), build the summary tables (``data_access.rollup``)
    and, on PostgreSQL, move the id sequences past the explicit ids the generator wrote."""
    conn.execute(delete(schema.Meta).where(schema.Meta.key == "demo"))
    conn.execute(insert(schema.Meta), [{"key": "demo", "value": marker}])
    rollup.refresh(conn)
    if conn.dialect.name == "postgresql":
        for name in INSERT_ORDER:
            if "id" in TABLES[name].c:
                conn.exec_driver_sql(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                                     f"COALESCE((SELECT MAX(id) FROM {name}), 1))")


def create_demo_accounts(engine: Engine) -> None:
    """Add the documented demo accounts that are missing, but none at all to a database that holds
    a real account (``production_signs``): its users must not gain publicly known passwords."""
    with engine.connect() as conn:
        existing = {name: hashed for name, hashed in conn.execute(
            select(schema.AppUser.username, schema.AppUser.password_hash))}
    if any(not is_demo_account(name, hashed) for name, hashed in existing.items()):
        return
    for username, full_name, role, password, scope in DEMO_ACCOUNTS:
        if username not in existing:
            users.create_user(engine, username, full_name, role, password, scope, by="demo")
