"""Format version 1: the single definition of every record intstrat reads.

The JSON Schemas (`intstrat schema`), `fmt`'s key order and the documentation
of fields all come from these classes. Within format 1 fields may be added
(optional, with a default) but never renamed or removed: municipalities'
repositories depend on them.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import PurePosixPath
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainValidator, model_validator

from intstrat.format.values import (
    MAX_NAME_CHARS,
    Amount,
    Area,
    Country,
    Currency,
    Date,
    Email,
    Flag,
    Name,
    Period,
    Slug,
    Text,
    Url,
    invalid,
)
from intstrat.formats import Language

#: The funder id that stands for the municipality itself (its own money or staff time).
OWN_FUNDER = "own"


class Model(BaseModel):
    """Base of every part of a record: unknown keys are errors, so typos never pass.

    Validators are built on first use (`defer_build`): a warm run rebuilds records
    from the cache without validating them, so it only builds the config's.
    """

    model_config = ConfigDict(extra="forbid", defer_build=True)


Extra = Annotated[
    dict[str, Any],
    Field(description="Free-form data of your own; intstrat ignores it and never checks it."),
]


def _validate_sdg(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise invalid(
            "intstrat_type", "an SDG is a goal number from 1 to 17, got {got}", {"got": value}
        )
    if not 1 <= value <= 17:
        raise invalid(
            "intstrat_range",
            "there is no SDG {value}; the UN's global goals are numbered 1 to 17",
            {"value": value},
        )
    return value


Sdg = Annotated[
    int, PlainValidator(_validate_sdg, json_schema_input_type=Annotated[int, Field(ge=1, le=17)])
]


#: The largest count of people: more than live on Earth.
MAX_COUNT = 10_000_000_000
#: The most travellers on one trip.
MAX_TRAVELLERS = 1000
#: The longest short text that is not a name (a phone number, a place, a reference).
MAX_SHORT_CHARS = MAX_NAME_CHARS


def _validate_count(value: Any) -> int:
    if isinstance(value, float) and value != value:  # noqa: PLR0124  (NaN check)
        raise invalid(
            "intstrat_range", "'.nan' means 'not a number'; write a whole number such as 12"
        )
    if isinstance(value, bool) or not isinstance(value, int):
        raise invalid(
            "intstrat_type", "expected a whole number such as 12, got {got}", {"got": value}
        )
    if value < 0:
        raise invalid("intstrat_range", "a count cannot be negative: {value}", {"value": value})
    if value > MAX_COUNT:
        raise invalid(
            "intstrat_range",
            "{value} is more people than live on Earth; a count is at most {limit}",
            {"value": format(value, ","), "limit": format(MAX_COUNT, ",")},
        )
    return value


Count = Annotated[
    int,
    PlainValidator(
        _validate_count, json_schema_input_type=Annotated[int, Field(ge=0, le=MAX_COUNT)]
    ),
]


# ------------------------------------------------------------------ shared parts


class Contact(Model):
    """A person to ask."""

    name: str = Field(min_length=1, max_length=MAX_NAME_CHARS)
    email: Email | None = None
    phone: str | None = Field(default=None, max_length=MAX_SHORT_CHARS)
    role: Text | None = None


class Money(Model):
    value: Amount = Field(description="The amount, as a plain number without spaces: 900000.")
    currency: Currency = Field(description="ISO 4217 code: SEK, EUR, ...")


class Link(Model):
    title: Name
    url: Url


class DataLicence(Model):
    """The terms on which others may reuse the data, as the site states them."""

    name: str = Field(
        min_length=1,
        max_length=MAX_NAME_CHARS,
        description="The licence's name as people know it: CC0 1.0, CC BY 4.0.",
    )
    url: Url | None = Field(default=None, description="Where the licence's text is.")


class Quote(Model):
    text: Text
    name: str = Field(min_length=1, max_length=MAX_NAME_CHARS)
    role: Text | None = None


def _validate_image(value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise invalid("intstrat_type", "an image is a file path such as images/logo.png")
    path = PurePosixPath(value)
    if path.is_absolute() or ".." in path.parts or "\\" in value:
        raise invalid(
            "intstrat_value",
            "'{value}' must be a path inside the repository, such as images/mis-2.jpg",
            {"value": value},
        )
    if path.suffix.lower() not in IMAGE_SUFFIXES:
        raise invalid(
            "intstrat_value",
            "'{value}' is not an image; use .jpg, .jpeg, .png, .svg or .webp",
            {"value": value},
        )
    return value


IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".svg", ".webp")
Image = Annotated[
    str,
    PlainValidator(
        _validate_image,
        json_schema_input_type=Annotated[
            str,
            Field(
                pattern=r"^(?!/)(?!.*\.\.)[^\\]+\.(jpg|jpeg|png|svg|webp|JPG|JPEG|PNG|SVG|WEBP)$"
            ),
        ],
    ),
    Field(description="An image file inside the repository, e.g. images/mis-2.jpg."),
]


# ------------------------------------------------------------------ intstrat.yaml


class UnitType(StrEnum):
    DEPARTMENT = "department"
    COMPANY = "company"


class Organisation(Model):
    name: Name
    country: Country = "SE"
    website: Url | None = None
    email: Email | None = None
    phone: str | None = Field(default=None, max_length=MAX_SHORT_CHARS)
    address: Text | None = None
    org_number: str | None = Field(
        default=None,
        pattern=r"^\d{6}-\d{4}$",
        description="Swedish organisation number (organisationsnummer), 212000-0688; the "
        "IATI export identifies the organisation by it (SE-ON-2120000688).",
    )
    population: Count | None = Field(
        default=None,
        description="Residents (invånare), for the follow-up's figures per resident: "
        "97000. Leave out and no figure per resident is given.",
    )


#: An IATI organisation identifier: a registration agency prefix, a hyphen and the
#: organisation's number there (SE-ON-2021004748, XM-DAC-41114, SE-0). IATI's rules
#: forbid whitespace and the characters / & | ? in it.
IATI_ORG_REF_PATTERN = r"^[A-Za-z0-9]+-[^\s/&|?]+$"
IatiOrgRef = Annotated[
    str,
    Field(
        pattern=IATI_ORG_REF_PATTERN,
        description="The organisation's IATI identifier, e.g. SE-ON-2021004748 or "
        "XM-DAC-41114; used by the IATI export.",
    ),
]
DacSector = Annotated[
    int,
    Field(
        ge=10000,
        le=99999,
        strict=True,
        description="OECD DAC 5-digit purpose code for the IATI export, e.g. 15112 "
        "(decentralisation and support to subnational government).",
    ),
]


class Unit(Model):
    """A department (förvaltning) or municipal company (bolag)."""

    id: Slug
    name: Name
    type: UnitType = UnitType.DEPARTMENT
    contact: Contact | None = Field(
        default=None,
        description="The unit's international contact person (internationell kontaktperson).",
    )


class Funder(Model):
    id: Slug
    name: Name
    eu: Flag = Field(
        default=False,
        description="True for EU programmes: their projects are reported as EU projects.",
    )
    website: Url | None = None
    iati_ref: IatiOrgRef | None = None


class Term(Model):
    """A theme, a form of international work or a strategic goal."""

    id: Slug
    name: Name
    description: Text | None = None


class Theme(Term):
    """A theme; with a DAC sector, projects on it are published to IATI under that sector."""

    dac_sector: DacSector | None = None


class TravelPolicy(Model):
    """What the strategy says about travel; the report and the checks say no more than this."""

    minimise: Flag = Field(default=False, description="Travel is to be kept to a minimum.")
    compensate_flights: Flag = Field(
        default=False,
        description="Flights are to be climate-compensated; a flight without compensation "
        "gets warning R010.",
    )


class Strategy(Model):
    """The governing document of the international work (strategy, policy, plan).

    Whatever a report says the strategy demands, and every check that cites it,
    comes from here: a repository without this section is held to nothing.
    """

    name: Name = Field(description="Its title: 'Internationell strategi för Växjö kommun'.")
    adopted: Date | None = Field(default=None, description="When it was adopted: 2013-10-15.")
    period: Period | None = Field(
        default=None, description="The years it covers, if it says: {start: 2024, end: 2027}."
    )
    url: Url | None = None
    travel: TravelPolicy | None = Field(
        default=None, description="Its travel rules; leave out if it has none."
    )
    contact_per_unit: Flag = Field(
        default=False,
        description="Every department and company is to name an international contact "
        "person; a unit without one gets warning R009.",
    )
    reporting: Text | None = Field(
        default=None,
        description="What it says the yearly reporting must contain, quoted in the report.",
    )


class BrochureSettings(Model):
    """The partnership brochure's cover (`intstrat brochure`); --title overrides the title."""

    title: Name | None = Field(
        default=None,
        description="The cover title: 'Stärkt kompetens, nya arbetsmetoder, hållbara resultat'.",
    )
    subtitle: Name | None = Field(
        default=None, description="A line under it: 'Växjö kommuns internationella partnerskap'."
    )
    cover_image: Image | None = Field(
        default=None, description="A photo for the cover, a file inside the repository."
    )


