"""Exports for other tools: CSV, Excel, JSON and SQLite.

All exports are built from the same normalised tables (`tables`), so a join in
SQLite, a filter in Excel and `intstrat list` agree. Nothing is written in
place: every file is written to a temporary file and renamed, so an export
never leaves a partial file. Text cells that a spreadsheet would evaluate are
neutralised (`tabular.safe_cell`; in Excel they are stored as text).
"""

from __future__ import annotations

import io
import itertools
import json
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol, overload

from intstrat.errors import UsageError
from intstrat.fileio import (
    WriteError,
    is_special,
    is_stdout,
    reason,
    replacing,
    write_atomic,
    write_output,
    write_stdout,
)
from intstrat.format.models import Config, Partner, Project
from intstrat.formats import ExportFormat
from intstrat.i18n import _
from intstrat.loading.repository import Repository
from intstrat.query.filters import unique
from intstrat.query.tables import FORMULA_START, Row, to_csv

if TYPE_CHECKING:
    import sqlite3

#: Foreign keys of the normalised tables: (table, column) -> (table, column).
FOREIGN_KEYS: dict[str, list[tuple[str, str, str]]] = {
    "projects": [("owner", "units", "id")],
    "project_partners": [("project_id", "projects", "id"), ("partner_id", "partners", "id")],
    "results": [("project_id", "projects", "id")],
    "funding": [("project_id", "projects", "id")],
    "applications": [("project_id", "projects", "id")],
    "sdgs": [("project_id", "projects", "id")],
    "project_themes": [("project_id", "projects", "id")],
    "project_forms": [("project_id", "projects", "id")],
    "project_goals": [("project_id", "projects", "id")],
    "reach": [("project_id", "projects", "id")],
    "travel": [("project_id", "projects", "id")],
    "quotes": [("project_id", "projects", "id")],
}

#: Column types sqlite cannot infer when the first rows hold no value (NULL).
COLUMN_TYPES: dict[str, dict[str, type]] = {
    "reach": {"unit": str, "year": int, "period_start": str, "period_end": str},
}


def _text(value: Any, lang: str, home: str = "sv") -> str | None:
    """The text in `lang` as written, or None: never another language's in its place (a
    `title_en` column claims English). Text written without a language is in the
    repository's own (`home`)."""
    if value is None:
        return None
    texts = dict(value.texts)
    return texts.get(lang) or (texts.get(None) if lang == home else None)


def _date(value: Any) -> str | None:
    return str(value) if value is not None else None


@overload
def _records(repo: Repository, kind: Literal["partner"]) -> list[Partner]: ...
@overload
def _records(repo: Repository, kind: Literal["project"]) -> list[Project]: ...
def _records(repo: Repository, kind: str) -> list[Partner] | list[Project]:
    """The records by id, each id once (with --allow-errors, of files that share an id, the
    one `query.filters.unique` keeps: the file named after the id)."""
    if kind == "partner":
        return sorted((e.record for e in unique(repo.partner_entries)), key=lambda p: p.id)
    return sorted((e.record for e in unique(repo.project_entries)), key=lambda p: p.id)


def tables(repo: Repository) -> dict[str, list[Row]]:
    """Every record as rows of normalised tables, ids first, in a stable order."""
    return {name: list(rows) for name, rows in iter_tables(repo)}


