"""Blind review: what identifies the applicants (their organisation, its city, the people who wrote and
sent the entry) is masked in what a juror reads. Names are matched as whole words, whatever their case
and accents ("São Paulo", "SAO PAULO" and "Sao Paulo" alike), and nothing else is: the masking of the
documents themselves is in scrub.py."""
import html as html_lib
import re
import unicodedata
from dataclasses import dataclass, field

from markupsafe import Markup

MASK = "[…]"
# parts of a person's name too short or too common to identify anyone on their own
PARTICLES = {"da", "das", "de", "del", "der", "des", "di", "do", "dos", "du", "e", "el", "la", "le", "los",
             "van", "von", "y"}
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"\+?\d[\d ().-]{6,}\d")


def fold(text: str) -> str:
    """Lower case without accents: what two spellings of a name have in common."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)).casefold()


def _folded_with_positions(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the position in `text` it comes from."""
    out, where = [], []
    for i, ch in enumerate(text):
        for f in fold(ch):
            out.append(f)
            where.append(i)
    return "".join(out), where


def contact_names(contact: str) -> list[str]:
    """The person named first in an experience's contact field ("Luiza Fernandes, Coordinator of ...,
    luiza@..."), its e-mail addresses and phone numbers. Only the leading name: the rest of the field
    (an office, a programme) names what the experience is about, not who applied."""
    found = EMAIL.findall(contact) + [p.strip() for p in PHONE.findall(contact)]
    lead = re.split(r"[,;\n(<|/]| [–-] ", EMAIL.sub(" ", contact), maxsplit=1)[0].strip()
    words = lead.split()
    if 2 <= len(words) <= 5 and all(w[:1].isupper() or w.lower() in PARTICLES for w in words) \
            and not any(ch.isdigit() for ch in lead):
        found.append(lead)
    return found


@dataclass
class Masker:
    """The names of one entry's applicants, and how to mask them in text, HTML and documents."""
    names: list[str] = field(default_factory=list)  # as written, for the secretariat's preview
    pattern: re.Pattern | None = None

    @classmethod
    def of(cls, organisations=(), people=(), other=()) -> "Masker":
        """organisations and cities are masked as whole phrases; people also by each part of their name
        ("Luiza" of "Luiza Fernandes"); other (e-mail addresses, phone numbers) as they are."""
        phrases = set()
        for name in [*organisations, *people, *other]:
            name = " ".join((name or "").split())
            if len(name) >= 3:
                phrases.add(name)
        for name in people:
            for part in re.split(r"[\s,]+", name or ""):
                if len(part) >= 3 and part.lower() not in PARTICLES and "@" not in part:
                    phrases.add(part)
        folded = sorted({fold(p) for p in phrases}, key=len, reverse=True)
        pattern = None
        if folded:
            # whole words only: "Porto" is masked, "Portobello" is not; spaces inside a name match any space
            body = "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in folded)
            pattern = re.compile(rf"(?<!\w)(?:{body})(?!\w)")
        return cls(names=sorted(phrases, key=str.casefold), pattern=pattern)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where the names are in text, as (start, end) positions of text itself."""
        if self.pattern is None or not text:
            return []
        folded, where = _folded_with_positions(text)
        spans = []
        for m in self.pattern.finditer(folded):
            start, end = where[m.start()], where[m.end() - 1] + 1
            spans.append((start, end))
        return spans

    def found(self, text: str) -> bool:
        return bool(self.spans(text))

    def text(self, text: str, mask: str = MASK) -> str:
        text = text or ""
        out, last = [], 0
        for start, end in self.spans(text):
            out += [text[last:start], mask]
            last = end
        return "".join(out) + text[last:]

    def html(self, markup: str) -> Markup:
        """Sanitised HTML with the names masked in its text and in its attributes (a link's address)."""
        parts = re.split(r"(<[^>]*>)", markup or "")
        for i, part in enumerate(parts):
            if part.startswith("<"):
                parts[i] = re.sub(r'(\s[\w:-]+=")([^"]*)(")',
                                  lambda m: m.group(1) + self._escaped(m.group(2)) + m.group(3), part)
            else:
                parts[i] = self._escaped(part)
        return Markup("".join(parts))

    def _escaped(self, escaped: str) -> str:
        plain = html_lib.unescape(escaped)
        if not self.found(plain):
            return escaped
        return html_lib.escape(self.text(plain), quote=True)


def masker_for(entry) -> Masker:
    """What identifies the applicants of an entry: its member organisation and its city, the member's
    representatives, whoever sent the entry and wrote the experience, the person of the contact field."""
    organisations, people, other = [], [], []
    member = entry.member
    if member is not None:
        organisations.append(member.name)
        for user in member.representatives:
            people.append(user.name)
            other.append(user.email)
    if entry.submitter is not None:
        people.append(entry.submitter.name)
        other.append(entry.submitter.email)
    exp = entry.experience
    if exp is not None:
        organisations.append(exp.city)
        if exp.creator is not None:
            people.append(exp.creator.name)
            other.append(exp.creator.email)
        for name in contact_names(exp.contact or ""):
            (other if "@" in name or name[:1].isdigit() or name[:1] == "+" else people).append(name)
    return Masker.of(organisations, people, other)
