"""Akoma Ntoso 3.0 XML into the document model, element for element.

    <akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
      <act|bill|doc|...>
        <meta/> <preface><p><docTitle>...</docTitle></p></preface>
        <preamble><p>The Parties,</p><recitals><recital><p>Recognizing ...;</p></recital></recitals>
                  <formula name="enactingFormula"><p>Have agreed as follows:</p></formula></preamble>
        <body><chapter><num>Chapter 1</num><heading>...</heading>
                <article><num>Article 1</num><heading>Objectives</heading>
                  <paragraph><num>1.</num><intro><p>...:</p></intro>
                    <list><point><num>(a)</num><content><p>...</p></content></point></list>
                  <wrapUp><p>...</p></wrapUp></paragraph></article></chapter></body>
        <conclusions><p>IN WITNESS WHEREOF ...</p></conclusions>
        <attachments><attachment><doc name="annex"><preface>...</preface><mainBody/></doc></attachment></attachments>

The markup already says what everything is, so nothing is guessed from the text: divisions
(part, chapter, title, section above articles, ...) become Divisions, one level as the model has
(a chapter inside a part follows the part), articles (or sections, where they are the units)
become Articles, and paragraph, subparagraph, point, list, indent, alinea ... nest as Paragraphs
with the bare label of their <num>. Only a preamble that is loose paragraphs, without recitals
marked up, goes through the shared recognizer for its opening, recitals and formula.
Footnotes (authorialNote) are left out of the text they interrupt.
"""
from __future__ import annotations

from pathlib import Path

from drafting.errors import TreatyError
from drafting.model import Annex, Article, Division, Document, Paragraph

from . import labels, safe_xml, structure
from .structure import Block

NAMESPACE = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
_DIVISIONS = frozenset("""part chapter title subtitle book tome division subdivision subpart
    subchapter section subsection""".split())
_PARAGRAPHS = frozenset("""paragraph subparagraph point list sublist indent alinea clause subclause
    level proviso rule subrule hcontainer item blockList transitional""".split())
_TEXTS = frozenset("content intro wrapUp listIntroduction listWrapUp chapeau continuation".split())
_BLOCK_TEXT = frozenset("p block tblock li td th longTitle".split())
_SKIP = frozenset("authorialNote meta toc noteRef".split())
_BREAKS = frozenset("eol eop br".split())
_DOCUMENTS = ("act", "bill", "doc", "statement", "amendment", "judgment", "portion",
              "debateReport", "debate", "officialGazette", "documentCollection", "amendmentList")


def _local(element) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(element, *names: str):
    return [child for child in element if _local(child) in names] if names else \
        [child for child in element if isinstance(child.tag, str)]


def _child(element, name: str):
    return next((child for child in element if _local(child) == name), None)


def _text(element) -> str:
    """The words of an element, footnotes left out, line breaks as spaces."""
    parts: list[str] = []

    def walk(node) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            name = _local(child)
            if name in _BREAKS:
                parts.append(" ")
            elif name and name not in _SKIP:
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    return " ".join("".join(parts).split())


def _holds_blocks(element) -> bool:
    """Is there a paragraph-like element inside (footnotes not counted)?"""
    return any(_local(child) in _BLOCK_TEXT or _holds_blocks(child)
               for child in element if isinstance(child.tag, str) and _local(child) not in _SKIP)


def _blocks(element) -> list[str]:
    """The texts of the paragraph-like elements inside `element`, in order: an element with
    none inside is one text ("<content>Text <term>x</term></content>"), one holding some gives
    theirs, so nothing is counted twice. A <num> is its caller's business."""
    if not _holds_blocks(element):
        text = _text(element)
        return [text] if text else []
    out: list[str] = []
    for child in _children(element):
        if _local(child) not in _SKIP and _local(child) != "num":
            out.extend(_blocks(child))
    return out


def _label(num) -> str:
    """"1." -> "1", "(a)" -> "a", "(iv)" -> "iv"; other numbers as written, less brackets."""
    if num is None:
        return ""
    text = _text(num)
    split = labels.split(text)
    if split is not None and not split[2] and split[0] != "dash":
        return split[1]
    return text.strip("()[].: ")


def _label_only(num) -> bool:
    split = labels.split(_text(num))
    return split is not None and not split[2]


def _paragraphs(container) -> list[Paragraph]:
    """The paragraphs inside an article, an annex or a paragraph."""
    return [paragraph for child in _children(container) for paragraph in _item(child)]


