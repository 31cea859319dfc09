"""Terminal presentation: text that breaks where a reader expects, and never loses a word."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from intstrat.commands.terminal import narrowest, widest, wrap

NBSP = "\u00a0"
#: White space that breaks a line (the no-break spaces do not).
BREAKING = re.compile(r"[^\S\u00a0\u2007\u202f]+")

_words = st.text(
    alphabet=st.sampled_from("abcåäö€ÅÖ12345-–.,:()" + NBSP + "漢"), min_size=1, max_size=30
)
_texts = st.lists(_words, min_size=0, max_size=12).map(" ".join)


@given(_texts, st.integers(min_value=1, max_value=40))
def test_wrap_keeps_every_character_and_the_width(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert all(cell_len(line) <= max(width, 2) for line in lines)  # a wide character needs 2
    assert BREAKING.sub("", "".join(lines)) == BREAKING.sub("", text)


@given(_texts, st.integers(min_value=1, max_value=40))
def test_wrap_breaks_a_no_break_group_only_when_it_is_longer_than_the_line(
    text: str, width: int
) -> None:
    lines = wrap(text, width)
    for word in BREAKING.split(text):
        if word and cell_len(word) <= width:
            assert any(word in line for line in lines), (word, lines)


def test_an_amount_and_a_date_stay_on_their_line() -> None:
    """rich broke "3 200 000 kr" between its digit groups: its spaces are no-break spaces."""
    text = "Europeiska socialfonden+, 3\xa0200\xa0000\xa0kr, 10\xa0mars\xa02021: avslag"
    assert wrap(text, 31) == [
        "Europeiska socialfonden+,",
        "3\xa0200\xa0000\xa0kr, 10\xa0mars\xa02021:",
        "avslag",
    ]


def test_a_long_word_breaks_at_its_joints_then_folds() -> None:
    compound = "Samhälls\xadbyggnads\xadförvaltningen"
    assert wrap(compound, 40) == ["Samhällsbyggnadsförvaltningen"]  # the marks never show
    assert wrap(compound, 20) == ["Samhällsbyggnads-", "förvaltningen"]
    assert wrap(compound, 12) == ["Samhälls-", "byggnads-", "förvaltninge", "n"]
    assert wrap("utbildning-eu-ansokningar", 14) == ["utbildning-eu-", "ansokningar"]
    assert wrap("2018–\u20602021", 5) == ["2018–", "2021"]  # the word joiner shows no more


def test_paragraphs_and_a_hanging_indent() -> None:
    assert wrap("• ett två tre\n\nfyra", 9, hang="  ") == ["• ett två", "  tre", "", "fyra"]


def test_widths_of_a_text() -> None:
    text = "Förvaltningen arbete och välfärd"
    assert (narrowest(text), widest(text)) == (13, 32)
    assert narrowest("Samhälls\xadbyggnads\xadförvaltningen") == len("förvaltningen")
    assert narrowest("") == widest("") == 0


def test_columns_are_left_out_by_priority_and_the_rest_share_the_width() -> None:
    from intstrat.commands.terminal import fit_columns
    from intstrat.query.tables import Column

    view = [
        Column("id", "Id"),
        Column("title", "Titel", wrap=True),
        Column("status", "Status", priority=1),
        Column("owner", "Ansvarig", wrap=True, priority=2),
        Column("countries", "Länder", wrap=True, priority=3),
    ]
    cells = [["sekos-2", "Socialt entreprenörskap i Kosovo", "avslutat", "Utbildning", "Kosovo"]]
    everything = fit_columns(view, cells, 200)
    assert (everything.shown, everything.widths) == ([0, 1, 2, 3, 4], [7, 32, 8, 10, 6])
    # 7 + 24 (the title's share) + 8 + 10 + 4 × 3 = 61: Länder is left out, though it is
    # narrower than Ansvarig, which comes first; the title takes what is left.
    narrow = fit_columns(view, cells, 62)
    assert (narrow.shown, narrow.left_out, narrow.widths) == ([0, 1, 2, 3], [4], [7, 28, 8, 10])
    # Less than a title's 16 beside the id: the rows are stacked.
    assert fit_columns(view, cells, 25).stacked
    assert not fit_columns(view, cells, 26).stacked
