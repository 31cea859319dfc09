"""Messages people read (diagnostics, errors, prompts, help) in Swedish or English.

gettext catalogues, as the Python ecosystem does it: messages are written in
English in the code (`_("no unit {unit}")`), extracted with Babel into
`locale/intstrat.pot`, translated in `locale/sv/LC_MESSAGES/intstrat.po` and
compiled to `.mo` files that the standard library reads at run time in about a
millisecond (`make i18n` does all three; tests fail on a message without a
Swedish translation or a stale `.mo`). English needs no catalogue: it is the
source language.

The language is a context variable: the command line sets it once from
`--lang`, `$INTSTRAT_LANG` or the repository's `language:`; a Python caller
can use `language("en")`. The default is Swedish.
"""

from __future__ import annotations

import contextlib
import gettext
from collections.abc import Iterator
from contextvars import ContextVar, Token
from functools import cache
from pathlib import Path

from intstrat.formats import LANGUAGES, Language

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
#: The catalogue of intstrat's own messages.
DOMAIN = "intstrat"
#: The catalogue of the command-line framework's words (click and typer: "Usage", "Options").
FRAMEWORK_DOMAIN = "framework"
SOURCE_LANGUAGE: Language = "en"
DEFAULT_LANGUAGE: Language = "sv"

_language: ContextVar[Language] = ContextVar("intstrat_language", default=DEFAULT_LANGUAGE)


def current_language() -> Language:
    return _language.get()


def grouped(number: int) -> str:
    """A whole number with its digits grouped as the message's language groups them:
    `900 000` in Swedish (a no-break space), `900,000` in English."""
    text = f"{number:,}"
    return text.replace(",", "\u00a0") if current_language() == "sv" else text


def use_language(lang: Language) -> Token[Language]:
    """Make `lang` the language of messages from here on (in this context)."""
    return _language.set(lang)


def reset_language(token: Token[Language]) -> None:
    _language.reset(token)


@contextlib.contextmanager
def language(lang: Language) -> Iterator[None]:
    """Messages in `lang` inside the block: `with language("en"): ...`."""
    token = use_language(lang)
    try:
        yield
    finally:
        _language.reset(token)


def parse_language(value: str | None) -> Language | None:
    """`sv`/`en` (any case, `sv_SE`, `en-GB` too) as a language, else None."""
    if not value:
        return None
    head = value.strip().lower().replace("-", "_").split("_")[0]
    for lang in LANGUAGES:
        if head == lang:
            return lang
    return None


@cache
def catalogue(domain: str, lang: Language) -> gettext.NullTranslations:
    """The compiled catalogue of `domain` in `lang`; English passes messages through."""
    if lang == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    path = LOCALE_DIR / lang / "LC_MESSAGES" / f"{domain}.mo"
    try:
        with path.open("rb") as handle:
            return gettext.GNUTranslations(handle)
    except OSError:
        return gettext.NullTranslations()


def _(message: str) -> str:
    """`message` (English) in the current language.

    Fill values in after translating (`_("no unit {unit}").format(unit=u)`), never
    with an f-string inside `_()`: the catalogue is looked up by the exact text.
    """
    return catalogue(DOMAIN, _language.get()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """`_()` for a message whose form depends on a count."""
    return catalogue(DOMAIN, _language.get()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark `message` for the catalogue without translating it yet (it is translated later,
    where it is shown, by `_(message)`)."""
    return message
