"""partners: partners (content items), agreements, obligations, internships, joint activities"""
from alembic import op

from portal.api import create_table

revision, down_revision, branch_labels, depends_on = "partners_001", None, ("partners",), "0001_core"


def upgrade():
    t = "partners_partners"
    create_table(t,
                 "id int pk fk=content.id ondelete=CASCADE; kind str(20); website str(500); "
                 "country str(2) null; region str(30) null; relation text")
    for col in ("kind", "country", "region"):
        op.create_index(f"ix_{t}_{col}", t, [col])
    t = "partners_agreements"
    create_table(t,
                 "id int pk; partner_id int null fk=partners_partners.id ondelete=SET_NULL; "
                 "member_id int null fk=members.id ondelete=SET_NULL; "
                 "renews_id int null fk=partners_agreements.id ondelete=SET_NULL; kind str(20); "
                 "title str(300); parties text; signatories text; starts date; ends date null; "
                 "renewal_terms text; status str(20); public bool; "
                 "document_id int null fk=files.id ondelete=SET_NULL; end_reminded datetime null; "
                 "created datetime")
    for col in ("partner_id", "member_id", "renews_id", "ends", "status"):
        op.create_index(f"ix_{t}_{col}", t, [col])
    t = "partners_obligations"
    create_table(t,
                 "id int pk; agreement_id int fk=partners_agreements.id ondelete=CASCADE; what str(500); "
                 "due date; owner str(200); done bool; reminded datetime null")
    op.create_index(f"ix_{t}_agreement_id", t, ["agreement_id"])
    op.create_index(f"ix_{t}_due", t, ["due"])
    t = "partners_internships"
    create_table(t,
                 "id int pk; agreement_id int fk=partners_agreements.id ondelete=CASCADE; intern str(200); "
                 "host_member_id int null fk=members.id ondelete=SET_NULL; starts date; ends date; "
                 "supervisor str(200); subject str(500); report text; "
                 "experience_id int null fk=content.id ondelete=SET_NULL")
    op.create_index(f"ix_{t}_agreement_id", t, ["agreement_id"])
    t = "partners_activities"
    create_table(t,
                 "id int pk; partner_id int fk=partners_partners.id ondelete=CASCADE; resource str(40); "
                 "item_id int null; role str(20); title str(300); day date")
    op.create_index(f"ix_{t}_partner_id", t, ["partner_id"])


def downgrade():
    for t in ("partners_activities", "partners_internships", "partners_obligations", "partners_agreements",
              "partners_partners"):
        op.drop_table(t)
