"""Small data repositories built in tmp_path, one file at a time."""

from __future__ import annotations

import textwrap
from pathlib import Path

CONFIG = """\
format: 1
organisation: {name: Testby kommun}
units:
  - id: utbildning
    name: Utbildningsförvaltningen
    contact: {name: Anna Andersson, email: anna@example.se}
  - id: omsorg
    name: Omsorgsförvaltningen
    contact: {name: Omar Olsson}
funders:
  - {id: icld, name: ICLD}
  - {id: erasmus-plus, name: Erasmus+, eu: true}
themes:
  - {id: socialt-arbete, name: Socialt arbete}
forms:
  - {id: samarbete, name: Samarbete}
goals:
  - {id: kunskap, name: Kunskap}
strategy:
  name: Testbys internationella strategi
  travel: {compensate_flights: true}
  contact_per_unit: true
"""

PARTNER = """\
id: vushtrri
name: Komuna Vushtrri
type: municipality
country: XK
"""

PROJECT = """\
id: sekos-2
title: Socialt entreprenörskap Kosovo
status: completed
owner: utbildning
partners: [vushtrri]
period: {start: 2018, end: 2021}
"""


def build_repo(root: Path, files: dict[str, str] | None = None, *, defaults: bool = True) -> Path:
    """Write a repository: the default config, partner and project, then `files` over them.

    A value of "" in `files` removes that default file.
    """
    tree: dict[str, str] = {}
    if defaults:
        tree = {
            "intstrat.yaml": CONFIG,
            "data/partners/vushtrri.yaml": PARTNER,
            "data/projects/sekos-2.yaml": PROJECT,
        }
    tree.update(files or {})
    for rel, text in tree.items():
        path = root / rel
        if not text:
            path.unlink(missing_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    (root / "data/projects").mkdir(parents=True, exist_ok=True)
    (root / "data/partners").mkdir(parents=True, exist_ok=True)
    return root


def project(**changes: str) -> str:
    """The default project with top-level lines replaced or added (`key='value text'`)."""
    lines = dict(line.split(": ", 1) for line in PROJECT.strip().splitlines())
    for key, value in changes.items():
        if value == "":
            lines.pop(key, None)
        else:
            lines[key] = value
    return "".join(f"{k}: {v}\n" for k, v in lines.items())


def check_in_new_process(root: Path, then: str, env: dict[str, str]) -> list[str]:
    """`intstrat check` of `root` in a fresh interpreter, then the Python code `then`
    (which may print to stderr what the check left behind, such as the modules it
    imported); stderr's lines, the check's exit code first of the last ones."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from intstrat.cli import main\n"
        f"sys.argv = ['intstrat', 'check', '--repo', {str(root)!r}]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as end:\n"
        "    print(end.code, file=sys.stderr)\n"
        f"{then}\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    return out.stderr.strip().splitlines()
