"""Writing outputs safely: never over an existing file without --force, never half a file."""
from __future__ import annotations

import os
from pathlib import Path

from .errors import OutputError


def check_target(path: Path, force: bool, formats) -> str:
    """Return the output format from the extension; refuse an existing file without force."""
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in formats:
        raise OutputError(f"cannot tell the output format from {path.name!r}; expected an extension "
                          f"among .{', .'.join(formats)}", path)
    if path.exists() and not force:
        raise OutputError("already exists; use --force to replace it", path)
    if path.exists() and path.is_dir():
        raise OutputError("is a folder; expected a file name", path)
    if not path.parent.exists():
        raise OutputError(f"folder {str(path.parent)!r} does not exist", path)
    return suffix


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside the target, then rename it into place."""
    handle, temporary = _create_beside(path)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def _create_beside(path: Path) -> tuple[int, Path]:
    """A new file in the target's folder, opened for writing, that no one else has: O_EXCL
    refuses a name already taken. (tempfile.mkstemp does the same but importing tempfile costs
    more than writing a treaty's redline.)"""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for attempt in range(1000):
        temporary = path.parent / f".{path.name}.{os.getpid()}-{attempt}.part"
        try:
            return os.open(temporary, flags, 0o644), temporary
        except FileExistsError:
            continue
        except OSError as error:
            raise OutputError(f"cannot write here: {error.strerror}", path) from None
    raise OutputError("cannot write here: no free name for a temporary file", path)
