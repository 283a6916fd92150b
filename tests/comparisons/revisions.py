"""Accept or reject every tracked change by reading the WordprocessingML directly.

A strict reading of the revision marks, used to check thousands of generated redlines quickly;
pandoc and LibreOffice, the independent readers, check a sample of them in test_roundtrip.py.
A paragraph whose mark is deleted (accept) or inserted (reject) runs on into the next one.
"""
import io
import zipfile

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def paragraphs(docx: bytes, mode: str) -> list[str]:
    assert mode in ("accept", "reject")
    gone = W + ("del" if mode == "accept" else "ins")
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    out, carry = [], ""
    for p in root.iter(W + "p"):
        text = []
        for element in p.iter(W + "t", W + "delText", W + "br"):
            inside = {a.tag for a in element.iterancestors() if a.tag in (W + "ins", W + "del")}
            if gone in inside:
                continue
            text.append("\n" if element.tag == W + "br" else element.text or "")
        mark = p.find(f"{W}pPr/{W}rPr/{gone}")
        carry += "".join(text)
        if mark is not None:
            continue          # this paragraph's mark is gone: it runs on into the next
        out.append(carry)
        carry = ""
    if carry:
        out.append(carry)
    return [" ".join(t.split()) for t in out if t.strip()]


def after_summary(lines: list[str], sentinel: str) -> list[str]:
    return lines[lines.index(sentinel) + 1:]
