"""Generated experiences for the import and search benchmark, and the fixed queries run against them.

    python bench/experience_data.py OUT.json [COUNT]        # writes COUNT (default 20,000) rows

Deterministic: row i depends only on (SEED, i), so the first 20,000 of 200,000 are the same rows as
the 20,000 of the SQLite run, and any slice can be generated on its own (the PostgreSQL bulk load
streams rows in chunks). Texts are assembled from word lists per language (en, es, fr, pt): about
30,000 distinct sentences per language, theme-specific phrases, real cities of the five regions.
The rows are in the import format of `portal import-experiences` (plugins/experiences/importer.py).
"""
import json
import random
import sys

SEED = 2026
LANGUAGE_WEIGHTS = {"en": 35, "es": 30, "fr": 20, "pt": 15}

MECHANISMS = ("participatory-budget", "deliberative-assembly", "advisory-council", "public-consultation",
              "digital-platform", "co-design-workshop", "monitoring-observatory", "referendum-initiative", "other")
MECHANISM_WEIGHTS = (24, 14, 12, 12, 12, 8, 7, 5, 6)
SCALES = ("neighbourhood", "city", "metropolitan", "regional", "national")
SCALE_WEIGHTS = (20, 50, 12, 12, 6)

# the shipped taxonomy (plugins/experiences/migrations/x001_experiences.py), label per language
THEMES = {
    "participatory-budgeting": ("Participatory budgeting", "Presupuesto participativo", "Budget participatif",
                                "Orçamento participativo"),
    "citizen-assemblies": ("Citizen assemblies", "Asambleas ciudadanas", "Assemblées citoyennes",
                           "Assembleias cidadãs"),
    "e-participation": ("E-participation", "Participación digital", "Participation numérique",
                        "Participação digital"),
    "youth-participation": ("Youth participation", "Participación juvenil", "Participation des jeunes",
                            "Participação juvenil"),
    "gender-equality": ("Gender equality", "Igualdad de género", "Égalité de genre", "Igualdade de gênero"),
    "neighbourhood-councils": ("Neighbourhood councils", "Consejos vecinales", "Conseils de quartier",
                               "Conselhos de bairro"),
    "open-government": ("Open government", "Gobierno abierto", "Gouvernement ouvert", "Governo aberto"),
    "participatory-planning": ("Participatory planning", "Planificación participativa",
                               "Planification participative", "Planejamento participativo"),
    "local-observatories": ("Local observatories of participatory democracy",
                            "Observatorios locales de democracia participativa",
                            "Observatoires locaux de la démocratie participative",
                            "Observatórios locais de democracia participativa"),
    "public-consultation": ("Public consultation", "Consulta pública", "Consultation publique", "Consulta pública"),
    "social-accountability": ("Social accountability", "Control social", "Redevabilité sociale", "Controle social"),
    "inclusion-migrants": ("Inclusion of migrants", "Inclusión de personas migrantes",
                           "Inclusion des personnes migrantes", "Inclusão de migrantes"),
    "climate-environment": ("Climate and environment", "Clima y medio ambiente", "Climat et environnement",
                            "Clima e meio ambiente"),
}
LANG_INDEX = {"en": 0, "es": 1, "fr": 2, "pt": 3}
THEME_OF_MECHANISM = {
    "participatory-budget": "participatory-budgeting", "deliberative-assembly": "citizen-assemblies",
    "advisory-council": "neighbourhood-councils", "public-consultation": "public-consultation",
    "digital-platform": "e-participation", "co-design-workshop": "participatory-planning",
    "monitoring-observatory": "local-observatories", "referendum-initiative": "open-government",
}

