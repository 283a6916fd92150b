"""Word (.docx) files into the document model, read as if every tracked change were accepted.

lxml and zipfile only (python-docx takes longer to import than this takes to read a treaty). The
package is opened with limits (`package`), every XML part through the hardened parser
(`safe_xml`). Paragraphs of the body are read in order, tables row by row; each becomes a Block
with what Word says about it (heading style or outline level, the label of its automatic
numbering, its bookmarks) and `structure` decides what it is.
"""
from __future__ import annotations

import json
from pathlib import Path

from lxml import etree

from drafting.errors import TreatyError
from drafting.model import Document

from ..package import SUMMARY_STYLES
from . import safe_xml, structure
from .numbering import Numbering
from .package import open_package, read_member

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_P, _PPR, _RPR, _TR, _TRPR = (W + t for t in ("p", "pPr", "rPr", "tr", "trPr"))
_T, _TAB, _BR, _CR, _NBH = (W + t for t in ("t", "tab", "br", "cr", "noBreakHyphen"))
_DEL, _INS, _MOVE_FROM, _MOVE_TO = (W + t for t in ("del", "ins", "moveFrom", "moveTo"))
_BOOKMARK = W + "bookmarkStart"
_VAL, _TYPE, _NAME = W + "val", W + "type", W + "name"
_BODY = W + "body"
_CONTAINERS = frozenset((_BODY, W + "tc", W + "sdtContent", W + "customXml"))
LABELS_PROPERTY = "TreatyClauseLabels"   # written by drafting.writers.docx
TRACKED_NOTE = "the file holds tracked changes; it was read as if all were accepted"
_CUSTOM_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}"
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"


class _Styles:
    """Per style id: (heading level or None, "title"/"subtitle"/"", numbering (numId, ilvl))."""

    def __init__(self, root: etree._Element | None):
        self.raw: dict[str, tuple[str, str | None, int | None, tuple[str | None, int | None]]] = {}
        self.cache: dict[str, tuple[int | None, str, tuple[str | None, int]]] = {}
        if root is None:
            return
        for style in root.iterchildren(W + "style"):
            name = style.find(W + "name")
            based = style.find(W + "basedOn")
            ppr = style.find(_PPR)
            outline, num = None, (None, None)
            if ppr is not None:
                level = ppr.find(W + "outlineLvl")
                if level is not None and (level.get(_VAL) or "").isdigit():
                    outline = int(level.get(_VAL))
                num = _num_pr(ppr)
            self.raw[style.get(W + "styleId") or ""] = (
                (name.get(_VAL) if name is not None else "") or "",
                based.get(_VAL) if based is not None else None, outline, num)

    def info(self, style_id: str | None) -> tuple[int | None, str, tuple[str | None, int]]:
        if not style_id:
            return None, "", (None, 0)
        if style_id not in self.cache:
            level, role, num_id, ilvl = None, "", None, None
            seen, current = set(), style_id
            while current in self.raw and current not in seen:   # walk basedOn, nearest wins
                seen.add(current)
                name, based, outline, (own_num, own_ilvl) = self.raw[current]
                low = name.lower()
                if not role and current == style_id and low in ("title", "subtitle"):
                    role = low
                if level is None:
                    if low.startswith("heading ") and low[8:].isdigit():
                        level = int(low[8:]) - 1
                    elif outline is not None and outline < 9:
                        level = outline
                num_id = num_id if num_id is not None else own_num
                ilvl = ilvl if ilvl is not None else own_ilvl
                current = based
            self.cache[style_id] = (level, role, (num_id, ilvl or 0))
        return self.cache[style_id]


def _num_pr(ppr: etree._Element) -> tuple[str | None, int | None]:
    num_pr = ppr.find(W + "numPr")
    if num_pr is None:
        return None, None
    num_id, ilvl = num_pr.find(W + "numId"), num_pr.find(W + "ilvl")
    level = ilvl.get(_VAL) if ilvl is not None else None
    return (num_id.get(_VAL) if num_id is not None else None,
            int(level) if level is not None and level.isdigit() else None)


def _accept_changes(paragraph: etree._Element) -> tuple[bool, bool]:
    """Drop deleted and moved-away content from the parsed paragraph, keep insertions and moves
    to here. (any tracked change?, was the paragraph mark itself deleted?)"""
    marked = list(paragraph.iter(_DEL, _MOVE_FROM, _INS, _MOVE_TO, _MC_FALLBACK))
    if not marked:
        return False, False
    changed = merged = False
    for element in marked:
        tag = element.tag
        if tag == _MC_FALLBACK:         # the same content again, for old readers
            element.getparent().remove(element)
            continue
        changed = True
        if tag == _INS or tag == _MOVE_TO:
            continue
        parent = element.getparent()
        if parent is None:              # inside content removed already
            continue
        if parent.tag == _RPR and parent.getparent() is not None and parent.getparent().tag == _PPR:
            merged = True               # a deleted paragraph mark: the text runs on into the next one
        parent.remove(element)
    return changed, merged


def _in_deleted_row(paragraph: etree._Element) -> bool:
    for row in paragraph.iterancestors(_TR):
        if len(row) and row[0].tag == _TRPR and row[0].find(_DEL) is not None:
            return True
    return False


def _release(paragraph: etree._Element, parent: etree._Element) -> None:
    """Free what has been read: the paragraph's content, and at body level everything before it."""
    paragraph.clear()
    if parent.tag == _BODY:
        while paragraph.getprevious() is not None:
            del parent[0]


