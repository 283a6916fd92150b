"""The readers that judge redlines, judged on tracked changes built by hand.

Each case is a small .docx (python-docx for the package, the revision marks written with lxml)
with the paragraphs a correct reader must return after accept-all and after reject-all. Where a
reader departs from that on a construct, the case records exactly what the reader returns
(`seen`), so the redline writer knows which encodings to avoid; the tests fail if a reader
changes its behaviour either way.

Findings (pandoc 2.17.1.1, LibreOffice 7.4.7; "empty" = seen only with keep_empty=True):
- both exact: inline w:ins / w:del; whole paragraphs with their mark tracked (inserted,
  deleted, replaced, consecutive, first); splits and merges that keep the separating space;
  moves (w:moveFrom / w:moveTo, inline or with the paragraph mark), read as a deletion plus an
  insertion; changes in table cells; changes without w:date; Title / Subtitle paragraphs.
- LibreOffice joins an insertion ending a paragraph and an insertion starting the next one (same
  author, dates at most 60 s apart) into one change over the kept paragraph mark between them:
  reject-all deletes that mark and runs the two paragraphs together. Safe: end a modified
  paragraph with its deletion (write w:ins before w:del), track the mark of the paragraph before
  an inserted one instead of its own (Word's encoding), or date the two more than 60 s apart.
  Deletions meeting that way are not joined.
- a tracked mark that cannot merge forward (the document's last paragraph, a cell's last
  paragraph, the paragraph just before a table) leaves an empty paragraph in LibreOffice
  (pandoc drops it). Word's encoding, tracking the mark of the paragraph before, is exact.
- the document's last paragraph replaced by a deleted then an inserted paragraph (or the
  reverse) leaves an empty last paragraph in one state in both readers: the old and the new last
  paragraph must share the final paragraph (inline w:del + w:ins).
- pandoc ignores tracked marks on heading paragraphs (Heading 1-9 styles): a heading is never
  merged or split (and a heading inserted or deleted whole leaves an empty header, "empty"), and
  the text of a deleted mark just before a heading is carried past it into the next paragraph.
- pandoc joins merged paragraphs with a space, LibreOffice (like Word) with nothing.
- a change without w:author (required by ECMA-376) is dropped whole by pandoc in both states.
- a w:ins around a whole w:p (invalid) loses the paragraph in both readers and both states.
- a forgotten paragraph-mark change leaves an empty paragraph in both readers ("empty" only).
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_BREAK
from docx.oxml.ns import qn
from lxml import etree

from tests.comparisons import clients
from tests.comparisons.clients import (ReaderFailed, ReaderUnavailable, docx_open_ok_in_libreoffice,
                                       libreoffice_accept_and_reject, libreoffice_paragraphs,
                                       libreoffice_tracked_changes, normalise, pandoc_paragraphs)
from tests.conftest import require_tool

AUTHOR, DATE = "Treaty Toolkit", "2026-01-01T00:00:00Z"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


# ------------------------------------------------------------------------- documents by hand

class Ids:
    def __init__(self):
        self.next = 1

    def __call__(self) -> str:
        self.next += 1
        return str(self.next)


def element(tag: str, text: str | None = None, **attrs) -> etree._Element:
    node = etree.Element(qn(tag))
    for name, value in attrs.items():
        node.set(qn(f"w:{name}"), value)
    if text is not None:
        node.text = text
    return node


def revision(tag: str, ids: Ids, author: str | None = AUTHOR, date: str | None = DATE):
    node = element(tag, id=ids())
    if author is not None:
        node.set(qn("w:author"), author)
    if date is not None:
        node.set(qn("w:date"), date)
    return node


def text_run(text: str, deleted: bool = False) -> etree._Element:
    run = element("w:r")
    if text == "/":
        run.append(element("w:br"))
        return run
    node = element("w:delText" if deleted else "w:t", text)
    node.set(XML_SPACE, "preserve")
    run.append(node)
    return run


# segment prefixes: "=" kept, "+" inserted, "-" deleted, ">" moved from, "<" moved to; "=/" a line break
_WRAPPERS = {"+": "w:ins", "-": "w:del", ">": "w:moveFrom", "<": "w:moveTo"}


def P(*segments: str, mark: str | None = None, style: str | None = None, author=AUTHOR, date=DATE):
    """A paragraph builder; mark tracks its paragraph mark: ins, del, moveFrom or moveTo."""
    def build(ids: Ids) -> etree._Element:
        paragraph = element("w:p")
        if mark or style:
            properties = element("w:pPr")
            if style:
                properties.append(element("w:pStyle", val=style))
            if mark:
                run_properties = element("w:rPr")
                run_properties.append(revision(f"w:{mark}", ids, author, date))
                properties.append(run_properties)
            paragraph.append(properties)
        for segment in segments:
            kind, text = segment[0], segment[1:]
            if kind == "=":
                paragraph.append(text_run(text))
                continue
            wrapper = revision(_WRAPPERS[kind], ids, author, date)
            wrapper.append(text_run(text, deleted=kind in "->"))
            if kind in "><":
                name = wrapper.tag.rsplit("}", 1)[1]
                range_id = ids()
                paragraph.append(element(f"w:{name}RangeStart", id=range_id, author=AUTHOR, date=DATE,
                                         name="move1"))
                paragraph.append(wrapper)
                paragraph.append(element(f"w:{name}RangeEnd", id=range_id))
            else:
                paragraph.append(wrapper)
        return paragraph
    return build


def table(*rows):
    """A table builder: rows of cells, each cell a list of paragraph builders."""
    def build(ids: Ids) -> etree._Element:
        node = element("w:tbl")
        properties = element("w:tblPr")
        properties.append(element("w:tblW", w="0", type="auto"))
        node.append(properties)
        grid = element("w:tblGrid")
        for _ in rows[0]:
            grid.append(element("w:gridCol", w="4000"))
        node.append(grid)
        for row in rows:
            row_node = element("w:tr")
            for cell in row:
                cell_node = element("w:tc")
                cell_properties = element("w:tcPr")
                cell_properties.append(element("w:tcW", w="4000", type="dxa"))
                cell_node.append(cell_properties)
                for paragraph in cell:
                    cell_node.append(paragraph(ids))
                row_node.append(cell_node)
            node.append(row_node)
        return node
    return build


def wrapped_in_ins(paragraph):
    """Invalid OOXML: a w:ins around a whole w:p."""
    def build(ids: Ids) -> etree._Element:
        wrapper = revision("w:ins", ids)
        wrapper.append(paragraph(ids))
        return wrapper
    return build


def text_in_deletion(paragraph):
    """w:t instead of w:delText in the paragraph's deletions and moves from."""
    def build(ids: Ids) -> etree._Element:
        node = paragraph(ids)
        for deleted in node.iter(qn("w:delText")):
            deleted.tag = qn("w:t")
        return node
    return build


