"""HTML (.html, .htm) into the document model: a treaty page saved from a government website.

lxml's HTML parser, with the network off; a page that declares entities of its own (an internal
DTD subset) is refused before lxml sees it, as safe_xml refuses any DTD in XML. Only the page's
content counts: <main> (or role="main") when there is one, else <body>, less scripts, styles,
forms, navigation, and the site's banner and footer. Block elements (p, h1-h6, li, td, div
with text of its own, ...) become Blocks for the shared recognizer; h1-h6 are heading hints and
the first h1 that is not an article heading is the title; an <ol> item gets the number the
browser shows ("3.", "c."), unless its text already starts with one. Lines broken with <br> in
one element (old pages hold a whole treaty in one <div> or <pre>) are read as plain text is.
"""
from __future__ import annotations

import codecs
import re
from pathlib import Path

from drafting.errors import TreatyError
from drafting.model import Document

from . import labels, structure
from .structure import Block
from .text import text_blocks

_DROP = frozenset("""script style noscript template nav form button select textarea input label
    iframe object embed svg math canvas video audio map head aside dialog menu""".split())
_DROP_ROLES = frozenset(("navigation", "banner", "contentinfo", "search", "menu", "menubar", "dialog"))
# a <header> or <footer> is the site's banner only outside sectioning content: inside an
# <article> or <main> it holds the document's own title or closing
_SECTIONING = frozenset(("article", "main", "section"))
_BLOCKS = frozenset("""p h1 h2 h3 h4 h5 h6 li td th dt dd div blockquote pre address caption
    figcaption center section article main header footer ol ul dl table tr tbody thead tfoot
    body hgroup details summary fieldset legend figure""".split())
