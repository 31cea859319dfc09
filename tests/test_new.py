"""The interview of `new project|partner`, driven through the prompt callback."""

from __future__ import annotations

from pathlib import Path

import pytest

from intstrat.edit.new import Question, check_date, new_partner, new_project
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
        self.notes: list[str] = []

    def ask(self, question: Question, problem: str | None) -> str:
        if problem is None:
            self.questions.append(question)
        else:
            self.problems.append(problem)
        return self.answers.pop(0)

    def confirm(self, question: str, preview: str) -> bool:
        self.previews.append(preview)
        return self.write

    def tell(self, message: str) -> None:
        self.notes.append(message)


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


def test_a_date_answer_is_told_what_is_wrong_with_it() -> None:
    with pytest.raises(ValueError, match=r"^'2024-06-31': June 2024 has 30 days; check the day$"):
        check_date("2024-06-31")
    with pytest.raises(ValueError, match=r"^'3000': the year is outside 1900 to 2100, the years"):
        check_date("3000")
    assert check_date("2024-02-29") == "2024-02-29"


def test_partner_since_out_of_range_is_asked_again(repo: Path) -> None:
    prompt = Scripted("Łódź stad", "", "Polen", "3000", "2020", "")
    written = new_partner(load_repository(repo), {}, prompt=prompt)
    assert written is not None
    assert prompt.problems == [
        "'3000': the year is outside 1900 to 2100, the years a record can hold; check the year"
    ]
    assert "since: 2020\n" in written.path.read_text("utf-8")


def test_a_funder_of_ongoing_work_is_a_funding_line(repo: Path) -> None:
    answers = {"title": "Pågår", "status": "pågår", "owner": "omsorg", "funder": "Erasmus+"}
    written = new_project(load_repository(repo), answers)
    assert written is not None and written.warnings == []
    text = written.path.read_text("utf-8")
    assert "funding:\n  - funder: erasmus-plus\n" in text
    assert "application" not in text


def test_a_funder_and_date_of_ongoing_work_is_a_granted_application(repo: Path) -> None:
    answers = {
        "title": "Beviljat",
        "status": "ongoing",
        "owner": "omsorg",
        "funder": "icld",
        "submitted": "2023-05",
    }
    written = new_project(load_repository(repo), answers)
    assert written is not None and written.warnings == []
    text = written.path.read_text("utf-8")
    assert "application:\n  funder: icld\n  submitted: 2023-05\n  outcome: granted\n" in text
    assert "funding" not in text


def test_a_date_without_a_funder_names_the_option(repo: Path) -> None:
    answers = {"title": "X", "status": "ongoing", "owner": "omsorg", "submitted": "2023"}
    with pytest.raises(UsageError, match=r"^missing --funder \(run it in a terminal"):
        new_project(load_repository(repo), answers)


def test_an_idea_has_no_funder_yet(repo: Path) -> None:
    answers = {"title": "Idé", "status": "idé", "owner": "omsorg", "funder": "icld"}
    with pytest.raises(UsageError, match=r"^--funder: an idea has no funding yet; leave --funder"):
        new_project(load_repository(repo), answers)
    assert sorted(p.name for p in (repo / "data/projects").iterdir()) == ["sekos-2.yaml"]


def test_a_missing_value_is_named_by_its_option() -> None:
    from intstrat.edit.new import _validated

    data = {
        "id": "x",
        "title": "X",
        "status": "applied",
        "owner": "omsorg",
        "application": {"funder": "icld"},
    }
    assert _validated("project", data)[1] == [
        ("--submitted", "--submitted is missing; add --submitted DATE")
    ]


def test_a_partner_name_taken_is_asked_again_at_once(repo: Path) -> None:
    """The name was found taken after the last question, and every answer was lost."""
    prompt = Scripted("komuna vushtrri", "Vushtrri skola", "", "XK", "", "")
    written = new_partner(load_repository(repo), {}, prompt=prompt)
    assert written is not None and written.path.name == "vushtrri-skola.yaml"
    assert prompt.problems == [
        "there is a partner named 'komuna vushtrri' already: data/partners/vushtrri.yaml; "
        "give another name, or, if this is another partner of that name, stop (Ctrl-C) and "
        "run: intstrat new partner ID --name 'komuna vushtrri'"
    ]
    assert [q.text for q in prompt.questions][:2] == ["Name of the partner", "Type of organisation"]


