"""JSON for machines: the schema is documented in docs/comparison-json.md."""
from __future__ import annotations

import json

from .compare import Comparison, UnitChange

SCHEMA = "treaty-comparison/1"


def _side(unit) -> dict | None:
    return unit.describe() if unit is not None else None


def _article(change: UnitChange) -> dict:
    return {
        "old": _side(change.old), "new": _side(change.new), "status": change.status,
        "similarity": change.similarity, "paired_by": change.how or None,
        "renumbered": change.renumbered,
        "part_of": _side(change.partner),
        "words_inserted": change.words_inserted, "words_deleted": change.words_deleted,
        "changes": [{"op": line.op, "kind": line.line.kind,
                     "old": line.old.text if line.old else None,
                     "new": line.new.text if line.new else None,
                     "segments": [[s.op, s.text] for s in line.segments]}
                    for line in change.lines if line.op != "equal"],
    }


def write_json(comparison: Comparison) -> str:
    """The comparison as one JSON object: its short fields one to a line, then each flag and each
    article on a line of its own. Python's encoder indents in Python and took longer on a long
    treaty than the rest of writing; without indentation it runs in C, so the layout is made here."""
    encode = json.JSONEncoder(ensure_ascii=False).encode
    fields = [
        ("schema", encode(SCHEMA)),
        ("old", encode({"source": comparison.old_source, "title": comparison.old.title,
                        "articles": sum(1 for _ in comparison.old.articles())})),
        ("new", encode({"source": comparison.new_source, "title": comparison.new.title,
                        "articles": sum(1 for _ in comparison.new.articles())})),
        ("notes", encode(comparison.notes)),
        ("summary", encode(comparison.summary())),
    ]
    for key, items in (("flags", [flag.as_json() for flag in comparison.flags]),
                       ("articles", [_article(change) for change in comparison.changes])):
        fields.append((key, "[\n" + ",\n".join("  " + encode(item) for item in items) + "\n ]" if items else "[]"))
    return "{\n" + ",\n".join(f" {encode(key)}: {value}" for key, value in fields) + "\n}\n"
