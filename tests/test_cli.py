"""The command line as users meet it."""
import json
import subprocess
import sys

from click.testing import CliRunner

from drafting.cli import main
from tests.conftest import ROOT, run_treaty


def test_clauses_list_json_has_the_documented_fields():
    result = CliRunner().invoke(main, ["clauses", "list", "--json"])
    assert result.exit_code == 0
    clauses = json.loads(result.output)
    assert len(clauses) >= 30
    for clause in clauses:
        assert {"id", "title", "topic", "params", "ambition"} <= set(clause)
    floor = next(c for c in clauses if c["id"] == "price-floors.border-adjusted-price-floor")
    assert floor["params"]["mechanism"]["type"] == "choice"


def test_clauses_list_by_topic_and_unknown_topic():
    result = CliRunner().invoke(main, ["clauses", "list", "--topic", "stockpiles"])
    assert result.exit_code == 0
    assert all(line.startswith("stockpiles.") for line in result.output.splitlines())
    result = CliRunner().invoke(main, ["clauses", "list", "--topic", "bananas"])
    assert result.exit_code == 2 and "no clauses of topic 'bananas'" in result.stderr


def test_clauses_show_renders_for_the_chosen_instrument():
    result = CliRunner().invoke(main, ["clauses", "show", "stockpiles.coordinated-release", "--instrument", "mou"])
    assert result.exit_code == 0, result.output
    assert "intend" in result.output and "Participant" in result.output
    result = CliRunner().invoke(main, ["clauses", "show", "stockpiles.nothing"])
    assert result.exit_code == 2 and "unknown clause id" in result.stderr


def test_clauses_check_passes_on_the_library():
    result = CliRunner().invoke(main, ["clauses", "check"])
    assert result.exit_code == 0, result.output
    assert "0 problem(s)" in result.output


def test_help_and_drafting_stay_off_heavy_imports():
    code = ("import sys; from drafting.cli import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('docx', 'spacy', 'lxml', 'jinja2', 'yaml') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_draft_markdown_to_a_real_file(tmp_path):
    process = run_treaty("draft", ROOT / "examples" / "us-eu-mou.yaml", "-o", tmp_path / "mou.md")
    assert process.returncode == 0, process.stderr
    assert "Participants" in (tmp_path / "mou.md").read_text()


def test_a_finished_command_leaves_at_once_after_its_exit_handlers_and_output():
    script = ("import atexit, sys\n"
              "from drafting import launch\n"
              "launch._started_here = True\n"
              "atexit.register(lambda: print(' and the handler ran'))\n"
              "print('the output', end='')\n"
              "launch.done(3)\n"
              "print('never printed')\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 3
    assert result.stdout == "the output and the handler ran\n"


def test_done_does_nothing_in_a_command_invoked_in_process():
    from drafting import launch

    launch.done(5)       # not started by launch.main: the test process goes on
    assert not launch._started_here


def test_the_compared_paths_are_found_only_in_a_plain_command_line():
    from drafting.launch import compared_paths

    assert compared_paths(["a.docx", "b.docx", "-o", "out.docx", "--no-flags"]) == ("a.docx", "b.docx")
    assert compared_paths(["--output=out.json", "--author", "Legal", "a.md", "--force", "b.md"]) == ("a.md", "b.md")
    assert compared_paths(["-o", "out.docx", "a.docx"]) is None          # one side only
    assert compared_paths(["a.docx", "b.docx", "--colour"]) is None       # unknown to compare: click says so
    assert compared_paths(["a.docx", "b.docx", "c.docx"]) is None


def test_a_compare_whose_new_side_is_read_early_writes_what_the_command_in_process_writes(tmp_path):
    """`treaty compare --no-flags` started by launch reads NEW in a child before the command line
    is parsed (comparisons.readers.parallel.read_early); the drafts are made big enough for it."""
    from comparisons.readers import parallel
    from drafting.assemble import assemble
    from drafting.writers import render
    from tests.conftest import EXAMPLES

    old, new = tmp_path / "old.docx", tmp_path / "new.docx"
    old.write_bytes(render(assemble(EXAMPLES / "us-eu-mou.yaml"), "docx"))
    new.write_bytes(render(assemble(EXAMPLES / "us-mexico-plurilateral.yaml"), "docx"))
    args = ["compare", str(old), str(new), "-o", str(tmp_path / "early.json"), "--no-flags", "--date", "2026-01-01"]
    script = ("import sys\n"
              "from comparisons.readers import parallel\n"
              "parallel.PARALLEL_BYTES = 1\n"
              "reading = parallel.Reading\n"
              "def noted(path):\n"
              "    if 'drafting.cli' not in sys.modules:   # before the command line is parsed\n"
              "        print('read early:', path.name, file=sys.stderr)\n"
              "    return reading(path)\n"
              "parallel.Reading = noted\n"
              "from drafting.launch import main\n"
              f"sys.argv = ['treaty', *{args!r}]\n"
              "main()\n")
    early = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT)
    assert early.returncode == 0, early.stderr
    if parallel.can_fork():
        assert "read early: new.docx" in early.stderr
    args[4] = str(tmp_path / "serial.json")
    assert CliRunner().invoke(main, args).exit_code == 0
    assert (tmp_path / "early.json").read_bytes() == (tmp_path / "serial.json").read_bytes()


def test_an_early_reading_of_a_corrupt_new_side_fails_in_one_line(tmp_path):
    from tests.conftest import EXAMPLES

    old, new = tmp_path / "old.docx", tmp_path / "new.docx"
    run_treaty("draft", EXAMPLES / "us-eu-mou.yaml", "-o", old)
    new.write_bytes(b"PK\x03\x04 not really a zip" * 10_000)
    script = ("import sys\n"
              "from comparisons.readers import parallel\n"
              "parallel.PARALLEL_BYTES = 1\n"
              "from drafting.launch import main\n"
              f"sys.argv = ['treaty', 'compare', {str(old)!r}, {str(new)!r}, '-o', {str(tmp_path / 'out.docx')!r}, '--no-flags']\n"
              "main()\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"treaty: error: {new}: not a Word .docx file (not a zip archive)"]
    assert not (tmp_path / "out.docx").exists()
