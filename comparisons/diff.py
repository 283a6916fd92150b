"""Word-level diff of two paragraphs, and paragraph-level diff of two units.

The engine is diff-match-patch in Google's C++ implementation (fast-diff-match-patch): the pure
Python port spends most of a large comparison in its bisection. diff-match-patch works on characters; mapping each token (a word, a run of spaces, a punctuation
mark) to one private character makes it diff tokens, so every change starts and ends on a word
boundary. Semantic cleanup then folds the small equalities between nearby edits ("the", a space)
into the edit, so a rewritten phrase reads as one replacement rather than a comb of fragments.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import fast_diff_match_patch as dmp

from .units import Line

EQUAL, INSERT, DELETE = "equal", "insert", "delete"
# possessive quantifiers (Python 3.11): the same tokens, without the bookkeeping for
# backtracking that a token never needs; a sixth faster on a treaty
_TOKEN = re.compile(r"\s++|\w++(?:['’]\w++)*+|[^\w\s]")
_WORD_CHAR = re.compile(r"\w")
_OPS = {"=": EQUAL, "+": INSERT, "-": DELETE}


@dataclass
class Segment:
    op: str
    text: str


@dataclass
class LineChange:
    """One paragraph of the comparison: kept, inserted, deleted, or modified word by word."""

    op: str                 # equal | insert | delete | modify
    old: Line | None
    new: Line | None
    segments: list[Segment]
    mark: str | None = None  # the paragraph mark itself inserted or deleted (a split or a merge)

    def __post_init__(self):
        if self.mark is None and self.op in (INSERT, DELETE):
            self.mark = self.op

    @property
    def line(self) -> Line:
        return self.new or self.old


def _code(n: int) -> str:
    """The n-th private character, skipping the surrogate block that strings cannot hold."""
    c = 0x100 + n
    return chr(c + 0x800 if c >= 0xD800 else c)


class Tokens:
    """Maps tokens to private characters, shared across one comparison so encodings agree."""

    def __init__(self):
        self._codes: dict[str, str] = {}
        self._tokens: dict[str, str] = {}
        self._encoded: dict[str, str] = {}      # a paragraph is encoded once however often it is diffed
        self._words: dict[int, str] = {}        # code -> one "w" per word in its token (str.translate)

    def encode(self, text: str) -> str:
        encoded = self._encoded.get(text)
        if encoded is not None:
            return encoded
        codes = self._codes
        tokens = _TOKEN.findall(text)
        try:
            encoded = "".join(map(codes.__getitem__, tokens))
        except KeyError:                      # tokens not seen before get codes, in reading order
            for token in tokens:
                if token not in codes:
                    code = codes[token] = _code(len(codes))
                    self._tokens[code] = token
                    # a token is spaces, one mark, or words joined by apostrophes ("Party's")
                    first = token[0]
                    words = 1 + token.count("'") + token.count("’") if first.isalnum() or first == "_" else 0
                    self._words[ord(code)] = "w" * words
            encoded = "".join(map(codes.__getitem__, tokens))
        self._encoded[text] = encoded
        return encoded

    def decode(self, codes: str) -> str:
        return "".join(map(self._tokens.__getitem__, codes))

    def count_words(self, codes: str) -> int:
        """count_words of the decoded text, without decoding it."""
        return len(codes.translate(self._words))

    def most_kept_words(self, a: str, b: str) -> int:
        """The most words a diff of `a` and `b` could keep: each token kept as often as the side
        with fewer of it has it. Counting is linear; the diff it may spare is not."""
        in_a, in_b = Counter(a), Counter(b)
        words = self._words
        return sum(min(count, in_b[code]) * len(words[ord(code)]) for code, count in in_a.items() if code in in_b)


class Differ:
    def __init__(self):
        self.tokens = Tokens()

    @staticmethod
    def _diff(a: str, b: str, cleanup: str = "Semantic") -> list[tuple[str, str]]:
        # timelimit=0: exact diffs, a redline must never be approximate
        return dmp.diff(a, b, timelimit=0, checklines=False, cleanup=cleanup, counts_only=False)

    def words(self, old: str, new: str) -> list[Segment]:
        """Word-level segments turning `old` into `new`."""
        if old == new:
            return [Segment(EQUAL, old)]
        tokens = self.tokens
        diffs = self._diff(tokens.encode(old), tokens.encode(new), cleanup="No")
        return _join_edits(_merge([Segment(_OPS[op], tokens.decode(codes)) for op, codes in diffs if codes]))

    def lines(self, old: list[Line], new: list[Line]) -> list[LineChange]:
        """Paragraph-level diff: identical paragraphs kept, similar ones diffed word by word,
        the rest inserted or deleted whole."""
        if len(old) == len(new) and all(a.text == b.text for a, b in zip(old, new)):
            return [LineChange(EQUAL, a, b, [Segment(EQUAL, b.text)]) for a, b in zip(old, new)]
        table: dict[str, str] = {}

        def encode(lines: list[Line]) -> str:
            for line in lines:
                if line.text not in table:
                    table[line.text] = _code(len(table))
            return "".join([table[line.text] for line in lines])
        diffs = self._diff(encode(old), encode(new), cleanup="No")
        out: list[LineChange] = []
        i = j = 0
        pending_old: list[Line] = []
        pending_new: list[Line] = []

        def flush():
            out.extend(self._pair(pending_old, pending_new))
            pending_old.clear()
            pending_new.clear()

        for op, codes in diffs:
            n = len(codes)
            if op == "=":
                flush()
                for k in range(n):
                    out.append(LineChange(EQUAL, old[i + k], new[j + k], [Segment(EQUAL, new[j + k].text)]))
                i += n
                j += n
            elif op == "-":
                pending_old.extend(old[i:i + n])
                i += n
            else:
                pending_new.extend(new[j:j + n])
                j += n
        flush()
        return out

    def _pair(self, old: list[Line], new: list[Line]) -> list[LineChange]:
        """Within a run of replaced paragraphs, pair the similar ones in order (a monotone
        matching), diff those by word and insert or delete the others whole."""
        if not old or not new:
            return ([LineChange(DELETE, line, None, [Segment(DELETE, line.text)]) for line in old] +
                    [LineChange(INSERT, None, line, [Segment(INSERT, line.text)]) for line in new])
        if old[0].kind == new[0].kind == "heading":
            # a renumbered heading next to an edited paragraph: the heading pairs with its
            # counterpart, and the paragraphs after it are diffed on their own
            heading = LineChange("modify", old[0], new[0], self.words(old[0].text, new[0].text))
            return [heading] + self._pair(old[1:], new[1:])
        if all(line.kind == "text" for line in old + new):
            joined = self._marks(old, new)
            if joined is not None:
                return joined
        pairs = monotone_pairs([_bag(l.text) for l in old], [_bag(l.text) for l in new])
        out: list[LineChange] = []
        i = j = 0
        for a, b in pairs + [(len(old), len(new))]:
            out += [LineChange(DELETE, line, None, [Segment(DELETE, line.text)]) for line in old[i:a]]
            out += [LineChange(INSERT, None, line, [Segment(INSERT, line.text)]) for line in new[j:b]]
            if a < len(old):
                out.append(LineChange("modify", old[a], new[b], self.words(old[a].text, new[b].text)))
            i, j = a + 1, b + 1
        return out

    def _marks(self, old: list[Line], new: list[Line]) -> list[LineChange] | None:
        """Diff a run of replaced paragraphs as one stream in which paragraph marks are tokens, so a
        split is an inserted mark, a merge a deleted one, and words moving between paragraphs stay
        kept. None when the run has too little in common (unrelated paragraphs would be combed into
        fragments) or when the run would not end on a kept mark."""
        tokens = self.tokens
        a = "".join(tokens.encode(line.text) + tokens.encode(_PARAGRAPH) for line in old)
        b = "".join(tokens.encode(line.text) + tokens.encode(_PARAGRAPH) for line in new)
        words_a, words_b = tokens.count_words(a), tokens.count_words(b)
        enough = 0.5 * max(words_a, words_b)
        if min(words_a, words_b) < enough:   # no diff keeps more words than the shorter side has
            return None
        if len(a) + len(b) >= _LONG_RUN and tokens.most_kept_words(a, b) < enough:
            return None                      # nor more of each word than both sides have
        diffs = [(op, codes) for op, codes in self._diff(a, b, cleanup="No") if codes]
        # the words kept, counted before any work that a rejection would waste (sliding and the
        # cleanup move text between kept and edited runs but never change which words are kept)
        kept = tokens.count_words("".join(codes for op, codes in diffs if op == "="))
        if kept < enough:
            return None
        segments = _space_the_junctions(_join_edits(_merge(
            [Segment(_OPS[op], tokens.decode(codes)) for op, codes in _slide(diffs, tokens)])))
        out: list[LineChange] = []
        current: list[Segment] = []
        i = j = 0
        for segment in segments:
            pieces = segment.text.split(_PARAGRAPH)
            for k, piece in enumerate(pieces):
                if piece:
                    current.append(Segment(segment.op, piece))
                if k == len(pieces) - 1:
                    break
                mark = None if segment.op == EQUAL else segment.op
                if i >= len(old) + (mark == INSERT) or j >= len(new) + (mark == DELETE):
                    return None
                ops = {s.op for s in current}
                if mark is None:
                    op = EQUAL if ops <= {EQUAL} else "modify"
                else:
                    op = mark if ops <= {mark} else "modify"
                out.append(LineChange(op, old[i] if mark != INSERT else None, new[j] if mark != DELETE else None,
                                      current or [Segment(EQUAL, "")], mark))
                current = []
                i += mark != INSERT
                j += mark != DELETE
        if current or i != len(old) or j != len(new) or not out or out[-1].mark is not None:
            return None
        return out if _junctions_spaced(out) else None


def _junctions_spaced(lines: list[LineChange]) -> bool:
    """Whether every place where a tracked mark joins two texts has a space there.

    Where a mark is dropped (accepting a merge, rejecting a split), readers differ: Word and
    LibreOffice join the texts as they are, pandoc puts a space between them. Only a junction that
    already has a space reads the same everywhere. A chain of dropped marks joins through the
    paragraphs that vanish on that side ("2" + three wholly inserted paragraphs + ". The"), so the
    check runs on the text accumulated along the chain, once for each side.
    """
    for dropped, keep in ((INSERT, (EQUAL, DELETE)), (DELETE, (EQUAL, INSERT))):
        left, joining = "", False
        for line in lines:
            text = "".join(s.text for s in line.segments if s.op in keep)
            if joining and left and text and not (left[-1].isspace() or text[0].isspace()):
                return False
            left = left + text if joining else text
            joining = line.mark == dropped
    return True


_WORDS = re.compile(r"\w++")
_PARAGRAPH = "\ue002"   # a paragraph mark, as a token: private use, never in treaty text
# tokens in a run of replaced paragraphs (both sides) from which its diff, quadratic when the
# sides differ, is worth a bound checked first
_LONG_RUN = 2000




def _slide(diffs: list[tuple[str, str]], tokens: Tokens) -> list[tuple[str, str]]:
    """Slide each lone insertion or deletion along the text it repeats to where its edges fall on
    spaces and paragraph marks. diff-match-patch may write a split as "countries{+.¶2+}. Each";
    the same edit as "countries.{+¶2.+} Each" keeps the sentence whole and puts the new paragraph
    mark between a full stop and a space, where every reader joins the texts the same way."""
    out = list(diffs)
    for k in range(1, len(out) - 1):
        (op_a, a), (op, e), (op_b, b) = out[k - 1], out[k], out[k + 1]
        if op_a != "=" or op_b != "=" or op == "=":
            continue
        while a and a[-1] == e[-1]:                     # as far left as the text allows
            a, e, b = a[:-1], a[-1] + e[:-1], e[-1] + b
        best, best_score = (a, e, b), _edges(a, e, b, tokens)
        while b and e[0] == b[0]:                       # then try every place to the right
            a, e, b = a + e[0], e[1:] + b[0], b[1:]
            score = _edges(a, e, b, tokens)
            if score > best_score:
                best, best_score = (a, e, b), score
        a, e, b = best
        out[k - 1], out[k], out[k + 1] = ("=", a), (op, e), ("=", b)
    return [(op, codes) for op, codes in out if codes]


def _edges(a: str, e: str, b: str, tokens: Tokens) -> int:
    return _boundary(a[-1:], e[:1], tokens) + _boundary(e[-1:], b[:1], tokens)


def _boundary(left: str, right: str, tokens: Tokens) -> int:
    """How natural a place between two tokens is for an edit to start or end."""
    if not left or not right:
        return 6
    x, y = tokens.decode(left), tokens.decode(right)
    if _PARAGRAPH in (x, y):
        return 4 + (x in ".;:")
    return 2 * (x.isspace() or y.isspace()) + (x in ".;:,")


def _space_the_junctions(segments: list[Segment]) -> list[Segment]:
    """Move a tracked mark inside a replacement to where the text it joins has a space.

    "…shortage[-;¶-]{+, +}and where…" merges two paragraphs at "shortage" + ", and": no space at
    the junction, which pandoc would read with one. Written "…shortage[-;-]{+,+}[-¶-]{+ +}and",
    the deleted mark falls before the space. The same for an inserted mark, on the old side.
    """
    out: list[Segment] = []
    k = 0
    while k < len(segments):
        pair = segments[k:k + 2]
        if len(pair) == 2 and {pair[0].op, pair[1].op} == {DELETE, INSERT}:
            marked, other = pair if _PARAGRAPH in pair[0].text else pair[::-1]
            space = next((n for n, c in enumerate(other.text) if c.isspace()), None)
            if marked.text.count(_PARAGRAPH) == 1 and _PARAGRAPH not in other.text and space is not None:
                before, after = marked.text.split(_PARAGRAPH)
                if marked.op == DELETE:
                    moved = [Segment(DELETE, before), Segment(INSERT, other.text[:space]),
                             Segment(DELETE, _PARAGRAPH + after), Segment(INSERT, other.text[space:])]
                else:
                    moved = [Segment(DELETE, other.text[:space]), Segment(INSERT, before + _PARAGRAPH),
                             Segment(DELETE, other.text[space:]), Segment(INSERT, after)]
                out += [segment for segment in moved if segment.text]
                k += 2
                continue
        out.append(segments[k])
        k += 1
    return out


def _bag(text: str) -> set[str]:
    return set(_WORDS.findall(text.lower()))


def _similar(a: set, b: set) -> float:
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def monotone_pairs(old: list[set], new: list[set], threshold: float = 0.5) -> list[tuple[int, int]]:
    """The order-preserving matching of old to new paragraphs with the greatest total similarity,
    counting only pairs at least `threshold` similar (a small dynamic programme: runs are short)."""
    if len(old) * len(new) > 40000:   # a huge rewritten run: pair by position only
        return [(k, k) for k in range(min(len(old), len(new))) if _similar(old[k], new[k]) >= threshold]
    rows, cols = len(old), len(new)
    score = [[0.0] * (cols + 1) for _ in range(rows + 1)]
    for a in range(rows - 1, -1, -1):
        for b in range(cols - 1, -1, -1):
            s = _similar(old[a], new[b])
            take = s + score[a + 1][b + 1] if s >= threshold else -1.0
            score[a][b] = max(take, score[a + 1][b], score[a][b + 1])
    pairs, a, b = [], 0, 0
    while a < rows and b < cols:
        s = _similar(old[a], new[b])
        if s >= threshold and score[a][b] == s + score[a + 1][b + 1]:
            pairs.append((a, b))
            a, b = a + 1, b + 1
        elif score[a][b] == score[a + 1][b]:
            a += 1
        else:
            b += 1
    return pairs


def _join_edits(segments: list[Segment]) -> list[Segment]:
    """Semantic cleanup that marks no kept word: edits separated only by spaces or punctuation
    become one replacement ("[-shall notify-]{+may inform+}" rather than a comb of fragments).
    diff-match-patch's own semantic cleanup would also swallow short kept words such as "the"
    into the edit, marking text that did not change."""
    groups: list[list[Segment]] = []          # alternating runs: edits, or a single equality
    for segment in segments:
        if segment.op != EQUAL and groups and groups[-1][0].op != EQUAL:
            groups[-1].append(segment)
        else:
            groups.append([segment])
    out: list[list[Segment]] = []
    k = 0
    while k < len(groups):
        group = groups[k]
        if (group[0].op == EQUAL and out and out[-1][0].op != EQUAL and k + 1 < len(groups)
                and not _WORD_CHAR.search(group[0].text) and _PARAGRAPH not in group[0].text):
            separator, following = group[0].text, groups[k + 1]
            deleted = "".join(s.text for s in out[-1] if s.op == DELETE) + separator + \
                "".join(s.text for s in following if s.op == DELETE)
            inserted = "".join(s.text for s in out[-1] if s.op == INSERT) + separator + \
                "".join(s.text for s in following if s.op == INSERT)
            out[-1] = [Segment(DELETE, deleted), Segment(INSERT, inserted)]
            k += 2
            continue
        out.append(group)
        k += 1
    return [s for group in out for s in group if s.text]


def _merge(segments: list[Segment]) -> list[Segment]:
    out: list[Segment] = []
    for segment in segments:
        if out and out[-1].op == segment.op:
            out[-1] = Segment(segment.op, out[-1].text + segment.text)
        else:
            out.append(segment)
    return out


def count_words(text: str) -> int:
    return len(_WORDS.findall(text))
