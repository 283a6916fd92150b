"""A minimal WordprocessingML package, written directly.

A redline of a 70,000-word treaty holds tens of thousands of runs; building them through
python-docx's object layer costs seconds, so the comparison writes the XML itself. The package has
exactly the parts Word and LibreOffice need: content types, relationships, the document, styles,
settings and core properties. Bytes are deterministic (fixed zip timestamps, no generated ids).
"""
from __future__ import annotations

import io
import queue
import re
import sys
import threading
import zipfile

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# the styles of a redline's summary of changes: not part of the compared text, so a reader that
# meets them (a redline sent back as the next version) leaves those paragraphs out
SUMMARY_STYLES = ("SummaryTitle", "SummaryText")
_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_BAD_BYTES = bytes(range(0x20)).translate(None, b"\t\n\r")   # the same characters in UTF-8
_BAD_SEQUENCES = (b"\xef\xbf\xbe", b"\xef\xbf\xbf")

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"""

ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"""

DOCUMENT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/></Relationships>"""


def _paragraph_style(style_id: str, name: str, ppr: str = "", rpr: str = "", next_id: str = "") -> str:
    following = f'<w:next w:val="{next_id}"/>' if next_id else ""
    return (f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{style_id}"><w:name w:val="{name}"/>'
            f'<w:basedOn w:val="Normal"/>{following}<w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>')


STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<w:styles xmlns:w="{W_NS}">'
    '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" '
    'w:eastAsia="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="24"/><w:szCs w:val="24"/>'
    '<w:lang w:val="en-US"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120"/>'
    '</w:pPr></w:pPrDefault></w:docDefaults>'
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
    '<w:pPr><w:jc w:val="both"/></w:pPr></w:style>'
    + _paragraph_style("Title", "Title", '<w:keepNext/><w:spacing w:after="240"/><w:jc w:val="center"/>',
                       '<w:b/><w:caps/><w:sz w:val="32"/>')
    + _paragraph_style("Heading1", "heading 1", '<w:keepNext/><w:spacing w:before="360" w:after="120"/>'
                       '<w:jc w:val="center"/><w:outlineLvl w:val="0"/>', '<w:b/><w:sz w:val="26"/>')
    + _paragraph_style("Heading2", "heading 2", '<w:keepNext/><w:spacing w:before="240" w:after="120"/>'
                       '<w:jc w:val="center"/><w:outlineLvl w:val="1"/>', '<w:b/>')
    + "".join(_paragraph_style(f"Level{n}", f"Treaty Level {n}",
                               f'<w:ind w:left="{720 * n}" w:hanging="{720 if n else 0}"/>')
              for n in range(4))
    + _paragraph_style("SummaryTitle", "Comparison Summary Title", '<w:keepNext/><w:jc w:val="left"/>'
                       '<w:spacing w:after="200"/>', '<w:b/><w:sz w:val="28"/>')
    + _paragraph_style("SummaryText", "Comparison Summary", '<w:jc w:val="left"/><w:spacing w:after="60"/>',
                       '<w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial"/><w:sz w:val="20"/>')
    + "</w:styles>"
)


def settings(track_revisions: bool) -> str:
    track = "<w:trackRevisions/>" if track_revisions else ""
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:settings xmlns:w="{W_NS}">{track}<w:defaultTabStop w:val="720"/>'
            '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" '
            'w:val="15"/></w:compat></w:settings>')


def core(title: str, author: str, date: str) -> str:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{escape(title)}</dc:title><dc:creator>{escape(author)}</dc:creator>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{date}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{date}</dcterms:modified></cp:coreProperties>')


def escape(value: str) -> str:
    """Text escaped for XML; the characters XML forbids are left to package(), which clears them
    from each part at once. (xml.sax.saxutils would escape too, but imports urllib and
    http.client: 50 ms.)"""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


DOCUMENT_START = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                  f'<w:document xmlns:w="{W_NS}"><w:body>')
DOCUMENT_END = ('<w:sectPr><w:pgSz w:w="12240" w:h="15840"/><w:pgMar w:top="1440" w:right="1440" '
                'w:bottom="1440" w:left="1440" w:header="720" w:footer="720" w:gutter="0"/></w:sectPr>'
                "</w:body></w:document>")


def document(body: str) -> str:
    return DOCUMENT_START + body + DOCUMENT_END


def package(body: str, *, title: str, author: str, date: str, track_revisions: bool) -> bytes:
    """The .docx holding `body`, the paragraphs of a document in WordprocessingML (its text
    escaped with escape())."""
    writing = Package(title=title, author=author, date=date, track_revisions=track_revisions)
    writing.add(body)
    return writing.close()


class Package:
    """A .docx written while its body is still being made.

    The body's paragraphs come in pieces (`add`); a thread of its own encodes them and compresses
    them into the zip as they come. zlib lets go of the interpreter lock while it compresses, so
    on a redline of a long treaty the compression runs on the other core beside the making of
    the next pieces, rather than after them. `close()` gives the bytes: the same bytes, however
    the body was cut into pieces.
    """

    def __init__(self, *, title: str, author: str, date: str, track_revisions: bool):
        self.parts_after = [("word/_rels/document.xml.rels", DOCUMENT_RELS), ("word/styles.xml", STYLES),
                            ("word/settings.xml", settings(track_revisions)),
                            ("docProps/core.xml", core(title, author, date))]
        self.pieces: queue.SimpleQueue = queue.SimpleQueue()
        self.out = io.BytesIO()
        self.failure: BaseException | None = None
        self.thread = threading.Thread(target=self._write, daemon=True)
        # the thread needs the interpreter lock for a moment between two calls into zlib; by
        # default the thread making the pieces gives it up only every 5 ms
        self.switch_interval = sys.getswitchinterval()
        sys.setswitchinterval(min(self.switch_interval, _SWITCH_INTERVAL))
        self.thread.start()
        self.pieces.put(DOCUMENT_START)

    def add(self, xml: str) -> None:
        """More of the body, escaped with escape()."""
        self.pieces.put(xml)

    def close(self) -> bytes:
        self.pieces.put(DOCUMENT_END)
        self.discard()
        if self.failure is not None:
            raise self.failure
        return self.out.getvalue()

    def discard(self) -> None:
        """Stop, the document unwanted (its making failed)."""
        self.pieces.put(None)
        self.thread.join()
        sys.setswitchinterval(self.switch_interval)

    def _write(self) -> None:
        try:
            # level 1: a treaty redline's XML is megabytes, and the best compression costs more
            # time than the few kilobytes it saves
            with zipfile.ZipFile(self.out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
                for name, content in (("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", ROOT_RELS)):
                    archive.writestr(_member(name), _encoded(content))
                with archive.open(_member("word/document.xml"), "w") as body:
                    while (piece := self.pieces.get()) is not None:
                        body.write(_encoded(piece))
                for name, content in self.parts_after:
                    archive.writestr(_member(name), _encoded(content))
        except BaseException as failure:
            self.failure = failure
            while self.pieces.get() is not None:     # the rest is still sent: take it, then stop
                pass


_SWITCH_INTERVAL = 0.001    # seconds


def _member(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info._compresslevel = 1       # the level a member opened for writing is compressed at (3.11 to 3.13)
    info.external_attr = 0o644 << 16
    return info


def _encoded(content: str) -> bytes:
    """The part in UTF-8, any character XML forbids made a space. Found in the bytes: deleting
    the control bytes and looking for U+FFFE and U+FFFF are a few milliseconds on a treaty's
    redline, where an expression over the text takes ten times as long."""
    data = content.encode("utf-8")
    if len(data.translate(None, _BAD_BYTES)) != len(data) or any(bad in data for bad in _BAD_SEQUENCES):
        data = _BAD_XML.sub(" ", content).encode("utf-8")
    return data
