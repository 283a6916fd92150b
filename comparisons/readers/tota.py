"""ToTA treaty XML (Texts of Trade Agreements) into the document model.

    <treaty><meta>...</meta><body><chapter number="CHAPTER 2" name="..."><article number="ARTICLE 5"
    name="...">TEXT</article>...</chapter>...</body></treaty>

Chapters become divisions (their kind from the number attribute: "TITLE I", "CHAPTER 1"), numbered
articles become articles. ToTA puts the preamble and the closing in unnumbered articles of
chapters named "Preamble" and "Conclusion"; they become the front matter and the closing. Article
text keeps the lines of the source with blank lines between paragraphs; the OCR noise of the
corpus (a label alone on its line, a word or a reference broken across a blank line, two items
on consecutive lines) is repaired here and in `structure.paragraphs`.
"""
from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from drafting.errors import TreatyError
from drafting.model import Article, Division, Document

from . import safe_xml, structure
from .structure import Block

_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")   # opens with the newline: see _gaps
_ITEM_LINE = re.compile(r"\(\s*(?:\d{1,3}|[a-z]{1,2}|[ivxlc]{3,7}|[A-Z]{1,2})\s*\)(?:\s|$)|[\u2013\u2014\u2022-]\s|\d{1,3}\.\s+[A-Z]")
_KIND = re.compile(r"(?P<word>[A-Za-z]+)\s+(?P<number>\S.*)")
_META = {"name": "name", "type": "type", "status": "status", "date_signed": "date_signed",
         "date_into_force": "date_into_force", "language": "language", "treaty_identifier": "tota_id"}


def _gaps(text: str):
    """(start, end) of each blank line, with the spaces and tabs before it and the white space
    after it. The expression finds the newlines; the spaces before are taken by a scan back, since
    an expression that opens with `[ \\t]*` retries from every space of a long run."""
    start = 0
    for gap in _BLANK_LINE.finditer(text):
        begin = gap.start()
        while begin > start and text[begin - 1] in " \t":
            begin -= 1
        yield begin, gap.end()
        start = gap.end()


def _chunks(text: str) -> list[str]:
    """Paragraph texts: split at blank lines, and at lines that start a new item after an ended
    one ("...adjacent seas;" <newline> "(iii) the islands"). A word broken across a blank line
    ("Strategic Envir" / "onmental") is joined where the source marks word ends with a space
    before its line breaks."""
    spaced_lines = " \n" in text
    chunks: list[str] = []
    text = text.strip()
    start, broken = 0, False
    pieces = []
    for begin, end in _gaps(text):
        pieces.append((text[start:begin], broken))
        broken = spaced_lines and text[begin] == "\n"   # no space before it: the line broke a word
        start = end
    pieces.append((text[start:], broken))
    for raw, broken_before in pieces:
        if chunks and broken_before and raw[:1].islower() and chunks[-1][-1:].isalpha():
            chunks[-1] += raw
            continue
        if "\n" not in raw or _ITEM_LINE.search(raw) is None:
            chunks.append(raw)
            continue
        current: list[str] = []
        for line in raw.split("\n"):
            stripped = line.strip()
            if current and _ITEM_LINE.match(stripped) and current[-1].rstrip().endswith((";", ":", ".", "; and", "; or")):
                chunks.append("\n".join(current))
                current = []
            current.append(stripped)
        chunks.append("\n".join(current))
    return chunks


def _is_division_heading(chunk: str) -> bool:
    first = chunk.split("\n", 1)[0].strip()
    heading = structure.heading_of(first) if first[:1].isalpha() and len(first) < 120 else None
    return heading is not None and heading[0] == "division"


def _short_line(chunk: str) -> bool:
    text = " ".join(chunk.split())
    return text[:1].isupper() and len(text.split()) < 15 and not text.endswith((".", ";", ",", ":"))


def _heading_tail(chunks: list[str]) -> int:
    """Where the headings of the next section ("Sub-section 1" / "Domestic regulation") begin at
    the end of an article's text: ToTA keeps only chapters, so these trail the article before."""
    i = len(chunks)
    while i > 0:
        if _is_division_heading(chunks[i - 1]):
            i -= 1
        elif i > 1 and _short_line(chunks[i - 1]) and _is_division_heading(chunks[i - 2]):
            i -= 2
        else:
            break
    return i


def _blocks(text: str | None, left_out: list[str]) -> list[Block]:
    chunks = [chunk for chunk in _chunks(text or "") if chunk.strip()]
    end = _heading_tail(chunks)
    left_out.extend(chunks[end:])
    return [Block(chunk) for chunk in chunks[:end]]


def _number(attribute: str | None) -> tuple[str, str]:
    """"ARTICLE 5" -> ("Article", "5"); "TITLE IV" -> ("Title", "IV")."""
    match = _KIND.fullmatch((attribute or "").strip())
    if match is None:
        return "", (attribute or "").strip()
    word = match.group("word")
    return word[0].upper() + word[1:].lower(), match.group("number").strip()


def _article(element: etree._Element, left_out: list[str]) -> Article:
    word, number = _number(element.get("number"))
    return Article(heading=" ".join((element.get("name") or "").split()),
                   paragraphs=structure.paragraphs(_blocks(element.text, left_out)),
                   number=number, word=word if word in ("Article", "Section") else "Article")


def read_tota(path: Path, data: bytes | None = None) -> Document:
    path = Path(path)
    root = safe_xml.parse(path.read_bytes() if data is None else data, path)
    if root.tag != "treaty" or root.find("body") is None:
        raise TreatyError(f"not a ToTA treaty file: expected <treaty> with a <body>, found <{root.tag}>", path)
    meta = root.find("meta")
    metadata = {}
    if meta is not None:
        for tag, key in _META.items():
            value = " ".join((meta.findtext(tag) or "").split())
            if value:
                metadata[key] = value
    front: list[Block] = []
    conclusion: list[Block] = []
    body: list[Article | Division] = []
    left_out: list[str] = []
    for chapter in root.find("body"):
        if chapter.tag == "article":
            body.append(_article(chapter, left_out))
            continue
        if chapter.tag != "chapter":
            continue
        name = " ".join((chapter.get("name") or "").split())
        division = None
        if chapter.get("number"):
            kind, number = _number(chapter.get("number"))
            division = Division(kind or "Chapter", name, number=number)
            body.append(division)
        for element in chapter.iterchildren("article"):
            if not element.get("number") and division is None and name.lower() in ("preamble", "conclusion"):
                (front if name.lower() == "preamble" else conclusion).extend(_blocks(element.text, left_out))
                continue
            (division.articles if division is not None else body).append(_article(element, left_out))
    document = structure.front(front, default_title=metadata.get("name") or path.stem)
    document.metadata.update(metadata)
    document.body = body
    for block in conclusion:
        structure.closing_part(document, structure.clean(block.text))
    if left_out:
        document.notes.append(f"section headings at the ends of article texts were left out ({len(left_out)} "
                              "lines; ToTA keeps only chapters)")
    return document
