"""awards: calls, entries and their documents, jurors, reviews"""
import sqlalchemy as sa
from alembic import op

from portal.api import create_table

revision, down_revision, branch_labels, depends_on = "x001_awards", None, ("awards",), "x001_experiences"


def upgrade():
    create_table("award_calls",
                 "id int pk; edition str(60); title str(300); rules text; eligibility text; categories json; "
                 "criteria json; questions json; timezone str(60); opens datetime; closes datetime; "
                 "evaluation_closes datetime; results_date datetime index; reviews_per_entry int; blind bool; "
                 "max_entries_per_member int; normalise bool; assigned datetime null; "
                 "results_sent datetime null; created datetime")
    create_table("award_entries",
                 "id int pk; call_id int fk=award_calls.id ondelete=CASCADE; "
                 "member_id int fk=members.id ondelete=CASCADE; "
                 "experience_id int null fk=experiences.id ondelete=SET_NULL; "
                 "submitter_id int null fk=users.id ondelete=SET_NULL; category str(60); answers json; "
                 "status str(20); submitted datetime null; eligible bool null; eligibility_reason text; "
                 "outcome str(20) null; created datetime; modified datetime")
    for col in ("call_id", "member_id", "experience_id"):
        op.create_index(f"ix_award_entries_{col}", "award_entries", [col])
    create_table("award_entry_documents",
                 "id int pk; entry_id int fk=award_entries.id ondelete=CASCADE index; "
                 "file_id int fk=files.id ondelete=CASCADE")
    create_table("award_jurors",
                 "id int pk; call_id int fk=award_calls.id ondelete=CASCADE index; "
                 "user_id int fk=users.id ondelete=CASCADE index; country str(2); created datetime",
                 sa.UniqueConstraint("call_id", "user_id", name="uq_award_jurors_call_id"))
    create_table("award_reviews",
                 "id int pk; entry_id int fk=award_entries.id ondelete=CASCADE index; "
                 "juror_id int fk=award_jurors.id ondelete=CASCADE index; scores json; comments json; "
                 "done datetime null; conflict bool; conflict_reason text; created datetime",
                 sa.UniqueConstraint("entry_id", "juror_id", name="uq_award_reviews_entry_id"))


def downgrade():
    for name in ("award_reviews", "award_jurors", "award_entry_documents", "award_entries", "award_calls"):
        op.drop_table(name)
