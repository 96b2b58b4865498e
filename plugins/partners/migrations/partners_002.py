"""partners: who marked an obligation done, and when; a joint activity's document (a study's)"""
import sqlalchemy as sa
from alembic import op

revision, down_revision, branch_labels, depends_on = "partners_002", "partners_001", None, None


def upgrade():
    with op.batch_alter_table("partners_obligations") as batch:
        batch.add_column(sa.Column("done_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("done_by_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_partners_obligations_done_by_id_users", "users", ["done_by_id"], ["id"],
                                 ondelete="SET NULL")
    with op.batch_alter_table("partners_activities") as batch:
        batch.add_column(sa.Column("document_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_partners_activities_document_id_files", "files", ["document_id"], ["id"],
                                 ondelete="SET NULL")


def downgrade():
    with op.batch_alter_table("partners_activities") as batch:
        batch.drop_constraint("fk_partners_activities_document_id_files", type_="foreignkey")
        batch.drop_column("document_id")
    with op.batch_alter_table("partners_obligations") as batch:
        batch.drop_constraint("fk_partners_obligations_done_by_id_users", type_="foreignkey")
        batch.drop_column("done_by_id")
        batch.drop_column("done_at")
