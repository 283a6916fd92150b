"""The clause library as a whole: every clause renders under every instrument and ambition it
declares, reads in the register of that instrument, and keeps its term declarations honest."""
import re

import pytest

from drafting.check import check_library, sample_params
from drafting.library import ClauseLibrary
from drafting.register import INSTRUMENTS
from drafting.render import render_clause
from drafting.workspace import Workspace

WORKSPACE = Workspace.default()
LIBRARY = WORKSPACE.library
PARTIES = [WORKSPACE.parties["US"], WORKSPACE.parties["MX"]]
CASES = [(clause_id, kind, ambition)
         for clause_id in LIBRARY.ids()
         for kind in LIBRARY.get(clause_id).instruments
         for ambition in LIBRARY.get(clause_id).ambition]


def test_library_has_at_least_thirty_provisions_across_the_topics():
    ids = LIBRARY.ids()
    assert len(ids) >= 30
    topics = {clause_id.split(".")[0] for clause_id in ids}
    for topic in ("price-floors", "stockpiles", "research", "investment", "standards", "geology",
                  "supply-disruptions", "projects", "transparency", "trade", "labour", "environment",
                  "circular-economy", "institutions", "final", "general", "preamble"):
        assert topic in topics, topic


@pytest.mark.parametrize("clause_id, kind, ambition", CASES, ids=["/".join(c) for c in CASES])
def test_every_clause_renders_in_each_declared_instrument_and_ambition(clause_id, kind, ambition):
    clause = LIBRARY.get(clause_id)
    instrument = INSTRUMENTS[kind]
    rendered = render_clause(clause, instrument, ambition, sample_params(clause), PARTIES)
    text = " ".join(p.text for top in rendered.paragraphs for p in top.walk())
    assert rendered.paragraphs, "a clause renders at least one paragraph"
    assert "  " not in text, "double spaces betray a broken template"
    if not instrument.binding:
        assert not re.search(r"\bshall\b", text, re.I), "no operative 'shall' outside a binding agreement"
        assert not re.search(r"(?<![\w-])Part(?:y|ies)\b", text)
    else:
        assert "Participant" not in text


def test_clauses_check_finds_nothing_in_the_library():
    findings, renderings = check_library(LIBRARY, PARTIES)
    assert [str(f) for f in findings] == []
    assert renderings == len(CASES)


def test_every_clause_declares_its_sources_and_summary():
    for clause in LIBRARY.all():
        assert clause.summary
        assert clause.sources, clause.id
        for source in clause.sources:
            assert {"title", "note"} <= set(source), clause.id


def test_check_reports_an_undeclared_term_and_an_operative_shall_in_a_memorandum(workspace_copy):
    bad = workspace_copy / "clauses" / "stockpiles" / "careless.md"
    bad.write_text("---\nid: stockpiles.careless\ntitle: Careless\ntopic: stockpiles\nsummary: x\n"
                   "instruments: [agreement, mou]\nambition: [binding]\nsources: [{title: t, note: n}]\n---\n"
                   "{{ The_parties }} shall keep each Covered Mineral in {{ ref('stockpiles.nowhere') }}.\n")
    library = ClauseLibrary(workspace_copy / "clauses")
    messages = [str(f) for f in check_library(library, PARTIES)[0] if "careless" in f.path]
    assert any("'shall' in a non-binding instrument" in m for m in messages)
    assert any("does not list it in 'uses'" in m and "Covered Mineral" in m for m in messages)
    assert any("names no clause in the library" in m for m in messages)
