"""A large synthetic data repository: N projects with realistic Swedish text.

    python bench/generate.py 10000 bench/repos/n10000

Deterministic for a given N and seed, so runs compare like with like.
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

UNITS = [
    ("kommunledning", "Kommunledningsförvaltningen", "department"),
    ("arbete-och-valfard", "Förvaltningen arbete och välfärd", "department"),
    ("utbildning", "Utbildningsförvaltningen", "department"),
    ("omsorg", "Omsorgsförvaltningen", "department"),
    ("samhallsbyggnad", "Samhällsbyggnadsförvaltningen", "department"),
    ("kultur-och-fritid", "Kultur- och fritidsförvaltningen", "department"),
    ("veab", "Växjö Energi AB", "company"),
    ("vaxjobostader", "Växjöbostäder AB", "company"),
]
FUNDERS = [
    ("icld", "ICLD", False),
    ("erasmus-plus", "Erasmus+", True),
    ("interreg-south-baltic", "Interreg South Baltic", True),
    ("esf-plus", "Europeiska socialfonden+", True),
    ("life", "LIFE-programmet", True),
    ("horisont-europa", "Horisont Europa", True),
]
THEMES = [
    "arbetsmarknad",
    "kompetensforsorjning",
    "stadsplanering",
    "socialt-arbete",
    "omsorg",
    "hallbar-energi",
    "grona-ytor",
    "jamstalldhet",
    "miljopedagogik",
    "demokrati",
    "digitalisering",
    "integration",
    "klimatanpassning",
    "kultur",
    "folkhalsa",
]
#: OECD DAC purpose codes of the themes, so every project can be exported to IATI.
DAC_SECTORS = {
    "arbetsmarknad": 16020,
    "kompetensforsorjning": 11330,
    "stadsplanering": 43030,
    "socialt-arbete": 16010,
    "omsorg": 16010,
    "hallbar-energi": 23110,
    "grona-ytor": 43030,
    "jamstalldhet": 15170,
    "miljopedagogik": 41081,
    "demokrati": 15150,
    "digitalisering": 22040,
    "integration": 15190,
    "klimatanpassning": 41010,
    "kultur": 16061,
    "folkhalsa": 12110,
}
FORMS = ["extern-finansiering", "omvarldssamverkan", "kompetensutveckling"]
GOALS = ["ekologisk-hallbarhet", "social-hallbarhet", "ekonomisk-hallbarhet"]
COUNTRIES = ["ZA", "XK", "EE", "LT", "LV", "PL", "DK", "DE", "FI", "NO", "UA", "TZ", "KE", "BA"]
WORDS = [
    "hållbar",
    "utveckling",
    "samverkan",
    "förskola",
    "gymnasieelever",
    "medborgardialog",
    "vätgas",
    "återbruk",
    "energieffektivisering",
    "kompetensförsörjning",
    "socialt",
    "entreprenörskap",
    "arbetsmetoder",
    "utvärdering",
    "pilottest",
    "omvärldsbevakning",
    "jämställdhet",
    "tillgänglighet",
    "klimatanpassning",
    "dagvatten",
    "kontaktcenter",
    "fullmäktige",
    "ungdomar",
    "integration",
    "digitalisering",
    "biblioteket",
    "äldreomsorg",
    "hemtjänst",
    "näringsliv",
    "innovation",
]
SCHEMA_LINE = "# yaml-language-server: $schema=../../schemas/{}.schema.json\n"


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def config() -> str:
    lines = [
        "format: 1",
        "organisation: {name: Syntetiska kommunen, country: SE, org_number: 212000-0001}",
        "units:",
    ]
    for ident, name, kind in UNITS:
        lines += [
            f"  - id: {ident}",
            f"    name: {name}",
            f"    type: {kind}",
            f"    contact: {{name: Kontakt {ident}, email: {ident}@example.se}}",
        ]
    lines.append("funders:")
    lines += [f"  - {{id: {i}, name: {n}, eu: {str(eu).lower()}}}" for i, n, eu in FUNDERS]
    lines.append("themes:")
    lines += [
        f"  - {{id: {i}, name: {i.replace('-', ' ').capitalize()}, dac_sector: {DAC_SECTORS[i]}}}"
        for i in THEMES
    ]
    for section, ids in (("forms", FORMS), ("goals", GOALS)):
        lines.append(f"{section}:")
        lines += [f"  - {{id: {i}, name: {i.replace('-', ' ').capitalize()}}}" for i in ids]
    return "\n".join(lines) + "\n"


def partner(rng: random.Random, index: int) -> str:
    country = COUNTRIES[index % len(COUNTRIES)]
    return SCHEMA_LINE.format("partner") + (
        f"id: partner-{index}\n"
        f"name: Partnerkommun {index}\n"
        "type: municipality\n"
        f"country: {country}\n"
        f"area_km2: {rng.randint(50, 9000)}\n"
        f"population: {rng.randint(5, 900) * 1000}\n"
        f"website: https://partner{index}.example.org\n"
        f"since: {rng.randint(1995, 2022)}\n"
        "funders: [icld]\n"
        f"description: {sentence(rng, 20)}\n"
    )


def project(rng: random.Random, index: int, partners: int) -> str:
    start = rng.randint(2015, 2023)
    end = start + rng.randint(0, 3)
    status = "completed" if end < 2026 else "ongoing"
    funder = rng.choice(FUNDERS)[0]
    chosen = sorted({f"partner-{rng.randrange(partners)}" for _ in range(rng.randint(1, 3))})
    themes = sorted(set(rng.sample(THEMES, 2)))
    lines = [
        SCHEMA_LINE.format("project").rstrip("\n"),
        f"id: projekt-{index}",
        "title:",
        f"  sv: {sentence(rng, 6)[:-1]} {index}",
        f"  en: Project {index}",
        f"kind: {rng.choice(['project', 'project', 'prestudy', 'activity'])}",
        f"status: {status}",
        f"owner: {rng.choice(UNITS)[0]}",
        f"partners: [{', '.join(chosen)}]",
        f"period: {{start: {start}-{rng.randint(1, 12):02d}, end: {end}}}",
        "application:",
        f"  funder: {funder}",
        f"  submitted: {start - 1}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        f"  amount: {{value: {rng.randint(1, 90) * 10000}, currency: SEK}}",
        f"  decided: {start - 1}-12-28",
        "  outcome: granted",
        "funding:",
        f"  - {{funder: {funder}, amount: {{value: {rng.randint(1, 90) * 10000}, currency: SEK}}}}",
        "  - {funder: own, kind: staff-time}",
        f"sdgs: [{', '.join(str(s) for s in sorted(rng.sample(range(1, 18), 2)))}]",
        f"themes: [{', '.join(themes)}]",
        f"forms: [{rng.choice(FORMS)}]",
        f"goals: [{rng.choice(GOALS)}]",
        "summary: >-",
        f"  {sentence(rng, 18)}",
        f"  {sentence(rng, 14)}",
        f"purpose: {sentence(rng, 16)}",
        "reach:",
        f"  - {{count: {rng.randint(5, 500)}, who: {{sv: deltagare, en: participants}}}}",
        "results:",
        f"  - id: resultat-{index}",
        f"    title: {sentence(rng, 7)}",
        f"    date: {end}",
        f"    implemented: {str(rng.random() < 0.4).lower()}",
        f"    description: {sentence(rng, 20)}",
        "quotes:",
        f"  - text: {sentence(rng, 25)}",
        "    name: Anna Andersson",
        "    role: projektledare",
        "contact: {name: Erik Ek, email: erik.ek@example.se}",
        "travel:",
        f"  - {{date: {start}, destination: {rng.choice(COUNTRIES)}, travellers: "
        f"{rng.randint(1, 6)}, flight: true, compensated: true}}",
    ]
    return "\n".join(lines) + "\n"


def generate(projects: int, out: Path, seed: int = 2023) -> Path:
    """Write a repository with `projects` projects and a partner per ten projects."""
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    (out / "data" / "projects").mkdir(parents=True)
    (out / "data" / "partners").mkdir(parents=True)
    (out / "intstrat.yaml").write_text(config(), encoding="utf-8")
    partners = max(1, projects // 10)
    for i in range(partners):
        text = partner(rng, i)
        (out / "data" / "partners" / f"partner-{i}.yaml").write_text(text, encoding="utf-8")
    for i in range(projects):
        text = project(rng, i, partners)
        (out / "data" / "projects" / f"projekt-{i}.yaml").write_text(text, encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("projects", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=2023)
    args = parser.parse_args()
    generate(args.projects, args.out, args.seed)
    print(f"wrote {args.projects} projects to {args.out}")


if __name__ == "__main__":
    main()
