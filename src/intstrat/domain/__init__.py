"""The shared vocabulary of every output: year rules, funding predicates and names.

What belongs in a year, what counts as EU funding, and how a unit, funder,
partner or goal is named for people are decided here once, so the report,
`show`, the brochure, `stats` and the exports cannot disagree. May import
`intstrat.loading`, `intstrat.format`, `intstrat.i18n` and the base modules.
"""
