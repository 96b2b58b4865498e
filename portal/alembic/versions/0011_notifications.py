"""core: notifications, follows and each person's mail frequency for them"""
import sqlalchemy as sa
from alembic import op

revision = "0011_notifications"
down_revision = "0010_translatable_fields"


def upgrade():
    with op.batch_alter_table("users") as batch_op:
        batch_op.add_column(sa.Column("mail_frequency", sa.String(12), nullable=False, server_default="immediately"))
    op.create_table(
        "notifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(60), nullable=False),
        sa.Column("message", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("url", sa.String(500), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("read_at", sa.DateTime(), nullable=True),
        sa.Column("mailed_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_notifications_user_id_users", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_notifications"),
    )
    op.create_index("ix_notifications_user_created", "notifications", ["user_id", "created"])
    op.create_table(
        "follows",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("target_type", sa.String(40), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_follows_user_id_users", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_follows"),
        sa.UniqueConstraint("user_id", "target_type", "target_id", name="uq_follows_user_id"),
    )
    op.create_index("ix_follows_target", "follows", ["target_type", "target_id"])


def downgrade():
    op.drop_index("ix_follows_target", table_name="follows")
    op.drop_table("follows")
    op.drop_index("ix_notifications_user_created", table_name="notifications")
    op.drop_table("notifications")
    with op.batch_alter_table("users") as batch_op:
        batch_op.drop_column("mail_frequency")
