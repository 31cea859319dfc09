"""`new`: a valid record file from a few answers, for people who are not programmers.

The file gets the schema line (editor autocompletion), a short guide in the
repository's language as comments, and the answers in model order. It is
validated before it is written, never overwrites a file, and passes `check`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from pydantic import ValidationError

from intstrat.domain.vocabulary import Field, UnknownValue, Vocabulary
from intstrat.edit.fmt import format_text
from intstrat.errors import UsageError
from intstrat.fileio import create_new
from intstrat.format.emit import dump_data
from intstrat.format.models import Partner, Project
from intstrat.format.values import PartialDate, fold, slugify
from intstrat.formats import Language
from intstrat.i18n import N_, _, current_language
from intstrat.loading.diagnostics import Diagnostic, Severity
from intstrat.loading.listing import PARTNERS_DIR, PROJECTS_DIR
from intstrat.loading.repository import Repository

#: The fields a new record can have that `new` does not fill, as its guide names them
#: (in the repository's language): (key, Swedish, English).
_MORE_FIELDS = {
    "project": (
        ("summary", "summary (kort beskrivning)", "summary"),
        ("purpose", "purpose (syfte och resultat)", "purpose"),
        ("sdgs", "sdgs", "sdgs"),
        ("results", "results", "results"),
        ("reach", "reach", "reach"),
        ("quotes", "quotes", "quotes"),
        ("travel", "travel", "travel"),
    ),
    "partner": (
        ("area_km2", "area_km2", "area_km2"),
        ("population", "population", "population"),
        ("website", "website", "website"),
        ("since", "since", "since"),
        ("description", "description", "description"),
    ),
}
GUIDE = {
    "project": {
        "sv": (
            "Nytt projekt. Fyll gärna i mer: {fields}. Alla fält: CONTRIBUTING.md.",
            "Nytt projekt. Alla fält: CONTRIBUTING.md.",
            "Kontrollera med: intstrat check",
        ),
        "en": (
            "New project. Add more when you can: {fields}. Every field: CONTRIBUTING.md.",
            "New project. Every field: CONTRIBUTING.md.",
            "Check with: intstrat check",
        ),
    },
    "partner": {
        "sv": (
            "Ny partner. Fyll gärna i {fields}.",
            "Ny partner.",
            "Kontrollera med: intstrat check",
        ),
        "en": (
            "New partner. Add {fields} when you can.",
            "New partner.",
            "Check with: intstrat check",
        ),
    },
}


def guide(kind: str, language: str, data: dict[str, Any]) -> str:
    """The comment at the top of a new record: the fields still empty, and how to check."""
    import textwrap

    lang = "sv" if language == "sv" else "en"
    empty = [
        (sv if lang == "sv" else en)
        for key, sv, en in _MORE_FIELDS[kind]
        if data.get(key) in (None, "", [])
    ]
    some, none, check = GUIDE[kind][lang]
    if empty:
        conjunction = " och " if lang == "sv" else " and "
        listed = ", ".join(empty[:-1]) + conjunction + empty[-1] if len(empty) > 1 else empty[0]
        text = some.format(fields=listed)
    else:
        text = none
    lines = [*textwrap.wrap(text, width=86, break_on_hyphens=False), check]
    return "".join(f"# {line}\n" for line in lines)


@dataclass(frozen=True)
class Choices:
    """What a new record may refer to, from the repository itself."""

    units: list[str]
    partners: list[str]
    funders: list[str]
    themes: list[str]
    forms: list[str]
    goals: list[str]
    language: str

    @classmethod
    def of(cls, repo: Repository) -> Choices:
        config = repo.config
        if config is None:
            raise UsageError(_("intstrat.yaml has errors; run 'intstrat check' and fix them first"))
        return cls(
            units=[u.id for u in config.units],
            partners=sorted(repo.partners),
            funders=[f.id for f in config.funders],
            themes=[t.id for t in config.themes],
            forms=[f.id for f in config.forms],
            goals=[g.id for g in config.goals],
            language=config.language,
        )


def propose_id(title: str, taken: set[str], fallback: str = "nytt-projekt") -> str:
    """`Socialt entreprenörskap Kosovo` -> `socialt-entreprenorskap-kosovo` (-2, -3 if taken).

    A name with no Latin letters at all (`Київ`) gives `fallback`, to be changed.
    """
    base = slugify(title)[:60].rstrip("-") or fallback
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def check_date(value: str) -> str:
    """A year, year-month or date as written in the files, or ValueError saying what is
    wrong in the words of `check` (`June 2024 has 30 days`, a year out of range)."""
    from intstrat.loading.validation import date_problem

    problem = date_problem(value)
    if problem is not None:
        raise ValueError(problem)
    return value


def check_end(value: str, start: str) -> str:
    """An end date (as `check_date`) that is not before `start`."""
    check_date(value)
    end_day = PartialDate.parse(_date_value(value)).last_day
    if start and end_day < PartialDate.parse(_date_value(start)).first_day:
        raise ValueError(
            _("the end ({end}) is before the start ({start}); give a later end").format(
                end=value, start=start
            )
        )
    return value


#: Which vocabulary each answer's values come from.
_FIELDS: dict[str, Field] = {
    "kind": "kind",
    "status": "status",
    "owner": "unit",
    "partners": "partner",
    "themes": "theme",
    "forms": "form",
    "goals": "goal",
    "funder": "funder",
    "type": "partner_type",
    "country": "country",
}


#: The fewest letters a word of an answer needs to stand for a word of a name.
_WORD_LETTERS = 4


def _starts(word: str, typed: str) -> bool:
    """Whether a name's `word` begins with the `typed` word, or with all of it but its last
    letter when it is long enough to be inflected (`Kretinga` for `Kretingos`)."""
    return word.startswith(typed) or (len(typed) > _WORD_LETTERS and word.startswith(typed[:-1]))


def _abbreviates(typed: str, name: str) -> bool:
    """Whether `typed` (folded) is the beginning of `name` (folded), or each of its words
    the beginning of a word of it: `kultur` for 'Kultur- och fritidsförvaltningen'."""
    if len(typed) >= 3 and name.startswith(typed):
        return True
    typed_words, words = re.findall(r"\w+", typed), re.findall(r"\w+", name)
    return bool(typed_words) and all(
        len(w) >= _WORD_LETTERS and any(_starts(word, w) for word in words) for w in typed_words
    )


class Lookup:
    """What an option or an answer means: an id, a label in either language, a common word,
    or else the beginning of exactly one value's id or name. One rule for options and
    prompts; a value taken from its beginning is said (`notes`), never taken silently."""

    def __init__(self, repo: Repository) -> None:
        self.vocabulary = Vocabulary(repo)

    def resolve(self, name: Field, text: str) -> tuple[str, str | None]:
        """(the id, a note saying which value was taken, or None when `text` named it)."""
        try:
            return self.vocabulary.resolve(name, text), None
        except UnknownValue:
            typed = fold(text).strip()
            found = {
                ident
                for ident in self.vocabulary.ids(name)
                if any(_abbreviates(typed, fold(word).strip()) for word in self._words(name, ident))
            }
            if len(found) != 1:
                raise
        ident = found.pop()
        label = self.vocabulary.label(name, ident, current_language())
        meant = f"'{label}'" if fold(label) == fold(ident) else f"'{label}' ({ident})"
        return ident, _("took '{text}' to mean {meant}").format(text=text.strip(), meant=meant)

    def _words(self, name: Field, ident: str) -> list[str]:
        from intstrat.domain.vocabulary import SYNONYMS
        from intstrat.formats import LANGUAGES

        synonyms = [w for w, i in SYNONYMS.get(name, {}).items() if i == ident]
        return [ident, *(self.vocabulary.label(name, ident, lang) for lang in LANGUAGES), *synonyms]


def _resolve(
    repo: Repository, answers: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, str], list[str]]:
    """The answers as ids, a problem (named by its option) per answer not taken, and a note
    per answer taken from its beginning."""
    lookup = Lookup(repo)
    resolved = dict(answers)
    problems: dict[str, str] = {}
    notes: list[str] = []
    for key, field_name in _FIELDS.items():
        value = answers.get(key)
        if not value:
            continue
        values = value if isinstance(value, list | tuple) else [value]
        try:
            taken = [lookup.resolve(field_name, str(v)) for v in values]
        except UnknownValue as exc:
            problems[key] = f"{_OPTIONS[key]}: {exc}"
            continue
        ids = [ident for ident, _note in taken]
        resolved[key] = ids if isinstance(value, list | tuple) else ids[0]
        notes += [f"{_OPTIONS[key]}: {note}" for _ident, note in taken if note]
    # `--sdg 4,13` as the interview takes it, and `--sdg 4 --sdg 13`; a number outside
    # 1-17 is the model's to refuse, in the words `check` uses.
    if "sdgs" in answers:
        sdgs = [part.strip() for n in answers["sdgs"] or [] for part in str(n).split(",")]
        try:
            numbers = [int(p) if _is_integer(p) else check_sdg(p) for p in sdgs]
            resolved["sdgs"] = list(dict.fromkeys(numbers))  # --sdg 4,13 --sdg 4: 4 once
        except ValueError as exc:
            problems["sdgs"] = f"--sdg: {exc}"
    return resolved, problems, notes


def _is_integer(text: str) -> bool:
    return text.removeprefix("-").isdigit()


#: A value that validates, standing in for an answer that was not taken, so that the
#: other answers are checked too and every problem is said in one run.
_STAND_INS: dict[str, Any] = {
    "title": "x",
    "name": "x",
    "kind": "project",
    "status": "idea",
    "owner": "x",
    "partners": [],
    "themes": [],
    "forms": [],
    "goals": [],
    "sdgs": [],
    "type": "municipality",
    "country": "SE",
    "start": "",
    "end": "",
    "since": "",
    "funder": "",
    "submitted": "",
}


def _refuse_all(
    kind: str,
    answers: dict[str, Any],
    problems: dict[str, str],
    required: Sequence[str],
    build: Callable[[dict[str, Any]], dict[str, Any]],
) -> None:
    """Without questions: every answer missing, not taken or invalid, in one message."""
    missing = [name for name in required if not answers.get(name)]
    if not problems and not missing:
        return
    trial = {**answers, **{key: _STAND_INS[key] for key in [*problems, *missing]}}
    said = {_OPTIONS.get(key, f"--{key}") for key in [*problems, *missing]}
    found = list(problems.values())
    for option, message in _validated(kind, build({**trial, "id": "x"}))[1]:
        if option not in said:
            found.append(message)
    if missing:
        found.insert(
            0,
            _("missing {options} (run it in a terminal to be asked)").format(
                options=", ".join(f"--{name}" for name in missing)
            ),
        )
    raise UsageError("\n".join(dict.fromkeys(found)))


def project_data(answers: dict[str, Any], choices: Choices) -> dict[str, Any]:
    """A project's data from answers whose values are ids."""
    data: dict[str, Any] = {
        "id": answers["id"],
        "title": {choices.language: answers["title"]},
        "kind": answers.get("kind", "project"),
        "status": answers["status"],
        "owner": answers["owner"],
    }
    if answers.get("partners"):
        data["partners"] = list(answers["partners"])
    if answers.get("start"):
        period: dict[str, Any] = {"start": _date_value(answers["start"])}
        if answers.get("end"):
            period["end"] = _date_value(answers["end"])
        data["period"] = period
    for key in ("sdgs", "themes", "forms", "goals"):
        if answers.get(key):
            data[key] = list(answers[key])
    status = answers["status"]
    if status in APPLICATION_STATUSES or answers.get("submitted"):
        # An application: applied for or rejected, or (given a date) granted for work
        # going ahead.
        application: dict[str, Any] = {"funder": answers.get("funder") or ""}
        if answers.get("submitted"):
            application["submitted"] = _date_value(answers["submitted"])
        if status == "rejected":
            application["outcome"] = "rejected"
        elif status in GOING_AHEAD_STATUSES:
            application["outcome"] = "granted"
        data["application"] = application
    elif answers.get("funder"):  # the work's money comes from it: a funding line
        data["funding"] = [{"funder": answers["funder"]}]
    if answers.get("summary"):
        data["summary"] = {choices.language: answers["summary"]}
    if answers.get("contact_name"):
        contact = {"name": answers["contact_name"]}
        if answers.get("contact_email"):
            contact["email"] = answers["contact_email"]
        data["contact"] = contact
    return data


