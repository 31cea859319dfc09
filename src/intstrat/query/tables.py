"""Records as rows, and rows as CSV, JSON or YAML for other tools.

A record comes from a pull request, so a cell that a spreadsheet would run as a
formula (`=HYPERLINK(...)`, `+1`, `-1`, `@SUM`, or a leading tab or carriage
return) is neutralised with a leading apostrophe, as OWASP recommends.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from intstrat.domain import funding
from intstrat.format.models import Project, Result
from intstrat.formats import Language, RecordType, TableFormat
from intstrat.i18n import N_, Words, _
from intstrat.loading.repository import Entry, Repository
from intstrat.query.filters import Filters, kept_partners, unique

if TYPE_CHECKING:
    from intstrat.domain.vocabulary import Field, Vocabulary

Row = dict[str, Any]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """A value that a spreadsheet shows as written and never evaluates."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def project_rows(repo: Repository, entries: Iterable[Entry[Project]], words: Words) -> list[Row]:
    known = kept_partners(repo)
    rows = []
    for entry in entries:
        p = entry.record
        partners = [known[i] for i in p.partners if i in known]
        rows.append(
            {
                "id": p.id,
                "title": words.text(p.title),
                "kind": str(p.kind),
                "status": str(p.status),
                "owner": p.owner,
                "start": str(p.period.start) if p.period else "",
                "end": str(p.period.end) if p.period and p.period.end else "",
                "partners": [x.id for x in partners],
                "countries": sorted({x.country for x in partners}),
                "funders": funding.funders(p),
                "sdgs": sorted(set(p.sdgs)),
                "results": len(p.results),
                "path": entry.path,
            }
        )
    return rows


def partner_rows(repo: Repository, ids: Iterable[str], words: Words) -> list[Row]:
    known = kept_partners(repo)
    counts: dict[str, int] = {}
    for entry in unique(repo.project_entries):
        for partner in entry.record.partners:
            counts[partner] = counts.get(partner, 0) + 1
    return [
        {
            "id": p.id,
            "name": words.text(p.name),
            "type": str(p.type),
            "country": p.country,
            "country_name": words.country(p.country),
            "since": str(p.since) if p.since else "",
            "projects": counts.get(p.id, 0),
        }
        for p in (known[i] for i in ids)
    ]


def result_rows(pairs: Iterable[tuple[Entry[Project], Result]], words: Words) -> list[Row]:
    return [
        {
            "project": entry.record.id,
            "id": result.id,
            "title": words.text(result.title),
            "date": str(result.date),
            "implemented": result.implemented,
            "owner": entry.record.owner,
        }
        for entry, result in pairs
    ]


@dataclass(frozen=True)
class Column:
    """A column as people read it: which row key, its heading, how it is shown."""

    key: str
    heading: str
    """An English message, translated where it is shown."""
    field: Field | None = None
    """Show the value's label from this vocabulary instead of the id."""
    wrap: bool = False
    """Its words may wrap over lines; the first such column takes the width the others
    leave."""
    right: bool = False
    until: str = ""
    """A period: the row key of its end, shown as `start–end`."""
    priority: int = 0
    """0: always shown; else, where the terminal is too narrow, the columns with the
    highest numbers are left out first (and the table says so)."""


#: What a terminal table of each kind of row shows, in the order shown. Names, not ids,
#: except the id itself (people type it after `show`); csv, json and yaml give every key
#: as is. The id and the title are always there; `priority` says what goes first.
VIEWS: dict[str, list[Column]] = {
    RecordType.PROJECTS: [
        Column("id", N_("Id")),
        Column("title", N_("Title"), wrap=True),
        Column("status", N_("Status"), field="status", priority=1),
        Column("start", N_("Period"), until="end", wrap=True, priority=3),
        Column("owner", N_("Owner"), field="unit", wrap=True, priority=2),
        Column("countries", N_("Countries"), field="country", wrap=True, priority=4),
    ],
    RecordType.PARTNERS: [
        Column("id", N_("Id")),
        Column("name", N_("Name"), wrap=True),
        Column("country_name", N_("Country"), wrap=True, priority=1),
        Column("since", N_("Since"), priority=3),
        Column("projects", N_("Projects"), right=True, priority=2),
    ],
    RecordType.RESULTS: [
        Column("title", N_("Result"), wrap=True),
        Column("project", N_("Project"), field="project", wrap=True, priority=1),
        Column("date", N_("Date"), priority=2),
        Column("implemented", N_("Implemented"), priority=3),
    ],
}


def cell(row: Row, column: Column, vocabulary: Vocabulary, lang: Language) -> str:
    """A row's value in `column` as people read it."""
    if column.until:
        return period_text(str(row.get(column.key, "")), str(row.get(column.until, "")))
    return cell_text(row.get(column.key, ""), column, vocabulary, lang)


