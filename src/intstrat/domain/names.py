"""How ids become the names people read: units, funders, partners, goals, people.

Shared by the report, `show`, the brochure and `stats`, so a unit, funder,
partner or funding line reads the same in every output.
"""

from __future__ import annotations

from dataclasses import dataclass

from intstrat.domain import annual
from intstrat.format.models import OWN_FUNDER, Application, Funding, FundingKind, Outcome
from intstrat.format.sdgs import goals
from intstrat.i18n import Words
from intstrat.loading.repository import Repository


@dataclass(frozen=True)
class Person:
    name: str
    email: str
    role: str


@dataclass(frozen=True)
class PartnerRef:
    id: str
    name: str
    country: str
    country_code: str

    @property
    def label(self) -> str:
        """`JB Marks Local Municipality (Sydafrika)`; `Union of the Baltic Cities (UBC, Polen)`:
        a name that ends in brackets already takes the country inside them."""
        if not self.country:
            return self.name
        if self.name.endswith(")") and "(" in self.name:
            return f"{self.name[:-1]}, {self.country})"
        return f"{self.name} ({self.country})"


@dataclass(frozen=True)
class Goal:
    number: int
    title: str
    colour: str
    count: int = 0


def decision_text(application: Application, words: Words) -> str:
    """ "beviljad 2024"; "väntar på beslut"; "beviljad (beslutsdatum saknas)".

    An outcome labelled by the year of its decision (`annual.decision_year`), as the
    annual summary and the follow-up both show it.
    """
    outcome = words(f"outcome_{application.outcome}")
    if application.outcome == Outcome.PENDING:
        return outcome
    if not annual.decision_dated(application):
        return words("decision_undated", outcome=outcome)
    return words("decision_label", year=annual.decision_year(application), outcome=outcome)


def reach_total(words: Words, unit: str, total: float) -> str:
    """`8 personer`, `1 plats`: a reach total with what it counts."""
    key = f"reach_total_{unit}" + ("_one" if total == 1 else "")
    return words(key, n=words.number(total))


def sdg_goals(numbers: list[int], words: Words) -> list[Goal]:
    """The goals of `numbers`, each once, in goal order, named in the words' language."""
    table = goals()
    return [Goal(n, table[n].title(words.lang), table[n].colour) for n in sorted(set(numbers))]


class Names:
    """Ids of a repository turned into the names people read, in one language.

    Shared by the report, `show` and the brochure, so a unit, funder, partner or
    funding line reads the same everywhere.
    """

    def __init__(self, repo: Repository, words: Words) -> None:
        self.repo, self.words = repo, words
        config = repo.config
        self.funders = {f.id: f for f in config.funders} if config else {}
        self.units = {u.id: u for u in config.units} if config else {}

    def unit_name(self, unit_id: str) -> str:
        unit = self.units.get(unit_id)
        return self.words.text(unit.name) if unit else unit_id

    def funder_name(self, funder_id: str) -> str:
        funder = self.funders.get(funder_id)
        return self.words.text(funder.name) if funder else funder_id

    def partner_ref(self, partner_id: str) -> PartnerRef:
        partner = self.repo.partners.get(partner_id)
        if partner is None:
            return PartnerRef(partner_id, partner_id, "", "")
        return PartnerRef(
            partner_id,
            self.words.text(partner.name),
            self.words.country(partner.country),
            partner.country,
        )

    def funding_text(self, funding: Funding) -> str:
        """`Erasmus+ 250 000 €`, `egen personaltid`."""
        w = self.words
        if funding.funder == OWN_FUNDER:
            name = w("staff_time") if funding.kind is FundingKind.STAFF_TIME else w("own")
        else:
            name = self.funder_name(funding.funder)
        if funding.amount is not None:
            return f"{name} {w.money(funding.amount.value, funding.amount.currency)}"
        return name
