"""Swedish first: the catalogues are complete, and every command speaks the chosen language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tools import i18n as catalogues
from typer.main import get_command
from typer.testing import CliRunner

from intstrat.cli import app
from intstrat.commands.localise import choose_language
from intstrat.i18n import _, language, ngettext
from tests.helpers import CONFIG, build_repo, project

runner = CliRunner()


HOW = (
    "run 'make i18n', write the Swedish msgstr of each new message in "
    "src/intstrat/locale/sv/LC_MESSAGES/intstrat.po, and run 'make i18n' again "
    "(CONTRIBUTING.md, 'Messages in Swedish and English')"
)


def test_every_message_has_a_swedish_translation_and_the_files_are_fresh() -> None:
    found = catalogues.problems()
    assert found == [], f"{HOW}:\n" + "\n".join(found)


def test_messages_follow_the_language() -> None:
    with language("sv"):
        assert _("an answer is needed here") == "här behövs ett svar"
        assert ngettext("{n} row", "{n} rows", 2).format(n=2) == "2 rader"
    with language("en"):
        assert _("an answer is needed here") == "an answer is needed here"


@pytest.mark.parametrize(
    ("args", "env", "config", "expected"),
    [
        (["check", "--lang", "en"], "sv", "sv", "en"),
        (["--lang=en", "check"], None, "sv", "en"),
        (["check"], "en", "sv", "en"),
        (["check"], None, "en", "en"),
        (["check"], None, None, "sv"),
        (["check", "--lang", "de"], None, "en", "en"),  # an unknown --lang is typer's to refuse
    ],
)
def test_the_language_is_chosen_before_anything_is_parsed(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    env: str | None,
    config: str | None,
    expected: str,
) -> None:
    lines = CONFIG + (f"language: {config}\n" if config else "")
    root = build_repo(tmp_path, {"intstrat.yaml": lines})
    monkeypatch.chdir(root)
    if env:
        monkeypatch.setenv("INTSTRAT_LANG", env)
    else:
        monkeypatch.delenv("INTSTRAT_LANG")
    assert choose_language(args) == expected


def test_check_speaks_swedish_by_default(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("INTSTRAT_LANG")
    build_repo(repo, {"data/projects/sekos-2.yaml": project(owner="utbildnin")})
    result = runner.invoke(app, ["check", "--repo", str(repo)])
    assert result.exit_code == 1
    assert (
        "data/projects/sekos-2.yaml:4:8: fel R003 förvaltning eller bolag 'utbildnin' finns inte; "
        "menade du 'utbildning'?"
    ) in result.stdout
    assert "kontrollerade 3 filer: 1 fel, 0 varningar" in result.stdout
    english = runner.invoke(app, ["check", "--repo", str(repo), "--lang", "en"])
    assert "error R003 unknown unit 'utbildnin'; did you mean 'utbildning'?" in english.stdout
    # The codes and the JSON's structure stay the same in every language.
    as_json = runner.invoke(app, ["check", "--repo", str(repo), "--format", "json"])
    assert '"severity": "error"' in as_json.stdout
    assert '"code": "R003"' in as_json.stdout


def test_a_list_item_is_counted_from_one_in_the_readers_words(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`sdgs[1]` meant the second goal only to a programmer."""
    monkeypatch.delenv("INTSTRAT_LANG")
    build_repo(repo, {"data/projects/sekos-2.yaml": project(sdgs="[4, 18]")})
    result = runner.invoke(app, ["check", "--repo", str(repo)])
    assert result.exit_code == 1
    assert (
        "data/projects/sekos-2.yaml:7:11: fel S009 sdgs › punkt 2: det finns inget globalt mål 18"
    ) in result.stdout
    english = runner.invoke(app, ["--lang", "en", "check", "--repo", str(repo)])
    assert "sekos-2.yaml:7:11: error S009 sdgs › item 2: there is no SDG 18" in english.stdout


def _help_texts(command: object, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], str]]:
    texts = []
    for param in getattr(command, "params", []):
        if getattr(param, "help", None):
            texts.append((path, param.help))
    for name, sub in getattr(command, "commands", {}).items():
        texts += _help_texts(sub, (*path, name))
    return texts