def cell_text(value: object, column: Column, vocabulary: Vocabulary, lang: Language) -> str:
    """A value as people read it: labels for ids, yes/no, lists joined (names in the
    order of the alphabet, not of their codes)."""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        shown = [cell_text(v, column, vocabulary, lang) for v in value]
        return ", ".join(sorted(shown, key=str.casefold) if column.field else shown)
    if column.field is not None and isinstance(value, str) and value:
        return vocabulary.label(column.field, value, lang)
    return str(value)


def period_text(start: str, end: str) -> str:
    """`2019–2021`, `2024-03–`: the compact period of a table row."""
    if not start and not end:
        return ""
    return start if start == end else f"{start}–{end}"


def rows_of(repo: Repository, what: RecordType, filters: Filters, words: Words) -> list[Row]:
    """The rows of `list`: matching projects, partners or results."""
    from intstrat.query import filters as query

    if what is RecordType.PROJECTS:
        return project_rows(repo, query.projects(repo, filters), words)
    if what is RecordType.PARTNERS:
        return partner_rows(repo, query.partners(repo, filters), words)
    return result_rows(query.results(repo, filters), words)


def sort_rows(
    rows: list[Row],
    key: str | None,
    columns: Sequence[Column] = (),
    vocabulary: Vocabulary | None = None,
    lang: Language = "sv",
) -> list[Row]:
    """Rows sorted by a row key, or by a column as the table heads it (`--sort Titel`,
    in either language and any case).

    In the order a reader of the table expects: names (of units, countries, projects)
    as shown, not their ids; a status in the order of a project's life (idea, applied,
    ..., completed), not of its English id; numbers and lists of numbers (the SDGs 3;10
    before 16) as numbers, not as text; rows with no value last. Every output format
    keeps that order.
    """
    if not key:
        return rows
    if rows and key not in rows[0]:
        from intstrat.i18n.messages import DOMAIN, catalogue

        wanted = key.casefold()
        for column in columns:
            headings = {column.heading, catalogue(DOMAIN, "sv").gettext(column.heading)}
            if wanted in {h.casefold() for h in headings} and column.key in rows[0]:
                key = column.key
                break
    if rows and key not in rows[0]:
        from intstrat.errors import UsageError

        if columns:
            raise UsageError(
                _(
                    "cannot sort by '{key}'; choose a column ({headings}) or a field ({fields})"
                ).format(
                    key=key,
                    headings=", ".join(_(c.heading) for c in columns),
                    fields=", ".join(rows[0]),
                )
            )
        raise UsageError(
            _("cannot sort by '{key}'; choose one of: {columns}").format(
                key=key, columns=", ".join(rows[0])
            )
        )
    field = next((c.field for c in columns if c.key == key), None)
    if field is not None and vocabulary is None:
        from intstrat.domain.vocabulary import Vocabulary

        vocabulary = Vocabulary()

    def order(value: object) -> tuple[Any, ...]:
        """(rank, number, text) of one value; a list compares item by item."""
        if isinstance(value, bool | int | float):
            return (0, value, "")
        text = str(value)
        if field is not None and vocabulary is not None and text:
            rank = vocabulary.rank(field, text)
            if rank is not None:
                return (0, rank, "")
            text = vocabulary.label(field, text, lang)
        return (1, 0, text.casefold())

    def sort_key(row: Row) -> tuple[Any, ...]:
        value = row[key]
        items = value if isinstance(value, list) else [value]
        present = [order(v) for v in items if v != ""]
        if field is not None and isinstance(value, list):
            present.sort()  # the names as the table lists them
        return (not present, present, str(row.get("id", "")))

    return sorted(rows, key=sort_key)


def _flat(value: object) -> object:
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return value


def to_csv(rows: Sequence[Row], *, bom: bool = False, delimiter: str = ",") -> str:
    """CSV with every cell safe to open in a spreadsheet; `delimiter` ";" is what Excel
    expects where the decimal separator is a comma, as in Swedish settings."""
    stream = io.StringIO()
    if bom:
        stream.write("\ufeff")  # so Excel opens å, ä, ö right
    if rows:
        writer = csv.DictWriter(
            stream, fieldnames=list(rows[0]), lineterminator="\r\n", delimiter=delimiter
        )
        writer.writeheader()
        for row in rows:
            writer.writerow({k: safe_cell(_flat(v)) for k, v in row.items()})
    return stream.getvalue()


def to_json(rows: Sequence[Row]) -> str:
    return json.dumps(list(rows), ensure_ascii=False, indent=2) + "\n"


def to_yaml(rows: Sequence[Row]) -> str:
    from intstrat.format.emit import dump_data

    return dump_data(list(rows))


#: Rows in each machine format that `list` and `stats` print (the terminal table is
#: presentation and lives with the command line).
WRITERS: dict[TableFormat, Callable[[Sequence[Row]], str]] = {
    TableFormat.CSV: to_csv,
    TableFormat.JSON: to_json,
    TableFormat.YAML: to_yaml,
}
