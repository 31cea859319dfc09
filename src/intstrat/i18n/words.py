"""The words and formats of documents: Swedish by default, English on request.

Numbers, amounts, dates and country names come from Babel (CLDR data), never
from hand-written rules. The fixed words of documents are in `STRINGS`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from intstrat.formats import Language

if TYPE_CHECKING:
    from intstrat.format.values import LocalText, PartialDate, Period

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
    "sdg_chart_caption": (
        "Antal projekt och aktiviteter {year} per globalt mål",
        "Projects and activities in {year} per Sustainable Development Goal",
    ),
    "sdgs_uncovered": (
        "Mål som årets arbete inte berör: {goals}.",
        "Goals the year's work does not touch: {goals}.",
    ),
    "travel": ("Resor och klimatkompensation", "Travel and climate compensation"),
    # Neutral: what the strategy says about travel comes from intstrat.yaml (travel_policy_*).
    "travel_intro": (
        "Resor i det internationella arbetet under året.",
        "Trips in the international work during the year.",
    ),
    "travel_policy_both": (
        "Enligt {strategy} ska resor minimeras och flygresor klimatkompenseras.",
        "According to “{strategy}”, travel is to be minimised and flights climate-compensated.",
    ),
    "travel_policy_minimise": (
        "Enligt {strategy} ska resor minimeras.",
        "According to “{strategy}”, travel is to be minimised.",
    ),
    "travel_policy_compensate": (
        "Enligt {strategy} ska flygresor klimatkompenseras.",
        "According to “{strategy}”, flights are to be climate-compensated.",
    ),
    "strategy_intro": ("Sammanställningen följer {name}.", "This summary follows “{name}”."),
    "strategy_intro_adopted": (
        "Sammanställningen följer {name}, antagen {date}.",
        "This summary follows “{name}”, adopted {date}.",
    ),
    "strategy_reporting": (
        "Enligt strategin ska rapporteringen innehålla:",
        "The strategy says the reporting contains:",
    ),
    "units_intro_contact": (
        "Enligt {strategy} ska varje förvaltning och bolag ha en internationell kontaktperson.",
        "According to “{strategy}”, every department and company names an international "
        "contact person.",
    ),
    "forms": ("Former för internationellt arbete", "Forms of international work"),
    "forms_intro": (
        "Årets arbete efter formerna för internationellt arbete. Ett projekt kan höra till "
        "flera former.",
        "The year's work by form of international work. A project may belong to several.",
    ),
    "goals": ("Strategiska områden", "Strategic areas"),
    "goals_intro": (
        "Årets arbete efter de strategiska områdena. Ett projekt kan höra till flera områden.",
        "The year's work by strategic area. A project may belong to several.",
    ),
    "none_area": ("Ingen verksamhet under året.", "No activity during the year."),
    "unassigned_forms": ("Utan angiven form", "No form given"),
    "unassigned_goals": ("Utan angivet strategiskt område", "No strategic area given"),
    "reach_intro": (
        "Deltagare och målgrupper i årets arbete, som de rapporterats. Nyckeltalet summerar "
        "bara uppgifter som anger vad som räknas och som avser året; övriga står här per "
        "projekt.",
        "Participants and target groups in the year's work, as reported. The key figure only "
        "adds up figures that say what they count and that are for the year; the others are "
        "listed here per project.",
    ),
    "none_reach": (
        "Inga deltagare eller målgrupper rapporterades för årets arbete.",
        "No participants or target groups were reported for the year's work.",
    ),
    "earlier_decisions": (
        "Beslut under året om ansökningar från tidigare år",
        "Decisions during the year on applications from earlier years",
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
    "kf_projects": (
        "Projekt, förstudier, nätverk och aktiviteter",
        "Projects, pre-studies, networks and activities",
    ),
    "kf_finished": ("varav avslutade under året", "of which finished during the year"),
    # How many of each kind ran, number first: "5 projekt, 1 förstudie".
    "kf_finished_n": ("varav {n} avslutades under året", "{n} of them finished during the year"),
    "kf_kind_project": ("{n} projekt", "{n} projects"),
    "kf_kind_project_one": ("{n} projekt", "{n} project"),
    "kf_kind_prestudy": ("{n} förstudier", "{n} pre-studies"),
    "kf_kind_prestudy_one": ("{n} förstudie", "{n} pre-study"),
    "kf_kind_network": ("{n} nätverk", "{n} networks"),
    "kf_kind_network_one": ("{n} nätverk", "{n} network"),
    "kf_kind_activity": ("{n} aktiviteter", "{n} activities"),
    "kf_kind_activity_one": ("{n} aktivitet", "{n} activity"),
    "kf_partners": ("Partner", "Partners"),
    "kf_countries": ("Länder", "Countries"),
    "kf_units": ("Ansvariga förvaltningar och bolag", "Departments and companies in charge"),
    "kf_applications": ("Inlämnade ansökningar", "Applications submitted"),
    "kf_decisions": ("Beslut om ansökningar under {year}", "Decisions on applications in {year}"),
    "kf_nothing_granted": ("inget beviljat", "nothing granted"),
    "kf_amount_missing": ("belopp saknas", "amount not reported"),
    "kf_granted_no_amount": (
        "beviljade utan angivet belopp: {n}",
        "granted without an amount given: {n}",
    ),
    "kf_granted_unrecorded_one": (
        "därtill extern finansiering i 1 av årets projekt, som inte räknas här eftersom "
        "ingen ansökan med beslut är registrerad",
        "plus external funding in 1 project of the year, not counted here since no "
        "application with a decision is recorded",
    ),
    "kf_granted_unrecorded": (
        "därtill extern finansiering i {n} av årets projekt, som inte räknas här eftersom "
        "ingen ansökan med beslut är registrerad",
        "plus external funding in {n} projects of the year, not counted here since no "
        "application with a decision is recorded",
    ),
    "kf_granted": (
        "Beviljad extern finansiering (beslut under året)",
        "External funding granted (decided during the year)",
    ),
    "kf_reach": (
        "Deltagare och målgrupper under året",
        "Participants and target groups in the year",
    ),
    "kf_reach_longer": (
        "därtill {amounts} i uppgifter som gäller flera år, däribland {year}",
        "plus {amounts} in figures for several years that include {year}",
    ),
    "kf_reach_none_alone": ("inga uppgifter för enbart {year}", "none for {year} alone"),
    "kf_reach_others_one": (
        "1 uppgift utan år eller enhet, eller för ett annat år, står vid sitt projekt",
        "1 figure without a year or unit, or for another year, is shown with its project",
    ),
    "kf_reach_others": (
        "{n} uppgifter utan år eller enhet, eller för andra år, står vid sina projekt",
        "{n} figures without a year or unit, or for other years, are shown with their "
        "projects",
    ),
    "not_reported": ("uppgift saknas", "not reported"),
    "kf_results": ("Resultat", "Results"),
    "kf_implemented": ("varav implementerade", "of which implemented"),
    "kf_implemented_n": ("varav {n} implementerade", "{n} of them implemented"),
    "kf_sdgs": ("Globala mål som berörs", "Sustainable Development Goals covered"),
    "kf_trips": ("Resor", "Trips"),
    # Column headings and labels.
    "col_project": ("Projekt", "Project"),
    "col_owner": ("Ansvarig", "Owner"),
    "col_project_owner": ("Projekt och ansvarig", "Project and owner"),
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
    # Counted as in domain.projects: ran, and a project or pre-study.
    "col_projects_prestudies": ("Projekt och förstudier", "Projects and pre-studies"),
    "col_goal": ("Mål", "Goal"),
    "col_count": ("Antal", "Count"),
    "col_destination": ("Resmål", "Destination"),
    "col_travellers": ("Resenärer", "Travellers"),
    "col_flight": ("Flyg", "Flight"),
    # A soft hyphen: the header may break, so the column is as narrow as its "ja"/"nej".
    "col_compensated": ("Klimat\u00adkompenserat", "Compensated"),
    "col_since": ("Partner sedan", "Partner since"),
    # A verb, not "avslutat": the word after a title agrees with no noun (ett projekt, en
    # förstudie, ett nätverk, en aktivitet).
    "finished": ("avslutades under året", "finished during the year"),
    "ongoing": ("pågår", "ongoing"),
    "yes": ("ja", "yes"),
    "no": ("nej", "no"),
    "contact": ("Kontaktperson", "Contact person"),
    "no_contact": ("Kontaktperson saknas", "No contact person"),
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
    "page_of": ("av", "of"),
    "total": ("Totalt", "Total"),
    # The brochure.
    'br_title': ('Internationella partnerskap', 'International partnerships'),
    'br_about': (
        'Om {organisation} internationella engagemang',
        'About {organisation} international engagement',
    ),
    'br_subtitle': (
        '{organisation} samarbete med {partners}',
        '{organisation} cooperation with {partners}',
    ),
    'br_in_figures': ('Engagemanget i korthet', 'The engagement in brief'),
    'br_projects_count': ('{n} projekt och förstudier', '{n} projects and pre-studies'),
    'br_projects_count_one': ('{n} projekt', '{n} project'),
    'br_projects_shared': (
        ', varav {n} tillsammans med flera av partnerna',
        ', {n} of them with more than one of the partners',
    ),
    'br_example_themes': ('Exempel på projektteman: {themes}', 'Example themes: {themes}'),
    'br_funding_own': (
        'Finansiering via {funders}, där {organisation} bidrag består av personalens '
        'arbetstid',
        "Funded through {funders}; {organisation} own contribution is its staff's working time",
    ),
    'br_funding': ('Finansiering via {funders}', 'Funded through {funders}'),
    'br_cooperation_with': ('Samarbetet med {name}', 'The cooperation with {name}'),
    'br_inhabitants': ('{n} invånare', '{n} inhabitants'),
    'br_since': ('Partner sedan {year}', 'Partner since {year}'),
    'br_partner_projects': ('{n} projekt och förstudier', '{n} projects and pre-studies'),
    'br_partner_projects_one': ('{n} projekt', '{n} project'),
    'br_results': ('Positiva resultat för {organisation}', 'Positive results for {organisation}'),
    'br_results_intro': (
        'Projektresultat som har implementerats inom {organisation}',
        'Project results implemented within {organisation}',
    ),
    'br_example': ('Projektexempel {n}', 'Project example {n}'),
    'br_in_short': ('Kort om projektet', 'In short'),
    'br_owner': ('Projektägare: {owner}', 'Project owner: {owner}'),
    'br_period': ('Genomförande {period}', 'Carried out {period}'),
    'br_sdg_focus': (
        'Fokus på mål {goals} i Agenda 2030',
        'Focus on goals {goals} of the 2030 Agenda',
    ),
    'br_sdg_focus_one': (
        'Fokus på mål {goals} i Agenda 2030',
        'Focus on goal {goals} of the 2030 Agenda',
    ),
    'br_result': ('Resultat: {results}', 'Result: {results}'),
    'br_purpose': ('Projektets syfte och resultat', 'Purpose and results'),
    'br_contact': ('Kontakt', 'Contact'),
    'br_no_results': (
        'Inga implementerade resultat är registrerade ännu.',
        'No implemented results are recorded yet.',
    ),
    'br_notes': ('Anteckningar', 'Notes'),
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
    "decision_label": ("{outcome} {year}", "{outcome} in {year}"),
    "decision_undated": ("{outcome} (beslutsdatum saknas)", "{outcome} (decision date not given)"),
    "decision_tag": ("{outcome}, beslut {year}", "{outcome}, decided {year}"),
    "reach_unit_people": ("personer", "people"),
    "reach_unit_households": ("hushåll", "households"),
    "reach_unit_organisations": ("organisationer", "organisations"),
    "reach_unit_places": ("platser", "places"),
    "reach_total_people": ("{n} personer", "{n} people"),
    "reach_total_people_one": ("{n} person", "{n} person"),
    "reach_total_households": ("{n} hushåll", "{n} households"),
    "reach_total_households_one": ("{n} hushåll", "{n} household"),
    "reach_total_organisations": ("{n} organisationer", "{n} organisations"),
    "reach_total_organisations_one": ("{n} organisation", "{n} organisation"),
    "reach_total_places": ("{n} platser", "{n} places"),
    "reach_total_places_one": ("{n} plats", "{n} place"),
    # In public documents: what is missing, in words (docs/templates.md says what to add).
    "reach_no_unit": ("uppgift om vad som räknas saknas", "what is counted is not given"),
    "reach_no_year": ("uppgift om år saknas", "no year given"),
    "reach_longer": ("avser flera år", "is for several years"),
    "reach_other_year": ("avser ett annat år", "is for another year"),
    "col_who": ("Vilka", "Who"),
    "col_span": ("Avser", "For"),
    "col_counted": ("I årets summa", "In the year's total"),
    "col_decision": ("Beslut", "Decision"),
    "unit_projects": ("Projekt och aktiviteter", "Projects and activities"),
    "unit_applications": ("Ansökningar", "Applications"),
    "unit_results": ("Resultat", "Results"),
    # The audit trail (intstrat report --explain).
    "explain_title": (
        "Nyckeltal {year} – varifrån siffrorna kommer",
        "Key figures {year} – where the figures come from",
    ),
    "explain_intro": (
        "Varje nyckeltal med sin regel och de rader i posterna som det räknats fram ur.",
        "Each key figure with its rule and the record lines it was computed from.",
    ),
    "explain_rule": ("Regel", "Rule"),
    "explain_not_counted": ("Räknas inte", "Not counted"),
    "explain_none": ("inga poster", "no records"),
    "ex_ran": ("{kind}, {status}, {period}", "{kind}, {status}, {period}"),
    "ex_partner_in": ("i {project}", "in {project}"),
    "ex_application": ("inlämnad {submitted}; {decision}", "submitted {submitted}; {decision}"),
    "ex_funding_unrecorded": (
        "finansiering från {funders} utan ansökan: beslutsåret saknas, räknas inte",
        "funding from {funders} without an application: no year of decision, not counted",
    ),
    "ex_no_amount": (
        "{decision}; belopp saknas, ingår inte i summan",
        "{decision}; no amount given, not in the sum",
    ),
    "ex_trip": ("{date}, {destination}, {travellers}", "{date}, {destination}, {travellers}"),
    # Swedish quotes both end-quotes (”…”), English opens and closes (“…”).
    "show_quote": ("”{text}” – {name}", "“{text}” – {name}"),
    "n_travellers_one": ("1 resenär", "1 traveller"),
    "n_travellers": ("{n} resenärer", "{n} travellers"),
    "rule_projects": (
        "Arbete med status pågående (ongoing) eller avslutat (completed) vars period "
        "överlappar {year}.",
        "Work with status ongoing or completed whose period overlaps {year}.",
    ),
    "rule_partners": ("Olika partner i årets arbete.", "Distinct partners in the year's work."),
    "rule_countries": (
        "Olika länder bland årets partner, utom det egna landet ({country}).",
        "Distinct countries of the year's partners, except the organisation's own ({country}).",
    ),
    "ex_own_country": (
        "{partner}: det egna landet räknas inte",
        "{partner}: the organisation's own country is not counted",
    ),
    "rule_units": (
        "Olika förvaltningar och bolag som äger årets arbete.",
        "Distinct departments and companies owning the year's work.",
    ),
    "rule_applications": (
        "Ansökningar inlämnade under {year}, oavsett när beslutet kom; utfallet anges med "
        "beslutsåret.",
        "Applications submitted in {year}, whenever they were decided; each outcome is given "
        "with the year of its decision.",
    ),
    "rule_decisions": (
        "Beslut (beviljad eller avslag) fattade under {year}, oavsett när ansökan lämnades in. "
        "Ett beslut utan datum räknas till året då ansökan lämnades in.",
        "Decisions (granted or rejected) taken in {year}, whenever the application was "
        "submitted. A decision without a date counts in the year the application was submitted.",
    ),
    "rule_granted": (
        "Sökta belopp i ansökningar som beviljades genom beslut under {year}, summerade per "
        "valuta; olika valutor läggs aldrig ihop.",
        "The amounts of applications granted by decisions taken in {year}, summed per "
        "currency; different currencies are never added together.",
    ),
    "rule_reach": (
        "Räckvidd i årets arbete som anger vad som räknas (unit) och avser {year} (year: {year} "
        "eller en period inom {year}), summerad per enhet. Övriga uppgifter redovisas per "
        "projekt och summeras inte.",
        "Reach in the year's work that says what it counts (unit) and is for {year} (year: "
        "{year} or a period within {year}), summed per unit. Other figures are shown per "
        "project and not summed.",
    ),
    "rule_results": ("Resultat daterade {year}.", "Results dated {year}."),
    "rule_sdgs": (
        "Olika globala mål som årets arbete anger.",
        "Distinct SDGs named by the year's work.",
    ),
    "rule_trips": ("Resor daterade {year}.", "Trips dated {year}."),
    # The follow-up over a mandate period (intstrat followup).
    "fu_title": ("Internationellt arbete {period}", "International work {period}"),
    "fu_subtitle": ("Uppföljning över perioden", "Follow-up of the period"),
    "fu_subtitle_mandate": ("Uppföljning över mandatperioden", "Follow-up of the term of office"),
    "fu_strategy_intro": ("Uppföljningen gäller {name}.", "This follow-up concerns “{name}”."),
    "fu_strategy_intro_adopted": (
        "Uppföljningen gäller {name}, antagen {date}.",
        "This follow-up concerns “{name}”, adopted {date}.",
    ),
    "fu_as_of": (
        "Underlaget är läget {date}: det som enligt posternas egna datum inte hade hänt då "
        "räknas inte (senare beslut räknas som väntande, senare resultat och resor finns inte).",
        "Based on what was known on {date}: what had not happened by then according to the "
        "records' own dates is not counted (later decisions count as pending, later results "
        "and trips do not exist).",
    ),
    "fu_revision": (
        "Underlaget är dataförrådet i versionen {rev} (commit {commit}, {date}).",
        "Based on the data repository at revision {rev} (commit {commit}, {date}).",
    ),
    "fu_key_figures": ("Perioden i korthet", "The period in brief"),
    "fu_key_figures_intro": (
        "Varje projekt, partner och land räknas en gång för perioden, hur många år det än "
        "pågick.",
        "Each project, partner and country counts once for the period, however many years it "
        "ran.",
    ),
    "fu_trends": ("Utvecklingen år för år", "Year by year"),
    "fu_trends_intro": (
        "Varje års siffror räknas med samma regler som årets sammanställning och är desamma "
        "som där. Kolumnen för perioden räknar varje projekt, partner och land en gång.",
        "Each year's figures follow the rules of that year's annual summary and are the same "
        "as there. The period's column counts each project, partner and country once.",
    ),
    "fu_work": ("Verksamhet", "Work"),
    "fu_applications": ("Ansökningar och beslut", "Applications and decisions"),
    "fu_results": ("Resultat", "Results"),
    "fu_nothing": (
        "– betyder att det inte finns något att summera: inget beviljat belopp, ingen "
        "räckviddsuppgift för tiden, inga beslut att räkna en andel av.",
        "– means there is nothing to add up: no amount granted, no reach figure for the time, "
        "no decisions to take a share of.",
    ),
    "fu_not_known": (
        "Efter {date} var inget känt än; de åren står tomma.",
        "Nothing was known yet after {date}; those years are left empty.",
    ),
    "fu_running": ("Pågående arbete", "Work running"),
    "fu_started": ("Startade", "Started"),
    "fu_ended": ("Avslutade", "Ended"),
    "fu_submitted": ("Inlämnade ansökningar", "Applications submitted"),
    "fu_granted": ("Beviljade (beslutsår)", "Granted (year of decision)"),
    "fu_rejected": ("Avslag (beslutsår)", "Rejected (year of decision)"),
    "fu_success": ("Andel beviljade av beslutade", "Share granted of those decided"),
    "fu_granted_amount": (
        "Beviljad extern finansiering (beslutsår)",
        "External funding granted (year of decision)",
    ),
    "fu_reach": ("Deltagare och målgrupper", "Participants and target groups"),
    "fu_implemented": ("Implementerade resultat", "Results implemented"),
    "fu_flights": ("Resor med flyg", "Trips by air"),
    "fu_compensated": ("Klimatkompenserade flygresor", "Flights climate-compensated"),
    "fu_compensated_share": (
        "Andel klimatkompenserade flygresor",
        "Share of flights climate-compensated",
    ),
    "fu_points": ("{n} procentenheter", "{n} percentage points"),
    "fu_reach_outside": (
        "slutar utanför perioden",
        "ends outside the period",
    ),
    "fu_reach_same_group": (
        "samma grupp räknas en gång för perioden, med sitt största antal",
        "the same group counts once for the period, with its largest figure",
    ),
    "fu_rule_running": (
        "Arbete med status pågående eller avslutat vars period överlappar året (som i årets "
        "sammanställning); perioden räknar varje arbete en gång.",
        "Work with status ongoing or completed whose period overlaps the year (as in the "
        "annual summary); the period counts each piece of work once.",
    ),
    "fu_rule_started": (
        "Pågående eller avslutat arbete vars period startar under året.",
        "Ongoing or completed work whose period starts in the year.",
    ),
    "fu_rule_ended": (
        "Avslutat arbete vars period slutar under året.",
        "Completed work whose period ends in the year.",
    ),
    "fu_rule_units": (
        "Olika förvaltningar och bolag som äger årets arbete.",
        "Distinct departments and companies owning the year's work.",
    ),
    "fu_rule_partners": (
        "Olika partner i årets arbete; perioden räknar varje partner en gång.",
        "Distinct partners in the year's work; the period counts each partner once.",
    ),
    "fu_rule_countries": (
        "Olika länder bland årets partner, utom det egna landet ({country}); perioden räknar "
        "varje land en gång.",
        "Distinct countries of the year's partners, except the organisation's own country "
        "({country}); the period counts each country once.",
    ),
    "fu_home_country": (
        "det egna landet räknas inte",
        "the organisation's own country is not counted",
    ),
    "fu_rule_sdgs": (
        "Olika globala mål som årets arbete anger.",
        "Distinct SDGs named by the year's work.",
    ),
    "fu_rule_submitted": (
        "Ansökningar inlämnade under året, oavsett när beslutet kom.",
        "Applications submitted in the year, whenever they were decided.",
    ),
    "fu_rule_granted": (
        "Ansökningar beviljade genom beslut under året, oavsett när de lämnades in (ett "
        "beslut utan datum räknas till året då ansökan lämnades in).",
        "Applications granted by a decision taken in the year, whenever they were submitted "
        "(a decision without a date counts in the year of submission).",
    ),
    "fu_rule_rejected": (
        "Ansökningar som fick avslag genom beslut under året.",
        "Applications rejected by a decision taken in the year.",
    ),
    "fu_rule_success": (
        "Beviljade delat med alla beslut (beviljade och avslag) under året.",
        "Granted divided by all decisions (granted and rejected) taken in the year.",
    ),
    "fu_rule_granted_amount": (
        "Sökta belopp i ansökningar som beviljades genom beslut under året, per valuta; olika "
        "valutor läggs aldrig ihop.",
        "The amounts of applications granted by decisions taken in the year, per currency; "
        "different currencies are never added together.",
    ),
    "fu_rule_funder": (
        "Belopp i ansökningar till {funder} som beviljades under året, per valuta.",
        "Amounts of applications to {funder} granted in the year, per currency.",
    ),
    "fu_rule_eu": (
        "Belopp i beviljade ansökningar till finansiärer med eu: true i intstrat.yaml.",
        "Amounts of granted applications to funders with eu: true in intstrat.yaml.",
    ),
    "fu_rule_reach": (
        "Per år: uppgifter i årets arbete som anger vad som räknas (unit) och avser året. För "
        "perioden: uppgifter vars år eller period slutar inom perioden; en grupp som ett "
        "projekt anger för flera år (samma vilka och enhet) räknas en gång, med sitt största "
        "antal. Summeras per enhet, aldrig mellan enheter.",
        "Per year: figures in the year's work that say what they count (unit) and are for "
        "the year. For the period: figures whose year or period ends inside it; a group a "
        "project gives for several years (the same who and unit) counts once, with its "
        "largest figure. Summed per unit, never across units.",
    ),
    "fu_rule_results": ("Resultat daterade under året.", "Results dated in the year."),
    "fu_rule_implemented": (
        "Resultat daterade under året och markerade implemented: true.",
        "Results dated in the year and marked implemented: true.",
    ),
    "fu_rule_trips": ("Resor daterade under året.", "Trips dated in the year."),
    "fu_rule_travellers": (
        "Resenärer på årets resor, summerade.",
        "Travellers on the year's trips, added up.",
    ),
    "fu_rule_flights": ("Årets resor med flyg.", "The year's trips by air."),
    "fu_rule_compensated": (
        "Årets flygresor markerade compensated: true.",
        "The year's flights marked compensated: true.",
    ),
    "fu_rule_compensated_share": (
        "Klimatkompenserade flygresor delat med alla flygresor under året.",
        "Climate-compensated flights divided by all flights of the year.",
    ),
    "fu_rule_new_partners": (
        "Partner i periodens arbete som inte fanns i något tidigare arbete (och inte var "
        "partner sedan tidigare).",
        "Partners in the period's work who were in no earlier work (and were not partners "
        "before).",
    ),
    "fu_rule_dormant": (
        "Partner utan arbete som pågick {year} eller senare ({years} år eller mer utan "
        "verksamhet); avslutade partnerskap (until) räknas inte, och inte heller de som ännu "
        "inte börjat (since, eller utan since det första arbetet).",
        "Partners with no work running in {year} or later ({years} years or more without "
        "activity); ended partnerships (until) do not count, nor those not yet begun (since, "
        "or without one, the first work).",
    ),
    "fu_rule_area_running": (
        "Arbete under {area} som pågick under året.",
        "Work under {area} that ran in the year.",
    ),
    "fu_rule_area_started": (
        "Arbete under {area} som startade under året.",
        "Work under {area} that started in the year.",
    ),
    "fu_rule_area_ended": (
        "Arbete under {area} som avslutades under året.",
        "Work under {area} that ended in the year.",
    ),
    "fu_area_running": ("pågick", "ran"),
    "fu_area_started": ("startade", "started"),
    "fu_area_ended": ("avslutades", "ended"),
    "fu_areas_intro": (
        "Pågående, startade och avslutade projekt och aktiviteter per år. Ett projekt kan "
        "höra till flera.",
        "Projects and activities running, started and ended per year. A project may belong "
        "to several.",
    ),
    "fu_no_activity": ("Ingen verksamhet under perioden", "No activity during the period"),
    "fu_inactive": (
        "Utan verksamhet under perioden: {names}.",
        "No activity during the period: {names}.",
    ),
    "fu_area_work": ("Arbete under perioden", "Work during the period"),
    "fu_funding": ("Extern finansiering", "External funding"),
    "fu_funding_intro": (
        "Beviljade belopp per finansiär, efter året för beslutet. Belopp i olika valutor "
        "läggs aldrig ihop.",
        "Amounts granted per funder, by the year of the decision. Amounts in different "
        "currencies are never added together.",
    ),
    "fu_none_granted": (
        "Inga ansökningar beviljades under perioden.",
        "No applications were granted during the period.",
    ),
    "fu_eu_total": ("varav EU-program", "of which EU programmes"),
    "fu_population": ("{n} invånare", "{n} residents"),
    "fu_per_resident": (
        "Beviljat under perioden per invånare ({population})",
        "Granted during the period per resident ({population})",
    ),
    "fu_eu_per_resident": ("varav EU-program", "of which EU programmes"),
    "fu_unrecorded_one": (
        "Därtill har 1 projekt i perioden extern finansiering utan ansökan med beslut",
        "Besides, 1 project of the period has external funding without an application and "
        "decision",
    ),
    "fu_unrecorded": (
        "Därtill har {n} projekt i perioden extern finansiering utan ansökan med beslut",
        "Besides, {n} projects of the period have external funding without an application "
        "and decision",
    ),
    "fu_unrecorded_previous": ("({n} i föregående period)", "({n} in the previous period)"),
    "fu_unrecorded_end": (
        "; den räknas inte ovan, eftersom beslutsåret saknas.",
        "; it is not counted above, since its year of decision is not known.",
    ),
    "fu_own": ("Egen insats", "Own contribution"),
    "fu_own_intro": (
        "{organisation}s egen finansiering i arbete som pågick under perioden, enligt "
        "projektens finansieringsuppgifter (hela projektets insats, inte fördelad per år).",
        "{organisation}'s own funding of the work that ran during the period, from the "
        "projects' funding (the whole project's share, not divided by year).",
    ),
    "fu_own_amounts": ("egna medel: {amounts}", "own money: {amounts}"),
    "fu_own_staff": ("egen personaltid i {n} projekt", "own staff time in {n} projects"),
    "fu_own_unspecified": (
        "egen finansiering utan belopp i {n} projekt",
        "own funding without an amount in {n} projects",
    ),
    "fu_own_none": ("Ingen egen insats är registrerad.", "No own contribution is recorded."),
    "fu_reach_intro": (
        "Per år summeras uppgifter som anger vad som räknas och avser just det året, som i "
        "årets sammanställning. För perioden summeras uppgifter vars år eller period slutar "
        "inom perioden, också när de började före den, så en uppgift för flera år räknas där "
        "men inte för något enskilt år, och varje uppgift räknas i en period, den där den "
        "slutar. En grupp som ett projekt anger för flera år (samma beskrivning och enhet) "
        "räknas en gång för perioden, med sitt största antal; därför är periodens summa inte "
        "årens summa.",
        "Per year, figures that say what they count and are for that year are added, as in "
        "the annual summary. For the period, figures whose year or period ends inside it are "
        "added, also when they began before it, so a figure for several years counts there "
        "but in no single year, and every figure counts in one period, the one it ends in. A "
        "group that a project gives for several years (the same description and unit) counts "
        "once for the period, with its largest figure; so the period's total is not the sum "
        "of the years.",
    ),
    # Why figures of the period's work are left out of its reach total, one sentence per
    # reason that applies (`followup.LEFT_OUT`).
    "fu_reach_left_same_group_one": (
        "1 uppgift räknas inte för perioden: samma grupp i samma projekt räknas en gång, med "
        "sitt största antal.",
        "1 figure is not added for the period: the same group in the same project counts "
        "once, with its largest figure.",
    ),
    "fu_reach_left_same_group": (
        "{n} uppgifter räknas inte för perioden: samma grupp i samma projekt räknas en gång, "
        "med sitt största antal.",
        "{n} figures are not added for the period: the same group in the same project "
        "counts once, with its largest figure.",
    ),
    "fu_reach_left_no_unit_one": (
        "1 uppgift summeras inte eftersom den inte anger vad som räknas (enhet saknas); den "
        "står per projekt i årens sammanställningar.",
        "1 figure is not added up because it does not say what it counts (no unit); the "
        "annual summaries show it per project.",
    ),
    "fu_reach_left_no_unit": (
        "{n} uppgifter summeras inte eftersom de inte anger vad som räknas (enhet saknas); de "
        "står per projekt i årens sammanställningar.",
        "{n} figures are not added up because they do not say what they count (no unit); the "
        "annual summaries show them per project.",
    ),
    "fu_reach_left_no_year_one": (
        "1 uppgift summeras inte eftersom år eller period saknas; den står per projekt i årens "
        "sammanställningar.",
        "1 figure is not added up because it gives no year or period; the annual summaries "
        "show it per project.",
    ),
    "fu_reach_left_no_year": (
        "{n} uppgifter summeras inte eftersom år eller period saknas; de står per projekt i "
        "årens sammanställningar.",
        "{n} figures are not added up because they give no year or period; the annual "
        "summaries show them per project.",
    ),
    "fu_reach_left_outside_one": (
        "1 uppgift slutar utanför perioden och räknas i den period där den slutar.",
        "1 figure ends outside the period and counts in the period it ends in.",
    ),
    "fu_reach_left_outside": (
        "{n} uppgifter slutar utanför perioden och räknas i den period där de slutar.",
        "{n} figures end outside the period and count in the period they end in.",
    ),
    "fu_implemented_list": (
        "Resultat som implementerats under perioden",
        "Results implemented during the period",
    ),
    "fu_none_implemented": (
        "Inga resultat implementerades under perioden.",
        "No results were implemented during the period.",
    ),
    "fu_partners_intro": (
        "Partner i arbete som pågick under perioden. Ny: inget tidigare arbete med partnern.",
        "Partners in work that ran during the period. New: no earlier work with the partner.",
    ),
    "fu_new_partners": ("Nya partner", "New partners"),
    "fu_new_tag": ("ny", "new"),
    "fu_first_work": ("första arbetet {year}", "first work {year}"),
    "fu_dormant": ("Vilande partner", "Dormant partners"),
    "fu_dormant_intro": (
        "Partner utan verksamhet i {years} år eller mer vid periodens slut.",
        "Partners without activity for {years} years or more at the end of the period.",
    ),
    "fu_none_dormant": ("Inga partner är vilande.", "No partners are dormant."),
    "fu_last_active": ("senast aktiv {year}", "last active {year}"),
    "fu_never_active": ("ingen registrerad verksamhet", "no recorded work"),
    "fu_countries": ("Länder", "Countries"),
    "fu_sdgs_intro": (
        "Antal projekt och aktiviteter under perioden som bidrar till respektive mål.",
        "Number of projects and activities during the period contributing to each goal.",
    ),
    "fu_travel_intro": (
        "Resor i det internationella arbetet, per år.",
        "Trips in the international work, per year.",
    ),
    "fu_comparison": ("Jämfört med föregående period", "Compared with the previous period"),
    "fu_comparison_intro": (
        "Samma siffror för {previous} och {period}, räknade på samma sätt, med förändringen.",
        "The same figures for {previous} and {period}, counted the same way, with the change.",
    ),
    "col_change": ("Förändring", "Change"),
    "col_figure": ("Uppgift", "Figure"),
    "col_years": ("År med arbete", "Years with work"),
    "col_last_active": ("Senast aktiv", "Last active"),
    "fu_chart_trends_alt": (
        "Diagram: pågående, startade och avslutade projekt samt ansökningar per år {years}",
        "Chart: projects running, started and ended, and applications, per year {years}",
    ),
    "fu_chart_funding_alt": (
        "Diagram: beviljad extern finansiering per finansiär, {period}",
        "Chart: external funding granted per funder, {period}",
    ),
    "fu_swipe": (
        "Svep i tabellen för alla år →",
        "Swipe the table for every year →",
    ),
    "fu_swipe_chart": (
        "Svep i diagrammet för hela bilden →",
        "Swipe the chart to see all of it →",
    ),
    "fu_swipe_columns": (
        "Svep i tabellen för alla kolumner →",
        "Swipe the table for every column →",
    ),
    "fu_chart_own_scale": (
        "{currency} (egen skala: jämför inte staplarnas längd mellan valutor)",
        "{currency} (own scale: do not compare bar lengths across currencies)",
    ),
    "fu_chart_areas_alt": (
        "Diagram: pågående arbete per år och {what}, {period}",
        "Chart: work running per year and {what}, {period}",
    ),
    "fu_explain_title": (
        "Uppföljning {period} – varifrån siffrorna kommer",
        "Follow-up {period} – where the figures come from",
    ),
    "fu_explain_intro": (
        "Varje uppgift per år med sin regel och de rader i posterna som den räknats fram ur. "
        "Periodens siffra räknar posterna under åren en gång var, om inget annat står.",
        "Each figure per year with its rule and the record lines it was computed from. The "
        "period's figure counts the records listed under its years once each, unless stated.",
    ),
    "fu_explain_previous": ("föregående period", "previous period"),
    "fu_chart_submitted": ("Inlämnade", "Submitted"),
    "fu_chart_granted": ("Beviljade", "Granted"),
    "fu_chart_rejected": ("Avslag", "Rejected"),
    "fu_explain_union": (
        "posterna under åren ovan, var och en en gång",
        "the records under the years above, each once",
    ),
    "fu_unknown_year": ("inget känt än", "nothing known yet"),
    "fu_sdgs_chart_alt": (
        "Stapeldiagram: antal projekt per globalt mål {period}",
        "Bar chart: number of projects per Sustainable Development Goal {period}",
    ),
    "fu_rule_own": (
        "Egna belopp (funder: own med amount) i arbete som pågick under perioden, per valuta.",
        "Own amounts (funder: own with an amount) in work that ran during the period, per "
        "currency.",
    ),
    "fkind_grant": ("bidrag", "grant"),
    "fkind_staff-time": ("personaltid", "staff time"),
    "fkind_cash": ("egna medel", "cash"),
    "fkind_in-kind": ("insats i natura", "in kind"),
    "outcome_pending": ("väntar på beslut", "pending"),
    "outcome_granted": ("beviljad", "granted"),
    "outcome_rejected": ("avslag", "rejected"),
    # The same outcomes as the label of a count ("beviljade: 2", never "beviljad: 2").
    "tally_pending": ("väntar på beslut", "pending"),
    "tally_granted": ("{n} beviljades", "{n} granted"),
    "tally_rejected": ("{n} avslogs", "{n} rejected"),
    # A count of applications by outcome, the number in place of {n} ("2 beviljades 2024").
    "counted_pending": ("{n} väntar på beslut", "{n} pending"),
    "counted_granted": ("{n} beviljade, beslutsdatum saknas", "{n} granted, no decision date"),
    "counted_rejected": ("{n} avslag, beslutsdatum saknas", "{n} rejected, no decision date"),
    "counted_granted_in": ("{n} beviljades {year}", "{n} granted in {year}"),
    "counted_rejected_in": ("{n} avslogs {year}", "{n} rejected in {year}"),
    "ptype_municipality": ("kommun", "municipality"),
    "ptype_region": ("region", "region"),
    "ptype_university": ("universitet", "university"),
    "ptype_organisation": ("organisation", "organisation"),
    "ptype_network": ("nätverk", "network"),
    "ptype_company": ("företag", "company"),
    # The web site (`intstrat site`).
    "site_title": ("Internationellt arbete", "International work"),
    # {organisation} in the genitive (Words.genitive: "Växjö kommuns", "Växjö kommun's").
    "site_lead": (
        "{organisation} internationella projekt, partnerskap och resultat.",
        "{organisation} international projects, partnerships and results.",
    ),
    "site_skip": ("Hoppa till innehållet", "Skip to content"),
    "site_menu": ("Huvudmeny", "Main menu"),
    "site_this_language": ("På svenska", "In English"),
    "site_language_name": ("svenska", "English"),
    # A language named in the page's language, inside a sentence ("på engelska").
    "site_in_sv": ("svenska", "Swedish"),
    "site_in_en": ("engelska", "English"),
    "site_home": ("Start", "Home"),
    "site_projects": ("Projekt", "Projects"),
    "site_partners": ("Partner", "Partners"),
    "site_countries": ("Länder", "Countries"),
    "site_areas": ("Strategiska områden", "Strategic areas"),
    "site_years": ("År", "Years"),
    "site_search": ("Sök", "Search"),
    "site_about": ("Om data", "About the data"),
    "site_accessibility": ("Tillgänglighetsredogörelse", "Accessibility statement"),
    "site_partnerships": ("Partnerskap", "Partnerships"),
    "site_partnerships_intro": (
        "Långsiktiga samarbeten med kommuner och organisationer i andra länder.",
        "Long-term cooperation with municipalities and organisations in other countries.",
    ),
    "site_all_projects": ("Alla projekt", "All projects"),
    "site_latest": ("Pågående projekt", "Ongoing projects"),
    "site_kf_projects": ("Projekt och aktiviteter", "Projects and activities"),
    "site_kf_ongoing": ("Pågår nu", "Ongoing now"),
    "site_map_title": ("Karta över länder med partner", "Map of countries with partners"),
    "site_map_credit": (
        "Ländernas former kommer från Natural Earth (allmän egendom, skala 1:110 miljoner och "
        "1:50 miljoner) genom paketet world-atlas (ISC-licens, upphovsrätt 2013–2019 Michael "
        "Bostock). De är ritade i projektionen Equal Earth och förenklade.",
        "The countries' shapes come from Natural Earth (public domain, scales 1:110 million "
        "and 1:50 million) through the world-atlas package (ISC licence, copyright 2013–2019 "
        "Michael Bostock). They are drawn in the Equal Earth projection and simplified.",
    ),
    "site_map_country": ("Karta: {country} markerat", "Map: {country} marked"),
    "site_map_note": (
        "Kartan visar länderna i listan. Kartdata: Natural Earth (allmän egendom).",
        "The map shows the countries in the list. Map data: Natural Earth (public domain).",
    ),
    "site_filter": ("Filtrera projekten", "Filter the projects"),
    "site_filter_text": ("Fritext", "Text"),
    "site_filter_all": ("Alla", "All"),
    "site_filter_reset": ("Visa alla", "Show all"),
    "site_filter_hint": (
        "Listan uppdateras när du ändrar ett val.",
        "The list updates when you change a choice.",
    ),
    "site_shown": ("Visar {n} av {total} projekt.", "Showing {n} of {total} projects."),
    "site_search_label": ("Sök bland projekt och partner", "Search projects and partners"),
    "site_search_hint": (
        "Ett eller flera ord. Å, ä och ö kan skrivas a och o: vaxjo hittar Växjö.",
        "One or more words. Accents may be left out: vaxjo finds Växjö.",
    ),
    "site_search_nojs": (
        "Sökningen körs i webbläsaren och behöver JavaScript. Utan JavaScript finns alla "
        "uppgifter i listorna över projekt och partner.",
        "Search runs in the browser and needs JavaScript. Without it, everything is in the "
        "lists of projects and partners.",
    ),
    "site_hits": ("Träffar: {n}", "Matches: {n}"),
    "site_no_hits": ("Inga träffar.", "No matches."),
    "site_download": ("Ladda ner listan", "Download the list"),
    "site_csv": ("CSV för kalkylprogram", "CSV for spreadsheets"),
    "site_json": ("Maskinläsbar JSON", "Machine-readable JSON"),
    # The headings of data.csv, the lists for spreadsheets (see also col_*).
    "site_col_start": ("Start", "Start"),
    "site_col_end": ("Slut", "End"),
    "site_col_countries": ("Länder", "Countries"),
    "site_col_funders": ("Finansiärer", "Funders"),
    "site_col_sdgs": ("Globala mål", "SDGs"),
    "site_col_results": ("Resultat", "Results"),
    "site_page": ("Sida {n} av {total}", "Page {n} of {total}"),
    "site_pages": ("Sidor", "Pages"),
    "site_next": ("Nästa sida", "Next page"),
    "site_previous": ("Föregående sida", "Previous page"),
    "site_none": ("Inga projekt.", "No projects."),
    "site_projects_with": ("Projekt med {name}", "Projects with {name}"),
    "site_partners_in": ("Partner i {country}", "Partners in {country}"),
    "site_projects_in": ("Projekt med partner i {country}", "Projects with partners in {country}"),
    "site_year_title": ("Internationellt arbete {year}", "International work {year}"),
    "site_year_projects": (
        "Projekt och aktiviteter som pågick under {year}",
        "Projects and activities that ran in {year}",
    ),
    "site_year_results": ("Resultat {year}", "Results {year}"),
    "site_links": ("Länkar", "Links"),
    # {organisation} in the genitive, as in site_lead.
    "site_about_lead": (
        "Uppgifterna på webbplatsen kommer från {organisation} register över internationellt "
        "arbete. Varje projekt och partner är en textfil som kontrolleras automatiskt innan "
        "den publiceras.",
        "The information on this site comes from {organisation} register of international "
        "work. Each project and partner is a text file, checked automatically before it is "
        "published.",
    ),
    "site_licence": ("Licens", "Licence"),
    "site_licence_text": ("Uppgifterna får användas enligt: {licence}.",
                          "The data may be used under: {licence}."),
    "site_licence_link": ("Villkoren för {licence}", "The terms of {licence}"),
    "site_no_licence": (
        "Ingen licens är angiven för uppgifterna. Fråga {organisation} innan du återanvänder dem.",
        "No licence is given for the data. Ask {organisation} before reusing it.",
    ),
    "site_downloads": ("Ladda ner", "Downloads"),
    "site_downloads_text": (
        "Varje lista på webbplatsen kan laddas ner som CSV för kalkylprogram som Excel och "
        "LibreOffice, med rubriker och uppgifter på svenska, och som maskinläsbar JSON, med "
        "posternas id:n och koder, för den som bearbetar uppgifterna i egna program.",
        "Every list on the site can be downloaded as CSV for spreadsheets such as Excel and "
        "LibreOffice, with headings and values in English, and as machine-readable JSON, "
        "with the records' ids and codes, for processing the data in programs of your own.",
    ),
    "site_contribute": ("Rätta eller lägg till", "Correct or add"),
    "site_contribute_text": (
        "Uppgifterna hålls i ett öppet förråd. Så här rättar du eller lägger till ett projekt:",
        "The data is kept in an open repository. How to correct or add a project:",
    ),
    "site_contributing_link": ("Instruktioner för bidrag (CONTRIBUTING)",
                               "Instructions for contributors (CONTRIBUTING)"),
    "site_repository_link": ("Förrådet med alla uppgifter", "The repository with all data"),
    "site_contribute_contact": (
        "Kontakta {contact} för att rätta eller lägga till uppgifter.",
        "Contact {contact} to correct or add information.",
    ),
    "site_updated": ("Uppdaterad {date}", "Updated {date}"),
    "site_made_with": ("Byggd med intstrat", "Built with intstrat"),
    "site_languages": ("Språk", "Languages"),
    "site_other_language_note": (
        "Text som bara finns på {language} visas på {language}.",
        "Text that exists only in {language} is shown in {language}.",
    ),
    # The accessibility statement, after DIGG's model (lagen om tillgänglighet till
    # digital offentlig service, DOS-lagen).
    "site_a11y_intro": (
        "{organisation} står bakom den här webbplatsen. Vi vill att så många som möjligt ska "
        "kunna använda den. Här beskriver vi hur webbplatsen uppfyller lagen om tillgänglighet "
        "till digital offentlig service, kända tillgänglighetsproblem och hur du kan "
        "rapportera brister till oss så att vi kan åtgärda dem.",
        "{organisation} is responsible for this website. We want as many people as possible "
        "to be able to use it. This statement describes how the website complies with the "
        "Swedish law on accessibility to digital public services, any known accessibility "
        "problems, and how you can report shortcomings to us so that we can fix them.",
    ),
    "site_a11y_how": ("Hur tillgänglig är webbplatsen?", "How accessible is the website?"),
    "site_a11y_how_text": (
        "Webbplatsen är byggd för att uppfylla WCAG 2.1 nivå AA, som EN 301 549 och lagen "
        "kräver: den går att använda med tangentbord och skärmläsare, fungerar utan "
        "JavaScript (utom filtrering och sökning), har tillräckliga kontraster och hämtar "
        "inget från andra webbplatser.",
        "The website is built to meet WCAG 2.1 level AA, as EN 301 549 and the law require: "
        "it works with a keyboard and screen readers, works without JavaScript (except "
        "filtering and search), has sufficient contrast and loads nothing from other sites.",
    ),
    "site_a11y_known": ("Kända brister", "Known shortcomings"),
    "site_a11y_known_text": (
        "Text som bara finns på ett språk visas på det språket även på sidorna på det "
        "andra språket; den är märkt med sitt språk så att skärmläsare läser den rätt. "
        "Innehåll på länkade webbplatser omfattas inte av den här redogörelsen.",
        "Text that exists in only one language is shown in that language on the pages of the "
        "other language too; it is marked with its language so that screen readers read it "
        "right. Content on linked websites is not covered by this statement.",
    ),
    "site_a11y_contact": (
        "Vad kan du göra om du inte kan använda delar av webbplatsen?",
        "What can you do if you cannot use parts of the website?",
    ),
    "site_a11y_contact_text": (
        "Om du behöver innehåll från webbplatsen i ett annat format, eller upptäcker brister "
        "som inte beskrivs här, kontakta oss:",
        "If you need content from the website in another format, or find shortcomings not "
        "described here, contact us:",
    ),
    "site_a11y_supervision": ("Tillsyn", "Enforcement"),
    "site_a11y_supervision_text": (
        "Myndigheten för digital förvaltning (Digg) ansvarar för tillsyn av lagen om "
        "tillgänglighet till digital offentlig service. Om du inte är nöjd med hur vi hanterar "
        "dina synpunkter kan du kontakta Digg och påtala det.",
        "The Agency for Digital Government (Digg) enforces the law on accessibility to digital "
        "public services. If you are not satisfied with how we handle your comments, you can "
        "contact Digg.",
    ),
    "site_a11y_digg_link": ("Anmäl till Digg", "Report to Digg"),
    "site_a11y_testing": ("Hur vi testat webbplatsen", "How we tested the website"),
    "site_a11y_testing_text": (
        "Webbplatsen byggs av intstrat, vars sidmallar testas automatiskt i en webbläsare med "
        "axe-core mot WCAG 2.1 nivå A och AA, och med tangentbord. Redogörelsen uppdaterades "
        "senast {date}, när webbplatsen byggdes.",
        "The website is built by intstrat, whose page templates are tested automatically in a "
        "browser with axe-core against WCAG 2.1 levels A and AA, and with a keyboard. This "
        "statement was last updated on {date}, when the website was built.",
    ),
    "status_idea": ("idé", "idea"),
    "status_applied": ("ansökt", "applied"),
    "status_rejected": ("avslag", "rejected"),
    "status_planned": ("planerat", "planned"),
    "status_ongoing": ("pågår", "ongoing"),
    "status_completed": ("avslutat", "completed"),
    "status_cancelled": ("avbrutet", "cancelled"),
    "col_status": ("Status", "Status"),
    "col_theme": ("Tema", "Theme"),
    "col_form": ("Arbetsform", "Form"),
    "col_year": ("År", "Year"),
    "col_sdg": ("Globalt mål", "SDG"),
    "col_area": ("Strategiskt område", "Strategic area"),
    "show_forms": ("Arbetsformer", "Forms of work"),
    "show_goals": ("Strategiska områden", "Strategic areas"),
    "show_funders": ("Finansiärer", "Funders"),
    "show_until": ("Partner till", "Partner until"),
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
        return _number(self.locale, type(value).__name__, value)

    def travellers(self, n: int) -> str:
        """`1 resenär`, `3 resenärer`."""
        return self("n_travellers_one" if n == 1 else "n_travellers", n=self.number(n))

    def money(self, value: float, currency: str) -> str:
        """`1 200 000 kr`, `250 000 €`, `€250,000`: whole units in the locale's pattern."""
        return _money(self.locale, round(value), currency)

    def money_exact(self, value: float, currency: str) -> str:
        """`11,70 kr`, `€0.45`: with the currency's decimals, for small sums per resident."""
        from babel.numbers import format_currency

        text: str = format_currency(value, currency, locale=_babel(self.locale))
        return _CODE_AND_DIGITS.sub("\xa0", text)

    def percent(self, share: float) -> str:
        """`67 %` in Swedish, `67%` in English: a share from 0 to 1, in whole per cent."""
        from babel.numbers import format_percent

        text: str = format_percent(share, locale=_babel(self.locale))
        return text

    def country(self, code: str) -> str:
        """`Sydafrika` / `South Africa`; Kosovo (XK) included."""
        return _territories(self.locale).get(code, code)

    def date(self, value: PartialDate) -> str:
        """`2017`, `mars 2017` / `March 2017`, `15 mars 2017` / `15 March 2017`."""
        if not value.month:
            return str(value.year)
        return _date(self.locale, value)

    def period(self, value: Period | None) -> str:
        """`2018–2021`, `8–11 maj 2023`, `februari–november 2023`, `mars 2021 – juni 2023`.

        Babel's interval formats (CLDR) say what two dates share ("maj 2023" once);
        the dash is spaced as each language writes it: in Swedish only when it joins
        parts of several words (Svenska skrivregler), in English with CLDR's thin
        spaces. Each date keeps its words together (no-break spaces), an unspaced
        range is one word (a word joiner after its dash), and a spaced one may break
        only after its dash, so a table cell never reads "8 maj / 2023" or "8– / 11 maj".
        """
        if value is None:
            return ""
        return _period(self, value.start, value.end)

    def _period(self, start: PartialDate, end: PartialDate | None) -> str:
        if end is None:
            first = self.date(start)
            return _nobreak(first) + self._dash(first, "", open_end=True)
        shared = _interval_parts(start, end, self.locale)
        if shared is not None:
            first, second = shared
            spaced_by = first  # the dash joins the start's own words to the end
        else:
            first, second = self.date(start), self.date(end)
            if first == second:
                return _nobreak(first)
            spaced_by = f"{first} {second}" if " " in first + second else first
        return _nobreak(first) + self._dash(spaced_by, second) + _nobreak(second)

    def _dash(self, spaced_by: str, second: str, open_end: bool = False) -> str:
        """The dash of a range, unbreakable before it and breakable after it."""
        if self.lang == "en":
            return "\u202f–" if open_end else "\u202f–\u2009"
        if " " not in spaced_by:
            return "–" if open_end else "–\u2060"  # a word joiner: "8–11" never breaks
        return "\u00a0–" if open_end else "\u00a0– "

    def compounds(self, text: str) -> str:
        """Long Swedish compounds made breakable at their joints, and nowhere else; an
        abbreviation and its number ("MIS 3") kept together.

        "Samhällsbyggnadsförvaltningen" gets soft hyphens after its linking s
        ("Samhälls-byggnads-förvaltningen"), so a narrow table column breaks it
        where a Swedish reader expects, instead of overflowing or breaking it
        anywhere. Automatic hyphenation stays off: the Swedish patterns split
        ordinary words and names wrongly ("vux-enutbildningen", "Klaipė-da").
        It applies in English documents too: their untranslated text is Swedish, and
        English words rarely have a consonant and an s before a syllable break.
        """
        return compounds(text)

    def aside(self, name: str, detail: str) -> str:
        """`(projekt, 2022–2024)`: details after a name, in brackets; after a name that ends
        in brackets itself, behind a dash, so no one reads "(UBC) (nätverk, …)"."""
        if name.rstrip().endswith(")"):
            return f"– {detail}"
        return f"({detail})"

    def genitive(self, name: str) -> str:
        """`Växjö kommuns`, `Vännäs`; `Växjö kommun's`: a name as the owner of what follows.

        English takes the straight apostrophe, like every other English word of the
        documents ("the year's work", "staff's working time")."""
        if self.lang == "en":
            return f"{name}'" if name.endswith("s") else f"{name}'s"
        return name if name[-1:].lower() in ("s", "x", "z") else f"{name}s"

    def join(self, items: Iterable[str]) -> str:
        """`A, B och C` / `A, B and C`: a list as the language writes it (CLDR)."""
        from babel.lists import format_list

        values = [i for i in items if i]
        return format_list(values, locale=_babel(self.locale)) if values else ""

    def today(self, value: Any) -> str:
        from babel.dates import format_date

        return format_date(value, "long", locale=_babel(self.locale))


