"""Bad input gets one line naming the file, the place and what was expected; exit status 2; no
output written; nothing overwritten without --force."""
import re

import pytest
from click.testing import CliRunner

from drafting.cli import main
from tests.conftest import run_treaty

BASE = """\
template: plurilateral-agreement
title: Test Agreement
parties: [US, MX]
date: 2026-04-06
params:
  minerals: [lithium]
final: []
articles:
  - general.objectives
  - general.definitions
{extra}
"""


def draft(tmp_path, spec_text, name="spec.yaml", output="out.docx", *extra):
    spec = tmp_path / name
    spec.write_text(spec_text)
    result = CliRunner().invoke(main, ["draft", str(spec), "-o", str(tmp_path / output), *extra])
    return result, spec


def assert_one_line_error(result, *fragments):
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


@pytest.mark.parametrize("extra, fragments", [
    ("  - stockpiles.unknown-thing", ["spec.yaml:11:", "unknown clause id 'stockpiles.unknown-thing'"]),
    ("  - stockpiles.coordinated-relase", ["did you mean 'stockpiles.coordinated-release'"]),
    ("  - id: price-floors.border-adjusted-price-floor\n    params: {mechanism: tariff}",
     ["spec.yaml:12:", "parameter 'mechanism'", "expected choice of"]),
    ("  - id: price-floors.border-adjusted-price-floor\n    params: {notice_days: many}",
     ["spec.yaml:12:", "parameter 'notice_days'", "expected int"]),
    ("  - id: price-floors.border-adjusted-price-floor\n    params: {notice_days: 100000}",
     ["spec.yaml:12:", "expected int in"]),
    ("  - id: price-floors.border-adjusted-price-floor\n    params: {colour: red}",
     ["spec.yaml:12:", "has no parameter 'colour'"]),
    ("  - id: general.scope\n    ambition: aspirational", ["spec.yaml:12:", "ambition must be one of"]),
    ("  - general.objectives", ["spec.yaml:11:", "already in the draft"]),
])
def test_bad_clause_entries(tmp_path, extra, fragments):
    result, _ = draft(tmp_path, BASE.format(extra=extra))
    assert_one_line_error(result, *fragments)
    assert not (tmp_path / "out.docx").exists()


def test_missing_required_parameter_names_clause_and_parameter(tmp_path):
    spec = BASE.format(extra="  - annex.covered-minerals").replace("params:\n  minerals: [lithium]\n", "")
    spec = spec.replace("  - annex.covered-minerals", "").rstrip() + "\nannexes: [annex.covered-minerals]\n"
    result, _ = draft(tmp_path, spec)
    assert_one_line_error(result, "spec.yaml:", "needs parameter 'minerals'")


@pytest.mark.parametrize("spec_text, fragments", [
    ("template: plurilateral-agreement\ntitle: [unclosed\n", ["spec.yaml:", "malformed YAML"]),
    ("template: treaty-of-westphalia\ntitle: T\nparties: [US, MX]\narticles: []\n",
     ["spec.yaml:1:", "unknown template 'treaty-of-westphalia'"]),
    ("template: plurilateral-agreement\ntitle: T\nparties: [US, XX]\narticles: []\n",
     ["spec.yaml:3:", "unknown party 'XX'"]),
    ("template: plurilateral-agreement\ntitle: T\nparties: [US, MX]\ndate: 6 April\narticles: []\n",
     ["spec.yaml:4:", "date must be YYYY-MM-DD"]),
    ("template: plurilateral-agreement\ntitle: T\nparties: [US, MX]\nartciles: []\n",
     ["spec.yaml:4:", "unknown key 'artciles'"]),
    ("- just\n- a list\n", ["spec.yaml:1:", "must be a mapping"]),
    # a control character: PyYAML's message runs over two lines and names no line of the file
    ("template: plurilateral-agreement\ntitle: T\x0e\n", ["spec.yaml:2:", "unacceptable character #x000e"]),
])
def test_malformed_specs(tmp_path, spec_text, fragments):
    result, _ = draft(tmp_path, spec_text)
    assert_one_line_error(result, *fragments)


