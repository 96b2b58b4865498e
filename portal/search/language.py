"""How the words of the four languages become the terms of the index, for both backends.

A text is cut into words, lower-cased, stripped of its language's stop words, normalised by the rules
below, stemmed with the language's Snowball stemmer and folded (accents stripped). The Whoosh backend
uses this chain as its fields' analyzer; the PostgreSQL backend stores the terms this module gives in
its tsvector and looks for the terms it gives of a query, so both backends find exactly the same words.

Snowball leaves apart forms whose ending changes the stem: Spanish and Portuguese plurals in -ces,
-ões/-ães, -ns, -is, consonant plurals in -es, French plurals in -aux of words in -ail, feminines in
-trice, and irregular English plurals. normalise() brings those forms to one word (their singular, or a
shared form) before stemming; every rule is about the ending of one word, so a rule never depends on
the context.
"""
import re
from functools import lru_cache

from whoosh.analysis import CharsetFilter, Filter, LowercaseFilter, RegexTokenizer, StandardAnalyzer, StemFilter
from whoosh.analysis import StopFilter
from whoosh.support.charset import accent_map

ACCENTED = re.compile("[áéíóúâêôàãõ]")
# stop words beyond Snowball's lists: what is left of French elisions that are not one letter (jusqu'au)
EXTRA_STOP_WORDS = {"fr": frozenset({"jusqu", "lorsqu", "puisqu", "quoiqu", "quelqu"})}

IRREGULAR = {
    "en": {
        "children": "child", "women": "woman", "men": "man", "people": "person", "analyses": "analysis",
        "criteria": "criterion", "leaves": "leaf", "lives": "life", "halves": "half", "crises": "crisis",
        "theses": "thesis", "hypotheses": "hypothesis", "phenomena": "phenomenon", "indices": "index",
        "matrices": "matrix", "wives": "wife", "feet": "foot", "teeth": "tooth", "mice": "mouse",
        "shelves": "shelf", "knives": "knife", "selves": "self", "thieves": "thief", "wolves": "wolf",
        "geese": "goose", "oxen": "ox", "syntheses": "synthesis", "diagnoses": "diagnosis", "bases": "basis",
        "curricula": "curriculum", "strata": "stratum",
    },
    "es": {
        "alcaldesa": "alcalde", "alcaldesas": "alcalde", "caracteres": "carácter", "regímenes": "régimen",
        "especímenes": "espécimen",
    },
    "pt": {"civis": "civil", "fuzis": "fuzil", "barris": "barril", "males": "mal", "cônsules": "cônsul"},
    "fr": {
        "travaux": "travail", "vitraux": "vitrail", "émaux": "émail", "coraux": "corail", "baux": "bail",
        "soupiraux": "soupirail", "lieux": "lieu", "jeux": "jeu", "feux": "feu", "enjeux": "enjeu",
        "milieux": "milieu", "vœux": "vœu", "voeux": "voeu", "neveux": "neveu", "cheveux": "cheveu",
        "aveux": "aveu", "publique": "public", "publiques": "publics", "yeux": "œil",
    },
}


def _spanish(word: str) -> str:
    if word.endswith("z") and len(word) >= 3:  # voz/voces, luz/luces, capaz/capaces: both end in -c-
        return word[:-1] + "ce"
    if word.endswith("iones"):  # regiones -> región: the accent of the singular is back
        return word[:-5] + "ión"
    if word.endswith("ones") and len(word) >= 6:
        return word[:-4] + "ón"
    if word.endswith("anes") and len(word) >= 6:  # alemanes -> alemán
        return word[:-4] + "án"
    if len(word) >= 5 and word.endswith("es") and word[-3] in "lnrdjy":  # mujeres, ciudades, jóvenes, leyes
        return word[:-2]
    if len(word) >= 6 and word.endswith(("eas", "eos")):  # asambleas -> asamblea, líneas -> línea
        return word[:-1]
    return word


def _english(word: str) -> str:
    if len(word) >= 9 and word.endswith("mental"):  # environmental -> environment (Snowball stems them apart)
        return word[:-2]
    return word


