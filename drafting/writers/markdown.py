"""Markdown: for e-mail and plain-text review. Numbers are escaped so renderers keep them."""
from __future__ import annotations

import re

from ..model import Division, Document
from .common import article_title, status_line, walk_numbered

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def _escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text)


def _numbered(label: str, text: str) -> str:
    # "1." would start an ordered list that renderers renumber; escape the dot
    label = label.replace(".", "\\.") if label and label[0].isdigit() else label
    return f"{label} {_escape(text)}" if label else _escape(text)


def write_markdown(document: Document) -> str:
    out = [f"# {_escape(document.title)}", ""]
    if document.subtitle:
        out += [f"*{_escape(document.subtitle)}*", ""]
    if status_line(document):
        out += [f"> {status_line(document)}", ""]
    for text in document.opening:
        out += [_escape(text), ""]
    for recital in document.preamble:
        out += [_escape(recital.text), ""]
        for _, label, paragraph in walk_numbered(recital.children, 1):
            out += [_numbered(label, paragraph.text), ""]
    if document.formula:
        out += [_escape(document.formula), ""]

    def article(a):
        out.extend([f"### {_escape(article_title(a))}", ""])
        for _, label, paragraph in walk_numbered(a.paragraphs):
            out.extend([_numbered(label, paragraph.text), ""])

    for item in document.body:
        if isinstance(item, Division):
            out += [f"## {item.kind} {item.number}: {_escape(item.heading)}", ""]
            for a in item.articles:
                article(a)
        else:
            article(item)
    for text in document.closing:
        out += [_escape(text), ""]
    for signatory in document.signatories:
        out += [_escape(signatory), "", "\\_" * 30, ""]
    for annex in document.annexes:
        out += [f"## {annex.citation}: {_escape(annex.heading)}", ""]
        for _, label, paragraph in walk_numbered(annex.paragraphs):
            out.extend([_numbered(label, paragraph.text), ""])
    return "\n".join(out).rstrip("\n") + "\n"
