"""Reference texts: the agreements already concluded, against which drafts are read (DESIGN §3).

Each reference is a folder `references/<name>/` holding `text.md`, the text in the structured
Markdown every reader and writer of the toolkit shares, and `provenance.yaml`, which says what the
text is and where it comes from. A text is either `authentic` (imported from the published
instrument with `treaty import`, its source file's sha256 recorded) or `illustrative` (written for
this project from the public record). An illustrative text says so wherever the toolkit shows it.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from drafting.errors import TreatyError
from drafting.model import Document

PREFIX = "ref:"
TEXT, PROVENANCE = "text.md", "provenance.yaml"
_NAME = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?")
# what stays true of an instrument when its illustrative text is replaced by the authentic one
_KEPT_ON_IMPORT = ("title", "short_title", "instrument", "binding", "parties", "date", "date_kind",
                   "status", "published_at", "sources", "related")


class ReferenceError(TreatyError):
    """An unknown reference, or one whose folder is incomplete."""


def root() -> Path:
    from drafting.workspace import Workspace
    return Workspace.default().root / "references"


@dataclass
class Reference:
    name: str
    folder: Path
    provenance: dict

    @property
    def text_path(self) -> Path:
        return self.folder / TEXT

    @property
    def illustrative(self) -> bool:
        return self.provenance.get("text") != "authentic"

    @property
    def status(self) -> str:
        return "illustrative" if self.illustrative else "authentic"

    @property
    def title(self) -> str:
        return str(self.provenance.get("short_title") or self.provenance.get("title") or self.name)

    def caveat(self) -> str:
        """The line every output built from an illustrative text carries."""
        if not self.illustrative:
            source = self.provenance.get("source") or {}
            return (f"{self.name} is the text imported from {source.get('file', 'its source')} "
                    f"on {source.get('imported', 'an unknown date')}.")
        return (f"{self.name} is an illustrative text written for this toolkit from the public record, "
                f"not the authentic text of the {self.title}; import the authentic text with "
                f"`treaty import FILE --name {self.name} --force`.")

    def read(self) -> Document:
        from .readers.text import read_markdown
        path = self.text_path
        try:
            data = path.read_bytes()
        except OSError as error:
            raise ReferenceError(f"cannot read reference {self.name!r} ({error.strerror})", path) from None
        document = read_markdown(path, data)
        document.notes.append(self.caveat())
        return document


def check_name(name: str) -> str:
    if not _NAME.fullmatch(name or ""):
        raise ReferenceError(f"bad reference name {name!r}: expected lower-case letters, digits and "
                             f"hyphens, such as us-japan")
    return name


def names() -> list[str]:
    folder = root()
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if (p / TEXT).is_file() and _NAME.fullmatch(p.name))


def get(name: str) -> Reference:
    check_name(name)
    folder = root() / name
    if not (folder / TEXT).is_file():
        known = ", ".join(names()) or "none"
        raise ReferenceError(f"unknown reference {name!r} (known: {known}); `treaty references list` "
                             f"shows them, `treaty import FILE --name {name}` adds one")
    return Reference(name, folder, _provenance(folder / PROVENANCE))


def all_references() -> list[Reference]:
    return [get(name) for name in names()]


def read_reference(argument: str | Path) -> Document:
    """The document named by `ref:NAME`."""
    return get(str(argument)[len(PREFIX):]).read()


def _provenance(path: Path) -> dict:
    from drafting import yamlfile
    if not path.is_file():
        raise ReferenceError(f"missing {PROVENANCE}: every reference says where its text comes from", path)
    data, _ = yamlfile.load(path)
    if not isinstance(data, dict):
        raise ReferenceError("expected a mapping of provenance fields (title, text, ...)", path)
    if data.get("text") not in ("authentic", "illustrative"):
        raise ReferenceError("expected `text: authentic` or `text: illustrative`", path)
    return data


# -- import ------------------------------------------------------------------------------------
def import_reference(source: Path, name: str, *, force: bool = False, today: dt.date | None = None) -> Reference:
    """Read `source` (any format the readers know), store it as reference `name`, return it.

    Nothing is stored unless the whole text was read and its structure recognised; an existing
    reference is replaced only with `force`, and then in one rename, so a failure leaves it whole.
    """
    from drafting import yamlfile
    from drafting.writers import render

    from .readers import read

    check_name(name)
    folder = root() / name
    existing = folder.exists()
    if existing and not force:
        current = get(name) if (folder / TEXT).is_file() else None
        what = f" ({current.status} text)" if current else ""
        raise ReferenceError(f"reference {name!r} already exists{what}; use --force to replace it")
    document = read(source)
    articles = sum(1 for article in document.articles() if article.number)
    if not articles:
        raise TreatyError("no articles or sections recognised: expected headings such as "
                          "'Article 1', 'ARTICLE I' or 'Section 1' at the start of a line", source)
    data = Path(source).read_bytes()
    previous = {}
    if existing and (folder / PROVENANCE).is_file():
        try:
            previous, _ = yamlfile.load(folder / PROVENANCE)
        except TreatyError:
            previous = {}
    provenance = {key: previous[key] for key in _KEPT_ON_IMPORT if isinstance(previous, dict) and key in previous}
    provenance.setdefault("title", document.title or Path(source).stem)
    provenance.update({
        "name": name,
        "text": "authentic",
        "note": (f"Imported with `treaty import` from {Path(source).name}; the text is what the "
                 f"toolkit read from that file."),
        "source": {"file": Path(source).name, "sha256": hashlib.sha256(data).hexdigest(),
                   "format": Path(source).suffix.lower().lstrip("."),
                   "imported": (today or dt.date.today()).isoformat(),
                   "articles": articles},
    })
    provenance = {"name": name, **{k: v for k, v in provenance.items() if k != "name"}}
    _store(folder, render(document, "md"), _dump(provenance))
    return get(name)


def _dump(data: dict) -> bytes:
    import yaml
    header = "# Provenance of this reference text: written by `treaty import`.\n"
    return (header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)).encode("utf-8")


def _store(folder: Path, text: bytes, provenance: bytes) -> None:
    """Write the reference into a temporary folder beside its place, then swap it in."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".part", dir=folder.parent))
    retired = None
    try:
        (staging / TEXT).write_bytes(text)
        (staging / PROVENANCE).write_bytes(provenance)
        os.chmod(staging, 0o755)
        if folder.exists():
            retired = folder.with_name(f".{folder.name}.old")
            if retired.exists():
                shutil.rmtree(retired)
            os.replace(folder, retired)
        os.replace(staging, folder)
    except BaseException:
        if retired is not None and retired.exists() and not folder.exists():
            os.replace(retired, folder)      # put the old reference back
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if retired is not None:
        shutil.rmtree(retired, ignore_errors=True)
