from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pydantic import BaseModel, ValidationError
from pydantic_core import PydanticCustomError

from intstrat.format.values import (
    Country,
    Currency,
    Date,
    LocalText,
    PartialDate,
    Period,
    Slug,
    _iso_codes,
    slugify,
)


class Holder(BaseModel):
    date: Date | None = None
    country: Country | None = None
    currency: Currency | None = None
    slug: Slug | None = None


def error_type(**data: object) -> str:
    with pytest.raises(ValidationError) as info:
        Holder.model_validate(data)
    errors = info.value.errors()
    assert len(errors) == 1
    return errors[0]["type"]


@pytest.mark.parametrize(
    ("value", "parsed", "text"),
    [
        (2017, PartialDate(2017), "2017"),
        ("2017", PartialDate(2017), "2017"),
        ("2017-03", PartialDate(2017, 3), "2017-03"),
        ("2017-03-15", PartialDate(2017, 3, 15), "2017-03-15"),
        ("2024-02-29", PartialDate(2024, 2, 29), "2024-02-29"),
        (dt.date(2020, 1, 2), PartialDate(2020, 1, 2), "2020-01-02"),
    ],
)
def test_partial_dates_parse(value: object, parsed: PartialDate, text: str) -> None:
    assert PartialDate.parse(value) == parsed
    assert str(parsed) == text


@pytest.mark.parametrize(
    "value",
    [
        "2021-13",
        "2023-02-29",
        "2021-00",
        "2021-06-00",
        "2021-1",
        "21",
        "２０２１",  # fullwidth digits
        1800,
        2500,
        True,
        2021.5,
        "",
        "x",
    ],
)
def test_bad_dates_are_one_clear_error(value: object) -> None:
    assert error_type(date=value) == "intstrat_date"


def _parses(text: str) -> bool:
    try:
        PartialDate.parse(text)
    except PydanticCustomError:
        return False
    return True


def test_the_schema_pattern_takes_exactly_the_dates_check_takes() -> None:
    """Editors flag what check flags: every year, month and day around the edges."""
    import re

    from intstrat.format.values import DATE_PATTERN

    pattern = re.compile(DATE_PATTERN)
    years = [*range(1896, 1906), *range(1996, 2006), *range(2020, 2030), *range(2095, 2103)]
    tried = 0
    for year in years:
        candidates = [f"{year}"] + [f"{year}-{m:02d}" for m in range(14)]
        candidates += [f"{year}-{m:02d}-{d:02d}" for m in range(14) for d in range(33)]
        for text in candidates:
            assert bool(pattern.match(text)) == _parses(text), text
            tried += 1
    assert tried == len(years) * (1 + 14 + 14 * 33)
    for text in ("2023-02-30", "2023-02-29", "2021-04-31", "1900-02-29", "2100-02-29"):
        assert not pattern.match(text)
    for text in ("2024-02-29", "2000-02-29", "2021-12-31", "1900", "2100-12"):
        assert pattern.match(text)


def test_dates_serialise_as_written() -> None:
    assert Holder(date=PartialDate(2017)).model_dump(mode="json")["date"] == 2017
    assert Holder(date=PartialDate(2017, 3)).model_dump(mode="json")["date"] == "2017-03"


def test_partial_date_bounds_and_order() -> None:
    year, month, day = PartialDate(2024), PartialDate(2024, 2), PartialDate(2024, 2, 10)
    assert (year.first_day, year.last_day) == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert (month.first_day, month.last_day) == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert day.first_day == day.last_day == dt.date(2024, 2, 10)
    assert sorted([day, PartialDate(2023, 12, 31), month, year]) == [
        PartialDate(2023, 12, 31),
        year,
        month,
        day,
    ]


@pytest.mark.parametrize(
    ("start", "end", "year", "overlaps", "ends"),
    [
        ("2021", "2023", 2022, True, False),
        ("2021", "2023", 2023, True, True),
        ("2021-02", "2022-01", 2022, True, True),  # ended in January
        ("2022-12", None, 2022, True, False),  # starts in December, still running
        ("2022-12-31", "2023-01-01", 2021, False, False),
        ("2024", None, 2023, False, False),
        ("2018", "2021", 2022, False, False),
    ],
)
def test_period_year_membership(
    start: str, end: str | None, year: int, overlaps: bool, ends: bool
) -> None:
    period = Period.model_validate({"start": start, "end": end})
    assert period.overlaps_year(year) is overlaps
    assert period.ends_in(year) is ends


def test_local_text_falls_back_between_languages() -> None:
    both = LocalText.validate({"sv": "Hej", "en": "Hello"})
    assert (both.get("sv"), both.get("en")) == ("Hej", "Hello")
    only_sv = LocalText.validate({"sv": "Hej"})
    assert only_sv.get("en") == "Hej"
    plain = LocalText.validate("Växjö")
    assert plain.get("en") == plain.get("sv") == "Växjö"
    assert plain.dump() == "Växjö"
    assert only_sv.dump() == {"sv": "Hej"}


@pytest.mark.parametrize("value", [{"de": "Hallo"}, {"sv": ""}, "", "  ", 12, [], {}])
def test_bad_local_text(value: object) -> None:
    with pytest.raises(PydanticCustomError, match=r"language|text"):
        LocalText.validate(value)


def test_countries_come_from_iso_3166_plus_kosovo() -> None:
    for code in ("SE", "ZA", "XK", "EE"):
        assert Holder(country=code).country == code
    assert error_type(country="XX") == "intstrat_country"
    with pytest.raises(ValidationError, match=r"did you mean 'SE'\?"):
        Holder(country="se")


