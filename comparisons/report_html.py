"""HTML: one self-contained page, old and new side by side, the summary and links to each article."""
from __future__ import annotations

from html import escape

from .compare import Comparison, UnitChange
from .diff import DELETE, EQUAL, INSERT
from .report import (VERSIONS, Sides, describe_side, flag_places, flag_rows, headline, notable, renumbered_only,
                     verdict, where)

_STYLE = """
body { font: 11pt/1.45 Georgia, "Times New Roman", serif; margin: 0 auto; max-width: 82em; padding: 1em 2em; color: #111; }
h1 { font-size: 1.5em; } h2 { font-size: 1.1em; margin: 2em 0 .3em; border-bottom: 1px solid #ccc; }
.summary { background: #f6f6f2; padding: .6em 1.2em; border: 1px solid #ddd; }
.status { font: 9pt sans-serif; text-transform: uppercase; letter-spacing: .05em; padding: .1em .5em; border-radius: 3px; background: #eee; }
.status.changed { background: #fff1c2; } .status.added { background: #d8f0d8; } .status.deleted { background: #f6d6d6; } .status.moved { background: #dde6fb; }
table.pair { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.pair td { vertical-align: top; padding: .25em .6em; border-bottom: 1px solid #f0f0f0; text-align: justify; }
table.pair th { font: 9pt sans-serif; color: #666; text-align: left; padding: .2em .6em; }
ins { background: #d6f5d6; color: #064d06; text-decoration: underline; }
del { background: #fbdcdc; color: #8a1010; }
nav ul { columns: 3; font-size: 10pt; } nav a { color: #224; }
td.heading { font-weight: bold; text-align: center; }
table.flags { border-collapse: collapse; margin: 1em 0; font-size: 10pt; }
table.flags th, table.flags td { border: 1px solid #ddd; padding: .25em .6em; text-align: left; vertical-align: top; }
table.flags th { background: #f6f6f2; font-family: sans-serif; }
"""


def _cell(segments, keep: str) -> str:
    parts = []
    for segment in segments:
        if segment.op == EQUAL:
            parts.append(escape(segment.text))
        elif segment.op == keep:
            tag = "ins" if keep == INSERT else "del"
            parts.append(f"<{tag}>{escape(segment.text)}</{tag}>")
    return "".join(parts).replace("\n", "<br>")


def _anchor(n: int) -> str:
    return f"c{n}"


def _pair(change: UnitChange, sides: Sides) -> list[str]:
    rows = [f'<table class="pair"><tr><th>{escape(sides.old)}</th><th>{escape(sides.new)}</th></tr>']
    for line in change.lines:
        kind = ' class="heading"' if line.line.kind != "text" else ""
        left = _cell(line.segments, DELETE) if line.op != INSERT else ""
        right = _cell(line.segments, INSERT) if line.op != DELETE else ""
        rows.append(f"<tr><td{kind}>{left}</td><td{kind}>{right}</td></tr>")
    rows.append("</table>")
    return rows


def _flags(comparison: Comparison, changes: list[UnitChange], sides: Sides) -> list[str]:
    """The material changes, each row linking to its article's diff below."""
    if not comparison.flags:
        return []
    position = {id(change): n for n, change in enumerate(changes)}
    anchors = {where: _anchor(position[id(change)])
               for where, change in flag_places(changes, sides.old_place).items()}
    rows = [f'<h2>{escape(sides.flags_title)}</h2>',
            f'<table class="flags"><tr><th>{escape(sides.flag)}</th><th>Article</th>'
            f'<th>{escape(sides.old)}</th><th>{escape(sides.new)}</th><th>Note</th></tr>']
    for what, article, old, new, note in flag_rows(comparison, sides.old_place, sides.kinds):
        link = f'<a href="#{anchors[article]}">{escape(article)}</a>' if article in anchors else escape(article)
        rows.append(f"<tr><td>{escape(what)}</td><td>{link}</td><td>{escape(old)}</td><td>{escape(new)}</td>"
                    f"<td>{escape(note)}</td></tr>")
    rows.append("</table>")
    return rows


def write_html(comparison: Comparison, sides: Sides = VERSIONS) -> str:
    changes = notable(comparison)
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           f"<title>Comparison: {escape(comparison.new.title)}</title><style>{_STYLE}</style></head><body>",
           f"<h1>{escape(sides.title)}</h1>", '<div class="summary">',
           f"<p>{escape(sides.old)}: {escape(describe_side(comparison.old, comparison.old_source))}<br>"
           f"{escape(sides.new)}: {escape(describe_side(comparison.new, comparison.new_source))}</p>"]
    out += [f"<p>{escape(line)}</p>" for line in headline(comparison)]
    out += [f"<p>Note: {escape(note)}</p>" for note in comparison.notes]
    if renumbered_only(comparison):
        out.append(f"<p>Renumbered, text unchanged: {escape(renumbered_only(comparison))}.</p>")
    out.append("</div>")
    out += _flags(comparison, changes, sides)
    out.append("<nav><ul>")
    for n, change in enumerate(changes):
        out.append(f'<li><a href="#{_anchor(n)}">{escape(where(change))}</a> '
                   f'<span class="status {change.status}">{change.status}</span></li>')
    out.append("</ul></nav>")
    for n, change in enumerate(changes):
        out.append(f'<h2 id="{_anchor(n)}">{escape(where(change))} '
                   f'<span class="status {change.status}">{escape(verdict(change))}</span></h2>')
        out += _pair(change, sides)
    out.append("</body></html>")
    return "\n".join(out) + "\n"