def iter_tables(repo: Repository) -> Iterator[tuple[str, Iterator[Row]]]:
    """`tables`, each table's rows made as they are read: an export of 50,000 projects
    holds one row at a time, not a million (referenced tables come first)."""
    config: Config | None = repo.config
    partners = _records(repo, "partner")
    projects = _records(repo, "project")
    home = config.language if config is not None else "sv"

    def text(value: Any, lang: str) -> str | None:
        return _text(value, lang, home)

    def units() -> Iterator[Row]:
        for u in config.units if config is not None else []:
            yield {
                "id": u.id,
                "name_sv": text(u.name, "sv"),
                "name_en": text(u.name, "en"),
                "type": str(u.type),
                "contact_name": u.contact.name if u.contact else None,
                "contact_email": u.contact.email if u.contact else None,
            }

    def funders() -> Iterator[Row]:
        for f in config.funders if config is not None else []:
            yield {"id": f.id, "name": f.name.get("sv"), "eu": f.eu}

    def partner_rows() -> Iterator[Row]:
        for partner in partners:
            yield {
                "id": partner.id,
                "name": partner.name.get("sv"),
                "type": str(partner.type),
                "country": partner.country,
                "area_km2": partner.area_km2,
                "population": partner.population,
                "website": partner.website,
                "since": _date(partner.since),
                "until": _date(partner.until),
            }

    def project_rows() -> Iterator[Row]:
        for p in projects:
            yield {
                "id": p.id,
                "title_sv": text(p.title, "sv"),
                "title_en": text(p.title, "en"),
                "kind": str(p.kind),
                "status": str(p.status),
                "owner": p.owner,
                "start": _date(p.period.start) if p.period else None,
                "end": _date(p.period.end) if p.period else None,
                "summary_sv": text(p.summary, "sv"),
                "summary_en": text(p.summary, "en"),
                "featured": p.featured,
            }

    def project_partners() -> Iterator[Row]:
        for p in projects:
            yield from ({"project_id": p.id, "partner_id": i} for i in p.partners)

    def results() -> Iterator[Row]:
        for p in projects:
            for r in p.results:
                yield {
                    "project_id": p.id,
                    "id": r.id,
                    "title_sv": text(r.title, "sv"),
                    "title_en": text(r.title, "en"),
                    "date": str(r.date),
                    "year": r.date.year,
                    "implemented": r.implemented,
                }

    def funding() -> Iterator[Row]:
        for p in projects:
            for f in p.funding:
                yield {
                    "project_id": p.id,
                    "funder": f.funder,
                    "kind": str(f.kind) if f.kind else None,
                    "amount": f.amount.value if f.amount else None,
                    "currency": f.amount.currency if f.amount else None,
                }

    def applications() -> Iterator[Row]:
        for p in projects:
            a = p.application
            if a is not None:
                yield {
                    "project_id": p.id,
                    "funder": a.funder,
                    "submitted": str(a.submitted),
                    "decided": _date(a.decided),
                    "outcome": str(a.outcome),
                    "amount": a.amount.value if a.amount else None,
                    "currency": a.amount.currency if a.amount else None,
                }

    def sdgs() -> Iterator[Row]:
        for p in projects:
            yield from ({"project_id": p.id, "sdg": n} for n in sorted(set(p.sdgs)))

    def links(name: str) -> Iterator[Row]:
        key = f"{name[:-1]}_id"
        for p in projects:
            yield from ({"project_id": p.id, key: v} for v in getattr(p, name))

    def reach() -> Iterator[Row]:
        for p in projects:
            for r in p.reach:
                yield {
                    "project_id": p.id,
                    "count": r.count,
                    "who": r.who.get("sv"),
                    # What it counts and for when: only figures of one unit and inside one
                    # span of years may be added up (see intstrat.domain.annual).
                    "unit": str(r.unit) if r.unit else None,
                    "year": r.year,
                    "period_start": _date(r.period.start) if r.period else None,
                    "period_end": _date(r.period.end) if r.period else None,
                }

    def travel() -> Iterator[Row]:
        for p in projects:
            for t in p.travel:
                yield {
                    "project_id": p.id,
                    "date": str(t.date),
                    "destination": t.destination,
                    "travellers": t.travellers,
                    "flight": t.flight,
                    "compensated": t.compensated,
                }

    def quotes() -> Iterator[Row]:
        for p in projects:
            for q in p.quotes:
                yield {
                    "project_id": p.id,
                    "text": q.text.get("sv"),
                    "name": q.name,
                    "role": q.role.get("sv") if q.role is not None else None,
                }

    yield "units", units()
    yield "funders", funders()
    yield "partners", partner_rows()
    yield "projects", project_rows()
    yield "project_partners", project_partners()
    yield "results", results()
    yield "funding", funding()
    yield "applications", applications()
    yield "sdgs", sdgs()
    yield "project_themes", links("themes")
    yield "project_forms", links("forms")
    yield "project_goals", links("goals")
    yield "reach", reach()
    yield "travel", travel()
    yield "quotes", quotes()


def export_json(repo: Repository) -> str:
    """The validated records themselves, every field, sorted by id."""
    return "".join(json_chunks(repo))


def json_chunks(repo: Repository) -> Iterator[str]:
    """`export_json` piece by piece, a record at a time: the same text as `json.dumps`
    of the whole document with an indent of 2, without holding the whole of it."""

    def indented(value: Any, level: int) -> str:
        # JSON escapes a line break inside a string, so each one here is the layout's.
        text = json.dumps(value, ensure_ascii=False, indent=2)
        return text.replace("\n", "\n" + "  " * level)

    config = repo.config.model_dump(mode="json") if repo.config else None
    yield '{\n  "format": 1,\n  "config": ' + indented(config, 1)
    for name, records in (
        ("partners", _records(repo, "partner")),
        ("projects", _records(repo, "project")),
    ):
        yield f',\n  "{name}": '
        if not records:
            yield "[]"
            continue
        for index, record in enumerate(records):
            yield ("[\n    " if index == 0 else ",\n    ") + indented(
                record.model_dump(mode="json"), 2
            )
        yield "\n  ]"
    yield "\n}\n"


