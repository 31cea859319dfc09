"""A small repository for the follow-up of 2023-2026, invented for the tests.

Sjöby kommun (invented): eight projects over 2019-2026, chosen so that every rule of
the follow-up has a case whose figure can be counted by hand: work started and ended
in different years, a decision in the year after the application, a decision without
a date, a rejection, a pending application, reach for one year, for a period inside
the follow-up and for a period reaching outside it, an implemented and a plain
result, flights with and without compensation, a partner that is new, one that is
dormant, one that never had any work and one whose partnership ended, a strategic
area without activity, and own funding in cash and in staff time.

The hand counts are in tests/test_followup.py, next to the assertions.
"""

from __future__ import annotations

from pathlib import Path

from tests.helpers import build_repo

CONFIG = """\
format: 1
organisation: {name: Sjöby kommun, population: 20000}
units:
  - {id: kommunledning, name: Kommunledningsförvaltningen, contact: {name: Kim Ek}}
  - {id: utbildning, name: Utbildningsförvaltningen, contact: {name: Alva Berg}}
funders:
  - {id: erasmus-plus, name: Erasmus+, eu: true}
  - {id: icld, name: ICLD}
  - {id: nordplus, name: Nordplus}
forms:
  - {id: extern-finansiering, name: Extern finansiering}
  - {id: samarbete, name: Samarbete}
  - {id: kompetensutveckling, name: Kompetensutveckling}
goals:
  - {id: tillvaxt, name: Tillväxt}
  - {id: kunskap, name: Kunskap}
  - {id: livskvalitet, name: Livskvalitet}
strategy:
  name: Sjöbys internationella strategi
  travel: {compensate_flights: true}
"""

PARTNERS = {
    "kolding": "id: kolding\nname: Kolding Kommune\ntype: municipality\ncountry: DK\nsince: 2015\n",
    "hamar": "id: hamar\nname: Hamar kommune\ntype: municipality\ncountry: 'NO'\n",
    "tartu": "id: tartu\nname: Tartu linn\ntype: municipality\ncountry: EE\n",
    "riga": "id: riga\nname: Rīgas pilsēta\ntype: municipality\ncountry: LV\nuntil: 2022\n",
    "gdynia": "id: gdynia\nname: Gdynia\ntype: municipality\ncountry: PL\n",
}

PROJECTS = {
    "alpha": """\
        id: alpha
        title: Alfa
        status: completed
        owner: kommunledning
        partners: [kolding]
        period: {start: 2021-03, end: 2023-06}
        application:
          funder: erasmus-plus
          submitted: 2020-11-15
          amount: {value: 100000, currency: EUR}
          decided: 2021-02-10
          outcome: granted
        sdgs: [8]
        forms: [extern-finansiering, samarbete]
        goals: [tillvaxt]
        reach:
          - {count: 30, who: deltagare, unit: people, year: 2023}
          - {count: 50, who: deltagare totalt, unit: people, period: {start: 2021-03, end: 2023-06}}
        results:
          - {id: modell, title: Modell, date: 2023-05, implemented: true}
        travel:
          - {date: 2023-04, destination: DK, travellers: 2, flight: true, compensated: true}
          - {date: 2022-09, destination: DK, travellers: 3}
        """,
    "beta": """\
        id: beta
        title: Beta
        status: ongoing
        owner: utbildning
        partners: [hamar]
        period: {start: 2024-02}
        application:
          funder: icld
          submitted: 2023-10-01
          amount: {value: 500000, currency: SEK}
          decided: 2024-01-20
          outcome: granted
        sdgs: [4]
        forms: [kompetensutveckling]
        goals: [kunskap]
        reach:
          - {count: 12, who: skolor, unit: organisations, year: 2024}
          - {count: 40, who: lärare, unit: people, period: {start: 2024, end: 2025}}
        results:
          - {id: rapport, title: Rapport, date: 2025-03}
          - {id: rutin, title: Ny rutin, date: 2026-02, implemented: true}
        travel:
          - {date: 2024-05, destination: 'NO', travellers: 4, flight: true}
          - {date: 2026-03, destination: 'NO', travellers: 1, flight: true, compensated: true}
        """,
    "gamma": """\
        id: gamma
        title: Gamma
        status: rejected
        owner: kommunledning
        application:
          funder: nordplus
          submitted: 2023-03-01
          amount: {value: 20000, currency: EUR}
          decided: 2023-06-01
          outcome: rejected
        forms: [extern-finansiering]
        """,
    "delta": """\
        id: delta
        title: Delta
        kind: activity
        status: completed
        owner: kommunledning
        partners: [tartu]
        period: {start: 2019, end: 2021}
        application:
          funder: erasmus-plus
          submitted: 2018-12-01
          amount: {value: 80000, currency: EUR}
          decided: 2019-03-01
          outcome: granted
        sdgs: [4]
        goals: [kunskap]
        results:
          - {id: gammalt, title: Gammalt resultat, date: 2020, implemented: true}
        """,
    "epsilon": """\
        id: epsilon
        title: Epsilon
        status: applied
        owner: utbildning
        application:
          funder: icld
          submitted: 2026-09-01
          amount: {value: 300000, currency: SEK}
        forms: [extern-finansiering]
        """,
    "zeta": """\
        id: zeta
        title: Zeta-nätverket
        kind: network
        status: ongoing
        owner: utbildning
        partners: [kolding]
        period: {start: 2020}
        funding:
          - {funder: own, amount: {value: 10000, currency: SEK}, kind: cash}
        sdgs: [17]
        forms: [samarbete]
        """,
    "eta": """\
        id: eta
        title: Eta
        status: completed
        owner: kommunledning
        partners: [hamar]
        period: {start: 2025-01, end: 2025-12}
        application:
          funder: icld
          submitted: 2024-11-01
          amount: {value: 200000, currency: SEK}
          outcome: granted
        funding:
          - {funder: icld, amount: {value: 200000, currency: SEK}}
          - {funder: own, kind: staff-time}
        sdgs: [4, 8]
        forms: [extern-finansiering, kompetensutveckling]
        goals: [tillvaxt]
        """,
    "theta": """\
        id: theta
        title: Theta
        status: planned
        owner: utbildning
        period: {start: 2027, end: 2028}
        application:
          funder: erasmus-plus
          submitted: 2026-02-01
          amount: {value: 150000, currency: EUR}
          decided: 2026-06-15
          outcome: granted
        """,
}


def followup_repo(root: Path, projects: dict[str, str] | None = None) -> Path:
    """Sjöby's repository at `root` (with `projects` instead of the default ones)."""
    files = {"intstrat.yaml": CONFIG}
    files.update({f"data/partners/{k}.yaml": v for k, v in PARTNERS.items()})
    chosen = PROJECTS if projects is None else projects
    files.update({f"data/projects/{k}.yaml": v for k, v in chosen.items()})
    return build_repo(root, files, defaults=False)
