"""Layer 3: repository rules, each pinned to its code, file and line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from intstrat.checks.run import check
from intstrat.errors import UsageError
from tests.helpers import CONFIG, PARTNER, build_repo, project

P = "data/projects/sekos-2.yaml"


def findings(root: Path, today: dt.date | None = None) -> list[tuple[str, str, int, int]]:
    return [(d.code, d.path, d.line, d.column) for d in check(root, today=today).diagnostics]


def messages(root: Path) -> list[str]:
    return [d.message for d in check(root).diagnostics]


def test_r001_id_must_equal_file_name(tmp_path: Path) -> None:
    root = build_repo(tmp_path, {P: project(id="sekos2")})
    assert findings(root) == [("R001", P, 1, 5)]
    assert "differs from the file name 'sekos-2.yaml'" in messages(root)[0]


@pytest.mark.parametrize(
    ("name", "advice"),
    [
        ("sekos-3", "make them equal (id: sekos-3, or rename the file to sekos-2.yaml)"),
        ("Sekos 2", "rename the file to sekos-2.yaml (a file name is an id: a-z, 0-9 and -)"),
        ("sekos_2", "rename the file to sekos-2.yaml (a file name is an id: a-z, 0-9 and -)"),
    ],
)
def test_r001_suggests_only_valid_ids(tmp_path: Path, name: str, advice: str) -> None:
    root = build_repo(tmp_path, {P: "", f"data/projects/{name}.yaml": project()})
    [message] = messages(root)
    assert message == f"id 'sekos-2' differs from the file name '{name}.yaml'; {advice}"


def test_r002_duplicate_project_ids(tmp_path: Path) -> None:
    root = build_repo(tmp_path, {"data/projects/copy.yaml": project()})
    assert findings(root) == [
        ("R001", "data/projects/copy.yaml", 1, 5),
        ("R002", P, 1, 5),
    ]
    assert "also used by data/projects/copy.yaml" in messages(root)[1]


def test_r002_duplicate_ids_in_config_lists(tmp_path: Path) -> None:
    config = CONFIG.replace("  - {id: erasmus-plus,", "  - {id: icld,")
    root = build_repo(tmp_path, {"intstrat.yaml": config})
    assert findings(root) == [("R002", "intstrat.yaml", 12, 10)]
    assert messages(root) == [
        "the funder id 'icld' is used twice (also on line 11); ids must be unique"
    ]


def test_declaring_the_own_funder_is_accepted(tmp_path: Path) -> None:
    config = CONFIG.replace(
        "  - {id: erasmus-plus,", "  - {id: own, name: Egen finansiering, eu: false}\n  - {id: x,"
    )
    text = project(funding="[{funder: own, kind: staff-time}]")
    root = build_repo(tmp_path, {"intstrat.yaml": config, P: text})
    assert findings(root) == []


def test_r002_own_funder_cannot_be_eu(tmp_path: Path) -> None:
    config = CONFIG.replace("  - {id: erasmus-plus,", "  - {id: own,")
    root = build_repo(tmp_path, {"intstrat.yaml": config})
    assert findings(root) == [("R002", "intstrat.yaml", 12, 35)]
    assert messages(root) == [
        "funder 'own' is the organisation's own contribution and cannot be an EU programme; "
        "remove 'eu: true', or give the EU programme another id (such as 'erasmus-plus')"
    ]


def test_r002_duplicate_result_ids(tmp_path: Path) -> None:
    text = project() + (
        "results:\n  - {id: r, title: A, date: 2020}\n  - {id: r, title: B, date: 2021}\n"
    )
    root = build_repo(tmp_path, {P: text})
    assert findings(root) == [("R002", P, 9, 10)]


@pytest.mark.parametrize(
    ("change", "line", "column", "message"),
    [
        ({"partners": "[vushtri]"}, 5, 12, "unknown partner 'vushtri'; did you mean 'vushtrri'?"),
        (
            {"partners": "[vushtrri, lund]"},
            5,
            22,
            "unknown partner 'lund'; add data/partners/lund.yaml or correct the id",
        ),
        ({"owner": "utbilding"}, 4, 8, "unknown unit 'utbilding'; did you mean 'utbildning'?"),
        ({"themes": "[socialt]"}, 7, 10, "unknown theme 'socialt'; did you mean 'socialt-arbete'?"),
        ({"forms": "[samarbet]"}, 7, 9, "unknown form 'samarbet'; did you mean 'samarbete'?"),
        ({"goals": "[tillvaxt]"}, 7, 9, "unknown strategic area 'tillvaxt'; add it under 'goals:'"),
        (
            {"funding": "[{funder: icdl}]"},
            7,
            20,
            "unknown funder 'icdl'; did you mean 'icld'?",
        ),
        (
            {"application": "{funder: own, submitted: 2017}"},
            7,
            23,
            "unknown funder 'own'; add it under 'funders:'",
        ),
    ],
)
def test_r003_references_resolve_with_suggestions(
    tmp_path: Path, change: dict[str, str], line: int, column: int, message: str
) -> None:
    root = build_repo(tmp_path, {P: project(**change)})
    assert findings(root) == [("R003", P, line, column)]
    assert messages(root)[0].startswith(message)


def test_r003_lists_the_choices_in_the_same_order_in_every_run(tmp_path: Path) -> None:
    """The known ids are a set: their order was the hash seed's, so one mistake read
    differently each run (and in each CI log)."""
    import os
    import subprocess
    import sys

    root = build_repo(tmp_path, {P: project(owner="kultur")})
    command = [sys.executable, "-m", "intstrat", "check", "--no-cache", "--repo", str(root)]
    said = {
        subprocess.run(
            command,
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=False,
        ).stdout
        for seed in ("1", "2", "3", "4", "5", "6")
    }
    assert len(said) == 1
    assert "unknown unit 'kultur'" in said.pop()
    assert messages(root)[0] == (
        "unknown unit 'kultur'; add it under 'units:' in intstrat.yaml or correct the id; "
        "expected one of: 'omsorg', 'utbildning'"
    )


def test_r003_own_is_a_valid_funding_source(tmp_path: Path) -> None:
    root = build_repo(tmp_path, {P: project(funding="[{funder: own, kind: staff-time}]")})
    assert findings(root) == []


def test_r003_partner_funders(tmp_path: Path) -> None:
    partner = "id: vushtrri\nname: V\ntype: municipality\ncountry: XK\nfunders: [sida]\n"
    root = build_repo(tmp_path, {"data/partners/vushtrri.yaml": partner})
    assert findings(root) == [("R003", "data/partners/vushtrri.yaml", 5, 11)]


def test_r003_no_cascade_from_a_broken_partner_file(tmp_path: Path) -> None:
    root = build_repo(tmp_path, {"data/partners/vushtrri.yaml": "id: vushtrri\nname: [\n"})
    assert [code for code, *_ in findings(root)] == ["Y002"]


def test_r003_no_cascade_from_a_broken_section_of_the_config(tmp_path: Path) -> None:
    config = CONFIG.replace("    name: Utbildningsförvaltningen\n", "")
    root = build_repo(tmp_path, {"intstrat.yaml": config})
    assert findings(root) == [("S002", "intstrat.yaml", 4, 5)]  # no 'unknown unit' after it


def test_r003_no_cascade_from_a_misspelt_section_of_the_config(tmp_path: Path) -> None:
    root = build_repo(tmp_path, {"intstrat.yaml": CONFIG.replace("units:", "unit:")})
    assert findings(root) == [("S001", "intstrat.yaml", 3, 1)]


def test_a_config_with_errors_still_has_its_other_sections_checked(tmp_path: Path) -> None:
    # The organisation is broken, and the config has no units at all: the project's owner
    # is unknown whatever the organisation's fix, so one run says both.
    root = build_repo(tmp_path, {"intstrat.yaml": "format: 1\norganisation: {}\n"})
    assert findings(root) == [("R003", P, 4, 8), ("S002", "intstrat.yaml", 2, 1)]


def test_r004_period_backwards(tmp_path: Path) -> None:
    root = build_repo(tmp_path, {P: project(period="{start: 2021, end: 2018}")})
    assert findings(root) == [("R004", P, 6, 28)]


def test_r004_mixed_precision_same_year_is_fine(tmp_path: Path) -> None:
    root = build_repo(tmp_path, {P: project(period="{start: 2021-05, end: 2021}")})
    assert findings(root) == []


def test_r004_partnership_backwards(tmp_path: Path) -> None:
    partner = "id: vushtrri\nname: V\ntype: municipality\ncountry: XK\nsince: 2013\nuntil: 2010\n"
    featured = project(featured="true")  # a brochure example, so no R016
    root = build_repo(tmp_path, {"data/partners/vushtrri.yaml": partner, P: featured})
    assert findings(root) == [("R004", "data/partners/vushtrri.yaml", 6, 8)]


def test_r016_partnerships_without_a_featured_project(tmp_path: Path) -> None:
    """The brochure's examples are the featured projects; with none, check says so once."""
    partnership = PARTNER + "since: 2013\n"
    root = build_repo(tmp_path, {"data/partners/vushtrri.yaml": partnership})
    assert findings(root) == [("R016", "intstrat.yaml", 1, 1)]
    assert messages(root) == [
        "the brochure has no project example: no project with a partnership is featured; add "
        "featured: true to one or two (such as data/projects/sekos-2.yaml), or pick them with "
        "intstrat brochure --featured ID"
    ]
    build_repo(tmp_path, {P: project(featured="true")}, defaults=False)
    assert findings(root) == []
    # Without a partnership (no `since`) there is no brochure to warn about.
    build_repo(tmp_path, {"data/partners/vushtrri.yaml": PARTNER, P: project()}, defaults=False)
    assert findings(root) == []


