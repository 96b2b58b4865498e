"""core: the durable queue of search changes; PostgreSQL search documents keep a fingerprint

A change to an indexed item writes a row in search_queue in its own transaction; the row is deleted once
the index has the change, so a crash between commit and indexing leaves it to be applied later. The
fingerprint of each document lets `portal reindex --check` find documents that differ from the database.
"""
import sqlalchemy as sa
from alembic import op

from portal.tables import create_table

revision, down_revision = "0004_search_queue", "0003_search_bounded"


def upgrade():
    create_table("search_queue",
                 "id int; key str(100); queued datetime",
                 sa.PrimaryKeyConstraint("id", name=op.f("pk_search_queue")))
    with op.batch_alter_table("search_queue") as batch_op:
        batch_op.create_index(batch_op.f("ix_search_queue_key"), ["key"], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE search_documents ADD COLUMN fingerprint varchar(40) NOT NULL DEFAULT ''")


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE search_documents DROP COLUMN fingerprint")
    with op.batch_alter_table("search_queue") as batch_op:
        batch_op.drop_index(batch_op.f("ix_search_queue_key"))
    op.drop_table("search_queue")
