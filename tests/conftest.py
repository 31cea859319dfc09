from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from intstrat.i18n import language
from tests.helpers import build_repo


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A small valid repository: one unit-owned project with one partner."""
    return build_repo(tmp_path)


@pytest.fixture(autouse=True)
def _no_env_repo(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No repository or CI from the environment; messages in English unless a test asks
    for Swedish (`--lang sv`, $INTSTRAT_LANG, or `language("sv")`)."""
    monkeypatch.delenv("INTSTRAT_REPO", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.setenv("INTSTRAT_LANG", "en")
    with language("en"):
        yield
