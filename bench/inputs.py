"""The benchmark's input pairs, built once into bench/.cache and reused while nothing changed.

Two kinds of pair:
- real sibling treaties from ToTA (../shared/corpus/tota, read in place, never copied into the
  project): EU–Morocco against EU–Tunisia (~10k words) and EU–Georgia against EU–Moldova (~70k),
  read with comparisons.readers.read and written with drafting.writers.render;
- generated treaty-like texts of 10k, 100k and 300k words with seeded edits (bench/generate.py).

For each pair the cache also keeps pandoc's reading of both sides (the reference the round trip is
judged against) and the number of words a word-level diff changes (the economy's denominator).
A pair is rebuilt when its source, the reader, the writer, the model or the generator changes.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from judge import changed_words, plain_paragraphs

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / ".cache"
TOTA = ROOT.parent / "shared" / "corpus" / "tota"

TOTA_PAIRS = [
    ("ToTA EU–Morocco → EU–Tunisia", "pta_83.xml", "pta_98.xml"),
    ("ToTA EU–Georgia → EU–Moldova", "pta_427.xml", "pta_428.xml"),
]
GENERATED = [10_000, 100_000, 300_000]
SEED = 2026


@dataclass
class Pair:
    name: str
    old: Path
    new: Path
    words: int                 # words in the old text, as pandoc reads it
    old_text: list[str]        # pandoc's paragraphs of the old and new .docx
    new_text: list[str]
    changed: int               # words inserted + deleted by a word-level diff
    note: str = ""             # how it was made (reader used, edits applied)


def _digest(*parts: bytes | str | Path) -> str:
    sha = hashlib.sha256()
    for part in parts:
        if isinstance(part, Path):
            files = sorted(part.rglob("*.py")) if part.is_dir() else [part]
            for file in files:
                sha.update(file.read_bytes())
        else:
            sha.update(part.encode() if isinstance(part, str) else part)
    return sha.hexdigest()[:12]


def _writer_sources() -> list[Path]:
    """What a cached pair depends on besides its source: the model, the writers, the judge."""
    return [ROOT / "drafting" / "model.py", ROOT / "drafting" / "writers", ROOT / "bench" / "judge.py"]


def _fresh_folder(prefix: str, key: str) -> Path:
    """The cache folder of one pair; folders left by its earlier versions are removed."""
    import shutil

    folder = CACHE / "inputs" / f"{prefix}-{key}"
    for stale in (CACHE / "inputs").glob(f"{prefix}-*"):
        if stale != folder and stale.name[len(prefix) + 1:].isalnum():
            shutil.rmtree(stale, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _finish(name: str, folder: Path, note: str) -> Pair:
    """Read both sides with pandoc once, count the changed words, and remember it all."""
    meta = folder / "pair.json"
    if meta.exists():
        data = json.loads(meta.read_text())
    else:
        old_text = plain_paragraphs(folder / "old.docx")
        new_text = plain_paragraphs(folder / "new.docx")
        data = {"old_text": old_text, "new_text": new_text, "changed": changed_words(old_text, new_text),
                "words": sum(len(p.split()) for p in old_text), "note": note}
        meta.write_text(json.dumps(data))
    return Pair(name, folder / "old.docx", folder / "new.docx", data["words"], data["old_text"],
                data["new_text"], data["changed"], data["note"])


def tota_pair(name: str, old_file: str, new_file: str) -> Pair | str:
    """A real sibling pair, or why it cannot be built here."""
    from comparisons.readers import read
    from drafting.writers import render

    old_xml, new_xml = TOTA / old_file, TOTA / new_file
    if not (old_xml.exists() and new_xml.exists()):
        return f"{old_file} or {new_file} not found in {TOTA}"
    reader = ROOT / "comparisons" / "readers"
    key = _digest(old_xml.read_bytes(), new_xml.read_bytes(), reader, *_writer_sources())
    folder = _fresh_folder(f"{Path(old_file).stem}-{Path(new_file).stem}", key)
    if not (folder / "pair.json").exists():
        (folder / "old.docx").write_bytes(render(read(old_xml), "docx"))
        (folder / "new.docx").write_bytes(render(read(new_xml), "docx"))
        return _finish(name, folder, "read with comparisons.readers")
    return _finish(name, folder, "")


def generated_pair(words: int) -> Pair:
    import generate
    from drafting.writers import render

    key = _digest(Path(generate.__file__), str(words), str(SEED), *_writer_sources())
    folder = _fresh_folder(f"generated-{words // 1000}k", key)
    name = f"generated {words // 1000}k words"
    if not (folder / "pair.json").exists():
        old, new, log = generate.treaty_pair(words, SEED)
        (folder / "old.docx").write_bytes(render(old, "docx"))
        (folder / "new.docx").write_bytes(render(new, "docx"))
        return _finish(name, folder, f"edits: {log}")
    return _finish(name, folder, "")


def all_pairs(sizes: list[int] = GENERATED) -> list[Pair | tuple[str, str]]:
    """Every input pair in table order; a pair that cannot be built is (name, reason)."""
    pairs: list[Pair | tuple[str, str]] = []
    for name, old_file, new_file in TOTA_PAIRS:
        try:
            built = tota_pair(name, old_file, new_file)
        except Exception as error:  # a reader still being written must not stop the bench
            built = f"could not be built: {type(error).__name__}: {error}"
        pairs.append((name, built) if isinstance(built, str) else built)
    for words in sizes:
        pairs.append(generated_pair(words))
    return pairs
