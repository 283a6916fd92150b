"""The `treaty` command. Heavy modules are imported inside each command, so `treaty --help`
stays fast and spaCy is loaded only by the commands that analyse language."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import launch
from .errors import TreatyError


class _Group(click.Group):
    """Turns every TreatyError into one line on stderr and exit status 2 (1 for findings)."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except TreatyError as error:
            click.echo(f"treaty: error: {error}", err=True)
            sys.exit(error.exit_code)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Draft and compare treaty texts on trade in critical minerals."""


@main.group(cls=_Group)
def clauses() -> None:
    """Browse and check the clause library."""


def _workspace():
    from .workspace import Workspace
    return Workspace.default()


@clauses.command("list")
@click.option("--topic", help="Only clauses of this topic (e.g. price-floors).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list instead of a table.")
def clauses_list(topic: str | None, as_json: bool) -> None:
    """List the provisions of the library."""
    library = _workspace().library
    found = [c for c in library.all() if topic is None or c.topic == topic]
    if topic is not None and not found:
        topics = sorted({c.topic for c in library.all()})
        raise TreatyError(f"no clauses of topic {topic!r}; topics are {', '.join(topics)}")
    if as_json:
        click.echo(json.dumps([c.as_json() for c in found], indent=2, ensure_ascii=False, default=str))
        return
    width = max((len(c.id) for c in found), default=10)
    for clause in found:
        click.echo(f"{clause.id:<{width}}  {clause.title}")


@clauses.command("show")
@click.argument("clause_id")
@click.option("--instrument", type=click.Choice(["agreement", "action-plan", "mou"]), help="Render for this instrument.")
@click.option("--ambition", type=click.Choice(["binding", "best-efforts", "hortatory"]), help="Render at this level.")
def clauses_show(clause_id: str, instrument: str | None, ambition: str | None) -> None:
    """Show a clause: what it is, its parameters, and its text with default parameters."""
    from .check import sample_params
    from .register import INSTRUMENTS
    from .render import render_clause
    from .writers.common import walk_numbered
    from .references import number_paragraphs
    from . import jinja

    workspace = _workspace()
    try:
        clause = workspace.library.get(clause_id)
    except KeyError:
        raise TreatyError(f"unknown clause id {clause_id!r}{workspace.library.suggest(clause_id)}") from None
    instrument = instrument or clause.instruments[0]
    ambition = ambition or clause.ambition[0]
    if instrument not in clause.instruments or ambition not in clause.ambition:
        raise TreatyError(f"{clause_id} serves {', '.join(clause.instruments)} at {', '.join(clause.ambition)}")
    parties = [workspace.parties["US"], workspace.parties["MX"]]
    rendered = render_clause(clause, INSTRUMENTS[instrument], ambition, sample_params(clause), parties)
    click.echo(f"{clause.id}: {clause.title}  [{clause.kind}; {clause.path}]")
    click.echo(f"  {clause.summary}")
    click.echo(f"  instruments: {', '.join(clause.instruments)}; ambition: {', '.join(clause.ambition)}")
    for name, param in clause.params.items():
        default = f" = {param.default!r}" if param.has_default else " (required)"
        click.echo(f"  param {name}: {param.describe()}{default}" + (f"  {param.help}" if param.help else ""))
    if clause.defines:
        click.echo(f"  defines: {', '.join(rendered.definitions)}")
    if clause.uses:
        click.echo(f"  uses: {', '.join(clause.uses)}")
    click.echo(f"\n--- rendered for {instrument}, {ambition} ---\n")
    number_paragraphs(rendered.paragraphs)
    for depth, label, paragraph in walk_numbered(rendered.paragraphs):
        text = jinja.REF.sub(lambda m: f"[{m.group(1)}]", paragraph.text).replace(jinja.DEFINITIONS_MARKER, "[definitions]")
        click.echo(click.wrap_text(f"{label} {text}".strip(), width=100, initial_indent="    " * depth,
                                   subsequent_indent="    " * depth + "    ") + "\n")
    for term, definition in rendered.definitions.items():
        click.echo(click.wrap_text(f"\u201c{term}\u201d {jinja.REF.sub(lambda m: f'[{m.group(1)}]', definition)}",
                                   width=100, initial_indent="  def ", subsequent_indent="      "))


@clauses.command("check")
def clauses_check() -> None:
    """Render every clause under every instrument and ambition it declares; report problems."""
    from .check import check_library

    workspace = _workspace()
    parties = [workspace.parties["US"], workspace.parties["MX"]]
    findings, renderings = check_library(workspace.library, parties)
    for finding in findings:
        click.echo(str(finding))
    count = len(workspace.library.ids())
    click.echo(f"{count} clauses, {renderings} renderings, {len(findings)} problem(s)", err=bool(findings))
    if findings:
        sys.exit(1)


@main.command()
@click.argument("spec", type=click.Path(path_type=Path, dir_okay=False))
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="Output file; its extension (.docx, .md, .html) chooses the format.")
@click.option("--force", is_flag=True, help="Replace the output if it exists.")
def draft(spec: Path, output: Path, force: bool) -> None:
    """Assemble a draft from a spec (YAML) and write it as .docx, .md or .html."""
    from .assemble import assemble
    from .output import check_target
    from .writers import FORMATS, write

    check_target(output, force, FORMATS)   # refuse early, before any work
    document = assemble(spec)
    write(document, output, force=force)
    click.echo(f"wrote {output} ({sum(1 for _ in document.articles())} articles)", err=True)
    launch.done()


def _iso_date(ctx, param, value: str | None) -> str | None:
    """--date as an ISO date or date-time; stored in the redline as UTC."""
    if value is None:
        return None
    import datetime as dt
    try:
        stamp = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise click.BadParameter(f"expected an ISO date such as 2026-04-06 or 2026-04-06T09:30:00Z, got {value!r}")
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=dt.timezone.utc)
    return stamp.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@main.command()
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="Output file; its extension (.docx, .html, .json, .md) chooses the format.")
@click.option("--author", default="treaty", show_default=True, help="Author of the tracked changes.")
@click.option("--date", callback=_iso_date, help="Date of the tracked changes (ISO); default: now.")
@click.option("--static", is_flag=True, help="A .docx redline by formatting, without tracked changes.")
@click.option("--force", is_flag=True, help="Replace the output if it exists.")
@click.option("--no-flags", "no_flags", is_flag=True,
              help="Skip the material-change analysis (modality, numbers, definitions, parties, references).")
def compare(old: Path, new: Path, output: Path, author: str, date: str | None, static: bool,
            force: bool, no_flags: bool) -> None:
    """Compare two versions of a text: article by article, word by word."""
    import contextlib
    import gc

    from comparisons import outputs
    from comparisons.compare import compare as run
    from comparisons.forked import other_core_busy
    from comparisons.readers.parallel import read_both

    gc.disable()   # a short-lived process building many small objects: collection is wasted work

    outputs.check(output, force, static)   # refuse early, before any work
    worker = None
    if not no_flags:   # spaCy loads in a child process on the other core while we read and compare
        from analysis.worker import take
        worker = take()
    # loading spaCy is the longest path: while it runs, the comparison leaves it the other core
    with other_core_busy() if worker is not None else contextlib.nullcontext():
        try:
            documents = read_both(old, new)
            if worker is not None:   # the definitions are analysed while the comparison runs
                from analysis.flags import Flagger
                flagger = Flagger(*documents, worker)
            comparison = run(*documents)
            comparison.old_source, comparison.new_source = old.name, new.name
            if worker is not None:
                comparison.flags = flagger.flags(comparison)
        finally:
            if worker is not None:
                worker.close()
    outputs.write(comparison, output, force=force, author=author, date=date, static=static)
    s = comparison.summary()
    click.echo(f"wrote {output}: {s['articles_changed']} changed, {s['articles_added']} added, "
               f"{s['articles_deleted']} deleted, {s['articles_moved']} moved", err=True)
    launch.done()


@main.group(cls=_Group)
def references() -> None:
    """The reference texts drafts are read against (the Japan and EU texts)."""


@references.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list instead of a table.")
def references_list(as_json: bool) -> None:
    """Each reference with its status (authentic or illustrative) and size."""
    from comparisons.references import all_references

    rows = []
    for reference in all_references():
        document = reference.read()
        articles = sum(1 for _ in document.articles())
        words = len(reference.text_path.read_text(encoding="utf-8").split())
        rows.append({"name": reference.name, "status": reference.status, "title": reference.title,
                     "date": str(reference.provenance.get("date", "")), "articles": articles, "words": words})
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    if not rows:
        click.echo("no references; add one with `treaty import FILE --name NAME`")
        return
    width = max(len(r["name"]) for r in rows)
    for r in rows:
        click.echo(f"{r['name']:<{width}}  {r['status']:<12}  {r['articles']:>3} articles  {r['words']:>6} words  "
                   f"{r['date']:<10}  {r['title']}")


@main.command("import")
@click.argument("source", type=click.Path(path_type=Path))
@click.option("--name", required=True, help="Name of the reference, e.g. us-japan (then ref:us-japan).")
@click.option("--force", is_flag=True, help="Replace the reference if it exists.")
def import_(source: Path, name: str, force: bool) -> None:
    """Store an authentic text (PDF, Word, HTML, text, Akoma Ntoso or ToTA XML) as a reference."""
    from comparisons.references import import_reference

    reference = import_reference(source, name, force=force)
    document = reference.read()
    click.echo(f"imported {source} as ref:{name}: {sum(1 for _ in document.articles())} articles, "
               f"{len(document.preamble)} recitals ({reference.folder})", err=True)


@main.command()
@click.argument("draft", type=click.Path(path_type=Path))
@click.option("--ref", "refs", multiple=True, required=True, help="A reference to read the draft against (repeatable).")
@click.option("-o", "--output", type=click.Path(path_type=Path, file_okay=False), required=True,
              help="Folder for report.html, report.json and one redline per reference.")
@click.option("--author", default="treaty", show_default=True, help="Author of the tracked changes.")
@click.option("--date", callback=_iso_date, help="Date of the tracked changes (ISO); default: now.")
@click.option("--force", is_flag=True, help="Replace reports already in the folder.")
@click.option("--no-flags", "no_flags", is_flag=True,
              help="Skip the material differences (modality, numbers, definitions, parties, references).")
def against(draft: Path, refs: tuple[str, ...], output: Path, author: str, date: str | None, force: bool,
            no_flags: bool) -> None:
    """Read a draft against reference texts: coverage, closest counterparts, material differences,
    redlines."""
    import gc

    from comparisons import references as store
    from comparisons.against import read_against
    from comparisons.against_report import check_outdir, file_names, write_all
    from comparisons.readers import read
    from comparisons.topics import TopicModel

    gc.disable()
    names = [name[len(store.PREFIX):] if name.startswith(store.PREFIX) else name for name in refs]
    if len(set(names)) != len(names):
        raise TreatyError(f"a reference is named twice: {', '.join(names)}")
    chosen = [store.get(name) for name in names]        # unknown names fail before any work
    check_outdir(output, file_names(names), force)
    worker = None
    if not no_flags:   # spaCy loads in a child process while the texts are read and paired
        from analysis.worker import take
        worker = take()
    try:
        document = read(draft)
        result = read_against(document, draft.name, [(ref, ref.read()) for ref in chosen],
                              TopicModel.from_library(_workspace().library))
        if worker is not None:
            from analysis.flags import Flagger
            # the reference is the old side of each reading: what the draft changes from it
            flaggers = [Flagger(r.comparison.old, r.comparison.new, worker, against=True) for r in result.readings]
            for reading, flagger in zip(result.readings, flaggers):
                reading.comparison.flags = flagger.flags(reading.comparison)
    finally:
        if worker is not None:
            worker.close()
    write_all(result, output, force=force, author=author, date=date, flagged=worker is not None)
    for reading in result.readings:
        differences = "" if worker is None else f", {len(reading.comparison.flags)} material differences"
        click.echo(f"{reading.text.name}: {len(reading.paired)} of {len(result.draft.articles)} draft articles "
                   f"paired, {len(reading.missing)} provisions the draft lacks{differences} "
                   f"({reading.text.reference.status} text)", err=True)
    click.echo(f"wrote {output / 'report.html'}", err=True)
    launch.done()


@main.command()
@click.argument("doc", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the findings as a JSON list.")
def lint(doc: Path, as_json: bool) -> None:
    """Check a text for drafting defects: undefined or unused terms, dangling references,
    register mismatches, inconsistent party names. Exit status 1 when there are findings."""
    import gc

    from analysis.lint import lint as run
    from analysis.pipeline import nlp
    from comparisons.readers.parallel import read_beside

    gc.disable()   # a short-lived process building many small objects: collection is wasted work
    _, document = read_beside(doc, nlp)      # the text is read while spaCy loads
    findings = run(document)
    if as_json:
        click.echo(json.dumps([f.as_json() for f in findings], indent=2, ensure_ascii=False))
    else:
        for finding in findings:
            click.echo(str(finding))
        click.echo(f"{doc.name}: {len(findings)} finding(s)", err=True)
    launch.done(1 if findings else 0)
    if findings:
        sys.exit(1)


if __name__ == "__main__":
    main()
