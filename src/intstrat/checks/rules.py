"""Layer 3: rules about the repository as a whole.

Each rule is a small function that reads valid records and reports what is
inconsistent between them. Rules only see records that passed layers 1 and 2,
and treat references to records that exist but failed to load as resolved, so
one broken file never produces a cascade of findings elsewhere.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from intstrat.checks.files import (
    image_problem,
    named_images,
    stray_findings,
    temporaries_findings,
)
from intstrat.checks.run import CheckResult
from intstrat.errors import IntstratError
from intstrat.format.models import OWN_FUNDER, RAN, Config, Partner, Project, Status
from intstrat.format.values import is_slug
from intstrat.i18n import N_, _, ngettext
from intstrat.loading.diagnostics import Diagnostic, Severity, closest, did_you_mean
from intstrat.loading.listing import CONFIG_FILE, PARTNERS_DIR, PROJECTS_DIR
from intstrat.loading.parse import Loc
from intstrat.loading.repository import Entry, Locator, Repository


@dataclass
class Context:
    repo: Repository
    today: dt.date
    found: list[Diagnostic] = field(default_factory=list)
    _ids: dict[str, set[str]] = field(default_factory=dict)

    @cached_property
    def projects(self) -> list[Entry[Project]]:
        """Every project the rules check: the valid ones and, of those with errors, the
        fields that validated (see `Entry.invalid`), so one run reports everything."""
        return sorted([*self.repo.project_entries, *self.repo.partial_projects], key=_path)

    @cached_property
    def partners(self) -> list[Entry[Partner]]:
        return sorted([*self.repo.partner_entries, *self.repo.partial_partners], key=_path)

    @cached_property
    def config(self) -> Config | None:
        """intstrat.yaml, or what of it validated when it has errors."""
        if self.repo.config is not None:
            return self.repo.config
        partial = self.repo.partial_config
        return partial.record if partial is not None else None

    def config_valid(self, section: str) -> bool:
        """Whether a section of intstrat.yaml validated, so references to it can be checked
        (a reference into a broken section is not reported: its own error says enough)."""
        if self.repo.config is not None:
            return True
        partial = self.repo.partial_config
        return partial is not None and partial.valid(section)

    def config_items(self, section: str) -> list[tuple[int, Any]]:
        """The items of a section of intstrat.yaml that validated, with their indices in
        the file (when some items of it have errors, the others are still checked)."""
        config = self.config
        if config is None:
            return []
        partial = self.repo.partial_config
        if self.repo.config is None and partial is not None:
            return partial.items(section)
        return list(enumerate(getattr(config, section)))

    def config_ids(self, section: str) -> set[str]:
        """The ids a reference into a section may use: of the items that validated, and
        those written on the items that did not (their own errors say enough)."""
        if section not in self._ids:
            ids = {item.id for _index, item in self.config_items(section)}
            partial = self.repo.partial_config
            if self.repo.config is None and partial is not None:
                ids |= partial.left_out.get(section, frozenset())
            self._ids[section] = ids  # references of 10,000 projects are checked against it
        return self._ids[section]

    def report(self, path: str, loc: Loc, code: str, message: str, *, key: bool = True) -> None:
        line, column = self.repo.locator.at(path, loc, key=key)
        self.found.append(Diagnostic(path, line, column, code, message))


Rule = Callable[[Context], None]
RULES: list[Rule] = []


def rule(fn: Rule) -> Rule:
    RULES.append(fn)
    return fn


def check_repository(
    repo: Repository, today: dt.date | None = None, extra: Sequence[Rule] = ()
) -> list[Diagnostic]:
    """Every diagnostic of all three layers (and of `extra` rules), sorted by file and line."""
    ctx = Context(repo, today or dt.date.today())
    for check in (*RULES, *extra):
        check(ctx)
    return sorted({*repo.diagnostics, *ctx.found})


def check_new_record(
    repo: Repository,
    path: str,
    record: Project | Partner,
    text: str,
    today: dt.date | None = None,
) -> list[Diagnostic]:
    """What the rules will say about `record` once it is written to `path` as `text`.

    `new` asks before it writes, so that a file it makes passes `check`: the rules
    run on the repository with the record among the others (its references, its
    id against theirs), and only the record's own findings are returned.
    """
    locator = Locator(repo.root)
    locator.remember(path, text)
    with_record = replace(repo, locator=locator)
    if isinstance(record, Project):
        with_record.project_entries = [*repo.project_entries, Entry(path, record)]
    else:
        with_record.partner_entries = [*repo.partner_entries, Entry(path, record)]
    ctx = Context(with_record, today or dt.date.today())
    for check in RULES:
        check(ctx)
    return sorted(d for d in ctx.found if d.path == path)


def _stem(path: str) -> str:
    return path.rpartition("/")[2].removesuffix(".yaml")


def _path(entry: Entry[Any]) -> str:
    return entry.path


# ------------------------------------------------------------------ identity


@rule
def ids_match_file_names(ctx: Context) -> None:
    entries: list[Entry[Partner] | Entry[Project]] = [*ctx.partners, *ctx.projects]
    for entry in entries:
        if not entry.valid("id"):
            continue
        stem = _stem(entry.path)
        ident = entry.record.id
        if ident != stem:
            if is_slug(stem):
                fix = _("make them equal (id: {stem}, or rename the file to {id}.yaml)")
            else:  # the file name is no id: renaming the file is the only fix
                fix = _("rename the file to {id}.yaml (a file name is an id: a-z, 0-9 and -)")
            ctx.report(
                entry.path,
                ("id",),
                "R001",
                _("id '{id}' differs from the file name '{stem}.yaml'; ").format(
                    id=ident, stem=stem
                )
                + fix.format(id=ident, stem=stem),
                key=False,
            )


def _duplicates(ctx: Context, path: str, ids: Sequence[tuple[Loc, str]], what: str) -> None:
    seen: dict[str, Loc] = {}
    for loc, ident in ids:
        if ident in seen:
            line, _column = ctx.repo.locator.at(path, seen[ident])
            ctx.report(
                path,
                loc,
                "R002",
                _(
                    "the {what} id '{id}' is used twice (also on line {line}); ids must be unique"
                ).format(what=_(what), id=ident, line=line),
                key=False,
            )
        else:
            seen[ident] = loc


@rule
def unique_ids(ctx: Context) -> None:
    partners = [e for e in ctx.partners if e.valid("id")]
    projects = [e for e in ctx.projects if e.valid("id")]
    for entries, what in ((partners, N_("partner")), (projects, N_("project"))):
        counts = Counter(e.record.id for e in entries)
        first: dict[str, str] = {}
        for entry in entries:
            ident = entry.record.id
            if counts[ident] > 1 and ident in first:
                ctx.report(
                    entry.path,
                    ("id",),
                    "R002",
                    _("the {what} id '{id}' is also used by {path}; ids must be unique").format(
                        what=_(what), id=ident, path=first[ident]
                    ),
                    key=False,
                )
            first.setdefault(ident, entry.path)
    config = ctx.config
    if config is not None:
        for section in ("units", "funders", "themes", "forms", "goals"):
            ids = [((section, i, "id"), item.id) for i, item in ctx.config_items(section)]
            _duplicates(ctx, CONFIG_FILE, ids, SECTION_WORDS[section])
        for index, funder in ctx.config_items("funders"):
            # Declaring `own` (to name the organisation's contribution) is fine; calling it
            # an EU programme contradicts what it stands for.
            if funder.id == OWN_FUNDER and funder.eu:
                ctx.report(
                    CONFIG_FILE,
                    ("funders", index, "eu"),
                    "R002",
                    _(
                        "funder '{own}' is the organisation's own contribution and cannot be "
                        "an EU programme; remove 'eu: true', or give the EU programme another "
                        "id (such as 'erasmus-plus')"
                    ).format(own=OWN_FUNDER),
                    key=False,
                )
    for entry in ctx.projects:
        ids = [(("results", i, "id"), r.id) for i, r in entry.items("results")]
        _duplicates(ctx, entry.path, ids, N_("result"))


# ------------------------------------------------------------------ references


def _refs(
    ctx: Context,
    path: str,
    refs: Iterable[tuple[Loc, str]],
    known: Iterable[str],
    what: str,
    fix: str,
) -> None:
    # A set given is used as it is: references of 10,000 projects are checked against it.
    pool = known if isinstance(known, set | frozenset) else set(known)
    for loc, ref in refs:
        if ref not in pool:
            close = closest(ref, pool)
            if close:
                hint = _("; did you mean '{name}'?").format(name=close)
            else:
                hint = "; " + _(fix).format(ref=ref) + did_you_mean(ref, pool)
            message = _("unknown {what} '{ref}'").format(what=_(what), ref=ref)
            ctx.report(path, loc, "R003", message + hint, key=False)


FUNDER_FIX = N_("add it under 'funders:' in intstrat.yaml or correct the id")
#: The word for one item of each section of intstrat.yaml, and how to fix a reference to it.
SECTION_WORDS = {
    "units": N_("unit"),
    "funders": N_("funder"),
    "themes": N_("theme"),
    "forms": N_("form"),
    "goals": N_("strategic area"),
}
SECTION_FIX = {
    "themes": N_("add it under 'themes:' in intstrat.yaml or correct the id"),
    "forms": N_("add it under 'forms:' in intstrat.yaml or correct the id"),
    "goals": N_("add it under 'goals:' in intstrat.yaml or correct the id"),
}


@rule
def references_resolve(ctx: Context) -> None:
    repo, config = ctx.repo, ctx.config
    partner_ids = set(repo.partners) | repo.broken.get("partner", set())

    def ids(section: str) -> set[str] | None:
        """The ids a section allows; None when references to it are not checked."""
        if config is None or not ctx.config_valid(section):
            return None  # intstrat.yaml or the section is broken; its own errors say so
        return ctx.config_ids(section)

    units, funders = ids("units"), ids("funders")
    funded = funders | {OWN_FUNDER} if funders is not None else None
    sections = [(section, known) for section in ("themes", "forms", "goals")
                if (known := ids(section)) is not None]  # fmt: skip
    # Each reference is first looked up as it is: `_refs` only runs to say what is wrong.
    for entry in ctx.projects:
        p, path = entry.record, entry.path
        if not partner_ids.issuperset(p.partners):
            _refs(
                ctx,
                path,
                ((("partners", i), r) for i, r in enumerate(p.partners)),
                partner_ids,
                N_("partner"),
                N_("add data/partners/{ref}.yaml or correct the id"),
            )
        if units is not None and p.owner is not None and p.owner not in units:
            _refs(
                ctx,
                path,
                [(("owner",), p.owner)],
                units,
                N_("unit"),
                N_("add it under 'units:' in intstrat.yaml or correct the id"),
            )
        if funders is not None and funded is not None:
            if any(f.funder not in funded for f in p.funding):
                funder_refs = [
                    (("funding", i, "funder"), f.funder) for i, f in entry.items("funding")
                ]
                _refs(ctx, path, funder_refs, funded, N_("funder"), FUNDER_FIX)
            if p.application is not None and p.application.funder not in funders:
                _refs(
                    ctx,
                    path,
                    [(("application", "funder"), p.application.funder)],
                    funders,
                    N_("funder"),
                    FUNDER_FIX,
                )
        for section, known in sections:
            values = getattr(p, section)
            if not known.issuperset(values):
                refs = [((section, i), r) for i, r in enumerate(values)]
                _refs(ctx, path, refs, known, SECTION_WORDS[section], SECTION_FIX[section])
    if funders is not None:
        for partner_entry in ctx.partners:
            if not funders.issuperset(partner_entry.record.funders):
                refs = [(("funders", i), f) for i, f in enumerate(partner_entry.record.funders)]
                _refs(ctx, partner_entry.path, refs, funders, N_("funder"), FUNDER_FIX)


# ------------------------------------------------------------------ dates and status


@rule
def periods_run_forward(ctx: Context) -> None:
    for entry in ctx.projects:
        period = entry.record.period
        if (
            period is not None
            and period.end is not None
            and period.end.last_day < period.start.first_day
        ):
            ctx.report(
                entry.path,
                ("period", "end"),
                "R004",
                _(
                    "the period ends ({end}) before it starts ({start}); swap start and end, "
                    "or correct the year"
                ).format(end=period.end, start=period.start),
                key=False,
            )
    for partner_entry in ctx.partners:
        partner = partner_entry.record
        if partner.since and partner.until and partner.until.last_day < partner.since.first_day:
            ctx.report(
                partner_entry.path,
                ("until",),
                "R004",
                _("the partnership ends ({until}) before it began ({since})").format(
                    until=partner.until, since=partner.since
                ),
                key=False,
            )


@rule
def completed_has_end(ctx: Context) -> None:
    for entry in ctx.projects:
        p = entry.record
        if not entry.valid("period"):
            continue  # the period has an error of its own
        if p.status is Status.COMPLETED and (p.period is None or p.period.end is None):
            loc: Loc = ("period",) if p.period is not None else ("status",)
            ctx.report(
                entry.path,
                loc,
                "R005",
                _(
                    "a completed project needs an end date; add 'end:' to its period "
                    "(a year such as 2023 is enough)"
                ),
            )


@rule
def application_matches_status(ctx: Context) -> None:
    expected = {Status.APPLIED: "pending", Status.REJECTED: "rejected"}
    for entry in ctx.projects:
        p = entry.record
        if p.status in expected and p.application is None and entry.valid("application"):
            ctx.report(
                entry.path,
                ("status",),
                "R006",
                _(
                    "status '{status}' needs an application: add 'application:' with at least "
                    "funder and submitted"
                ).format(status=p.status),
                key=False,
            )
            continue
        application = p.application
        if application is None:
            continue
        want = expected.get(p.status)
        if want is not None and application.outcome != want:
            loc: Loc = ("application", "outcome")
            if "outcome" not in application.model_fields_set:
                loc = ("application",)
            ctx.report(
                entry.path,
                loc,
                "R007",
                _(
                    "status is '{status}' but the application's outcome is '{outcome}'; set "
                    "outcome: {want}, or change the status"
                ).format(status=p.status, outcome=application.outcome, want=want),
            )
        if application.decided and application.decided.last_day < application.submitted.first_day:
            ctx.report(
                entry.path,
                ("application", "decided"),
                "R012",
                _(
                    "the application was decided ({decided}) before it was submitted "
                    "({submitted}); check both dates"
                ).format(decided=application.decided, submitted=application.submitted),
                key=False,
            )


@rule
def funding_granted(ctx: Context) -> None:
    """R017: a funding line from the funder an application went to, while that
    application is pending or rejected: money asked for, listed as money received.
    The counts leave it out (`domain.funding`); the person who wrote it should know."""
    for entry in ctx.projects:
        p = entry.record
        application = p.application
        if application is None or application.outcome == "granted":
            continue
        for i, line in entry.items("funding"):
            if line.funder != application.funder:
                continue
            message = (
                _("funding from '{funder}' is listed, but the application to '{funder}' was "
                  "rejected, so it is not counted as money received; remove the funding line, "
                  "or correct the application's outcome")
                if application.outcome == "rejected"
                else _("funding from '{funder}' is listed, but the application to '{funder}' "
                       "is still waiting for a decision, so it is not counted as money "
                       "received; remove the funding line, or set the application's outcome: "
                       "granted when it is granted")
            )  # fmt: skip
            ctx.report(
                entry.path, ("funding", i, "funder"), "R017", message.format(funder=line.funder),
                key=False,
            )  # fmt: skip


@rule
def results_not_before_start(ctx: Context) -> None:
    for entry in ctx.projects:
        p = entry.record
        if p.period is None:
            continue
        for i, result in entry.items("results"):
            if result.date.last_day < p.period.start.first_day:
                ctx.report(
                    entry.path,
                    ("results", i, "date"),
                    "R008",
                    _(
                        "result '{result}' is dated {date}, before the project started "
                        "({start}); check the date"
                    ).format(result=result.id, date=result.date, start=p.period.start),
                    key=False,
                )


@rule
def ongoing_not_past_end(ctx: Context) -> None:
    for entry in ctx.projects:
        p = entry.record
        end = p.period.end if p.period else None
        if p.status is Status.ONGOING and end is not None and end.last_day < ctx.today:
            ctx.report(
                entry.path,
                ("status",),
                "R011",
                _(
                    "status is 'ongoing' but the period ended {end}; set status: completed, "
                    "or move the end date"
                ).format(end=end),
                key=False,
            )


# ------------------------------------------------------------------ strategy rules


def _owners(ctx: Context) -> set[str]:
    return {e.record.owner for e in ctx.projects if e.record.owner is not None}


def _strategy_name(config: Config) -> str:
    """The strategy's name as the messages cite it, in the repository's language."""
    strategy = config.strategy
    return strategy.name.get(config.language) if strategy is not None else ""


@rule
def units_have_contacts(ctx: Context) -> None:
    """R009, only when intstrat.yaml's strategy asks for a contact person per unit."""
    config: Config | None = ctx.config
    if config is None or config.strategy is None or not config.strategy.contact_per_unit:
        return
    owners = _owners(ctx)
    for i, unit in ctx.config_items("units"):
        if unit.id in owners and unit.contact is None:
            ctx.report(
                CONFIG_FILE,
                ("units", i, "id"),
                "R009",
                _(
                    "unit '{unit}' owns projects but has no contact person; add "
                    "'contact: {{name: ..., email: ...}}' ({strategy} asks for one per unit)"
                ).format(unit=unit.id, strategy=_strategy_name(config)),
            )