# (city, ISO 3166-1 alpha-2); each language draws mostly from its own list, sometimes from any
CITIES = {
    "en": [("Seoul", "KR"), ("Taipei", "TW"), ("Bangalore", "IN"), ("Kochi", "IN"), ("Cebu", "PH"),
           ("Melbourne", "AU"), ("Wellington", "NZ"), ("New York", "US"), ("Chicago", "US"),
           ("Boston", "US"), ("Toronto", "CA"), ("Vancouver", "CA"), ("Glasgow", "GB"), ("Bristol", "GB"),
           ("Dublin", "IE"), ("Reykjavík", "IS"), ("Gdańsk", "PL"), ("Helsinki", "FI"), ("Nairobi", "KE"),
           ("Kampala", "UG"), ("Cape Town", "ZA"), ("Accra", "GH"), ("Lagos", "NG"), ("Bandung", "ID"),
           ("Surabaya", "ID"), ("Kathmandu", "NP"), ("Dhaka", "BD"), ("Colombo", "LK")],
    "es": [("Barcelona", "ES"), ("Madrid", "ES"), ("Sevilla", "ES"), ("Bilbao", "ES"), ("Valencia", "ES"),
           ("Montevideo", "UY"), ("Buenos Aires", "AR"), ("Rosario", "AR"), ("Córdoba", "AR"),
           ("Bogotá", "CO"), ("Medellín", "CO"), ("Cali", "CO"), ("Lima", "PE"), ("Arequipa", "PE"),
           ("Quito", "EC"), ("Cuenca", "EC"), ("Santiago", "CL"), ("Valparaíso", "CL"),
           ("Ciudad de México", "MX"), ("Guadalajara", "MX"), ("La Paz", "BO"), ("Cochabamba", "BO"),
           ("Asunción", "PY"), ("San José", "CR"), ("Tegucigalpa", "HN"), ("Malabo", "GQ")],
    "fr": [("Paris", "FR"), ("Grenoble", "FR"), ("Nantes", "FR"), ("Lyon", "FR"), ("Lille", "FR"),
           ("Rennes", "FR"), ("Bruxelles", "BE"), ("Liège", "BE"), ("Genève", "CH"), ("Lausanne", "CH"),
           ("Montréal", "CA"), ("Québec", "CA"), ("Dakar", "SN"), ("Saint-Louis", "SN"),
           ("Ouagadougou", "BF"), ("Bobo-Dioulasso", "BF"), ("Yaoundé", "CM"), ("Douala", "CM"),
           ("Rabat", "MA"), ("Tunis", "TN"), ("Abidjan", "CI"), ("Bamako", "ML"), ("Cotonou", "BJ"),
           ("Port-au-Prince", "HT"), ("Antananarivo", "MG")],
    "pt": [("Porto Alegre", "BR"), ("Recife", "BR"), ("Belo Horizonte", "BR"), ("São Paulo", "BR"),
           ("Canoas", "BR"), ("Fortaleza", "BR"), ("Salvador", "BR"), ("Curitiba", "BR"), ("Lisboa", "PT"),
           ("Porto", "PT"), ("Cascais", "PT"), ("Coimbra", "PT"), ("Braga", "PT"), ("Maputo", "MZ"),
           ("Beira", "MZ"), ("Luanda", "AO"), ("Praia", "CV"), ("Bissau", "GW"), ("Dili", "TL")],
}
ALL_CITIES = [c for cities in CITIES.values() for c in cities]

MECHANISM_NAMES = {
    "participatory-budget": ("Participatory budget", "Presupuesto participativo", "Budget participatif",
                             "Orçamento participativo"),
    "deliberative-assembly": ("Citizens' assembly", "Asamblea ciudadana", "Assemblée citoyenne",
                              "Assembleia cidadã"),
    "advisory-council": ("Advisory council", "Consejo consultivo", "Conseil consultatif", "Conselho consultivo"),
    "public-consultation": ("Public consultation", "Consulta pública", "Consultation publique", "Consulta pública"),
    "digital-platform": ("Digital participation platform", "Plataforma de participación digital",
                         "Plateforme de participation numérique", "Plataforma de participação digital"),
    "co-design-workshop": ("Co-design workshops", "Talleres de co-diseño", "Ateliers de co-conception",
                           "Oficinas de co-criação"),
    "monitoring-observatory": ("Citizen observatory", "Observatorio ciudadano", "Observatoire citoyen",
                               "Observatório cidadão"),
    "referendum-initiative": ("Citizens' initiative", "Iniciativa ciudadana", "Initiative citoyenne",
                              "Iniciativa popular"),
    "other": ("Participatory process", "Proceso participativo", "Processus participatif", "Processo participativo"),
}

