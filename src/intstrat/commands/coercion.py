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

from typing import Any


def convert_given_options_only() -> None:
    """Process an option left out without building its pydantic adapter (see above)."""
    try:
        from typer._coercion import PassThroughRuntimeParam
        from typer.core import _TyperParameter
    except ImportError:  # pragma: no cover - another typer: leave it as it is
        return
    original = _TyperParameter.process_value
    if getattr(original, "_intstrat_lazy", False) or not hasattr(
        _TyperParameter, "get_runtime_param"
    ):
        return

    def process_value(self: Any, ctx: Any, value: Any) -> Any:
        if value is not None or getattr(self, "_runtime_param", False) is not None:
            return original(self, ctx, value)
        try:
            descriptor = self.type_descriptor
            # RuntimeParam.coerce returns None (or () for a list) for None by itself;
            # the pass-through's own conversion is never reached.
            unused = PassThroughRuntimeParam(
                parameter_info=descriptor.parameter_info, annotation=descriptor.annotation
            )
        except (AttributeError, TypeError):  # pragma: no cover - another typer's fields
            return original(self, ctx, value)
        self._runtime_param = unused
        try:
            return original(self, ctx, value)
        finally:
            self._runtime_param = None

    process_value._intstrat_lazy = True  # type: ignore[attr-defined]
    _TyperParameter.process_value = process_value  # type: ignore[method-assign]
