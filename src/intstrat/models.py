"""Format version 1: the single definition of every record intstrat reads.

The JSON Schemas (`intstrat schema`), `fmt`'s key order and the documentation
of fields all come from these classes. Within format 1 fields may be added
(optional, with a default) but never renamed or removed: municipalities'
repositories depend on them.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainValidator
from pydantic_core import PydanticCustomError

from intstrat.values import (
    Amount,
    Country,
    Currency,
    Date,
    Email,
    Flag,
    Language,
    Period,
    Slug,
    Text,
    Url,
)

FORMAT_VERSION = 1
#: The funder id that stands for the municipality itself (its own money or staff time).
OWN_FUNDER = "own"


class Model(BaseModel):
    """Base of every part of a record: unknown keys are errors, so typos never pass."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)


Extra = Annotated[
    dict[str, Any],
    Field(description="Free-form data of your own; intstrat ignores it and never checks it."),
]


def _validate_sdg(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise PydanticCustomError(
            "intstrat_type", "an SDG is a goal number from 1 to 17, got {value!r}", {"value": value}
        )
    if not 1 <= value <= 17:
        raise PydanticCustomError(
            "intstrat_range",
            "there is no SDG {value}; the UN's global goals are numbered 1 to 17",
            {"value": value},
        )
    return value


Sdg = Annotated[
    int, PlainValidator(_validate_sdg, json_schema_input_type=Annotated[int, Field(ge=1, le=17)])
]


def _validate_count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise PydanticCustomError(
            "intstrat_type", "expected a whole number such as 12, got {value!r}", {"value": value}
        )
    if value < 0:
        raise PydanticCustomError(
            "intstrat_range", "a count cannot be negative: {value}", {"value": value}
        )
    return value


Count = Annotated[
    int, PlainValidator(_validate_count, json_schema_input_type=Annotated[int, Field(ge=0)])
]


# ------------------------------------------------------------------ shared parts


class Contact(Model):
    """A person to ask."""

    name: str = Field(min_length=1)
    email: Email | None = None
    phone: str | None = None
    role: Text | None = None


class Money(Model):
    value: Amount
    """The amount, as a plain number without spaces: 900000."""
    currency: Currency
    """ISO 4217 code: SEK, EUR, ..."""


class Link(Model):
    title: Text
    url: Url


# ------------------------------------------------------------------ intstrat.yaml


class UnitType(StrEnum):
    DEPARTMENT = "department"
    COMPANY = "company"


class Organisation(Model):
    name: Text
    country: Country = "SE"
    website: Url | None = None
    email: Email | None = None
    phone: str | None = None
    address: Text | None = None
    org_number: str | None = Field(default=None, pattern=r"^\d{6}-\d{4}$")
    """Swedish organisation number (organisationsnummer), 212000-0689."""


class Unit(Model):
    """A department (förvaltning) or municipal company (bolag)."""

    id: Slug
    name: Text
    type: UnitType = UnitType.DEPARTMENT
    contact: Contact | None = None
    """The unit's international contact person (internationell kontaktperson)."""


class Funder(Model):
    id: Slug
    name: Text
    eu: Flag = False
    """True for EU programmes: their projects are reported as EU projects."""
    website: Url | None = None


class Term(Model):
    """A theme, a form of international work or a strategic goal."""

    id: Slug
    name: Text
    description: Text | None = None


class Config(Model):
    """intstrat.yaml: who the organisation is and the vocabulary its records use."""

    format: Literal[1]
    """Version of the data format. intstrat refuses formats it does not know."""
    organisation: Organisation
    language: Language = "sv"
    """Default language of documents: sv or en."""
    vision: Text | None = None
    units: list[Unit] = Field(default_factory=list)
    funders: list[Funder] = Field(default_factory=list)
    themes: list[Term] = Field(default_factory=list)
    forms: list[Term] = Field(default_factory=list)
    """Forms of international work, e.g. external funding, skills development, cooperation."""
    goals: list[Term] = Field(default_factory=list)
    """The organisation's own strategic areas."""
    extra: Extra = Field(default_factory=dict)


# ------------------------------------------------------------------ partners


class PartnerType(StrEnum):
    MUNICIPALITY = "municipality"
    REGION = "region"
    UNIVERSITY = "university"
    ORGANISATION = "organisation"
    NETWORK = "network"
    COMPANY = "company"


class Partner(Model):
    """A partner organisation: data/partners/<id>.yaml."""

    id: Slug
    name: Text
    type: PartnerType
    country: Country
    """ISO 3166-1 alpha-2 code; XK for Kosovo."""
    area_km2: Amount | None = None
    population: Count | None = None
    website: Url | None = None
    since: Date | None = None
    """When the partnership began."""
    until: Date | None = None
    """When the partnership ended; leave out while it lasts."""
    funders: list[Slug] = Field(default_factory=list)
    description: Text | None = None
    contact: Contact | None = None
    extra: Extra = Field(default_factory=dict)


# ------------------------------------------------------------------ projects


class Kind(StrEnum):
    PROJECT = "project"
    PRESTUDY = "prestudy"
    NETWORK = "network"
    ACTIVITY = "activity"
    """A conference, study visit, training or other single activity."""


class Status(StrEnum):
    IDEA = "idea"
    APPLIED = "applied"
    REJECTED = "rejected"
    PLANNED = "planned"
    ONGOING = "ongoing"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


#: Statuses of work that actually ran (and so belongs in a year's summary).
RAN = frozenset({Status.ONGOING, Status.COMPLETED})


class Outcome(StrEnum):
    PENDING = "pending"
    GRANTED = "granted"
    REJECTED = "rejected"


class Application(Model):
    """An application for money."""

    funder: Slug
    submitted: Date
    amount: Money | None = None
    decided: Date | None = None
    outcome: Outcome = Outcome.PENDING
    reference: str | None = None
    """The funder's case or application number."""


class FundingKind(StrEnum):
    GRANT = "grant"
    STAFF_TIME = "staff-time"
    CASH = "cash"
    IN_KIND = "in-kind"


class Funding(Model):
    """Where the money came from; `funder: own` is the organisation itself."""

    funder: Slug
    amount: Money | None = None
    kind: FundingKind | None = None


class Reach(Model):
    """Who took part, counted."""

    count: Count
    who: Text


class Result(Model):
    """A result of the work, dated so it lands in the right year's summary."""

    id: Slug
    title: Text
    date: Date
    implemented: Flag = False
    """True once it is part of the organisation's ordinary work."""
    description: Text | None = None


class Quote(Model):
    text: Text
    name: str = Field(min_length=1)
    role: Text | None = None


class Trip(Model):
    """A trip: the strategy says minimise travel and climate-compensate flights."""

    date: Date
    destination: Country
    place: str | None = None
    travellers: Annotated[int, Field(ge=1, strict=True)] = 1
    flight: Flag = False
    compensated: Flag = False
    """True when the flight's emissions were climate-compensated."""
    purpose: Text | None = None


class Project(Model):
    """A project, pre-study, network membership or activity: data/projects/<id>.yaml."""

    id: Slug
    title: Text
    kind: Kind = Kind.PROJECT
    status: Status
    owner: Slug
    """The unit (department or company) that owns it: a unit id from intstrat.yaml."""
    partners: list[Slug] = Field(default_factory=list)
    period: Period | None = None
    application: Application | None = None
    funding: list[Funding] = Field(default_factory=list)
    sdgs: list[Sdg] = Field(default_factory=list)
    """UN Agenda 2030 goals, 1 to 17."""
    themes: list[Slug] = Field(default_factory=list)
    forms: list[Slug] = Field(default_factory=list)
    goals: list[Slug] = Field(default_factory=list)
    summary: Text | None = None
    purpose: Text | None = None
    reach: list[Reach] = Field(default_factory=list)
    results: list[Result] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    contact: Contact | None = None
    links: list[Link] = Field(default_factory=list)
    travel: list[Trip] = Field(default_factory=list)
    featured: Flag = False
    """Use as a project example in brochures."""
    extra: Extra = Field(default_factory=dict)
