"""governance: the yearly work plans (their actions are the core's action trees) and the presidency calls"""
import sqlalchemy as sa
from alembic import op

from portal.api import create_table, drop_tables

revision, down_revision, branch_labels, depends_on = "governance_002", "governance_001", None, None


def upgrade():
    create_table("governance_work_plans",
                 "id int pk; year int; published bool; approved_on date null; approved_by str(300); "
                 "motion_id int null; created datetime",
                 sa.UniqueConstraint("year", name="uq_governance_work_plans_year"))
    upgrade_presidency()


def downgrade():
    drop_tables("governance_candidacy_documents", "governance_candidacies", "governance_presidency_calls",
                "governance_work_plans")


def upgrade_presidency():
    create_table("governance_presidency_calls",
                 "id int pk; year int; title str(300); conditions text; opens date; closes date; "
                 "published bool; vote_id int null; result_note text; announced datetime null; "
                 "created datetime; translations json null",
                 sa.UniqueConstraint("year", name="uq_governance_presidency_calls_year"))
    create_table("governance_candidacies",
                 "id int pk; call_id int fk=governance_presidency_calls.id ondelete=CASCADE index; "
                 "member_id int fk=members.id ondelete=CASCADE; "
                 "submitted_by int null fk=users.id ondelete=SET_NULL; statement text; programme text; "
                 "eligibility str(12); reason text; checked_by int null fk=users.id ondelete=SET_NULL; "
                 "checked datetime null; elected bool; submitted datetime",
                 sa.UniqueConstraint("call_id", "member_id", name="uq_governance_candidacies_call_id"))
    create_table("governance_candidacy_documents",
                 "id int pk; candidacy_id int fk=governance_candidacies.id ondelete=CASCADE; "
                 "file_id int fk=files.id ondelete=CASCADE")
    op.create_index("ix_governance_candidacy_documents_candidacy_id", "governance_candidacy_documents",
                    ["candidacy_id"])
