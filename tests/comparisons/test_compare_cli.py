"""treaty compare as users meet it: formats, options, determinism and bad input."""
import json
import zipfile

import pytest
from click.testing import CliRunner

from drafting.cli import main
from tests.conftest import EXAMPLES, run_treaty

PLURILATERAL = EXAMPLES / "us-mexico-plurilateral.yaml"


@pytest.fixture
def edited_spec(tmp_path):
    """Version 2 of the plurilateral spec: an article dropped, another moved, a period changed."""
    text = PLURILATERAL.read_text()
    text = text.replace("      - trade.non-market-policies\n", "")
    text = text.replace("      - geology.deposit-information\n", "")
    text = text.replace("      - general.scope\n", "      - general.scope\n      - geology.deposit-information\n")
    text = text.replace("review_period_days: 180", "review_period_days: 90")
    path = tmp_path / "v2.yaml"
    path.write_text(text)
    return path


def compare(*args):
    return CliRunner().invoke(main, ["compare", *map(str, args)])


def test_json_reports_labels_moves_deletions_and_the_changed_period(tmp_path, edited_spec):
    out = tmp_path / "c.json"
    result = compare(PLURILATERAL, edited_spec, "-o", out)
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text())
    assert data["schema"] == "treaty-comparison/1"
    summary = data["summary"]
    assert summary["articles_deleted"] == 1 and summary["articles_moved"] == 1
    assert summary["articles_added"] == 0
    by_label = {(a["old"] or a["new"])["label"]: a for a in data["articles"] if (a["old"] or a["new"])["label"]}
    assert by_label["trade.non-market-policies"]["status"] == "deleted"
    assert by_label["geology.deposit-information"]["status"] == "moved"
    review = by_label["price-floors.review-and-adjustment"]
    assert review["status"] == "changed" and review["paired_by"] == "label"
    segments = [s for change in review["changes"] for s in change["segments"] if s[0] != "equal"]
    assert ["delete", "one hundred eighty (180)"] in segments or any("180" in s[1] for s in segments)
    assert any("90" in s[1] for s in segments if s[0] == "insert")


def test_docx_redline_is_tracked_with_author_and_date_and_deterministic(tmp_path, edited_spec):
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    for out in (first, second):
        result = compare(PLURILATERAL, edited_spec, "-o", out, "--author", "USTR Legal", "--date", "2026-05-01")
        assert result.exit_code == 0, result.output
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as package:
        document = package.read("word/document.xml").decode()
        settings = package.read("word/settings.xml").decode()
    assert '<w:ins w:id="' in document and '<w:del w:id="' in document
    assert 'w:author="USTR Legal" w:date="2026-05-01T00:00:00Z"' in document
    assert "<w:trackRevisions/>" in settings
    ids = [int(x) for x in __import__("re").findall(r'<w:(?:ins|del) w:id="(\d+)"', document)]
    assert len(ids) == len(set(ids))


def test_static_redline_has_no_tracked_changes(tmp_path, edited_spec):
    out = tmp_path / "s.docx"
    assert compare(PLURILATERAL, edited_spec, "-o", out, "--static").exit_code == 0
    with zipfile.ZipFile(out) as package:
        document = package.read("word/document.xml").decode()
    assert "<w:ins " not in document and "<w:del " not in document
    assert "<w:strike/>" in document and '<w:u w:val="single"/>' in document


def test_html_and_markdown(tmp_path, edited_spec):
    html, md = tmp_path / "c.html", tmp_path / "c.md"
    assert compare(PLURILATERAL, edited_spec, "-o", html).exit_code == 0
    assert compare(PLURILATERAL, edited_spec, "-o", md).exit_code == 0
    page = html.read_text()
    assert "<del>" in page and "<ins>" in page and "Summary of changes" in page
    assert "http" not in page.split("<body>")[0]
    text = md.read_text()
    assert text.startswith("# Summary of changes") and "{+" in text and "[-" in text


