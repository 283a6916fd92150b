"""Token patterns in spaCy's Matcher notation, tried only where their first word stands.

spaCy's Matcher tries every pattern at every token of a text. A treaty's modal cues all start with
one word or a few ("shall", "may", {"IN": ["intend", "intends"]}), and those words are rare
enough that trying each pattern only where its first word stands, and only in a text that holds
the other words it needs, does a small fraction of the work: on a 70,000-word treaty the cues of
patterns/modality.yaml took 0.95 s in spaCy's Matcher (one per first word) and take 0.09 s here.

The notation is the Matcher's, for the part of it the pattern files use:

    token attributes   ORTH, LOWER, LEMMA (a string, {IN: [...]} or {NOT_IN: [...]}), IS_ALPHA (a boolean)
    operators          OP "?", "*", "+", "{n}", "{n,m}", "{n,}", "{,m}"

and the answer is the Matcher's: every (key, start, end) a pattern can span, however many
lengths its operators allow. The first token of a pattern must name its word or words exactly,
with no operator; anything outside the notation is refused with the pattern that holds it.
"""
from __future__ import annotations

import re

_COLUMNS = ("ORTH", "LOWER", "LEMMA", "IS_ALPHA")
_WORD_COLUMNS = 3                       # the columns a pattern may start on (IS_ALPHA is no word)
_RANGE = re.compile(r"\{(\d*)(,?)(\d*)\}")


class PatternError(ValueError):
    """A pattern outside the notation this engine reads."""


def _bounds(op: str | None, pattern) -> tuple[int, int | None]:
    """(least, most) repetitions of a token for its operator; most None for no limit."""
    if op is None:
        return 1, 1
    fixed = {"?": (0, 1), "*": (0, None), "+": (1, None)}
    if op in fixed:
        return fixed[op]
    found = _RANGE.fullmatch(op)
    if found is None or found.group() == "{,}" or not (found.group(1) or found.group(3)):
        raise PatternError(f"operator {op!r} is not one of ?, *, +, {{n}}, {{n,m}}, {{n,}}, {{,m}}: {pattern}")
    least, comma, most = found.groups()
    low = int(least or 0)
    high = None if comma and not most else int(most or least)
    return low, high


