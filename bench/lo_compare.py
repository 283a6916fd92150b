"""LibreOffice's own "Compare Document", driven headless through UNO.

    /usr/bin/python3 bench/lo_compare.py OLD.docx NEW.docx OUT.docx --profile DIR

Starts a private soffice (its own user profile, so it never touches a desktop session's), loads
NEW, runs .uno:CompareDocuments against OLD (LibreOffice marks what OLD lacks as insertions and
what NEW lacks as deletions, as Edit > Track Changes > Compare Document does) and stores the
result as Word 2007-365 .docx. soffice is this script's child and is waited for, so the whole
comparison (start-up included) counts in the process tree the benchmark measures.

Runs under the system Python, which has python3-uno; it imports nothing from the project.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import uno  # noqa: F401  (sets up the UNO bridge; python3-uno)
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

SOFFICE = os.environ.get("SOFFICE", "soffice")
CONNECT_SECONDS = 120


def prop(name: str, value) -> PropertyValue:
    item = PropertyValue()
    item.Name, item.Value = name, value
    return item


def start(profile: Path) -> tuple[subprocess.Popen, object]:
    pipe = f"bench_{uuid.uuid4().hex}"
    process = subprocess.Popen(
        [SOFFICE, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless", "--invisible",
         "--nologo", "--norestore", "--nodefault", "--nolockcheck",
         f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=sys.stderr)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + CONNECT_SECONDS
    while True:
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            return process, context
        except NoConnectException:
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"lo_compare: soffice did not start (exit {process.poll()})")
            time.sleep(0.1)


def compare(context, old: Path, new: Path, out: Path) -> None:
    manager = context.ServiceManager
    desktop = manager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
    dispatcher = manager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", context)
    document = desktop.loadComponentFromURL(new.resolve().as_uri(), "_blank", 0,
                                            (prop("Hidden", True), prop("ReadOnly", False)))
    if document is None:
        raise SystemExit(f"lo_compare: LibreOffice could not open {new}")
    try:
        frame = document.getCurrentController().getFrame()
        dispatcher.executeDispatch(frame, ".uno:CompareDocuments", "", 0,
                                   (prop("URL", old.resolve().as_uri()),))
        document.storeToURL(out.resolve().as_uri(), (prop("FilterName", "MS Word 2007 XML"),
                                                     prop("Overwrite", True)))
    finally:
        document.close(True)
    try:
        desktop.terminate()
    except Exception:  # the bridge goes away while soffice quits: that is the point
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--profile", type=Path, required=True, help="private LibreOffice user profile folder")
    args = parser.parse_args()
    args.profile.mkdir(parents=True, exist_ok=True)
    process, context = start(args.profile)
    try:
        compare(context, args.old, args.new, args.out)
    finally:
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    if not args.out.exists():
        raise SystemExit("lo_compare: no output written")


if __name__ == "__main__":
    sys.exit(main())
