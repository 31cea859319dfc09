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
from functools import cache, lru_cache
from itertools import islice
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
    planning,
)
from intstrat.checks.rules import Context, check_repository
from intstrat.errors import IntstratError
from intstrat.fileio import generated_at, write_output
from intstrat.format.models import Kind, Project
from intstrat.i18n import _
from intstrat.loading.diagnostics import CODES, Diagnostic, Severity
from intstrat.loading.listing import CONFIG_FILE
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
        """Sorted by file and line, intstrat.yaml's first (a broken config explains the
        findings it causes in the records); with `limit`, the first ones (placing only
        those)."""
        pending = sorted(self.pending, key=lambda f: (f.path != CONFIG_FILE, f.path))
        if limit is not None:
            pending = pending[:limit]
        placed = {*self.placed, *(f.place(self.locator) for f in pending)}
        found = sorted(placed, key=lambda d: (d.path != CONFIG_FILE, d))
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
    return _modified(root, paths, ceiling, git_changes(root, paths))


def _modified(
    root: Path, paths: Iterable[str], ceiling: dt.datetime, committed: Mapping[str, dt.datetime]
) -> dict[str, dt.datetime]:
    """`last_updated`, given what git said (`git_changes`)."""
    out: dict[str, dt.datetime] = {}
    folder = str(root)
    for path in paths:
        moment = committed.get(path)
        if moment is None:
            try:
                mtime = os.stat(f"{folder}/{path}").st_mtime  # noqa: PTH116 (a str: 3x faster)
            except OSError:
                mtime = ceiling.timestamp()
            moment = dt.datetime.fromtimestamp(mtime, tz=dt.UTC)
        out[path] = min(moment, ceiling)
    return out


# ------------------------------------------------------------------ writing


def _text(value: str) -> str:
    """Character data escaped as libxml2 writes it (so the file matches lxml's bytes)."""
    if "&" in value:
        value = value.replace("&", "&amp;")
    if "<" in value:
        value = value.replace("<", "&lt;")
    if ">" in value:
        value = value.replace(">", "&gt;")
    if "\r" in value:
        value = value.replace("\r", "&#13;")
    return value


def _attr(value: str) -> str:
    """An attribute value escaped as libxml2 writes it inside double quotes."""
    value = _text(value)
    if '"' in value:
        value = value.replace('"', "&quot;")
    if "\n" in value:
        value = value.replace("\n", "&#10;")
    if "\t" in value:
        value = value.replace("\t", "&#9;")
    return value


def _attrs(pairs: Iterable[tuple[str, str | None]]) -> str:
    return "".join(f' {name}="{_attr(value)}"' for name, value in pairs if value is not None)


def _element(depth: int, tag: str, attrs: str, inner: str) -> str:
    """An element with element children (`inner`, already indented), or empty."""
    pad = "  " * depth
    if not inner:
        return f"{pad}<{tag}{attrs}/>\n"
    return f"{pad}<{tag}{attrs}>\n{inner}{pad}</{tag}>\n"


def _leaf(depth: int, tag: str, attrs: str, text: str) -> str:
    """An element holding only text."""
    return f"{'  ' * depth}<{tag}{attrs}>{_text(text)}</{tag}>\n"


def _narratives(depth: int, narratives: Narratives) -> str:
    pad = "  " * depth
    if len(narratives) == 1:  # most texts have one language
        lang, text = narratives[0]
        if lang is None:
            return f"{pad}<narrative>{_text(text)}</narrative>\n"
        return f'{pad}<narrative xml:lang="{_attr(lang)}">{_text(text)}</narrative>\n'
    return "".join(
        f"{pad}<narrative>{_text(text)}</narrative>\n"
        if lang is None
        else f'{pad}<narrative xml:lang="{_attr(lang)}">{_text(text)}</narrative>\n'
        for lang, text in narratives
    )


def _with_narratives(depth: int, tag: str, narratives: Narratives, attrs: str = "") -> str:
    return _element(depth, tag, attrs, _narratives(depth + 1, narratives))


