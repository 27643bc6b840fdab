"""Alembic environment: runs on the connection handed over by ``data_access.migrate.upgrade`` or,
from the ``alembic`` command line, on ``DATABASE_URL``."""
from alembic import context

from data_access import schema
from data_access.engine import make_engine

target_metadata = schema.Base.metadata


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite ALTER via table copy
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    with make_engine().begin() as conn:
        _run(conn)
