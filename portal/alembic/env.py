"""Alembic environment: the core is the base revision, each plugin keeps its own version folder."""
from alembic import context
from sqlalchemy import engine_from_config, pool

from portal.models import metadata

config = context.config

# Tables the PostgreSQL search backend writes with its own SQL (portal/search/postgres.py): made by
# the migrations, with no ORM model, so `alembic check` must not take them for tables to drop.
WITHOUT_MODEL = {"search_documents", "search_state", "search_log"}


def include_object(obj, name, type_, reflected, compare_to):
    table = name if type_ == "table" else getattr(getattr(obj, "table", None), "name", None)
    return not (reflected and table in WITHOUT_MODEL)


def run_migrations_offline():
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=metadata,
                      literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online():
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = engine_from_config({"sqlalchemy.url": config.get_main_option("sqlalchemy.url")},
                                prefix="sqlalchemy.", poolclass=pool.NullPool)
    with engine.connect() as connection:
        _run(connection)


def _run(connection):
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True,
                      compare_type=True, include_object=include_object)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
