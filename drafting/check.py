"""`treaty clauses check`: render every clause under every instrument and ambition it declares,
and report what would go wrong in a real draft."""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import jinja
from .assemble import term_pattern
from .errors import TreatyError
from .library import Clause, ClauseLibrary
from .register import INSTRUMENTS
from .render import render_clause

_SHALL = re.compile(r"\bshall\b", re.IGNORECASE)
_WRONG_NAME = {
    True: re.compile(r"(?<![\w-])Participants?\b"),
    False: re.compile(r"(?<![\w-])(?:Party|Parties)\b"),
}
_SAMPLE_LISTS = {"minerals": ["lithium", "cobalt", "graphite"], "languages": ["English", "Spanish"]}


@dataclass
class Finding:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def sample_params(clause: Clause) -> dict:
    values = {}
    for name, param in clause.params.items():
        if param.has_default:
            values[name] = param.default
        elif param.type == "list":
            values[name] = list(param.allowed[:2]) if param.allowed else _SAMPLE_LISTS.get(name, ["first item", "second item"])
        elif param.type == "choice":
            values[name] = param.allowed[0]
        elif param.type == "int":
            values[name] = param.min if param.min is not None else 30
        elif param.type == "bool":
            values[name] = True
        else:
            values[name] = "sample text"
    return values


def check_library(library: ClauseLibrary, parties: list) -> tuple[list[Finding], int]:
    findings: list[Finding] = []
    clauses = []
    for clause_id in library.ids():
        try:
            clauses.append(library.get(clause_id))
        except TreatyError as error:
            findings.append(Finding(str(library.path_of(clause_id)), str(error).split(": ", 1)[-1]
                                    if error.source else str(error)))
    # every term the library defines, by the name it takes in each kind of instrument
    owners: dict[str, str] = {}
    renderings = 0
    texts: dict[str, str] = {}
    for clause in clauses:
        for kind in clause.instruments:
            instrument = INSTRUMENTS[kind]
            for ambition in clause.ambition:
                renderings += 1
                where = f"{clause.path} [{kind}, {ambition}]"
                try:
                    rendered = render_clause(clause, instrument, ambition, sample_params(clause), parties)
                except TreatyError as error:
                    findings.append(Finding(where, str(error).replace(f"{clause.path}:", "line ", 1)))
                    continue
                text = "\n".join(p.text for top in rendered.paragraphs for p in top.walk())
                definitions = " ".join(rendered.definitions.values())
                plain = jinja.MARKER.sub("", text + "\n" + definitions)
                texts[f"{clause.id}|{kind}|{ambition}"] = plain
                for term in rendered.definitions:
                    if owners.setdefault(term, clause.id) != clause.id:
                        findings.append(Finding(str(clause.path), f"term {term!r} is also defined by {owners[term]!r}"))
                if not instrument.binding and _SHALL.search(plain):
                    findings.append(Finding(where, "'shall' in a non-binding instrument; use obligation()"))
                wrong = _WRONG_NAME[instrument.binding].search(plain)
                if wrong:
                    findings.append(Finding(where, f"{wrong.group(0)!r} in a {kind}; use Parties/the_parties"))
                for target in jinja.REF.findall(text + definitions):
                    label, _, anchor = target.partition("#")
                    if label not in library:
                        findings.append(Finding(where, f"ref({target!r}) names no clause in the library"))
                    elif anchor and f"anchor('{anchor}')" not in library.get(label).body \
                            and f'anchor("{anchor}")' not in library.get(label).body:
                        findings.append(Finding(where, f"ref({target!r}): {label} has no anchor {anchor!r}"))
    for clause in clauses:
        uses = {_one_name(term) for term in clause.uses}
        mine = [t for key, t in texts.items() if key.startswith(clause.id + "|")]
        found = {_one_name(term) for term in owners if any(term_pattern(term).search(t) for t in mine)}
        for term in sorted(found - uses - set(_own_terms(clause, owners))):
            findings.append(Finding(str(clause.path), f"uses the defined term {term!r} but does not list it in 'uses'"))
        for term in sorted(uses - found):
            if term not in owners:
                findings.append(Finding(str(clause.path), f"'uses' lists {term!r}, which no clause defines"))
            else:
                findings.append(Finding(str(clause.path), f"'uses' lists {term!r}, but no rendering uses it"))
    return findings, renderings


def _own_terms(clause: Clause, owners: dict[str, str]) -> list[str]:
    return [_one_name(term) for term, owner in owners.items() if owner == clause.id]


def _one_name(term: str) -> str:
    """"Party" in an agreement is "Participant" in a memorandum: one term under two names."""
    return "Party" if term == "Participant" else term
