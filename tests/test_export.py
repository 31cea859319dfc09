"""Exports: the same data in every format, safe in spreadsheets, never half-written."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from intstrat.cli import app
from intstrat.loading.repository import load_repository
from intstrat.query.filters import Filters, projects
from tests.helpers import build_repo, project
from tests.reporting import report_repo

runner = CliRunner()
HOSTILE = '=HYPERLINK("http://x","y")'


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return report_repo(tmp_path_factory.mktemp("export"))


def test_sqlite_join_agrees_with_list(root: Path, tmp_path: Path) -> None:
    db = tmp_path / "intstrat.db"
    result = runner.invoke(app, ["export", "sqlite", "-o", str(db), "--repo", str(root)])
    assert result.exit_code == 0, result.output
    connection = sqlite3.connect(db)
    joined = [
        row[0]
        for row in connection.execute(
            "select distinct p.id from projects p"
            " join project_partners pp on pp.project_id = p.id"
            " join partners pa on pa.id = pp.partner_id"
            " where pa.country = 'ZA' order by p.id"
        )
    ]
    listed = json.loads(
        runner.invoke(app, ["list", "--country", "ZA", "-f", "json", "--repo", str(root)]).stdout
    )
    assert joined == sorted(row["id"] for row in listed) == ["eu-skills", "prestudy-december"]
    fks = connection.execute("select * from pragma_foreign_key_list('project_partners')").fetchall()
    assert {(fk[2], fk[3], fk[4]) for fk in fks} == {
        ("projects", "project_id", "id"),
        ("partners", "partner_id", "id"),
    }
    assert connection.execute("select count(*) from sdgs where sdg = 4").fetchone() == (2,)


def test_xlsx_has_typed_cells_frozen_header_and_filters(root: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "intstrat.xlsx"
    assert (
        runner.invoke(app, ["export", "xlsx", "-o", str(path), "--repo", str(root)]).exit_code == 0
    )
    book = load_workbook(path)
    assert {"projects", "partners", "results", "funding", "applications"} <= set(book.sheetnames)
    sheet = book["results"]
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["project_id", "id", "title_sv", "title_en"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == sheet.dimensions
    row = {h: c.value for h, c in zip(header, sheet[2], strict=True)}
    assert isinstance(row["implemented"], bool)
    assert isinstance(row["year"], int)
    funding = book["funding"]
    amounts = [c.value for c in funding["D"][1:] if c.value is not None]
    assert all(isinstance(v, int | float) for v in amounts)


def test_json_is_the_validated_records(root: Path) -> None:
    data = json.loads(runner.invoke(app, ["export", "json", "--repo", str(root)]).stdout)
    assert data["format"] == 1
    assert [p["id"] for p in data["projects"]] == sorted(p["id"] for p in data["projects"])
    assert data["partners"][0]["country"] == "ZA"
    assert len(data["projects"]) == len(projects(load_repository(root), Filters()))


def test_csv_per_table_with_bom(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    assert (
        runner.invoke(
            app, ["export", "csv", "-o", str(out), "--bom", "--repo", str(root)]
        ).exit_code
        == 0
    )
    text = (out / "partners.csv").read_bytes()
    assert text.startswith(b"\xef\xbb\xbfid,name,type,country")
    assert "Komuna Vushtrri" in text.decode("utf-8-sig")


def test_formulas_are_inert_in_csv_and_xlsx(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    root = build_repo(
        tmp_path / "repo", {"data/projects/sekos-2.yaml": project(title=f"'{HOSTILE}'")}
    )
    runner.invoke(app, ["export", "csv", "-o", str(tmp_path / "csv"), "--repo", str(root)])
    row = (tmp_path / "csv" / "projects.csv").read_text(encoding="utf-8").splitlines()[1]
    assert row.startswith("sekos-2,\"'=HYPERLINK(")
    runner.invoke(app, ["export", "xlsx", "-o", str(tmp_path / "x.xlsx"), "--repo", str(root)])
    cell = load_workbook(tmp_path / "x.xlsx")["projects"]["B2"]
    assert cell.value == HOSTILE
    assert cell.data_type == "s"  # text, not a formula


def test_a_failed_export_leaves_no_file(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    import sqlite_utils.db

    def full(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")  # what SQLite says

    monkeypatch.setattr(sqlite_utils.db.Table, "insert_all", full)
    target = tmp_path / "out.db"
    target.write_bytes(b"old")
    result = runner.invoke(app, ["export", "sqlite", "-o", str(target), "--repo", str(root)])
    assert result.exit_code == 2  # a full disk is not a bug in intstrat
    assert result.stderr == (
        f"intstrat: cannot write {target}: database or disk is full; nothing was written\n"
    )
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.db"]


def test_export_needs_output_except_json(root: Path) -> None:
    result = runner.invoke(app, ["export", "xlsx", "--repo", str(root)])
    assert result.exit_code == 2
    assert "needs -o PATH" in result.stderr
    csv = runner.invoke(app, ["export", "csv", "--repo", str(root)])
    assert (csv.exit_code, csv.stderr) == (
        2,
        "intstrat: export csv needs -o: it writes one file per table, into a folder "
        "(-o out/) or a zip (-o out.zip)\n",
    )


def test_reach_carries_what_it_counts_and_for_when(tmp_path: Path) -> None:
    """Each reach row says its unit and year or period, so a spreadsheet adds like with like."""
    from tests.ljungby import ljungby_repo

    root = ljungby_repo(tmp_path / "repo")
    db = tmp_path / "intstrat.db"
    result = runner.invoke(app, ["export", "sqlite", "-o", str(db), "--repo", str(root)])
    assert result.exit_code == 0, result.output
    connection = sqlite3.connect(db)
    rows = connection.execute(
        "select project_id, count, unit, year, period_start, period_end from reach"
        " where project_id in ('skolutbyte', 'gransregional-handel') order by project_id, count"
    ).fetchall()
    assert rows == [
        ("gransregional-handel", 4, None, None, None, None),
        ("gransregional-handel", 25, "organisations", None, "2023-01", "2023-03"),
        ("skolutbyte", 3, "organisations", 2023, None, None),
        ("skolutbyte", 45, "people", 2023, None, None),
        ("skolutbyte", 120, "people", None, "2022-08", "2024-06"),
    ]
    types = dict(connection.execute("select name, type from pragma_table_info('reach')").fetchall())
    assert (types["year"], types["unit"]) == ("INTEGER", "TEXT")
    # The same columns in every table format.
    csv_dir = tmp_path / "csv"
    assert (
        runner.invoke(app, ["export", "csv", "-o", str(csv_dir), "--repo", str(root)]).exit_code
        == 0
    )
    header = (csv_dir / "reach.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == "project_id,count,who,unit,year,period_start,period_end"


def test_sqlite_holds_what_sqlite_utils_would_write(tmp_path: Path) -> None:
    """Past the first rows of a table the export inserts plain parameters itself; the
    database must be the one sqlite-utils' own insert_all writes, row for row."""
    import sqlite_utils

    from intstrat.exports.dataset import COLUMN_TYPES, CREATING_ROWS, FOREIGN_KEYS, iter_tables

    many = CREATING_ROWS + 30
    files = {
        f"data/projects/p-{i:03}.yaml": project(
            id=f"p-{i:03}", title=f"Projekt {i}", sdgs=f"[{i % 17 + 1}]"
        )
        for i in range(many)
    }
    root = build_repo(tmp_path / "repo", files)
    db = tmp_path / "out.sqlite"
    result = runner.invoke(app, ["export", "sqlite", "-o", str(db), "--repo", str(root)])
    assert result.exit_code == 0, result.output

    reference = sqlite_utils.Database(tmp_path / "reference.sqlite")
    keys = {"units": "id", "funders": "id", "partners": "id", "projects": "id"}
    for name, rows in iter_tables(load_repository(root)):
        listed = list(rows)
        if listed:
            reference.table(name).insert_all(
                listed,
                pk=keys.get(name),
                foreign_keys=FOREIGN_KEYS.get(name, []),
                columns=COLUMN_TYPES.get(name),
            )
    written = sqlite3.connect(db)
    assert written.execute("select count(*) from projects").fetchone() == (many + 1,)
    assert written.execute("select count(*) from sdgs").fetchone() == (many,)
    assert list(written.iterdump()) == list(reference.conn.iterdump())


