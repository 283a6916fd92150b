"""Assembly: a draft spec, its template and the clause library become one numbered Document.

The template renders an outline of directives (one per line: `@title`, `@article ID`, ...); each
clause named there is rendered with its parameters; then the definitions article is filled with
exactly the defined terms the text uses, everything is numbered, and cross-references resolved.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from . import jinja, numbering, references, yamlfile
from .errors import SpecError, TemplateError, TreatyError
from .library import Clause
from .model import Annex, Article, Division, Document, Paragraph
from .params import ParamProblem
from .register import INSTRUMENTS, Instrument
from .render import Rendered, render_clause
from .spec import Spec, load_spec
from .workspace import Workspace

DIVISIONS = {"part": "Part", "chapter": "Chapter", "section": "Section"}
_DIRECTIVE = re.compile(r"^@([a-z]+)(?:[ \t]+(.*))?$")
_TEMPLATE_FIELDS = {"instrument", "description", "preamble", "final", "annexes"}


@dataclass
class Template:
    name: str
    path: Path
    instrument: Instrument
    description: str
    preamble: str | None
    final: list[str]
    annexes: list[str]
    body: str
    body_line: int


def load_template(workspace: Workspace, name: str, spec: Spec) -> Template:
    path = workspace.templates / f"{name}.j2"
    if not re.fullmatch(r"[a-z0-9-]+", name) or not path.is_file():
        known = ", ".join(sorted(p.stem for p in workspace.templates.glob("*.j2")))
        raise SpecError(f"unknown template {name!r}; expected one of {known}", spec.path, spec.line(("template",)))
    front, body, body_line = yamlfile.split_front_matter(path.read_text(encoding="utf-8"), path)
    data, positions = yamlfile.parse(front, path, line_offset=1)
    if not isinstance(data, dict) or data.get("instrument") not in INSTRUMENTS:
        raise TemplateError(f"front matter must name an instrument: {', '.join(INSTRUMENTS)}", path, 2)
    unknown = sorted(set(data) - _TEMPLATE_FIELDS)
    if unknown:
        raise TemplateError(f"unknown field {unknown[0]!r}", path, positions.line((unknown[0],)))
    return Template(name, path, INSTRUMENTS[data["instrument"]], data.get("description", ""),
                    data.get("preamble"), list(data.get("final") or []),
                    list(data.get("annexes") or []), body, body_line)


def date_in_words(spec: Spec) -> str:
    """"this sixteenth day of March, 2026", or blanks to fill in for an undated draft."""
    if spec.date is None:
        return "this ____ day of __________, ____"
    return numbering.date_in_words(spec.date)


def date_text(spec: Spec) -> str:
    return numbering.long_date(spec.date) if spec.date else ""


def _languages(spec: Spec) -> list[str]:
    languages = []
    for party in spec.parties:
        for language in party.languages:
            if language not in languages:
                languages.append(language)
    return sorted(languages, key=lambda x: (x != "English", x))


class Assembler:
    def __init__(self, workspace: Workspace, spec: Spec):
        self.workspace = workspace
        self.spec = spec
        self.template = load_template(workspace, spec.template, spec)
        self.instrument = self.template.instrument
        self.global_params = {"languages": _languages(spec), **spec.params}
        self.rendered: dict[str, Rendered] = {}

    # -- outline ---------------------------------------------------------------------------
    def outline(self) -> list[tuple[str, str, int]]:
        spec, template = self.spec, self.template
        final = spec.final if spec.final is not None else template.final
        annexes = spec.annexes if spec.annexes is not None else template.annexes
        if "minerals" not in self.global_params:   # the covered-minerals annex needs a list
            annexes = [a for a in annexes if a != "annex.covered-minerals" or a in spec.entries]
        ids = [*(c for ch in spec.chapters for c in ch.articles), *final, *annexes]
        preamble = spec.preamble or template.preamble
        context = dict(self.instrument.words())
        context.update(
            title=spec.title, parties=spec.parties, status=spec.status, place=spec.place,
            date=date_text(spec), date_in_words=date_in_words(spec),
            languages=self.global_params["languages"], chapters=spec.chapters, final=final,
            annexes=annexes, preamble=preamble, included=lambda clause_id: clause_id in ids,
            party_list=lambda form="name": jinja.join_list([getattr(p, form) for p in spec.parties], "and"),
        )
        text = jinja.render(template.body, template.body_line, context, template.path, TemplateError)
        lines = []
        for offset, line in enumerate(text.splitlines()):
            if not line.strip():
                continue
            match = _DIRECTIVE.match(line.strip())
            if not match:
                raise TemplateError(f"expected a directive such as '@article ID', got {line.strip()[:60]!r}",
                                    template.path, f"rendered line {offset + 1}")
            lines.append((match.group(1), (match.group(2) or "").strip(), offset + 1))
        return lines

    # -- clauses ---------------------------------------------------------------------------
    def _blame(self, clause_id: str):
        entry = self.spec.entries.get(clause_id)
        if entry is not None:
            return self.spec.path, self.spec.line(entry.key)
        return self.template.path, None

    def clause(self, clause_id: str, kinds: tuple[str, ...]) -> Rendered:
        if clause_id in self.rendered:
            source, line = self._blame(clause_id)
            raise SpecError(f"clause {clause_id!r} appears twice in the draft", source, line)
        library = self.workspace.library
        source, line = self._blame(clause_id)
        try:
            clause = library.get(clause_id)
        except KeyError:
            raise SpecError(f"unknown clause id {clause_id!r}{library.suggest(clause_id)}", source, line) from None
        if clause.kind not in kinds:
            raise SpecError(f"clause {clause_id!r} is of kind {clause.kind!r}; expected {' or '.join(kinds)} here",
                            source, line)
        if self.instrument.kind not in clause.instruments:
            raise SpecError(f"clause {clause_id!r} is not written for a {self.instrument.kind} "
                            f"(it serves {', '.join(clause.instruments)})", source, line)
        entry = self.spec.entries.get(clause_id)
        ambition = self._ambition(clause, entry)
        params = self._params(clause, entry)
        rendered = render_clause(clause, self.instrument, ambition, params, self.spec.parties)
        self.rendered[clause_id] = rendered
        return rendered

    def _ambition(self, clause: Clause, entry) -> str:
        if entry is not None and entry.ambition is not None:
            if entry.ambition not in clause.ambition:
                raise SpecError(f"clause {clause.id!r} supports ambition {', '.join(clause.ambition)}; "
                                f"got {entry.ambition!r}", self.spec.path, self.spec.line(entry.key + ("ambition",)))
            return entry.ambition
        if self.spec.ambition in clause.ambition:
            return self.spec.ambition
        return clause.ambition[0]

    def _params(self, clause: Clause, entry) -> dict:
        given = entry.params if entry is not None else {}
        values = {}
        for name in given:
            if name not in clause.params:
                known = ", ".join(clause.params) or "none"
                raise SpecError(f"clause {clause.id!r} has no parameter {name!r} (it takes: {known})",
                                self.spec.path, self.spec.line(entry.key + ("params", name)))
        for name, param in clause.params.items():
            if name in given:
                value, key = given[name], entry.key + ("params", name)
            elif name in self.spec.params:
                value, key = self.spec.params[name], ("params", name)
            elif name in self.global_params:
                value, key = self.global_params[name], None
            elif param.has_default:
                values[name] = param.default
                continue
            else:
                source, line = self._blame(clause.id)
                raise SpecError(f"clause {clause.id!r} needs parameter {name!r} ({param.describe()}): set it "
                                "in the clause's params or in the spec's global params", source, line)
            try:
                values[name] = param.check(value)
            except ParamProblem as problem:
                line = self.spec.line(key) if key else None
                raise SpecError(f"clause {clause.id!r} parameter {name!r}: {problem}", self.spec.path, line) from None
        return values

    # -- the document ----------------------------------------------------------------------
    def build(self) -> Document:
        spec, instrument = self.spec, self.instrument
        document = Document(title=spec.title, parties=list(spec.parties), metadata={
            "status": spec.status, "date": spec.date.isoformat() if spec.date else "",
            "template": spec.template, "instrument": instrument.kind, "version": spec.version or "",
            "place": spec.place or "",
        })
        division: Division | None = None
        for directive, argument, line in self.outline():
            if directive == "title":
                document.title = argument
            elif directive == "subtitle":
                document.subtitle = argument
            elif directive == "opening":
                document.opening.append(argument)
            elif directive == "recitals":
                document.preamble = self.clause(argument, ("preamble",)).paragraphs
            elif directive == "formula":
                document.formula = argument
            elif directive in DIVISIONS:
                division = Division(DIVISIONS[directive], argument)
                document.body.append(division)
            elif directive == "article":
                rendered = self.clause(argument, ("article", "definitions"))
                article = Article(rendered.clause.title, rendered.paragraphs, label=argument,
                                  word=instrument.article_word)
                (division.articles if division else document.body).append(article)
            elif directive == "annex":
                rendered = self.clause(argument, ("annex",))
                document.annexes.append(Annex(rendered.clause.title, rendered.paragraphs, label=argument))
            elif directive == "testimonium":
                document.closing.append(argument)
            elif directive == "signatures":
                document.signatories = [f"For {p.government}:" for p in spec.parties]
            else:
                raise TemplateError(f"unknown directive @{directive}", self.template.path, f"rendered line {line}")
        self.define_terms(document)
        references.assign_numbers(document)
        references.resolve(document, self._ref_source)
        return document

    def _ref_source(self, label: str | None, target: str):
        """The clause file and line that wrote ref(target): where the fix belongs."""
        label = label or next((c for c, r in self.rendered.items() if r.clause.kind == "preamble"), None)
        if label is None:
            return self.template.path, None
        path = self.workspace.library.path_of(label)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if target in line:
                return path, number
        return path, None

    def define_terms(self, document: Document) -> None:
        """Fill the definitions article with the defined terms the text uses, and only those."""
        owners: dict[str, str] = {}
        definitions: dict[str, str] = {}
        for clause_id, rendered in self.rendered.items():
            for term, text in rendered.definitions.items():
                if term in owners:
                    raise SpecError(f"term {term!r} is defined by both {owners[term]!r} and {clause_id!r}",
                                    *self._blame(clause_id))
                owners[term], definitions[term] = clause_id, text
        holder = self._definitions_paragraph(document)
        text = "\n".join(p.text for unit in [*document.articles(), *document.annexes] for p in unit.walk())
        text += "\n" + "\n".join(p.text for recital in document.preamble for p in recital.walk())
        used = {term for term in definitions if term_pattern(term).search(text)}
        pending = list(used)
        while pending:   # a definition may itself use other defined terms
            for term in definitions:
                if term not in used and term_pattern(term).search(definitions[pending[-1]]):
                    used.add(term)
                    pending.insert(0, term)
            pending.pop()
        for clause_id, rendered in self.rendered.items():
            for term in rendered.clause.uses:
                if term not in definitions and term_pattern(term).search(text):
                    raise SpecError(f"clause {clause_id!r} uses the defined term {term!r}, which no clause "
                                    f"in the draft defines{self._who_defines(term)}", *self._blame(clause_id))
        if used and holder is None:
            raise SpecError(f"the draft uses defined terms ({', '.join(sorted(used))}) but has no "
                            "definitions article; add general.definitions", self.spec.path, None)
        if holder is None:
            return
        terms = sorted(used, key=str.casefold)
        holder.children[:0] = [Paragraph(f"\u201c{term}\u201d {definitions[term]}"
                                         f"{'.' if i == len(terms) - 1 else ';'}")
                               for i, term in enumerate(terms)]

    def _who_defines(self, term: str) -> str:
        for clause in self.workspace.library.all():
            if any(jinja.OPEN not in t and t == term for t in clause.defines):
                return f" (add {clause.id}, which defines it)"
        return ""

    def _definitions_paragraph(self, document: Document) -> Paragraph | None:
        for article in document.articles():
            for paragraph in article.paragraphs:
                if jinja.DEFINITIONS_MARKER in paragraph.text:
                    article.paragraphs.remove(paragraph)
                    if paragraph.text != jinja.DEFINITIONS_MARKER:
                        raise TreatyError("definitions() must stand alone in its block",
                                          self.workspace.library.path_of(article.label))
                    target = article.paragraphs[-1] if article.paragraphs else None
                    if target is None:
                        target = Paragraph(f"For the purposes of this {self.instrument.name}:")
                        article.paragraphs.append(target)
                    return target
        return None


_TERM_CACHE: dict[str, re.Pattern] = {}


def term_pattern(term: str) -> re.Pattern:
    """Whole-word, case-sensitive use of a term or its plural: Party, Parties, Party's."""
    if term not in _TERM_CACHE:
        plural = term[:-1] + "ies" if term.endswith("y") and term[-2:-1] not in "aeiou" else term + "s"
        _TERM_CACHE[term] = re.compile(r"(?<![\w-])(?:" + re.escape(plural) + "|" + re.escape(term) + r")(?![\w-])")
    return _TERM_CACHE[term]


def assemble(spec_path: Path, workspace: Workspace | None = None) -> Document:
    workspace = workspace or Workspace.default()
    spec = load_spec(Path(spec_path), workspace.parties)
    return Assembler(workspace, spec).build()
