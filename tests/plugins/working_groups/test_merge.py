"""The three-way merge on its own: non-overlapping edits merged, overlapping ones reported with
both texts, nothing either side wrote lost; with examples and with hypothesis properties."""
from hypothesis import HealthCheck, given, settings, strategies as st

from portal.api import (Conflict, merge_sequences, merge_text, merge_value, side_by_side, split_blocks,
                        split_words)

BASE = "<h2>Charter</h2><p>One.</p><p>Two.</p><p>Three.</p><ul><li>a</li><li>b</li></ul>"


def test_edits_of_different_paragraphs_are_merged():
    mine = BASE.replace("<p>One.</p>", "<p>One, by me.</p>")
    theirs = BASE.replace("<p>Three.</p>", "<p>Three, by them.</p>")
    result = merge_text(BASE, mine, theirs)
    assert result.clean
    assert result.text() == BASE.replace("One.", "One, by me.").replace("Three.", "Three, by them.")


def test_edits_of_neighbouring_paragraphs_are_merged():
    mine = BASE.replace("One.", "One, by me.")
    theirs = BASE.replace("Two.", "Two, by them.")
    result = merge_text(BASE, mine, theirs)
    assert result.clean and "One, by me." in result.text() and "Two, by them." in result.text()


def test_edits_of_different_words_of_one_paragraph_are_merged():
    base = "<p>The observatory meets twice a year in the city hall.</p>"
    mine = "<p>The local observatory meets twice a year in the city hall.</p>"
    theirs = "<p>The observatory meets twice a year in the public library.</p>"
    result = merge_text(base, mine, theirs)
    assert result.clean
    assert result.text() == "<p>The local observatory meets twice a year in the public library.</p>"


def test_insertions_and_deletions_elsewhere_are_merged():
    mine = BASE.replace("<p>Two.</p>", "")  # I delete a paragraph
    theirs = BASE + "<p>Four, added by them.</p>"
    result = merge_text(BASE, mine, theirs)
    assert result.clean and result.text() == BASE.replace("<p>Two.</p>", "") + "<p>Four, added by them.</p>"


def test_the_same_change_on_both_sides_is_no_conflict():
    changed = BASE.replace("Two.", "Two!")
    assert merge_text(BASE, changed, changed).text() == changed


def test_overlapping_edits_are_reported_with_both_texts():
    mine = BASE.replace("Two.", "Two, my way.")
    theirs = BASE.replace("Two.", "Two, their way.").replace("One.", "One, also theirs.")
    result = merge_text(BASE, mine, theirs)
    assert not result.clean
    [conflict] = result.conflicts
    assert conflict == Conflict(base="<p>Two.</p>", mine="<p>Two, my way.</p>", theirs="<p>Two, their way.</p>")
    # resolving with either side still carries the other side's non-overlapping change
    assert "One, also theirs." in result.text("mine") and "Two, my way." in result.text("mine")
    assert "Two, their way." in result.text("theirs")


def test_two_insertions_at_one_place_are_a_conflict_not_a_guess():
    mine = BASE + "<p>Mine at the end.</p>"
    theirs = BASE + "<p>Theirs at the end.</p>"
    result = merge_text(BASE, mine, theirs)
    assert [(c.mine, c.theirs) for c in result.conflicts] == [("<p>Mine at the end.</p>", "<p>Theirs at the end.</p>")]


def test_single_values_merge_or_conflict():
    assert merge_value("A", "A", "B") == ("B", None)
    assert merge_value("A", "C", "A") == ("C", None)
    assert merge_value("A", "C", "C") == ("C", None)
    value, conflict = merge_value("A", "C", "D")
    assert value == "C" and conflict == Conflict("A", "C", "D")


def test_blocks_and_words_cover_the_whole_text():
    html = "<ul>\n<li>a</li>\n<li>b</li></ul>\n<p>x<br>y</p><hr><p>z</p>plain\nlines"
    assert "".join(split_blocks(html)) == html
    assert split_blocks("<p>a</p><p>b</p>") == ["<p>a</p>", "<p>b</p>"]
    assert "".join(split_words("<p>Hello  <em>big</em> world</p>")) == "<p>Hello  <em>big</em> world</p>"


