"""The redline as a Word document with native tracked changes.

Every change is a w:ins or w:del with author and date and a unique id. A paragraph that comes or
goes whole has its paragraph mark tracked too, so that accepting or rejecting it leaves no empty
paragraph behind. Track changes is switched on for the recipient. The summary at the front is
ordinary text: it reads the same whether changes are accepted or rejected, and it ends with the
paragraph SUMMARY_END, after which the compared text begins.

With static=True the same changes are shown by formatting alone (inserted text blue and
underlined, deleted text red and struck through), for readers who do not use track changes.
"""
from __future__ import annotations

import datetime as dt

from . import package
from .compare import Comparison
from .diff import DELETE, EQUAL, INSERT, Segment
from .report import VERSIONS, Sides, describe_side, flag_rows, headline, notable, renumbered_only, verdict, where
from .units import DIVISION, HEADING, TITLE

SUMMARY_END = "End of the summary of changes."
_STYLE = {TITLE: "Title", DIVISION: "Heading1", HEADING: "Heading2"}
_STATIC = {INSERT: '<w:rPr><w:color w:val="1F4EA0"/><w:u w:val="single"/></w:rPr>',
           DELETE: '<w:rPr><w:strike/><w:color w:val="B01818"/></w:rPr>'}


class _Writer:
    def __init__(self, author: str, date: str, static: bool):
        self.attrs = f'w:author="{package.escape(author)}" w:date="{date}"'
        self.static = static
        self.next_id = 1
        self.out: list[str] = []

    def _id(self) -> int:
        self.next_id += 1
        return self.next_id - 1

    def run(self, op: str, value: str) -> str:
        tag = "w:delText" if op == DELETE and not self.static else "w:t"
        if "\n" in value or not value:
            # a line break inside the text (heading lines) is a <w:br/> between text elements
            body = "<w:br/>".join(f'<{tag} xml:space="preserve">{package.escape(part)}</{tag}>' if part else ""
                                  for part in value.split("\n"))
        else:
            body = f'<{tag} xml:space="preserve">{package.escape(value)}</{tag}>'
        if op == EQUAL:
            return f"<w:r>{body}</w:r>"
        if self.static:
            return f"<w:r>{_STATIC[op]}{body}</w:r>"
        if op == INSERT:
            return f'<w:ins w:id="{self._id()}" {self.attrs}><w:r>{body}</w:r></w:ins>'
        return f'<w:del w:id="{self._id()}" {self.attrs}><w:r>{body}</w:r></w:del>'

    def paragraph(self, style: str, runs: str, mark: str | None = None, extra: str = "") -> None:
        tracked = ""
        if mark and not self.static:
            tag = "w:ins" if mark == INSERT else "w:del"
            tracked = f'<w:rPr><{tag} w:id="{self._id()}" {self.attrs}/></w:rPr>'
        self.out.append(f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{extra}{tracked}</w:pPr>{runs}</w:p>')

    def plain(self, style: str, value: str, extra: str = "") -> None:
        self.paragraph(style, self.run(EQUAL, value), extra=extra)


def write_redline(comparison: Comparison, *, author: str = "treaty", date: str | None = None,
                  static: bool = False, sides: Sides = VERSIONS) -> bytes:
    stamp = date or dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    writer = _Writer(author, stamp, static)
    # the document's own title: accepted, the redline is the new text
    title = comparison.new.title or comparison.new_source
    docx = package.Package(title=title, author=author, date=stamp, track_revisions=not static)
    try:
        _summary(writer, comparison, sides)
        _body(writer, comparison, docx)
    except BaseException:
        docx.discard()
        raise
    # a closing empty paragraph, so a tracked deletion of the last line never holds the final mark
    writer.out.append("<w:p/>")
    docx.add("".join(writer.out))
    return docx.close()


_PIECE = 500     # paragraphs handed to the package at a time, to be compressed beside the next ones


def _body(writer: _Writer, comparison: Comparison, docx: package.Package) -> None:
    static = writer.static
    paragraphs = [change for step in comparison.steps for change in step.lines]
    for n, change in enumerate(paragraphs):
        if n % _PIECE == 0:
            docx.add("".join(writer.out))
            writer.out.clear()
        line = change.line
        style = _STYLE.get(line.kind) or \
            f"Level{min(line.depth + (1 if line.text[:1].isdigit() or line.depth else 0), 3)}"
        segments = change.segments
        if not static and change.mark != INSERT and n + 1 < len(paragraphs) \
                and paragraphs[n + 1].segments[0].op == INSERT:
            segments = _end_without_insertion(segments)
        runs = "".join(writer.run(segment.op, segment.text) for segment in segments if segment.text)
        mark = change.mark
        # the compared text starts on a new page, after the summary
        writer.paragraph(style, runs, mark, "<w:pageBreakBefore/>" if n == 0 else "")


def last_word(text: str) -> int:
    """Where the last word of a text starts, its trailing spaces with it (0 for spaces alone).
    A scan back from the end: the expression `\\S+\\s*$` would retry from every character and
    take seconds on a paragraph holding one long unbroken string."""
    end = len(text.rstrip())
    start = end
    while start and not text[start - 1].isspace():
        start -= 1
    return start


def _end_without_insertion(segments: list[Segment]) -> list[Segment]:
    """Rewrite a paragraph's end so that it closes on a deletion, not an insertion.

    LibreOffice joins an insertion that ends one paragraph with an insertion that starts the next
    (same author, within a minute) into one change, and rejecting it then removes the paragraph
    break it never inserted. Ending on a deletion keeps the two apart: a final replacement is
    written insertion first; a final pure insertion takes the last kept word with it, which is
    shown deleted and inserted again. Accepting or rejecting still gives exactly the same text.
    """
    if not segments or segments[-1].op != INSERT:
        return segments
    if len(segments) >= 2 and segments[-2].op == DELETE:
        return [*segments[:-2], segments[-1], segments[-2]]
    if len(segments) >= 2 and segments[-2].op == EQUAL:
        kept = segments[-2].text
        start = last_word(kept)
        head, word = kept[:start], kept[start:]
        out = [*segments[:-2]] + ([Segment(EQUAL, head)] if head else [])
        return out + [Segment(INSERT, word + segments[-1].text), Segment(DELETE, word)]
    return segments


def _summary(writer: _Writer, comparison: Comparison, sides: Sides) -> None:
    writer.plain("SummaryTitle", sides.title)
    writer.plain("SummaryText", f"{sides.old}: {describe_side(comparison.old, comparison.old_source)}")
    writer.plain("SummaryText", f"{sides.new}: {describe_side(comparison.new, comparison.new_source)}")
    for line in headline(comparison):
        writer.plain("SummaryText", line)
    for note in comparison.notes:
        writer.plain("SummaryText", f"Note: {note}")
    # what the changes do comes first: on a long treaty the list by article runs to many pages
    if comparison.flags:
        writer.plain("SummaryText", f"{sides.flags_title}:")
        _flag_table(writer, comparison, sides)
    renumbered = renumbered_only(comparison)
    if renumbered:
        writer.plain("SummaryText", f"Renumbered, text unchanged: {renumbered}.")
    changes = notable(comparison)
    if changes:
        writer.plain("SummaryText", "Changes by article:")
        for change in changes:
            writer.plain("SummaryText", f"{where(change)}: {verdict(change)}.")
    writer.plain("SummaryText", SUMMARY_END)


# widths of the material-changes table, in twentieths of a point (a 6.5-inch text column)
_FLAG_COLUMNS = (1500, 1500, 2250, 2250, 1860)
_CELL_BORDERS = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="BFBFBF"/>'
                        for side in ("top", "left", "bottom", "right", "insideH", "insideV"))