def write_docx(path: Path, body) -> Path:
    document = docx.Document()
    root = document.element.body
    for child in list(root):
        if child.tag != qn("w:sectPr"):
            root.remove(child)
    section = root.find(qn("w:sectPr"))
    ids = Ids()
    for block in body:
        section.addprevious(block(ids))
    document.save(path)
    return path


# ------------------------------------------------------------------------------------- cases

def plain(text: str):
    return P("=" + text)


BEFORE, AFTER = plain("Before."), plain("After.")


@dataclass
class Case:
    name: str
    body: list
    accept: list[str]
    reject: list[str]
    # what a reader returns instead, empty paragraphs kept: {(reader, mode): paragraphs}
    seen: dict = field(default_factory=dict)
    avoid: str = ""         # why a redline writer must not use this encoding

    def expected(self, reader: str, mode: str, keep_empty: bool) -> list[str]:
        full = self.seen.get((reader, mode), getattr(self, mode))
        return full if keep_empty else [t for t in full if t]


CASES = [
    # (1) an inserted and a deleted word
    Case("inline_words",
         [BEFORE, P("=The Parties ", "-shall ", "+may ", "=cooperate ", "+closely ", "=on critical minerals."),
          AFTER],
         ["Before.", "The Parties may cooperate closely on critical minerals.", "After."],
         ["Before.", "The Parties shall cooperate on critical minerals.", "After."]),
    # (2) whole paragraphs inserted: the paragraph's own mark is inserted, its text in w:ins
    Case("inserted_paragraphs",
         [BEFORE, P("+New paragraph one.", mark="ins"), P("+New paragraph two.", mark="ins"), AFTER],
         ["Before.", "New paragraph one.", "New paragraph two.", "After."],
         ["Before.", "After."]),
    # (3) a whole paragraph deleted: its mark deleted, its text in w:del / w:delText
    Case("deleted_paragraph",
         [BEFORE, P("-Old paragraph.", mark="del"), AFTER],
         ["Before.", "After."],
         ["Before.", "Old paragraph.", "After."]),
    Case("replaced_paragraph",
         [BEFORE, P("-Old text.", mark="del"), P("+New text.", mark="ins"), AFTER],
         ["Before.", "New text.", "After."],
         ["Before.", "Old text.", "After."]),
    Case("consecutive_paragraphs",
         [BEFORE, P("-Old one.", mark="del"), P("-Old two.", mark="del"), P("+New one.", mark="ins"),
          P("+New two.", mark="ins"), AFTER],
         ["Before.", "New one.", "New two.", "After."],
         ["Before.", "Old one.", "Old two.", "After."]),
    Case("first_paragraph_replaced",
         [P("-Old first.", mark="del"), P("+New first.", mark="ins"), AFTER],
         ["New first.", "After."],
         ["Old first.", "After."]),
    # (4) the last paragraph of the document: its mark is the document's end and cannot go
    Case("deleted_last_paragraph_word_encoding",
         [BEFORE, P("=Kept.", mark="del"), P("-Last paragraph.")],
         ["Before.", "Kept."],
         ["Before.", "Kept.", "Last paragraph."]),
    Case("deleted_last_paragraph_own_mark",
         [BEFORE, plain("Kept."), P("-Last paragraph.", mark="del")],
         ["Before.", "Kept."],
         ["Before.", "Kept.", "Last paragraph."],
         seen={("libreoffice", "accept"): ["Before.", "Kept.", ""]},
         avoid="the document's final paragraph mark cannot be deleted: LibreOffice keeps an empty paragraph"),
    Case("appended_paragraph_word_encoding",
         [BEFORE, P("=Kept.", mark="ins"), P("+Appended.")],
         ["Before.", "Kept.", "Appended."],
         ["Before.", "Kept."]),
    Case("appended_paragraph_own_mark",
         [BEFORE, plain("Kept."), P("+Appended.", mark="ins")],
         ["Before.", "Kept.", "Appended."],
         ["Before.", "Kept."],
         seen={("libreoffice", "reject"): ["Before.", "Kept.", ""]},
         avoid="the document's final paragraph mark cannot be removed: LibreOffice keeps an empty paragraph"),
    Case("last_paragraph_replaced_by_deleted_then_inserted",
         [BEFORE, P("-Old last.", mark="del"), P("+New last.")],
         ["Before.", "New last."],
         ["Before.", "Old last."],
         seen={("pandoc", "reject"): ["Before.", "Old last.", ""],
               ("libreoffice", "reject"): ["Before.", "Old last.", ""]},
         avoid="the final paragraph must hold the last paragraph of both texts: an empty one is left on reject"),
    Case("last_paragraph_replaced_by_inserted_then_deleted",
         [BEFORE, P("+New last.", mark="ins"), P("-Old last.")],
         ["Before.", "New last."],
         ["Before.", "Old last."],
         seen={("pandoc", "accept"): ["Before.", "New last.", ""],
               ("libreoffice", "accept"): ["Before.", "New last.", ""]},
         avoid="the final paragraph must hold the last paragraph of both texts: an empty one is left on accept"),
    Case("last_paragraph_replaced_inline",
         [BEFORE, P("-Old last.", "+New last.")],
         ["Before.", "New last."],
         ["Before.", "Old last."]),
    # (5) a split (the first part's mark inserted) and a merge (a mark deleted)
    Case("split",
         [BEFORE, P("=First half ", mark="ins"), plain("second half."), AFTER],
         ["Before.", "First half", "second half.", "After."],
         ["Before.", "First half second half.", "After."]),
    Case("merge",
         [BEFORE, P("=Alpha one. ", mark="del"), plain("Beta two."), AFTER],
         ["Before.", "Alpha one. Beta two.", "After."],
         ["Before.", "Alpha one.", "Beta two.", "After."]),
    Case("merge_without_space",
         [BEFORE, P("=Alpha one.", mark="del"), plain("Beta two."), AFTER],
         ["Before.", "Alpha one.Beta two.", "After."],
         ["Before.", "Alpha one.", "Beta two.", "After."],
         seen={("pandoc", "accept"): ["Before.", "Alpha one. Beta two.", "After."]},
         avoid="pandoc joins merged paragraphs with a space: keep the separating space in the text"),
    Case("split_without_space",
         [BEFORE, P("=Alpha one.", mark="ins"), plain("Beta two."), AFTER],
         ["Before.", "Alpha one.", "Beta two.", "After."],
         ["Before.", "Alpha one.Beta two.", "After."],
         seen={("pandoc", "reject"): ["Before.", "Alpha one. Beta two.", "After."]},
         avoid="pandoc joins merged paragraphs with a space: keep the separating space in the text"),
    # headings and titles: pandoc reads their paragraph marks differently
    Case("inserted_and_deleted_headings",
         [BEFORE, P("+New heading", mark="ins", style="Heading1"), P("-Old heading", mark="del", style="Heading2"),
          AFTER],
         ["Before.", "New heading", "After."],
         ["Before.", "Old heading", "After."],
         seen={("pandoc", "accept"): ["Before.", "New heading", "", "After."],
               ("pandoc", "reject"): ["Before.", "", "Old heading", "After."]}),
    Case("heading_merged",
         [BEFORE, P("=Heading ", mark="del", style="Heading1"), plain("text."), AFTER],
         ["Before.", "Heading text.", "After."],
         ["Before.", "Heading", "text.", "After."],
         seen={("pandoc", "accept"): ["Before.", "Heading", "text.", "After."]},
         avoid="pandoc ignores the tracked mark of a heading paragraph"),
    Case("heading_split",
         [BEFORE, P("=Heading ", mark="ins", style="Heading1"), plain("text."), AFTER],
         ["Before.", "Heading", "text.", "After."],
         ["Before.", "Heading text.", "After."],
         seen={("pandoc", "reject"): ["Before.", "Heading", "text.", "After."]},
         avoid="pandoc ignores the tracked mark of a heading paragraph"),
    Case("kept_text_merged_into_a_heading",
         [P("=Epsilon ", mark="del"), P("=Kept heading", style="Heading1"), plain("text.")],
         ["Epsilon Kept heading", "text."],
         ["Epsilon", "Kept heading", "text."],
         seen={("pandoc", "accept"): ["Kept heading", "Epsilon text."]},
         avoid="pandoc carries the text of a deleted mark past a heading into the next paragraph"),
    Case("title_and_subtitle",
         [P("=The ", "-Old", "+New", "= Title", style="Title"), P("=Sub one", style="Subtitle"),
          P("=Sub two", style="Subtitle"), plain("Body."), P("=Late title", style="Title")],
         ["The New Title", "Sub one", "Sub two", "Body.", "Late title"],
         ["The Old Title", "Sub one", "Sub two", "Body.", "Late title"]),
    Case("whole_title_replaced",
         [P("+New Title", mark="ins", style="Title"), P("-Old Title", mark="del", style="Title"), plain("Body.")],
         ["New Title", "Body."],
         ["Old Title", "Body."],
         seen={("pandoc", "accept"): ["New Title", "", "Body."],
               ("pandoc", "reject"): ["", "Old Title", "Body."]}),
    # LibreOffice joins an insertion that ends a paragraph with one that starts the next (same author,
    # dates at most 60 s apart) into one change spanning the kept paragraph mark between them
    Case("insertion_at_end_then_inserted_paragraph",
         [BEFORE, P("=Alpha ", "+beta."), P("+New paragraph.", mark="ins"), AFTER],
         ["Before.", "Alpha beta.", "New paragraph.", "After."],
         ["Before.", "Alpha", "After."],
         seen={("libreoffice", "reject"): ["Before.", "Alpha After."]},
         avoid="LibreOffice joins insertions meeting across a kept paragraph mark: reject-all deletes the mark"),
    Case("insertion_at_end_then_insertion_at_start",
         [BEFORE, P("=Alpha ", "+beta."), P("+Gamma ", "=delta."), AFTER],
         ["Before.", "Alpha beta.", "Gamma delta.", "After."],
         ["Before.", "Alpha", "delta.", "After."],
         seen={("libreoffice", "reject"): ["Before.", "Alpha delta.", "After."]},
         avoid="LibreOffice joins insertions meeting across a kept paragraph mark: reject-all deletes the mark"),
    Case("replacement_at_end_written_deletion_first",
         [BEFORE, P("=Alpha ", "-its.", "+after"), P("+New paragraph.", mark="ins"), AFTER],
         ["Before.", "Alpha after", "New paragraph.", "After."],
         ["Before.", "Alpha its.", "After."],
         seen={("libreoffice", "reject"): ["Before.", "Alpha its.After."]},
         avoid="LibreOffice joins insertions meeting across a kept paragraph mark: reject-all deletes the mark"),
    Case("replacement_at_end_written_insertion_first",
         [BEFORE, P("=Alpha ", "+after", "-its."), P("+New paragraph.", mark="ins"), AFTER],
         ["Before.", "Alpha after", "New paragraph.", "After."],
         ["Before.", "Alpha its.", "After."]),
    Case("insertion_at_end_then_inserted_paragraph_word_encoding",
         [BEFORE, P("=Alpha ", "+beta.", mark="ins"), P("+New paragraph."), AFTER],
         ["Before.", "Alpha beta.", "New paragraph.", "After."],
         ["Before.", "Alpha", "After."]),
    Case("insertions_meeting_dated_61_seconds_apart",
         [BEFORE, P("=Alpha ", "+beta."), P("+Gamma ", "=delta.", date="2026-01-01T00:01:01Z"), AFTER],
         ["Before.", "Alpha beta.", "Gamma delta.", "After."],
         ["Before.", "Alpha", "delta.", "After."]),
    Case("deletions_meeting_across_a_kept_mark",
         [BEFORE, P("=Alpha ", "-beta."), P("-Gamma ", "=delta."), AFTER],
         ["Before.", "Alpha", "delta.", "After."],
         ["Before.", "Alpha beta.", "Gamma delta.", "After."]),
    # (6) moves, inline and of a whole paragraph (mark moved too)
    Case("move_inline",
         [P("=Alpha ", ">moved words ", "=beta."), P("=Gamma ", "<moved words ", "=delta.")],
         ["Alpha beta.", "Gamma moved words delta."],
         ["Alpha moved words beta.", "Gamma delta."]),
    Case("move_paragraph",
         [BEFORE, P(">Moved.", mark="moveFrom"), plain("Middle."), P("<Moved.", mark="moveTo"), AFTER],
         ["Before.", "Middle.", "Moved.", "After."],
         ["Before.", "Moved.", "Middle.", "After."]),
    Case("move_paragraph_with_t_in_move_from",
         [BEFORE, text_in_deletion(P(">Moved.", mark="moveFrom")), plain("Middle."), P("<Moved.", mark="moveTo"),
          AFTER],
         ["Before.", "Middle.", "Moved.", "After."],
         ["Before.", "Moved.", "Middle.", "After."]),
    # tables: a cell's last paragraph mark is the cell's end, the paragraph before a table has no next
    Case("table_cell_changes",
         [BEFORE, table([[P("=Cell ", "-old", "+new", "= text.")],
                         [plain("Cell two."), P("+Added in cell.", mark="ins"), P("-Removed in cell.", mark="del"),
                          plain("Cell end.")]]), AFTER],
         ["Before.", "Cell new text.", "Cell two.", "Added in cell.", "Cell end.", "After."],
         ["Before.", "Cell old text.", "Cell two.", "Removed in cell.", "Cell end.", "After."]),
    Case("table_cell_last_paragraph_own_mark",
         [BEFORE, table([[plain("Kept."), P("-Removed last.", mark="del")],
                         [plain("Kept."), P("+Added last.", mark="ins")]]), AFTER],
         ["Before.", "Kept.", "Kept.", "Added last.", "After."],
         ["Before.", "Kept.", "Removed last.", "Kept.", "After."],
         seen={("libreoffice", "accept"): ["Before.", "Kept.", "", "Kept.", "Added last.", "After."],
               ("libreoffice", "reject"): ["Before.", "Kept.", "Removed last.", "Kept.", "", "After."]},
         avoid="a cell's last paragraph mark is the cell's end: LibreOffice keeps an empty paragraph"),
    Case("table_cell_last_paragraph_word_encoding",
         [BEFORE, table([[P("=Kept.", mark="del"), P("-Removed last.")],
                         [P("=Kept.", mark="ins"), P("+Added last.")]]), AFTER],
         ["Before.", "Kept.", "Kept.", "Added last.", "After."],
         ["Before.", "Kept.", "Removed last.", "Kept.", "After."]),
    Case("deleted_paragraph_before_table",
         [BEFORE, P("-Old.", mark="del"), table([[plain("Cell.")]]), AFTER],
         ["Before.", "Cell.", "After."],
         ["Before.", "Old.", "Cell.", "After."],
         seen={("libreoffice", "accept"): ["Before.", "", "Cell.", "After."]},
         avoid="a paragraph cannot merge into a table: LibreOffice keeps an empty paragraph"),
    Case("inserted_paragraph_before_table",
         [BEFORE, P("+New.", mark="ins"), table([[plain("Cell.")]]), AFTER],
         ["Before.", "New.", "Cell.", "After."],
         ["Before.", "Cell.", "After."],
         seen={("libreoffice", "reject"): ["Before.", "", "Cell.", "After."]},
         avoid="a paragraph cannot merge into a table: LibreOffice keeps an empty paragraph"),
    Case("deleted_paragraph_before_table_word_encoding",
         [P("=Before.", mark="del"), P("-Old."), table([[plain("Cell.")]]), AFTER],
         ["Before.", "Cell.", "After."],
         ["Before.", "Old.", "Cell.", "After."]),
    # encodings a writer might get wrong
    Case("changes_without_date",
         [BEFORE, P("=The Parties ", "-shall ", "+may ", "=cooperate.", date=None),
          P("+New.", mark="ins", date=None), AFTER],
         ["Before.", "The Parties may cooperate.", "New.", "After."],
         ["Before.", "The Parties shall cooperate.", "After."]),
    Case("changes_without_author",
         [BEFORE, P("=The Parties ", "-shall ", "+may ", "=cooperate.", author=None), AFTER],
         ["Before.", "The Parties may cooperate.", "After."],
         ["Before.", "The Parties shall cooperate.", "After."],
         seen={("pandoc", "accept"): ["Before.", "The Parties cooperate.", "After."],
               ("pandoc", "reject"): ["Before.", "The Parties cooperate.", "After."]},
         avoid="w:author is required (ECMA-376): pandoc drops the changed text in both states"),
    Case("inserted_paragraph_mark_forgotten",
         [BEFORE, P("+New paragraph."), AFTER],
         ["Before.", "New paragraph.", "After."],
         ["Before.", "After."],
         seen={("pandoc", "reject"): ["Before.", "", "After."],
               ("libreoffice", "reject"): ["Before.", "", "After."]},
         avoid="a paragraph inserted whole needs its mark inserted, else reject leaves an empty paragraph"),
    Case("deleted_paragraph_mark_forgotten",
         [BEFORE, P("-Old paragraph."), AFTER],
         ["Before.", "After."],
         ["Before.", "Old paragraph.", "After."],
         seen={("pandoc", "accept"): ["Before.", "", "After."],
               ("libreoffice", "accept"): ["Before.", "", "After."]},
         avoid="a paragraph deleted whole needs its mark deleted, else accept leaves an empty paragraph"),
    Case("ins_around_whole_paragraph",
         [BEFORE, wrapped_in_ins(plain("New paragraph.")), AFTER],
         ["Before.", "New paragraph.", "After."],
         ["Before.", "After."],
         seen={("pandoc", "accept"): ["Before.", "After."],
               ("libreoffice", "accept"): ["Before.", "After."]},
         avoid="invalid OOXML (w:ins holds runs, not paragraphs): both readers lose the paragraph"),
    Case("t_instead_of_deltext",
         [BEFORE, text_in_deletion(P("=The Parties ", "-shall ", "=cooperate.")), AFTER],
         ["Before.", "The Parties cooperate.", "After."],
         ["Before.", "The Parties shall cooperate.", "After."]),
    Case("unicode_breaks_and_escapes",
         [P("=Article 5 \u2014 \u201cCritical minerals\u201d: caf\u00e9 \\n back\\slash \u4e2d\u6587\t", "-old ",
            "+new ", "=end", "=/", "=second line")],
         ["Article 5 \u2014 \u201cCritical minerals\u201d: caf\u00e9 \\n back\\slash \u4e2d\u6587 new end\nsecond line"],
         ["Article 5 \u2014 \u201cCritical minerals\u201d: caf\u00e9 \\n back\\slash \u4e2d\u6587 old end\nsecond line"]),
]
IDS = [case.name for case in CASES]
MODES = ("accept", "reject")


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    folder = tmp_path_factory.mktemp("redlines")
    return {case.name: write_docx(folder / f"{case.name}.docx", case.body) for case in CASES}


