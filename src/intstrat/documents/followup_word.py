"""The follow-up as a Word document, through the annual summary's Word writer.

The same page, styles, header and footer, tables and languages as the annual
summary's .docx (`word.Writer`); a section writer per section of
`followup.SECTIONS`, from the same typed context as the templates. Charts are
PNG pictures of the same drawings as the HTML's.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from intstrat.documents.followup import NOTHING, Areas, Cell, Followup, Row
from intstrat.documents.word import Column, Writer, open_document
from intstrat.documents.word import Row as Line
from intstrat.i18n import Words

#: The width of a chart on the page.
CHART_WIDTH_MM = 165


def render_followup_docx(f: Followup, template: Path | None = None) -> bytes:
    writer, t = open_document(f, template)
    if f.strategy_intro:
        writer.paragraph(f.strategy_intro)
    for line in f.basis:
        writer.paragraph(line).runs[0].italic = True

    from intstrat.documents.followup import charts

    pictures = {name: png for name, png in charts(f, png=True).items() if isinstance(png, bytes)}
    for section in f.sections:
        SECTION_WRITERS[section](_Section(writer, f, t, pictures))

    return writer.save()


class _Section:
    """What a section writer needs: the writer, the follow-up, its words, the charts."""

    def __init__(self, w: Writer, f: Followup, t: Words, pictures: dict[str, bytes]) -> None:
        self.w, self.f, self.t, self.pictures = w, f, t, pictures

    def picture(self, name: str) -> None:
        from docx.shared import Mm

        png = self.pictures.get(name)
        if png:
            self.w.picture(png, Mm(CHART_WIDTH_MM))

    def year_columns(self, first: str, previous: bool = False) -> list[Column]:
        """The label, the previous period with `previous` (as the HTML's), the years and
        the period."""
        return [
            Column(first),
            *([Column(self.f.previous_label, numeric=True)] if previous else []),
            *(Column(str(y), numeric=True) for y in self.f.years),
            Column(self.f.period_label, numeric=True, bold=True),
        ]

    def year_line(self, label: str, row: Row, previous: bool = False) -> Line:
        before = [_text(row.previous) if row.previous else NOTHING] if previous else []
        return Line([label, *before, *(_text(c) for c in row.years), _text(row.period)])


def _text(cell: Cell) -> str:
    return "\n".join(cell.values)


def _key_figures(s: _Section) -> None:
    f, t = s.f, s.t
    s.w.heading(f"{t('fu_key_figures')} {f.period_label}", 1)
    s.w.intro(t("fu_key_figures_intro"))
    rows = [
        Line(
            [row.label, _text(row.period)],
            muted=["", f"{f.previous_label}: {'; '.join(row.previous.values)}"]
            if row.previous
            else [],
        )
        for row in f.key_figures
    ]
    s.w.table([Column(t("col_figure")), Column(f.period_label, bold=True)], rows, header=False)


def _trends(s: _Section) -> None:
    f, t = s.f, s.t
    s.w.heading(t("fu_trends"), 1)
    s.w.intro(t("fu_trends_intro"))
    s.picture("trend")
    # The groups in the order of the HTML, the Markdown and the key figures: reach
    # before results.
    if f.reach_lines:
        reach = [Line([r.label, *r.years, r.period]) for r in f.reach_lines]
    else:
        reach = [s.year_line(f.reach.label, f.reach)]
    rows: list[Line] = []
    empty = [""] * (len(f.years) + 1)
    for caption, group in (
        (t("fu_work"), [s.year_line(row.label, row) for row in f.work]),
        (t("fu_applications"), [s.year_line(row.label, row) for row in f.applications]),
        (t("reach"), reach),
        (t("fu_results"), [s.year_line(row.label, row) for row in f.results]),
    ):
        rows.append(Line([caption.upper(), *empty], heads=True))
        rows += group
    # The legend of the table's "–", then how its figures are counted: both under it.
    legend = t("fu_nothing") + (f" {f.unknown_note}" if f.unknown_note else "")
    s.w.table(
        s.year_columns(t("col_figure")),
        rows,
        notes=[legend, f"{t('fu_reach_intro')} {f.reach_others_note}".strip()],
    )


def _areas(s: _Section, areas: Areas, name: str, heading: str, first: str) -> None:
    t = s.t
    s.w.heading(heading, 1)
    s.w.intro(t("fu_areas_intro"))
    if areas.inactive:
        inactive = t("fu_inactive", names=", ".join(areas.inactive))
        s.w.intro(inactive).runs[0].bold = True
    s.picture(name)
    rows: list[Line] = []
    for area in [*areas.areas, *([areas.unassigned] if areas.unassigned else [])]:
        if not area.active:
            rows.append(Line([area.name, *([""] * len(s.f.years)), t("fu_no_activity")]))
            continue
        rows += [
            s.year_line(f"{area.name}: {t('fu_area_running')}", area.running),
            s.year_line(f"{area.name}: {t('fu_area_started')}", area.started),
            s.year_line(f"{area.name}: {t('fu_area_ended')}", area.ended),
        ]
    s.w.table(s.year_columns(first), rows)
    for area in [*areas.areas, *([areas.unassigned] if areas.unassigned else [])]:
        if area.work:
            s.w.heading(area.name, 2)
            s.w.bullets([f"{p.title} {t.aside(p.title, f'{p.kind_label}, {p.owner}, {p.period}')}"
                         for p in area.work])  # fmt: skip


def _forms(s: _Section) -> None:
    _areas(s, s.f.forms, "forms", s.t("forms"), s.t("col_form"))


def _goals(s: _Section) -> None:
    _areas(s, s.f.goals, "goals", s.t("goals"), s.t("col_area"))


def _funding(s: _Section) -> None:
    f, t = s.f, s.t
    s.w.heading(t("fu_funding"), 1)
    s.w.intro(t("fu_funding_intro"))
    funding = f.funding
    if funding.by_funder:
        s.picture("funding")
        before = f.previous_label != ""  # the previous period's column, as in the HTML
        rows = [s.year_line(row.label, row, before) for row in funding.by_funder]
        rows += [
            s.year_line(t("total"), funding.total, before),
            s.year_line(t("fu_eu_total"), funding.eu, before),
        ]
        s.w.table(s.year_columns(t("col_funder"), before), rows)
    else:
        s.w.empty(t("fu_none_granted"))
    if funding.per_resident:
        line = f"{t('fu_per_resident', population=funding.population)}: "
        line += ", ".join(funding.per_resident)
        if funding.eu_per_resident:
            line += f"; {t('fu_eu_per_resident')}: {', '.join(funding.eu_per_resident)}"
        s.w.paragraph(line)
    if funding.unrecorded:
        s.w.paragraph(funding.unrecorded)
    s.w.heading(t("fu_own"), 2)
    s.w.intro(t("fu_own_intro", organisation=f.organisation))
    if funding.own_notes:
        s.w.paragraph("; ".join(funding.own_notes))
    else:
        s.w.empty(t("fu_own_none"))


def _results(s: _Section) -> None:
    t = s.t
    s.w.heading(t("fu_implemented_list"), 1)
    if not s.f.implemented:
        s.w.empty(t("fu_none_implemented"))
        return
    columns = [Column(t("col_result")), Column(t("col_project")), Column(t("col_owner")),
               Column(t("col_date"))]  # fmt: skip
    s.w.table(columns, [Line([r.title, r.project, r.owner, r.date]) for r in s.f.implemented])


def _partners(s: _Section) -> None:
    f, t = s.f, s.t
    s.w.heading(t("partners"), 1)
    s.w.intro(t("fu_partners_intro"))
    if f.partners.active:
        columns = [Column(t("kf_partners")), Column(t("col_country")), Column(t("col_years")),
                   Column(t("col_projects"))]  # fmt: skip
        rows = [
            Line(
                [
                    p.name + (f" ({t('fu_new_tag')})" if p.new else ""),
                    p.country,
                    p.years,
                    "; ".join(p.projects),
                ],
                muted=[p.type_label],
            )
            for p in f.partners.active
        ]
        s.w.table(columns, rows)
    else:
        s.w.empty(t("none_partners"))
    new = f.partners.new.period
    names = ", ".join(source.text for source in new.sources)
    countries = ", ".join(c.name for c in f.partners.countries) or "–"
    s.w.paragraph(
        f"{t('fu_new_partners')}: {new.value}" + (f" ({names})" if names else "")
        + f" · {t('fu_countries')}: {countries}"
    )  # fmt: skip
    s.w.heading(t("fu_dormant"), 2)
    s.w.intro(t("fu_dormant_intro", years=2))
    if f.partners.dormant_items:
        s.w.bullets([
            f"{p.name} ({p.country}; "
            + (t("fu_last_active", year=p.last_active) if p.last_active else t("fu_never_active"))
            + ")"
            for p in f.partners.dormant_items
        ])  # fmt: skip
    else:
        s.w.empty(t("fu_none_dormant"))


def _sdgs(s: _Section) -> None:
    t = s.t
    s.w.heading(t("sdgs"), 1)
    s.w.intro(t("fu_sdgs_intro"))
    if not s.pictures.get("sdgs"):
        s.w.empty(t("none_sdgs"))
        return
    s.picture("sdgs")


def _travel(s: _Section) -> None:
    f, t = s.f, s.t
    assert f.travel is not None
    s.w.heading(t("travel"), 1)
    s.w.intro(f.travel.intro)
    s.w.table(s.year_columns(t("col_figure")), [s.year_line(r.label, r) for r in f.travel.rows])


def _comparison(s: _Section) -> None:
    f, t = s.f, s.t
    s.w.heading(t("fu_comparison"), 1)
    s.w.intro(t("fu_comparison_intro", previous=f.previous_label, period=f.period_label))
    columns = [Column(t("col_figure")), Column(f.previous_label, numeric=True),
               Column(f.period_label, numeric=True, bold=True),
               Column(t("col_change"), numeric=True)]  # fmt: skip
    rows = [
        Line(
            [
                row.label,
                _text(row.previous) if row.previous else "",
                _text(row.period),
                "\n".join(row.change),
            ]
        )
        for row in f.comparison
    ]
    s.w.table(columns, rows)


#: One writer per section of `followup.SECTIONS`.
SECTION_WRITERS: dict[str, Callable[[_Section], None]] = {
    "key_figures": _key_figures,
    "trends": _trends,
    "forms": _forms,
    "goals": _goals,
    "funding": _funding,
    "results": _results,
    "partners": _partners,
    "sdgs": _sdgs,
    "travel": _travel,
    "comparison": _comparison,
}
