"""Topics from the clause library's own words."""
import pytest

from comparisons.readers import read
from comparisons.topics import TopicModel, clause_text
from comparisons.units import units_of
from drafting.workspace import Workspace
from tests.conftest import EXAMPLES


@pytest.fixture(scope="module")
def model():
    return TopicModel.from_library(Workspace.default().library)


def test_jinja_is_reduced_to_the_words_it_quotes(model):
    clause = Workspace.default().library.get("trade.no-export-duties")
    text = clause_text(clause)
    assert "{{" not in text and "{%" not in text


def test_the_drafts_articles_fall_under_their_clauses_topics(model):
    library = Workspace.default().library
    articles = [u for u in units_of(read(EXAMPLES / "us-mexico-plurilateral.yaml")) if u.kind == "article" and u.label]
    right = sum(1 for u in articles if (found := model.of_unit(u)) and found[0].id == library.get(u.label).topic)
    assert right >= 0.9 * len(articles)


@pytest.mark.parametrize("reference, heading, topic", [
    ("us-japan", "Export Duties", "trade"),
    ("us-japan", "Labor Rights", "labour"),
    ("us-japan", "Resource Efficiency and Circular Economy", "circular-economy"),
    ("us-japan", "Investment Screening", "investment"),
    ("us-eu", "Exchange of Information on Stockpiling", "stockpiles"),
    ("us-eu", "Prevention of Supply Disruptions", "supply-disruptions"),
    ("us-eu", "Research and Innovation", "research"),
])
def test_texts_written_elsewhere_are_classified_by_subject(model, reference, heading, topic):
    unit = next(u for u in units_of(read(f"ref:{reference}")) if u.heading == heading)
    found = model.of_unit(unit)
    assert found and found[0].id == topic and 0 < found[0].confidence <= 1


def test_a_text_about_nothing_in_the_library_gets_no_topic(model):
    assert model.classify("The Parties shall cooperate on the conservation of migratory birds and wetlands "
                          "of international importance, including their habitats.") == []
