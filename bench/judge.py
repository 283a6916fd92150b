"""How the benchmark judges a redline: round trip through pandoc, and economy of the markup.

Round trip: pandoc's reading of the redline with every change accepted must equal its reading of
NEW, and with every change rejected its reading of OLD, paragraph for paragraph. pandoc reads every
file the same way (plain text, no wrapping, paragraphs split on blank lines, whitespace collapsed),
so the peers and our tool are held to one standard. Our redline opens with an untracked summary of
changes that ends with the SUMMARY_END paragraph; everything up to it is dropped before comparing.

Economy: the words inside tracked changes (w:ins, w:del, w:moveFrom, w:moveTo in
word/document.xml) divided by the words a word-level diff of OLD and NEW changes (inserted plus
deleted). 1.0 is a redline as small as the edit; 2.0 marks twice as many words as changed.
"""
from __future__ import annotations

import difflib
import re
import subprocess
import zipfile
from pathlib import Path

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CHANGE_TAGS = {W + "ins", W + "del", W + "moveFrom", W + "moveTo"}
TEXT_TAGS = {W + "t", W + "delText"}
SPACE_TAGS = {W + "tab", W + "br", W + "cr"}
WORD = re.compile(r"\w+")
_RULE = re.compile(r"[_\-\u2013\u2014.\s]+")
MAX_XML_BYTES = 1 << 30   # a redline is untrusted input too: refuse absurd expansions
PANDOC_SECONDS = 600


class JudgeError(Exception):
    """pandoc could not read a file, or a redline is not a readable .docx."""


def summary_end() -> str:
    try:
        from comparisons.redline import SUMMARY_END
    except ImportError:
        return "End of the summary of changes."
    return SUMMARY_END


def normalise(text: str) -> str:
    return " ".join(text.split())


def plain_paragraphs(docx: Path, track: str = "accept") -> list[str]:
    """pandoc's plain-text reading of `docx`, as a list of whitespace-collapsed paragraphs."""
    try:
        result = subprocess.run(["pandoc", f"--track-changes={track}", "-f", "docx", "-t", "plain",
                                 "--wrap=none", str(docx)],
                                capture_output=True, text=True, timeout=PANDOC_SECONDS)
    except subprocess.TimeoutExpired as error:
        raise JudgeError(f"pandoc took over {PANDOC_SECONDS} s on {docx.name}") from error
    if result.returncode != 0:
        raise JudgeError(f"pandoc cannot read {docx.name}: {result.stderr.strip()[:200]}")
    paragraphs = (normalise(block) for block in re.split(r"\n[ \t]*\n", result.stdout))
    # a paragraph of nothing but rule characters (a signature line "______") is layout, not
    # text: dropped for every tool and every input alike
    return [p for p in paragraphs if p and not _RULE.fullmatch(p)]


def after_summary(paragraphs: list[str]) -> list[str]:
    """The compared text of our redline: what follows the summary of changes, less its first
    paragraph, the document title. pandoc reads an input's leading Title paragraphs as metadata
    and leaves them out of plain text; in our redline the title follows the summary, so pandoc
    keeps it as a paragraph. Setting it aside compares the same text on both sides."""
    end = normalise(summary_end())
    for index, paragraph in enumerate(paragraphs):
        if paragraph == end:
            return paragraphs[index + 2:]
    return paragraphs


def round_trip(redline: Path, old: list[str], new: list[str], has_summary: bool) -> tuple[str, str]:
    """("ok" | "accept≠new" | "reject≠old" | "both differ", where the texts part)."""
    accepted = plain_paragraphs(redline, "accept")
    rejected = plain_paragraphs(redline, "reject")
    if has_summary:
        accepted, rejected = after_summary(accepted), after_summary(rejected)
    accept_ok, reject_ok = accepted == new, rejected == old
    details = []
    if not accept_ok:
        details.append("accepted " + first_difference(accepted, new))
    if not reject_ok:
        details.append("rejected " + first_difference(rejected, old))
    verdict = {(True, True): "ok", (False, True): "accept≠new", (True, False): "reject≠old",
               (False, False): "both differ"}[accept_ok, reject_ok]
    return verdict, "; ".join(details)


def first_difference(got: list[str], want: list[str]) -> str:
    """Where two paragraph lists part, shown around the first character that differs."""
    for index, (a, b) in enumerate(zip(got, want)):
        if a != b:
            at = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
            start = max(0, at - 20)
            return f"paragraph {index + 1}: {a[start:at + 30]!r} where expected {b[start:at + 30]!r}"
    if len(got) != len(want):
        return f"{len(got)} paragraphs, expected {len(want)}"
    return "identical"


def _document_xml(docx: Path) -> bytes:
    try:
        with zipfile.ZipFile(docx) as package:
            info = package.getinfo("word/document.xml")
            if info.file_size > MAX_XML_BYTES:
                raise JudgeError(f"{docx.name}: word/document.xml is {info.file_size} bytes")
            return package.read(info)
    except (zipfile.BadZipFile, KeyError) as error:
        raise JudgeError(f"{docx.name} is not a Word document: {error}") from error


def tracked_words(docx: Path) -> int:
    """Words inside tracked insertions, deletions and moves of the main document part."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    root = etree.fromstring(_document_xml(docx), parser)
    pieces: list[str] = []

    def visit(element, inside: bool) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if inside and tag in TEXT_TAGS:
                pieces.append(child.text or "")
            elif inside and tag in SPACE_TAGS:
                pieces.append(" ")
            elif tag in CHANGE_TAGS:
                if not inside:
                    pieces.append(" ")     # separate changes never join into one word
                visit(child, True)
                if not inside:
                    pieces.append(" ")
            else:
                visit(child, inside)

    visit(root, False)
    return len(WORD.findall("".join(pieces)))


def changed_words(old: list[str], new: list[str]) -> int:
    """Inserted plus deleted words of a word-level diff of two texts (paragraph lists).

    Paragraphs are aligned first (difflib, no junk heuristic), then each run of unmatched
    paragraphs is diffed word by word with diff-match-patch (fast-diff-match-patch, exact, no
    time limit) on word-encoded text: words become
    single characters, so the diff never splits a word and stays near-minimal on long texts.
    """
    total = 0
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        a = [w for p in old[a1:a2] for w in WORD.findall(p)]
        b = [w for p in new[b1:b2] for w in WORD.findall(p)]
        total += _word_diff(a, b)
    return total


def _word_diff(a: list[str], b: list[str]) -> int:
    if not a or not b:
        return len(a) + len(b)
    codes: dict[str, str] = {}

    def code(word: str) -> str:
        if word not in codes:
            n = 0x100 + len(codes)
            codes[word] = chr(n if n < 0xD800 else n + 0x800)   # skip the surrogate range
        return codes[word]

    def encode(words: list[str]) -> str:
        return "".join(code(w) for w in words)

    ea, eb = encode(a), encode(b)
    try:
        import fast_diff_match_patch   # the project's own diff engine (C++)
    except ImportError:   # slower, and fine for the small blocks left after paragraph alignment
        matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
        same = sum(block.size for block in matcher.get_matching_blocks())
        return len(a) + len(b) - 2 * same
    ops = fast_diff_match_patch.diff(ea, eb, timelimit=0, checklines=False, cleanup="No", counts_only=True)
    return sum(count for op, count in ops if op != "=")