class Config(Model):
    """intstrat.yaml: who the organisation is and the vocabulary its records use."""

    format: Literal[1] = Field(
        description="Version of the data format. intstrat refuses formats it does not know."
    )
    organisation: Organisation
    language: Language = Field(default="sv", description="Default language of documents: sv or en.")
    vision: Text | None = None
    units: list[Unit] = Field(default_factory=list)
    funders: list[Funder] = Field(default_factory=list)
    themes: list[Theme] = Field(default_factory=list)
    forms: list[Term] = Field(
        default_factory=list,
        description="Forms of international work: external funding, skills development, ...",
    )
    goals: list[Term] = Field(
        default_factory=list, description="The organisation's own strategic areas."
    )
    introduction: Text | None = Field(
        default=None, description="About the international engagement, for the brochure."
    )
    quote: Quote | None = Field(
        default=None, description="A quote for the brochure's cover, e.g. from the chair."
    )
    links: list[Link] = Field(default_factory=list, description="Links for the back page.")
    brochure: BrochureSettings | None = Field(
        default=None, description="The partnership brochure's cover: title, subtitle, image."
    )
    strategy: Strategy | None = Field(
        default=None,
        description="The strategy or policy the work follows: its name, travel rules and "
        "what it asks of the units. Without it, reports cite no strategy and R009/R010 are off.",
    )
    data_licence: DataLicence | None = Field(
        default=None,
        description="The licence under which others may reuse the data (the records and the "
        "lists the site offers for download), e.g. {name: CC BY 4.0, url: "
        "https://creativecommons.org/licenses/by/4.0/}. Not the software's licence (the "
        "LICENSE file). Without it the site says that no licence is given.",
    )
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
    name: Name
    type: PartnerType
    country: Country = Field(description="ISO 3166-1 alpha-2 code; XK for Kosovo.")
    area_km2: Area | None = None
    population: Count | None = None
    website: Url | None = None
    since: Date | None = Field(default=None, description="When the partnership began.")
    until: Date | None = Field(
        default=None, description="When the partnership ended; leave out while it lasts."
    )
    funders: list[Slug] = Field(default_factory=list)
    description: Text | None = None
    contact: Contact | None = None
    image: Image | None = None
    iati_ref: IatiOrgRef | None = None
    extra: Extra = Field(default_factory=dict)