def _portuguese(word: str) -> str:
    if word.endswith(("ões", "ães", "ãos")):  # ações, pães, cidadãos -> -ão
        return word[:-3] + "ão"
    if word.endswith("ãs"):  # cidadãs -> cidadão, irmãs -> irmão
        return word[:-2] + "ão"
    if word.endswith("ã") and len(word) >= 4:  # cidadã -> cidadão
        return word[:-1] + "ão"
    if word.endswith("ns") and len(word) >= 4:  # jovens -> jovem
        return word[:-2] + "m"
    if word.endswith("ais") and len(word) >= 5:  # capitais -> capital
        return word[:-3] + "al"
    if word.endswith("éis"):  # papéis -> papel
        return word[:-3] + "el"
    if word.endswith("óis"):  # lençóis -> lençol
        return word[:-3] + "ol"
    if word.endswith("eis") and len(word) >= 4:
        # níveis (nível), fáceis (fácil): a stressed syllable before; both singulars are brought to -eis
        return word if ACCENTED.search(word[:-3]) else word[:-1]  # leis -> lei
    if word.endswith(("el", "il")) and len(word) >= 4 and ACCENTED.search(word[:-2]):
        return word[:-2] + "eis"
    return word


def _french(word: str) -> str:
    if word.endswith("trice") and len(word) >= 7:  # actrice -> acteur, directrice -> directeur
        return word[:-5] + "teur"
    if word.endswith("trices") and len(word) >= 8:
        return word[:-6] + "teurs"
    if word.endswith("ère") and len(word) >= 7:  # conseillère -> conseiller
        return word[:-3] + "er"
    if word.endswith("ères") and len(word) >= 8:
        return word[:-4] + "ers"
    return word


RULES = {"es": _spanish, "pt": _portuguese, "fr": _french, "en": _english}


@lru_cache(maxsize=100_000)
def normalise(word: str, lang: str) -> str:
    """The form of a lower-cased word (accents kept) that Snowball then stems: its singular or a form its
    singular and plural share, per the rules of its language; other words unchanged."""
    found = IRREGULAR.get(lang, {}).get(word)
    if found is not None:
        return found
    rule = RULES.get(lang)
    return rule(word) if rule is not None else word


class NormaliseFilter(Filter):
    """The Whoosh filter of normalise() (between the stop words and the stemmer)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __eq__(self, other) -> bool:
        return type(other) is type(self) and other.lang == self.lang

    def __call__(self, tokens):
        lang = self.lang
        for token in tokens:
            token.text = normalise(token.text, lang)
            yield token


def stop_words(lang: str) -> frozenset:
    """The words a field in lang leaves out: Snowball's list and the remains of elisions."""
    from whoosh.lang import stopwords_for_language
    return frozenset(stopwords_for_language(lang)) | EXTRA_STOP_WORDS.get(lang, frozenset())


def analyzer(lang: str):
    """The analyzer of a text field in lang (titles and texts): words, stop words, rules, Snowball, folding."""
    return (RegexTokenizer() | LowercaseFilter() | StopFilter(stoplist=stop_words(lang)) | NormaliseFilter(lang)
            | StemFilter(lang=lang, cachesize=50_000) | CharsetFilter(accent_map))


def plain_analyzer():
    """Unstemmed words in any language (titles and the labels a document adds), folded."""
    return StandardAnalyzer() | CharsetFilter(accent_map)


PLAIN = "plain"


@lru_cache(maxsize=8)
def _analyzer_of(kind: str):
    return plain_analyzer() if kind == PLAIN else analyzer(kind)


def terms(text: str, kind: str) -> list[tuple[str, int]]:
    """[(term, position)] of a text as the field analyzer `kind` (a language, or PLAIN) reads it: what
    the Whoosh index holds for that field, and what the PostgreSQL tsvector holds."""
    return [(token.text, token.pos) for token in _analyzer_of(kind)(text or "", positions=True)]


def query_terms(text: str, kind: str) -> list[str]:
    """The terms of a query's word or phrase, as a field of `kind` reads it."""
    return [token.text for token in _analyzer_of(kind)(text or "", mode="query")]


