from __future__ import annotations

import math

import pytest

from intstrat.loading.parse import Loc, Span, decode, locate, parse, resolve_plain


def problems(text: str) -> list[tuple[str, int, int]]:
    data, found = parse(text)
    assert data is None if found else data is not None
    return [(p.code, p.line, p.column) for p in found]


# ------------------------------------------------------------------ YAML 1.2 meaning


@pytest.mark.parametrize(
    ("plain", "value"),
    [
        ("NO", "NO"),  # Norway, not false (YAML 1.1 would say false)
        ("yes", "yes"),
        ("on", "on"),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("2017", 2017),
        ("012", 12),  # 1.2: decimal, not octal
        ("0o17", 15),
        ("0x1F", 31),
        ("-5", -5),
        ("1.10", 1.1),
        ("1e3", 1000.0),
        ("2017-03-15", "2017-03-15"),  # 1.2 has no timestamps
        ("1:20", "1:20"),  # 1.1 sexagesimal
        ("0470-410 00", "0470-410 00"),
        ("+46 470 410 00", "+46 470 410 00"),
        ("0o8", "0o8"),
        ("0x-0", "0x-0"),  # found by hypothesis: int("-0", 16) would say 0
        ("0o+7", "0o+7"),
        ("0x_1", "0x_1"),
        (".inf", math.inf),
        ("-.Inf", -math.inf),
    ],
)
def test_plain_scalars_follow_yaml_1_2_core_schema(plain: str, value: object) -> None:
    assert resolve_plain(plain) == value
    data, found = parse(f"key: {plain}\n")
    assert found == []
    assert data == {"key": value}


def test_nan_resolves_to_float_nan() -> None:
    assert math.isnan(resolve_plain(".nan"))


def test_quoted_and_block_scalars_are_always_text() -> None:
    data, _ = parse("a: '2017'\nb: \"true\"\nc: |\n  12\nd: >-\n  NO\n")
    assert data == {"a": "2017", "b": "true", "c": "12\n", "d": "NO"}


def test_nested_structures_keep_order_and_types() -> None:
    data, _ = parse("period: {start: 2018, end: 2021}\nsdgs: [4, 8]\nlist:\n  - {a: 1}\n")
    assert data == {"period": {"start": 2018, "end": 2021}, "sdgs": [4, 8], "list": [{"a": 1}]}
    assert list(data) == ["period", "sdgs", "list"]


# ------------------------------------------------------------------ positions


def test_positions_of_keys_values_and_items() -> None:
    positions: dict[Loc, Span] = {}
    text = "# comment\nid: x\npartners:\n  - a\n  - b\nperiod: {start: 2018}\n"
    parse(text, positions)
    assert positions[("id",)] == (2, 1, 2, 5)
    assert positions[("partners",)] == (3, 1, 4, 3)
    assert positions[("partners", 1)] == (5, 5, 5, 5)
    assert positions[("period", "start")] == (6, 10, 6, 17)


def test_locate_falls_back_to_the_nearest_known_parent() -> None:
    positions: dict[Loc, Span] = {}
    parse("a:\n  b: 1\n", positions)
    assert locate(positions, ("a", "b", "str")) == (2, 3)
    assert locate(positions, ("a", "missing")) == (1, 1)
    assert locate(positions, ("a", "b"), key=False) == (2, 6)
    assert locate(positions, ("nothing",)) == (1, 1)


# ------------------------------------------------------------------ refusals


def test_duplicate_key_points_at_the_second_and_names_the_first() -> None:
    data, found = parse("id: a\ntitle: x\nid: b\n")
    assert data is None
    assert [(p.code, p.line, p.column) for p in found] == [("Y003", 3, 1)]
    assert "first on line 1" in found[0].message


def test_duplicate_keys_in_nested_mappings_are_all_reported() -> None:
    assert problems("a: {x: 1, x: 2}\nb:\n  y: 1\n  y: 2\n") == [("Y003", 1, 11), ("Y003", 4, 3)]


def test_tab_indentation_is_reported_per_line() -> None:
    assert problems("a:\n\tb: 1\n  \tc: 2\n") == [("Y004", 2, 1), ("Y004", 3, 3)]


def test_tab_inside_a_value_is_fine() -> None:
    assert parse("a: x\ty\n") == ({"a": "x\ty"}, [])


