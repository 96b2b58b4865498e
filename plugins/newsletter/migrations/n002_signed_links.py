"""newsletter: personal links are signed, the database keeps only their key (and the hash of older links)"""
import hashlib
import secrets

import sqlalchemy as sa
from alembic import op

revision, down_revision = "newsletter002", "newsletter001"


def upgrade():
    with op.batch_alter_table("newsletter_subscribers") as batch:
        batch.add_column(sa.Column("link_key", sa.String(32), nullable=True))
        batch.add_column(sa.Column("old_link_hash", sa.String(64), nullable=True))
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, token FROM newsletter_subscribers")).all()
    if rows:
        conn.execute(sa.text("UPDATE newsletter_subscribers SET link_key = :key, old_link_hash = :old WHERE id = :id"),
                     [{"id": id_, "key": secrets.token_urlsafe(16), "old": hashlib.sha256(token.encode()).hexdigest()}
                      for id_, token in rows])
    with op.batch_alter_table("newsletter_subscribers") as batch:
        batch.drop_constraint("uq_newsletter_subscribers_token", type_="unique")
        batch.drop_column("token")
        batch.alter_column("link_key", existing_type=sa.String(32), nullable=False)
        batch.create_unique_constraint("uq_newsletter_subscribers_link_key", ["link_key"])
        batch.create_unique_constraint("uq_newsletter_subscribers_old_link_hash", ["old_link_hash"])


def downgrade():
    # The personal links cannot come back (only hashes were kept): every subscriber gets a new one.
    with op.batch_alter_table("newsletter_subscribers") as batch:
        batch.add_column(sa.Column("token", sa.String(64), nullable=True))
    conn = op.get_bind()
    ids = conn.execute(sa.text("SELECT id FROM newsletter_subscribers")).scalars().all()
    if ids:
        conn.execute(sa.text("UPDATE newsletter_subscribers SET token = :token WHERE id = :id"),
                     [{"id": id_, "token": secrets.token_urlsafe(32)} for id_ in ids])
    with op.batch_alter_table("newsletter_subscribers") as batch:
        batch.drop_constraint("uq_newsletter_subscribers_old_link_hash", type_="unique")
        batch.drop_constraint("uq_newsletter_subscribers_link_key", type_="unique")
        batch.drop_column("old_link_hash")
        batch.drop_column("link_key")
        batch.alter_column("token", existing_type=sa.String(64), nullable=False)
        batch.create_unique_constraint("uq_newsletter_subscribers_token", ["token"])
