"""intstrat: a municipality's international work as validated YAML records.

The public API is small on purpose (see docs/api.md); everything else is
internal and may change::

    import intstrat

    repo = intstrat.load("path/to/data")
    result = intstrat.check(repo)
    report = intstrat.build_report(repo, 2023)
    pdf = intstrat.render(report, "pdf", repo)

Names are imported on first use, so `import intstrat` (and the command line's
start-up) stays cheap.
"""

from __future__ import annotations

__version__ = "0.1.0"
#: Where intstrat's guides are read. Messages name them by this address: a municipality's
#: data repository has no docs/ folder of its own.
DOCS_URL = "https://github.com/intstrat/intstrat/blob/main/docs/"
ISSUES_URL = "https://github.com/intstrat/intstrat/issues"

# Not `from typing import TYPE_CHECKING`: importing typing (10 ms) here would put it
# before the script's guard against a Ctrl-C (see __main__.py).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from intstrat.api import (
        build_brochure,
        build_followup,
        build_report,
        check,
        export,
        load,
        projects,
        render,
        revision,
        search,
        stats,
    )
    from intstrat.errors import IntstratError
    from intstrat.query.filters import Filters

__all__ = [
    "Filters",
    "IntstratError",
    "__version__",
    "build_brochure",
    "build_followup",
    "build_report",
    "check",
    "export",
    "load",
    "projects",
    "render",
    "revision",
    "search",
    "stats",
]

_HOMES = {"Filters": "intstrat.query.filters", "IntstratError": "intstrat.errors"}


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module 'intstrat' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(_HOMES.get(name, "intstrat.api")), name)
    globals()[name] = value
    return value