def _amount(value: Decimal) -> str:
    return format(value, "f")


def _day(depth: int, tag: str, day: dt.date) -> str:
    return f'{"  " * depth}<{tag} iso-date="{day.isoformat()}"/>\n'


class _Writer:
    """Writes activities as XML text, in the layout lxml's pretty printer gives.

    Building an lxml tree costs a Python call per element (several hundred
    thousand for 10,000 activities); text is written in a fraction of that.
    The schema and the ruleset checks then read the written bytes back, so what
    is proved right is the file itself. Organisations and contacts recur in
    thousands of activities and are written once per place.
    """

    def __init__(self, reporting: Org, lang: str) -> None:
        self.reporting = reporting
        self.lang = _attr(lang)
        self._made: dict[tuple[str, object, str | None, int], str] = {}
        self._kept: list[Org] = []
        self._days: dict[dt.date, str] = {}
        self.owner = Org(reporting.names, reporting.ref)
        # In every activity: written once.
        self._reporting_org = self.org(2, "reporting-org", reporting)
        self._owner_org = self.org(3, "owner-org", self.owner)
        self._receiver_org = self.org(3, "receiver-org", reporting)

    def org(self, depth: int, tag: str, org: Org, role: str | None = None) -> str:
        key = (tag, id(org), role, depth)
        made = self._made.get(key)
        if made is None:
            attrs = _attrs((("ref", org.ref or None), ("type", org.type or None), ("role", role)))
            made = self._made[key] = _with_narratives(depth, tag, org.names, attrs)
            self._kept.append(org)  # its id stays its own while the text is remembered
        return made

    def day(self, day: dt.date) -> str:
        """The date as written; a file of 10,000 activities holds a few thousand dates."""
        made = self._days.get(day)
        if made is None:
            made = self._days[day] = day.isoformat()
        return made

    def contact(self, contact: ContactInfo) -> str:
        key = ("contact-info", contact, None, 2)
        made = self._made.get(key)
        if made is None:
            inner = "".join(
                _with_narratives(3, tag, narratives)
                for tag, narratives in (
                    ("organisation", contact.organisation),
                    ("department", contact.department),
                    ("person-name", contact.person),
                    ("job-title", contact.job_title),
                )
                if narratives
            ) + "".join(
                _leaf(3, tag, "", value)
                for tag, value in (
                    ("telephone", contact.telephone),
                    ("email", contact.email),
                    ("website", contact.website),
                )
                if value
            )
            made = self._made[key] = _element(2, "contact-info", ' type="1"', inner)
        return made

    def activity(self, out: list[str], activity: Activity, updated: str) -> None:
        """One iati-activity, its children in the order of the schema's sequence.

        `updated` is its last-updated-datetime as written (`_stamp`).
        """
        w = out.append
        w(
            f'  <iati-activity last-updated-datetime="{_attr(updated)}" '
            f'xml:lang="{self.lang}" default-currency="{_attr(activity.currency)}">\n'
            f"    <iati-identifier>{_text(activity.identifier)}</iati-identifier>\n"
        )
        w(self._reporting_org)
        w(_with_narratives(2, "title", activity.title))
        for kind, narratives in activity.descriptions:
            w(_with_narratives(2, "description", narratives, f' type="{_attr(kind)}"'))
        made, org = self._made, self.org
        for participant in activity.participants:
            key = ("participating-org", id(participant.org), participant.role, 2)
            w(made.get(key) or org(2, "participating-org", participant.org, participant.role))
        w(
            f'    <other-identifier ref="{_attr(activity.project_id)}" type="A1">\n'
            f"{self._owner_org}    </other-identifier>\n"
        )
        w(f'    <activity-status code="{_attr(activity.status)}"/>\n')
        day = self.day
        for kind, moment in activity.dates:
            w(f'    <activity-date type="{_attr(kind)}" iso-date="{day(moment)}"/>\n')
        if activity.contact is not None:
            w(self.contact(activity.contact))
        for code, share in activity.countries:
            w(f'    <recipient-country code="{_attr(code)}" percentage="{_amount(share)}"/>\n')
        for sector, share in activity.sectors:
            w(f'    <sector vocabulary="1" code="{sector}" percentage="{_amount(share)}"/>\n')
        for goal in activity.sdgs:
            w(f'    <tag vocabulary="2" code="{goal}"/>\n')
        for budget in activity.budgets:
            first = day(budget.start)
            w(
                f'    <budget type="1" status="{_attr(budget.status)}">\n'
                f'      <period-start iso-date="{first}"/>\n'
                f'      <period-end iso-date="{day(budget.end)}"/>\n'
                f'      <value value-date="{first}">{_amount(budget.value)}</value>\n'
                "    </budget>\n"
            )
        for commitment in activity.commitments:
            when = day(commitment.day)
            currency = (
                f' currency="{_attr(commitment.currency)}"'
                if commitment.currency != activity.currency
                else ""
            )
            w(
                "    <transaction>\n"
                '      <transaction-type code="11"/>\n'
                f'      <transaction-date iso-date="{when}"/>\n'
                f'      <value value-date="{when}"{currency}>{_amount(commitment.value)}</value>\n'
            )
            w(self.org(3, "provider-org", commitment.provider))
            w(self._receiver_org)
            w("    </transaction>\n")
        for link in activity.links:
            w(
                f'    <document-link format="text/html" url="{_attr(link.url)}">\n'
                + _with_narratives(3, "title", link.title)
                + '      <category code="A12"/>\n'  # activity web page
                "    </document-link>\n"
            )
        for result in activity.results:
            w(
                '    <result type="1">\n'  # output
                + _with_narratives(3, "title", result.title)
                + (
                    _with_narratives(3, "description", result.description)
                    if result.description
                    else ""
                )
                + '      <indicator measure="5">\n'  # qualitative
                + _with_narratives(4, "title", result.title)
                + "        <period>\n"
                + _day(5, "period-start", result.start)
                + _day(5, "period-end", result.end)
                + "        </period>\n"
                "      </indicator>\n"
                "    </result>\n"
            )
        w("  </iati-activity>\n")


