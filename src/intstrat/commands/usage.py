"""Mistakes on the command line ("no such option", "missing argument") in the user's language.

typer (with the copy of click it carries) writes these in English, built from
f-strings and pydantic's messages, so there is nothing for a catalogue to hook
into. `localise_usage_errors` replaces how they are shown: the usage line and
the hint are ours, and the error is read back from the exception's fields or,
for the wording typer and pydantic give a bad value, recognised by a pattern
and said again in our words. Wording we do not recognise is shown as it is:
an English line is better than a wrong one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import IO, Any

from intstrat.i18n.messages import _

#: How typer and pydantic word a bad value, and how we say it (placeholders by name).
_REASONS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (
        re.compile(r"^Input should be a valid integer"),
        lambda m: _("expected a whole number"),
    ),
    (
        re.compile(r"^Input should be a valid number"),
        lambda m: _("expected a number"),
    ),
    (
        re.compile(r"^Input should be less than or equal to (\S+)$"),
        lambda m: _("at most {limit}").format(limit=m.group(1)),
    ),
    (
        re.compile(r"^Input should be greater than or equal to (\S+)$"),
        lambda m: _("at least {limit}").format(limit=m.group(1)),
    ),
    (
        re.compile(r"^(?:Value error, )?(.+) is not one of (.+?)\.?$"),
        lambda m: _("{value} is not one of {choices}").format(value=m.group(1), choices=m.group(2)),
    ),
    (
        re.compile(r"^(?:Value error, )?(\w+) '(.+)' does not exist\.?$"),
        lambda m: _("'{path}' does not exist").format(path=m.group(2)),
    ),
]
_EXTRA = re.compile(r"^Got unexpected extra argument(?:s|\(s\))? \((.*)\)$")
_NEEDS_VALUE = re.compile(r"^Option '(.+)' requires (?:an argument|\d+ arguments)\.$")
_TAKES_NO_VALUE = re.compile(r"^Option '(.+)' does not take a value\.$")
#: typer appends its suggestion for a mistyped command in English to click's
#: (translated) "No such command"; the suggestion is said again in our words.
_SUGGESTED = re.compile(r"^(.*?)\.? Did you mean (.+)\?$", re.DOTALL)


def reason(text: str) -> str:
    """typer's or pydantic's words for a bad value, in ours."""
    for pattern, say in _REASONS:
        match = pattern.search(text)
        if match:
            return say(match)
    return text


def _hint(exc: Any) -> str:
    """The parameter as the help shows it: 'ÅR', '--format' / '-f'."""
    if getattr(exc, "param_hint", None) is not None:
        hint = exc.param_hint
    elif getattr(exc, "param", None) is not None:
        try:
            hint = exc.param.get_error_hint()
        except TypeError:  # click's own parameters take the context
            hint = exc.param.get_error_hint(exc.ctx)
    else:
        return ""
    if isinstance(hint, list | tuple):
        return " / ".join(f"'{h}'" for h in hint)
    return str(hint)


def message(exc: Any) -> str:
    """The error of a usage exception, in the current language."""
    kind = type(exc).__name__
    if kind == "NoSuchOption":
        text = _("no such option: {option}").format(option=exc.option_name)
        if exc.possibilities:
            options = ", ".join(sorted(exc.possibilities))
            text += "; " + _("did you mean {options}?").format(options=options)
        return text
    if kind == "MissingParameter":
        name = _hint(exc)
        if getattr(exc, "param", None) is not None and exc.param.param_type_name == "option":
            return _("missing option {name}").format(name=name)
        return _("missing argument {name}").format(name=name)
    if kind == "BadParameter":
        name = _hint(exc)
        why = reason(exc.message)
        if not name:
            return _("invalid value: {reason}").format(reason=why)
        return _("invalid value for {name}: {reason}").format(name=name, reason=why)
    text = str(exc.format_message())
    suggested = _SUGGESTED.match(text)
    if suggested:
        meant = _("did you mean {options}?").format(options=suggested.group(2))
        return f"{suggested.group(1)}; {meant}"
    extra = _EXTRA.match(text)
    if extra:
        return _("unexpected extra argument: {arguments}").format(arguments=extra.group(1))
    needs = _NEEDS_VALUE.match(text)
    if needs:
        return _("option {option} needs a value").format(option=needs.group(1))
    no_value = _TAKES_NO_VALUE.match(text)
    if no_value:
        return _("option {option} takes no value; write it alone, without =").format(
            option=no_value.group(1)
        )
    return text


def _show(exc: Any, file: IO[Any] | None = None) -> None:
    """A usage error as click shows one (usage line, hint, error), in the user's language."""
    import typer

    ctx = getattr(exc, "ctx", None)
    lines = []
    if ctx is not None:
        lines.append(ctx.get_usage())
        if ctx.command.get_help_option(ctx) is not None:
            lines.append(
                _("Try '{command} {option}' for help.").format(
                    command=ctx.command_path, option=ctx.help_option_names[0]
                )
            )
        lines.append("")
    lines.append(_("Error: {message}").format(message=message(exc)))
    text = "\n".join(lines)
    typer.echo(text, file=file, err=file is None, color=getattr(ctx, "color", None))


def localise_usage_errors() -> None:
    """Show typer's usage errors through `_show` (its own `show` writes English).

    Recent typer carries its own copy of click (`typer._click`), older ones use
    click itself: whichever is there is patched.
    """
    import importlib
    import sys

    for name in ("typer._click.exceptions", "click.exceptions"):
        if name.startswith("click.") and "click" not in sys.modules:
            continue  # typer uses its own copy: the real click (20 ms) is not needed
        try:
            exceptions = importlib.import_module(name)
        except ImportError:
            continue
        exceptions.UsageError.show = _show
