"""Readers: every format into the document model, hostile inputs refused with one clear message,
our own drafts read back to what assembly produced, and the real treaties of the shared corpus."""
import hashlib
import json
import os
import zipfile

import pytest
from lxml import etree

from comparisons.readers import read
from comparisons.readers.structure import Block, build, paragraphs
from drafting.assemble import assemble
from drafting.errors import TreatyError
from drafting.writers import render
from tests.conftest import CORPUS, EXAMPLES

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
SPECS = sorted(EXAMPLES.glob("*.yaml"))


# -- helpers -------------------------------------------------------------------------------------
def tree(items):
    """Paragraphs as (number, text, children), what a round trip must keep."""
    return [(p.number, p.text, tree(p.children)) for p in items]


def outline(document, labels=True):
    return [(a.word, a.number, a.heading, a.label if labels else None, tree(a.paragraphs))
            for a in document.articles()]


def para(text="", style=None, num=None, extra=""):
    ppr = ""
    if style or num:
        ppr = "<w:pPr>" + (f'<w:pStyle w:val="{style}"/>' if style else "")
        if num:
            ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
        ppr += "</w:pPr>"
    run = f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>' if text else ""
    return f"<w:p>{ppr}{extra}{run}</w:p>"


def make_docx(path, body, numbering=None, styles=None, custom=None, document=None):
    """A minimal WordprocessingML package, written by hand so each test controls every element."""
    xml = document or (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                       f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", xml)
        if numbering:
            package.writestr("word/numbering.xml", f'<w:numbering xmlns:w="{W_NS}">{numbering}</w:numbering>')
        if styles:
            package.writestr("word/styles.xml", f'<w:styles xmlns:w="{W_NS}">{styles}</w:styles>')
        if custom:
            package.writestr("docProps/custom.xml", custom)
    return path


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest(), os.stat(path).st_mtime_ns


def refused(path, *fragments):
    before = digest(path)
    with pytest.raises(TreatyError) as caught:
        read(path)
    message = str(caught.value)
    assert message.startswith(str(path)), message   # names the file
    for fragment in fragments:
        assert fragment in message, message
    assert digest(path) == before, "the input was modified"
    return message


# -- read(): the dispatcher ----------------------------------------------------------------------
EXPECTED = "expected .docx, .pdf, .html, .md, .txt, .xml (ToTA or Akoma Ntoso) or .yaml"


def test_unknown_extension_is_refused(tmp_path):
    path = tmp_path / "treaty.rtf"
    path.write_bytes(b"{\\rtf1 Article 1}")
    refused(path, "'.rtf'", EXPECTED)


def test_empty_missing_and_directory_are_refused(tmp_path):
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    refused(empty, "empty", EXPECTED)
    blank = tmp_path / "blank.txt"
    blank.write_text("  \n\n")
    refused(blank, "empty")
    with pytest.raises(TreatyError, match="no such file"):
        read(tmp_path / "missing.md")
    folder = tmp_path / "folder.docx"
    folder.mkdir()
    with pytest.raises(TreatyError, match="directory") as caught:
        read(folder)
    assert EXPECTED in str(caught.value)


# -- hostile .docx -------------------------------------------------------------------------------
def test_not_a_zip(tmp_path):
    path = tmp_path / "x.docx"
    path.write_bytes(b"This is plain text pretending to be Word.")
    refused(path, "not a Word .docx file (not a zip archive)")


def test_ole_compound_file(tmp_path):
    path = tmp_path / "protected.docx"
    path.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 1024)
    refused(path, "an encrypted .docx or an old binary .doc; save it as .docx without a password")