#: Activities per piece of the file the schema validates on its own (see `_Document`).
PIECE = 500


def _frame(generated: dt.datetime) -> tuple[str, str]:
    """The XML declaration and the root's start tag; the root's end tag."""
    root = f'iati-activities version="{VERSION}" generated-datetime="{_attr(_stamp(generated))}"'
    return f"<?xml version='1.0' encoding='UTF-8'?>\n<{root}>\n", "</iati-activities>\n"


def _valid(document: bytes) -> bool:
    """Whether a document parses and matches the IATI 2.03 schema (libxml2, no GIL held)."""
    parser = etree.XMLParser(
        schema=schema(), no_network=True, resolve_entities=False, huge_tree=True
    )
    try:
        etree.fromstring(document, parser)
    except etree.XMLSyntaxError:
        return False
    return True


class _Document:
    """The activity file, written and proved right a piece at a time, as it is planned.

    Each `add` writes its activities as one piece of the file and hands the piece
    to a second thread, which validates it against the schema as a document of
    its own (the file's declaration and root element around it) while this thread
    runs the ruleset checks on the piece and plans the next one: libxml2 parses
    and validates without holding Python's lock, so on two cores the schema
    check costs little time. The pieces together are the file, and the schema
    constrains each iati-activity on its own (it has no identity constraints
    across activities), so the file is valid exactly when every piece is. The
    ruleset checks read the facts of the plan (`Facts.of_plan`), with one set of
    identifiers for the whole file. Nothing is judged until `finish`.
    """

    def __init__(self, reporting: Org, lang: str, generated: dt.datetime, today: dt.date) -> None:
        from concurrent.futures import Future, ThreadPoolExecutor

        head, foot = _frame(generated)
        self.head, self.foot = head.encode("utf-8"), foot.encode("utf-8")
        self.generated = generated
        self.today = today
        self.reporting = reporting
        self.lang = lang
        self.writer = _Writer(reporting, lang)
        self.parts: list[bytes] = [self.head]
        self.activities = 0
        self.seen: set[str] = set()
        self.problems: list[str] = []
        schema()  # compiled once, before the thread uses it
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="iati-schema")
        self.checks: list[Future[bool]] = []

    def __enter__(self) -> _Document:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)

    def add(self, activities: Sequence[Activity], stamps: Sequence[str]) -> None:
        """One piece: `activities`, with their last-updated-datetimes as written."""
        if not activities:
            return
        out: list[str] = []
        for activity, stamp in zip(activities, stamps, strict=True):
            self.writer.activity(out, activity, stamp)
        piece = "".join(out).encode("utf-8")
        self.checks.append(self.pool.submit(_valid, self.head + piece + self.foot))
        self.parts.append(piece)
        self.activities += len(activities)
        for activity, stamp in zip(activities, stamps, strict=True):
            facts = Facts.of_plan(activity, self.reporting, self.lang, stamp)
            self.problems += facts_problems(facts, self.seen, self.today, self.generated)

    def finish(self) -> bytes:
        """The whole file, once every piece passed the schema and the rules.

        A piece that fails the schema (only ever our bug) sends the whole file
        through `verify` for the schema's messages with their lines; then the
        rules: either failure raises `IatiBug`.
        """
        valid = all(check.result() for check in self.checks)
        if not self.checks:
            data = self.head[: -len(b">\n")] + b"/>\n"  # <iati-activities .../>
            verify(data)
            return data
        self.parts.append(self.foot)
        data = b"".join(self.parts)
        self.parts = []
        if not valid:
            verify(data)
            raise IatiBug("a piece of the IATI file does not match the IATI 2.03 schema")
        if self.problems:
            raise IatiBug(
                "the IATI file breaks IATI's rules although the data passed every check: "
                + "; ".join(self.problems[:5])
            )
        return data