#: A word long enough to need a break in a table column: 16 letters or more.
_LONG_WORD = re.compile(r"[^\W\d_]{16,}")


#: The longest text (or word) whose soft hyphens are remembered: titles, names and
#: owners are far shorter, and a template could otherwise fill the caches with huge texts.
_REMEMBERED = 300
#: An abbreviation and the number after it ("MIS 3", "SEKOS 2"): one name, kept on a line.
_NAME_NUMBER = re.compile(r"\b([A-ZÅÄÖ]{2,}) (\d{1,4})\b")


def compounds(text: str) -> str:
    """`Words.compounds`, and the template filter `compounds`: the same for every language.

    Each text's answer is remembered: the report of 10,000 projects asks 22,000 times
    for 4,800 texts. Always plain text, as `re.sub` gives it."""
    if len(text) > _REMEMBERED:
        return _unbroken_names(_LONG_WORD.sub(_joints, text))
    return _compounds(text)


@lru_cache(maxsize=1 << 14)  # the same titles, owners and partners recur on many rows
def _compounds(text: str) -> str:
    return _unbroken_names(_LONG_WORD.sub(_joints, text))


def _unbroken_names(text: str) -> str:
    """ "MIS 3" with a no-break space: a narrow column broke it between the two."""
    return _NAME_NUMBER.sub("\\1\u00a0\\2", text) if " " in text else text


