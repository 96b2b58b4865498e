"""What a visitor may type in the search box, on both backends: words, "phrases", OR and -word, the same
answers on Whoosh and PostgreSQL; anything else is an ordinary search, never an error, never a way into
the fields the visitor cannot name (access, key, type), never unbounded work."""
import re

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from portal.models import LocalRole, News, Page, utcnow
from portal.search.query import MAX_LENGTH, MAX_WORDS, parse_text
from portal.testing import in_language


@pytest.fixture(params=["whoosh", "postgresql"])
def search_backend(request):
    return request.param


@pytest.fixture
def corpus(db):
    now = utcnow()
    with db() as s:
        for title, text, lang in [
            ("Youth council of Dakar", "Young people advise the city council.", "en"),
            ("Council of elders in Dakar", "The elders meet each month; youth are invited.", "en"),
            ("Participatory budgeting in Porto Alegre", "Citizens decide how the budget is spent.", "en"),
            ("Presupuesto participativo joven", "Los jóvenes de Montevideo deciden.", "es"),
        ]:
            s.add(News(title=title, description=text, body=f"<p>{text}</p>", language=lang, state="published",
                       published=now))
        s.add(News(title="Secret council draft", description="Not public yet.", language="en", state="draft"))
        shared = Page(title="Council handbook for the editorial group", language="en", state="draft")
        s.add(shared)
        s.flush()
        s.add(LocalRole(content_id=shared.id, principal="group:editorial", role="reader"))


PUBLIC = {"Youth council of Dakar", "Council of elders in Dakar", "Participatory budgeting in Porto Alegre",
          "Presupuesto participativo joven"}


def found(testapp, q, status=200, **params):
    res = testapp.get("/search.json", {"q": q, **params}, status=status)
    return {hit["title"] for hit in res.json["results"]}


OPERATORS = [
    ("youth council", {"Youth council of Dakar", "Council of elders in Dakar"}),  # every word, anywhere
    ('"youth council"', {"Youth council of Dakar"}),  # next to each other, in this order
    ('"council youth"', set()),
    ("youth -elders", {"Youth council of Dakar"}),
    ('council -"council of elders"', {"Youth council of Dakar"}),
    ("alegre OR montevideo", {"Participatory budgeting in Porto Alegre", "Presupuesto participativo joven"}),
    ("dakar youth OR budget", {"Youth council of Dakar", "Council of elders in Dakar"}),
    ("-council", {"Participatory budgeting in Porto Alegre", "Presupuesto participativo joven"}),
    ("the council of Dakar", {"Youth council of Dakar", "Council of elders in Dakar"}),  # common words left out
    ("city-council", {"Youth council of Dakar"}),  # a hyphenated word is a phrase
]


def test_the_documented_operators_answer_the_same_on_both_backends(testapp, corpus):
    for q, expected in OPERATORS:
        assert found(testapp, q) == expected, q


ATTACKS = [
    "*a*e*", "title:*", "allowed:group*", "allowed:group:editorial", "allowed:system.Everyone", "key:news*",
    "key:news:1", "type:news", "type:page", "language:en", "url:/news", "budget*", "bud?et", "budget~2", "budget~",
    "[a TO z]", "{a TO zzz}", "date:[2000 TO 2100]", "year:>2000", '"unclosed phrase', "(((", ")))", "budget^100",
    "NOT budget", "AND", "OR", "OR OR", "-", "--", '""', "\\", "'", "% _", "!!budget", "budget & draft",
    "budget <-> draft", "':*", "budget:*", "council:* | draft", "text_en:secret", "title_en:secret", "plain:secret",
    "f_theme:*", "secret", "draft", "handbook", "editorial", "x" * 5000, "\x00", "💥 council", "<script>", "a" * 41,
]


def test_any_query_is_an_ordinary_search_of_the_texts(testapp, corpus):
    """Field names, wildcards, ranges, fuzzy terms and tsquery operators are plain characters between words:
    the answer is an ordinary search (never 500), and nothing matches through the access, key or type fields
    or shows what the visitor may not read."""
    for q in ATTACKS:
        titles = found(testapp, q)
        assert titles <= PUBLIC, q
        page = testapp.get("/search", {"q": q}, status=200)
        assert {a.text for a in page.html.select(".hits h2 a")} == titles, q


