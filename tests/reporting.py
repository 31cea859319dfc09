"""A repository built for the annual summary of 2023, with every edge the rules have."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import build_repo

CONFIG = """\
format: 1
organisation: {name: Testby kommun, website: https://testby.example.se}
vision: {sv: Testby ska vara grön., en: Testby shall be green.}
units:
  - id: utbildning
    name: {sv: Utbildningsförvaltningen, en: Department of Education}
    contact: {name: Anna Andersson, email: anna@example.se}
  - id: omsorg
    name: {sv: Omsorgsförvaltningen, en: Department of Social Care}
    contact: {name: Omar Olsson}
  - id: tekniska
    name: Tekniska förvaltningen
funders:
  - {id: icld, name: ICLD}
  - {id: erasmus-plus, name: Erasmus+, eu: true}
"""

PARTNERS = {
    "data/partners/jb-marks.yaml": (
        "id: jb-marks\nname: JB Marks Local Municipality\ntype: municipality\ncountry: ZA\n"
        "since: 2005\n"
    ),
    "data/partners/vushtrri.yaml": "id: vushtrri\nname: Komuna Vushtrri\ntype: municipality\ncountry: XK\n",
}

PROJECTS = {
    # EU-funded, running through 2023, with two trips and an implemented result.
    "eu-skills": """\
        id: eu-skills
        title: {sv: Gröna kompetenser, en: Green skills}
        status: ongoing
        owner: utbildning
        partners: [jb-marks]
        period: {start: 2022-09, end: 2030}
        funding:
          - {funder: erasmus-plus, amount: {value: 250000, currency: EUR}}
          - {funder: own, kind: staff-time}
        sdgs: [4, 13]
        summary: "Kurser om **klimat**. <img src=x onerror=alert(1)>"
        reach:
          - {count: 120, who: {sv: kursdeltagare, en: course participants}}
        results:
          - {id: kursmodul, title: {sv: Ny kursmodul, en: A new course module}, date: 2023-06, implemented: true}
          - {id: rapport, title: Rapport om gröna jobb, date: 2023-02}
        travel:
          - {date: 2023-05, destination: ZA, travellers: 3, flight: true, compensated: true}
          - {date: 2023-09, destination: ZA, travellers: 2, flight: true}
          - {date: 2022-10, destination: ZA, travellers: 2, flight: true, compensated: true}
        """,
    # Ended in January 2023: in the year, and finished in it.
    "icld-january": """\
        id: icld-january
        title: Projekt som slutade i januari
        status: completed
        owner: omsorg
        partners: [vushtrri]
        period: {start: 2021-03, end: 2023-01}
        funding: [{funder: icld, amount: {value: 500000, currency: SEK}}]
        sdgs: [4]
        results:
          - {id: ny-rutin, title: Ny rutin i hemtjänsten, date: 2023-01}
        """,
    # Starts in December 2023, a pre-study; granted by a decision in 2023.
    "prestudy-december": """\
        id: prestudy-december
        title: Förstudie som började i december
        kind: prestudy
        status: ongoing
        owner: omsorg
        partners: [jb-marks]
        period: {start: 2023-12, end: 2030-03}
        application:
          funder: icld
          submitted: 2023-05-02
          decided: 2023-09
          amount: {value: 150000, currency: SEK}
          outcome: granted
        """,
    "network": """\
        id: network
        title: Nätverket
        kind: network
        status: ongoing
        owner: utbildning
        period: {start: 2010}
        sdgs: [17]
        """,
    # Applications submitted in 2023: pending, rejected, and granted only in 2024.
    "applied": """\
        id: applied
        title: Ansökan som väntar
        status: applied
        owner: utbildning
        application: {funder: erasmus-plus, submitted: 2023-10-31, amount: {value: 90000, currency: EUR}}
        """,
    "rejected": """\
        id: rejected
        title: Ansökan som avslogs
        status: rejected
        owner: omsorg
        application: {funder: icld, submitted: 2023-02, outcome: rejected, decided: 2023-06}
        """,
    "decided-next-year": """\
        id: decided-next-year
        title: Beviljad året efter
        status: planned
        owner: utbildning
        period: {start: 2024-03, end: 2025}
        application: {funder: icld, submitted: 2023-11-15, decided: 2024-01-20, outcome: granted, amount: {value: 700000, currency: SEK}}
        """,
    # Not in 2023 at all.
    "old": """\
        id: old
        title: Gammalt projekt
        status: completed
        owner: utbildning
        partners: [vushtrri]
        period: {start: 2018, end: 2020}
        results:
          - {id: gammalt, title: Gammalt resultat, date: 2020}
        """,
    # Data from a pull request that tries to become markup.
    "hostile": """\
        id: hostile
        title: "<script>alert('x')</script> Skript | pipe"
        kind: activity
        status: completed
        owner: tekniska
        period: {start: 2023-04, end: 2023-04}
        """,
}


def report_repo(root: Path) -> Path:
    files = {"intstrat.yaml": CONFIG, **PARTNERS}
    files.update({f"data/projects/{k}.yaml": v for k, v in PROJECTS.items()})
    return build_repo(root, files, defaults=False)
