"""Publishing projects in the IATI Standard 2.03: the activity XML, validated offline.

Unlike the dataset exports (every record, as tables), IATI is a publication with
rules of its own: which projects are published, and what each one needs.
`intstrat.checks.iati.plan` decides the mapping and reports every problem at its
YAML line; this module only writes the planned activities out, in the order the
schema's sequences demand, and then proves the file right twice: against the
official IATI 2.03 activity schema (vendored in `intstrat/data/iati-2.03`, see its
README for provenance and licences) and against the IATI ruleset checks that
apply. A failure of either after the YAML checks passed is a bug in intstrat,
never the user's fault, so it raises `IatiBug` (exit 3) with the schema's message.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from lxml import etree

from intstrat.checks.iati import (
    DEFAULT_KINDS,
    ORG_NUMBER_PREFIX,
    Activity,
    ContactInfo,
    Narratives,
    Org,
    Plan,
    plan,
)
from intstrat.checks.rules import Context, check_repository
from intstrat.errors import IntstratError
from intstrat.fileio import write_output
from intstrat.format.models import Kind, Project
from intstrat.i18n import _
from intstrat.loading.diagnostics import CODES, Diagnostic, Severity
from intstrat.loading.parse import Loc
from intstrat.loading.repository import Entry, Locator, Repository

VERSION = "2.03"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SCHEMA_DIR = Path(__file__).resolve().parent.parent / "data" / "iati-2.03"
SCHEMA_FILE = "iati-activities-schema.xsd"
#: Registration-agency prefixes intstrat writes (IATI's OrganisationRegistrationAgency).
KNOWN_PREFIXES = (ORG_NUMBER_PREFIX,)


class IatiNotReady(IntstratError):
    """The data would make an invalid IATI file; the diagnostics say where in the YAML."""

    exit_code = 1


class IatiBug(RuntimeError):
    """Our own output broke the schema or a rule although the YAML checks passed."""


@dataclass(frozen=True, slots=True)
class Finding:
    """A diagnostic whose line is looked up only when someone reads it.

    Placing a finding parses its file a second time, with positions (about 2 ms);
    an export of 10,000 projects with a warning each must not pay that for
    warnings nobody reads.
    """

    path: str
    loc: Loc
    code: str
    message: str
    key: bool

    @property
    def severity(self) -> Severity:
        return CODES[self.code].severity

    def place(self, locator: Locator) -> Diagnostic:
        line, column = locator.at(self.path, self.loc, key=self.key)
        return Diagnostic(self.path, line, column, self.code, self.message)


@dataclass
class _Deferred(Context):
    """A rule context that records findings without placing them yet."""

    pending: list[Finding] = field(default_factory=list)

    def report(self, path: str, loc: Loc, code: str, message: str, *, key: bool = True) -> None:
        self.pending.append(Finding(path, loc, code, message, key))


@dataclass
class Findings:
    """Diagnostics of the ordinary checks (placed) and of the IATI rules (placed on demand)."""

    locator: Locator
    placed: list[Diagnostic] = field(default_factory=list)
    pending: list[Finding] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.placed) + len(self.pending)

    def where(self, keep: Callable[[str, str], bool]) -> Findings:
        """Those whose (path, code) `keep` accepts."""
        return Findings(
            self.locator,
            [d for d in self.placed if keep(d.path, d.code)],
            [f for f in self.pending if keep(f.path, f.code)],
        )

    def paths(self) -> set[str]:
        return {d.path for d in self.placed} | {f.path for f in self.pending}

    def diagnostics(self, limit: int | None = None) -> list[Diagnostic]:
        """Sorted by file and line; with `limit`, the first ones (placing only those)."""
        pending = sorted(self.pending, key=lambda f: f.path)
        if limit is not None:
            pending = pending[:limit]
        found = sorted({*self.placed, *(f.place(self.locator) for f in pending)})
        return found if limit is None else found[:limit]

    def listing(self, limit: int = 5) -> str:
        """The first few, one per line, and how many more there are."""
        shown = self.diagnostics(limit)
        lines = [f"  {d.path}:{d.line}:{d.column}: {d.code} {d.message}" for d in shown]
        if len(self) > len(shown):
            lines.append(_("  ... and {n} more").format(n=len(self) - len(shown)))
        return "\n".join(lines)


@dataclass
class IatiExport:
    """What an export wrote and what it found on the way."""

    path: Path | None
    activities: int
    #: Warnings; with `allow_errors` also the errors of the projects left out.
    findings: Findings
    #: Projects not published by status or kind: (path, why).
    unpublished: list[tuple[str, str]] = field(default_factory=list)
    #: Projects left out because they have errors (only with `allow_errors`).
    left_out: list[str] = field(default_factory=list)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return self.findings.diagnostics()


# ------------------------------------------------------------------ dates


def _stamp(moment: dt.datetime) -> str:
    """An xsd:dateTime with its offset, to the second."""
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.isoformat(timespec="seconds")


def generated_at(now: dt.datetime | None = None) -> dt.datetime:
    """The file's generated-datetime: SOURCE_DATE_EPOCH when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if now is None and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    return now or dt.datetime.now(dt.UTC)


