"""The readers `treaty import` adds: PDF (with a text layer), HTML and Akoma Ntoso 3.0.

PDFs are made here: by LibreOffice from a .docx our writer drafted (running header, page-number
footer, justified text, hanging indents), and by hand (`_pdf`), a few hundred bytes of PDF in a
monospaced font, for what LibreOffice cannot be asked to do: words hyphenated at line ends,
"Page 2 of 3" footers, an image with no text, a password.
"""
from __future__ import annotations

import difflib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from comparisons.readers import EXPECTED, read
from comparisons.readers.pdf import ENCRYPTED, NO_TEXT
from comparisons.readers.pdf_layout import Hyphens, Line, blocks, strip_running
from comparisons.readers.structure import NO_ARTICLES
from drafting.errors import TreatyError
from drafting.model import Document
from tests.conftest import CORPUS, EXAMPLES, ROOT, require_tool, run_treaty


# -- helpers ----------------------------------------------------------------------------------------
def words(document: Document) -> list[str]:
    """Every word a reading holds, in order: front matter, headings, labels, text, closing."""
    out = [document.title, document.subtitle, *document.opening, document.formula]
    out += [f"{p.number} {p.text}" for r in document.preamble for p in r.walk()]
    for article in document.articles():
        out.append(f"{article.citation} {article.heading}")
        out += [f"{p.number} {p.text}" for p in article.walk()]
    for annex in document.annexes:
        out.append(f"{annex.citation} {annex.heading}")
        out += [f"{p.number} {p.text}" for p in annex.walk()]
    out += document.closing + document.signatories
    return re.findall(r"\w+", " ".join(out).casefold())


def recovered(want: Document, got: Document) -> float:
    a, b = words(want), words(got)
    same = sum(block.size for block in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())
    return 1 - (len(a) + len(b) - 2 * same) / (2 * len(a))


def headings(document: Document) -> list[tuple[str, str]]:
    return [(a.number, a.heading) for a in document.articles()]


def refused(path: Path, *fragments: str) -> str:
    before = path.read_bytes()
    with pytest.raises(TreatyError) as caught:
        read(path)
    message = str(caught.value)
    assert message.startswith(str(path)), message
    for fragment in fragments:
        assert fragment in message, message
    assert path.read_bytes() == before
    return message


