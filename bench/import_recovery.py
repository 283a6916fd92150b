"""How much of a treaty survives the trip through PDF: ToTA XML -> .docx -> PDF -> our PDF reader.

For each treaty of ../shared/corpus/tota (read in place, never copied into the project) the ToTA
reading is written as .docx with our writer (as bench/inputs.py builds the comparison inputs),
LibreOffice renders the .docx as PDF (one headless soffice with a private profile for all of them),
and `comparisons.readers.read` imports the PDF. Printed per treaty:

- article boundaries: the articles of the PDF reading matched to those of the XML reading by
  word, number and heading (as multisets): recall (XML articles found) and precision (PDF
  articles that are real). Target 95%.
- words recovered: 1 - (inserted + deleted) / (2 * words of the XML reading), from a word-level
  diff (bench/judge.py) of the two readings flattened to paragraphs (titles, headings, labels and
  text). Target 99%. The same against the .docx reading isolates the PDF step from what the
  .docx writer itself leaves out.
- seconds per import of the PDF (median of 3 runs).

    python bench/import_recovery.py [--all] [--hyphenate] [--runs N]

By default the two sibling pairs of the comparison benchmark (pta_83/pta_98, pta_427/pta_428);
--all takes every treaty in the folder; --hyphenate adds a row per treaty rendered with automatic
hyphenation on, where words break at line ends as in typeset treaties (LibreOffice needs its
hyphenation patterns for that, e.g. Debian's hyphen-en-us). The .docx and PDF files are cached in bench/.cache/import/
and rebuilt when the XML, the ToTA reader, the writer or the model change.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for path in (str(ROOT), str(HERE)):
    if path not in sys.path:
        sys.path.insert(0, path)

from inputs import CACHE, TOTA, _digest, _writer_sources  # noqa: E402
from judge import WORD, changed_words  # noqa: E402

DEFAULT = ["pta_83.xml", "pta_98.xml", "pta_427.xml", "pta_428.xml"]
FOLDER = CACHE / "import"
SOFFICE_SECONDS = 900
TARGETS = {"boundaries": 0.95, "words": 0.99}


@dataclass
class Row:
    name: str
    pages: int
    words: int
    xml_articles: int
    pdf_articles: int
    recall: float
    precision: float
    recovered: float
    recovered_docx: float
    seconds: float


# -- inputs ----------------------------------------------------------------------------------------
def _reader_sources() -> list[Path]:
    """What the .docx depends on besides the XML: the readers that produce the ToTA reading
    (not the PDF, HTML and Akoma Ntoso readers, which never touch it), the writer, the model."""
    readers = ROOT / "comparisons" / "readers"
    skip = {"pdf.py", "pdf_layout.py", "html.py", "akn.py"}
    return [file for file in sorted(readers.glob("*.py")) if file.name not in skip] + _writer_sources()


def _folder(xml: Path) -> Path:
    key = _digest(xml.read_bytes(), *_reader_sources())
    folder = FOLDER / f"{xml.stem}-{key}"
    for stale in FOLDER.glob(f"{xml.stem}-*"):
        if stale != folder and stale.name[len(xml.stem) + 1:].isalnum():
            shutil.rmtree(stale, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def build(treaties: list[Path], stem: str) -> dict[Path, Path]:
    """{xml: folder holding STEM.docx and STEM.pdf}, building what is missing."""
    from comparisons.readers import read
    from drafting.writers import render

    folders = {xml: _folder(xml) for xml in treaties}
    for xml, folder in folders.items():
        if not (folder / "treaty.docx").exists():
            (folder / "treaty.docx").write_bytes(render(read(xml), "docx"))
        if stem == "hyphenated" and not (folder / "hyphenated.docx").exists():
            _hyphenated(folder / "treaty.docx", folder / "hyphenated.docx")
    missing = [folder / f"{stem}.docx" for folder in folders.values() if not (folder / f"{stem}.pdf").exists()]
    if missing:
        _to_pdf(missing)
    return folders


def _hyphenated(docx: Path, out: Path) -> None:
    """The same .docx with automatic hyphenation switched on (w:autoHyphenation in its settings),
    so that LibreOffice breaks words at line ends as a typesetter does."""
    import zipfile

    with zipfile.ZipFile(docx) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/settings.xml":
                data = re.sub(rb"(<w:settings\b[^>]*>)", rb"\1<w:autoHyphenation/>", data, count=1)
            target.writestr(item, data)


def _to_pdf(docx_files: list[Path]) -> None:
    """LibreOffice renders each .docx as a .pdf of the same name beside it; one soffice for all."""
    soffice = shutil.which("soffice")
    if soffice is None:
        raise SystemExit("import_recovery: soffice (LibreOffice) is not installed; it renders the PDFs")
    work = Path(tempfile.mkdtemp(prefix="treaty-import-"))
    try:
        out = work / "out"
        args = [soffice, "--headless", "--invisible", "--norestore", "--nologo", "--nolockcheck",
                f"-env:UserInstallation={(work / 'profile').as_uri()}", "--convert-to", "pdf",
                "--outdir", str(out)]
        # the .docx files all share one name: link each under a name of its own
        names = {}
        for index, docx in enumerate(docx_files):
            link = work / f"t{index}.docx"
            os.symlink(docx, link)
            names[link.stem] = docx
        process = subprocess.Popen(args + [str(work / f"t{i}.docx") for i in range(len(docx_files))],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
        try:
            _, stderr = process.communicate(timeout=SOFFICE_SECONDS)
        except subprocess.TimeoutExpired:
            raise SystemExit(f"import_recovery: LibreOffice did not finish within {SOFFICE_SECONDS} s")
        finally:
            try:   # the whole group, on time-out and after: oosplash may leave soffice.bin behind
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        for stem, docx in names.items():
            pdf = out / f"{stem}.pdf"
            if not pdf.exists():
                raise SystemExit(f"import_recovery: LibreOffice did not convert {docx}: {stderr.decode()[-500:]}")
            shutil.move(pdf, docx.with_suffix(".pdf"))
    finally:
        shutil.rmtree(work, ignore_errors=True)


# -- measures --------------------------------------------------------------------------------------
def paragraphs(document) -> list[str]:
    """A reading flattened to paragraphs: front matter, headings, labelled paragraphs, closing."""
    from drafting.model import Division

    out = [document.title, document.subtitle, *document.opening]

    def walk(items) -> None:
        for paragraph in items:
            for each in paragraph.walk():
                out.append(f"{each.number} {each.text}".strip())

    walk(document.preamble)
    out.append(document.formula)
    for item in document.body:
        articles = [item]
        if isinstance(item, Division):
            out.append(f"{item.kind} {item.number} {item.heading}")
            articles = item.articles
        for article in articles:
            out.append(f"{article.word} {article.number} {article.heading}")
            walk(article.paragraphs)
    for annex in document.annexes:
        out.append(f"Annex {annex.number} {annex.heading}")
        walk(annex.paragraphs)
    out += document.closing + document.signatories
    return [" ".join(text.split()) for text in out if text and text.strip()]


def _boundaries(document) -> Counter:
    return Counter((a.word, a.number, " ".join(WORD.findall(a.heading.casefold()))) for a in document.articles())


def _recovered(reference: list[str], got: list[str]) -> tuple[float, int]:
    words = sum(len(WORD.findall(p)) for p in reference)
    return 1 - changed_words(reference, got) / (2 * words), words


def measure(xml: Path, folder: Path, runs: int, stem: str) -> Row:
    from comparisons.readers import read

    pdf = folder / f"{stem}.pdf"
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        imported = read(pdf)
        times.append(time.perf_counter() - start)
    original = read(xml)
    docx = read(folder / "treaty.docx")
    want, got = _boundaries(original), _boundaries(imported)
    matched = sum((want & got).values())
    recovered, words = _recovered(paragraphs(original), paragraphs(imported))
    recovered_docx, _ = _recovered(paragraphs(docx), paragraphs(imported))
    import pypdfium2
    with pypdfium2.PdfDocument(pdf) as document:
        pages = len(document)
    return Row(xml.stem + (" (hyphenated)" if stem == "hyphenated" else ""), pages, words, sum(want.values()), sum(got.values()),
               matched / max(1, sum(want.values())), matched / max(1, sum(got.values())),
               recovered, recovered_docx, statistics.median(times))


# -- report ----------------------------------------------------------------------------------------
def _pct(value: float, target: float | None = None) -> str:
    # truncated, not rounded: a figure short of 100% never shows as 100.00%
    text = "100%" if value >= 1 else f"{int(value * 10000) / 100:.2f}%"
    return text + (" " if target is None or value >= target else "!")


def table(rows: list[Row]) -> str:
    head = ("treaty", "pages", "words", "articles xml/pdf", "recall", "precision", "words vs xml",
            "words vs docx", "import s")
    body = [(r.name, str(r.pages), f"{r.words:,}", f"{r.xml_articles}/{r.pdf_articles}",
             _pct(r.recall, TARGETS["boundaries"]), _pct(r.precision, TARGETS["boundaries"]),
             _pct(r.recovered, TARGETS["words"]), _pct(r.recovered_docx, TARGETS["words"]),
             f"{r.seconds:.2f}") for r in rows]
    widths = [max(len(line[i]) for line in (head, *body)) for i in range(len(head))]
    lines = ["| " + " | ".join(cell.ljust(w) for cell, w in zip(line, widths)) + " |" for line in (head, *body)]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--all", action="store_true", help="every treaty in the corpus folder")
    parser.add_argument("--runs", type=int, default=3, help="timed imports per PDF (median)")
    parser.add_argument("--hyphenate", action="store_true",
                        help="also with automatic hyphenation on (needs LibreOffice's hyphenation "
                             "patterns, e.g. Debian's hyphen-en-us)")
    args = parser.parse_args()
    if not TOTA.is_dir():
        print(f"import_recovery: skipped: the ToTA corpus is not at {TOTA}")
        return
    treaties = sorted(TOTA.glob("*.xml")) if args.all else [TOTA / name for name in DEFAULT]
    absent = [t.name for t in treaties if not t.exists()]
    treaties = [t for t in treaties if t.exists()]
    if absent:
        print(f"import_recovery: not in the corpus, left out: {', '.join(absent)}")
    if not treaties:
        print("import_recovery: skipped: no treaty to measure")
        return
    start = time.perf_counter()
    stems = ["treaty", "hyphenated"] if args.hyphenate else ["treaty"]
    if args.hyphenate and not list(Path("/usr/share/hyphen").glob("hyph_en*.dic")):
        print("import_recovery: no English hyphenation patterns in /usr/share/hyphen: LibreOffice "
              "will not hyphenate, and the hyphenated rows will equal the others")
    folders = {}
    for stem in stems:
        folders = build(treaties, stem)
    print(f"inputs ready in {time.perf_counter() - start:.1f} s (cached in {FOLDER.relative_to(ROOT)})")
    rows = [measure(xml, folders[xml], max(1, args.runs), stem) for xml in treaties for stem in stems]
    print()
    print(table(rows))
    print(f"\ntargets: article boundaries >= {TARGETS['boundaries']:.0%} (recall and precision), "
          f"words >= {TARGETS['words']:.0%}; '!' marks a figure below its target.")
    print("words vs docx: against our .docx reader's reading of the file LibreOffice rendered, "
          "so what the .docx writer leaves out is not counted against the PDF reader.")


if __name__ == "__main__":
    main()
