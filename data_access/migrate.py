"""The schema's migrations (Alembic, ``data_access/migrations/``) run on an engine.

Its own module so that everything that writes a fresh database (the set-up on start, the demo and
scale generators, the rollup command) can bring the schema up to date without depending on one another.
"""
from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).resolve().with_name("migrations")


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision``, by default the newest migration (creates it on an empty
    database)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
