"""Three dozen events of the network, past and upcoming relative to the day the demo is loaded, in the
four languages: the annual conference, plenary meetings, regional workshops, webinars."""
from datetime import datetime, time, timedelta

from sqlalchemy import select

from portal.api import Request, record_revision
from portal.api import Member, User, WorkflowLog

from portal.api import clock
from .models import Event
from .schemas import EventSchema

PB = "<p>Participatory budgeting, citizen assemblies and local observatories: member cities share what worked.</p>"

# key, language, kind, title, summary, days from today, start, days long, end, zone, venue, city, country,
# online link, member (name), organiser, translation of (key)
EVENTS = [
    ("conf-en", "en", "conference", "Annual Conference of the network: participatory democracy in times of crisis",
     "Three days of sessions, study visits and the Good Practice Award in Citizen Participation ceremony.",
     96, "09:00", 2, "18:00", "America/Sao_Paulo", "Usina do Gasômetro", "Porto Alegre", "BR", "",
     "Porto Alegre", "Technical secretariat and the City of Porto Alegre", None),
    ("poa-op", "pt", "workshop", "Oficina internacional: o Orçamento Participativo depois de 35 anos",
     "Dois dias de trocas entre cidades da rede sobre o futuro do Orçamento Participativo, com visitas às "
     "assembleias de bairro.", -420, "09:00", 1, "17:30", "America/Sao_Paulo", "Câmara Municipal de Porto Alegre",
     "Porto Alegre", "BR", "", "Porto Alegre", "Prefeitura de Porto Alegre", None),
    ("conf-es", "es", "conference", "Conferencia anual de la red: democracia participativa en tiempos de crisis",
     "Tres días de sesiones, visitas de estudio y la entrega de la Distinción de Buenas Prácticas en Participación "
     "Ciudadana.", 96, "09:00", 2, "18:00", "America/Sao_Paulo", "Usina do Gasômetro", "Porto Alegre", "BR", "",
     "Porto Alegre", "Secretaría Técnica y Prefeitura de Porto Alegre", "conf-en"),
    ("conf-fr", "fr", "conference", "Conférence annuelle du réseau : la démocratie participative en temps de crise",
     "Trois jours de sessions, de visites d'étude et la remise du Prix de bonnes pratiques en participation citoyenne.",
     96, "09:00", 2, "18:00", "America/Sao_Paulo", "Usina do Gasômetro", "Porto Alegre", "BR", "",
     "Porto Alegre", "Secrétariat technique et ville de Porto Alegre", "conf-en"),
    ("conf-pt", "pt", "conference", "Conferência anual da rede: democracia participativa em tempos de crise",
     "Três dias de sessões, visitas de estudo e a entrega da Distinção de Boas Práticas em Participação Cidadã.",
     96, "09:00", 2, "18:00", "America/Sao_Paulo", "Usina do Gasômetro", "Porto Alegre", "BR", "",
     "Porto Alegre", "Secretaria Técnica e Prefeitura de Porto Alegre", "conf-en"),
    ("conf-prev", "en", "conference", "Annual Conference of the network in Barcelona",
     "Local governments from five continents met on citizen assemblies and digital participation.",
     -270, "09:30", 2, "17:30", "Europe/Madrid", "Disseny Hub", "Barcelona", "ES", "", "Barcelona",
     "Technical secretariat", None),
    ("plen-en", "en", "plenary", "Plenary meeting of members: work plan and priority themes",
     "Members' internal session: approval of the work plan and election of the coordinators of the working groups.",
     97, "14:00", 0, "18:30", "America/Sao_Paulo", "Câmara Municipal", "Porto Alegre", "BR", "", "Porto Alegre",
     "Technical secretariat", None),
    ("plen-es", "es", "plenary", "Reunión plenaria de miembros: plan de trabajo y temáticas prioritarias",
     "Sesión interna de miembros: aprobación del plan de trabajo y elección de las coordinaciones de los grupos de "
     "trabajo.", 97, "14:00", 0, "18:30", "America/Sao_Paulo", "Câmara Municipal", "Porto Alegre", "BR", "",
     "Porto Alegre", "Secretaría Técnica", "plen-en"),
    ("plen-online", "en", "plenary", "Online plenary meeting: mid-term review of the work plan",
     "Members review the action plan halfway through the year and the budget of the technical secretariat.",
     24, "15:00", 0, "17:00", "Europe/Madrid", "", "", "", "https://meet.example.org/network-plenary", None,
     "Technical secretariat", None),
    ("plen-past", "fr", "plenary", "Réunion plénière : bilan du plan de travail",
     "Session interne des membres consacrée au bilan de l'année et aux thématiques prioritaires.",
     -120, "10:00", 0, "13:00", "Europe/Paris", "Hôtel de ville", "Grenoble", "FR", "", "Grenoble",
     "Secrétariat technique", None),
    ("ws-dakar", "fr", "workshop", "Atelier international sur les budgets participatifs en Afrique de l'Ouest",
     "Élus et techniciens de collectivités locales du Sénégal, du Mali et du Burkina Faso partagent leurs "
     "expériences.", 38, "09:00", 1, "17:00", "Africa/Dakar", "Maison de la culture Douta Seck", "Dakar", "SN", "",
     "Dakar", "Ville de Dakar, antenne régionale Afrique", None),
    ("ws-maputo", "pt", "workshop", "Oficina internacional sobre orçamento participativo e género",
     "Como garantir a participação das mulheres nas assembleias de bairro: experiências de Moçambique e do Brasil.",
     64, "08:30", 1, "16:30", "Africa/Maputo", "Conselho Municipal", "Maputo", "MZ", "", "Maputo",
     "Município de Maputo", None),
    ("ws-sahel", "fr", "workshop", "Atelier régional : observatoires locaux de la démocratie participative",
     "Construire des indicateurs partagés pour suivre la participation citoyenne dans les villes du Sahel.",
     -45, "09:00", 2, "16:00", "Africa/Ouagadougou", "Salle des fêtes de Ouaga 2000", "Ouagadougou", "BF", "",
     "Réseau des villes du Sahel", "Réseau des villes du Sahel", None),
    ("ws-montevideo", "es", "workshop", "Taller internacional: presupuestos participativos con jóvenes",
     "Montevideo presenta su experiencia de presupuesto participativo joven y recibe a ciudades de la región.",
     52, "10:00", 1, "18:00", "America/Montevideo", "Intendencia de Montevideo", "Montevideo", "UY", "",
     "Montevideo", "Intendencia de Montevideo, antena regional de América Latina", None),
    ("ws-canoas", "pt", "workshop", "Oficina regional: participação digital e inclusão",
     "Plataformas digitais de participação que não deixam ninguém para trás: a experiência de Canoas.",
     -20, "09:00", 0, "17:00", "America/Sao_Paulo", "Centro Cultural", "Canoas", "BR", "", "Canoas",
     "Prefeitura de Canoas", None),
    ("ws-ba", "es", "workshop", "Taller: evaluación de asambleas ciudadanas en América Latina",
     "Investigadores y gobiernos locales comparan métodos para evaluar asambleas ciudadanas.",
     130, "14:00", 0, "19:00", "America/Argentina/Buenos_Aires", "Facultad de Ciencias Sociales", "Buenos Aires",
     "AR", "", "Universidad de Buenos Aires", "Universidad de Buenos Aires", None),
    ("ws-grenoble", "fr", "workshop", "Atelier international : assemblées citoyennes et climat",
     "Tirage au sort, délibération et suivi des propositions : retours d'expérience de villes européennes.",
     18, "09:30", 1, "17:00", "Europe/Paris", "Maison de la Création", "Grenoble", "FR", "", "Grenoble",
     "Ville de Grenoble", None),
    ("ws-reykjavik", "en", "workshop", "International workshop: neighbourhood budgets in Nordic cities",
     "Reykjavík's 'Better Neighbourhoods' and what other cities learnt from it.",
     -150, "09:00", 1, "16:00", "Atlantic/Reykjavik", "City Hall", "Reykjavík", "IS", "", "Reykjavík",
     "Reykjavíkurborg", None),
    ("ws-barcelona", "es", "workshop", "Taller internacional: plataformas abiertas de participación",
     "Decidim y otras plataformas de software libre al servicio de los gobiernos locales.",
     -300, "10:00", 0, "18:00", "Europe/Madrid", "Ca l'Alier", "Barcelona", "ES", "", "Barcelona",
     "Ajuntament de Barcelona", None),
    ("ws-montreal", "fr", "workshop", "Atelier nord-américain : budgets participatifs et réconciliation",
     "Montréal et des villes des États-Unis partagent leurs démarches avec les communautés autochtones.",
     45, "13:00", 0, "17:00", "America/Toronto", "Hôtel de ville", "Montréal", "CA", "", "Montreal",
     "Ville de Montréal, antenne régionale Amérique du Nord", None),
    ("ws-montreal-en", "en", "workshop", "North American workshop: participatory budgeting and reconciliation",
     "Montreal and US cities share how they work with Indigenous communities.",
     45, "13:00", 0, "17:00", "America/Toronto", "City Hall", "Montreal", "CA", "", "Montreal",
     "City of Montreal, North America regional antenna", "ws-montreal"),
    ("ws-chicago", "en", "workshop", "Workshop: participatory budgeting in schools",
     "Public schools that let students decide part of the budget, and what cities can learn from them.",
     -75, "10:00", 0, "15:00", "America/Chicago", "Harold Washington Library Center", "Chicago", "US", "", None,
     "North America regional antenna", None),
    ("ws-seoul", "en", "workshop", "International workshop: citizen participation in megacities",
     "Seoul's citizen participatory budgeting and the districts' deliberation committees.",
     150, "09:30", 1, "17:30", "Asia/Seoul", "Seoul City Hall", "Seoul", "KR", "", "Seoul Metropolitan Government",
     "Seoul Metropolitan Government", None),
    ("web-pb", "en", "webinar", "Webinar: how to start a participatory budget in a small municipality",
     "One hour with three mayors who started with a small budget and a lot of listening.",
     9, "16:00", 0, "17:00", "UTC", "", "", "", "https://meet.example.org/webinar-small-pb", None,
     "Technical secretariat", None),
    ("web-pb-es", "es", "webinar", "Webinario: cómo empezar un presupuesto participativo en un municipio pequeño",
     "Una hora con tres alcaldesas y alcaldes que empezaron con poco presupuesto y mucha escucha.",
     10, "16:00", 0, "17:00", "America/Mexico_City", "", "", "", "https://meet.example.org/webinario-pp", None,
     "Secretaría Técnica", "web-pb"),
    ("web-award", "fr", "webinar", "Webinaire : préparer sa candidature au Prix de bonnes pratiques en participation citoyenne",
     "Les critères du jury, des exemples de candidatures primées et vos questions.",
     15, "11:00", 0, "12:30", "Europe/Paris", "", "", "", "https://meet.example.org/webinaire-prix", None,
     "Secrétariat technique", None),
    ("web-award-pt", "pt", "webinar", "Webinar: preparar a candidatura à Distinção de Boas Práticas em Participação Cidadã",
     "Os critérios do júri, exemplos de candidaturas premiadas e as suas perguntas.",
     16, "10:00", 0, "11:30", "America/Sao_Paulo", "", "", "", "https://meet.example.org/webinar-distincao", None,
     "Secretaria Técnica", "web-award"),
    ("web-youth", "en", "webinar", "Webinar: youth councils that decide",
     "Youth participation beyond consultation: councils with a budget and a mandate.",
     -10, "15:00", 0, "16:30", "Europe/London", "", "", "", "https://meet.example.org/webinar-youth", None,
     "Working group on youth participation", None),
    ("web-obs", "es", "webinar", "Webinario: observatorios locales de democracia participativa",
     "Cómo medir la calidad de la participación: indicadores y experiencias.",
     -60, "17:00", 0, "18:30", "America/Bogota", "", "", "", "https://meet.example.org/webinario-observatorios",
     None, "Grupo de trabajo de observatorios", None),
    ("meet-advisory", "en", "meeting", "Meeting of the advisory group",
     "The advisory group reviews the network's strategy and the thematic sheets.",
     30, "10:00", 0, "13:00", "Europe/Madrid", "Technical secretariat offices", "Barcelona", "ES", "", "Barcelona",
     "Technical secretariat", None),
    ("meet-antennas", "es", "meeting", "Reunión de coordinación de las antenas regionales",
     "Las antenas regionales ponen en común su agenda y sus proyectos piloto.",
     -30, "15:00", 0, "17:00", "UTC", "", "", "", "https://meet.example.org/antenas", None,
     "Secretaría Técnica", None),
    ("meet-pilot", "pt", "meeting", "Reunião das cidades piloto do projeto de orçamento participativo digital",
     "As cidades piloto apresentam os primeiros resultados do projeto piloto.",
     72, "09:00", 0, "12:00", "America/Sao_Paulo", "Prefeitura", "Canoas", "BR", "", "Canoas",
     "Prefeitura de Canoas", None),
    ("other-fair", "fr", "other", "Forum des initiatives citoyennes de Dakar",
     "Une journée ouverte où associations et quartiers présentent leurs projets aux habitants.",
     -200, "10:00", 0, "19:00", "Africa/Dakar", "Place de l'Obélisque", "Dakar", "SN", "", "Dakar",
     "Ville de Dakar", None),
    ("other-summer", "en", "other", "Summer school on participatory democracy",
     "A week of courses for local officials and researchers, with study visits.",
     210, "09:00", 4, "17:00", "Europe/Lisbon", "Universidade de Lisboa", "Lisbon", "PT", "", None,
     "Technical secretariat and partner universities", None),
]


