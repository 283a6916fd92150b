"""The document model shared by every reader and writer.

A treaty is a small tree: a Document holds a preamble, a body of articles (optionally grouped in
divisions such as chapters), annexes and the closing formula with signature blocks. Articles and
paragraphs carry computed numbers; articles also carry a stable label (the clause id they were
built from) that survives renumbering, so comparisons can pair them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator


@dataclass
class Link:
    """A cross-reference inside a paragraph: text[start:end] points at the article `target`."""

    start: int
    end: int
    target: str


@dataclass
class Paragraph:
    text: str
    children: list["Paragraph"] = field(default_factory=list)
    number: str = ""          # "1", "a", "iv": the bare label, formatted by writers
    anchor: str | None = None  # a name for cross-references to this paragraph
    links: list[Link] = field(default_factory=list)

    def walk(self) -> Iterator["Paragraph"]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Article:
    heading: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    label: str | None = None  # the clause id, stable across renumbering
    number: str = ""
    word: str = "Article"     # "Section" in instruments that number sections

    def walk(self) -> Iterator[Paragraph]:
        for paragraph in self.paragraphs:
            yield from paragraph.walk()

    @property
    def citation(self) -> str:
        return f"{self.word} {self.number}" if self.number else self.heading


@dataclass
class Division:
    """A grouping of articles: a Part, Chapter or Section."""

    kind: str
    heading: str
    articles: list[Article] = field(default_factory=list)
    number: str = ""


@dataclass
class Annex:
    heading: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    label: str | None = None
    number: str = ""

    def walk(self) -> Iterator[Paragraph]:
        for paragraph in self.paragraphs:
            yield from paragraph.walk()

    @property
    def citation(self) -> str:
        return f"Annex {self.number}" if self.number else "Annex"


@dataclass
class Party:
    code: str
    name: str            # formal name: "the United States of America"
    short_name: str      # "the United States"
    adjective: str
    government: str      # "the Government of the United States of America"
    languages: list[str]


@dataclass
class Document:
    title: str
    parties: list[Party] = field(default_factory=list)
    subtitle: str = ""
    opening: list[str] = field(default_factory=list)     # "The Government of ... (the "Parties"),"
    preamble: list[Paragraph] = field(default_factory=list)  # recitals
    formula: str = ""                                    # "Have agreed as follows:"
    body: list[Article | Division] = field(default_factory=list)
    annexes: list[Annex] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)     # testimonium: "In witness whereof ..."
    signatories: list[str] = field(default_factory=list)  # "For the Government of ..."
    metadata: dict[str, str] = field(default_factory=dict)  # status, date, instrument, template
    notes: list[str] = field(default_factory=list)  # what a reader had to say about its source

    def articles(self) -> Iterator[Article]:
        for item in self.body:
            if isinstance(item, Division):
                yield from item.articles
            else:
                yield item

    def divisions(self) -> Iterator[Division]:
        return (item for item in self.body if isinstance(item, Division))
