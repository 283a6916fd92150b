"""The lines of a PDF, with their geometry, into paragraph blocks for the shared recognizer.

Three jobs, in this order:

1. Running headers and footers go: a line among the outer lines of its page whose text (with its
   digits ignored, so "Page 3 of 40" matches "Page 4 of 40") comes back at the same height on
   other pages, and a lone page number ("12", "- 12 -", "Page 12 of 40", "12/40", "iv").
2. Lines become paragraphs. A paragraph ends where a word processor would have ended it: where
   the first word of the next line would have fitted on this one (a wrap happens only when it
   does not), at a vertical gap or a change of font size, at an indentation that changes after
   the first line of a paragraph (the first line may be indented or hanging), after a bare
   heading ("Article 5"), and before a heading or a numbered paragraph ("(a)", "2.") when the
   line before it finished a sentence or an item.
3. A word broken by a hyphen at a line end is rejoined or kept whole (`Hyphens`).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import reduce

from . import labels, structure
from .structure import Block


@dataclass(slots=True)
class Line:
    text: str
    page: int      # 0-based
    x0: float      # left and right ends of its text, PDF units
    x1: float
    y: float       # baseline, from the bottom of the page
    size: float    # font size of its first character
    word: float    # width of its first word: would it have fitted on the line before?


# -- running headers, footers and page numbers ------------------------------------------------
_EDGE = 3   # lines looked at from the top and from the bottom of each page
_ROMAN = r"(?=[ivxlc])c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})"
_PAGE_NUMBER = re.compile(
    r"(?i:page\s+|p\.\s*)?[-\u2013\u2014]?\s*(?:\d{1,4}|" + _ROMAN + r")\s*[-\u2013\u2014]?"
    r"(?:\s*(?:/|(?i:of))\s*\d{1,4})?")
_DIGITS = re.compile(r"\d+")


def _key(text: str) -> str:
    """Digits change from page to page in a running line ("Page 3", "L 261/4 ... 30.8.2014")."""
    return _DIGITS.sub("#", text.casefold())


def _structural(text: str) -> bool:
    """A heading or a numbered paragraph: repeated only if its text repeats exactly, so that
    "Article 7" opening one page is never taken for "Article 8" opening the next."""
    return labels.split(text) is not None or (
        text[:1].isalpha() and structure.heading_of(text) is not None)


def strip_running(pages: list[list[Line]]) -> list[list[Line]]:
    """The pages without their running headers, footers and page numbers. They are peeled off
    from the top and from the bottom of each page, and the peeling stops at the first line of
    the body: a sentence that happens to come back at the same height on nearby pages ("A
    regular dialogue will take place ...", closing several chapters) is no running line unless
    nothing but running lines stand between it and the edge."""
    orders: list[list[int]] = []
    seen: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for number, lines in enumerate(pages):
        order = sorted(range(len(lines)), key=lambda i: -lines[i].y)
        orders.append(order)
        for i in set(order[:_EDGE]) | set(order[-_EDGE:]):
            line = lines[i]
            seen[_key(line.text)].append((number, line.y))
            if _structural(line.text):
                seen["\0" + line.text].append((number, line.y))
    needed = 2 if len(pages) <= 3 else 3

    def running(number: int, line: Line) -> bool:
        if _PAGE_NUMBER.fullmatch(line.text):
            return True
        key = ("\0" + line.text) if _structural(line.text) else _key(line.text)
        near = {page for page, y in seen[key] if abs(y - line.y) <= max(1.5, 0.15 * line.size)}
        # and on a neighbouring page (the next, or the next of the same parity for books): three
        # chapters that happen to open a page each are no running header
        return len(near) >= needed and any(0 < abs(page - number) <= 2 for page in near)

    out = []
    for number, (lines, order) in enumerate(zip(pages, orders)):
        dropped: set[int] = set()
        for edge in (order[:_EDGE], order[::-1][:_EDGE]):
            for i in edge:
                if not running(number, lines[i]):
                    break
                dropped.add(i)
        out.append([line for i, line in enumerate(lines) if i not in dropped])
    return out


# -- hyphens ------------------------------------------------------------------------------------
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# searched in a line's last 64 characters only: from every letter of a long run it would read to the end
_BEFORE_HYPHEN = re.compile(r"([^\W\d_]+)-$")
_AFTER = re.compile(r"[^\W\d_]+")


def _hyphenated(text: str) -> bool:
    """Whether a line ends in letters and a hyphen."""
    return text.endswith("-") and _BEFORE_HYPHEN.search(text[-64:]) is not None


class Hyphens:
    """Whether "imple-" at a line end and "mentation" on the next line are one word.

    The rule, in order (the first that applies decides):
    1. the part after the hyphen starts with a capital or a digit, or the part before it is in
       capitals and the part after it is not: keep the hyphen ("Euro-Mediterranean",
       "COVID-19", "EU-wide"). A capitalised word broken by the layout ("Mo-" / "rocco",
       "MEXI-" / "CAN") goes on to the evidence below, which ignores case; a dash after a space
       ("EDI -") is no hyphen;
    2. the document writes the compound with its hyphen inside a line: keep ("long-term");
    3. it writes the joined word: join ("implementation");
    4. the second part ends a hyphenated compound elsewhere ("market-based", "rules-based"): keep;
    5. the document's habit: where rules 2 and 3 decided its other line-end hyphens clearly one
       way (twice as often, three times at least), follow it. A word processor that does not
       hyphenate (LibreOffice and Word by default) breaks lines only at real compounds; a
       typesetter that does breaks words anywhere;
    6. both parts are words of their own in the document ("cross", "border"): keep; otherwise
       join, for a fragment such as "imple" is no word.
    Evidence comes only from the rest of the document: the broken occurrence itself is not
    counted.
    """

    def __init__(self, lines: list[Line]):
        self.words: Counter[str] = Counter()
        self.compounds: set[str] = set()
        self.tails: set[str] = set()
        breaks: list[tuple[str, str]] = []
        for before, line in zip([None, *lines], lines):
            tokens = _WORD.findall(line.text.casefold())
            if before is not None and _hyphenated(before.text) and line.text[:1].isalpha():
                breaks.append((before.text, line.text))
                tokens = tokens[1:]            # the second half of a word broken at the last line
            if _hyphenated(line.text) and tokens:
                tokens = tokens[:-1]           # the first half
            for token in tokens:
                if "-" in token:
                    self.compounds.add(token)
                    self.tails.update(token.split("-")[1:])
                else:
                    self.words[token] += 1
        self.habit: bool | None = None
        decided = Counter(self._evidence(*pair) for pair in breaks)
        keeps, joins = decided[True], decided[False]
        if max(keeps, joins) >= 3 and max(keeps, joins) >= 2 * min(keeps, joins):
            self.habit = keeps > joins

    @staticmethod
    def _parts(before: str, after: str) -> tuple[str, str] | None:
        """The two halves, in lower case; None where rule 1 keeps the hyphen."""
        head, tail = _BEFORE_HYPHEN.search(before[-64:]), _AFTER.match(after)
        if head is None or tail is None:
            return None
        a, b = head.group(1), tail.group()
        if a.isupper() and b.isupper() and len(a) + len(b) > 2:
            return a.casefold(), b.casefold()      # "MEXI-" / "CAN STATES": a heading in capitals
        if not b.islower() or (a.isupper() and len(a) > 1):
            return None
        return a.casefold(), b

    def _evidence(self, before: str, after: str) -> bool | None:
        """Rules 2-3: True keep, False join, None when the document does not say."""
        parts = self._parts(before, after)
        if parts is None:
            return None
        a, b = parts
        if f"{a}-{b}" in self.compounds:
            return True
        if self.words[a + b]:
            return False
        return None

    def keep(self, before: str, after: str) -> bool:
        """`before` ends with the hyphen, `after` is the next line."""
        parts = self._parts(before, after)
        if parts is None:
            return True
        evidence = self._evidence(before, after)
        if evidence is not None:
            return evidence
        a, b = parts
        if b in self.tails:
            return True
        if self.habit is not None:
            return self.habit
        return bool(self.words[a] and self.words[b])

    def join(self, before: str, after: str) -> str:
        if before.endswith("-") and after[:1].isalnum() and _BEFORE_HYPHEN.search(before[-64:]):
            return before + after if self.keep(before, after) else before[:-1] + after
        if before.endswith("/") and after[:1].isalnum():
            return before + after                  # "2004/18/" / "EC", "and/" / "or"
        return before + " " + after


# -- paragraphs ---------------------------------------------------------------------------------
_ENDS_ITEM = re.compile(r"(?:[.;:!?][\"'\u201d\u2019)\]]*|[;,] (?:and|or))$")


def _mode(values: list[float], default: float) -> float:
    counts = Counter(round(v) for v in values)
    return float(max(counts, key=lambda v: (counts[v], -v))) if counts else default


def _edge(values: list[float], pick) -> float:
    """The outermost edge that at least two pages share (one stray wide line does not move the
    column), else the outermost of all."""
    counts = Counter(round(v) for v in values)
    shared = [v for v, n in counts.items() if n >= 2]
    return float(pick(shared or counts))


def _columns(pages: list[list[Line]]) -> list[tuple[float, float]]:
    """Left and right edges of the text column of each page, from the edges of all pages of the
    same parity when there are enough of them (books mirror their margins), so that a short
    page, whose lines reach neither edge, is measured against the others."""
    lefts = {n: min(line.x0 for line in lines) for n, lines in enumerate(pages) if lines}
    rights = {n: max(line.x1 for line in lines) for n, lines in enumerate(pages) if lines}
    out = []
    for number in range(len(pages)):
        same = [n for n in lefts if n % 2 == number % 2]
        if len(same) < 4:
            same = list(lefts)
        if not same:
            out.append((0.0, 0.0))
            continue
        out.append((_edge([lefts[n] for n in same], min), _edge([rights[n] for n in same], max)))
    return out


def _leadings(pages: list[list[Line]]) -> dict[int, float]:
    """The usual distance between the baselines of two lines of one paragraph, per font size."""
    deltas: dict[int, list[float]] = defaultdict(list)
    for lines in pages:
        for a, b in zip(lines, lines[1:]):
            gap = a.y - b.y
            if abs(a.size - b.size) < 0.5 and 0.8 * a.size < gap < 3 * a.size:
                deltas[round(a.size)].append(gap * 4)     # quarter points
    return {size: _mode(values, 0.0) / 4 for size, values in deltas.items()}


class _Paragraphs:
    def __init__(self, pages: list[list[Line]]):
        self.columns = _columns(pages)
        self.leadings = _leadings(pages)

    def _centered(self, line: Line, full: bool = False) -> bool:
        """Centred in the column; `full`: a line as wide as the column counts too."""
        left, right = self.columns[line.page]
        return (full or line.x0 - left > 2.0) and abs((line.x0 + line.x1) / 2 - (left + right) / 2) < 0.5 * line.size

    def _short(self, line: Line, following: Line) -> bool:
        """The next line's first word would have fitted on this one: not a wrap."""
        left, right = self.columns[line.page]
        free = right - line.x1 + (line.x0 - left if self._centered(line) else 0.0)
        return free > following.word + 0.5 * following.size

    def breaks(self, prev: Line, line: Line, first: bool) -> bool:
        """Does `line` start a new paragraph after `prev`? `first`: prev opened its paragraph."""
        size = max(prev.size, line.size)
        if line.page == prev.page:
            drop = prev.y - line.y
            if abs(drop) < 0.3 * size:
                return False                    # the same visual line, split by the extractor
            if drop < 0:
                return True                     # back up the page: a new column or a frame
            leading = self.leadings.get(round(size), 1.2 * size)
            if drop > leading + 0.15 * size:
                return True
        if abs(prev.size - line.size) >= 0.5:
            return True
        if self._short(prev, line):
            return True
        if prev.text.endswith("-"):
            return False
        heading = structure.heading_of(prev.text) if prev.text[:1].isalpha() and len(prev.text) < 120 else None
        if heading is not None and heading[3] == "":
            return True                         # a bare "Article 5": its title or text follows
        indent = (prev.x0 - self.columns[prev.page][0]) - (line.x0 - self.columns[line.page][0])
        if abs(indent) > 0.5 * size and not first and not (self._centered(prev) and self._centered(line)):
            return True
        if _ENDS_ITEM.search(prev.text) and (
                (labels.split(line.text) is not None and not line.text.startswith(("-", "\u2013", "\u2014")))
                or (line.text[:1].isalpha() and len(line.text) < 200 and structure.heading_of(line.text))):
            return True
        return False

    def titled(self, heading: list[Line], text: str, title: list[Line], title_text: str) -> bool:
        """A centred bare heading ("Article 259") over a centred title of one or more lines:
        one heading, however long its title ("Review of any measure taken to comply ...")."""
        found = structure.heading_of(text) if text[:1].isalpha() and len(heading) == 1 else None
        return (found is not None and found[3] == "" and self._centered(heading[0])
                and all(self._centered(line, full=True) for line in title) and title_text[:1].isupper()
                and not title_text.endswith((".", ";", ":", ",")) and labels.split(title_text) is None
                and len(title_text.split()) <= 40)


def blocks(pages: list[list[Line]]) -> list[Block]:
    """The paragraphs of the document, running headers and page numbers left out."""
    pages = strip_running(pages)
    lines = [line for page in pages for line in page]
    hyphens = Hyphens(lines)
    layout = _Paragraphs(pages)
    groups: list[list[Line]] = []
    for line in lines:
        if groups and not layout.breaks(groups[-1][-1], line, len(groups[-1]) == 1):
            groups[-1].append(line)
        else:
            groups.append([line])
    texts = [reduce(hyphens.join, (line.text for line in group)) for group in groups]
    out: list[Block] = []
    i = 0
    while i < len(groups):
        if i + 1 < len(groups) and layout.titled(groups[i], texts[i], groups[i + 1], texts[i + 1]):
            out.append(Block(texts[i] + "\n" + texts[i + 1]))   # structure reads "Article 5\nTitle"
            i += 2
        else:
            out.append(Block(texts[i]))
            i += 1
    return out