def _stamps(activities: Iterable[Activity], updated: Mapping[str, dt.datetime]) -> list[str]:
    return [_stamp(updated[activity.path]) for activity in activities]


def render(planned: Plan, generated: dt.datetime, updated: Mapping[str, dt.datetime]) -> bytes:
    """The iati-activities document of a plan, as UTF-8 bytes with an XML declaration."""
    head, foot = _frame(generated)
    if not planned.activities:
        return (head[: -len(">\n")] + "/>\n").encode("utf-8")  # <iati-activities .../>
    if planned.reporting is None:
        raise ValueError("a plan without a reporting organisation cannot be written")
    writer = _Writer(planned.reporting, planned.lang)
    out = [head]
    for activity, stamp in zip(
        planned.activities, _stamps(planned.activities, updated), strict=True
    ):
        writer.activity(out, activity, stamp)
    out.append(foot)
    return "".join(out).encode("utf-8")


def write_checked(
    planned: Plan, generated: dt.datetime, updated: Mapping[str, dt.datetime], today: dt.date
) -> bytes:
    """`render`, proved right against the schema and the rules piece by piece (`_Document`)."""
    if planned.reporting is None:
        raise ValueError("a plan without a reporting organisation cannot be written")
    with _Document(planned.reporting, planned.lang, generated, today) as document:
        activities = planned.activities
        for start in range(0, len(activities), PIECE):
            piece = activities[start : start + PIECE]
            document.add(piece, _stamps(piece, updated))
        return document.finish()


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


@lru_cache(maxsize=1024)
def _sums_to_100(values: tuple[str, ...]) -> bool:
    """Remembered: activities share a handful of ways to split 100 %."""
    return sum((Decimal(v) for v in values), Decimal(0)) == 100


@lru_cache(maxsize=4096)
def _instant(text: str) -> dt.datetime:
    """An xsd:dateTime read back; thousands of activities share each second."""
    return dt.datetime.fromisoformat(text)


