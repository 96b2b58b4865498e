"""The words of the network's four languages: the forms of one word are one term of the index (on both
backends: the same module gives the terms of Whoosh's fields and of PostgreSQL's tsvector), and words
that only look alike stay apart."""
import pytest

from portal.search.language import normalise, query_terms, terms

# (a form, another form of the same word): singular and plural, masculine and feminine, elided
SAME = {
    "es": [("región", "regiones"), ("participación", "participaciones"), ("acción", "acciones"),
           ("ciudad", "ciudades"), ("ley", "leyes"), ("voz", "voces"), ("luz", "luces"), ("raíz", "raíces"),
           ("vez", "veces"), ("capaz", "capaces"), ("joven", "jóvenes"), ("examen", "exámenes"),
           ("orden", "órdenes"), ("imagen", "imágenes"), ("origen", "orígenes"), ("régimen", "regímenes"),
           ("carácter", "caracteres"), ("presupuesto", "presupuestos"), ("consejo", "consejos"),
           ("ciudadano", "ciudadana"), ("ciudadanos", "ciudadanas"), ("coordinador", "coordinadora"),
           ("coordinadores", "coordinadoras"), ("vecino", "vecinas"), ("concejal", "concejala"),
           ("concejal", "concejales"), ("municipal", "municipales"), ("local", "locales"), ("mujer", "mujeres"),
           ("comunidad", "comunidades"), ("director", "directora"), ("alcalde", "alcaldesa"),
           ("índice", "índices"), ("avance", "avances"), ("enlace", "enlaces"), ("lápiz", "lápices"),
           ("promotor", "promotoras"), ("país", "países"), ("jardín", "jardines"), ("autor", "autoras"),
           ("moral", "morales"), ("sede", "sedes"), ("razón", "razones"), ("asamblea", "asambleas"),
           ("línea", "líneas"), ("tarea", "tareas")],
    "pt": [("cidadão", "cidadãos"), ("cidadão", "cidadã"), ("cidadã", "cidadãs"), ("ação", "ações"),
           ("participação", "participações"), ("orçamento", "orçamentos"), ("capital", "capitais"),
           ("municipal", "municipais"), ("local", "locais"), ("social", "sociais"), ("nacional", "nacionais"),
           ("conselho", "conselhos"), ("cidade", "cidades"), ("região", "regiões"), ("mão", "mãos"),
           ("pão", "pães"), ("alemão", "alemães"), ("capitão", "capitães"), ("jovem", "jovens"),
           ("homem", "homens"), ("ordem", "ordens"), ("imagem", "imagens"), ("mulher", "mulheres"),
           ("lei", "leis"), ("nível", "níveis"), ("fácil", "fáceis"), ("útil", "úteis"), ("papel", "papéis"),
           ("hotel", "hotéis"), ("lençol", "lençóis"), ("coordenador", "coordenadora"),
           ("vereador", "vereadoras"), ("morador", "moradores"), ("conselheiro", "conselheira"),
           ("luz", "luzes"), ("voz", "vozes"), ("país", "países"), ("irmão", "irmã"), ("gestor", "gestoras"),
           ("eleição", "eleições"), ("juventude", "juventudes"), ("possível", "possíveis"),
           ("jornal", "jornais"), ("sociedade civil", "sociedades civis")],
    "fr": [("l'assemblée", "assemblée"), ("d'action", "action"), ("l’école", "école"), ("qu'un élu", "élu"),
           ("l'habitant", "habitants"), ("local", "locaux"), ("régional", "régionaux"), ("national", "nationaux"),
           ("municipal", "municipaux"), ("social", "sociaux"), ("journal", "journaux"), ("général", "généraux"),
           ("principal", "principaux"), ("travail", "travaux"), ("égal", "égaux"),
           ("international", "internationaux"), ("hôpital", "hôpitaux"), ("canal", "canaux"),
           ("régional", "régionale"), ("régionales", "régionaux"), ("citoyen", "citoyenne"),
           ("citoyens", "citoyennes"), ("habitant", "habitante"), ("coordinateur", "coordinatrice"),
           ("animateur", "animatrices"), ("élu", "élues"), ("conseiller", "conseillère"),
           ("président", "présidente"), ("acteur", "actrice"), ("participant", "participantes"),
           ("directeur", "directrice"), ("budget", "budgets"), ("quartier", "quartiers"), ("lieu", "lieux"),
           ("nouveau", "nouveaux"), ("jeu", "jeux"), ("enjeu", "enjeux"), ("associatif", "associatives"),
           ("public", "publique"), ("publics", "publiques"), ("jusqu'au quartier", "quartier")],
    "en": [("budget", "budgets"), ("city", "cities"), ("policy", "policies"), ("child", "children"),
           ("woman", "women"), ("man", "men"), ("person", "people"), ("analysis", "analyses"),
           ("criterion", "criteria"), ("leaf", "leaves"), ("life", "lives"), ("half", "halves"),
           ("community", "communities"), ("process", "processes"), ("box", "boxes"), ("church", "churches"),
           ("crisis", "crises"), ("thesis", "theses"), ("phenomenon", "phenomena"),
           ("councillor", "councillors"), ("council", "councils"), ("youth", "youths"), ("index", "indices"),
           ("matrix", "matrices"), ("assembly", "assemblies"), ("neighbourhood", "neighbourhoods"),
           ("wife", "wives"), ("foot", "feet"), ("tooth", "teeth"), ("mouse", "mice"), ("shelf", "shelves"),
           ("knife", "knives"), ("hypothesis", "hypotheses"), ("participant", "participants"),
           ("environment", "environmental"), ("government", "governmental")],
}

