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

from intstrat.documents.report import ProjectItem, Report
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

    for section in report.sections:
        SECTION_WRITERS[section](document, report, t)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _key_figures(document: Any, report: Report, t: Words) -> None:
    document.add_heading(t("key_figures"), level=1)
    rows = [[f.label, f.value, ", ".join(f.details)] for f in report.key_figures]
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
        headers = ["col_project", "col_owner", "col_funder", "col_amount", "col_submitted",
                   "col_outcome"]  # fmt: skip
        rows = [
            [a.project, a.owner, a.funder, a.amount, a.submitted,
             a.outcome_label + (f" ({a.decided})" if a.decided else "")]
            for a in report.applications
        ]  # fmt: skip
        _table(document, [t(h) for h in headers], rows)
    else:
        _empty(document, t("none_applications"))


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


def _units(document: Any, report: Report, t: Words) -> None:
    document.add_heading(t("units"), level=1)
    for unit in report.units:
        document.add_heading(f"{unit.name} ({unit.type_label})", level=2)
        contact = (
            f"{unit.contact.name}" + (f", {unit.contact.email}" if unit.contact.email else "")
            if unit.contact
            else t("no_contact")
        )
        document.add_paragraph(f"{t('contact')}: {contact}")
        if unit.projects or unit.applications or unit.results:
            document.add_paragraph(
                t("unit_line", projects=len(unit.projects), applications=len(unit.applications),
                  results=len(unit.results))
            )  # fmt: skip
            bullet = _style(document, ("List Bullet",))
            for p in unit.projects:
                suffix = f", {t('finished')}" if p.finished else ""
                text = f"{p.title} ({p.kind_label}, {p.period}{suffix})"
                document.add_paragraph(text if bullet else f"• {text}", style=bullet)
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
    document.add_paragraph(t("travel_intro"))
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