@dataclass(frozen=True, slots=True)
class Facts:
    """What the ruleset checks read of one activity: from the file, or from the plan.

    The rules run on these, so they are the same rules whichever way the facts
    were taken. `export` takes them from the plan (no walk over a parsed tree);
    tests prove, on the example and on generated data, that the facts read back
    from the written file equal those of the plan.
    """

    ident: str
    #: The reporting-org's ref ('' without one).
    ref: str
    #: The identifier, the reporting ref, then every ref of a participating-org and
    #: of an organisation in a transaction, in file order.
    refs: tuple[str, ...]
    #: In file order: ("nameless", None, None) for a participating-org with neither
    #: ref nor narrative, ("budget", start, end), ("transaction", date, value-date).
    children: tuple[tuple[str, dt.date | None, dt.date | None], ...]
    #: activity-date (type, day), the readable ones, in file order.
    dates: tuple[tuple[str, dt.date], ...]
    #: Percentages of the sectors in vocabulary 1 and of the recipient countries.
    sectors: tuple[str, ...]
    shares: tuple[str, ...]
    lang: str | None
    currency: str | None
    updated: str | None
    transaction_sector: bool

    @classmethod
    def of_element(cls, activity: Any) -> Facts:
        """The facts of a parsed iati-activity element."""
        ident = activity.findtext("iati-identifier") or ""
        reporting = activity.find("reporting-org")
        ref = reporting.get("ref", "") if reporting is not None else ""
        refs = [ident, ref]
        children: list[tuple[str, dt.date | None, dt.date | None]] = []
        dates: list[tuple[str, dt.date]] = []
        sectors: list[str] = []
        shares: list[str] = []
        for child in activity:
            tag = child.tag
            if tag == "participating-org":
                if child.get("ref"):
                    refs.append(child.get("ref"))
                elif child.find("narrative") is None:
                    children.append(("nameless", None, None))
            elif tag == "activity-date":
                day = _iso(child.get("iso-date"))
                if day is not None:
                    dates.append((child.get("type", ""), day))
            elif tag == "sector":
                if child.get("vocabulary") in (None, "1"):
                    sectors.append(child.get("percentage", "0"))
            elif tag in ("recipient-country", "recipient-region"):
                shares.append(child.get("percentage", "0"))
            elif tag == "budget":
                begins = _iso(child.find("period-start").get("iso-date"))
                ends = _iso(child.find("period-end").get("iso-date"))
                children.append(("budget", begins, ends))
            elif tag == "transaction":
                dated = _iso(child.find("transaction-date").get("iso-date"))
                value_date = _iso(child.find("value").get("value-date"))
                children.append(("transaction", dated, value_date))
                refs += [o.get("ref") for o in child if o.get("ref")]
        return cls(
            ident,
            ref,
            tuple(refs),
            tuple(children),
            tuple(dates),
            tuple(sectors),
            tuple(shares),
            activity.get(XML_LANG),
            activity.get("default-currency"),
            activity.get("last-updated-datetime"),
            activity.find("transaction/sector") is not None,
        )

    @classmethod
    def of_plan(cls, activity: Activity, reporting: Org, lang: str, updated: str) -> Facts:
        """The facts `_Writer` writes for a planned activity (see the class docstring)."""
        ref = reporting.ref or ""
        refs = [activity.identifier, ref]
        children: list[tuple[str, dt.date | None, dt.date | None]] = []
        for participant in activity.participants:
            if participant.org.ref:
                refs.append(participant.org.ref)
            elif not participant.org.names:
                children.append(("nameless", None, None))
        children += [("budget", b.start, b.end) for b in activity.budgets]
        for commitment in activity.commitments:
            children.append(("transaction", commitment.day, commitment.day))
            refs += [r for r in (commitment.provider.ref, reporting.ref) if r]
        return cls(
            activity.identifier,
            ref,
            tuple(refs),
            tuple(children),
            activity.dates,
            tuple(_amount(share) for _sector, share in activity.sectors),
            tuple(_amount(share) for _code, share in activity.countries),
            lang,
            activity.currency,
            updated,
            False,
        )


