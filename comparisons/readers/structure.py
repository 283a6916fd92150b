"""The shared recognizer: a list of text blocks becomes a Document.

Every text-like reader (Word, Markdown, plain text, and later PDF) reduces its input to blocks:
the text of one paragraph plus what the format knows about it (a heading style, an outline level,
bookmarks, a label computed by Word's automatic numbering). The text decides the structure;
hints only help where the text is ambiguous:

- front matter: the title (and a title page that repeats it), the status line of a draft, the
  opening ("The Government of ..."), the recitals and the formula ("Have agreed as follows:");
- the body: divisions ("CHAPTER 2", "Part I: Trade", "TITLE IV"), articles ("Article 5",
  "ARTICLE V", "Article 2.8: Title", "Art. 5", "Section 3" where sections are the units) with a
  title on the heading line or in the short block after it, and their paragraphs;
- the closing ("IN WITNESS WHEREOF", "DONE at"), signature blocks, and annexes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from drafting.model import Annex, Article, Division, Document, Paragraph

from . import labels as labelling


@dataclass(slots=True)
class Block:
    """One paragraph of a source, with what its format says about it."""

    text: str
    heading: bool = False       # a heading style or outline level (Word), a '#' line (Markdown)
    level: int | None = None    # 0 for the top heading level, when known
    role: str = ""              # "title" or "subtitle": Word's Title/Subtitle styles, Markdown '#'
    bookmarks: tuple[str, ...] = ()
    number: str = ""            # a label from automatic numbering, e.g. "1." or "(a)"
    whole: bool = False         # a word processor's own paragraph: never joined to its neighbours


# -- text ------------------------------------------------------------------------------------
_INVISIBLE = re.compile("[\u00ad\u200b\ufeff\u200e\u200f]")   # soft hyphens, zero-width marks
# "long- term": a line-end hyphen whose break became a space. Joining keeps the hyphen: dropping
# it would guess at a word ("imple- mentation") and silently rewrite real compounds.
_OCR_HYPHEN = re.compile(r"(?<=[a-z])- (?!(?:and|or|nor|to|but|as|cum|und|et)\b)(?=[a-z])")


def clean(text: str) -> str:
    """Whitespace runs collapsed, invisible characters dropped, OCR line-break hyphens closed."""
    if not text.isascii():          # a flag of the string: most paragraphs skip the expression
        text = _INVISIBLE.sub("", text)
    text = " ".join(text.split())
    if "- " in text:
        text = _OCR_HYPHEN.sub("-", text)
    return text


def _words(text: str) -> int:
    return text.count(" ") + 1 if text else 0


def _ends_sentence(text: str) -> bool:
    return text.rstrip("\u201d\"\u2019')]").endswith((".", ";", ":", "!", "?"))


def _ends_item(text: str) -> bool:
    """A sentence, or a list item that hands over to the next ("...; and")."""
    return _ends_sentence(text) or text.endswith(("; and", "; or", ", and", ", or"))


# -- headings ----------------------------------------------------------------------------------
_NUMBER_WORDS = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
                 "fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty")
_ARTICLE = re.compile(
    r"(?P<word>(?i:article|art\.|section|sec\.))\s*"
    r"(?P<number>\d+(?:\.\d+)*(?:\s?(?i:bis|ter|quater|quinquies|sexies|septies|octies)\b|[A-Za-z]\b)?"
    r"|[IVXLCDM]+\b)(?P<rest>.*)", re.S)
_DIVISION = re.compile(
    r"(?P<word>(?i:part|chapter|title|sub-?section|section|sub-?chapter|sub-?part|book))\s+"
    r"(?P<number>\d+(?:\.\d+)*[A-Z]?\b|[IVXLCDM]+\b|[A-Z]\b|(?i:" + _NUMBER_WORDS + r")\b)(?P<rest>.*)", re.S)
_ANNEX = re.compile(r"(?P<word>(?i:annex))(?:\s+(?P<number>[0-9A-Z]{1,6}(?:[-.][0-9A-Z]{1,4})*)\b)?(?P<rest>.*)", re.S)
_SEPARATORS = ":.-\u2013\u2014|"
_ARTICLE_WORDS = {"article": "Article", "art.": "Article", "section": "Section", "sec.": "Section"}


def _title_case(text: str) -> bool:
    return text.isupper() or all(w[:1].isupper() or len(w) <= 3 or not w[:1].isalpha() for w in text.split())


def _heading_title(rest: str, hinted: bool) -> str | None:
    """The title carried on a heading line after its number: "" for none, None if `rest` shows
    the line is a sentence ("Article 5 of the GATT applies ...") rather than a heading."""
    if not rest.strip():
        return ""
    if rest[0] == "\n":                     # "Article 5" <line break> "Objectives"
        return clean(rest)
    if rest[0] not in " \t" + _SEPARATORS:
        return None
    stripped = rest.strip()
    if stripped[0] in _SEPARATORS:
        title = clean(stripped.lstrip(_SEPARATORS + " \t"))
        words = _words(title)
        if words > 20 or title.endswith((";", ",")) or (title.endswith(".") and words > 8):
            return None
        return title
    title = clean(stripped)
    if hinted and _words(title) <= 20:
        return title
    if _words(title) <= 15 and not title.endswith((".", ";", ",", ":")) and _title_case(title):
        return title
    return None


@dataclass(slots=True)
class _Item:
    kind: str          # "text", "article", "division" or "annex"
    block: Block
    text: str
    word: str = ""
    number: str = ""
    title: str | None = None   # None: the heading line carried no title


def heading_of(text: str, hinted: bool = False) -> tuple[str, str, str, str] | None:
    """(kind, word, number, title) when `text` is an article, division or annex heading."""
    for kind, pattern in (("article", _ARTICLE), ("division", _DIVISION), ("annex", _ANNEX)):
        match = pattern.match(text)
        if match is None:
            continue
        title = _heading_title(match.group("rest"), hinted)
        if title is None:
            continue
        word = match.group("word")
        if kind == "article":
            word = _ARTICLE_WORDS[word.lower()]
        elif kind == "division":
            word = word[0].upper() + word[1:].lower()
        return kind, word, " ".join((match.group("number") or "").split()), title
    return None


def _item(block: Block) -> _Item | None:
    if "\n" in block.text:
        text = "\n".join(line for line in map(clean, block.text.split("\n")) if line)
    else:
        text = clean(block.text)
    if not text:
        return None
    first = text.split("\n", 1)[0]
    if len(first) <= 200 and first[:1].isalpha():
        heading = heading_of(text, block.heading)
        if heading is not None:
            kind, word, number, title = heading
            return _Item(kind, block, text.replace("\n", " "), word, number, title or None)
    return _Item("text", block, text.replace("\n", " "))


# -- front matter --------------------------------------------------------------------------------
_MONTHS = ("january february march april may june july august september october november "
           "december").split()
_STATUS_DATE = re.compile(r"\b([A-Z][a-z]+) (\d{1,2}), (\d{4})\b")
_VERSION = re.compile(r"(?i)\bversion\s+([\w.-]+)")
_FORMULA = re.compile(r"(?i)^(?:.{0,80}\s)?(?:have|has)\s+(?:agreed|decided|reached|adopted|concluded)\b.{0,80}:$")
_RECITAL_WORDS = frozenset("""mindful aware conscious desirous eager resolved keen whereas bearing having
    noting considering recalling""".split())


def _is_status(text: str) -> bool:
    if _words(text) > 15:
        return False
    low = text.lower()
    return ((low.startswith("draft") and not low[5:6].isalpha()) or low.endswith("without prejudice")
            or low.startswith("illustrative text"))     # the banner of our reference texts


def _status_metadata(text: str, metadata: dict[str, str]) -> None:
    if text.lower().startswith("draft"):
        metadata.setdefault("status", "draft")
    elif text.lower().startswith("illustrative text"):
        metadata.setdefault("status", "illustrative")
    version = _VERSION.search(text)
    if version:
        metadata.setdefault("version", version.group(1))
    date = _STATUS_DATE.search(text)
    if date and date.group(1).lower() in _MONTHS:
        month = _MONTHS.index(date.group(1).lower()) + 1
        metadata.setdefault("date", f"{date.group(3)}-{month:02d}-{int(date.group(2)):02d}")


def _is_recital(text: str) -> bool:
    word = text.split(" ", 1)[0].strip(",").lower()
    return word in _RECITAL_WORDS or (len(word) > 4 and word.endswith(("ing", "ed")) and word != "united")


def _title_like(item: _Item, first: bool) -> bool:
    text = item.text
    if item.block.role == "title":
        return True
    if text.casefold() == "preamble" or _is_status(text):
        return False
    if text.endswith((",", ";", ":")) or _words(text) > 40:
        return False
    letters = [c for c in text if c.isalpha()]
    if item.block.heading or (letters and text.isupper()):
        return not text.endswith(".")
    return first and _words(text) <= 25 and not _ends_sentence(text)


def _join_title_page(lines: list[str]) -> str:
    """"between" / "The United States of America" / "and" / ... as one line, as a spec writes it."""
    out: list[str] = []
    for line in lines:
        if out and out[-1].split(" ")[-1].lower() in ("between", "among", "and", "of") and line.startswith("The "):
            line = "the " + line[4:]
        out.append(line)
    return " ".join(out)


def _front_matter(document: Document, items: Sequence[_Item], title: str | None, default_title: str) -> None:
    """Title, subtitle, status, opening, recitals and formula from the blocks before the body."""
    title_index = next((i for i, it in enumerate(items) if it.block.role == "title"), None)
    if title_index is None:
        title_index = next((i for i, it in enumerate(items[:3]) if _title_like(it, i == 0)), None)
    found = items[title_index].text if title_index is not None else ""
    if title and (not found or found.casefold() == title.casefold()):
        document.title = title
    else:
        document.title = found or title or default_title
    rest = [it for i, it in enumerate(items) if i != title_index]
    # a title page repeats the title before the text proper: what lies between is its subtitle
    again = next((i for i, it in enumerate(rest) if found and it.text.casefold() == found.casefold()), None)
    title_page = set(range(again)) if again is not None else set()
    subtitle: list[str] = []
    text: list[_Item] = []
    formula_at = None
    for i, it in enumerate(rest):
        if i == again:
            continue
        if _is_status(it.text):
            _status_metadata(it.text, document.metadata)
        elif it.text.casefold() == "preamble":
            continue
        elif i in title_page or (it.block.role == "subtitle" and not text):
            subtitle.append(it.text)
        elif formula_at is None and _FORMULA.match(it.text) and _words(it.text) <= 20:
            document.formula = it.text
            formula_at = len(text)
        else:
            text.append(it)
    document.subtitle = _join_title_page(subtitle)
    opening_end = 0
    if formula_at is not None or any(_is_recital(it.text) for it in text):
        limit = formula_at if formula_at is not None else len(text)
        while opening_end < limit and opening_end < 3 and not _is_recital(text[opening_end].text) \
                and labelling.split(text[opening_end].text) is None:
            opening_end += 1
    document.opening = [it.text for it in text[:opening_end]]
    document.preamble = paragraphs([it.block for it in text[opening_end:]], cleaned=[it.text for it in text[opening_end:]])


# -- paragraphs ---------------------------------------------------------------------------------
_REFERENCE_GOES_ON = re.compile(r"(?:and|or|to|of|above|below|thereof|in)\b|[,;.)(]")
_REFERENCE_END = re.compile(r"(?i)\b(?:articles?|(?:sub-?)?paragraphs?|annex(?:es)?|chapters?|sections?|points?|rules?)$")


def paragraphs(blocks: Iterable[Block], cleaned: Sequence[str] | None = None) -> list[Paragraph]:
    """Blocks of one article or annex as numbered, nested paragraphs.

    Scanned texts split what belongs together: a label alone on its line ("(a)") takes the text
    of the next block; "165." alone after "... under Article" finishes that reference; a block
    that starts in lower case after one that did not end a sentence continues it.
    """
    outline = labelling.Outline()
    pending: tuple[str, str] | None = None
    last: Paragraph | None = None
    for index, block in enumerate(blocks):
        text = cleaned[index] if cleaned is not None else clean(block.text)
        label = None
        if block.number:
            label = labelling.split(block.number.strip())
            if label is not None and label[2]:
                label = None
            if label is None:
                text = clean(block.number + " " + text)
        if label is None:
            label = labelling.split(text)
            if label is not None:
                if last is not None and pending is None and not block.whole \
                        and _REFERENCE_END.search(last.text[-16:]) \
                        and (not label[2] or _REFERENCE_GOES_ON.match(label[2])):
                    last.text += " " + text    # "... under Article" / "165." ; "subparagraphs" / "(a) and (b)"
                    continue
                text = label[2]
        if not text:
            if label is None:
                continue
            if pending is not None:
                last = outline.add(pending[0], pending[1], "")
            pending = label[:2]
            continue
        if label is not None:
            inner = labelling.split(text)
            if inner is not None and inner[2] and inner[0] != "dash" and (
                    inner[0] != label[0] or (inner[1].lower() in labelling.FIRST and inner[1] != label[1])):
                last = outline.add(label[0], label[1], "")   # "2. (a) For the purposes ..."
                label, text = inner, inner[2]
        if label is None and pending is not None:
            label, pending = (*pending, text), None
        elif pending is not None:
            last = outline.add(pending[0], pending[1], "")
            pending = None
        if label is None:
            if last is not None and not block.whole and text[0].islower() and not _ends_item(last.text):
                last.text += " " + text
                continue
            last = outline.add(None, "", text)
        else:
            last = outline.add(label[0], label[1], text)
    if pending is not None:
        outline.add(pending[0], pending[1], "")
    return outline.top


# -- closing --------------------------------------------------------------------------------------
_CLOSING = re.compile(r"(?:IN WITNESS WHEREOF|In witness whereof|In Witness Whereof|DONE (?:at|in)\b|"
                      r"Done (?:at|in)\b|SIGNED at\b|Signed at\b|ADOPTED at\b|Adopted at\b)")
_SIGNATORY = re.compile(r"For (?:and on behalf of )?(?:the )?[A-Z\u00c0-\u024f].{0,150}")
_SIGNATURE_LINE = re.compile(r"[_.\u2026\s]+")


def is_closing(text: str) -> bool:
    return _CLOSING.match(text) is not None


def closing_part(document: Document, text: str) -> None:
    """One block of the closing: a signature line is dropped, "For the Government of ...:" is
    a signatory, anything else is testimonium text."""
    if _SIGNATURE_LINE.fullmatch(text):
        return
    if _SIGNATORY.fullmatch(text) and _words(text) <= 20 and (text.endswith(":") or text.startswith("For the")):
        document.signatories.append(text)
    else:
        document.closing.append(text)


# -- the document -------------------------------------------------------------------------------
def _title_block(item: _Item) -> bool:
    """The short block after a bare "Article 5" that names it ("Objectives")."""
    text = item.text
    return (item.kind == "text" and _words(text) < 15 and text[:1].isupper()
            and not text.endswith((".", ";", ",", ":")) and labelling.split(text) is None
            and not is_closing(text) and not _is_status(text))


class _Body:
    def __init__(self, document: Document, labels: dict[str, str]):
        self.document = document
        self.labels = labels
        self.division: Division | None = None
        self.unit: Article | Annex | None = None
        self.blocks: list[Block] = []
        self.cleaned: list[str] = []
        self.closing = False

    def label(self, *blocks: Block) -> str | None:
        for block in blocks:
            for name in block.bookmarks:
                if name in self.labels:
                    return self.labels[name]
        return None

    def flush(self) -> None:
        if self.unit is not None:
            self.unit.paragraphs = paragraphs(self.blocks, self.cleaned)
        self.blocks, self.cleaned = [], []

    def add_text(self, item: _Item) -> None:
        annex = isinstance(self.unit, Annex)
        started = next(self.document.articles(), None) is not None
        if not annex and (self.closing or (started and is_closing(item.text))):
            self.closing = True
            closing_part(self.document, item.text)
            return
        if not annex and item.block.heading and _words(item.text) <= 20 and not _ends_sentence(item.text) \
                and labelling.split(item.text) is None:
            # a styled heading that names no number: an unnumbered article
            self.open_article(Article(heading=item.text, label=self.label(item.block)))
            return
        if self.unit is None:   # text between a division heading and its first article
            self.open_article(Article(heading=""))
        self.blocks.append(item.block)
        self.cleaned.append(item.text)

    def open_article(self, article: Article) -> None:
        self.flush()
        self.closing = False
        self.unit = article
        (self.division.articles if self.division else self.document.body).append(article)

    def heading(self, item: _Item, title: str, extra: Block | None) -> None:
        label = self.label(item.block, *([extra] if extra else []))
        if isinstance(self.unit, Annex) and item.kind != "annex":
            # an annex (a protocol, an appendix) may have articles of its own: keep them inside it
            self.blocks.append(Block(f"{item.word} {item.number}".strip() + (f": {title}" if title else "")))
            self.cleaned.append(clean(self.blocks[-1].text))
            return
        if item.kind == "article":
            self.open_article(Article(heading=title, label=label, number=item.number, word=item.word))
        elif item.kind == "division":
            self.flush()
            self.closing, self.unit = False, None
            self.division = Division(item.word, title, number=item.number)
            self.document.body.append(self.division)
        else:
            self.flush()
            self.closing = False
            self.unit = Annex(heading=title, label=label, number=item.number)
            self.document.annexes.append(self.unit)


# the note of a text in which no article, section or division heading was recognised: a command
# that needs structure (an import into the references, say) can refuse such a text by this note
NO_ARTICLES = "no article headings were found; the text was read as one article"


def front(blocks: Iterable[Block], *, title: str | None = None, default_title: str = "") -> Document:
    """A Document holding only front matter: every block is read as title, preamble or formula."""
    document = Document(title="")
    _front_matter(document, [item for item in map(_item, blocks) if item is not None], title, default_title)
    return document


def build(blocks: Iterable[Block], *, title: str | None = None, default_title: str = "",
          labels: dict[str, str] | None = None) -> Document:
    """The Document these blocks spell.

    `title` is a title known from elsewhere (a .docx's properties) that wins over the text's
    spelling of the same words; `default_title` (the file stem) serves when the text has none;
    `labels` maps bookmark names to clause ids.
    """
    items = [item for item in map(_item, blocks) if item is not None]
    if any(it.kind == "article" and it.word == "Article" for it in items):
        for it in items:   # where articles are the units, a "Section" groups them
            if it.kind == "article" and it.word == "Section":
                it.kind = "division"
    start = next((i for i, it in enumerate(items) if it.kind != "text"), len(items))
    document = Document(title="")
    _front_matter(document, items[:start], title, default_title)
    if start == len(items):
        if document.preamble and not document.formula:
            document.body.append(Article(heading="", paragraphs=document.preamble))
            document.preamble = []
            document.notes.append(NO_ARTICLES)
        return document
    body = _Body(document, labels or {})
    i = start
    while i < len(items):
        item = items[i]
        if item.kind == "text":
            body.add_text(item)
            i += 1
            continue
        title_text, extra = item.title or "", None
        if item.title is None and i + 1 < len(items) and _title_block(items[i + 1]):
            title_text, extra = items[i + 1].text, items[i + 1].block
            i += 1
        body.heading(item, title_text, extra)
        i += 1
    body.flush()
    _drop_contents(document)
    return document


def _drop_contents(document: Document) -> None:
    """A table of contents lists headings that come again later with their text: its entries
    read as empty articles and divisions. Drop those, when there are several."""
    articles = {(a.word, a.number) for a in document.articles() if a.paragraphs and a.number}
    divisions = {(d.kind, d.number) for d in document.divisions() if any(a.paragraphs for a in d.articles)}
    dropped = {id(a) for a in document.articles() if not a.paragraphs and (a.word, a.number) in articles}
    dropped |= {id(d) for d in document.divisions()
                if (d.kind, d.number) in divisions and all(id(a) in dropped for a in d.articles)
                and not any(a.paragraphs for a in d.articles)}
    if len(dropped) < 3:
        return
    for division in document.divisions():
        division.articles = [a for a in division.articles if id(a) not in dropped]
    document.body = [item for item in document.body if id(item) not in dropped]
    document.preamble = [p for p in document.preamble if p.text.casefold() not in ("contents", "table of contents")]
    document.notes.append(f"a table of contents ({len(dropped)} entries) was left out")
