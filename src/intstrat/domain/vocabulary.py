"""What people type and read for a value, in either language; what the files hold.

The YAML keeps the format's ids (`status: ongoing`, `country: LV`, `owner:
utbildning`). People type and read words: `pågående`, `pågår`, `Lettland`,
`Utbildningsförvaltningen`. This module is the one translation between them,
for filters, prompts, tables and `show`: every id, its Swedish and English
label, and common synonyms all resolve to the id, ignoring case and
diacritics; a word that resolves to nothing gets a suggestion from either
language. Nothing here ever writes a label into a file.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

from intstrat.format.models import FundingKind, Kind, Outcome, PartnerType, Status, UnitType
from intstrat.format.values import country_codes, fold
from intstrat.formats import LANGUAGES, Language
from intstrat.i18n import N_, Words, _
from intstrat.loading.repository import Repository

Field = Literal[
    "status", "kind", "outcome", "partner_type", "unit_type", "funding_kind",
    "unit", "partner", "funder", "theme", "form", "goal", "country", "project",
]  # fmt: skip

#: The words key of each fixed value's label (`status_ongoing` -> pågående / ongoing).
_ENUMS: dict[str, tuple[type, str]] = {
    "status": (Status, "status_"),
    "kind": (Kind, "kind_"),
    "outcome": (Outcome, "outcome_"),
    "partner_type": (PartnerType, "ptype_"),
    "unit_type": (UnitType, ""),
    "funding_kind": (FundingKind, "fkind_"),
}

#: What people write besides the labels (both languages; compared folded).
SYNONYMS: dict[str, dict[str, str]] = {
    "status": {
        "pågår": "ongoing", "pågående": "ongoing", "aktiv": "ongoing", "aktivt": "ongoing",
        "running": "ongoing", "active": "ongoing",
        "avslutad": "completed", "avslutat": "completed", "avslutade": "completed",
        "klar": "completed", "klart": "completed", "färdig": "completed", "färdigt": "completed",
        "finished": "completed", "done": "completed", "ended": "completed",
        "planerad": "planned", "planerat": "planned", "planerade": "planned",
        "idé": "idea", "ideer": "idea", "idéer": "idea",
        "ansökt": "applied", "sökt": "applied", "ansökan": "applied", "inlämnad": "applied",
        "avslag": "rejected", "avslagen": "rejected", "avslaget": "rejected", "avslogs": "rejected",
        "nekad": "rejected", "declined": "rejected",
        "inställd": "cancelled", "inställt": "cancelled", "avbruten": "cancelled",
        "avbrutet": "cancelled", "struken": "cancelled", "canceled": "cancelled",
    },
    "kind": {
        "projekt": "project", "förstudie": "prestudy", "förstudier": "prestudy",
        "pre-study": "prestudy", "feasibility study": "prestudy", "nätverk": "network",
        "aktivitet": "activity", "aktiviteter": "activity", "studiebesök": "activity",
        "konferens": "activity", "utbildning": "activity",
    },
    "outcome": {
        "beviljad": "granted", "beviljat": "granted", "beviljades": "granted", "ja": "granted",
        "avslag": "rejected", "avslagen": "rejected", "nej": "rejected",
        "väntar": "pending", "inget beslut": "pending", "ej beslutad": "pending",
    },
}  # fmt: skip


class UnknownValue(ValueError):
    """A word that is no value of its field; the message suggests what was meant."""


@dataclass
class _Table:
    """One field's values: id -> label per language, and folded word -> id."""

    labels: dict[str, dict[Language, str]] = field(default_factory=dict)
    words: dict[str, str] = field(default_factory=dict)

    def add(self, ident: str, labels: dict[Language, str], *synonyms: str) -> None:
        self.labels[ident] = labels
        for word in (ident, *labels.values(), *synonyms):
            self.words.setdefault(fold(word).strip(), ident)


FIELD_NAMES: dict[str, str] = {
    "status": N_("status"),
    "kind": N_("kind"),
    "outcome": N_("outcome"),
    "partner_type": N_("partner type"),
    "unit_type": N_("unit type"),
    "funding_kind": N_("kind of funding"),
    "unit": N_("unit"),
    "partner": N_("partner"),
    "funder": N_("funder"),
    "theme": N_("theme"),
    "form": N_("form"),
    "goal": N_("strategic area"),
    "country": N_("country"),
    "project": N_("project"),
}


