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
"""

from __future__ import annotations

import threading
from typing import Any

#: Which parameter, in this thread, is being processed with the value None. One-shot and
#: per thread: the parameter objects are shared by every invocation of the command, so
#: nothing about one run may be stored on them.
_left_out = threading.local()


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
