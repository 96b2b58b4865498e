"""core: notifications, follows and each person's mail frequency for them"""
import sqlalchemy as sa
from alembic import op

from portal.tables import create_table

revision, down_revision = "0011_notifications", "0010_translatable_fields"


def upgrade():
    with op.batch_alter_table("users") as batch_op:
        batch_op.add_column(sa.Column("mail_frequency", sa.String(12), nullable=False, server_default="immediately"))
    create_table("notifications",
                 "id int; user_id int; kind str(60); message json; note text; url str(500); created datetime; "
                 "read_at datetime null; mailed_at datetime null",
                 sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_notifications_user_id_users", ondelete="CASCADE"),
                 sa.PrimaryKeyConstraint("id", name="pk_notifications"))
    op.create_index("ix_notifications_user_created", "notifications", ["user_id", "created"])
    create_table("follows",
                 "id int; user_id int; target_type str(40); target_id int; created datetime",
                 sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_follows_user_id_users", ondelete="CASCADE"),
                 sa.PrimaryKeyConstraint("id", name="pk_follows"),
                 sa.UniqueConstraint("user_id", "target_type", "target_id", name="uq_follows_user_id"))
    op.create_index("ix_follows_target", "follows", ["target_type", "target_id"])


def downgrade():
    op.drop_index("ix_follows_target", table_name="follows")
    op.drop_table("follows")
    op.drop_index("ix_notifications_user_created", table_name="notifications")
    op.drop_table("notifications")
    with op.batch_alter_table("users") as batch_op:
        batch_op.drop_column("mail_frequency")
