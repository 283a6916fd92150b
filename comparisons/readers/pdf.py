"""PDF (.pdf) files with a text layer into the document model.

PDFium (pypdfium2, imported only when a PDF is read) gives each page's text in reading order with
its line breaks; for each line we ask where it starts and ends, its baseline and its font size,
which is all `pdf_layout` needs to drop running headers and page numbers and to rebuild the
paragraphs. The paragraphs go to the shared recognizer (`structure.build`) like every other
format's. A PDF carries no structure of its own worth trusting: the text decides.

A scanned PDF (images, no text) is refused with the advice to run OCR first; an encrypted one
with the advice to remove the password: both are things the user can fix in a minute.
"""
from __future__ import annotations

import ctypes
import re
from pathlib import Path

from drafting.errors import TreatyError
from drafting.model import Document

from . import structure
from .pdf_layout import Line, blocks

# PDFium runs the two lines of a word it sees hyphenated at a line end together and marks the
# hyphen: U+FFFE in the page text, U+0002 in its character list. We split the line there again
# and let `pdf_layout` decide whether the hyphen belongs to the word.
_BREAK = re.compile("\r\n|\n|\ufffe|\x02")
ENCRYPTED = "encrypted: remove the password in a PDF reader and import again"
NO_TEXT = "has no text layer (a scanned PDF?): run OCR first, e.g. ocrmypdf, and import the result"


def read_pdf(path: Path, data: bytes | None = None) -> Document:
    path = Path(path)
    data = path.read_bytes() if data is None else data
    if b"%PDF-" not in data[:1024]:
        raise TreatyError("not a PDF file (it does not start with %PDF-)", path)
    import pypdfium2 as pdfium          # here, so that `treaty --help` never loads PDFium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        code = getattr(error, "err_code", None)
        if code in (pdfium.raw.FPDF_ERR_PASSWORD, pdfium.raw.FPDF_ERR_SECURITY):
            raise TreatyError(ENCRYPTED, path) from None
        raise TreatyError("not a readable PDF (the file is damaged or not a PDF)", path) from None
    pages: list[list[Line]] = []
    scanned = 0                          # pages with images and no text: scans, as a rule
    try:
        if len(pdf) == 0:
            raise TreatyError("the PDF has no pages", path)
        for index in range(len(pdf)):
            try:
                page = pdf[index]
                try:
                    pages.append(_lines(page, index, pdfium.raw))
                    if not pages[-1] and _has_image(page, pdfium.raw):
                        scanned += 1
                finally:
                    page.close()
            except pdfium.PdfiumError:
                # a page left out would be text silently missing from every comparison
                raise TreatyError("the page cannot be read (the file is damaged)", path, f"page {index + 1}") from None
        title = (pdf.get_metadata_value("Title") or "").strip()
    finally:
        pdf.close()
    if not any(pages):
        raise TreatyError(NO_TEXT, path)
    text_blocks = blocks(pages)
    if not text_blocks:
        raise TreatyError(NO_TEXT, path)
    # a title in the file's properties is used only where the text spells the same words: many
    # PDFs carry a stale one ("Microsoft Word - draft3.docx")
    first_page = " ".join(" ".join(line.text for line in pages[0]).split()).casefold()
    known = title if title and " ".join(title.split()).casefold() in first_page else None
    document = structure.build(text_blocks, title=known, default_title=path.stem)
    if scanned:
        document.notes.append(f"{scanned} of {len(pages)} pages hold only images (scanned?): their text is "
                              "not in this reading; run OCR first, e.g. ocrmypdf, to include it")
    return document


def _has_image(page, raw) -> bool:
    return any(raw.FPDFPageObj_GetType(raw.FPDFPage_GetObject(page.raw, i)) == raw.FPDF_PAGEOBJ_IMAGE
               for i in range(raw.FPDFPage_CountObjects(page.raw)))


def _lines(page, number: int, raw) -> list[Line]:
    """The text lines of one page with their geometry, in PDFium's reading order."""
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        count = textpage.count_chars()
        aligned = len(text) == count   # one text character per PDFium character: the usual case

        def char(index: int) -> int:
            return index if aligned else raw.FPDFText_GetCharIndexFromTextIndex(textpage, index)

        x, y = ctypes.c_double(), ctypes.c_double()
        lines: list[Line] = []
        start = 0
        for match in _BREAK.finditer(text + "\n"):
            piece, end = text[start:match.start()], match.start()
            hyphen = match.group() in ("\ufffe", "\x02")
            start = match.end()
            stripped = piece.strip()
            if not stripped:
                continue
            first = end - len(piece) + (len(piece) - len(piece.lstrip()))
            last = end if hyphen else first + len(stripped) - 1
            if not hyphen and stripped.endswith(" -") and stripped[-3:-2].isalpha() \
                    and raw.FPDFText_IsGenerated(textpage, char(last - 1)) == 1:
                # "re -" at a line end, the space PDFium's own (a gap it saw before the hyphen
                # of a word the layout broke): the hyphen belongs to the word
                stripped = stripped[:-2] + "-"
            first_index, last_index = char(first), char(last)
            if first_index < 0 or last_index < 0:
                continue
            left = textpage.get_charbox(first_index, loose=True)[0]
            right = textpage.get_charbox(last_index, loose=True)[2]
            space = stripped.find(" ")
            word_end = char(first + space - 1) if space > 0 else last_index
            word = textpage.get_charbox(word_end, loose=True)[2] - left if word_end >= 0 else right - left
            raw.FPDFText_GetCharOrigin(textpage, first_index, x, y)
            size = raw.FPDFText_GetFontSize(textpage, first_index) or 10.0
            lines.append(Line(" ".join(stripped.split()) + ("-" if hyphen else ""), number,
                              left, right, y.value, size, word))
        return lines
    finally:
        textpage.close()