def _joints(match: re.Match[str]) -> str:
    word = match.group(0)
    return _soft_hyphens(word) if len(word) <= _REMEMBERED else _soft_hyphens.__wrapped__(word)


@lru_cache(maxsize=1 << 14)  # names and compounds recur on many lines of a document
def _soft_hyphens(word: str) -> str:
    """`Arbetsmarknadsintegrationsprojektet` -> `Arbets\xadmarknads\xadintegrations\xadprojektet`.

    The joints are the hyphenation points (Pyphen's Swedish patterns) that follow a
    linking s after a consonant other than s: "-nings", "-nads", "-tions", "-hets",
    but not "pass|ning". Without Pyphen (the documents extra) the word is unchanged.
    """
    dictionary = _pyphen_sv()
    if dictionary is None:
        return word
    points = [
        i
        for i in dictionary.positions(word)
        if 4 <= i <= len(word) - 5
        and word[i - 1] == "s"
        and word[i - 2] not in "saeiouyåäöéAEIOUYÅÄÖÉS"
    ]
    for i in reversed(points):
        word = f"{word[:i]}\u00ad{word[i:]}"
    return word


@cache
def _pyphen_sv() -> Any:
    """Pyphen's Swedish patterns, read as `Patterns` (see there); Pyphen's own reader
    for a dictionary that `Patterns` does not read."""
    try:
        import pyphen
    except ImportError:
        return None
    return Patterns.read(pyphen.LANGUAGES[pyphen.language_fallback("sv_SE")]) or pyphen.Pyphen(
        lang="sv_SE"
    )


