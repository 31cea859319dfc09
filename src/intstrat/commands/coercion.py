"""Options left out cost nothing: typer converts only the values that were given.

typer (0.29) converts each option's value through a pydantic `TypeAdapter` it
builds the first time the option is processed, and it processes every option of
the command, given or not. For an option left out the value is None and the
conversion returns None (or `()`) before the adapter is reached, so the adapter
is built for nothing: about 2 ms each, six of them in a plain `intstrat check`,
and in a warm run the only pydantic schemas built at all.

`convert_given_options_only` lets a parameter whose value is None be processed
with a conversion that builds nothing. What typer does with the value after
converting it (the required check, the callback) is unchanged, and a value that
was given is converted by typer's own adapter as before. When typer's internals
are not the ones this was written against, nothing is changed.

Options that were given are converted without pydantic too when their type is
one intstrat's commands take most (a path, a list of paths, a choice) or when
they have a parser of their own (`--today`): typer's own conversion functions
(`coerce_cli_path`, `coerce_cli_choice`) or the parser are called directly
instead of through an adapter that wraps them. Building that adapter
imports typer's adapters and pydantic's plugin machinery, a quarter of a warm
`check --format github` or `check FILE...` (a CI job, a pre-commit hook). The
result, and each refusal's wording, are typer's own (tests/test_coercion.py
compares the two on every such option of every command).
"""

from __future__ import annotations

import threading
from functools import cache
from typing import Any

#: Which parameter, in this thread, is being processed with the value None. One-shot and
#: per thread: the parameter objects are shared by every invocation of the command, so
#: nothing about one run may be stored on them.
_left_out = threading.local()


def native_runtime_param(descriptor: Any) -> Any:
    """A conversion for `descriptor` made of typer's functions alone, or None to let
    typer build its pydantic adapter (any type but a path, a choice, a value with a
    parser of its own, or a list of one)."""
    from enum import Enum
    from pathlib import Path
    from typing import get_args, get_origin

    from typer._param_types import lenient_issubclass, routes_to_path

    info = descriptor.parameter_info
    if descriptor.file_annotation is not None:
        return None
    annotation, many = descriptor.annotation, False
    if get_origin(annotation) is list:
        (annotation,) = get_args(annotation)
        many = True
    leaf: Any
    if info.parser is not None:
        leaf = _Parsed(info.parser)
    elif get_origin(annotation) is not None or not isinstance(annotation, type):
        return None
    elif issubclass(annotation, Enum):
        leaf = _Choice(tuple(annotation), info.case_sensitive)
    elif issubclass(annotation, Path) and routes_to_path(annotation, info):
        path_type = info.path_type if info.path_type is not None else annotation
        if not lenient_issubclass(path_type, Path):
            return None
        leaf = _Path(info, path_type)
    else:
        return None
    return _native_class()(
        parameter_info=info, annotation=descriptor.annotation, leaf=leaf, many=many
    )


class _Choice:
    """A value of an enum, as typer's choice adapter converts it."""

    def __init__(self, choices: tuple[Any, ...], case_sensitive: bool) -> None:
        self.choices, self.case_sensitive = choices, case_sensitive

    def __call__(self, value: Any, param: Any, ctx: Any) -> Any:
        from typer._param_types import coerce_cli_choice

        try:
            return coerce_cli_choice(
                value, choices=self.choices, case_sensitive=self.case_sensitive, ctx=ctx
            )
        except ValueError as exc:  # the adapter reports it as pydantic's "Value error"
            raise _bad_value(exc, param, ctx) from exc


class _Parsed:
    """A value given to the option's own parser, as typer's adapter for it does."""

    def __init__(self, parser: Any) -> None:
        self.parser = parser

    def __call__(self, value: Any, param: Any, ctx: Any) -> Any:
        try:
            return self.parser(value)
        except (ValueError, AssertionError) as exc:  # what pydantic turns into its error
            raise _bad_value(exc, param, ctx) from exc


def _bad_value(exc: Exception, param: Any, ctx: Any) -> Exception:
    """typer's refusal of a value its adapter's validator raised `exc` for."""
    from typer._click.exceptions import BadParameter
    from typer._click.utils import _escape_control_characters

    kind = "Assertion failed" if isinstance(exc, AssertionError) else "Value error"
    return BadParameter(_escape_control_characters(f"{kind}, {exc}"), ctx=ctx, param=param)


class _Path:
    """A path, as typer's path adapter converts it (pydantic's part: `Path(text)`)."""

    def __init__(self, info: Any, path_type: type[Any]) -> None:
        self.info, self.path_type = info, path_type

    def __call__(self, value: Any, param: Any, ctx: Any) -> Any:
        from typer._param_types import coerce_cli_path

        if isinstance(value, str):
            value = self.path_type(value)
        return coerce_cli_path(value, self.info, path_type=self.path_type, param=param, ctx=ctx)


@cache
def _native_class() -> type[Any]:
    """typer's RuntimeParam with a leaf conversion; made on first use (typer's module)."""
    from dataclasses import dataclass

    from typer._coercion import RuntimeParam

    @dataclass(frozen=True)
    class NativeRuntimeParam(RuntimeParam):
        leaf: Any
        many: bool

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            if not self.many:
                return self.leaf(value, param, ctx)
            items = value if isinstance(value, list | tuple) else [value]
            return [self.leaf(item, param, ctx) for item in items]

    return NativeRuntimeParam


def convert_given_options_only() -> None:
    """Process an option left out without building its pydantic adapter (see above)."""
    try:
        from typer._coercion import PassThroughRuntimeParam
        from typer.core import _TyperParameter
    except ImportError:  # pragma: no cover - another typer: leave it as it is
        return
    original_process = _TyperParameter.process_value
    original_runtime = getattr(_TyperParameter, "get_runtime_param", None)
    if getattr(original_process, "_intstrat_lazy", False) or original_runtime is None:
        return

    def get_runtime_param(self: Any) -> Any:
        marked: Any = getattr(_left_out, "param", None)
        _left_out.param = None
        if marked is self and getattr(self, "_runtime_param", False) is None:
            try:
                descriptor = self.type_descriptor
                # RuntimeParam.coerce returns None (or () for a list) for None by itself;
                # the pass-through's own conversion is never reached.
                return PassThroughRuntimeParam(
                    parameter_info=descriptor.parameter_info,
                    annotation=descriptor.annotation,
                )
            except (AttributeError, TypeError):  # pragma: no cover - another typer
                pass
        if getattr(self, "_runtime_param", False) is None:
            try:
                native = native_runtime_param(self.type_descriptor)
            except (AttributeError, ImportError, TypeError, ValueError):  # pragma: no cover
                native = None  # another typer's internals: its own conversion
            if native is not None:
                # Cached as typer caches its own: it depends on the parameter alone.
                self._runtime_param = native
                return native
        return original_runtime(self)

    def process_value(self: Any, ctx: Any, value: Any) -> Any:
        if value is not None:
            return original_process(self, ctx, value)
        _left_out.param = self
        try:
            return original_process(self, ctx, value)
        finally:
            _left_out.param = None

    process_value._intstrat_lazy = True  # type: ignore[attr-defined]
    _TyperParameter.get_runtime_param = get_runtime_param  # type: ignore[method-assign]
    _TyperParameter.process_value = process_value  # type: ignore[method-assign]