def test_every_help_is_in_swedish() -> None:
    """No option's English help shows in the Swedish `--help`, and typer's words are Swedish."""
    english = _help_texts(get_command(app))
    assert len(english) > 100
    checked = 0
    for path, text in english:
        shown = runner.invoke(app, [*path, "--help", "--lang", "sv"]).stdout
        words = " ".join(text.split())
        with language("sv"):
            swedish = " ".join(_(text).split())
        if swedish == words:
            continue
        assert words not in " ".join(shown.split()), f"{' '.join(path)}: {text!r} in English"
        checked += 1
    assert checked > 100
    root = runner.invoke(app, ["--help", "--lang", "sv"]).stdout
    for word in ("Användning: intstrat [ALTERNATIV]", "Alternativ:", "Kommandon:"):
        assert word in root
    report = runner.invoke(app, ["report", "--help", "--lang", "sv"]).stdout
    assert report.startswith("Användning: intstrat report [ALTERNATIV] ÅR\n")
    assert "Exempel: intstrat report 2023 --format pdf" in report


def test_help_reads_like_a_manual() -> None:
    """No Python types, no doubled brackets, no summary cut off, an example for each command."""
    root = runner.invoke(app, ["--help", "--lang", "en"]).stdout
    assert "…" not in root and "..." not in root.split("Commands:")[1]
    for name in [*get_command(app).commands, "new project", "new partner"]:  # type: ignore[attr-defined]
        if name == "new":
            continue
        shown = runner.invoke(app, [*name.split(), "--help", "--lang", "en"]).stdout
        for bad in ("<list[", "<int>", "<str>", "<path>", "[[", "{year}"):
            assert bad not in shown, f"{name}: {bad}"
        assert "Example: intstrat " in shown, name


def test_every_option_names_its_value() -> None:
    """`--unit UNIT`, not the type's word (`--unit TEXT`), except where any text will do."""
    free_text = {"--title", "--name", "--summary"}
    generic = set()
    for name in [*get_command(app).commands, "new project", "new partner"]:  # type: ignore[attr-defined]
        if name == "new":
            continue
        shown = runner.invoke(
            app, [*name.split(), "--help", "--lang", "en"], env={"COLUMNS": "200"}
        )
        generic |= set(re.findall(r"^\s+(?:-\w, )?(--[\w-]+) TEXT\b", shown.stdout, re.M))
    assert generic == free_text
    report = runner.invoke(app, ["report", "--help", "--lang", "sv"]).stdout
    assert "--unit ENHET" in report and "--template MALL" in report
    followup = runner.invoke(app, ["followup", "--help", "--lang", "sv"]).stdout
    assert followup.startswith("Användning: intstrat followup [ALTERNATIV] [PERIOD]\n")
    assert "--from ÅR" in followup and "--to ÅR" in followup


@pytest.mark.parametrize(
    ("args", "swedish", "english"),
    [
        (
            ["list", "--json"],
            "Fel: okänt alternativ: --json; menade du --sort?",
            "Error: no such option: --json; did you mean --sort?",
        ),
        (["report"], "Fel: 'ÅR' saknas", "Error: missing argument 'YEAR'"),
        (
            ["report", "2500"],
            "Fel: ogiltigt värde för 'ÅR': högst 2100",
            "Error: invalid value for 'YEAR': at most 2100",
        ),
        (
            ["report", "tjugo"],
            "Fel: ogiltigt värde för 'ÅR': här ska det stå ett heltal",
            "Error: invalid value for 'YEAR': expected a whole number",
        ),
        (
            ["report", "2023", "-f", "odt"],
            "Fel: ogiltigt värde för '--format' / '-f': 'odt' är inte ett av 'md', 'html', "
            "'pdf', 'docx'",
            "Error: invalid value for '--format' / '-f': 'odt' is not one of 'md', 'html', "
            "'pdf', 'docx'",
        ),
        (
            ["list", "projects", "x"],
            "Fel: oväntat extra argument: x",
            "Error: unexpected extra argument: x",
        ),
        (
            ["report", "2023", "-o"],
            "Fel: alternativet -o behöver ett värde",
            "Error: option -o needs a value",
        ),
        (
            ["check", "--strict=1"],
            "Fel: alternativet --strict tar inget värde; skriv det ensamt, utan =",
            "Error: option --strict takes no value; write it alone, without =",
        ),
        (
            ["chek"],
            "Fel: Kommandot 'chek' finns inte; menade du 'check', 'schema'?",
            "Error: No such command 'chek'; did you mean 'check', 'schema'?",
        ),
        (
            ["new", "projekt"],
            "Fel: Kommandot 'projekt' finns inte; menade du 'project'?",
            "Error: No such command 'projekt'; did you mean 'project'?",
        ),
    ],
)
def test_mistakes_on_the_command_line_are_in_the_users_language(
    args: list[str], swedish: str, english: str
) -> None:
    """Usage line, hint and error all in one language: typer writes them in English, and
    the language chosen by --lang must still hold when the error is shown after parsing."""
    for lang, expected, usage, hint in (
        ("sv", swedish, "Användning: intstrat ", "Skriv 'intstrat "),
        ("en", english, "Usage: intstrat ", "Try 'intstrat "),
    ):
        result = runner.invoke(app, ["--lang", lang, *args])
        assert result.exit_code == 2, result.output
        lines = result.stderr.splitlines()
        assert lines[-1] == expected
        if args[-1] not in ("-o", "--strict=1"):  # the parser gives up on these before
            # a command is known, so there is no usage line to show
            assert lines[0].startswith(usage) and lines[1].startswith(hint)


