"""The interview of `new project|partner`, driven through the prompt callback."""

from __future__ import annotations

from pathlib import Path

import pytest

from intstrat.edit.new import Question, new_partner, new_project
from intstrat.errors import UsageError
from intstrat.i18n import language
from intstrat.loading.repository import load_repository


class Scripted:
    """A person at a terminal who answers from a script and sees what was refused."""

    def __init__(self, *answers: str, write: bool = True) -> None:
        self.answers = list(answers)
        self.write = write
        self.questions: list[Question] = []
        self.problems: list[str] = []
        self.previews: list[str] = []

    def ask(self, question: Question, problem: str | None) -> str:
        if problem is None:
            self.questions.append(question)
        else:
            self.problems.append(problem)
        return self.answers.pop(0)

    def confirm(self, question: str, preview: str) -> bool:
        self.previews.append(preview)
        return self.write


def test_a_project_from_answers_with_mistakes_asked_again(repo: Path) -> None:
    prompt = Scripted(
        "",  # title: required, asked again at once
        "Hållbara kliv",
        "projekt-x",  # kind: not a kind, asked again
        "förstudie",  # the Swedish label is an answer
        "9",  # status: no such number, asked again
        "pågår",
        "utbilding",  # misspelt unit, asked again
        "1",  # the first unit by its number
        "Komuna Vushtrri",  # a partner by its name
        "2024-03",
        "",  # end: still running
        "4, 18",  # 18 is no goal, asked again
        "4",
        "",  # id: the proposal
    )
    written = new_project(load_repository(repo), {}, prompt=prompt)
    assert written is not None and written.warnings == []
    path = written.path
    assert path == repo / "data/projects/hallbara-kliv.yaml"
    assert [q.text for q in prompt.questions] == [
        "Title of the project",
        "Kind of work",
        "Status",
        "Owning department or company",
        "Partners (several: separate with commas; empty: none)",
        "Start: a year, year-month or date, e.g. 2024 or 2024-03 (empty: not known)",
        "End (empty while it runs)",
        "Sustainable Development Goals 1-17 (several: commas; empty: none)",
        "Id (the file name)",
    ]
    assert prompt.problems == [
        "an answer is needed here",
        "unknown kind 'projekt-x'; did you mean 'project'?",
        "choose a number from 1 to 7",
        "unknown unit 'utbilding'; did you mean 'Utbildningsförvaltningen' (utbildning)?",
        "'18' is not a goal; the goals are numbered 1 to 17",
    ]
    units = prompt.questions[3]
    assert units.choices == [
        ("utbildning", "Utbildningsförvaltningen"),
        ("omsorg", "Omsorgsförvaltningen"),
    ]
    assert prompt.previews == [path.read_text(encoding="utf-8")]
    text = prompt.previews[0]
    assert "kind: prestudy\nstatus: ongoing\nowner: utbildning\npartners:\n  - vushtrri\n" in text
    assert "period:\n  start: 2024-03\n" in text
    assert "sdgs:\n  - 4\n" in text


def test_the_interview_in_swedish(repo: Path) -> None:
    prompt = Scripted("Nytt", "", "pågående", "Omsorgsförvaltningen", "", "", "", "")
    with language("sv"):
        written = new_project(load_repository(repo), {}, prompt=prompt)
        with pytest.raises(
            UsageError, match="status 'pågånde' finns inte; menade du 'pågår' \\(ongoing\\)"
        ):
            new_project(
                load_repository(repo), {"title": "X", "status": "pågånde", "owner": "omsorg"}
            )
    assert written is not None
    assert [q.text for q in prompt.questions][:3] == ["Projektets namn", "Typ av arbete", "Status"]
    assert prompt.questions[2].choices[4] == ("ongoing", "pågår")


def test_given_answers_are_not_asked_again(repo: Path) -> None:
    prompt = Scripted("", "", "", "")  # kind, partners, end, sdgs
    answers = {"title": "Nytt", "status": "idé", "owner": "omsorg", "start": "2025"}
    written = new_project(load_repository(repo), answers, ident="nytt", prompt=prompt)
    assert written is not None and written.path.name == "nytt.yaml"
    path = written.path
    assert len(prompt.questions) == 4  # kind, partners, end, sdgs: not the id, it was given
    assert "status: idea\n" in path.read_text(encoding="utf-8")


def test_nothing_is_written_when_the_person_says_no(repo: Path) -> None:
    prompt = Scripted("Nytt", "", "1", "1", "", "", "", "", write=False)
    assert new_project(load_repository(repo), {}, prompt=prompt) is None
    assert sorted(p.name for p in (repo / "data/projects").iterdir()) == ["sekos-2.yaml"]


def test_without_a_prompt_the_essentials_are_required(repo: Path) -> None:
    with pytest.raises(UsageError, match="missing --status, --owner"):
        new_project(load_repository(repo), {"title": "Nytt"})


def test_options_in_peoples_words(repo: Path) -> None:
    answers = {
        "title": "Nytt",
        "status": "klar",
        "owner": "Omsorgsförvaltningen",
        "kind": "förstudie",
        "start": "2023-02",
        "end": "2023",
    }
    written = new_project(load_repository(repo), answers)
    assert written is not None
    text = written.path.read_text(encoding="utf-8")
    assert "kind: prestudy\nstatus: completed\nowner: omsorg\n" in text


def test_a_partner_from_answers(repo: Path) -> None:
    prompt = Scripted("Łódź stad", "", "Polen", "2020", "")
    written = new_partner(load_repository(repo), {}, prompt=prompt)
    assert written is not None
    path = written.path
    assert path == repo / "data/partners/lodz-stad.yaml"
    text = path.read_text(encoding="utf-8")
    assert "country: PL" in text
    assert "since: 2020" in text


def test_an_end_before_the_start_is_asked_again(repo: Path) -> None:
    """A completed project needs an end (R005) that is not before its start (R004): the
    interview asks again at once instead of refusing the file after the last question."""
    prompt = Scripted("", "", "", "2022", "2024-06", "")  # kind, partners, end x3, sdgs
    answers = {"title": "Klart", "status": "klar", "owner": "omsorg", "start": "2023-03"}
    written = new_project(load_repository(repo), answers, ident="klart", prompt=prompt)
    assert written is not None and written.warnings == []
    assert prompt.problems == [
        "an answer is needed here",
        "the end (2022) is before the start (2023-03); give a later end",
    ]
    assert [q.text for q in prompt.questions][2:3] == ["End"]
    assert "period:\n  start: 2023-03\n  end: 2024-06\n" in written.path.read_text("utf-8")


def test_an_application_is_asked_for_its_funder_and_date(repo: Path) -> None:
    prompt = Scripted("", "ICLD", "", "2024-02-10", "", "", "")  # kind, funder x2, ...
    answers = {"title": "Ansökan", "status": "ansökt", "owner": "omsorg"}
    written = new_project(load_repository(repo), answers, ident="ansokan", prompt=prompt)
    assert written is not None and written.warnings == []
    assert [q.text for q in prompt.questions][1:3] == [
        "Funder applied to",
        "Submitted: a date, e.g. 2024-03-15 (a month or a year will do)",
    ]
    assert prompt.problems == ["an answer is needed here"]
    text = written.path.read_text("utf-8")
    # A full date is written as people write it, without the quotes ruamel gave it.
    assert "application:\n  funder: icld\n  submitted: 2024-02-10\n" in text