# Sentence parts per language: actor + verb + object + complement, about 27,000 sentences each.
PARTS = {
    "en": {
        "actors": ["Residents", "Neighbourhood associations", "Young people", "Women's organisations",
                   "The city council", "Local civil servants", "Community leaders", "Migrant associations",
                   "Students", "Elected representatives", "Trade unions", "Small businesses",
                   "Environmental groups", "Older residents", "Volunteers"],
        "verbs": ["proposed", "debated", "prioritised", "voted on", "monitored", "co-designed", "evaluated",
                  "reviewed", "selected", "drafted", "discussed", "mapped"],
        "objects": ["projects for public spaces", "the municipal investment plan", "new cycling lanes",
                    "the renovation of schools", "a local climate plan", "street lighting and safety",
                    "green areas and urban gardens", "public transport routes", "the annual budget",
                    "housing priorities", "health centre services", "cultural programmes",
                    "water and sanitation works", "digital public services", "measures against gender violence"],
        "complements": ["in open assemblies", "through an online platform", "over several months",
                        "with the support of trained facilitators", "in every district", "in neighbourhood meetings",
                        "during a two-day forum", "with randomly selected citizens", "in partnership with universities",
                        "before the final vote of the council"],
        "free": ["Participatory democracy requires time, resources and political will.",
                 "An independent evaluation measured turnout and the quality of deliberation.",
                 "The experience was presented at the network's international conference.",
                 "Transparency of the budget and open data made follow-up possible.",
                 "The municipality published every decision and its justification.",
                 "Turnout doubled in the second edition of the process.",
                 "The lessons learned were shared with other member cities of the network.",
                 "Accountability sessions were held each year in public."],
        "theme": "This experience is part of the work on {label}.",
        "result": "About {n} people took part in {year}.",
        "title": ["{mech} in {city}", "{mech} of {city}", "{city}: {mech_l} {year}",
                  "{city} {mech_l} ({year})", "{mech} for {group} in {city}", "{theme} in {city}",
                  "{mech} and {theme_l} in {city}"],
        "groups": ["young people", "women", "migrants", "older residents", "children", "informal settlements",
                   "rural communities", "students", "people with disabilities"],
    },
    "es": {
        "actors": ["Los vecinos", "Las asociaciones vecinales", "Los jóvenes", "Las organizaciones de mujeres",
                   "El ayuntamiento", "Los funcionarios municipales", "Los líderes comunitarios",
                   "Las asociaciones de migrantes", "Los estudiantes", "Los concejales", "Los sindicatos",
                   "Los pequeños comercios", "Los colectivos ecologistas", "Las personas mayores", "Los voluntarios"],
        "verbs": ["propusieron", "debatieron", "priorizaron", "votaron", "supervisaron", "co-diseñaron",
                  "evaluaron", "revisaron", "seleccionaron", "redactaron", "discutieron", "cartografiaron"],
        "objects": ["proyectos para el espacio público", "el plan municipal de inversiones",
                    "nuevos carriles para bicicletas", "la renovación de las escuelas", "un plan local de clima",
                    "el alumbrado y la seguridad", "las zonas verdes y los huertos urbanos",
                    "las rutas del transporte público", "el presupuesto anual", "las prioridades de vivienda",
                    "los servicios del centro de salud", "los programas culturales", "las obras de agua y saneamiento",
                    "los servicios públicos digitales", "medidas contra la violencia de género"],
        "complements": ["en asambleas abiertas", "a través de una plataforma en línea", "durante varios meses",
                        "con el apoyo de facilitadores", "en todos los distritos", "en reuniones de barrio",
                        "durante un foro de dos días", "con ciudadanos elegidos por sorteo",
                        "en colaboración con universidades", "antes de la votación final del pleno"],
        "free": ["La democracia participativa requiere tiempo, recursos y voluntad política.",
                 "Una evaluación independiente midió la participación y la calidad de la deliberación.",
                 "La experiencia se presentó en la conferencia internacional de la red.",
                 "La transparencia del presupuesto y los datos abiertos permitieron el seguimiento.",
                 "El municipio publicó cada decisión y su justificación.",
                 "La participación se duplicó en la segunda edición del proceso.",
                 "Las lecciones aprendidas se compartieron con otras ciudades de la red.",
                 "Cada año se celebraron sesiones públicas de rendición de cuentas."],
        "theme": "Esta experiencia forma parte del trabajo sobre {label}.",
        "result": "Unas {n} personas participaron en {year}.",
        "title": ["{mech} en {city}", "{mech} de {city}", "{city}: {mech_l} {year}", "{mech} de {city} ({year})",
                  "{mech} para {group} en {city}", "{theme} en {city}", "{mech} e {theme_l} en {city}"],
        "groups": ["jóvenes", "mujeres", "personas migrantes", "personas mayores", "niñas y niños",
                   "asentamientos informales", "comunidades rurales", "estudiantes", "personas con discapacidad"],
    },
    "fr": {
        "actors": ["Les habitants", "Les associations de quartier", "Les jeunes", "Les associations de femmes",
                   "Le conseil municipal", "Les agents municipaux", "Les responsables associatifs",
                   "Les associations de migrants", "Les étudiants", "Les élus", "Les syndicats",
                   "Les commerçants", "Les collectifs écologistes", "Les personnes âgées", "Les bénévoles"],
        "verbs": ["ont proposé", "ont débattu", "ont priorisé", "ont voté", "ont suivi", "ont co-construit",
                  "ont évalué", "ont examiné", "ont sélectionné", "ont rédigé", "ont discuté", "ont cartographié"],
        "objects": ["des projets pour l'espace public", "le plan d'investissement municipal",
                    "de nouvelles pistes cyclables", "la rénovation des écoles", "un plan climat local",
                    "l'éclairage et la sécurité", "les espaces verts et les jardins partagés",
                    "les lignes de transport public", "le budget annuel", "les priorités en matière de logement",
                    "les services du centre de santé", "les programmes culturels",
                    "les travaux d'eau et d'assainissement", "les services publics numériques",
                    "des mesures contre les violences faites aux femmes"],
        "complements": ["en assemblées ouvertes", "sur une plateforme en ligne", "pendant plusieurs mois",
                        "avec l'appui d'animateurs formés", "dans chaque arrondissement", "en réunions de quartier",
                        "lors d'un forum de deux jours", "avec des citoyens tirés au sort",
                        "en partenariat avec les universités", "avant le vote final du conseil"],
        "free": ["La démocratie participative demande du temps, des moyens et une volonté politique.",
                 "Une évaluation indépendante a mesuré la participation et la qualité de la délibération.",
                 "L'expérience a été présentée à la conférence internationale du réseau.",
                 "La transparence du budget et les données ouvertes ont permis le suivi.",
                 "La commune a publié chaque décision et sa justification.",
                 "La participation a doublé lors de la deuxième édition du processus.",
                 "Les enseignements ont été partagés avec d'autres villes du réseau.",
                 "Des séances publiques de redevabilité ont eu lieu chaque année."],
        "theme": "Cette expérience s'inscrit dans le travail sur {label}.",
        "result": "Environ {n} personnes ont participé en {year}.",
        "title": ["{mech} à {city}", "{mech} de {city}", "{city} : {mech_l} {year}", "{mech} de {city} ({year})",
                  "{mech} pour {group} à {city}", "{theme} à {city}", "{mech} et {theme_l} à {city}"],
        "groups": ["les jeunes", "les femmes", "les personnes migrantes", "les aînés", "les enfants",
                   "les quartiers informels", "les communautés rurales", "les étudiants",
                   "les personnes handicapées"],
    },
    "pt": {
        "actors": ["Os moradores", "As associações de bairro", "Os jovens", "As organizações de mulheres",
                   "A prefeitura", "Os servidores municipais", "As lideranças comunitárias",
                   "As associações de migrantes", "Os estudantes", "Os vereadores", "Os sindicatos",
                   "Os pequenos comerciantes", "Os coletivos ambientalistas", "Os idosos", "Os voluntários"],
        "verbs": ["propuseram", "debateram", "priorizaram", "votaram", "acompanharam", "co-criaram",
                  "avaliaram", "revisaram", "selecionaram", "redigiram", "discutiram", "mapearam"],
        "objects": ["projetos para o espaço público", "o plano municipal de investimentos",
                    "novas ciclovias", "a reforma das escolas", "um plano local de clima",
                    "a iluminação e a segurança", "as áreas verdes e as hortas urbanas",
                    "as linhas de transporte público", "o orçamento anual", "as prioridades de habitação",
                    "os serviços do posto de saúde", "os programas culturais", "as obras de água e saneamento",
                    "os serviços públicos digitais", "medidas contra a violência de gênero"],
        "complements": ["em assembleias abertas", "por meio de uma plataforma online", "durante vários meses",
                        "com o apoio de facilitadores", "em todas as regiões da cidade", "em reuniões de bairro",
                        "durante um fórum de dois dias", "com cidadãos sorteados",
                        "em parceria com universidades", "antes da votação final da câmara"],
        "free": ["A democracia participativa exige tempo, recursos e vontade política.",
                 "Uma avaliação independente mediu a participação e a qualidade da deliberação.",
                 "A experiência foi apresentada na conferência internacional da rede.",
                 "A transparência do orçamento e os dados abertos permitiram o acompanhamento.",
                 "O município publicou cada decisão e a sua justificativa.",
                 "A participação dobrou na segunda edição do processo.",
                 "As lições aprendidas foram partilhadas com outras cidades da rede.",
                 "Sessões públicas de prestação de contas foram realizadas todos os anos."],
        "theme": "Esta experiência faz parte do trabalho sobre {label}.",
        "result": "Cerca de {n} pessoas participaram em {year}.",
        "title": ["{mech} em {city}", "{mech} de {city}", "{city}: {mech_l} {year}", "{mech} de {city} ({year})",
                  "{mech} para {group} em {city}", "{theme} em {city}", "{mech} e {theme_l} em {city}"],
        "groups": ["jovens", "mulheres", "migrantes", "idosos", "crianças", "assentamentos informais",
                   "comunidades rurais", "estudantes", "pessoas com deficiência"],
    },
}