def test_r014_the_brochure_cover_image_must_exist(tmp_path: Path) -> None:
    config = CONFIG + "brochure: {title: Partnerskap, cover_image: images/omslag.jpg}\n"
    root = build_repo(tmp_path, {"intstrat.yaml": config})
    line = config.count("\n")
    assert findings(root) == [("R014", "intstrat.yaml", line, 45)]  # at the path
    (root / "images").mkdir()
    (root / "images" / "omslag.jpg").write_bytes(b"\xff\xd8")
    assert findings(root) == []


def test_r005_completed_needs_an_end(tmp_path: Path) -> None:
    root = build_repo(tmp_path, {P: project(period="{start: 2018}")})
    assert findings(root) == [("R005", P, 6, 1)]


def test_r005_completed_without_period(tmp_path: Path) -> None:
    root = build_repo(tmp_path, {P: project(period="")})
    assert findings(root) == [("R005", P, 3, 1)]


@pytest.mark.parametrize("status", ["applied", "rejected"])
def test_r006_application_needed(tmp_path: Path, status: str) -> None:
    root = build_repo(tmp_path, {P: project(status=status)})
    assert findings(root) == [("R006", P, 3, 9)]


@pytest.mark.parametrize(
    ("status", "application", "column"),
    [
        ("applied", "{funder: icld, submitted: 2017, outcome: granted}", 1),
        ("rejected", "{funder: icld, submitted: 2017, outcome: pending}", 1),
        ("rejected", "{funder: icld, submitted: 2017}", 1),
    ],
)
def test_r007_outcome_agrees_with_status(
    tmp_path: Path, status: str, application: str, column: int
) -> None:
    root = build_repo(tmp_path, {P: project(status=status, application=application)})
    found = findings(root)
    assert [(c, line) for c, _, line, _ in found] == [("R007", 7)]