@pytest.fixture(scope="module")
def libreoffice(documents):
    """Every case read by LibreOffice, accepted and rejected, empty paragraphs kept: one soffice."""
    require_tool("soffice")
    read = libreoffice_accept_and_reject(documents.values(), keep_empty=True)
    return {(name, mode): read[path][mode] for name, path in documents.items() for mode in MODES}


# --------------------------------------------------------------------------------- the cases

@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_pandoc_reads_the_construct(case, documents):
    require_tool("pandoc")
    for mode in MODES:
        assert pandoc_paragraphs(documents[case.name], mode) == case.expected("pandoc", mode, False), mode
        assert (pandoc_paragraphs(documents[case.name], mode, keep_empty=True)
                == case.expected("pandoc", mode, True)), f"{mode}, empty paragraphs kept"


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_libreoffice_reads_the_construct(case, libreoffice):
    for mode in MODES:
        full = libreoffice[case.name, mode]
        assert [t for t in full if t] == case.expected("libreoffice", mode, False), mode
        assert full == case.expected("libreoffice", mode, True), f"{mode}, empty paragraphs kept"


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_an_encoding_is_safe_exactly_when_both_readers_read_it_right(case):
    """Safe: exact in both readers (empty paragraphs dropped); to avoid: wrong somewhere."""
    def exact(keep_empty):
        return all(case.expected(reader, mode, keep_empty) == getattr(case, mode)
                   for reader in ("pandoc", "libreoffice") for mode in MODES)
    if case.avoid:
        assert not exact(True), "marked to avoid, yet both readers read it right"
    else:
        assert exact(False), "a reader misreads it: say why the writer must avoid it"


