"""core: a security stamp on each account, carried by its one-time links

A new password or a new e-mail address changes the account's stamp; a reset, welcome or invitation link
issued under another stamp is refused. Accounts and links that exist keep an empty stamp until then.
"""
import sqlalchemy as sa
from alembic import op

revision, down_revision = "0005_security_stamp", "0004_search_queue"


def upgrade():
    with op.batch_alter_table("users") as batch_op:
        batch_op.add_column(sa.Column("security_stamp", sa.String(length=32), server_default="", nullable=False))
    with op.batch_alter_table("password_reset_tokens") as batch_op:
        batch_op.add_column(sa.Column("stamp", sa.String(length=32), server_default="", nullable=False))


def downgrade():
    with op.batch_alter_table("password_reset_tokens") as batch_op:
        batch_op.drop_column("stamp")
    with op.batch_alter_table("users") as batch_op:
        batch_op.drop_column("security_stamp")