def partner_data(answers: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": answers["id"],
        "name": answers["name"],
        "type": answers.get("type", "municipality"),
        "country": answers["country"],
    }
    for key in ("website", "population", "area_km2"):
        if answers.get(key) not in (None, ""):
            data[key] = answers[key]
    if answers.get("since"):
        data["since"] = _date_value(answers["since"])
    return data


def _date_value(value: str | int) -> str | int:
    return int(value) if isinstance(value, str) and value.isdigit() else value


#: The model of each kind of record `new` writes.
_MODELS: dict[str, type[Project] | type[Partner]] = {"project": Project, "partner": Partner}


def record_text(kind: str, data: dict[str, Any], language: str) -> str:
    schema = f"# yaml-language-server: $schema=../../schemas/{kind}.schema.json\n"
    return format_text(schema + guide(kind, language, data) + dump_data(data), _MODELS[kind])


#: The option of `intstrat new` that gives each key of the record, to name it in an error.
_OPTIONS: dict[str, str] = {
    "id": "ID",
    "title": "--title",
    "name": "--name",
    "kind": "--kind",
    "status": "--status",
    "owner": "--owner",
    "partners": "--partner",
    "sdgs": "--sdg",
    "themes": "--theme",
    "forms": "--form",
    "goals": "--goal",
    "summary": "--summary",
    "type": "--type",
    "country": "--country",
    "since": "--since",
    "website": "--website",
    "funder": "--funder",
    "submitted": "--submitted",
}


