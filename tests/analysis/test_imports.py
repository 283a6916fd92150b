"""spaCy is loaded only by the commands that analyse language: lint, and compare with flags."""
import subprocess
import sys

import pytest

from tests.analysis.fixtures import AGREEMENT
from tests.conftest import EXAMPLES, ROOT


def imports_spacy(*args) -> bool:
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "drafting.launch", *map(str, args)],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode in (0, 1), result.stderr[-2000:]
    return any(line.rstrip().endswith(("| spacy", "|   spacy")) or line.split("|")[-1].strip() == "spacy"
               for line in result.stderr.splitlines() if line.startswith("import time:"))


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pair")
    old, new = folder / "old.md", folder / "new.md"
    old.write_text(AGREEMENT, encoding="utf-8")
    new.write_text(AGREEMENT.replace("shall notify", "may notify"), encoding="utf-8")
    return folder, old, new


def test_help_clauses_and_draft_do_not_import_spacy(tmp_path):
    assert not imports_spacy("--help")
    assert not imports_spacy("clauses", "list")
    assert not imports_spacy("draft", EXAMPLES / "us-mexico-plurilateral.yaml", "-o", tmp_path / "d.md")


def test_compare_imports_spacy_only_with_flags(pair):
    folder, old, new = pair
    assert not imports_spacy("compare", old, new, "-o", folder / "a.json", "--no-flags")
    assert imports_spacy("compare", old, new, "-o", folder / "b.json")


def test_lint_imports_spacy(pair):
    _, old, _ = pair
    assert imports_spacy("lint", old)


def test_spacy_loads_without_its_command_line():
    code = ("from analysis.pipeline import build; build(); import sys; "
            "print('weasel' in sys.modules, 'typer' in sys.modules, 'spacy.cli' in sys.modules); "
            "import spacy.cli.info; print(sys.modules['spacy.cli.info'].info.__module__)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    loaded, real = result.stdout.splitlines()
    assert loaded == "False False False"      # the pipeline never needed the command line
    assert real == "spacy.cli.info"           # and the real one still imports afterwards