def create_demo_events(request: Request) -> None:
    db = request.dbsession
    author = db.scalar(select(User).where(User.role == "secretariat").order_by(User.id))
    members = {m.name: m for m in db.scalars(select(Member))}
    now = clock.now()
    by_key: dict[str, Event] = {}
    schema = EventSchema()
    for (key, lang, kind, title, summary, days, start, length, end, tz, venue, city, country, online, member,
         organiser, original) in EVENTS:
        event = Event(title=title, description=summary, body=PB, language=lang, kind=kind, timezone=tz,
                      venue=venue, city=city, country=country or None, online_url=online, organiser=organiser,
                      member_id=members[member].id if member in members else None,
                      creator_id=author.id if author else None)
        day = (now + timedelta(days=days)).astimezone(event.tz).date()
        event.start_local = datetime.combine(day, time.fromisoformat(start))
        event.end_local = datetime.combine(day + timedelta(days=length), time.fromisoformat(end))
        if days > 20:
            event.registration_url = f"https://register.example.org/{key}"
            event.registration_deadline = day - timedelta(days=7)
        if original:
            event.translation_group = by_key[original].translation_group
        db.add(event)
        db.flush()
        by_key[key] = event
        record_revision(request, schema, event, "Created")
        published = min(now, event.starts) - timedelta(days=30)
        event.state, event.published = "published", published
        db.add(WorkflowLog(content_id=event.id, transition="publish", from_state="draft", to_state="published",
                           actor_id=author.id if author else None, at=published))
    # one draft, waiting to be published
    draft = Event(title="Draft: regional workshop in Asia-Pacific", description="Dates to be confirmed.",
                  body="<p>Work in progress.</p>", language="en", kind="workshop", timezone="Asia/Manila",
                  city="Quezon City", country="PH", creator_id=author.id if author else None)
    day = (now + timedelta(days=180)).date()
    draft.start_local = datetime.combine(day, time(9))
    draft.end_local = datetime.combine(day, time(17))
    db.add(draft)
