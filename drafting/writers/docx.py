"""Word (.docx) drafts: styles, a title page, a running status header, page numbers, numbered
articles and paragraphs, a bookmark per article carrying its clause id, and signature blocks.

Bytes are deterministic: the same document gives the same file (fixed zip timestamps, dates from
the spec, no generated ids).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import zipfile

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt, RGBColor

from ..model import Article, Division, Document, Paragraph
from .common import party_names, status_line, walk_numbered

FONT = "Times New Roman"
INDENT = Inches(0.5)
LABELS_PROPERTY = "TreatyClauseLabels"   # JSON {bookmark name: clause id}, read back by comparisons
_CUSTOM_CT = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"


def bookmark_name(label: str) -> str:
    """A Word bookmark name for a clause id: letters, digits and '_', at most 40 characters."""
    name = "c_" + re.sub(r"[^A-Za-z0-9]", "_", label)
    if len(name) > 40:
        name = name[:33] + "_" + hashlib.sha1(label.encode()).hexdigest()[:6]
    return name


class _Writer:
    def __init__(self, document: Document):
        self.model = document
        self.doc = docx.Document()
        self.bookmark_id = 0
        self.labels: dict[str, str] = {}
        self._style_ids: dict[str, str] = {}
        self._styles()

    # -- styles ----------------------------------------------------------------------------
    def _style(self, name: str, base: str = "Normal"):
        styles = self.doc.styles
        style = styles[name] if name in [s.name for s in styles] else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles[base] if name != base else None
        return style

    def _styles(self) -> None:
        normal = self.doc.styles["Normal"]
        normal.font.name, normal.font.size = FONT, Pt(12)
        normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
        normal.paragraph_format.space_after = Pt(6)
        normal.paragraph_format.line_spacing = 1.08
        for name, size, align, before in (("Title", 16, WD_ALIGN_PARAGRAPH.CENTER, 0),
                                          ("Subtitle", 12, WD_ALIGN_PARAGRAPH.CENTER, 6),
                                          ("Heading 1", 13, WD_ALIGN_PARAGRAPH.CENTER, 24),
                                          ("Heading 2", 12, WD_ALIGN_PARAGRAPH.CENTER, 18)):
            style = self.doc.styles[name]
            style.font.name, style.font.size = FONT, Pt(size)
            style.font.color.rgb = RGBColor(0, 0, 0)
            style.font.bold = name != "Subtitle"
            style.font.italic = name == "Subtitle"
            rfonts = style.element.rPr.find(qn("w:rFonts"))
            for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                rfonts.attrib.pop(qn(attribute), None)
            style.paragraph_format.alignment = align
            style.paragraph_format.space_before = Pt(before)
            style.paragraph_format.space_after = Pt(12 if name != "Heading 2" else 6)
            style.paragraph_format.keep_with_next = True
        title_border = self.doc.styles["Title"].element.pPr.find(qn("w:pBdr"))
        if title_border is not None:
            title_border.getparent().remove(title_border)
        justified = WD_ALIGN_PARAGRAPH.JUSTIFY
        for depth in range(3):
            style = self._style(f"Treaty Paragraph {depth + 1}")
            style.paragraph_format.left_indent = INDENT * (depth + 1)
            style.paragraph_format.first_line_indent = -INDENT
            style.paragraph_format.alignment = justified
            style.paragraph_format.tab_stops.add_tab_stop(INDENT * (depth + 1))
        self._style("Treaty Text").paragraph_format.alignment = justified
        recital = self._style("Recital")
        recital.paragraph_format.alignment = justified
        recital.paragraph_format.first_line_indent = INDENT
        status = self._style("Draft Status")
        status.font.size, status.font.bold = Pt(9), True
        status.font.color.rgb = RGBColor(0x8A, 0x1C, 0x1C)
        status.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        self._style("Treaty Signature").paragraph_format.space_before = Pt(30)

    # -- pieces ----------------------------------------------------------------------------
    def para(self, text: str = "", style: str = "Treaty Text"):
        # python-docx resolves a style name by scanning every style on each call; a draft has
        # hundreds of paragraphs, so the ids are looked up once.
        paragraph = self.doc.add_paragraph(text)
        paragraph._p.get_or_add_pPr().style = self._style_id(style)
        return paragraph

    def _style_id(self, name: str) -> str:
        if name not in self._style_ids:
            self._style_ids[name] = self.doc.styles[name].style_id
        return self._style_ids[name]

    def bookmark(self, paragraph, label: str) -> None:
        name = bookmark_name(label)
        self.labels[name] = label
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), str(self.bookmark_id))
        start.set(qn("w:name"), name)
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), str(self.bookmark_id))
        self.bookmark_id += 1
        paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
        paragraph._p.append(end)

    @staticmethod
    def run(parent, text: str, tab: bool = False) -> None:
        """Append <w:r><w:t>text</w:t>[<w:tab/>]</w:r>: python-docx's run text setter walks the
        text one character at a time, and treaty text has no tabs or breaks to translate."""
        run = OxmlElement("w:r")
        if text:
            element = OxmlElement("w:t")
            element.text = text
            element.set(qn("xml:space"), "preserve")
            run.append(element)
        if tab:
            run.append(OxmlElement("w:tab"))
        parent.append(run)

    def linked_text(self, paragraph, model: Paragraph) -> None:
        """The paragraph's text, with cross-references as internal links to the article's bookmark."""
        last = 0
        for link in model.links:
            if link.start > last:
                self.run(paragraph._p, model.text[last:link.start])
            hyperlink = OxmlElement("w:hyperlink")
            hyperlink.set(qn("w:anchor"), bookmark_name(link.target))
            self.run(hyperlink, model.text[link.start:link.end])
            paragraph._p.append(hyperlink)
            last = link.end
        if last < len(model.text):
            self.run(paragraph._p, model.text[last:])

    def paragraphs(self, paragraphs: list[Paragraph], depth: int = 0) -> None:
        for depth, label, model in walk_numbered(paragraphs, depth):
            # real treaties nest deeper than (i); levels past the third share its indent
            if label:
                paragraph = self.para(style=f"Treaty Paragraph {min(depth + 1, 3)}")
                self.run(paragraph._p, label, tab=True)
            else:
                paragraph = self.para(style="Treaty Text" if depth == 0 else f"Treaty Paragraph {min(depth, 3)}")
            self.linked_text(paragraph, model)

    def heading(self, first: str, second: str, level: int, label: str | None = None):
        paragraph = self.para(style=f"Heading {level}")
        paragraph.add_run(first)
        if second:
            paragraph.add_run().add_break(WD_BREAK.LINE)
            paragraph.add_run(second)
        if label:
            self.bookmark(paragraph, label)
        return paragraph

    def article(self, article: Article) -> None:
        if article.number:
            self.heading(article.citation, article.heading, 2, article.label)
        else:
            self.heading(article.heading, "", 2, article.label)
        self.paragraphs(article.paragraphs)

    def page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    # -- the document ----------------------------------------------------------------------
    def title_page(self) -> None:
        model = self.model
        spacer = self.para()
        spacer.paragraph_format.space_before = Pt(120)
        self.para(model.title.upper(), "Title")
        names = party_names(model)
        if names:
            connective = "between" if len(names) == 2 else "among"
            if model.metadata.get("instrument") == "action-plan":
                connective = "of"
            self.para(connective, "Subtitle")
            for i, name in enumerate(names):
                last = i == len(names) - 1
                text = name[:1].upper() + name[1:] if name.startswith("the ") else name
                self.para(text + ("" if last else ("," if len(names) > 2 and i < len(names) - 2 else "")), "Subtitle")
                if i == len(names) - 2:
                    self.para("and", "Subtitle")
        line = status_line(model)
        if line:
            notice = self.para(line, "Subtitle")
            notice.paragraph_format.space_before = Pt(72)
        self.page_break()

    def header_and_footer(self) -> None:
        section = self.doc.sections[0]
        section.left_margin = section.right_margin = Inches(1.1)
        line = status_line(self.model)
        header = section.header.paragraphs[0]
        header.style = self.doc.styles["Draft Status"]
        header.text = line
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), " PAGE ")
        run = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.text = "1"
        run.append(text)
        field.append(run)
        footer._p.append(field)

    def body(self) -> None:
        model = self.model
        self.para(model.title.upper(), "Title")
        for text in model.opening:
            self.para(text, "Recital")
        for recital in model.preamble:
            self.linked_text(self.para(style="Recital"), recital)
            self.paragraphs(recital.children, 1)     # a recital's own list: (a), (b), ...
        if model.formula:
            self.para(model.formula, "Recital")
        for item in model.body:
            if isinstance(item, Division):
                self.heading(f"{item.kind} {item.number}", item.heading, 1)
                for article in item.articles:
                    self.article(article)
            else:
                self.article(item)
        for text in model.closing:
            self.para(text, "Recital").paragraph_format.keep_with_next = True
        for signatory in model.signatories:
            block = self.para(signatory, "Treaty Signature")
            block.paragraph_format.keep_with_next = True
            self.para("_" * 36).paragraph_format.space_before = Pt(24)
        for annex in model.annexes:
            self.page_break()
            self.heading(annex.citation, annex.heading, 1, annex.label)
            self.paragraphs(annex.paragraphs)

    def properties(self) -> None:
        core = self.doc.core_properties
        core.title = self.model.title
        core.subject = self.model.subtitle
        core.author = core.last_modified_by = ""
        core.comments = status_line(self.model)
        core.revision = 1
        iso = self.model.metadata.get("date")
        stamp = dt.datetime.fromisoformat(iso) if iso else dt.datetime(2000, 1, 1)
        core.created = core.modified = stamp.replace(tzinfo=dt.timezone.utc)
        labels = json.dumps(self.labels, sort_keys=True)
        blob = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f'<Properties xmlns="{_CUSTOM_NS}" xmlns:vt="{_VT_NS}">'
                f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="2" name="{LABELS_PROPERTY}">'
                f"<vt:lpwstr>{_xml_escape(labels)}</vt:lpwstr></property></Properties>").encode("utf-8")
        package = self.doc.part.package
        part = Part(PackURI("/docProps/custom.xml"), _CUSTOM_CT, blob, package)
        package.relate_to(part, RT.CUSTOM_PROPERTIES)

    def write(self) -> bytes:
        self.header_and_footer()
        self.title_page()
        self.body()
        self.properties()
        raw = io.BytesIO()
        self.doc.save(raw)
        return _normalized_zip(raw.getvalue())


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _normalized_zip(data: bytes) -> bytes:
    """Rewrite the package with fixed timestamps so the same draft gives the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def write_docx(document: Document) -> bytes:
    return _Writer(document).write()
