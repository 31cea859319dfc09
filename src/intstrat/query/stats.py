"""Counts and sums per partner, country, unit, SDG, theme, form, goal, funder, year or kind.

A project counts once in every group it belongs to (a project with two SDGs
counts under both), so groups do not add up to the total; the total row does.

Reach is added only like with like: one column per unit (`reach_people`,
`reach_places`, ...), and a figure that does not say what it counts is in none
of them. When the rows are limited to a year (`--year`, or a row of `--by year`)
only figures for that year count, by the annual summary's rule
(`annual.reach_in`): 180 participants over 2022-2024 are not 180 in 2023.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from intstrat.domain import annual, funding
from intstrat.format.models import Partner, Project, ReachUnit
from intstrat.format.sdgs import goals
from intstrat.formats import StatsBy as By
from intstrat.i18n import N_, Words, _, current_language
from intstrat.loading.repository import Entry, Repository
from intstrat.query.filters import kept_partners


def _keys(p: Project, by: By, partners: dict[str, Partner], today: dt.date) -> list[str]:
    if by is By.PARTNER:
        return list(p.partners)
    if by is By.COUNTRY:
        return sorted({partners[i].country for i in p.partners if i in partners})
    if by is By.UNIT:
        return [p.owner]
    if by is By.SDG:
        return [str(n) for n in sorted(set(p.sdgs))]
    if by is By.FUNDER:
        return funding.funders(p)
    if by is By.YEAR:
        if p.period is None or p.status not in ("ongoing", "completed"):
            return []
        last = p.period.end.year if p.period.end else today.year
        if p.status == "ongoing":
            last = min(last, today.year)  # years that have not happened yet do not count
        return [str(y) for y in range(p.period.start.year, last + 1)]
    if by is By.KIND:
        return [str(p.kind)]
    return list(getattr(p, f"{by}s"))


def _label(key: str, by: By, repo: Repository, partners: dict[str, Partner], words: Words) -> str:
    config = repo.config
    if by is By.PARTNER and key in partners:
        return words.text(partners[key].name)
    if by is By.COUNTRY:
        return words.country(key)
    if by is By.SDG:
        return f"{key}. {goals()[int(key)].title(words.lang)}"
    if by is By.KIND:
        return words(f"kind_{key}")
    if config is not None:
        pools: dict[By, Iterable[Any]] = {
            By.UNIT: config.units,
            By.FUNDER: config.funders,
            By.THEME: config.themes,
            By.FORM: config.forms,
            By.GOAL: config.goals,
        }
        for item in pools.get(by, []):
            if item.id == key:
                return words.text(item.name)
    return key


def stats(
    repo: Repository,
    entries: list[Entry[Project]],
    by: By,
    words: Words,
    today: dt.date | None = None,
    year: int | None = None,
) -> list[dict[str, Any]]:
    """One row per group, largest first, then a total row (key "").

    `year` is the year the entries were chosen by (`--year`), if any: reach then
    counts only figures for that year.
    """
    day = today or dt.date.today()
    partners = kept_partners(repo)
    groups: dict[str, list[Project]] = defaultdict(list)
    for entry in entries:
        for key in _keys(entry.record, by, partners, day):
            groups[key].append(entry.record)
    counted = [line for e in entries for line in funding.lines(e.record) if line.amount]
    currencies = sorted({f.amount.currency for f in counted if f.amount and not funding.in_kind(f)})
    kind = sorted({f.amount.currency for f in counted if f.amount and funding.in_kind(f)})
    units = [u for u in ReachUnit if any(r.unit is u for e in entries for r in e.record.reach)]
    columns = _Columns(currencies, kind, units)
    rows = [
        _row(key, _label(key, by, repo, partners, words), projects, columns,
             int(key) if by is By.YEAR else year, key if by is By.FUNDER else None)
        for key, projects in groups.items()
    ]  # fmt: skip
    if by is By.YEAR:
        rows.sort(key=lambda r: r["key"])
    else:
        rows.sort(key=lambda r: (-r["projects"], r["label"].casefold()))
    rows.append(_row("", words("total"), [e.record for e in entries], columns, year))
    return rows


#: A run of at least this many years with the same figures shares one row in a table.
QUIET_RUN = 3


def merge_same_years(rows: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], str | None]:
    """Rows of `--by year` for a table: a run of `QUIET_RUN` or more consecutive years with
    the same figures becomes one row labelled with the span ("2000–2014"), so that a
    partnership since 2000 does not fill the screen with identical lines. The figures
    stay those of each year; the first merged span is returned for the caption (None
    when nothing was merged).
    Machine formats keep one row per year.
    """
    merged: list[dict[str, Any]] = []
    run: list[dict[str, Any]] = []
    spans: list[str] = []

    def figures(row: dict[str, Any]) -> list[Any]:
        return [v for k, v in row.items() if k not in ("key", "label")]

    def flush() -> None:
        if len(run) >= QUIET_RUN:
            span = f"{run[0]['key']}–{run[-1]['key']}"
            merged.append({**run[0], "key": span, "label": span})
            spans.append(span)
        else:
            merged.extend(run)
        run.clear()

    for row in rows:
        key = row["key"]
        follows = (
            bool(run)
            and key.isdigit()
            and int(key) == int(run[-1]["key"]) + 1
            and figures(row) == figures(run[-1])
        )
        if not follows:
            flush()
        if key.isdigit():
            run.append(row)
        else:
            merged.append(row)  # the total
    flush()
    return merged, spans[0] if spans else None


class _Columns:
    """The sums every row has: funding per currency, in money and in kind (only where some
    work has it), reach per unit."""

    def __init__(self, currencies: list[str], in_kind: list[str], units: list[ReachUnit]) -> None:
        self.currencies, self.in_kind, self.units = currencies, in_kind, units


def _whole(value: float) -> float:
    return int(value) if float(value).is_integer() else value


def _row(
    key: str,
    label: str,
    projects: list[Project],
    columns: _Columns,
    year: int | None,
    funder: str | None = None,
) -> dict[str, Any]:
    """`funder`: the row is that funder's, and sums only its own funding lines (a project
    with ICLD's 500 000 kr and Erasmus+'s 100 000 € gives ICLD no euros)."""
    row: dict[str, Any] = {"key": key, "label": label, "projects": len(projects)}
    totals: dict[str, float] = defaultdict(float)
    kind: dict[str, float] = defaultdict(float)
    for p in projects:
        for f in funding.lines(p):
            if f.amount is None or (funder is not None and f.funder != funder):
                continue
            sums = kind if funding.in_kind(f) else totals
            sums[f.amount.currency] += f.amount.value
    for currency in columns.currencies:
        row[f"funding_{currency}"] = _whole(totals.get(currency, 0))
    for currency in columns.in_kind:
        row[f"in_kind_{currency}"] = _whole(kind.get(currency, 0))
    figures = [r for p in projects for r in p.reach]
    if year is None:  # all time: every figure that says what it counts
        reach: dict[ReachUnit, int] = defaultdict(int)
        for figure in figures:
            if figure.unit is not None:
                reach[figure.unit] += figure.count
    else:
        reach = dict(annual.reach_totals(figures, year, year))
    for unit in columns.units:
        row[f"reach_{unit}"] = reach.get(unit, 0)
    return row


#: The heading of the group column, per grouping.
BY_HEADINGS: dict[By, str] = {
    By.PARTNER: N_("Partner"),
    By.COUNTRY: N_("Country"),
    By.UNIT: N_("Unit"),
    By.SDG: N_("Goal"),
    By.THEME: N_("Theme"),
    By.FORM: N_("Form"),
    By.GOAL: N_("Strategic area"),
    By.FUNDER: N_("Funder"),
    By.YEAR: N_("Year"),
    By.KIND: N_("Kind"),
}


def caption(by: By, *, merged_years: str | None = None) -> str | None:
    """What a reader must know before adding up the groups, in the current language; None
    where every project is in exactly one group (kind, unit). `merged_years`: the table
    shows runs of years with the same figures as one row, the first of them this one
    (`merge_same_years`)."""
    if by is By.YEAR:
        said = _(
            "A project counts in every year it ran, with all of its funding, so the years do "
            "not add up to the total; reach counts only figures for that year."
        )
        if merged_years:
            said += " " + _(
                "A row such as {span} stands for each of those years, which all have the same "
                "figures."
            ).format(span=merged_years)
        return said
    if by in (By.KIND, By.UNIT):
        return None
    return _(
        "A project counts in every group it belongs to, so the groups do not add up to the total."
    )


def funding_notes(
    entries: Iterable[Entry[Project]], rows: list[dict[str, Any]], year: int | None = None
) -> list[str]:
    """What a reader must know about the funding columns, in the current language: with a
    year, that they hold each project's whole funding (the annual report counts the money
    granted by the year's decisions); and how many funding lines are not counted, since
    their application is pending or rejected or the work never ran (`domain.funding`)."""
    from intstrat.i18n import ngettext

    said = []
    columns = rows[-1] if rows else {}
    if year is not None and any(k.startswith(("funding_", "in_kind_")) for k in columns):
        said.append(
            _(
                "Funding is each project's whole funding, whatever year it was granted, not "
                "only the money of {year}; the money granted by decisions of {year} is in "
                "'intstrat report {year}'."
            ).format(year=year)
        )
    left = sum(len(funding.unreceived(e.record)) for e in entries)
    if left:
        said.append(
            ngettext(
                "{n} funding line is not counted: its application is pending or rejected, or "
                "the work did not run.",
                "{n} funding lines are not counted: their application is pending or rejected, "
                "or the work did not run.",
                left,
            ).format(n=left)
        )
    return said


def heading(column: str, by: By) -> str:
    """A stats column's heading for people, in the current language (rows keep the keys).

    Two lines where it names a kind (`Funding` over `EUR`), so the table fits a terminal.
    """
    if column == "label":
        return _(BY_HEADINGS[by])
    if column == "projects":
        return _("Projects")
    if column.startswith("funding_"):
        return _("Funding\n{currency}").format(currency=column.removeprefix("funding_"))
    if column.startswith("in_kind_"):
        return _("In kind\n{currency}").format(currency=column.removeprefix("in_kind_"))
    if column.startswith("reach_"):
        unit = column.removeprefix("reach_")
        return _("Reach\n{unit}").format(unit=Words(current_language())(f"reach_unit_{unit}"))
    if column == "reach":
        return _("Reach")
    return column
