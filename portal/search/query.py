"""What a visitor may type in a search box, read by the portal itself, the same way for both backends.

Words, "quoted phrases", OR between two of them and a leading minus to exclude one; every other character
only separates words. So no query names an index field (access, key, type), expands a wildcard, a prefix,
a range or a fuzzy term, and no query costs more than MAX_WORDS words: the backends build their queries
from the parsed words only (Whoosh query objects; on PostgreSQL a tsquery literal of the same terms,
bound as one parameter), never from the visitor's syntax.
"""
import re
from dataclasses import dataclass
from functools import lru_cache

MAX_LENGTH = 300  # characters of a query read; the rest is ignored
MAX_WORDS = 10  # words read (those of phrases included); the rest is ignored
MAX_WORD_LENGTH = 40

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')
_WORD = re.compile(r"[^\W_]+")  # letters and digits, in any script

Phrase = tuple[str, ...]  # the words of a phrase; a single word is a phrase of one


@dataclass(frozen=True)
class ParsedText:
    required: tuple[tuple[Phrase, ...], ...] = ()  # every group must match, each by one of its phrases (OR)
    excluded: tuple[Phrase, ...] = ()  # no document with one of these
    typed: bool = False  # the visitor typed something (if none of it is searchable, nothing matches)
    truncated: bool = False  # words beyond MAX_WORDS or MAX_LENGTH were left out

    @property
    def matches_nothing(self) -> bool:
        return self.typed and not self.required and not self.excluded

    @property
    def ranked(self) -> bool:
        """Whether relevance means anything: only words to find give a score."""
        return bool(self.required)

    def words(self) -> int:
        return sum(len(p) for group in self.required for p in group) + sum(len(p) for p in self.excluded)


@lru_cache(maxsize=1)
def stop_words() -> frozenset:
    """Words no search looks for: those the index leaves out of a document in any of the portal's
    languages (a document in Spanish has no "de" in its Spanish field, so requiring "de" would miss it),
    and words of one character. The lists are Whoosh's (Snowball's), which the Whoosh index applies."""
    from whoosh.analysis import STOP_WORDS

    from . import LANGUAGES
    from .language import stop_words as of_language
    found = set(STOP_WORDS)
    for lang in LANGUAGES:
        found |= of_language(lang)
    return frozenset(found)


def _ignored(word: str) -> bool:
    return len(word) < 2 or word in stop_words()


def _phrase(words: list[str]) -> Phrase:
    """The words of a phrase, lower-cased, without the ignored words at its ends (inside, they keep the
    other words apart as in the text)."""
    words = [w.lower()[:MAX_WORD_LENGTH] for w in words]
    while words and _ignored(words[0]):
        words.pop(0)
    while words and _ignored(words[-1]):
        words.pop()
    return tuple(words)


_OR, _SKIPPED = object(), object()


@lru_cache(maxsize=2048)
def parse_text(text: str) -> ParsedText:
    """The visitor's words, phrases, alternatives and exclusions; never an error, whatever the text."""
    text = text or ""
    cut, text = len(text) > MAX_LENGTH, text[:MAX_LENGTH]
    items = []
    for match in _TOKEN.finditer(text):
        quoted, negative = match.group(2), (match.group(1) or match.group(3)) == "-"
        chunk = quoted if quoted is not None else match.group(4)
        if quoted is None and chunk == "OR" and not negative:
            items.append(_OR)
            continue
        # a chunk like e-participation or l'assemblée is one phrase of its words
        phrase = _phrase(_WORD.findall(chunk))
        items.append((negative, phrase) if phrase else _SKIPPED)
    required, excluded = [], []
    count, truncated = 0, cut
    last_positive = pending_or = False
    for item in items:
        if item is _OR:
            pending_or = last_positive
            continue
        if item is _SKIPPED:  # "budget OR the": the ignored word joins nothing
            last_positive = pending_or = False
            continue
        negative, phrase = item
        if count + len(phrase) > MAX_WORDS:
            truncated = True
            break
        count += len(phrase)
        if negative:  # "-a OR b": OR joins words to find only
            if phrase not in excluded:
                excluded.append(phrase)
        elif pending_or:
            if phrase not in required[-1]:
                required[-1].append(phrase)
        else:
            required.append([phrase])
        last_positive, pending_or = not negative, False
    groups = []
    for group in map(tuple, required):
        if group not in groups:
            groups.append(group)
    return ParsedText(required=tuple(groups), excluded=tuple(excluded), typed=bool(text.strip()),
                      truncated=truncated)
