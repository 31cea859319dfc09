"""The audit trail of a report's key figures: `intstrat report YEAR --explain`, and of
every figure of a follow-up: `intstrat followup 2023-2026 --explain`.

Prints, for each key figure, its rule and the record lines (file:line) it was
computed from, so the coordinator can answer "where does 8 come from?". It
only formats `Figure.sources`, which are what the figure's value was computed
from (see `report._count_figure` and `report._sum_figure`): the explanation
and the document cannot disagree.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from intstrat.documents.report import Figure, Report, Source
from intstrat.errors import UsageError
from intstrat.formats import DocumentFormat
from intstrat.i18n import Words, _
from intstrat.loading.repository import Locator

if TYPE_CHECKING:  # only types: a report's run need not import the follow-up (13 ms)
    from intstrat.documents.followup import Cell, Followup
    from intstrat.documents.followup import Source as FollowupSource

ExplainFormat = Literal["text", "json"]


def explain(report: Report, fmt: ExplainFormat = "text") -> str:
    """The key figures of `report` with their sources, as text or JSON."""
    if fmt == "json":
        return explain_json(report)
    return explain_text(report)


def explain_or_render(
    report: Report,
    fmt: DocumentFormat,
    repo_root: Path | None,
    template: str | None,
    explain_figures: bool,
    as_json: bool,
) -> str | bytes:
    """The report in `fmt`, or with `explain_figures` its audit trail (JSON with `as_json`)."""
    check_options(fmt, template, explain_figures, as_json)
    if not explain_figures:
        from intstrat.documents.render import render

        return render(report, fmt, repo_root, template)
    return explain(report, "json" if as_json else "text")


def check_options(
    fmt: DocumentFormat, template: str | None, explain_figures: bool, as_json: bool
) -> None:
    """Refuse --json without --explain, and --explain with a document's format or template."""
    if as_json and not explain_figures:
        raise UsageError(_("--json goes with --explain; for the document use --format"))
    if explain_figures and (fmt is not DocumentFormat.MD or template is not None):
        raise UsageError(
            _("--explain prints text (or JSON with --json); leave out --format {fmt} and "
              "--template").format(fmt=fmt)
        )  # fmt: skip


def explain_json(report: Report) -> str:
    data = {
        "year": report.year,
        "organisation": report.organisation,
        "unit": report.unit.id if report.unit else None,
        "lang": report.lang,
        "figures": [
            {
                "key": f.key,
                "label": f.label,
                "value": f.value,
                "values": f.values,
                "details": f.details,
                "rule": f.rule,
                "sources": [s.as_dict() for s in f.sources],
            }
            for f in report.key_figures
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _where(source: Source) -> str:
    return f"{source.path}:{source.line}"


def _listing(sources: list[Source], width: int) -> list[str]:
    """Sources numbered by the thing they count, so the numbers add up to the figure.

    A thing named by several lines (a partner in three projects) gets one number
    and its lines beneath it.
    """
    groups: dict[str, list[Source]] = {}
    for source in sources:
        groups.setdefault(source.key, []).append(source)
    lines = []
    for n, group in enumerate(groups.values(), 1):
        first = group[0]
        if len(group) == 1:
            note = f" – {first.note}" if first.note else ""
            lines.append(f"  {n:>3}. {_where(first):<{width}}  {first.text}{note}")
            continue
        lines.append(f"  {n:>3}. {first.text}")
        for source in group:
            note = f" – {source.note}" if source.note else ""
            lines.append(f"       {_where(source):<{width}}  {note.removeprefix(' – ')}")
    return lines


def _figure(figure: Figure, t: Words) -> list[str]:
    lines = [f"{figure.label}: {figure.value}"]
    if figure.details:
        lines.append(f"  ({'; '.join(figure.details)})")
    if figure.rule:
        lines.append(f"  {t('explain_rule')}: {figure.rule}")
    counted = [s for s in figure.sources if s.counted]
    others = [s for s in figure.sources if not s.counted]
    width = max((len(_where(s)) for s in figure.sources), default=0)
    if not figure.sources:
        lines.append(f"  ({t('explain_none')})")
    lines += _listing(counted, width)
    if others:
        lines.append(f"  {t('explain_not_counted')}:")
        lines += _listing(others, width)
    return lines


def explain_text(report: Report) -> str:
    t = Words(report.lang)
    out = [
        t("explain_title", year=report.year),
        f"{report.organisation} · {report.subtitle}",
        t("explain_intro"),
    ]
    for figure in report.key_figures:
        out.append("")
        out += _figure(figure, t)
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------- the follow-up


def _traced(sources: list[FollowupSource], locator: Locator) -> list[Source]:
    """The follow-up's sources with their line numbers, looked up now (see `followup`)."""
    return [
        Source(
            path=s.path,
            loc=s.loc,
            locator=locator,
            key=s.key,
            text=s.text,
            note=s.note,
            counted=s.counted,
            amount=s.amount,
            measure=s.measure,
        )
        for s in sources
    ]


def explain_followup(followup: Followup, locator: Locator, fmt: ExplainFormat = "text") -> str:
    """Every figure of the follow-up, year by year, with the record lines it came from."""
    if fmt == "json":
        return _followup_json(followup, locator)
    t = Words(followup.lang)
    out = [
        t("fu_explain_title", period=followup.period_label),
        f"{followup.organisation} · {followup.subtitle}",
        *followup.basis,
        t("fu_explain_intro"),
    ]
    years = [str(y) for y in followup.years]
    for row in followup.figures():
        out += ["", f"{row.label}", f"  {t('explain_rule')}: {row.rule}"]
        for year, cell in zip(years if row.years else [], row.years, strict=True):
            if not cell.known:
                out.append(f"{year}: {cell.value} ({t('fu_unknown_year')})")
                continue
            figure = Figure(f"{year}", cell.value, sources=_traced(cell.sources, locator))
            out += _figure(figure, t)
        if row.own_period or not row.years:
            period = Figure(followup.period_label, row.period.value,
                            sources=_traced(row.period.sources, locator))  # fmt: skip
            out += _figure(period, t)
        else:
            out.append(f"{followup.period_label}: {row.period.value} ({t('fu_explain_union')})")
        if row.previous is not None:
            previous = Figure(
                f"{followup.previous_label} ({t('fu_explain_previous')})",
                row.previous.value,
                sources=_traced(row.previous.sources, locator),
            )
            out += _figure(previous, t)
    return "\n".join(out) + "\n"


def _cell_json(cell: Cell, locator: Locator) -> dict[str, object]:
    return {
        "value": cell.value,
        "values": cell.values,
        "totals": cell.totals,
        "known": cell.known,
        "sources": [s.as_dict() for s in _traced(cell.sources, locator)],
    }


def _followup_json(followup: Followup, locator: Locator) -> str:
    data = {
        "first": followup.first,
        "last": followup.last,
        "organisation": followup.organisation,
        "lang": followup.lang,
        "as_of": followup.as_of.isoformat() if followup.as_of else None,
        "basis": followup.basis,
        "previous": followup.previous_label or None,
        "figures": [
            {
                "key": row.key,
                "label": row.label,
                "rule": row.rule,
                "years": {
                    str(year): _cell_json(cell, locator)
                    for year, cell in zip(
                        followup.years if row.years else [], row.years, strict=True
                    )
                },
                "period": _cell_json(row.period, locator),
                "previous": _cell_json(row.previous, locator) if row.previous else None,
                "change": row.change,
            }
            for row in followup.figures()
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
