"""Two independent readers of a redline: what pandoc and LibreOffice see after accept-all / reject-all.

The redline guarantee is checked from outside our own code: accepting every tracked change must
give exactly the new paragraphs and rejecting every change exactly the old ones, as read by

    pandoc_paragraphs(path, mode, keep_empty=False) -> [str]
    libreoffice_paragraphs(paths, mode, keep_empty=False) -> {path: [str]}
    libreoffice_accept_and_reject(paths, keep_empty=False) -> {path: {"accept": [str], "reject": [str]}}
    libreoffice_tracked_changes(paths) -> {path: int}
    docx_open_ok_in_libreoffice(path) -> pages

A missing program raises ReaderUnavailable, a file the reader cannot read ReaderFailed.
test_clients.py records, construct by construct, what each reader does with tracked changes.

pandoc
    ``pandoc -f docx --track-changes=accept|reject -t json FILE``; the JSON AST is walked, one
    string per Para / Plain / Header / LineBlock line, in document order, table cells row by row
    (lists, quotes and divs are entered; footnotes, images, raw and HTML-only content are left
    out, as LibreOffice's body text leaves them out). Paragraphs styled Title, Subtitle, Author,
    Date or Abstract at the very start of a document become metadata in pandoc; they are put
    first, field by field in that order (exact unless those styles alternate, e.g. Title,
    Subtitle, Title). Inlines: Str as is, Space and SoftBreak
    give " ", LineBreak gives "\\n", Quoted gets curly quotes, Code and Math their text, the
    content of Emph, Strong, Underline, Strikeout, Super/Subscript, SmallCaps, Span, Link and
    Cite is kept.

LibreOffice
    one headless ``soffice`` per batch, with a throw-away profile (``-env:UserInstallation``)
    into which a small StarBasic module is planted (``user/basic/Standard``); soffice is started
    with the URL ``macro:///Standard.TreatyReader.Main`` and no Python-UNO is needed (CI installs
    ``libreoffice-writer`` without recommends, hence without python3-uno). For each file the
    macro loads the document hidden, counts its redlines, dispatches
    ``.uno:AcceptAllTrackedChanges`` or ``.uno:RejectAllTrackedChanges``, checks that no redline
    is left, and enumerates the body text through the API: each paragraph's ``getString()``,
    each table's cells in ``getCellNames()`` order (recursively); headers, footers, notes and
    frames are left out. It writes the result to a UTF-8 file and terminates the office. soffice
    runs in its own process group, killed whole on time-out; profile and files are always
    removed. A start costs about 1.5 s, each further small file about 0.1 s.

Normalisation (both readers): every run of whitespace other than a line break (spaces, tabs,
no-break spaces) becomes one space, spaces next to a line break are dropped, the paragraph is
stripped, and paragraphs that are then empty are dropped. List numbers produced by numbering
definitions are not text in either reader and never appear.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

MODES = ("accept", "reject")
LIBREOFFICE_TIMEOUT = 180.0     # seconds for a whole batch


class ReaderUnavailable(RuntimeError):
    """The reader (pandoc, soffice, pdfinfo) is not installed."""


class ReaderFailed(RuntimeError):
    """The reader is installed but did not read the file (crash, time-out, changes left over)."""


# ---------------------------------------------------------------------------------------- common

_SPACES = re.compile(r"[^\S\n]+")
_AROUND_BREAK = re.compile(r" ?\n ?")


def normalise(text: str) -> str:
    text = _SPACES.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
    return _AROUND_BREAK.sub("\n", text).strip()


def _paragraphs(texts, keep_empty: bool = False) -> list[str]:
    return [t for t in map(normalise, texts) if t or keep_empty]


def _check_mode(mode: str) -> None:
    if mode not in MODES:
        raise ValueError(f"mode must be 'accept' or 'reject', not {mode!r}")


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise ReaderUnavailable(f"{name} is not installed")
    return path


# ---------------------------------------------------------------------------------------- pandoc

def pandoc_paragraphs(docx_path, mode: str, keep_empty: bool = False) -> list[str]:
    """The paragraphs pandoc reads from a .docx after accepting or rejecting every change.

    keep_empty reads with ``-f docx+empty_paragraphs`` and keeps the empty ones (a stray empty
    paragraph is what a forgotten tracked paragraph mark leaves behind).
    """
    _check_mode(mode)
    pandoc = _tool("pandoc")
    source = "docx+empty_paragraphs" if keep_empty else "docx"
    try:
        run = subprocess.run([pandoc, "-f", source, f"--track-changes={mode}", "-t", "json", str(docx_path)],
                             capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120)
    except subprocess.TimeoutExpired:
        raise ReaderFailed(f"pandoc did not finish reading {docx_path}") from None
    if run.returncode:
        raise ReaderFailed(f"pandoc failed on {docx_path}: {run.stderr.strip()}")
    document = json.loads(run.stdout)
    out: list[str] = []
    for key in _META_FIELDS:            # pandoc lifts these leading paragraphs out of the body
        if key in document["meta"]:
            _meta(document["meta"][key], out)
    _blocks(document["blocks"], out)
    return _paragraphs(out, keep_empty)


_META_FIELDS = ("title", "subtitle", "author", "date", "abstract")


def _meta(value, out: list[str]) -> None:
    kind, c = value["t"], value.get("c")
    if kind == "MetaInlines":
        out.append(_inlines(c))
    elif kind == "MetaBlocks":
        _blocks(c, out)
    elif kind == "MetaList":
        for item in c:
            _meta(item, out)
    elif kind == "MetaString":
        out.append(c)


def _blocks(blocks, out: list[str]) -> None:
    for block in blocks:
        kind, c = block["t"], block.get("c")
        if kind in ("Para", "Plain"):
            out.append(_inlines(c))
        elif kind == "Header":
            out.append(_inlines(c[2]))
        elif kind == "LineBlock":
            out.extend(_inlines(line) for line in c)
        elif kind == "BlockQuote":
            _blocks(c, out)
        elif kind == "Div":
            _blocks(c[1], out)
        elif kind == "BulletList":
            for item in c:
                _blocks(item, out)
        elif kind == "OrderedList":
            for item in c[1]:
                _blocks(item, out)
        elif kind == "DefinitionList":
            for term, definitions in c:
                out.append(_inlines(term))
                for definition in definitions:
                    _blocks(definition, out)
        elif kind == "Table":
            _table(c, out)
        elif kind == "Figure":      # pandoc 3: the caption's paragraphs, then the body
            _blocks(c[1][1], out)
            _blocks(c[2], out)
        elif kind == "CodeBlock":
            out.extend(c[1].split("\n"))
        # HorizontalRule, RawBlock, Null: no text


def _table(c, out: list[str]) -> None:
    _attr, caption, _colspecs, head, bodies, foot = c
    _blocks(caption[1], out)
    rows = list(head[1])
    for body in bodies:
        rows += body[2] + body[3]
    rows += foot[1]
    for row in rows:
        for cell in row[1]:
            _blocks(cell[4], out)


_QUOTES = {"SingleQuote": ("\u2018", "\u2019"), "DoubleQuote": ("\u201c", "\u201d")}


def _inlines(inlines) -> str:
    parts: list[str] = []
    for inline in inlines:
        kind, c = inline["t"], inline.get("c")
        if kind == "Str":
            parts.append(c)
        elif kind in ("Space", "SoftBreak"):
            parts.append(" ")
        elif kind == "LineBreak":
            parts.append("\n")
        elif kind in ("Emph", "Strong", "Underline", "Strikeout", "Superscript", "Subscript",
                      "SmallCaps"):
            parts.append(_inlines(c))
        elif kind in ("Span", "Link", "Cite"):
            parts.append(_inlines(c[1]))
        elif kind == "Quoted":
            opening, closing = _QUOTES[c[0]["t"]]
            parts.append(opening + _inlines(c[1]) + closing)
        elif kind in ("Code", "Math"):
            parts.append(c[1])
        # Note, Image, RawInline: not body text
    return "".join(parts)


# ----------------------------------------------------------------------------------- LibreOffice

_BASIC = r"""REM Planted by tests/comparisons/clients.py: read documents after accept-all / reject-all.
Option Explicit

