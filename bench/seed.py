"""Content for the benchmark site, on top of `portal initdb --demo`: published news in four languages.

    python bench/seed.py BENCH.ini COUNT

Prints one JSON line: the address of a published page and how many items were added. The search
index is updated by the portal itself after the commit, as for any saved item.
"""
import json
import random
import sys
from datetime import timedelta

LANGUAGES = ("en", "es", "fr", "pt")

# (title subjects, topics, filler sentences) per language; "participatory" and its translations
# appear often enough that /search?q=participatory returns a long, faceted, paginated list.
WORDS = {
    "en": (["Participatory budgeting", "Citizen assembly", "Youth council", "Neighbourhood forum",
            "Open data portal", "Participatory planning", "Local observatory", "Gender equality plan"],
           ["in", "launched in", "evaluated in", "expands in", "celebrated in"],
           ["Residents proposed and voted on projects for their neighbourhoods.",
            "The city council committed a share of the investment budget to participatory decisions.",
            "Local associations took part in every phase of the process.",
            "An independent evaluation measured turnout and the quality of deliberation.",
            "The experience was presented at the network's international workshop.",
            "Participatory democracy requires time, resources and political will.",
            "The secretariat published a report with recommendations for member cities.",
            "Young people under eighteen could vote for the first time."]),
    "es": (["Presupuesto participativo", "Asamblea ciudadana", "Consejo de la juventud", "Foro vecinal",
            "Portal de datos abiertos", "Planificación participativa", "Observatorio local", "Plan de igualdad"],
           ["en", "lanzado en", "evaluado en", "se amplía en", "celebrado en"],
           ["Los vecinos propusieron y votaron proyectos para sus barrios.",
            "El ayuntamiento destinó una parte del presupuesto a decisiones participativas.",
            "Las asociaciones locales participaron en todas las fases del proceso.",
            "Una evaluación independiente midió la participación y la calidad de la deliberación.",
            "La experiencia se presentó en el taller internacional de la red.",
            "La democracia participativa requiere tiempo, recursos y voluntad política.",
            "La Secretaría Técnica publicó un informe con recomendaciones.",
            "Los jóvenes menores de dieciocho años pudieron votar por primera vez."]),
    "fr": (["Budget participatif", "Assemblée citoyenne", "Conseil des jeunes", "Conseil de quartier",
            "Portail de données ouvertes", "Planification participative", "Observatoire local",
            "Plan pour l'égalité"],
           ["à", "lancé à", "évalué à", "s'étend à", "célébré à"],
           ["Les habitants ont proposé et voté des projets pour leurs quartiers.",
            "Le conseil municipal a consacré une part du budget aux décisions participatives.",
            "Les associations locales ont participé à toutes les phases du processus.",
            "Une évaluation indépendante a mesuré la participation et la qualité de la délibération.",
            "L'expérience a été présentée à l'atelier international du réseau.",
            "La démocratie participative demande du temps, des moyens et une volonté politique.",
            "Le secrétariat a publié un rapport avec des recommandations.",
            "Les jeunes de moins de dix-huit ans ont pu voter pour la première fois."]),
    "pt": (["Orçamento participativo", "Assembleia cidadã", "Conselho da juventude", "Fórum de bairro",
            "Portal de dados abertos", "Planejamento participativo", "Observatório local",
            "Plano de igualdade"],
           ["em", "lançado em", "avaliado em", "amplia-se em", "celebrado em"],
           ["Os moradores propuseram e votaram projetos para os seus bairros.",
            "A prefeitura destinou uma parte do orçamento a decisões participativas.",
            "As associações locais participaram de todas as fases do processo.",
            "Uma avaliação independente mediu a participação e a qualidade da deliberação.",
            "A experiência foi apresentada na oficina internacional da rede.",
            "A democracia participativa exige tempo, recursos e vontade política.",
            "A secretaria publicou um relatório com recomendações.",
            "Os jovens com menos de dezoito anos puderam votar pela primeira vez."]),
}
CITIES = ["Porto Alegre", "Barcelona", "Montevideo", "Dakar", "Grenoble", "Maputo", "Seoul", "Montreal",
          "Canoas", "Reykjavík", "Buenos Aires", "Ouagadougou", "Lisbon", "Bogotá", "Nantes", "Recife"]


def news_fields(rng, i):
    lang = LANGUAGES[i % len(LANGUAGES)]
    subjects, links, sentences = WORDS[lang]
    city = rng.choice(CITIES)
    title = f"{rng.choice(subjects)} {rng.choice(links)} {city} ({i + 1})"
    description = " ".join(rng.sample(sentences, 2))
    paragraphs = ["<p>" + " ".join(rng.sample(sentences, rng.randint(3, 6))) + f" {city}.</p>"
                  for _ in range(rng.randint(3, 6))]
    return {"title": title, "description": description, "body": "\n".join(paragraphs), "language": lang}


def seed(ini, count):
    from pyramid.paster import bootstrap
    from sqlalchemy import select

    from portal.models import News, Page, User, utcnow

    env = bootstrap(ini)
    try:
        request = env["request"]
        rng = random.Random(2026)
        now = utcnow()
        with request.tm:
            db = request.dbsession
            authors = db.scalars(select(User.id).order_by(User.id)).all()
            for i in range(count):
                when = now - timedelta(days=rng.randint(0, 3 * 365), minutes=i)
                db.add(News(state="published", published=when, created=when, modified=when,
                            creator_id=rng.choice(authors) if authors else None, **news_fields(rng, i)))
        with request.tm:  # the index was written after the first commit; read back what it holds
            page_id = request.dbsession.scalar(select(Page.id).where(Page.state == "published")
                                               .order_by(Page.id).limit(1))
        indexed = env["registry"]["search"].count()
        page_path = request.route_path("page.view", id=page_id) if page_id is not None else None
    finally:
        env["closer"]()
    if page_id is None:
        raise SystemExit("seed: the demo content has no published page")
    return {"page_path": page_path, "added": count, "indexed": indexed}


if __name__ == "__main__":
    print(json.dumps(seed(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 300)))
