"""A document as comparable units: the front matter, each article, the closing, each annex.

A unit is a list of display lines, exactly the paragraphs a redline shows: a chapter heading that
opens the article, the article heading ("Article 5", a line break, "Scope"), then "1. text",
"(a) text" and so on.
Comparing lines, not model objects, makes the guarantee checkable: accepting every change must
give the new document's lines, rejecting every change the old one's.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from drafting.model import Annex, Article, Division, Document, Paragraph

# line kinds, which decide the paragraph style in the redline
TITLE, DIVISION, HEADING, TEXT = "title", "division", "heading", "text"
_WORD = re.compile(r"\w++")   # possessive: see diff._TOKEN


@dataclass
class Line:
    kind: str
    text: str
    depth: int = 0      # 0 for paragraphs, 1 for (a), 2 for (i)


@dataclass
class Unit:
    kind: str                        # front | article | closing | annex
    index: int                       # position among the units of its document
    lines: list[Line]
    label: str | None = None
    number: str = ""
    heading: str = ""
    citation: str = ""               # "Article 5", "Annex I", "Preamble"
    _body: str | None = field(default=None, repr=False)
    _words: int | None = field(default=None, repr=False)
    _fingerprint: str | None = field(default=None, repr=False)

    @property
    def body(self) -> str:
        """The unit's running text without headings: what alignment compares."""
        if self._body is None:
            self._body = " ".join(line.text for line in self.lines if line.kind == TEXT)
        return self._body

    @property
    def fingerprint(self) -> str:
        """Identity of the text, spacing aside; a unit with no running text (a lone chapter
        heading) is known by its headings."""
        if self._fingerprint is None:
            text = self.body or " ".join(line.text for line in self.lines)
            self._fingerprint = " ".join(text.split())
        return self._fingerprint

    def words(self) -> int:
        if self._words is None:
            self._words = len(_WORD.findall(" ".join(line.text for line in self.lines)))
        return self._words

    def learn_words(self, heading_and_body: int) -> None:
        """Know words() from the number of words in `heading + " " + body`, counted by a caller
        that splits that text anyway (alignment's shingles): a second pass over a treaty's text
        saved. The body holds the text lines; the heading, division and title lines add theirs."""
        if self._words is None:
            others = sum(len(_WORD.findall(line.text)) for line in self.lines if line.kind != TEXT)
            self._words = heading_and_body - len(_WORD.findall(self.heading)) + others

    def know_words(self, count: int) -> None:
        """Take words() as counted for this unit in another process."""
        self._words = count

    def describe(self) -> dict:
        return {"kind": self.kind, "number": self.number, "heading": self.heading,
                "citation": self.citation, "label": self.label}


def paragraph_lines(paragraphs: list[Paragraph], depth: int = 0) -> list[Line]:
    lines = []
    for paragraph in paragraphs:
        label = ""
        if paragraph.number:
            label = f"{paragraph.number}. " if depth == 0 else f"({paragraph.number}) "
        lines.append(Line(TEXT, label + paragraph.text, depth))
        lines.extend(paragraph_lines(paragraph.children, depth + 1))
    return lines


def _heading(unit: Article | Annex) -> str:
    if unit.number and unit.heading:   # two lines, as treaties (and our drafts) set them
        return f"{unit.citation}\n{unit.heading}"
    return unit.citation if unit.number else unit.heading


def units_of(document: Document) -> list[Unit]:
    units: list[Unit] = []
    front = [Line(TITLE, document.title)] if document.title else []
    if document.subtitle:
        front.append(Line(TEXT, document.subtitle))
    front += [Line(TEXT, text) for text in document.opening]
    front += paragraph_lines(document.preamble)
    if document.formula:
        front.append(Line(TEXT, document.formula))
    units.append(Unit("front", 0, front, citation="Preamble"))
    for item in document.body:
        articles = item.articles if isinstance(item, Division) else [item]
        for position, article in enumerate(articles):
            lines = []
            if isinstance(item, Division) and position == 0:
                title = f"{item.kind} {item.number}".strip()
                lines.append(Line(DIVISION, f"{title}\n{item.heading}" if item.heading else title))
            heading = _heading(article)
            if heading:
                lines.append(Line(HEADING, heading))
            lines += paragraph_lines(article.paragraphs)
            units.append(Unit("article", len(units), lines, article.label, article.number,
                              article.heading, article.citation))
        if isinstance(item, Division) and not item.articles:
            title = f"{item.kind} {item.number}".strip()
            units.append(Unit("article", len(units), [Line(DIVISION, f"{title}\n{item.heading}")],
                              citation=title))
    closing = [Line(TEXT, text) for text in document.closing]
    closing += [Line(TEXT, signatory) for signatory in document.signatories]
    units.append(Unit("closing", len(units), closing, citation="Final clauses"))
    for annex in document.annexes:
        lines = [Line(DIVISION, _heading(annex))] + paragraph_lines(annex.paragraphs)
        units.append(Unit("annex", len(units), lines, annex.label, annex.number, annex.heading,
                          annex.citation))
    for unit in units:   # an empty paragraph is no text: readers drop it, so must we
        unit.lines = [line for line in unit.lines if line.text.strip()]
    return units


def document_lines(document: Document) -> list[str]:
    """Every line of the document in order: what accept-all / reject-all must reproduce."""
    return [line.text for unit in units_of(document) for line in unit.lines if line.text.strip()]