def test_r007_outcome_points_at_the_outcome_key(tmp_path: Path) -> None:
    application = "\n  funder: icld\n  submitted: 2017\n  outcome: granted"
    root = build_repo(tmp_path, {P: project(status="applied", application=application)})
    assert findings(root) == [("R007", P, 10, 3)]


def test_r008_result_before_start(tmp_path: Path) -> None:
    text = project() + "results:\n  - {id: r, title: T, date: 2017-12}\n"
    root = build_repo(tmp_path, {P: text})
    assert findings(root) == [("R008", P, 8, 29)]


def test_r008_result_in_the_start_year_is_fine(tmp_path: Path) -> None:
    text = project(period="{start: 2018-06, end: 2021}")
    text += "results:\n  - {id: r, title: T, date: 2018}\n"
    root = build_repo(tmp_path, {P: text})
    assert findings(root) == []


def test_r009_unit_without_contact(tmp_path: Path) -> None:
    config = CONFIG.replace("    contact: {name: Anna Andersson, email: anna@example.se}\n", "")
    root = build_repo(tmp_path, {"intstrat.yaml": config})
    assert findings(root) == [("R009", "intstrat.yaml", 4, 5)]


def test_r009_unit_without_projects_needs_no_contact(tmp_path: Path) -> None:
    config = CONFIG.replace("    contact: {name: Omar Olsson}\n", "")
    root = build_repo(tmp_path, {"intstrat.yaml": config})
    assert findings(root) == []


