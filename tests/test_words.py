"""The words of documents: date ranges, lists, amounts and partner labels as people write them."""

from __future__ import annotations

import pytest

from intstrat.domain.names import PartnerRef
from intstrat.format.values import PartialDate, Period
from intstrat.i18n import Words

NBSP, NNBSP, THIN, WJ = "\xa0", "\u202f", "\u2009", "\u2060"


def period(start: str, end: str | None) -> Period:
    return Period(start=PartialDate.parse(start), end=PartialDate.parse(end) if end else None)


@pytest.mark.parametrize(
    ("start", "end", "sv", "en"),
    [
        # What the two dates share is written once (Babel's interval formats, CLDR).
        ("2023-05-08", "2023-05-11", "8–11 maj 2023", "8 – 11 May 2023"),
        ("2023-02", "2023-11", "februari–november 2023", "February – November 2023"),
        ("2018", "2021", "2018–2021", "2018 – 2021"),
        # Swedish spaces the dash when it joins parts of several words.
        ("2021-03", "2023-06", "mars 2021 – juni 2023", "March 2021 – June 2023"),
        ("2023-05-08", "2023-06-11", "8 maj – 11 juni 2023", "8 May – 11 June 2023"),
        # Full month names, never CLDR's abbreviated ones ("3 dec. 2022").
        (
            "2022-12-03",
            "2023-01-04",
            "3 december 2022 – 4 januari 2023",
            "3 December 2022 – 4 January 2023",
        ),
        # Different precisions share nothing.
        ("2022-09", "2030", "september 2022 – 2030", "September 2022 – 2030"),
        ("2022", "2023-06", "2022 – juni 2023", "2022 – June 2023"),
        # Still running, and one date twice.
        ("2022", None, "2022–", "2022 –"),
        ("2021-03", None, "mars 2021 –", "March 2021 –"),
        ("2023-05-08", "2023-05-08", "8 maj 2023", "8 May 2023"),
        ("2023", "2023", "2023", "2023"),
    ],
)
def test_periods_in_babels_interval_format(start: str, end: str | None, sv: str, en: str) -> None:
    p = period(start, end)
    # Compared with every kind of space made plain; the spaces themselves are tested below.
    assert plain(Words("sv").period(p)) == sv
    assert plain(Words("en").period(p)) == en


def plain(text: str) -> str:
    return text.replace(NBSP, " ").replace(NNBSP, " ").replace(THIN, " ").replace(WJ, "")


def test_a_period_breaks_only_after_its_dash() -> None:
    """No line break inside a date or before the dash: "8 maj / 2023" never happens."""
    sv, en = Words("sv"), Words("en")
    assert sv.period(period("2021-03", "2023-06")) == f"mars{NBSP}2021{NBSP}– juni{NBSP}2023"
    assert sv.period(period("2023-05-08", "2023-05-11")) == f"8–{WJ}11{NBSP}maj{NBSP}2023"
    assert sv.period(period("2018", "2021")) == f"2018–{WJ}2021"
    assert sv.period(period("2021-03", None)) == f"mars{NBSP}2021{NBSP}–"
    # English keeps CLDR's thin spaces round the dash: unbreakable before, breakable after.
    assert en.period(period("2018", "2021")) == f"2018{NNBSP}–{THIN}2021"
    assert en.period(period("2021-03", "2023-06")) == f"March{NBSP}2021{NNBSP}–{THIN}June{NBSP}2023"


def test_lists_joined_as_each_language_writes_them() -> None:
    assert Words("sv").join(["Växjö kommun", "Komuna Vushtrri", "Linnéuniversitetet"]) == (
        "Växjö kommun, Komuna Vushtrri och Linnéuniversitetet"
    )
    assert Words("sv").join(["4", "8"]) == "4 och 8"
    assert Words("en").join(["A", "B", "C"]) == "A, B and C"
    assert Words("sv").join(["ensam"]) == "ensam"
    assert Words("sv").join([]) == ""


def test_amounts_never_break() -> None:
    assert Words("sv").money(4_500_000, "SEK") == f"4{NBSP}500{NBSP}000{NBSP}kr"
    assert Words("sv").money(250_000, "EUR") == f"250{NBSP}000{NBSP}€"
    assert Words("en").money(4_500_000, "SEK") == f"SEK{NBSP}4,500,000"
    assert Words("en").money(250_000, "EUR") == "€250,000"


def test_a_partner_name_with_brackets_takes_the_country_inside_them() -> None:
    ubc = PartnerRef("ubc", "Union of the Baltic Cities (UBC)", "Polen", "PL")
    assert ubc.label == "Union of the Baltic Cities (UBC, Polen)"
    jb = PartnerRef("jb-marks", "JB Marks Local Municipality", "Sydafrika", "ZA")
    assert jb.label == "JB Marks Local Municipality (Sydafrika)"
    assert PartnerRef("x", "Okänd", "", "").label == "Okänd"


def test_details_after_a_name_that_ends_in_brackets_go_behind_a_dash() -> None:
    sv = Words("sv")
    assert sv.aside("Kontaktcenter", "projekt, 2021–2023") == "(projekt, 2021–2023)"
    assert sv.aside("Union of the Baltic Cities (UBC)", "nätverk, 2000–") == "– nätverk, 2000–"
    assert Words("en").aside("Växjö Energi AB (Veab) ", "company") == "– company"
