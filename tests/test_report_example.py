"""The example data (Växjö) of this repository: every key figure of 2023 by hand, and
the audit trail that says where each comes from."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from intstrat.cli import app
from intstrat.documents.render import render_text
from intstrat.documents.report import Figure, Report, build_report
from intstrat.formats import DocumentFormat as Format
from intstrat.loading.repository import load_repository

ROOT = Path(__file__).resolve().parent.parent
NBSP = "\xa0"
runner = CliRunner()


@pytest.fixture(scope="module")
def report() -> Report:
    return build_report(load_repository(ROOT), 2023, today=dt.date(2024, 3, 1))


def figures(report: Report) -> dict[str, Figure]:
    return {f.key: f for f in report.key_figures}


def test_every_key_figure_of_2023_by_hand(report: Report) -> None:
    f = figures(report)
    # Ran in 2023: daglig-verksamhet, extratjanst-team, green-skills, kontaktcenter,
    # lokala-energigemenskaper (projects), forstudie-vatten (pre-study),
    # studiebesok-vushtrri-2023 (activity), ubc (network). Finished in 2023:
    # extratjanst-team (2023-06), forstudie-vatten (2023-11), kontaktcenter (2023-10),
    # lokala-energigemenskaper (2023-06), studiebesok (2023-05).
    assert (f["projects"].value, f["projects"].details) == (
        "8",
        [
            "5 projekt",
            "1 förstudie",
            "1 nätverk",
            "1 aktivitet",
            "varav 5 avslutades under året",
        ],
    )
    # vushtrri, jb-marks, tartu, klaipeda, gdynia, bornholm, ubc; in XK, ZA, EE, LT,
    # PL (gdynia and ubc), DK.
    assert (f["partners"].value, f["countries"].value) == ("7", "6")
    # omsorg, arbete-och-valfard, samhallsbyggnad, utbildning, kommunledning, veab.
    assert f["units"].value == "6"
    # Submitted in 2023: vagar-till-arbete (rejected 2023-06-14), mis-3 (granted
    # 2024-01-18), digital-omsorg (granted 2024-03-20). Before: "3 (beviljad: 2,
    # avslag: 1)", as if both grants were 2023 decisions.
    assert (f["applications"].value, f["applications"].details) == (
        "3",
        ["1 avslogs 2023", "2 beviljades 2024"],
    )
    # Decided in 2023: forstudie-vatten (submitted 2022-10-01, granted 2023-01-20) and
    # vagar-till-arbete (rejected 2023-06-14).
    assert (f["decisions"].value, f["decisions"].details) == ("2", ["1 beviljades", "1 avslogs"])
    # forstudie-vatten's 150 000 SEK is the only grant decided in 2023.
    assert f["granted"].values == [f"150{NBSP}000{NBSP}kr"]
    # Reach: only the study visit's 8 people (year: 2023) belong to 2023 alone. Before:
    # 315 = 40 + 60 + 24 + 180 + 3 + 8, adding 3 pilot areas to people and the full
    # multi-year counts of four projects. Those are named beside it, people apart from
    # places: 40 (daglig-verksamhet, 2022-2024) + 60 (extratjanst-team, 2021-02..2023-06)
    # + 24 + 180 (green-skills, 2022-09..2024-08) = 304; 3 pilot areas (2021-04..2023-06).
    assert f["reach"].values == ["8 personer"]
    assert f["reach"].details == [
        "därtill 304 personer och 3 platser i uppgifter som gäller flera år, däribland 2023"
    ]
    # Dated 2023: praktikmodell (daglig-verksamhet), multikompetent-team, kartlaggning,
    # servicestandard, modell-energigemenskaper; implemented: the team, the service
    # standard and the energy community model.
    assert (f["results"].value, f["results"].details) == ("5", ["varav 3 implementerade"])
    # SDGs: 8, 10 | 8 | 6, 11 | 4, 13 | 16 | 7, 11, 13 | 11, 17 -> 4, 6, 7, 8, 10, 11, 13,
    # 16, 17.
    assert f["sdgs"].value == "9 / 17"
    # Trips dated 2023: 2023-03 ZA, 2023-05 LT (twice), 2023-06 ZA, 2023-09 XK.
    assert f["trips"].value == "5"


def test_reach_of_2022_counts_only_the_2022_training(report: Report) -> None:
    f = figures(build_report(load_repository(ROOT), 2022, today=dt.date(2024, 3, 1)))
    # utbildning-eu-ansokningar-2022: 14 contact persons, year 2022. Every other figure
    # of 2022's work is for a longer period or (mis-2) says no unit.
    assert f["reach"].values == ["14 personer"]


def test_the_policy_text_comes_from_intstrat_yaml(report: Report) -> None:
    assert report.strategy is not None
    assert report.strategy.intro == (
        "Sammanställningen följer Internationell strategi för Växjö kommun, "
        "antagen 15 oktober 2013."
    )
    assert report.travel.intro == (
        "Enligt Internationell strategi för Växjö kommun ska resor minimeras och "
        "flygresor klimatkompenseras."
    )
    assert report.units_intro.startswith("Enligt Internationell strategi för Växjö kommun")


def test_explanation_sources_match_the_documents_sections(report: Report) -> None:
    """The audit trail and the sections are computed separately; they must agree."""
    f = figures(report)
    shown = report.eu_projects + report.other_projects + report.other_work
    assert {s.key for s in f["projects"].sources} == {p.id for p in shown}
    assert {s.key for s in f["partners"].sources if s.counted} == {p.id for p in report.partners}
    assert sorted(s.key for s in f["applications"].sources) == sorted(
        a.project_id for a in report.applications
    )
    assert {s.key for s in f["decisions"].sources} == {
        a.project_id for a in report.earlier_decisions
    } | {a.project_id for a in report.applications if a.decision_year == 2023}
    assert len(f["results"].sources) == len(report.results)
    assert len(f["trips"].sources) == len(report.travel.trips)
    counted = [(s.path, s.amount) for s in f["reach"].sources if s.counted]
    assert counted == [("data/projects/studiebesok-vushtrri-2023.yaml", 8)]
    in_table = [(p.id, r.count) for p in report.reach for r in p.reach if r.counted]
    assert in_table == [("studiebesok-vushtrri-2023", 8)]


def test_explain_says_where_each_figure_comes_from() -> None:
    result = runner.invoke(app, ["report", "2023", "--explain", "--repo", str(ROOT)])
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.startswith("Nyckeltal 2023 – varifrån siffrorna kommer\n")
    block = re.search(
        r"^Deltagare och målgrupper under året: 8 personer\n(.*?)\n\n", text, re.M | re.S
    )
    assert block is not None
    lines = block.group(1).splitlines()
    assert re.fullmatch(
        r"\s+1\. data/projects/studiebesok-vushtrri-2023\.yaml:16\s+Studiebesök från Vushtrri "
        r"om medborgardialog – 8 förtroendevalda och tjänstepersoner från Vushtrri, 2023",
        lines[2],
    )
    assert "  Räknas inte:" in lines
    assert any(
        "data/projects/lokala-energigemenskaper.yaml:31" in line
        and "3 pilotområden i Växjö, april\xa02021\xa0– juni\xa02023: avser flera år" in line
        for line in lines
    )
    granted = re.search(r"^Beviljad extern finansiering.*?\n\n", text, re.M | re.S)
    assert granted is not None
    assert "data/projects/forstudie-vatten.yaml:15" in granted.group(0)
    # "Where does 7 come from?": seven numbered partners.
    partners = re.search(r"^Partner: 7\n(.*?)\n\n", text, re.M | re.S)
    assert partners is not None
    assert re.findall(r"^\s+(\d+)\. ", partners.group(1), re.M) == [str(n) for n in range(1, 8)]


def test_explain_as_json_carries_every_figure_and_line() -> None:
    result = runner.invoke(app, ["report", "2023", "--explain", "--json", "--repo", str(ROOT)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    by_key = {f["key"]: f for f in data["figures"]}
    assert list(by_key) == [
        "projects", "partners", "countries", "units", "applications", "decisions",
        "granted", "reach", "results", "sdgs", "trips",
    ]  # fmt: skip
    decisions = by_key["decisions"]["sources"]
    assert [(s["path"], s["line"], s["key"]) for s in decisions] == [
        ("data/projects/forstudie-vatten.yaml", 16, "forstudie-vatten"),
        ("data/projects/vagar-till-arbete.yaml", 14, "vagar-till-arbete"),
    ]
    assert by_key["granted"]["sources"][0]["amount"] == 150000
    assert by_key["granted"]["sources"][0]["measure"] == "SEK"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--json"], "--json goes with --explain"),
        (["--explain", "--format", "pdf"], "--explain prints text"),
        # A file named for a document would hold text no PDF reader or Word opens.
        (["--explain", "-o", "{tmp}/r.pdf"], "--explain writes text, not a document: name "
         "the file .txt (e.g. -o {tmp}/r.txt), or leave out --explain"),
        (["--explain", "--json", "-o", "{tmp}/r.docx"], "--explain writes JSON, not a "
         "document: name the file .json (e.g. -o {tmp}/r.json)"),
    ],
)  # fmt: skip
def test_explain_misuse_is_a_usage_error(args: list[str], message: str, tmp_path: Path) -> None:
    given = [a.format(tmp=tmp_path) for a in args]
    result = runner.invoke(app, ["report", "2023", *given, "--repo", str(ROOT)])
    assert result.exit_code == 2
    assert message.format(tmp=tmp_path) in " ".join(result.stderr.split())
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("name", "start"), [("r.txt", "Nyckeltal 2023"), ("r.json", "{")])
def test_explain_writes_to_a_text_or_json_file(tmp_path: Path, name: str, start: str) -> None:
    given = ["--json"] if name.endswith(".json") else []
    out = tmp_path / name
    result = runner.invoke(app, ["report", "2023", "--explain", *given, "-o", str(out),
                                 "--repo", str(ROOT)])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith(start)


def test_the_rendered_report_shows_decision_years_and_no_zero_without_currency(
    report: Report,
) -> None:
    md = render_text(report, Format.MD, ROOT)
    assert "| 1 oktober 2023 | beviljad 18 januari 2024 |" in md
    assert "### Beslut under året om ansökningar från tidigare år" in md
    assert "- **Deltagare och målgrupper under året:** 8 personer (därtill 304 personer" in md
    assert "- **Inlämnade ansökningar:** 3 (1 avslogs 2023; 2 beviljades 2024)" in md
    assert "### Växjöbostäder AB\n\n**Kontaktperson saknas**" in md