def ruleset_problems(tree: etree._ElementTree, today: dt.date, now: dt.datetime) -> list[str]:
    """The IATI ruleset checks of a parsed file (see `facts_problems`)."""
    seen: set[str] = set()
    problems: list[str] = []
    for activity in tree.getroot().iterfind("iati-activity"):
        problems += facts_problems(Facts.of_element(activity), seen, today, now)
    return problems


def plan_problems(
    planned: Plan, updated: Mapping[str, dt.datetime], today: dt.date, now: dt.datetime
) -> list[str]:
    """The IATI ruleset checks of what `render` writes for `planned` (see `Facts`)."""
    if planned.reporting is None:
        raise ValueError("a plan without a reporting organisation cannot be written")
    seen: set[str] = set()
    problems: list[str] = []
    for activity, stamp in zip(
        planned.activities, _stamps(planned.activities, updated), strict=True
    ):
        facts = Facts.of_plan(activity, planned.reporting, planned.lang, stamp)
        problems += facts_problems(facts, seen, today, now)
    return problems


_FORBIDDEN = frozenset("/&|? \t\n\r")


def facts_problems(facts: Facts, seen: set[str], today: dt.date, now: dt.datetime) -> list[str]:
    """The IATI ruleset checks that apply to what intstrat writes (IATI-Rulesets).

    Identifier prefixed by the reporting org's ref and a hyphen, refs and
    identifiers free of / & | ?, a known registration-agency prefix, default
    language and currency, a start date, actual dates and transactions not in
    the future, planned and actual starts before ends, budget periods of at most
    a year that run forwards, sector and country percentages summing to 100,
    at least one sector, unique identifiers, and a participating organisation
    with a ref or a name. Returns one line per problem; `seen` holds the
    identifiers of the activities before (and gets this one's).
    """
    ident, ref = facts.ident, facts.ref
    found: list[str] = []
    for kind, first, second in facts.children:
        if kind == "nameless":
            found.append("a participating-org has neither ref nor narrative")
        elif kind == "budget":
            if first is None or second is None or second < first:
                found.append("a budget period ends before it starts")
            elif second >= _one_year_later(first):
                found.append(f"budget period {first}..{second} is longer than a year")
        elif first is None or first > today or second is None or second > today:
            found.append("a transaction is dated in the future")
    dates: dict[str, list[dt.date]] = {}
    for kind, day in facts.dates:
        dates.setdefault(kind, []).append(day)
    if ident in seen:
        found.append("iati-identifier is not unique in the file")
    seen.add(ident)
    if not ident.startswith(ref + "-") or len(ident) <= len(ref) + 1:
        found.append(f"iati-identifier does not start with the reporting-org ref {ref}-")
    if not ref.startswith(KNOWN_PREFIXES):
        found.append(f"reporting-org ref {ref} has no known registration-agency prefix")
    found += [
        f"'{v}' has whitespace or one of / & | ?"
        for v in facts.refs
        if not _FORBIDDEN.isdisjoint(v)
    ]
    if not facts.lang or not facts.currency:
        found.append("no default language (xml:lang) or default-currency")
    if facts.updated and _instant(facts.updated) > now:
        found.append("last-updated-datetime is in the future")
    if not dates.get("1") and not dates.get("2"):
        found.append("no planned or actual start date")
    for kind in ("2", "4"):
        if any(day > today for day in dates.get(kind, [])):
            found.append(f"activity-date type {kind} (actual) is in the future")
    for start, end in (("1", "3"), ("2", "4")):
        for first_day in dates.get(start, []):
            if any(last < first_day for last in dates.get(end, [])):
                found.append(f"activity-date type {end} is before type {start}")
    if not facts.sectors and not facts.transaction_sector:
        found.append("no sector")
    elif facts.sectors and not _sums_to_100(facts.sectors):
        found.append("sector percentages do not sum to 100")
    if facts.shares and not _sums_to_100(facts.shares):
        found.append("recipient country percentages do not sum to 100")
    return [f"{ident}: {message}" for message in found]