# ------------------------------------------------------------------ projects


class Kind(StrEnum):
    PROJECT = "project"
    PRESTUDY = "prestudy"
    NETWORK = "network"
    ACTIVITY = "activity"  # a conference, study visit, training or other single activity


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
    reference: str | None = Field(
        default=None,
        max_length=MAX_SHORT_CHARS,
        description="The funder's case or application number.",
    )


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


class ReachUnit(StrEnum):
    """What a reach figure counts; only figures of the same unit are added together."""

    PEOPLE = "people"
    HOUSEHOLDS = "households"
    ORGANISATIONS = "organisations"
    PLACES = "places"


class Reach(Model):
    """Who took part, counted.

    A yearly summary adds a figure to its total only when the figure says what it
    counts (`unit`) and that it belongs to that year (`year`, or a `period` inside
    the year); any other figure is shown with its project, never summed.
    """

    count: Count
    who: Text
    unit: ReachUnit | None = Field(
        default=None,
        description="What is counted: people, households, organisations or places.",
    )
    year: Annotated[int, Field(ge=1900, le=2100, strict=True)] | None = Field(
        default=None, description="The year the figure is for: 2023."
    )
    period: Period | None = Field(
        default=None,
        description="The period the figure is for, when it spans more than a year: "
        "{start: 2022-09, end: 2024-08}. Give year or period, not both.",
    )

    @model_validator(mode="after")
    def _one_time_frame(self) -> Reach:
        if self.year is not None and self.period is not None:
            raise invalid(
                "intstrat_value",
                "give either year (one year) or period (several), not both",
            )
        return self


