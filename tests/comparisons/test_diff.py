"""The differ: word-level segments and paragraph marks."""
from comparisons.diff import Differ
from comparisons.units import Line


def text(*paragraphs):
    return [Line("text", p) for p in paragraphs]


def marked_words(changes):
    return sum(len(s.text.split()) for c in changes for s in c.segments if s.op != "equal")


def test_words_snap_to_whole_words_and_keep_kept_words_unmarked():
    segments = Differ().words("Each Party shall notify the other Party within 60 days.",
                              "Each Party may inform the other Party within 90 days.")
    assert [(s.op, s.text) for s in segments if s.op != "equal"] == [
        ("delete", "shall notify"), ("insert", "may inform"), ("delete", "60"), ("insert", "90")]


def test_a_split_paragraph_is_an_inserted_paragraph_mark():
    old = text("The Committee shall meet annually. It shall adopt its rules of procedure.")
    new = text("The Committee shall meet annually.", "It shall adopt its rules of procedure.")
    changes = Differ().lines(old, new)
    assert [c.mark for c in changes] == ["insert", None]
    assert marked_words(changes) == 0


def test_a_merged_paragraph_is_a_deleted_paragraph_mark():
    old = text("The Committee shall meet annually.", "It shall adopt its rules of procedure.")
    new = text("The Committee shall meet annually. It shall adopt its rules of procedure.")
    changes = Differ().lines(old, new)
    assert [c.mark for c in changes] == ["delete", None]
    assert marked_words(changes) == 0


def test_unrelated_paragraphs_are_replaced_whole_not_combed():
    old = text("Each Party shall publish its measures promptly.")
    new = text("The Depositary shall notify all signatories of each accession.")
    changes = Differ().lines(old, new)
    assert [c.op for c in changes] in (["delete", "insert"], ["modify"])
    if changes[0].op == "modify":
        assert len([s for s in changes[0].segments if s.op == "equal" and s.text.strip()]) <= 1


def test_a_split_that_numbers_its_parts_keeps_both_sentences():
    # diff-match-patch would write "countries{+.¶2+}. Each": the split must slide to the full stop
    old = text("Each Party shall consult the other countries. Each Party shall publish its measures.")
    new = text("1. Each Party shall consult the other countries.", "2. Each Party shall publish its measures.")
    changes = Differ().lines(old, new)
    assert [c.mark for c in changes] == ["insert", None]
    assert [s.text for c in changes for s in c.segments if s.op != "equal"] == ["1. ", "2."]


def test_a_renumbered_heading_beside_a_merge_still_merges_by_mark():
    old = [Line("heading", "Article 4\nReview")] + text("1. The Parties shall review this Agreement.",
                                                         "2. The review shall take place every five years.")
    new = [Line("heading", "Article 5\nReview")] + text("The Parties shall review this Agreement. "
                                                         "The review shall take place every five years.")
    changes = Differ().lines(old, new)
    assert [c.mark for c in changes] == [None, "delete", None]
    assert marked_words(changes) == 4     # 4 → 5, and the two paragraph numbers
