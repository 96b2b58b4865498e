"""Three-way merge of page text, and the side-by-side comparison of two versions.

Pure functions, no database: base is the revision the editor started from, theirs what was saved
since, mine what the editor sends. The HTML is cut into blocks (a paragraph, a heading, a list item...);
two people changing different blocks are merged; when both changed the same block, its words are
merged the same way, and only changes that still overlap are reported as conflicts, each carrying
both texts, so nothing either side wrote is dropped.
"""
import difflib
import html
import re
from dataclasses import dataclass, field

from markupsafe import Markup, escape

BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre", "table",
              "thead", "tbody", "tr", "figure", "figcaption", "hr", "div"}
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*>")
_WORD = re.compile(r"<[^>]*>|\s+|[^\s<]+|<")


def split_blocks(text):
    """The text cut before every opening block tag, after every closing one and at line breaks;
    ''.join(split_blocks(x)) == x."""
    text = text or ""
    cuts = set()
    for m in _TAG.finditer(text):
        if m.group(2).lower() in BLOCK_TAGS:
            cuts.add(m.end() if m.group(1) or m.group(2).lower() == "hr" else m.start())
    for m in re.finditer(r"\n", text):
        cuts.add(m.end())
    pieces, start = [], 0
    for cut in sorted(cuts):
        if 0 < cut < len(text) and cut > start:
            pieces.append(text[start:cut])
            start = cut
    if start < len(text):
        pieces.append(text[start:])
    # whitespace alone between blocks goes with the block before it, so it never forms a change of its own
    merged = []
    for piece in pieces:
        if merged and not piece.strip():
            merged[-1] += piece
        else:
            merged.append(piece)
    return merged


def split_words(text):
    """Tags, runs of spaces and words: the unit of a merge inside one block."""
    return _WORD.findall(text or "")


@dataclass
class Conflict:
    base: str
    mine: str
    theirs: str


@dataclass
class MergeResult:
    chunks: list = field(default_factory=list)  # str, or Conflict

    @property
    def conflicts(self):
        return [c for c in self.chunks if isinstance(c, Conflict)]

    @property
    def clean(self):
        return not self.conflicts

    def text(self, prefer="mine"):
        """The merged text, each conflict resolved with one side (the form shows it with `mine`)."""
        return "".join(c if isinstance(c, str) else getattr(c, prefer) for c in self.chunks)


def _hunks(base, other):
    """The changes from base to other as (start, end, replacement); a replacement of n items by n
    items is n changes of one item, so that editing two neighbouring paragraphs are two changes."""
    matcher = difflib.SequenceMatcher(None, base, other, autojunk=False)
    found = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if tag == "replace" and i2 - i1 == j2 - j1:
            found += [(i1 + k, i1 + k + 1, (other[j1 + k],)) for k in range(i2 - i1)]
        else:
            found.append((i1, i2, tuple(other[j1:j2])))
    return found


def _overlap(x, y, touching=False):
    """Do two hunks collide? With touching, an insertion right against the other side's change does too
    (between words: merged, the inserted word and the changed one would be glued into one word)."""
    (a1, a2), (b1, b2) = x[:2], y[:2]
    if a1 == a2 and b1 == b2:
        return a1 == b1  # two insertions at one place: their order is not ours to choose
    if a1 == a2:
        return b1 <= a1 <= b2 if touching else b1 < a1 < b2
    if b1 == b2:
        return a1 <= b1 <= a2 if touching else a1 < b1 < a2
    return a1 < b2 and b1 < a2


def merge_sequences(base, mine, theirs, touching=False):
    """Three-way merge of lists of strings: [("same", [items]) | ("conflict", base, mine, theirs)].
    touching: an insertion against the other side's change is a conflict (see _overlap)."""
    base, mine, theirs = list(base), list(mine), list(theirs)
    hunks = [(i1, i2, rep, "mine") for i1, i2, rep in _hunks(base, mine)]
    hunks += [(i1, i2, rep, "theirs") for i1, i2, rep in _hunks(base, theirs)]
    hunks.sort(key=lambda h: (h[0], h[1], h[3]))
    clusters = []
    for hunk in hunks:
        if clusters and any(_overlap(hunk, other, touching) for other in clusters[-1]):
            clusters[-1].append(hunk)
        else:
            clusters.append([hunk])
    # a hunk can overlap one that is not in the last cluster only if the clusters already overlap: join them
    joined = []
    for cluster in clusters:
        start = min(h[0] for h in cluster)
        end = max(h[1] for h in cluster)
        if joined and (joined[-1][1] > start or (joined[-1][1] == start and _touching(joined[-1][2], cluster,
                                                                                       touching))):
            joined[-1] = (joined[-1][0], max(end, joined[-1][1]), joined[-1][2] + cluster)
        else:
            joined.append((start, end, cluster))
    out, pos = [], 0
    for start, end, cluster in joined:
        if start > pos:
            out.append(("same", base[pos:start]))
        sides = {h[3] for h in cluster}
        versions = {}
        for side in ("mine", "theirs"):
            own = sorted((h for h in cluster if h[3] == side), key=lambda h: (h[0], h[1]))
            text, at = [], start
            for i1, i2, rep, _ in own:
                text += base[at:i1] + list(rep)
                at = i2
            versions[side] = text + base[at:end]
        if len(sides) == 1 or versions["mine"] == versions["theirs"]:
            out.append(("same", versions[next(iter(sides))]))
        else:
            out.append(("conflict", base[start:end], versions["mine"], versions["theirs"]))
        pos = end
    if pos < len(base):
        out.append(("same", base[pos:]))
    return out