def test_currencies_come_from_iso_4217() -> None:
    assert Holder(currency="SEK").currency == "SEK"
    assert error_type(currency="KRONOR") == "intstrat_currency"


@pytest.mark.parametrize(
    ("standard", "field", "entries"),
    [("3166-1", "alpha_2", "countries"), ("4217", "alpha_3", "currencies")],
)
def test_codes_read_from_pycountrys_file_are_its_codes(
    standard: str, field: str, entries: str
) -> None:
    import pycountry

    expected = frozenset(getattr(entry, field) for entry in getattr(pycountry, entries))
    assert _iso_codes(standard, field) == expected
    assert len(expected) > 150


def test_codes_come_from_pycountrys_api_when_its_file_is_elsewhere(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import importlib.util

    import pycountry

    class Elsewhere:
        submodule_search_locations = (str(tmp_path),)

    (tmp_path / "databases").mkdir()
    (tmp_path / "databases" / "iso3166-1.json").write_text('{"3166-1": "not a list"}')
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: Elsewhere())
    expected = frozenset(country.alpha_2 for country in pycountry.countries)
    assert _iso_codes("3166-1", "alpha_2") == expected
    assert _iso_codes("4217", "alpha_3") == frozenset(c.alpha_3 for c in pycountry.currencies)


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Socialt entreprenörskap Kosovo", "socialt-entreprenorskap-kosovo"),
        ("MIS 2: Miljöpedagogik i förskolan", "mis-2-miljopedagogik-i-forskolan"),
        ("  Åby -- förskola  ", "aby-forskola"),
    ],
)
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_bad_slug_suggests_one() -> None:
    with pytest.raises(ValidationError, match=r"e\.g\. 'sekos-2'"):
        Holder(slug="SEKOS 2")


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Socialt entreprenörskap Kosovo", "socialt-entreprenorskap-kosovo"),
        ("Łódź stad", "lodz-stad"),
        ("Ærø kommune", "aero-kommune"),
        ("Klaipėdos miesto savivaldybė", "klaipedos-miesto-savivaldybe"),
        ("Straße & Co.", "strasse-co"),
        ("Þórshöfn", "thorshofn"),
        ("Ħamrun", "hamrun"),
        ("Diyarbakır", "diyarbakir"),
    ],
)
def test_slugify_keeps_every_letter(text: str, slug: str) -> None:
    assert slugify(text) == slug


@pytest.mark.parametrize(
    ("url", "hint"),
    [
        ("icld.se", "write it in full, e.g. 'https://icld.se'"),
        ("//www.icld.se/x", "e.g. 'https://www.icld.se/x'"),
        ("javascript:alert(1)", "only addresses starting with https:// or http:// are allowed"),
        ("ftp://example.se/x", "only addresses starting with https:// or http:// are allowed"),
        ("mailto:a@b.se", "an e-mail address goes under 'email:'"),
        ("Växjö kommun", "e.g. 'https://www.vaxjo.se'"),
    ],
)
def test_web_address_hints_are_right(url: str, hint: str) -> None:
    from pydantic import ValidationError

    from intstrat.format.models import Link

    with pytest.raises(ValidationError) as info:
        Link.model_validate({"title": "x", "url": url})
    message = info.value.errors()[0]["msg"]
    assert hint in message
    assert "https://javascript" not in message and "https://ftp" not in message


def test_a_date_text_is_parsed_once_and_refused_every_time() -> None:
    """Dates repeat across records: one immutable value serves them all, and a date
    that is refused is refused each time with the value as it was written."""
    assert PartialDate.parse("2023-05") is PartialDate.parse("2023-05")
    assert PartialDate.parse(2023) == PartialDate(2023)
    for _ in range(2):
        with pytest.raises(PydanticCustomError) as refused:
            PartialDate.parse("2023-02-30")
        assert "'2023-02-30': February 2023 has 28 days; check the day" in str(refused.value)
        with pytest.raises(PydanticCustomError) as refused:
            PartialDate.parse(20230)
        assert refused.value.context is not None and refused.value.context["value"] == 20230


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2024-06-31", "'2024-06-31': June 2024 has 30 days; check the day"),
        ("2024-02-30", "'2024-02-30': February 2024 has 29 days; check the day"),
        (
            "2023-02-29",
            "'2023-02-29': February 2023 has 28 days, 2023 is not a leap year; check the day",
        ),
        ("2024-13", "'2024-13': there is no month 13; the months are 01 to 12"),
        ("2024-00-10", "'2024-00-10': there is no month 00; the months are 01 to 12"),
        ("2024-04-00", "'2024-04-00': there is no day 00; the days of a month are 01 to 30"),
        (
            "3000",
            "'3000': the year is outside 1900 to 2100, the years a record can hold; check the year",
        ),
        (
            "2024-6-1",
            "'2024-6-1' is not a date; write a year, a month or a day: 2021, 2021-06 or 2021-06-15",
        ),
    ],
)
def test_a_date_that_is_no_day_says_what_is_wrong(text: str, message: str) -> None:
    """A date in the right form that the calendar lacks was 'not a date; write ...
    2021-06-15': the form the person had used already."""
    with pytest.raises(PydanticCustomError) as refused:
        PartialDate.parse(text)
    assert refused.value.message() == message


def test_leap_days_and_month_ends_are_still_dates() -> None:
    assert PartialDate.parse("2024-02-29") == PartialDate(2024, 2, 29)
    assert PartialDate.parse("2000-02-29") == PartialDate(2000, 2, 29)
    assert PartialDate.parse("2024-06-30") == PartialDate(2024, 6, 30)
    assert PartialDate.parse("2100-12") == PartialDate(2100, 12)
