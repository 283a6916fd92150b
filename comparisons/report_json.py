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
    data = {
        "schema": SCHEMA,
        "old": {"source": comparison.old_source, "title": comparison.old.title,
                "articles": sum(1 for _ in comparison.old.articles())},
        "new": {"source": comparison.new_source, "title": comparison.new.title,
                "articles": sum(1 for _ in comparison.new.articles())},
        "notes": comparison.notes,
        "summary": comparison.summary(),
        "flags": [flag.as_json() for flag in comparison.flags],
        "articles": [_article(change) for change in comparison.changes],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
