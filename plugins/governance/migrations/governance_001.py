"""governance: plenary meetings, agenda, seats, attendance, proxies, motions and their ballots"""
import sqlalchemy as sa
from alembic import op

from portal.api import create_table

revision, down_revision, branch_labels, depends_on = "governance_001", None, ("governance",), "0001_core"

TABLES = ("gov_secret_ballots", "gov_voted", "gov_motions", "gov_proxies", "gov_attendance", "gov_seats",
          "gov_agenda_items", "gov_meetings")


def upgrade():
    create_table('gov_meetings',
                 "id int pk; title str(300); timezone str(64); starts datetime index; place str(300); "
                 "online_url str(500); checkin_code str(20); convened datetime null; created datetime; "
                 "translations json null")
    create_table('gov_agenda_items',
                 "id int pk; meeting_id int fk=gov_meetings.id ondelete=CASCADE index; position int; title str(300); "
                 "documents json; translations json null")
    create_table('gov_seats',
                 "id int pk; meeting_id int fk=gov_meetings.id ondelete=CASCADE index; "
                 "member_id int fk=members.id ondelete=CASCADE index; "
                 "representative_id int null fk=users.id ondelete=SET_NULL; "
                 "substitute_id int null fk=users.id ondelete=SET_NULL",
                 sa.UniqueConstraint('meeting_id', 'member_id', name='uq_gov_seats_meeting_id'))
    create_table('gov_attendance',
                 "id int pk; meeting_id int fk=gov_meetings.id ondelete=CASCADE index; "
                 "member_id int fk=members.id ondelete=CASCADE index; mode str(10); attendee str(200); "
                 "user_id int null fk=users.id ondelete=SET_NULL; by_secretariat bool; checked_in datetime",
                 sa.UniqueConstraint('meeting_id', 'member_id', name='uq_gov_attendance_meeting_id'))
    create_table('gov_proxies',
                 "id int pk; meeting_id int fk=gov_meetings.id ondelete=CASCADE index; "
                 "giver_id int fk=members.id ondelete=CASCADE index; holder_id int fk=members.id ondelete=CASCADE index; "
                 "state str(12); letter_id int null fk=files.id ondelete=SET_NULL; created datetime; "
                 "decided datetime null; note text")
    create_table('gov_motions',
                 "id int pk; meeting_id int null fk=gov_meetings.id ondelete=CASCADE index; "
                 "amends_id int null fk=gov_motions.id ondelete=CASCADE; "
                 "proposer_id int null fk=members.id ondelete=SET_NULL; title str(300); text text; "
                 "documents json; rule str(24); secret bool; opens datetime null; closes datetime null; "
                 "entitled json null; record json null; closed bool; translations json null")
    create_table('gov_voted',
                 "id int pk; motion_id int fk=gov_motions.id ondelete=CASCADE index; "
                 "member_id int fk=members.id ondelete=CASCADE index; "
                 "by_member_id int fk=members.id ondelete=CASCADE; choice str(8); cast datetime",
                 sa.UniqueConstraint('motion_id', 'member_id', name='uq_gov_voted_motion_id'))
    create_table('gov_secret_ballots',
                 "motion_id int fk=gov_motions.id ondelete=CASCADE index; receipt str(40) pk; choice str(8)")



def downgrade():
    for table in TABLES:
        op.drop_table(table)
