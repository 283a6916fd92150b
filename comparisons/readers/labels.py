"""Paragraph labels: "1.", "1)", "(1)", "(a)", "a)", "(iv)", "2.1", "-", with the OCR noise of
scanned treaties ("( a)", "(a )", "1 ."), and the nesting they imply.

A label is read in two steps. `split` finds it at the start of a text and says which family it
belongs to ("num" for 1. and 1), "pnum" for (1), "lower"/"upper" for letters, "sub" for 2.1,
"dash" for bullets). Lower- and upper-case labels are ambiguous ("(i)" is the ninth letter or the
first roman numeral), so `Outline` settles them from what came before, then places the paragraph
in the tree.
"""
from __future__ import annotations

import re

from drafting.model import Paragraph
from drafting.numbering import roman

_LABEL = re.compile(r"""
    (?: \(\s*(?P<paren>\d{1,3}|[a-z]{1,2}|[A-Z]{1,2}|[ivxlcdm]{3,7}|[IVXLCDM]{3,7})\s*\)  # (1) (a) ( a) (iv)
      | (?P<close>\d{1,3}|[a-z]{1,2}|[ivxlcdm]{3,7})\s?\)(?=\s|$)                        # 1) a) iv)
      | (?P<dot>\d{1,3})\s?\.(?=\s|$)                                                     # 1. 1 .
      | (?P<sub>\d{1,3}(?:\.\d{1,3})+)\.?(?=\s+[A-Z\u201c\u2018"'(]|$)                   # 2.1 The ...
      | (?P<letter>[a-z]|[A-Z]|[ivxlcdm]{2,7}|[IVXLCDM]{2,7})\.(?=\s|$)                   # a. iv. A.
      | (?P<dash>[-\u2013\u2014\u2022\u00b7\u25aa\u25cf\u25e6*])(?=\s)                    # - - * bullets
    )[ \t]*""", re.X)
