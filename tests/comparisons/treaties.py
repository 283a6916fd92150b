"""Random treaty-like documents and random edit scripts, for property tests.

Documents have chapters, articles with headings, numbered paragraphs and subparagraphs. Edits are
what negotiators do to a text: words inserted, deleted and replaced; paragraphs split, merged,
added and removed; articles added, removed, moved and so renumbered.
"""
import copy
import random

from drafting.model import Article, Division, Document, Paragraph
from drafting.references import assign_numbers

VOCABULARY = ("Party Parties shall may should endeavor notify consult cooperate establish maintain "
              "adopt review publish measure measures critical minerals lithium cobalt graphite nickel "
              "within days months after entry into force of this Agreement the a an any each other "
              "its their territory investment stockpile price floor reference committee information "
              "confidential request written notice accordance with laws regulations supply chain "
              "disruption 30 60 90 180 per cent, and or not").split()
HEADINGS = ("Objectives Scope Definitions Cooperation Transparency Consultations Review Amendment "
            "Accession Withdrawal Stockpiles Investment Standards Research Labor Environment").split()


def sentence(rng: random.Random, low=4, high=22) -> str:
    words = [rng.choice(VOCABULARY) for _ in range(rng.randint(low, high))]
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random) -> Paragraph:
    children = [Paragraph(sentence(rng, 3, 10)) for _ in range(rng.choice((0, 0, 0, 2, 3)))]
    return Paragraph(" ".join(sentence(rng) for _ in range(rng.randint(1, 3))), children)


def article(rng: random.Random) -> Article:
    return Article(rng.choice(HEADINGS), [paragraph(rng) for _ in range(rng.randint(1, 4))])


def document(rng: random.Random, articles: int | None = None) -> Document:
    count = articles or rng.randint(2, 9)
    body, chapters = [], count > 1 and rng.random() < 0.5
    items = [article(rng) for _ in range(count)]
    if chapters:
        cut = rng.randint(1, count - 1)
        body = [Division("Chapter", "General", items[:cut]), Division("Chapter", "Other", items[cut:])]
    else:
        body = items
    doc = Document(title="Agreement on Trade in " + rng.choice(("Critical Minerals", "Minerals")),
                   opening=["The Parties,"], preamble=[Paragraph(sentence(rng) + ";")],
                   formula="Have agreed as follows:", body=body,
                   closing=["Done at Washington, in duplicate."])
    assign_numbers(doc)
    return doc


def _articles(doc: Document) -> list[Article]:
    return list(doc.articles())


def _paragraphs(doc: Document) -> list[Paragraph]:
    return [p for a in doc.articles() for p in a.walk()]


def edit(doc: Document, rng: random.Random, count: int) -> Document:
    doc = copy.deepcopy(doc)
    for _ in range(count):
        kind = rng.choice(("insert-word", "delete-word", "replace-word", "split", "merge",
                           "add-paragraph", "remove-paragraph", "add-article", "remove-article",
                           "move-article", "heading", "split-article", "merge-articles"))
        paragraphs = _paragraphs(doc)
        articles = _articles(doc)
        if kind.endswith("-word") and paragraphs:
            p = rng.choice(paragraphs)
            words = p.text.split()
            k = rng.randrange(len(words))
            if kind == "insert-word":
                words.insert(k, rng.choice(VOCABULARY))
            elif kind == "delete-word" and len(words) > 1:
                del words[k]
            else:
                words[k] = rng.choice(VOCABULARY)
            p.text = " ".join(words)
        elif kind == "split" and articles:
            a = rng.choice(articles)
            k = rng.randrange(len(a.paragraphs))
            words = a.paragraphs[k].text.split()
            if len(words) > 3:
                cut = rng.randint(1, len(words) - 1)
                a.paragraphs[k].text = " ".join(words[:cut])
                a.paragraphs.insert(k + 1, Paragraph(" ".join(words[cut:])))
        elif kind == "merge" and articles:
            a = rng.choice(articles)
            if len(a.paragraphs) > 1:
                k = rng.randrange(len(a.paragraphs) - 1)
                second = a.paragraphs.pop(k + 1)
                a.paragraphs[k].text += " " + second.text
                a.paragraphs[k].children += second.children
        elif kind == "add-paragraph" and articles:
            a = rng.choice(articles)
            a.paragraphs.insert(rng.randint(0, len(a.paragraphs)), paragraph(rng))
        elif kind == "remove-paragraph" and articles:
            a = rng.choice(articles)
            if len(a.paragraphs) > 1:
                a.paragraphs.pop(rng.randrange(len(a.paragraphs)))
        elif kind == "add-article":
            _container(doc, rng).insert(rng.randint(0, len(_container(doc, rng))), article(rng))
        elif kind == "remove-article" and len(articles) > 1:
            victim = rng.choice(articles)
            for container in _containers(doc):
                if victim in container:
                    container.remove(victim)
        elif kind == "move-article" and len(articles) > 1:
            victim = rng.choice(articles)
            for container in _containers(doc):
                if victim in container:
                    container.remove(victim)
            target = _container(doc, rng)
            target.insert(rng.randint(0, len(target)), victim)
        elif kind == "heading" and articles:
            rng.choice(articles).heading = rng.choice(HEADINGS)
        elif kind == "split-article" and articles:
            a = rng.choice(articles)
            if len(a.paragraphs) > 1:
                cut = rng.randint(1, len(a.paragraphs) - 1)
                piece = Article(heading=rng.choice(HEADINGS), paragraphs=a.paragraphs[cut:])
                a.paragraphs = a.paragraphs[:cut]
                container = next(c for c in _containers(doc) if a in c)
                container.insert(container.index(a) + 1, piece)
        elif kind == "merge-articles":
            container = next((c for c in _containers(doc) if len(c) > 1), None)
            if container is not None:
                k = rng.randrange(len(container) - 1)
                first, second = container[k], container.pop(k + 1)
                first.paragraphs += second.paragraphs
    doc.body = [item for item in doc.body if not isinstance(item, Division) or item.articles] or [article(rng)]
    assign_numbers(doc)
    return doc


def _containers(doc: Document) -> list[list]:
    divisions = [item.articles for item in doc.body if isinstance(item, Division)]
    return divisions or [doc.body]


def _container(doc: Document, rng: random.Random) -> list:
    return rng.choice(_containers(doc))
