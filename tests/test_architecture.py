"""The import graph: one-way, from the command line down to the format.

Each package may import only the layers below it (and itself); siblings on one
layer do not import each other. Imports inside functions and under
TYPE_CHECKING count too: they are the same dependency, only later.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "intstrat"

#: Bottom to top. Names on one line are siblings.
LAYERS: list[set[str]] = [
    {"errors", "fileio", "formats", "versions"},
    {"format"},
    {"i18n"},
    {"loading"},
    {"checks"},
    {"domain"},
    {"query"},
    {"documents", "exports", "edit"},
    {"site"},
    {"api"},
    {"commands"},
    {"cli"},
    {"__main__"},
]


#: Plain values of intstrat/__init__.py (it imports nothing at its top): any layer may
#: use them.
PACKAGE_CONSTANTS = ("__version__", "DOCS_URL", "ISSUES_URL")


def _layer(part: str) -> int:
    for number, names in enumerate(LAYERS):
        if part in names:
            return number
    raise AssertionError(f"intstrat.{part} is in no layer of tests/test_architecture.py")


def _top(module: str) -> str:
    """`intstrat.loading.parse` -> `loading`; `intstrat` itself -> ''."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "intstrat":
                found += [(node.lineno, f"intstrat.{alias.name}") for alias in node.names]
            else:
                found.append((node.lineno, node.module))
    return [(line, name) for line, name in found if name.startswith("intstrat.")]


def test_every_module_imports_only_downwards() -> None:
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        module = ".".join(rel.parts).removesuffix(".__init__")
        own = _top(module)
        if not own:
            continue  # intstrat/__init__.py: the public names, imported lazily
        for line, target in _imports(path):
            other = _top(target)
            if other in (own, *PACKAGE_CONSTANTS):
                continue
            if _layer(other) >= _layer(own):
                wrong.append(f"{path.relative_to(PACKAGE)}:{line} imports {target}")
    assert wrong == []


def test_every_package_says_what_it_owns() -> None:
    for init in sorted(PACKAGE.glob("*/__init__.py")):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and len(doc) > 80, f"{init.parent.name}/__init__.py needs a docstring"
        assert "import" in doc, f"{init.parent.name}: say what it may import"


def test_help_imports_no_library_it_does_not_need() -> None:
    """`intstrat --help` and a command's `--help` start fast: the format (its models), Babel
    and the document stack are imported only by the commands that use them (timings are in
    the benchmark; this keeps the cause from coming back). typer itself brings pydantic in
    to parse a command's options, so only `intstrat --help` is free of it."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from intstrat.cli import app\n"
        "assert CliRunner().invoke(app, ['--help']).exit_code == 0\n"
        "top = 'pydantic' in sys.modules\n"
        "for args in (['check', '--help'], ['report', '--help'], ['list', '--help']):\n"
        "    assert CliRunner().invoke(app, args).exit_code == 0\n"
        "heavy = ('intstrat.format.models', 'babel', 'weasyprint', 'matplotlib', 'docx',\n"
        "         'openpyxl', 'lxml', 'yaml')\n"
        "print(top, sorted(m for m in heavy if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False []"
