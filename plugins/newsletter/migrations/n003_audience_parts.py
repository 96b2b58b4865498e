"""newsletter: an issue's audience combines a language, a region and a theme; the zone of its schedule"""
import sqlalchemy as sa
from alembic import op

revision, down_revision = "newsletter003", "newsletter002"

PARTS = {"language": "audience_language", "region": "audience_region", "theme": "audience_theme"}


def upgrade():
    with op.batch_alter_table("newsletter_issues") as batch:
        batch.add_column(sa.Column("audience_language", sa.String(5), nullable=False, server_default=""))
        batch.add_column(sa.Column("audience_region", sa.String(60), nullable=False, server_default=""))
        batch.add_column(sa.Column("audience_theme", sa.String(60), nullable=False, server_default=""))
        batch.add_column(sa.Column("timezone", sa.String(60), nullable=False, server_default=""))
    for segment, column in PARTS.items():
        op.execute(sa.text(f"UPDATE newsletter_issues SET {column} = segment_value WHERE segment = :segment")
                   .bindparams(segment=segment))
    with op.batch_alter_table("newsletter_issues") as batch:
        batch.drop_column("segment_value")
        batch.drop_column("segment")
        for column, length in (("audience_language", 5), ("audience_region", 60), ("audience_theme", 60),
                               ("timezone", 60)):
            batch.alter_column(column, existing_type=sa.String(length), server_default=None)


def downgrade():
    # An audience of several parts keeps its first one: the old schema had room for one.
    with op.batch_alter_table("newsletter_issues") as batch:
        batch.add_column(sa.Column("segment", sa.String(10), nullable=False, server_default="all"))
        batch.add_column(sa.Column("segment_value", sa.String(60), nullable=False, server_default=""))
    for segment, column in reversed(PARTS.items()):
        op.execute(sa.text(f"UPDATE newsletter_issues SET segment = :segment, segment_value = {column} "
                           f"WHERE {column} <> ''").bindparams(segment=segment))
    with op.batch_alter_table("newsletter_issues") as batch:
        for column in ("timezone", *PARTS.values()):
            batch.drop_column(column)
