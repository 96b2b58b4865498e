"""Ranking over a corpus of experiences in the four languages (the demo's and generated ones), on both
backends: an item whose title or summary names all the query's words is on the first page for that
query in any inflection; a quoted phrase ranks its exact occurrences first; equal scores put the
reader's language first."""
import json
from datetime import datetime, timedelta, timezone
from itertools import cycle
from pathlib import Path

import pytest

from portal.models import News, utcnow
from portal.search import SearchQuery

DEMO = Path(__file__).parents[2] / "plugins" / "experiences" / "demo" / "experiences.json"

# generated experiences: a title and a text that repeat the network's words, so a query matches many
# more items than those it names in their title
CITIES = ["Lyon", "Rosario", "Recife", "Leeds", "Dakar", "Quito", "Braga", "Gent", "Cebu", "Oaxaca",
          "Lille", "Belém", "Natal", "Accra", "Tunis", "Turku", "Cusco", "Porto", "Nantes", "Malmö"]
GENERATED = {
    "en": (["Citizen {0} for the {1} budget", "Neighbourhood {0} on public services", "{0} of residents and the council",
            "Participatory {0} in schools", "Open data {0} for the city"],
           ["assembly", "panel", "workshop", "forum", "survey", "hearing"],
           "Residents, young people and the council discuss the participatory budget, citizen panels, women's groups "
           "and youth projects; the city reports on the budget and the councils of each neighbourhood."),
    "es": (["{0} ciudadana del presupuesto de {1}", "{0} vecinal sobre servicios públicos", "{0} de vecinos y concejo",
            "{0} participativa en escuelas", "{0} de datos abiertos de la ciudad"],
           ["Asamblea", "Mesa", "Jornada", "Consulta", "Encuesta", "Audiencia"],
           "Vecinas, vecinos y jóvenes debaten el presupuesto participativo, las asambleas ciudadanas, los concejos "
           "vecinales y los laboratorios; la ciudad informa sobre la acción climática y los presupuestos."),
    "pt": (["{0} cidadã do orçamento de {1}", "{0} de bairro sobre serviços públicos", "{0} de moradores e câmara",
            "{0} participativa nas escolas", "{0} de dados abertos da cidade"],
           ["Assembleia", "Mesa", "Jornada", "Consulta", "Inquérito", "Audiência"],
           "Moradores, mulheres e jovens debatem o orçamento participativo, os observatórios cidadãos, as consultas "
           "públicas e as comunidades imigrantes; o conselho municipal presta contas do planeamento."),
    "fr": (["{0} citoyen du budget de {1}", "{0} de quartier sur les services publics", "{0} d'habitants et conseil",
            "{0} participatif dans les écoles", "{0} de données ouvertes de la ville"],
           ["Atelier", "Forum", "Panel", "Débat", "Sondage", "Comité"],
           "Les habitants et les jeunes débattent du budget participatif, des conseils de quartier, des audiences "
           "publiques et de la redevabilité; le conseil municipal rend compte de l'initiative populaire."),
}
START = datetime(2025, 1, 1, tzinfo=timezone.utc)


@pytest.fixture(params=["whoosh", "postgresql"])
def search_backend(request):
    return request.param


def document(n, lang, title, text, extra=""):
    return {"key": f"experience:{n}", "type": "experience", "title": title, "text": text, "extra": extra,
            "language": lang, "url": f"/experiences/{n}", "date": START + timedelta(days=n), "year": "2025",
            "region": [], "allowed": ["system.Everyone"], "facets": {}}


def experiences():
    docs = []
    for n, item in enumerate(json.loads(DEMO.read_text()), start=1):
        docs.append(document(n, item["language"], item["title"],
                             "\n".join(filter(None, [item.get("summary"), item.get("description")])), item.get("city", "")))
    n = len(docs)
    for lang, (titles, kinds, text) in GENERATED.items():
        cities = cycle(CITIES)
        for i in range(30):
            n += 1
            city = next(cities)
            title = titles[i % len(titles)].format(kinds[i % len(kinds)], city)
            # a summary of its own first (what a title or summary names ranks first), then the shared words
            docs.append(document(n, lang, f"{title} ({city})", f"{city} {i}.\n{text} {city}. {text}", city))
    return docs


@pytest.fixture
def ranked(registry):
    backend = registry["search"]
    docs = experiences()
    assert len(docs) >= 150
    backend.index(docs)
    return backend


def top(backend, text, language="en", n=10):
    return [hit.title for hit in backend.search(SearchQuery(text=text, page_size=n, language=language)).hits]