def test_r010_flight_not_compensated(tmp_path: Path) -> None:
    text = project() + (
        "travel:\n"
        "  - {date: 2019-04, destination: XK, flight: true, compensated: true}\n"
        "  - {date: 2019-10, destination: XK, flight: true}\n"
        "  - {date: 2020-02, destination: XK}\n"
    )
    root = build_repo(tmp_path, {P: text})
    assert findings(root) == [("R010", P, 9, 5)]
    assert messages(root) == [
        "the flight of 2019-10 to XK was not climate-compensated; compensate it and set "
        "compensated: true (Testbys internationella strategi asks for it)"
    ]


def test_r011_ongoing_past_end_depends_on_today(tmp_path: Path) -> None:
    root = build_repo(tmp_path, {P: project(status="ongoing")})
    assert findings(root, today=dt.date(2021, 12, 31)) == []
    assert findings(root, today=dt.date(2022, 1, 1)) == [("R011", P, 3, 9)]


def test_r012_decided_before_submitted(tmp_path: Path) -> None:
    application = "{funder: icld, submitted: 2017-10-01, decided: 2017-09, outcome: granted}"
    root = build_repo(tmp_path, {P: project(application=application)})
    assert findings(root) == [("R012", P, 7, 61)]


@pytest.mark.parametrize(
    ("name", "stray", "advice"),
    [
        ("data/projects/new.yml", "data/projects/new.yml", "rename it to new.yaml"),
        ("data/projects/new.YAML", "data/projects/new.YAML", "rename it to new.yaml"),
        ("data/partners/x.Yml", "data/partners/x.Yml", "rename it to x.yaml"),
        ("data/project/new.yaml", "data/project", "records go directly in data/projects/"),
        ("data/new.yaml", "data/new.yaml", "move it to data/projects/ or data/partners/"),
    ],
)
def test_r013_stray_files(tmp_path: Path, name: str, stray: str, advice: str) -> None:
    root = build_repo(tmp_path, {name: project(id="new")})
    found = check(root).diagnostics
    assert [(d.code, d.path, d.line) for d in found] == [("R013", stray, 1)]
    assert advice in found[0].message


def test_paths_limit_what_is_reported(tmp_path: Path) -> None:
    root = build_repo(
        tmp_path,
        {P: project(owner="x"), "data/projects/other.yaml": project(id="other", owner="y")},
    )
    assert len(check(root).diagnostics) == 2
    only = check(root, [root / P]).diagnostics
    assert [(d.code, d.path) for d in only] == [("R003", P)]
    assert len(check(root, [root / "data"]).diagnostics) == 2
    # The count is of the files asked about: the config, the partner and two projects
    # in all; one project when one is given, however the others fare (a broken one too).
    (root / "data/projects/broken.yaml").write_text("id: broken\nkind: projekt\n")
    assert check(root).files == 5
    assert check(root, [root / P]).files == 1
    assert check(root, [root / "data/projects"]).files == 3
    good = build_repo(tmp_path / "good", {"data/projects/bad.yaml": project(id="bad", owner="x")})
    result = check(good, [good / P])
    assert (result.files, result.diagnostics, result.exit_code()) == (1, [], 0)


def test_paths_must_exist_and_be_inside(tmp_path: Path) -> None:
    root = build_repo(tmp_path / "repo")
    with pytest.raises(UsageError, match="no such file"):
        check(root, [root / "nope.yaml"])
    with pytest.raises(UsageError, match="outside the repository"):
        check(root, [tmp_path])


def test_result_counts_and_exit_codes(tmp_path: Path) -> None:
    text = project() + "travel:\n  - {date: 2019, destination: XK, flight: true}\n"
    root = build_repo(tmp_path, {P: text})
    result = check(root)
    assert result.files == 3
    assert result.errors == 0
    assert result.exit_code() == 0
    assert result.exit_code(strict=True) == 1


def test_r014_image_must_exist(tmp_path: Path) -> None:
    root = build_repo(tmp_path, {P: project(image="images/mis.jpg")})
    assert findings(root) == [("R014", P, 7, 8)]
    (root / "images").mkdir()
    (root / "images" / "mis.jpg").write_bytes(b"\xff\xd8")
    assert findings(root) == []


