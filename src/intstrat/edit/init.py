"""`init`: a new data repository for another organisation, ready for `intstrat check`."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from intstrat import DOCS_URL
from intstrat.edit.fmt import format_text
from intstrat.errors import UsageError
from intstrat.fileio import write_atomic
from intstrat.format.emit import dump_data
from intstrat.format.models import Config
from intstrat.format.values import SLUG_PATTERN, slugify
from intstrat.i18n import _

#: Funders most Swedish municipalities meet; edit the list in intstrat.yaml.
DEFAULT_FUNDERS = [
    {"id": "icld", "name": "ICLD", "eu": False, "website": "https://icld.se"},
    {"id": "erasmus-plus", "name": "Erasmus+", "eu": True},
    {"id": "interreg", "name": "Interreg", "eu": True},
    {
        "id": "esf-plus",
        "name": {"sv": "Europeiska socialfonden+", "en": "European Social Fund+"},
        "eu": True,
    },
    {"id": "life", "name": {"sv": "LIFE-programmet", "en": "LIFE programme"}, "eu": True},
]
#: The three forms of international work in Ljungby's and Växjö's strategies.
DEFAULT_FORMS = [
    {"id": "extern-finansiering", "name": {"sv": "Extern finansiering", "en": "External funding"}},
    {
        "id": "kompetensutveckling",
        "name": {"sv": "Kompetensutveckling", "en": "Skills development"},
    },
    {"id": "samarbete", "name": {"sv": "Samarbete", "en": "Cooperation"}},
]
CONFIG_GUIDE = {
    "sv": (
        "# intstrat.yaml: organisationen och orden som posterna använder.\n"
        "# Lägg till förvaltningar och bolag under units (med internationell kontaktperson),\n"
        "# och egna teman (themes) och strategiska mål (goals). Kontrollera med: intstrat check\n"
    ),
    "en": (
        "# intstrat.yaml: the organisation and the vocabulary its records use.\n"
        "# Add departments and companies under units (with their international contact\n"
        "# person), and your own themes and goals. Check with: intstrat check\n"
    ),
}
#: The unit a new repository starts with when --unit is not given: where the
#: international coordinator works, so the first project has an owner. Its contact is
#: the coordinator's role until a name is filled in (a unit that owns projects needs a
#: contact, R009).
DEFAULT_UNIT = {
    "sv": ("kommunledning", "Kommunledningsförvaltningen", "Internationell samordnare"),
    "en": ("kommunledning", "Kommunledningsförvaltningen", "International coordinator"),
}
WORKFLOW = """\
# Checks the records on every pull request (made by `intstrat init`).
name: check records
on:
  pull_request:
  push:
    branches: [main]
permissions:
  contents: read
env:
  # What pip installs. "~=X.Y.0" takes bug fixes but no new checks that could turn old
  # records red; raise it when you want them. Until intstrat is on PyPI, or from your
  # own copy: "intstrat @ git+https://github.com/intstrat/intstrat@main" (or a tag).
  INTSTRAT: "intstrat~={series}.0"
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - run: python -m pip install "$INTSTRAT"
      - run: intstrat check --format github
      # The layout is shown, not required: a contact person who edits a record in the
      # browser cannot run fmt. `intstrat fmt` lays the files out, changing nothing else.
      - run: intstrat fmt --check
        continue-on-error: true
