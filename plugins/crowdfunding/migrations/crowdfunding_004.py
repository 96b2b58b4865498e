"""crowdfunding: pledges in the name of a member organisation (their commitments), invoices and the
invoice numbers' counters per year"""
import sqlalchemy as sa

from portal.api import create_table, drop_tables

revision, down_revision = "crowdfunding_004", "crowdfunding_003"


def upgrade():
    create_table("crowd_commitments",
                 "id int pk; pledge_id int fk=crowd_pledges.id ondelete=CASCADE; "
                 "member_id int null fk=members.id ondelete=SET_NULL index; organisation str(200); "
                 "signatory str(200); signatory_role str(200); "
                 "signed_file_id int null fk=files.id ondelete=SET_NULL; signed datetime null",
                 sa.UniqueConstraint("pledge_id", name="uq_crowd_commitments_pledge_id"))
    create_table("crowd_invoices",
                 "id int pk; pledge_id int null fk=crowd_pledges.id ondelete=SET_NULL; year int; number int; "
                 "issued datetime; amount int; currency str(3); organisation str(200)",
                 sa.UniqueConstraint("pledge_id", name="uq_crowd_invoices_pledge_id"),
                 sa.UniqueConstraint("year", "number", name="uq_crowd_invoices_year"))
    create_table("crowd_invoice_counters",
                 "year int pk noauto; last int")


def downgrade():
    drop_tables("crowd_invoice_counters", "crowd_invoices", "crowd_commitments")