def git_changes(root: Path, paths: Iterable[str]) -> dict[str, dt.datetime]:
    """When git last committed each path, for those committed and unchanged since.

    One `git log` over the data folders rather than one per file (10,000 files
    would take minutes). Files with uncommitted changes are left out, so their
    modification time counts. Any failure (no git, not a repository, a
    repository owned by someone else) gives an empty answer: mtimes then.
    """
    wanted = set(paths)
    if not wanted:
        return {}
    base = ["git", "-c", "core.fsmonitor=false", "-c", "core.quotepath=false"]
    try:
        folders = sorted({p.rsplit("/", 1)[0] for p in wanted})
        options = ["--format=%x00%cI", "--name-only", "--no-renames", "--relative"]
        log = subprocess.run(
            [*base, "log", *options, "--", *folders],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        ).stdout
        dirty = subprocess.run(
            [*base, "diff", "--name-only", "--relative", "HEAD", "--"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError, UnicodeDecodeError):
        return {}
    changed = set(dirty.splitlines())
    found: dict[str, dt.datetime] = {}
    when: dt.datetime | None = None
    for line in log.splitlines():
        if line.startswith("\0"):
            try:
                when = dt.datetime.fromisoformat(line[1:])
            except ValueError:
                when = None
        elif line and when is not None and line in wanted and line not in found:
            found[line] = when
    return {path: moment for path, moment in found.items() if path not in changed}


def last_updated(root: Path, paths: Sequence[str], ceiling: dt.datetime) -> dict[str, dt.datetime]:
    """Each file's last change: its last commit if git knows it, else its mtime.

    Never later than `ceiling` (the file's generated-datetime): IATI refuses a
    last-updated-datetime in the future, and a clock that is off must not make
    the file invalid.
    """
    committed = git_changes(root, paths)
    out: dict[str, dt.datetime] = {}
    for path in paths:
        moment = committed.get(path)
        if moment is None:
            try:
                mtime = (root / path).stat().st_mtime
            except OSError:
                mtime = ceiling.timestamp()
            moment = dt.datetime.fromtimestamp(mtime, tz=dt.UTC)
        out[path] = min(moment, ceiling)
    return out


# ------------------------------------------------------------------ writing


def _narratives(parent: Any, narratives: Narratives) -> None:
    sub = etree.SubElement
    for lang, text in narratives:
        element = sub(parent, "narrative", {XML_LANG: lang} if lang is not None else {})
        element.text = text


def _text_element(parent: Any, tag: str, narratives: Narratives) -> None:
    if narratives:
        _narratives(etree.SubElement(parent, tag), narratives)


def _amount(value: Decimal) -> str:
    return format(value, "f")


class _Writer:
    """Writes activities; organisations and contacts that recur are built once and copied.

    The same funder, partner or unit contact appears in thousands of activities:
    copying a finished subtree (one call into libxml2) is several times faster
    than building it again element by element.
    """

    def __init__(self, reporting: Org, lang: str) -> None:
        self.reporting = reporting
        self.lang = lang
        self._made: dict[tuple[str, object, str | None], Any] = {}
        self.owner = Org(reporting.names, reporting.ref)

    def _org_element(self, tag: str, org: Org, role: str | None = None) -> Any:
        attrs = {}
        if org.ref:
            attrs["ref"] = org.ref
        if org.type:
            attrs["type"] = org.type
        if role is not None:
            attrs["role"] = role
        element = etree.Element(tag, attrs)
        _narratives(element, org.names)
        return element

    def org(self, parent: Any, tag: str, org: Org, role: str | None = None) -> None:
        key = (tag, id(org), role)  # the plan holds every Org, so ids stay unique
        made = self._made.get(key)
        if made is None:
            made = self._made[key] = self._org_element(tag, org, role)
        parent.append(made.__copy__())  # lxml's copy is deep

    def contact(self, parent: Any, contact: ContactInfo) -> None:
        key = ("contact-info", contact, None)
        made = self._made.get(key)
        if made is None:
            made = etree.Element("contact-info", type="1")
            _text_element(made, "organisation", contact.organisation)
            _text_element(made, "department", contact.department)
            _text_element(made, "person-name", contact.person)
            _text_element(made, "job-title", contact.job_title)
            for tag, value in (
                ("telephone", contact.telephone),
                ("email", contact.email),
                ("website", contact.website),
            ):
                if value:
                    etree.SubElement(made, tag).text = value
            self._made[key] = made
        parent.append(made.__copy__())

    def activity(self, parent: Any, activity: Activity, updated: dt.datetime) -> None:
        """One iati-activity, its children in the order of the schema's sequence."""
        sub = etree.SubElement
        reporting = self.reporting
        a = sub(
            parent,
            "iati-activity",
            {
                "last-updated-datetime": _stamp(updated),
                XML_LANG: self.lang,
                "default-currency": activity.currency,
            },
        )
        sub(a, "iati-identifier").text = activity.identifier
        self.org(a, "reporting-org", reporting)
        _narratives(sub(a, "title"), activity.title)
        for kind, narratives in activity.descriptions:
            _narratives(sub(a, "description", type=kind), narratives)
        for participant in activity.participants:
            self.org(a, "participating-org", participant.org, participant.role)
        other = sub(a, "other-identifier", ref=activity.project_id, type="A1")
        self.org(other, "owner-org", self.owner)
        sub(a, "activity-status", code=activity.status)
        for kind, day in activity.dates:
            sub(a, "activity-date", {"type": kind, "iso-date": day.isoformat()})
        if activity.contact is not None:
            self.contact(a, activity.contact)
        for code, share in activity.countries:
            sub(a, "recipient-country", code=code, percentage=_amount(share))
        for sector, share in activity.sectors:
            sub(a, "sector", vocabulary="1", code=str(sector), percentage=_amount(share))
        for goal in activity.sdgs:
            sub(a, "tag", vocabulary="2", code=str(goal))
        for budget in activity.budgets:
            b = sub(a, "budget", type="1", status=budget.status)
            first = budget.start.isoformat()
            sub(b, "period-start", {"iso-date": first})
            sub(b, "period-end", {"iso-date": budget.end.isoformat()})
            sub(b, "value", {"value-date": first}).text = _amount(budget.value)
        for commitment in activity.commitments:
            t = sub(a, "transaction")
            sub(t, "transaction-type", code="11")
            when = commitment.day.isoformat()
            sub(t, "transaction-date", {"iso-date": when})
            value = sub(t, "value", {"value-date": when})
            if commitment.currency != activity.currency:
                value.set("currency", commitment.currency)
            value.text = _amount(commitment.value)
            self.org(t, "provider-org", commitment.provider)
            self.org(t, "receiver-org", reporting)
        for link in activity.links:
            d = sub(a, "document-link", format="text/html", url=link.url)
            _narratives(sub(d, "title"), link.title)
            sub(d, "category", code="A12")  # activity web page
        for result in activity.results:
            r = sub(a, "result", type="1")  # output
            _narratives(sub(r, "title"), result.title)
            _text_element(r, "description", result.description)
            indicator = sub(r, "indicator", measure="5")  # qualitative
            _narratives(sub(indicator, "title"), result.title)
            period = sub(indicator, "period")
            sub(period, "period-start", {"iso-date": result.start.isoformat()})
            sub(period, "period-end", {"iso-date": result.end.isoformat()})


def build(
    planned: Plan, generated: dt.datetime, updated: Mapping[str, dt.datetime]
) -> etree._ElementTree:
    """The iati-activities document of a plan."""
    if planned.reporting is None:
        raise ValueError("a plan without a reporting organisation cannot be written")
    root = etree.Element(
        "iati-activities", {"version": VERSION, "generated-datetime": _stamp(generated)}
    )
    writer = _Writer(planned.reporting, planned.lang)
    for activity in planned.activities:
        writer.activity(root, activity, updated[activity.path])
    return etree.ElementTree(root)


def serialise(tree: etree._ElementTree) -> bytes:
    return bytes(etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True))


