"""Render one clause into model paragraphs.

The rendered body is read as blocks separated by blank lines: a plain block is a paragraph, a
block starting with "- " a subparagraph, one starting with "  - " a clause of a subparagraph.
Numbers are not in the text; numbering.assign computes them once the document is assembled.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from . import jinja
from .errors import ClauseError
from .library import Clause
from .model import Paragraph
from .numbering import period, words
from .register import Instrument, obligation, prohibition

_BLOCK_SPLIT = re.compile(r"\n[ \t]*\n")
_ANCHOR_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_LITERAL_NUMBERING = re.compile(r"^(?:\d+\.|\([a-z]{1,4}\)|\([ivx]+\))\s")


@dataclass
class Rendered:
    clause: Clause
    ambition: str
    paragraphs: list[Paragraph]
    definitions: dict[str, str] = field(default_factory=dict)


def parse_blocks(text: str, clause: Clause) -> list[Paragraph]:
    top: list[Paragraph] = []
    for block in _BLOCK_SPLIT.split(text.strip("\n")):
        if not block.strip():
            continue
        first = block.lstrip("\n")
        if first.startswith("  - ") or first.startswith("\t- "):
            level = 3
        elif first.startswith("- "):
            level = 2
        else:
            level = 1
        words_ = " ".join(line.strip() for line in block.splitlines() if line.strip())
        if level > 1:
            words_ = words_[2:].lstrip()
        anchor = None
        match = jinja.ANCHOR.match(words_)
        if match:
            anchor = match.group(1)
            words_ = words_[match.end():].lstrip()
        if jinja.ANCHOR.search(words_):
            raise ClauseError("anchor() must stand at the very start of a block", clause.path)
        if _LITERAL_NUMBERING.match(words_):
            raise ClauseError(f"a block starts with a typed number ({words_.split()[0]}); numbers are "
                              "computed, write '- ' for a subparagraph", clause.path)
        paragraph = Paragraph(text=words_, anchor=anchor)
        if level == 1:
            top.append(paragraph)
            continue
        parent = top[-1] if top else None
        if level == 3:
            parent = parent.children[-1] if parent and parent.children else None
        if parent is None:
            raise ClauseError(f"a {'subparagraph' if level == 2 else 'clause'} ('{words_[:40]}…') "
                              "has no paragraph above it", clause.path)
        parent.children.append(paragraph)
    return top


def _anchor(name: str) -> str:
    if not isinstance(name, str) or not _ANCHOR_NAME.match(name):
        raise ValueError(f"anchor name {name!r} must be lowercase words joined by '-'")
    return jinja.anchor_marker(name)


def _ref(target: str) -> str:
    if not isinstance(target, str) or not target:
        raise ValueError(f"ref() needs a clause id such as 'institutions.committee', got {target!r}")
    return jinja.ref_marker(target)


def _count(n: Any, unit: str) -> str:
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise ValueError(f"a number of {unit}s must be a whole number, got {n!r}")
    return period(n, unit)


def clause_context(instrument: Instrument, ambition: str, params: dict, parties: list,
                   definitions_allowed: bool) -> dict:
    """Everything a clause body may name (clauses/README.md lists it)."""

    def party_list(form: str = "name") -> str:
        if form not in ("name", "short_name", "government"):
            raise ValueError("party_list() takes 'name', 'short_name' or 'government'")
        return jinja.join_list([getattr(p, form) for p in parties], "and")

    def definitions() -> str:
        if not definitions_allowed:
            raise ValueError("definitions() may be used only in a clause of kind 'definitions'")
        return jinja.DEFINITIONS_MARKER

    context = instrument.words()
    context.update(
        params=params, ambition=ambition,
        obligation=lambda verb, each=False: obligation(instrument, ambition, verb, each),
        prohibition=lambda verb, each=False: prohibition(instrument, ambition, verb, each),
        ref=_ref, anchor=_anchor, definitions=definitions, party_list=party_list,
        days=lambda n: _count(n, "day"), months=lambda n: _count(n, "month"),
        years=lambda n: _count(n, "year"), words=words,
    )
    return context


def render_clause(clause: Clause, instrument: Instrument, ambition: str, params: dict,
                  parties: list) -> Rendered:
    context = clause_context(instrument, ambition, params, parties, clause.kind == "definitions")
    text = jinja.render(clause.body, clause.body_line, context, clause.path, ClauseError)
    definitions = {}
    for term, definition in clause.defines.items():
        name = jinja.render(term, 1, context, clause.path, ClauseError).strip()
        body = jinja.render(definition, 1, context, clause.path, ClauseError).strip()
        if not body.startswith("means") and not body.startswith("includes"):
            raise ClauseError(f"the definition of {name!r} must start with 'means' or 'includes'",
                              clause.path)
        definitions[name] = body
    return Rendered(clause, ambition, parse_blocks(text, clause), definitions)
