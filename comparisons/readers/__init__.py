"""Readers: any treaty text into the shared document model (DESIGN §2, §4 step 1).

`read(path)` picks the reader by extension, and for .xml by the root element (ToTA's <treaty>,
Akoma Ntoso's <akomaNtoso>). Every reader treats its input as untrusted (limits on
size, a hardened XML parser, a .docx opened as a checked zip) and never writes to it; every
problem is a TreatyError that names the file and says what was expected.
"""
from __future__ import annotations

import re
from pathlib import Path

from drafting.errors import TreatyError
from drafting.model import Document

EXPECTED = "expected .docx, .pdf, .html, .md, .txt, .xml (ToTA or Akoma Ntoso) or .yaml"
MAX_BYTES = 256 * 1024 * 1024


def _spec(path: Path, data: bytes) -> Document:
    from drafting.assemble import assemble   # the clause library loads only when a spec is read
    return assemble(path)


# what may come before the root element: a BOM, the XML declaration, comments, processing
# instructions and white space (a DOCTYPE is refused later by safe_xml, whichever reader runs)
_PROLOGUE = re.compile(rb"(?:\xef\xbb\xbf)?(?:\s+|<\?.*?\?>|<!--.*?-->)*", re.S)
_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)")


def _xml(path: Path, data: bytes) -> Document:
    """ToTA or Akoma Ntoso, by the name of the root element (its namespace prefix ignored)."""
    root = _ROOT.match(data, _PROLOGUE.match(data).end())
    if root is not None and root.group(1) == b"akomaNtoso":
        from .akn import read_akn
        return read_akn(path, data)
    from .tota import read_tota
    return read_tota(path, data)


def _reader(suffix: str):
    if suffix == ".docx":
        from .docx import read_docx
        return read_docx
    if suffix in (".md", ".markdown"):
        from .text import read_markdown
        return read_markdown
    if suffix == ".txt":
        from .text import read_text
        return read_text
    if suffix == ".xml":
        return _xml
    if suffix == ".pdf":
        from .pdf import read_pdf
        return read_pdf
    if suffix in (".html", ".htm", ".xhtml"):
        from .html import read_html
        return read_html
    if suffix in (".yaml", ".yml"):
        return _spec
    return None


def read(path: Path) -> Document:
    """The document in `path` (.docx, .md, .txt, ToTA .xml, or a draft spec .yaml/.yml), or the
    reference text named by `ref:NAME`."""
    if str(path).startswith("ref:"):
        from comparisons.references import read_reference
        return read_reference(path)
    path = Path(path)
    reader = _reader(path.suffix.lower())
    if not path.exists():
        raise TreatyError(f"no such file; {EXPECTED}", path)
    if path.is_dir():
        raise TreatyError(f"is a directory, not a file; {EXPECTED}", path)
    if reader is None:
        kind = f"{path.suffix!r} files" if path.suffix else "files without an extension"
        raise TreatyError(f"cannot read {kind}; {EXPECTED}", path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise TreatyError(f"refused: the file is larger than {MAX_BYTES >> 20} MiB", path)
        data = path.read_bytes()
    except OSError as error:
        raise TreatyError(f"cannot read the file ({error.strerror or error})", path) from None
    if not data.strip():
        raise TreatyError(f"the file is empty; {EXPECTED} with a treaty text in it", path)
    return reader(path, data)


__all__ = ["read", "EXPECTED"]
