"""What `emit` writes, `parse` reads back: every text stays text, written plainly where
YAML 1.2 lets it be."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from intstrat.format.emit import dump_data
from intstrat.loading.parse import parse

#: Texts that look like other things to some YAML reader: dates and times (timestamps
#: in YAML 1.1 and to ruamel), numbers, booleans and nulls of 1.1 and 1.2.
LOOKALIKES = st.sampled_from(
    [
        "2024-02-10",
        "2024-2-1",
        "2024-02-10 10:00:00",
        "2024-02-10T10:00:00Z",
        "2024-02",
        "2024",
        "12",
        "0o17",
        "1_000",
        "1:30",
        "yes",
        "No",
        "on",
        "~",
        "null",
        "true",
        ".inf",
        "",
    ]
)


#: Text a record may hold: no control characters but tab and line feed (the loader refuses
#: them, wherever they come from), no lone surrogates or non-characters.
TEXTS = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Cn", "Zl", "Zp")) | st.sampled_from("\t\n")
)


@given(st.dictionaries(st.from_regex(r"[a-z]{1,8}", fullmatch=True), LOOKALIKES | TEXTS))
def test_every_text_reads_back_as_the_same_text(data: dict[str, str]) -> None:
    again, problems = parse(dump_data(data or {"id": "x"}))
    assert problems == []
    assert again == (data or {"id": "x"})


def test_a_date_is_written_as_people_write_it() -> None:
    text = dump_data({"start": "2024-02-10", "end": "2024-03", "year": "2024"})
    assert text == "start: 2024-02-10\nend: 2024-03\nyear: '2024'\n"
