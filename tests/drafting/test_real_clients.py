"""Independent readers judge our files: pandoc reads the .docx text, LibreOffice lays it out."""
import re
import subprocess

import pytest

from drafting.assemble import assemble
from drafting.writers import write
from tests.conftest import EXAMPLES, require_tool

SPECS = ["us-mexico-plurilateral", "us-mexico-action-plan", "us-eu-mou"]


@pytest.fixture(scope="module")
def drafts(tmp_path_factory):
    folder = tmp_path_factory.mktemp("drafts")
    out = {}
    for name in SPECS:
        document = assemble(EXAMPLES / f"{name}.yaml")
        write(document, folder / f"{name}.docx")
        out[name] = (document, folder / f"{name}.docx")
    return out


def normalize(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("name", SPECS)
def test_pandoc_reads_every_paragraph_of_the_draft(drafts, name):
    pandoc = require_tool("pandoc")
    document, path = drafts[name]
    text = normalize(subprocess.run([pandoc, "-t", "plain", "--wrap=none", str(path)], check=True,
                                    capture_output=True, text=True).stdout)
    for article in document.articles():
        assert f"{article.citation} {article.heading}" in text
        for paragraph in article.walk():
            assert normalize(paragraph.text) in text
    for recital in document.preamble:
        assert normalize(recital.text) in text
    assert normalize(document.closing[-1]) in text


def test_libreoffice_lays_out_every_draft_as_pdf(drafts, tmp_path):
    soffice = require_tool("soffice")
    pdftotext = require_tool("pdftotext")
    paths = [str(drafts[name][1]) for name in SPECS]
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), *paths],
                   check=True, capture_output=True, timeout=240)
    for name in SPECS:
        document, _ = drafts[name]
        pdf = tmp_path / f"{name}.pdf"
        assert pdf.exists(), f"LibreOffice did not convert {name}"
        text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], check=True, capture_output=True,
                              text=True).stdout
        pages = text.split("\f")
        assert len([p for p in pages if p.strip()]) >= 3
        assert "DRAFT" in pages[1] and "Without prejudice" in pages[1], "the running header is on every page"
        last_article = list(document.articles())[-1]
        assert last_article.citation in text
        assert document.title.upper() in normalize(text)