# Words a theme brings into the text, per language
THEME_WORDS = {
    "participatory-budgeting": {"en": ["budget", "public investment", "vote on projects"],
                                "es": ["presupuesto", "inversión pública", "votación de proyectos"],
                                "fr": ["budget", "investissement public", "vote des projets"],
                                "pt": ["orçamento", "investimento público", "votação de projetos"]},
    "citizen-assemblies": {"en": ["sortition", "deliberation", "recommendations"],
                           "es": ["sorteo", "deliberación", "recomendaciones"],
                           "fr": ["tirage au sort", "délibération", "recommandations"],
                           "pt": ["sorteio", "deliberação", "recomendações"]},
    "e-participation": {"en": ["online platform", "digital tools", "open source software"],
                        "es": ["plataforma en línea", "herramientas digitales", "software libre"],
                        "fr": ["plateforme en ligne", "outils numériques", "logiciel libre"],
                        "pt": ["plataforma online", "ferramentas digitais", "software livre"]},
    "youth-participation": {"en": ["youth council", "schools", "young people"],
                            "es": ["consejo de la juventud", "escuelas", "juventud"],
                            "fr": ["conseil des jeunes", "écoles", "jeunesse"],
                            "pt": ["conselho da juventude", "escolas", "juventude"]},
    "gender-equality": {"en": ["women", "gender budgeting", "parity"],
                        "es": ["mujeres", "presupuestos con perspectiva de género", "paridad"],
                        "fr": ["femmes", "budget sensible au genre", "parité"],
                        "pt": ["mulheres", "orçamento sensível a gênero", "paridade"]},
    "neighbourhood-councils": {"en": ["neighbourhood", "local council", "district"],
                               "es": ["barrio", "junta vecinal", "distrito"],
                               "fr": ["quartier", "conseil local", "arrondissement"],
                               "pt": ["bairro", "conselho local", "distrito"]},
    "open-government": {"en": ["transparency", "open data", "access to information"],
                        "es": ["transparencia", "datos abiertos", "acceso a la información"],
                        "fr": ["transparence", "données ouvertes", "accès à l'information"],
                        "pt": ["transparência", "dados abertos", "acesso à informação"]},
    "participatory-planning": {"en": ["urban planning", "master plan", "land use"],
                               "es": ["urbanismo", "plan director", "uso del suelo"],
                               "fr": ["urbanisme", "plan local d'urbanisme", "usage des sols"],
                               "pt": ["urbanismo", "plano diretor", "uso do solo"]},
    "local-observatories": {"en": ["indicators", "observatory", "monitoring"],
                            "es": ["indicadores", "observatorio", "seguimiento"],
                            "fr": ["indicateurs", "observatoire", "suivi"],
                            "pt": ["indicadores", "observatório", "monitoramento"]},
    "public-consultation": {"en": ["consultation", "public hearing", "survey"],
                            "es": ["consulta", "audiencia pública", "encuesta"],
                            "fr": ["consultation", "audition publique", "enquête"],
                            "pt": ["consulta", "audiência pública", "pesquisa"]},
    "social-accountability": {"en": ["accountability", "citizen oversight", "public spending"],
                              "es": ["rendición de cuentas", "veeduría ciudadana", "gasto público"],
                              "fr": ["redevabilité", "contrôle citoyen", "dépense publique"],
                              "pt": ["prestação de contas", "controle cidadão", "gasto público"]},
    "inclusion-migrants": {"en": ["migrants", "refugees", "newcomers"],
                           "es": ["migrantes", "refugiados", "recién llegados"],
                           "fr": ["migrants", "réfugiés", "nouveaux arrivants"],
                           "pt": ["migrantes", "refugiados", "recém-chegados"]},
    "climate-environment": {"en": ["climate", "energy transition", "biodiversity"],
                            "es": ["clima", "transición energética", "biodiversidad"],
                            "fr": ["climat", "transition énergétique", "biodiversité"],
                            "pt": ["clima", "transição energética", "biodiversidade"]},
}
THEME_SENTENCE = {"en": "The process focused on {a} and {b}.", "es": "El proceso se centró en {a} y {b}.",
                  "fr": "Le processus a porté sur {a} et {b}.", "pt": "O processo centrou-se em {a} e {b}."}
