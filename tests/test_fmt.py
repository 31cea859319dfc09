"""`fmt`: never changes meaning, keeps every comment, and is idempotent."""

from __future__ import annotations

import os
import random
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from intstrat.edit.fmt import comments, format_repository, format_text
from intstrat.errors import UsageError
from intstrat.format.emit import dump_data
from intstrat.format.models import Project
from intstrat.loading.parse import parse
from tests.helpers import build_repo, project
from tests.strategies import projects

P = "data/projects/sekos-2.yaml"


def with_comments(text: str, rng: random.Random) -> str:
    """Full-line and end-of-line comments at random places."""
    out = []
    for i, line in enumerate(text.splitlines()):
        if rng.random() < 0.3:
            indent = len(line) - len(line.lstrip(" "))
            out.append(" " * indent + f"# comment {i}")
        tail = rng.random() < 0.3 and not line.rstrip().endswith(("|", ">", "|-", ">-"))
        out.append(f"{line}  # tail {i}" if tail else line)
    return "\n".join(out) + "\n"


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(projects, st.randoms(use_true_random=False))
def test_fmt_keeps_meaning_and_comments_and_is_idempotent(
    data: dict[str, Any], rng: random.Random
) -> None:
    Project.model_validate(data)
    keys = list(data)
    rng.shuffle(keys)
    text = with_comments(dump_data({k: data[k] for k in keys}), rng)
    meaning, problems = parse(text)
    assume(problems == [] and meaning == data)  # a comment line landed inside a scalar
    formatted = format_text(text, Project)
    after, problems = parse(formatted)
    assert problems == []
    assert after is not None
    assert after == meaning
    assert list(after) == [k for k in Project.model_fields if k in after]  # model order
    comments = re.findall(r"# (?:comment|tail) \d+", text)
    for comment in comments:
        assert comment in formatted
    assert format_text(formatted, Project) == formatted


def test_canonical_layout() -> None:
    text = (
        "# yaml-language-server: $schema=../../schemas/project.schema.json\n"
        "status: ongoing  # still running\n"
        "owner: utbildning\n"
        "title: Projekt\n"
        "id: p\n"
        "partners:\n"
        "- vushtrri\n"
        "extra: {b: 1, a: 2}\n"
        "summary: " + "ord " * 30 + "slut\n"
        "purpose: |\n  Rad ett\n  Rad två\n"
        "contact: {name: NO, phone: 'yes'}\n"
    )
    assert format_text(text, Project) == (
        "# yaml-language-server: $schema=../../schemas/project.schema.json\n"
        "id: p\n"
        "title: Projekt\n"
        "status: ongoing  # still running\n"
        "owner: utbildning\n"
        "partners:\n"
        "  - vushtrri\n"
        "summary: >-\n"
        "  ord ord ord ord ord ord ord ord ord ord ord ord ord ord ord ord ord ord ord ord ord\n"
        "  ord ord ord ord ord ord ord ord ord slut\n"
        "purpose: |\n"
        "  Rad ett\n"
        "  Rad två\n"
        "contact: {name: 'NO', phone: 'yes'}\n"
        "extra: {b: 1, a: 2}\n"
    )


def test_fmt_writes_changed_files_and_reports_unchanged(tmp_path: Path) -> None:
    root = build_repo(tmp_path, {P: "status: completed\n" + project(status="")})
    outcomes = {o.path: o.changed for o in format_repository(root)}
    assert outcomes == {
        "data/partners/vushtrri.yaml": False,
        P: True,
        "intstrat.yaml": False,
    }
    assert (root / P).read_text(encoding="utf-8").splitlines()[:3] == [
        "id: sekos-2",
        "title: Socialt entreprenörskap Kosovo",
        "status: completed",
    ]
    assert not any(o.changed for o in format_repository(root))


def test_check_mode_changes_nothing(tmp_path: Path) -> None:
    text = "status: completed\n" + project(status="")
    root = build_repo(tmp_path, {P: text})
    outcomes = format_repository(root, write=False)
    assert [o.path for o in outcomes if o.changed] == [P]
    assert (root / P).read_text(encoding="utf-8") == text