@pytest.mark.parametrize(
    "text",
    [
        "a: !!python/object/apply:os.system ['echo hi']\n",
        "a: !!str 12\n",
        "a: !custom x\n",
        "!!map {a: 1}\n",
        "a: !!set {x}\n",
    ],
)
def test_every_explicit_tag_is_refused(text: str) -> None:
    data, found = parse(text)
    assert data is None
    assert [p.code for p in found] == ["Y005"]


def test_python_tag_message_shows_the_tag_as_written() -> None:
    _, found = parse("a: !!python/name:os.system x\n")
    assert "'!!python/name:os.system'" in found[0].message


def test_anchors_and_aliases_are_refused_without_expansion() -> None:
    bomb = 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\nd: [*c,*c]\n'
    found = problems(bomb)
    assert {code for code, _, _ in found} == {"Y006"}
    assert found[0] == ("Y006", 1, 4)


def test_directives_are_refused() -> None:
    assert problems("%YAML 1.2\n---\na: 1\n") == [("Y007", 1, 1)]
    assert problems("%TAG ! tag:example.com,2000:\n---\na: 1\n") == [("Y007", 1, 1)]


def test_a_second_document_is_refused() -> None:
    assert problems("a: 1\n---\nb: 2\n") == [("Y008", 2, 1)]


@pytest.mark.parametrize("text", ["", "\n\n", "# just a comment\n", "---\n", "~\n"])
def test_empty_files_are_refused(text: str) -> None:
    assert problems(text) == [("Y009", 1, 1)]


@pytest.mark.parametrize(
    ("text", "line"), [("- a\n- b\n", 1), ("# c\njust text\n", 2), ("42\n", 1)]
)
def test_top_level_must_be_a_mapping(text: str, line: int) -> None:
    assert problems(text) == [("Y010", line, 1)]


def test_complex_keys_are_refused() -> None:
    assert problems("? [a, b]\n: 1\nc: 2\n") == [("Y011", 1, 3)]


@pytest.mark.parametrize(
    ("text", "line", "column", "hint"),
    [
        ("title: Projekt: del 2\n", 1, 15, "must be quoted"),
        ("a: [1, 2\n", 2, 1, ""),
        ("a: 'unclosed\n", 2, 1, ""),
        ("a:\n  b: 1\n c: 2\n", 3, 2, ""),
    ],
)
def test_syntax_errors_name_line_and_column(text: str, line: int, column: int, hint: str) -> None:
    data, found = parse(text)
    assert data is None
    assert [(p.code, p.line, p.column) for p in found] == [("Y002", line, column)]
    assert found[0].message.startswith("invalid YAML:")
    assert hint in found[0].message


# ------------------------------------------------------------------ encoding


def test_utf8_with_and_without_bom() -> None:
    assert decode("a: Växjö\n".encode()) == "a: Växjö\n"
    assert decode(b"\xef\xbb\xbfa: 1\n") == "a: 1\n"


def test_latin1_is_reported_at_the_bad_byte() -> None:
    problem = decode("id: x\ntitle: Växjö\n".encode("latin-1"))
    assert not isinstance(problem, str)
    assert (problem.code, problem.line, problem.column) == ("Y001", 2, 9)
    assert "0xe4" in problem.message


def test_utf16_is_reported() -> None:
    problem = decode("a: 1\n".encode("utf-16"))
    assert not isinstance(problem, str)
    assert problem.code == "Y001"
    assert "UTF-16" in problem.message


# ------------------------------------------------------------------ hostile input


def test_utf16_without_a_byte_order_mark_is_called_utf16_not_latin1() -> None:
    for encoding in ("utf-16-le", "utf-16-be"):
        found = decode("id: x\ntitle: Växjö\n".encode(encoding))
        assert not isinstance(found, str)
        assert (found.code, found.line) == ("Y001", 1)
        assert "UTF-16" in found.message and "Latin-1" not in found.message


@pytest.mark.parametrize(
    ("text", "line", "column", "name"),
    [
        ("id: x\ntitle: y\n\n\nstatus: \x00\n", 5, 9, "U+0000 (NUL)"),
        ("a: 1\nb: x\x1by\n", 2, 5, "U+001B (ESC)"),
        ("a: '\x7f'\n", 1, 5, "U+007F (DEL)"),
        ("a: x\x9b31m\n", 1, 5, "U+009B (CSI)"),
        ("a: 1\nb: x\x85y\n", 2, 5, "U+0085 (NEL)"),
        ("a: 1\r\nb: x\u2028y\n", 2, 5, "U+2028 (LINE SEPARATOR)"),
        ("a: 1\nb: x\u2029\n", 2, 5, "U+2029 (PARAGRAPH SEPARATOR)"),
        ("a: 1\rb: 2\n", 1, 5, "U+000D (CR)"),
    ],
)
def test_control_characters_in_the_file_are_placed_and_named(
    text: str, line: int, column: int, name: str
) -> None:
    data, found = parse(text)
    assert data is None
    assert [(p.code, p.line, p.column) for p in found] == [("Y002", line, column)]
    assert name in found[0].message and "\n" not in found[0].message


