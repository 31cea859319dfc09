"""The words of documents: date ranges, lists, amounts and partner labels as people write them."""

from __future__ import annotations

from pathlib import Path

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


SHY = "\xad"


def test_long_compounds_break_after_their_linking_s_only() -> None:
    pytest.importorskip("pyphen")
    sv = Words("sv")
    assert sv.compounds("Samhällsbyggnadsförvaltningen") == (
        f"Samhälls{SHY}byggnads{SHY}förvaltningen"
    )
    assert sv.compounds("Arbetsmarknadsintegrationsprojektet och Utbildningsförvaltningen") == (
        f"Arbets{SHY}marknads{SHY}integrations{SHY}projektet och Utbildnings{SHY}förvaltningen"
    )
    # "Vuxen|utbildning" has no linking s; "Pass|nings" is no joint (an s after an s).
    assert sv.compounds("Vuxenutbildningsförvaltningen") == f"Vuxenutbildnings{SHY}förvaltningen"
    assert sv.compounds("Passningsövningarna") == f"Passnings{SHY}övningarna"
    # Short words and names stay as they are; English documents break the same way.
    assert sv.compounds("Klaipėda kommun") == "Klaipėda kommun"
    assert Words("en").compounds("Samhällsbyggnadsförvaltningen") == (
        f"Samhälls{SHY}byggnads{SHY}förvaltningen"
    )


def test_an_abbreviation_and_its_number_stay_on_one_line() -> None:
    """ "(MIS 3)" broke between MIS and 3 in a narrow column of the report."""
    sv = Words("sv")
    assert sv.compounds("Miljöpedagogik i förskolan (MIS 3)") == (
        "Miljöpedagogik i förskolan (MIS\xa03)"
    )
    assert sv.compounds("SEKOS 2, år 2023") == "SEKOS\xa02, år 2023"
    # A capitalised word and a year are no such name; nor is a longer number.
    assert sv.compounds("Agenda 2030 och EU 12345") == "Agenda 2030 och EU 12345"
    long = "Kort " * 70 + "MIS 3"  # past what is remembered: the same rule
    assert sv.compounds(long).endswith("MIS\xa03")


def test_compounds_of_a_text_are_remembered_and_always_plain_text() -> None:
    """The remembered answer is the answer: text and Markup that are equal get the same
    plain text, whichever comes first, as re.sub gives it without the cache."""
    from markupsafe import Markup

    from intstrat.i18n import words

    sv = Words("sv")
    words._compounds.cache_clear()
    first = sv.compounds(Markup("Kort &amp; gott"))
    again = sv.compounds("Kort &amp; gott")
    assert type(first) is str and type(again) is str
    assert first == again == "Kort &amp; gott"
    title = "Utbildningsförvaltningens Arbetsmarknadsprojekt"
    hits = words._compounds.cache_info().hits
    assert (
        sv.compounds(title)
        == sv.compounds(title)
        == words._LONG_WORD.sub(lambda m: words._soft_hyphens(m.group(0)), title)
    )
    assert words._compounds.cache_info().hits == hits + 1


def test_the_swedish_patterns_are_read_as_pyphen_reads_them() -> None:
    """`Patterns` reads Pyphen's file itself (0.12 s saved per document): every pattern
    and every hyphenation point must be Pyphen's own."""
    pyphen = pytest.importorskip("pyphen")
    from intstrat.i18n.words import Patterns, _pyphen_sv

    path = pyphen.LANGUAGES[pyphen.language_fallback("sv_SE")]
    ours = Patterns.read(path)
    assert ours is not None and isinstance(_pyphen_sv(), Patterns)
    theirs = pyphen.HyphDict(path)
    # The same patterns: letters, offset and values (Pyphen's values are ints).
    assert {key: ours.pattern(key) for key in ours._lines} == {
        key: (start, tuple(int(v) for v in values))
        for key, (start, values) in theirs.patterns.items()
    }
    assert ours.pattern("xyzzy") is None
    # The same points, for each pattern's letters as a word and for long compounds.
    samples = [key.strip(".") for key in theirs.patterns]
    samples += [
        f"{a}{b}{c}"
        for a in ("Arbets", "samhälls", "FÖRVALTNINGS", "integrations", "Klaipė")
        for b in ("marknads", "byggnads", "utbildnings", "İstanbul")
        for c in ("förvaltningen", "projektet", "nämnden")
    ]
    for word in samples:
        assert ours.positions(word) == [int(i) for i in theirs.positions(word)], word


def test_a_dictionary_pyphen_alone_reads_is_left_to_pyphen(tmp_path: Path) -> None:
    from intstrat.i18n.words import Patterns

    alternatives = tmp_path / "hyph_x.dic"
    alternatives.write_bytes(b"ISO8859-1\n.a2b1c\nc1k/k=k,1,1\n")
    assert Patterns.read(alternatives) is None
    escaped = tmp_path / "hyph_y.dic"
    escaped.write_bytes(b"UTF-8\n1^^e4b\n")
    assert Patterns.read(escaped) is None
    # Comments, settings, spaces, zeros and repeated keys as Pyphen treats them.
    plain = tmp_path / "hyph_z.dic"
    plain.write_bytes(
        b"ISO8859-1\r\n% a comment 1\r\nLEFTHYPHENMIN 2\r\n a1b \r\nc0d\r\n2cd\r\nc0d\r\n\r\n"
    )
    patterns = Patterns.read(plain)
    assert patterns is not None
    assert patterns.pattern("ab") == (1, (1,))
    assert patterns.pattern("cd") == (0, (2,))  # the zeros after it are left out
    assert patterns.pattern("acomment") is None
    assert patterns.positions("xab") == [2]


def test_long_texts_and_words_get_soft_hyphens_but_are_not_remembered() -> None:
    """A template could pass huge texts: only short ones (titles, names) are remembered,
    so the caches stay small; the answer is the same either way."""
    pytest.importorskip("pyphen")
    from intstrat.i18n import words

    word = "Samhällsbyggnadsförvaltningens" * 11  # one word of 330 letters
    text = "Kort " * 70 + "Samhällsbyggnadsförvaltningen"
    before = (words._compounds.cache_info().currsize, words._soft_hyphens.cache_info().currsize)
    # Three joints a repetition (after "Samhälls", "byggnads" and "förvaltnings", where the
    # next one starts), none after the last "s" of the word.
    assert words.compounds(word).count(SHY) == 3 * 11 - 1
    assert words.compounds(text).endswith(f"Samhälls{SHY}byggnads{SHY}förvaltningen")
    after = (words._compounds.cache_info().currsize, words._soft_hyphens.cache_info().currsize)
    assert after[0] == before[0]  # neither text remembered
    assert after[1] <= before[1] + 1  # only the short word inside the long text


def test_periods_are_remembered_per_language_and_dates() -> None:
    from intstrat.i18n import words

    p = period("2023-05-08", "2023-05-11")
    assert Words("sv").period(p) == Words("sv").period(period("2023-05-08", "2023-05-11"))
    assert plain(Words("en").period(p)) == "8 – 11 May 2023"  # not the Swedish answer
    assert plain(Words("sv").period(p)) == "8–11 maj 2023"
    assert words._period.cache_info().hits >= 1
