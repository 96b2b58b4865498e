"""experiences: themes (with the shipped taxonomy), experiences and their themes"""
import sqlalchemy as sa
from alembic import op

from portal.api import create_table, drop_tables

revision, down_revision, branch_labels, depends_on = "x001_experiences", None, ("experiences",), "0001_core"

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
    themes = create_table("experience_theme_labels",
                          "id int pk; slug str(60); label_en str(120); label_es str(120); label_fr str(120); "
                          "label_pt str(120)",
                          sa.UniqueConstraint("slug", name="uq_experience_theme_labels_slug"))
    create_table("experiences",
                 "id int pk fk=content.id ondelete=CASCADE; external_id str(100) null; "
                 "member_id int null fk=members.id ondelete=SET_NULL index; city str(120); country str(2) index; "
                 "region str(30) index; mechanism str(40); scale str(20); start_year int null; end_year int null; "
                 "participants int null; budget bigint null; currency str(3); results text; lessons text; "
                 "contact str(300); links text; sdgs json",
                 sa.UniqueConstraint("external_id", name="uq_experiences_external_id"))
    create_table("experience_themes",
                 "experience_id int pk fk=experiences.id ondelete=CASCADE; "
                 "theme_id int pk fk=experience_theme_labels.id ondelete=CASCADE")
    op.bulk_insert(themes, [dict(zip(("slug", "label_en", "label_es", "label_fr", "label_pt"), row)) for row in THEMES])


def downgrade():
    drop_tables("experience_themes", "experiences", "experience_theme_labels")
