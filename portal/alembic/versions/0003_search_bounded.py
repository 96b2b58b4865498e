"""core: PostgreSQL search documents get a number and a narrow row, and the index a generation

The search reads only the number of each matching row (long rows' text and tsvector move out of the
row: toast_tuple_target), filters, counts and checks access in the application from a copy kept per
generation, and ranks a bounded window of matches.
"""
from alembic import op

revision, down_revision = "0003_search_bounded", "0002_outbox_parts"


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    # a row longer than PostgreSQL's threshold (about 2 KB: most experiences) is cut to about 200 bytes:
    # the text, tsvector and facets go to the TOAST table, what a match reads stays in the row. Set before
    # the new column, whose default rewrites every row.
    op.execute("ALTER TABLE search_documents SET (toast_tuple_target = 128)")
    op.execute("ALTER TABLE search_documents " + ", ".join(
        f"ALTER COLUMN {column} SET STORAGE MAIN" for column in ("key", "type", "language", "year", "region", "allowed")))
    op.execute("ALTER TABLE search_documents ADD COLUMN doc bigserial")
    op.execute("CREATE UNIQUE INDEX ix_search_documents_doc ON search_documents (doc)")
    op.execute("DROP INDEX IF EXISTS ix_search_documents_facets")  # facets are filtered in the application
    op.execute("CREATE TABLE search_state (generation bigint NOT NULL)")
    op.execute("INSERT INTO search_state (generation) VALUES (0)")


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TABLE search_state")
    op.execute("CREATE INDEX ix_search_documents_facets ON search_documents USING gin (facets)")
    op.execute("ALTER TABLE search_documents RESET (toast_tuple_target)")
    op.execute("ALTER TABLE search_documents DROP COLUMN doc")
