"""`new`: a valid record from options or from answers to questions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from intstrat.checks.run import check
from intstrat.cli import app
from intstrat.edit.new import propose_id
from tests.helpers import build_repo

runner = CliRunner()


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pretend a person is at a terminal (CliRunner's stdin is not one)."""
    from intstrat.commands import editing

    monkeypatch.setattr(
        editing, "terminal_prompt", lambda no_input: None if no_input else editing.TerminalPrompt()
    )


def test_propose_id() -> None:
    assert propose_id("Socialt entreprenörskap Kosovo", set()) == "socialt-entreprenorskap-kosovo"
    taken = {"mis-2", "mis-2-2"}
    assert propose_id("MIS 2", taken) == "mis-2-3"
    assert propose_id("Łódź stad", set()) == "lodz-stad"
    assert propose_id("Київ", set(), "ny-partner") == "ny-partner"


def test_new_partner_id_keeps_every_letter(repo: Path) -> None:
    for name, ident in (("Łódź stad", "lodz-stad"), ("Ærø kommune", "aero-kommune")):
        result = runner.invoke(
            app,
            ["new", "partner", "--repo", str(repo), "--name", name, "--country", "PL"],
        )
        assert result.exit_code == 0, result.output
        assert (repo / f"data/partners/{ident}.yaml").is_file()


def test_new_project_from_options(repo: Path) -> None:
    args = [
        "new",
        "project",
        "--repo",
        str(repo),
        "--title",
        "Miljöpedagogik i förskolan",
        "--status",
        "ongoing",
        "--owner",
        "omsorg",
        "--partner",
        "vushtrri",
        "--start",
        "2024-02",
        "--sdg",
        "4",
        "--theme",
        "socialt-arbete",
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    path = repo / "data/projects/miljopedagogik-i-forskolan.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/project.schema.json\n")
    assert "# Nytt projekt." in text
    assert "title:\n  sv: Miljöpedagogik i förskolan\n" in text
    assert "period:\n  start: 2024-02\n" in text
    assert check(repo).diagnostics == []
    assert "Created " in result.stdout and "data/projects/" in result.stdout