def test_missing_spec_file(tmp_path):
    result = CliRunner().invoke(main, ["draft", str(tmp_path / "nope.yaml"), "-o", str(tmp_path / "o.docx")])
    assert_one_line_error(result, "nope.yaml", "no such file")


def test_a_defined_term_whose_defining_clause_is_missing(tmp_path):
    result, _ = draft(tmp_path, BASE.format(extra="  - price-floors.reference-price"))
    line = assert_one_line_error(result, "uses the defined term")
    assert "add " in line


def plant(home, clause_id, body, front=""):
    topic, name = clause_id.split(".")
    path = home / "clauses" / topic / f"{name}.md"
    path.parent.mkdir(exist_ok=True)
    path.write_text(f"---\nid: {clause_id}\ntitle: Planted\ntopic: {topic}\nsummary: planted\n{front}---\n{body}")
    return path


@pytest.mark.parametrize("body, fragments", [
    ("First line.\n\nThe {{ partys }} agree.\n", ["planted.md:9:", "undefined name", "partys"]),
    ("{{ ''.__class__.__mro__[1].__subclasses__() }}\n", ["planted.md:7:", "sandbox"]),
    ("{{ cycler.__init__.__globals__ }}\n", ["planted.md:7:"]),
    ("Text {% if %}\n", ["planted.md:7:", "template syntax"]),
    ("See {{ ref('general.nowhere') }}.\n", ["planted.md", "dangling cross-reference"]),
    ("- an orphan subparagraph\n", ["planted.md", "no paragraph above it"]),
    ("Chapeau:\n\n- (a) typed letters\n", ["planted.md", "typed number ((a))"]),
])
def test_hostile_or_broken_clause_files(tmp_path, workspace_copy, body, fragments):
    path = plant(workspace_copy, "general.planted", body)
    before = path.read_bytes()
    result, _ = draft(tmp_path, BASE.format(extra="  - general.planted"))
    assert_one_line_error(result, *fragments)
    assert path.read_bytes() == before
    assert not (tmp_path / "out.docx").exists()


def test_template_errors_name_the_template(tmp_path, workspace_copy):
    template = workspace_copy / "templates" / "plurilateral-agreement.j2"
    template.write_text(template.read_text().replace("@formula Have agreed", "@formula {{ nonsense }} Have"))
    result, _ = draft(tmp_path, BASE.format(extra=""))
    assert_one_line_error(result, "plurilateral-agreement.j2:", "undefined name", "nonsense")


def test_existing_output_is_kept_without_force_and_replaced_with_it(tmp_path):
    target = tmp_path / "out.docx"
    target.write_bytes(b"precious")
    result, _ = draft(tmp_path, BASE.format(extra=""))
    assert_one_line_error(result, "out.docx", "already exists", "--force")
    assert target.read_bytes() == b"precious"
    result, _ = draft(tmp_path, BASE.format(extra=""), "spec.yaml", "out.docx", "--force")
    assert result.exit_code == 0, result.output
    assert target.read_bytes()[:2] == b"PK"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_unknown_output_extension(tmp_path):
    result, _ = draft(tmp_path, BASE.format(extra=""), "spec.yaml", "out.pdf")
    assert_one_line_error(result, "out.pdf", "cannot tell the output format")


def test_a_failed_draft_leaves_no_partial_file(tmp_path):
    result, _ = draft(tmp_path, BASE.format(extra="  - nothing.here"), "spec.yaml", "out.md")
    assert result.exit_code == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["spec.yaml"]


def test_errors_reach_a_real_process_as_one_line(tmp_path):
    spec = tmp_path / "spec.yaml"
    spec.write_text(BASE.format(extra="  - id: general.scope\n    params: {reach: far}"))
    process = run_treaty("draft", spec, "-o", tmp_path / "x.docx")
    assert process.returncode == 2
    assert re.fullmatch(r"treaty: error: .*spec\.yaml:12: clause 'general\.scope' has no parameter 'reach'.*\n",
                        process.stderr), process.stderr
