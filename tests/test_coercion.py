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


def test_a_check_as_ci_and_hooks_run_it_builds_no_adapter(repo: Path, built: list[Any]) -> None:
    """`--repo`, `--format github` and file paths (a CI job, a pre-commit hook) are
    converted by typer's functions alone; only other types build an adapter."""
    for args in (
        ["--repo", str(repo)],
        ["--repo", str(repo), "--format", "json", "--lang", "EN"],
        ["--repo", str(repo), str(repo / "data/projects/sekos-2.yaml")],
    ):
        result = runner.invoke(intstrat_app, ["check", *args])
        assert result.exit_code == 0, result.output
    assert built == []
    result = runner.invoke(intstrat_app, ["check", "--repo", str(repo), "--format", "xml"])
    assert result.exit_code == 2
    assert "'xml' is not one of 'text', 'github', 'json'" in result.stderr
    result = runner.invoke(intstrat_app, ["check", "--repo", str(repo), "--today", "2024-01-01"])
    assert result.exit_code == 0, result.output
    assert built == []  # --today's own parser is called directly
    result = runner.invoke(intstrat_app, ["check", "--repo", str(repo), "--today", "2024-02-30"])
    assert result.exit_code == 2
    # A day the calendar lacks is told what is wrong with it, as check tells a record.
    assert "'2024-02-30': February 2024 has 29 days; check the day" in result.stderr


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


def _commands(command: Any, path: tuple[str, ...] = ()) -> Any:
    yield path, command
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield from _commands(sub, (*path, name))


def _outcome(runtime: Any, value: Any, param: Any, ctx: Any) -> tuple[str, Any]:
    from typer._click.exceptions import BadParameter

    try:
        return "converted", runtime.coerce(value, param=param, ctx=ctx)
    except BadParameter as exc:
        return "refused", exc.message


def _compare(native: Any, typers: Any, values: list[Any], param: Any, ctx: Any) -> None:
    for value in values:
        expected = _outcome(typers, value, param, ctx)
        assert _outcome(native, value, param, ctx) == expected, (param.name, value)


DAYS = ["2024-01-31", "2024-02-30", "2024-1-1", "x", "", " ", "\x1b[31m2024-01-01"]


def test_a_parser_of_its_own_is_called_as_typers_adapter_calls_it() -> None:
    """A parser that raises ValueError is refused in pydantic's words, as typer says it."""
    from typer._click import Context
    from typer._coercion import build_runtime_param

    from intstrat.commands.coercion import native_runtime_param

    command = typer.main.get_command(probe)
    (param,) = [p for p in command.params if p.name == "day"]
    descriptor = getattr(param, "type_descriptor")  # noqa: B009  (typer's, not click's)
    native = native_runtime_param(descriptor)
    assert native is not None
    ctx = Context(command)
    _compare(native, build_runtime_param(descriptor), DAYS, param, ctx)
    assert _outcome(native, "x", param, ctx) == (
        "refused",
        "Value error, Invalid isoformat string: 'x'",
    )


def test_native_conversions_are_typers_own(tmp_path: Path) -> None:
    """Every path, list-of-paths, choice and parsed option of every command converts each
    value (good, bad, odd) to what typer's pydantic adapter gives, or is refused in its
    words."""
    from typer._click import Context
    from typer._coercion import build_runtime_param

    from intstrat.commands.coercion import native_runtime_param

    (tmp_path / "file.yaml").write_text("x", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    paths = ["x", "", "-", str(tmp_path / "file.yaml"), str(tmp_path / "folder"), "/nope/x"]
    paths += ["a\x01b", "~/y", "./rel/../z"]
    checked: list[str] = []
    for path, command in _commands(typer.main.get_command(intstrat_app)):
        ctx = Context(command)
        for param in command.params:
            descriptor = getattr(param, "type_descriptor", None)
            native = native_runtime_param(descriptor) if descriptor else None
            if descriptor is None or native is None:
                continue
            typers = build_runtime_param(descriptor)
            choices = [str(c.value) for c in getattr(native.leaf, "choices", ())]
            if choices:
                samples = [*choices, *(c.upper() for c in choices), "nope", "\x1b[31mred", " "]
            else:
                samples = list(DAYS if hasattr(native.leaf, "parser") else paths)
            values: list[Any] = [(s,) for s in samples] if native.many else samples
            if native.many:
                values.append(tuple(samples))
            _compare(native, typers, values, param, ctx)
            checked.append(" ".join((*path, param.name or "")))
    # check's paths, --repo everywhere, --format and --lang: the options most runs give.
    assert "check paths" in checked and "check repo" in checked and "check output_format" in checked
    assert "check today" in checked
    assert len(checked) >= 33, checked