@pytest.mark.parametrize(
    ("link", "message"),
    [
        ("{outside}", "is a symbolic link out of the repository"),
        ("../../secret.png", "is a symbolic link out of the repository"),
        ("mis.jpg", "is a symbolic link that leads back to itself"),
    ],
)
def test_r014_image_links_out_of_the_repository_are_refused(
    tmp_path: Path, link: str, message: str
) -> None:
    outside = tmp_path / "secret.png"
    outside.write_bytes(b"\x89PNG secret")
    root = build_repo(tmp_path / "repo", {P: project(image="images/mis.jpg")})
    (root / "images").mkdir()
    (root / "images" / "mis.jpg").symlink_to(link.format(outside=outside))
    found = check(root).diagnostics
    assert [(d.code, d.path, d.line, d.column) for d in found] == [("R014", P, 7, 8)]
    assert message in found[0].message


def test_r014_a_folder_link_on_the_way_out_is_refused(tmp_path: Path) -> None:
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "mis.jpg").write_bytes(b"\xff\xd8")
    root = build_repo(tmp_path / "repo", {P: project(image="images/mis.jpg")})
    (root / "images").symlink_to(tmp_path / "photos")
    assert findings(root) == [("R014", P, 7, 8)]


def test_r014_a_link_to_an_image_inside_is_fine(tmp_path: Path) -> None:
    root = build_repo(tmp_path, {P: project(image="images/mis.jpg")})
    (root / "media").mkdir()
    (root / "media" / "mis.jpg").write_bytes(b"\xff\xd8")
    (root / "images").symlink_to("media")
    assert findings(root) == []


@pytest.mark.parametrize("image", ["/etc/passwd.png", "../secret.png", "images/notes.txt"])
def test_image_paths_stay_inside_and_are_images(tmp_path: Path, image: str) -> None:
    root = build_repo(tmp_path, {P: project(image=image)})
    assert [code for code, *_ in findings(root)] == ["S011"]


def test_r015_a_leftover_temporary_file_is_a_warning(tmp_path: Path) -> None:
    root = build_repo(tmp_path)
    (root / "data/projects/.sekos-2.yaml.k3j9x2a1.tmp").write_text("id: sek", encoding="utf-8")
    (root / ".intstrat.yaml.a1b2c3d4.tmp").write_text("", encoding="utf-8")
    (root / "data/projects/.keep.tmp").write_text("", encoding="utf-8")  # not ours
    assert findings(root) == [
        ("R015", ".intstrat.yaml.a1b2c3d4.tmp", 1, 1),
        ("R015", "data/projects/.sekos-2.yaml.k3j9x2a1.tmp", 1, 1),
    ]
    assert messages(root)[0].endswith("so this one is safe to delete")
    assert check(root).exit_code() == 0
    assert check(root).exit_code(strict=True) == 1


# ------------------------------------------------------------------ all findings at once


def test_errors_behind_errors_are_reported_in_one_run(tmp_path: Path) -> None:
    root = build_repo(tmp_path, {P: project(sdgs="[4, 18]", owner="utbildnin")})
    assert findings(root) == [("R003", P, 4, 8), ("S009", P, 7, 11)]
    assert "did you mean 'utbildning'?" in messages(root)[0]


def test_rules_run_on_every_field_that_validated(tmp_path: Path) -> None:
    root = build_repo(
        tmp_path,
        {
            P: project(
                partners="[vushtri]",
                themes="[nope]",
                contact="{name: Anna, email: not-an-address}",
                funding="[{funder: icdl}]",
                period="{start: 2021, end: 2018}",
            ),
            "data/partners/vushtrri.yaml": (
                "id: vushtrri\nname: Vushtrri\ntype: municipality\ncountry: Kosovo\n"
                "funders: [icdl]\n"
            ),
        },
    )
    assert findings(root) == [
        ("S007", "data/partners/vushtrri.yaml", 4, 1),
        ("R003", "data/partners/vushtrri.yaml", 5, 11),  # its funders are still checked
        ("R003", P, 5, 12),  # vushtri: no such file (vushtrri exists, broken, resolves)
        ("R004", P, 6, 28),
        ("R003", P, 7, 10),
        ("S011", P, 8, 23),
        ("R003", P, 9, 20),
    ]


def test_no_rule_runs_on_a_field_that_failed(tmp_path: Path) -> None:
    root = build_repo(
        tmp_path,
        {
            P: project(id="'Sekos 2'", period="{start: 2018-13}"),
            "data/projects/ansokan.yaml": project(
                id="ansokan", status="applied", application="{funder: icld}"
            ),
        },
    )
    # No R001 for the broken id, no R005 (completed without end) for the broken period,
    # no R006 (applied without application) for the broken application.
    assert [code for code, *_ in findings(root)] == ["S002", "S006", "S005"]