def _write_chunks(path: Path | str, chunks: Iterable[str]) -> None:
    """`write_output` for text made piece by piece: never the whole text in memory."""
    if is_stdout(path):
        for chunk in chunks:
            write_stdout(chunk)
        return
    target = Path(path)
    if is_special(target) and not target.is_symlink():  # a link is replaced, not written
        try:
            with target.open("w", encoding="utf-8") as handle:
                handle.writelines(chunks)
        except OSError as exc:
            raise WriteError(path, reason(exc), through=True) from None
        return
    with (
        replacing(target, path, follow_links=False) as temporary,
        temporary.open("w", encoding="utf-8") as handle,
    ):
        handle.writelines(chunks)


def export_csv(repo: Repository, folder: Path, *, bom: bool = False) -> list[Path]:
    """One CSV file per table in `folder`."""
    written = []
    for name, rows in iter_tables(repo):
        path = folder / f"{name}.csv"
        write_atomic(path, to_csv(list(rows), bom=bom), follow_links=False)
        written.append(path)
    return written


def csv_zip(repo: Repository, *, bom: bool = False) -> bytes:
    """A zip archive with one CSV file per table, for sending on as one file."""
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, rows in iter_tables(repo):
            archive.writestr(f"{name}.csv", to_csv(list(rows), bom=bom))
    return buffer.getvalue()