_ROMAN = re.compile(r"(?=[ivxlcdm])m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
_INTRODUCES = (":", "\u2014", ":-")
FIRST = frozenset(("a", "aa", "i", "1"))


def split(text: str) -> tuple[str, str, str] | None:
    """(family, label, rest) when `text` starts with a paragraph label, else None."""
    match = _LABEL.match(text)
    if match is None:
        return None
    kind = match.lastgroup
    label = match.group(kind)
    if kind == "dash":
        family, label = "dash", ""
    elif label[0].isdigit():
        family = "pnum" if kind == "paren" else "sub" if kind == "sub" else "num"
    else:
        family = "lower" if label.islower() else "upper"
    return family, label, text[match.end():]


def is_roman(label: str) -> bool:
    return _ROMAN.fullmatch(label.lower()) is not None


def roman_value(label: str) -> int:
    total, previous = 0, 0
    for char in reversed(label.lower()):
        value = _ROMAN_VALUES[char]
        total += -value if value < previous else value
        previous = max(previous, value)
    return total


def next_letter(label: str) -> str:
    """"a" -> "b", "z" -> "aa", "aa" -> "bb" (the doubled style treaties use after z)."""
    if not label:
        return "a"
    if label[-1] == "z":
        return "a" * (len(label) + 1)
    return chr(ord(label[0]) + 1) * len(label)


def next_roman(label: str) -> str:
    return roman(roman_value(label) + 1).lower()


class Outline:
    """Places paragraphs in a tree as they come, by the family of their labels.

    `chain` is the path from the top level to the last paragraph placed, each step with the kind
    of its label. A label continues the level whose last label it follows ("(c)" after "(b)"),
    else a list an unnumbered paragraph interrupted, else the innermost level of its kind; a first
    label ("(a)", "(i)", "1.") or a new kind opens a level under the last paragraph, except that
    "1." starts at the top unless a colon just introduced it.
    An unnumbered paragraph hangs under a paragraph that introduced it with a colon, or continues
    the innermost unnumbered level, or the sentence of a list it follows; between "3." and "4."
    it belongs to paragraph 3; otherwise it starts again at the top.
    """

    def __init__(self) -> None:
        self.top: list[Paragraph] = []
        self.chain: list[tuple[str, Paragraph]] = []
        self.recent: dict[str, tuple[int, Paragraph, Paragraph | None]] = {}   # kind -> last placed

    def add(self, family: str | None, label: str, text: str) -> Paragraph:
        paragraph = Paragraph(text=text, number=label)
        if family is None:
            self._place(paragraph, "none", self._unnumbered_depth())
            return paragraph
        kind = self._kind(family, label)
        levels = [i for i in range(len(self.chain) - 1, -1, -1) if self.chain[i][0] == kind]
        # the level this label continues ("(j)" after "(i)", even past a deeper list), else the
        # innermost of its kind; but a first label ("(aa)" under "(CC)") opens a new list
        depth = next((i for i in levels if self._follows(kind, self.chain[i][1].number, label)), None)
        first = label.lower() in FIRST
        if depth is None and not first:
            depth = self._resumed(kind, label)
        if depth is None and levels and not first:
            depth = levels[0]
        if depth is None:
            depth = len(self.chain)
            if kind in ("num", "sub") and not (first and self.chain and self.chain[-1][1].text.endswith(_INTRODUCES)):
                depth = 0    # "1." starts at the top unless a colon just introduced it
        self._place(paragraph, kind, depth)
        return paragraph

    @staticmethod
    def _follows(kind: str, previous: str, label: str) -> bool:
        previous, label = previous.lower(), label.lower()
        if kind in ("roman", "ROMAN"):
            return next_roman(previous) == label
        if kind in ("alpha", "ALPHA"):
            return next_letter(previous) == label
        return previous.isdigit() and label == str(int(previous) + 1)

    def _unnumbered_depth(self) -> int:
        if not self.chain:
            return 0
        kind, last = self.chain[-1]
        if kind != "none" and last.text.endswith(_INTRODUCES):
            return len(self.chain)
        for depth in range(len(self.chain) - 1, 0, -1):
            if self.chain[depth][0] == "none":
                return depth
        if len(self.chain) > 1 and not last.text.endswith("."):
            return len(self.chain) - 1   # the list's sentence goes on after it: "..., or" / "but ..."
        if self.chain[0][0] in ("num", "sub"):
            return 1                     # between "3." and "4.", text belongs to paragraph 3
        return 0

    def _resumed(self, kind: str, label: str) -> int | None:
        """The depth of a list that an unnumbered paragraph interrupted: "(b)" after "(a)" and a
        paragraph of text, both under "4."."""
        recent = self.recent.get(kind)
        if recent is None:
            return None
        depth, paragraph, parent = recent
        if not self._follows(kind, paragraph.number, label) or depth > len(self.chain):
            return None
        if depth and self.chain[depth - 1][1] is not parent:
            return None
        return depth

    def _place(self, paragraph: Paragraph, kind: str, depth: int) -> None:
        del self.chain[depth:]
        parent = self.chain[depth - 1][1] if depth else None
        if parent is None:
            self.top.append(paragraph)
        else:
            parent.children.append(paragraph)
        self.chain.append((kind, paragraph))
        if kind != "none":
            self.recent[kind] = (depth, paragraph, parent)

    def _kind(self, family: str, label: str) -> str:
        """"alpha" or "roman" (upper case: "ALPHA", "ROMAN") for letters; else the family."""
        if family not in ("lower", "upper"):
            return family
        alpha, roman = ("alpha", "roman") if family == "lower" else ("ALPHA", "ROMAN")
        low = label.lower()
        if not is_roman(low):
            return alpha
        for kind, paragraph in reversed(self.chain):
            previous = paragraph.number.lower()
            if kind == roman and next_roman(previous) == low:
                return roman
            if kind == alpha and next_letter(previous) == low:
                # "(h) ... the following:" then "(i)" opens a roman list under (h)
                last_kind, last = self.chain[-1]
                if low == "i" and last is paragraph and last.text.endswith(_INTRODUCES):
                    return roman
                return alpha
        if low == "i" or len(low) > 1 or any(kind == roman for kind, _ in self.chain):
            return roman
        return alpha
