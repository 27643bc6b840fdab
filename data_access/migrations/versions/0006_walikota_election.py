"""walikota as an election kind beside bupati and gubernur

A city (kota) elects a wali kota; Pilkada 2024 had one in Pangkalpinang, and the national data
already holds kota. election.jenis's CHECK constraint gains 'walikota'.

On SQLite a CHECK constraint cannot be altered, and the usual table copy (batch mode) cannot drop
election while paslon, campaign_activity and violation_case rows point at it with foreign keys
enforced. Widening a CHECK leaves every stored row valid, so the definition is rewritten in place,
the procedure SQLite documents for changing CHECK constraints
(https://www.sqlite.org/lang_altertable.html#otheralter: writable_schema, bump schema_version).

Revision ID: 0006
Revises: 0005
"""
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

OLD = "jenis IN ('bupati', 'gubernur')"
NEW = "jenis IN ('bupati', 'gubernur', 'walikota')"


def _sqlite_rewrite(old: str, new: str) -> None:
    bind = op.get_bind()
    sql = bind.exec_driver_sql("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'election'").scalar()
    if new in sql:
        return
    if old not in sql:
        raise RuntimeError(f"election's CHECK on jenis is not the expected {old!r}: {sql}")
    version = bind.exec_driver_sql("PRAGMA schema_version").scalar()
    bind.exec_driver_sql("PRAGMA writable_schema = ON")
    bind.exec_driver_sql("UPDATE sqlite_master SET sql = replace(sql, ?, ?) WHERE type = 'table' AND name = 'election'",
                         (old, new))
    bind.exec_driver_sql(f"PRAGMA schema_version = {int(version) + 1}")
    bind.exec_driver_sql("PRAGMA writable_schema = OFF")


def _change(old: str, new: str) -> None:
    if op.get_bind().dialect.name == 'sqlite':
        _sqlite_rewrite(old, new)
    else:
        op.drop_constraint(op.f('ck_election_jenis'), 'election', type_='check')
        op.create_check_constraint(op.f('ck_election_jenis'), 'election', new)


def upgrade() -> None:
    _change(OLD, NEW)


def downgrade() -> None:
    # refuses (the CHECK fails on PostgreSQL) while a walikota election is stored
    if op.get_bind().dialect.name == 'sqlite':
        count = op.get_bind().exec_driver_sql("SELECT count(*) FROM election WHERE jenis = 'walikota'").scalar()
        if count:
            raise RuntimeError("walikota elections are stored; delete them before downgrading below 0006")
    _change(NEW, OLD)
