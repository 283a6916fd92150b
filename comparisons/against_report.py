"""What `treaty against` writes: the coverage matrix and the article-by-article table (HTML and
JSON), and for each reference a tracked-changes redline and a side-by-side page of every pair."""
from __future__ import annotations

import json
from html import escape
from pathlib import Path

from drafting.errors import OutputError
from drafting.output import write_atomic

from .against import Against, Reading, Text
from .compare import UnitChange
from .report import Sides, flag_places, flag_rows, notable, plural
from .topics import topic_name
from .units import Unit

REPORT_HTML, REPORT_JSON = "report.html", "report.json"


def redline_name(reading: Reading) -> str:
    return file_names([reading.text.name])[2]


def pairs_name(reading: Reading) -> str:
    return file_names([reading.text.name])[3]


def file_names(reference_names: list[str]) -> list[str]:
    names = [REPORT_HTML, REPORT_JSON]
    for name in reference_names:
        names += [f"redline-{name}.docx", f"pairs-{name}.html"]
    return names


def check_outdir(outdir: Path, names: list[str], force: bool) -> None:
    """Refuse before any work: a missing parent, a file where the folder should be, or outputs
    that exist already without --force."""
    if outdir.exists() and not outdir.is_dir():
        raise OutputError("is a file; expected a folder for the reports", outdir)
    if not outdir.exists() and not outdir.parent.is_dir():
        raise OutputError(f"folder {str(outdir.parent)!r} does not exist", outdir)
    present = [name for name in names if (outdir / name).exists()]
    if present and not force:
        raise OutputError(f"already holds {', '.join(present)}; use --force to replace them", outdir)


