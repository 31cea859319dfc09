"""The interview of `new project|partner`, driven through the prompt callback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from intstrat.edit.new import new_partner, new_project
from intstrat.errors import UsageError
from intstrat.loading.repository import load_repository


class Scripted:
    """A person at a terminal who answers from a script and sees what was refused."""

    def __init__(self, *answers: str) -> None:
        self.answers = list(answers)
        self.questions: list[str] = []
        self.refused: list[str] = []

    def __call__(
        self, question: str, check: Callable[[str], object] | None = None, default: str = ""
    ) -> str:
        self.questions.append(question)
        while True:
            answer = self.answers.pop(0) or default
            try:
                if check is not None and answer:
                    check(answer)
            except ValueError as exc:
                self.refused.append(str(exc))
                continue
            return answer


def test_a_project_from_answers_with_mistakes_asked_again(repo: Path) -> None:
    prompt = Scripted(
        "Hållbara kliv",
        "projekt",  # kind: not a kind, asked again
        "project",
        "ongoing",
        "utbilding",  # misspelt unit, asked again
        "utbildning",
        "vushtrri",
        "2024-03",
        "",  # end: still running
        "4, 18",  # 18 is no goal, asked again
        "4",
        "",  # id: the proposal
    )
    path = new_project(load_repository(repo), {}, prompt=prompt)
    assert path == repo / "data/projects/hallbara-kliv.yaml"
    assert len(prompt.questions) == 9
    assert len(prompt.refused) == 3
    assert "did you mean 'utbildning'" in prompt.refused[1]
    text = path.read_text(encoding="utf-8")
    assert "owner: utbildning" in text
    assert "period:\n  start: 2024-03\n" in text
    assert "sdgs:\n  - 4\n" in text


def test_given_answers_are_not_asked_again(repo: Path) -> None:
    prompt = Scripted("", "", "")  # partners, sdgs, id
    answers = {"title": "Nytt", "status": "idea", "owner": "omsorg", "start": "2025"}
    path = new_project(load_repository(repo), answers, ident="nytt", prompt=prompt)
    assert path.name == "nytt.yaml"
    assert len(prompt.questions) == 3  # partners, end, sdgs: the id was given


def test_without_a_prompt_the_essentials_are_required(repo: Path) -> None:
    with pytest.raises(UsageError, match="missing --status, --owner"):
        new_project(load_repository(repo), {"title": "Nytt"})


def test_a_partner_from_answers(repo: Path) -> None:
    prompt = Scripted("Łódź stad", "", "PL", "2020", "")
    path = new_partner(load_repository(repo), {}, prompt=prompt)
    text = path.read_text(encoding="utf-8")
    assert "country: PL" in text
    assert "since: 2020" in text