#: The lines of a hyphenation dictionary that hold no pattern (Pyphen's `ignored`).
_NOT_PATTERNS = re.compile(
    rb"^(?:[%#]|LEFTHYPHENMIN|RIGHTHYPHENMIN|COMPOUNDLEFTHYPHENMIN|COMPOUNDRIGHTHYPHENMIN).*$",
    re.MULTILINE,
)
#: A line whose values are all zero: Pyphen leaves it out.
_ZERO_LINE = re.compile(rb"^[^1-9\n]+$", re.MULTILINE)
#: A pattern's digits and letters in pairs, as Pyphen splits it.
_PATTERN_PARTS = re.compile(r"(\d?)(\D?)")


class Patterns:
    """Hyphenation points as Pyphen's `HyphDict.positions` finds them, from its file.

    Pyphen parses each of the 15,000 Swedish patterns when it opens the dictionary
    (0.12 s, in every report that has a long word); this reads the file in a few
    milliseconds, with the lines keyed by their letters, and parses a pattern when
    a word first needs it. Pyphen's rules are kept: stripped lines, comments and
    settings skipped, patterns of zeros left out, the last of equal keys winning,
    the word lowercased. A dictionary with Pyphen's nonstandard alternatives
    (`/`) or `^^hh` escapes, which Swedish has none of, is left to Pyphen.
    """

    def __init__(self, lines: dict[str, str]) -> None:
        self._lines = lines
        self._parsed: dict[str, tuple[int, tuple[int, ...]]] = {}
        self._maxlen = max(map(len, lines), default=0)

    @classmethod
    def read(cls, path: Any) -> Patterns | None:
        """The patterns of a `hyph_*.dic`, or None if Pyphen alone can read them."""
        raw: bytes = path.read_bytes()
        first, _, body = raw.partition(b"\n")
        encoding = first.decode().strip()
        if encoding.lower() == "microsoft-cp1251":
            encoding = "cp1251"
        if b"/" in body or b"^^" in body or encoding.lower().replace("-", "") not in _BYTEWISE:
            return None
        body = _NOT_PATTERNS.sub(b"", body).translate(None, b" \t\r\f\v")
        if _ZERO_LINE.search(body):
            body = _ZERO_LINE.sub(b"", body)
        keys = body.translate(None, b"0123456789").decode(encoding).split("\n")
        lines = dict(zip(keys, body.decode(encoding).split("\n"), strict=True))
        lines.pop("", None)
        return cls(lines)

    def pattern(self, key: str) -> tuple[int, tuple[int, ...]] | None:
        """The offset and values of the pattern with these letters, as Pyphen stores them."""
        parsed = self._parsed.get(key)
        if parsed is None:
            line = self._lines.get(key)
            if line is None:
                return None
            values = tuple(int(digit or "0") for digit, _ in _PATTERN_PARTS.findall(line))
            start, end = 0, len(values)
            while not values[start]:
                start += 1
            while not values[end - 1]:
                end -= 1
            parsed = self._parsed[key] = (start, values[start:end])
        return parsed

    def positions(self, word: str) -> list[int]:
        """Where `word` may be hyphenated: Pyphen's `HyphDict.positions`, step by step."""
        pointed = f".{word.lower()}."
        references = [0] * (len(pointed) + 1)
        for i in range(len(pointed) - 1):
            stop = min(i + self._maxlen, len(pointed)) + 1
            for j in range(i + 1, stop):
                found = self.pattern(pointed[i:j])
                if not found:
                    continue
                offset, values = found
                part = slice(i + offset, i + offset + len(values))
                references[part] = map(max, values, references[part])
        return [i - 1 for i, reference in enumerate(references) if reference % 2]


