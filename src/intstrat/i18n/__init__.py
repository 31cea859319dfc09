"""Everything a person reads, in the repository's language (Swedish first) or English.

`messages` translates intstrat's messages (diagnostics, errors, prompts, help)
through gettext catalogues in `intstrat/locale/`; `words` has the words and
Babel formats (numbers, money, dates, countries) of documents. May import only
`intstrat.format` and the base modules: everything that talks to people imports it.
"""

from intstrat.i18n.messages import (
    N_,
    _,
    current_language,
    grouped,
    language,
    ngettext,
    parse_language,
    use_language,
)
from intstrat.i18n.words import LOCALES, STRINGS, Words

__all__ = [
    "LOCALES",
    "N_",
    "STRINGS",
    "Words",
    "_",
    "current_language",
    "grouped",
    "language",
    "ngettext",
    "parse_language",
    "use_language",
]