#: What each option of `intstrat new` takes, as its help shows it (`--submitted DATE`).
_METAVARS: dict[str, str] = {
    "--title": N_("TEXT"),
    "--name": N_("TEXT"),
    "--status": N_("STATUS"),
    "--owner": N_("UNIT"),
    "--country": N_("COUNTRY"),
    "--start": N_("DATE"),
    "--end": N_("DATE"),
    "--funder": N_("FUNDER"),
    "--submitted": N_("DATE"),
}


#: Mappings of the record whose keys each have an option of their own.
_NESTED_OPTIONS = {"period": ("start", "end"), "application": ("funder", "submitted")}


def option_for(loc: tuple[str | int, ...]) -> str:
    """The option a value at `loc` came from (`('period', 'end')` -> `--end`)."""
    from intstrat.loading.validation import field_path

    nested = _NESTED_OPTIONS.get(loc[0]) if loc and isinstance(loc[0], str) else None
    if nested is not None:
        if len(loc) > 1 and loc[1] in nested:
            return f"--{loc[1]}"
        return "/".join(f"--{key}" for key in nested)
    if loc and isinstance(loc[0], str) and loc[0] in _OPTIONS:
        return _OPTIONS[loc[0]]
    return field_path(loc)


def _validated(
    kind: str, data: dict[str, Any]
) -> tuple[Project | Partner | None, list[tuple[str, str]]]:
    """The record, or None and (option, message) for each value `check` would refuse,
    in the current language."""
    from intstrat.loading.bounds import out_of_bounds
    from intstrat.loading.validation import schema_message

    # What check refuses in any value (S009, S012, S013), then the model's own rules.
    bounds = [(option_for(b.loc), b.reason) for b in out_of_bounds(data)]
    if bounds:
        return None, [(option, f"{option}: {reason}") for option, reason in bounds]
    model = _MODELS[kind]
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        found = []
        for error in exc.errors(include_url=False):
            option = option_for(tuple(error["loc"]))
            if error["type"] == "missing" and option in _METAVARS:  # the option, not the key
                message = _("{option} is missing; add {option} {value}").format(
                    option=option, value=_(_METAVARS[option])
                )
            else:
                message = schema_message(error, model, where=option)[1]
            found.append((option, message))
        return None, found


