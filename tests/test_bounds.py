"""Every value of a record is bounded: numbers finite and sane, text without control
characters and not absurdly long; each refusal is one S-code at the value's line."""

from __future__ import annotations

from pathlib import Path

import pytest

from intstrat.checks.run import check
from tests.helpers import CONFIG, build_repo, project

P = "data/projects/sekos-2.yaml"
HUGE = "1" * 5000


def found(tmp_path: Path, **changes: str) -> list[tuple[str, int, int, str]]:
    root = build_repo(tmp_path, {P: project(**changes)})
    return [(d.code, d.line, d.column, d.message) for d in check(root).diagnostics]


@pytest.mark.parametrize(
    ("changes", "code", "column", "message"),
    [
        ({"extra": "{x: .nan}"}, "S009", 12, "extra › x: '.nan' means 'not a number'"),
        ({"extra": "{x: -.inf}"}, "S009", 12, "extra › x: '-.inf' is infinite"),
        # a decimal beyond a float is named as written, not as the '.inf' it would become
        ({"extra": "{x: 1e400}"}, "S009", 12, "extra › x: the number 1e400 is far too large"),
        ({"extra": "{x: -2.5E+999}"}, "S009", 12, "the number -2.5E+999 is far too small"),
        ({"extra": f"{{x: -{HUGE}}}"}, "S009", 12, "is at least -9,223,372,036,854,775,808"),
        ({"reach": "[{count: .nan, who: x}]"}, "S009", 17, "reach › item 1 › count: '.nan' means"),
        (
            {"funding": "[{funder: icld, amount: {value: .inf, currency: SEK}}]"},
            "S009",
            42,
            "funding › item 1 › amount › value: '.inf' is infinite",
        ),
        (
            {"reach": f"[{{count: {10**100}, who: x}}]"},
            "S009",
            17,
            "the number 100000000000...0000 (101 digits) is far too large",
        ),
        (
            {"reach": f"[{{count: {HUGE}, who: x}}]"},
            "S009",
            17,
            "(5000 digits) is far too large",
        ),
        ({"extra": f"{{x: {2**63}}}"}, "S009", 12, "extra › x: the number 9223372036854775808"),
        ({"extra": f"{{x: {HUGE}}}"}, "S009", 12, "(5000 digits)"),
        (
            {"reach": "[{count: 20000000000, who: x}]"},
            "S009",
            10,
            "20,000,000,000 is more people than live on Earth",
        ),
        (  # an integer is quoted exactly, not as the float it rounds to
            {"funding": "[{funder: icld, amount: {value: 99999999999999999, currency: SEK}}]"},
            "S009",
            35,
            "99,999,999,999,999,999 is more than any amount",
        ),
        (
            {"funding": "[{funder: icld, amount: {value: 1e308, currency: SEK}}]"},
            "S009",
            35,
            "1e+308 is more than any amount a project has (1,000,000,000,000)",
        ),
        (
            {"travel": "[{date: 2020, destination: XK, travellers: 5000}]"},
            "S009",
            40,
            "travel › item 1 › travellers: must be at most 1000",
        ),
        (
            {"contact": '{name: "Anna\\x1b[31m Andersson"}'},
            "S013",
            17,
            "contact › name: the text holds the invisible control character U+001B (ESC) after "
            "'Anna'",
        ),
        ({"summary": '"a\\x01b"'}, "S013", 10, "U+0001 (SOH)"),
        ({"summary": '"a\\rb"'}, "S013", 10, "U+000D (CR)"),
        ({"summary": '"a\\u0085b"'}, "S013", 10, "U+0085 (NEL)"),
        ({"summary": '"a\\uFFFEb"'}, "S013", 10, "U+FFFE"),
        ({"extra": '{"k\\x07": 1}'}, "S013", 9, "extra › k\\x07: the key holds"),
        (  # written as it is: a title that shows as 'Rapport exe.pdf' but holds 'fdp.exe'
            {"title": "Rapport \u202efdp.exe"},
            "S013",
            8,
            "title: the text holds the invisible character U+202E (RIGHT-TO-LEFT OVERRIDE) "
            "after 'Rapport ', which changes the order",
        ),
        ({"summary": '"a\\u2066b"'}, "S013", 10, "U+2066 (LEFT-TO-RIGHT ISOLATE) after 'a'"),
        ({"title": "x" * 301}, "S012", 1, "the name is 301 characters long, more than the 300"),
        ({"title": "{sv: ok, en: " + "x" * 1500 + "}"}, "S012", 1, "the name (en) is 1500"),
        ({"contact": "{name: " + "a" * 1500 + "}"}, "S012", 11, "contact › name: is 1500"),
        (
            {"summary": "y" * 25_000},
            "S012",
            10,
            "summary: the text is 25,000 characters long, more than the 20,000",
        ),
    ],
)
def test_out_of_bounds_is_one_finding_at_the_value(
    tmp_path: Path, changes: dict[str, str], code: str, column: int, message: str
) -> None:
    line = list(project(**changes).splitlines()).index(
        next(line for line in project(**changes).splitlines() if line.startswith(tuple(changes)))
    )
    assert [(c, ln, col) for c, ln, col, _ in found(tmp_path, **changes)] == [
        (code, line + 1, column)
    ]
    assert message in found(tmp_path, **changes)[0][3]


def test_messages_never_carry_control_characters_or_huge_values(tmp_path: Path) -> None:
    for changes in (
        {"status": '"\\x1b[31mcompleted"', "extra": f"{{x: {HUGE}}}"},
        {"owner": "'" + "x" * 19_000 + "'"},
    ):
        for _code, _line, _column, message in found(tmp_path, **changes):
            assert "\x1b" not in message and len(message) < 400, message


def test_tab_and_line_breaks_are_fine_in_text(tmp_path: Path) -> None:
    assert found(tmp_path, summary='"a\\tb\\nc"') == []


def test_an_area_larger_than_the_earth_is_refused(tmp_path: Path) -> None:
    partner = "id: vushtrri\nname: Vushtrri\ntype: municipality\ncountry: XK\narea_km2: 6e9\n"
    root = build_repo(tmp_path, {"data/partners/vushtrri.yaml": partner})
    [d] = check(root).diagnostics
    assert (d.code, d.line, d.column) == ("S009", 5, 1)
    assert "larger than the Earth's surface" in d.message


def test_a_long_organisation_name_is_refused_at_its_line(tmp_path: Path) -> None:
    config = CONFIG.replace(
        "organisation: {name: Testby kommun}", f"organisation: {{name: {'Ö' * 400}}}"
    )
    root = build_repo(tmp_path, {"intstrat.yaml": config})
    [d] = check(root).diagnostics
    assert (d.path, d.code, d.line) == ("intstrat.yaml", "S012", 2)
