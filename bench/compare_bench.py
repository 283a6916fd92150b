"""`treaty compare` against the peer redline tools, on real sibling treaties and generated texts.

For every input pair and every tool (ours first): whole-process wall time and peak memory, our
time as a fraction of the fastest peer's, the round trip (accept all = NEW, reject all = OLD, as
pandoc reads them) and the economy of the markup (words inside tracked changes per word changed).
A tool that is missing, fails or runs out of time gets that in its row; the benchmark goes on.

    python bench/compare_bench.py [--timeout 300] [--sizes 10000,100000,300000]
                                  [--tools ours,python-redlines,...] [--skip-slow SECONDS] [--runs N]

BENCH_SKIP_SLOW=S (or --skip-slow S): a peer slower than S seconds on the 100k-word text is not
run on the 300k one. Peak memory is the peak resident set of the largest process in the tool's
process tree, as GNU time reports it (`/usr/bin/time -f %M`, apt package `time`; without it, wait4's
figure, which also counts this script's own memory).
"""
from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for path in (str(ROOT), str(HERE)):
    if path not in sys.path:
        sys.path.insert(0, path)

from inputs import CACHE, GENERATED, Pair, all_pairs  # noqa: E402
from judge import JudgeError, round_trip, tracked_words  # noqa: E402
from peers import TOOLS, Tool  # noqa: E402

TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None   # GNU time, for %M
BIG = 50_000          # words from which a tool runs once instead of RUNS times
RUNS = 3


@dataclass
class Result:
    status: str = "done"          # done | failed | timeout | skipped | unavailable
    times: list[float] = field(default_factory=list)
    peak_mib: float = 0.0
    trip: str = ""
    economy: float | None = None
    detail: str = ""

    @property
    def seconds(self) -> float | None:
        return statistics.median(self.times) if self.status == "done" and self.times else None


# -- running one tool ------------------------------------------------------------------------------

def measure(argv: list[str], timeout: float, log: Path) -> tuple[str, float, float, str]:
    """Run argv in its own session; (status, seconds, peak MiB, last stderr line).

    The peak comes from GNU time (`-f %M`), which forks the tool from its own small process: the
    benchmark's own resident set would otherwise be counted in a child forked from it."""
    import subprocess

    peak_file = log.with_suffix(".rss")
    peak_file.unlink(missing_ok=True)
    wrapped = [TIME, "-f", "%M", "-o", str(peak_file), *argv] if TIME else argv
    with open(log, "wb") as err:
        start = time.perf_counter()
        process = subprocess.Popen(wrapped, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err,
                                   start_new_session=True, cwd=ROOT)
        timed_out = threading.Event()

        def kill() -> None:
            timed_out.set()
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill)
        timer.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
    peak = usage.ru_maxrss / 1024
    if TIME:
        reported = peak_file.read_text().split() if peak_file.exists() else []
        peak = int(reported[-1]) / 1024 if reported and reported[-1].isdigit() else 0.0
    lines = [line for line in log.read_text(errors="replace").splitlines()
             if line.strip() and not line.startswith("Command exited with non-zero status")]
    last = lines[-1].strip()[:160] if lines else ""
    if timed_out.is_set():
        return "timeout", seconds, peak, f"killed after {timeout:.0f} s"
    if process.returncode != 0:
        return "failed", seconds, peak, f"exit {process.returncode}: {last}"
    return "done", seconds, peak, ""


def bench_pair(tools: list[Tool], pair: Pair, folder: Path, timeout: float, runs: int) -> dict[str, Result]:
    """Each tool's result on one pair. The runs go round the tools (ours, each peer, ours again…)
    so that a change in the machine's speed during the benchmark weighs on every tool alike."""
    results = {tool.name: Result() for tool in tools}
    for _ in range(runs):
        for tool in tools:
            result = results[tool.name]
            if result.status != "done":
                continue
            out = folder / f"{tool.name}.docx"
            out.unlink(missing_ok=True)
            status, seconds, peak, detail = measure(tool.command(pair.old, pair.new, out), timeout,
                                                    folder / f"{tool.name}.log")
            result.peak_mib = max(result.peak_mib, peak)
            if status == "done" and not out.exists():
                status, detail = "failed", "exit 0 but no output written"
            if status != "done":
                result.status, result.detail, result.times = status, detail, [seconds]
                continue
            result.times.append(seconds)
    for tool in tools:
        result, out = results[tool.name], folder / f"{tool.name}.docx"
        if result.status != "done":
            continue
        try:
            result.trip, result.detail = round_trip(out, pair.old_text, pair.new_text, tool.has_summary)
            result.economy = tracked_words(out) / pair.changed if pair.changed else None
        except JudgeError as error:
            result.trip, result.detail = "unreadable", str(error)
    return results