def verify(data: bytes) -> None:
    """Prove a whole document valid against the official IATI 2.03 schema.

    Raises `IatiBug` with the schema's messages and their lines.
    """
    try:
        tree = etree.ElementTree(etree.fromstring(data, etree.XMLParser(huge_tree=True)))
    except etree.XMLSyntaxError as broken:
        wrong = [f"line {broken.lineno}: {broken.msg}"]
    else:
        wrong = schema_errors(tree)
    if wrong:
        raise IatiBug(
            "the IATI file does not match the IATI 2.03 schema although the data passed "
            "every check: " + "; ".join(wrong[:5])
        )


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
    planned, activities = planning(
        ctx, chosen, pipeline=pipeline, kinds=frozenset(kinds) if kinds else DEFAULT_KINDS
    )
    # With --allow-errors the rules' errors decide which projects are left out, so
    # they run first; otherwise they only decide whether to refuse, and run last,
    # while the schema checks the file's last pieces.
    placed = check_repository(repo, today) if allow_errors else None
    broken = {d.path for d in placed or () if d.severity is Severity.ERROR}
    times = _Times(repo.root, [e.path for e in chosen], moment, updated)
    refused = planned.reporting is None
    document = _Document(planned.reporting or Org(()), planned.lang, moment, today)
    with document:
        while True:
            seen = len(ctx.pending)
            piece = list(islice(activities, PIECE))
            if not piece:
                break
            wrong = {f.path for f in ctx.pending[seen:] if f.severity is Severity.ERROR}
            if wrong and not allow_errors:
                refused = True  # the file will not be written: plan on, for every finding
            if refused:
                continue
            piece = [a for a in piece if a.path not in wrong and a.path not in broken]
            document.add(piece, times.stamps(piece))
        if placed is None:
            placed = check_repository(repo, today)
        found = Findings(repo.locator, placed, ctx.pending)
        errors = found.where(lambda _path, code: CODES[code].severity is Severity.ERROR)
        if planned.reporting is None:
            if repo.config is None:
                raise IatiNotReady(
                    _(
                        "intstrat.yaml has errors, so there is no publisher to name:\n{errors}"
                    ).format(errors=errors.listing())
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
                    "Fix them ('{command}' lists all), or export the projects "
                    "without errors with --allow-errors."
                ).format(
                    count=len(errors),
                    errors=errors.listing(),
                    command="intstrat check --iati" + (" --include-pipeline" if pipeline else ""),
                )
            )
        data = document.finish()
    if path is not None:
        write_output(path, data)
    broken = errors.paths()
    unpublished = {p for p, _why in planned.unpublished}
    return IatiExport(
        path=path,
        activities=document.activities,
        findings=found.where(
            lambda where, code: CODES[code].severity is Severity.WARNING or where in broken
        ),
        unpublished=planned.unpublished,
        left_out=[e.path for e in chosen if e.path in broken and e.path not in unpublished],
    )


class _Times:
    """Each activity's last-updated-datetime as written, looked up a piece at a time.

    git is asked once, about every chosen project (`git_changes`); the files git
    does not know are looked at (their mtime) only when their piece is written.
    """

    def __init__(
        self,
        root: Path,
        paths: Sequence[str],
        ceiling: dt.datetime,
        updated: dt.datetime
        | Callable[[Sequence[str], dt.datetime], Mapping[str, dt.datetime]]
        | None,
    ) -> None:
        self.root = root
        self.paths = paths
        self.ceiling = ceiling
        self.updated = updated
        self._committed: dict[str, dt.datetime] | None = None
        self._fixed = _stamp(min(updated, ceiling)) if isinstance(updated, dt.datetime) else None

    def stamps(self, activities: Sequence[Activity]) -> list[str]:
        if self._fixed is not None:
            return [self._fixed] * len(activities)
        paths = [a.path for a in activities]
        if callable(self.updated):
            found = self.updated(paths, self.ceiling)
        else:
            if self._committed is None:
                self._committed = git_changes(self.root, self.paths)
            found = _modified(self.root, paths, self.ceiling, self._committed)
        return [_stamp(found[path]) for path in paths]