_HEADINGS = {f"h{n}": n - 1 for n in range(1, 7)}
_ENTITIES = re.compile(rb"<!ENTITY|<!DOCTYPE[^>\[]*\[", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def _encoding(data: bytes) -> tuple[str, list[str]]:
    """The page's encoding: its BOM, its <meta charset>, else UTF-8 if it decodes, else cp1252."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8", []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", []
    declared = _META_CHARSET.search(data[:8192])
    if declared:
        try:
            return codecs.lookup(declared.group(1).decode("ascii")).name, []
        except LookupError:
            pass
    try:
        data.decode("utf-8")
        return "utf-8", []
    except UnicodeDecodeError:
        return "cp1252", ["the page declares no encoding and is not UTF-8; it was read as Windows-1252"]


def _parse(path: Path, data: bytes):
    import lxml.html

    if _ENTITIES.search(data):
        raise TreatyError("HTML that declares entities (a DTD subset) is not accepted", path)
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise TreatyError("not an HTML file (it holds binary data)", path)
    encoding, notes = _encoding(data)
    parser = lxml.html.HTMLParser(encoding=encoding, no_network=True, remove_comments=True,
                                  remove_pis=True, huge_tree=False)
    try:
        root = lxml.html.document_fromstring(data, parser=parser)
    except Exception as error:   # lxml.etree.ParserError ("Document is empty"), XMLSyntaxError
        raise TreatyError(f"not readable HTML ({error})", path) from None
    return root, notes


_DISPLAY = re.compile(r"display\s*:\s*([a-z-]+)")
_CLASS = re.compile(r"\.([\w-]+)")
# what may stand in the last compound selector after a class (".note p.title:first-child")
_COMPOUND = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-[]=\"':")


def _rules(sheet: str):
    """(selectors, declarations) of each innermost rule of a style sheet ("h3 .title { ... }").
    A single pass: an expression such as `([^{}]+)\\{` tries every starting place and takes
    minutes on a long sheet without braces, which a hostile page may hold."""
    for chunk in sheet.split("}")[:-1]:
        before, brace, declarations = chunk.rpartition("{")
        selectors = before.rpartition("{")[2]
        if brace and selectors:
            yield selectors, declarations


def _last_classes(selector: str) -> list[str]:
    """The classes of a selector's last compound ("p.title" in ".note p.title"), by a scan from
    its end rather than a look-ahead to the end from every dot."""
    start = len(selector)
    while start and (selector[start - 1] in _COMPOUND or selector[start - 1].isalnum()):
        start -= 1
    return _CLASS.findall(selector, start)


class _Style:
    """What the page's own style sheets say about its classes, read from simple rules only
    ("h3 .title { display: block }"): a class shown as a block starts a new line, one shown as
    an inline-block ("<span class=num>1.</span>Text") is set apart by a space, one not
    displayed is left out."""

    def __init__(self, root):
        self.display: dict[str, str] = {}
        for sheet in root.iter("style"):
            for selectors, declarations in _rules(sheet.text or ""):
                shown = _DISPLAY.findall(declarations.lower())
                if not shown:
                    continue
                for selector in selectors.split(","):
                    for name in _last_classes(selector.strip()):
                        self.display[name] = shown[-1]

    def of(self, element) -> str:
        inline = element.get("style")
        if inline:
            shown = _DISPLAY.findall(inline.lower())
            if shown:
                return shown[-1]
        for name in (element.get("class") or "").split():
            if name in self.display:
                return self.display[name]
        return ""


def _dropped(element, style: _Style) -> bool:
    tag = element.tag
    if tag in _DROP or element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    if (element.get("role") or "").lower() in _DROP_ROLES:
        return True
    if tag in ("header", "footer"):
        return not any(a.tag in _SECTIONING for a in element.iterancestors())
    return style.of(element) == "none"


def _content(root):
    """<main> or role="main" when the page marks its content, else <body>."""
    for element in root.iter():
        if element.tag == "main" or (element.get("role") or "").lower() == "main":
            return element
    body = root.find("body")
    return body if body is not None else root


def _list_number(item, index: int) -> str:
    """What a browser shows before the index-th <li> of an <ol> (1-based): "3.", "c.", "iv."."""
    parent = item.getparent()
    style = (parent.get("style") or "").replace(" ", "").lower()
    if "list-style:none" in style or "list-style-type:none" in style:
        return ""
    value = item.get("value") or ""
    start = parent.get("start") or "1"
    number = int(value) if value.isdigit() else (int(start) if start.lstrip("-").isdigit() else 1) + index - 1
    kind = parent.get("type") or "1"
    if kind in "aA" and 0 < number <= 26:
        text = chr(ord("a") + number - 1)
    elif kind in "iI" and 0 < number < 4000:
        from drafting.numbering import roman
        text = roman(number).lower()
    else:
        text = str(number)
    return (text.upper() if kind in "AI" else text) + "."


class _Walker:
    """Text in document order, cut into Blocks at block elements (the CSS block/inline split).

    Text belongs to the innermost block element around it (`owners`): "Text" in
    <li>Text<ul>...</ul></li> is the item's, with the item's number and heading level."""

    def __init__(self, style: _Style):
        self.style = style
        self.blocks: list[Block] = []
        self.parts: list[str] = []
        self.owners: list[list] = []   # [element, number not yet used]
        self.titled = False

    def flush(self) -> None:
        text = "".join(self.parts)
        self.parts = []
        lines = [" ".join(line.split()) for line in text.split("\n")]
        while lines and not lines[0]:
            lines.pop(0)
        while lines and not lines[-1]:
            lines.pop()
        # one empty line kept between two runs of text: "<br><br>" is a paragraph break
        text = "\n".join(line for i, line in enumerate(lines) if line or lines[i - 1])
        if not text:
            return
        level, number = None, ""
        if self.owners:
            element, number = self.owners[-1]
            self.owners[-1][1] = ""
            level = next((_HEADINGS[e.tag] for e in (element, *element.iterancestors()) if e.tag in _HEADINGS), None)
        role = ""
        if level == 0 and not self.titled and structure.heading_of(text, True) is None:
            role, self.titled = "title", True
        elif self.owners and "subtitle" in (self.owners[-1][0].get("class") or "").split():
            role = "subtitle"                    # as our own HTML writer marks it
        if number and labels.split(text) is not None:
            number = ""                          # "<li>(a) ...": the text carries its own label
        if level is None and "\n" in text:
            # lines set apart by <br> in one element (old pages put a whole treaty in one <div>
            # or <pre>): read them as plain text is read, blank lines and heading lines split it
            pieces = text_blocks(text) or [Block(text)]
            pieces[0].number = number
            self.blocks.extend(pieces)
            return
        self.blocks.append(Block(text, heading=level is not None, level=level, role=role, number=number))

    def walk(self, element, number: str = "", heading: bool = False, pre: bool = False) -> None:
        """`heading`: inside h1-h6, where a block ("<h3>Article 3<span class=title>Scope</span>")
        only starts a new line of the one heading; `pre`: inside <pre>, where line ends are
        line breaks (elsewhere they are spaces, and only <br> breaks a line)."""
        display = self.style.of(element)
        block = (element.tag in _BLOCKS and display not in ("inline", "inline-block")) or display in (
            "block", "list-item", "table-cell", "flex", "grid")
        pre = pre or element.tag == "pre"
        if block and heading:
            self.parts.append("\n")
            block = False
        elif block:
            self.flush()
            self.owners.append([element, number])
        if element.tag == "br":
            self.parts.append("\n")
        elif display == "inline-block":
            self.parts.append(" ")
        self.text(element.text, pre)
        index = 0
        for child in element:
            if isinstance(child.tag, str) and not _dropped(child, self.style):
                child_number = ""
                if child.tag == "li" and element.tag == "ol":
                    index += 1
                    child_number = _list_number(child, index)
                self.walk(child, child_number, heading or element.tag in _HEADINGS, pre)
            self.text(child.tail, pre)
        if display == "inline-block":
            self.parts.append(" ")
        elif block and heading:
            self.parts.append("\n")
        if block:
            self.flush()
            self.owners.pop()

    def text(self, text: str | None, pre: bool) -> None:
        if text:
            self.parts.append(text if pre else text.replace("\r", " ").replace("\n", " "))


def read_html(path: Path, data: bytes | None = None) -> Document:
    path = Path(path)
    root, notes = _parse(path, path.read_bytes() if data is None else data)
    walker = _Walker(_Style(root))
    walker.walk(_content(root))
    walker.flush()
    if not walker.blocks:
        raise TreatyError("the page holds no text (is its content loaded by a script?)", path)
    document = structure.build(walker.blocks, default_title=path.stem)
    document.notes[:0] = notes
    return document
