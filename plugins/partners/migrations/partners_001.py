"""partners: partners (content items), agreements, obligations, internships, joint activities"""
import sqlalchemy as sa
from alembic import op

revision = "partners_001"
down_revision = None
branch_labels = ("partners",)
depends_on = "0001_core"


def fk(column, target, ondelete, table):
    ref = target.split(".")[0]
    return sa.ForeignKey(target, ondelete=ondelete, name=f"fk_{table}_{column}_{ref}")


def upgrade():
    t = "partners_partners"
    op.create_table(
        t,
        sa.Column("id", sa.Integer(), fk("id", "content.id", "CASCADE", t), primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("website", sa.String(500), nullable=False),
        sa.Column("country", sa.String(2), nullable=True),
        sa.Column("region", sa.String(30), nullable=True),
        sa.Column("relation", sa.Text(), nullable=False),
    )
    for col in ("kind", "country", "region"):
        op.create_index(f"ix_{t}_{col}", t, [col])
    t = "partners_agreements"
    op.create_table(
        t,
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("partner_id", sa.Integer(), fk("partner_id", "partners_partners.id", "SET NULL", t), nullable=True),
        sa.Column("member_id", sa.Integer(), fk("member_id", "members.id", "SET NULL", t), nullable=True),
        sa.Column("renews_id", sa.Integer(), fk("renews_id", "partners_agreements.id", "SET NULL", t), nullable=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("parties", sa.Text(), nullable=False),
        sa.Column("signatories", sa.Text(), nullable=False),
        sa.Column("starts", sa.Date(), nullable=False),
        sa.Column("ends", sa.Date(), nullable=True),
        sa.Column("renewal_terms", sa.Text(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("public", sa.Boolean(), nullable=False),
        sa.Column("document_id", sa.Integer(), fk("document_id", "files.id", "SET NULL", t), nullable=True),
        sa.Column("end_reminded", sa.DateTime(), nullable=True),
        sa.Column("created", sa.DateTime(), nullable=False),
    )
    for col in ("partner_id", "member_id", "renews_id", "ends", "status"):
        op.create_index(f"ix_{t}_{col}", t, [col])
    t = "partners_obligations"
    op.create_table(
        t,
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("agreement_id", sa.Integer(), fk("agreement_id", "partners_agreements.id", "CASCADE", t),
                  nullable=False),
        sa.Column("what", sa.String(500), nullable=False),
        sa.Column("due", sa.Date(), nullable=False),
        sa.Column("owner", sa.String(200), nullable=False),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.Column("reminded", sa.DateTime(), nullable=True),
    )
    op.create_index(f"ix_{t}_agreement_id", t, ["agreement_id"])
    op.create_index(f"ix_{t}_due", t, ["due"])
    t = "partners_internships"
    op.create_table(
        t,
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("agreement_id", sa.Integer(), fk("agreement_id", "partners_agreements.id", "CASCADE", t),
                  nullable=False),
        sa.Column("intern", sa.String(200), nullable=False),
        sa.Column("host_member_id", sa.Integer(), fk("host_member_id", "members.id", "SET NULL", t), nullable=True),
        sa.Column("starts", sa.Date(), nullable=False),
        sa.Column("ends", sa.Date(), nullable=False),
        sa.Column("supervisor", sa.String(200), nullable=False),
        sa.Column("subject", sa.String(500), nullable=False),
        sa.Column("report", sa.Text(), nullable=False),
        sa.Column("experience_id", sa.Integer(), fk("experience_id", "content.id", "SET NULL", t), nullable=True),
    )
    op.create_index(f"ix_{t}_agreement_id", t, ["agreement_id"])
    t = "partners_activities"
    op.create_table(
        t,
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("partner_id", sa.Integer(), fk("partner_id", "partners_partners.id", "CASCADE", t), nullable=False),
        sa.Column("resource", sa.String(40), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
    )
    op.create_index(f"ix_{t}_partner_id", t, ["partner_id"])


def downgrade():
    for t in ("partners_activities", "partners_internships", "partners_obligations", "partners_agreements",
              "partners_partners"):
        op.drop_table(t)
