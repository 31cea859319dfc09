"""`new` and `init`: records and repositories for people who are not programmers."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from intstrat.commands.common import (
    MessagesLangOption,
    RepoOption,
    display_path,
    handle_errors,
    load,
)
from intstrat.commands.localise import LocalisedCommand, LocalisedGroup
from intstrat.formats import Lang
from intstrat.i18n import _

if TYPE_CHECKING:
    from intstrat.edit.new import Question, Written

new_app = typer.Typer(
    cls=LocalisedGroup,
    help="Create a new record file (asks for the essentials in a terminal).",
    no_args_is_help=True,
)


class TerminalPrompt:
    """The interview of `new` at a terminal: numbered choices, problems said at once."""

    def ask(self, question: Question, problem: str | None) -> str:
        if problem:
            typer.secho(_indented(problem), fg="red")
        elif question.choices:
            width = len(str(len(question.choices)))
            typer.echo(f"{question.text}:")
            for number, (_ident, label) in enumerate(question.choices, start=1):
                typer.echo(f"  {number:>{width}}  {label}")
        text = _("Choose (number or name)") if question.choices else question.text
        default = dict(question.choices).get(question.default, question.default)
        if default:
            text += f" [{default}]"
        return _prompt(text)

    def confirm(self, question: str, preview: str) -> bool:
        typer.echo("")
        typer.echo(preview.rstrip("\n"))
        typer.echo("")
        yes, no = _("y"), _("n")
        while True:
            word = _prompt(f"{question} [{yes.upper()}/{no}]").strip().casefold()
            if word in ("", yes, _("yes"), "y", "yes"):
                return True
            if word in (no, _("no"), "n", "no"):
                return False
            answer = _("answer {yes} (write the file) or {no} (do not)").format(yes=yes, no=no)
            typer.secho(_indented(answer), fg="red")

    def tell(self, message: str) -> None:
        typer.secho(_indented(message), fg="cyan")


def _indented(message: str) -> str:
    """`message` under the question it is about; at a terminal its lines are broken
    between words to fit (a terminal breaks them inside words: 'pre-stu' / 'dy')."""
    import shutil
    import textwrap

    if not sys.stdout.isatty():
        return f"  {message}"
    width = max(40, shutil.get_terminal_size().columns - 1)
    return textwrap.fill(
        message, width, initial_indent="  ", subsequent_indent="  ", break_on_hyphens=False
    )


def _prompt(text: str) -> str:
    """The answer typed after `text`. Input that ends (Ctrl-D) or Ctrl-C ends the line
    first, so that what intstrat says then starts on a line of its own."""
    try:
        answer: str = typer.prompt(text, default="", show_default=False)
    except typer.Abort:
        typer.echo("")
        raise
    return answer


def terminal_prompt(no_input: bool) -> TerminalPrompt | None:
    """Questions only when a person is at a terminal."""
    if no_input or not sys.stdin.isatty():
        return None
    return TerminalPrompt()


def _done(root: Path, written: Written | None) -> None:
    if written is None:
        print(_("Nothing was written."))
        return
    from intstrat.checks.output import finding_line

    for note in written.notes:
        print(note)
    for warning in written.warnings:
        print(finding_line(warning))
    print(
        _("Created {path}. Check it with: intstrat check").format(
            path=display_path(root, written.path.relative_to(root))
        )
    )


NoInput = Annotated[bool, typer.Option("--no-input", help="Never ask; take only the options.")]


@new_app.command("project", cls=LocalisedCommand, epilog="intstrat new project")
@handle_errors
def new_project(
    ident: Annotated[
        str | None,
        typer.Argument(metavar="ID", help="The id (default: from the title).", show_default=False),
    ] = None,
    title: Annotated[
        str | None, typer.Option(metavar="TEXT", help="The project's name.", show_default=False)
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            metavar="KIND", help="project, prestudy, network or activity.", show_default=False
        ),
    ] = None,
    status: Annotated[
        str | None,
        typer.Option(
            metavar="STATUS",
            help="idea, applied, planned, ongoing, completed, ... (Swedish words too).",
            show_default=False,
        ),
    ] = None,
    owner: Annotated[
        str | None,
        typer.Option(
            metavar="UNIT",
            help="The owning department or company: its id or name.",
            show_default=False,
        ),
    ] = None,
    partner: Annotated[
        list[str] | None,
        typer.Option(
            "--partner",
            metavar="PARTNER",
            help="A partner's id or name (repeat for more).",
            show_default=False,
        ),
    ] = None,
    start: Annotated[
        str | None,
        typer.Option(
            metavar="DATE", help="Start: 2024, 2024-03 or 2024-03-15.", show_default=False
        ),
    ] = None,
    end: Annotated[
        str | None,
        typer.Option(
            metavar="DATE", help="End, if it has ended or is planned to.", show_default=False
        ),
    ] = None,
    sdg: Annotated[
        list[str] | None,
        typer.Option(
            "--sdg",
            metavar="NUMBER",
            help="A goal 1-17 (repeat for more, or separate with commas: 4,13).",
            show_default=False,
        ),
    ] = None,
    theme: Annotated[
        list[str] | None,
        typer.Option("--theme", metavar="THEME", help="A theme (repeat).", show_default=False),
    ] = None,
    form: Annotated[
        list[str] | None,
        typer.Option("--form", metavar="FORM", help="A form of work (repeat).", show_default=False),
    ] = None,
    goal: Annotated[
        list[str] | None,
        typer.Option(
            "--goal", metavar="AREA", help="A strategic area (repeat).", show_default=False
        ),
    ] = None,
    summary: Annotated[
        str | None,
        typer.Option(metavar="TEXT", help="A few sentences about it.", show_default=False),
    ] = None,
    funder: Annotated[
        str | None,
        typer.Option(
            metavar="FUNDER",
            help="The funder, id or name: of the application with status applied or rejected "
            "(or with --submitted); otherwise where the money comes from (a funding line).",
            show_default=False,
        ),
    ] = None,
    submitted: Annotated[
        str | None,
        typer.Option(
            metavar="DATE",
            help="For an application: when it was submitted (2024-03-15, 2024-03 or 2024); "
            "with status planned, ongoing or completed it was granted.",
            show_default=False,
        ),
    ] = None,
    no_input: NoInput = False,
    repo: RepoOption = None,
    lang: MessagesLangOption = None,
) -> None:
    """A new project file in data/projects/, valid from the start."""
    from intstrat.edit import new

    root, data = load(repo)
    answers = {
        "title": title,
        "kind": kind,
        "status": status,
        "owner": owner,
        "partners": partner,
        "start": start,
        "end": end,
        "sdgs": sdg,
        "themes": theme,
        "forms": form,
        "goals": goal,
        "summary": summary,
        "funder": funder,
        "submitted": submitted,
    }
    _done(root, new.new_project(data, answers, ident, terminal_prompt(no_input)))


@new_app.command(
    "partner", cls=LocalisedCommand, epilog="intstrat new partner --name 'Tartu linn' --country EE"
)
@handle_errors
def new_partner(
    ident: Annotated[
        str | None,
        typer.Argument(metavar="ID", help="The id (default: from the name).", show_default=False),
    ] = None,
    name: Annotated[
        str | None, typer.Option(metavar="TEXT", help="The partner's name.", show_default=False)
    ] = None,
    partner_type: Annotated[
        str | None,
        typer.Option(
            "--type",
            metavar="TYPE",
            help="municipality, region, university, organisation, network or company.",
            show_default=False,
        ),
    ] = None,
    country: Annotated[
        str | None,
        typer.Option(
            metavar="COUNTRY",
            help="The country: its name or two-letter code (Lettland, LV).",
            show_default=False,
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(metavar="YEAR", help="Year the partnership began.", show_default=False),
    ] = None,
    website: Annotated[
        str | None, typer.Option(metavar="URL", help="https://...", show_default=False)
    ] = None,
    no_input: NoInput = False,
    repo: RepoOption = None,
    lang: MessagesLangOption = None,
) -> None:
    """A new partner file in data/partners/, valid from the start."""
    from intstrat.edit import new

    root, data = load(repo)
    answers = {
        "name": name,
        "type": partner_type,
        "country": country,
        "since": since,
        "website": website,
    }
    _done(root, new.new_partner(data, answers, ident, terminal_prompt(no_input)))


@handle_errors
def init(
    directory: Annotated[
        Path,
        typer.Argument(
            metavar="FOLDER", help="Where to create it (default: here).", show_default=False
        ),
    ] = Path(),
    name: Annotated[
        str | None,
        typer.Option(help="The organisation, e.g. 'Ljungby kommun'.", show_default=False),
    ] = None,
    lang: Annotated[
        Lang,
        typer.Option("--lang", help="Default language of documents.", case_sensitive=False),
    ] = Lang.SV,
    unit: Annotated[
        list[str] | None,
        typer.Option(
            "--unit",
            metavar="ID=NAME",
            help="A department or company, e.g. utbildning=Utbildningsförvaltningen (repeat).",
            show_default=False,
        ),
    ] = None,
    no_input: Annotated[bool, typer.Option("--no-input", help="Never ask.")] = False,
) -> None:
    """A new data repository for an organisation, ready for 'intstrat check'."""
    import shlex

    from intstrat.edit.init import git_init, init_repository, parse_units
    from intstrat.edit.new import Question
    from intstrat.errors import UsageError

    units = parse_units(unit or [])
    organisation = name
    prompt = terminal_prompt(no_input)
    if not organisation and prompt is not None:
        organisation = prompt.ask(Question(_("Name of the organisation"), required=True), None)
    if not organisation:
        raise UsageError(_("missing --name, e.g. --name 'Ljungby kommun'"))
    written = init_repository(directory, organisation, lang.value, units)
    for path in written:
        print(_("wrote {path}").format(path=path))
    if git_init(directory):
        print(_("initialised a git repository in {path}").format(path=directory))
    here = directory.resolve() == Path.cwd().resolve()
    go = "" if here else f"cd {shlex.quote(str(directory))} && "
    print(
        _(
            "next: {go}intstrat new project, then commit and push; "
            ".github/workflows/check.yml checks every pull request"
        ).format(go=go)
    )