def _validate(kind: str, data: dict[str, Any]) -> Project | Partner:
    """The record, or UsageError with every problem, each named by its option."""
    record, problems = _validated(kind, data)
    if record is None:
        raise UsageError("\n".join(dict.fromkeys(message for _option, message in problems)))
    return record


def write_record(root: Path, relative: str, text: str) -> Path:
    """Write `text` as a new file at `relative`; refuse to overwrite anything, and to
    write through a link out of the repository (data/projects linked elsewhere: check
    would not read the record, and a pull request must not choose where files go)."""
    import os

    from intstrat.loading.files import is_inside

    path = root / relative
    folder = path.parent
    if not is_inside(root, os.path.realpath(folder)):
        shown = folder.relative_to(root).as_posix()
        raise UsageError(
            _("{folder} leads out of the repository (a symbolic link), and intstrat writes "
              "records only inside it, where check reads them; make {folder} a folder of "
              "its own").format(folder=shown)
        )  # fmt: skip
    try:
        # Exclusive: a run racing for the same id (or a file made meanwhile) is never
        # overwritten; a check with `exists()` alone would leave a window.
        create_new(path, text)
    except FileExistsError:
        raise _taken(relative) from None
    return path


def _taken(relative: str) -> UsageError:
    return UsageError(_("{path} exists already; choose another id").format(path=relative))


