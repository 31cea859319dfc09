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
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from typer.core import TyperCommand, TyperGroup

from intstrat.format.values import Language
from intstrat.i18n.messages import (
    DEFAULT_LANGUAGE,
    FRAMEWORK_DOMAIN,
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
    for folder in folders:
        config = folder / CONFIG_FILE
        try:
            text = config.read_text(encoding="utf-8", errors="replace")
        except OSError:
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


def translate_help(command: Any) -> None:
    """Help texts, summaries, examples and metavars of `command` and its subcommands,
    in the current language (they are written in English in the code)."""
    for attr in ("help", "short_help"):
        text = getattr(command, attr, None)
        if text:
            setattr(command, attr, _(text))
    for param in command.params:
        if getattr(param, "help", None):
            param.help = _(param.help)
        if param.metavar:
            param.metavar = _(param.metavar)
    for sub in getattr(command, "commands", {}).values():
        translate_help(sub)


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

    for name in (
        "typer.core", "typer.main", "click.core", "click.decorators", "click.exceptions",
        "click.formatting", "click.parser", "click.types", "click.termui", "click.utils",
    ):  # fmt: skip
        try:
            module = importlib.import_module(name)
        except ImportError:  # typer vendors click in some versions
            continue
        if hasattr(module, "_"):
            module._ = _framework_gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = _framework_ngettext  # type: ignore[attr-defined]


class LocalisedCommand(TyperCommand):
    """A command whose usage line is in the current language too."""

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        formatter.write_usage(
            ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), _("Usage: ")
        )


class LocalisedGroup(TyperGroup):
    """The `intstrat` group: sets the language for the whole run before parsing anything."""

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        formatter.write_usage(
            ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), _("Usage: ")
        )

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: Any = None,
        **extra: Any,
    ) -> Any:
        if parent is not None:
            return super().make_context(info_name, args, parent, **extra)
        token = use_language(choose_language(args))
        translate_help(self)
        try:
            ctx = super().make_context(info_name, args, parent, **extra)
        except BaseException:
            reset_language(token)
            raise
        ctx.call_on_close(lambda: reset_language(token))
        return ctx
