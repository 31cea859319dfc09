"""The fault suite: hostile and broken input, through every command that reads data.

Each fault is a small change to a valid repository: a classic of broken files
(encodings, tags, aliases, deep nesting, huge numbers, control characters, odd
file names) or an attack from a pull request (symbolic links out of the
repository, template code, markup in record text). Every command must then:

* never exit 3 ("a bug in intstrat") and never show a traceback;
* for a data problem, name the file and line (with exit 1), as `check` does;
* change nothing in the repository, and write no output when it fails.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from intstrat.cli import app
from tests.helpers import build_repo, project

P = "data/projects/sekos-2.yaml"
SECRET = "SECRET-4711 root:x:0:0"

Setup = Callable[[Path, Path], None]


@dataclass(frozen=True)
class Fault:
    name: str
    setup: Setup
    #: The finding `check` makes (code, file, line), or None when the data is fine.
    finding: tuple[str, str, int] | None = None
    #: `check`'s exit code.
    check_exit: int = 1


def write(rel: str, text: str | bytes) -> Setup:
    def setup(root: Path, outside: Path) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")

    return setup


def record(**changes: str) -> Setup:
    return write(P, project(**changes))


def link(rel: str, target: str) -> Setup:
    """A symbolic link at `rel` to `target` ("{outside}" is a file with a secret)."""

    def setup(root: Path, outside: Path) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
        path.symlink_to(target.format(outside=outside, secret=outside / "secret.yaml"))

    return setup


def both(*setups: Setup) -> Setup:
    def setup(root: Path, outside: Path) -> None:
        for one in setups:
            one(root, outside)

    return setup


def fifo(rel: str) -> Setup:
    def setup(root: Path, outside: Path) -> None:
        os.mkfifo(root / rel)

    return setup


def folder_as_file(rel: str) -> Setup:
    def setup(root: Path, outside: Path) -> None:
        shutil.rmtree(root / rel)
        (root / rel).write_text("x\n", encoding="utf-8")

    return setup


def data_folder_outside(root: Path, outside: Path) -> None:
    elsewhere = outside / "projects"
    elsewhere.mkdir()
    (root / P).rename(elsewhere / "sekos-2.yaml")
    (root / "data/projects").rmdir()
    (root / "data/projects").symlink_to(elsewhere)


BILLION_LAUGHS = (
    "id: sekos-2\n"
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
)
DEEP_BLOCK = "extra:\n" + "".join(f"{'  ' * (i + 1)}k{i}:\n" for i in range(100)) + "    v: 1\n"

FAULTS = [
    # ------------------------------------------------------------ attacks from a pull request
    Fault(
        "record linked out",
        link("data/partners/secret.yaml", "{secret}"),
        ("Y013", "data/partners/secret.yaml", 1),
    ),
    Fault(
        "record link loop",
        link("data/partners/loop.yaml", "loop.yaml"),
        ("Y012", "data/partners/loop.yaml", 1),
    ),
    Fault("records folder linked out", data_folder_outside, ("Y013", "data/projects", 1)),
    Fault(
        "image linked out",
        both(record(image="images/logo.png"), link("images/logo.png", "{secret}")),
        ("R014", P, 7),
    ),
    Fault(
        "image link loop",
        both(record(image="images/logo.png"), link("images/logo.png", "logo.png")),
        ("R014", P, 7),
    ),
    Fault(
        "image folder linked out",
        both(
            record(image="images/logo.png"),
            write("../outside/logo.png", b"\x89PNG"),
            link("images", "{outside}"),
        ),
        ("R014", P, 7),
    ),
    Fault(
        "named pipe as a record",
        fifo("data/projects/pipe.yaml"),
        ("Y012", "data/projects/pipe.yaml", 1),
    ),
    Fault(
        "template runs code",
        write(
            "templates/report.md.j2",
            '{{ cycler.__init__.__globals__.os.popen("touch PWNED").read() }}\n',
        ),
        None,
        0,
    ),
    Fault("template linked out", link("templates/report.md.j2", "{secret}"), None, 0),
    Fault("template syntax error", write("templates/report.md.j2", "x\n{% if %}\n"), None, 0),
    Fault(
        "markup in record text",
        record(
            title="'<script>alert(1)</script> [x](javascript:alert(1)) ![y](/etc/passwd)'",
            summary="'<img src=x onerror=alert(2)> **ok** [l](file:///etc/passwd)'",
        ),
        None,
        0,
    ),
    Fault("formula in record text", record(title='\'=HYPERLINK("http://x","y")\''), None, 0),
    # ------------------------------------------------------------ encodings
    Fault("latin-1", write(P, project().replace("ö", "\xf6").encode("latin-1")), ("Y001", P, 2)),
    Fault("utf-16 with bom", write(P, project().encode("utf-16")), ("Y001", P, 1)),
    Fault("utf-16 without bom", write(P, project().encode("utf-16-le")), ("Y001", P, 1)),
    Fault("utf-32", write(P, project().encode("utf-32")), ("Y001", P, 1)),
    Fault("utf-8 with bom", write(P, b"\xef\xbb\xbf" + project().encode()), None, 0),
    Fault("crlf line ends", write(P, project().replace("\n", "\r\n").encode()), None, 0),
    Fault("nul byte", write(P, project().replace("status:", "status: \x00", 1)), ("Y002", P, 3)),
    Fault(
        "escape character in the file",
        write(P, project() + "summary: a\x1b[31mb\n"),
        ("Y002", P, 7),
    ),
    Fault("empty file", write(P, ""), ("Y009", P, 1)),
    Fault("comments only", write(P, "# nothing\n"), ("Y009", P, 1)),
    # ------------------------------------------------------------ YAML
    Fault(
        "python tag",
        record(title="!!python/object/apply:os.system ['touch PWNED']"),
        ("Y005", P, 2),
    ),
    Fault("billion laughs", write(P, BILLION_LAUGHS), ("Y006", P, 2)),
    Fault("duplicate key", write(P, project() + "status: ongoing\n"), ("Y003", P, 7)),
    Fault("tab indentation", write(P, project() + "contact:\n\tname: Anna\n"), ("Y004", P, 8)),
    Fault("two documents", write(P, project() + "---\nid: x\n"), ("Y008", P, 7)),
    Fault("top level list", write(P, "- id: sekos-2\n"), ("Y010", P, 1)),
    Fault("syntax error", write(P, project() + "summary: [unclosed\n"), ("Y002", P, 8)),
    Fault("deep flow nesting", record(extra="{a: " + "[" * 600 + "]" * 600 + "}"), ("Y014", P, 7)),
    Fault("deep block nesting", write(P, project() + DEEP_BLOCK), ("Y014", P, 71)),
    Fault(
        "nested complex keys",
        write(P, project() + "? " + "{? " * 300 + "a: b" + "}" * 300 + "\n: 1\n"),
        ("Y011", P, 7),
    ),
    Fault("too large", write(P, project() + "summary: " + "x " * 600_000 + "\n"), ("Y015", P, 1)),
    # ------------------------------------------------------------ values
    Fault(
        "5000-digit integer", record(reach="[{count: " + "1" * 5000 + ", who: x}]"), ("S009", P, 7)
    ),
    Fault("10**100", record(reach=f"[{{count: {10**100}, who: x}}]"), ("S009", P, 7)),
    Fault("nan in extra", record(extra="{x: .nan}"), ("S009", P, 7)),
    Fault(
        "inf amount",
        record(funding="[{funder: icld, amount: {value: .inf, currency: SEK}}]"),
        ("S009", P, 7),
    ),
    Fault(
        "1e308 amount",
        record(funding="[{funder: icld, amount: {value: 1e308, currency: SEK}}]"),
        ("S009", P, 7),
    ),
    Fault("integer beyond 64 bits in extra", record(extra=f"{{x: {2**64}}}"), ("S009", P, 7)),
    Fault(
        "control characters", record(contact='{name: "a\\x01 \\x0b \\x1b[31mred"}'), ("S013", P, 7)
    ),
    Fault("control character in a key", record(extra='{"a\\x1bb": 1}'), ("S013", P, 7)),
    Fault("1500-character title", record(title="x" * 1500), ("S012", P, 2)),
    Fault("25000-character summary", record(summary="y" * 25_000), ("S012", P, 7)),
    Fault(
        "300-character names",
        both(
            record(title="T" * 300),
            write(
                "data/partners/vushtrri.yaml",
                "id: vushtrri\nname: " + "Ö" * 300 + "\ntype: municipality\ncountry: XK\n",
            ),
        ),
        None,
        0,
    ),
    Fault("long word", record(summary="x" * 5000), None, 0),
    Fault("errors behind errors", record(sdgs="[4, 18]", owner="utbildnin"), ("R003", P, 4)),
    # ------------------------------------------------------------ files
    Fault(
        "file name that is no id",
        write("data/projects/Ärende 1.yaml", project()),
        ("R001", "data/projects/Ärende 1.yaml", 1),
    ),
    Fault(
        "file name with a line break",
        write("data/projects/a\nb.yaml", project()),
        ("R001", "data/projects/a\nb.yaml", 1),
    ),
    Fault("upper-case suffix", write("data/projects/new.YAML", project(id="new")), None, 0),
    Fault("yml suffix", write("data/projects/new.yml", project(id="new")), None, 0),
    Fault("folder named like a record", write("data/projects/dir.yaml/x.yaml", project()), None, 0),
    Fault(
        "partners folder is a file", folder_as_file("data/partners"), ("Y012", "data/partners", 1)
    ),
    Fault(
        "broken intstrat.yaml",
        write("intstrat.yaml", "format: 1\norganisation: [\n"),
        ("Y002", "intstrat.yaml", 3),
    ),
]

OUTPUTS = ["r.docx", "b.html", "csv", "x.xlsx", "x.db", "site"]
COMMANDS: list[list[str]] = [
    ["report", "2020"],
    ["report", "2020", "-f", "html"],
    ["report", "2020", "-f", "docx", "-o", "{out}/r.docx"],
    ["brochure", "-f", "html", "-o", "{out}/b.html"],
    ["list"],
    ["list", "partners"],
    ["show", "sekos-2"],
    ["search", "kosovo"],
    ["stats"],
    ["export", "json"],
    ["export", "csv", "-o", "{out}/csv/"],
    ["export", "xlsx", "-o", "{out}/x.xlsx"],
    ["export", "sqlite", "-o", "{out}/x.db"],
    ["fmt", "--check"],
]


def snapshot(root: Path) -> dict[str, str]:
    """Every entry under `root`: its kind, and its bytes' hash or its link target.

    Leaves out the content cache (`loading.cache`), the one thing intstrat keeps in a
    repository on its own, git-ignored.
    """
    out: dict[str, str] = {}
    for folder, dirs, files in os.walk(root):
        if folder == str(root) and ".intstrat-cache" in dirs:
            dirs.remove(".intstrat-cache")
        for name in [*dirs, *files]:
            path = Path(folder) / name
            info = path.lstat()
            rel = path.relative_to(root).as_posix()
            if stat.S_ISLNK(info.st_mode):
                out[rel] = f"link {path.readlink()}"
            elif stat.S_ISREG(info.st_mode):
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
                out[rel] = f"file {digest} {oct(info.st_mode)}"
            else:
                out[rel] = f"other {oct(info.st_mode)}"
    return out


@pytest.fixture
def faulty(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Fault, Path, Path]:
    fault: Fault = request.param
    root = build_repo(tmp_path / "repo", {P: project(period="{start: 2018, end: 2021}")})
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text(
        f"id: secret\nname: {SECRET}\ntype: municipality\ncountry: SE\n", encoding="utf-8"
    )
    fault.setup(root, outside)
    return fault, root, tmp_path


def run(argv: list[str], root: Path, out: Path) -> tuple[int, str, BaseException | None]:
    args = [a.replace("{out}", str(out)) for a in argv]
    result = CliRunner().invoke(app, args, env={"INTSTRAT_REPO": str(root), "COLUMNS": "200"})
    exception = None if isinstance(result.exception, SystemExit) else result.exception
    return result.exit_code, result.output, exception


def place(finding: tuple[str, str, int]) -> str:
    _code, path, line = finding
    return f"{path.replace(chr(10), chr(92) + 'n')}:{line}:"


@pytest.mark.parametrize("faulty", FAULTS, ids=[f.name for f in FAULTS], indirect=True)
def test_check_names_the_file_and_line(
    faulty: tuple[Fault, Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    fault, root, tmp = faulty
    monkeypatch.chdir(root)
    before = snapshot(root)
    code, output, exception = run(["check"], root, tmp / "out")
    assert exception is None and code == fault.check_exit, output
    if fault.finding is not None:
        finding_code, path, line = fault.finding
        shown = path.replace("\n", "\\n")  # a line break in a file name is shown escaped
        assert f"{shown}:{line}:" in output, output
        assert f" {finding_code} " in output, output
        document = json.loads(run(["check", "--format", "json"], root, tmp / "out")[1])
        found = {(d["code"], d["path"], d["line"]) for d in document["diagnostics"]}
        assert fault.finding in found
        github = run(["check", "--format", "github"], root, tmp / "out")[1]
        assert all(
            line.startswith(("::error ", "::warning ", "checked ")) for line in github.splitlines()
        ), github
    assert "\x1b" not in output and SECRET not in output
    assert snapshot(root) == before
    assert not (root / "PWNED").exists()


@pytest.mark.parametrize("faulty", FAULTS, ids=[f.name for f in FAULTS], indirect=True)
def test_every_command_fails_cleanly(
    faulty: tuple[Fault, Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    fault, root, tmp = faulty
    monkeypatch.chdir(root)
    before = snapshot(root)
    problems = []
    for argv in COMMANDS:
        out = tmp / "out" / "-".join(argv[:2])
        code, output, exception = run(argv, root, out)
        name = " ".join(argv)
        if exception is not None or code not in (0, 1, 2):
            problems.append(f"{name}: exit {code} {exception!r} {output[-300:]}")
            continue
        if "Traceback" in output or "internal error" in output:
            problems.append(f"{name}: {output[-300:]}")
        if SECRET in output or "\x1b" in output:
            problems.append(f"{name}: leaks the secret or prints a control character")
        # Documents and exports refuse data with errors, naming them (exit 1); fmt names the
        # records it leaves alone. (list, show, search and stats query the valid records:
        # their exit 1 means "nothing found".)
        refuses = argv[0] in ("report", "brochure", "export") or (
            argv[0] == "fmt"
            and fault.finding is not None
            and fault.finding[1] == P
            and fault.finding[0][0] in "YS"  # fmt checks files, not the repository's rules
        )
        if code == 1 and refuses and fault.finding and place(fault.finding) not in output:
            problems.append(f"{name}: exit 1 without {place(fault.finding)}: {output[-300:]}")
        if code != 0 and out.exists() and any(out.iterdir()):
            problems.append(f"{name}: failed but wrote {sorted(out.iterdir())}")
        if snapshot(root) != before:
            problems.append(f"{name}: changed the repository")
    assert not (root / "PWNED").exists()
    assert problems == []


def test_template_faults_say_which_template_and_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text(SECRET, encoding="utf-8")
    for fault, message in (
        (FAULTS[7], "template templates/report.md.j2:1: the template tried something"),
        (FAULTS[8], "templates/report.md.j2: this is a symbolic link to"),
        (FAULTS[9], "template templates/report.md.j2:2: syntax error"),
    ):
        root = build_repo(tmp_path / fault.name)
        fault.setup(root, outside)
        code, output, exception = run(["report", "2020"], root, tmp_path / "out")
        assert (code, exception) == (2, None), output
        assert message in output
        assert SECRET not in output
    assert not (tmp_path / "PWNED").exists()


def test_markup_in_record_text_never_reaches_the_markdown(tmp_path: Path) -> None:
    root = build_repo(tmp_path / "repo", {P: project(period="{start: 2018, end: 2021}")})
    FAULTS[10].setup(root, tmp_path)
    code, output, _ = run(["report", "2020"], root, tmp_path / "out")
    assert code == 0, output
    assert not re.search(r"(?<!\\)<(script|img)", output)  # only escaped: \<script\>
    assert not re.search(r"(?<!\\)\]\((javascript|file):", output)
    assert "\\<script\\>alert(1)\\</script\\>" in output


@pytest.mark.parametrize(
    "source",
    [
        "{{ 'x' * 10**10 }}",
        "{{ [0] * 10**8 }}",
        "{{ 10 ** (10**10) }}",
        "{{ '%0999999999d' % 1 }}",
        "{{ '{:>999999999}'.format('x') }}",
        "{{ 'x'.ljust(999999999) }}",
        "{{ 'x' | center(999999999) }}",
        "{{ 'x' | indent(999999999, true) }}",
        "{{ '%-999999999s' | format('x') }}",
        "{{ [1] | batch(999999999, 0) | list }}",
        "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
        "{% extends 'report.md.j2' %}",
    ],
)
def test_a_template_cannot_exhaust_memory_or_the_stack(
    source: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A template from a pull request that builds gigabytes of text or recurses for ever is
    refused with its name and line (exit 2), before it fills the memory or overflows."""
    root = build_repo(tmp_path / "repo", {"templates/report.md.j2": "x\n" + source + "\n"})
    monkeypatch.chdir(root)
    code, output, exception = run(["report", "2020", "-o", "r.md"], root, tmp_path / "out")
    assert (code, exception) == (2, None), output
    assert "template templates/report.md.j2:2: " in output, output
    assert not (root / "r.md").exists()


