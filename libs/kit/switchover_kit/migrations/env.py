"""Alembic environment of the kit's migrations, and the template every service copies.

`Database.migrate` runs Alembic from code: it opens the connection inside a transaction that
keeps concurrent migrators apart and hands it over in `config.attributes`, together with the
version table to use. So there is no alembic.ini and no URL here. A service copying this file
may pass `target_metadata=Base.metadata` to `context.configure` to autogenerate revisions.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection


def run_migrations() -> None:
    """Applies the pending revisions on the connection `Database.migrate` provides."""
    connection: Connection = context.config.attributes["connection"]
    context.configure(
        connection=connection,
        version_table=context.config.attributes["version_table"],
        # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
