"""Layer 2: each record against its model, with the place of every error."""

from __future__ import annotations

from pathlib import Path

import pytest

from intstrat.checks.run import check
from tests.helpers import CONFIG, build_repo, project

P = "data/projects/sekos-2.yaml"


def findings(root: Path) -> list[tuple[str, str, int, int]]:
    return [(d.code, d.path, d.line, d.column) for d in check(root).diagnostics]


def messages(root: Path) -> list[str]:
    return [d.message for d in check(root).diagnostics]


def test_valid_repository_has_no_findings(repo: Path) -> None:
    assert findings(repo) == []


def test_unknown_key_with_suggestion(tmp_path: Path) -> None:
    root = build_repo(tmp_path, {P: project(titel="x")})
    assert findings(root) == [("S001", P, 7, 1)]
    assert messages(root) == ["unknown key 'titel'; did you mean 'title'?"]


def test_unknown_key_without_a_near_miss_says_what_to_do(tmp_path: Path) -> None:
    root = build_repo(tmp_path, {P: project(budget="5")})
    assert messages(root) == [
        "unknown key 'budget'; remove it, or move it under 'extra:', where a record keeps "
        "data of its own"
    ]
    root = build_repo(tmp_path / "c", {"intstrat.yaml": CONFIG + "budget: 5\n"})
    assert messages(root)[0].endswith("'; remove it, or move it under 'extra:', where a "
                                      "record keeps data of its own")  # fmt: skip


def test_unknown_nested_key_names_its_parent(tmp_path: Path) -> None:
    root = build_repo(tmp_path, {P: project(period="{start: 2018, slut: 2021}")})
    assert findings(root) == [("S001", P, 6, 23)]
    assert messages(root) == ["unknown key 'slut' in period; expected one of: 'start', 'end'"]


def test_missing_key_points_at_the_record(tmp_path: Path) -> None:
    root = build_repo(tmp_path, {P: "# comment\n" + project(status="")})
    assert findings(root) == [("S002", P, 2, 1)]
    assert messages(root) == ["missing required key 'status'"]


def test_missing_nested_key_points_at_its_parent(tmp_path: Path) -> None:
    text = project() + "results:\n  - id: r\n    date: 2020\n"
    root = build_repo(tmp_path, {P: text})
    assert findings(root) == [("S002", P, 8, 5)]
    assert messages(root) == ["missing required key 'title' in results › item 1"]


def test_not_a_choice_suggests_the_closest(tmp_path: Path) -> None:
    root = build_repo(tmp_path, {P: project(status="complete")})
    assert findings(root) == [("S003", P, 3, 1)]
    assert messages(root) == [
        "status: the text 'complete' is not allowed; did you mean 'completed'?"
    ]


def test_not_a_choice_lists_the_choices_when_nothing_is_close(tmp_path: Path) -> None:
    root = build_repo(tmp_path, {P: project(kind="xyz")})
    assert findings(root) == [("S003", P, 7, 1)]
    assert "'project', 'prestudy', 'network', 'activity'" in messages(root)[0]


@pytest.mark.parametrize(
    ("change", "line", "column", "message"),
    [
        ({"partners": "vushtrri"}, 5, 1, "partners: expected a list"),
        ({"period": "2018"}, 6, 1, "period: expected a mapping of keys to values"),
        (
            {"featured": "'yes'"},
            7,
            1,
            "featured: expected true or false (yes and no are written true and false), "
            "got the text 'yes'",
        ),
        ({"title": "[a, b]"}, 2, 1, "title: expected non-empty text"),
    ],
)
def test_wrong_type(
    tmp_path: Path, change: dict[str, str], line: int, column: int, message: str
) -> None:
    root = build_repo(tmp_path, {P: project(**change)})
    assert findings(root) == [("S004", P, line, column)]
    assert messages(root)[0].startswith(message)


def test_number_where_text_is_expected_suggests_quotes(tmp_path: Path) -> None:
    text = project() + "contact: {name: A, phone: 0470410000}\n"
    root = build_repo(tmp_path, {P: text})
    assert findings(root) == [("S004", P, 7, 20)]
    assert messages(root) == [
        "contact › phone: expected text, got the number 470410000; put the value in quotes"
    ]


def test_bad_date(tmp_path: Path) -> None:
    root = build_repo(tmp_path, {P: project(period="{start: 2018-13, end: 2021}")})
    assert findings(root) == [("S005", P, 6, 10)]
    assert messages(root) == [
        "period › start: '2018-13': there is no month 13; the months are 01 to 12"
    ]


def test_bad_id(tmp_path: Path) -> None:
    root = build_repo(tmp_path, {P: project(id="Sekos_2")})
    assert findings(root) == [("S006", P, 1, 1)]
    assert "e.g. 'sekos-2'" in messages(root)[0]


def test_bad_country(tmp_path: Path) -> None:
    partner = "id: vushtrri\nname: V\ntype: municipality\ncountry: Kosovo\n"
    root = build_repo(tmp_path, {"data/partners/vushtrri.yaml": partner})
    assert findings(root) == [("S007", "data/partners/vushtrri.yaml", 4, 1)]


