"""The audit trail of a report's key figures: `intstrat report YEAR --explain`.

Prints, for each key figure, its rule and the record lines (file:line) it was
computed from, so the coordinator can answer "where does 8 come from?". It
only formats `Figure.sources`, which are what the figure's value was computed
from (see `report._count_figure` and `report._sum_figure`): the explanation
and the document cannot disagree.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Literal

from intstrat.documents.report import Figure, Report, Source
from intstrat.errors import UsageError
from intstrat.formats import DocumentFormat
from intstrat.i18n import Words, _

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
    if as_json and not explain_figures:
        raise UsageError(_("--json goes with --explain; for the document use --format"))
    if not explain_figures:
        from intstrat.documents.render import render

        return render(report, fmt, repo_root, template)
    if fmt is not DocumentFormat.MD or template is not None:
        raise UsageError(
            _("--explain prints text (or JSON with --json); leave out --format {fmt} and "
              "--template").format(fmt=fmt)
        )  # fmt: skip
    return explain(report, "json" if as_json else "text")


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
                "sources": [asdict(s) for s in f.sources],
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
