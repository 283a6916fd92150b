"""An article split in two, or two merged into one, is compared as one text against the pieces."""
import copy
import random
import re

from comparisons.compare import MERGED, SPLIT, compare
from comparisons.redline import SUMMARY_END, write_redline
from comparisons.report_md import write_markdown
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


def _signed(doc):
    doc.closing = ["IN WITNESS WHEREOF, the undersigned, duly authorised, have signed this Agreement.",
                   "Done at Mexico City, in duplicate, in the English and Spanish languages."]
    doc.signatories = ["For the United States of America:", "For the United Mexican States:",
                       "For the Government of Canada:"]


def test_signature_blocks_read_into_the_last_article_are_compared_with_the_closing():
    """A text whose testimonium was lost (the ToTA text of EU-Moldova) keeps its signature blocks
    at the end of its last article and has no closing: the old closing is compared there, not
    deleted whole while the same signatories are inserted."""
    old = versions(5)
    _signed(old)
    new = copy.deepcopy(old)
    last = list(new.articles())[-1]
    last.paragraphs.append(copy.deepcopy(last.paragraphs[0]))
    for text in new.signatories:
        last.paragraphs.append(type(last.paragraphs[0])(text))
    new.closing, new.signatories = [], []
    comparison = compare(old, new)
    merged = [c for c in comparison.changes if c.status == MERGED]
    assert len(merged) == 1 and merged[0].old.kind == "closing"
    assert merged[0].partner is last_unit(comparison, last.number)
    # the signatories are kept: the words deleted are at most the testimonium's
    testimonium = sum(len(re.findall(r"\w+", text)) for text in old.closing)
    assert 0 < comparison.summary()["words_deleted"] <= testimonium
    assert comparison.summary()["articles_deleted"] == 0
    # the e-mail report keeps the capital of the article it names
    assert f"*Merged: its text is now part of Article {last.number}," in write_markdown(comparison)
    round_trips(comparison, old, new)


def last_unit(comparison, number):
    return next(c.new for c in comparison.changes if c.new is not None and c.new.number == number)


def test_closings_on_both_sides_still_pair_whatever_the_last_article_says():
    old = versions(5)
    _signed(old)
    new = copy.deepcopy(old)
    new.closing[1] = "Done at Ottawa, in triplicate."
    comparison = compare(old, new)
    closing = [c for c in comparison.changes if (c.old or c.new).kind == "closing"]
    assert len(closing) == 1 and closing[0].old is not None and closing[0].new is not None
    assert closing[0].how == "fixed" and comparison.summary()["articles_merged"] == 0
    round_trips(comparison, old, new)
