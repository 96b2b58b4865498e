"""crowdfunding: pledges in the name of a member organisation (their commitments), invoices and the
invoice numbers' counters per year"""
import sqlalchemy as sa
from alembic import op

revision = "crowdfunding_004"
down_revision = "crowdfunding_003"


def upgrade():
    op.create_table(
        "crowd_commitments",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("pledge_id", sa.Integer(), sa.ForeignKey("crowd_pledges.id", ondelete="CASCADE",
                                                           name="fk_crowd_commitments_pledge_id_crowd_pledges"),
                  nullable=False),
        sa.Column("member_id", sa.Integer(), sa.ForeignKey("members.id", ondelete="SET NULL",
                                                           name="fk_crowd_commitments_member_id_members"),
                  nullable=True),
        sa.Column("organisation", sa.String(200), nullable=False),
        sa.Column("signatory", sa.String(200), nullable=False),
        sa.Column("signatory_role", sa.String(200), nullable=False),
        sa.Column("signed_file_id", sa.Integer(), sa.ForeignKey("files.id", ondelete="SET NULL",
                                                                name="fk_crowd_commitments_signed_file_id_files"),
                  nullable=True),
        sa.Column("signed", sa.DateTime(), nullable=True),
        sa.UniqueConstraint("pledge_id", name="uq_crowd_commitments_pledge_id"),
    )
    op.create_index("ix_crowd_commitments_member_id", "crowd_commitments", ["member_id"])
    op.create_table(
        "crowd_invoices",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("pledge_id", sa.Integer(), sa.ForeignKey("crowd_pledges.id", ondelete="SET NULL",
                                                           name="fk_crowd_invoices_pledge_id_crowd_pledges"),
                  nullable=True),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("issued", sa.DateTime(), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("organisation", sa.String(200), nullable=False),
        sa.UniqueConstraint("pledge_id", name="uq_crowd_invoices_pledge_id"),
        sa.UniqueConstraint("year", "number", name="uq_crowd_invoices_year"),
    )
    op.create_table(
        "crowd_invoice_counters",
        sa.Column("year", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("last", sa.Integer(), nullable=False),
    )


def downgrade():
    op.drop_table("crowd_invoice_counters")
    op.drop_table("crowd_invoices")
    op.drop_table("crowd_commitments")
