"""Property tests: whatever bytes or YAML a file holds, the loader answers with
diagnostics (or a record), never with an exception."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intstrat.format.models import Config, Partner, Project
from intstrat.loading.bounds import out_of_bounds
from intstrat.loading.diagnostics import CODES
from intstrat.loading.parse import decode, parse, parse_record
from intstrat.loading.repository import load_record, read_record

FIXTURE = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

#: Scalars as hostile as the format's readers meet: control characters, long texts,
#: huge and non-finite numbers, YAML's special words.
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["NO", "yes", "~", "2017-03-15", "0o17", "0x1F", "1e400", ".nan", "-.inf"]),
    st.sampled_from(["sekos-2", "utbildning", "icld", "XK", "SEK", "completed", "project"]),
    st.text(st.characters(min_codepoint=0, max_codepoint=0x9F), max_size=5),
    st.just("x" * 25_000),
)
keys = st.one_of(
    st.sampled_from(
        [
            "id",
            "title",
            "status",
            "owner",
            "partners",
            "period",
            "start",
            "end",
            "sdgs",
            "reach",
            "count",
            "who",
            "funding",
            "funder",
            "amount",
            "value",
            "currency",
            "extra",
            "name",
            "type",
            "country",
            "units",
            "organisation",
            "format",
            "sv",
            "en",
        ]
    ),
    st.text(max_size=8),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=5)),
    max_leaves=25,
)
records = st.dictionaries(keys, values, max_size=8)


def dumped(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=80)


def assert_diagnostics(diagnostics: list[Any], lines: int) -> None:
    for d in diagnostics:
        assert d.code in CODES
        assert 1 <= d.line <= max(lines, 1) + 1 and d.column >= 1
        assert "\n" not in d.message and "\x1b" not in d.message


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_decode_to_text_or_one_finding(raw: bytes) -> None:
    text = decode(raw)
    if not isinstance(text, str):
        assert text.code == "Y001" and text.line >= 1


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_parses_to_a_mapping_or_findings(text: str) -> None:
    data, problems = parse(text)
    assert (data is None) == bool(problems)
    assert data is None or isinstance(data, dict)
    for p in problems:
        assert p.code in CODES and p.line >= 1 and p.column >= 1
        assert "\n" not in p.message


@settings(max_examples=200, deadline=None)
@given(records)
def test_what_the_parser_says_is_safe_needs_no_second_look(data: dict[str, Any]) -> None:
    text = dumped(data)
    parsed, _problems, suspect = parse_record(text)
    if parsed is not None and not suspect:
        assert out_of_bounds(parsed) == []


@FIXTURE
@given(raw=st.binary(max_size=400))
def test_read_record_answers_any_bytes_with_diagnostics(tmp_path: Path, raw: bytes) -> None:
    (tmp_path / "x.yaml").write_bytes(raw)
    data, diagnostics = read_record(tmp_path, "x.yaml")
    assert (data is None) == bool(diagnostics)
    assert_diagnostics(diagnostics, raw.count(b"\n") + 1)


@FIXTURE
@given(data=records, model=st.sampled_from([Project, Partner, Config]))
def test_load_record_answers_any_yaml_with_a_record_or_diagnostics(
    tmp_path: Path, data: dict[str, Any], model: type[Any]
) -> None:
    text = dumped(data)
    (tmp_path / "x.yaml").write_text(text, encoding="utf-8")
    record, diagnostics = load_record(tmp_path, "x.yaml", model)
    assert (record is None) == bool(diagnostics)
    assert_diagnostics(diagnostics, text.count("\n") + 1)
    if record is not None:  # a valid record holds nothing an output cannot take
        assert out_of_bounds(record.model_dump(mode="python", exclude_none=True)) == []


@FIXTURE
@given(
    data=records,
    cut=st.integers(min_value=0, max_value=400),
    noise=st.text(max_size=5),
)
def test_load_record_answers_damaged_yaml_with_diagnostics(
    tmp_path: Path, data: dict[str, Any], cut: int, noise: str
) -> None:
    text = dumped(data)
    damaged = text[:cut] + noise + text[cut:]
    (tmp_path / "x.yaml").write_bytes(damaged.encode("utf-8"))
    record, diagnostics = load_record(tmp_path, "x.yaml", Project)
    assert (record is None) == bool(diagnostics)
    assert_diagnostics(diagnostics, damaged.count("\n") + 1)
