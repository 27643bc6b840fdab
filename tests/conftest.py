"""Database fixtures: every data test runs on SQLite and, when PANTAU_TEST_POSTGRES_URL names a
PostgreSQL server (an admin URL such as postgresql+psycopg://postgres@127.0.0.1:5432/postgres),
on PostgreSQL too. Without it the PostgreSQL variants are skipped with that reason; CI sets
PANTAU_REQUIRE_POSTGRES=1, which turns such a skip into a failure.
"""
from __future__ import annotations

import os
import shutil
import uuid

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from data_access import demo, schema, wilayah
from data_access.engine import make_engine
from data_access.migrate import upgrade

# Fixtures shared by several test modules, asked for by name (never imported from a test module).
pytest_plugins = ["tests.fixtures_queries"]

PG_ADMIN_URL = os.environ.get("PANTAU_TEST_POSTGRES_URL")
REQUIRE_PG = os.environ.get("PANTAU_REQUIRE_POSTGRES") == "1"
ENGINES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def _skip_or_fail_pg():
    reason = "PostgreSQL tests need PANTAU_TEST_POSTGRES_URL (an admin URL of a PostgreSQL server)"
    if REQUIRE_PG:
        pytest.fail(reason + "; PANTAU_REQUIRE_POSTGRES=1 forbids skipping them")
    pytest.skip(reason)


class PgServer:
    """Creates throw-away databases on the test server and drops them at the end."""

    def __init__(self, admin_url: str):
        self.admin = make_engine(admin_url, isolation_level="AUTOCOMMIT")
        self.base = make_url(admin_url)
        self.created: list[str] = []

    def new_database(self) -> Engine:
        name = f"pantau_test_{uuid.uuid4().hex[:10]}"
        with self.admin.connect() as c:
            c.execute(text(f'CREATE DATABASE "{name}"'))
        self.created.append(name)
        return make_engine(self.base.set(database=name).render_as_string(hide_password=False))

    def drop_all(self):
        with self.admin.connect() as c:
            for name in self.created:
                c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self.admin.dispose()


@pytest.fixture(scope="session")
def pg_server():
    if not PG_ADMIN_URL:
        yield None
        return
    server = PgServer(PG_ADMIN_URL)
    yield server
    server.drop_all()


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory):
    """A migrated SQLite file with the areas, copied for each test (faster than migrating)."""
    path = tmp_path_factory.mktemp("template") / "empty.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    wilayah.load_areas(engine)
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def _pg_template(pg_server):
    if pg_server is None:
        return None
    engine = pg_server.new_database()
    upgrade(engine)
    wilayah.load_areas(engine)
    engine.dispose()
    return pg_server.created[-1]


def _fresh_engine(kind, tmp_path, sqlite_template, pg_server, pg_template) -> Engine:
    if kind == "sqlite":
        path = tmp_path / f"{uuid.uuid4().hex[:8]}.db"
        shutil.copy(sqlite_template, path)
        return make_engine(f"sqlite:///{path}")
    if pg_server is None:
        _skip_or_fail_pg()
    name = f"pantau_test_{uuid.uuid4().hex[:10]}"
    with pg_server.admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{pg_template}"'))
    pg_server.created.append(name)
    return make_engine(pg_server.base.set(database=name).render_as_string(hide_password=False))


@pytest.fixture(params=ENGINES)
def db(request, tmp_path, _sqlite_template, pg_server, _pg_template) -> Engine:
    """An empty, migrated database holding only the areas of Bangka Selatan (fresh per test)."""
    engine = _fresh_engine(request.param, tmp_path, _sqlite_template, pg_server, _pg_template)
    yield engine
    engine.dispose()


@pytest.fixture
def db_factory(tmp_path, _sqlite_template, pg_server, _pg_template):
    """Make more fresh databases of a given kind inside one test: ``db_factory("sqlite")``."""
    made = []

    def make(kind: str = "sqlite") -> Engine:
        engine = _fresh_engine(kind, tmp_path, _sqlite_template, pg_server, _pg_template)
        made.append(engine)
        return engine

    yield make
    for engine in made:
        engine.dispose()


@pytest.fixture(scope="session")
def _demo_sqlite(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    engine = make_engine(f"sqlite:///{path}")
    demo.generate(engine)
    return engine


@pytest.fixture(scope="session")
def _demo_pg(pg_server):
    if pg_server is None:
        return None
    engine = pg_server.new_database()
    demo.generate(engine)
    return engine


@pytest.fixture(params=ENGINES)
def demo_db(request, _demo_sqlite, _demo_pg) -> Engine:
    """The demo database (generated once per session per engine). Read-only use, please."""
    if request.param == "sqlite":
        return _demo_sqlite
    if _demo_pg is None:
        _skip_or_fail_pg()
    return _demo_pg


@pytest.fixture
def demo_pair(_demo_sqlite, _demo_pg):
    """The demo database on both engines, for SQLite/PostgreSQL parity tests."""
    if _demo_pg is None:
        _skip_or_fail_pg()
    return _demo_sqlite, _demo_pg


def table_checksums(engine: Engine) -> dict[str, str]:
    """A checksum of every table's full contents (for "nothing was written" assertions)."""
    import hashlib

    from sqlalchemy import select

    out = {}
    with engine.connect() as conn:
        for table in schema.Base.metadata.sorted_tables:
            rows = conn.execute(select(table).order_by(*table.primary_key.columns)).fetchall()
            out[table.name] = hashlib.sha256(repr([tuple(r) for r in rows]).encode()).hexdigest()
    return out


@pytest.fixture
def pantau_config(monkeypatch, tmp_path):
    """Run with settings read from a config file, as an office would change them:
    ``pantau_config(cases={"decision_days": 1})`` writes a copy of config/pantau.toml with those
    values changed, points PANTAU_CONFIG at it and clears ``config.get``'s cache (read once per
    process); the cache is cleared again afterwards, so later tests read the default file."""
    import re

    import config

    def use(**sections: dict) -> None:
        lines, section, changed = [], None, set()
        for line in config.DEFAULT_PATH.read_text(encoding="utf-8").splitlines():
            header = re.match(r"\s*\[([^\]]+)\]", line)
            if header:
                section = header.group(1).strip()
            key = re.match(r"\s*([A-Za-z_]+)\s*=", line)
            if key and key.group(1) in sections.get(section, {}):
                value = sections[section][key.group(1)]
                written = str(value).lower() if isinstance(value, bool) else repr(value)  # TOML: true/false
                line = f"{key.group(1)} = {written}"
                changed.add((section, key.group(1)))
            lines.append(line)
        # a misspelt key would silently leave the default in force
        assert changed == {(s, k) for s, values in sections.items() for k in values}, changed
        path = tmp_path / "pantau.toml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        monkeypatch.setenv("PANTAU_CONFIG", str(path))
        config.get.cache_clear()

    yield use
    config.get.cache_clear()
