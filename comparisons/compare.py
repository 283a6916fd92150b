"""Compare two documents: align their units, diff each pair, and lay out the redline sequence.

The redline sequence interleaves both versions so that one document carries both orders: between
two articles that kept their place, first what only the old version has there (deleted articles,
and moved articles where they used to be), then what only the new version has (added articles,
and moved articles where they now are). Accepting every change keeps the new side, in the new
order; rejecting every change keeps the old side, in the old order. An article split in two (or
two merged into one) is diffed as one text against the joined pieces, which stand side by side.
"""
from __future__ import annotations

import gc
from dataclasses import dataclass, field

from drafting.model import Document

from .align import Alignment, Pair, finish, sure_pairs
from .diff import DELETE, EQUAL, INSERT, Differ, LineChange, Segment, count_words
from .forked import Shared, can_fork, other_core_busy
from .units import Unit, units_of

UNCHANGED, CHANGED, MOVED, ADDED, DELETED = "unchanged", "changed", "moved", "added", "deleted"
SPLIT, MERGED = "split", "merged"   # a new article split off an old one; an old one merged into a new one


@dataclass
class UnitChange:
    status: str
    old: Unit | None
    new: Unit | None
    similarity: float
    how: str
    lines: list[LineChange]            # the diff of the pair (for moves too: what changed inside)
    words_inserted: int = 0
    words_deleted: int = 0
    partner: Unit | None = None        # split: the old article it came from; merged: the new one it joined

    @property
    def renumbered(self) -> bool:
        return bool(self.old and self.new and self.old.number != self.new.number)

    @property
    def edited(self) -> bool:
        """The running text changed (a new number in the heading is not an edit)."""
        return any(change.op != EQUAL for change in self.lines if change.line.kind == "text")

    @property
    def retitled(self) -> bool:
        return bool(self.old and self.new and self.old.heading != self.new.heading)


@dataclass
class Step:
    """One block of the redline: a pair diffed in place, or a unit inserted or deleted whole."""

    mode: str               # diff | insert | delete
    change: UnitChange

    @property
    def lines(self) -> list[LineChange]:
        if self.mode == "diff":
            return self.change.lines
        if self.mode == "insert":
            return whole(self.change.new, INSERT)
        return whole(self.change.old, DELETE)


def whole(unit: Unit, op: str) -> list[LineChange]:
    """Every line of a unit inserted or deleted."""
    return [LineChange(op, line if op == DELETE else None, line if op == INSERT else None,
                       [Segment(op, line.text)]) for line in unit.lines]


@dataclass
class Comparison:
    old: Document
    new: Document
    changes: list[UnitChange]          # in reading order of the new text, deletions in place
    steps: list[Step]
    old_source: str = ""
    new_source: str = ""
    notes: list[str] = field(default_factory=list)
    flags: list = field(default_factory=list)   # material changes (analysis.flags), set by the caller

    def summary(self) -> dict:
        articles = [c for c in self.changes if (c.new or c.old).kind in ("article", "annex")]
        count = lambda status: sum(1 for c in articles if c.status == status)
        return {
            "articles_added": count(ADDED), "articles_deleted": count(DELETED),
            "articles_moved": count(MOVED), "articles_changed": count(CHANGED),
            "articles_unchanged": count(UNCHANGED),
            "articles_split": count(SPLIT), "articles_merged": count(MERGED),
            "articles_renumbered": sum(1 for c in articles if c.renumbered),
            "words_inserted": sum(c.words_inserted for c in self.changes),
            "words_deleted": sum(c.words_deleted for c in self.changes),
        }


def _count(lines: list[LineChange]) -> tuple[int, int]:
    inserted = deleted = 0
    for change in lines:
        for segment in change.segments:
            if segment.op == INSERT:
                inserted += count_words(segment.text)
            elif segment.op == DELETE:
                deleted += count_words(segment.text)
    return inserted, deleted


def _sides(pair: Pair) -> tuple[list[Unit], list[Unit]]:
    """The units diffed for a pair: its own, with the pieces split off or merged in, in order."""
    return (sorted(pair.parts_old + [pair.old], key=lambda unit: unit.index),
            sorted(pair.parts_new + [pair.new], key=lambda unit: unit.index))