# ------------------------------------------------------------------------- the harness itself

def test_normalise_collapses_spaces_and_keeps_line_breaks():
    assert normalise("  a \t b\u00a0\u00a0c \n  d\r\ne ") == "a b c\nd\ne"
    assert normalise(" \t ") == ""


def test_the_pandoc_json_walk_keeps_text_in_order():
    def para(*inlines):
        return {"t": "Para", "c": list(inlines)}

    def s(text):
        return {"t": "Str", "c": text}

    space = {"t": "Space"}
    cell = lambda *blocks: [["", [], []], {"t": "AlignDefault"}, 1, 1, list(blocks)]  # noqa: E731
    row = lambda *cells: [["", [], []], list(cells)]  # noqa: E731
    blocks = [
        {"t": "Header", "c": [1, ["", [], []], [s("Article"), space, s("1")]]},
        para(s("a"), {"t": "SoftBreak"}, {"t": "Emph", "c": [s("b")]}, {"t": "LineBreak"},
             {"t": "Quoted", "c": [{"t": "DoubleQuote"}, [s("q")]]},
             {"t": "Link", "c": [["", [], []], [s("link")], ["http://x", ""]]},
             {"t": "Note", "c": [para(s("footnote"))]}, {"t": "Code", "c": [["", [], []], "c"]}),
        {"t": "OrderedList", "c": [[1, {"t": "Decimal"}, {"t": "Period"}], [[{"t": "Plain", "c": [s("item")]}]]]},
        {"t": "Table", "c": [["", [], []], [None, []], [], [["", [], []], [row(cell(para(s("h"))))]],
                             [[["", [], []], 0, [], [row(cell(para(s("c1"))), cell(para(s("c2"))))]]],
                             [["", [], []], []]]},
        para(),
    ]
    out: list[str] = []
    clients._blocks(blocks, out)
    assert clients._paragraphs(out) == ["Article 1", "a b\n\u201cq\u201dlinkc", "item", "h", "c1", "c2"]


