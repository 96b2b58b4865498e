"""experiences: themes (with the shipped taxonomy), experiences and their themes"""
import sqlalchemy as sa
from alembic import op

revision = "x001_experiences"
down_revision = None
branch_labels = ("experiences",)
depends_on = "0001_core"

THEMES = [
    ("participatory-budgeting", "Participatory budgeting", "Presupuesto participativo", "Budget participatif",
     "Orçamento participativo"),
    ("citizen-assemblies", "Citizen assemblies", "Asambleas ciudadanas", "Assemblées citoyennes",
     "Assembleias cidadãs"),
    ("e-participation", "E-participation", "Participación digital", "Participation numérique", "Participação digital"),
    ("youth-participation", "Youth participation", "Participación juvenil", "Participation des jeunes",
     "Participação juvenil"),
    ("gender-equality", "Gender equality", "Igualdad de género", "Égalité de genre", "Igualdade de gênero"),
    ("neighbourhood-councils", "Neighbourhood councils", "Consejos vecinales", "Conseils de quartier",
     "Conselhos de bairro"),
    ("open-government", "Open government", "Gobierno abierto", "Gouvernement ouvert", "Governo aberto"),
    ("participatory-planning", "Participatory planning", "Planificación participativa", "Planification participative",
     "Planejamento participativo"),
    ("local-observatories", "Local observatories of participatory democracy",
     "Observatorios locales de democracia participativa", "Observatoires locaux de la démocratie participative",
     "Observatórios locais de democracia participativa"),
    ("public-consultation", "Public consultation", "Consulta pública", "Consultation publique", "Consulta pública"),
    ("social-accountability", "Social accountability", "Control social", "Redevabilité sociale", "Controle social"),
    ("inclusion-migrants", "Inclusion of migrants", "Inclusión de personas migrantes", "Inclusion des personnes migrantes",
     "Inclusão de migrantes"),
    ("climate-environment", "Climate and environment", "Clima y medio ambiente", "Climat et environnement",
     "Clima e meio ambiente"),
]


def upgrade():
    themes = op.create_table(
        "experience_theme_labels",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("slug", sa.String(60), nullable=False),
        sa.Column("label_en", sa.String(120), nullable=False),
        sa.Column("label_es", sa.String(120), nullable=False),
        sa.Column("label_fr", sa.String(120), nullable=False),
        sa.Column("label_pt", sa.String(120), nullable=False),
        sa.UniqueConstraint("slug", name="uq_experience_theme_labels_slug"),
    )
    op.create_table(
        "experiences",
        sa.Column("id", sa.Integer(), sa.ForeignKey("content.id", ondelete="CASCADE",
                                                     name="fk_experiences_id_content"), primary_key=True),
        sa.Column("external_id", sa.String(100), nullable=True),
        sa.Column("member_id", sa.Integer(), sa.ForeignKey("members.id", ondelete="SET NULL",
                                                            name="fk_experiences_member_id_members"), nullable=True),
        sa.Column("city", sa.String(120), nullable=False),
        sa.Column("country", sa.String(2), nullable=False),
        sa.Column("region", sa.String(30), nullable=False),
        sa.Column("mechanism", sa.String(40), nullable=False),
        sa.Column("scale", sa.String(20), nullable=False),
        sa.Column("start_year", sa.Integer(), nullable=True),
        sa.Column("end_year", sa.Integer(), nullable=True),
        sa.Column("participants", sa.Integer(), nullable=True),
        sa.Column("budget", sa.BigInteger(), nullable=True),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("results", sa.Text(), nullable=False),
        sa.Column("lessons", sa.Text(), nullable=False),
        sa.Column("contact", sa.String(300), nullable=False),
        sa.Column("links", sa.Text(), nullable=False),
        sa.Column("sdgs", sa.JSON(), nullable=False),
        sa.UniqueConstraint("external_id", name="uq_experiences_external_id"),
    )
    op.create_index("ix_experiences_member_id", "experiences", ["member_id"])
    op.create_index("ix_experiences_country", "experiences", ["country"])
    op.create_index("ix_experiences_region", "experiences", ["region"])
    op.create_table(
        "experience_themes",
        sa.Column("experience_id", sa.Integer(), sa.ForeignKey("experiences.id", ondelete="CASCADE",
                                                                name="fk_experience_themes_experience_id_experiences"),
                  primary_key=True),
        sa.Column("theme_id", sa.Integer(), sa.ForeignKey("experience_theme_labels.id", ondelete="CASCADE",
                                                           name="fk_experience_themes_theme_id_experience_theme_labels"),
                  primary_key=True),
    )
    op.bulk_insert(themes, [dict(zip(("slug", "label_en", "label_es", "label_fr", "label_pt"), row)) for row in THEMES])


def downgrade():
    op.drop_table("experience_themes")
    op.drop_table("experiences")
    op.drop_table("experience_theme_labels")