def test_ordinary_template_arithmetic_still_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = "{{ 'ab' * 3 }} {{ 2 ** 10 }} {{ '%5d' % 3 }} {{ '{:>3}'.format(7) }} {{ 'x'|center(5) }}|\n"
    root = build_repo(tmp_path / "repo", {"templates/report.md.j2": source})
    code, output, exception = run(["report", "2020"], root, tmp_path / "out")
    assert (code, exception) == (0, None), output
    assert "ababab 1024     3   7   x  |" in output


def test_word_follow_up_with_a_300_character_organisation_name(tmp_path: Path) -> None:
    """Word's document properties hold 255 characters; the name may have 300 (S012)."""
    name = "Ö" * 300
    root = build_repo(tmp_path / "repo")
    config = (root / "intstrat.yaml").read_text(encoding="utf-8")
    (root / "intstrat.yaml").write_text(
        config.replace("{name: Testby kommun}", "{name: " + name + "}"), encoding="utf-8"
    )
    assert run(["check"], root, tmp_path)[0] == 0
    for argv in (["followup", "2019-2022"], ["report", "2020"]):
        out = tmp_path / f"{argv[0]}.docx"
        code, output, exception = run([*argv, "-f", "docx", "-o", str(out)], root, tmp_path)
        assert (code, exception) == (0, None), output
        assert out.read_bytes()[:2] == b"PK"


