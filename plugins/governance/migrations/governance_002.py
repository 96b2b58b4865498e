"""governance: the yearly work plans (their actions are the core's action trees) and the presidency calls"""
import sqlalchemy as sa
from alembic import op

revision = "governance_002"
down_revision = None
branch_labels = ("governance",)
depends_on = "0001_core"


def upgrade():
    op.create_table(
        "governance_work_plans",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("published", sa.Boolean(), nullable=False),
        sa.Column("approved_on", sa.Date(), nullable=True),
        sa.Column("approved_by", sa.String(300), nullable=False),
        sa.Column("motion_id", sa.Integer(), nullable=True),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("year", name="uq_governance_work_plans_year"),
    )
    upgrade_presidency()


def downgrade():
    op.drop_table("governance_candidacy_documents")
    op.drop_table("governance_candidacies")
    op.drop_table("governance_presidency_calls")
    op.drop_table("governance_work_plans")


def upgrade_presidency():
    op.create_table(
        "governance_presidency_calls",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("conditions", sa.Text(), nullable=False),
        sa.Column("opens", sa.Date(), nullable=False),
        sa.Column("closes", sa.Date(), nullable=False),
        sa.Column("published", sa.Boolean(), nullable=False),
        sa.Column("vote_id", sa.Integer(), nullable=True),
        sa.Column("result_note", sa.Text(), nullable=False),
        sa.Column("announced", sa.DateTime(), nullable=True),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("translations", sa.JSON(), nullable=True),
        sa.UniqueConstraint("year", name="uq_governance_presidency_calls_year"),
    )
    op.create_table(
        "governance_candidacies",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("call_id", sa.Integer(), sa.ForeignKey(
            "governance_presidency_calls.id", ondelete="CASCADE",
            name="fk_governance_candidacies_call_id_governance_presidency_calls"), nullable=False),
        sa.Column("member_id", sa.Integer(), sa.ForeignKey(
            "members.id", ondelete="CASCADE", name="fk_governance_candidacies_member_id_members"), nullable=False),
        sa.Column("submitted_by", sa.Integer(), sa.ForeignKey(
            "users.id", ondelete="SET NULL", name="fk_governance_candidacies_submitted_by_users"), nullable=True),
        sa.Column("statement", sa.Text(), nullable=False),
        sa.Column("programme", sa.Text(), nullable=False),
        sa.Column("eligibility", sa.String(12), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("checked_by", sa.Integer(), sa.ForeignKey(
            "users.id", ondelete="SET NULL", name="fk_governance_candidacies_checked_by_users"), nullable=True),
        sa.Column("checked", sa.DateTime(), nullable=True),
        sa.Column("elected", sa.Boolean(), nullable=False),
        sa.Column("submitted", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("call_id", "member_id", name="uq_governance_candidacies_call_id"),
    )
    op.create_index("ix_governance_candidacies_call_id", "governance_candidacies", ["call_id"])
    op.create_table(
        "governance_candidacy_documents",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("candidacy_id", sa.Integer(), sa.ForeignKey(
            "governance_candidacies.id", ondelete="CASCADE",
            name="fk_governance_candidacy_documents_candidacy_id_governance_candidacies"), nullable=False),
        sa.Column("file_id", sa.Integer(), sa.ForeignKey(
            "files.id", ondelete="CASCADE", name="fk_governance_candidacy_documents_file_id_files"), nullable=False),
    )
    op.create_index("ix_governance_candidacy_documents_candidacy_id", "governance_candidacy_documents",
                    ["candidacy_id"])
