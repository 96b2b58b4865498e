"""governance: plenary meetings, agenda, seats, attendance, proxies, motions and their ballots"""
import sqlalchemy as sa
from alembic import op

from portal.api import create_table

revision = "governance_001"
down_revision = None
branch_labels = ("governance",)
depends_on = "0001_core"

TABLES = ("gov_secret_ballots", "gov_voted", "gov_motions", "gov_proxies", "gov_attendance", "gov_seats",
          "gov_agenda_items", "gov_meetings")


def upgrade():
    create_table('gov_meetings',
                 "id int pk; title str(300); timezone str(64); starts datetime; place str(300); "
                 "online_url str(500); checkin_code str(20); convened datetime null; created datetime; "
                 "translations json null")
    op.create_index('ix_gov_meetings_starts', 'gov_meetings', ['starts'], unique=False)
    create_table('gov_agenda_items',
                 "id int pk; meeting_id int fk=gov_meetings.id ondelete=CASCADE; position int; title str(300); "
                 "documents json; translations json null")
    op.create_index('ix_gov_agenda_items_meeting_id', 'gov_agenda_items', ['meeting_id'], unique=False)
    create_table('gov_seats',
                 "id int pk; meeting_id int fk=gov_meetings.id ondelete=CASCADE; "
                 "member_id int fk=members.id ondelete=CASCADE; "
                 "representative_id int null fk=users.id ondelete=SET_NULL; "
                 "substitute_id int null fk=users.id ondelete=SET_NULL",
                 sa.UniqueConstraint('meeting_id', 'member_id', name='uq_gov_seats_meeting_id'))
    op.create_index('ix_gov_seats_meeting_id', 'gov_seats', ['meeting_id'], unique=False)
    op.create_index('ix_gov_seats_member_id', 'gov_seats', ['member_id'], unique=False)
    create_table('gov_attendance',
                 "id int pk; meeting_id int fk=gov_meetings.id ondelete=CASCADE; "
                 "member_id int fk=members.id ondelete=CASCADE; mode str(10); attendee str(200); "
                 "user_id int null fk=users.id ondelete=SET_NULL; by_secretariat bool; checked_in datetime",
                 sa.UniqueConstraint('meeting_id', 'member_id', name='uq_gov_attendance_meeting_id'))
    op.create_index('ix_gov_attendance_meeting_id', 'gov_attendance', ['meeting_id'], unique=False)
    op.create_index('ix_gov_attendance_member_id', 'gov_attendance', ['member_id'], unique=False)
    create_table('gov_proxies',
                 "id int pk; meeting_id int fk=gov_meetings.id ondelete=CASCADE; "
                 "giver_id int fk=members.id ondelete=CASCADE; holder_id int fk=members.id ondelete=CASCADE; "
                 "state str(12); letter_id int null fk=files.id ondelete=SET_NULL; created datetime; "
                 "decided datetime null; note text")
    op.create_index('ix_gov_proxies_meeting_id', 'gov_proxies', ['meeting_id'], unique=False)
    op.create_index('ix_gov_proxies_giver_id', 'gov_proxies', ['giver_id'], unique=False)
    op.create_index('ix_gov_proxies_holder_id', 'gov_proxies', ['holder_id'], unique=False)
    create_table('gov_motions',
                 "id int pk; meeting_id int null fk=gov_meetings.id ondelete=CASCADE; "
                 "amends_id int null fk=gov_motions.id ondelete=CASCADE; "
                 "proposer_id int null fk=members.id ondelete=SET_NULL; title str(300); text text; "
                 "documents json; rule str(24); secret bool; opens datetime null; closes datetime null; "
                 "entitled json null; record json null; closed bool; translations json null")
    op.create_index('ix_gov_motions_meeting_id', 'gov_motions', ['meeting_id'], unique=False)
    create_table('gov_voted',
                 "id int pk; motion_id int fk=gov_motions.id ondelete=CASCADE; "
                 "member_id int fk=members.id ondelete=CASCADE; "
                 "by_member_id int fk=members.id ondelete=CASCADE; choice str(8); cast datetime",
                 sa.UniqueConstraint('motion_id', 'member_id', name='uq_gov_voted_motion_id'))
    op.create_index('ix_gov_voted_motion_id', 'gov_voted', ['motion_id'], unique=False)
    op.create_index('ix_gov_voted_member_id', 'gov_voted', ['member_id'], unique=False)
    create_table('gov_secret_ballots',
                 "motion_id int fk=gov_motions.id ondelete=CASCADE; receipt str(40) pk; choice str(8)")
    op.create_index('ix_gov_secret_ballots_motion_id', 'gov_secret_ballots', ['motion_id'], unique=False)



def downgrade():
    for table in TABLES:
        op.drop_table(table)
