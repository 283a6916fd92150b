"""Plain text (.txt) and Markdown (.md) into the document model.

Plain text: paragraphs are separated by blank lines, and a line that is a heading ("Article 5",
"CHAPTER II", "ANNEX I") stands alone even without them, as does the short title line after a
bare heading and a line that starts a new numbered paragraph after a finished sentence.

Markdown: what drafting.writers.markdown writes ("# Title", "## Chapter I: Heading",
"### Article 1: Objectives", "1\\." escaped numbers, "*subtitle*", "> status") and generic
Markdown (headings of any level, setext headings, lists, emphasis, links, tables); escapes are
removed after the markup, so an escaped "\\*" stays a star.
"""
from __future__ import annotations

import re
from pathlib import Path

from drafting.errors import TreatyError
from drafting.model import Document

from . import labels, structure
from .structure import Block


def decode(data: bytes, source: str | Path) -> tuple[str, list[str]]:
    """The text of a file, and a note when it was not UTF-8."""
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise TreatyError("not a text file (it holds binary data); expected UTF-8 text", source)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), []
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), ["the file is not UTF-8; it was read as Windows-1252"]


def _ends_sentence(line: str) -> bool:
    return line.rstrip("\u201d\"\u2019')]").endswith((".", ";", ":")) or line.endswith((" and", " or"))


def _short_title(line: str) -> bool:
    return (len(line.split()) < 15 and not line.endswith((".", ";", ",", ":"))
            and labels.split(line) is None and line[:1].isupper())


# -- plain text ---------------------------------------------------------------------------------
def text_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    lines: list[str] = []
    expect_title = False

    def flush() -> None:
        if lines:
            blocks.append(Block(" ".join(lines)))
            lines.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            flush()
            continue
        if line[:1].isalpha() and len(line) < 200:
            heading = structure.heading_of(line)
            if heading is not None:
                flush()
                blocks.append(Block(line))
                expect_title = heading[3] == ""
                continue
        if expect_title and not lines and _short_title(line):
            blocks.append(Block(line))
            expect_title = False
            continue
        expect_title = False
        if lines and labels.split(line) is not None and _ends_sentence(lines[-1]):
            flush()
        lines.append(line)
    flush()
    return blocks


def _read(path: Path, data: bytes | None, blocks_of) -> Document:
    path = Path(path)
    text, notes = decode(path.read_bytes() if data is None else data, path)
    document = structure.build(blocks_of(text), default_title=path.stem)
    document.notes[:0] = notes
    return document


def read_text(path: Path, data: bytes | None = None) -> Document:
    return _read(path, data, text_blocks)


# -- Markdown -----------------------------------------------------------------------------------
_HEADING = re.compile(r"(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_RULE = re.compile(r"(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})")
_SETEXT = re.compile(r"=+|-+")
_QUOTE = re.compile(r"(?:>\s?)+")
_LIST_ITEM = re.compile(r"(?:[-*+]|\d{1,3}\\?[.)])\s")
_TABLE_RULE = re.compile(r"\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?")
_EMPHASIS_LINE = re.compile(r"(\*|_)(?!\1)(.+?)(?<!\\)\1")
_INLINE = (
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),                                   # images
    (re.compile(r"(?<!\\)\[([^\]]*?)(?<!\\)\]\([^)]*\)"), r"\1"),                     # links
    (re.compile(r"(?<!\\)`([^`]*)`"), r"\1"),                                          # code
    (re.compile(r"(?<!\\)(\*\*|__)(?=\S)(.+?)(?<=\S)(?<!\\)\1"), r"\2"),               # strong
    (re.compile(r"(?<![\\\w*])([*_])(?=[^\s*_])(.+?)(?<=[^\s\\])\1(?![\w*])"), r"\2"),  # emphasis
    (re.compile(r"<(https?://[^>\s]+)>"), r"\1"),                                      # autolinks
)
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def unmark(text: str) -> str:
    """Inline Markdown removed, then its escapes: "\\*\\*" stays two stars, "**x**" becomes x."""
    if "\\" not in text and not any(c in text for c in "*_`[<"):
        return text
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return _ESCAPE.sub(r"\1", text)


def markdown_blocks(text: str) -> list[Block]:
    lines = text.splitlines()
    if lines and lines[0].strip() == "---":          # YAML front matter
        end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() in ("---", "...")), None)
        if end is not None:
            lines = lines[end + 1:]
    blocks: list[Block] = []
    para: list[str] = []
    titled = False

    def flush() -> None:
        if para:
            joined = " ".join(para)
            whole = _EMPHASIS_LINE.fullmatch(joined) if len(para) == 1 else None
            if whole:
                blocks.append(Block(unmark(whole.group(2)), role="subtitle"))
            else:
                blocks.append(Block(unmark(joined)))
            para.clear()

    def heading(text: str, level: int) -> None:
        nonlocal titled
        flush()
        text = unmark(text)
        role = ""
        if level == 0 and not titled and structure.heading_of(text, True) is None:
            role, titled = "title", True
        blocks.append(Block(text, heading=True, level=level, role=role))

    for raw in lines:
        line = raw.strip()
        if not line:
            flush()
            continue
        if line.startswith("<!--"):
            continue
        match = _HEADING.match(line)
        if match:
            heading(match.group(2), len(match.group(1)) - 1)
            continue
        if para and len(para) == 1 and _SETEXT.fullmatch(line):
            text = para.pop()
            heading(text, 0 if line[0] == "=" else 1)
            continue
        if _RULE.fullmatch(line):
            flush()
            continue
        quote = _QUOTE.match(line)
        if quote:
            line = line[quote.end():].strip()
        if line.startswith("|"):
            if _TABLE_RULE.fullmatch(line):
                continue
            flush()
            para.append(" ".join(cell.strip() for cell in line.strip("|").split("|")))
            flush()
            continue
        if para and (_LIST_ITEM.match(line) or labels.split(line) is not None):
            flush()
        para.append(line)
    flush()
    return blocks


def read_markdown(path: Path, data: bytes | None = None) -> Document:
    return _read(path, data, markdown_blocks)
