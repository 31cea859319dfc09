"""The output formats and languages users choose on the command line.

Defined once, in a module light enough for the CLI to import at start-up, and
used by the library modules that produce them.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

#: The languages intstrat speaks and writes documents in.
Language = Literal["sv", "en"]
LANGUAGES: tuple[Language, ...] = ("sv", "en")


class CheckFormat(StrEnum):
    """How `check` prints diagnostics."""

    TEXT = "text"
    GITHUB = "github"
    JSON = "json"


class DocumentFormat(StrEnum):
    """The document formats of `report`."""

    MD = "md"
    HTML = "html"
    PDF = "pdf"
    DOCX = "docx"


class BrochureFormat(StrEnum):
    """The formats the brochure is made in (a folded booklet: no Markdown or Word)."""

    HTML = "html"
    PDF = "pdf"


class Lang(StrEnum):
    SV = "sv"
    EN = "en"


class TableFormat(StrEnum):
    """How `list` and `stats` print rows."""

    TABLE = "table"
    CSV = "csv"
    JSON = "json"
    YAML = "yaml"


class RecordType(StrEnum):
    PROJECTS = "projects"
    PARTNERS = "partners"
    RESULTS = "results"


class StatsBy(StrEnum):
    """What `stats` groups by."""

    PARTNER = "partner"
    COUNTRY = "country"
    UNIT = "unit"
    SDG = "sdg"
    THEME = "theme"
    FORM = "form"
    GOAL = "goal"
    FUNDER = "funder"
    YEAR = "year"
    KIND = "kind"


#: The Swedish words people type for the values of a command's choices (`list projekt`,
#: `stats --by land`), per command: `stats --by partner` is a value of its own, while
#: `list partner` means partners. Compared in lower case.
CHOICE_WORDS: dict[str, dict[str, str]] = {
    "list": {
        "projekt": "projects",
        "projekten": "projects",
        "partner": "partners",
        "partnerna": "partners",
        "resultat": "results",
        "resultaten": "results",
        "tabell": "table",
    },
    "stats": {
        "land": "country",
        "förvaltning": "unit",
        "enhet": "unit",
        "mål": "sdg",
        "tema": "theme",
        "arbetsform": "form",
        "område": "goal",
        "finansiär": "funder",
        "år": "year",
        "typ": "kind",
        "tabell": "table",
    },
}


class SchemaKind(StrEnum):
    """The JSON Schemas `schema` writes."""

    PROJECT = "project"
    PARTNER = "partner"
    CONFIG = "config"


class ExportFormat(StrEnum):
    """What `export` writes."""

    CSV = "csv"
    XLSX = "xlsx"
    JSON = "json"
    SQLITE = "sqlite"
    #: A publication in the IATI Standard 2.03 (intstrat.exports.iati), not a table dump.
    IATI = "iati"
