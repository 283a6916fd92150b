"""Whole-process time of `treaty draft` on the plurilateral example (target: <= 0.4 s).

Runs the installed command as a user would, several times, and prints the median and best.
Also prints `treaty --help`, which must stay fast because it imports nothing heavy.
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TREATY = [sys.executable, "-m", "drafting.cli"]
RUNS = 9


def timed(args) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, cwd=ROOT, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        cases = {
            "treaty --help": [*TREATY, "--help"],
            "draft plurilateral .docx": [*TREATY, "draft", "examples/us-mexico-plurilateral.yaml", "-o",
                                         f"{folder}/d.docx", "--force"],
            "draft plurilateral .md": [*TREATY, "draft", "examples/us-mexico-plurilateral.yaml", "-o",
                                       f"{folder}/d.md", "--force"],
            "draft action plan .docx": [*TREATY, "draft", "examples/us-mexico-action-plan.yaml", "-o",
                                        f"{folder}/a.docx", "--force"],
        }
        print(f"{'command':<28} {'median':>8} {'best':>8}   (whole process, {RUNS} runs)")
        for name, args in cases.items():
            timed(args)  # warm the file cache
            times = [timed(args) for _ in range(RUNS)]
            print(f"{name:<28} {statistics.median(times):>7.3f}s {min(times):>7.3f}s")
        target = statistics.median([timed(cases["draft plurilateral .docx"]) for _ in range(RUNS)])
        verdict = "within" if target <= 0.4 else "OVER"
        print(f"plurilateral .docx draft: {target:.3f} s, {verdict} the 0.4 s budget")


if __name__ == "__main__":
    main()
