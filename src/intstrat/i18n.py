"""Words and formats for people: Swedish by default, English on request.

Numbers, amounts, dates and country names come from Babel (CLDR data), never
from hand-written rules. The fixed words of documents are in `STRINGS`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from intstrat.format.values import Language, LocalText, PartialDate, Period


def _(message: str) -> str:
    """Mark a message people read for translation; returns it in the current language.

    The message catalogue (gettext, issue 10) is being wired in: write messages in
    English, fill in values after translating (`_("no unit {unit}").format(unit=x)`),
    never an f-string inside `_()`.
    """
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """`_()` for a message that depends on a count."""
    return singular if n == 1 else plural


#: Babel locale per output language: Swedish as in Sweden, English as in Europe.
LOCALES: dict[str, str] = {"sv": "sv_SE", "en": "en_GB"}

STRINGS: dict[str, tuple[str, str]] = {
    # (Swedish, English)
    "report_title": ("Internationellt arbete {year}", "International work {year}"),
    "report_subtitle": ("Årlig sammanställning", "Annual summary"),
    "unit_subtitle": ("Årlig sammanställning för {unit}", "Annual summary for {unit}"),
    "compiled": ("Sammanställd {date}", "Compiled {date}"),
    "contents": ("Innehåll", "Contents"),
    "key_figures": ("Nyckeltal", "Key figures"),
    "eu_projects": ("EU-projekt", "EU projects"),
    "eu_projects_intro": (
        "EU-finansierade projekt som pågick eller avslutades under året.",
        "EU-funded projects that ran or ended during the year.",
    ),
    "other_projects": (
        "Andra internationella projekt och förstudier",
        "Other international projects and pre-studies",
    ),
    "other_projects_intro": (
        "Projekt och förstudier med annan finansiering som pågick eller avslutades under året.",
        "Projects and pre-studies with other funding that ran or ended during the year.",
    ),
    "applications": ("Inlämnade ansökningar", "Applications submitted"),
    "applications_intro": (
        "Ansökningar om extern finansiering som lämnades in under året, med utfall.",
        "Applications for external funding submitted during the year, with their outcome.",
    ),
    "other_work": ("Övrigt internationellt arbete", "Other international work"),
    "other_work_intro": (
        "Nätverk, konferenser, studiebesök och utbildningar under året.",
        "Networks, conferences, study visits and training during the year.",
    ),
    "results": ("Resultat", "Results"),
    "results_intro": (
        "Resultat som det internationella arbetet gav under året. Implementerade resultat, som "
        "blivit en del av den ordinarie verksamheten, står först.",
        "Results the international work gave during the year. Implemented results, now part "
        "of ordinary work, come first.",
    ),
    "units": ("Per förvaltning och bolag", "By department and company"),
    "partners": ("Samarbetspartner", "Partners"),
    "partners_intro": (
        "Partner i projekt och annat arbete under året.",
        "Partners in projects and other work during the year.",
    ),
    "sdgs": ("Globala målen (Agenda 2030)", "Sustainable Development Goals (Agenda 2030)"),
    "sdgs_intro": (
        "Antal projekt och aktiviteter under året som bidrar till respektive mål.",
        "Number of projects and activities during the year contributing to each goal.",
    ),
    "sdg_chart_alt": (
        "Stapeldiagram: antal projekt per globalt mål {year}",
        "Bar chart: number of projects per Sustainable Development Goal {year}",
    ),
    "travel": ("Resor och klimatkompensation", "Travel and climate compensation"),
    "travel_intro": (
        "Resor ska enligt strategin minimeras och flygresor klimatkompenseras.",
        "The strategy says travel is minimised and flights are climate-compensated.",
    ),
    # Empty sections say so.
    "none_eu": ("Inga EU-projekt pågick under året.", "No EU projects ran during the year."),
    "none_other": ("Inga andra internationella projekt eller förstudier pågick under året.",
                   "No other international projects or pre-studies ran during the year."),
    "none_applications": (
        "Inga ansökningar lämnades in under året.",
        "No applications were submitted during the year.",
    ),
    "none_other_work": ("Inget övrigt internationellt arbete rapporterades för året.",
                        "No other international work was reported for the year."),
    "none_results": (
        "Inga resultat rapporterades för året.",
        "No results were reported for the year.",
    ),
    "none_partners": (
        "Inga partner var aktiva under året.",
        "No partners were active during the year.",
    ),
    "none_sdgs": ("Inga projekt under året är kopplade till de globala målen.",
                  "No projects during the year are linked to the Sustainable Development Goals."),
    "none_travel": ("Inga resor rapporterades för året.", "No trips were reported for the year."),
    "none_unit": ("Inget internationellt arbete rapporterades för året.",
                  "No international work was reported for the year."),
    # Key figures.
    "kf_projects": ("Projekt, förstudier och aktiviteter", "Projects, pre-studies and activities"),
    "kf_finished": ("varav avslutade under året", "of which finished during the year"),
    "kf_partners": ("Partner", "Partners"),
    "kf_countries": ("Länder", "Countries"),
    "kf_units": ("Förvaltningar och bolag", "Departments and companies"),
    "kf_applications": ("Inlämnade ansökningar", "Applications submitted"),
    "kf_granted": (
        "Beviljad extern finansiering (beslut under året)",
        "External funding granted (decided during the year)",
    ),
    "kf_reach": (
        "Deltagare och målgrupp (angiven räckvidd)",
        "Participants and target groups (reported reach)",
    ),
    "kf_results": ("Resultat", "Results"),
    "kf_implemented": ("varav implementerade", "of which implemented"),
    "kf_sdgs": ("Globala mål som berörs", "Sustainable Development Goals covered"),
    "kf_trips": ("Resor", "Trips"),
    # Column headings and labels.
    "col_project": ("Projekt", "Project"),
    "col_owner": ("Ansvarig", "Owner"),
    "col_partners": ("Partner", "Partners"),
    "col_period": ("Period", "Period"),
    "col_funder": ("Finansiär", "Funder"),
    "col_funding": ("Finansiering", "Funding"),
    "col_amount": ("Belopp", "Amount"),
    "col_submitted": ("Inlämnad", "Submitted"),
    "col_decided": ("Beslut", "Decided"),
    "col_outcome": ("Utfall", "Outcome"),
    "col_kind": ("Typ", "Kind"),
    "col_result": ("Resultat", "Result"),
    "col_date": ("Datum", "Date"),
    "col_implemented": ("Implementerat", "Implemented"),
    "col_country": ("Land", "Country"),
    "col_type": ("Typ", "Type"),
    "col_projects": ("Projekt", "Projects"),
    "col_goal": ("Mål", "Goal"),
    "col_count": ("Antal", "Count"),
    "col_destination": ("Resmål", "Destination"),
    "col_travellers": ("Resenärer", "Travellers"),
    "col_flight": ("Flyg", "Flight"),
    "col_compensated": ("Klimatkompenserat", "Compensated"),
    "col_since": ("Partner sedan", "Partner since"),
    "finished": ("avslutat under året", "finished during the year"),
    "ongoing": ("pågår", "ongoing"),
    "yes": ("ja", "yes"),
    "no": ("nej", "no"),
    "contact": ("Kontaktperson", "Contact person"),
    "no_contact": ("ingen kontaktperson angiven", "no contact person given"),
    "reach": ("Räckvidd", "Reach"),
    "staff_time": ("egen personaltid", "own staff time"),
    "own": ("egen finansiering", "own funding"),
    "trips_line": (
        "Resor: {trips} · resenärer: {travellers} · med flyg: {flights}, varav "
        "klimatkompenserade: {compensated}, inte kompenserade: {uncompensated}",
        "Trips: {trips} · travellers: {travellers} · by air: {flights}, of which "
        "climate-compensated: {compensated}, not compensated: {uncompensated}",
    ),
    "unit_line": (
        "Projekt och aktiviteter: {projects} · ansökningar: {applications} · resultat: {results}",
        "Projects and activities: {projects} · applications: {applications} · results: {results}",
    ),
    "page": ("Sida", "Page"),
    "total": ("Totalt", "Total"),
    # The brochure.
    'br_title': ('Internationella partnerskap', 'International partnerships'),
    'br_about': (
        'Om {organisation}s internationella engagemang',
        'About the international engagement of {organisation}',
    ),
    'br_in_figures': ('Engagemanget i korthet', 'The engagement in brief'),
    'br_projects_count': ('{n} projekt och förstudier', '{n} projects and pre-studies'),
    'br_example_themes': ('Exempel på projektteman: {themes}', 'Example themes: {themes}'),
    'br_funding_own': (
        'Finansiering via {funders}, där {organisation}s bidrag består av personalens '
        'arbetstid',
        "Funded through {funders}; {organisation} contributes its staff's working time",
    ),
    'br_funding': ('Finansiering via {funders}', 'Funded through {funders}'),
    'br_cooperation_with': ('Samarbetet med {name}', 'The cooperation with {name}'),
    'br_inhabitants': ('{n} invånare', '{n} inhabitants'),
    'br_since': ('Partner sedan {year}', 'Partner since {year}'),
    'br_partner_projects': ('{n} projekt', '{n} projects'),
    'br_results': ('Positiva resultat för {organisation}', 'Positive results for {organisation}'),
    'br_results_intro': (
        'Projektresultat som har implementerats inom {organisation}',
        'Project results implemented within {organisation}',
    ),
    'br_example': ('Projektexempel {n}', 'Project example {n}'),
    'br_in_short': ('Kort om projektet', 'In short'),
    'br_owner': ('Projektägare: {owner}', 'Project owner: {owner}'),
    'br_period': ('Genomförande, {period}', 'Carried out {period}'),
    'br_sdg_focus': ('Fokus på mål {goals}, Agenda 2030', 'Focus on goal {goals} of Agenda 2030'),
    'br_result': ('Resultat: {results}', 'Result: {results}'),
    'br_purpose': ('Projektets syfte och resultat', 'Purpose and results'),
    'br_contact': ('Kontakt', 'Contact'),
    'br_no_results': (
        'Inga implementerade resultat är registrerade ännu.',
        'No implemented results are recorded yet.',
    ),
    'br_no_featured': (
        'Inga projekt är markerade som exempel (featured: true).',
        'No projects are marked as examples (featured: true).',
    ),
    # `show`.
    'show_kind': ('Typ', 'Kind'),
    'show_status': ('Status', 'Status'),
    'show_owner': ('Ansvarig', 'Owner'),
    'show_period': ('Period', 'Period'),
    'show_partners': ('Partner', 'Partners'),
    'show_application': ('Ansökan', 'Application'),
    'show_funding': ('Finansiering', 'Funding'),
    'show_sdgs': ('Globala mål', 'SDGs'),
    'show_themes': ('Teman', 'Themes'),
    'show_contact': ('Kontakt', 'Contact'),
    'show_summary': ('Sammanfattning', 'Summary'),
    'show_purpose': ('Syfte och resultat', 'Purpose and results'),
    'show_reach': ('Räckvidd', 'Reach'),
    'show_results': ('Resultat', 'Results'),
    'show_quotes': ('Citat', 'Quotes'),
    'show_travel': ('Resor', 'Travel'),
    'show_country': ('Land', 'Country'),
    'show_type': ('Typ', 'Type'),
    'show_area': ('Yta', 'Area'),
    'show_population': ('Invånare', 'Population'),
    'show_website': ('Webbplats', 'Website'),
    'show_since': ('Partner sedan', 'Partner since'),
    'show_projects': ('Projekt', 'Projects'),
    'show_description': ('Beskrivning', 'Description'),
    # Questions of `intstrat new`.
    "ask_title": ("Projektets namn", "Title of the project"),
    "ask_kind": ("Typ ({options})", "Kind ({options})"),
    "ask_status": ("Status ({options})", "Status ({options})"),
    "ask_owner": ("Ansvarig förvaltning eller bolag ({options})", "Owning unit ({options})"),
    "ask_partners": ("Partner, kommaseparerade ({options}; tomt för inga)",
                     "Partners, comma-separated ({options}; empty for none)"),
    "ask_start": ("Start (år, år-månad eller datum, t.ex. 2024 eller 2024-03; tomt om okänt)",
                  "Start (year, year-month or date, e.g. 2024 or 2024-03; empty if unknown)"),
    "ask_end": ("Slut (tomt om det pågår)", "End (empty while it runs)"),
    "ask_sdgs": ("Globala mål 1-17, kommaseparerade (tomt för inga)",
                 "Sustainable Development Goals 1-17, comma-separated (empty for none)"),
    "ask_id": ("Id (filnamn)", "Id (file name)"),
    "ask_name": ("Partnerns namn", "Name of the partner"),
    "ask_type": ("Typ ({options})", "Type ({options})"),
    "ask_country": (
        "Land, tvåbokstavskod (t.ex. ZA, XK)",
        "Country, two-letter code (e.g. ZA, XK)",
    ),
    "ask_since": ("Partner sedan (år; tomt om okänt)", "Partner since (year; empty if unknown)"),
    "wrote_new": ("Skapade {path}. Kontrollera med: intstrat check",
                  "Created {path}. Check it with: intstrat check"),
    "department": ("förvaltning", "department"),
    "company": ("bolag", "company"),
    "kind_project": ("projekt", "project"),
    "kind_prestudy": ("förstudie", "pre-study"),
    "kind_network": ("nätverk", "network"),
    "kind_activity": ("aktivitet", "activity"),
    "outcome_pending": ("väntar på beslut", "pending"),
    "outcome_granted": ("beviljad", "granted"),
    "outcome_rejected": ("avslag", "rejected"),
    "ptype_municipality": ("kommun", "municipality"),
    "ptype_region": ("region", "region"),
    "ptype_university": ("universitet", "university"),
    "ptype_organisation": ("organisation", "organisation"),
    "ptype_network": ("nätverk", "network"),
    "ptype_company": ("företag", "company"),
}  # fmt: skip


@dataclass(frozen=True)
class Words:
    """Everything language-dependent that templates and renderers need."""

    lang: Language

    @property
    def locale(self) -> str:
        return LOCALES[self.lang]

    def __call__(self, key: str, **values: Any) -> str:
        """The fixed text `key` in this language, with `{placeholders}` filled in."""
        sv, en = STRINGS[key]
        text = sv if self.lang == "sv" else en
        return text.format(**values) if values else text

    def text(self, value: LocalText | None) -> str:
        return value.get(self.lang) if value is not None else ""

    def number(self, value: float) -> str:
        """`250 000` in Swedish, `250,000` in English."""
        from babel.numbers import format_decimal

        return format_decimal(value, locale=self.locale)

    def money(self, value: float, currency: str) -> str:
        """`1 200 000 kr`, `250 000 €`, `€250,000`: whole units in the locale's pattern."""
        from babel.numbers import format_currency

        pattern = _whole_currency_pattern(self.locale)
        return format_currency(
            round(value), currency, format=pattern, locale=self.locale, currency_digits=False
        )

    def country(self, code: str) -> str:
        """`Sydafrika` / `South Africa`; Kosovo (XK) included."""
        return _territories(self.locale).get(code, code)

    def date(self, value: PartialDate) -> str:
        """`2017`, `mars 2017` / `March 2017`, `15 mars 2017` / `15 March 2017`."""
        from babel.dates import format_date

        if not value.month:
            return str(value.year)
        if not value.day:
            return format_date(value.first_day, "LLLL y", locale=self.locale)
        return format_date(value.first_day, "long", locale=self.locale)

    def period(self, value: Period | None) -> str:
        """`2018–2021`, `mars 2021 – juni 2023`, `2022–` (still running)."""
        if value is None:
            return ""
        start = self.date(value.start)
        if value.end is None:
            return f"{start}–" if " " not in start else f"{start} –"
        end = self.date(value.end)
        if start == end:
            return start
        if " " in start or " " in end:
            return f"{start} – {end}"
        return f"{start}–{end}"

    def today(self, value: Any) -> str:
        from babel.dates import format_date

        return format_date(value, "long", locale=self.locale)


@cache
def _whole_currency_pattern(locale: str) -> str:
    from babel import Locale

    pattern: str = Locale.parse(locale).currency_formats["standard"].pattern
    return pattern.split(";", maxsplit=1)[0].replace(".00", "")


@cache
def _territories(locale: str) -> dict[str, str]:
    from babel import Locale

    return dict(Locale.parse(locale).territories)