def test_fields_and_wildcards_match_nothing_by_themselves(testapp, corpus):
    """None of these words is in a text: before, Whoosh read them as field queries (every news item, every
    document an access group may read, a 500 for title:*)."""
    for q in ["allowed:system.Everyone", "allowed:group*", "type:news", "key:news*", "language:en", "title:*", "*a*e*"]:
        assert found(testapp, q) == set(), q


def test_a_wildcard_is_the_word_without_it(testapp, corpus):
    assert found(testapp, "counc*") == set()
    assert found(testapp, "council*") == found(testapp, "council") == PUBLIC - {
        "Participatory budgeting in Porto Alegre", "Presupuesto participativo joven"}


def test_the_words_after_the_limit_are_left_out_and_the_page_says_so(testapp, corpus):
    words = ["youth", "council"] + [f"unknownword{i}" for i in range(MAX_WORDS)]
    assert found(testapp, " ".join(words[:MAX_WORDS])) == set()  # ten words, all required
    assert found(testapp, " ".join(["youth", "council"] * MAX_WORDS)) == {"Youth council of Dakar",
                                                                         "Council of elders in Dakar"}
    page = testapp.get("/search", {"q": " ".join(words), "_LOCALE_": "es"})
    assert in_language("es", "Only the first ${count} words were searched.", count=MAX_WORDS) in page.text
    assert "searched" not in testapp.get("/search", {"q": "youth council"}).text.split("</details>")[1]


def test_multilingual_matching_still_reaches_every_language(testapp, corpus):
    assert found(testapp, "presupuestos") == {"Presupuesto participativo joven"}
    assert found(testapp, "JOVENES") == {"Presupuesto participativo joven"}
    assert found(testapp, "budgets") == {"Participatory budgeting in Porto Alegre"}


SYNTAX = st.lists(st.one_of(
    st.text(alphabet=' "*?~^:()[]{}+-!&|\\/\'<>.,;%_@#=ORANDNOTaeicuyo1\x00é€\t', max_size=12),
    st.sampled_from(["title:", "allowed:", "key:", "type:", "url:", "date:", "plain:", "text_en:", "f_theme:", "*",
                     "council", "youth", "dakar", "secret", "draft", " OR ", " AND ", " NOT ", " TO ", "<->", ":*"]),
), max_size=12).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=SYNTAX)
def test_random_syntax_never_errors_nor_reveals(testapp, corpus, q):
    titles = found(testapp, q)
    assert titles <= PUBLIC


@pytest.fixture(scope="module")
def whoosh_backend(tmp_path_factory):
    from portal.search.whoosh import WhooshBackend
    return WhooshBackend(str(tmp_path_factory.mktemp("syntax")))


# a tsquery literal: quoted terms of the text fields (the terms the Whoosh query has), <->, | and &
TSQUERY = re.compile(r"(?:[()\s|&]|<->|'(?:en|es|fr|pt|plain):\w+'(?::AB)?|'-')+")


@settings(max_examples=300, deadline=None)
@given(q=st.text(max_size=2 * MAX_LENGTH) | SYNTAX)
def test_every_parsed_query_is_bounded(whoosh_backend, q):
    """Whatever the text: at most MAX_WORDS words, and the Whoosh query holds terms and phrases of the text
    fields only (no prefix, wildcard, range or fuzzy term, no other field); the PostgreSQL query binds a
    tsquery literal of the same terms (no prefix match, no weight), cast once."""
    from whoosh.query import Every, Phrase, Term
    from portal.search.postgres import tsqueries
    from portal.search.whoosh import TEXT_FIELDS
    parsed = parse_text(q)
    assert parsed.words() <= MAX_WORDS
    positive, excluded = whoosh_backend.text_queries(parsed)
    for query in (positive, excluded):
        for leaf in (query.leaves() if query is not None and not query.is_leaf() else [query]):
            if leaf is None or isinstance(leaf, Every):
                continue
            assert type(leaf) in (Term, Phrase) and leaf.fieldname in TEXT_FIELDS
    sql_positive, sql_excluded, params = tsqueries(parsed)
    assert sql_positive in (None, "CAST(:positive AS tsquery)") and sql_excluded in (None, "CAST(:excluded AS tsquery)")
    if params is None:  # a group no field reads: nothing matches
        assert sql_positive is None and positive is None
        return
    for name, literal in params.items():
        assert literal == "" or TSQUERY.fullmatch(literal), literal
        if literal:
            assert len(re.findall(r"'\w+:\w+'", literal)) <= MAX_WORDS * 5  # a word's terms in five kinds
