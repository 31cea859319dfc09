from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import build_repo


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A small valid repository: one unit-owned project with one partner."""
    return build_repo(tmp_path)


@pytest.fixture(autouse=True)
def _no_env_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("INTSTRAT_REPO", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
