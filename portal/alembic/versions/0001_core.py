"""core: people, content, files, revisions, outbox; on PostgreSQL also the full-text search table"""
from alembic import op

from portal.tables import create_table, drop_tables
import sqlalchemy as sa


revision, down_revision, branch_labels = "0001_core", None, ("core",)


def upgrade():
    create_table('groups',
                 "id int; name str(60); title str(200)",
                 sa.PrimaryKeyConstraint('id', name=op.f('pk_groups')),
                 sa.UniqueConstraint('name', name=op.f('uq_groups_name')))
    create_table('login_attempts',
                 "id int; key str(300) index; at datetime index",
                 sa.PrimaryKeyConstraint('id', name=op.f('pk_login_attempts')))
    create_table('members',
                 "id int; name str(200); kind str(30); country str(2); region str(30) index; website str(300); "
                 "description text; status str(20); member_since date null; logo_id int null; created datetime",
                 sa.PrimaryKeyConstraint('id', name=op.f('pk_members')))
    create_table('outbox',
                 "id int; message_id str(200); sender str(300); recipient str(300) index; subject str(300); "
                 "body text; status str(10) index; attempts int; next_attempt datetime index; last_error text; "
                 "created datetime; sent datetime null",
                 sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox')),
                 sa.UniqueConstraint('message_id', name=op.f('uq_outbox_message_id')))
    create_table('settings',
                 "key str(100); value json",
                 sa.PrimaryKeyConstraint('key', name=op.f('pk_settings')))
    create_table('users',
                 "id int; email str(254); name str(200); password_hash str(200) null; role str(20) null; "
                 "member_id int null; language str(5); active bool; public_profile bool; bio text; "
                 "created datetime",
                 sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_users_member_id_members'), ondelete='SET NULL'),
                 sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
                 sa.UniqueConstraint('email', name=op.f('uq_users_email')))
    create_table('auth_sessions',
                 "id str(64); user_id int index; created datetime; expires datetime",
                 sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_auth_sessions_user_id_users'), ondelete='CASCADE'),
                 sa.PrimaryKeyConstraint('id', name=op.f('pk_auth_sessions')))
    create_table('content',
                 "id int; type str(50) index; title str(300); description text; body text; language str(5) index; "
                 "translation_group str(32) index; parent_id int null index; state str(30) index; creator_id int null; "
                 "created datetime; modified datetime; published datetime null index",
                 sa.ForeignKeyConstraint(['creator_id'], ['users.id'], name=op.f('fk_content_creator_id_users'), ondelete='SET NULL'),
                 sa.ForeignKeyConstraint(['parent_id'], ['content.id'], name=op.f('fk_content_parent_id_content'), ondelete='SET NULL'),
                 sa.PrimaryKeyConstraint('id', name=op.f('pk_content')))
    create_table('group_members',
                 "group_id int; user_id int",
                 sa.ForeignKeyConstraint(['group_id'], ['groups.id'], name=op.f('fk_group_members_group_id_groups'), ondelete='CASCADE'),
                 sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_group_members_user_id_users'), ondelete='CASCADE'),
                 sa.PrimaryKeyConstraint('group_id', 'user_id', name=op.f('pk_group_members')))
    create_table('membership_applications',
                 "id int; organisation str(200); kind str(30); country str(2); website str(300); "
                 "contact_name str(200); email str(254); motivation text; language str(5); status str(20); "
                 "created datetime; reviewed datetime null; reviewer_id int null; member_id int null",
                 sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_membership_applications_member_id_members'), ondelete='SET NULL'),
                 sa.ForeignKeyConstraint(['reviewer_id'], ['users.id'], name=op.f('fk_membership_applications_reviewer_id_users'), ondelete='SET NULL'),
                 sa.PrimaryKeyConstraint('id', name=op.f('pk_membership_applications')))
    create_table('password_reset_tokens',
                 "id str(64); user_id int index; expires datetime; used datetime null",
                 sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_password_reset_tokens_user_id_users'), ondelete='CASCADE'),
                 sa.PrimaryKeyConstraint('id', name=op.f('pk_password_reset_tokens')))
    create_table('files',
                 "id int; content_id int null index; owner_id int null index; filename str(255); mimetype str(100); "
                 "size int; sha256 str(64); path str(300); title str(300); created datetime",
                 sa.ForeignKeyConstraint(['content_id'], ['content.id'], name=op.f('fk_files_content_id_content'), ondelete='CASCADE'),
                 sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_files_owner_id_users'), ondelete='SET NULL'),
                 sa.PrimaryKeyConstraint('id', name=op.f('pk_files')))
    create_table('local_roles',
                 "id int; content_id int index; principal str(80); role str(20)",
                 sa.ForeignKeyConstraint(['content_id'], ['content.id'], name=op.f('fk_local_roles_content_id_content'), ondelete='CASCADE'),
                 sa.PrimaryKeyConstraint('id', name=op.f('pk_local_roles')))
    op.create_table('news',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['id'], ['content.id'], name=op.f('fk_news_id_content'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_news'))
    )
    op.create_table('pages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['id'], ['content.id'], name=op.f('fk_pages_id_content'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pages'))
    )
    create_table('revisions',
                 "id int; content_id int index; number int; author_id int null; created datetime; comment str(300); "
                 "data json",
                 sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_revisions_author_id_users'), ondelete='SET NULL'),
                 sa.ForeignKeyConstraint(['content_id'], ['content.id'], name=op.f('fk_revisions_content_id_content'), ondelete='CASCADE'),
                 sa.PrimaryKeyConstraint('id', name=op.f('pk_revisions')))
    op.create_table('sections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['id'], ['content.id'], name=op.f('fk_sections_id_content'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sections'))
    )
    create_table('workflow_log',
                 "id int; content_id int index; transition str(50); from_state str(30); to_state str(30); "
                 "actor_id int null; at datetime; comment text",
                 sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_workflow_log_actor_id_users'), ondelete='SET NULL'),
                 sa.ForeignKeyConstraint(['content_id'], ['content.id'], name=op.f('fk_workflow_log_content_id_content'), ondelete='CASCADE'),
                 sa.PrimaryKeyConstraint('id', name=op.f('pk_workflow_log')))


    with op.batch_alter_table('members', schema=None) as batch_op:
        batch_op.create_foreign_key(batch_op.f('fk_members_logo_id_files'), 'files', ['logo_id'], ['id'],
                                    ondelete='SET NULL')
    if op.get_bind().dialect.name == "postgresql":
        create_search_table()