class Result(Model):
    """A result of the work, dated so it lands in the right year's summary."""

    id: Slug
    title: Name
    date: Date
    implemented: Flag = Field(
        default=False, description="True once it is part of the organisation's ordinary work."
    )
    description: Text | None = None


class Trip(Model):
    """A trip, to follow up travel and climate compensation against the strategy's rules."""

    date: Date
    destination: Country
    place: str | None = Field(default=None, max_length=MAX_SHORT_CHARS)
    travellers: Annotated[int, Field(ge=1, le=MAX_TRAVELLERS, strict=True)] = 1
    flight: Flag = False
    compensated: Flag = Field(
        default=False, description="True when the flight's emissions were climate-compensated."
    )
    purpose: Text | None = None


class Project(Model):
    """A project, pre-study, network membership or activity: data/projects/<id>.yaml."""

    id: Slug = Field(description="Lowercase slug, equal to the file name without .yaml.")
    title: Name = Field(description="The name, as text or {sv: ..., en: ...}.")
    kind: Kind = Field(
        default=Kind.PROJECT,
        description="project, prestudy, network (a membership) or activity (a conference, "
        "study visit, training ...).",
    )
    status: Status = Field(
        description="idea, applied, rejected, planned, ongoing, completed or cancelled."
    )
    owner: Slug = Field(
        description="The unit (department or company) that owns it: a unit id from intstrat.yaml."
    )
    partners: list[Slug] = Field(
        default_factory=list, description="Partner ids: files in data/partners/."
    )
    period: Period | None = Field(
        default=None, description="When it ran: {start: 2018, end: 2021}; no end while it runs."
    )
    application: Application | None = Field(
        default=None, description="The application for money, if one was made."
    )
    funding: list[Funding] = Field(
        default_factory=list, description="Where the money came from; 'own' is the organisation."
    )
    sdgs: list[Sdg] = Field(default_factory=list, description="UN Agenda 2030 goals, 1 to 17.")
    themes: list[Slug] = Field(default_factory=list)
    forms: list[Slug] = Field(default_factory=list)
    goals: list[Slug] = Field(default_factory=list)
    summary: Text | None = Field(default=None, description="A few sentences; Markdown allowed.")
    purpose: Text | None = Field(default=None, description="Purpose and results; Markdown allowed.")
    reach: list[Reach] = Field(default_factory=list, description="Who took part, counted.")
    results: list[Result] = Field(
        default_factory=list, description="What the work gave, each with a date."
    )
    quotes: list[Quote] = Field(default_factory=list)
    contact: Contact | None = Field(default=None, description="Who to ask about it.")
    links: list[Link] = Field(default_factory=list)
    travel: list[Trip] = Field(
        default_factory=list, description="Trips, to follow up travel and climate compensation."
    )
    featured: Flag = Field(default=False, description="Use as a project example in brochures.")
    image: Image | None = None
    extra: Extra = Field(default_factory=dict)