LANGUAGES = tuple(LANGUAGE_WEIGHTS)
_LANG_WEIGHTS = tuple(LANGUAGE_WEIGHTS.values())


def _lower_first(text):
    return text[:1].lower() + text[1:]


def _sentence(rng, parts):
    return (f"{rng.choice(parts['actors'])} {rng.choice(parts['verbs'])} {rng.choice(parts['objects'])} "
            f"{rng.choice(parts['complements'])}.")


def _theme_sentence(rng, lang, words):
    a, b = rng.sample(words, 2)
    return THEME_SENTENCE[lang].format(a=a, b=b)


def experience(i, seed=SEED):
    """Row i of the generated set, in the import format."""
    rng = random.Random(seed * 1_000_003 + i)
    lang = rng.choices(LANGUAGES, _LANG_WEIGHTS)[0]
    li = LANG_INDEX[lang]
    parts = PARTS[lang]
    city, country = rng.choice(CITIES[lang]) if rng.random() < 0.8 else rng.choice(ALL_CITIES)
    mechanism = rng.choices(MECHANISMS, MECHANISM_WEIGHTS)[0]
    themes = [THEME_OF_MECHANISM[mechanism]] if mechanism in THEME_OF_MECHANISM and rng.random() < 0.7 else []
    for slug in rng.sample(list(THEMES), rng.randint(1, 3)):
        if slug not in themes and len(themes) < 3:
            themes.append(slug)
    start = rng.randint(1989, 2025)
    end = None if rng.random() < 0.35 else min(2026, start + rng.randint(0, 8))
    mech_name = MECHANISM_NAMES[mechanism][li]
    # a title naming a theme names one the mechanism's own name does not already say
    theme_label = THEMES[themes[-1]][li]
    title = rng.choice(parts["title"]).format(
        mech=mech_name, mech_l=_lower_first(mech_name), city=city, year=start, group=rng.choice(parts["groups"]),
        theme=theme_label, theme_l=_lower_first(theme_label))

    words = [w for slug in themes for w in THEME_WORDS[slug][lang]]
    summary = " ".join([_sentence(rng, parts),
                        _theme_sentence(rng, lang, words)])
    paragraphs = []
    for p in range(rng.randint(3, 6)):
        sentences = [_sentence(rng, parts) for _ in range(rng.randint(2, 5))]
        sentences.insert(rng.randint(0, len(sentences)), rng.choice(parts["free"]))
        if p == 0:
            sentences.append(parts["theme"].format(label=_lower_first(THEMES[rng.choice(themes)][li])))
        if rng.random() < 0.5:
            sentences.append(_theme_sentence(rng, lang, words))
        text = " ".join(sentences)
        if rng.random() < 0.25:
            text = text.replace(mech_name.split()[0], f"<strong>{mech_name.split()[0]}</strong>", 1)
        paragraphs.append(f"<p>{text}</p>")
    if rng.random() < 0.4:
        items = "".join(f"<li>{_sentence(rng, parts)}</li>" for _ in range(rng.randint(2, 4)))
        paragraphs.insert(rng.randint(1, len(paragraphs)), f"<ul>{items}</ul>")
    paragraphs.append("<p>" + parts["result"].format(n=rng.randrange(50, 60000, 10), year=end or start)
                      + f' <a href="https://example.org/{lang}/experiences/{i + 1}">{city}</a></p>')
    return {
        "external_id": f"bench-{i + 1:06d}",
        "title": title,
        "summary": summary,
        "description": "\n".join(paragraphs),
        "language": lang,
        "city": city,
        "country": country,
        "themes": themes,
        "start_year": start,
        "end_year": end,
        "url": f"https://example.org/{lang}/experiences/{i + 1}",
        "state": "published",
        "mechanism": mechanism,
        "scale": rng.choices(SCALES, SCALE_WEIGHTS)[0],
    }


