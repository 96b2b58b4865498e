"""governance: plenary meetings, agenda, seats, attendance, proxies, motions and their ballots"""
import sqlalchemy as sa
from alembic import op

revision = "governance_001"
down_revision = None
branch_labels = ("governance",)
depends_on = "0001_core"

TABLES = ("gov_secret_ballots", "gov_voted", "gov_motions", "gov_proxies", "gov_attendance", "gov_seats",
          "gov_agenda_items", "gov_meetings")


def upgrade():
    op.create_table(
        'gov_meetings',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('title', sa.String(length=300), nullable=False),
        sa.Column('timezone', sa.String(length=64), nullable=False),
        sa.Column('starts', sa.DateTime(), nullable=False),
        sa.Column('place', sa.String(length=300), nullable=False),
        sa.Column('online_url', sa.String(length=500), nullable=False),
        sa.Column('checkin_code', sa.String(length=20), nullable=False),
        sa.Column('convened', sa.DateTime(), nullable=True),
        sa.Column('created', sa.DateTime(), nullable=False),
        sa.Column('translations', sa.JSON(), nullable=True),
    )
    op.create_index('ix_gov_meetings_starts', 'gov_meetings', ['starts'], unique=False)
    op.create_table(
        'gov_agenda_items',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('meeting_id', sa.Integer(),
                  sa.ForeignKey('gov_meetings.id', ondelete='CASCADE', name='fk_gov_agenda_items_meeting_id_gov_meetings'), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('title', sa.String(length=300), nullable=False),
        sa.Column('documents', sa.JSON(), nullable=False),
        sa.Column('translations', sa.JSON(), nullable=True),
    )
    op.create_index('ix_gov_agenda_items_meeting_id', 'gov_agenda_items', ['meeting_id'], unique=False)
    op.create_table(
        'gov_seats',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('meeting_id', sa.Integer(),
                  sa.ForeignKey('gov_meetings.id', ondelete='CASCADE', name='fk_gov_seats_meeting_id_gov_meetings'), nullable=False),
        sa.Column('member_id', sa.Integer(),
                  sa.ForeignKey('members.id', ondelete='CASCADE', name='fk_gov_seats_member_id_members'), nullable=False),
        sa.Column('representative_id', sa.Integer(),
                  sa.ForeignKey('users.id', ondelete='SET NULL', name='fk_gov_seats_representative_id_users'), nullable=True),
        sa.Column('substitute_id', sa.Integer(),
                  sa.ForeignKey('users.id', ondelete='SET NULL', name='fk_gov_seats_substitute_id_users'), nullable=True),
        sa.UniqueConstraint('meeting_id', 'member_id', name='uq_gov_seats_meeting_id'),
    )
    op.create_index('ix_gov_seats_meeting_id', 'gov_seats', ['meeting_id'], unique=False)
    op.create_index('ix_gov_seats_member_id', 'gov_seats', ['member_id'], unique=False)
    op.create_table(
        'gov_attendance',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('meeting_id', sa.Integer(),
                  sa.ForeignKey('gov_meetings.id', ondelete='CASCADE', name='fk_gov_attendance_meeting_id_gov_meetings'), nullable=False),
        sa.Column('member_id', sa.Integer(),
                  sa.ForeignKey('members.id', ondelete='CASCADE', name='fk_gov_attendance_member_id_members'), nullable=False),
        sa.Column('mode', sa.String(length=10), nullable=False),
        sa.Column('attendee', sa.String(length=200), nullable=False),
        sa.Column('user_id', sa.Integer(),
                  sa.ForeignKey('users.id', ondelete='SET NULL', name='fk_gov_attendance_user_id_users'), nullable=True),
        sa.Column('by_secretariat', sa.Boolean(), nullable=False),
        sa.Column('checked_in', sa.DateTime(), nullable=False),
        sa.UniqueConstraint('meeting_id', 'member_id', name='uq_gov_attendance_meeting_id'),
    )
    op.create_index('ix_gov_attendance_meeting_id', 'gov_attendance', ['meeting_id'], unique=False)
    op.create_index('ix_gov_attendance_member_id', 'gov_attendance', ['member_id'], unique=False)
    op.create_table(
        'gov_proxies',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('meeting_id', sa.Integer(),
                  sa.ForeignKey('gov_meetings.id', ondelete='CASCADE', name='fk_gov_proxies_meeting_id_gov_meetings'), nullable=False),
        sa.Column('giver_id', sa.Integer(),
                  sa.ForeignKey('members.id', ondelete='CASCADE', name='fk_gov_proxies_giver_id_members'), nullable=False),
        sa.Column('holder_id', sa.Integer(),
                  sa.ForeignKey('members.id', ondelete='CASCADE', name='fk_gov_proxies_holder_id_members'), nullable=False),
        sa.Column('state', sa.String(length=12), nullable=False),
        sa.Column('letter_id', sa.Integer(),
                  sa.ForeignKey('files.id', ondelete='SET NULL', name='fk_gov_proxies_letter_id_files'), nullable=True),
        sa.Column('created', sa.DateTime(), nullable=False),
        sa.Column('decided', sa.DateTime(), nullable=True),
        sa.Column('note', sa.Text(), nullable=False),
    )
    op.create_index('ix_gov_proxies_meeting_id', 'gov_proxies', ['meeting_id'], unique=False)
    op.create_index('ix_gov_proxies_giver_id', 'gov_proxies', ['giver_id'], unique=False)
    op.create_index('ix_gov_proxies_holder_id', 'gov_proxies', ['holder_id'], unique=False)
    op.create_table(
        'gov_motions',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('meeting_id', sa.Integer(),
                  sa.ForeignKey('gov_meetings.id', ondelete='CASCADE', name='fk_gov_motions_meeting_id_gov_meetings'), nullable=True),
        sa.Column('amends_id', sa.Integer(),
                  sa.ForeignKey('gov_motions.id', ondelete='CASCADE', name='fk_gov_motions_amends_id_gov_motions'), nullable=True),
        sa.Column('proposer_id', sa.Integer(),
                  sa.ForeignKey('members.id', ondelete='SET NULL', name='fk_gov_motions_proposer_id_members'), nullable=True),
        sa.Column('title', sa.String(length=300), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('documents', sa.JSON(), nullable=False),
        sa.Column('rule', sa.String(length=24), nullable=False),
        sa.Column('secret', sa.Boolean(), nullable=False),
        sa.Column('opens', sa.DateTime(), nullable=True),
        sa.Column('closes', sa.DateTime(), nullable=True),
        sa.Column('entitled', sa.JSON(), nullable=True),
        sa.Column('record', sa.JSON(), nullable=True),
        sa.Column('closed', sa.Boolean(), nullable=False),
        sa.Column('translations', sa.JSON(), nullable=True),
    )
    op.create_index('ix_gov_motions_meeting_id', 'gov_motions', ['meeting_id'], unique=False)
    op.create_table(
        'gov_voted',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('motion_id', sa.Integer(),
                  sa.ForeignKey('gov_motions.id', ondelete='CASCADE', name='fk_gov_voted_motion_id_gov_motions'), nullable=False),
        sa.Column('member_id', sa.Integer(),
                  sa.ForeignKey('members.id', ondelete='CASCADE', name='fk_gov_voted_member_id_members'), nullable=False),
        sa.Column('by_member_id', sa.Integer(),
                  sa.ForeignKey('members.id', ondelete='CASCADE', name='fk_gov_voted_by_member_id_members'), nullable=False),
        sa.Column('choice', sa.String(length=8), nullable=False),
        sa.Column('cast', sa.DateTime(), nullable=False),
        sa.UniqueConstraint('motion_id', 'member_id', name='uq_gov_voted_motion_id'),
    )
    op.create_index('ix_gov_voted_motion_id', 'gov_voted', ['motion_id'], unique=False)
    op.create_index('ix_gov_voted_member_id', 'gov_voted', ['member_id'], unique=False)
    op.create_table(
        'gov_secret_ballots',
        sa.Column('motion_id', sa.Integer(),
                  sa.ForeignKey('gov_motions.id', ondelete='CASCADE', name='fk_gov_secret_ballots_motion_id_gov_motions'), nullable=False),
        sa.Column('receipt', sa.String(length=40), primary_key=True),
        sa.Column('choice', sa.String(length=8), nullable=False),
    )
    op.create_index('ix_gov_secret_ballots_motion_id', 'gov_secret_ballots', ['motion_id'], unique=False)



def downgrade():
    for table in TABLES:
        op.drop_table(table)