# ------------------------------------------------------------------ proving it right


@cache
def schema() -> etree.XMLSchema:
    """The official IATI 2.03 activity schema, read from the package (never the network)."""
    parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)
    document = etree.parse(str(SCHEMA_DIR / SCHEMA_FILE), parser)
    return etree.XMLSchema(document)


def schema_errors(tree: etree._ElementTree) -> list[str]:
    """Every place the document breaks the IATI 2.03 schema, as 'line N: message'."""
    checker = schema()
    if checker.validate(tree):
        return []
    return [f"line {e.line}: {e.message}" for e in checker.error_log]


def _iso(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text or "")
    except ValueError:
        return None


def _one_year_later(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def _sums_to_100(values: Sequence[str]) -> bool:
    return sum((Decimal(v) for v in values), Decimal(0)) == 100


def ruleset_problems(tree: etree._ElementTree, today: dt.date, now: dt.datetime) -> list[str]:
    """The IATI ruleset checks that apply to what intstrat writes (IATI-Rulesets).

    Identifier prefixed by the reporting org's ref and a hyphen, refs and
    identifiers free of / & | ?, a known registration-agency prefix, default
    language and currency, a start date, actual dates and transactions not in
    the future, planned and actual starts before ends, budget periods of at most
    a year that run forwards, sector and country percentages summing to 100,
    at least one sector, unique identifiers, and a participating organisation
    with a ref or a name. Returns one line per problem.
    """
    problems: list[str] = []
    seen: set[str] = set()
    forbidden = set("/&|?") | {" ", "\t", "\n", "\r"}
    for activity in tree.getroot().iterfind("iati-activity"):
        ident = activity.findtext("iati-identifier") or ""
        reporting = activity.find("reporting-org")
        ref = reporting.get("ref", "") if reporting is not None else ""
        found: list[str] = []
        refs = [ident, ref]
        dates: dict[str, list[dt.date]] = {}
        sectors: list[str] = []
        shares: list[str] = []
        for child in activity:
            tag = child.tag
            if tag == "participating-org":
                if child.get("ref"):
                    refs.append(child.get("ref"))
                elif child.find("narrative") is None:
                    found.append("a participating-org has neither ref nor narrative")
            elif tag == "activity-date":
                day = _iso(child.get("iso-date"))
                if day is not None:
                    dates.setdefault(child.get("type", ""), []).append(day)
            elif tag == "sector":
                if child.get("vocabulary") in (None, "1"):
                    sectors.append(child.get("percentage", "0"))
            elif tag in ("recipient-country", "recipient-region"):
                shares.append(child.get("percentage", "0"))
            elif tag == "budget":
                begins = _iso(child.find("period-start").get("iso-date"))
                ends = _iso(child.find("period-end").get("iso-date"))
                if begins is None or ends is None or ends < begins:
                    found.append("a budget period ends before it starts")
                elif ends >= _one_year_later(begins):
                    found.append(f"budget period {begins}..{ends} is longer than a year")
            elif tag == "transaction":
                dated = _iso(child.find("transaction-date").get("iso-date"))
                value_date = _iso(child.find("value").get("value-date"))
                if dated is None or dated > today or value_date is None or value_date > today:
                    found.append("a transaction is dated in the future")
                refs += [o.get("ref") for o in child if o.get("ref")]
        if ident in seen:
            found.append("iati-identifier is not unique in the file")
        seen.add(ident)
        if not ident.startswith(ref + "-") or len(ident) <= len(ref) + 1:
            found.append(f"iati-identifier does not start with the reporting-org ref {ref}-")
        if not ref.startswith(KNOWN_PREFIXES):
            found.append(f"reporting-org ref {ref} has no known registration-agency prefix")
        found += [f"'{v}' has whitespace or one of / & | ?" for v in refs if forbidden & set(v)]
        if not activity.get(XML_LANG) or not activity.get("default-currency"):
            found.append("no default language (xml:lang) or default-currency")
        updated = activity.get("last-updated-datetime")
        if updated and dt.datetime.fromisoformat(updated) > now:
            found.append("last-updated-datetime is in the future")
        if not dates.get("1") and not dates.get("2"):
            found.append("no planned or actual start date")
        for kind in ("2", "4"):
            if any(day > today for day in dates.get(kind, [])):
                found.append(f"activity-date type {kind} (actual) is in the future")
        for start, end in (("1", "3"), ("2", "4")):
            for first in dates.get(start, []):
                if any(last < first for last in dates.get(end, [])):
                    found.append(f"activity-date type {end} is before type {start}")
        if not sectors and activity.find("transaction/sector") is None:
            found.append("no sector")
        elif sectors and not _sums_to_100(sectors):
            found.append("sector percentages do not sum to 100")
        if shares and not _sums_to_100(shares):
            found.append("recipient country percentages do not sum to 100")
        problems += [f"{ident}: {message}" for message in found]
    return problems


# ------------------------------------------------------------------ the export


def export(
    repo: Repository,
    path: Path | None,
    entries: Iterable[Entry[Project]] | None = None,
    *,
    today: dt.date | None = None,
    generated: dt.datetime | None = None,
    updated: dt.datetime
    | Callable[[Sequence[str], dt.datetime], Mapping[str, dt.datetime]]
    | None = None,
    pipeline: bool = False,
    kinds: Iterable[Kind] | None = None,
    allow_errors: bool = False,
) -> IatiExport:
    """Write the IATI 2.03 activity file of `entries` (default: every project) to `path`.

    Refuses (`IatiNotReady`, exit 1) when the data has errors, naming each at its
    YAML line; with `allow_errors` the projects with errors are left out instead,
    but a missing or wrong organisation number always refuses. `today` decides
    what counts as the future; `generated` is the file's generated-datetime
    (default: now, or SOURCE_DATE_EPOCH); `updated` fixes every activity's
    last-updated-datetime, or maps paths to it (default: git, else mtimes).
    With `path` None nothing is written (a dry run that still validates).
    """
    today = today or dt.date.today()
    moment = generated_at(generated)
    chosen = list(repo.project_entries if entries is None else entries)
    ctx = _Deferred(repo, today)
    planned = plan(
        ctx, chosen, pipeline=pipeline, kinds=frozenset(kinds) if kinds else DEFAULT_KINDS
    )
    found = Findings(repo.locator, check_repository(repo, today), ctx.pending)
    errors = found.where(lambda _path, code: CODES[code].severity is Severity.ERROR)
    if planned.reporting is None:
        if repo.config is None:
            raise IatiNotReady(
                _("intstrat.yaml has errors, so there is no publisher to name:\n{errors}").format(
                    errors=errors.listing()
                )
            )
        raise IatiNotReady(
            _("the IATI file cannot name its publisher:\n{errors}").format(
                errors=errors.where(lambda _path, code: code in ("I001", "I002")).listing()
            )
        )
    if len(errors) and not allow_errors:
        raise IatiNotReady(
            _(
                "the data has {count} errors, so the IATI file would be invalid:\n{errors}\n"
                "Fix them ('intstrat check --iati' lists all), or export the projects "
                "without errors with --allow-errors."
            ).format(count=len(errors), errors=errors.listing())
        )
    broken = errors.paths()
    unpublished = {p for p, _why in planned.unpublished}
    left_out = [e.path for e in chosen if e.path in broken and e.path not in unpublished]
    planned.activities = [a for a in planned.activities if a.path not in broken]
    paths = [a.path for a in planned.activities]
    if isinstance(updated, dt.datetime):
        times: Mapping[str, dt.datetime] = dict.fromkeys(paths, min(updated, moment))
    elif updated is not None:
        times = updated(paths, moment)
    else:
        times = last_updated(repo.root, paths, moment)
    tree = build(planned, moment, times)
    wrong = schema_errors(tree)
    if wrong:
        raise IatiBug(
            "the IATI file does not match the IATI 2.03 schema although the data passed "
            "every check: " + "; ".join(wrong[:5])
        )
    broken_rules = ruleset_problems(tree, today, moment)
    if broken_rules:
        raise IatiBug(
            "the IATI file breaks IATI's rules although the data passed every check: "
            + "; ".join(broken_rules[:5])
        )
    if path is not None:
        write_output(path, serialise(tree))
    return IatiExport(
        path=path,
        activities=len(planned.activities),
        findings=found.where(
            lambda where, code: CODES[code].severity is Severity.WARNING or where in broken
        ),
        unpublished=planned.unpublished,
        left_out=left_out,
    )
