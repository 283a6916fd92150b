"""The redline writer's encoding rules."""
from comparisons.diff import Segment
from comparisons.redline import _end_without_insertion


def text(segments, keep):
    return "".join(s.text for s in segments if s.op in ("equal", keep))


def test_a_final_replacement_is_written_insertion_first():
    segments = [Segment("equal", "within "), Segment("delete", "60 days"), Segment("insert", "90 days")]
    out = _end_without_insertion(segments)
    assert [s.op for s in out] == ["equal", "insert", "delete"]
    assert text(out, "insert") == "within 90 days" and text(out, "delete") == "within 60 days"


def test_a_final_insertion_takes_the_last_kept_word_along():
    segments = [Segment("equal", "Each Party shall notify"), Segment("insert", " promptly.")]
    out = _end_without_insertion(segments)
    assert out[-1].op == "delete" and out[-1].text == "notify"
    assert text(out, "insert") == "Each Party shall notify promptly."
    assert text(out, "delete") == "Each Party shall notify"


def test_paragraphs_not_ending_in_an_insertion_are_left_alone():
    segments = [Segment("equal", "a "), Segment("delete", "b")]
    assert _end_without_insertion(segments) == segments
