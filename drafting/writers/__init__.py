"""Writers from the document model: .docx, .md and .html. Each returns the file's bytes."""
from __future__ import annotations

from pathlib import Path

from ..model import Document
from ..output import check_target, write_atomic

FORMATS = ("docx", "md", "html")


def render(document: Document, fmt: str) -> bytes:
    if fmt == "docx":
        from .docx import write_docx   # python-docx is imported only when a .docx is asked for
        return write_docx(document)
    if fmt == "md":
        from .markdown import write_markdown
        return write_markdown(document).encode("utf-8")
    if fmt == "html":
        from .html import write_html
        return write_html(document).encode("utf-8")
    raise ValueError(fmt)


def write(document: Document, path: Path, force: bool = False) -> None:
    fmt = check_target(path, force, FORMATS)
    write_atomic(path, render(document, fmt))