def xlsx_bytes(repo: Repository) -> bytes:
    """A workbook with a sheet per table: typed cells, frozen header row, filters on."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in tables(repo).items():
        sheet = workbook.create_sheet(name)
        columns = list(rows[0]) if rows else []
        sheet.append(columns)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([_xlsx_value(row[c]) for c in columns])
        for cells in sheet.iter_rows(min_row=2):
            for cell in cells:
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
                    cell.data_type = "s"  # text, never a formula
        sheet.freeze_panes = "A2"
        if columns:
            sheet.auto_filter.ref = sheet.dimensions
            for index, column in enumerate(columns, start=1):
                width = max([len(column), *(len(str(r[column] or "")) for r in rows)])
                sheet.column_dimensions[get_column_letter(index)].width = min(60, width + 2)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_xlsx(repo: Repository, path: Path) -> Path:
    write_output(path, xlsx_bytes(repo))
    return path


def _xlsx_value(value: object) -> object:
    return ";".join(map(str, value)) if isinstance(value, list) else value


def _fill_sqlite(repo: Repository, path: Path, given: Path | str) -> None:
    import sqlite3

    import sqlite_utils

    try:
        db = sqlite_utils.Database(path, recreate=True)
        try:
            # A file of our own until it is renamed into place: no journal and no
            # sync per insert (hundreds of fsyncs); `replacing` syncs it once, whole.
            db.execute("PRAGMA journal_mode = OFF")
            db.execute("PRAGMA synchronous = OFF")
            keys = {"units": "id", "funders": "id", "partners": "id", "projects": "id"}
            made_tables: set[str] = set()
            for name, made in iter_tables(repo):  # referenced tables come first
                first = list(itertools.islice(made, CREATING_ROWS))
                if not first:
                    continue
                made_tables.add(name)
                # sqlite-utils creates the table from the first rows (their values
                # decide the column types) ...
                db.table(name).insert_all(
                    first,
                    pk=keys.get(name),
                    # Only to tables there are: with intstrat.yaml's units broken
                    # (--allow-errors), there is no units table to point to.
                    foreign_keys=[k for k in FOREIGN_KEYS.get(name, []) if k[1] in made_tables],
                    columns=COLUMN_TYPES.get(name),
                    batch_size=CREATING_ROWS,
                )
                # ... and the rest go in as plain parameters in one statement: its
                # generic path costs ten times the writing (a call per value).
                _insert_rest(db.conn, name, list(first[0]), made)
        finally:
            db.close()
    except sqlite3.OperationalError as exc:  # "database or disk is full", "disk I/O error"
        raise WriteError(given, str(exc)) from None


#: Rows sqlite-utils sees of each table: enough to choose the column types it always did.
CREATING_ROWS = 100
_PLAIN_VALUES = frozenset({str, int, float, bool, type(None)})


def _insert_rest(
    connection: sqlite3.Connection, table: str, columns: list[str], rows: Iterator[Row]
) -> None:
    """The remaining rows of `table`, with the values sqlite-utils would store."""
    from sqlite_utils.db import jsonify_if_needed

    plain = _PLAIN_VALUES
    names = ", ".join(f"[{column}]" for column in columns)
    marks = ", ".join("?" * len(columns))
    with connection:
        connection.executemany(
            f"INSERT INTO [{table}] ({names}) VALUES ({marks})",
            (
                [
                    v if v.__class__ in plain else jsonify_if_needed(v)
                    for v in map(row.__getitem__, columns)
                ]
                for row in rows
            ),
        )


def export_sqlite(repo: Repository, path: Path | str) -> Path:
    """A SQLite database with normalised tables and foreign keys, ready for Datasette.

    Built in a temporary file beside a regular target and renamed over it; a
    device, pipe or `-` gets the finished database's bytes.
    """
    if is_stdout(path) or is_special(Path(path)):
        with tempfile.TemporaryDirectory(prefix="intstrat-") as folder:
            database = Path(folder) / "export.sqlite"
            _fill_sqlite(repo, database, path)
            write_output(path, database.read_bytes())
        return Path(path)
    with replacing(Path(path), follow_links=False) as temporary:
        _fill_sqlite(repo, temporary, path)
    return Path(path)


def _json_file(repo: Repository, path: Path, *, bom: bool = False) -> list[Path]:
    _write_chunks(path, json_chunks(repo))
    return [path]


def _csv_files(repo: Repository, path: Path, *, bom: bool = False) -> list[Path]:
    if path.suffix.lower() == ".zip":
        write_output(path, csv_zip(repo, bom=bom))
        return [path]
    return export_csv(repo, path, bom=bom)


def _xlsx_file(repo: Repository, path: Path, *, bom: bool = False) -> list[Path]:
    return [export_xlsx(repo, path)]


def _sqlite_file(repo: Repository, path: Path, *, bom: bool = False) -> list[Path]:
    return [export_sqlite(repo, path)]


def _iati_file(repo: Repository, path: Path, *, bom: bool = False) -> list[Path]:
    """IATI with its defaults (every project to publish, judged against today).

    `intstrat export iati` and `intstrat.exports.iati.export` take the options.
    """
    from intstrat.exports import iati

    iati.export(repo, path)
    return [path]


class Exporter(Protocol):
    def __call__(self, repo: Repository, path: Path, *, bom: bool = False) -> list[Path]: ...


#: Each export format and how it is written; every one of them writes atomically.
EXPORTERS: dict[ExportFormat, Exporter] = {
    ExportFormat.CSV: _csv_files,
    ExportFormat.XLSX: _xlsx_file,
    ExportFormat.JSON: _json_file,
    ExportFormat.SQLITE: _sqlite_file,
    ExportFormat.IATI: _iati_file,
}

#: File names and the export each implies: `-o x.json` is no place for an Excel workbook.
EXTENSIONS: dict[str, ExportFormat] = {
    ".json": ExportFormat.JSON,
    ".xlsx": ExportFormat.XLSX,
    ".sqlite": ExportFormat.SQLITE,
    ".sqlite3": ExportFormat.SQLITE,
    ".db": ExportFormat.SQLITE,
    ".zip": ExportFormat.CSV,
    ".csv": ExportFormat.CSV,
}


def check_target(fmt: ExportFormat, path: Path) -> None:
    """Refuse a target that cannot hold `fmt`, before anything is computed or written."""
    if is_stdout(path):
        if fmt is ExportFormat.CSV:
            raise UsageError(
                _(
                    "export csv writes one file per table, not one stream: give a folder "
                    "(-o out/) or a zip (-o out.zip); for one table on standard output use "
                    "'intstrat list --format csv'"
                )
            )
        return
    if fmt is ExportFormat.CSV:
        if path.suffix.lower() not in ("", ".zip") and not path.is_dir():
            raise UsageError(
                _(
                    "export csv writes one file per table: give a folder (-o {folder}/) or a "
                    "zip (-o {folder}.zip), not {path}"
                ).format(folder=path.with_suffix(""), path=path)
            )
        return
    implied = EXTENSIONS.get(path.suffix.lower())
    if implied is not None and implied is not fmt:
        raise UsageError(
            _("-o {path} is a name for {implied}, not {fmt}; change one of them").format(
                path=path, implied=implied, fmt=fmt
            )
        )


def export(
    repo: Repository, fmt: ExportFormat | str, path: Path, *, bom: bool = False
) -> list[Path]:
    """Write every record in `fmt` to `path` (a folder or zip for CSV); the files written."""
    fmt = ExportFormat(fmt)
    check_target(fmt, path)
    return EXPORTERS[fmt](repo, path, bom=bom)