@dataclass(frozen=True)
class Written:
    """A record `new` wrote, and what `check` will warn about in it (never an error)."""

    path: Path
    warnings: list[Diagnostic]
    notes: tuple[str, ...] = ()
    """Options taken from their beginning, and what they were taken to mean."""


@dataclass(frozen=True)
class Question:
    """One question of the interview, in the repository's language."""

    text: str
    choices: Sequence[tuple[str, str]] = ()
    """(id, label): shown numbered; a number, an id or a label is an answer."""
    field: Field | None = None
    """The vocabulary answers resolve in (labels, synonyms, both languages)."""
    required: bool = False
    multiple: bool = False
    """Several answers, separated by commas."""
    default: str = ""
    """An id (or value) taken for an empty answer; shown only when there is one."""
    check: Callable[[str], str] | None = None
    """For a free answer: the value, or ValueError saying what is wrong."""


class Prompt(Protocol):
    """A person answering: the terminal on the command line, a script in the tests."""

    def ask(self, question: Question, problem: str | None) -> str:
        """The raw answer to `question`; `problem` says why the last answer was not taken."""
        ...

    def confirm(self, question: str, preview: str) -> bool:
        """Yes or no to `question`, after showing `preview` (the file to be written)."""
        ...

    def tell(self, message: str) -> None:
        """Say `message` (an answer taken from its beginning, and what it was taken as)."""
        ...