# words that look alike and mean different things: they stay different terms
DIFFERENT = {
    "es": [("consejo", "concejo"), ("moral", "mora"), ("local", "loca"), ("capital", "capitán"), ("voz", "vos"),
           ("país", "paz"), ("ciudad", "ciudadano"), ("paz", "pasa"), ("vez", "ve")],
    "pt": [("conselho", "concelho"), ("moral", "mora"), ("mão", "mas"), ("pão", "pau"), ("capital", "capitão"),
           ("local", "loca"), ("lei", "leite"), ("cidadão", "cidade"), ("ação", "aço")],
    "fr": [("local", "location"), ("canal", "canard"), ("cour", "courses"), ("travail", "travers"),
           ("moral", "morue"), ("lieu", "lien"), ("jeu", "jeune")],
    "en": [("council", "counsel"), ("new", "news"), ("general", "generous"), ("man", "mane"),
           ("police", "policy"), ("mean", "men"), ("data", "date"), ("mental", "men")],
}


def words(text, lang):
    return [term for term, _ in terms(text, lang)]


@pytest.mark.parametrize("lang,one,other", [(lang, a, b) for lang, pairs in SAME.items() for a, b in pairs])
def test_forms_of_one_word_are_one_term(lang, one, other):
    assert words(one, lang) == words(other, lang) != []
    assert query_terms(one, lang) == words(one, lang)  # a query's word is read as the text's


@pytest.mark.parametrize("lang,one,other", [(lang, a, b) for lang, pairs in DIFFERENT.items() for a, b in pairs])
def test_words_that_only_look_alike_stay_apart(lang, one, other):
    assert words(one, lang) != words(other, lang)


def test_every_language_has_its_table():
    for lang in ("es", "pt", "fr", "en"):
        assert len(SAME[lang]) >= 30 and len(DIFFERENT[lang]) >= 6


def test_rules_change_only_endings_they_know():
    assert normalise("participativo", "es") == "participativo"
    assert normalise("regiones", "es") == "región" and normalise("ações", "pt") == "ação"
    assert normalise("children", "en") == "child" and normalise("budgets", "en") == "budgets"  # Snowball's
    assert normalise("travaux", "fr") == "travail" and normalise("citoyenne", "fr") == "citoyenne"