def test_check_mode_says_how_to_lay_the_files_out(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from intstrat.cli import app

    root = build_repo(tmp_path, {P: "status: completed\n" + project(status="")})
    result = CliRunner().invoke(app, ["fmt", "--check", "--repo", str(root), "--lang", "sv"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "kör 'intstrat fmt' för att formatera dem; det ändrar inget annat än layouten"
    )
    laid_out = CliRunner().invoke(
        app, ["fmt", "--check", "--repo", str(build_repo(tmp_path / "b"))]
    )
    assert laid_out.exit_code == 0
    assert "intstrat fmt" not in laid_out.stderr


def test_a_file_with_errors_is_left_untouched_and_reported(tmp_path: Path) -> None:
    broken = "status: completed\nid: a\nid: b\n"
    root = build_repo(tmp_path, {P: broken})
    (outcome,) = [o for o in format_repository(root) if o.path == P]
    assert not outcome.changed
    assert [(d.code, d.line) for d in outcome.diagnostics] == [("Y003", 3)]
    assert (root / P).read_text(encoding="utf-8") == broken


def test_paths_select_files(tmp_path: Path) -> None:
    root = build_repo(tmp_path)
    assert [o.path for o in format_repository(root, [root / "data/projects"])] == [P]
    assert [o.path for o in format_repository(root, [root / P])] == [P]
    assert [o.path for o in format_repository(root, [root / "data"])] == [
        "data/partners/vushtrri.yaml",
        P,
    ]
    (root / "notes.yaml").write_text("a: 1\n", encoding="utf-8")
    with pytest.raises(UsageError, match="not a record file"):
        format_repository(root, [root / "notes.yaml"])


def test_floats_keep_their_exact_value() -> None:
    # Found by the property test: ruamel re-emitted the last digit wrong.
    text = (
        project()
        + "funding:\n  - {funder: icld, amount: {value: 5.960464477539062e-08, currency: SEK}}\n"
    )
    before, _ = parse(text)
    after, _ = parse(format_text(text, Project))
    assert after == before


def test_crlf_files_keep_crlf_on_every_line(tmp_path: Path) -> None:
    text = (
        "# a comment\r\nid: sekos-2\r\ntitle: X  # trailing\r\n# another\r\nstatus: idea\r\n"
        "owner: utbildning\r\n"
    )
    root = build_repo(tmp_path, {P: ""})
    (root / P).write_bytes(text.encode())
    assert not any(o.changed for o in format_repository(root, write=False))
    mixed = text.replace("\r\n", "\n", 2)  # 4 of 6 lines end in CRLF: CRLF it is
    (root / P).write_bytes(mixed.encode())
    assert [o.path for o in format_repository(root) if o.changed] == [P]
    assert (root / P).read_bytes() == text.encode()
    mostly_lf = text.replace("\r\n", "\n", 4)
    (root / P).write_bytes(mostly_lf.encode())
    format_repository(root)
    assert (root / P).read_bytes() == text.replace("\r\n", "\n").encode()
    assert not any(o.changed for o in format_repository(root, write=False))


def _unformatted(tmp_path: Path) -> Path:
    root = build_repo(tmp_path, {P: project(status="idea").replace("id: ", "id:   ")})
    assert [o.path for o in format_repository(root, write=False) if o.changed] == [P]
    return root


def test_fmt_keeps_the_mode_of_a_read_only_file(tmp_path: Path) -> None:
    root = _unformatted(tmp_path)
    (root / P).chmod(0o444)
    format_repository(root)
    assert (root / P).stat().st_mode & 0o777 == 0o444
    assert "id: sekos-2\n" in (root / P).read_text(encoding="utf-8")


needs_root = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can give a file away"
)


@needs_root
def test_fmt_keeps_the_owner_of_another_users_file(tmp_path: Path) -> None:
    root = _unformatted(tmp_path)
    os.chown(root / P, 65534, 65534)
    format_repository(root)
    status = (root / P).stat()
    assert (status.st_uid, status.st_gid) == (65534, 65534)


@needs_root
def test_fmt_refuses_when_the_owner_cannot_be_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from intstrat.cli import app

    root = _unformatted(tmp_path)
    os.chown(root / P, 65534, 65534)
    before = (root / P).read_bytes()

    def refused(*args: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "chown", refused)  # what a user who is not root meets
    result = CliRunner().invoke(app, ["fmt", "--repo", str(root)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"intstrat: cannot write {root / P}: it belongs to another user or group, and a new "
        "file would not; ask its owner, or copy it to a file of your own; nothing was written\n"
    )
    assert (root / P).read_bytes() == before
    assert sorted(p.name for p in (root / "data/projects").iterdir()) == ["sekos-2.yaml"]


def test_a_comment_fmt_would_lose_leaves_the_file_as_it_is(tmp_path: Path) -> None:
    """ruamel drops a comment inside a [...] list written over several lines: `fmt` wrote
    the file without it. Now the file is left as it is, with a note that says where and
    what to write instead, and `fmt` still succeeds (exit 0: the file is valid). `fmt
    --check` fails on it (exit 1): the file is not in the layout CI holds records to, and
    only a person can lay it out."""
    from typer.testing import CliRunner

    from intstrat.cli import app

    text = (
        "status: completed\n"  # out of order: fmt would change this file
        + project(status="", partners="[\n  vushtrri,  # via ICLD\n]")
    )
    root = build_repo(tmp_path, {P: text})
    (outcome,) = [o for o in format_repository(root) if o.path == P]
    assert not outcome.changed and outcome.diagnostics == []
    assert outcome.kept is not None and outcome.kept[0] == 6  # the comment's line
    assert (root / P).read_text(encoding="utf-8") == text
    result = CliRunner().invoke(app, ["fmt", "--repo", str(root)])
    assert result.exit_code == 0, result.output
    assert f"{P}:6: not formatted: a comment inside a [...] list" in result.stderr
    assert "1 to be laid out by hand" in result.stderr
    check = CliRunner().invoke(app, ["fmt", "--check", "--repo", str(root)])
    assert check.exit_code == 1
    assert check.stderr.endswith(
        "0 files would reformat, 2 unchanged, 1 to be laid out by hand\n"
    ), check.stderr
    # Written one item per line, the comment is kept and the file formatted.
    fixed = "status: completed\n" + project(status="", partners="\n  - vushtrri  # via ICLD")
    (root / P).write_text(fixed, encoding="utf-8")
    (outcome,) = [o for o in format_repository(root) if o.path == P]
    assert outcome.changed and "# via ICLD" in (root / P).read_text(encoding="utf-8")


def test_a_value_fmt_would_change_leaves_the_file_as_it_is(tmp_path: Path) -> None:
    """An escaped U+2028 that check accepts: ruamel writes it in a way the loader reads
    as another value. It was an internal error (exit 3) that stopped every other file."""
    text = "status: completed\n" + project(status="", title='"Rad\\u2028två"')
    root = build_repo(tmp_path, {P: text, "data/partners/vushtrri.yaml": "name: Vushtrri\n"
                                 "id: vushtrri\ntype: municipality\ncountry: XK\n"})  # fmt: skip
    outcomes = {o.path: o for o in format_repository(root)}
    assert outcomes[P].kept is not None and not outcomes[P].changed
    assert outcomes["data/partners/vushtrri.yaml"].changed  # the others are still formatted
    assert (root / P).read_text(encoding="utf-8") == text


def test_comments_are_what_lies_between_the_tokens() -> None:
    text = (
        "# head\n"
        "a: 'x # not a comment'  # one\n"
        "b: |\n  # text of the block\n"
        "c: [1,  # two\n  2]\n"
        'd: "#no"\n'
        "# tail"
    )
    assert comments(text) == [(1, "# head"), (2, "# one"), (5, "# two"), (8, "# tail")]


# Comments on lines of their own. ruamel keeps such a comment with the node above it:
# below a block list it is the list's last item's, and went with the list when fmt
# reordered the keys. A comment stands above the key on the line below it.

HEAD = "id: p1\ntitle: {sv: Projekt}\nkind: project\nstatus: ongoing\nowner: utbildning\n"
ABOVE = "# Slutdatum ej beslutat ännu, se KS-beslut 2024/17\n"


def _formatted(tmp_path: Path, text: str) -> str:
    """The file after `intstrat fmt`, which must succeed and leave no note."""
    from typer.testing import CliRunner

    from intstrat.cli import app

    root = build_repo(tmp_path, {P: text})
    result = CliRunner().invoke(app, ["fmt", "--lang", "en", "--repo", str(root)])
    assert result.exit_code == 0, result.output
    assert "not formatted" not in result.stderr, result.stderr
    return (root / P).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "block_list",
    [
        "sdgs:\n  - 4\n",
        "sdgs:\n- 4\n- 5\n",  # items not indented under the key
        "results:\n  - id: r1\n    title: Första\n    date: 2024\n",
        "results:\n  - id: r1\n    title: Första\n    date: 2024\n    description: |\n"
        "      Rad ett\n      Rad två\n",
    ],
    ids=["scalars", "scalars-unindented", "mappings", "block-text-last"],
)
def test_a_comment_above_the_key_after_a_block_list_moves_with_that_key(
    tmp_path: Path, block_list: str
) -> None:
    after = _formatted(tmp_path, HEAD + block_list + ABOVE + "period: {start: 2023}\n")
    assert after == HEAD + ABOVE + "period: {start: 2023}\n" + format_text(block_list, Project)


def test_comments_above_keys_after_several_block_lists_stay_with_their_keys(
    tmp_path: Path,
) -> None:
    text = (
        HEAD
        + "quotes:\n  - text: Bra\n    name: Anna\n"
        + "sdgs:\n  - 4\n"
        + "# om perioden\nperiod: {start: 2023}\n"
        + "# om målen\ngoals:\n  - kunskap\n"
    )
    assert _formatted(tmp_path, text) == (
        HEAD
        + "# om perioden\nperiod: {start: 2023}\n"
        + "sdgs:\n  - 4\n"
        + "# om målen\ngoals:\n  - kunskap\n"
        + "quotes:\n  - text: Bra\n    name: Anna\n"
    )


def test_a_comment_above_a_nested_key_after_a_block_list_moves_with_that_key() -> None:
    from pydantic import BaseModel

    class Inner(BaseModel):
        first: int
        tags: list[str]

    class Outer(BaseModel):
        name: str
        inner: Inner

    text = "inner:\n  tags:\n    - a\n  # om first\n  first: 1\n# om name\nname: x\n"
    assert format_text(text, Outer) == (
        "# om name\nname: x\ninner:\n  # om first\n  first: 1\n  tags:\n    - a\n"
    )


def test_a_comment_after_the_last_key_stays_at_the_end(tmp_path: Path) -> None:
    text = HEAD + "sdgs:\n  - 4\nperiod: {start: 2023}\n# Sist i filen\n"
    assert _formatted(tmp_path, text) == (
        HEAD + "period: {start: 2023}\nsdgs:\n  - 4\n# Sist i filen\n"
    )
    text = HEAD + "sdgs:\n  - 4\n\n# Sist i filen\n"  # after a list, a blank line above
    assert _formatted(tmp_path, text) == text


def test_a_comment_indented_like_the_items_stays_with_the_list(tmp_path: Path) -> None:
    """Indented like the list's items, below its last item, the comment is the list's
    (ruamel's reading too); it is not about the key below it."""
    text = HEAD + "sdgs:\n  - 4\n  # fler mål när budgeten är klar\nperiod: {start: 2023}\n"
    assert _formatted(tmp_path, text) == (
        HEAD + "period: {start: 2023}\nsdgs:\n  - 4\n  # fler mål när budgeten är klar\n"
    )


def test_blank_lines_around_a_comment_go_with_it(tmp_path: Path) -> None:
    text = HEAD + "sdgs:\n  - 4\n\n" + ABOVE + "\nperiod: {start: 2023}\n"
    assert _formatted(tmp_path, text) == (
        HEAD + "\n" + ABOVE + "\nperiod: {start: 2023}\nsdgs:\n  - 4\n"
    )


def test_a_comment_above_a_key_after_a_block_list_in_a_crlf_file(tmp_path: Path) -> None:
    text = HEAD + "sdgs:\n  - 4\n" + ABOVE + "period: {start: 2023}\n"
    root = build_repo(tmp_path, {P: ""})
    (root / P).write_bytes(text.replace("\n", "\r\n").encode())
    assert [o.path for o in format_repository(root) if o.changed] == [P]
    wanted = HEAD + ABOVE + "period: {start: 2023}\nsdgs:\n  - 4\n"
    assert (root / P).read_bytes() == wanted.replace("\n", "\r\n").encode()


def test_a_comment_on_top_of_a_first_key_that_moves_leaves_the_file_as_it_is(
    tmp_path: Path,
) -> None:
    """Right above the first key, a comment may be about that key or about the whole
    file (or nested mapping); when fmt moves the key down it cannot tell which, and says
    how to make it clear. A blank line below the comment makes it the whole's."""
    from typer.testing import CliRunner

    from intstrat.cli import app

    text = "# Status ändras efter KS\nstatus: ongoing\n" + project(status="")
    root = build_repo(tmp_path, {P: text})
    result = CliRunner().invoke(app, ["fmt", "--lang", "en", "--repo", str(root)])
    assert result.exit_code == 0, result.output
    assert (
        f"{P}:1: not formatted: this comment stands right above 'status', which fmt moves "
        "down, and fmt cannot tell whether it is about 'status' or about all that follows; "
        "left as it is (if it is about 'status', write it at the end of its line, "
        "'status: ...  # comment'; if it is about all that follows, put a blank line below "
        "it)\n"
    ) in result.stderr
    assert (root / P).read_text(encoding="utf-8") == text
    check = CliRunner().invoke(app, ["fmt", "--check", "--repo", str(root)])
    assert check.exit_code == 1
    # A blank line below: about the whole file, it stays on top.
    whole = "# Status ändras efter KS\n\nstatus: ongoing\n" + project(status="")
    assert _formatted(tmp_path, whole).startswith("# Status ändras efter KS\n\nid: sekos-2\n")
    # At the end of the key's line: about the key, it goes with it.
    beside = "status: ongoing  # ändras efter KS\n" + project(status="")
    assert "\nstatus: ongoing  # ändras efter KS\n" in _formatted(tmp_path, beside)


def test_a_comment_on_top_of_a_nested_first_key_that_moves_is_noted(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from intstrat.cli import app

    text = project(period="\n  # Slutdatum ej beslutat\n  end: 2030\n  start: 2023")
    root = build_repo(tmp_path, {P: text})
    result = CliRunner().invoke(app, ["fmt", "--check", "--lang", "sv", "--repo", str(root)])
    assert result.exit_code == 1
    assert (
        f"{P}:7: inte formaterad: kommentaren står direkt ovanför 'end', som fmt flyttar "
        "längre ned, och fmt kan inte avgöra om den gäller 'end' eller allt som följer; "
        "lämnad som den är (gäller den 'end', skriv den sist på dess rad, "
        "'end: ...  # kommentar'; gäller den allt som följer, lägg en tom rad under den)\n"
    ) in result.stderr
    assert (root / P).read_text(encoding="utf-8") == text
    # With a blank line below it, it heads the period, on top whichever key comes first.
    (root / P).write_text(text.replace("beslutat\n", "beslutat\n\n"), encoding="utf-8")
    assert CliRunner().invoke(app, ["fmt", "--repo", str(root)]).exit_code == 0
    assert (
        (root / P)
        .read_text(encoding="utf-8")
        .endswith("period:\n  # Slutdatum ej beslutat\n\n  start: 2023\n  end: 2030\n")
    )


@pytest.mark.parametrize(
    ("lang", "changes", "line", "note"),
    [
        (
            "sv",
            {"period": "{start: 2023, # kommentar\n  end: 2030}"},
            6,
            "en kommentar inne i en {...}-mappning skriven över flera rader skulle gå förlorad; "
            "lämnad som den är (skriv mappningen i blockform, en nyckel per rad, "
            "'nyckel: värde  # kommentar', så behåller fmt den)",
        ),
        (
            "en",
            {"period": "{start: 2023, # kommentar\n  end: 2030}"},
            6,
            "a comment inside a {...} mapping written over several lines would be lost; left as "
            "it is (write the mapping in block form, one key per line, 'key: value  # comment', "
            "and fmt keeps it)",
        ),
        (
            "en",
            {"period": "{start: 2023,\n  # kommentar\n  end: 2030}"},
            7,
            "a comment inside a {...} mapping written over several lines would be lost;",
        ),
        (
            "sv",
            {"funding": "[{funder: icld,  # kommentar\n  amount: {value: 1, currency: SEK}}]"},
            7,  # the innermost of the two: a mapping
            "en kommentar inne i en {...}-mappning skriven över flera rader skulle gå förlorad;",
        ),
        (
            "sv",
            {"partners": "[vushtrri,  # via ICLD\n  ]"},
            5,
            "en kommentar inne i en [...]-lista skriven över flera rader skulle gå förlorad; "
            "lämnad som den är (skriv listan en punkt per rad, '- punkt  # kommentar', så "
            "behåller fmt den)",
        ),
    ],
)
def test_a_comment_in_a_flow_mapping_fmt_would_lose_is_named_a_mapping(
    tmp_path: Path, lang: str, changes: dict[str, str], line: int, note: str
) -> None:
    """It was called a [...] list, with advice ('- item') that makes a list of the
    mapping, which the schema rejects."""
    from typer.testing import CliRunner

    from intstrat.cli import app

    text = project(**changes)
    root = build_repo(tmp_path, {P: text})
    result = CliRunner().invoke(app, ["fmt", "--check", "--lang", lang, "--repo", str(root)])
    assert result.exit_code == 1
    assert f"{P}:{line}: " in result.stderr
    assert note in result.stderr.split(f"{P}:{line}: ", 1)[1]
    assert (root / P).read_text(encoding="utf-8") == text


def _node_paths(text: str) -> dict[int, tuple[Any, ...]]:
    """The path of the first key or list item on each line (0-based) of a YAML text."""
    import yaml

    found: dict[int, tuple[Any, ...]] = {}

    def walk(node: Any, path: tuple[Any, ...]) -> None:
        children: list[tuple[Any, Any, Any]] = []
        if isinstance(node, yaml.MappingNode):
            children = [(k.start_mark, k.value, v) for k, v in node.value]
        elif isinstance(node, yaml.SequenceNode):
            children = [(v.start_mark, i, v) for i, v in enumerate(node.value)]
        for mark, name, value in children:
            found.setdefault(mark.line, (*path, name))
            walk(value, (*path, name))

    walk(yaml.compose(text, Loader=yaml.SafeLoader), ())
    return found


def _above(text: str) -> dict[str, tuple[Any, ...]]:
    """Each '# comment N' line with the path of what starts on the next line that holds
    anything but comments and blanks."""
    lines = text.splitlines()
    paths = _node_paths(text)
    out = {}
    for index, line in enumerate(lines):
        if re.fullmatch(r"\s*# comment \d+", line):
            below = next(
                i
                for i in range(index + 1, len(lines))
                if lines[i].strip() and not lines[i].lstrip().startswith("#")
            )
            out[line.strip()] = paths.get(below, ("line", lines[below].strip()))
    return out


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(projects, st.randoms(use_true_random=False))
def test_every_comment_stands_above_what_it_stood_above_or_the_file_is_left(
    data: dict[str, Any], rng: random.Random
) -> None:
    import tempfile

    keys = list(data)
    rng.shuffle(keys)
    text = with_comments(dump_data({k: data[k] for k in keys}), rng)
    meaning, problems = parse(text)
    assume(problems == [] and meaning == data)
    with tempfile.TemporaryDirectory() as folder:
        root = build_repo(Path(folder), {P: text})
        (outcome,) = [o for o in format_repository(root, [root / P]) if o.path == P]
        after = (root / P).read_text(encoding="utf-8")
    if outcome.kept is not None:  # left for a person, with a note on a comment
        assert after == text
        assert "comment" in outcome.kept[1]
        return
    assert _above(after) == _above(text)