def test_crlf_line_ends_are_fine() -> None:
    assert parse("a: 1\r\nb: [x,\r\n  y]\r\n") == ({"a": 1, "b": ["x", "y"]}, [])


def test_one_control_character_finding_per_line() -> None:
    assert problems("a: \x01\x02\nb: \x03\n") == [("Y002", 1, 4), ("Y002", 2, 4)]


@pytest.mark.parametrize("depth", [65, 300, 600, 5000])
def test_nesting_deeper_than_the_limit_is_one_finding_never_a_crash(depth: int) -> None:
    flow = "extra:\n  a: " + "[" * depth + "]" * depth + "\n"
    # 64 levels: the record, `extra`, and 62 lists; the 63rd list is one too many. (At
    # 1,000 levels libyaml stops first, scanning ahead; it is the same finding.)
    column = 6 + 62 if depth < 1000 else 3 + 1001
    assert problems(flow) == [("Y014", 2, column)]
    block = "".join(f"{'  ' * i}k{i}:\n" for i in range(depth)) + f"{'  ' * depth}v: 1\n"
    assert problems(block) == [("Y014", 65, 129)]


def test_nesting_up_to_the_limit_is_fine() -> None:
    data, found = parse("a: " + "[" * 63 + "]" * 63 + "\n")
    assert found == [] and data is not None


def test_nested_complex_keys_are_one_finding() -> None:
    text = "? " + "{? " * 600 + "a: b" + "}" * 600 + "\n: 1\n"
    assert problems(text) == [("Y011", 1, 3)]


@pytest.mark.parametrize("digits", [41, 4301, 5000, 100_000])
def test_huge_integers_are_not_converted(digits: int) -> None:
    from intstrat.loading.parse import HugeNumber

    value = resolve_plain("1" * digits)
    assert isinstance(value, HugeNumber) and value.text == "1" * digits
    assert isinstance(resolve_plain("0x" + "f" * digits), HugeNumber)
    assert resolve_plain("9" * 40) == int("9" * 40)


def test_one_scan_flags_what_the_two_classes_flag() -> None:
    """The combined class a file is scanned with first is exactly the union of the
    unprintable characters and the bidirectional controls, over all of Unicode."""
    from intstrat.loading.parse import _UNPRINTABLE, _UNPRINTABLE_OR_BIDI, BIDI_CONTROLS

    text = "".join(map(chr, range(0x110000)))
    combined = {m.start() for m in _UNPRINTABLE_OR_BIDI.finditer(text)}
    apart = {m.start() for m in _UNPRINTABLE.finditer(text)}
    apart |= {m.start() for m in BIDI_CONTROLS.finditer(text)}
    assert combined == apart
    assert 0x202E in combined and 0x7F in combined and ord("å") not in combined


#: Broken YAML of every kind libyaml names differently.
BROKEN = [
    "a: {", 'a: "\\x"', 'a: "\\uD800"', 'a: "\\q"', "a: b\n- c", "a: |0\n  x", "a: [1, 2\nb: 3",
    "a: b: c", 'a: "x', "a:\n  - b\n c: d", "a: |x\n  y", "a: &\n", "a: *\n",
    'a: "x\n---\ny"', "- a\nb: c", "a: @x", "a: b\n...\nc: d", "? [a]\n",
]  # fmt: skip


@pytest.mark.parametrize("text", BROKEN)
def test_every_syntax_problem_is_said_in_swedish(text: str) -> None:
    """libyaml's English ('while parsing a flow node', 'did not find expected
    hexdecimal number') was left in Swedish findings where no plain words were known."""
    from intstrat.i18n import language

    with language("sv"):
        _data, problems = parse(text)
    assert problems
    for problem in problems:
        for english in (
            "while ",
            "found ",
            "did not find",
            "expected",
            " not allowed",
            "could not",
        ):
            assert english not in problem.message, problem.message
