"""Hypothesis strategies for records: valid data of every shape the format allows."""

from __future__ import annotations

from hypothesis import strategies as st

from intstrat.format.models import Status

# Text that YAML writers and readers like to disagree about.
TRICKY = [
    "NO",
    "yes",
    "on",
    "~",
    "null",
    "012",
    "0o17",
    "1.10",
    "2017-03-15",
    "a: b",
    "# x",
    "- x",
    "[x]",
    "{x}",
    "'q'",
    '"q"',
    "Växjö",
    "100 %",
    "@home",
    "*star",
    "&amp",
    "!bang",
    " lead",
    "trail ",
    "multi\nline",
    "tab\there",
]

texts = st.one_of(
    st.sampled_from(TRICKY),
    st.text(
        alphabet=st.characters(
            blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff\u2028\u2029\x85"
        ),
        min_size=1,
        max_size=30,
    ).filter(lambda s: s.strip() != ""),
)
local_texts = st.one_of(
    texts,
    st.fixed_dictionaries({"sv": texts}, optional={"en": texts}),
    st.fixed_dictionaries({"en": texts}),
)
slugs = st.from_regex(r"[a-z0-9]{1,6}(-[a-z0-9]{1,4}){0,2}", fullmatch=True)
years = st.integers(1990, 2040)
dates = st.one_of(
    years,
    st.builds(lambda y, m: f"{y}-{m:02d}", years, st.integers(1, 12)),
    st.builds(
        lambda y, m, d: f"{y}-{m:02d}-{d:02d}", years, st.integers(1, 12), st.integers(1, 28)
    ),
)
money = st.fixed_dictionaries(
    {
        "value": st.one_of(st.integers(0, 10**9), st.floats(0, 1e9, allow_nan=False)),
        "currency": st.sampled_from(["SEK", "EUR", "USD"]),
    }
)
results = st.fixed_dictionaries(
    {"id": slugs, "title": local_texts, "date": dates},
    optional={"implemented": st.booleans(), "description": local_texts},
)
trips = st.fixed_dictionaries(
    {"date": dates, "destination": st.sampled_from(["SE", "ZA", "XK", "NO"])},
    optional={
        "travellers": st.integers(1, 50),
        "flight": st.booleans(),
        "compensated": st.booleans(),
        "place": texts,
    },
)
projects = st.fixed_dictionaries(
    {
        "id": slugs,
        "title": local_texts,
        "status": st.sampled_from([s.value for s in Status]),
        "owner": slugs,
    },
    optional={
        "kind": st.sampled_from(["project", "prestudy", "network", "activity"]),
        "partners": st.lists(slugs, max_size=3),
        "period": st.fixed_dictionaries({"start": dates}, optional={"end": dates}),
        "application": st.fixed_dictionaries(
            {"funder": slugs, "submitted": dates},
            optional={
                "amount": money,
                "outcome": st.sampled_from(["pending", "granted", "rejected"]),
            },
        ),
        "funding": st.lists(
            st.fixed_dictionaries(
                {"funder": slugs},
                optional={"amount": money, "kind": st.sampled_from(["grant", "staff-time"])},
            ),
            max_size=2,
        ),
        "sdgs": st.lists(st.integers(1, 17), max_size=4),
        "summary": local_texts,
        "reach": st.lists(
            st.fixed_dictionaries({"count": st.integers(0, 10**6), "who": local_texts}),
            max_size=2,
        ),
        "results": st.lists(results, max_size=3),
        "quotes": st.lists(
            st.fixed_dictionaries(
                {"text": local_texts, "name": texts}, optional={"role": local_texts}
            ),
            max_size=2,
        ),
        "contact": st.fixed_dictionaries({"name": texts}, optional={"phone": texts}),
        "links": st.lists(
            st.fixed_dictionaries(
                {
                    "title": local_texts,
                    "url": st.sampled_from(["https://icld.se", "http://x.se/a?b=1"]),
                }
            ),
            max_size=2,
        ),
        "travel": st.lists(trips, max_size=2),
        "featured": st.booleans(),
        "extra": st.dictionaries(slugs, st.one_of(texts, st.integers(), st.booleans()), max_size=2),
    },
)

partners = st.fixed_dictionaries(
    {
        "id": slugs,
        "name": local_texts,
        "type": st.sampled_from(["municipality", "network"]),
        "country": st.sampled_from(["ZA", "XK"]),
    },
    optional={
        "area_km2": st.integers(0, 10**5),
        "population": st.integers(0, 10**7),
        "since": dates,
        "funders": st.lists(slugs, max_size=2),
    },
)
