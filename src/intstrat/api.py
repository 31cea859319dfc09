"""The Python API: what a notebook, a regional office or a test uses instead of the CLI.

Each function here is what a command calls, so a script gets the same records,
figures and documents as `intstrat report`. Nothing here changes process-wide
state (the command line's garbage-collector tweak stays in the command line).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from intstrat.checks.run import CheckResult
    from intstrat.documents.brochure import Brochure
    from intstrat.documents.followup import Followup
    from intstrat.documents.report import Report
    from intstrat.format.models import Project
    from intstrat.formats import DocumentFormat, ExportFormat, Language, StatsBy
    from intstrat.loading.repository import Entry, Repository
    from intstrat.query.filters import Filters
    from intstrat.query.search import Hit


def load(path: str | Path = ".") -> Repository:
    """The data repository at `path` (or the one above it that has intstrat.yaml), loaded.

    Records that fail to load are left out and described in `repo.diagnostics`;
    `check` gives every finding.
    """
    from intstrat.loading.listing import CONFIG_FILE, discover
    from intstrat.loading.repository import load_repository

    given = Path(path)
    return load_repository(discover(given.parent if given.name == CONFIG_FILE else given))


def check(repo: Repository, today: dt.date | None = None) -> CheckResult:
    """Every finding: YAML, schema and repository rules, as `intstrat check` prints them."""
    from intstrat.checks.rules import check_loaded

    return check_loaded(repo, today)


def _language(lang: str | None) -> Language | None:
    from intstrat.errors import UsageError
    from intstrat.formats import LANGUAGES
    from intstrat.i18n import _

    if lang is None:
        return None
    for known in LANGUAGES:
        if lang == known:
            return known
    raise UsageError(_("language '{lang}': intstrat writes sv or en").format(lang=lang))


def build_report(
    repo: Repository, year: int, lang: str | None = None, unit: str | None = None
) -> Report:
    """The annual summary of `year` as a typed context (see docs/templates.md)."""
    from intstrat.documents.report import build_report as build

    return build(repo, year, _language(lang), unit)


def build_followup(
    repo: Repository,
    first: int,
    last: int,
    lang: str | None = None,
    as_of: dt.date | None = None,
) -> Followup:
    """The follow-up of the years `first`..`last` as a typed context (docs/templates.md);
    with `as_of`, only what the records' own dates say was known on that day."""
    from intstrat.documents.followup import build_followup as build

    return build(repo, first, last, _language(lang), as_of=as_of)


@contextlib.contextmanager
def revision(path: str | Path, rev: str) -> Iterator[Repository]:
    """The data repository at `path` as committed at git revision `rev`, loaded.

    Read with git from a temporary folder that is removed when the block ends, so
    render and explain inside it: `with intstrat.revision(".", "v2026") as repo: ...`.
    """
    from intstrat.loading.listing import CONFIG_FILE, discover
    from intstrat.loading.repository import load_repository
    from intstrat.loading.revision import checkout

    given = Path(path)
    with checkout(discover(given.parent if given.name == CONFIG_FILE else given), rev) as (
        folder,
        _info,
    ):
        yield load_repository(folder)


def build_brochure(
    repo: Repository,
    lang: str | None = None,
    partners: list[str] | None = None,
    featured: list[str] | None = None,
    title: str | None = None,
) -> Brochure:
    """The partnership brochure as a typed context (see docs/templates.md)."""
    from intstrat.documents.brochure import build_brochure as build

    return build(repo, _language(lang), partners, featured, title)


def render(
    document: Report | Brochure | Followup,
    fmt: DocumentFormat | str,
    repo: Repository | None = None,
    template: str | None = None,
) -> str | bytes:
    """A document as md or html (text) or pdf or docx (bytes).

    Give `repo` to use its templates/ folder and images; without it the built-in
    templates are used.
    """
    from intstrat.documents.render import render as draw

    return draw(document, fmt, repo.root if repo else None, template)


def projects(repo: Repository, filters: Filters | None = None, **options: Any) -> list[Project]:
    """The projects that pass the filters (`Filters(...)` or keywords: year=2023, sdg=[4])."""
    from intstrat.query import filters as query

    chosen = filters or query.Filters.from_options(**options)
    return [entry.record for entry in query.projects(repo, chosen)]


def search(repo: Repository, text: str) -> list[Hit]:
    """Projects and partners matching every word, ignoring case and diacritics, best first."""
    from intstrat.query.search import search as find

    return find(repo, text)


def stats(
    repo: Repository,
    by: StatsBy | str = "kind",
    filters: Filters | None = None,
    lang: str | None = None,
) -> list[dict[str, Any]]:
    """Projects, external funding per currency and reach per unit, per group; the last row is
    the total."""
    from intstrat.formats import StatsBy
    from intstrat.i18n import Words
    from intstrat.query import filters as query
    from intstrat.query.stats import stats as compute

    words = Words(_language(lang) or (repo.config.language if repo.config else "sv"))
    given = filters or query.Filters()
    chosen: list[Entry[Project]] = query.projects(repo, given)
    return compute(repo, chosen, StatsBy(by), words, year=given.year)


def export(repo: Repository, fmt: ExportFormat | str, path: str | Path) -> list[Path]:
    """Every record as csv (a folder), xlsx, json or sqlite at `path`, or the projects to
    publish as IATI 2.03 XML (`iati`, see docs/iati.md); the files written."""
    from intstrat.exports.dataset import export as write

    return write(repo, fmt, Path(path))
