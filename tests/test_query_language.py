"""The languages of `list`, `stats`, `show` and `search`: the table (its headers, values,
captions; a card, a hit) is in the language of documents, `--lang` or else the
repository's; what is said about it (rows counted, columns left out, hits counted) is a
message, in `--lang`, else $INTSTRAT_LANG (en in every test), else the repository's."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from intstrat.cli import app
from tests.helpers import build_repo

runner = CliRunner()
NARROW = {"COLUMNS": "40"}


def _words(text: str) -> str:
    return " ".join(text.split())


def test_list_a_swedish_table_with_english_messages(tmp_path: Path) -> None:
    repo = ["--repo", str(build_repo(tmp_path))]
    said = runner.invoke(app, ["list", *repo], env=NARROW)
    assert said.exit_code == 0, said.output
    assert said.stdout.split()[:3] == ["Id", "┃", "Titel"]
    text = _words(said.stdout)
    assert "columns left out: Status, Period, Ansvarig, Länder; widen the terminal" in text
    assert text.endswith("1 row")
    swedish = _words(runner.invoke(app, ["list", *repo, "--lang", "sv"], env=NARROW).stdout)
    assert "utelämnade kolumner: Status, Period, Ansvarig, Länder" in swedish
    assert swedish.endswith("1 rad")
    english = _words(runner.invoke(app, ["list", *repo, "--lang", "en"], env=NARROW).stdout)
    assert "columns left out: Status, Period, Owner, Countries" in english


def test_stats_names_the_columns_left_out_in_the_messages_language(tmp_path: Path) -> None:
    from tests.helpers import project

    funded = project(funding="[{funder: icld, amount: {value: 500000, currency: SEK}}]")
    root = build_repo(tmp_path, {"data/projects/sekos-2.yaml": funded})
    args = ["stats", "--by", "partner", "--repo", str(root)]
    said = runner.invoke(app, args, env={"COLUMNS": "20"})
    assert said.exit_code == 0, said.output
    text = _words(said.stdout)
    assert text.startswith("Partner ┃ Projekt")  # the table: the repository's Swedish
    assert "columns left out: Finansiering SEK; widen the terminal" in text
    assert "grupperna summerar inte till totalen" in text  # its caption too


def test_search_hits_in_the_tables_language_and_counted_in_the_messages(tmp_path: Path) -> None:
    repo = ["--repo", str(build_repo(tmp_path))]
    said = runner.invoke(app, ["search", "kosovo", *repo])
    assert said.exit_code == 0, said.output
    assert said.stdout.splitlines()[0].split("  ")[:2] == [
        "Socialt entreprenörskap Kosovo",
        "projekt sekos-2",
    ]
    assert said.stdout.splitlines()[-1] == "1 hit"
    english = runner.invoke(app, ["search", "kosovo", *repo, "--lang", "en"]).stdout
    assert "  project sekos-2  " in english
    swedish = runner.invoke(app, ["search", "kosovo", *repo, "--lang", "sv"]).stdout
    assert swedish.splitlines()[-1] == "1 träff"


def test_show_is_the_repositorys_card(tmp_path: Path) -> None:
    """A card is the record itself, like a row of `list`: the repository's language."""
    repo = ["--repo", str(build_repo(tmp_path))]
    shown = runner.invoke(app, ["show", "sekos-2", *repo]).stdout
    assert "│ Status " in shown and "avslutat" in shown
    assert "│ Ansvarig " in runner.invoke(app, ["show", "sekos-2", *repo, "--lang", "sv"]).stdout
    assert "│ Owner " in runner.invoke(app, ["show", "sekos-2", *repo, "--lang", "en"]).stdout