def _text(paragraph: etree._Element, heading: bool, marks: list[str]) -> str:
    """The paragraph's text; its bookmark names are added to `marks` on the way."""
    parts = []
    for element in paragraph.iter(_T, _TAB, _BR, _CR, _NBH, _BOOKMARK):
        tag = element.tag
        if tag == _T:
            if element.text:
                parts.append(element.text)
        elif tag == _TAB:
            parts.append(" ")
        elif tag == _BOOKMARK:
            marks.append(element.get(_NAME) or "")
        elif tag == _NBH:
            parts.append("-")
        elif heading and element.get(_TYPE) in (None, "textWrapping"):
            parts.append("\n")    # "Article 5" <break> "Objectives"
        else:
            parts.append(" ")
    return "".join(parts)


_PSTYLE, _OUTLINE, _NUMPR, _NUMID, _ILVL = (W + t for t in ("pStyle", "outlineLvl", "numPr", "numId", "ilvl"))


def _properties(paragraph: etree._Element) -> tuple[str | None, int | None, tuple[str | None, int | None]]:
    """(style id, outline level, (numId, ilvl)) of a paragraph. pPr is its first child when
    present; its children are walked once (find() costs a path parse per call)."""
    style_id, level, num = None, None, (None, None)
    if len(paragraph) and paragraph[0].tag == _PPR:
        for child in paragraph[0]:
            tag = child.tag
            if tag == _PSTYLE:
                style_id = child.get(_VAL)
            elif tag == _OUTLINE:
                value = child.get(_VAL) or ""
                level = int(value) if value.isdigit() and int(value) < 9 else None
            elif tag == _NUMPR:
                num_id = ilvl = None
                for item in child:
                    if item.tag == _NUMID:
                        num_id = item.get(_VAL)
                    elif item.tag == _ILVL and (item.get(_VAL) or "").isdigit():
                        ilvl = int(item.get(_VAL))
                num = (num_id, ilvl)
    return style_id, level, num


def _blocks(raw: bytes, source: Path, styles: _Styles, numbering: Numbering):
    """The body's paragraphs as blocks, in reading order (tables row by row), streamed; whether
    the file holds tracked changes; and whether it opens with a redline's summary of changes."""
    blocks: list[structure.Block] = []
    loose: list[str] = []      # bookmarks that stand between paragraphs
    carried = ""
    tracked = summary = False
    for element in safe_xml.iterparse(raw, source, "word/document.xml", (_P, _BOOKMARK)):
        parent = element.getparent()
        if element.tag == _BOOKMARK:
            if parent is not None and parent.tag in _CONTAINERS:
                loose.append(element.get(_NAME) or "")
            continue
        if parent.tag not in _CONTAINERS and next(element.iterancestors(_P), None) is not None:
            continue           # a text box inside a paragraph: read with that paragraph
        if parent.tag != _BODY and _in_deleted_row(element):
            tracked = True
            _release(element, parent)
            continue
        changed, merged = _accept_changes(element)
        tracked = tracked or changed
        style_id, own_level, own_num = _properties(element)
        if style_id in SUMMARY_STYLES:    # the summary page of one of our redlines
            summary = True
            _release(element, parent)
            continue
        level, role, (style_num, style_ilvl) = styles.info(style_id)
        if own_level is not None:
            level = own_level
        heading = level is not None or role == "title"
        marks, loose = loose, []
        text = carried + _text(element, heading, marks)
        carried = ""
        num_id = own_num[0] if own_num[0] is not None else style_num
        ilvl = own_num[1] if own_num[1] is not None else style_ilvl
        _release(element, parent)
        if merged:
            carried = text
            continue
        label = numbering.label(num_id, ilvl) if num_id and num_id != "0" else ""
        if label[:2].isalpha():           # "Article %1", "CHAPTER %1": part of the heading text
            text = label + ("\n" if heading else " ") + text.lstrip()
            label = ""
        if text.strip() or label:
            blocks.append(structure.Block(text, heading=heading, level=level, role=role,
                                          bookmarks=tuple(marks), number=label, whole=True))
    if carried.strip():
        blocks.append(structure.Block(carried))
    return blocks, tracked, summary


def _clause_labels(root: etree._Element | None) -> dict[str, str]:
    """{bookmark name: clause id} that our own drafts store in docProps/custom.xml."""
    if root is None:
        return {}
    for prop in root.iterchildren(_CUSTOM_NS + "property"):
        if prop.get("name") == LABELS_PROPERTY and len(prop):
            try:
                labels = json.loads(prop[0].text or "{}")
            except ValueError:
                return {}
            if isinstance(labels, dict):
                return {str(k): str(v) for k, v in labels.items() if isinstance(v, str)}
    return {}


def read_docx(path: Path, data: bytes | None = None) -> Document:
    path = Path(path)
    data = path.read_bytes() if data is None else data
    package = open_package(data, path)

    def part(name: str) -> etree._Element | None:
        raw = read_member(package, name, path)
        return safe_xml.parse(raw, path, name) if raw is not None else None

    with package:
        raw = read_member(package, "word/document.xml", path)
        if raw is None:
            raise TreatyError("not a Word document: the package has no word/document.xml", path)
        styles = _Styles(part("word/styles.xml"))
        numbering = Numbering(part("word/numbering.xml"))
        labels = _clause_labels(part("docProps/custom.xml"))
        core = part("docProps/core.xml")
    title = core.findtext(_DC_TITLE) if core is not None else None
    blocks, tracked, summary = _blocks(raw, path, styles, numbering)
    document = structure.build(blocks, title=(title or "").strip() or None, default_title=path.stem, labels=labels)
    if not blocks:
        document.notes.append("the document holds no text")
    if tracked:
        document.notes.append(TRACKED_NOTE)
    if summary:
        document.notes.append("the file opens with the summary of changes of a redline; it was left out")
    return document
