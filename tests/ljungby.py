"""A second repository with another municipality's frame, invented for the tests.

Modelled on Ljungby's plan for international work (shared/seeds): the three forms
extern finansiering, kompetensutveckling and samarbete; the strategic areas
tillväxt, kunskap and livskvalitet; a contact person asked of every unit; no travel
rules at all. Amounts in EUR, SEK, NOK and DKK; reach in people, organisations and
places, some for 2023, some for longer periods, some without a unit or year.
Every record here is invented.
"""

from __future__ import annotations

from pathlib import Path

from tests.helpers import build_repo

CONFIG = """\
format: 1
organisation: {name: Ljungby kommun}
units:
  - id: kommunledning
    name: Kommunledningsförvaltningen
    contact: {name: Karin Ek, email: karin.ek@example.se}
  - id: barn-och-utbildning
    name: Barn- och utbildningsförvaltningen
    contact: {name: Nils Berg}
  - id: ljungbybostader
    name: Ljungbybostäder AB
    type: company
  - id: teknik
    name: Teknik- och fritidsförvaltningen
funders:
  - {id: erasmus-plus, name: Erasmus+, eu: true}
  - {id: interreg, name: Interreg Öresund-Kattegat-Skagerrak, eu: true}
  - {id: nordplus, name: Nordplus}
  - {id: icld, name: ICLD}
  - {id: region-kronoberg, name: Region Kronoberg}
forms:
  - {id: extern-finansiering, name: Extern finansiering}
  - {id: kompetensutveckling, name: Kompetensutveckling}
  - {id: samarbete, name: Samarbete}
goals:
  - {id: tillvaxt, name: Tillväxt}
  - {id: kunskap, name: Kunskap}
  - {id: livskvalitet, name: Livskvalitet}
strategy:
  name: Policy för internationellt arbete
  contact_per_unit: true
"""

PARTNERS = {
    "kolding": "id: kolding\nname: Kolding Kommune\ntype: municipality\ncountry: DK\n",
    "hamar": "id: hamar\nname: Hamar kommune\ntype: municipality\ncountry: 'NO'\n",
    "tartu-ulikool": "id: tartu-ulikool\nname: Tartu Ülikool\ntype: university\ncountry: EE\n",
}

