"""Options left out are not converted: no pydantic adapter is built for them, and the
command gets the same values as with typer's own processing."""

from __future__ import annotations

import datetime as dt
import enum
import threading
from pathlib import Path
from typing import Annotated, Any

import pytest
import typer
from typer import _adapters
from typer.testing import CliRunner

from intstrat.cli import app as intstrat_app
from intstrat.commands.coercion import convert_given_options_only

runner = CliRunner()


class Colour(enum.StrEnum):
    red = "red"
    blue = "blue"


got: dict[str, Any] = {}
probe = typer.Typer()


@probe.command()
def run(
    paths: Annotated[list[Path] | None, typer.Argument()] = None,
    colour: Annotated[Colour | None, typer.Option()] = None,
    where: Annotated[Path | None, typer.Option()] = None,
    names: Annotated[list[str] | None, typer.Option("--name")] = None,
    day: Annotated[dt.date | None, typer.Option(parser=dt.date.fromisoformat)] = None,
    count: Annotated[int, typer.Option()] = 3,
    flag: Annotated[bool, typer.Option()] = False,
) -> None:
    got.update(paths=paths, colour=colour, where=where, names=names, day=day, count=count)
    got["flag"] = flag


@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The annotations typer builds an adapter for, in order."""
    adapters: list[Any] = []
    original = _adapters.try_build_adapter

    def counting(annotation: Any, parameter_info: Any) -> Any:
        adapters.append(annotation)
        return original(annotation, parameter_info)

    monkeypatch.setattr(_adapters, "try_build_adapter", counting)
    got.clear()
    return adapters


def test_installing_twice_changes_nothing() -> None:
    from typer.core import _TyperParameter

    before = _TyperParameter.process_value
    convert_given_options_only()
    assert _TyperParameter.process_value is before


def test_left_out_options_get_their_defaults_without_an_adapter(built: list[Any]) -> None:
    result = runner.invoke(probe, [])
    assert result.exit_code == 0, result.output
    assert got == {
        "paths": None,
        "colour": None,
        "where": None,
        "names": None,
        "day": None,
        "count": 3,
        "flag": False,
    }
    # Only `count`, whose default (3) is a value, is converted.
    assert built == [int]


def test_given_options_are_converted_as_before(built: list[Any]) -> None:
    args = ["a", "b", "--colour", "blue", "--where", "x", "--name", "n", "--day", "2024-01-02"]
    result = runner.invoke(probe, [*args, "--count", "5", "--flag"])
    assert result.exit_code == 0, result.output
    assert got == {
        "paths": [Path("a"), Path("b")],
        "colour": Colour.blue,
        "where": Path("x"),
        "names": ["n"],
        "day": dt.date(2024, 1, 2),
        "count": 5,
        "flag": True,
    }
    # A left-out run before must not have left a conversion behind that skips checks.
    assert runner.invoke(probe, ["--colour", "green"]).exit_code == 2
    assert runner.invoke(probe, ["--count", "x"]).exit_code == 2


def test_a_plain_check_builds_no_adapter(repo: Path, built: list[Any]) -> None:
    result = runner.invoke(intstrat_app, ["check", "--repo", str(repo)])
    assert result.exit_code == 0, result.output
    # --repo is given; --format, --today, --lang and the paths are not.
    assert built == [Path]
    built.clear()
    result = runner.invoke(intstrat_app, ["check", "--repo", str(repo), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert len(built) == 2
    assert result.output.startswith("{")


entered, release = threading.Event(), threading.Event()
seen: dict[str, Any] = {}
shared = typer.Typer()


def hold(value: Colour | None) -> Colour | None:
    """Keep the run in the thread named "left-out" inside this callback until released."""
    if threading.current_thread().name == "left-out":
        entered.set()
        release.wait(10)
    return value


@shared.command()
def held(colour: Annotated[Colour | None, typer.Option(callback=hold)] = None) -> None:
    seen[threading.current_thread().name] = colour


def test_a_left_out_option_leaves_nothing_on_the_shared_command(built: list[Any]) -> None:
    """The command's parameter objects are shared by every run of it, in every thread:
    while one run is inside a left-out option's callback, another run in another thread
    converts the same option, given a value, with typer's own adapter."""
    command = typer.main.get_command(shared)
    first = threading.Thread(
        target=command.main, kwargs={"args": [], "standalone_mode": False}, name="left-out"
    )
    first.start()
    try:
        assert entered.wait(10)
        command.main(["--colour", "blue"], standalone_mode=False)
    finally:
        release.set()
        first.join(10)
    assert seen == {"MainThread": Colour.blue, "left-out": None}