def _flag_table(writer: _Writer, comparison: Comparison, sides: Sides) -> None:
    """The material changes as a table. Its paragraphs are summary paragraphs (untracked, in the
    summary style), so a reader of the redline leaves them out with the rest of the summary."""
    def row(cells: tuple[str, ...], bold: bool = False) -> str:
        out = []
        for width, value in zip(_FLAG_COLUMNS, cells):
            props = "<w:rPr><w:b/></w:rPr>" if bold else ""
            run = f'<w:r>{props}<w:t xml:space="preserve">{package.escape(value)}</w:t></w:r>' if value else ""
            out.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
                       f'<w:p><w:pPr><w:pStyle w:val="SummaryText"/></w:pPr>{run}</w:p></w:tc>')
        header = "<w:trPr><w:tblHeader/></w:trPr>" if bold else ""
        return f"<w:tr>{header}{''.join(out)}</w:tr>"

    grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in _FLAG_COLUMNS)
    rows = [row((sides.flag, "Article", sides.old, sides.new, "Note"), bold=True)]
    rows += [row(cells) for cells in flag_rows(comparison, sides.old_place, sides.kinds)]
    writer.out.append(f'<w:tbl><w:tblPr><w:tblW w:w="{sum(_FLAG_COLUMNS)}" w:type="dxa"/>'
                      f'<w:tblBorders>{_CELL_BORDERS}</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr>'
                      f'<w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>')
