"""A .docx is an untrusted zip: open it with limits, read its members with a bound.

Word files arrive by e-mail from partners. The checks here refuse what is not a Word file at all
(an old .doc, a password-protected file, which is an OLE compound file) and what would exhaust
memory (a member that expands hundreds of times, an archive that expands past 256 MiB), before a
single member is decompressed.
"""
from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

from drafting.errors import TreatyError

MAX_TOTAL = 256 * 1024 * 1024        # uncompressed bytes in the whole archive
MAX_RATIO = 200                      # uncompressed / compressed, for any member ...
RATIO_FLOOR = 1024 * 1024            # ... that expands past 1 MiB: tiny members cannot hurt
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def size_text(count: int) -> str:
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if count >= scale:
            return f"{count / scale:.1f} {unit}"
    return f"{count} bytes"


def open_package(data: bytes, source: str | Path) -> zipfile.ZipFile:
    if data[:8] == _OLE:
        raise TreatyError("an encrypted .docx or an old binary .doc; save it as .docx without a password", source)
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise TreatyError("not a Word .docx file (not a zip archive)", source) from None
    total = 0
    for info in package.infolist():
        total += info.file_size
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise TreatyError(f"refused: {info.filename} expands to {size_text(info.file_size)} from "
                              f"{size_text(info.compress_size)}, more than {MAX_RATIO} times (a zip bomb?)", source)
    if total > MAX_TOTAL:
        raise TreatyError(f"refused: the archive expands to {size_text(total)}, more than "
                          f"{size_text(MAX_TOTAL)}", source)
    return package


def read_member(package: zipfile.ZipFile, name: str, source: str | Path) -> bytes | None:
    """The member's bytes, never more than its declared size; None when it is absent."""
    try:
        info = package.getinfo(name)
    except KeyError:
        return None
    try:
        with package.open(info) as member:
            data = member.read(info.file_size + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError, OSError) as error:
        raise TreatyError(f"a damaged .docx: {name} cannot be read ({error})", source) from None
    if len(data) > info.file_size:
        raise TreatyError(f"refused: {name} expands to more than its declared size", source)
    return data
