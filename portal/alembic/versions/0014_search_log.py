"""core: the PostgreSQL search index logs which documents each generation changed

A process's copy of every document's facets is refreshed from the documents a change wrote or deleted
(search_log) instead of being read again whole; a rebuild logs doc 0: read everything again.
"""
from alembic import op

revision, down_revision = "0014_search_log", "0013_action_trees"


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE TABLE search_log (generation bigint NOT NULL, doc bigint NOT NULL)")
    op.execute("CREATE INDEX ix_search_log_generation ON search_log (generation)")


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TABLE search_log")