def test_a_missing_reader_raises_reader_unavailable(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ReaderUnavailable):
        pandoc_paragraphs(tmp_path / "x.docx", "accept")
    with pytest.raises(ReaderUnavailable):
        libreoffice_paragraphs([tmp_path / "x.docx"], "accept")
    with pytest.raises(ReaderUnavailable):
        docx_open_ok_in_libreoffice(tmp_path / "x.docx")
    with pytest.raises(ValueError):
        pandoc_paragraphs(tmp_path / "x.docx", "all")


def test_libreoffice_reads_ten_files_in_one_batch(tmp_path):
    require_tool("soffice")
    paths = [write_docx(tmp_path / f"n{i}.docx", [plain(f"Article {i}"), P(f"=Paragraph {i} ", "-old", "+new")])
             for i in range(10)]
    started = time.monotonic()
    read = libreoffice_paragraphs([str(p) for p in paths], "reject")
    elapsed = time.monotonic() - started
    assert list(read) == [str(p) for p in paths], "keyed by the paths given, in order"
    assert [read[str(p)] for p in paths] == [[f"Article {i}", f"Paragraph {i} old"] for i in range(10)]
    print(f"libreoffice_paragraphs on 10 files: {elapsed:.1f} s")


def test_libreoffice_counts_tracked_changes(documents):
    require_tool("soffice")
    counts = libreoffice_tracked_changes([documents["inline_words"], documents["move_paragraph"]])
    assert counts[documents["inline_words"]] == 3
    assert counts[documents["move_paragraph"]] >= 2