def experiences(start, stop, seed=SEED):
    for i in range(start, stop):
        yield experience(i, seed)


def search_document(row, content_id, date):
    """The document the portal indexes for an imported row (plugins/experiences/search.py's
    experience_document, with build_document's key, type, language, year and allowed), computed here
    from the row: the FTS5 baseline indexes it, the PostgreSQL bulk load writes it."""
    from portal.countries import country_name, region_of
    from portal.i18n import LANGUAGES as PORTAL_LANGUAGES
    from portal.sanitize import clean_html, html_to_text
    body = clean_html(row["description"])
    themes = sorted(row["themes"])  # the relationship is ordered by slug
    countries = " ".join(country_name(row["country"], lang) for lang in PORTAL_LANGUAGES)
    return {
        "id": content_id,
        "key": f"experience:{content_id}",
        "type": "experience",
        "title": row["title"],
        "body": body,
        "text": "\n".join(filter(None, [row["summary"], html_to_text(body), row["city"]])),
        "extra": " ".join([label for slug in themes for label in THEMES[slug]] + [row["city"], countries]),
        "url": f"/experiences/{content_id}",
        "language": row["language"],
        "date": date,
        "year": str(date.year),
        "region": [region_of(row["country"])],
        "facets": {"theme": themes, "country": [row["country"]], "mechanism": [row["mechanism"]],
                   "scale": [row["scale"]], "start_year": [str(row["start_year"])] if row["start_year"] else [],
                   "sdg": []},
    }