Function Esc(s As String) As String
    Esc = Join(Split(Join(Split(Join(Split(s, "\"), "\\"), Chr(10)), "\n"), Chr(13)), "\r")
End Function

Sub DumpText(oText As Object, oOut As Object)
    Dim oEnum As Object, oPar As Object, aNames, i As Long
    oEnum = oText.createEnumeration()
    Do While oEnum.hasMoreElements()
        oPar = oEnum.nextElement()
        If oPar.supportsService("com.sun.star.text.Paragraph") Then
            oOut.writeString("P" & Chr(9) & Esc(oPar.getString()) & Chr(10))
        ElseIf oPar.supportsService("com.sun.star.text.TextTable") Then
            aNames = oPar.getCellNames()
            For i = LBound(aNames) To UBound(aNames)
                DumpText(oPar.getCellByName(aNames(i)), oOut)
            Next i
        End If
    Loop
End Sub

Sub ReadOne(sMode As String, sUrl As String, oOut As Object)
    Dim oDoc As Object, oFrame As Object, oDisp As Object, nBefore As Long, nAfter As Long
    Dim aProps(2) As New com.sun.star.beans.PropertyValue
    Dim aNone()
    On Error GoTo Failed
    aProps(0).Name = "Hidden"
    aProps(0).Value = True
    aProps(1).Name = "MacroExecutionMode"
    aProps(1).Value = 0
    aProps(2).Name = "UpdateDocMode"
    aProps(2).Value = 0
    oDoc = StarDesktop.loadComponentFromURL(sUrl, "_blank", 0, aProps())
    If IsNull(oDoc) Then
        oOut.writeString("FAIL" & Chr(9) & "could not load" & Chr(10))
        Exit Sub
    End If
    nBefore = oDoc.getRedlines().getCount()
    If sMode <> "none" Then
        oFrame = oDoc.getCurrentController().getFrame()
        oDisp = createUnoService("com.sun.star.frame.DispatchHelper")
        If sMode = "accept" Then
            oDisp.executeDispatch(oFrame, ".uno:AcceptAllTrackedChanges", "", 0, aNone())
        Else
            oDisp.executeDispatch(oFrame, ".uno:RejectAllTrackedChanges", "", 0, aNone())
        End If
    End If
    nAfter = oDoc.getRedlines().getCount()
    oOut.writeString("REDLINES" & Chr(9) & nBefore & Chr(9) & nAfter & Chr(10))
    DumpText(oDoc.getText(), oOut)
    oDoc.setModified(False)
    oDoc.close(True)
    oOut.writeString("DONE" & Chr(10))
    Exit Sub
Failed:
    oOut.writeString("FAIL" & Chr(9) & Esc("error " & Err & " at line " & Erl & ": " & Error$) & Chr(10))
    On Error Resume Next
    If Not IsNull(oDoc) Then oDoc.close(True)
End Sub

Sub Main
    Dim oSfa As Object, oIn As Object, oOut As Object, oInStream As Object, oOutStream As Object
    Dim sJobs As String, sLine As String, aJob
    On Error GoTo Finish
    sJobs = Environ("TREATY_LO_JOBS")
    oSfa = createUnoService("com.sun.star.ucb.SimpleFileAccess")
    oInStream = oSfa.openFileRead(ConvertToURL(sJobs))
    oIn = createUnoService("com.sun.star.io.TextInputStream")
    oIn.setInputStream(oInStream)
    oIn.setEncoding("UTF-8")
    oOutStream = oSfa.openFileWrite(ConvertToURL(sJobs & ".partial"))
    oOut = createUnoService("com.sun.star.io.TextOutputStream")
    oOut.setOutputStream(oOutStream)
    oOut.setEncoding("UTF-8")
    Do While Not oIn.isEOF()
        sLine = oIn.readLine()
        If Len(sLine) > 0 Then
            aJob = Split(sLine, Chr(9))
            oOut.writeString("FILE" & Chr(9) & aJob(1) & Chr(10))
            ReadOne(aJob(0), aJob(1), oOut)
        End If
    Loop
    oOut.writeString("END" & Chr(10))
    oOut.closeOutput()
    oIn.closeInput()
    oSfa.move(ConvertToURL(sJobs & ".partial"), ConvertToURL(sJobs & ".out"))
Finish:
    StarDesktop.terminate()
End Sub
"""

_XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
_SCRIPT_XLC = _XML_HEAD + """<!DOCTYPE library:libraries PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "libraries.dtd">
<library:libraries xmlns:library="http://openoffice.org/2000/library" xmlns:xlink="http://www.w3.org/1999/xlink">
 <library:library library:name="Standard" xlink:href="$(USER)/basic/Standard/{kind}.xlb/" xlink:type="simple" library:link="false"/>
</library:libraries>
"""
_SCRIPT_XLB = _XML_HEAD + """<!DOCTYPE library:library PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "library.dtd">
<library:library xmlns:library="http://openoffice.org/2000/library" library:name="Standard" library:readonly="false" library:passwordprotected="false">{element}</library:library>
"""
_REGISTRY = _XML_HEAD + """<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/Office"><prop oor:name="ooSetupInstCompleted" oor:op="fuse"><value>true</value></prop></item>
</oor:items>
"""
_MODULE_XBA = _XML_HEAD + """<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="TreatyReader" script:language="StarBasic">{code}</script:module>
"""


def _plant_macro(profile: Path) -> None:
    """A fresh profile holding our module; marked set up, else first start overwrites user/basic."""
    from xml.sax.saxutils import escape

    basic = profile / "user" / "basic"
    (basic / "Standard").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(_REGISTRY, encoding="utf-8")
    for kind in ("script", "dialog"):
        (basic / f"{kind}.xlc").write_text(_SCRIPT_XLC.format(kind=kind), encoding="utf-8")
    (basic / "Standard" / "script.xlb").write_text(
        _SCRIPT_XLB.format(element='\n <library:element library:name="TreatyReader"/>\n'), encoding="utf-8")
    (basic / "Standard" / "dialog.xlb").write_text(_SCRIPT_XLB.format(element=""), encoding="utf-8")
    (basic / "Standard" / "TreatyReader.xba").write_text(
        _MODULE_XBA.format(code=escape(_BASIC, {'"': "&quot;"})), encoding="utf-8")


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "r": "\r"}.get(m.group(1), m.group(1)), text)


def _run_office(args: list[str], workdir: Path, timeout: float, env: dict | None = None):
    """Start soffice in its own process group; kill the whole group if it overstays."""
    process = subprocess.Popen(args, cwd=workdir, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env={**os.environ, **(env or {})},
                               start_new_session=True)
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise ReaderFailed(f"LibreOffice did not finish within {timeout:g} s") from None
    finally:
        try:  # oosplash may leave soffice.bin behind in the group: end it too
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    return process.returncode, stdout.decode(errors="replace"), stderr.decode(errors="replace")


def _office_args(soffice: str, profile: Path) -> list[str]:
    return [soffice, "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
            "--nolockcheck", f"-env:UserInstallation={profile.as_uri()}"]


def _run_jobs(jobs: list, timeout: float) -> list:
    """[(paragraphs, redlines before, redlines after)] for [(path, mode)], all in one soffice.

    The paragraphs are normalised, empty ones kept.
    """
    soffice = _tool("soffice")
    if not jobs:
        return []
    work = Path(tempfile.mkdtemp(prefix="treaty-lo-"))
    try:
        profile = work / "profile"
        _plant_macro(profile)
        listing = work / "jobs.txt"
        # a last field keeps the URL clear of the line end (TextInputStream.readLine may keep it)
        listing.write_text("".join(f"{mode}\t{Path(path).resolve().as_uri()}\t.\n" for path, mode in jobs),
                           encoding="utf-8")
        code, stdout, stderr = _run_office(
            _office_args(soffice, profile) + ["macro:///Standard.TreatyReader.Main"], work, timeout,
            env={"TREATY_LO_JOBS": str(listing)})
        out = work / "jobs.txt.out"
        if not out.exists():
            raise ReaderFailed(f"LibreOffice wrote no result (exit {code}): {stderr.strip() or stdout.strip()}")
        return _parse(out.read_text(encoding="utf-8"), [path for path, _mode in jobs])
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _parse(report: str, paths: list) -> list:
    """The macro's report: per job FILE, REDLINES before after, P text..., DONE (or FAIL message)."""
    results, texts, counts = [], [], (None, None)
    for line in report.split("\n"):
        tag, _, rest = line.partition("\t")
        if tag == "FILE":
            texts, counts = [], (None, None)
        elif tag == "REDLINES":
            before, after = rest.split("\t")
            counts = (int(before), int(after))
        elif tag == "P":
            texts.append(_unescape(rest))
        elif tag == "FAIL":
            raise ReaderFailed(f"LibreOffice could not read {paths[len(results)]}: {_unescape(rest)}")
        elif tag == "DONE":
            results.append((_paragraphs(texts, keep_empty=True), *counts))
    if len(results) != len(paths):
        raise ReaderFailed(f"LibreOffice gave no result for {', '.join(map(str, paths[len(results):]))}")
    return results


def libreoffice_read(docx_paths, mode: str, timeout: float = LIBREOFFICE_TIMEOUT) -> dict:
    """{path: (paragraphs, redlines before, redlines after)}; mode accept, reject or none (as loaded).

    The paragraphs are normalised, empty ones kept; one soffice for the whole batch.
    """
    if mode not in (*MODES, "none"):
        raise ValueError(f"mode must be 'accept', 'reject' or 'none', not {mode!r}")
    paths = list(docx_paths)
    return dict(zip(paths, _run_jobs([(path, mode) for path in paths], timeout)))


def _checked(path, mode: str, result, keep_empty: bool) -> list[str]:
    texts, _before, after = result
    if after:
        raise ReaderFailed(f"LibreOffice left {after} tracked changes in {path} after {mode}-all")
    return _paragraphs(texts, keep_empty)


def libreoffice_paragraphs(docx_paths, mode: str, keep_empty: bool = False,
                           timeout: float = LIBREOFFICE_TIMEOUT) -> dict:
    """{path: paragraphs} as LibreOffice reads each file after accepting or rejecting every change.

    Keyed by the objects given. One soffice for the whole batch. Raises ReaderUnavailable without
    soffice, ReaderFailed when a file does not load or still has tracked changes afterwards.
    """
    _check_mode(mode)
    return {path: _checked(path, mode, result, keep_empty)
            for path, result in libreoffice_read(docx_paths, mode, timeout).items()}


def libreoffice_accept_and_reject(docx_paths, keep_empty: bool = False,
                                  timeout: float = LIBREOFFICE_TIMEOUT) -> dict:
    """{path: {"accept": paragraphs, "reject": paragraphs}}, both read in one soffice."""
    paths = list(docx_paths)
    jobs = [(path, mode) for path in paths for mode in MODES]
    results = _run_jobs(jobs, timeout)
    out: dict = {path: {} for path in paths}
    for (path, mode), result in zip(jobs, results):
        out[path][mode] = _checked(path, mode, result, keep_empty)
    return out


def libreoffice_tracked_changes(docx_paths, timeout: float = LIBREOFFICE_TIMEOUT) -> dict:
    """{path: number of changes LibreOffice sees as loaded}.

    LibreOffice joins adjacent changes of the same kind and author, dated within a minute, into
    one: a paragraph inserted whole (its text and its mark) counts once.
    """
    return {path: before for path, (_t, before, _a) in libreoffice_read(docx_paths, "none", timeout).items()}


def docx_open_ok_in_libreoffice(path, timeout: float = LIBREOFFICE_TIMEOUT) -> int:
    """The number of pages LibreOffice lays the document out on (converted to PDF, counted by pdfinfo)."""
    soffice, pdfinfo = _tool("soffice"), _tool("pdfinfo")
    path = Path(path)
    work = Path(tempfile.mkdtemp(prefix="treaty-lo-"))
    try:
        code, stdout, stderr = _run_office(
            _office_args(soffice, work / "profile") + ["--convert-to", "pdf", "--outdir", str(work),
                                                        str(path.resolve())], work, timeout)
        pdf = work / (path.stem + ".pdf")
        if not pdf.exists():
            raise ReaderFailed(f"LibreOffice did not convert {path} (exit {code}): {stderr.strip() or stdout.strip()}")
        info = subprocess.run([pdfinfo, str(pdf)], capture_output=True, text=True, timeout=60)
        match = re.search(r"^Pages:\s+(\d+)", info.stdout, re.M)
        if info.returncode or not match:
            raise ReaderFailed(f"pdfinfo could not read the PDF of {path}: {info.stderr.strip()}")
        return int(match.group(1))
    finally:
        shutil.rmtree(work, ignore_errors=True)
