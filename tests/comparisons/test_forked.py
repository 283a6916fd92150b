"""A forked child scoring half of the articles, and sharing the diffs of the pairs, gives exactly
what doing it all in one process gives."""
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
    monkeypatch.setattr(comparing, "PARALLEL_CHARS", 1)    # fork even for a short text
    monkeypatch.setattr(align, "PARALLEL_CHARS", 1)
    assert snapshot(comparing.compare(old, new)) == serial


def slow_square(job):
    total = 0
    for k in range(2000 * (job % 7 + 1)):       # uneven jobs, so the two ends meet anywhere
        total += k
    return [job * job, os.getpid(), total > -1]


def test_shared_jobs_are_done_once_each_by_both_processes():
    parent = os.getpid()
    shared = forked.Shared(slow_square, list(range(150)))
    shared.add(list(range(150, 300)))
    results = shared.results()
    assert [value for value, _, _ in results] == [job * job for job in range(300)]
    doers = {pid for _, pid, _ in results}
    if forked.can_fork():
        assert parent in doers and len(doers) == 2
    else:
        assert doers == {parent}


@pytest.mark.parametrize("first", [0, 1, 40])
def test_shared_jobs_given_only_later_are_shared_too(first):
    shared = forked.Shared(slow_square, list(range(first)))
    shared.add(list(range(first, 120)))
    assert [value for value, _, _ in shared.results()] == [job * job for job in range(120)]


class Square:
    """An answer marshal cannot carry: the child sends it as a tuple."""

    def __init__(self, value, pid):
        self.value, self.pid = value, pid


def test_a_shared_childs_answers_travel_by_send_and_receive_and_the_parents_stay_as_they_are():
    parent = os.getpid()
    received = []

    def receive(job, sent):
        received.append(job)
        return Square(*sent)

    shared = forked.Shared(lambda job: Square(slow_square(job)[0], os.getpid()), list(range(60)),
                           send=lambda job, square: (square.value, square.pid), receive=receive)
    shared.add(list(range(60, 120)))
    results = shared.results()
    assert [square.value for square in results] == [job * job for job in range(120)]
    by_child = sorted(job for job, square in enumerate(results) if square.pid != parent)
    assert sorted(received) == by_child        # each child answer received once, no parent answer
    if forked.can_fork():
        assert by_child and len(by_child) < 120


def test_a_failing_shared_child_leaves_every_job_to_the_parent():
    parent = os.getpid()

    def work(job):
        if os.getpid() != parent:
            raise RuntimeError("the child fails")
        return job + 1

    shared = forked.Shared(work, [1, 2, 3])
    shared.add([4, 5])
    assert shared.results() == [2, 3, 4, 5, 6]


def test_the_early_diffs_of_sure_pairs_equal_the_serial_comparison(monkeypatch):
    """Articles under titles used once pair before the alignment is finished, and a child
    starts diffing them at once (compare._diffs)."""
    if not forked.can_fork():
        pytest.skip("this system diffs serially (no fork or one core)")
    rng = random.Random(11)
    old = document(rng, articles=40)
    for k, article in enumerate(old.articles()):
        article.heading = f"Provision {k}"
    new = edit(old, rng, 30)
    serial = snapshot(comparing.compare(old, new))
    added = []
    monkeypatch.setattr(forked.Shared, "add", lambda self, jobs, add=forked.Shared.add: (added.append(jobs), add(self, jobs)))
    monkeypatch.setattr(comparing, "PARALLEL_CHARS", 1)
    assert snapshot(comparing.compare(old, new)) == serial
    assert any(added), "the child was not started before the alignment was finished"


def test_a_busy_other_core_keeps_the_work_here_only_inside_the_block():
    before = forked.can_fork()
    with forked.other_core_busy():
        assert not forked.can_fork()
        assert forked.Forked(os.getpid).result() == os.getpid()    # done here, not in a child
        shared = forked.Shared(lambda job: os.getpid(), [1, 2])
        shared.add([3])
        assert shared.results() == [os.getpid()] * 3
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


def test_abandoned_shared_jobs_leave_no_child_behind():
    shared = forked.Shared(slow_square, list(range(50)))
    pid = shared.pid
    shared.abandon()
    assert shared.pid is None
    if pid is not None:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)          # reaped already
