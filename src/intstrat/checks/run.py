"""`intstrat check` as a library function: every finding of a repository, or of some of
its files, and the count of files checked.

Kept apart from the rules so that a check that can answer from the findings of the
last run (`checks.remembered`) imports neither the models nor the loader.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from intstrat.checks import remembered
from intstrat.loading.diagnostics import Diagnostic, Severity
from intstrat.loading.listing import relative_paths

if TYPE_CHECKING:
    from intstrat.checks.rules import Rule


@dataclass(frozen=True)
class CheckResult:
    diagnostics: list[Diagnostic]
    files: int

    @property
    def errors(self) -> int:
        return sum(d.severity is Severity.ERROR for d in self.diagnostics)

    def exit_code(self, *, strict: bool = False) -> int:
        """0 when clean, 1 with errors (or with warnings under `strict`)."""
        if self.errors or (strict and self.diagnostics):
            return 1
        return 0


def check(
    root: Path,
    paths: Sequence[Path] = (),
    today: dt.date | None = None,
    extra: Sequence[Rule] = (),
    *,
    cache: bool | None = None,
) -> CheckResult:
    """Load and check the repository; with `paths`, report only findings in those files.

    The whole repository is always checked, because a file's references can only be
    checked against all the others. `extra` rules run after the ordinary ones (`check
    --iati` adds the IATI readiness rules). With the cache (`cache` not False), the
    findings of the last run are used when nothing they depend on has changed
    (`checks.remembered`).
    """
    prefixes = relative_paths(root, paths)
    today = today or dt.date.today()
    use_memory = cache is not False and not extra
    found = remembered.recall(root, today) if use_memory else None
    if found is None:
        found = _check_all(root, today, extra, cache)
    if prefixes and "" not in prefixes:

        def chosen(path: str) -> bool:
            return any(path == p or path.startswith(p + "/") for p in prefixes)

        # The count is of the files asked about too: "checked 1 file: all fine" of the
        # file given, never "checked 30 files: all fine" while others have errors.
        return CheckResult(
            [d for d in found.diagnostics if chosen(d.path)],
            sum(chosen(path) for path in found.counted),
        )
    return CheckResult(found.diagnostics, len(found.counted))


def _check_all(
    root: Path, today: dt.date, extra: Sequence[Rule], cache: bool | None
) -> remembered.Findings:
    """Load the repository and run every rule on it (and remember what they found)."""
    from intstrat.checks.rules import check_repository, record_paths
    from intstrat.loading.repository import load_repository

    repo = load_repository(root, cache=cache)
    found = remembered.Findings(check_repository(repo, today, extra), list(record_paths(repo)))
    repo.locator.save()  # the positions of this run's findings, for the next run
    if cache is not False and not extra:
        remembered.remember(repo, today, found)
    return found