def test_one_broken_unit_does_not_hide_the_other_units_findings(tmp_path: Path) -> None:
    """An item of intstrat.yaml with an error leaves the section's other items checked."""
    config = CONFIG.replace(
        "funders:",
        "  - {id: Kultur, name: Kulturförvaltningen}\n"
        "  - {id: omsorg, name: Omsorgen igen}\n"
        "funders:",
    )
    root = build_repo(
        tmp_path,
        {
            "intstrat.yaml": config,
            P: project(owner="utbildnin"),
            "data/projects/kultur.yaml": project(id="kultur", owner="Kultur"),
        },
    )
    assert findings(root) == [
        ("S006", "data/projects/kultur.yaml", 4, 1),  # its own owner is no id either
        ("R003", P, 4, 8),  # hidden behind the broken unit before
        ("S006", "intstrat.yaml", 10, 6),
        ("R002", "intstrat.yaml", 11, 10),  # the second omsorg, at its own line
    ]
    assert "did you mean 'utbildning'?" in messages(root)[1]


def test_a_reference_to_a_broken_unit_is_left_to_the_units_error(tmp_path: Path) -> None:
    config = CONFIG.replace("funders:", "  - {id: kultur, name: 42.5}\nfunders:")
    root = build_repo(
        tmp_path,
        {
            "intstrat.yaml": config,
            "data/projects/kultur.yaml": project(id="kultur", owner="kultur"),
        },
    )
    assert [(code, path) for code, path, *_ in findings(root)] == [("S004", "intstrat.yaml")]


def test_a_broken_record_still_takes_part_in_unique_ids(tmp_path: Path) -> None:
    root = build_repo(tmp_path, {"data/projects/kopia.yaml": project(id="sekos-2", sdgs="[0]")})
    assert findings(root) == [
        ("R001", "data/projects/kopia.yaml", 1, 5),
        ("S009", "data/projects/kopia.yaml", 7, 8),
        ("R002", P, 1, 5),
    ]


@pytest.mark.parametrize(
    ("status", "outcome", "warned"),
    [("applied", "pending", "is still waiting for a decision"), ("rejected", "rejected",
     "was rejected"), ("ongoing", "granted", None)],
)  # fmt: skip
def test_r017_funding_from_an_application_not_granted(
    tmp_path: Path, status: str, outcome: str, warned: str | None
) -> None:
    # Six lines of project (no period), funding: at 7, its icld item at 9; the finding
    # points at the funder's name (column 14).
    text = (
        project(
            status=status,
            application=f"{{funder: icld, submitted: 2020-03, outcome: {outcome}}}",
            period="{start: 2020}" if status == "ongoing" else "",
        )
        + "funding:\n  - {funder: erasmus-plus}\n  - {funder: icld, amount: {value: 9, currency: SEK}}\n"
    )
    root = build_repo(tmp_path, {"data/projects/sekos-2.yaml": text})
    found = [f for f in findings(root, dt.date(2021, 1, 1)) if f[0] == "R017"]
    if warned is None:
        assert found == []
        return
    assert found == [("R017", "data/projects/sekos-2.yaml", 9, 14)]
    (message,) = [m for m in messages(root) if m.startswith("funding from 'icld'")]
    assert warned in message


def test_rules_check_the_valid_items_of_a_list_with_a_broken_item(tmp_path: Path) -> None:
    # One run lists every finding: the unknown funder of the first funding line (R003)
    # and the early result (R008) are not hidden by the broken second items (S003, S005),
    # and each is told at its own line.
    text = project(status="ongoing", period="{start: 2023}") + (
        "funding:\n"
        "  - {funder: erasmus, amount: {value: 5, currency: EUR}}\n"
        "  - {funder: own, kind: personal}\n"
        "results:\n"
        "  - {id: r1, title: R, date: 2019}\n"
        "  - {id: r2, title: R2, date: 20x}\n"
    )
    root = build_repo(tmp_path, {"data/projects/sekos-2.yaml": text})
    found = [(code, line) for code, path, line, _ in findings(root, dt.date(2024, 1, 1))]
    assert found == [("R003", 8), ("S003", 9), ("R008", 11), ("S005", 12)]
