"""The CLI's wiring: exit codes, output formats, discovery of the repository."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from intstrat import __version__
from intstrat.cli import app
from tests.helpers import build_repo, project

runner = CliRunner()
P = "data/projects/sekos-2.yaml"


@pytest.fixture
def broken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with one error and one warning; the cwd is its root."""
    text = project(owner="utbilding") + "travel:\n  - {date: 2019, destination: XK, flight: true}\n"
    root = build_repo(tmp_path, {P: text})
    monkeypatch.chdir(root)
    return root


def test_help_and_version() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "check" in result.output
    assert "schema" in result.output
    result = runner.invoke(app, ["--version"])
    assert result.output == f"intstrat {__version__}\n"


def test_check_clean_repository_exits_0(repo: Path) -> None:
    result = runner.invoke(app, ["check", "--repo", str(repo)])
    assert result.exit_code == 0, result.output
    assert result.output == "checked 3 files: all good\n"


def test_check_text_output(broken: Path) -> None:
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{P}:4:8: error R003 unknown unit 'utbilding'; did you mean 'utbildning'?",
        f"{P}:8:5: warning R010 the flight of 2019 to XK was not climate-compensated; "
        "compensate it and set compensated: true (Testbys internationella strategi asks for it)",
        "checked 3 files: 1 error, 1 warning",
    ]