def change_of(pair: Pair, differ: Differ, diffed: tuple | None = None) -> UnitChange:
    """The diff of one aligned pair (or a whole unit added or deleted) and its status; `diffed`,
    when given, is the pair's (lines, words inserted, words deleted) worked out already."""
    if pair.part_of is not None:       # its text is diffed with the pair it belongs to
        status = SPLIT if pair.new is not None else MERGED
        partner = pair.part_of.old if status == SPLIT else pair.part_of.new
        return UnitChange(status, pair.old, pair.new, round(pair.similarity, 4), pair.how, [], partner=partner)
    if pair.old is None:
        status, lines = ADDED, whole(pair.new, INSERT)
    elif pair.new is None:
        status, lines = DELETED, whole(pair.old, DELETE)
    else:
        olds, news = _sides(pair)
        if diffed is None:
            lines = differ.lines([line for unit in olds for line in unit.lines],
                                 [line for unit in news for line in unit.lines])
        else:
            lines = diffed[0]
        edited = any(c.op != EQUAL for c in lines if c.line.kind == "text")
        retitled = pair.old.heading != pair.new.heading
        parted = bool(pair.parts_old or pair.parts_new)
        status = MOVED if pair.moved else (CHANGED if edited or retitled or parted else UNCHANGED)
    inserted, deleted = _count(lines) if diffed is None else diffed[1:]
    similarity = pair.similarity
    if pair.old is not None and pair.new is not None:
        total = sum(u.words() for u in olds + news)
        similarity = round(1 - (inserted + deleted) / total, 4) if total else 1.0
    return UnitChange(status, pair.old, pair.new, similarity, pair.how, lines, inserted, deleted)


PARALLEL_CHARS = 120_000  # below this much text to diff (about 20,000 words), a fork costs more than it saves


def _job(pair: Pair) -> tuple[tuple[int, ...], tuple[int, ...]] | None:
    """A pair's diff as a job for either process: the indices of the units on each side. None
    when there is nothing to diff, or next to nothing (the same text, spacing aside)."""
    if pair.old is None or pair.new is None or pair.part_of is not None:
        return None
    olds, news = _sides(pair)
    if len(olds) == len(news) == 1 and pair.old.fingerprint == pair.new.fingerprint:
        return None
    return tuple(unit.index for unit in olds), tuple(unit.index for unit in news)


def _diffs(alignment: Alignment, differ: Differ) -> tuple[list[Pair], dict]:
    """The alignment finished, and the diffs of its pairs: {job: (lines, words inserted, words
    deleted)}. On a long text both processes do them: a child starts on the sure pairs while the
    parent finishes the alignment, then the two share the pairs found last (forked.Shared)."""
    old, new = alignment.old, alignment.new
    sides = lambda job: ([old[i] for i in job[0]], [new[j] for j in job[1]])

    def diff(job: tuple) -> tuple[list[LineChange], int, int]:
        olds, news = sides(job)
        lines = differ.lines([line for unit in olds for line in unit.lines],
                             [line for unit in news for line in unit.lines])
        return (lines, *_count(lines))

    send = lambda job, diffed: _pack(*diffed, *sides(job))
    receive = lambda job, packed: _unpack(packed, *sides(job))

    def size(job: tuple) -> int:
        return sum(len(old[i].body) for i in job[0]) + sum(len(new[j].body) for j in job[1])

    sure = [job for job in (_job(Pair(old[i], new[j], similarity, how))
                            for i, (j, similarity, how) in alignment.matched.items()) if job]
    left = sum(len(unit.body) for unit in old if unit.index not in alignment.matched) + \
        sum(len(unit.body) for unit in new if unit.index not in alignment.taken_new)
    early = sum(map(size, sure))
    # the child starts before the alignment is finished when the sure pairs are as much work as
    # finishing it; otherwise the alignment keeps the other core for its own share (align.PARALLEL_CHARS)
    if can_fork() and early >= PARALLEL_CHARS and early >= left:
        shared = Shared(diff, sure, send, receive)     # starts on the sure pairs at once
        try:
            with other_core_busy():
                pairs = finish(alignment)
        except BaseException:
            shared.abandon()
            raise
        started = set(sure)
        shared.add([job for job in map(_job, pairs) if job and job not in started])
    else:
        pairs = finish(alignment)
        jobs = [job for job in map(_job, pairs) if job]
        if not can_fork() or sum(map(size, jobs)) < PARALLEL_CHARS:
            return pairs, {job: diff(job) for job in jobs}
        shared = Shared(diff, jobs, send, receive)
    return pairs, dict(zip(shared.jobs, shared.results()))


