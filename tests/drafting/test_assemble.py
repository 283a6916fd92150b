"""Assembly of the bundled examples: structure, numbering, definitions and cross-references."""
import re

import pytest

from drafting import jinja
from drafting.assemble import assemble, term_pattern
from tests.conftest import EXAMPLES


@pytest.fixture(scope="module")
def plurilateral():
    return assemble(EXAMPLES / "us-mexico-plurilateral.yaml")


@pytest.fixture(scope="module")
def mou():
    return assemble(EXAMPLES / "us-eu-mou.yaml")


@pytest.fixture(scope="module")
def action_plan():
    return assemble(EXAMPLES / "us-mexico-action-plan.yaml")


def all_text(document):
    parts = [document.title, *document.opening, document.formula, *document.closing]
    parts += [p.text for r in document.preamble for p in r.walk()]
    for unit in [*document.articles(), *document.annexes]:
        parts.append(unit.heading)
        parts += [p.text for p in unit.walk()]
    return "\n".join(parts)


def test_articles_are_numbered_in_order_and_keep_their_clause_ids(plurilateral):
    articles = list(plurilateral.articles())
    assert [a.number for a in articles] == [str(n) for n in range(1, len(articles) + 1)]
    assert articles[0].label == "general.objectives"
    assert {a.label for a in articles} >= {"final.accession", "final.entry-into-force", "institutions.committee"}
    assert [d.number for d in plurilateral.divisions()][:3] == ["I", "II", "III"]


def test_paragraph_numbers_follow_treaty_convention(plurilateral):
    for article in plurilateral.articles():
        tops = article.paragraphs
        if len(tops) > 1:
            assert [p.number for p in tops] == [str(n) for n in range(1, len(tops) + 1)]
        else:
            assert tops[0].number == ""
        for top in tops:
            assert [c.number for c in top.children] == [chr(ord("a") + i) for i in range(len(top.children))]


def test_every_cross_reference_is_resolved_to_a_real_article(plurilateral):
    text = all_text(plurilateral)
    assert jinja.OPEN not in text and jinja.CLOSE not in text
    numbers = {a.number for a in plurilateral.articles()}
    cited = re.findall(r"\bArticle (\d+)\b", text)
    assert cited, "the agreement cross-refers between its articles"
    assert set(cited) <= numbers
    links = [link for a in plurilateral.articles() for p in a.walk() for link in p.links]
    labels = {a.label for a in plurilateral.articles()} | {a.label for a in plurilateral.annexes}
    assert links and all(link.target in labels for link in links)


def test_definitions_hold_exactly_the_terms_the_text_uses(plurilateral):
    definitions = next(a for a in plurilateral.articles() if a.label == "general.definitions")
    entries = [p.text for p in definitions.walk() if p.text.startswith("\u201c")]
    defined = [re.match("\u201c([^\u201d]+)\u201d", e).group(1) for e in entries]
    assert defined == sorted(defined, key=str.casefold)
    assert {"Party", "Covered Mineral", "Price Floor", "Reference Price", "Committee"} <= set(defined)
    rest = "\n".join(p.text for a in plurilateral.articles() if a is not definitions for p in a.walk())
    rest += "\n" + "\n".join(entries)
    for term in defined:
        uses = [m for m in term_pattern(term).finditer(rest)]
        own = sum(1 for e in entries if e.startswith(f"\u201c{term}\u201d"))
        assert len(uses) > own, f"{term!r} is defined but never used"
    assert entries[-1].endswith(".") and all(e.endswith(";") for e in entries[:-1])


def test_unused_definitions_are_left_out(mou):
    definitions = next(a for a in mou.articles() if a.label == "general.definitions")
    defined = {re.match("\u201c([^\u201d]+)\u201d", p.text).group(1) for p in definitions.walk()
               if p.text.startswith("\u201c")}
    assert "Price Floor" not in defined and "Committee" not in defined


def test_the_agreement_is_plurilateral_and_binding(plurilateral):
    text = all_text(plurilateral)
    assert any(a.label == "final.accession" for a in plurilateral.articles())
    assert "shall" in text and "Participant" not in text
    assert plurilateral.annexes and plurilateral.annexes[0].citation == "Annex I"
    minerals = [p.text.lower() for p in plurilateral.annexes[0].walk()]
    assert any("gallium" in m for m in minerals)
    assert "equally authentic" in plurilateral.closing[-1]
    assert "English and Spanish" in plurilateral.closing[-1]
    assert "sixth day of April, 2026" in plurilateral.closing[-1]
    assert len(plurilateral.signatories) == 2


def test_the_memorandum_has_participants_and_no_operative_shall(mou):
    text = all_text(mou)
    assert "Participants" in text
    assert not re.search(r"\bshall\b", text, re.I)
    assert not re.search(r"(?<![\w-])Part(?:y|ies)\b", text)
    assert "intend" in text


def test_the_action_plan_is_time_bound(action_plan):
    text = all_text(action_plan)
    assert "sixty (60) days" in text
    assert not re.search(r"\bshall\b", text, re.I)
    assert all(a.word == "Section" for a in action_plan.articles())
