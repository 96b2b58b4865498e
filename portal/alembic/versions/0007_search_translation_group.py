"""core: PostgreSQL search documents keep their translation group, so a search shows an item once

The language versions of one item share a group; a document written before has none and is an item
of its own until `portal reindex --check` writes it again (its fingerprint now includes the group).
"""
from alembic import op

revision, down_revision = "0007_search_translation_group", "0006_task_runs"


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE search_documents ADD COLUMN translation_group varchar(100)")


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE search_documents DROP COLUMN translation_group")