def _pack(lines: list[LineChange], inserted: int, deleted: int, olds: list[Unit], news: list[Unit]) -> tuple:
    """A diff as plain values, its lines by their place in the units diffed."""
    at_old = {id(line): k for k, line in enumerate(line for unit in olds for line in unit.lines)}
    at_new = {id(line): k for k, line in enumerate(line for unit in news for line in unit.lines)}
    return inserted, deleted, [(c.op, -1 if c.old is None else at_old[id(c.old)], -1 if c.new is None else at_new[id(c.new)],
                                [(segment.op, segment.text) for segment in c.segments], c.mark) for c in lines]


def _unpack(packed: tuple, olds: list[Unit], news: list[Unit]) -> tuple[list[LineChange], int, int]:
    inserted, deleted, packed_lines = packed
    old_lines = [line for unit in olds for line in unit.lines]
    new_lines = [line for unit in news for line in unit.lines]
    lines = [LineChange(op, old_lines[i] if i >= 0 else None, new_lines[j] if j >= 0 else None,
                        [Segment(*segment) for segment in segments], mark)
             for op, i, j, segments, mark in packed_lines]
    return lines, inserted, deleted


def compare(old: Document, new: Document) -> Comparison:
    # a comparison allocates hundreds of thousands of small objects and frees none of them
    # early; the cyclic collector would only walk them again and again
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _compare(old, new)
    finally:
        if enabled:
            gc.enable()


def _compare(old: Document, new: Document) -> Comparison:
    old_units, new_units = units_of(old), units_of(new)
    differ = Differ()
    pairs, diffs = _diffs(sure_pairs(old_units, new_units), differ)
    changes = {id(p): change_of(p, differ, diffs.get(_job(p))) for p in pairs}

    # anchors: pairs that keep their place, in order on both sides
    anchors = sorted((p for p in pairs if p.old and p.new and not p.moved), key=lambda p: p.new.index)
    alone = [p for p in pairs if p.part_of is None]     # pieces go with the pair they belong to
    old_only = sorted((p for p in alone if p.old and (p.new is None or p.moved)), key=lambda p: p.old.index)
    new_only = sorted((p for p in alone if p.new and (p.old is None or p.moved)), key=lambda p: p.new.index)
    pieces = {id(p.part_of): [] for p in pairs if p.part_of is not None}
    for piece in pairs:
        if piece.part_of is not None:
            pieces[id(piece.part_of)].append(changes[id(piece)])
    steps: list[Step] = []
    reading: list[UnitChange] = []
    a = b = 0
    for anchor in anchors + [None]:
        limit_old = anchor.old.index if anchor else float("inf")
        limit_new = anchor.new.index if anchor else float("inf")
        while a < len(old_only) and old_only[a].old.index < limit_old:
            change = changes[id(old_only[a])]
            steps.append(Step("delete", change))
            if change.status == DELETED:
                reading.append(change)
            a += 1
        while b < len(new_only) and new_only[b].new.index < limit_new:
            change = changes[id(new_only[b])]
            steps.append(Step("insert", change))
            reading.append(change)
            b += 1
        if anchor:
            steps.append(Step("diff", changes[id(anchor)]))
            reading.append(changes[id(anchor)])
            reading += sorted(pieces.get(id(anchor), []), key=lambda c: (c.new or c.old).index)
    notes = [f"old: {n}" for n in old.notes] + [f"new: {n}" for n in new.notes]
    return Comparison(old, new, reading, steps, notes=notes)