def split_list(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


class Interview:
    """Asks until each answer can be taken: a wrong or missing answer is asked again at once."""

    def __init__(self, repo: Repository, prompt: Prompt) -> None:
        self.prompt = prompt
        self.lookup = Lookup(repo)

    def ask(self, question: Question) -> Any:
        problem: str | None = None
        while True:
            raw = self.prompt.ask(question, problem).strip()
            if not raw and question.default:
                raw = question.default
            if not raw:
                if not question.required:
                    return [] if question.multiple else ""
                problem = _("an answer is needed here")
                continue
            try:
                if question.multiple:
                    return [self._one(question, part) for part in split_list(raw)]
                return self._one(question, raw)
            except ValueError as exc:
                problem = str(exc)

    def _one(self, question: Question, text: str) -> str:
        if question.choices and text.isdigit():
            number = int(text)
            if not 1 <= number <= len(question.choices):
                raise ValueError(
                    _("choose a number from 1 to {last}").format(last=len(question.choices))
                )
            return question.choices[number - 1][0]
        if question.field is not None:
            ident, note = self.lookup.resolve(question.field, text)
            if note:
                self.prompt.tell(note)
            return ident
        if question.check is not None:
            return question.check(text)
        return text


def check_sdg(value: str) -> str:
    if not value.isdigit() or not 1 <= int(value) <= 17:
        raise ValueError(
            _("'{value}' is not a goal; the goals are numbered 1 to 17").format(value=value)
        )
    return value


def check_slug(value: str) -> str:
    from pydantic import TypeAdapter

    from intstrat.format.values import Slug

    try:
        TypeAdapter(Slug).validate_python(value)
    except ValidationError:
        raise ValueError(
            _(
                "'{value}' cannot be an id: use lowercase letters a-z, digits and single "
                "hyphens, e.g. '{example}'"
            ).format(value=value, example=slugify(value) or "nytt-projekt")
        ) from None
    return value


#: The statuses of a project that is an application (`check`'s R006 wants one).
APPLICATION_STATUSES = ("applied", "rejected")


#: The statuses of work going ahead: a funder given for it is where its money comes from
#: (a funding line), and an application given a date was granted.
GOING_AHEAD_STATUSES = ("planned", "ongoing", "completed")


def _application_options(answers: dict[str, Any]) -> tuple[str, ...]:
    """The options an application needs: when the status says the project is one, and the
    funder when a date of submission is given."""
    if answers.get("status") in APPLICATION_STATUSES:
        return ("funder", "submitted")
    return ("funder",) if answers.get("submitted") else ()


def _funder_problem(answers: dict[str, Any]) -> str | None:
    """Why `--funder` cannot be taken: an idea has neither funding nor an application."""
    if answers.get("funder") and answers.get("status") == "idea" and not answers.get("submitted"):
        return _(
            "--funder: an idea has no funding yet; leave --funder out, or give the status "
            "applied and --submitted DATE once the application is made"
        )
    return None


def _missing(answers: dict[str, Any], names: Sequence[str]) -> None:
    missing = [name for name in names if not answers.get(name)]
    if missing:
        raise UsageError(
            _("missing {options} (run it in a terminal to be asked)").format(
                options=", ".join(f"--{name}" for name in missing)
            )
        )


def _language(repo: Repository) -> Language:
    """The language the records' texts are written in."""
    return repo.config.language if repo.config else "sv"


def new_project(
    repo: Repository,
    answers: dict[str, Any],
    ident: str | None = None,
    prompt: Prompt | None = None,
) -> Written | None:
    """Write a new project file from `answers`, asking `prompt` for what is missing.

    With a prompt the file is shown before it is written, and None is returned if
    the person says no.
    """
    choices = Choices.of(repo)
    answers, problems, notes = _resolve(repo, {k: v for k, v in answers.items() if v is not None})
    if "funder" not in problems and (problem := _funder_problem(answers)):
        problems["funder"] = problem
    if prompt is None:
        _refuse_all(
            "project",
            answers,
            problems,
            ("title", "status", "owner", *_application_options(answers)),
            lambda trial: project_data(trial, choices),
        )
    elif problems:
        raise UsageError("\n".join(problems.values()))
    lang = current_language()
    if prompt is not None:
        for note in notes:
            prompt.tell(note)
        notes = []
        ask = Interview(repo, prompt).ask
        vocabulary = Vocabulary(repo)
        if not answers.get("title"):
            answers["title"] = ask(Question(_("Title of the project"), required=True))
        if "kind" not in answers:
            answers["kind"] = ask(
                Question(
                    _("Kind of work"),
                    vocabulary.choices("kind", lang),
                    field="kind",
                    default="project",
                )
            )
        if not answers.get("status"):
            answers["status"] = ask(
                Question(
                    _("Status"), vocabulary.choices("status", lang), field="status", required=True
                )
            )
        if not answers.get("owner"):
            answers["owner"] = ask(
                Question(
                    _("Owning department or company"),
                    vocabulary.choices("unit", lang),
                    field="unit",
                    required=True,
                )
            )
        if answers.get("status") in APPLICATION_STATUSES or answers.get("submitted"):
            if not answers.get("funder"):
                answers["funder"] = ask(
                    Question(
                        _("Funder applied to"),
                        vocabulary.choices("funder", lang),
                        field="funder",
                        required=True,
                    )
                )
            if not answers.get("submitted"):
                answers["submitted"] = ask(
                    Question(
                        _("Submitted: a date, e.g. 2024-03-15 (a month or a year will do)"),
                        required=True,
                        check=check_date,
                    )
                )
        if "partners" not in answers and choices.partners:
            answers["partners"] = ask(
                Question(
                    _("Partners (several: separate with commas; empty: none)"),
                    vocabulary.choices("partner", lang),
                    field="partner",
                    multiple=True,
                )
            )
        if not answers.get("start"):
            answers["start"] = ask(
                Question(
                    _("Start: a year, year-month or date, e.g. 2024 or 2024-03 (empty: not known)"),
                    check=check_date,
                )
            )
        if answers["start"] and "end" not in answers:
            start = str(answers["start"])
            completed = answers.get("status") == "completed"
            answers["end"] = ask(
                Question(
                    _("End") if completed else _("End (empty while it runs)"),
                    required=completed,
                    check=lambda value: check_end(value, start),
                )
            )
        if "sdgs" not in answers:
            answers["sdgs"] = [
                int(n)
                for n in ask(
                    Question(
                        _("Sustainable Development Goals 1-17 (several: commas; empty: none)"),
                        multiple=True,
                        check=check_sdg,
                    )
                )
            ]
    for key in ("partners", "sdgs", "themes", "forms", "goals"):
        answers[key] = answers.get(key) or []
    _missing(answers, ("title", "status", "owner", *_application_options(answers)))
    if problem := _funder_problem(answers):  # the status was asked for after --funder
        raise UsageError(problem)
    taken = set(repo.projects) | set(repo.partners) | repo.broken.get("project", set())
    proposed = ident or propose_id(str(answers["title"]), taken)
    if prompt is not None and not ident:
        proposed = Interview(repo, prompt).ask(
            Question(_("Id (the file name)"), default=proposed, check=check_slug)
        )
    answers["id"] = proposed
    record = project_data(answers, choices)
    return _write(repo, "project", record, prompt, notes)


def new_partner(
    repo: Repository,
    answers: dict[str, Any],
    ident: str | None = None,
    prompt: Prompt | None = None,
) -> Written | None:
    """Write a new partner file from `answers`, asking `prompt` for what is missing.

    Without an id, a name that a partner has already is refused at once (asked again
    in the interview), before any other question.
    """
    answers, problems, notes = _resolve(repo, {k: v for k, v in answers.items() if v is not None})
    if prompt is None:
        _refuse_all("partner", answers, problems, ("name", "country"), partner_data)
    elif problems:
        raise UsageError("\n".join(problems.values()))
    if answers.get("name") and not ident:
        _refuse_a_second(repo, str(answers["name"]))
    lang = current_language()
    if prompt is not None:
        for note in notes:
            prompt.tell(note)
        notes = []
        ask = Interview(repo, prompt).ask
        vocabulary = Vocabulary(repo)
        if not answers.get("name"):
            answers["name"] = ask(
                Question(
                    _("Name of the partner"),
                    required=True,
                    check=None if ident else lambda name: _a_new_name(repo, name),
                )
            )
        if "type" not in answers:
            answers["type"] = ask(
                Question(
                    _("Type of organisation"),
                    vocabulary.choices("partner_type", lang),
                    field="partner_type",
                    default="municipality",
                )
            )
        if not answers.get("country"):
            answers["country"] = ask(
                Question(
                    _("Country: its name or two-letter code (e.g. Lettland or LV)"),
                    field="country",
                    required=True,
                )
            )
        if not answers.get("since"):
            answers["since"] = ask(
                Question(_("Partner since (a year; empty: not known)"), check=check_date)
            )
    _missing(answers, ("name", "country"))
    # Ids of both kinds are avoided: `show ID` finds a project or a partner by its id.
    taken = set(repo.partners) | set(repo.projects) | repo.broken.get("partner", set())
    answers["id"] = ident or propose_id(str(answers["name"]), taken, "ny-partner")
    if prompt is not None and not ident:
        answers["id"] = Interview(repo, prompt).ask(
            Question(_("Id (the file name)"), default=str(answers["id"]), check=check_slug)
        )
    return _write(repo, "partner", partner_data(answers), prompt, notes)


def _named_already(repo: Repository, name: str) -> str | None:
    """The file of a partner that has `name` (in any language) already, if one has."""
    wanted = fold(name).strip()
    for ident, partner in sorted(repo.partners.items()):
        if any(fold(text).strip() == wanted for text in partner.name.all()):
            return f"{PARTNERS_DIR}/{ident}.yaml"
    return None


def _refuse_a_second(repo: Repository, name: str) -> None:
    """A partner named as one that exists is most likely that one again (it became
    `riga-2` without a word); another partner of the same name is given its own id."""
    path = _named_already(repo, name)
    if path is not None:
        raise UsageError(
            _(
                "there is a partner named '{name}' already: {path}; if this is another "
                "one, give it an id of its own: intstrat new partner ID --name '{name}'"
            ).format(name=name, path=path)
        )


def _a_new_name(repo: Repository, name: str) -> str:
    """A name for the interview's new partner, or ValueError if a partner has it already."""
    path = _named_already(repo, name)
    if path is not None:
        raise ValueError(
            _(
                "there is a partner named '{name}' already: {path}; give another name, or, "
                "if this is another partner of that name, stop (Ctrl-C) and run: "
                "intstrat new partner ID --name '{name}'"
            ).format(name=name, path=path)
        )
    return name


#: The options behind what a rule can find in a record `new` is about to write.
_RULE_OPTIONS = {
    "R004": "--start/--end",
    "R005": "--end",
    "R006": "--funder/--submitted",
    "R007": "--status",
    "R012": "--submitted",
}


def _write(
    repo: Repository,
    kind: str,
    record: dict[str, Any],
    prompt: Prompt | None,
    notes: Sequence[str] = (),
) -> Written | None:
    """Validate, check, show (with a prompt) and write the record; None if the person says
    no. What `check` would call an error is refused, so every file `new` writes passes."""
    from intstrat.checks.output import finding_line
    from intstrat.checks.rules import check_new_record

    lang = _language(repo)
    model = _validate(kind, record)
    folder = PROJECTS_DIR if kind == "project" else PARTNERS_DIR
    relative = f"{folder}/{record['id']}.yaml"
    if (repo.root / relative).exists():  # said before the rules find the id taken twice
        raise _taken(relative)
    text = record_text(kind, record, lang)
    found = check_new_record(repo, relative, model, text)
    errors = [
        f"{_RULE_OPTIONS[d.code]}: {d.message}" if d.code in _RULE_OPTIONS else d.message
        for d in found
        if d.severity is Severity.ERROR
    ]
    if errors:
        raise UsageError("\n".join(errors))
    warnings = [d for d in found if d.severity is not Severity.ERROR]
    if prompt is not None:
        shown = text + "".join(f"\n{finding_line(d)}" for d in warnings)
        if not prompt.confirm(_("Write {path}?").format(path=relative), shown):
            return None
    return Written(write_record(repo.root, relative, text), warnings, tuple(notes))