def test_bad_currency(tmp_path: Path) -> None:
    text = project() + "funding:\n  - funder: icld\n    amount: {value: 5, currency: kr}\n"
    root = build_repo(tmp_path, {P: text})
    assert findings(root) == [("S008", P, 9, 24)]


def test_sdg_out_of_range(tmp_path: Path) -> None:
    root = build_repo(tmp_path, {P: project(sdgs="[4, 18]")})
    assert findings(root) == [("S009", P, 7, 11)]
    assert "there is no SDG 18" in messages(root)[0]


def test_negative_count(tmp_path: Path) -> None:
    text = project() + "reach:\n  - {count: -3, who: elever}\n"
    root = build_repo(tmp_path, {P: text})
    assert findings(root) == [("S009", P, 8, 6)]


def test_unknown_format_version(tmp_path: Path) -> None:
    root = build_repo(tmp_path, {"intstrat.yaml": "format: 2\norganisation: {name: X}\n"})
    assert ("S010", "intstrat.yaml", 1, 1) in findings(root)


def test_invalid_value(tmp_path: Path) -> None:
    text = project() + "links:\n  - {title: ICLD, url: icld.se}\n"
    root = build_repo(tmp_path, {P: text})
    assert findings(root) == [("S011", P, 8, 19)]
    assert "write it in full, e.g. 'https://icld.se'" in messages(root)[0]


def test_all_errors_of_a_file_at_once(tmp_path: Path) -> None:
    root = build_repo(tmp_path, {P: project(status="x", sdgs="[0]", colour="red")})
    assert sorted(code for code, *_ in findings(root)) == ["S001", "S003", "S009"]


def test_yaml_errors_stop_the_schema_layer_for_that_file_only(tmp_path: Path) -> None:
    other = project(id="other", titel="x")
    root = build_repo(tmp_path, {P: "id: a\nid: b\n", "data/projects/other.yaml": other})
    assert findings(root) == [
        ("S001", "data/projects/other.yaml", 7, 1),
        ("Y003", P, 2, 1),
    ]


def test_a_date_the_calendar_lacks_says_what_is_wrong(tmp_path: Path) -> None:
    text = project() + "application: {funder: icld, submitted: 2024-01, decided: 2024-06-31}\n"
    root = build_repo(tmp_path, {P: text})
    assert findings(root) == [("S005", P, 7, 49)]
    assert messages(root) == [
        "application › decided: '2024-06-31': June 2024 has 30 days; check the day"
    ]


def test_a_yes_is_told_how_to_write_it(tmp_path: Path) -> None:
    text = project() + "travel:\n  - {date: 2019-04, destination: XK, travellers: 2, flight: yes}\n"
    root = build_repo(tmp_path, {P: text})
    assert findings(root) == [("S004", P, 8, 53)]
    assert messages(root) == [
        "travel › item 1 › flight: expected true or false (yes and no are written true and "
        "false), got the text 'yes'"
    ]


def test_a_country_name_is_given_its_code(tmp_path: Path) -> None:
    """`list --country Litauen` reads a name; check says which code a name means, in
    every field that holds a country."""
    partner = "id: vushtrri\nname: V\ntype: municipality\ncountry: Litauen\n"
    text = project() + "travel:\n  - {date: 2019-04, destination: lithuania, travellers: 2}\n"
    root = build_repo(tmp_path, {"data/partners/vushtrri.yaml": partner, P: text})
    assert findings(root) == [
        ("S007", "data/partners/vushtrri.yaml", 4, 1),
        ("S007", P, 8, 21),
    ]
    assert messages(root) == [
        "country: 'Litauen' is the name of a country, not its code; did you mean LT?",
        "travel › item 1 › destination: 'lithuania' is the name of a country, not its code; "
        "did you mean LT?",
    ]


def test_a_country_that_is_no_name_gets_the_general_advice(tmp_path: Path) -> None:
    partner = "id: vushtrri\nname: V\ntype: municipality\ncountry: Atlantis\n"
    root = build_repo(tmp_path, {"data/partners/vushtrri.yaml": partner})
    assert messages(root) == [
        "country: 'Atlantis' is not a country code; use the two-letter ISO 3166 code, e.g. SE, "
        "ZA or XK (Kosovo)"
    ]


def test_swedish_messages_keep_the_yaml_words(tmp_path: Path) -> None:
    """`sant` was what the Swedish message asked for: YAML's true and false stay as they
    are written; a country's name in Swedish is told its code."""
    from intstrat.i18n import language

    partner = "id: vushtrri\nname: V\ntype: municipality\ncountry: Litauen\n"
    text = (
        project() + "travel:\n  - {date: 2019-04, destination: XK, travellers: 2, flight: sant}\n"
    )
    text += "application: {funder: icld, submitted: 2024-01, decided: 2023-02-29}\n"
    root = build_repo(tmp_path, {"data/partners/vushtrri.yaml": partner, P: text})
    with language("sv"):
        assert messages(root) == [
            "country: 'Litauen' är ett lands namn, inte dess kod; menade du LT?",
            "travel › punkt 1 › flight: väntade true eller false (ja och nej skrivs true och "
            "false), fick texten 'sant'",
            "application › decided: '2023-02-29': februari 2023 har 28 dagar, 2023 är inget "
            "skottår; kontrollera dagen",
        ]
