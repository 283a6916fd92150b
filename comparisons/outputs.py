"""Writing a comparison in the format its output file's extension asks for."""
from __future__ import annotations

from pathlib import Path

from drafting.errors import OutputError
from drafting.output import check_target, write_atomic

from .compare import Comparison

FORMATS = ("docx", "html", "json", "md")


def check(path: Path, force: bool, static: bool) -> str:
    fmt = check_target(path, force, FORMATS)
    if static and fmt != "docx":
        raise OutputError("--static applies to a .docx redline only", path)
    return fmt


def render(comparison: Comparison, fmt: str, *, author: str, date: str | None, static: bool) -> bytes:
    if fmt == "docx":
        from .redline import write_redline
        return write_redline(comparison, author=author, date=date, static=static)
    if fmt == "json":
        from .report_json import write_json
        return write_json(comparison).encode("utf-8")
    if fmt == "html":
        from .report_html import write_html
        return write_html(comparison).encode("utf-8")
    from .report_md import write_markdown
    return write_markdown(comparison).encode("utf-8")


def write(comparison: Comparison, path: Path, *, force: bool, author: str, date: str | None,
          static: bool) -> None:
    fmt = check(path, force, static)
    write_atomic(path, render(comparison, fmt, author=author, date=date, static=static))