#: Encodings in which digits, spaces and line ends are the ASCII bytes and nothing else
#: (a byte-wise reading of the file is the same as a reading of its text).
_BYTEWISE = frozenset({"iso88591", "iso885915", "iso88592", "cp1251", "koi8r", "utf8"})


def _nobreak(text: str) -> str:
    """A date's words held together: `8 maj 2023` never breaks across lines."""
    return text.replace(" ", "\u00a0")


#: The CLDR interval skeleton per precision of a partial date.
_SKELETONS = {0: "y", 1: "yMMMM", 2: "yMMMd"}
_SHORT_MONTH = re.compile(r"(?<![ML])([ML])\1\1(?![ML])")
_DASHES = " \u2009\u00a0\u202f–-"


@lru_cache(maxsize=1 << 14)  # a report of 10,000 projects writes 5,600 periods, 400 distinct
def _period(words: Words, start: PartialDate, end: PartialDate | None) -> str:
    """`Words.period` of two dates (a `Period` is a model, not a key), remembered."""
    return words._period(start, end)


@lru_cache(maxsize=1 << 14)
def _interval_parts(start: PartialDate, end: PartialDate, locale: str) -> tuple[str, str] | None:
    """The two sides of Babel's interval of two dates of the same precision, dash removed.

    `("8", "11 maj 2023")`, `("februari", "november 2023")`, `("mars 2021", "juni 2023")`.
    None when the precisions differ or the dates are equal: there is nothing shared.
    CLDR has no full-month skeleton with days (only `yMMMd`), so its abbreviated
    months are widened to full ones, as CLDR's skeleton matching prescribes.
    """
    from babel.dates import format_date

    precision = (bool(start.month) + bool(start.day), bool(end.month) + bool(end.day))
    if precision[0] != precision[1]:
        return None
    a, b = start.first_day, end.first_day
    fields = ("y", "M", "d")[: precision[0] + 1]
    pairs = zip(fields, (a.year, a.month, a.day), (b.year, b.month, b.day), strict=False)
    differ = next((f for f, x, y in pairs if x != y), None)
    if differ is None:
        return None
    formats = _babel(locale).interval_formats.get(_SKELETONS[precision[0]], {})
    if differ not in formats:
        return None
    left, right = (_SHORT_MONTH.sub(r"\1\1\1\1", p) for p in formats[differ])
    first = str(format_date(a, left, locale=_babel(locale))).rstrip(_DASHES)
    second = str(format_date(b, right, locale=_babel(locale))).lstrip(_DASHES)
    return first, second


