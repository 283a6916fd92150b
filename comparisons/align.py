"""Pairing the articles of two versions, in passes from surest to loosest:

1. the front matter with the front matter, the closing with the closing (when both have text:
   a closing left without a counterpart may join the last article, see _attach_parts);
2. by stable label (the clause id our drafts carry in their bookmarks);
3. by identical text;
4. by a title that each side gives to one article only, when the two share at least half their
   word trigrams;
5. by similarity: the Dice coefficient of word-trigram shingles, candidates found through an
   inverted index (no all-pairs comparison on a 400-article treaty), most similar first;
6. by heading, for a provision rewritten under the same title.

Passes 1 to 4 (`sure_pairs`) need no view of the whole text, and their pairs are final: the
comparison starts diffing them on the other core while `finish` does the rest.

The chain of pairs that keeps its order on both sides and holds the most words stays in place;
the other pairs are moves. Finally an unpaired article that stands between the same two in-place
articles on both sides, with enough words in common, is the same article rewritten.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from heapq import nlargest
from itertools import chain
from operator import neg
from dataclasses import dataclass, field

from .diff import monotone_pairs
from .forked import Forked, can_fork, halves
from .units import Unit

_WORD = re.compile(r"\w++")   # possessive: see diff._TOKEN
THRESHOLD = 0.3          # below this two articles are different provisions
COMMON = 40              # a shingle in more articles than this is boilerplate, not evidence
GAP_THRESHOLD = 0.2      # word overlap that, in the same place, makes a rewritten article
PART_THRESHOLD = 0.5     # share of an unpaired article's trigrams found in its neighbour's counterpart
HEADING_THRESHOLD = 0.35  # word overlap that, under the same heading, makes the same provision
NAMESAKE_THRESHOLD = 0.5  # trigram overlap that, under a title found once on each side, is the same provision
PARALLEL_CHARS = 120_000  # below this much text (about 20,000 words), scoring costs less than a fork


@dataclass
class Pair:
    old: Unit | None
    new: Unit | None
    similarity: float
    how: str              # label | identical | similar | heading | position | fixed | split | merged | ""
    moved: bool = False
    # pieces of this pair's text that stand as articles of their own on the other side: an article
    # split in two (parts_new) or two merged into one (parts_old), each next to this pair's unit
    parts_old: list[Unit] = field(default_factory=list)
    parts_new: list[Unit] = field(default_factory=list)
    part_of: "Pair | None" = None      # for a split-off or merged-in unit: the pair it belongs to


def unit_shingles(unit: Unit) -> set:
    """The word trigrams of a unit's heading and body, in lower case; the unit learns its word
    count on the way.

    Only their number and what two units share count, never their order, so tuples of strings
    serve (their hash differs from run to run, which changes nothing here)."""
    words = _WORD.findall(f"{unit.heading} {unit.body}")
    unit.learn_words(len(words))
    return _trigrams(words)


def _trigrams(words: list[str]) -> set:
    # lower case word by word: lowering the text first could split a word ("İ" becomes "i" and a
    # combining dot, which is not a word character)
    words = " ".join(words).lower().split(" ") if words else words
    if len(words) < 3:
        return {(word,) for word in words}
    return set(zip(words, words[1:], words[2:]))


def dice(a: set, b: set) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


@dataclass
class Alignment:
    """The pairs found so far between two lists of units."""

    old: list[Unit]
    new: list[Unit]
    matched: dict[int, tuple[int, float, str]] = field(default_factory=dict)   # old index -> (new index, similarity, how)
    taken_new: set[int] = field(default_factory=set)

    def take(self, i: int, j: int, similarity: float, how: str) -> None:
        self.matched[i] = (j, similarity, how)
        self.taken_new.add(j)

    def open(self, *, headed: bool = False) -> tuple[list[Unit], list[Unit]]:
        """The articles and annexes of each side not paired yet (only those with a heading)."""
        return ([u for u in self.old if u.index not in self.matched and u.kind in ("article", "annex")
                 and (u.heading or not headed)],
                [u for u in self.new if u.index not in self.taken_new and u.kind in ("article", "annex")
                 and (u.heading or not headed)])


def align(old: list[Unit], new: list[Unit]) -> list[Pair]:
    """Pairs for every unit of both sides: matched pairs, deletions (new=None), additions (old=None)."""
    return finish(sure_pairs(old, new))


def sure_pairs(old: list[Unit], new: list[Unit]) -> Alignment:
    """Passes 1 to 4: the pairs that no later pass can undo."""
    alignment = Alignment(old, new)
    matched, taken_new, take = alignment.matched, alignment.taken_new, alignment.take

    # the front matter and the closing always correspond, unless one side has none: a text whose
    # testimonium was lost keeps its signature blocks in its last article (see _attach_parts)
    for kind in ("front", "closing"):
        a = next((u.index for u in old if u.kind == kind), None)
        b = next((u.index for u in new if u.kind == kind), None)
        if a is not None and b is not None and bool(old[a].lines) == bool(new[b].lines):
            take(a, b, 1.0, "fixed")

    by_label = {u.label: u.index for u in new if u.label}
    if len(by_label) == sum(1 for u in new if u.label):
        for unit in old:
            j = by_label.get(unit.label) if unit.label else None
            if j is not None and j not in taken_new and unit.index not in matched:
                take(unit.index, j, 1.0, "label")

    fingerprints = Counter(u.fingerprint for u in new if u.index not in taken_new and u.lines)
    old_fingerprints = Counter(u.fingerprint for u in old if u.index not in matched and u.lines)
    by_print = {u.fingerprint: u.index for u in new if u.index not in taken_new and u.lines}
    for unit in old:
        if unit.index in matched or not unit.lines:
            continue
        if fingerprints[unit.fingerprint] == 1 and old_fingerprints[unit.fingerprint] == 1:
            take(unit.index, by_print[unit.fingerprint], 1.0, "identical")

    # a title that each side gives to one article only ("Customs valuation"), over a text that
    # keeps half its trigrams, names the same provision; most articles of sibling treaties pair
    # here, cheaply, and the similarity pass is left the rest
    rest_old, rest_new = alignment.open(headed=True)
    titles_old = Counter(u.heading.lower() for u in rest_old)
    titles_new = Counter(u.heading.lower() for u in rest_new)
    by_title = {u.heading.lower(): u for u in rest_new}
    for unit in rest_old:
        title = unit.heading.lower()
        if titles_old[title] == 1 and titles_new[title] == 1:
            other = by_title[title]
            similarity = dice(unit_shingles(unit), unit_shingles(other))
            if similarity >= NAMESAKE_THRESHOLD:
                take(unit.index, other.index, similarity, "similar")
    return alignment


def finish(alignment: Alignment) -> list[Pair]:
    """Passes 5 and 6, then which pairs moved, rewritten articles in place, split and merged ones."""
    old, new = alignment.old, alignment.new
    matched, taken_new, take = alignment.matched, alignment.taken_new, alignment.take
    rest_old, rest_new = alignment.open()
    for i, j, similarity in _similar_pairs(rest_old, rest_new):
        if i not in matched and j not in taken_new:
            take(i, j, similarity, "similar")

    # a provision rewritten under the same heading ("Border Measures") is still that provision
    rest_old, rest_new = alignment.open(headed=True)
    for i, j, similarity in _same_heading_pairs(rest_old, rest_new):
        if i not in matched and j not in taken_new:
            take(i, j, similarity, "heading")

    weights = {i: 1 + old[i].words() + new[j].words() for i, (j, _, _) in matched.items()}
    in_place = _heaviest_increasing({i: j for i, (j, _, _) in matched.items()}, weights)

    # an article rewritten where it stands (between the same two articles on both sides) is that
    # article rewritten, not one deleted and another added
    anchors = sorted((i, matched[i][0]) for i in in_place)
    for (i0, j0), (i1, j1) in zip([(-1, -1)] + anchors, anchors + [(len(old), len(new))]):
        gap_old = [u for u in old[i0 + 1:i1] if u.index not in matched and u.kind in ("article", "annex")]
        gap_new = [u for u in new[j0 + 1:j1] if u.index not in taken_new and u.kind in ("article", "annex")]
        if gap_old and gap_new:
            bags_old = [set(_WORD.findall(u.body.lower())) for u in gap_old]
            bags_new = [set(_WORD.findall(u.body.lower())) for u in gap_new]
            for a, b in monotone_pairs(bags_old, bags_new, GAP_THRESHOLD):
                take(gap_old[a].index, gap_new[b].index, dice(bags_old[a], bags_new[b]), "position")
                in_place.add(gap_old[a].index)
    pairs = []
    for i, (j, similarity, how) in sorted(matched.items()):
        pairs.append(Pair(old[i], new[j], similarity, how, moved=i not in in_place))
    # a unit without a line (an empty closing) is nothing to add or delete
    pairs += [Pair(u, None, 0.0, "") for u in old if u.index not in matched and u.lines]
    pairs += [Pair(None, u, 0.0, "") for u in new if u.index not in taken_new and u.lines]
    _attach_parts(pairs, old, new)
    return pairs


def _attach_parts(pairs: list[Pair], old: list[Unit], new: list[Unit]) -> None:
    """An unpaired article standing next to an in-place pair, whose words come from that pair's
    other side, is a piece of it: an article split in two, or two articles merged into one. The
    pair then spans both, and the redline diffs the joined text instead of deleting and inserting it.

    The closing joins an article pair the same way when the other side has no closing: its signature
    blocks then stand at the end of that side's last article. Being in the same place, it needs
    only the overlap that makes a rewritten article (GAP_THRESHOLD)."""
    adrift = {side for side, units, others in (("old", old, new), ("new", new, old))
              if any(u.kind == "closing" and u.lines for u in units)
              and not any(u.kind == "closing" and u.lines for u in others)}
    lone = {("old", p.old.index) if p.old else ("new", p.new.index): p for p in pairs if not (p.old and p.new)}
    for pair in [p for p in pairs if p.old and p.new and not p.moved and p.old.kind == "article"]:
        for side, units, parts, other in (("new", new, pair.parts_new, pair.old), ("old", old, pair.parts_old, pair.new)):
            whole = None
            start = (pair.new if side == "new" else pair.old).index
            for step in (1, -1):                       # the pieces after it, then those before it
                k = start + step
                while (side, k) in lone and units[k].lines and (
                        units[k].kind == "article" or (units[k].kind == "closing" and side in adrift)):
                    if whole is None:
                        whole = unit_shingles(other)
                    mine = unit_shingles(units[k])
                    share = len(mine & whole) / len(mine) if mine else 0.0
                    if share < (PART_THRESHOLD if units[k].kind == "article" else GAP_THRESHOLD):
                        break
                    piece = lone.pop((side, k))
                    piece.how, piece.part_of, piece.similarity = ("split" if side == "new" else "merged"), pair, share
                    parts.append(units[k])
                    k += step
            parts.sort(key=lambda unit: unit.index)


def _similar_pairs(old: list[Unit], new: list[Unit]):
    """Candidate pairs above the threshold, most similar first (ties: heading, then position).
    On a long text a forked child scores half of the old articles (comparisons.forked)."""
    if not old or not new:
        return []
    new_shingles = {u.index: unit_shingles(u) for u in new}
    headings = {u.index: u.heading.lower() for u in new}
    index: dict[int, list[int]] = defaultdict(list)
    for j, items in new_shingles.items():
        for shingle in items:
            index[shingle].append(j)
    index = {shingle: holders for shingle, holders in index.items() if len(holders) <= COMMON}

    def score(units: list[Unit]) -> list[tuple[float, int, int, float]]:
        candidates = []
        for unit in units:
            mine = unit_shingles(unit)
            counts = Counter(chain.from_iterable(map(index.get, mine & index.keys())))
            # the 8 with most shingles in common, ties broken by position (never by set order,
            # which varies with the hash seed): the largest (count, -position)
            for _, minus_j in nlargest(8, zip(counts.values(), map(neg, counts))):
                j = -minus_j
                similarity = dice(mine, new_shingles[j])
                if similarity >= THRESHOLD:
                    same_heading = bool(unit.heading) and unit.heading.lower() == headings[j]
                    candidates.append((similarity + (0.05 if same_heading else 0.0), unit.index, j, similarity))
        return candidates

    size = lambda unit: len(unit.body)          # words are not counted yet: shingling counts them
    if can_fork() and sum(map(size, old)) >= PARALLEL_CHARS:
        mine, theirs = halves(old, size)
        child = Forked(lambda: (score(theirs), [unit.words() for unit in theirs]))
        candidates = score(mine)
        theirs_scored, counts = child.result()
        candidates += [tuple(c) for c in theirs_scored]
        for unit, count in zip(theirs, counts):
            unit.know_words(count)
    else:
        candidates = score(old)
    candidates.sort(key=lambda c: (-c[0], abs(c[1] - c[2]), c[1], c[2]))
    return [(i, j, similarity) for _, i, j, similarity in candidates]


def _same_heading_pairs(old: list[Unit], new: list[Unit]):
    by_heading: dict[str, list[Unit]] = defaultdict(list)
    for unit in new:
        by_heading[unit.heading.lower()].append(unit)
    candidates = []
    for unit in old:
        mine = set(_WORD.findall(unit.body.lower()))
        for other in by_heading.get(unit.heading.lower(), ()):
            similarity = dice(mine, set(_WORD.findall(other.body.lower())))
            if similarity >= HEADING_THRESHOLD:
                candidates.append((-similarity, abs(unit.index - other.index), unit.index, other.index, similarity))
    candidates.sort()
    return [(i, j, similarity) for _, _, i, j, similarity in candidates]


def _heaviest_increasing(mapping: dict[int, int], weight: dict[int, int]) -> set[int]:
    """Old indices of the chain of pairs, increasing on both sides, with the most words.

    Whatever stays off the chain is shown as moved: deleted where it stood and inserted where it
    stands. Keeping the most words in place (not the most articles) keeps the redline smallest.
    A Fenwick tree over new positions gives the best chain ending below each position.
    """
    items = sorted(mapping.items())
    size = max(mapping.values(), default=0) + 2
    tree = [(0, -1)] * (size + 1)          # (best total weight, item index) per prefix of new positions

    def best_below(position: int) -> tuple[int, int]:
        best = (0, -1)
        while position > 0:
            best = max(best, tree[position])
            position -= position & -position
        return best

    def offer(position: int, value: tuple[int, int]) -> None:
        while position <= size:
            tree[position] = max(tree[position], value)
            position += position & -position

    totals, parent = [], []
    for k, (i, j) in enumerate(items):
        below, at = best_below(j + 1)       # chains ending at new positions < j
        totals.append(below + weight[i])
        parent.append(at)
        offer(j + 2, (totals[-1], k))
    chain = set()
    k = max(range(len(items)), key=lambda n: (totals[n], -n)) if items else -1
    while k >= 0:
        chain.add(items[k][0])
        k = parent[k]
    return chain
