"""Validated records as plain rows and back, without validating them again.

The content cache (`loading.cache`) and the parallel loader (`loading.parallel`)
move validated records as plain JSON-able rows: a list of the field values in the
model's field order, nested models as nested rows, `LocalText` as a flat list of
(language, text) pairs, `PartialDate` as [year, month, day], an enum as its value,
and last the fields that were set, as a bit mask. Rebuilding a record from a row
costs a few microseconds, where validating it again costs ten times that (the
format's own validators are Python), which is what makes a warm `check` fast.

A row is only ever rebuilt from what `encode` made of a record that validated, so
`decode(encode(r)) == r` (a test holds every model to it). The encoder and decoder
of each model are generated once from its fields, like `dataclasses` makes
`__init__`: the code comes from our own classes, never from data.
"""

from __future__ import annotations

import enum
import functools
import types
import typing
from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel

from intstrat.format.values import LocalText, PartialDate

M = TypeVar("M", bound=BaseModel)

_PLAIN = frozenset({str, int, float, bool, type(None), typing.Any})


class SharedFieldsSet(set[str]):
    """The names of the fields a record was given, one set shared by every record
    given the same ones.

    Pydantic keeps a set of them in each model object: a dozen per project, a fifth
    of a loaded repository's memory (200 MB of 50,000 projects). Records are values:
    copies (`model_copy(update=...)`) get a set of their own, as pydantic copies
    the set first; setting a field that was given changes nothing here. Giving a
    record a field it did not have would change every record sharing the set, so
    that is refused.
    """

    __slots__ = ()

    def __copy__(self) -> set[str]:
        return set(self)

    def __deepcopy__(self, memo: dict[int, Any]) -> set[str]:
        return set(self)

    def __reduce__(self) -> tuple[Any, ...]:
        return (set, (list(self),))

    def add(self, name: str) -> None:
        if name not in self:
            self._refuse()

    def _refuse(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError(
            "a loaded record cannot be given a field it did not have; make a changed "
            "copy with record.model_copy(update={...})"
        )

    update = discard = remove = pop = clear = _refuse  # type: ignore[assignment]
    __ior__ = __iand__ = __isub__ = __ixor__ = difference_update = _refuse  # type: ignore[assignment]
    intersection_update = symmetric_difference_update = _refuse


class NotCacheable(TypeError):
    """A field type the codec cannot rebuild exactly; its model is never cached."""


def _strip(annotation: Any) -> Any:
    """The type behind `Annotated[...]`."""
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def _slot_setter(name: str) -> Callable[[Any, Any], None]:
    """The setter of one of `BaseModel`'s slots (a member descriptor)."""
    setter: Callable[[Any, Any], None] = BaseModel.__dict__[name].__set__
    return setter


class _Builder:
    """Generates the encoder and decoder functions of models, one pair per class."""

    def __init__(self) -> None:
        self.namespace: dict[str, Any] = {
            "_new": object.__new__,
            "_set": object.__setattr__,
            # The slots of every model, set through their descriptors: a fifth faster
            # than object.__setattr__'s look-up, four times per object rebuilt.
            "_set_fields": _slot_setter("__pydantic_fields_set__"),
            "_set_extra": _slot_setter("__pydantic_extra__"),
            "_set_private": _slot_setter("__pydantic_private__"),
            "LocalText": LocalText,
            "PartialDate": PartialDate,
            "_texts": _decode_text,
            "_text": _encode_text,
            "_dates": _decode_date,
            "_date": _encode_date,
            "_shared": SharedFieldsSet,
        }
        self.names: dict[type[BaseModel], str] = {}
        self.sources: list[str] = []
        self.counter = 0

    def constant(self, value: Any, stem: str) -> str:
        self.counter += 1
        name = f"_{stem}{self.counter}"
        self.namespace[name] = value
        return name

    def model(self, cls: type[BaseModel]) -> str:
        """The name stem of `cls`'s functions (`_e_N` encodes, `_d_N` decodes)."""
        if cls in self.names:
            return self.names[cls]
        stem = f"{cls.__name__}_{len(self.names)}"
        self.names[cls] = stem
        if cls.__pydantic_post_init__ is not None or cls.model_config.get("extra") == "allow":
            raise NotCacheable(f"{cls.__name__} has post-init or extra fields")
        if getattr(cls, "__private_attributes__", None):
            raise NotCacheable(f"{cls.__name__} has private attributes")
        fields = list(cls.model_fields.items())
        encoders, decoders = [], []
        for index, (name, info) in enumerate(fields):
            enc, dec = self.value(info.annotation)
            encoders.append(enc.replace("@", f"d[{name!r}]"))
            decoders.append(f"{name!r}: " + dec.replace("@", f"r[{index}]"))
        bits = self.constant({name: 1 << i for i, (name, _info) in enumerate(fields)}, "bits")
        sets = self.constant({}, "sets")
        names = self.constant(tuple(name for name, _info in fields), "names")
        klass = self.constant(cls, "cls")
        n = len(fields)
        self.sources.append(
            f"def _e_{stem}(o):\n"
            f"    d = o.__dict__\n"
            f"    m = 0\n"
            f"    for k in o.__pydantic_fields_set__:\n"
            f"        m |= {bits}[k]\n"
            f"    return [{', '.join([*encoders, 'm'])}]\n"
            f"\n"
            f"def _d_{stem}(r):\n"
            f"    o = _new({klass})\n"
            f"    _set(o, '__dict__', {{{', '.join(decoders)}}})\n"
            f"    m = r[{n}]\n"
            f"    s = {sets}.get(m)\n"
            f"    if s is None:\n"
            f"        s = {sets}[m] = _shared(k for i, k in enumerate({names}) if m >> i & 1)\n"
            f"    _set_fields(o, s)\n"
            f"    _set_extra(o, None)\n"
            f"    _set_private(o, None)\n"
            f"    return o\n"
        )
        return stem

    def value(self, annotation: Any) -> tuple[str, str]:
        """Expressions (with `@` for the value) that encode and decode one field."""
        annotation = _strip(annotation)
        origin = typing.get_origin(annotation)
        if origin is typing.Union or origin is types.UnionType:
            args = [_strip(a) for a in typing.get_args(annotation)]
            others = [a for a in args if a is not type(None)]
            if all(a in _PLAIN for a in others):
                return "@", "@"
            if len(others) == 1 and len(args) == 2:
                enc, dec = self.value(others[0])
                if (enc, dec) == ("@", "@"):
                    return enc, dec
                self.counter += 1
                v = f"v{self.counter}"
                return (
                    f"(None if ({v} := @) is None else {enc.replace('@', v)})",
                    f"(None if ({v} := @) is None else {dec.replace('@', v)})",
                )
            raise NotCacheable(f"union {annotation!r}")
        if origin is list:
            (item,) = typing.get_args(annotation) or (typing.Any,)
            enc, dec = self.value(item)
            if (enc, dec) == ("@", "@"):
                return "list(@)", "@"
            self.counter += 1
            x = f"x{self.counter}"
            return (
                f"[{enc.replace('@', x)} for {x} in @]",
                f"[{dec.replace('@', x)} for {x} in @]",
            )
        if origin is dict:
            key, item = typing.get_args(annotation) or (str, typing.Any)
            if _strip(key) is str and _strip(item) is typing.Any:
                return "@", "@"  # free-form data: plain YAML values, JSON as they are
            raise NotCacheable(f"dict {annotation!r}")
        if origin is typing.Literal:
            if all(type(a) in (str, int, bool) for a in typing.get_args(annotation)):
                return "@", "@"
            raise NotCacheable(f"literal {annotation!r}")
        if annotation in _PLAIN:
            return "@", "@"
        if isinstance(annotation, type):
            if annotation is LocalText:
                return "_text(@)", "_texts(@)"
            if annotation is PartialDate:
                return "_date(@)", "_dates(@)"
            if issubclass(annotation, enum.Enum):
                members = self.constant(annotation._value2member_map_, "enum")
                return "@.value", f"{members}[@]"
            if issubclass(annotation, BaseModel):
                stem = self.model(annotation)
                return f"_e_{stem}(@)", f"_d_{stem}(@)"
        raise NotCacheable(f"type {annotation!r}")

    def compile(self) -> None:
        exec("\n".join(self.sources), self.namespace)  # our classes' code, never data
        self.sources = []


def _encode_text(text: LocalText) -> str | list[str | None]:
    """Text without a language as itself, else [lang, text, lang, text, ...]."""
    texts = text.texts
    if len(texts) == 1 and texts[0][0] is None:
        return texts[0][1]
    out: list[str | None] = []
    for lang, value in texts:
        out += (lang, value)
    return out


_new_text = LocalText.__new__
#: LocalText's one slot, set as its frozen dataclass's own __init__ would.
_set_texts: Callable[[LocalText, Any], None] = LocalText.__dict__["texts"].__set__


def _decode_text(row: str | list[str | None]) -> LocalText:
    text = _new_text(LocalText)
    if row.__class__ is str:
        _set_texts(text, ((None, row),))
    else:
        it = iter(row)
        _set_texts(text, tuple(zip(it, it, strict=True)))
    return text


def _encode_date(date: PartialDate) -> int:
    """A date as one number: 20170315, 20170300 (a month), 20170000 (a year)."""
    return date.year * 10000 + date.month * 100 + date.day


#: Dates are immutable and repeat across records: one object for each.
_DATES: dict[int, PartialDate] = {}


def _decode_date(number: int) -> PartialDate:
    date = _DATES.get(number)
    if date is None:
        date = _DATES[number] = PartialDate(number // 10000, number // 100 % 100, number % 100)
    return date


class Codec:
    """The encoder and decoder of some record models (see the module's docstring)."""

    def __init__(self, *models: type[BaseModel]) -> None:
        builder = _Builder()
        stems = {model: builder.model(model) for model in models}
        builder.compile()
        self._encoders: dict[type[BaseModel], Callable[[Any], list[Any]]] = {
            model: builder.namespace[f"_e_{stem}"] for model, stem in stems.items()
        }
        self._decoders: dict[type[BaseModel], Callable[[list[Any]], Any]] = {
            model: builder.namespace[f"_d_{stem}"] for model, stem in stems.items()
        }

    def encoder(self, model: type[M]) -> Callable[[M], list[Any]]:
        return self._encoders[model]

    def decoder(self, model: type[M]) -> Callable[[list[Any]], M]:
        return self._decoders[model]

    def encode(self, record: BaseModel) -> list[Any]:
        return self._encoders[type(record)](record)

    def decode(self, model: type[M], row: list[Any]) -> M:
        decoded: M = self._decoders[model](row)
        return decoded


@functools.cache
def records_codec() -> Codec:
    """The codec of the records a repository holds (built once per process)."""
    from intstrat.format.models import Config, Partner, Project

    return Codec(Partner, Project, Config)