"""
#: The folders of a repository that intstrat reads (as `-o` refuses them) or keeps its
#: cache in: a new repository inside one would be taken for the enclosing one's own files
#: (`check` finds stray files in data/, a template lookup finds its README). Anywhere
#: else inside one is allowed: a nested repository there is left alone by the outer one
#: (intstrat's own source keeps one in tools/look-repo/), as it is in a municipality's
#: bigger git repository, which is no intstrat repository.
OWN_FOLDERS = ("data", "templates", "schemas", ".intstrat-cache", ".git", ".github")
VSCODE = """\
{
  "yaml.schemas": {
    "schemas/config.schema.json": "intstrat.yaml",
    "schemas/partner.schema.json": "data/partners/*.yaml",
    "schemas/project.schema.json": "data/projects/*.yaml"
  }
}
"""


def init_repository(
    target: Path, name: str, language: str = "sv", units: list[tuple[str, str]] | None = None
) -> list[Path]:
    """A new data repository in `target`, ready for `intstrat check`."""
    from intstrat.format.schema import write_schemas

    enclosing = enclosing_repository(target)
    if enclosing is not None:
        root, folder = enclosing
        raise UsageError(
            _(
                "{path} is inside {folder}/ of the intstrat repository in {root}, which would "
                "take the new files for its own; nothing was changed. Give a folder outside "
                "{root}/{folder}, or run 'intstrat new project' in {root} to add a record there"
            ).format(path=target, folder=folder, root=root)
        )
    if (target / "intstrat.yaml").exists():
        raise UsageError(
            _("{path} exists already; nothing was changed").format(path=target / "intstrat.yaml")
        )
    if units:
        unit_list: list[dict[str, Any]] = [
            {"id": ident, "name": unit_name, "type": "department"} for ident, unit_name in units
        ]
    else:
        ident, unit_name, role = DEFAULT_UNIT[language]
        unit_list = [
            {"id": ident, "name": unit_name, "type": "department", "contact": {"name": role}}
        ]
    config: dict[str, Any] = {
        "format": 1,
        "organisation": {"name": name, "country": "SE"},
        "language": language,
        "units": unit_list,
        "funders": DEFAULT_FUNDERS,
        "themes": [],
        "forms": DEFAULT_FORMS,
        "goals": [],
    }
    from intstrat.loading.bounds import out_of_bounds

    where = {"organisation": "--name", "units": "--unit", "language": "--lang"}
    # What `check` refuses of text before the model sees it (a pasted control character).
    bounded = [f"{where.get(str(b.loc[0]), b.loc[0])}: {b.reason}" for b in out_of_bounds(config)]
    if bounded:
        raise UsageError("\n".join(dict.fromkeys(bounded)))
    try:
        Config.model_validate(config)
    except ValidationError as exc:
        from intstrat.loading.validation import schema_message

        options = {"organisation": "--name", "units": "--unit", "language": "--lang"}
        said = [
            schema_message(error, Config, where=options.get(str(error["loc"][0])))[1]
            for error in exc.errors(include_url=False)
        ]
        raise UsageError("\n".join(dict.fromkeys(said))) from None
    header = "# yaml-language-server: $schema=schemas/config.schema.json\n" + CONFIG_GUIDE[language]
    files = {
        "intstrat.yaml": format_text(header + dump_data(config), Config),
        "data/projects/.gitkeep": "",
        "data/partners/.gitkeep": "",
        "templates/README.md": (
            "Egna mallar: en fil här med samma namn som en inbyggd mall ersätter den "
            f"(se {DOCS_URL}templates.md).\n"
        ),
        ".github/workflows/check.yml": workflow(),
        ".vscode/settings.json": VSCODE,
        ".gitignore": "out/\n.intstrat-cache/\n",
        "CONTRIBUTING.md": contributing(language, name, unit_list[0]["id"]),
    }
    written = []
    for rel, text in files.items():
        path = target / rel
        if path.exists():
            continue
        write_atomic(path, text)
        written.append(path)
    written += write_schemas(target / "schemas", ["project", "partner", "config"])
    return written


def enclosing_repository(target: Path) -> tuple[Path, str] | None:
    """The intstrat repository with `target` in one of its `OWN_FOLDERS`, and that folder.

    Where the target really is (through links), and every repository above it: a
    repository nested in another's docs/ still owns its own data/.
    """
    try:
        real = target.resolve()
    except (OSError, RuntimeError):  # a link loop on the way: writing will say so
        return None
    for root in real.parents:
        if os.path.lexists(root / "intstrat.yaml"):
            folder = real.relative_to(root).parts[0]
            if folder in OWN_FOLDERS:
                return root, folder
    return None


def workflow() -> str:
    """The CI workflow, installing the intstrat series that made the repository."""
    from intstrat import __version__

    series = ".".join(__version__.split(".")[:2])
    return WORKFLOW.format(series=series)


def contributing(language: str, organisation: str, unit: str) -> str:
    """A short contributor guide in the repository's language (the new-record files point to it)."""
    from importlib.resources import files

    text = files("intstrat").joinpath(f"data/contributing-{language}.md").read_text("utf-8")
    return text.format(organisation=organisation, unit=unit)


def git_init(target: Path) -> bool:
    """`git init` in `target` unless it is inside a git work tree already; False if git is missing.

    The workflow and CONTRIBUTING.md assume the repository is in git; a coordinator
    should not have to know to run this.
    """
    import subprocess

    try:
        inside = subprocess.run(
            ["git", "rev-parse", "--is-inside-work-tree"],
            cwd=target,
            capture_output=True,
            text=True,
            check=False,
        )
        if inside.returncode == 0 and inside.stdout.strip() == "true":
            return False
        subprocess.run(
            ["git", "-c", "init.defaultBranch=main", "init", "--quiet"],
            cwd=target,
            capture_output=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return False  # no git here: the files are ready all the same
    return True


def parse_units(items: list[str]) -> list[tuple[str, str]] | None:
    """`utbildning=Utbildningsförvaltningen` pairs from the command line (None: the default).

    Checked here, at the edge, so a mistake is a message with a suggestion, not a
    validation error from deep inside.
    """
    units: list[tuple[str, str]] = []
    problems: list[str] = []
    for item in items:
        ident, sep, unit_name = (part.strip() for part in item.partition("="))
        if not sep or not ident or not unit_name:
            problems.append(
                _("--unit {item}: write ID=NAME, e.g. utbildning=Utbildningsförvaltningen").format(
                    item=repr(item)
                )
            )
        elif not re.fullmatch(SLUG_PATTERN, ident):
            suggestion = slugify(ident) or "forvaltning"
            problems.append(
                _(
                    "--unit {item}: '{ident}' is not a valid id: use lowercase letters a-z, "
                    "digits and single hyphens, e.g. --unit '{suggestion}={name}'"
                ).format(item=repr(item), ident=ident, suggestion=suggestion, name=unit_name)
            )
        elif any(ident == known for known, _name in units):
            # check would refuse the repository at once (R002): two units, one id
            problems.append(
                _("--unit {item}: the id '{ident}' is given twice; give each unit its own").format(
                    item=repr(item), ident=ident
                )
            )
        else:
            units.append((ident, unit_name))
    if problems:
        raise UsageError("\n".join(problems))
    return units or None