def test_what_the_operating_system_says_is_in_swedish_too(repo: Path) -> None:
    result = runner.invoke(
        app, ["export", "json", "-o", "/dev/null/x.json", "--repo", str(repo), "--lang", "sv"]
    )
    assert result.exit_code == 2
    assert result.stderr == (
        "intstrat: kan inte skriva /dev/null/x.json: /dev/null är ingen mapp; ingenting skrevs\n"
    )


def test_show_and_stats_fit_a_terminal_in_swedish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Seen in tmux at 80 columns: no truncated headings, no print-only characters."""
    from tests.reporting import report_repo

    monkeypatch.setenv("COLUMNS", "80")
    root = report_repo(tmp_path)
    stats = runner.invoke(app, ["stats", "--by", "country", "--repo", str(root), "--lang", "sv"])
    assert stats.exit_code == 0, stats.output
    header = "\n".join(stats.stdout.splitlines()[:2])
    assert "…" not in header
    assert header.split()[-7:] == ["Land", "┃", "Projekt", "┃", "EUR", "┃", "SEK"]
    assert "Finansiering" in header
    shown = runner.invoke(app, ["show", "eu-skills", "--repo", str(root), "--lang", "sv"])
    assert "\u2060" not in shown.stdout and "\u00ad" not in shown.stdout
    assert "Status        pågår" in shown.stdout


def test_the_systems_reasons_in_a_finding_are_swedish(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`Y012 kan inte läsa filen: No such file or directory` left the C library's English
    in a Swedish finding (a link to a file that is gone)."""
    monkeypatch.delenv("INTSTRAT_LANG")
    (repo / "data/projects/borta.yaml").symlink_to(repo / "nowhere.yaml")
    result = runner.invoke(app, ["check", "--repo", str(repo)])
    assert "borta.yaml:1:1: fel Y012 kan inte läsa filen: filen eller mappen finns inte" in (
        result.stdout
    )
    assert "No such file" not in result.stdout


def test_values_and_numbers_in_findings_are_written_as_the_reader_writes_them(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """'fick 'None'' and 'fick 'True'' showed Python's names for what was written (nothing,
    true); '25,000 tecken' English digit groups in a Swedish sentence."""
    monkeypatch.delenv("INTSTRAT_LANG")
    long = "ord " * 6_250  # 24,999 characters (YAML drops the last space)
    text = project(owner="", sdgs="[true]", summary=long) + "owner:\n"  # owner: (empty)
    build_repo(repo, {"data/projects/sekos-2.yaml": text})
    said = runner.invoke(app, ["check", "--repo", str(repo)]).stdout
    assert "fel S004 owner: väntade text, fick ingenting (värdet är tomt)" in said
    assert "sdgs › punkt 1: ett globalt mål är ett nummer från 1 till 17, fick true" in said
    assert "24\u00a0999 tecken lång, mer än de 20\u00a0000" in said and "20,000" not in said
    english = runner.invoke(app, ["--lang", "en", "check", "--repo", str(repo)]).stdout
    assert "owner: expected text, got nothing (the value is empty)" in english
    assert "24,999 characters long, more than the 20,000" in english
