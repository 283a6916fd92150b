"""The .docx, .md and .html writers: structure, determinism and safety of output."""
import io
import json
import os
import re
import subprocess
import sys
import zipfile

import pytest
from lxml import etree

from drafting.assemble import assemble
from drafting.writers import render
from drafting.writers.docx import LABELS_PROPERTY, bookmark_name
from tests.conftest import EXAMPLES, ROOT

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def document():
    return assemble(EXAMPLES / "us-mexico-plurilateral.yaml")


@pytest.fixture(scope="module")
def docx_bytes(document):
    return render(document, "docx")


def part(data: bytes, name: str):
    import io
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return etree.fromstring(package.read(name))


def test_same_spec_gives_identical_bytes_across_processes(tmp_path):
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"draft{seed}.docx"
        subprocess.run([sys.executable, "-m", "drafting.cli", "draft", EXAMPLES / "us-mexico-plurilateral.yaml",
                        "-o", out], check=True, cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": seed},
                       capture_output=True)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_text_formats_are_deterministic(document, fmt):
    assert render(document, fmt) == render(assemble(EXAMPLES / "us-mexico-plurilateral.yaml"), fmt)


def test_every_article_carries_a_bookmark_that_maps_back_to_its_clause_id(document, docx_bytes):
    body = part(docx_bytes, "word/document.xml")
    names = [b.get(f"{W}name") for b in body.iter(f"{W}bookmarkStart")]
    assert len(names) == len(set(names)) == len(list(document.articles())) + len(document.annexes)
    assert all(len(n) <= 40 and re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", n) for n in names)
    custom = part(docx_bytes, "docProps/custom.xml")
    stored = next(p for p in custom if p.get("name") == LABELS_PROPERTY)
    labels = json.loads(stored[0].text)
    assert sorted(labels.values()) == sorted([a.label for a in document.articles()] + [a.label for a in document.annexes])
    assert all(bookmark_name(label) == name for name, label in labels.items())


def test_cross_references_link_to_existing_bookmarks(docx_bytes):
    body = part(docx_bytes, "word/document.xml")
    names = {b.get(f"{W}name") for b in body.iter(f"{W}bookmarkStart")}
    anchors = [h.get(f"{W}anchor") for h in body.iter(f"{W}hyperlink")]
    assert anchors and set(anchors) <= names


def test_header_says_draft_and_without_prejudice_and_footer_numbers_pages(docx_bytes):
    import io
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as package:
        headers = [n for n in package.namelist() if n.startswith("word/header")]
        footers = [n for n in package.namelist() if n.startswith("word/footer")]
        header_text = "".join(package.read(n).decode() for n in headers)
        footer_xml = "".join(package.read(n).decode() for n in footers)
    assert "DRAFT" in header_text and "Without prejudice" in header_text and "April 6, 2026" in header_text
    assert 'w:instr=" PAGE "' in footer_xml


def test_title_page_names_the_parties_and_articles_use_heading_styles(docx_bytes):
    import io
    import docx
    doc = docx.Document(io.BytesIO(docx_bytes))
    first = [p.text for p in doc.paragraphs[:12]]
    assert "AGREEMENT ON TRADE IN CRITICAL MINERALS" in first
    assert "The United States of America" in first and "The United Mexican States" in first
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert headings[0] == "Article 1\nObjectives"
    assert doc.core_properties.title == "Agreement on Trade in Critical Minerals"


def test_markdown_escapes_numbers_and_keeps_structure(document):
    text = render(document, "md").decode()
    assert text.startswith("# Agreement on Trade in Critical Minerals\n")
    assert "### Article 1: Objectives" in text
    assert re.search(r"^1\\\. ", text, re.M), "paragraph numbers are escaped so renderers keep them"
    assert "## Annex I: Covered Minerals" in text


def test_html_is_self_contained_with_working_links(document):
    html = render(document, "html").decode()
    assert "<script" not in html and "http" not in html.split("<body>")[0]
    targets = set(re.findall(r'href="#([^"]+)"', html))
    ids = set(re.findall(r'id="([^"]+)"', html))
    assert targets and targets <= ids


def test_paragraphs_nested_deeper_than_three_levels_are_written():
    from drafting.model import Article, Document, Paragraph
    deep = Paragraph("one", [Paragraph("two", [Paragraph("three", [Paragraph("four", [Paragraph("five")])])])], "1")
    deep.children[0].number, deep.children[0].children[0].number = "a", "i"
    document = Document(title="Deep", body=[Article("Nesting", [deep], number="1")])
    assert render(document, "docx")[:2] == b"PK"


@pytest.mark.parametrize("fmt", ["md", "docx", "html"])
def test_a_recitals_own_list_is_written(fmt):
    from drafting.model import Article, Document, Paragraph
    document = Document(title="Agreement on Fisheries", opening=["The Parties,"], formula="Have agreed as follows:",
                        preamble=[Paragraph("Recognising the following:", children=[
                            Paragraph("the need for cooperation;", number="a"),
                            Paragraph("the value of fish stocks;", number="b")])],
                        body=[Article("Scope", [Paragraph("This Agreement applies to fish.", number="1")], number="1")])
    data = render(document, fmt)
    if fmt == "docx":
        data = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    assert b"the need for cooperation;" in data and b"the value of fish stocks;" in data