def is_current(field_analyzer) -> bool:
    """Whether an analyzer (of an index written before) applies these rules."""
    return any(isinstance(item, NormaliseFilter) for item in getattr(field_analyzer, "items", ()))


# --- the same terms in PostgreSQL: tsvector and tsquery literals ------------------------------------

LANGUAGE_KINDS = ("en", "es", "fr", "pt")
KINDS = (*LANGUAGE_KINDS, PLAIN)  # the analyzers a query's words are read with (Whoosh's text fields)
PART_GAP = 20  # positions between two parts of a tsvector, so no phrase matches across them
MAX_POSITION = 16383  # PostgreSQL's last position
MAX_POSITIONS = 256  # positions PostgreSQL keeps of one lexeme
MAX_LEXEME = 200


def _quoted(term: str) -> str:
    return "'" + term[:MAX_LEXEME].replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector(parts) -> str:
    """The literal of a tsvector holding the terms of parts, [(text, kind, weight "A"-"D")], each part's
    positions after the last one's (PART_GAP apart): what PostgreSQL stores of a document. A lexeme is
    its kind and its term ("es:region"), as a Whoosh term is its field's: a term read as Spanish matches
    Spanish texts only."""
    found: dict[str, list[str]] = {}
    offset = 1
    for text, kind, weight in parts:
        last = offset
        for term, pos in terms(text, kind):
            at = min(offset + pos, MAX_POSITION)
            last = max(last, at)
            positions = found.setdefault(f"{kind}:{term}", [])
            if len(positions) < MAX_POSITIONS:
                positions.append(f"{at}{'' if weight == 'D' else weight}")
        offset = min(last + PART_GAP, MAX_POSITION)
    return " ".join(f"{_quoted(term)}:{','.join(positions)}" for term, positions in found.items())


def tsquery_of_phrase(words: tuple, weights: str = "") -> str | None:
    """A word or phrase as a tsquery literal: its terms in each kind of field, ORed (consecutive terms
    of a phrase: <->); None when no field reads a term of it. With weights ("AB"), in the parts of a
    document of those weights only, in its language."""
    alternatives = []
    for kind in (LANGUAGE_KINDS if weights else KINDS):
        found = query_terms(" ".join(words), kind)
        if found:
            literal = " <-> ".join(_quoted(f"{kind}:{term}") + (f":{weights}" if weights else "") for term in found)
            if literal not in alternatives:
                alternatives.append(literal)
    if not alternatives:
        return None
    return "(" + " | ".join(f"({a})" for a in alternatives) + ")"


def lead(text: str, limit: int = 400) -> str:
    """The summary of a document: its text's first paragraph (plugins put the summary first), cut."""
    first = (text or "").lstrip().split("\n", 1)[0]
    return first[:limit]


def phrase_terms(words: tuple, lang: str) -> set[str]:
    """The terms of a query's word or phrase in a text of lang, for highlighting."""
    return set(query_terms(" ".join(words), lang))


def highlight(text: str, lang: str, wanted: set) -> str:
    """Safe HTML: the passages of a text in lang holding the wanted terms, each in <mark> (what Whoosh's
    results give of its stored text), or "" when none is found."""
    from whoosh import highlight as whoosh_highlight
    text = text or ""
    # (Whoosh's highlight() keeps the analyzer's tokens, one object reused: each match is copied here)
    matches = [token.copy() for token in _analyzer_of(lang if lang in KINDS else "en")(
        text, chars=True, mode="query", removestops=False) if token.text in wanted]
    fragments = whoosh_highlight.top_fragments(fragmenter().fragment_matches(text, matches), 3,
                                               whoosh_highlight.BasicFragmentScorer(), whoosh_highlight.FIRST)
    return formatter()(text, fragments)


def fragmenter():
    from whoosh import highlight as whoosh_highlight
    return whoosh_highlight.PinpointFragmenter(maxchars=240, surround=60, autotrim=True)


def formatter():
    from whoosh import highlight as whoosh_highlight
    return whoosh_highlight.HtmlFormatter(tagname="mark", between=" … ")