def _item(element) -> list[Paragraph]:
    """One child of an article or paragraph: a text container gives unnumbered paragraphs, a
    hierarchical element numbered ones, an article inside an annex a line of its own (as the
    recognizer reads one) followed by its paragraphs."""
    name = _local(element)
    if name in ("num", "heading", "subheading") or name in _SKIP:
        return []
    num = _child(element, "num")
    if name in _PARAGRAPHS or (name in _DIVISIONS and num is not None and _label_only(num)):
        return _paragraph(element)     # a <subsection><num>(1)</num>: a paragraph by its number
    if name == "article" or name in _DIVISIONS:
        line = " ".join(_text(part) for part in (_child(element, "num"), _child(element, "heading"))
                        if part is not None and _text(part))
        return ([Paragraph(line)] if line else []) + _paragraphs(element)
    return [Paragraph(text) for text in _blocks(element)]


def _paragraph(element) -> list[Paragraph]:
    """One numbered element: its intro (or content) is its text, its hierarchical children its
    children; text after them (wrapUp) follows as an unnumbered paragraph. A list with neither
    number nor intro is only a grouping: its items stand for it; a list's intro under a number
    with no text of its own is that number's text."""
    number = _label(_child(element, "num"))
    heading = _child(element, "heading")
    texts: list[str] = [_text(heading)] if heading is not None and _text(heading) else []
    children: list[Paragraph] = []
    after: list[str] = []
    for child in _children(element):
        name = _local(child)
        if name in ("num", "heading", "subheading") or name in _SKIP:
            continue
        if name in ("wrapUp", "listWrapUp", "continuation"):
            after.extend(_blocks(child))
        elif name in _TEXTS or name in _BLOCK_TEXT:
            (texts if not children else after).extend(_blocks(child))
        else:
            children.extend(_item(child))
    if not number and not texts:
        return children + [Paragraph(text) for text in after]
    if not texts and children and not children[0].number:
        # "<paragraph><num>1.</num><list><intro>For the purposes ...:</intro><point>": the
        # list's intro is the paragraph's text, its points the paragraph's children
        lifted = children.pop(0)
        texts, children = [lifted.text], lifted.children + children
    first = Paragraph(texts[0] if texts else "", children=children, number=number)
    return [first, *(Paragraph(text) for text in texts[1:]), *(Paragraph(text) for text in after)]


# -- body -----------------------------------------------------------------------------------------
def _number_of(num, kind: str) -> tuple[str, str]:
    """(word, number) from "<num>Chapter 2</num>", "<num>Article 5</num>" or "<num>5</num>"."""
    if num is None:
        return kind, ""
    text = _text(num)
    found = structure.heading_of(text) if text[:1].isalpha() else None
    if found is not None and found[3] == "":
        return found[1], found[2]
    return kind, text.strip("().: ")


class _Body:
    def __init__(self, document: Document, unit: str):
        self.document = document
        self.unit = unit                        # "article", or "section" where sections are the units
        self.division: Division | None = None
        self.loose: Article | None = None       # text between a division heading and its first article

    def walk(self, container) -> None:
        for child in _children(container):
            name = _local(child)
            if name == self.unit:
                self.add(self.article(child))
            elif name in _DIVISIONS or name == "hcontainer" and child.find(f".//{{*}}{self.unit}") is not None:
                word, number = _number_of(_child(child, "num"), name[:1].upper() + name[1:])
                heading = _child(child, "heading")
                self.division = Division(word, _text(heading) if heading is not None else "", number=number)
                self.document.body.append(self.division)
                self.loose = None
                self.walk(child)
            elif name in ("num", "heading", "subheading") or name in _SKIP:
                continue
            else:
                paragraphs = _item(child)
                if paragraphs:
                    if self.loose is None:
                        self.loose = Article(heading="")
                        self.add(self.loose)
                    self.loose.paragraphs.extend(paragraphs)

    def add(self, article: Article) -> None:
        (self.division.articles if self.division is not None else self.document.body).append(article)

    def article(self, element) -> Article:
        self.loose = None
        word, number = _number_of(_child(element, "num"), "Article" if self.unit == "article" else "Section")
        heading = _child(element, "heading")
        return Article(heading=_text(heading) if heading is not None else "", paragraphs=_paragraphs(element),
                       number=number, word=word if word in ("Article", "Section") else "Article")


# -- front and back -------------------------------------------------------------------------------
def _preface(document: Document, preface) -> None:
    subtitle: list[str] = []
    title = next(preface.iter("{*}docTitle"), None)
    if title is not None:
        document.title = _text(title)
    for element in _children(preface):
        status = element.find(".//{*}docStatus")
        date = element.find(".//{*}docDate")
        if status is not None:
            document.metadata.setdefault("status", _text(status).lower())
        if date is not None and date.get("date"):
            document.metadata.setdefault("date", date.get("date"))
        if element.find(".//{*}docTitle") is not None or _local(element) == "docTitle":
            continue
        if status is None and date is None:
            subtitle.extend(_blocks(element))
    if not document.title and subtitle:
        document.title = subtitle.pop(0)
    document.subtitle = " ".join(subtitle)


