"""A document as located passages: each paragraph's text with where it stands (Article 3,
paragraph 2(a)), and the passages through the pipeline.

The location is what a lawyer writes in a comment: the article (or "Preamble", "Annex I", "Final
clauses") and the paragraph path ("2", "2(a)", "(b)" under an unnumbered chapeau).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator

from drafting.model import Annex, Article, Document, Paragraph

TITLE, OPENING, PREAMBLE, BODY, ANNEX, CLOSING = "title", "opening", "preamble", "body", "annex", "closing"
_LABEL = re.compile(r"^(?:\d+(?:\.\d+)*\.?|\([0-9a-z]{1,5}\)|[a-z]\)|[ivx]+\))\s+")


@dataclass(frozen=True)
class Location:
    unit: str              # "Article 3", "Preamble", "Annex I", "Final clauses", "Title"
    paragraph: str = ""    # "2", "2(a)", "(b)"

    def __str__(self) -> str:
        return f"{self.unit}, paragraph {self.paragraph}" if self.paragraph else self.unit

    @property
    def top(self) -> str:
        """The top-level paragraph: "2" for "2(a)", "" for "(b)" under an unnumbered chapeau."""
        return self.paragraph.split("(")[0]


@dataclass
class Passage:
    location: Location
    text: str
    part: str                               # title | opening | preamble | body | annex | closing
    unit: Article | Annex | None = None     # the article or annex the passage stands in
    paragraph: Paragraph | None = None
    parents: tuple[Paragraph, ...] = ()     # the paragraphs above it, outermost first
    doc: object = field(default=None, repr=False)   # the analysed spaCy Doc, once analysed


def strip_label(text: str) -> str:
    """'1. Each Party ...' -> 'Each Party ...': a comparison's lines carry their numbers."""
    return _LABEL.sub("", text, count=1)


def passages(document: Document) -> Iterator[Passage]:
    if document.title:
        yield Passage(Location("Title"), document.title, TITLE)
    for text in [document.subtitle, *document.opening]:
        if text.strip():
            yield Passage(Location("Preamble"), text, OPENING)
    for n, paragraph in enumerate(document.preamble, 1):
        for item, parents in _walk(paragraph, ()):
            yield Passage(Location("Preamble", str(n)), item.text, PREAMBLE, None, item, parents)
    if document.formula:
        yield Passage(Location("Preamble"), document.formula, OPENING)
    for article in document.articles():
        yield from _unit(article, article.citation, BODY)
    for annex in document.annexes:
        yield from _unit(annex, annex.citation, ANNEX)
    for text in [*document.closing, *document.signatories]:
        if text.strip():
            yield Passage(Location("Final clauses"), text, CLOSING)


def texts(document: Document) -> Iterator[str]:
    """The text of every passage but the title, in the order of `passages`, without locating them
    (a tenth of the time, for what reads a whole document's words)."""
    yield from (text for text in [document.subtitle, *document.opening] if text.strip())
    for paragraph in document.preamble:
        yield from (item.text for item, _ in _walk(paragraph, ()))
    if document.formula:
        yield document.formula
    for unit in [*document.articles(), *document.annexes]:
        for paragraph in unit.paragraphs:
            yield from (item.text for item, _ in _walk(paragraph, ()) if item.text.strip())
    yield from (text for text in [*document.closing, *document.signatories] if text.strip())


def _unit(unit: Article | Annex, citation: str, part: str) -> Iterator[Passage]:
    for paragraph in unit.paragraphs:
        for item, parents in _walk(paragraph, ()):
            if item.text.strip():
                yield Passage(Location(citation, path(item, parents)), item.text, part, unit, item, parents)


def _walk(paragraph: Paragraph, parents: tuple) -> Iterator[tuple[Paragraph, tuple]]:
    yield paragraph, parents
    for child in paragraph.children:
        yield from _walk(child, parents + (paragraph,))


def path(paragraph: Paragraph, parents: tuple[Paragraph, ...]) -> str:
    """'2', '2(a)', '2(a)(i)', '(b)' under an unnumbered chapeau."""
    numbers = [p.number for p in (*parents, paragraph)]
    out = ""
    for depth, number in enumerate(numbers):
        if not number:
            continue
        out += number if depth == 0 else f"({number})"
    return out


def analyse(document: Document, register: str) -> list[Passage]:
    """Every passage of the document, each with its analysed Doc."""
    from .pipeline import analyse as run

    found = list(passages(document))
    for passage, doc in zip(found, run((p.text for p in found), register)):
        passage.doc = doc
    return found