PROJECTS = {
    "skolutbyte": """\
        id: skolutbyte
        title: Elevutbyte med Kolding och Hamar
        status: ongoing
        owner: barn-och-utbildning
        partners: [kolding, hamar]
        period: {start: 2022-08, end: 2024-06}
        application:
          funder: erasmus-plus
          submitted: 2022-03-01
          amount: {value: 60000, currency: EUR}
          decided: 2022-07-01
          outcome: granted
        funding:
          - {funder: erasmus-plus, amount: {value: 60000, currency: EUR}}
        sdgs: [4]
        forms: [extern-finansiering, samarbete]
        goals: [kunskap]
        reach:
          - {count: 45, who: elever som reste, unit: people, year: 2023}
          - {count: 3, who: skolor, unit: organisations, year: 2023}
          - {count: 120, who: elever totalt, unit: people, period: {start: 2022-08, end: 2024-06}}
        results:
          - {id: utbytesmodell, title: Modell för elevutbyte, date: 2023-12, implemented: true}
        travel:
          - {date: 2023-04, destination: DK, place: Kolding, travellers: 12}
          - {date: 2023-10, destination: 'NO', travellers: 2, flight: true}
        """,
    "gransregional-handel": """\
        id: gransregional-handel
        title: Gränsregional handel
        status: completed
        owner: kommunledning
        partners: [hamar]
        period: {start: 2021-01, end: 2023-03}
        funding:
          - {funder: interreg, amount: {value: 1200000, currency: NOK}}
        sdgs: [8, 9]
        forms: [extern-finansiering, samarbete]
        goals: [tillvaxt]
        reach:
          - {count: 25, who: företag, unit: organisations, period: {start: 2023-01, end: 2023-03}}
          - {count: 4, who: kommuner}
        results:
          - {id: handelsrapport, title: Rapport om gränshandel, date: 2023-02}
        """,
    "vanort-hamar": """\
        id: vanort-hamar
        title: Vänortsbesök i Hamar
        kind: activity
        status: completed
        owner: ljungbybostader
        partners: [hamar]
        period: {start: 2023-09-12, end: 2023-09-14}
        sdgs: [11]
        forms: [samarbete]
        goals: [livskvalitet]
        reach:
          - {count: 6, who: anställda, unit: people, year: 2023}
        travel:
          - {date: 2023-09, destination: 'NO', place: Hamar, travellers: 6, flight: true}
        """,
    "interreg-turism": """\
        id: interreg-turism
        title: Hållbar turism i Småland och Jylland
        status: ongoing
        owner: kommunledning
        partners: [kolding]
        period: {start: 2023-06, end: 2025-12}
        application:
          funder: interreg
          submitted: 2022-11-01
          amount: {value: 180000, currency: EUR}
          decided: 2023-03-15
          outcome: granted
        funding:
          - {funder: interreg, amount: {value: 180000, currency: EUR}}
        sdgs: [8, 11]
        forms: [extern-finansiering, samarbete]
        goals: [tillvaxt, livskvalitet]
        """,
    "natverk-kultur": """\
        id: natverk-kultur
        title: Nordiskt kulturnätverk
        kind: network
        status: ongoing
        owner: kommunledning
        partners: [tartu-ulikool]
        period: {start: 2019}
        application: {funder: nordplus, submitted: 2022-12, decided: 2023-02, outcome: granted}
        sdgs: [17]
        forms: [samarbete]
        goals: [livskvalitet]
        reach:
          - {count: 2, who: kulturhus, unit: places}
        """,
    "sprakcafe": """\
        id: sprakcafe
        title: Språkcafé för nyanlända
        kind: activity
        status: completed
        owner: barn-och-utbildning
        period: {start: 2023-03, end: 2023-05}
        application:
          funder: region-kronoberg
          submitted: 2023-01-10
          amount: {value: 40000, currency: SEK}
          decided: 2023-02-20
          outcome: granted
        funding:
          - {funder: region-kronoberg, amount: {value: 40000, currency: SEK}}
        sdgs: [4, 10]
        reach:
          - {count: 40, who: deltagare, unit: people, period: {start: 2023-03, end: 2023-05}}
        """,
    "nordplus-larare": """\
        id: nordplus-larare
        title: Lärarutbyte i Norden
        status: planned
        owner: barn-och-utbildning
        period: {start: 2024-01, end: 2024-12}
        application:
          funder: nordplus
          submitted: 2023-02-01
          amount: {value: 15000, currency: EUR}
          decided: 2023-05-10
          outcome: granted
        """,
    "erasmus-vuxen": """\
        id: erasmus-vuxen
        title: Vuxenutbildning i Europa
        status: rejected
        owner: barn-och-utbildning
        application:
          funder: erasmus-plus
          submitted: 2023-03-20
          amount: {value: 250000, currency: EUR}
          decided: 2023-07-01
          outcome: rejected
        """,
    "icld-forstudie": """\
        id: icld-forstudie
        title: Förstudie om kommunalt partnerskap
        kind: prestudy
        status: planned
        owner: kommunledning
        period: {start: 2024-03, end: 2024-12}
        application:
          funder: icld
          submitted: 2023-09-15
          amount: {value: 300000, currency: SEK}
          decided: 2024-02-01
          outcome: granted
        """,
    "digital-nordisk": """\
        id: digital-nordisk
        title: Digital service i nordiska kommuner
        status: applied
        owner: kommunledning
        application:
          funder: nordplus
          submitted: 2023-11-01
          amount: {value: 500000, currency: DKK}
        """,
    "gammalt": """\
        id: gammalt
        title: Gammalt projekt
        status: completed
        owner: teknik
        partners: [hamar]
        period: {start: 2019, end: 2021}
        reach:
          - {count: 10, who: tekniker, unit: people, year: 2020}
        results:
          - {id: gammal, title: Gammalt resultat, date: 2021}
        """,
}


def ljungby_repo(root: Path, config: str = CONFIG) -> Path:
    files = {"intstrat.yaml": config}
    files.update({f"data/partners/{k}.yaml": v for k, v in PARTNERS.items()})
    files.update({f"data/projects/{k}.yaml": v for k, v in PROJECTS.items()})
    return build_repo(root, files, defaults=False)