class Vocabulary:
    """The values of a repository's fields, as people write them and as the files hold them."""

    def __init__(self, repo: Repository | None = None) -> None:
        self.repo = repo

    @cached_property
    def _words(self) -> dict[Language, Words]:
        return {lang: Words(lang) for lang in LANGUAGES}

    def _table(self, name: str) -> _Table:
        cache: dict[str, _Table] = self.__dict__.setdefault("_tables", {})
        if name not in cache:
            cache[name] = self._build(name)
        return cache[name]

    def _build(self, name: str) -> _Table:
        table = _Table()
        words = self._words
        if name in _ENUMS:
            enum, prefix = _ENUMS[name]
            synonyms: dict[str, list[str]] = {}
            for word, ident in SYNONYMS.get(name, {}).items():
                synonyms.setdefault(ident, []).append(word)
            for value in list(enum):  # type: ignore[call-overload]
                ident = str(value)
                table.add(
                    ident,
                    {lang: words[lang](f"{prefix}{ident}") for lang in LANGUAGES},
                    *synonyms.get(ident, []),
                )
            return table
        if name == "country":
            for code in sorted(country_codes()):
                table.add(code, {lang: words[lang].country(code) for lang in LANGUAGES})
            return table
        repo = self.repo
        config = repo.config if repo is not None else None
        if name == "partner" and repo is not None:
            for ident, partner in sorted(repo.partners.items()):
                table.add(ident, {lang: partner.name.get(lang) for lang in LANGUAGES})
            return table
        if name == "project" and repo is not None:
            for ident, project in sorted(repo.projects.items()):
                table.add(ident, {lang: project.title.get(lang) for lang in LANGUAGES})
            return table
        if config is not None and name in ("unit", "funder", "theme", "form", "goal"):
            items: list[Any] = getattr(config, f"{name}s")
            for item in items:
                table.add(item.id, {lang: item.name.get(lang) for lang in LANGUAGES})
        return table

    def ids(self, name: Field) -> list[str]:
        return list(self._table(name).labels)

    def label(self, name: Field, ident: str, lang: Language) -> str:
        """What people read for `ident` (the id itself if it is unknown)."""
        labels = self._table(name).labels.get(ident)
        return labels[lang] if labels else ident

    def rank(self, name: Field, ident: str) -> int | None:
        """`ident`'s place in the format's order of a fixed value (a status in the order of
        a project's life: idea, applied, rejected, planned, ...); None for values a
        repository names (units, countries), which have no order but their names'."""
        if name not in _ENUMS:
            return None
        ids = self.ids(name)
        return ids.index(ident) if ident in ids else len(ids)

    def choices(self, name: Field, lang: Language) -> list[tuple[str, str]]:
        """(id, label) of every value, in the order of the config or the format."""
        return [(ident, labels[lang]) for ident, labels in self._table(name).labels.items()]

    def resolve(self, name: Field, text: str) -> str:
        """The id that `text` means: an id, a label in either language or a common word.

        Raises `UnknownValue` with a suggestion in the current language.
        """
        table = self._table(name)
        wanted = fold(text).strip()
        if wanted in table.words:
            return table.words[wanted]
        raise UnknownValue(self._unknown(name, text, table))

    def resolve_all(self, name: Field, texts: Iterable[str]) -> list[str]:
        return [self.resolve(name, text) for text in texts]

    def _unknown(self, name: str, text: str, table: _Table) -> str:
        from intstrat.i18n import current_language

        lang = current_language()
        what = _(FIELD_NAMES[name])
        close = difflib.get_close_matches(fold(text).strip(), table.words, n=1, cutoff=0.6)
        if close:
            ident = table.words[close[0]]
            label = table.labels[ident][lang]
            meant = f"'{label}'" if fold(label) == fold(ident) else f"'{label}' ({ident})"
            return _("unknown {what} '{text}'; did you mean {meant}?").format(
                what=what, text=text, meant=meant
            )
        if 0 < len(table.labels) <= 12:
            listing = ", ".join(f"'{labels[lang]}'" for labels in table.labels.values())
            return _("unknown {what} '{text}'; choose one of: {choices}").format(
                what=what, text=text, choices=listing
            )
        if not table.labels:
            return _("unknown {what} '{text}': intstrat.yaml defines none").format(
                what=what, text=text
            )
        return _("unknown {what} '{text}'").format(what=what, text=text)
