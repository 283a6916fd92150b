"""Word's automatic numbering: the label a paragraph shows, computed from word/numbering.xml.

A paragraph names a list (numId) and a level (ilvl). The list points at an abstract definition
whose levels give a format (decimal, lowerLetter, lowerRoman, ...), a pattern ("%1.", "(%2)",
"Article %1") and a start value. Counting follows Word: lists that share a definition share
their counters unless one restarts (a start override); a level advancing resets the levels below.
"""
from __future__ import annotations

import re

from lxml import etree

from drafting.numbering import letter, roman

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_VAL = W + "val"
_PLACEHOLDER = re.compile(r"%([1-9])")
_BULLET = "\u2022"


def format_number(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        text = letter(value) if value > 0 else ""
        return text.upper() if fmt == "upperLetter" else text
    if fmt in ("lowerRoman", "upperRoman"):
        text = roman(value) if value > 0 else ""
        return text.lower() if fmt == "lowerRoman" else text.upper()
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt == "none":
        return ""
    return str(value)


class Numbering:
    def __init__(self, root: etree._Element | None):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}   # abstract id -> ilvl -> (fmt, text, start)
        self.lists: dict[str, tuple[str, dict[int, int]]] = {}          # numId -> (abstract id, start overrides)
        self.counters: dict[str, list[int | None]] = {}
        if root is None:
            return
        for abstract in root.iterchildren(W + "abstractNum"):
            levels = {}
            for level in abstract.iterchildren(W + "lvl"):
                fmt = _value(level, "numFmt") or "decimal"
                text = _value(level, "lvlText")
                start = _int(_value(level, "start"), 1)
                levels[_int(level.get(W + "ilvl"), 0)] = (fmt, text if text is not None else f"%{_int(level.get(W + 'ilvl'), 0) + 1}.", start)
            self.levels[abstract.get(W + "abstractNumId")] = levels
        for num in root.iterchildren(W + "num"):
            abstract_id = _value(num, "abstractNumId")
            overrides = {}
            for override in num.iterchildren(W + "lvlOverride"):
                start = _value(override, "startOverride")
                if start is not None:
                    overrides[_int(override.get(W + "ilvl"), 0)] = _int(start, 1)
            self.lists[num.get(W + "numId")] = (abstract_id, overrides)

    def label(self, num_id: str, ilvl: int) -> str:
        """The label the next paragraph of list `num_id` at level `ilvl` shows ("" for none)."""
        if num_id not in self.lists or not 0 <= ilvl <= 8:
            return ""
        abstract_id, overrides = self.lists[num_id]
        levels = self.levels.get(abstract_id)
        if not levels or ilvl not in levels:
            return ""
        key = num_id if overrides else abstract_id
        counters = self.counters.setdefault(key, [None] * 9)

        def start(level: int) -> int:
            return overrides.get(level, levels[level][2] if level in levels else 1)

        counters[ilvl] = start(ilvl) if counters[ilvl] is None else counters[ilvl] + 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = None
        fmt, text, _ = levels[ilvl]
        if fmt == "bullet":
            return _BULLET

        def placeholder(match: re.Match) -> str:
            level = int(match.group(1)) - 1
            value = counters[level] if counters[level] is not None else start(level)
            return format_number(value, levels[level][0] if level in levels else "decimal")

        return _PLACEHOLDER.sub(placeholder, text).strip()


def _value(element: etree._Element, name: str) -> str | None:
    child = element.find(W + name)
    return child.get(_VAL) if child is not None else None


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default
