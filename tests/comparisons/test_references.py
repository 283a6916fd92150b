"""Reference texts: the bundled illustrative ones, ref:NAME anywhere, and treaty import."""
import hashlib
import json
import shutil

import pytest
import yaml
from click.testing import CliRunner

from comparisons.readers import read
from drafting.cli import main
from drafting.writers import render
from drafting.assemble import assemble
from tests.conftest import CORPUS, EXAMPLES, ROOT

BUNDLED = ("us-eu", "us-japan")
REQUIRED = ("name", "title", "instrument", "binding", "parties", "date", "status", "published_at", "text", "note")


def treaty(*args):
    return CliRunner().invoke(main, [*map(str, args)])


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A workspace whose references folder is private to the test (the library is the real one)."""
    home = tmp_path / "home"
    home.mkdir()
    for folder in ("clauses", "templates"):
        (home / folder).symlink_to(ROOT / folder)
    shutil.copytree(ROOT / "references", home / "references")
    monkeypatch.setenv("TREATY_HOME", str(home))
    return home


@pytest.mark.parametrize("name", BUNDLED)
def test_bundled_references_say_they_are_illustrative(name):
    provenance = yaml.safe_load((ROOT / "references" / name / "provenance.yaml").read_text())
    assert [key for key in REQUIRED if key not in provenance] == []
    assert provenance["text"] == "illustrative" and provenance["name"] == name
    text = (ROOT / "references" / name / "text.md").read_text()
    assert "ILLUSTRATIVE TEXT" in text.split("\n\n", 3)[2]    # under the title, before the opening
    document = read(f"ref:{name}")
    assert sum(1 for _ in document.articles()) >= 10
    assert any("illustrative text" in note and "not the authentic text" in note for note in document.notes)


def test_registers_match_the_instruments():
    japan = (ROOT / "references/us-japan/text.md").read_text()
    eu = (ROOT / "references/us-eu/text.md").read_text()
    assert " shall " in japan and "intend to" not in japan
    assert " shall " not in eu and "Participants" in eu


def test_references_list_shows_status_and_size():
    result = treaty("references", "list", "--json")
    assert result.exit_code == 0, result.output
    rows = {row["name"]: row for row in json.loads(result.output)}
    assert set(BUNDLED) <= set(rows)
    assert all(rows[name]["status"] == "illustrative" and rows[name]["articles"] >= 10 for name in BUNDLED)
    table = treaty("references", "list").output
    assert "us-japan" in table and "illustrative" in table


def test_a_comparison_against_a_reference_carries_its_caveat(tmp_path):
    out = tmp_path / "c.json"
    result = treaty("compare", "ref:us-japan", EXAMPLES / "us-mexico-plurilateral.yaml", "-o", out)
    assert result.exit_code == 0, result.output
    assert "not the authentic text" in out.read_text()


@pytest.mark.parametrize("name, fragment", [("nowhere", "unknown reference 'nowhere'"),
                                            ("Bad_Name", "bad reference name")])
def test_unknown_or_malformed_reference_names(tmp_path, name, fragment):
    result = treaty("compare", f"ref:{name}", EXAMPLES / "us-eu-mou.yaml", "-o", tmp_path / "c.json")
    assert result.exit_code == 2 and fragment in result.output
    assert not (tmp_path / "c.json").exists()


def draft_file(tmp_path, fmt="md"):
    path = tmp_path / f"plurilateral.{fmt}"
    path.write_bytes(render(assemble(EXAMPLES / "us-mexico-plurilateral.yaml"), fmt))
    return path


def headings(document):
    return [(a.number, a.heading) for a in document.articles()]


def test_import_stores_the_text_and_its_provenance(home, tmp_path):
    source = draft_file(tmp_path, "docx")
    result = treaty("import", source, "--name", "our-draft")
    assert result.exit_code == 0, result.output
    folder = home / "references" / "our-draft"
    provenance = yaml.safe_load((folder / "provenance.yaml").read_text())
    assert provenance["text"] == "authentic"
    assert provenance["source"]["sha256"] == hashlib.sha256(source.read_bytes()).hexdigest()
    assert provenance["source"]["file"] == source.name and provenance["source"]["format"] == "docx"
    assert headings(read("ref:our-draft")) == headings(read(source))
    listed = {row["name"]: row for row in json.loads(treaty("references", "list", "--json").output)}
    assert listed["our-draft"]["status"] == "authentic"


def test_import_replaces_an_illustrative_text_only_with_force_and_keeps_what_it_describes(home, tmp_path):
    source = draft_file(tmp_path)
    folder = home / "references" / "us-japan"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    refused = treaty("import", source, "--name", "us-japan")
    assert refused.exit_code == 2 and "already exists (illustrative text)" in refused.output
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    result = treaty("import", source, "--name", "us-japan", "--force")
    assert result.exit_code == 0, result.output
    provenance = yaml.safe_load((folder / "provenance.yaml").read_text())
    assert provenance["text"] == "authentic"
    assert provenance["date"] == yaml.safe_load(before["provenance.yaml"])["date"]   # the same instrument
    assert sorted(p.name for p in folder.iterdir()) == ["provenance.yaml", "text.md"]
    assert not [p for p in folder.parent.iterdir() if p.name.startswith(".")]     # no staging left


@pytest.mark.parametrize("content, fragment", [
    (b"Some notes on minerals.\n\nNothing here is an article.\n", "no articles or sections recognised"),
    (b"", "empty"),
])
def test_import_of_an_unrecognisable_file_stores_nothing(home, tmp_path, content, fragment):
    source = tmp_path / "notes.txt"
    source.write_bytes(content)
    result = treaty("import", source, "--name", "notes")
    assert result.exit_code == 2 and fragment in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not (home / "references" / "notes").exists()


def test_import_refuses_a_bad_name_before_reading(home, tmp_path):
    result = treaty("import", draft_file(tmp_path), "--name", "../escape")
    assert result.exit_code == 2 and "bad reference name" in result.output


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared ToTA corpus is not beside the project")
def test_import_of_a_tota_treaty(home):
    result = treaty("import", CORPUS / "pta_83.xml", "--name", "eu-morocco")
    assert result.exit_code == 0, result.output
    assert headings(read("ref:eu-morocco")) == headings(read(CORPUS / "pta_83.xml"))


def test_import_of_a_pdf_reads_back_as_the_text_it_was_made_from(home, tmp_path):
    import subprocess

    from tests.conftest import require_tool
    soffice = require_tool("soffice")
    source = draft_file(tmp_path, "docx")
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   capture_output=True, timeout=180, check=True)
    result = treaty("import", tmp_path / "plurilateral.pdf", "--name", "from-pdf")
    assert result.exit_code == 0, result.output
    out = tmp_path / "c.json"
    assert treaty("compare", source, "ref:from-pdf", "-o", out).exit_code == 0
    summary = json.loads(out.read_text())["summary"]
    assert summary["words_inserted"] == summary["words_deleted"] == 0