def test_a_language_not_written_stays_empty(tmp_path: Path) -> None:
    """A title written only in Swedish gave `title_en` the Swedish text, in every export:
    a column in a language holds only what was written in it. Text without a language is
    the repository's own (Swedish here)."""
    root = build_repo(
        tmp_path / "r",
        {
            "data/projects/sekos-2.yaml": project(
                title="{sv: Bara svenska}", summary="Utan språk", owner="utbildning"
            ),
            "data/projects/english.yaml": project(id="english", title="{en: Only English}"),
        },
    )
    repo = ["--repo", str(root)]
    db = tmp_path / "x.sqlite"
    assert runner.invoke(app, ["export", "sqlite", "-o", str(db), *repo]).exit_code == 0
    with sqlite3.connect(db) as connection:
        rows = connection.execute(
            "select id, title_sv, title_en, summary_sv, summary_en from projects order by id"
        ).fetchall()
    assert rows == [
        ("english", None, "Only English", None, None),
        ("sekos-2", "Bara svenska", None, "Utan språk", None),
    ]
    assert runner.invoke(app, ["export", "csv", "-o", str(tmp_path / "csv"), *repo]).exit_code == 0
    lines = (tmp_path / "csv/projects.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("id,title_sv,title_en,")
    assert lines[1].startswith("english,,Only English,") and lines[2].startswith(
        "sekos-2,Bara svenska,,"
    )
    from openpyxl import load_workbook

    xlsx = tmp_path / "x.xlsx"
    assert runner.invoke(app, ["export", "xlsx", "-o", str(xlsx), *repo]).exit_code == 0
    sheet = load_workbook(xlsx)["projects"]
    assert [c.value for c in sheet[3][:3]] == ["sekos-2", "Bara svenska", None]
    assert [c.value for c in sheet[2][:3]] == ["english", None, "Only English"]