def test_check_github_annotations(broken: Path) -> None:
    result = runner.invoke(app, ["check", "--format", "github"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == (
        f"::error file={P},line=4,col=8,title=R003 unknown-reference::"
        "R003 unknown unit 'utbilding'; did you mean 'utbildning'?"
    )
    assert lines[1].startswith(
        f"::warning file={P},line=8,col=5,title=R010 flight-not-compensated::"
    )
    assert lines[2] == "checked 3 files: 1 error, 1 warning"


def test_check_github_is_the_default_on_github_actions(
    broken: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = runner.invoke(app, ["check"])
    assert result.output.startswith("::error file=")


def test_check_json(broken: Path) -> None:
    result = runner.invoke(app, ["check", "--format", "json"])
    assert result.exit_code == 1
    document = json.loads(result.output)
    assert document["summary"] == {"files": 3, "errors": 1, "warnings": 1}
    assert document["diagnostics"][0] == {
        "path": P,
        "line": 4,
        "column": 8,
        "severity": "error",
        "code": "R003",
        "name": "unknown-reference",
        "message": "unknown unit 'utbilding'; did you mean 'utbildning'?",
    }


def test_strict_fails_on_warnings(tmp_path: Path) -> None:
    text = project() + "travel:\n  - {date: 2019, destination: XK, flight: true}\n"
    root = build_repo(tmp_path, {P: text})
    assert runner.invoke(app, ["check", "--repo", str(root)]).exit_code == 0
    assert runner.invoke(app, ["check", "--repo", str(root), "--strict"]).exit_code == 1


def test_today_option(tmp_path: Path) -> None:
    root = build_repo(tmp_path, {P: project(status="ongoing")})
    args = ["check", "--repo", str(root), "--strict", "--today"]
    assert runner.invoke(app, [*args, "2021-06-01"]).exit_code == 0
    result = runner.invoke(app, [*args, "2022-06-01"])
    assert result.exit_code == 1
    assert "R011" in result.output


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "'tomorrow' is not a date like 2024-01-31"),
        ("sv", "'tomorrow' är inget datum; skriv till exempel 2024-01-31"),
    ],
)
def test_bad_today_is_a_usage_error(repo: Path, lang: str, said: str) -> None:
    args = ["--lang", lang, "check", "--repo", str(repo), "--today", "tomorrow"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert said in result.output


def test_paths_argument(broken: Path) -> None:
    result = runner.invoke(app, ["check", "intstrat.yaml"])
    assert result.exit_code == 0
    result = runner.invoke(app, ["check", P])
    assert result.exit_code == 1


def test_every_path_given_wrongly_is_said_at_once(broken: Path, tmp_path: Path) -> None:
    outside = tmp_path.parent
    for command in ("check", "fmt"):
        result = runner.invoke(app, [command, "nope.yaml", "data/zz", str(outside)])
        assert result.exit_code == 2
        assert result.stderr.splitlines() == [
            "intstrat: nope.yaml: no such file or folder",
            "data/zz: no such file or folder",
            f"{outside} is outside the repository {broken}",
        ]


def test_no_repository_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 2
    assert "no intstrat.yaml found" in result.output
    assert "Traceback" not in result.output


def test_repo_from_environment(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path.parent)
    monkeypatch.setenv("INTSTRAT_REPO", str(repo))
    assert runner.invoke(app, ["check"]).exit_code == 0


def test_a_repository_given_wrongly_is_said_as_it_was_given(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A missing folder was told to run 'intstrat init', a subfolder too (a repository
    inside the repository), and $INTSTRAT_REPO was called --repo."""
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    cases = {
        str(tmp_path / "nope"): "the folder does not exist",
        str(tmp_path / "file.txt"): "not a folder; give the folder that has intstrat.yaml",
        str(repo / "data"): f"a folder inside the repository {repo}; give the repository itself",
    }
    for given, said in cases.items():
        result = runner.invoke(app, ["list", "--repo", given])
        assert (result.exit_code, result.stderr) == (2, f"intstrat: --repo {given}: {said}\n")
    monkeypatch.setenv("INTSTRAT_REPO", str(tmp_path / "nope"))
    result = runner.invoke(app, ["list"])
    assert result.stderr == (
        f"intstrat: $INTSTRAT_REPO={tmp_path / 'nope'}: the folder does not exist\n"
    )
    result = runner.invoke(app, ["list", "--lang", "sv"])
    assert result.stderr == f"intstrat: $INTSTRAT_REPO={tmp_path / 'nope'}: mappen finns inte\n"


def test_repository_is_found_from_a_subfolder(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo / "data" / "projects")
    result = runner.invoke(app, ["check", "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.output)["summary"]["files"] == 3


def test_paths_are_shown_relative_to_the_current_folder(
    broken: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(broken / "data")
    result = runner.invoke(app, ["check"])
    assert result.output.startswith("projects/sekos-2.yaml:4:8: error R003")


def test_bad_format_option_exits_2(repo: Path) -> None:
    result = runner.invoke(app, ["check", "--repo", str(repo), "--format", "xml"])
    assert result.exit_code == 2


def test_internal_error_is_one_line_and_exits_3(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("intstrat.loading.repository.load_repository", explode)
    result = runner.invoke(app, ["check", "--repo", str(repo)])
    assert result.exit_code == 3
    assert result.output.count("\n") == 1
    assert "internal error (RuntimeError: boom)" in result.output
    assert "please report it" in result.output


def test_markup_in_data_is_printed_as_written(tmp_path: Path) -> None:
    root = build_repo(tmp_path, {P: project(owner="'[bold]x'")})
    result = runner.invoke(app, ["check", "--repo", str(root)])
    assert "[bold]x" in result.output


def test_schema_prints_and_writes(tmp_path: Path) -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert "status" in schema["required"]
    out = tmp_path / "schemas"
    result = runner.invoke(app, ["schema", "-o", str(out)])
    assert result.exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "config.schema.json",
        "partner.schema.json",
        "project.schema.json",
    ]
    assert runner.invoke(app, ["schema", "-o", str(out), "--check"]).exit_code == 0
    (out / "partner.schema.json").write_text("{}", encoding="utf-8")
    result = runner.invoke(app, ["schema", "-o", str(out), "--check"])
    assert result.exit_code == 1
    assert "partner.schema.json: out of date" in result.output


def test_schema_dash_is_standard_output_and_records_are_no_place_for_schemas(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`schema -o -` made a folder named '-'; `schema -o data` wrote into the records."""
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["schema", "project", "-o", "-"])
    assert result.exit_code == 0 and json.loads(result.stdout)["title"]
    assert not (tmp_path / "-").exists()
    root = build_repo(tmp_path / "repo")
    for folder in ("data", "data/projects", "templates"):
        result = runner.invoke(app, ["schema", "-o", str(root / folder)])
        assert result.exit_code == 2, result.output
        assert "which intstrat reads: schemas go in schemas/" in result.stderr
    assert not list((root / "data").rglob("*.json"))
    assert runner.invoke(app, ["schema", "-o", str(root / "schemas")]).exit_code == 0


def test_schema_check_needs_output(tmp_path: Path) -> None:
    result = runner.invoke(app, ["schema", "--check"])
    assert result.exit_code == 2
    assert "--check needs -o DIR" in result.output


# ------------------------------------------------------------------ report


@pytest.fixture
def report_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    from tests.reporting import report_repo

    root = report_repo(tmp_path / "repo")
    monkeypatch.chdir(tmp_path)
    return root


def test_report_markdown_to_stdout(report_root: Path) -> None:
    result = runner.invoke(app, ["report", "2023", "--repo", str(report_root)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Internationellt arbete 2023\n")
    assert "## EU-projekt" in result.stdout


def test_a_language_given_before_the_command_holds_for_its_output(report_root: Path) -> None:
    """`intstrat --lang en report 2023` is English like `report 2023 --lang en`;
    $INTSTRAT_LANG (set to en for every test) is a person's language for messages only."""
    repo = ["--repo", str(report_root)]
    before = runner.invoke(app, ["--lang", "en", "report", "2023", *repo])
    assert before.stdout.startswith("# International work 2023\n")
    assert before.stdout == runner.invoke(app, ["report", "2023", "--lang", "en", *repo]).stdout
    shown = runner.invoke(app, ["--lang", "en", "show", "eu-skills", *repo]).stdout
    assert "│ Status    ongoing " in shown
    listed = runner.invoke(app, ["--lang", "en", "list", "-f", "csv", *repo]).stdout
    assert ",ongoing," in listed and "pågår" not in listed
    brochure = runner.invoke(app, ["--lang", "en", "brochure", "-f", "html", "-o", "-", *repo])
    assert '<html lang="en">' in brochure.stdout
    site = report_root.parent / "site"
    runner.invoke(app, ["--lang", "en", "site", "-o", str(site), *repo])
    assert '<html lang="en">' in (site / "index.html").read_text(encoding="utf-8")
    # The environment alone: messages in English, documents and tables in the repository's
    # Swedish, the table's headers with its values.
    assert runner.invoke(app, ["report", "2023", *repo]).stdout.startswith(
        "# Internationellt arbete 2023\n"
    )
    table = runner.invoke(app, ["list", *repo]).stdout.splitlines()
    assert table[0].split()[:4] == ["Id", "┃", "Titel", "┃"] and "ansökt" in table[2]


def test_report_html_in_english_to_a_file(report_root: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "report.html"
    args = [
        "report",
        "2023",
        "--repo",
        str(report_root),
        "-f",
        "html",
        "--lang",
        "en",
        "-o",
        str(out),
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert f"wrote {out}" in result.stderr
    html = out.read_text(encoding="utf-8")
    assert '<html lang="en">' in html
    assert "<h2>EU projects</h2>" in html


@pytest.mark.parametrize(
    ("fmt", "name", "magic"),
    [
        ("pdf", "internationellt-arbete-2023.pdf", b"%PDF-"),
        ("docx", "internationellt-arbete-2023.docx", b"PK"),
    ],
)
def test_report_binary_formats_go_to_out_in_the_repository(
    report_root: Path, tmp_path: Path, fmt: str, name: str, magic: bytes
) -> None:
    result = runner.invoke(app, ["report", "2023", "--repo", str(report_root), "-f", fmt])
    assert result.exit_code == 0, result.output
    assert (report_root / "out" / name).read_bytes().startswith(magic)
    assert f"wrote repo/out/{name}" in result.stderr  # relative to the current folder
    assert not (tmp_path / name).exists()


def test_report_of_one_unit_names_its_file(report_root: Path, tmp_path: Path) -> None:
    args = [
        "report",
        "2023",
        "--repo",
        str(report_root),
        "-f",
        "docx",
        "--unit",
        "omsorg",
        "--lang",
        "en",
    ]
    assert runner.invoke(app, args).exit_code == 0
    assert (report_root / "out/international-work-2023-omsorg.docx").is_file()


def test_report_unknown_unit_exits_2(report_root: Path) -> None:
    result = runner.invoke(
        app, ["report", "2023", "--repo", str(report_root), "--unit", "omsorgen"]
    )
    assert result.exit_code == 2
    assert result.stderr == (
        "intstrat: unknown unit 'omsorgen'; did you mean 'Department of Social Care' (omsorg)?\n"
    )
    named = runner.invoke(
        app, ["report", "2023", "--repo", str(report_root), "--unit", "Omsorgsförvaltningen"]
    )
    assert named.exit_code == 0, named.output
    assert "Årlig sammanställning för Omsorgsförvaltningen" in named.stdout


def test_report_refuses_data_with_errors(report_root: Path) -> None:
    (report_root / "data/projects/old.yaml").write_text("id: old\ntitle: [\n", encoding="utf-8")
    result = runner.invoke(app, ["report", "2023", "--repo", str(report_root)])
    assert result.exit_code == 1
    assert "the data has 1 error, so the result would be incomplete" in result.stderr
    assert "data/projects/old.yaml:3:1: Y002" in result.stderr
    allowed = runner.invoke(app, ["report", "2023", "--repo", str(report_root), "--allow-errors"])
    assert allowed.exit_code == 0
    assert "records with errors are left out" in allowed.stderr
    assert allowed.stdout.startswith("# Internationellt arbete 2023")


def test_report_missing_template_exits_2(report_root: Path) -> None:
    result = runner.invoke(
        app, ["report", "2023", "--repo", str(report_root), "--template", "nope.md.j2"]
    )
    assert result.exit_code == 2
    assert "template 'nope.md.j2' not found" in result.stderr


def test_report_bad_year_exits_2(report_root: Path) -> None:
    result = runner.invoke(app, ["report", "tjugo", "--repo", str(report_root)])
    assert result.exit_code == 2


# ------------------------------------------------------------------ fmt


def test_fmt_check_lists_files_and_changes_nothing(tmp_path: Path) -> None:
    text = "status: completed\n" + project(status="")
    root = build_repo(tmp_path, {P: text})
    result = runner.invoke(app, ["fmt", "--check", "--repo", str(root)])
    assert result.exit_code == 1
    assert (
        result.stdout.endswith(f"would reformat {root / P}\n")
        or f"would reformat {P}" in result.stdout
    )
    assert "1 file would reformat, 2 unchanged" in result.stderr
    assert (root / P).read_text(encoding="utf-8") == text


def test_fmt_rewrites_then_check_passes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = build_repo(tmp_path, {P: "status: completed\n" + project(status="")})
    monkeypatch.chdir(root)
    result = runner.invoke(app, ["fmt"])
    assert result.exit_code == 0
    assert result.stdout == f"reformatted {P}\n"
    assert runner.invoke(app, ["fmt", "--check"]).exit_code == 0
    assert runner.invoke(app, ["check"]).exit_code == 0


def test_fmt_reports_files_with_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = build_repo(tmp_path, {P: "id: a\nid: b\n"})
    monkeypatch.chdir(root)
    result = runner.invoke(app, ["fmt"])
    assert result.exit_code == 1
    assert f"{P}:2:1: not formatted, it has errors (Y003" in result.stderr


# ------------------------------------------------------------------ list


def test_list_projects_as_csv_json_and_yaml(report_root: Path) -> None:
    base = ["list", "--repo", str(report_root), "--year", "2023", "--country", "ZA"]
    as_json = json.loads(runner.invoke(app, [*base, "-f", "json"]).stdout)
    assert [row["id"] for row in as_json] == ["eu-skills", "prestudy-december"]
    assert as_json[0]["countries"] == ["ZA"]
    assert as_json[0]["funders"] == ["erasmus-plus"]
    as_csv = runner.invoke(app, [*base, "-f", "csv"]).stdout.splitlines()
    assert (
        as_csv[0]
        == "id,title,kind,status,owner,start,end,partners,countries,funders,sdgs,results,path"
    )
    assert as_csv[1].startswith(
        "eu-skills,Gröna kompetenser,project,ongoing,utbildning,2022-09,2030,jb-marks,ZA,erasmus-plus,4;13,2,"
    )
    import yaml

    as_yaml = yaml.safe_load(runner.invoke(app, [*base, "-f", "yaml"]).stdout)
    assert [row["id"] for row in as_yaml] == ["eu-skills", "prestudy-december"]


def test_list_table_and_sorting(report_root: Path) -> None:
    result = runner.invoke(app, ["list", "partners", "--repo", str(report_root), "--sort", "name"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split()[:2] == ["Id", "┃"]
    assert [line.split()[0] for line in lines[2:4]] == ["jb-marks", "vushtrri"]
    # The table in the repository's language; its rows counted in the messages' ($INTSTRAT_LANG).
    assert lines[-1] == "2 rows"
    bad = runner.invoke(app, ["list", "--repo", str(report_root), "--sort", "colour"])
    assert bad.exit_code == 2
    assert bad.stderr.startswith("intstrat: cannot sort by 'colour'; choose a column (Id, Title,")
    by_heading = runner.invoke(
        app, ["list", "partners", "--repo", str(report_root), "--sort", "NAMN"]
    )
    assert by_heading.stdout == result.stdout  # the Swedish heading of the name column


LONG_TITLE = (
    "Alfa beta gamma delta epsilon zeta eta theta iota kappa lambda my ny xi omikron pi rho "
    "sigma tau"
)


@pytest.fixture
def listed(tmp_path: Path) -> Path:
    """Projects whose titles, owners, countries, statuses and goals tell orders apart:
    the unit `omsorg` is named 'Vård och omsorg', after 'Utbildningsförvaltningen'."""
    from tests.helpers import CONFIG

    return build_repo(
        tmp_path,
        {
            "intstrat.yaml": CONFIG.replace("Omsorgsförvaltningen", "Vård och omsorg"),
            "data/partners/jb-marks.yaml": (
                "id: jb-marks\nname: JB Marks Local Municipality\ntype: municipality\ncountry: ZA\n"
            ),
            P: project(sdgs="[4, 8]"),
            "data/projects/ett-langt-id.yaml": project(
                id="ett-langt-id",
                title=LONG_TITLE,
                status="idea",
                owner="omsorg",
                partners="[jb-marks, vushtrri]",
                period="",
                sdgs="[10, 16]",
            ),
            "data/projects/tre.yaml": project(
                id="tre", title="Tre", status="ongoing", period="{start: 2024}", sdgs="[3]"
            ),
            "data/projects/utan.yaml": project(
                id="utan", title="Utan mål", status="planned", partners="[]", period=""
            ),
        },
    )


@pytest.mark.parametrize("width", [40, 50, 60, 70, 80, 100, 120, 160])
def test_list_never_cuts_a_title_or_a_column(listed: Path, width: int) -> None:
    """At 80 columns 'Alfa beta gamma de' over 'epsilon zeta eta t' lost words; at 60
    only the id was left; columns went with no word. Titles wrap between words, a
    column that does not fit is named under the table, and the id and title stay."""
    result = runner.invoke(
        app, ["list", "--repo", str(listed), "--lang", "sv"], env={"COLUMNS": str(width)}
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(map(len, lines)) <= width
    assert lines[-1] == "4 rader"
    rows = lines[:-1]
    said = " ".join(rows)
    assert "ett-langt-id" in said.split()
    title_cells = [line.split("│")[1] if "│" in line else line for line in rows]
    assert LONG_TITLE in " ".join(" ".join(title_cells).split())
    left_out = [line for line in rows if line.startswith("utelämnade kolumner: ")]
    headings = ("Status", "Period", "Ansvarig", "Länder")
    missing = [h for h in headings if h not in rows[0].split()]
    if width >= 160:
        assert (missing, left_out) == ([], [])
    if missing:
        note = " ".join(" ".join(rows[rows.index(left_out[0]) :]).split())
        assert note == (
            f"utelämnade kolumner: {', '.join(missing)}; bredda terminalen eller använd -f csv"
        )
    else:
        assert left_out == []
    if width <= 80:
        assert missing  # the test is worth its name


def test_list_too_narrow_for_a_title_beside_the_id_puts_it_under(listed: Path) -> None:
    """'Vägar i' over 'arbetsm': a title beside a long id had a few letters a line."""
    result = runner.invoke(
        app, ["list", "--repo", str(listed), "--lang", "sv"], env={"COLUMNS": "28"}
    )
    lines = result.stdout.splitlines()
    assert lines[:5] == [
        "ett-langt-id",
        "  Alfa beta gamma delta",
        "  epsilon zeta eta theta",
        "  iota kappa lambda my ny xi",
        "  omikron pi rho sigma tau",
    ]
    assert lines[5:7] == ["sekos-2", "  Socialt entreprenörskap"]
    assert " ".join(" ".join(lines[-5:-1]).split()) == (
        "utelämnade kolumner: Status, Period, Ansvarig, Länder; bredda terminalen eller "
        "använd -f csv"
    )


def test_list_shows_names_where_the_files_have_ids(listed: Path, report_root: Path) -> None:
    """Ansvarig read 'omsorg' and Länder 'XK, ZA' while show and `list partners` say
    'Vård och omsorg' and 'Kosovo'; a result's project was its id."""
    wide = {"COLUMNS": "250"}
    table = runner.invoke(app, ["list", "--repo", str(listed)], env=wide).stdout
    row = next(line for line in table.splitlines() if line.startswith("ett-langt-id "))
    cells = [cell.strip() for cell in row.split("│")]
    assert cells[2:] == ["idé", "", "Vård och omsorg", "Kosovo, Sydafrika"]
    shown = runner.invoke(app, ["show", "ett-langt-id", "--repo", str(listed)], env=wide)
    assert "Ansvarig     Vård och omsorg" in shown.stdout
    results = runner.invoke(app, ["list", "results", "--repo", str(report_root)], env=wide)
    line = next(x for x in results.stdout.splitlines() if x.startswith("Ny rutin i hemtjänsten"))
    assert line.split("│")[1].strip() == "Projekt som slutade i januari"
    as_csv = runner.invoke(app, ["list", "--repo", str(listed), "-f", "csv"]).stdout
    assert "ett-langt-id,Alfa beta" in as_csv and ",idea,omsorg,,,jb-marks;vushtrri,XK;ZA," in (
        as_csv
    )  # the data keeps its ids


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        # The order of a project's life, not of the English ids (ongoing < planned).
        ("status", ["ett-langt-id", "utan", "tre", "sekos-2"]),
        ("Status", ["ett-langt-id", "utan", "tre", "sekos-2"]),
        # Goals as numbers (3 before 4;8 before 10;16), a project with none last.
        ("sdgs", ["tre", "sekos-2", "ett-langt-id", "utan"]),
        # Names as shown: Utbildningsförvaltningen before Vård och omsorg (id omsorg).
        ("owner", ["sekos-2", "tre", "utan", "ett-langt-id"]),
        # Kosovo, Sydafrika before Kosovo (a longer list after its start); none last.
        ("Länder", ["sekos-2", "tre", "ett-langt-id", "utan"]),
    ],
)
def test_list_sorts_as_the_table_reads(listed: Path, key: str, expected: list[str]) -> None:
    args = ["list", "--repo", str(listed), "--sort", key, "-f", "json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert [row["id"] for row in json.loads(result.stdout)] == expected


def test_partners_sort_by_their_number_of_projects(tmp_path: Path) -> None:
    """As text, 10 projects came before 9."""
    many = {
        f"data/projects/p{i}.yaml": project(id=f"p{i}", partners="[vushtrri]") for i in range(10)
    }
    many.update(
        {f"data/projects/t{i}.yaml": project(id=f"t{i}", partners="[tartu]") for i in range(8)}
    )
    root = build_repo(
        tmp_path,
        {
            **many,
            "data/partners/tartu.yaml": "id: tartu\nname: Tartu\ntype: municipality\ncountry: EE\n",
            P: project(partners="[tartu]"),
        },
    )
    args = ["list", "partners", "--repo", str(root), "--sort", "projects", "-f", "json"]
    rows = json.loads(runner.invoke(app, args).stdout)
    assert [(row["id"], row["projects"]) for row in rows] == [("tartu", 9), ("vushtrri", 10)]


def test_choices_take_the_swedish_words_people_type(report_root: Path) -> None:
    """`list projekt` and `stats --by land` were refused with a list of English values."""
    repo = ["--repo", str(report_root), "-f", "json"]
    for swedish, english in (
        (["list", "Projekt"], ["list", "projects"]),
        (["list", "partner"], ["list", "partners"]),
        (["list", "resultat"], ["list", "results"]),
        (["stats", "--by", "land"], ["stats", "--by", "country"]),
        (["stats", "--by", "år"], ["stats", "--by", "year"]),
    ):
        said = runner.invoke(app, [*swedish, *repo])
        assert said.exit_code == 0, said.output
        assert said.stdout == runner.invoke(app, [*english, *repo]).stdout
    # Per command: `stats --by partner` stays partner, not the partners of `list`.
    by_partner = json.loads(runner.invoke(app, ["stats", "--by", "partner", *repo]).stdout)
    assert {"jb-marks", "vushtrri"} <= {row["key"] for row in by_partner}


def test_list_results_of_a_year(report_root: Path) -> None:
    rows = json.loads(
        runner.invoke(
            app, ["list", "results", "--repo", str(report_root), "--year", "2023", "-f", "json"]
        ).stdout
    )
    assert sorted((r["project"], r["id"], r["implemented"]) for r in rows) == [
        ("eu-skills", "kursmodul", True),
        ("eu-skills", "rapport", False),
        ("icld-january", "ny-rutin", False),
    ]


def test_list_refuses_a_year_no_record_can_hold(report_root: Path) -> None:
    for year in ("1899", "2101", "9" * 30):
        result = runner.invoke(app, ["list", "--repo", str(report_root), "--year", year])
        assert result.exit_code == 2
        assert result.stderr == (
            f"intstrat: --year: {year} is outside 1900 to 2100, the years a record can hold\n"
        )
    swedish = runner.invoke(app, ["stats", "--repo", str(report_root), "--year", "1800"])
    assert swedish.exit_code == 2
    swedish = runner.invoke(
        app, ["stats", "--repo", str(report_root), "--year", "1800", "--lang", "sv"]
    )
    assert swedish.stderr == (
        "intstrat: --year: 1800 ligger utanför 1900 till 2100, de år en post kan ha\n"
    )


@pytest.mark.parametrize(
    ("option", "value", "english", "swedish"),
    [
        (
            "--kind",
            "spaceship",
            "unknown kind 'spaceship'; choose one of: 'project', 'pre-study', 'network', "
            "'activity'",
            "typ 'spaceship' finns inte; välj en av: 'projekt', 'förstudie', 'nätverk', "
            "'aktivitet'",
        ),
        ("--country", "ZZ", "unknown country 'ZZ'", "land 'ZZ' finns inte"),
    ],
)
def test_an_unknown_filter_value_names_the_field_in_the_users_language(
    report_root: Path, option: str, value: str, english: str, swedish: str
) -> None:
    for lang, said in (("en", english), ("sv", swedish)):
        args = ["list", "--repo", str(report_root), option, value, "--lang", lang]
        result = runner.invoke(app, args)
        assert result.exit_code == 2
        assert result.stderr == f"intstrat: {option}: {said}\n"


@pytest.mark.parametrize("written", ["EN", "En", "en"])
def test_the_language_option_takes_any_case(
    report_root: Path, written: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The language is chosen from --lang in any case; the option itself agrees."""
    monkeypatch.delenv("INTSTRAT_LANG")  # Swedish otherwise
    for args in (["check", "--lang", written], ["--lang", written, "check"]):
        result = runner.invoke(app, [*args, "--repo", str(report_root)])
        assert result.exit_code == 0, result.output
        assert result.stdout.splitlines()[-1] == "checked 12 files: 0 errors, 1 warning"
    result = runner.invoke(
        app, ["report", "2023", "-f", "md", "--lang", written.upper(), "--repo", str(report_root)]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# International work 2023")


def test_queries_say_which_files_with_errors_they_leave_out(tmp_path: Path) -> None:
    """A contact person's new project with a mistake must not just disappear."""
    root = build_repo(
        tmp_path,
        {
            "data/projects/nytt.yaml": "id: nytt\ntitle: Nytt\nstatus: pågående\nowner: omsorg\n",
            "data/partners/tartu.yaml": "id: tartu\nname: [\n",
        },
    )
    repo = ["--repo", str(root)]
    note = (
        "note: 2 files have errors and are left out: data/partners/tartu.yaml, "
        "data/projects/nytt.yaml; 'intstrat check' says why\n"
    )
    for args in (["list"], ["stats"], ["search", "Socialt"], ["search", "Socialt"]):
        result = runner.invoke(app, [*args, *repo])  # search twice: loaded, then indexed
        assert result.exit_code == 0, result.output
        assert result.stderr == note
    swedish = runner.invoke(app, ["list", "--lang", "sv", *repo])
    assert swedish.stderr.startswith("obs: 2 filer har fel och är utelämnade: ")
    shown = runner.invoke(app, ["show", "nytt", *repo])
    assert shown.exit_code == 2
    lines = shown.stderr.splitlines()
    assert lines[0] == (
        "intstrat: data/projects/nytt.yaml has errors, so 'nytt' cannot be shown; fix them first:"
    )
    assert lines[1].startswith("data/projects/nytt.yaml:3:1: error S003 status: ")
    config = root / "intstrat.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "themes: [\n", encoding="utf-8")
    broken = runner.invoke(app, ["list", *repo])
    assert broken.exit_code == 0, broken.output
    assert broken.stderr == (
        "note: 3 files have errors and are left out: data/partners/tartu.yaml, "
        "data/projects/nytt.yaml, intstrat.yaml; 'intstrat check' says why\n"
    )
    empty = runner.invoke(app, ["search", "  ", *repo])
    assert (empty.exit_code, empty.stderr) == (
        2,
        "intstrat: '  ' has no word to search for; give one or more words\n",
    )


@pytest.mark.parametrize("folder", ["data/projects", "data"])
def test_queries_say_a_data_folder_that_is_a_file(tmp_path: Path, folder: str) -> None:
    """A file where the records' folder should be left every query empty and silent."""
    root = build_repo(tmp_path)
    shutil.rmtree(root / folder)
    (root / folder).write_text("x\n", encoding="utf-8")
    repo = ["--repo", str(root)]
    note = f"note: 1 file has errors and is left out: {folder}; 'intstrat check' says why\n"
    for args in (["list"], ["stats"], ["search", "Socialt"], ["search", "Socialt"]):
        result = runner.invoke(app, [*args, *repo])
        assert result.stderr == note, args


def test_list_csv_neutralises_formulas(tmp_path: Path) -> None:
    root = build_repo(tmp_path, {P: project(title='\'=HYPERLINK("http://x","y")\'')})
    lines = runner.invoke(app, ["list", "--repo", str(root), "-f", "csv"]).stdout.splitlines()
    assert lines[1].startswith('sekos-2,"\'=HYPERLINK(""http://x"",""y"")",')


def test_report_takes_the_format_from_the_file_name(report_root: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    result = runner.invoke(app, ["report", "2023", "--repo", str(report_root), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF-")
    assert result.stderr == f"wrote {out}\n"
    html = runner.invoke(
        app, ["report", "2023", "--repo", str(report_root), "-o", str(tmp_path / "r.htm")]
    )
    assert (tmp_path / "r.htm").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert html.exit_code == 0


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--help"],
        ["check"],
        ["check", "--format", "json"],
        ["check", "--format", "nonsense"],
        ["check", "--no-such-option"],
        ["report", "--help"],
        ["report"],
        ["search", "testby"],
        ["stats", "--by", "country"],
        ["schema", "--help"],
    ],
)
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_command_run_alone_behaves_as_in_the_whole_group(
    broken: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], lang: str
) -> None:
    """`main` hands typer only the command asked for (see `application_for`)."""
    from intstrat.cli import application_for

    monkeypatch.chdir(broken)
    monkeypatch.setenv("INTSTRAT_LANG", lang)
    alone = application_for(args)
    assert alone is not app
    assert [c.name for c in alone.registered_commands] == [args[0]]
    whole = runner.invoke(app, args)
    single = runner.invoke(alone, args)
    assert (single.exit_code, single.output) == (whole.exit_code, whole.output)
    assert whole.output  # each says something: help, findings, hits or an error


def test_other_arguments_run_the_whole_group() -> None:
    from intstrat.cli import application_for

    for args in ([], ["--help"], ["--lang", "en", "check"], ["new", "project"], ["chek"]):
        assert application_for(args) is app


def test_the_script_looks_for_no_pydantic_plugins(tmp_path: Path) -> None:
    """Validation of a repository does not depend on pydantic plugins installed beside."""
    import subprocess
    import sys

    root = build_repo(tmp_path / "repo")
    code = (
        "import sys\n"
        "from intstrat.cli import main\n"
        f"sys.argv = ['intstrat', 'check', '--no-cache', '--repo', {str(root)!r}]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exit:\n"
        "    assert exit.code == 0, exit.code\n"
        "from pydantic.plugin import _loader\n"
        "print(_loader._plugins)\n"
    )
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-c", code], check=False, capture_output=True, text=True, env=env
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "None"  # never scanned


def test_repo_before_the_command_is_the_commands(tmp_path: Path) -> None:
    """`intstrat --repo X check`, as one writes `git -C X`: was 'unknown option --repo'."""
    root = build_repo(tmp_path / "repo")
    for args in (
        ["--repo", str(root), "check"],
        [f"--repo={root}", "--lang", "en", "check"],
        ["--lang", "en", "--repo", str(root), "export", "json", "-o", "-"],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (args, result.output)
    missing = runner.invoke(app, ["--repo", str(tmp_path / "nope"), "--lang", "en", "check"])
    assert (missing.exit_code, missing.stderr) == (
        2,
        f"intstrat: --repo {tmp_path / 'nope'}: the folder does not exist\n",
    )