# -- the table -------------------------------------------------------------------------------------

def fmt_seconds(value: float | None) -> str:
    return "—" if value is None else (f"{value:.2f}" if value < 10 else f"{value:.1f}")


def comparison(results: dict[str, Result]) -> str:
    """'ours 0.31 s = 0.03× fastest peer (LibreOffice 11.2 s)', for each of our runs, or why it
    cannot be said."""
    peers = {name: r.seconds for name, r in results.items()
             if not name.startswith("ours") and r.seconds is not None}
    lines = []
    for name, ours in results.items():
        if not name.startswith("ours"):
            continue
        if ours.seconds is None:
            lines.append(f"{name}: {ours.status}")
        elif not peers:
            lines.append(f"{name} {fmt_seconds(ours.seconds)} s; no peer finished")
        else:
            peer, best = min(peers.items(), key=lambda item: item[1])
            ratio = ours.seconds / best
            verdict = f"{1 / ratio:.1f}× faster" if ratio < 1 else f"{ratio:.1f}× slower"
            lines.append(f"{name} {fmt_seconds(ours.seconds)} s = {ratio:.2f}× fastest peer "
                         f"({peer} {fmt_seconds(best)} s): {verdict}")
    return "; ".join(lines) or "ours: not run"


def table(rows: list[tuple[str, str, Result]], summaries: dict[str, str]) -> str:
    head = ["input", "tool", "time s", "peak MiB", "× ours time", "round trip", "economy"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    ours_time = {}
    for input_name, tool, result in rows:
        if tool == "ours":
            ours_time[input_name] = result.seconds
        base = ours_time.get(input_name)
        if result.status == "done":
            relative = "1" if tool == "ours" else (f"{result.seconds / base:.1f}" if base else "—")
            cells = [fmt_seconds(result.seconds), f"{result.peak_mib:.0f}", relative, result.trip,
                     "—" if result.economy is None else f"{result.economy:.2f}"]
        else:
            shown = f"{result.status} after {fmt_seconds(result.times[0])}" if result.times else result.status
            cells = [shown, "—", "—", "—", "—"]
        lines.append("| " + " | ".join([input_name, tool, *cells]) + " |")
    out = "\n".join(lines)
    out += "\n\n" + "\n".join(f"- {name}: {text}" for name, text in summaries.items())
    notes = [f"- {input_name} / {tool}: {result.detail}" for input_name, tool, result in rows if result.detail]
    if notes:
        out += "\n\nWhere a tool failed or its round trip broke (first difference on each side):\n"
        out += "\n".join(notes)
    return out


# -- main ------------------------------------------------------------------------------------------

def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="treaty compare against the peer redline tools")
    parser.add_argument("--timeout", type=float, default=float(os.environ.get("BENCH_TIMEOUT", 300)),
                        help="seconds allowed to one run of one tool (default 300)")
    parser.add_argument("--sizes", default=os.environ.get("BENCH_SIZES", ",".join(map(str, GENERATED))),
                        help="generated text sizes in words, comma-separated")
    parser.add_argument("--tools", default=os.environ.get("BENCH_TOOLS", ""),
                        help="only these tools, comma-separated (ours, python-redlines, jubarte-redlines, "
                             "LibreOffice)")
    parser.add_argument("--skip-slow", type=float, default=float(os.environ.get("BENCH_SKIP_SLOW", 0)) or None,
                        help="skip the 300k text for a peer slower than this on the 100k one")
    parser.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", RUNS)),
                        help=f"runs per tool on the real treaties and inputs under {BIG} words (median kept); one above")
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    if shutil.which("pandoc") is None:
        sys.exit("compare_bench: pandoc is needed to judge the round trip (apt-get install pandoc)")
    wanted = {name.strip() for name in args.tools.split(",") if name.strip()}
    tools = [tool for tool in TOOLS if not wanted or tool.name in wanted]
    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    started = time.perf_counter()

    print("Comparison benchmark: `treaty compare` against python-redlines, jubarte-redlines and "
          "LibreOffice's Compare Document\n")
    problems: dict[str, str] = {}
    for tool in tools:
        problem = tool.problem()
        if problem:
            problems[tool.name] = problem
        print(f"  {tool.name:<17} {'UNAVAILABLE: ' + problem if problem else 'ready'}")

    print("\nInputs (built once into bench/.cache):")
    pairs = all_pairs(sizes)
    for pair in pairs:
        if isinstance(pair, tuple):
            print(f"  {pair[0]}: SKIPPED, {pair[1]}")
        else:
            print(f"  {pair.name}: {pair.words:,} words, {pair.changed:,} words changed"
                  + (f"; {pair.note}" if pair.note else ""))
    ready = [pair for pair in pairs if isinstance(pair, Pair)]

    runs_root = CACHE / "runs"
    runs_root.mkdir(parents=True, exist_ok=True)
    live = [tool for tool in tools if tool.name not in problems]
    if ready and live:   # one untimed run each, so caches, binaries and profiles are warm
        smallest = min(ready, key=lambda pair: pair.words)
        with tempfile.TemporaryDirectory(dir=runs_root) as scratch:
            for tool in live:
                measure(tool.command(smallest.old, smallest.new, Path(scratch) / "warm.docx"), args.timeout,
                        Path(scratch) / "warm.log")

    rows: list[tuple[str, str, Result]] = []
    summaries: dict[str, str] = {}
    gave_up: dict[str, str] = {}      # a tool that timed out is not tried on larger inputs
    slow_on_100k: set[str] = set()
    print()
    for pair in sorted(ready, key=lambda pair: (not pair.name.startswith("ToTA"), pair.words)):
        # the real treaties are the inputs the targets are set on: every tool runs on them as
        # often as on the small inputs, whatever their length
        runs = args.runs if pair.words < BIG or pair.name.startswith("ToTA") else 1
        results: dict[str, Result] = {}
        timed: list[Tool] = []
        for tool in tools:
            if tool.name in problems:
                results[tool.name] = Result(status="unavailable", detail=problems[tool.name])
            elif tool.name in gave_up and pair.words > gave_up[tool.name]:
                results[tool.name] = Result(status="skipped", detail="timed out on a smaller input")
            elif tool.name in slow_on_100k and pair.words >= 250_000:
                results[tool.name] = Result(status="skipped",
                                            detail=f"slower than {args.skip_slow:.0f} s on 100k words")
            else:
                timed.append(tool)
        with tempfile.TemporaryDirectory(dir=runs_root) as scratch:
            results.update(bench_pair(timed, pair, Path(scratch), args.timeout, runs))
        for tool in tools:
            result = results[tool.name]
            if result.status == "timeout":
                gave_up[tool.name] = pair.words
            if (args.skip_slow and not tool.ours and 90_000 <= pair.words < 250_000
                    and result.seconds is not None and result.seconds > args.skip_slow):
                slow_on_100k.add(tool.name)
            rows.append((pair.name, tool.name, result))
            shown = fmt_seconds(result.seconds) + " s" if result.seconds is not None else result.status
            print(f"  {pair.name} / {tool.name}: {shown}"
                  + (f", {result.trip}" if result.trip else "")
                  + (f" ({result.detail})" if result.detail else ""), flush=True)
        summaries[pair.name] = comparison(results)

    report = table(rows, summaries)
    print("\n" + report)
    print(f"\nRound trip: pandoc --track-changes=accept must give NEW and =reject OLD, paragraph for "
          f"paragraph. Economy: words inside w:ins/w:del/w:move* ÷ words a word diff changes (1.00 is "
          f"ideal). Time: median of {args.runs} runs on the real treaties and under {BIG:,} words, one run above; "
          f"the runs go round the tools in turn.")
    print(f"Benchmark took {time.perf_counter() - started:.0f} s.")
    (CACHE / "results.md").write_text(report + "\n")


if __name__ == "__main__":
    main()
