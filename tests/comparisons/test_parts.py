"""An article split in two, or two merged into one, is compared as one text against the pieces."""
import copy
import random

from comparisons.compare import MERGED, SPLIT, compare
from comparisons.redline import SUMMARY_END, write_redline
from comparisons.report import verdict, where
from comparisons.units import document_lines
from drafting.model import Article
from drafting.references import assign_numbers
from tests.comparisons import revisions
from tests.comparisons.treaties import document


def versions(seed=7):
    old = document(random.Random(seed), articles=8)
    assign_numbers(old)
    return old


def containing(doc, article):
    for item in doc.body:
        if item is article:
            return doc.body
        if hasattr(item, "articles") and article in item.articles:
            return item.articles
    raise AssertionError


def long_article(doc):
    return next(a for a in doc.articles() if len(a.paragraphs) >= 3)


def round_trips(comparison, old, new):
    docx = write_redline(comparison, date="2026-01-01T00:00:00Z")
    norm = lambda lines: [" ".join(l.split()) for l in lines]
    assert revisions.after_summary(revisions.paragraphs(docx, "accept"), SUMMARY_END) == norm(document_lines(new))
    assert revisions.after_summary(revisions.paragraphs(docx, "reject"), SUMMARY_END) == norm(document_lines(old))


def test_a_split_article_is_one_change_that_keeps_the_moved_paragraphs():
    old = versions()
    new = copy.deepcopy(old)
    article = long_article(new)
    siblings = containing(new, article)
    piece = Article("Notification of Measures", article.paragraphs[2:])
    article.paragraphs = article.paragraphs[:2]
    siblings.insert(siblings.index(article) + 1, piece)
    assign_numbers(new)
    comparison = compare(old, new)
    split = [c for c in comparison.changes if c.status == SPLIT]
    assert len(split) == 1 and split[0].new.heading == "Notification of Measures"
    assert split[0].partner.number == article.number
    assert "split from" in where(split[0]) and "split off" in verdict(split[0])
    assert comparison.summary()["articles_split"] == 1 and comparison.summary()["articles_added"] == 0
    # the paragraphs that moved into the new article are kept, not deleted and inserted again
    moved_words = sum(len(p.text.split()) for p in piece.paragraphs)
    assert comparison.summary()["words_deleted"] < moved_words
    round_trips(comparison, old, new)


def test_two_merged_articles_are_one_change():
    old = versions(11)
    new = copy.deepcopy(old)
    first = long_article(new)
    siblings = containing(new, first)
    second = siblings[siblings.index(first) + 1]
    first.paragraphs += second.paragraphs
    siblings.remove(second)
    assign_numbers(new)
    comparison = compare(old, new)
    merged = [c for c in comparison.changes if c.status == MERGED]
    assert len(merged) == 1 and merged[0].old.heading == second.heading
    assert merged[0].partner.number == first.number
    assert comparison.summary()["articles_merged"] == 1 and comparison.summary()["articles_deleted"] == 0
    round_trips(comparison, old, new)
