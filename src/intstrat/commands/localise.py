"""The command line in the user's language: which one, and translating help and framework words.

The language is chosen before anything is parsed, so even `--help` and click's
own errors ("Missing argument") come out in it: `--lang` anywhere on the
command line, else `$INTSTRAT_LANG`, else the `language:` of the repository
(found as `--repo`/`$INTSTRAT_REPO`/upwards from here, like every command finds
it), else Swedish.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Sequence
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from typer.core import TyperCommand, TyperGroup

from intstrat.commands.usage import localise_usage_errors
from intstrat.formats import Language
from intstrat.i18n.messages import (
    DEFAULT_LANGUAGE,
    FRAMEWORK_DOMAIN,
    N_,
    _,
    catalogue,
    current_language,
    parse_language,
    reset_language,
    use_language,
)

ENV_LANG = "INTSTRAT_LANG"
CONFIG_FILE = "intstrat.yaml"
_LANGUAGE_LINE = re.compile(r"^language:[ \t]*['\"]?([A-Za-z_-]+)", re.MULTILINE)


def _option_value(args: Sequence[str], name: str) -> str | None:
    for i, arg in enumerate(args):
        if arg == name and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith(name + "="):
            return arg.split("=", 1)[1]
    return None


def repository_language(args: Sequence[str]) -> Language | None:
    """The `language:` line of the repository the command will use, if it has one.

    Read with a regular expression, not the YAML loader: this only chooses the
    language of messages, and `check` reports a broken config in that language.
    """
    given = _option_value(args, "--repo") or os.environ.get("INTSTRAT_REPO")
    folders: list[Path]
    if given:
        path = Path(given)
        folders = [path.parent if path.name == CONFIG_FILE else path]
    else:
        here = Path.cwd()
        folders = [here, *here.parents]
    from intstrat.loading.files import FileRefused, read_inside

    for folder in folders:
        try:  # bounded, and never through a link out of the repository (/dev/zero hung here)
            text = read_inside(folder, CONFIG_FILE).decode("utf-8", errors="replace")
        except (OSError, FileRefused):
            continue
        match = _LANGUAGE_LINE.search(text)
        return parse_language(match.group(1)) if match else None
    return None


def choose_language(args: Sequence[str]) -> Language:
    return (
        parse_language(_option_value(args, "--lang"))
        or parse_language(os.environ.get(ENV_LANG))
        or repository_language(args)
        or DEFAULT_LANGUAGE
    )


#: The `--lang` of this run's command line, wherever it stood (None: not given).
_asked: ContextVar[Language | None] = ContextVar("intstrat_asked_language", default=None)


def document_language(given: str | None) -> Language | None:
    """The language of a document: the command's `--lang` (`given`), else one given
    before the command (`intstrat --lang en report 2023`), else None: the repository's.

    `$INTSTRAT_LANG` is not asked: it is a person's own language for messages, and
    a municipality's report stays in the language its repository is written in.
    """
    return parse_language(given) or _asked.get()


def translate_help(command: Any) -> None:
    """Help texts, summaries, examples and metavars of `command` and its subcommands,
    in the current language (they are written in English in the code)."""
    for attr in ("help", "short_help"):
        text = getattr(command, attr, None)
        if text:
            setattr(command, attr, _(text))
    command.options_metavar = _("[OPTIONS]")
    if hasattr(command, "subcommand_metavar"):
        command.subcommand_metavar = _("COMMAND [ARGS]...")
    for param in command.params:
        if getattr(param, "help", None):
            param.help = _(param.help)
        _readable_value(param)
    for sub in getattr(command, "commands", {}).values():
        translate_help(sub)


#: What a value of each Python type is called in `--help` when the code gives no metavar.
TYPE_WORDS = {
    "int": N_("NUMBER"),
    "list[int]": N_("NUMBER"),
    "int range": N_("NUMBER"),
    "float": N_("NUMBER"),
    "str": N_("TEXT"),
    "list[str]": N_("TEXT"),
    "path": N_("PATH"),
    "list[path]": N_("PATH"),
}


def _readable_value(param: Any) -> None:
    """`--year NUMBER`, `--status STATUS`, `--format <md|html|pdf|docx>` in `--help`.

    typer prints the Python type after every option (`<list[str]>`, `<int>`); the
    help shows the metavar (translated) instead, or a word for the type, and the
    choices where there are some.
    """
    if getattr(param, "is_flag", False):
        return
    original = param.display_type_rich
    metavar = _(param.metavar) if param.metavar else ""
    argument = param.param_type_name == "argument"
    if argument and metavar:
        param.metavar = metavar

    def shown(ctx: Any) -> str:
        label: str = original(ctx)
        word = TYPE_WORDS.get(label.strip("<>").lower())
        if argument:
            return "" if word else label
        return metavar or (_(word) if word else label)

    param.display_type_rich = shown


def _framework_gettext(message: str) -> str:
    return catalogue(FRAMEWORK_DOMAIN, current_language()).gettext(message)


def _framework_ngettext(singular: str, plural: str, n: int) -> str:
    return catalogue(FRAMEWORK_DOMAIN, current_language()).ngettext(singular, plural, n)


def localise_framework() -> None:
    """Let typer's own words ("Options", "Arguments", "default", "required") follow the
    current language.

    typer (and click, where typer uses the real one) call the standard library's
    `gettext` through a module-level `_` (and `ngettext`), which reads the
    process's locale environment; pointing those names at our catalogue keeps the
    choice with `--lang` and leaves the environment alone.
    """
    import importlib
    import sys

    for name in (
        "typer.core", "typer.main", "click.core", "click.decorators", "click.exceptions",
        "click.formatting", "click.parser", "click.types", "click.termui", "click.utils",
    ):  # fmt: skip
        if name.startswith("click.") and "click" not in sys.modules:
            continue  # typer vendors its click (0.29 on): importing the real one costs 20 ms
        try:
            module = importlib.import_module(name)
        except ImportError:  # typer vendors click in some versions
            continue
        if hasattr(module, "_"):
            module._ = _framework_gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = _framework_ngettext  # type: ignore[attr-defined]
    localise_usage_errors()


#: The help text click gives `--help` (not among a command's own parameters).
HELP_OPTION_HELP = N_("Show this message and exit.")


class _Localised:
    """Usage line, `--help` and the example under the help, in the current language."""

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = " ".join(self.collect_usage_pieces(ctx))  # type: ignore[attr-defined]
        # typer marks a required argument {YEAR}; the usage line reads YEAR, as in click.
        pieces = re.sub(r"\{([^{}\s]+)\}", r"\1", pieces)
        formatter.write_usage(ctx.command_path, pieces, _("Usage: "))

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = _(HELP_OPTION_HELP)
        return option

    def format_epilog(self, ctx: Any, formatter: Any) -> None:
        """`epilog` holds an example command line, which is the same in every language."""
        example = getattr(self, "epilog", None)
        if example:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(_("Example: {command}").format(command=example))


class LocalisedCommand(_Localised, TyperCommand):
    """A command whose help is in the current language."""


class LocalisedGroup(_Localised, TyperGroup):
    """The `intstrat` group: sets the language for the whole run before parsing anything."""

    def main(self, args: Sequence[str] | None = None, *rest: Any, **extra: Any) -> Any:
        """The language holds for the whole run, until a usage error has been shown too
        (it is shown after parsing has given up, outside any context)."""
        argv = _repo_to_command(list(sys.argv[1:] if args is None else args))
        token = use_language(choose_language(argv))
        asked = _asked.set(parse_language(_option_value(argv, "--lang")))
        translate_help(self)
        try:
            return super().main(argv, *rest, **extra)
        finally:
            _asked.reset(asked)
            reset_language(token)


def _repo_to_command(argv: list[str]) -> list[str]:
    """`intstrat --repo X check` as `intstrat check --repo X`.

    `--repo` is an option of each command, but people write it before the command as
    they write `git -C X`; `--lang` is taken there, so `--repo` is too. It goes to the
    end of the arguments (before a `--`), where every command and subcommand reads it.
    """
    moved: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(argv):
        arg = argv[i]
        if not arg.startswith("-") or arg == "--":
            rest += argv[i:]  # the command: the rest is its own
            break
        if arg == "--repo" and i + 1 < len(argv):
            moved += argv[i : i + 2]
            i += 2
            continue
        if arg.startswith("--repo="):
            moved.append(arg)
        else:
            rest.append(arg)
            if arg == "--lang" and i + 1 < len(argv):
                rest.append(argv[i + 1])
                i += 1
        i += 1
    if not moved:
        return argv
    end = rest.index("--") if "--" in rest else len(rest)
    return [*rest[:end], *moved, *rest[end:]]