@pytest.mark.parametrize(
    "argv",
    [
        ["export", "json", "-o", "intstrat.yaml"],
        ["export", "json", "-o", ".git/config"],
        ["export", "csv", "-o", "data/"],
        ["export", "sqlite", "-o", "./data/partners/x.db"],
        ["export", "iati", "-o", "templates/x.xml"],
        ["report", "2020", "-f", "md", "-o", f"{P}"],
        ["followup", "2019-2022", "-f", "md", "-o", "data/projects/x.md"],
        ["site", "-o", "schemas/site"],
    ],
)
def test_an_output_never_replaces_the_repositorys_own_files(
    argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`-o intstrat.yaml` (a typo, a completed path) replaced the configuration with JSON;
    `-o .git/config` broke the git repository. The repository's inputs are refused."""
    root = build_repo(tmp_path / "repo")
    (root / ".git").mkdir()
    (root / ".git/config").write_text("[core]\n", encoding="utf-8")
    monkeypatch.chdir(root)
    before = snapshot(root)
    code, output, exception = run(argv, root, tmp_path / "out")
    assert (code, exception) == (2, None), output
    assert "which intstrat reads" in output, output
    assert snapshot(root) == before


@pytest.mark.parametrize(
    ("links", "argv"),
    [
        ({"out/s.md": f"../{P}"}, ["report", "2020", "-f", "md", "-o", "out/s.md"]),
        ({"out/x.json": "../intstrat.yaml"}, ["export", "json", "-o", "out/x.json"]),
        ({"out/x.zip": f"../{P}"}, ["export", "csv", "-o", "out/x.zip"]),
        ({"out/d": "../data/projects"}, ["export", "csv", "-o", "out/d"]),
        # The default path of a Word report, with no -o at all.
        (
            {"out/internationellt-arbete-2020.docx": "../intstrat.yaml"},
            ["report", "2020", "-f", "docx"],
        ),
    ],
)
def test_a_link_committed_into_out_never_turns_an_output_into_an_input(
    links: dict[str, str], argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pull request can commit out/s.md as a link to a record: the report written there
    replaced the record, a default .docx path replaced intstrat.yaml, a linked folder took
    an export's CSV files into data/projects. Each is refused, and nothing is changed."""
    root = build_repo(tmp_path / "repo")
    for name, target in links.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).symlink_to(target)
    monkeypatch.chdir(root)
    before = snapshot(root)
    code, output, exception = run(argv, root, tmp_path / "out")
    assert (code, exception) == (2, None), output
    assert "is a symbolic link to" in output and "which intstrat reads" in output, output
    assert snapshot(root) == before


def test_an_output_replaces_a_link_instead_of_writing_through_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A link in out/ to a file elsewhere (in the repository or not) is replaced by the
    output; the file it pointed to is left as it was."""
    root = build_repo(tmp_path / "repo")
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("mine\n", encoding="utf-8")
    (root / "out/csv").mkdir(parents=True)
    (root / "out/r.md").symlink_to(elsewhere)
    (root / "out/csv/projects.csv").symlink_to(elsewhere)
    monkeypatch.chdir(root)
    for argv in (
        ["report", "2020", "-f", "md", "-o", "out/r.md"],
        ["export", "csv", "-o", "out/csv"],
    ):
        code, output, exception = run(argv, root, tmp_path / "out")
        assert (code, exception) == (0, None), output
    assert elsewhere.read_text(encoding="utf-8") == "mine\n"
    assert not (root / "out/r.md").is_symlink() and (root / "out/r.md").read_text().startswith("#")
    assert not (root / "out/csv/projects.csv").is_symlink()
    assert (root / "out/csv/projects.csv").read_text(encoding="utf-8-sig").startswith("id,")


def test_an_output_beside_the_inputs_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = build_repo(tmp_path / "repo")
    monkeypatch.chdir(root)
    for argv in (["export", "json", "-o", "intstrat.json"], ["export", "csv", "-o", "out/csv/"]):
        code, output, exception = run(argv, root, tmp_path / "out")
        assert (code, exception) == (0, None), output
    assert (root / "intstrat.json").is_file() and (root / "out/csv/projects.csv").is_file()


@pytest.mark.parametrize(
    "argv",
    [
        ["new", "project", "--title", "a\x1b[31mred", "--status", "planned", "--owner", "omsorg"],
        ["new", "partner", "--name", "x\x01y", "--type", "municipality", "--country", "SE"],
    ],
)
def test_new_refuses_what_check_would_refuse(
    argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`new` promises a record valid from the start: a pasted control character in a title
    was written, and the next `check` failed on it (S013)."""
    root = build_repo(tmp_path / "repo")
    monkeypatch.chdir(root)
    before = snapshot(root)
    code, output, exception = run(argv, root, tmp_path / "out")
    assert (code, exception) == (2, None), output
    assert "invisible control character" in output
    assert "\x1b" not in output
    assert snapshot(root) == before


@pytest.mark.parametrize(
    ("files", "says"),
    [
        ({P: project().encode("utf-32")}, "Y001 the file is saved as UTF-32"),
        ({P: project(period="{start: 2019, end: 9999-12-31}")}, "the year is outside 1900 to 2100"),
        (
            {P: project(reach="[{count: 9999999999999999999, who: x}]")},
            "(19 digits) is far too large; a number in a record is at most 9,223,372,036,854,775,807",
        ),
    ],
)
def test_hints_say_what_is_wrong(files: dict[str, str | bytes], says: str, tmp_path: Path) -> None:
    """UTF-32 was called UTF-16, 9999-12-31 'not a date', and a 19-digit number 'more than
    19 digits long'."""
    root = build_repo(tmp_path / "repo")
    for rel, content in files.items():
        write(rel, content)(root, tmp_path)
    code, output, exception = run(["check"], root, tmp_path / "out")
    assert (code, exception) == (1, None), output
    assert says in output, output


def test_show_of_a_record_with_errors_says_so(tmp_path: Path) -> None:
    """It said "no project or partner 'sekos-2'; did you mean ...", as if the id were wrong."""
    root = build_repo(tmp_path / "repo", {P: project(sdgs="[18]")})
    code, output, exception = run(["show", "sekos-2"], root, tmp_path / "out")
    assert (code, exception) == (2, None), output
    assert "data/projects/sekos-2.yaml has errors, so 'sekos-2' cannot be shown" in output, output
    assert "S009" in output, output


def test_a_file_name_that_is_not_utf8_is_an_error_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A record copied with a name in another encoding (b'\\xff.yaml'): the cache, the
    search index and the site could not store its name, and every command ended in an
    internal error (exit 3). It is now one finding, and every command works."""
    root = build_repo(tmp_path / "repo")
    try:
        (root / "data/projects").joinpath(os.fsdecode(b"\xff.yaml")).write_text(
            (root / P).read_text(encoding="utf-8"), encoding="utf-8"
        )
    except (OSError, UnicodeError):
        pytest.skip("this file system takes only UTF-8 names")
    monkeypatch.chdir(root)
    code, output, exception = run(["check"], root, tmp_path / "out")
    assert (code, exception) == (1, None), output
    assert "data/projects/\ufffd.yaml:1:1: error Y001 the file's name is not valid UTF-8" in output
    for argv in (
        ["list"],
        ["search", "Kosovo"],
        ["stats"],
        ["site", "-o", "{out}", "--allow-errors"],
    ):
        code, output, exception = run(argv, root, tmp_path / "out")
        assert (code, exception) == (0, None), (argv, output)


def test_export_sqlite_allows_errors_in_intstrat_yaml(tmp_path: Path) -> None:
    """With intstrat.yaml broken there is no units table: the projects' foreign key to it
    was an internal error (exit 3). The export is written, without that key."""
    import sqlite3

    from tests.helpers import CONFIG

    root = build_repo(tmp_path / "repo", {"intstrat.yaml": CONFIG + "format: 99\n"})
    out = tmp_path / "x.sqlite"
    code, output, exception = run(["export", "sqlite", "--allow-errors", "-o", str(out)], root, out)
    assert (code, exception) == (0, None), output
    with sqlite3.connect(out) as db:
        assert db.execute("SELECT id FROM projects").fetchall() == [("sekos-2",)]
        assert db.execute("SELECT name FROM sqlite_master WHERE name = 'units'").fetchall() == []


def test_a_path_given_that_is_a_link_loop_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`check data/projects/lp.yaml` (lp.yaml -> lp.yaml) and `site -o lp` (lp -> lp) ended
    in an internal error from resolving the path."""
    root = build_repo(tmp_path / "repo")
    (root / "data/projects/lp.yaml").symlink_to("lp.yaml")
    (tmp_path / "lp").symlink_to("lp")
    monkeypatch.chdir(root)
    for argv in (["check", "data/projects/lp.yaml"], ["fmt", "data/projects/lp.yaml"]):
        code, output, exception = run(argv, root, tmp_path)
        assert (code, exception) == (2, None), output
        assert "data/projects/lp.yaml: a symbolic link that leads back to itself" in output
    (root / "data/projects/lp.yaml").unlink()
    code, output, exception = run(["site", "-o", str(tmp_path / "lp")], root, tmp_path)
    assert (code, exception) == (2, None), output
    assert "is a symbolic link that leads back to itself" in output


def test_messages_point_the_right_way(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """intstrat.yaml made a folder was 'no intstrat.yaml found'; a site under a file was
    'afile: the file exists'; a broken intstrat.yaml came after the record findings it
    causes, beyond the five shown."""
    folder = tmp_path / "f"
    (folder / "intstrat.yaml").mkdir(parents=True)
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(app, ["check"])
    assert result.exit_code == 2
    assert "intstrat.yaml is a folder; intstrat.yaml must be a file" in result.stderr
    root = build_repo(tmp_path / "repo")
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    code, output, _exc = run(["site", "-o", str(tmp_path / "afile/s")], root, tmp_path)
    assert code == 2 and f"{tmp_path / 'afile'} is not a folder" in output, output
    (root / "intstrat.yaml").write_text("format: 1\n", encoding="utf-8")
    for i in range(6):  # six partners naming a funder intstrat.yaml no longer has
        (root / f"data/partners/p{i}.yaml").write_text(
            f"id: p{i}\nname: P{i}\ntype: municipality\ncountry: SE\nfunders: [icld]\n",
            encoding="utf-8",
        )
    code, output, _exc = run(["export", "iati", "-o", str(tmp_path / "x.xml")], root, tmp_path)
    assert code != 0
    listed = [line for line in output.splitlines() if line.startswith("  ")]
    assert listed[0].startswith("  intstrat.yaml:1:1: S002"), output
