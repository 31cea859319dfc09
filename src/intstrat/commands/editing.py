"""`new` and `init`: records and repositories for people who are not programmers."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from intstrat.commands.common import RepoOption, display_path, handle_errors, load
from intstrat.formats import Lang

new_app = typer.Typer(
    help="Create a new record file (asks for the essentials in a terminal).",
    no_args_is_help=True,
)


def terminal_prompt(no_input: bool) -> Callable[..., str] | None:
    """Questions only when a person is at a terminal; a wrong answer is asked again."""
    if no_input or not sys.stdin.isatty():
        return None
    return ask


def ask(question: str, check: Callable[[str], object] | None = None, default: str = "") -> str:
    def proc(value: str) -> str:
        value = value.strip()
        if check is not None and value:
            try:
                check(value)
            except ValueError as exc:
                raise typer.BadParameter(str(exc).split("\n")[0]) from None
        return value

    answer: str = typer.prompt(
        question, default=default, show_default=bool(default), value_proc=proc
    )
    return answer


NoInput = Annotated[bool, typer.Option("--no-input", help="Never ask; take only the options.")]


@new_app.command("project")
@handle_errors
def new_project(
    ident: Annotated[
        str | None,
        typer.Argument(
            metavar="[ID]", help="The id (default: from the title).", show_default=False
        ),
    ] = None,
    title: Annotated[
        str | None, typer.Option(help="The project's name.", show_default=False)
    ] = None,
    kind: Annotated[str, typer.Option(help="project, prestudy, network or activity.")] = "project",
    status: Annotated[
        str | None,
        typer.Option(help="idea, applied, planned, ongoing, completed, ...", show_default=False),
    ] = None,
    owner: Annotated[
        str | None,
        typer.Option(help="The owning unit's id from intstrat.yaml.", show_default=False),
    ] = None,
    partner: Annotated[
        list[str] | None,
        typer.Option("--partner", help="A partner id (repeat for more).", show_default=False),
    ] = None,
    start: Annotated[
        str | None, typer.Option(help="Start: 2024, 2024-03 or 2024-03-15.", show_default=False)
    ] = None,
    end: Annotated[
        str | None, typer.Option(help="End, if it has ended or is planned to.", show_default=False)
    ] = None,
    sdg: Annotated[
        list[int] | None,
        typer.Option("--sdg", help="An SDG 1-17 (repeat for more).", show_default=False),
    ] = None,
    theme: Annotated[
        list[str] | None, typer.Option("--theme", help="A theme id (repeat).", show_default=False)
    ] = None,
    form: Annotated[
        list[str] | None, typer.Option("--form", help="A form id (repeat).", show_default=False)
    ] = None,
    goal: Annotated[
        list[str] | None, typer.Option("--goal", help="A goal id (repeat).", show_default=False)
    ] = None,
    summary: Annotated[
        str | None, typer.Option(help="A few sentences about it.", show_default=False)
    ] = None,
    no_input: NoInput = False,
    repo: RepoOption = None,
) -> None:
    """A new project file in data/projects/, valid from the start."""
    from intstrat.edit import new
    from intstrat.i18n import Words

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
    }
    path = new.new_project(data, answers, ident, terminal_prompt(no_input))
    words = Words(new.Choices.of(data).language)  # type: ignore[arg-type]
    print(words("wrote_new", path=display_path(root, path.relative_to(root))))


@new_app.command("partner")
@handle_errors
def new_partner(
    ident: Annotated[
        str | None,
        typer.Argument(metavar="[ID]", help="The id (default: from the name).", show_default=False),
    ] = None,
    name: Annotated[
        str | None, typer.Option(help="The partner's name.", show_default=False)
    ] = None,
    partner_type: Annotated[
        str,
        typer.Option(
            "--type", help="municipality, region, university, organisation, network or company."
        ),
    ] = "municipality",
    country: Annotated[
        str | None, typer.Option(help="Two-letter country code: ZA, XK, ...", show_default=False)
    ] = None,
    since: Annotated[
        str | None, typer.Option(help="Year the partnership began.", show_default=False)
    ] = None,
    website: Annotated[str | None, typer.Option(help="https://...", show_default=False)] = None,
    no_input: NoInput = False,
    repo: RepoOption = None,
) -> None:
    """A new partner file in data/partners/, valid from the start."""
    from intstrat.edit import new
    from intstrat.i18n import Words

    root, data = load(repo)
    answers = {
        "name": name,
        "type": partner_type,
        "country": country,
        "since": since,
        "website": website,
    }
    path = new.new_partner(data, answers, ident, terminal_prompt(no_input))
    words = Words(new.Choices.of(data).language)  # type: ignore[arg-type]
    print(words("wrote_new", path=display_path(root, path.relative_to(root))))


@handle_errors
def init(
    directory: Annotated[Path, typer.Argument(help="Where to create it (default: here).")] = Path(),
    name: Annotated[
        str | None,
        typer.Option(help="The organisation, e.g. 'Ljungby kommun'.", show_default=False),
    ] = None,
    lang: Annotated[Lang, typer.Option("--lang", help="Default language of documents.")] = Lang.SV,
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
    from intstrat.errors import UsageError
    from intstrat.i18n import _

    units = parse_units(unit or [])
    organisation = name
    prompt = terminal_prompt(no_input)
    if not organisation and prompt is not None:
        organisation = prompt("Organisationens namn / Name of the organisation", lambda v: v)
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
