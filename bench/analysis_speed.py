"""Whole-process times of the language analysis (median of 3 runs each), against the targets:

    treaty lint pta_428.xml (EU-Moldova, 70,000 words)                     <= 3 s
    treaty compare pta_427 pta_428 -o out.json (EU-Georgia/EU-Moldova)      <= 1.5 s with flags
    treaty compare ... --no-flags                                           as fast as before flags

The ToTA XML files of the shared corpus are used, and the .docx pair that bench/inputs.py caches
when it is there. Runs the command as a user would (`python -m drafting.cli`).
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "tota"
CACHE = ROOT / "bench" / ".cache" / "inputs"
TREATY = [sys.executable, "-m", "drafting.cli"]
RUNS = 3


def timed(args) -> float:
    start = time.perf_counter()
    result = subprocess.run(args, cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode not in (0, 1):
        raise SystemExit(f"failed: {' '.join(map(str, args))}\n{result.stderr}")
    return elapsed


def main() -> None:
    old, new = CORPUS / "pta_427.xml", CORPUS / "pta_428.xml"
    if not old.exists() or not new.exists():
        print(f"analysis_speed: the shared corpus is not at {CORPUS}; skipped")
        return
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        cases = [
            ("lint pta_428.xml", [*TREATY, "lint", new], 3.0),
            ("compare 427/428 .json, flags", [*TREATY, "compare", old, new, "-o", out / "a.json", "--force"], 1.5),
            ("compare 427/428 .json, --no-flags",
             [*TREATY, "compare", old, new, "-o", out / "b.json", "--force", "--no-flags"], None),
        ]
        docx = sorted(CACHE.glob("pta_427-pta_428-*"))
        if docx and (docx[0] / "old.docx").exists():
            pair = docx[0]
            cases += [
                ("compare 427/428 .docx inputs, flags",
                 [*TREATY, "compare", pair / "old.docx", pair / "new.docx", "-o", out / "c.json", "--force"], 1.5),
                ("compare 427/428 .docx inputs, --no-flags",
                 [*TREATY, "compare", pair / "old.docx", pair / "new.docx", "-o", out / "d.json", "--force",
                  "--no-flags"], None),
            ]
        print(f"\nLanguage analysis, whole process (median of {RUNS})")
        print(f"  {'case':42} {'median':>8} {'best':>7}  target")
        for name, args, target in cases:
            times = [timed(args) for _ in range(RUNS)]
            median = statistics.median(times)
            verdict = "" if target is None else f"<= {target:.1f} s {'ok' if median <= target else 'MISSED'}"
            print(f"  {name:42} {median:7.2f}s {min(times):6.2f}s  {verdict}")


if __name__ == "__main__":
    main()
