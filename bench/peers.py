"""The tools the benchmark compares, each driven the same way: (old.docx, new.docx, out.docx) in,
a command line out, run as a process of its own so its whole-process time and memory count.

- ours: `treaty compare OLD NEW -o OUT --force --date 2026-01-01`, the installed command, with
  its material-change flags (the default) and with `--no-flags` (the comparison alone);
- python-redlines: its Python API (DocxodusEngine.run_redline, which runs the Docxodus .NET
  binary shipped in the python-redlines-docxodus wheel), called from this file run as a script:
  `python bench/peers.py python-redlines OLD NEW OUT`, which is how a Python user calls it;
- jubarte-redlines: its own command, `jubarte-redlines compare OLD NEW -o OUT`;
- LibreOffice: Edit > Track Changes > Compare Document, headless through UNO (bench/lo_compare.py
  under the system Python, which has python3-uno), with a fresh copy of a private user profile
  for every run.

`problem()` of a tool says why it cannot run here (None when it can), so the benchmark reports
a missing peer in its table instead of stopping.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
CACHE = ROOT / "bench" / ".cache"
AUTHOR = "Benchmark"
DATE = "2026-01-01"
SYSTEM_PYTHON = "/usr/bin/python3"   # python3-uno is installed for the system Python only
LO_TEMPLATE = CACHE / "lo-profile"


@dataclass(frozen=True)
class Tool:
    name: str
    command: Callable[[Path, Path, Path], list[str]]   # argv comparing old and new into out
    problem: Callable[[], str | None]                  # why it cannot run here, or None
    has_summary: bool = False                          # our redline opens with a summary
    ours: bool = False


def _fails(argv: list[str], what: str) -> str | None:
    try:
        result = subprocess.run(argv, capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"{what}: {error}"
    if result.returncode != 0:
        lines = (result.stderr or result.stdout).strip().splitlines()
        return f"{what}: {lines[-1] if lines else f'exit {result.returncode}'}"
    return None


# -- ours ------------------------------------------------------------------------------------------

def ours(old: Path, new: Path, out: Path) -> list[str]:
    return [str(BIN / "treaty"), "compare", str(old), str(new), "-o", str(out), "--force",
            "--date", DATE, "--author", AUTHOR]


def ours_no_flags(old: Path, new: Path, out: Path) -> list[str]:
    return ours(old, new, out) + ["--no-flags"]


def ours_problem() -> str | None:
    if not (BIN / "treaty").exists():
        return "not installed (.venv/bin/treaty missing: run make demo)"
    return _fails([str(BIN / "treaty"), "compare", "--help"], "treaty compare unavailable")


# -- python-redlines (Docxodus) --------------------------------------------------------------------

def python_redlines(old: Path, new: Path, out: Path) -> list[str]:
    return [str(BIN / "python"), __file__, "python-redlines", str(old), str(new), str(out)]


def python_redlines_problem() -> str | None:
    return _fails([str(BIN / "python"), "-c", "from python_redlines import DocxodusEngine; DocxodusEngine()"],
                  "python-redlines[docxodus] not usable")


def _run_python_redlines(old: str, new: str, out: str) -> None:
    from python_redlines import DocxodusEngine

    redline, _, _ = DocxodusEngine().run_redline(AUTHOR, Path(old), Path(new), date_time=f"{DATE}T00:00:00Z")
    Path(out).write_bytes(redline)


# -- jubarte-redlines ------------------------------------------------------------------------------

def jubarte(old: Path, new: Path, out: Path) -> list[str]:
    return [str(BIN / "jubarte-redlines"), "compare", str(old), str(new), "-o", str(out), "--author", AUTHOR,
            "--datetime", f"{DATE}T00:00:00Z", "--force", "--quiet"]


def jubarte_problem() -> str | None:
    if not (BIN / "jubarte-redlines").exists():
        return "not installed (pip install jubarte-redlines)"
    return _fails([str(BIN / "jubarte-redlines"), "capabilities"], "jubarte-redlines not usable")


# -- LibreOffice -----------------------------------------------------------------------------------

def libreoffice(old: Path, new: Path, out: Path) -> list[str]:
    """A fresh copy of the warmed-up private profile for each run: LibreOffice 7.4 crashes on
    every other compare when one profile is reused, and a fresh copy costs nothing measured."""
    profile = out.parent / f"lo-profile-{uuid.uuid4().hex[:8]}"
    shutil.copytree(LO_TEMPLATE, profile)
    return [SYSTEM_PYTHON, str(ROOT / "bench" / "lo_compare.py"), str(old), str(new), str(out),
            "--profile", str(profile)]


def libreoffice_problem() -> str | None:
    soffice = shutil.which("soffice")
    if soffice is None:
        return "soffice not found (apt-get install libreoffice-writer)"
    problem = _fails([SYSTEM_PYTHON, "-c", "import uno"], "python3-uno missing for /usr/bin/python3")
    if problem:
        return problem
    if not (LO_TEMPLATE / "user").exists():
        shutil.rmtree(LO_TEMPLATE, ignore_errors=True)
        LO_TEMPLATE.parent.mkdir(parents=True, exist_ok=True)
        problem = _fails([soffice, f"-env:UserInstallation={LO_TEMPLATE.resolve().as_uri()}", "--headless",
                          "--terminate_after_init"], "LibreOffice profile could not be created")
    return problem


TOOLS = [
    Tool("ours", ours, ours_problem, has_summary=True, ours=True),
    Tool("ours --no-flags", ours_no_flags, ours_problem, has_summary=True, ours=True),
    Tool("python-redlines", python_redlines, python_redlines_problem),
    Tool("jubarte-redlines", jubarte, jubarte_problem),
    Tool("LibreOffice", libreoffice, libreoffice_problem),
]


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "python-redlines":
        _run_python_redlines(*sys.argv[2:])
    else:
        sys.exit("usage: peers.py python-redlines OLD NEW OUT")