@pytest.mark.parametrize("args, fragment", [
    (["--static", "-o", "x.json"], "--static applies to a .docx redline only"),
    (["-o", "x.pdf"], "cannot tell the output format"),
    (["--date", "yesterday", "-o", "x.json"], "expected an ISO date"),
])
def test_bad_options(tmp_path, edited_spec, args, fragment):
    args = [a if not a.startswith("x.") else str(tmp_path / a) for a in args]
    result = compare(PLURILATERAL, edited_spec, *args)
    assert result.exit_code == 2
    assert fragment in result.output + result.stderr


def test_existing_output_is_not_overwritten(tmp_path, edited_spec):
    out = tmp_path / "c.json"
    out.write_text("keep")
    result = compare(PLURILATERAL, edited_spec, "-o", out)
    assert result.exit_code == 2 and out.read_text() == "keep"


def test_compare_in_a_real_process(tmp_path, edited_spec):
    process = run_treaty("compare", PLURILATERAL, edited_spec, "-o", tmp_path / "c.md")
    assert process.returncode == 0, process.stderr
    assert "1 deleted, 1 moved" in process.stderr


def test_the_same_inputs_give_the_same_redline_under_any_hash_seed(tmp_path, edited_spec):
    from tests.conftest import CORPUS
    old, new = PLURILATERAL, edited_spec
    if CORPUS.is_dir():   # the real pair exercises similarity pairing, where seeds could leak in
        old, new = CORPUS / "pta_83.xml", CORPUS / "pta_98.xml"
    outputs = []
    for seed in ("0", "123"):
        out = tmp_path / f"c{seed}.json"
        process = run_treaty("compare", old, new, "-o", out, env={"PYTHONHASHSEED": seed})
        assert process.returncode == 0, process.stderr
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


def hostile_files(folder):
    import io
    import zipfile as z
    files = {}
    files["empty.docx"] = b""
    files["notzip.docx"] = b"This is plain text pretending to be Word."
    files["legacy.docx"] = bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 504
    buffer = io.BytesIO()
    with z.ZipFile(buffer, "w") as archive:
        archive.writestr("word/styles.xml", "<w:styles/>")
    files["nodocument.docx"] = buffer.getvalue()
    buffer = io.BytesIO()
    with z.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                         '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                         "<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>")
    files["entity.docx"] = buffer.getvalue()
    files["notes.rtf"] = b"{\\rtf1 hello}"
    paths = {}
    for name, data in files.items():
        path = folder / name
        path.write_bytes(data)
        paths[name] = path
    return paths


@pytest.mark.parametrize("name, fragment", [
    ("empty.docx", "empty"), ("notzip.docx", "not a zip"), ("legacy.docx", ".doc"),
    ("nodocument.docx", "word/document.xml"), ("entity.docx", "DTD"), ("notes.rtf", "expected"),
])
def test_hostile_inputs_get_one_line_and_no_output(tmp_path, name, fragment):
    path = hostile_files(tmp_path)[name]
    before = path.read_bytes()
    out = tmp_path / "out.docx"
    process = run_treaty("compare", path, PLURILATERAL, "-o", out)
    assert process.returncode == 2
    lines = process.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in process.stderr, process.stderr
    assert name in lines[0] and fragment.lower() in lines[0].lower(), lines[0]
    assert not out.exists() and path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_an_input_that_holds_tracked_changes_is_read_accepted_and_the_report_says_so(tmp_path, edited_spec):
    """A redline sent back as the next version: its tracked changes count as accepted."""
    redline = tmp_path / "returned.docx"
    assert compare(PLURILATERAL, edited_spec, "-o", redline, "--date", "2026-05-01").exit_code == 0
    out = tmp_path / "c.json"
    result = compare(edited_spec, redline, "-o", out)
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text())
    assert any("tracked changes" in note and note.startswith("new:") for note in data["notes"])
    body = [a for a in data["articles"] if (a["new"] or a["old"])["kind"] == "article"]
    assert all(a["status"] == "unchanged" for a in body), [a["status"] for a in body if a["status"] != "unchanged"]
