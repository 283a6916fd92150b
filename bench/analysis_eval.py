"""Precision and recall of the legal-language analysis against the labelled sets in
tests/analysis/eval/. There are four sets of the same three files, each written by someone who had
not seen the rules:

    tuning   eval/          the rules were corrected after reading its errors: in-sample
    heldout  eval/heldout/  written later; its first run's errors were then fixed: in-sample now
    fresh    eval/fresh/    the second held-out set; its first run's errors were fixed too
    blind    eval/blind/    the third, written 2026-12-03 from the tuning files' headers alone
                            (no rules, no other set); never tuned on: its figures are out-of-sample

Each set holds:

    modality.yaml   sentences with their gold modality and register
    changes.yaml    old/new document pairs with the exact material-change flags expected
    lint.yaml       documents with the exact drafting findings expected

Flags go through the real pipeline (Markdown reader, comparisons.compare.compare, analysis.flags);
a flag matches a gold flag on kind + article. A lint finding matches on kind + article + subject
(case-insensitive, without a leading "the"). Each gold item is matched at most once.

    python bench/analysis_eval.py [--set tuning|heldout|fresh|blind|all] [--verbose]
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
EVAL = ROOT / "tests" / "analysis" / "eval"
REGISTERS = {"agreement": "binding", "mou": "non-binding", "action-plan": "non-binding"}


def load(name: str, folder: Path = EVAL) -> list[dict]:
    path = folder / name
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle) or []


def read_markdown(text: str, name: str):
    from comparisons.readers.text import read_markdown as read
    return read(Path(name), text.encode("utf-8"))


class Tally:
    """True positives, false positives and false negatives by label."""

    def __init__(self):
        self.tp, self.fp, self.fn = Counter(), Counter(), Counter()

    def add(self, gold: list[tuple], predicted: list[tuple], label=lambda item: item[0]) -> tuple[list, list]:
        remaining = Counter(gold)
        missed = Counter(gold)
        extra = []
        for item in predicted:
            if remaining[item] > 0:
                remaining[item] -= 1
                missed[item] -= 1
                self.tp[label(item)] += 1
            else:
                self.fp[label(item)] += 1
                extra.append(item)
        lost = [item for item, n in missed.items() for _ in range(n)]
        for item in lost:
            self.fn[label(item)] += 1
        return lost, extra

    def table(self, title: str, labels=None) -> list[str]:
        labels = labels or sorted(set(self.tp) | set(self.fp) | set(self.fn))
        out = [f"\n{title}", f"  {'label':26} {'prec':>6} {'recall':>6} {'tp':>5} {'fp':>5} {'fn':>5}"]
        for label in labels:
            tp, fp, fn = self.tp[label], self.fp[label], self.fn[label]
            precision = f"{tp / (tp + fp):.3f}" if tp + fp else "  n/a"
            recall = f"{tp / (tp + fn):.3f}" if tp + fn else "  n/a"
            out.append(f"  {label:26} {precision:>6} {recall:>6} {tp:>5} {fp:>5} {fn:>5}")
        tp, fp, fn = sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values())
        if tp + fp and tp + fn:
            out.append(f"  {'all':26} {tp / (tp + fp):>6.3f} {tp / (tp + fn):>6.3f} {tp:>5} {fp:>5} {fn:>5}")
        return out


def modality(items: list[dict], verbose: bool) -> list[str]:
    from analysis.modality import SCALE, classify

    tally = Tally()
    confusion: dict[str, Counter] = defaultdict(Counter)
    errors = []
    for item in items:
        gold = item["modality"]
        predicted = classify(item["text"], REGISTERS.get(item.get("register", "agreement"), "binding"))
        confusion[gold][predicted] += 1
        tally.add([(gold,)], [(predicted,)])
        if predicted != gold:
            errors.append(f"  {gold} -> {predicted} [{item.get('register')}]: {item['text']}")
    labels = [*SCALE, "none"]
    out = tally.table(f"Modality ({len(items)} sentences)", labels)
    out.append("\n  confusion (rows gold, columns predicted):")
    short = {label: label[:6] for label in labels}
    out.append("  " + " " * 14 + "".join(f"{short[label]:>8}" for label in labels))
    for gold in labels:
        out.append(f"  {gold:14}" + "".join(f"{confusion[gold][p] or '.':>8}" for p in labels))
    if verbose:
        out += ["\n  modality errors:", *errors]
    return out


def changes(cases: list[dict], verbose: bool) -> list[str]:
    from analysis.flags import KINDS, flags
    from comparisons.compare import compare

    tally = Tally()
    uses_right = uses_total = 0
    errors = []
    for case in cases:
        comparison = compare(read_markdown(case["old"], "old.md"), read_markdown(case["new"], "new.md"))
        found = flags(comparison)
        gold = [(g["kind"], g["article"]) for g in case.get("flags") or []]
        lost, extra = tally.add(gold, [(f.kind, f.article) for f in found])
        gold_uses = {(g["kind"], g["article"]): g.get("uses") for g in case.get("flags") or [] if "uses" in g}
        for flag in found:
            if flag.kind == "definition-changed" and (flag.kind, flag.article) in gold_uses:
                uses_total += 1
                uses_right += flag.uses == gold_uses[(flag.kind, flag.article)]
        for item in lost:
            errors.append(f"  {case['id']}: missed {item}")
        for item in extra:
            match = next(f for f in found if (f.kind, f.article) == item)
            errors.append(f"  {case['id']}: extra {item} {match.old!r} -> {match.new!r}")
    out = tally.table(f"Material-change flags ({len(cases)} cases)", list(KINDS))
    if uses_total:
        out.append(f"  definition-changed uses exact: {uses_right}/{uses_total}")
    if verbose:
        out += ["\n  flag errors:", *errors]
    return out


def lint(cases: list[dict], verbose: bool) -> list[str]:
    from analysis.lint import KINDS, lint as run

    def norm(text: str) -> str:
        text = " ".join(str(text).split()).lower()
        return text[4:] if text.startswith("the ") else text

    tally = Tally()
    errors = []
    for case in cases:
        found = run(read_markdown(case["document"], f"{case['id']}.md"))
        gold = [(g["kind"], g["article"], norm(g["subject"])) for g in case.get("findings") or []]
        predicted = [(f.kind, f.location.unit, norm(f.subject)) for f in found]
        lost, extra = tally.add(gold, predicted)
        errors += [f"  {case['id']}: missed {item}" for item in lost]
        errors += [f"  {case['id']}: extra {item}" for item in extra]
    out = tally.table(f"Lint findings ({len(cases)} documents)", list(KINDS))
    if verbose:
        out += ["\n  lint errors:", *errors]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="List every error.")
    parser.add_argument("--set", choices=("tuning", "heldout", "fresh", "blind", "all"), default="all",
                        help="tuning, heldout, fresh: sets the rules were fixed on; blind: the one never "
                             "tuned on; all (default): each in turn.")
    args = parser.parse_args()
    folders = {"tuning": EVAL, "heldout": EVAL / "heldout", "fresh": EVAL / "fresh", "blind": EVAL / "blind"}
    chosen = list(folders) if args.set == "all" else [args.set]
    sets = {"modality.yaml": modality, "changes.yaml": changes, "lint.yaml": lint}
    for which in chosen:
        print(f"\n== {which} set ({folders[which].relative_to(ROOT)}) ==")
        for name, run in sets.items():
            items = load(name, folders[which])
            if not items:
                print(f"\n{name}: not found in {folders[which]}, skipped")
                continue
            print("\n".join(run(items, args.verbose)))


if __name__ == "__main__":
    main()