def libreoffice_pdf(docx: Path, out: Path) -> Path:
    """`soffice --headless --convert-to pdf`, with a private profile, killed whole on time-out."""
    soffice = require_tool("soffice")
    profile = Path(tempfile.mkdtemp(prefix="treaty-lo-"))
    try:
        process = subprocess.Popen(
            [soffice, "--headless", "--norestore", "--nolockcheck", f"-env:UserInstallation={profile.as_uri()}",
             "--convert-to", "pdf", "--outdir", str(out), str(docx)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
        try:
            _, stderr = process.communicate(timeout=180)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            pytest.fail("LibreOffice did not convert the .docx within 180 s")
        finally:
            try:   # oosplash may leave soffice.bin behind in the group
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    pdf = out / (docx.stem + ".pdf")
    assert pdf.exists(), stderr.decode(errors="replace")
    return pdf


# -- a PDF by hand ----------------------------------------------------------------------------------
# Courier 10 pt: every character 6 pt wide, so a line's width is known without a font library.
# The column runs from 72 to 492 (70 characters); justified lines are stretched to it with Tw.
LEFT, WIDTH, CHAR, TOP, LEADING = 72.0, 420.0, 6.0, 720.0, 12.0


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _show(x: float, y: float, text: str, spacing: float = 0.0) -> str:
    return f"BT /F1 10 Tf {spacing:.3f} Tw 1 0 0 1 {x:.2f} {y:.2f} Tm ({_escape(text)}) Tj ET\n"


def _page(lines: list[tuple], header: str = "", footer: str = "") -> str:
    """Lines as ("J", x, text) justified to the right edge, ("N", x, text) natural width,
    ("C", text) centred, ("G",) an extra half line of space."""
    out, y = [], TOP
    if header:
        out.append(_show(LEFT, 760, header))
    for line in lines:
        kind = line[0]
        if kind == "G":
            y -= LEADING / 2
            continue
        if kind == "C":
            out.append(_show(LEFT + (WIDTH - len(line[1]) * CHAR) / 2, y, line[1]))
        else:
            x, text = line[1], line[2]
            spacing = 0.0
            if kind == "J" and text.count(" "):
                spacing = (LEFT + WIDTH - x - len(text) * CHAR) / text.count(" ")
                assert spacing >= 0, text
            out.append(_show(x, y, text, spacing))
        y -= LEADING
    if footer:
        out.append(_show(LEFT + (WIDTH - len(footer) * CHAR) / 2, 40, footer))
    return "".join(out)


def _pdf(contents: list[str], *, image: bool = False, encrypted: bool = False) -> bytes:
    """A minimal PDF 1.4: one page per content stream, Courier, an optional 2x2 grey image
    drawn large on every page, an optional /Encrypt whose password is not the empty one."""
    objects: list[bytes] = [b"", b""]
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>")
    objects.append(b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray "
                   b"/BitsPerComponent 8 /Length 4 >>\nstream\n\x00\xff\xff\x00\nendstream")
    kids = []
    for content in contents:
        if image:
            content = "q 400 0 0 500 100 150 cm /Im1 Do Q\n" + content
        stream = content.encode("latin-1")
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> "
                       b"/XObject << /Im1 4 0 R >> >> /Contents %d 0 R >>" % len(objects))
        kids.append(len(objects))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    if encrypted:
        objects.append(b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -44 >>" % (b"5a" * 32, b"a5" * 32))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    trailer = b"/Size %d /Root 1 0 R" % (len(objects) + 1)
    if encrypted:
        trailer += b" /Encrypt %d 0 R /ID [<%s> <%s>]" % (len(objects), b"00" * 16, b"00" * 16)
    out += b"trailer\n<< %s >>\nstartxref\n%d\n%%%%EOF\n" % (trailer, xref)
    return bytes(out)


HEADER = "Draft of 6 April 2026 - for discussion only"
PAGES = [
    [("C", "AGREEMENT ON CRITICAL MINERALS"), ("G",),
     ("N", 72, "The Parties,"),
     ("J", 102, "Recognizing that long-term contracts support the orderly imple-"),
     ("J", 72, "mentation of projects for the mining and processing of critical"),
     ("N", 72, "minerals;"),
     ("J", 102, "Desiring to cooperate with like-minded partners on the long-"),
     ("J", 72, "term security of supply, and with the Euro-Mediterranean and Euro-"),
     ("N", 72, "Atlantic fora;"),
     ("N", 102, "Have agreed as follows:"), ("G",),
     ("C", "Article 1"), ("C", "Objectives"), ("G",),
     ("J", 72, "1.  The Parties shall cooperate on the develop-"),
     ("J", 96, "ment of supply chains and on the exchange of information on"),
     ("N", 96, "critical minerals."),
     ("N", 72, "2.  Each Party shall designate a contact point."), ("G",),
     ("C", "Article 2"), ("C", "Notification"), ("G",),
     ("J", 72, "1.  A Party that adopts a measure affecting the supply of a critical"),
     ("J", 96, "mineral shall notify the other Parties no later than thirty days")],
    [("N", 96, "after its adoption, and shall:"),
     ("N", 96, "(a)  describe the measure; and"),
     ("N", 96, "(b)  state its expected duration."), ("G",),
     ("C", "Article 3"), ("C", "Entry into Force"), ("G",),
     ("N", 72, "This Agreement enters into force on the date of its signature."), ("G",),
     ("N", 72, "DONE at Geneva, on 6 April 2026.")],
    [("C", "ANNEX I"), ("C", "Covered Minerals"), ("G",),
     ("N", 72, "1.  Lithium."),
     ("N", 72, "2.  Cobalt.")],
]


@pytest.fixture
def handmade(tmp_path) -> Path:
    path = tmp_path / "handmade.pdf"
    path.write_bytes(_pdf([_page(lines, HEADER, f"Page {n} of {len(PAGES)}") for n, lines in enumerate(PAGES, 1)]))
    return path


# -- PDF: layout ------------------------------------------------------------------------------------
def test_handmade_pdf_reads_as_its_structure(handmade):
    document = read(handmade)
    assert document.title == "AGREEMENT ON CRITICAL MINERALS"
    assert document.opening == ["The Parties,"]
    assert [p.text for p in document.preamble] == [
        "Recognizing that long-term contracts support the orderly implementation of projects for the "
        "mining and processing of critical minerals;",
        "Desiring to cooperate with like-minded partners on the long-term security of supply, and with the "
        "Euro-Mediterranean and Euro-Atlantic fora;"]
    assert document.formula == "Have agreed as follows:"
    assert headings(document) == [("1", "Objectives"), ("2", "Notification"), ("3", "Entry into Force")]
    first, second, third = document.articles()
    assert [(p.number, p.text) for p in first.paragraphs] == [
        ("1", "The Parties shall cooperate on the development of supply chains and on the exchange of "
              "information on critical minerals."),
        ("2", "Each Party shall designate a contact point.")]
    # a paragraph that runs on to the next page, past the footer and the running header
    notify = second.paragraphs[0]
    assert notify.text.endswith("no later than thirty days after its adoption, and shall:")
    assert [(c.number, c.text) for c in notify.children] == [
        ("a", "describe the measure; and"), ("b", "state its expected duration.")]
    assert [p.text for p in third.paragraphs] == ["This Agreement enters into force on the date of its signature."]
    assert document.closing == ["DONE at Geneva, on 6 April 2026."]
    [annex] = document.annexes
    assert (annex.number, annex.heading, [p.text for p in annex.paragraphs]) == ("I", "Covered Minerals",
                                                                                ["Lithium.", "Cobalt."])
    text = " ".join(words(document))
    assert "page" not in text and "discussion" not in text, "a running header or footer was kept"
    assert document.notes == []


def _line(text: str, page: int, y: float, x0: float = 72.0, size: float = 10.0) -> Line:
    return Line(text, page, x0, x0 + len(text) * 6.0, y, size, 30.0)


@pytest.mark.parametrize("number", ["12", "- 12 -", "\u2013 12 \u2013", "Page 12 of 40", "12/40", "page 12", "xii"])
def test_lone_page_numbers_go(number):
    pages = [[_line("Article 1", 0, 700), _line("The Parties shall cooperate.", 0, 688), _line(number, 0, 40)]]
    assert [line.text for line in strip_running(pages)[0]] == ["Article 1", "The Parties shall cooperate."]


def test_running_lines_go_when_they_repeat_at_the_same_height():
    pages = []
    for n in range(6):
        pages.append([_line(f"L 261/{n + 4} EN Official Journal of the European Union 30.8.2014", n, 770),
                      _line(f"Body text about {'lithium cobalt nickel copper graphite gallium'.split()[n]}.", n, 700),
                      _line(f"Article {n + 1}", n, 500),
                      _line(f"Page {n} ends here.", n, 300 + 20 * n)])
    kept = strip_running(pages)
    assert all(len(lines) == 3 and lines[0].text.startswith("Body text") for lines in kept)


def test_headings_that_happen_to_open_pages_are_kept():
    # "Chapter I" opens three pages far apart at the same height (three titles that each start
    # their chapters afresh): a coincidence, not a running header
    pages = [[_line("Text on a page.", n, 700), _line("More text here.", n, 100)] for n in range(30)]
    for n in (3, 15, 27):
        pages[n].insert(0, _line("Chapter I", n, 720))
    kept = strip_running(pages)
    assert sum(1 for lines in kept for line in lines if line.text == "Chapter I") == 3


def test_a_sentence_repeated_below_the_top_line_is_kept():
    # three chapters close with the same sentence, each just under the page's first line
    pages = [[_line(f"Article {10 * n + 1}", n, 720), _line("A regular dialogue will take place.", n, 700),
              _line(f"Chapter {n + 2}", n, 680), _line(f"Text of chapter {n + 2}.", n, 400 - 30 * n)] for n in range(4)]
    kept = strip_running(pages)
    assert all(len(lines) == 4 for lines in kept)


def test_a_line_repeated_at_another_height_is_no_running_header():
    pages = [[_line("Draft", n, 770 if n else 400), _line("Text.", n, 700), _line("End.", n, 600)] for n in range(4)]
    kept = strip_running(pages)
    assert kept[0][0].text == "Draft"                    # the title page's own line
    assert all(line.text != "Draft" for lines in kept[1:] for line in lines)


def _hyphens(*texts: str) -> Hyphens:
    return Hyphens([_line(text, 0, 700 - 12 * i) for i, text in enumerate(texts)])


def test_hyphen_rules():
    vocabulary = _hyphens("a long-term plan and a well-known rules-based order", "the implementation",
                          "cross and border and like and minded")
    assert vocabulary.join("the long-", "term plan") == "the long-term plan"               # rule 2
    assert vocabulary.join("orderly imple-", "mentation of") == "orderly implementation of"  # rule 3
    assert vocabulary.join("a market-", "based order") == "a market-based order"           # rule 4
    assert vocabulary.join("the Euro-", "Mediterranean area") == "the Euro-Mediterranean area"  # rule 1
    assert vocabulary.join("COVID-", "19 measures") == "COVID-19 measures"
    assert vocabulary.join("a cross-", "border project") == "a cross-border project"       # rule 6, two words
    assert vocabulary.join("the con-", "sultations") == "the consultations"                # rule 6, a fragment
    assert vocabulary.join("EDI -", "electronic data") == "EDI - electronic data"           # a dash, not a hyphen


def test_hyphen_habit_of_a_document_that_does_not_hyphenate():
    # every other line-end hyphen of this text is a compound the text also writes whole: so is
    # "packet-switched", though neither half is a word of its own elsewhere
    lines = ["non-market and non-fixed and non-formal ones", "a non-", "market rule, a non-", "fixed line,",
             "a non-", "formal one, the packet-", "switched network"]
    vocabulary = Hyphens([_line(text, 0, 700 - 12 * i) for i, text in enumerate(lines)])
    assert vocabulary.habit is True
    assert vocabulary.join("the packet-", "switched network") == "the packet-switched network"


def test_paragraph_breaks_from_layout():
    # a short last line ends a paragraph; a full line goes on; a first-line indent is allowed
    lines = [Line("Recognizing that the Parties have long cooperated on the supply of", 0, 102, 492, 700, 10, 60),
             Line("critical minerals;", 0, 72, 180, 688, 10, 50),
             Line("Desiring to build on that cooperation;", 0, 102, 330, 676, 10, 54)]
    assert [b.text for b in blocks([lines])] == [
        "Recognizing that the Parties have long cooperated on the supply of critical minerals;",
        "Desiring to build on that cooperation;"]


# -- PDF: made by LibreOffice from our own draft ----------------------------------------------------
@pytest.fixture(scope="module")
def drafted(tmp_path_factory) -> tuple[Path, Path]:
    """The plurilateral agreement drafted as .docx by `treaty draft` and rendered as PDF."""
    require_tool("soffice")
    folder = tmp_path_factory.mktemp("drafted")
    docx = folder / "plurilateral.docx"
    result = run_treaty("draft", EXAMPLES / "us-mexico-plurilateral.yaml", "-o", docx)
    assert result.returncode == 0, result.stderr
    return docx, libreoffice_pdf(docx, folder)


def test_drafted_agreement_reads_back_from_pdf(drafted):
    docx, pdf = drafted
    want, got = read(docx), read(pdf)
    assert headings(got) == headings(want)
    assert [(d.kind, d.number, d.heading) for d in got.divisions()] == \
        [(d.kind, d.number, d.heading) for d in want.divisions()]
    assert recovered(want, got) >= 0.99
    assert got.title == want.title
    assert got.formula == want.formula
    assert len(got.preamble) == len(want.preamble)
    assert [(a.number, a.heading) for a in got.annexes] == [(a.number, a.heading) for a in want.annexes]
    # the running header (the status line) and the page numbers are gone, the status is kept
    assert got.metadata.get("status") == "draft"
    assert not any(p.text.startswith("DRAFT") for a in got.articles() for p in a.walk())


def test_pypdfium2_is_loaded_only_to_read_a_pdf():
    code = ("import sys; from click.testing import CliRunner; from drafting.cli import main; "
            "assert CliRunner().invoke(main, ['--help']).exit_code == 0; "
            "import comparisons.readers.pdf, comparisons.readers.html, comparisons.readers.akn; "
            "print([m for m in sys.modules if m.startswith('pypdfium2')])")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


# -- PDF: what is refused ---------------------------------------------------------------------------
def test_not_a_pdf(tmp_path):
    path = tmp_path / "treaty.pdf"
    path.write_bytes(b"Article 1\nThis is text pretending to be a PDF.\n")
    refused(path, "not a PDF file")


def test_corrupt_pdf(tmp_path, handmade):
    path = tmp_path / "corrupt.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R\n" + bytes(range(256)) * 8)
    refused(path, "not a readable PDF")
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(handmade.read_bytes()[:200])
    refused(truncated, "not a readable PDF")


def test_a_pdf_with_a_damaged_page_is_refused_at_that_page(tmp_path, handmade):
    # a page the reader cannot load: the text read without it would be missing from every comparison
    path = tmp_path / "damaged.pdf"
    path.write_bytes(handmade.read_bytes().replace(b"/Count 3", b"/Count 4").replace(b"/Kids [", b"/Kids [3 0 R "))
    assert refused(path, "the page cannot be read").startswith(f"{path}:page 1:")


def test_encrypted_pdf(tmp_path):
    path = tmp_path / "encrypted.pdf"
    path.write_bytes(_pdf([_page(PAGES[0])], encrypted=True))
    message = refused(path, ENCRYPTED)
    assert "\n" not in message


def test_encrypted_by_qpdf(tmp_path, handmade):
    qpdf = shutil.which("qpdf")
    if qpdf is None:
        pytest.skip("qpdf is not installed (the hand-made encrypted PDF is tested without it)")
    path = tmp_path / "aes.pdf"
    subprocess.run([qpdf, "--encrypt", "secret", "owner", "256", "--", str(handmade), str(path)],
                   check=True, timeout=60)
    refused(path, ENCRYPTED)


def test_scanned_pdf_without_text(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(_pdf(["", ""], image=True))
    refused(path, NO_TEXT)


def test_scanned_pages_among_text_pages_are_noted(tmp_path):
    text = _page([("C", "Article 1"), ("G",), ("N", 72, "The Parties shall cooperate.")])
    path = tmp_path / "partly.pdf"
    path.write_bytes(_pdf([text]))
    assert read(path).notes == []
    both = tmp_path / "both.pdf"
    both.write_bytes(_pdf([text, "q 400 0 0 500 100 150 cm /Im1 Do Q\n"]))
    document = read(both)
    assert headings(document) == [("1", "")]
    assert any("1 of 2 pages hold only images" in note and "ocrmypdf" in note for note in document.notes)


def test_text_without_structure_is_one_article_with_a_note(tmp_path):
    path = tmp_path / "memo.pdf"
    path.write_bytes(_pdf([_page([("N", 72, "A short note on the minerals trade."),
                                  ("N", 72, "It has no articles at all.")])]))
    document = read(path)
    assert NO_ARTICLES in document.notes
    assert len(list(document.articles())) == 1


def test_cli_reports_a_bad_pdf_in_one_line(tmp_path, handmade):
    bad = tmp_path / "encrypted.pdf"
    bad.write_bytes(_pdf([_page(PAGES[0])], encrypted=True))
    out = tmp_path / "out.html"
    result = run_treaty("compare", bad, handmade, "-o", out)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and ENCRYPTED in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


# -- HTML -------------------------------------------------------------------------------------------
PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Agreement | Ministry of Foreign Affairs</title>
<style>.hidden-print {{ display: none }} h3 .sub {{ display: block }}</style>
<script>document.write("Article 99 Injected");</script></head>
<body>
<header><nav><a href="/">Home</a> &gt; <a href="/treaties">Treaties</a></nav><p>Ministry of Foreign Affairs</p></header>
<div id="skip" class="hidden-print">Skip to content</div>
<main>
<article>
<header><h1>Agreement on Critical Minerals</h1></header>
<p>The Republic of Ruritania and the Kingdom of Freedonia (the &ldquo;Parties&rdquo;),</p>
<p>Recognizing the importance of secure supply chains;</p>
<p>Have agreed as follows:</p>
<h2>Chapter I<br>General Provisions</h2>
<h3>Article 1<span class="sub">Objectives</span></h3>
<p>The objectives of this Agreement are to:</p>
<ol type="a"><li>strengthen supply chains; and</li><li>promote <em>investment</em> in caf{e} projects.</li></ol>
<h3>Article 2: Definitions</h3>
<div>1. For the purposes of this Agreement, &ldquo;mineral&rdquo; means a mineral in Annex I.</div>
<div><p>2. Nothing in this Agreement applies to taxation.</p></div>
<p>DONE at Geneva, on 6 April 2026.</p>
<p>For the Republic of Ruritania:</p>
</article>
</main>
<footer><p>&copy; 2026 Ministry. <a href="/privacy">Privacy</a></p></footer>
</body></html>
"""


def test_html_page_saved_from_a_website(tmp_path):
    path = tmp_path / "agreement.html"
    path.write_text(PAGE.format(e="\u00e9"), encoding="utf-8")
    document = read(path)
    assert document.title == "Agreement on Critical Minerals"
    assert document.opening == ["The Republic of Ruritania and the Kingdom of Freedonia (the \u201cParties\u201d),"]
    assert [p.text for p in document.preamble] == ["Recognizing the importance of secure supply chains;"]
    assert document.formula == "Have agreed as follows:"
    assert [(d.kind, d.number, d.heading) for d in document.divisions()] == [("Chapter", "I", "General Provisions")]
    assert headings(document) == [("1", "Objectives"), ("2", "Definitions")]
    first, second = document.articles()
    assert [(p.number, p.text) for p in first.walk()] == [
        ("", "The objectives of this Agreement are to:"), ("a", "strengthen supply chains; and"),
        ("b", "promote investment in caf\u00e9 projects.")]
    assert [p.number for p in second.paragraphs] == ["1", "2"]
    assert document.closing == ["DONE at Geneva, on 6 April 2026."]
    assert document.signatories == ["For the Republic of Ruritania:"]
    text = " ".join(words(document))
    for left_out in ("home", "ministry", "privacy", "injected", "skip"):
        assert left_out not in text


def test_a_long_style_sheet_without_rules_is_read_in_one_pass(tmp_path):
    # a rule pattern such as ([^{}]+)\{ retries from every character: a 200 KB sheet without a
    # brace held the reader for minutes; read in one pass, the page reads as any other
    junk = "a .b " * 40_000 + " .c {" + ".d" * 40_000 + " x"
    page = PAGE.format(e="\u00e9").replace("</style>", junk + "</style>")
    path = tmp_path / "agreement.html"
    path.write_text(page, encoding="utf-8")
    assert headings(read(path)) == [("1", "Objectives"), ("2", "Definitions")]


def test_html_written_by_our_writer_reads_back(tmp_path):
    from drafting.assemble import assemble
    from drafting.writers import render

    spec = EXAMPLES / "us-mexico-plurilateral.yaml"
    want = assemble(spec)
    path = tmp_path / "plurilateral.html"
    path.write_bytes(render(want, "html"))
    docx = tmp_path / "plurilateral.docx"
    docx.write_bytes(render(want, "docx"))
    reference, got = read(docx), read(path)
    assert headings(got) == headings(reference)
    assert recovered(reference, got) >= 0.99


def test_html_of_an_old_page_with_line_breaks(tmp_path):
    path = tmp_path / "old.htm"
    path.write_text("<html><body><div>AGREEMENT ON MINERALS<br><br>The Parties,<br><br>Have agreed as follows:"
                    "<br><br>Article 1<br>Objectives<br>1. The Parties shall\ncooperate on minerals.<br>2. Each "
                    "Party shall designate<br>a contact point.<br><br>ARTICLE 2<br>Entry into force<br><br>This "
                    "Agreement enters into force on signature.</div></body></html>", encoding="ascii")
    document = read(path)
    assert (document.title, document.opening, document.formula) == (
        "AGREEMENT ON MINERALS", ["The Parties,"], "Have agreed as follows:")
    assert headings(document) == [("1", "Objectives"), ("2", "Entry into force")]
    assert [(p.number, p.text) for p in next(document.articles()).paragraphs] == [
        ("1", "The Parties shall cooperate on minerals."), ("2", "Each Party shall designate a contact point.")]


def test_html_encodings(tmp_path):
    declared = tmp_path / "latin.htm"
    declared.write_bytes(b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
                         b"</head><body><h2>Article 1</h2><p>Caf\xe9 \x96 the Parties agree.</p></body></html>")
    [article] = read(declared).articles()
    assert article.paragraphs[0].text == "Caf\u00e9 \u2013 the Parties agree."
    undeclared = tmp_path / "plain.html"
    undeclared.write_bytes("<p>Article 1</p><p>Caf\u00e9 is served.</p>".encode())
    [article] = read(undeclared).articles()
    assert article.paragraphs[0].text == "Caf\u00e9 is served."


def test_html_with_entity_declarations_is_refused(tmp_path):
    path = tmp_path / "laughs.html"
    path.write_bytes(b'<!DOCTYPE html [<!ENTITY lol "lol">]><html><body><p>&lol;</p></body></html>')
    refused(path, "entities")


def test_html_without_text_is_refused(tmp_path):
    path = tmp_path / "app.html"
    path.write_bytes(b"<html><head><script>render()</script></head><body><div id='app'></div></body></html>")
    refused(path, "no text")


# -- Akoma Ntoso ------------------------------------------------------------------------------------
AKN = """<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
  <act name="agreement">
    <meta><identification source="#us"><FRBRExpression><FRBRlanguage language="eng"/></FRBRExpression>
    </identification></meta>
    <preface>
      <p class="title"><docTitle>Agreement on Critical Minerals</docTitle></p>
      <p>between the Republic of Ruritania and the Kingdom of Freedonia</p>
      <p><docStatus>Draft</docStatus> of <docDate date="2026-04-06">6 April 2026</docDate></p>
    </preface>
    <preamble>
      <p>The Republic of Ruritania and the Kingdom of Freedonia (the "Parties"),</p>
      <recitals>
        <recital><p>Recognizing that secure supply chains matter to both;</p></recital>
        <recital><p>Desiring to cooperate on geological mapping<authorialNote marker="1"><p>A note.</p>
        </authorialNote>;</p></recital>
        <recital><num>(c)</num><p>Noting <term refersTo="#x">their</term> shared plans;</p></recital>
      </recitals>
      <formula name="enactingFormula"><p>Have agreed as follows:</p></formula>
    </preamble>
    <body>
      <part><num>Part I</num><heading>General</heading>
        <chapter><num>Chapter 1</num><heading>General Provisions</heading>
          <article eId="art_1"><num>Article 1</num><heading>Objectives</heading>
            <paragraph><content><p>The objectives of this Agreement are to strengthen supply chains.</p></content>
            </paragraph>
          </article>
          <article eId="art_2"><num>Article 2</num><heading>Definitions</heading>
            <paragraph><num>1.</num>
              <list>
                <intro><p>For the purposes of this Agreement:</p></intro>
                <point><num>(a)</num><content><p>"mineral" means a mineral in <ref href="#anx_1">Annex I</ref>;</p>
                </content></point>
                <point><num>(b)</num><intro><p>"Party" means:</p></intro>
                  <point><num>(i)</num><content><p>Ruritania; or</p></content></point>
                  <point><num>(ii)</num><content><p>Freedonia.</p></content></point>
                </point>
              </list>
            </paragraph>
            <paragraph><num>2.</num><content><p>Other terms have their ordinary meaning.</p></content></paragraph>
          </article>
        </chapter>
      </part>
      <chapter><num>Chapter 2</num><heading>Final Provisions</heading>
        <article><num>Article 3</num><heading>Entry into Force</heading>
          <paragraph><num>1.</num><intro><p>This Agreement enters into force:</p></intro>
            <subparagraph><num>(a)</num><content><p>on signature; or</p></content></subparagraph>
            <subparagraph><num>(b)</num><content>on a date the <term refersTo="#p">Parties</term> agree,
            </content></subparagraph>
            <wrapUp><p>whichever is later.</p></wrapUp>
          </paragraph>
        </article>
      </chapter>
    </body>
    <conclusions>
      <p>IN WITNESS WHEREOF, the undersigned have signed this Agreement.</p>
      <p>DONE at Geneva, on 6 April 2026.</p>
      <blockContainer><p><signature><role>For the Republic of Ruritania:</role></signature></p></blockContainer>
    </conclusions>
    <attachments>
      <attachment><doc name="annex"><meta/>
        <preface><p><docNumber>Annex I</docNumber></p><p><docTitle>Covered Minerals</docTitle></p></preface>
        <mainBody>
          <paragraph><num>1.</num><content><p>The covered minerals are lithium and cobalt.</p></content></paragraph>
          <p>Other minerals may be added.</p>
        </mainBody>
      </doc></attachment>
    </attachments>
  </act>
</akomaNtoso>
"""


def test_akoma_ntoso_maps_to_the_model(tmp_path):
    path = tmp_path / "agreement.xml"
    path.write_text(AKN, encoding="utf-8")
    document = read(path)
    assert document.title == "Agreement on Critical Minerals"
    assert document.subtitle == "between the Republic of Ruritania and the Kingdom of Freedonia"
    assert document.metadata == {"language": "eng", "status": "draft", "date": "2026-04-06"}
    assert document.opening == ['The Republic of Ruritania and the Kingdom of Freedonia (the "Parties"),']
    assert [(p.number, p.text) for p in document.preamble] == [
        ("", "Recognizing that secure supply chains matter to both;"),
        ("", "Desiring to cooperate on geological mapping;"), ("c", "Noting their shared plans;")]
    assert document.formula == "Have agreed as follows:"
    assert [(d.kind, d.number, d.heading) for d in document.divisions()] == [
        ("Part", "I", "General"), ("Chapter", "1", "General Provisions"), ("Chapter", "2", "Final Provisions")]
    assert headings(document) == [("1", "Objectives"), ("2", "Definitions"), ("3", "Entry into Force")]
    first, second, third = document.articles()
    assert [p.text for p in first.paragraphs] == ["The objectives of this Agreement are to strengthen supply chains."]
    definitions = second.paragraphs[0]
    assert (definitions.number, definitions.text) == ("1", "For the purposes of this Agreement:")
    assert [(c.number, c.text) for c in definitions.children] == [
        ("a", '"mineral" means a mineral in Annex I;'), ("b", '"Party" means:')]
    assert [(c.number, c.text) for c in definitions.children[1].children] == [("i", "Ruritania; or"),
                                                                               ("ii", "Freedonia.")]
    assert second.paragraphs[1].number == "2"
    assert [p.text for p in third.walk()] == ["This Agreement enters into force:", "on signature; or",
                                              "on a date the Parties agree,", "whichever is later."]
    assert document.closing == ["IN WITNESS WHEREOF, the undersigned have signed this Agreement.",
                                "DONE at Geneva, on 6 April 2026."]
    assert document.signatories == ["For the Republic of Ruritania:"]
    [annex] = document.annexes
    assert (annex.number, annex.heading) == ("I", "Covered Minerals")
    assert [p.text for p in annex.paragraphs] == ["The covered minerals are lithium and cobalt.",
                                                  "Other minerals may be added."]
    assert document.notes == []


def test_akoma_ntoso_sections_as_units_and_loose_preamble(tmp_path):
    path = tmp_path / "act.xml"
    path.write_text("""<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act name="act">
      <meta/><preamble><p>The Participants,</p><p>Noting their shared interest;</p><p>Have decided as follows:</p>
      </preamble><body>
      <section><num>1.</num><heading>Purpose</heading><subsection><num>(1)</num><content><p>This
      memorandum sets out intentions.</p></content></subsection></section>
      <section><num>2.</num><heading>Status</heading><content><p>It creates no obligations.</p></content></section>
      </body></act></akomaNtoso>""", encoding="utf-8")
    document = read(path)
    assert [(a.word, a.number, a.heading) for a in document.articles()] == [
        ("Section", "1", "Purpose"), ("Section", "2", "Status")]
    assert document.opening == ["The Participants,"]
    assert [p.text for p in document.preamble] == ["Noting their shared interest;"]
    assert document.formula == "Have decided as follows:"
    first = next(document.articles())
    assert [(p.number, p.text) for p in first.paragraphs] == [("1", "This memorandum sets out intentions.")]


def test_xml_is_dispatched_by_its_root(tmp_path):
    tota = tmp_path / "tota.xml"
    tota.write_text('<?xml version="1.0"?>\n<!-- a ToTA file -->\n<treaty><meta><name>X</name></meta><body>'
                    '<chapter name="General"><article number="ARTICLE 1" name="Scope">It applies.</article>'
                    "</chapter></body></treaty>", encoding="utf-8")
    assert headings(read(tota)) == [("1", "Scope")]
    prefixed = tmp_path / "prefixed.xml"
    prefixed.write_text(AKN.replace("<akomaNtoso xmlns=", "<akn:akomaNtoso xmlns:akn=")
                        .replace("</akomaNtoso>", "</akn:akomaNtoso>"), encoding="utf-8")
    # a prefixed root with unprefixed children in no namespace: still read, with a note
    document = read(prefixed)
    assert headings(document)[0] == ("1", "Objectives")
    other = tmp_path / "other.xml"
    other.write_text("<rss><channel/></rss>", encoding="utf-8")
    refused(other, "ToTA")


def test_akoma_ntoso_refusals(tmp_path):
    empty = tmp_path / "empty.xml"
    empty.write_text('<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act><meta/><body/></act>'
                     "</akomaNtoso>", encoding="utf-8")
    refused(empty, "no text in its <body>")
    bare = tmp_path / "bare.xml"
    bare.write_text('<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><components/></akomaNtoso>',
                    encoding="utf-8")
    refused(bare, "without a document")
    hostile = tmp_path / "hostile.xml"
    hostile.write_text('<!DOCTYPE akomaNtoso [<!ENTITY x "y">]><akomaNtoso>&x;</akomaNtoso>', encoding="utf-8")
    refused(hostile, "DTD")


def test_expected_names_the_new_formats():
    for name in (".pdf", ".html", "Akoma Ntoso"):
        assert name in EXPECTED


# -- the real corpus --------------------------------------------------------------------------------
@pytest.mark.skipif(not (CORPUS / "pta_83.xml").exists(), reason=f"the ToTA corpus is not at {CORPUS}")
def test_tota_treaty_survives_docx_and_pdf(tmp_path):
    from drafting.writers import render

    xml = CORPUS / "pta_83.xml"
    want = read(xml)
    docx = tmp_path / "pta_83.docx"
    docx.write_bytes(render(want, "docx"))
    got = read(libreoffice_pdf(docx, tmp_path))
    assert headings(got) == headings(want)
    assert recovered(want, got) >= 0.99