def test_new_project_refuses_to_overwrite(repo: Path) -> None:
    args = [
        "new",
        "project",
        "sekos-2",
        "--repo",
        str(repo),
        "--title",
        "X",
        "--status",
        "idea",
        "--owner",
        "omsorg",
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "data/projects/sekos-2.yaml exists already" in result.stderr


def test_new_project_without_a_terminal_needs_the_essentials(repo: Path) -> None:
    result = runner.invoke(app, ["new", "project", "--repo", str(repo), "--title", "X"])
    assert result.exit_code == 2
    assert "missing --status, --owner" in result.stderr


def test_new_project_checks_references(repo: Path) -> None:
    args = [
        "new",
        "project",
        "--repo",
        str(repo),
        "--title",
        "X",
        "--status",
        "idea",
        "--owner",
        "omsorgen",
        "--no-input",
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "unknown unit 'omsorgen'; did you mean 'Omsorgsförvaltningen' (omsorg)?" in result.stderr
    assert not any((repo / "data/projects").glob("x*.yaml"))


def test_new_names_the_options_at_fault_all_at_once_in_the_users_language(repo: Path) -> None:
    args = ["new", "partner", "--repo", str(repo), "--name", "Tartu", "--country", "EE"]
    args += ["--since", "99999", "--website", "ftp://tartu.ee", "--no-input"]
    english = runner.invoke(app, args)
    assert english.exit_code == 2
    assert english.stderr.splitlines() == [
        "intstrat: --website: 'ftp://tartu.ee' is not a web address: only addresses starting "
        "with https:// or http:// are allowed here",
        "--since: '99999' is not a date; write a year, a month or a day: 2021, 2021-06 or "
        "2021-06-15",
    ]
    swedish = runner.invoke(app, [*args, "--lang", "sv"])
    assert swedish.exit_code == 2
    assert swedish.stderr.splitlines() == [
        "intstrat: --website: 'ftp://tartu.ee' är ingen webbadress: bara adresser som börjar "
        "med https:// eller http:// får stå här",
        "--since: '99999' är inget datum; skriv ett år, en månad eller en dag: 2021, 2021-06 "
        "eller 2021-06-15",
    ]
    assert not any((repo / "data/partners").glob("tartu*"))


def test_new_says_every_kind_of_mistake_in_one_run(repo: Path) -> None:
    """Unknown words, missing options and bad values were said in three rounds."""
    args = ["new", "project", "--repo", str(repo), "--no-input", "--kind", "foo"]
    args += ["--owner", "omsorgen", "--start", "2024-13", "--sdg", "4,x", "--sdg", "18"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "intstrat: missing --title, --status (run it in a terminal to be asked)",
        "--kind: unknown kind 'foo'; choose one of: 'project', 'pre-study', 'network', 'activity'",
        "--owner: unknown unit 'omsorgen'; did you mean 'Omsorgsförvaltningen' (omsorg)?",
        "--sdg: 'x' is not a goal; the goals are numbered 1 to 17",
        "--start: '2024-13': there is no month 13; the months are 01 to 12",
    ]
    assert not any((repo / "data/projects").glob("x*.yaml"))


def test_new_makes_an_application_that_check_accepts(repo: Path) -> None:
    """An applied or rejected project needs its application (R006): it could not be made
    with new at all, from options or from questions."""
    missing = runner.invoke(app, _new_project(repo, "--status", "ansökt", "--no-input"))
    assert (missing.exit_code, missing.stderr) == (
        2,
        "intstrat: missing --funder, --submitted (run it in a terminal to be asked)\n",
    )
    args = ["--status", "avslag", "--funder", "Erasmus+", "--submitted", "2024-03"]
    result = runner.invoke(app, _new_project(repo, *args, "--no-input"))
    assert result.exit_code == 0, result.output
    text = (repo / "data/projects/x.yaml").read_text(encoding="utf-8")
    assert (
        "application:\n  funder: erasmus-plus\n  submitted: 2024-03\n  outcome: rejected\n" in text
    )
    assert check(repo).diagnostics == []


def test_new_names_the_options_behind_a_rule_it_refuses(repo: Path) -> None:
    backwards = runner.invoke(
        app, _new_project(repo, "--status", "idé", "--start", "2024", "--end", "2023")
    )
    assert backwards.stderr.startswith("intstrat: --start/--end: the period ends (2023) ")
    completed = runner.invoke(app, _new_project(repo, "--status", "klar", "--no-input"))
    assert completed.stderr.startswith("intstrat: --end: a completed project needs an end date")
    twice = runner.invoke(app, _new_project(repo, "--status", "idé", "--sdg", "4,13", "--sdg", "4"))
    assert twice.exit_code == 0, twice.output
    text = (repo / "data/projects/x.yaml").read_text(encoding="utf-8")
    assert "sdgs:\n  - 4\n  - 13\n" in text and text.count("  - 4\n") == 1


def test_new_takes_goals_separated_by_commas(repo: Path) -> None:
    result = runner.invoke(
        app, _new_project(repo, "--status", "idé", "--sdg", "4, 13", "--sdg", "5", "--no-input")
    )
    assert result.exit_code == 0, result.output
    assert "sdgs:\n  - 4\n  - 13\n  - 5\n" in (repo / "data/projects/x.yaml").read_text()


def _new_project(repo: Path, *options: str) -> list[str]:
    return ["new", "project", "--repo", str(repo), "--title", "X", "--owner", "omsorg", *options]


def test_new_refuses_what_check_would_call_an_error(repo: Path) -> None:
    """A file `new` writes passes `check`: a period that runs backwards (R004) or a
    completed project without an end (R005) is refused before anything is written."""
    backwards = runner.invoke(
        app, _new_project(repo, "--status", "idea", "--start", "2024", "--end", "2023")
    )
    assert backwards.exit_code == 2
    assert backwards.stderr == (
        "intstrat: --start/--end: the period ends (2023) before it starts (2024); swap start "
        "and end, or correct the year\n"
    )
    no_end = runner.invoke(app, _new_project(repo, "--status", "klar", "--lang", "sv"))
    assert no_end.exit_code == 2
    assert no_end.stderr.startswith("intstrat: --end: ett avslutat projekt behöver ett slutdatum")
    assert not any((repo / "data/projects").glob("x*.yaml"))


def test_new_shows_the_warnings_check_will_give(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    result = runner.invoke(
        app, _new_project(repo, "--status", "ongoing", "--start", "2022", "--end", "2023")
    )
    assert result.exit_code == 0, result.output
    found = check(repo, today=dt.date(2026, 12, 1)).diagnostics
    assert [(d.path, d.code) for d in found] == [("data/projects/x.yaml", "R011")]
    warning = found[0]
    assert result.stdout.splitlines() == [
        f"data/projects/x.yaml:{warning.line}:{warning.column}: warning R011 {warning.message}",
        "Created data/projects/x.yaml. Check it with: intstrat check",
    ]


def test_new_project_through_prompts(repo: Path, terminal: None) -> None:
    answers = (
        "\n".join(
            [
                "",  # title: required, asked again at once
                "Hållbara kliv",
                "",  # kind: the default, project
                "projekt-x",  # status: not a status, asked again
                "5",  # status by its number: ongoing
                "utbilding",  # owner: misspelt, asked again
                "Utbildningsförvaltningen",  # the unit by its name
                "vushtrri, lund",  # partners: lund unknown, asked again
                "1",
                "2024-13",  # start: not a date, asked again
                "2024-03",
                "",  # end: still running
                "4, 18",  # sdgs: 18 is no goal, asked again
                "4, 12",
                "",  # id: take the proposal
                "",  # write it? yes
            ]
        )
        + "\n"
    )
    result = runner.invoke(app, ["new", "project", "--repo", str(repo)], input=answers)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "an answer is needed here" in out
    assert "  5  ongoing\n" in out  # statuses numbered, in the user's language
    assert "unknown status 'projekt-x'" in out
    assert "unknown unit 'utbilding'; did you mean 'Utbildningsförvaltningen' (utbildning)?" in out
    assert "unknown partner 'lund'" in out
    assert "'2024-13': there is no month 13; the months are 01 to 12" in out
    assert "'18' is not a goal" in out
    assert "Write data/projects/hallbara-kliv.yaml? [Y/n]" in out
    assert "title:\n  sv: Hållbara kliv\n" in out  # the file is shown before it is written
    text = (repo / "data/projects/hallbara-kliv.yaml").read_text(encoding="utf-8")
    assert "status: ongoing\nowner: utbildning\npartners:\n  - vushtrri\n" in text
    assert "sdgs:\n  - 4\n  - 12\n" in text
    assert check(repo).diagnostics == []


def test_new_project_in_swedish_and_said_no_to(repo: Path, terminal: None) -> None:
    answers = "Hållbara kliv\nförstudie\npågår\n2\n\n\n\n\nnej\n"
    result = runner.invoke(
        app, ["new", "project", "--repo", str(repo), "--lang", "sv"], input=answers
    )
    assert result.exit_code == 0, result.output
    assert "Status:\n  1  idé\n" in result.output
    assert "Ingenting skrevs." in result.output
    assert not (repo / "data/projects/hallbara-kliv.yaml").exists()


def test_new_partner_through_prompts(repo: Path, terminal: None) -> None:
    answers = "JB Marks Local Municipality\n\nXX\nSydafrika\n2005\n\n\n"
    result = runner.invoke(app, ["new", "partner", "--repo", str(repo)], input=answers)
    assert result.exit_code == 0, result.output
    assert "unknown country 'XX'" in result.output
    text = (repo / "data/partners/jb-marks-local-municipality.yaml").read_text(encoding="utf-8")
    assert "type: municipality\ncountry: ZA\nsince: 2005\n" in text
    assert check(repo).diagnostics == []


def test_new_partner_from_options(tmp_path: Path) -> None:
    root = build_repo(tmp_path)
    args = [
        "new",
        "partner",
        "jb-marks",
        "--repo",
        str(root),
        "--name",
        "JB Marks",
        "--country",
        "ZA",
        "--website",
        "https://www.jbmarks.co.za",
    ]
    assert runner.invoke(app, args).exit_code == 0
    assert check(root).diagnostics == []


def test_new_partner_named_as_one_that_exists_is_refused_unless_given_an_id(repo: Path) -> None:
    """It became vushtrri-2 without a word; the same name is most likely the same partner."""
    args = ["new", "partner", "--repo", str(repo), "--name", "komuna VUSHTRRI", "--country", "XK"]
    result = runner.invoke(app, args)
    assert (result.exit_code, result.stderr) == (
        2,
        "intstrat: there is a partner named 'komuna VUSHTRRI' already: "
        "data/partners/vushtrri.yaml; if this is another one, give it an id of its own: "
        "intstrat new partner ID --name 'komuna VUSHTRRI'\n",
    )
    assert runner.invoke(app, [*args[:2], "vushtrri-by", *args[2:]]).exit_code == 0
    assert (repo / "data/partners/vushtrri-by.yaml").is_file()


def test_new_project_ids_avoid_partner_ids(repo: Path) -> None:
    """`show ID` finds a project or a partner: a project named as a partner gets its own id."""
    result = runner.invoke(app, _new_project(repo, "--status", "idé", "--no-input"))
    assert result.exit_code == 0
    args = ["new", "project", "--repo", str(repo), "--title", "Vushtrri", "--status", "idé"]
    result = runner.invoke(app, [*args, "--owner", "omsorg", "--no-input"])
    assert result.exit_code == 0, result.output
    assert (repo / "data/projects/vushtrri-2.yaml").is_file()


def test_init_refuses_a_unit_id_given_twice(tmp_path: Path) -> None:
    args = ["init", str(tmp_path / "ny"), "--name", "Ny kommun", "--unit", "a=A", "--unit", "a=B"]
    result = runner.invoke(app, args)
    assert (result.exit_code, result.stderr) == (
        2,
        "intstrat: --unit 'a=B': the id 'a' is given twice; give each unit its own\n",
    )
    assert not (tmp_path / "ny").exists()


def test_init_makes_a_repository_that_checks_clean(tmp_path: Path) -> None:
    target = tmp_path / "ljungby"
    args = [
        "init",
        str(target),
        "--name",
        "Ljungby kommun",
        "--unit",
        "utbildning=Utbildningsförvaltningen",
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    for rel in (
        "intstrat.yaml",
        "data/projects/.gitkeep",
        "data/partners/.gitkeep",
        ".github/workflows/check.yml",
        ".vscode/settings.json",
        "schemas/project.schema.json",
        "templates/README.md",
    ):
        assert (target / rel).is_file(), rel
    assert check(target).diagnostics == []
    config = (target / "intstrat.yaml").read_text(encoding="utf-8")
    assert "name: Ljungby kommun" in config
    assert "  - id: samarbete\n" in config
    created = runner.invoke(
        app,
        [
            "new",
            "project",
            "--repo",
            str(target),
            "--title",
            "Första projektet",
            "--status",
            "idea",
            "--owner",
            "utbildning",
        ],
    )
    assert created.exit_code == 0
    # The unit now owns a project, but a contact person is only asked for once
    # intstrat.yaml says the strategy demands one (strategy.contact_per_unit).
    assert check(target).diagnostics == []
    with (target / "intstrat.yaml").open("a", encoding="utf-8") as config_file:
        config_file.write(
            "strategy: {name: Policy för internationellt arbete, contact_per_unit: true}\n"
        )
    assert [d.code for d in check(target).diagnostics] == ["R009"]


def test_init_refuses_an_existing_repository(repo: Path) -> None:
    before = (repo / "intstrat.yaml").read_text(encoding="utf-8")
    result = runner.invoke(app, ["init", str(repo), "--name", "X"])
    assert result.exit_code == 2
    assert "exists already; nothing was changed" in result.stderr
    assert (repo / "intstrat.yaml").read_text(encoding="utf-8") == before


@pytest.mark.parametrize(
    "inside", ["data", "data/projects/ny", "templates/ny", "schemas", ".intstrat-cache/ny"]
)
def test_init_refuses_a_folder_of_another_repository(tmp_path: Path, inside: str) -> None:
    """`init r5/data` made a repository whose files r5's check took for its own."""
    outer = build_repo(tmp_path / "outer")
    (outer / "templates").mkdir()
    before = sorted(outer.rglob("*"))
    result = runner.invoke(app, ["init", str(outer / inside), "--name", "X", "--no-input"])
    assert result.exit_code == 2, result.output
    folder = inside.split("/", maxsplit=1)[0]
    assert result.stderr == (
        f"intstrat: {outer / inside} is inside {folder}/ of the intstrat repository in "
        f"{outer.resolve()}, which would take the new files for its own; nothing was changed. "
        f"Give a folder outside {outer.resolve()}/{folder}, or run 'intstrat new project' in "
        f"{outer.resolve()} to add a record there\n"
    )
    assert sorted(outer.rglob("*")) == before


def test_init_refuses_another_repositorys_folder_through_a_link(tmp_path: Path) -> None:
    outer = build_repo(tmp_path / "outer")
    (tmp_path / "link").symlink_to(outer / "data")
    result = runner.invoke(app, ["init", str(tmp_path / "link/ny"), "--name", "X"])
    assert result.exit_code == 2, result.output
    assert f"inside data/ of the intstrat repository in {outer.resolve()}" in result.stderr
    assert not (outer / "data/ny").exists()


def test_init_says_where_the_enclosing_repository_is_in_swedish_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Needs the Swedish catalogue."""
    outer = build_repo(tmp_path / "outer")
    monkeypatch.delenv("INTSTRAT_LANG")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["init", "outer/data", "--name", "X", "--no-input"])
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        f"intstrat: outer/data ligger i data/ i intstrat-repot i {outer.resolve()}, som skulle "
        "ta de nya filerna för sina egna; ingenting ändrades. Ange en mapp utanför "
        f"{outer.resolve()}/data, eller kör 'intstrat new project' i {outer.resolve()} för att "
        "lägga till en post där\n"
    )
    english = runner.invoke(app, ["init", "outer/data", "--name", "X", "--lang", "en"])
    assert english.exit_code == 2
    assert english.stderr.startswith("intstrat: outer/data is inside data/ of the intstrat")


def test_init_inside_a_repository_elsewhere_or_in_a_bigger_one(tmp_path: Path) -> None:
    """Nested outside another repository's own folders (intstrat's own source keeps one in
    tools/look-repo/), or in a municipality's bigger repository that merely has a data/
    folder: a repository of its own, and the outer one checks as before."""
    outer = build_repo(tmp_path / "outer")
    checked = runner.invoke(app, ["check", "--repo", str(outer)])
    nested = runner.invoke(app, ["init", str(outer / "docs/inner"), "--name", "X"])
    assert nested.exit_code == 0, nested.output
    assert runner.invoke(app, ["check", "--repo", str(outer / "docs/inner")]).exit_code == 0
    again = runner.invoke(app, ["check", "--repo", str(outer)])
    assert (again.exit_code, again.stdout) == (checked.exit_code, checked.stdout)
    bigger = tmp_path / "kommun"
    (bigger / "data").mkdir(parents=True)
    (bigger / "README.md").write_text("Kommunens repo\n", encoding="utf-8")
    international = bigger / "data" / "international"
    result = runner.invoke(app, ["init", str(international), "--name", "X"])
    assert result.exit_code == 0, result.output
    assert (international / "intstrat.yaml").is_file()


def test_init_needs_a_name_and_well_formed_units(tmp_path: Path) -> None:
    assert runner.invoke(app, ["init", str(tmp_path / "a")]).exit_code == 2
    result = runner.invoke(
        app, ["init", str(tmp_path / "b"), "--name", "X", "--unit", "utbildning"]
    )
    assert result.exit_code == 2
    assert "write ID=NAME" in result.stderr


def test_init_refuses_a_unit_id_that_is_not_an_id(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["init", str(tmp_path / "k"), "--name", "X", "--unit", "Kultur=Kulturförvaltningen"]
    )
    assert result.exit_code == 2
    assert result.stderr == (
        "intstrat: --unit 'Kultur=Kulturförvaltningen': 'Kultur' is not a valid id: use "
        "lowercase letters a-z, digits and single hyphens, e.g. "
        "--unit 'kultur=Kulturförvaltningen'\n"
    )
    assert not (tmp_path / "k").exists()


def _ready_for_ci(target: Path) -> None:
    """What the workflow that init writes runs on the first commit."""
    strict = runner.invoke(app, ["check", "--repo", str(target), "--strict"])
    assert strict.exit_code == 0, strict.output
    formatted = runner.invoke(app, ["fmt", "--check", "--repo", str(target)])
    assert formatted.exit_code == 0, formatted.output


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_fresh_repository_is_ready_for_ci(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    import yaml

    from intstrat.format.models import Project

    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["init", "ljungby", "--name", "Ljungby kommun", "--lang", lang])
    assert result.exit_code == 0, result.output
    target = tmp_path / "ljungby"
    _ready_for_ci(target)
    # The first project owned by the default unit raises no warning either (R009):
    # the unit's contact is the coordinator's role until a name is filled in.
    created = runner.invoke(
        app,
        [
            "new",
            "project",
            "--repo",
            str(target),
            "--title",
            "Första projektet",
            "--status",
            "idea",
            "--owner",
            "kommunledning",
        ],
    )
    assert created.exit_code == 0, created.output
    _ready_for_ci(target)
    # CONTRIBUTING.md, which new records point to, exists in the repository's language,
    # and its example is a valid record of this repository.
    guide = (target / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert guide.startswith("# Bidra med projekt" if lang == "sv" else "# Contributing projects")
    assert "Ljungby kommun" in guide
    example = guide.split("```yaml\n")[1].split("```")[0]
    assert Project.model_validate(yaml.safe_load(example)).owner == "kommunledning"
    # The workflow installs a published package, on a line made to be changed.
    workflow = (target / ".github/workflows/check.yml").read_text(encoding="utf-8")
    assert '  INTSTRAT: "intstrat~=0.1.0"\n' in workflow
    assert '- run: python -m pip install "$INTSTRAT"\n' in workflow
    assert 'git+https://github.com/intstrat/intstrat"' not in workflow
    # The layout is shown but does not fail a pull request made in the browser.
    assert "      - run: intstrat fmt --check\n        continue-on-error: true\n" in workflow
    # --lang chooses the language of the messages too.
    assert result.stdout.endswith(
        "nästa steg: cd ljungby && intstrat new project, sedan commit och push; "
        ".github/workflows/check.yml kontrollerar varje pull request\n"
        if lang == "sv"
        else "next: cd ljungby && intstrat new project, then commit and push; "
        ".github/workflows/check.yml checks every pull request\n"
    )


def test_init_makes_a_git_repository_unless_inside_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["init", "--name", "Ljungby kommun"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / ".git").is_dir()
    assert "initialised a git repository in .\n" in result.stdout
    assert result.stdout.endswith(
        "next: intstrat new project, then commit and push; "
        ".github/workflows/check.yml checks every pull request\n"
    )
    inner = runner.invoke(app, ["init", "inner", "--name", "X"])
    assert inner.exit_code == 0, inner.output
    assert not (tmp_path / "inner/.git").exists()  # already inside a work tree


def test_init_without_git_still_writes_the_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "no-such-bin"))
    result = runner.invoke(app, ["init", str(tmp_path / "x"), "--name", "X"])
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "x/.git").exists()
    assert "initialised a git repository" not in result.stdout


def test_init_refuses_what_check_would_refuse(tmp_path: Path) -> None:
    """A pasted control character in --name made a repository whose first check failed
    (S013); init now refuses it, naming the option, and writes nothing."""
    result = runner.invoke(app, ["init", str(tmp_path / "n"), "--name", "Växjö\x07 kommun"])
    assert result.exit_code == 2, result.output
    assert "--name: the text holds the invisible control character U+0007 (BEL)" in result.stderr
    assert not (tmp_path / "n").exists()


@pytest.mark.parametrize(("lang", "unit", "typo"), [("sv", "utbildning", "utbilding"),
                                                    ("en", "education", "educaton")])  # fmt: skip
def test_the_guide_shows_the_message_check_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, unit: str, typo: str
) -> None:
    """CONTRIBUTING.md explains a message by example: it must be the message a contact
    person gets, word for word, in the repository's language."""
    monkeypatch.chdir(tmp_path)
    made = runner.invoke(
        app, ["init", "r", "--name", "Ljungby kommun", "--lang", lang, "--unit", f"{unit}=X"]
    )
    assert made.exit_code == 0, made.output
    guide = (tmp_path / "r/CONTRIBUTING.md").read_text(encoding="utf-8")
    shown = guide.split("```\ndata/projects/x.yaml")[1].split("\n")[0]
    (tmp_path / "r/data/projects/x.yaml").write_text(
        f"id: x\ntitle: X\nstatus: idea\nowner: {typo}\n", encoding="utf-8"
    )
    monkeypatch.delenv("INTSTRAT_LANG")  # the repository's language, as in CI
    monkeypatch.chdir(tmp_path / "r")
    result = runner.invoke(app, ["check"])
    assert result.stdout.splitlines()[0] == "data/projects/x.yaml" + shown


def test_input_that_ends_at_a_prompt_is_said_on_a_line_of_its_own(
    repo: Path, terminal: None
) -> None:
    result = runner.invoke(app, ["new", "project", "--repo", str(repo)], input="Nytt\n")
    assert result.exit_code == 2
    # The question, then the end of its line, and only then what intstrat says.
    assert result.stdout.endswith(
        "Kind of work:\n  1  project\n  2  pre-study\n  3  network\n"
        "  4  activity\nChoose (number or name) [project]: \n"
    )
    assert result.stderr == "intstrat: no answer: the input ended; give the options instead\n"


def test_an_answer_to_write_or_not_that_is_neither_is_told_what_to_answer(
    repo: Path, terminal: None
) -> None:
    answers = "Nytt\n\nidé\n1\n\n\n\n\nkanske\nj\n"
    result = runner.invoke(
        app, ["new", "project", "--repo", str(repo), "--lang", "sv"], input=answers
    )
    assert result.exit_code == 0, result.output
    assert "Skriva data/projects/nytt.yaml? [J/n]: kanske\n  svara j (skriv filen) eller n" in (
        result.stdout
    )
    assert (repo / "data/projects/nytt.yaml").is_file()


def test_new_says_which_value_it_took_from_its_beginning(repo: Path) -> None:
    args = ["new", "project", "--repo", str(repo), "--title", "Nytt", "--status", "pågår"]
    args += ["--owner", "Omsorgs", "--funder", "erasmus"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:2] == [
        "--owner: took 'Omsorgs' to mean 'Omsorgsförvaltningen' (omsorg)",
        "--funder: took 'erasmus' to mean 'Erasmus+' (erasmus-plus)",
    ]
    text = (repo / "data/projects/nytt.yaml").read_text(encoding="utf-8")
    assert "owner: omsorg\n" in text
    assert "funding:\n  - funder: erasmus-plus\n" in text
    assert check(repo).diagnostics == []