def test_side_by_side_marks_the_changed_words():
    rows = side_by_side("<p>It meets twice a year.</p><p>Gone.</p>", "<p>It meets three times a year.</p><p>New.</p>")
    assert rows[0] == ("changed", "It meets <del>twice</del> a year.", "It meets <ins>three times</ins> a year.")
    assert ("changed", "<del>Gone.</del>", "<ins>New.</ins>") == rows[1]
    assert side_by_side("<p>&lt;script&gt;</p>", "<p>x</p>")[0][1] == "<del>&lt;script&gt;</del>"  # stays escaped


# --- properties -----------------------------------------------------------------------------------

# The properties below run with deadline=None and without the too_slow check: on a busy machine a slow
# draw is no failure of the merge.
paragraph = st.text(alphabet="abcdefgh ", min_size=1, max_size=12).map(lambda s: f"<p>{s}</p>")
documents = st.lists(paragraph, min_size=0, max_size=8)


def blocks_of(doc):
    return "".join(doc)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents, documents)
def test_merging_with_an_unchanged_side_gives_the_changed_side(base, other):
    b, x = blocks_of(base), blocks_of(other)
    assert merge_text(b, b, x).text() == x
    assert merge_text(b, x, b).text() == x
    assert merge_text(b, x, x).text() == x


@st.composite
def disjoint_edits(draw):
    """A base and two edits that touch different paragraphs, at least one apart."""
    base = draw(st.lists(paragraph, min_size=2, max_size=10, unique=True))
    indexes = list(range(len(base)))
    mine_at = set(draw(st.lists(st.sampled_from(indexes[::2]), unique=True)))
    theirs_at = set(draw(st.lists(st.sampled_from(indexes[1::2]), unique=True)))
    mine = [f"<p>mine {i}</p>" if i in mine_at else p for i, p in enumerate(base)]
    theirs = [f"<p>theirs {i}</p>" if i in theirs_at else p for i, p in enumerate(base)]
    return base, mine, theirs, mine_at, theirs_at


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(disjoint_edits())
def test_non_overlapping_edits_keep_both(case):
    base, mine, theirs, mine_at, theirs_at = case
    result = merge_text("".join(base), "".join(mine), "".join(theirs))
    assert result.clean
    expected = [mine[i] if i in mine_at else theirs[i] for i in range(len(base))]
    assert result.text() == "".join(expected)


def words(text):
    return {w for w in split_words(text) if w.strip() and not w.startswith("<")}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents, documents, documents)
def test_conflicts_never_drop_text_from_either_side(base, mine, theirs):
    b, m, t = blocks_of(base), blocks_of(mine), blocks_of(theirs)
    result = merge_text(b, m, t)
    old = words(b)
    for side, other in (("mine", "theirs"), ("theirs", "mine")):
        resolved = words(result.text(side))
        shown_other = set().union(*(words(getattr(c, other)) for c in result.conflicts))
        # every word a side wrote is in the text resolved its way; the other side's new words are
        # merged into it too, or shown beside it in a conflict
        assert words(m if side == "mine" else t) - old <= resolved
        assert words(t if side == "mine" else m) - old <= resolved | shown_other


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents, documents, documents)
def test_a_clean_merge_is_the_same_whichever_side_is_mine(base, mine, theirs):
    b, m, t = blocks_of(base), blocks_of(mine), blocks_of(theirs)
    one, two = merge_text(b, m, t), merge_text(b, t, m)
    assert one.clean == two.clean
    if one.clean:
        assert one.text() == two.text()


def is_slice(part, whole):
    return any(whole[i:i + len(part)] == part for i in range(len(whole) - len(part) + 1))


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(0, 5), max_size=8), st.lists(st.integers(0, 5), max_size=8),
       st.lists(st.integers(0, 5), max_size=8))
def test_a_conflict_shows_each_side_as_it_is(base, mine, theirs):
    for region in merge_sequences(base, mine, theirs):
        if region[0] == "conflict":
            _, b, m, t = region
            assert m != t
            assert is_slice(b, base) and is_slice(m, mine) and is_slice(t, theirs)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200))
def test_splitting_loses_nothing(text):
    assert "".join(split_blocks(text)) == text
    assert "".join(split_words(text)) == text


def test_a_word_inserted_against_a_changed_word_is_not_glued_to_it():
    """Found by hypothesis: base "<p> </p>", mine replaces the space by "b", theirs inserts "a" before it.
    Merged word by word, the two would become one new word "ab", which neither side wrote."""
    result = merge_text("<p> </p><p>a </p>", "<p>b</p><p>a </p>", "<p>a </p><p>a </p>")
    assert not result.clean
    assert "b" in words(result.text("mine")) and "a" in words(result.text("theirs"))