def test_libreoffice_reports_a_file_it_cannot_read(tmp_path):
    require_tool("soffice")
    good = write_docx(tmp_path / "good.docx", [plain("Fine.")])
    with pytest.raises(ReaderFailed, match="missing.docx"):
        libreoffice_paragraphs([good, tmp_path / "missing.docx"], "accept")


def _offices_under(folder: Path) -> list[int]:
    found = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and str(folder).encode() in (proc / "cmdline").read_bytes():
                found.append(int(proc.name))
        except OSError:
            pass
    return found


def test_libreoffice_times_out_cleanly(tmp_path, monkeypatch):
    require_tool("soffice")
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.setattr(clients.tempfile, "tempdir", str(work))
    document = write_docx(tmp_path / "a.docx", [plain("Slow.")])
    started = time.monotonic()
    with pytest.raises(ReaderFailed, match="did not finish"):
        libreoffice_paragraphs([document], "accept", timeout=0.3)
    assert time.monotonic() - started < 15
    assert _offices_under(work) == [], "soffice left running"
    assert list(work.iterdir()) == [], "profile left behind"


def test_a_redline_opens_in_libreoffice(tmp_path):
    require_tool("soffice")
    require_tool("pdfinfo")
    body = [P("=Page one ", "-old", "+new"), P("+Page two.", mark="ins")]
    path = write_docx(tmp_path / "two pages.docx", body)
    package = docx.Document(path)
    run = package.paragraphs[0].add_run()
    run.add_break(WD_BREAK.PAGE)
    package.save(path)
    assert docx_open_ok_in_libreoffice(path) == 2
    with pytest.raises(ReaderFailed):
        docx_open_ok_in_libreoffice(tmp_path / "missing.docx")


def test_the_harness_cleans_up_its_temporary_folders(tmp_path, monkeypatch):
    require_tool("soffice")
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.setattr(clients.tempfile, "tempdir", str(work))
    document = write_docx(tmp_path / "a.docx", [plain("Tidy.")])
    assert libreoffice_paragraphs([document], "accept") == {document: ["Tidy."]}
    assert list(work.iterdir()) == [] and _offices_under(work) == []
