"""A repository built like a partnership brochure's: two partnerships, featured projects.

Modelled on Växjö's brochure (shared/seeds), but its own: tests that pin facts,
ids and rankings use this, not the example data in data/, which may change.
"""

from __future__ import annotations

from pathlib import Path

from tests.helpers import build_repo

CONFIG = """\
format: 1
organisation: {name: Testby kommun, website: https://testby.example.se, email: info@testby.example.se}
introduction: {sv: Testby har **partnerskap** sedan länge., en: Testby has long had partnerships.}
quote: {text: Vi lär oss mycket., name: Ann Ordförande (M), role: kommunstyrelsens ordförande}
units:
  - {id: utbildning, name: Utbildningsförvaltningen, contact: {name: Anna Andersson}}
  - {id: omsorg, name: Omsorgsförvaltningen, contact: {name: Omar Olsson}}
  - {id: energi, name: Testby Energi AB, type: company, contact: {name: Eva Energi}}
funders:
  - {id: icld, name: ICLD}
  - {id: erasmus-plus, name: Erasmus+, eu: true}
themes:
  - {id: socialt-entreprenorskap, name: Socialt entreprenörskap}
  - {id: miljopedagogik, name: Miljöpedagogik}
  - {id: energi, name: Energi}
  - {id: pr-information, name: PR/information}
"""

PARTNERS = {
    "jb-marks": """\
        id: jb-marks
        name: JB Marks Local Municipality
        type: municipality
        country: ZA
        area_km2: 6398
        population: 250000
        website: https://www.jbmarks.co.za
        since: 2005
        """,
    "vushtrri": """\
        id: vushtrri
        name: Komuna Vushtrri
        type: municipality
        country: XK
        area_km2: 345
        population: 70000
        since: 2013
        """,
    # Not a partnership (no `since`): not in the brochure by default.
    "tartu": "id: tartu\nname: Tartu linn\ntype: municipality\ncountry: EE\n",
}

PROJECTS = {
    "energiplan": """\
        id: energiplan
        title: {sv: Energiplan i linje med Agenda 2030, en: An energy plan for Agenda 2030}
        status: completed
        owner: energi
        partners: [jb-marks]
        period: {start: 2019, end: 2021}
        funding: [{funder: icld, kind: grant}, {funder: own, kind: staff-time}]
        sdgs: [7]
        themes: [energi]
        summary: Testby Energi och JB Marks tar fram en energiplan.
        results:
          - {id: plan, title: Strategisk plan för hållbar energiproduktion, date: 2021, implemented: true}
        quotes:
          - {text: Vi lärde oss av varandra., name: Julia Strateg, role: chef strategi}
        featured: true
        """,
    "sekos": """\
        id: sekos
        title: Socialt entreprenörskap i skolan
        status: completed
        owner: utbildning
        partners: [vushtrri]
        period: {start: 2018, end: 2021}
        funding: [{funder: icld}, {funder: own, kind: staff-time}]
        sdgs: [4, 8]
        themes: [socialt-entreprenorskap, pr-information]
        summary: Elever driver egna företag.
        purpose: "Det treåriga projektet har involverat lärare, rektorer och verksamhetsutvecklare från bägge kommunerna och en extern expert på socialt företagande. Eleverna i skolan Draknästen driver egna företag och säljer det de gör på marknader i båda städerna."
        results:
          - {id: metod, title: Nya undervisningsmetoder, date: 2021, implemented: true}
          - {id: rapport, title: En rapport, date: 2020}
        quotes:
          - {text: Eleverna växte., name: Magnus Lärare, role: rektor}
        featured: true
        """,
    "mis": """\
        id: mis
        title: {sv: Miljöpedagogik i förskolan, en: Environmental education in preschool}
        status: completed
        owner: utbildning
        partners: [vushtrri]
        period: {start: 2019, end: 2022}
        sdgs: [4]
        themes: [miljopedagogik]
        quotes:
          - {text: En förmån., name: Britta Pedagog, role: förskollärare}
        featured: true
        """,
    "kartlaggning": """\
        id: kartlaggning
        title: Kartläggning av vatten
        kind: prestudy
        status: completed
        owner: omsorg
        partners: [jb-marks, vushtrri]
        period: {start: 2022, end: 2022}
        themes: [miljopedagogik]
        results:
          - {id: kartlaggning, title: Kartläggning av dagvatten, date: 2022}
        """,
    # Ran with a partner who is not a partnership, and never ran: neither counts.
    "tartu-projekt": """\
        id: tartu-projekt
        title: Projekt med Tartu
        status: ongoing
        owner: omsorg
        partners: [tartu]
        period: {start: 2023}
        """,
    "ide": """\
        id: ide
        title: En idé med Vushtrri
        status: idea
        owner: omsorg
        partners: [vushtrri]
        """,
}


def partnership_repo(root: Path) -> Path:
    files = {"intstrat.yaml": CONFIG}
    files.update({f"data/partners/{k}.yaml": v for k, v in PARTNERS.items()})
    files.update({f"data/projects/{k}.yaml": v for k, v in PROJECTS.items()})
    return build_repo(root, files, defaults=False)
