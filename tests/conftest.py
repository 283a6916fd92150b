import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CORPUS = ROOT.parent / "shared" / "corpus" / "tota"


def require_tool(name: str) -> str:
    """The path of a real client; in CI its absence is a failure, on a laptop a visible skip."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is required in CI (.ci/run installs it)")
        pytest.skip(f"{name} is not installed")
    return path


@pytest.fixture
def workspace_copy(tmp_path, monkeypatch):
    """A private copy of the clause library and templates, for tests that plant bad files."""
    home = tmp_path / "home"
    for folder in ("clauses", "templates"):
        shutil.copytree(ROOT / folder, home / folder)
    monkeypatch.setenv("TREATY_HOME", str(home))
    return home


def run_treaty(*args, cwd=None, env=None):
    """Run the real command (its entry point) in a fresh process, as a user would."""
    return subprocess.run([sys.executable, "-m", "drafting.launch", *map(str, args)], cwd=cwd or ROOT,
                          capture_output=True, text=True, env={**os.environ, **(env or {})}, timeout=120)
