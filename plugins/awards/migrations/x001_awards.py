"""awards: calls, entries and their documents, jurors, reviews"""
import sqlalchemy as sa
from alembic import op

revision = "x001_awards"
down_revision = None
branch_labels = ("awards",)
depends_on = "x001_experiences"


def upgrade():
    op.create_table(
        "award_calls",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("edition", sa.String(60), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("rules", sa.Text(), nullable=False),
        sa.Column("eligibility", sa.Text(), nullable=False),
        sa.Column("categories", sa.JSON(), nullable=False),
        sa.Column("criteria", sa.JSON(), nullable=False),
        sa.Column("questions", sa.JSON(), nullable=False),
        sa.Column("timezone", sa.String(60), nullable=False),
        sa.Column("opens", sa.DateTime(), nullable=False),
        sa.Column("closes", sa.DateTime(), nullable=False),
        sa.Column("evaluation_closes", sa.DateTime(), nullable=False),
        sa.Column("results_date", sa.DateTime(), nullable=False),
        sa.Column("reviews_per_entry", sa.Integer(), nullable=False),
        sa.Column("blind", sa.Boolean(), nullable=False),
        sa.Column("max_entries_per_member", sa.Integer(), nullable=False),
        sa.Column("normalise", sa.Boolean(), nullable=False),
        sa.Column("assigned", sa.DateTime(), nullable=True),
        sa.Column("results_sent", sa.DateTime(), nullable=True),
        sa.Column("created", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_award_calls_results_date", "award_calls", ["results_date"])
    op.create_table(
        "award_entries",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("call_id", sa.Integer(), sa.ForeignKey("award_calls.id", ondelete="CASCADE",
                                                          name="fk_award_entries_call_id_award_calls"), nullable=False),
        sa.Column("member_id", sa.Integer(), sa.ForeignKey("members.id", ondelete="CASCADE",
                                                            name="fk_award_entries_member_id_members"), nullable=False),
        sa.Column("experience_id", sa.Integer(), sa.ForeignKey("experiences.id", ondelete="SET NULL",
                                                                name="fk_award_entries_experience_id_experiences"),
                  nullable=True),
        sa.Column("submitter_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="SET NULL",
                                                               name="fk_award_entries_submitter_id_users"), nullable=True),
        sa.Column("category", sa.String(60), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("submitted", sa.DateTime(), nullable=True),
        sa.Column("eligible", sa.Boolean(), nullable=True),
        sa.Column("eligibility_reason", sa.Text(), nullable=False),
        sa.Column("outcome", sa.String(20), nullable=True),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("modified", sa.DateTime(), nullable=False),
    )
    for col in ("call_id", "member_id", "experience_id"):
        op.create_index(f"ix_award_entries_{col}", "award_entries", [col])
    op.create_table(
        "award_entry_documents",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("entry_id", sa.Integer(), sa.ForeignKey("award_entries.id", ondelete="CASCADE",
                                                           name="fk_award_entry_documents_entry_id_award_entries"),
                  nullable=False),
        sa.Column("file_id", sa.Integer(), sa.ForeignKey("files.id", ondelete="CASCADE",
                                                          name="fk_award_entry_documents_file_id_files"), nullable=False),
    )
    op.create_index("ix_award_entry_documents_entry_id", "award_entry_documents", ["entry_id"])
    op.create_table(
        "award_jurors",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("call_id", sa.Integer(), sa.ForeignKey("award_calls.id", ondelete="CASCADE",
                                                          name="fk_award_jurors_call_id_award_calls"), nullable=False),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE",
                                                          name="fk_award_jurors_user_id_users"), nullable=False),
        sa.Column("country", sa.String(2), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("call_id", "user_id", name="uq_award_jurors_call_id"),
    )
    op.create_index("ix_award_jurors_call_id", "award_jurors", ["call_id"])
    op.create_index("ix_award_jurors_user_id", "award_jurors", ["user_id"])
    op.create_table(
        "award_reviews",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("entry_id", sa.Integer(), sa.ForeignKey("award_entries.id", ondelete="CASCADE",
                                                           name="fk_award_reviews_entry_id_award_entries"), nullable=False),
        sa.Column("juror_id", sa.Integer(), sa.ForeignKey("award_jurors.id", ondelete="CASCADE",
                                                           name="fk_award_reviews_juror_id_award_jurors"), nullable=False),
        sa.Column("scores", sa.JSON(), nullable=False),
        sa.Column("comments", sa.JSON(), nullable=False),
        sa.Column("done", sa.DateTime(), nullable=True),
        sa.Column("conflict", sa.Boolean(), nullable=False),
        sa.Column("conflict_reason", sa.Text(), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("entry_id", "juror_id", name="uq_award_reviews_entry_id"),
    )
    op.create_index("ix_award_reviews_entry_id", "award_reviews", ["entry_id"])
    op.create_index("ix_award_reviews_juror_id", "award_reviews", ["juror_id"])


def downgrade():
    for name in ("award_reviews", "award_jurors", "award_entry_documents", "award_entries", "award_calls"):
        op.drop_table(name)
