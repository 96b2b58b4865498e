"""newsletter: subscribers, interests, consents, issues, their versions and items, deliveries"""
import sqlalchemy as sa
from alembic import op

revision = "newsletter001"
down_revision = None
branch_labels = ("newsletter",)
depends_on = ("0002_outbox_parts", "x001_experiences")  # the core (its outbox), and the experiences' themes


def upgrade():
    op.create_table(
        "newsletter_subscribers",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("email", sa.String(300), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("language", sa.String(5), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("token", sa.String(64), nullable=False),
        sa.Column("confirm_hash", sa.String(64), nullable=True),
        sa.Column("confirm_expires", sa.DateTime(), nullable=True),
        sa.Column("confirm_sent", sa.DateTime(), nullable=True),
        sa.Column("bounced", sa.DateTime(), nullable=True),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("confirmed", sa.DateTime(), nullable=True),
        sa.Column("unsubscribed", sa.DateTime(), nullable=True),
        sa.UniqueConstraint("email", name="uq_newsletter_subscribers_email"),
        sa.UniqueConstraint("token", name="uq_newsletter_subscribers_token"),
        sa.UniqueConstraint("confirm_hash", name="uq_newsletter_subscribers_confirm_hash"),
    )
    op.create_index("ix_newsletter_subscribers_status", "newsletter_subscribers", ["status"])
    op.create_table(
        "newsletter_interests",
        sa.Column("subscriber_id", sa.Integer(), sa.ForeignKey(
            "newsletter_subscribers.id", ondelete="CASCADE",
            name="fk_newsletter_interests_subscriber_id_newsletter_subscribers"), primary_key=True),
        sa.Column("kind", sa.String(10), primary_key=True),
        sa.Column("value", sa.String(60), primary_key=True),
    )
    op.create_index("ix_newsletter_interests_value", "newsletter_interests", ["value"])
    op.create_table(
        "newsletter_consents",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("subscriber_id", sa.Integer(), sa.ForeignKey(
            "newsletter_subscribers.id", ondelete="CASCADE",
            name="fk_newsletter_consents_subscriber_id_newsletter_subscribers"), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("text_version", sa.String(60), nullable=False),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("address", sa.String(64), nullable=False),
    )
    op.create_index("ix_newsletter_consents_subscriber_id", "newsletter_consents", ["subscriber_id"])
    op.create_table(
        "newsletter_issues",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("default_language", sa.String(5), nullable=False),
        sa.Column("segment", sa.String(10), nullable=False),
        sa.Column("segment_value", sa.String(60), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("send_at", sa.DateTime(), nullable=True),
        sa.Column("started", sa.DateTime(), nullable=True),
        sa.Column("finished", sa.DateTime(), nullable=True),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("modified", sa.DateTime(), nullable=False),
        sa.Column("creator_id", sa.Integer(), sa.ForeignKey(
            "users.id", ondelete="SET NULL", name="fk_newsletter_issues_creator_id_users"), nullable=True),
        sa.Column("base_url", sa.String(300), nullable=False),
    )
    op.create_index("ix_newsletter_issues_status", "newsletter_issues", ["status"])
    op.create_index("ix_newsletter_issues_send_at", "newsletter_issues", ["send_at"])
    op.create_table(
        "newsletter_issue_versions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("issue_id", sa.Integer(), sa.ForeignKey(
            "newsletter_issues.id", ondelete="CASCADE",
            name="fk_newsletter_issue_versions_issue_id_newsletter_issues"), nullable=False),
        sa.Column("language", sa.String(5), nullable=False),
        sa.Column("subject", sa.String(300), nullable=False),
        sa.Column("editorial", sa.Text(), nullable=False),
        sa.UniqueConstraint("issue_id", "language", name="uq_newsletter_issue_versions_issue_id"),
    )
    op.create_index("ix_newsletter_issue_versions_issue_id", "newsletter_issue_versions", ["issue_id"])
    op.create_table(
        "newsletter_issue_items",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("issue_id", sa.Integer(), sa.ForeignKey(
            "newsletter_issues.id", ondelete="CASCADE",
            name="fk_newsletter_issue_items_issue_id_newsletter_issues"), nullable=False),
        sa.Column("content_id", sa.Integer(), sa.ForeignKey(
            "content.id", ondelete="CASCADE", name="fk_newsletter_issue_items_content_id_content"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.UniqueConstraint("issue_id", "content_id", name="uq_newsletter_issue_items_issue_id"),
    )
    op.create_index("ix_newsletter_issue_items_issue_id", "newsletter_issue_items", ["issue_id"])
    op.create_table(
        "newsletter_deliveries",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("issue_id", sa.Integer(), sa.ForeignKey(
            "newsletter_issues.id", ondelete="CASCADE",
            name="fk_newsletter_deliveries_issue_id_newsletter_issues"), nullable=False),
        sa.Column("subscriber_id", sa.Integer(), sa.ForeignKey(
            "newsletter_subscribers.id", ondelete="CASCADE",
            name="fk_newsletter_deliveries_subscriber_id_newsletter_subscribers"), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("outbox_id", sa.Integer(), sa.ForeignKey(
            "outbox.id", ondelete="SET NULL", name="fk_newsletter_deliveries_outbox_id_outbox"), nullable=True),
        sa.Column("note", sa.String(200), nullable=False),
        sa.UniqueConstraint("issue_id", "subscriber_id", name="uq_newsletter_deliveries_issue_id"),
    )
    op.create_index("ix_newsletter_deliveries_subscriber_id", "newsletter_deliveries", ["subscriber_id"])
    op.create_index("ix_newsletter_deliveries_status", "newsletter_deliveries", ["status"])
    op.create_index("ix_newsletter_deliveries_outbox_id", "newsletter_deliveries", ["outbox_id"])


def downgrade():
    for name in ("newsletter_deliveries", "newsletter_issue_items", "newsletter_issue_versions", "newsletter_issues",
                 "newsletter_consents", "newsletter_interests", "newsletter_subscribers"):
        op.drop_table(name)
