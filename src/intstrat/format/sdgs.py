"""The UN's 17 Sustainable Development Goals: titles and official colours.

From the UN SDG communication guidelines (`data/sdgs.csv`, shipped with the package).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib.resources import files


@dataclass(frozen=True, slots=True)
class Goal:
    number: int
    title_en: str
    title_sv: str
    colour: str

    def title(self, lang: str) -> str:
        return self.title_sv if lang == "sv" else self.title_en


@cache
def goals() -> dict[int, Goal]:
    text = files("intstrat").joinpath("data/sdgs.csv").read_text(encoding="utf-8")
    return {
        int(row["goal"]): Goal(int(row["goal"]), row["title_en"], row["title_sv"], row["colour"])
        for row in csv.DictReader(io.StringIO(text))
    }