def test_zip_bomb_member_is_refused_before_it_is_inflated(tmp_path):
    """300 MB of zeros that compress to a few hundred KB: refused from the zip directory alone."""
    path = tmp_path / "bomb.docx"
    chunk = b"\0" * (1 << 24)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        info = zipfile.ZipInfo("word/document.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        with package.open(info, "w", force_zip64=True) as member:
            for _ in range(300 * (1 << 20) // len(chunk)):
                member.write(chunk)
    assert path.stat().st_size < 2 * (1 << 20)
    message = refused(path, "refused:", "word/document.xml expands to")
    assert "288.0 MiB" in message   # 18 chunks of 16 MiB


def test_archive_larger_than_256_mib_is_refused(tmp_path):
    """Members that compress only a little (declared sizes set on the ZipInfo) but add up past the limit."""
    path = tmp_path / "large.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as package:
        for i in range(3):
            package.writestr(f"word/media/image{i}.bin", os.urandom(600_000))
            package.filelist[-1].file_size = 100 * (1 << 20)
        package.writestr("word/document.xml", f'<w:document xmlns:w="{W_NS}"/>')
    refused(path, "refused: the archive expands to", "more than 256.0 MiB")


def test_missing_document_part(tmp_path):
    path = tmp_path / "nodoc.docx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/styles.xml", "<styles/>")
    refused(path, "word/document.xml")


@pytest.mark.parametrize("prolog", [
    '<!DOCTYPE w:document [<!ENTITY boom "BOOM">]>',
    '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>',
    '<!DOCTYPE w:document SYSTEM "http://example.invalid/evil.dtd">',
])
def test_xml_with_a_dtd_is_refused(tmp_path, prolog):
    xml = (f'<?xml version="1.0"?>{prolog}<w:document xmlns:w="{W_NS}"><w:body>'
           f'<w:p><w:r><w:t>Article 1 &amp; more</w:t></w:r></w:p></w:body></w:document>')
    path = make_docx(tmp_path / "dtd.docx", "", document=xml)
    refused(path, "XML with a DTD is not accepted")
    tota = tmp_path / "dtd.xml"
    tota.write_text(f'<?xml version="1.0"?>{prolog.replace("w:document", "treaty")}<treaty><body/></treaty>')
    refused(tota, "XML with a DTD is not accepted")


def test_malformed_xml_names_the_part(tmp_path):
    path = make_docx(tmp_path / "bad.docx", "", document="<w:document><w:body>")
    refused(path, "word/document.xml", "not well-formed XML")


# -- .docx ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_our_docx_drafts_read_back_to_the_assembled_document(tmp_path, spec):
    want = assemble(spec)
    path = tmp_path / f"{spec.stem}.docx"
    path.write_bytes(render(want, "docx"))
    got = read(path)
    assert outline(got) == outline(want)
    assert all(a.label for a in got.articles())
    assert got.title == want.title
    assert got.opening == want.opening and got.formula == want.formula
    assert tree(got.preamble) == tree(want.preamble)
    assert [(d.kind, d.number, d.heading) for d in got.divisions()] == \
           [(d.kind, d.number, d.heading) for d in want.divisions()]
    assert [(a.number, a.heading, a.label, tree(a.paragraphs)) for a in got.annexes] == \
           [(a.number, a.heading, a.label, tree(a.paragraphs)) for a in want.annexes]
    assert got.closing == want.closing and got.signatories == want.signatories
    assert got.metadata["status"] == "draft" and got.metadata["date"] == want.metadata["date"]
    assert got.notes == []


def test_title_page_and_running_header_do_not_become_articles(tmp_path):
    want = assemble(EXAMPLES / "us-mexico-plurilateral.yaml")
    path = tmp_path / "draft.docx"
    path.write_bytes(render(want, "docx"))
    got = read(path)
    assert got.subtitle == "between the United States of America and the United Mexican States"
    assert got.metadata["version"] == "1"
    first = next(got.articles())
    assert (first.number, first.heading) == ("1", "Objectives")
    texts = [p.text for a in got.articles() for p in a.walk()]
    assert not any("Without prejudice" in t and t.startswith("DRAFT") for t in texts)


def test_tracked_changes_read_as_accepted_with_a_note(tmp_path):
    body = (
        '<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t>Article 1</w:t></w:r>'
        '<w:r><w:br/></w:r><w:r><w:t>Scope</w:t></w:r></w:p>'
        '<w:p><w:r><w:t xml:space="preserve">1. The Parties shall </w:t></w:r>'
        '<w:del w:id="1" w:author="A"><w:r><w:delText>never </w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="A"><w:r><w:t xml:space="preserve">always </w:t></w:r></w:ins>'
        '<w:r><w:t>cooperate.</w:t></w:r></w:p>'
        '<w:p><w:moveFrom w:id="3" w:author="A"><w:r><w:t>2. Moved away.</w:t></w:r></w:moveFrom></w:p>'
        # a deleted paragraph mark joins this paragraph with the next
        '<w:p><w:pPr><w:rPr><w:del w:id="4" w:author="A"/></w:rPr></w:pPr>'
        '<w:r><w:t xml:space="preserve">2. Joined </w:t></w:r></w:p>'
        '<w:p><w:r><w:t>text.</w:t></w:r></w:p>'
        '<w:p><w:moveTo w:id="5" w:author="A"><w:r><w:t>3. Moved here.</w:t></w:r></w:moveTo></w:p>'
        '<w:tbl><w:tr><w:trPr><w:del w:id="6" w:author="A"/></w:trPr><w:tc><w:p><w:r><w:t>4. Deleted row.'
        '</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>4. Kept row.</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
    )
    path = make_docx(tmp_path / "tracked.docx", body,
                     styles='<w:style w:styleId="Heading2"><w:name w:val="heading 2"/></w:style>')
    document = read(path)
    article = next(document.articles())
    assert (article.number, article.heading) == ("1", "Scope")
    assert tree(article.paragraphs) == [("1", "The Parties shall always cooperate.", []),
                                        ("2", "Joined text.", []), ("3", "Moved here.", []),
                                        ("4", "Kept row.", [])]
    assert "the file holds tracked changes; it was read as if all were accepted" in document.notes


def test_docx_without_tracked_changes_has_no_note(tmp_path):
    path = make_docx(tmp_path / "plain.docx", para("Article 1") + para("Text."))
    assert read(path).notes == []


NUMBERING = """
<w:abstractNum w:abstractNumId="0">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="(%3)"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="Article %1"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="0"/>
  <w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
"""
HEADING_STYLE = ('<w:style w:styleId="Heading2"><w:name w:val="heading 2"/>'
                 '<w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>')


def test_word_automatic_numbering_gives_labels_and_nesting(tmp_path):
    body = "".join([
        para("Scope", style="Heading2"),
        para("Each Party shall:", num=("1", 0)),
        para("publish its laws;", num=("1", 1)),
        para("notify the other Party:", num=("1", 1)),
        para("within ten days;", num=("1", 2)),
        para("in writing.", num=("1", 2)),
        para("The Committee shall meet.", num=("1", 0)),
        para("once a year.", num=("1", 1)),          # letters restart under the new paragraph
        para("Objectives", style="Heading2"),
        para("First paragraph.", num=("3", 0)),       # a list that restarts at 1
        para("Second paragraph.", num=("3", 0)),
    ])
    path = make_docx(tmp_path / "numbered.docx", body, numbering=NUMBERING, styles=HEADING_STYLE)
    first, second = list(read(path).articles())
    assert (first.word, first.number, first.heading) == ("Article", "I", "Scope")
    assert tree(first.paragraphs) == [
        ("1", "Each Party shall:", [("a", "publish its laws;", []),
                                    ("b", "notify the other Party:", [("i", "within ten days;", []),
                                                                      ("ii", "in writing.", [])])]),
        ("2", "The Committee shall meet.", [("a", "once a year.", [])]),
    ]
    assert (second.number, second.heading) == ("II", "Objectives")
    assert [p.number for p in second.paragraphs] == ["1", "2"]


def test_bookmarks_give_labels_only_through_our_map(tmp_path):
    custom = ('<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
              'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
              '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="TreatyClauseLabels">'
              f'<vt:lpwstr>{json.dumps({"c_scope": "general.scope"})}</vt:lpwstr></property></Properties>')
    body = (para("Article 1: Scope", extra='<w:bookmarkStart w:id="0" w:name="c_scope"/><w:bookmarkEnd w:id="0"/>')
            + para("Text.")
            + para("Article 2: Other", extra='<w:bookmarkStart w:id="1" w:name="_Toc123"/>') + para("More."))
    path = make_docx(tmp_path / "labels.docx", body, custom=custom)
    assert [a.label for a in read(path).articles()] == ["general.scope", None]


def test_docx_tables_tabs_breaks_and_hyperlinks(tmp_path):
    body = ('<w:p><w:r><w:t>Article 3</w:t></w:r></w:p>'
            '<w:p><w:r><w:t>(a)</w:t><w:tab/><w:t>see</w:t><w:br/><w:t>the</w:t></w:r>'
            '<w:hyperlink w:anchor="x"><w:r><w:t xml:space="preserve"> Annex</w:t></w:r></w:hyperlink></w:p>'
            '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>(b) first cell;</w:t></w:r></w:p></w:tc>'
            '<w:tc><w:p><w:r><w:t>(c) second cell.</w:t></w:r></w:p></w:tc></w:tr></w:tbl>')
    article = next(read(make_docx(tmp_path / "t.docx", body)).articles())
    assert tree(article.paragraphs) == [("a", "see the Annex", []), ("b", "first cell;", []),
                                        ("c", "second cell.", [])]


# -- .md and .txt --------------------------------------------------------------------------------
@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_our_markdown_drafts_read_back(tmp_path, spec):
    want = assemble(spec)
    path = tmp_path / f"{spec.stem}.md"
    path.write_bytes(render(want, "md"))
    got = read(path)
    assert outline(got, labels=False) == outline(want, labels=False)
    assert got.title == want.title and got.subtitle == want.subtitle
    assert tree(got.preamble) == tree(want.preamble) and got.formula == want.formula
    assert [(a.number, a.heading, tree(a.paragraphs)) for a in got.annexes] == \
           [(a.number, a.heading, tree(a.paragraphs)) for a in want.annexes]
    assert got.closing == want.closing and got.signatories == want.signatories


def test_generic_markdown(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text("Trade Pact\n==========\n\n## Article 1 - Purpose\n\nThe **Parties** agree to "
                    "[cooperate](http://example.com)\nclosely.\n\n1. Each Party shall act.\n2. Each "
                    "Party shall report.\n\n## Article 2\n\n- first item\n- second item with \\*star\\*\n",
                    encoding="utf-8")
    document = read(path)
    assert document.title == "Trade Pact"
    one, two = document.articles()
    assert (one.number, one.heading) == ("1", "Purpose")
    assert tree(one.paragraphs) == [("", "The Parties agree to cooperate closely.", []),
                                    ("1", "Each Party shall act.", []), ("2", "Each Party shall report.", [])]
    assert [p.text for p in two.paragraphs] == ["first item", "second item with *star*"]


TEXT = """\
AGREEMENT ON TESTING

The Parties,

Recognizing the value of tests;

Have agreed as follows:

PART ONE
GENERAL PROVISIONS

CHAPTER 2
Trade

Article 1
Objectives
1. The objectives are to:
(a) test;
( b) test more; and
(c ) test the rest.
2 . Each Party shall comply.

ARTICLE 2 - Definitions

Text.

Article 2.8: Scope

Article 5 of the GATT 1994 applies.

Art. 5

Text five.

ARTICLE V
Roman Heading

Text V.

Article 5bis

Text 5bis.

Chapter II: Services

TITLE IV
Institutions

Article 12 - Final Provisions

1) First.

2) Second.

IN WITNESS WHEREOF, the undersigned have signed this Agreement.

For the Government of A:

____________

ANNEX I
Covered Minerals

1. Lithium.

Annex 2-A: Schedules

Schedule text.
"""


def test_plain_text_headings_divisions_annexes_and_closing(tmp_path):
    path = tmp_path / "agreement.txt"
    path.write_text(TEXT, encoding="utf-8")
    document = read(path)
    assert document.title == "AGREEMENT ON TESTING"
    assert document.opening == ["The Parties,"]
    assert [p.text for p in document.preamble] == ["Recognizing the value of tests;"]
    assert document.formula == "Have agreed as follows:"
    assert [(d.kind, d.number, d.heading) for d in document.divisions()] == [
        ("Part", "ONE", "GENERAL PROVISIONS"), ("Chapter", "2", "Trade"), ("Chapter", "II", "Services"),
        ("Title", "IV", "Institutions")]
    assert [(a.word, a.number, a.heading) for a in document.articles()] == [
        ("Article", "1", "Objectives"), ("Article", "2", "Definitions"), ("Article", "2.8", "Scope"),
        ("Article", "5", ""), ("Article", "V", "Roman Heading"), ("Article", "5bis", ""),
        ("Article", "12", "Final Provisions")]
    first = next(document.articles())
    assert tree(first.paragraphs) == [
        ("1", "The objectives are to:", [("a", "test;", []), ("b", "test more; and", []),
                                         ("c", "test the rest.", [])]),
        ("2", "Each Party shall comply.", [])]
    scope = [a for a in document.articles() if a.number == "2.8"][0]
    assert scope.paragraphs[0].text == "Article 5 of the GATT 1994 applies."   # a sentence, not a heading
    assert document.closing == ["IN WITNESS WHEREOF, the undersigned have signed this Agreement."]
    assert document.signatories == ["For the Government of A:"]
    assert [(a.number, a.heading, [p.text for p in a.paragraphs]) for a in document.annexes] == [
        ("I", "Covered Minerals", ["Lithium."]), ("2-A", "Schedules", ["Schedule text."])]


def test_sections_are_the_units_when_there_are_no_articles(tmp_path):
    path = tmp_path / "mou.txt"
    path.write_text("MEMORANDUM\n\nPart I: Purpose\n\nSection 1\nObjectives\n\nText one.\n\n"
                    "Section 2: Scope\n\nText two.\n", encoding="utf-8")
    document = read(path)
    assert [(a.word, a.number, a.heading) for a in document.articles()] == [
        ("Section", "1", "Objectives"), ("Section", "2", "Scope")]
    assert [(d.kind, d.number) for d in document.divisions()] == [("Part", "I")]


def test_a_text_without_headings_is_one_article(tmp_path):
    path = tmp_path / "letter.txt"
    path.write_text("Note on minerals\n\nThe Parties intend to cooperate.\n\nThey will meet.\n")
    document = read(path)
    assert document.title == "Note on minerals"
    assert [p.text for a in document.articles() for p in a.paragraphs] == [
        "The Parties intend to cooperate.", "They will meet."]
    assert document.notes


def test_text_that_is_not_utf8_or_not_text(tmp_path):
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Article 1\n\nLes Parties coop\xe8rent.\n".encode("cp1252"))
    document = read(latin)
    assert next(document.articles()).paragraphs[0].text == "Les Parties coopèrent."
    assert any("not UTF-8" in note for note in document.notes)
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    refused(binary, "not a text file")


# -- the recognizer ------------------------------------------------------------------------------
def labels_of(texts):
    return tree(paragraphs([Block(t) for t in texts]))


@pytest.mark.parametrize("text,number,rest", [
    ("1. Text.", "1", "Text."), ("1) Text.", "1", "Text."), ("(1) Text.", "1", "Text."),
    ("(a) text;", "a", "text;"), ("a) text;", "a", "text;"), ("(iv) text;", "iv", "text;"),
    ("( a) text;", "a", "text;"), ("(a ) text;", "a", "text;"), ("1 . Text.", "1", "Text."),
    ("(a)\ttext;", "a", "text;"), ("2.1 The Parties", "2.1", "The Parties"),
])
def test_paragraph_labels_with_ocr_noise(text, number, rest):
    [(got_number, got_text, _)] = labels_of([text])
    assert (got_number, got_text) == (number, rest)


def test_roman_or_letter_is_decided_by_context():
    letters = [f"({c}) item;" for c in "abcdefghi"]
    assert [p[0] for p in labels_of(["Intro:", *letters])[0][2]] == list("abcdefghi")
    nested = labels_of(["1. Intro:", "(a) first:", "(i) one;", "(ii) two;", "(iii) three;", "(b) second;",
                        "(c) third;"])
    assert nested == [("1", "Intro:", [("a", "first:", [("i", "one;", []), ("ii", "two;", []),
                                                         ("iii", "three;", [])]),
                                       ("b", "second;", []), ("c", "third;", [])])]
    after_h = labels_of(["Intro:", "(h) eighth;", "(i) ninth;", "(j) tenth."])
    assert [p[0] for p in after_h[0][2]] == ["h", "i", "j"]


def test_scanned_text_repairs():
    got = labels_of(["1. The Committee established under Article", "165.", "2. It shall:", "(a)",
                     "adopt rules; and", "(b) report on the long- term", "trends.",
                     "3. See subparagraphs", "(a) and (b) of paragraph 2.", "4. (a) Split labels;", "(b) work."])
    assert got == [("1", "The Committee established under Article 165.", []),
                   ("2", "It shall:", [("a", "adopt rules; and", []), ("b", "report on the long-term trends.", [])]),
                   ("3", "See subparagraphs (a) and (b) of paragraph 2.", []),
                   ("4", "", [("a", "Split labels;", []), ("b", "work.", [])])]


def test_unnumbered_text_inside_a_list():
    got = labels_of(["1. Area means:", "with respect to A:", "(i) its land;", "(ii) its sea; and",
                     "with respect to B:", "(iii) its land.", "2. Next."])
    assert got == [("1", "Area means:", [
        ("", "with respect to A:", [("i", "its land;", []), ("ii", "its sea; and", [])]),
        ("", "with respect to B:", [("iii", "its land.", [])])]), ("2", "Next.", [])]


def test_heading_hints_and_bookmark_labels():
    blocks = [Block("TREATY", role="title"), Block("Article 1\nPurpose", heading=True, level=1,
                                                   bookmarks=("c_x", "other")),
              Block("Text.", number="1."), Block("More.", number="2."), Block("Final Words", heading=True, level=1),
              Block("Closing text.")]
    document = build(blocks, labels={"c_x": "general.purpose"})
    assert document.title == "TREATY"
    first, second = document.articles()
    assert (first.number, first.heading, first.label) == ("1", "Purpose", "general.purpose")
    assert tree(first.paragraphs) == [("1", "Text.", []), ("2", "More.", [])]
    assert (second.number, second.heading) == ("", "Final Words")


def test_a_table_of_contents_is_left_out(tmp_path):
    path = tmp_path / "toc.txt"
    path.write_text("TREATY\n\nCONTENTS\n\nCHAPTER 1 General\nArticle 1 Objectives\nArticle 2 Definitions\n"
                    "CHAPTER 2 Trade\nArticle 3 Duties\n\nCHAPTER 1\nGeneral\n\nArticle 1\nObjectives\n\n"
                    "Text one.\n\nArticle 2\nDefinitions\n\nText two.\n\nCHAPTER 2\nTrade\n\nArticle 3\n"
                    "Duties\n\nText three.\n")
    document = read(path)
    assert [(d.number, [a.number for a in d.articles]) for d in document.divisions()] == [
        ("1", ["1", "2"]), ("2", ["3"])]
    assert all(a.paragraphs for a in document.articles())


# -- .yaml ---------------------------------------------------------------------------------------
def test_a_draft_spec_reads_as_its_assembly():
    spec = EXAMPLES / "us-mexico-plurilateral.yaml"
    before = digest(spec)
    assert outline(read(spec)) == outline(assemble(spec))
    assert digest(spec) == before


# -- ToTA XML ------------------------------------------------------------------------------------
def test_a_small_tota_file(tmp_path):
    path = tmp_path / "pta.xml"
    path.write_text("""<?xml version="1.0" encoding="UTF-8"?>
<treaty><meta><name>A - B</name><date_signed>2001-01-01</date_signed></meta><body>
<chapter name="Preamble"><article>AGREEMENT BETWEEN A AND B

  A and B,

  Desiring to trade;

  HAVE AGREED AS FOLLOWS:</article></chapter>
<chapter number="TITLE I" name="General">
<article number="ARTICLE 1" name="Objectives">1. The aims are to:

  (a)

  trade more; and
  (b) cooperate.

  2. The Parties shall
  meet.</article>
<article number="ARTICLE 2">Text without a name.</article></chapter>
<chapter name="Conclusion"><article>Done at Brussels.

  For the Republic of A

  For the Kingdom of B:</article></chapter></body></treaty>""", encoding="utf-8")
    document = read(path)
    assert document.title == "AGREEMENT BETWEEN A AND B"
    assert document.opening == ["A and B,"] and document.formula == "HAVE AGREED AS FOLLOWS:"
    assert [p.text for p in document.preamble] == ["Desiring to trade;"]
    [division] = document.divisions()
    assert (division.kind, division.number, division.heading) == ("Title", "I", "General")
    one, two = division.articles
    assert (one.number, one.heading, two.number, two.heading) == ("1", "Objectives", "2", "")
    assert tree(one.paragraphs) == [("1", "The aims are to:", [("a", "trade more; and", []),
                                                               ("b", "cooperate.", [])]),
                                    ("2", "The Parties shall meet.", [])]
    assert document.closing == ["Done at Brussels."] and document.signatories == ["For the Republic of A", "For the Kingdom of B:"]
    assert document.metadata["date_signed"] == "2001-01-01"


def test_an_xml_error_that_lxml_writes_over_two_lines_is_one_line(tmp_path):
    path = tmp_path / "treaty.xml"
    path.write_bytes(b"<treaty><text>Article 1\x00</text></treaty>")
    message = refused(path, "not well-formed XML", "out of allowed range, line 1, column")
    assert "\n" not in message


def test_xml_that_is_not_tota(tmp_path):
    path = tmp_path / "other.xml"
    path.write_text("<html><body/></html>")
    refused(path, "not a ToTA treaty file")


CORPUS_FILES = ["pta_34", "pta_427", "pta_428", "pta_65", "pta_83", "pta_98"]


def corpus(name):
    path = CORPUS / f"{name}.xml"
    if not path.exists():
        pytest.skip(f"the ToTA corpus is not at {CORPUS}")
    return path


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_corpus_files_read_with_their_articles(name):
    path = corpus(name)
    elements = etree.parse(str(path)).findall(".//article")
    numbered = [e for e in elements if e.get("number")]
    document = read(path)
    articles = list(document.articles())
    # every numbered <article> is an article; the unnumbered ones are the preamble and closing
    assert len(articles) == len(numbered)
    assert len(elements) - len(articles) <= 2
    assert [a.number for a in articles] == [e.get("number").split()[-1] for e in numbered]
    assert document.closing or document.signatories
    paragraphs_read = [p for a in articles for p in a.walk()]
    assert sum(1 for p in paragraphs_read if not p.text and not p.children) == 0
    words = sum(len(p.text.split()) for p in paragraphs_read)
    source_words = sum(len((e.text or "").split()) for e in numbered)
    assert words > 0.93 * source_words   # labels ("(a)") are no longer words of the text


@pytest.mark.parametrize("old,new", [("pta_83", "pta_98"), ("pta_427", "pta_428")])
def test_sibling_pairs_read_alike(old, new):
    a, b = read(corpus(old)), read(corpus(new))
    headings_a = {(d.kind, d.heading) for d in a.divisions()}
    headings_b = {(d.kind, d.heading) for d in b.divisions()}
    assert len(headings_a & headings_b) >= 0.6 * min(len(headings_a), len(headings_b))
    texts_a = {p.text for x in a.articles() for p in x.walk()}
    texts_b = {p.text for x in b.articles() for p in x.walk()}
    assert len(texts_a & texts_b) > 0.2 * min(len(texts_a), len(texts_b))   # shared template wording


def test_corpus_paragraph_structure_survives_ocr_noise():
    document = read(corpus("pta_428"))
    article = next(a for a in document.articles() if a.number == "87")
    items = article.paragraphs[0].children
    assert [p.number for p in items] == list("abcdefghijklmn")
    assert "Strategic Environmental Assessment" in items[0].text and "transboundary" in items[0].text
    assert items[1].text == "air quality;"
