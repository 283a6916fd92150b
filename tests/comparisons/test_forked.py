"""A forked child scoring half of the articles, and diffing half of the pairs, gives exactly what
doing it all in one process gives."""
import os
import random

import pytest

from comparisons import align, compare as comparing, forked
from tests.comparisons.treaties import document, edit


def snapshot(comparison):
    return [(c.status, c.old and c.old.index, c.new and c.new.index, c.similarity, c.words_inserted,
             c.words_deleted, [(l.op, l.old, l.new, l.segments, l.mark) for l in c.lines])
            for c in comparison.changes]


def test_halves_share_the_weight_evenly():
    weights = [50, 40, 30, 20, 10, 10, 5]
    mine, theirs = forked.halves(weights, weight=lambda w: w)
    assert sorted(mine + theirs) == sorted(weights)
    assert abs(sum(mine) - sum(theirs)) <= 10


def test_a_forked_job_returns_the_childs_value():
    parent = os.getpid()
    job = forked.Forked(lambda: ["from", os.getpid() != parent or not forked.can_fork()])
    assert job.result() == ["from", True]


def test_a_failing_child_leaves_its_share_to_the_parent():
    parent = os.getpid()

    def work():
        if os.getpid() != parent:
            raise RuntimeError("the child fails")
        return "done here"

    assert forked.Forked(work).result() == "done here"


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_parallel_comparison_equals_the_serial_one(seed, monkeypatch):
    if not forked.can_fork():
        pytest.skip("this system diffs serially (no fork or one core)")
    rng = random.Random(seed)
    old = document(rng, articles=40)
    new = edit(old, rng, 30)
    serial = snapshot(comparing.compare(old, new))
    monkeypatch.setattr(comparing, "PARALLEL_WORDS", 1)    # fork even for a short text
    monkeypatch.setattr(align, "PARALLEL_CHARS", 1)
    assert snapshot(comparing.compare(old, new)) == serial


def test_a_busy_other_core_keeps_the_work_here_only_inside_the_block():
    before = forked.can_fork()
    with forked.other_core_busy():
        assert not forked.can_fork()
        assert forked.Forked(os.getpid).result() == os.getpid()    # done here, not in a child
    assert forked.can_fork() == before


def test_word_counts_learnt_while_shingling_equal_the_counted_ones():
    from comparisons.units import DIVISION, HEADING, TEXT, Line, Unit, units_of

    def units():
        made = units_of(document(random.Random(7), articles=30))
        made.append(Unit("article", len(made), [
            Line(DIVISION, "CHAPTER 2\nTrade in İstanbul"), Line(HEADING, "Article 2.8\nFiñal_words"),
            Line(TEXT, "1. İSTANBUL’s port—and 2,5 % of 3.2 ... (a) x"), Line(TEXT, "")],
            number="2.8", heading="Fiñal_words"))
        return made

    for counted, learnt in zip(units(), units()):
        align.unit_shingles(learnt)
        assert learnt.words() == counted.words()
