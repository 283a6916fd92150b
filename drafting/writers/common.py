"""What every writer says the same way: numbers, headings, the status line."""
from __future__ import annotations

import datetime as dt

from ..numbering import long_date as _long_date
from ..model import Article, Document, Paragraph


def paragraph_label(paragraph: Paragraph, depth: int) -> str:
    if not paragraph.number:
        return ""
    return f"{paragraph.number}." if depth == 0 else f"({paragraph.number})"


def walk_numbered(paragraphs: list[Paragraph], depth: int = 0):
    """(depth, label, paragraph) for every paragraph, in reading order."""
    for paragraph in paragraphs:
        yield depth, paragraph_label(paragraph, depth), paragraph
        yield from walk_numbered(paragraph.children, depth + 1)


def long_date(iso: str) -> str:
    if not iso:
        return ""
    return _long_date(dt.date.fromisoformat(iso))


def status_line(document: Document) -> str:
    """The running header of a draft: status, version, date, and 'without prejudice'."""
    meta = document.metadata
    if meta.get("status") != "draft":
        return ""
    parts = ["DRAFT"]
    if meta.get("version"):
        parts.append(f"version {meta['version']}")
    if meta.get("date"):
        parts.append(long_date(meta["date"]))
    parts.append("Without prejudice")
    return " \u2014 ".join(parts)


def article_title(article: Article) -> str:
    return f"{article.citation}: {article.heading}" if article.number else article.heading


def party_names(document: Document) -> list[str]:
    return [party.name for party in document.parties]
