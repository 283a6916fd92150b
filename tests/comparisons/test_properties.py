"""The guarantee on random edit scripts: accepting every change gives the new text, rejecting
every change gives the old, paragraph for paragraph."""
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from comparisons.compare import compare
from comparisons.redline import SUMMARY_END, write_redline
from comparisons.units import document_lines
from tests.comparisons import revisions, treaties


def normalized(lines):
    return [" ".join(line.split()) for line in lines if line.strip()]


def pair(seed: int, edits: int):
    rng = random.Random(seed)
    old = treaties.document(rng)
    new = treaties.edit(old, rng, edits)
    return old, new


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**31), edits=st.integers(0, 14))
def test_accept_gives_new_and_reject_gives_old(seed, edits):
    old, new = pair(seed, edits)
    comparison = compare(old, new)
    docx = write_redline(comparison, author="Test", date="2026-01-01T00:00:00Z")
    accepted = revisions.after_summary(revisions.paragraphs(docx, "accept"), SUMMARY_END)
    rejected = revisions.after_summary(revisions.paragraphs(docx, "reject"), SUMMARY_END)
    assert accepted == normalized(document_lines(new))
    assert rejected == normalized(document_lines(old))


@settings(max_examples=300, deadline=None)
@given(seed=st.integers(0, 2**31), edits=st.integers(0, 14))
def test_summary_counts_agree_with_the_diff(seed, edits):
    old, new = pair(seed, edits)
    comparison = compare(old, new)
    summary = comparison.summary()
    articles = [c for c in comparison.changes if (c.new or c.old).kind == "article"]
    paired = sum(1 for c in articles if c.old is not None and c.new is not None)
    assert summary["articles_added"] + summary["articles_split"] == sum(1 for _ in new.articles()) - paired
    assert summary["articles_deleted"] + summary["articles_merged"] == sum(1 for _ in old.articles()) - paired
    if edits == 0:
        assert summary["words_inserted"] == summary["words_deleted"] == 0
        assert summary["articles_changed"] == summary["articles_moved"] == 0


@settings(max_examples=300, deadline=None)
@given(seed=st.integers(0, 2**31))
def test_an_unchanged_text_has_no_tracked_change(seed):
    old, _ = pair(seed, 0)
    docx = write_redline(compare(old, old), date="2026-01-01T00:00:00Z")
    assert b"<w:ins " not in docx and b"<w:del " not in docx
