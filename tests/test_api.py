"""The public API: the names intstrat exports, and the examples in docs/api.md."""

from __future__ import annotations

import doctest
import re
import subprocess
import sys
from pathlib import Path

import pytest

import intstrat
from tests.helpers import build_repo

DOCS = Path(__file__).parent.parent / "docs" / "api.md"


def test_every_public_name_resolves_and_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for name in intstrat.__all__:
        assert getattr(intstrat, name) is not None
        if name != "__version__":
            assert f"`{name}" in text, f"{name} is not in docs/api.md"


def test_unknown_names_are_attribute_errors() -> None:
    with pytest.raises(AttributeError):
        _ = intstrat.no_such_thing


def test_import_intstrat_is_cheap_and_changes_no_process_state() -> None:
    """`import intstrat` loads no library modules; `load()` leaves the GC alone."""
    code = (
        "import gc, sys, intstrat\n"
        "assert 'intstrat.api' not in sys.modules and 'pydantic' not in sys.modules\n"
        f"repo = intstrat.load({str(DOCS.parent.parent)!r})\n"
        "assert gc.isenabled() and gc.get_freeze_count() == 0\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_examples_in_docs_api_md(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(build_repo(tmp_path))
    blocks = re.findall(r"```python\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)
    assert len(blocks) >= 5
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    globs: dict[str, object] = {}
    for number, block in enumerate(blocks, start=1):
        test = parser.get_doctest(block, globs, f"docs/api.md block {number}", str(DOCS), 0)
        runner.run(test, out=pytest.fail, clear_globs=False)
        globs = test.globs  # DocTest copies its globals: carry them to the next block
    assert runner.summarize(verbose=False).failed == 0