def test_a_partner_name_option_taken_is_refused_before_any_question(repo: Path) -> None:
    prompt = Scripted()
    with pytest.raises(UsageError, match="there is a partner named 'Komuna Vushtrri' already"):
        new_partner(load_repository(repo), {"name": "Komuna Vushtrri"}, prompt=prompt)
    assert prompt.questions == []


def test_the_guide_names_only_the_fields_left_empty(repo: Path) -> None:
    answers = {"name": "Łódź stad", "country": "PL", "since": "2020"}
    written = new_partner(load_repository(repo), answers)
    assert written is not None
    text = written.path.read_text("utf-8")
    assert text.splitlines()[1:3] == [
        "# Ny partner. Fyll gärna i area_km2, population, website och description.",
        "# Kontrollera med: intstrat check",
    ]


def test_an_answer_that_begins_one_name_is_taken_and_said(repo: Path) -> None:
    prompt = Scripted("", "Omsorgs", "", "", "")  # kind, owner, partners, start, sdgs
    answers = {"title": "Nytt", "status": "idé"}
    written = new_project(load_repository(repo), answers, ident="nytt", prompt=prompt)
    assert written is not None
    assert prompt.notes == ["took 'Omsorgs' to mean 'Omsorgsförvaltningen' (omsorg)"]
    assert prompt.problems == []
    assert "owner: omsorg\n" in written.path.read_text("utf-8")


def test_options_and_answers_take_a_beginning_by_one_rule(repo: Path) -> None:
    """`--partner Kretinga` for 'Kretingos rajono savivaldybė': a word of the name but for
    its ending; the option and the same answer at the prompt are taken alike."""
    partner = "id: kretingos-rajono-savivaldybe\nname: Kretingos rajono savivaldybė\n"
    partner += "type: municipality\ncountry: LT\n"
    (repo / "data/partners/kretingos-rajono-savivaldybe.yaml").write_text(partner, "utf-8")
    answers = {"title": "A", "status": "idea", "owner": "omsorg", "partners": ["Kretinga"]}
    written = new_project(load_repository(repo), answers, ident="a")
    assert written is not None
    taken = "took 'Kretinga' to mean 'Kretingos rajono savivaldybė' (kretingos-rajono-savivaldybe)"
    assert written.notes == (f"--partner: {taken}",)
    assert "partners:\n  - kretingos-rajono-savivaldybe\n" in written.path.read_text("utf-8")
    prompt = Scripted("", "Kretinga", "", "")  # kind, partners, start, sdgs
    answers = {"title": "B", "status": "idea", "owner": "omsorg"}
    written = new_project(load_repository(repo), answers, ident="b", prompt=prompt)
    assert written is not None and prompt.notes == [taken]


def test_an_answer_that_begins_several_names_is_asked_again(repo: Path) -> None:
    prompt = Scripted("", "avsl", "avslutat", "1", "", "2020", "2021", "")
    answers = {"title": "Nytt"}
    written = new_project(load_repository(repo), answers, ident="nytt", prompt=prompt)
    assert written is not None
    assert prompt.problems == ["unknown status 'avsl'; did you mean 'rejected'?"]
    assert prompt.notes == []


def test_no_record_is_written_through_a_link_out_of_the_repository(
    repo: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    # check refuses such a folder (Y013) and would never read the record: new must not
    # write it there either, wherever the link points.
    outside = tmp_path_factory.mktemp("outside")
    for file in (repo / "data/projects").iterdir():
        file.unlink()
    (repo / "data/projects").rmdir()
    (repo / "data/projects").symlink_to(outside)
    answers = {"title": "Ut", "status": "idea", "owner": "utbildning"}
    with pytest.raises(UsageError, match=r"^data/projects leads out of the repository"):
        new_project(load_repository(repo), answers)
    assert list(outside.iterdir()) == []
