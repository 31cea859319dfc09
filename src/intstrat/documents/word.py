"""The annual summary as a Word document (python-docx), to paste into the annual report.

Real headings (Heading 1-3, so Word's navigation pane and table of contents
work) and real tables, built from the same typed context as the templates.
A municipality's own .docx can be given as the template: its styles, page
setup, headers and footers are kept and the summary is added after its content.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from intstrat.documents.report import ApplicationItem, Breakdown, ProjectItem, Report
from intstrat.errors import UsageError
from intstrat.i18n import Words


def render_docx(report: Report, template: Path | None = None) -> bytes:
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError
    from docx.shared import Pt

    try:
        document = Document(str(template)) if template else Document()
    except (PackageNotFoundError, ValueError, KeyError) as exc:
        raise UsageError(f"{template} is not a Word document (.docx): {exc}") from None
    t = Words(report.lang)
    if template is None:
        document.styles["Normal"].font.name = "Calibri"
        document.styles["Normal"].font.size = Pt(10.5)
    core = document.core_properties
    core.title = f"{report.title} – {report.organisation}"
    core.language = report.lang
    document.add_heading(report.title, level=0)
    document.add_paragraph(f"{report.organisation} · {report.subtitle} · {report.compiled}")
    if report.vision:
        _quote(document, report.vision)
    if report.strategy:
        document.add_paragraph(report.strategy.intro)
        if report.strategy.reporting:
            document.add_paragraph(t("strategy_reporting"))
            _quote(document, report.strategy.reporting)

    for section in report.sections:
        SECTION_WRITERS[section](document, report, t)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _key_figures(document: Any, report: Report, t: Words) -> None:
    document.add_heading(t("key_figures"), level=1)
    rows = [[f.label, "\n".join(f.values), "; ".join(f.details)] for f in report.key_figures]
    _table(document, ["", "", ""], rows, header=False)


def _eu_projects(document: Any, report: Report, t: Words) -> None:
    document.add_heading(t("eu_projects"), level=1)
    document.add_paragraph(t("eu_projects_intro"))
    _projects(document, t, report.eu_projects, "none_eu")


def _other_projects(document: Any, report: Report, t: Words) -> None:
    document.add_heading(t("other_projects"), level=1)
    document.add_paragraph(t("other_projects_intro"))
    _projects(document, t, report.other_projects, "none_other")


def _applications(document: Any, report: Report, t: Words) -> None:
    document.add_heading(t("applications"), level=1)
    document.add_paragraph(t("applications_intro"))
    if report.applications:
        _application_table(document, t, report.applications, "col_outcome")
    else:
        _empty(document, t("none_applications"))
    if report.earlier_decisions:
        document.add_heading(t("earlier_decisions"), level=2)
        _application_table(document, t, report.earlier_decisions, "col_decision")


def _application_table(
    document: Any, t: Words, items: Sequence[ApplicationItem], outcome_header: str
) -> None:
    headers = ["col_project", "col_owner", "col_funder", "col_amount", "col_submitted",
               outcome_header]  # fmt: skip
    rows = [
        [a.project, a.owner, a.funder, a.amount, a.submitted,
         a.decision + (f" ({a.decided})" if a.decided else "")]
        for a in items
    ]  # fmt: skip
    _table(document, [t(h) for h in headers], rows)


def _other_work(document: Any, report: Report, t: Words) -> None:
    document.add_heading(t("other_work"), level=1)
    document.add_paragraph(t("other_work_intro"))
    _projects(document, t, report.other_work, "none_other_work")


def _results(document: Any, report: Report, t: Words) -> None:
    document.add_heading(t("results"), level=1)
    document.add_paragraph(t("results_intro"))
    if report.results:
        headers = ["col_result", "col_project", "col_date", "col_implemented"]
        rows = [
            [r.title, r.project, r.date, t("yes") if r.implemented else t("no")]
            for r in report.results
        ]
        _table(document, [t(h) for h in headers], rows)
    else:
        _empty(document, t("none_results"))


def _bullets(document: Any, lines: Sequence[str]) -> None:
    bullet = _style(document, ("List Bullet",))
    for text in lines:
        document.add_paragraph(text if bullet else f"• {text}", style=bullet)


def _area_breakdown(document: Any, t: Words, breakdown: Breakdown, unassigned: str) -> None:
    for area in breakdown.areas:
        document.add_heading(area.name, level=2)
        if area.description:
            document.add_paragraph(area.description)
        if area.projects:
            _bullets(document, [f"{p.title} ({p.kind_label}, {p.owner}, {p.period})"
                                for p in area.projects])  # fmt: skip
        else:
            _empty(document, t("none_area"))
    if breakdown.unassigned:
        document.add_heading(t(unassigned), level=2)
        _bullets(document, [f"{p.title} ({p.kind_label}, {p.owner})" for p in breakdown.unassigned])


def _forms(document: Any, report: Report, t: Words) -> None:
    document.add_heading(t("forms"), level=1)
    document.add_paragraph(t("forms_intro"))
    _area_breakdown(document, t, report.forms, "unassigned_forms")


def _goals(document: Any, report: Report, t: Words) -> None:
    document.add_heading(t("goals"), level=1)
    document.add_paragraph(t("goals_intro"))
    _area_breakdown(document, t, report.goals, "unassigned_goals")


def _reach(document: Any, report: Report, t: Words) -> None:
    document.add_heading(t("reach"), level=1)
    document.add_paragraph(t("reach_intro"))
    if report.reach:
        headers = ["col_project", "col_count", "col_who", "col_span", "col_counted"]
        rows = [
            [p.title if i == 0 else "", r.count_text,
             r.who + (f" ({r.unit_label})" if r.unit_label else ""), r.span or "–",
             t("yes") if r.counted else f"{t('no')} ({r.note})"]
            for p in report.reach
            for i, r in enumerate(p.reach)
        ]  # fmt: skip
        _table(document, [t(h) for h in headers], rows)
    else:
        _empty(document, t("none_reach"))


def _units(document: Any, report: Report, t: Words) -> None:
    document.add_heading(t("units"), level=1)
    if report.units_intro:
        document.add_paragraph(report.units_intro)
    for unit in report.units:
        document.add_heading(f"{unit.name} ({unit.type_label})", level=2)
        if unit.contact:
            email = f", {unit.contact.email}" if unit.contact.email else ""
            document.add_paragraph(f"{t('contact')}: {unit.contact.name}{email}")
        else:
            document.add_paragraph().add_run(t("no_contact")).bold = True
        if unit.projects or unit.applications or unit.results:
            document.add_paragraph(
                t("unit_line", projects=len(unit.projects), applications=len(unit.applications),
                  results=len(unit.results))
            )  # fmt: skip
            if unit.projects:
                document.add_heading(t("unit_projects"), level=3)
                _bullets(document, [
                    f"{p.title} ({p.kind_label}, {p.period}"
                    + (f", {t('finished')})" if p.finished else ")")
                    for p in unit.projects
                ])  # fmt: skip
            if unit.applications:
                document.add_heading(t("unit_applications"), level=3)
                _bullets(document, [
                    f"{a.project} ({a.funder}" + (f", {a.amount}" if a.amount else "")
                    + f"; {a.decision})"
                    for a in unit.applications
                ])  # fmt: skip
            if unit.results:
                document.add_heading(t("unit_results"), level=3)
                implemented = t("col_implemented").lower()
                _bullets(document, [
                    f"{r.title} ({r.date}" + (f", {implemented})" if r.implemented else ")")
                    for r in unit.results
                ])  # fmt: skip
        else:
            _empty(document, t("none_unit"))


def _partners(document: Any, report: Report, t: Words) -> None:
    document.add_heading(t("partners"), level=1)
    document.add_paragraph(t("partners_intro"))
    if report.partners:
        headers = ["kf_partners", "col_country", "col_type", "col_projects"]
        rows = [[p.name, p.country, p.type_label, "; ".join(p.projects)] for p in report.partners]
        _table(document, [t(h) for h in headers], rows)
    else:
        _empty(document, t("none_partners"))


def _sdgs(document: Any, report: Report, t: Words) -> None:
    document.add_heading(t("sdgs"), level=1)
    document.add_paragraph(t("sdgs_intro"))
    covered = [g for g in report.sdgs if g.count]
    if covered:
        from docx.shared import Cm

        from intstrat.documents.charts import sdg_chart_png

        png = sdg_chart_png(report.sdgs, t("col_count"))
        document.add_picture(io.BytesIO(png), width=Cm(16))
        _table(
            document,
            [t("col_goal"), t("col_count")],
            [[f"{g.number}. {g.title}", str(g.count)] for g in covered],
        )
    else:
        _empty(document, t("none_sdgs"))


def _travel(document: Any, report: Report, t: Words) -> None:
    document.add_heading(t("travel"), level=1)
    document.add_paragraph(report.travel.intro)
    travel = report.travel
    if travel.trips:
        document.add_paragraph(
            t("trips_line", trips=len(travel.trips), travellers=travel.travellers,
              flights=travel.flights, compensated=travel.compensated,
              uncompensated=travel.uncompensated)
        )  # fmt: skip
        headers = ["col_date", "col_destination", "col_travellers", "col_flight",
                   "col_compensated", "col_project"]  # fmt: skip
        rows = [
            [trip.date, trip.destination + (f" ({trip.place})" if trip.place else ""),
             str(trip.travellers), t("yes") if trip.flight else t("no"),
             (t("yes") if trip.compensated else t("no")) if trip.flight else "–", trip.project]
            for trip in travel.trips
        ]  # fmt: skip
        _table(document, [t(h) for h in headers], rows)
    else:
        _empty(document, t("none_travel"))


#: One writer per report section, drawn in the order of `Report.sections`.
SECTION_WRITERS: dict[str, Callable[[Any, Report, Words], None]] = {
    "key_figures": _key_figures,
    "eu_projects": _eu_projects,
    "other_projects": _other_projects,
    "applications": _applications,
    "other_work": _other_work,
    "results": _results,
    "forms": _forms,
    "goals": _goals,
    "reach": _reach,
    "units": _units,
    "partners": _partners,
    "sdgs": _sdgs,
    "travel": _travel,
}


def _projects(document: Any, t: Words, items: Sequence[ProjectItem], empty: str) -> None:
    if not items:
        _empty(document, t(empty))
        return
    headers = ["col_project", "col_owner", "col_partners", "col_period", "col_funding"]
    rows = [
        [
            p.title + (f" ({t('finished')})" if p.finished else ""),
            p.owner,
            ", ".join(partner.label for partner in p.partners),
            p.period,
            ", ".join(p.funding or p.funders),
        ]
        for p in items
    ]
    _table(document, [t(h) for h in headers], rows)


def _table(
    document: Any, headers: list[str], rows: list[list[str]], *, header: bool = True
) -> None:
    table = document.add_table(rows=0, cols=len(headers))
    table.style = _style(document, ("Light Grid Accent 1", "Table Grid"))
    if header:
        cells = table.add_row().cells
        for cell, text in zip(cells, headers, strict=True):
            cell.text = text
            for run in cell.paragraphs[0].runs:
                run.bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    document.add_paragraph()


def _style(document: Any, names: Sequence[str]) -> Any:
    """The first table style the document has: a municipality's template may lack some."""
    available = {s.name for s in document.styles}
    for name in names:
        if name in available:
            return document.styles[name]
    return None


def _quote(document: Any, text: str) -> None:
    style = _style(document, ("Quote", "Intense Quote"))
    paragraph = document.add_paragraph(text)
    if style is not None:
        paragraph.style = style


def _empty(document: Any, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.add_run(text).italic = True
