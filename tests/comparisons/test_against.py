"""treaty against: a draft read against the reference texts."""
import json

import pytest
from click.testing import CliRunner

from comparisons.redline import SUMMARY_END
from comparisons.readers import read
from comparisons.units import document_lines
from drafting.cli import main
from tests.comparisons.revisions import after_summary, paragraphs
from tests.conftest import EXAMPLES

DRAFT = EXAMPLES / "us-mexico-plurilateral.yaml"
FILES = ["pairs-us-eu.html", "pairs-us-japan.html", "redline-us-eu.docx", "redline-us-japan.docx",
         "report.html", "report.json"]


def against(*args):
    return CliRunner().invoke(main, ["against", *map(str, args)])


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    out = tmp_path_factory.mktemp("against") / "reports"
    result = against(DRAFT, "--ref", "us-japan", "--ref", "ref:us-eu", "-o", out, "--date", "2026-04-06")
    assert result.exit_code == 0, result.output
    return out


def test_writes_the_reports_and_one_redline_per_reference(reports):
    assert sorted(p.name for p in reports.iterdir()) == FILES


def test_the_json_pairs_provisions_by_subject(reports):
    data = json.loads((reports / "report.json").read_text())
    assert [r["name"] for r in data["references"]] == ["us-japan", "us-eu"]
    assert all(r["text"] == "illustrative" and "not the authentic text" in r["caveat"] for r in data["references"])
    by_heading = {a["heading"]: a for a in data["articles"]}
    japan = lambda heading: (by_heading[heading]["counterparts"]["us-japan"] or {}).get("heading")
    eu = lambda heading: (by_heading[heading]["counterparts"]["us-eu"] or {}).get("heading")
    assert japan("Export Duties") == "Export Duties"
    assert japan("Investment Screening") == "Investment Screening"
    assert japan("Labor Rights") == "Labor Rights"
    assert eu("Exchange of Information on Strategic Stockpiles") == "Exchange of Information on Stockpiling"
    assert japan("Border-Adjusted Price Floor") is None        # Japan has no price floor
    assert data["coverage"]["trade"]["us-japan"] and data["coverage"]["price-floors"]["us-japan"] == []
    assert data["coverage"]["stockpiles"]["us-eu"]


def test_the_redline_accepted_is_the_draft_and_rejected_holds_the_reference(reports):
    docx = (reports / "redline-us-japan.docx").read_bytes()
    accepted = after_summary(paragraphs(docx, "accept"), SUMMARY_END)
    rejected = after_summary(paragraphs(docx, "reject"), SUMMARY_END)
    normal = lambda lines: [" ".join(line.split()) for line in lines]
    assert accepted == normal(document_lines(read(DRAFT)))
    assert sorted(rejected) == sorted(normal(document_lines(read("ref:us-japan"))))


def test_the_html_report_links_every_pair_and_warns_of_illustrative_texts(reports):
    html = (reports / "report.html").read_text()
    assert "Coverage by subject" in html and "Article by article" in html
    assert html.count("not the authentic text") == 2
    assert 'href="pairs-us-japan.html#c' in html and 'href="redline-us-eu.docx"' in html


def test_the_material_differences_from_each_reference_are_reported(reports):
    flags = json.loads((reports / "report.json").read_text())["flags"]
    japan = {(f["kind"], f["article"], f["old"], f["new"]) for f in flags["us-japan"]}
    # the Japan text's best endeavours became the draft's duty
    assert ("modality-strengthened", "Article 8", "shall endeavor", "shall") in japan
    # the partner: one flag, though a recital of the draft names Japan
    partner = [f for f in flags["us-japan"] if f["kind"] == "party-changed" and f["old"] == "Japan"]
    assert len(partner) == 1 and "Japan is replaced by United Mexican States throughout" in partner[0]["explanation"]
    # the memorandum's Participants are the draft's Parties: one flag, not one per provision
    roles = [f for f in flags["us-eu"] if f["kind"] == "party-changed" and f["old"] == "Participant"]
    assert len(roles) == 1 and roles[0]["explanation"].startswith("the Participants are called Parties throughout")
    # a term only the reference defines is flagged where the reference defines it, with the draft's uses
    measure = next(f for f in flags["us-japan"] if f["explanation"].startswith("\u201cmeasure\u201d"))
    assert measure["side"] == "old" and measure["uses"] > 0
    html = (reports / "report.html").read_text()
    assert "Material differences from the U.S.\u2013Japan" in html and "Binds more" in html
    # each redline opens with its table of the same differences, worded as the report words them:
    # a reference and a draft that differ, not an old and a new version
    redline = paragraphs((reports / "redline-us-japan.docx").read_bytes(), "accept")
    assert redline[0] == "Summary of differences"
    assert redline[1].startswith("Reference: ") and redline[2].startswith("Draft: ")
    assert "Material differences from the U.S.\u2013Japan Critical Minerals Agreement:" in redline
    header = redline.index("Difference")
    assert redline[header:header + 5] == ["Difference", "Article", "Reference", "Draft", "Note"]
    assert "Binds more" in redline and any(p.endswith("(reference)") for p in redline)
    pairs = (reports / "pairs-us-japan.html").read_text()
    assert "<th>Reference</th><th>Draft</th>" in pairs and "Material differences from the U.S." in pairs


def test_no_flags_skips_the_material_differences(tmp_path):
    out = tmp_path / "reports"
    assert against(DRAFT, "--ref", "us-eu", "-o", out, "--no-flags").exit_code == 0
    assert json.loads((out / "report.json").read_text())["flags"] is None
    assert "Not computed" in (out / "report.html").read_text()


def test_existing_reports_are_kept_without_force(reports):
    before = {p.name: p.read_bytes() for p in reports.iterdir()}
    result = against(DRAFT, "--ref", "us-japan", "--ref", "us-eu", "-o", reports)
    assert result.exit_code == 2 and "use --force" in result.output
    assert {p.name: p.read_bytes() for p in reports.iterdir()} == before


@pytest.mark.parametrize("args, fragment", [
    (["--ref", "us-korea"], "unknown reference 'us-korea'"),
    (["--ref", "us-japan", "--ref", "us-japan"], "named twice"),
])
def test_bad_references_fail_before_any_output(tmp_path, args, fragment):
    out = tmp_path / "reports"
    result = against(DRAFT, *args, "-o", out)
    assert result.exit_code == 2 and fragment in result.output
    assert not out.exists()


def test_a_missing_draft_fails_cleanly(tmp_path):
    result = against(tmp_path / "nope.yaml", "--ref", "us-japan", "-o", tmp_path / "reports")
    assert result.exit_code == 2 and "nope.yaml" in result.output
    assert not (tmp_path / "reports").exists()
