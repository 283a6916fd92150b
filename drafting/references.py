"""Numbering and cross-references, computed once the whole document is assembled."""
from __future__ import annotations


from . import jinja
from .errors import TreatyError
from .model import Document, Link, Paragraph
from .numbering import letter, roman



def number_paragraphs(paragraphs: list[Paragraph]) -> None:
    numbered = len(paragraphs) > 1
    for i, paragraph in enumerate(paragraphs, 1):
        paragraph.number = str(i) if numbered else ""
        for j, child in enumerate(paragraph.children, 1):
            child.number = letter(j)
            for k, grandchild in enumerate(child.children, 1):
                grandchild.number = roman(k).lower()


def assign_numbers(document: Document) -> None:
    """Articles 1..N through the whole body, chapters I..N, annexes I..N, paragraphs within each."""
    for n, division in enumerate(document.divisions(), 1):
        division.number = roman(n)
    for n, article in enumerate(document.articles(), 1):
        article.number = str(n)
        number_paragraphs(article.paragraphs)
    for n, annex in enumerate(document.annexes, 1):
        annex.number = roman(n)
        number_paragraphs(annex.paragraphs)


def _paragraph_citation(path: list[Paragraph]) -> str:
    """"subparagraph (b) of paragraph 2" for the paragraph at the end of `path`."""
    names = ("paragraph", "subparagraph", "clause")
    parts = []
    for depth, paragraph in reversed(list(enumerate(path))):
        if not paragraph.number:
            continue
        number = paragraph.number if depth == 0 else f"({paragraph.number})"
        parts.append(f"{names[depth]} {number}")
    return " of ".join(parts)


class _Index:
    def __init__(self, document: Document):
        self.units = {}    # label -> Article | Annex
        self.anchors = {}  # (label, anchor) -> [paragraph path]
        for unit in [*document.articles(), *document.annexes]:
            if unit.label:
                self.units[unit.label] = unit
                for path in _paths(unit.paragraphs, []):
                    if path[-1].anchor:
                        self.anchors[(unit.label, path[-1].anchor)] = path

    def cite(self, target: str, here: str | None) -> str:
        label, _, anchor = target.partition("#")
        unit = self.units.get(label)
        if unit is None:
            raise KeyError(target)
        if not anchor:
            return unit.citation
        path = self.anchors.get((label, anchor))
        if path is None:
            raise KeyError(target)
        inner = _paragraph_citation(path)
        if not inner:
            return unit.citation
        return inner if label == here else f"{inner} of {unit.citation}"


def _paths(paragraphs: list[Paragraph], above: list[Paragraph]):
    for paragraph in paragraphs:
        path = above + [paragraph]
        yield path
        yield from _paths(paragraph.children, path)


def _all_paragraphs(document: Document):
    for unit in [*document.articles(), *document.annexes]:
        for paragraph in unit.walk():
            yield unit.label, paragraph
    for recital in document.preamble:
        for paragraph in recital.walk():
            yield None, paragraph


def resolve(document: Document, source_of) -> None:
    """Replace every ref marker by its citation; record links. `source_of(label, target)` gives
    the (file, line) to blame for a dangling reference to `target` written in clause `label`."""
    index = _Index(document)
    for label, paragraph in _all_paragraphs(document):
        if jinja.OPEN not in paragraph.text:
            continue
        out, links, last = [], [], 0
        for match in jinja.REF.finditer(paragraph.text):
            out.append(paragraph.text[last:match.start()])
            try:
                citation = index.cite(match.group(1), label)
            except KeyError:
                raise TreatyError(
                    f"dangling cross-reference ref({match.group(1)!r}): the draft has no such "
                    "article, annex or anchored paragraph", *source_of(label, match.group(1))) from None
            start = sum(map(len, out))
            out.append(citation)
            links.append(Link(start, start + len(citation), match.group(1).partition("#")[0]))
            last = match.end()
        out.append(paragraph.text[last:])
        paragraph.text = "".join(out)
        paragraph.links = links