def _touching(previous, cluster, touching=False):
    return any(_overlap(a, b, touching) for a in previous for b in cluster)


def merge_text(base, mine, theirs):
    """Merge three versions of a page's HTML (or any text). Returns a MergeResult."""
    base, mine, theirs = base or "", mine or "", theirs or ""
    if mine == theirs or theirs == base:
        return MergeResult([mine] if mine else [])
    if mine == base:
        return MergeResult([theirs] if theirs else [])
    result = MergeResult()
    for region in merge_sequences(split_blocks(base), split_blocks(mine), split_blocks(theirs)):
        if region[0] == "same":
            result.chunks.append("".join(region[1]))
            continue
        merged = _merge_words(*region[1:])
        if merged is not None:
            result.chunks.append(merged)
        else:
            result.chunks.append(Conflict(*("".join(part) for part in region[1:])))
    result.chunks = [c for c in result.chunks if c != ""]
    return result


def _merge_words(base, mine, theirs):
    """Both changed the same blocks: when each side still has those blocks one for one, merge each
    block word by word; None if a block's words overlap too (or the blocks were split or joined)."""
    if not (len(base) == len(mine) == len(theirs)):
        return None
    out = []
    for b, m, t in zip(base, mine, theirs):
        words = merge_sequences(split_words(b), split_words(m), split_words(t), touching=True)
        if any(w[0] != "same" for w in words):
            return None
        out.append("".join("".join(w[1]) for w in words))
    return "".join(out)


def merge_value(base, mine, theirs):
    """A field that is one value (a title, a parent page): (value, conflict or None)."""
    if mine == theirs or theirs == base:
        return mine, None
    if mine == base:
        return theirs, None
    return mine, Conflict(base=base, mine=mine, theirs=theirs)


# --- comparing two versions side by side --------------------------------------------------------

_BLOCK_END = re.compile(r"</(p|h\d|li|blockquote|tr|pre|figcaption)>|<br\s*/?>", re.I)


def block_text(block):
    """What a reader sees of one block of HTML."""
    text = _BLOCK_END.sub("\n", block)
    text = _TAG.sub(" ", text)
    return re.sub(r"[ \t]+", " ", html.unescape(text)).strip()


def _tag(name, text):
    """<del>words</del> or <ins>words</ins>, the spaces after the words left outside the mark."""
    core = text.rstrip()
    return Markup(f"<{name}>%s</{name}>") % core + text[len(core):]


def _marked(words_a, words_b):
    left, right = [], []
    matcher = difflib.SequenceMatcher(None, words_a, words_b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        a, b = "".join(words_a[i1:i2]), "".join(words_b[j1:j2])
        if tag == "equal":
            left.append(escape(a))
            right.append(escape(b))
        else:
            if a:
                left.append(_tag("del", a))
            if b:
                right.append(_tag("ins", b))
    return Markup("").join(left), Markup("").join(right)


def side_by_side(old, new):
    """Rows (kind, left, right) comparing two versions block by block, changed words marked with
    <del> on the left and <ins> on the right; kind is same, changed, removed or added."""
    a = [b for b in (block_text(x) for x in split_blocks(old or "")) if b]
    b = [x for x in (block_text(y) for y in split_blocks(new or "")) if x]
    rows = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows += [("same", escape(x), escape(x)) for x in a[i1:i2]]
        elif tag == "delete":
            rows += [("removed", Markup("<del>%s</del>") % x, Markup("")) for x in a[i1:i2]]
        elif tag == "insert":
            rows += [("added", Markup(""), Markup("<ins>%s</ins>") % x) for x in b[j1:j2]]
        else:
            olds, news = a[i1:i2], b[j1:j2]
            for k in range(max(len(olds), len(news))):
                if k < len(olds) and k < len(news):
                    left, right = _marked(_words(olds[k]), _words(news[k]))
                    rows.append(("changed", left, right))
                elif k < len(olds):
                    rows.append(("removed", Markup("<del>%s</del>") % olds[k], Markup("")))
                else:
                    rows.append(("added", Markup(""), Markup("<ins>%s</ins>") % news[k]))
    return rows


def inline_diff(old, new):
    """The blocks of `new` as a reader sees them, with what changed since `old` marked in place:
    removed words in <del>, added words in <ins>; one Markup per block."""
    a = [b for b in (block_text(x) for x in split_blocks(old or "")) if b]
    b = [x for x in (block_text(y) for y in split_blocks(new or "")) if x]
    lines = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            lines += [escape(x) for x in b[j1:j2]]
            continue
        olds, news = a[i1:i2], b[j1:j2]
        for k in range(max(len(olds), len(news))):
            if k < len(olds) and k < len(news):
                words_a, words_b = _words(olds[k]), _words(news[k])
                out = []
                for op, p1, p2, q1, q2 in difflib.SequenceMatcher(None, words_a, words_b, autojunk=False).get_opcodes():
                    if op == "equal":
                        out.append(escape("".join(words_b[q1:q2])))
                        continue
                    if p2 > p1:
                        out.append(_tag("del", "".join(words_a[p1:p2])))
                        if q2 > q1 and not words_a[p2 - 1][-1:].isspace():
                            out.append(" ")
                    if q2 > q1:
                        out.append(_tag("ins", "".join(words_b[q1:q2])))
                lines.append(Markup("").join(out))
            elif k < len(olds):
                lines.append(Markup("<del>%s</del>") % olds[k])
            else:
                lines.append(Markup("<ins>%s</ins>") % news[k])
    return lines


def _words(text):
    """Words with the spaces after them: compared this way, a changed phrase stays in one piece."""
    return re.findall(r"\s*\S+\s*", text) or ([text] if text else [])