@rule
def flights_compensated(ctx: Context) -> None:
    """R010, only when intstrat.yaml's strategy says flights are climate-compensated."""
    config = ctx.config
    policy = config.strategy.travel if config is not None and config.strategy else None
    if config is None or policy is None or not policy.compensate_flights:
        return
    for entry in ctx.projects:
        for i, trip in entry.items("travel"):
            if trip.flight and not trip.compensated:
                ctx.report(
                    entry.path,
                    ("travel", i),
                    "R010",
                    _(
                        "the flight of {date} to {destination} was not climate-compensated; "
                        "compensate it and set compensated: true ({strategy} asks for it)"
                    ).format(
                        date=trip.date,
                        destination=trip.destination,
                        strategy=_strategy_name(config),
                    ),
                )


@rule
def images_exist(ctx: Context) -> None:
    for path, loc, image in named_images(ctx.repo):
        problem = image_problem(ctx.repo.root, image)
        if problem is not None:
            ctx.report(path, loc, "R014", problem, key=False)


@rule
def brochure_has_examples(ctx: Context) -> None:
    """R016: the brochure shows featured projects; without one it has no examples.

    Only when there are partnerships (partners with `since`, which the brochure is
    about) with work that ran, so a repository without them is never bothered.
    """
    partnerships = {e.record.id for e in ctx.repo.partner_entries if e.record.since}
    ran = [
        e
        for e in ctx.repo.project_entries
        if e.record.status in RAN and partnerships & set(e.record.partners)
    ]
    if not ran or any(e.record.featured for e in ran):
        return
    loc: Loc = ("brochure",) if ctx.repo.config and ctx.repo.config.brochure else ()
    ctx.report(
        CONFIG_FILE,
        loc,
        "R016",
        _(
            "the brochure has no project example: no project with a partnership is featured; "
            "add featured: true to one or two (such as {path}), or pick them with "
            "intstrat brochure --featured ID"
        ).format(path=ran[0].path),
    )


