"""The sure passes of the alignment: an article under a title each side uses once is paired by
that title when the texts agree enough, before (and without) the similarity index."""
import copy
import random

from comparisons import align
from comparisons.units import units_of
from drafting.model import Article, Paragraph
from drafting.references import assign_numbers
from tests.comparisons.treaties import document, sentence


def titled(seed: int, titles: list[str]):
    rng = random.Random(seed)
    doc = document(rng, articles=len(titles))
    for article, title in zip(doc.articles(), titles):
        article.heading = title
        article.paragraphs = [Paragraph(" ".join(sentence(rng, 12, 20) for _ in range(3))) for _ in range(2)]
    assign_numbers(doc)
    return doc


def body(doc):
    return doc.body if not hasattr(doc.body[0], "articles") else [a for d in doc.body for a in d.articles]


def pairs_by_title(old, new):
    units_old, units_new = units_of(old), units_of(new)
    alignment = align.sure_pairs(units_old, units_new)
    return {units_old[i].heading: (units_new[j].heading, how, similarity)
            for i, (j, similarity, how) in alignment.matched.items() if units_old[i].kind == "article"}


def edit_words(article: Article, every: int) -> None:
    words = article.paragraphs[0].text.split()
    article.paragraphs[0].text = " ".join(w.upper() if k % every == 0 else w for k, w in enumerate(words))


def test_a_moved_and_edited_article_pairs_by_its_title():
    titles = ["Scope", "Stockpiles", "Price Floors", "Investment Screening", "Joint Research"]
    old = titled(3, titles)
    new = copy.deepcopy(old)
    articles = list(new.articles())
    edit_words(articles[1], 9)                       # lightly edited ...
    articles[1].paragraphs.reverse()                 # ... and its paragraphs reordered
    moved = articles[1]
    for container in ([new.body] + [d.articles for d in new.body if hasattr(d, "articles")]):
        if moved in container:
            container.remove(moved)
            container.append(moved)                  # and moved to the end of its container
    assign_numbers(new)
    found = pairs_by_title(old, new)
    assert found["Stockpiles"][:2] == ("Stockpiles", "similar")
    assert found["Stockpiles"][2] >= align.NAMESAKE_THRESHOLD
    # the untouched articles pair by their identical text first
    assert found["Scope"][:2] == ("Scope", "identical")


def test_a_title_used_twice_is_left_to_the_similarity_pass():
    old = titled(4, ["Objectives", "Cooperation", "Objectives", "Review"])
    new = copy.deepcopy(old)
    for article in new.articles():
        edit_words(article, 5)
    assign_numbers(new)
    found = pairs_by_title(old, new)
    assert "Objectives" not in found                 # two namesakes: the title decides nothing
    assert found["Cooperation"][:2] == ("Cooperation", "similar")
    # the full alignment still pairs both, by similarity, each with its own counterpart
    units_old, units_new = units_of(old), units_of(new)
    paired = {(p.old.index, p.new.index) for p in align.align(units_old, units_new) if p.old and p.new}
    objectives = [u.index for u in units_old if u.heading == "Objectives"]
    assert {(i, i) for i in objectives} <= paired


def test_a_rewritten_article_under_the_same_title_is_not_sure():
    old = titled(5, ["Scope", "Transparency", "Review"])
    new = copy.deepcopy(old)
    rng = random.Random(99)
    transparency = [a for a in new.articles() if a.heading == "Transparency"][0]
    transparency.paragraphs = [Paragraph(" ".join(sentence(rng, 12, 20) for _ in range(3)))]
    assign_numbers(new)
    assert "Transparency" not in pairs_by_title(old, new)
