"""Markdown for e-mail: the summary, then each changed article with [-deleted-]{+inserted+}."""
from __future__ import annotations

from .compare import Comparison
from .diff import DELETE, INSERT
from .report import describe_side, flag_rows, headline, notable, renumbered_only, verdict, where

_MARK = {INSERT: ("{+", "+}"), DELETE: ("[-", "-]")}


def write_markdown(comparison: Comparison) -> str:
    out = ["# Summary of changes", "",
           f"- Old: {describe_side(comparison.old, comparison.old_source)}",
           f"- New: {describe_side(comparison.new, comparison.new_source)}"]
    out += [f"- {line}" for line in headline(comparison)]
    out += [f"- Note: {note}" for note in comparison.notes]
    if renumbered_only(comparison):
        out.append(f"- Renumbered, text unchanged: {renumbered_only(comparison)}.")
    if comparison.flags:
        out += ["", "## Material changes", ""]
        for what, article, old, new, note in flag_rows(comparison):
            out.append(f"- {article}: {what}: \u201c{old}\u201d \u2192 \u201c{new}\u201d" + (f" ({note})" if note else ""))
    out += ["", "Deleted text is shown as [-text-], inserted text as {+text+}.", ""]
    for change in notable(comparison):
        said = verdict(change)      # it may name an article or quote a heading: keep their capitals
        out += [f"## {where(change)}", "", f"*{said[:1].upper()}{said[1:]}.*", ""]
        if change.status in ("added", "deleted"):
            continue
        for line in change.lines:
            if line.op == "equal":
                continue
            text = "".join(s.text if s.op == "equal" else f"{_MARK[s.op][0]}{s.text}{_MARK[s.op][1]}"
                           for s in line.segments)
            out += [f"> {text}".replace("\n", " \u2014 "), ""]
    return "\n".join(out).rstrip() + "\n"