@rule
def no_stray_files(ctx: Context) -> None:
    ctx.found += stray_findings(ctx.repo.root, ctx.repo.stray)


@rule
def no_leftover_temporaries(ctx: Context) -> None:
    ctx.found += temporaries_findings(ctx.repo.root)


# ------------------------------------------------------------------ the command


def record_paths(repo: Repository) -> Iterator[str]:
    """Every file `check_loaded` counts, as a root-relative path."""
    yield CONFIG_FILE
    yield from (e.path for e in repo.partner_entries)
    yield from (e.path for e in repo.project_entries)
    folders = {"partner": PARTNERS_DIR, "project": PROJECTS_DIR}
    for kind, stems in repo.broken.items():
        yield from (f"{folders[kind]}/{stem}.yaml" for stem in stems)


def check_loaded(
    repo: Repository, today: dt.date | None = None, extra: Sequence[Rule] = ()
) -> CheckResult:
    """Every finding of a loaded repository: its YAML and schema layers and the rules."""
    return CheckResult(check_repository(repo, today, extra), sum(1 for _ in record_paths(repo)))


class DataHasErrors(IntstratError):
    """The data has errors, so a document or export built from it would be incomplete."""

    exit_code = 1

    def __init__(self, errors: Sequence[Diagnostic]) -> None:
        super().__init__(
            ngettext(
                "the data has {n} error, so the result would be incomplete:",
                "the data has {n} errors, so the result would be incomplete:",
                len(errors),
            ).format(n=len(errors))
            + "\n"
            + error_listing(errors)
            + "\n"
            + _("Fix them (intstrat check lists all), or go ahead anyway with --allow-errors.")
        )
        self.errors = list(errors)


def error_listing(errors: Sequence[Diagnostic], limit: int = 5) -> str:
    """The first few errors, one per line, and how many more there are."""
    listing = "\n".join(
        f"  {d.shown_path}:{d.line}:{d.column}: {d.code} {d.message}" for d in errors[:limit]
    )
    more = (
        "\n" + _("  ... and {n} more").format(n=len(errors) - limit) if len(errors) > limit else ""
    )
    return listing + more


def require_valid(repo: Repository, *, allow_errors: bool = False) -> list[Diagnostic]:
    """The repository's errors; raises `DataHasErrors` if there are any and they are not allowed.

    Documents built on broken records would silently leave those records out.
    """
    errors = [d for d in check_repository(repo) if d.severity is Severity.ERROR]
    if errors and not allow_errors:
        raise DataHasErrors(errors)
    return errors