def write_all(against: Against, outdir: Path, *, force: bool, author: str, date: str | None,
              flagged: bool = False) -> list[Path]:
    """Render every file first, then write each atomically: a failure leaves nothing half-written.
    `flagged`: the material differences were computed (each reading's comparison.flags)."""
    from .redline import write_redline
    from .report_html import write_html

    files: dict[str, bytes] = {}
    for reading in against.readings:
        sides = _sides(reading)
        files[redline_name(reading)] = write_redline(reading.comparison, author=author, date=date, sides=sides)
        files[pairs_name(reading)] = write_html(reading.comparison, sides).encode("utf-8")
    files[REPORT_JSON] = (json.dumps(as_json(against, flagged), indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    files[REPORT_HTML] = as_html(against, flagged).encode("utf-8")
    check_outdir(outdir, list(files), force)
    outdir.mkdir(exist_ok=True)
    written = []
    for name, data in files.items():
        write_atomic(outdir / name, data)
        written.append(outdir / name)
    return written


# -- the pieces both formats share --------------------------------------------------------------
def _name(unit: Unit) -> str:
    return f"{unit.citation}: {unit.heading}" if unit.heading and unit.citation else (unit.citation or unit.heading)


def _change_for(reading: Reading, unit: Unit, side: str) -> UnitChange | None:
    for change in reading.comparison.changes:
        if getattr(change, side) is unit:
            return change
    return None


def _anchor(reading: Reading, change: UnitChange | None) -> str:
    """The id write_html gives this change on the pairs page ('' when the pair is identical)."""
    changes = notable(reading.comparison)
    for n, candidate in enumerate(changes):
        if candidate is change:
            return f"{pairs_name(reading)}#c{n}"
    return pairs_name(reading)


def _topics(text: Text, unit: Unit) -> list[dict]:
    return [{"id": t.id, "name": t.name, "confidence": t.confidence} for t in text.topics.get(unit.index, [])]


def as_json(against: Against, flagged: bool = False) -> dict:
    draft = against.draft
    texts = [draft] + [r.text for r in against.readings]
    coverage = against.coverage()
    articles = []
    for position, unit in enumerate(draft.articles):
        entry = {"citation": unit.citation, "heading": unit.heading, "label": unit.label,
                 "topics": _topics(draft, unit), "counterparts": {}}
        for reading in against.readings:
            counterpart = reading.counterparts[position]
            found = None
            if counterpart.reference is not None:
                change = _change_for(reading, unit, "new")
                found = {"citation": counterpart.reference.citation, "heading": counterpart.reference.heading,
                         "similarity": counterpart.similarity, "status": change.status,
                         "words_inserted": change.words_inserted, "words_deleted": change.words_deleted}
            elif counterpart.closest is not None:
                found = {"citation": None, "closest": counterpart.closest.citation,
                         "similarity": counterpart.similarity}
            entry["counterparts"][reading.text.name] = found
        articles.append(entry)
    return {
        "draft": {"title": draft.title, "source": against.readings[0].comparison.new_source
                  if against.readings else "", "articles": len(draft.articles)},
        "references": [{"name": r.text.name, "title": r.text.reference.provenance.get("title", r.text.title),
                        "short_title": r.text.title, "text": r.text.reference.status,
                        "caveat": r.text.reference.caveat(), "articles": len(r.text.articles),
                        "paired": len(r.paired), "redline": redline_name(r), "pairs": pairs_name(r)}
                       for r in against.readings],
        "topics": [{"id": topic, "name": topic_name(topic)} for topic in against.topic_ids],
        "coverage": {topic: {t.name: [u.citation for u in coverage[topic][t.name]] for t in texts}
                     for topic in against.topic_ids},
        "articles": articles,
        "missing": {r.text.name: [{"citation": u.citation, "heading": u.heading, "topics": _topics(r.text, u)}
                                  for u in r.missing] for r in against.readings},
        # old: the reference's wording, new: the draft's (null when not computed: --no-flags)
        "flags": {r.text.name: [flag.as_json() for flag in r.comparison.flags] for r in against.readings}
        if flagged else None,
    }


# -- HTML ---------------------------------------------------------------------------------------
_KINDS = {"modality-strengthened": "Binds more", "modality-weakened": "Binds less",
          "number-changed": "Other number", "definition-changed": "Other definition",
          "party-changed": "Other parties", "reference-changed": "Other reference"}


def _sides(reading: Reading) -> Sides:
    """The words of a reading's redline and pairs page: a reference and a draft, which differ,
    rather than an old and a new version, which change."""
    return Sides(old="Reference", new="Draft", old_place="reference", title="Summary of differences",
                 flags_title=f"Material differences from the {reading.text.title}", flag="Difference",
                 kinds=_KINDS)


_STYLE = """
body { font: 11pt/1.45 Georgia, "Times New Roman", serif; margin: 0 auto; max-width: 76em; padding: 1em 2em; color: #111; }
h1 { font-size: 1.5em; margin-bottom: .2em; } h2 { font-size: 1.15em; margin: 2em 0 .4em; border-bottom: 1px solid #ccc; }
.caveat { background: #fff4d6; border: 1px solid #e6c66a; padding: .5em 1em; margin: .6em 0; }
table { border-collapse: collapse; width: 100%; font-size: 10pt; }
th, td { border: 1px solid #ddd; padding: .3em .5em; vertical-align: top; text-align: left; }
th { background: #f3f3ef; font-family: sans-serif; font-size: 9pt; }
td.none { color: #999; text-align: center; }
.score { font: 8.5pt sans-serif; color: #555; } .topic { font: 8.5pt sans-serif; color: #335; }
a { color: #224; }
"""


def _cell_units(units: list[Unit], link=None) -> str:
    if not units:
        return '<td class="none">—</td>'
    items = []
    for unit in units:
        label = escape(unit.citation or unit.heading)
        title = escape(unit.heading)
        items.append(f'<a href="{link(unit)}" title="{title}">{label}</a>' if link else f'<span title="{title}">{label}</span>')
    return "<td>" + ", ".join(items) + "</td>"


def as_html(against: Against, flagged: bool = False) -> str:
    draft = against.draft
    readings = against.readings
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           f"<title>{escape(draft.title)} against the reference texts</title><style>{_STYLE}</style></head><body>",
           f"<h1>{escape(draft.title)}</h1>",
           f"<p>Read against {', '.join(escape(r.text.title) for r in readings)}: "
           f"{plural(len(draft.articles), 'provision')} of the draft.</p>"]
    for reading in readings:
        reference = reading.text.reference
        css = "caveat" if reference.illustrative else "note"
        out.append(f'<p class="{css}"><b>{escape(reading.text.title)}</b> ({reference.status} text): '
                   f"{escape(reference.caveat())}</p>")
    out.append("<p>Redlines with tracked changes: " + ", ".join(
        f'<a href="{redline_name(r)}">{escape(redline_name(r))}</a>' for r in readings) + ". Side by side: " +
        ", ".join(f'<a href="{pairs_name(r)}">{escape(pairs_name(r))}</a>' for r in readings) + ".</p>")

    # coverage
    coverage = against.coverage()
    out += ["<h2>Coverage by subject</h2>",
            "<p>Which subjects of the clause library each text deals with, and where. A subject is "
            "assigned from an article's own words; hover for the heading.</p>",
            "<table><tr><th>Subject</th><th>Draft</th>" +
            "".join(f"<th>{escape(r.text.title)}</th>" for r in readings) + "</tr>"]
    for topic in against.topic_ids:
        row = coverage[topic]
        if not any(row.values()):
            continue
        cells = _cell_units(row["draft"], lambda u: f"#a{u.index}")
        for reading in readings:
            cells += _cell_units(row[reading.text.name],
                                 lambda u, r=reading: _anchor(r, _change_for(r, u, "old")))
        out.append(f"<tr><td>{escape(topic_name(topic))}</td>{cells}</tr>")
    out.append("</table>")

    # article by article
    out += ["<h2>Article by article</h2>",
            "<p>For each article of the draft, the closest provision of each reference and how much of "
            "the wording they share (the cosine of their content words). Follow a link for the "
            "side-by-side comparison of the pair.</p>",
            "<table><tr><th>Draft</th>" + "".join(f"<th>{escape(r.text.title)}</th>" for r in readings) + "</tr>"]
    for position, unit in enumerate(draft.articles):
        topics = ", ".join(t.name for t in draft.topics.get(unit.index, []))
        cells = [f'<td id="a{unit.index}">{escape(_name(unit))}'
                 + (f'<br><span class="topic">{escape(topics)}</span>' if topics else "") + "</td>"]
        for reading in readings:
            counterpart = reading.counterparts[position]
            if counterpart.reference is not None:
                change = _change_for(reading, unit, "new")
                words = (f"{change.words_inserted} words in, {change.words_deleted} out"
                         if change.status != "unchanged" else "same text")
                cells.append(f'<td><a href="{_anchor(reading, change)}">{escape(_name(counterpart.reference))}</a>'
                             f'<br><span class="score">similarity {counterpart.similarity:.0%}; {words}</span></td>')
            elif counterpart.closest is not None:
                cells.append(f'<td class="none">no counterpart<br><span class="score">closest, already paired: '
                             f"{escape(counterpart.closest.citation)} ({counterpart.similarity:.0%})</span></td>")
            else:
                cells.append('<td class="none">no counterpart</td>')
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table>")

    for reading in readings:
        out += _differences(reading, flagged)
    for reading in readings:
        out.append(f"<h2>What the {escape(reading.text.title)} has that the draft lacks</h2>")
        if not reading.missing:
            out.append("<p>Nothing: every provision has a counterpart in the draft.</p>")
            continue
        out.append("<ul>")
        for unit in reading.missing:
            topics = ", ".join(t.name for t in reading.text.topics.get(unit.index, []))
            link = _anchor(reading, _change_for(reading, unit, "old"))
            out.append(f'<li><a href="{link}">{escape(_name(unit))}</a>'
                       + (f' <span class="topic">({escape(topics)})</span>' if topics else "") + "</li>")
        out.append("</ul>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _differences(reading: Reading, flagged: bool) -> list[str]:
    """The material differences of the draft from one reference: where the draft's sentence says
    in substance something other than its counterpart there."""
    title, sides = escape(reading.text.title), _sides(reading)
    out = [f"<h2>{escape(sides.flags_title)}</h2>"]
    if not flagged:
        return out + ["<p>Not computed (<code>--no-flags</code>).</p>"]
    if not reading.comparison.flags:
        return out + [f"<p>None found: where a sentence of the draft has a counterpart in the {title}, "
                      "the two agree in force, numbers, parties, references and defined terms.</p>"]
    out += [f"<p>Sentences of the draft whose counterpart in the {title} binds more or less, names other "
            "numbers, parties or provisions, or defines a term otherwise; and terms the draft uses that "
            f"only the {title} defines. Follow a link for the pair side by side.</p>",
            f"<table><tr><th>{sides.flag}</th><th>Where</th><th>{title}</th><th>{sides.new}</th><th>Note</th></tr>"]
    changes = flag_places(reading.comparison.changes, sides.old_place)
    for what, where, old, new, note in flag_rows(reading.comparison, sides.old_place, sides.kinds):
        change = changes.get(where)
        link = f'<a href="{_anchor(reading, change)}">{escape(where)}</a>' if change else escape(where)
        out.append(f"<tr><td>{escape(what)}</td><td>{link}</td><td>{escape(old)}</td>"
                   f"<td>{escape(new)}</td><td>{escape(note)}</td></tr>")
    out.append("</table>")
    return out
