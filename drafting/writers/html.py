"""HTML: one self-contained page, with a table of contents and working cross-references."""
from __future__ import annotations

from html import escape

from ..model import Article, Division, Document, Paragraph
from .common import article_title, status_line, walk_numbered

_STYLE = """
body { font: 12pt/1.5 "Times New Roman", Times, serif; max-width: 46em; margin: 2em auto; padding: 0 1em; color: #111; }
h1 { text-align: center; text-transform: uppercase; font-size: 1.4em; margin-bottom: .2em; }
.subtitle { text-align: center; font-style: italic; margin-top: 0; }
.status { text-align: center; font: bold 10pt sans-serif; color: #8a1c1c; letter-spacing: .05em; }
nav { font-size: 10pt; border: 1px solid #ccc; padding: .5em 1em; margin: 1.5em 0; columns: 2; }
nav a { display: block; color: #224; text-decoration: none; }
h2 { text-align: center; font-size: 1.15em; margin-top: 2em; }
h3 { text-align: center; font-size: 1em; margin: 1.6em 0 .6em; }
h3 .title { display: block; font-weight: normal; font-style: italic; }
p { margin: .5em 0; text-align: justify; }
p.d1 { margin-left: 2.5em; } p.d2 { margin-left: 5em; }
.num { display: inline-block; min-width: 2.5em; margin-left: -2.5em; }
p.d0, p.d1, p.d2 { padding-left: 2.5em; }
a.ref { color: inherit; text-decoration: underline dotted; }
.signature { margin-top: 2.5em; }
.signature .line { border-bottom: 1px solid #000; width: 18em; height: 2.5em; }
"""


def _linked(paragraph: Paragraph) -> str:
    out, last = [], 0
    for link in paragraph.links:
        out.append(escape(paragraph.text[last:link.start]))
        out.append(f'<a class="ref" href="#{escape(link.target)}">{escape(paragraph.text[link.start:link.end])}</a>')
        last = link.end
    out.append(escape(paragraph.text[last:]))
    return "".join(out)


def _paragraphs(paragraphs: list[Paragraph], depth: int = 0) -> list[str]:
    out = []
    for depth, label, paragraph in walk_numbered(paragraphs, depth):
        number = f'<span class="num">{escape(label)}</span>' if label else ""
        out.append(f'<p class="d{depth}">{number}{_linked(paragraph)}</p>')
    return out


def _article(article: Article) -> list[str]:
    anchor = escape(article.label or f"article-{article.number}")
    heading = escape(article.citation) if article.number else ""
    return [f'<section id="{anchor}"><h3>{heading}<span class="title">{escape(article.heading)}</span></h3>',
            *_paragraphs(article.paragraphs), "</section>"]


def write_html(document: Document) -> str:
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           f"<title>{escape(document.title)}</title><style>{_STYLE}</style></head><body>"]
    if status_line(document):
        out.append(f'<p class="status">{escape(status_line(document))}</p>')
    out.append(f"<h1>{escape(document.title)}</h1>")
    if document.subtitle:
        out.append(f'<p class="subtitle">{escape(document.subtitle)}</p>')
    out.append("<nav>")
    for article in document.articles():
        out.append(f'<a href="#{escape(article.label or "")}">{escape(article_title(article))}</a>')
    for annex in document.annexes:
        out.append(f'<a href="#{escape(annex.label or "")}">{escape(annex.citation)}: {escape(annex.heading)}</a>')
    out.append("</nav>")
    out += [f"<p>{escape(text)}</p>" for text in document.opening]
    for recital in document.preamble:
        out.append(f"<p>{_linked(recital)}</p>")
        out += _paragraphs(recital.children, 1)       # a recital's own list: (a), (b), ...
    if document.formula:
        out.append(f"<p>{escape(document.formula)}</p>")
    for item in document.body:
        if isinstance(item, Division):
            out.append(f"<h2>{escape(item.kind)} {escape(item.number)}<br>{escape(item.heading)}</h2>")
            for article in item.articles:
                out += _article(article)
        else:
            out += _article(item)
    out += [f"<p>{escape(text)}</p>" for text in document.closing]
    for signatory in document.signatories:
        out.append(f'<div class="signature"><p>{escape(signatory)}</p><div class="line"></div></div>')
    for annex in document.annexes:
        out.append(f'<section id="{escape(annex.label or "")}"><h2>{escape(annex.citation)}<br>{escape(annex.heading)}</h2>')
        out += _paragraphs(annex.paragraphs)
        out.append("</section>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
