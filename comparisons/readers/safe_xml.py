"""One hardened XML parser for every reader: no DTDs, no entities, no network, no huge trees.

Treaty files come from partners and from the web. An XML part that declares a DTD can expand
entities into gigabytes (the "billion laughs") or reach out to the network; no treaty text needs
one, so any DOCTYPE is refused outright, before lxml sees the bytes.
"""
from __future__ import annotations

import io
from pathlib import Path
from typing import Iterator

from lxml import etree

from drafting.errors import TreatyError

_OPTIONS = dict(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
_PARSER = etree.XMLParser(**_OPTIONS)
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _declares_dtd(data: bytes) -> bool:
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        return True
    if data[:2] in _UTF16_BOMS:   # the same markers, spelled in two bytes a character
        text = data.decode("utf-16", errors="replace")
        return "<!DOCTYPE" in text or "<!ENTITY" in text
    return False


def parse(data: bytes, source: str | Path, part: str | None = None) -> etree._Element:
    """The root element of `data`; `part` names the member of a package, for the error."""
    if _declares_dtd(data):
        raise TreatyError("XML with a DTD is not accepted (it may expand entities or reach the network)",
                          source, part)
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as error:
        raise TreatyError(f"not well-formed XML ({error.msg})", source, part or error.lineno) from None
    if root is None:
        raise TreatyError("no XML element found", source, part)
    if root.getroottree().docinfo.doctype:
        raise TreatyError("XML with a DTD is not accepted", source, part)
    return root


def iterparse(data: bytes, source: str | Path, part: str | None, tags: tuple[str, ...]) -> Iterator[etree._Element]:
    """Elements with these tags as each one ends, parsed with the same limits as `parse`.

    For large parts (a long treaty's word/document.xml): the caller handles each element and
    clears it, so the tree never grows to the whole document, and freeing it costs nothing at
    the end."""
    if _declares_dtd(data):
        raise TreatyError("XML with a DTD is not accepted (it may expand entities or reach the network)",
                          source, part)
    events = etree.iterparse(io.BytesIO(data), events=("end",), tag=tags, **_OPTIONS)
    try:
        for _, element in events:
            yield element
    except etree.XMLSyntaxError as error:
        raise TreatyError(f"not well-formed XML ({error.msg})", source, part or error.lineno) from None