def write_json(path, count, seed=SEED):
    """The import file: a JSON array, one object per line (so import errors name a useful line)."""
    with open(path, "w", encoding="utf-8") as out:
        out.write("[\n")
        for i, row in enumerate(experiences(0, count, seed)):
            out.write(("," if i else "") + json.dumps(row, ensure_ascii=False) + "\n")
        out.write("]\n")


# The fixed queries of /search.json: single words in each language, theme labels in another language
# than most of the experiences filed under them, filters (type, theme, region, language), sort by date,
# a page further down, and one listing without words. Each is a query string as given to /search.json.
QUERIES = [
    "q=participatory",
    "q=budget",
    "q=presupuesto+participativo",
    "q=participaci%C3%B3n",
    "q=d%C3%A9mocratie",
    "q=quartier",
    "q=or%C3%A7amento",
    "q=juventude",
    "q=citizen+assemblies",
    "q=Assembl%C3%A9es+citoyennes",
    "q=Or%C3%A7amento+participativo&type=experience&theme=participatory-budgeting",
    "q=climate&type=experience&theme=climate-environment&region=europe",
    "q=migrantes&region=latin-america-caribbean",
    "q=evaluation&sort=date",
    "q=d%C3%A9lib%C3%A9ration&language=fr",
    "q=Porto+Alegre",
    "q=transparency+open+data",
    "q=conseil&type=experience&region=africa&sort=date",
    "q=women&theme=gender-equality&region=asia-pacific",
    "q=participatory&page=5",
    "type=experience&theme=gender-equality&sort=date",
]


if __name__ == "__main__":
    write_json(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 20000)