class TokenPatterns:
    """Patterns under keys, as spaCy's Matcher holds them; calling it on a doc gives the matches
    as (key id, start, end), ordered by start, then by the order the patterns were added, then by end."""

    def __init__(self, vocab):
        self.strings = vocab.strings
        # per pattern: its key id and its steps, each step (tests, least, most)
        self._patterns: list[tuple[int, list[tuple[tuple, int, int | None]]]] = []
        # per pattern: the words it cannot match without, as (column, word ids) one of which the
        # doc must hold: most patterns of a "shall" are ruled out before they are tried
        self._needs: list[tuple[tuple[int, frozenset], ...]] = []
        # per word column: word id -> the patterns that start with that word
        self._starts: list[dict[int, list[int]]] = [{} for _ in range(_WORD_COLUMNS)]

    def add(self, key: str, patterns: list[list[dict]]) -> None:
        key_id = self.strings.add(key)
        for pattern in patterns:
            if not pattern:
                raise PatternError(f"{key}: an empty pattern")
            steps = [self._step(token, pattern) for token in pattern]
            column, words = _first(steps[0], pattern)
            number = len(self._patterns)
            self._patterns.append((key_id, steps))
            self._needs.append(tuple((column, value if how == "IN" else frozenset([value]))
                                     for tests, least, _ in steps[1:] if least
                                     for column, how, value in tests
                                     if column < _WORD_COLUMNS and how in ("=", "IN")))
            for word in words:
                self._starts[column].setdefault(word, []).append(number)

    def _step(self, token: dict, pattern) -> tuple[tuple, int, int | None]:
        tests = []
        for name, value in token.items():
            if name == "OP":
                continue
            if name not in _COLUMNS:
                raise PatternError(f"attribute {name} is not one of {', '.join(_COLUMNS)}: {pattern}")
            column = _COLUMNS.index(name)
            if name == "IS_ALPHA":
                if not isinstance(value, bool):
                    raise PatternError(f"IS_ALPHA takes true or false: {pattern}")
                tests.append((column, "=", int(value)))
            elif isinstance(value, str):
                tests.append((column, "=", self.strings.add(value)))
            elif isinstance(value, dict) and len(value) == 1 and next(iter(value)) in ("IN", "NOT_IN"):
                (how, words), = value.items()
                tests.append((column, how, frozenset(self.strings.add(word) for word in words)))
            else:
                raise PatternError(f"{name} takes a word, {{IN: [...]}} or {{NOT_IN: [...]}}: {pattern}")
        return tuple(tests), *_bounds(token.get("OP"), pattern)

    def __call__(self, doc) -> list[tuple[int, int, int]]:
        from spacy.attrs import IS_ALPHA, LEMMA, LOWER, ORTH

        if not len(doc):
            return []
        array = doc.to_array([ORTH, LOWER, LEMMA, IS_ALPHA])
        values = [array[:, c].tolist() for c in range(_WORD_COLUMNS)]
        columns = [set(column) for column in values]
        viable = {}
        matches = []
        for column, starts in enumerate(self._starts):
            words = starts.keys() & columns[column]
            if not words:
                continue
            for start in [k for k, value in enumerate(values[column]) if value in words]:
                for number in starts[values[column][start]]:
                    ok = viable.get(number)
                    if ok is None:
                        ok = viable[number] = all(not columns[c].isdisjoint(need) for c, need in self._needs[number])
                    if ok:
                        matches.append((start, number))
        if not matches:
            return []
        rows = array.tolist()
        found = []
        for start, number in sorted(matches):
            key, steps = self._patterns[number]
            ends: set[int] = set()
            _ends(steps, 1, start + 1, rows, ends, set())    # the first word stands at `start`
            found.extend((key, start, end) for end in sorted(ends))
        return found


def _first(step: tuple, pattern) -> tuple[int, frozenset]:
    """The column and the word ids a pattern starts with: its first token must name one word or a
    list of them (IN) in ORTH, LOWER or LEMMA, and nothing else, without an operator."""
    tests, least, most = step
    if (least, most) != (1, 1) or "OP" in pattern[0] or len(tests) != 1 \
            or tests[0][0] >= _WORD_COLUMNS or tests[0][1] == "NOT_IN":
        raise PatternError(f"the first token must name its word or words (a word or IN) in ORTH, LOWER "
                           f"or LEMMA, without an operator: {pattern}")
    column, how, value = tests[0]
    return column, frozenset([value]) if how == "=" else value


def _passes(tests: tuple, row: list[int]) -> bool:
    for column, how, value in tests:
        got = row[column]
        if how == "=":
            if got != value:
                return False
        elif (got in value) != (how == "IN"):
            return False
    return True


def _ends(steps: list, k: int, at: int, rows: list, ends: set[int], seen: set[tuple[int, int]]) -> None:
    """Every end of a match of steps[k:] from token `at`, added to `ends`. `seen` holds the
    (step, token) states already explored: operators may reach one state along several paths."""
    while k < len(steps):
        tests, least, most = steps[k]
        if least == most == 1:          # a plain token: no choice to explore
            if at >= len(rows) or not _passes(tests, rows[at]):
                return
            k, at = k + 1, at + 1
            continue
        if (k, at) in seen:
            return
        seen.add((k, at))
        count = 0
        while True:
            if count >= least:
                _ends(steps, k + 1, at + count, rows, ends, seen)
            if (most is not None and count == most) or at + count >= len(rows) \
                    or not _passes(tests, rows[at + count]):
                return
            count += 1
    ends.add(at)
