"""newsletter: subscribers, interests, consents, issues, their versions and items, deliveries"""
import sqlalchemy as sa
from alembic import op

from portal.api import create_table

revision = "newsletter001"
down_revision = None
branch_labels = ("newsletter",)
depends_on = ("0002_outbox_parts", "x001_experiences")  # the core (its outbox), and the experiences' themes


def upgrade():
    create_table("newsletter_subscribers",
                 "id int pk; email str(300); name str(200); language str(5); status str(20) index; token str(64); "
                 "confirm_hash str(64) null; confirm_expires datetime null; confirm_sent datetime null; "
                 "bounced datetime null; created datetime; confirmed datetime null; unsubscribed datetime null",
                 sa.UniqueConstraint("email", name="uq_newsletter_subscribers_email"),
                 sa.UniqueConstraint("token", name="uq_newsletter_subscribers_token"),
                 sa.UniqueConstraint("confirm_hash", name="uq_newsletter_subscribers_confirm_hash"))
    create_table("newsletter_interests",
                 "subscriber_id int pk fk=newsletter_subscribers.id ondelete=CASCADE; kind str(10) pk; "
                 "value str(60) pk index")
    create_table("newsletter_consents",
                 "id int pk; subscriber_id int fk=newsletter_subscribers.id ondelete=CASCADE index; at datetime; "
                 "text_version str(60); source str(20); address str(64)")
    create_table("newsletter_issues",
                 "id int pk; title str(200); default_language str(5); segment str(10); segment_value str(60); "
                 "status str(10) index; send_at datetime null index; started datetime null; finished datetime null; "
                 "created datetime; modified datetime; creator_id int null fk=users.id ondelete=SET_NULL; "
                 "base_url str(300)")
    create_table("newsletter_issue_versions",
                 "id int pk; issue_id int fk=newsletter_issues.id ondelete=CASCADE index; language str(5); "
                 "subject str(300); editorial text",
                 sa.UniqueConstraint("issue_id", "language", name="uq_newsletter_issue_versions_issue_id"))
    create_table("newsletter_issue_items",
                 "id int pk; issue_id int fk=newsletter_issues.id ondelete=CASCADE index; "
                 "content_id int fk=content.id ondelete=CASCADE; position int",
                 sa.UniqueConstraint("issue_id", "content_id", name="uq_newsletter_issue_items_issue_id"))
    create_table("newsletter_deliveries",
                 "id int pk; issue_id int fk=newsletter_issues.id ondelete=CASCADE; "
                 "subscriber_id int fk=newsletter_subscribers.id ondelete=CASCADE index; status str(10) index; "
                 "outbox_id int null fk=outbox.id ondelete=SET_NULL index; note str(200)",
                 sa.UniqueConstraint("issue_id", "subscriber_id", name="uq_newsletter_deliveries_issue_id"))


def downgrade():
    for name in ("newsletter_deliveries", "newsletter_issue_items", "newsletter_issue_versions", "newsletter_issues",
                 "newsletter_consents", "newsletter_interests", "newsletter_subscribers"):
        op.drop_table(name)