SEARCH_LANGUAGES = {"en": "english", "es": "spanish", "fr": "french", "pt": "portuguese"}


def create_search_table():
    """Documents of the PostgreSQL search backend. Each language's configuration stems (portal_en...);
    portal_folded lower-cases and strips accents without stemming. Both are indexed and queried, as
    the Spanish stemmer, say, does not stem a word once its accents are gone."""
    op.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    for code, dictionary in SEARCH_LANGUAGES.items():
        op.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS portal_{code}")
        op.execute(f"CREATE TEXT SEARCH CONFIGURATION portal_{code} (COPY = {dictionary})")
    op.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS portal_folded")
    op.execute("CREATE TEXT SEARCH CONFIGURATION portal_folded (COPY = simple)")
    op.execute("ALTER TEXT SEARCH CONFIGURATION portal_folded ALTER MAPPING FOR hword, hword_part, word "
               "WITH unaccent, simple")
    op.execute("""
        CREATE TABLE search_documents (
            key varchar(100) PRIMARY KEY,
            type varchar(50) NOT NULL,
            title text NOT NULL,
            body text NOT NULL,
            language varchar(5) NOT NULL,
            url text NOT NULL,
            date timestamptz,
            year varchar(4) NOT NULL DEFAULT '',
            region text[] NOT NULL DEFAULT '{}',
            allowed text[] NOT NULL,
            facets jsonb NOT NULL DEFAULT '{}',
            tsv tsvector NOT NULL
        )""")
    op.execute("CREATE INDEX ix_search_documents_tsv ON search_documents USING gin (tsv)")
    op.execute("CREATE INDEX ix_search_documents_allowed ON search_documents USING gin (allowed)")
    op.execute("CREATE INDEX ix_search_documents_facets ON search_documents USING gin (facets)")


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TABLE IF EXISTS search_documents")
        for code in [*SEARCH_LANGUAGES, "folded"]:
            op.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS portal_{code}")
    with op.batch_alter_table('members', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_members_logo_id_files'), type_='foreignkey')
    drop_tables("workflow_log", "sections", "revisions", "pages", "news", "local_roles", "files", "password_reset_tokens",
                "membership_applications", "group_members", "content", "auth_sessions", "users", "settings", "outbox",
                "members", "login_attempts", "groups")