# query (another inflection of the title's words) -> an experience that must be on the first page
CASES = [
    ("es", "presupuestos participativos jóvenes", "Presupuesto Participativo Joven: las juventudes de las comunas"),
    ("es", "concejo vecinal", "Concejos Vecinales: tres décadas de participación territorial en Montevideo"),
    ("es", "asambleas ciudadanas incendio", "Asamblea Ciudadana sobre prevención de incendios"),
    ("es", "laboratorio ciudadano acciones climáticas", "Laboratorios ciudadanos para el Plan de Acción Climática"),
    ("es", "presupuesto participativo género distrito", "Presupuesto Participativo con perspectiva de género"),
    ("pt", "orçamentos participativos municipais", "Orçamento Participativo Municipal de Maputo"),
    ("pt", "observatórios cidadãos", "Observatório Cidadão da Gestão Participativa de Fortaleza"),
    ("pt", "consultas públicas comunidade imigrante", "Consulta pública sobre a integração das comunidades"),
    ("pt", "planeamentos participativos mulher", "Planeamento participativo nos sucos de Díli"),
    ("pt", "jovens decidem", "Cascais Jovem Decide"),
    ("fr", "conseils municipaux jeune", "Conseil municipal des jeunes de Ouagadougou"),
    ("fr", "audience publique redevabilités", "Audiences publiques de redevabilité de la commune de Dschang"),
    ("fr", "initiatives populaires communales", "Faciliter l'initiative populaire communale"),
    ("fr", "budgets participatifs montréal", "Budget participatif de Montréal"),
    ("fr", "conseil de quartiers québec", "Le réseau des conseils de quartier de la Ville de Québec"),
    ("en", "citizen panels river", "Citizens' panel on the future of the Bystrzyca river corridor"),
    ("en", "woman neighbourhood environment", "Green kampungs: women-led neighbourhood environmental action"),
    ("en", "youth participatory budget", "Youth participatory budgeting pilot in Worcester"),
    ("en", "citizen report card", "Citizen report cards and ward-level service monitoring in Pune"),
    ("en", "people council", "People's Council and barangay development councils in Iloilo City"),
]


@pytest.mark.parametrize("lang,query,expected", CASES)
def test_an_item_naming_the_query_in_its_title_is_on_the_first_page(ranked, lang, query, expected):
    found = top(ranked, query, language=lang)
    assert any(title.startswith(expected) for title in found), (query, found)


def test_cases_cover_the_four_languages():
    assert {lang for lang, _, _ in CASES} == {"en", "es", "fr", "pt"}
    assert all(sum(1 for lang, _, _ in CASES if lang == code) >= 5 for code in ("en", "es", "fr", "pt"))


@pytest.mark.parametrize("lang,phrase,exact,inflected", [
    ("en", "participatory budget", "Town meeting on the participatory budget",
     "Participatory budgeting: participatory budgets and the participatory budgeting office"),
    ("es", "presupuesto participativo", "Foro sobre el presupuesto participativo",
     "Presupuestos participativos: los presupuestos participativos del distrito"),
    ("pt", "orçamento participativo", "Fórum sobre o orçamento participativo",
     "Orçamentos participativos: os orçamentos participativos do bairro"),
    ("fr", "conseil de quartier", "Réunion du conseil de quartier",
     "Conseils de quartiers : les conseils de quartiers de la ville"),
])
def test_a_quoted_phrase_ranks_its_exact_occurrences_first(registry, lang, phrase, exact, inflected):
    backend = registry["search"]
    backend.index([document(1, lang, inflected, inflected), document(2, lang, exact, "Un texto. A text.")])
    # without quotes, the item repeating the words (in another inflection) ranks first
    assert top(backend, phrase, language=lang)[0] == inflected
    assert top(backend, f'"{phrase}"', language=lang) == [exact, inflected]


def test_equal_scores_put_the_reader_language_first(registry):
    backend = registry["search"]
    backend.index([document(1, "fr", "Atelier numéro un", "Texte.", "Zyxville"),
                   document(2, "pt", "Oficina número um", "Texto.", "Zyxville")])
    assert top(backend, "zyxville", language="pt") == ["Oficina número um", "Atelier numéro un"]
    assert top(backend, "zyxville", language="fr") == ["Atelier numéro un", "Oficina número um"]


@pytest.mark.parametrize("lang,title,query", [
    ("es", "Las voces de las regiones: jóvenes y mujeres", "voz región joven mujer"),
    ("pt", "Ações cidadãs nos conselhos municipais", "ação cidadão conselho municipal"),
    ("fr", "Les travaux des conseils régionaux de l'Isère", "travail conseil régional isère"),
    ("en", "What children and women said to the councils", "child woman council"),
])
def test_search_finds_an_item_by_another_inflection(testapp, db, lang, title, query):
    """Through /search.json, on both backends: the words of a query in another inflection than the
    title's find the item, and mark them in its snippet."""
    with db() as s:
        s.add(News(title=title, description=title, body=f"<p>{title}</p>", language=lang, state="published",
                   published=utcnow()))
    found = testapp.get("/search.json", {"q": query}).json["results"]
    assert [hit["title"] for hit in found] == [title]
    assert found[0]["snippet"].count("<mark") >= 3