@cache
def _babel(locale: str) -> Any:
    """Babel's `Locale`, parsed once: each format call would otherwise parse its name
    (20,000 times for the web site of 1,000 projects)."""
    from babel import Locale

    return Locale.parse(locale)


# Numbers, sums and dates recur (a year's months, round sums, counts), and Babel takes
# a tenth of a millisecond for each: the site of 10,000 projects formats 60,000. The
# caches are bounded and keyed by everything the text depends on (the value's type
# too: Babel writes 1 and 1.0 alike, but nothing here should rely on it).


@lru_cache(maxsize=1 << 14)
def _number(locale: str, kind: str, value: float) -> str:
    from babel.numbers import format_decimal

    return str(format_decimal(value, locale=_babel(locale)))


@lru_cache(maxsize=1 << 14)
def _money(locale: str, value: int, currency: str) -> str:
    from babel.numbers import format_currency

    pattern = _whole_currency_number_pattern(locale)
    text: str = format_currency(
        value, currency, format=pattern, locale=_babel(locale), currency_digits=False
    )
    # CLDR asks for a space between a currency code and the digits (SEK 40,000), which
    # Babel leaves out; € and $ stay attached (€250,000).
    return _CODE_AND_DIGITS.sub("\xa0", text)


@lru_cache(maxsize=1 << 14)
def _date(locale: str, value: PartialDate) -> str:
    """A month (`mars 2017`) or a day (`15 mars 2017`) in the locale's words."""
    from babel.dates import format_date

    pattern = "long" if value.day else "LLLL y"
    return str(format_date(value.first_day, pattern, locale=_babel(locale)))


#: Between a currency code and its digits (SEK 40,000), which Babel leaves unspaced.
_CODE_AND_DIGITS = re.compile(r"(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])")


@cache
def _whole_currency_pattern(locale: str) -> str:
    pattern: str = _babel(locale).currency_formats["standard"].pattern
    return pattern.split(";", maxsplit=1)[0].replace(".00", "")


@cache
def _whole_currency_number_pattern(locale: str) -> Any:
    """The pattern of `_whole_currency_pattern`, parsed once (Babel parses a string each call)."""
    from babel.numbers import parse_pattern

    return parse_pattern(_whole_currency_pattern(locale))


@cache
def _territories(locale: str) -> dict[str, str]:
    return dict(_babel(locale).territories)