def _preamble(document: Document, preamble) -> None:
    marked = any(_local(e) in ("recitals", "recital", "citations", "citation", "formula") for e in preamble.iter())
    if not marked:   # loose paragraphs: the recognizer tells the opening, the recitals and the formula
        front = structure.front([Block(text) for text in _blocks(preamble)])
        document.opening, document.preamble, document.formula = front.opening, front.preamble, front.formula
        return
    seen_recitals = False
    for element in _children(preamble):
        name = _local(element)
        if name == "formula":
            document.formula = " ".join(_blocks(element))
        elif name in ("recitals", "citations"):
            seen_recitals = True
            intro = _child(element, "intro")
            if intro is not None:
                document.opening.extend(_blocks(intro))
            for item in _children(element, "recital", "citation"):
                texts = _blocks(item)
                if texts:
                    document.preamble.append(Paragraph(texts[0], number=_label(_child(item, "num"))))
                    document.preamble.extend(Paragraph(text) for text in texts[1:])
        elif name in ("recital", "citation"):
            seen_recitals = True
            document.preamble.extend(Paragraph(text) for text in _blocks(element))
        else:
            for text in _blocks(element):
                if not seen_recitals:
                    document.opening.append(text)
                elif text.endswith(":") and not document.formula:
                    document.formula = text
                else:
                    document.preamble.append(Paragraph(text))


def _annex(element) -> Annex | None:
    """An attachment: a <doc> (or act) with a preface naming it and a main body."""
    document = next((child for child in _children(element) if _local(child) in _DOCUMENTS), element)
    preface = _child(document, "preface")
    number, heading = "", ""
    if preface is not None:
        found = preface.find(".//{*}docNumber")
        title = preface.find(".//{*}docTitle")
        heading = _text(title) if title is not None else ""
        named = structure.heading_of(_text(found) if found is not None else heading)
        if named is not None and named[0] == "annex":
            number = named[2]
            if found is None:
                heading = named[3]
        elif found is not None:
            number = _text(found)
    body = _child(document, "mainBody")
    body = _child(document, "body") if body is None else body
    paragraphs = _paragraphs(body) if body is not None else []
    if not (heading or number or paragraphs):
        return None
    return Annex(heading=heading or document.get("name", ""), paragraphs=paragraphs, number=number)


def read_akn(path: Path, data: bytes | None = None) -> Document:
    path = Path(path)
    root = safe_xml.parse(path.read_bytes() if data is None else data, path)
    if _local(root) != "akomaNtoso":
        raise TreatyError(f"not an Akoma Ntoso file: expected <akomaNtoso>, found <{_local(root)}>", path)
    namespace = root.tag[1:].split("}")[0] if root.tag.startswith("{") else ""
    main = next((child for child in _children(root) if _local(child) in _DOCUMENTS), None)
    if main is None:
        raise TreatyError("an Akoma Ntoso file without a document: expected <act>, <bill> or <doc> "
                          "inside <akomaNtoso>", path)
    document = Document(title="")
    if namespace != NAMESPACE:
        document.notes.append(f"the namespace is {namespace or 'missing'}, not Akoma Ntoso 3.0's; "
                              "it was read as 3.0")
    language = main.find(".//{*}FRBRExpression/{*}FRBRlanguage")
    if language is not None and language.get("language"):
        document.metadata["language"] = language.get("language")
    for element in _children(main):
        name = _local(element)
        if name == "preface":
            _preface(document, element)
        elif name == "preamble":
            _preamble(document, element)
        elif name in ("body", "mainBody"):
            has_articles = element.find(".//{*}article") is not None
            unit = "article" if has_articles or element.find(".//{*}section") is None else "section"
            _Body(document, unit).walk(element)
        elif name == "conclusions":
            for text in _blocks(element):
                structure.closing_part(document, text)
        elif name in ("attachments", "components"):
            for attachment in _children(element):
                annex = _annex(attachment)
                if annex is not None:
                    document.annexes.append(annex)
    if not document.title:
        document.title = main.get("name") if main.get("name") not in (None, "", "act", "doc", "bill") else path.stem
    if next(document.articles(), None) is None:
        raise TreatyError("an Akoma Ntoso document with no text in its <body>", path)
    return document
